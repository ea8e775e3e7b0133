"""Generalisation check on a BLIND set of 24 invented documents (tests/nlp/blind/).

The documents (12 news stories, 6 committee-report extracts, 6 Ofsted ILACS extracts) and
their gold were written and committed before the author looked at the extractor or its
measures file; see tests/nlp/blind/README.md for the annotation decisions. Scoring is
../shared/tools/score.py itself (imported by path), so the numbers agree with
`score.py tests/nlp/blind/gold.jsonl PRED`.

The floors are the scores measured when this test was written, rounded down to 0.05.
Raising them is fine; lowering them needs a reason in the commit message. Fix general
causes, not these texts. Run with `-s` to see the score table and every false positive
(with its sentence) and false negative (with the gold evidence):

    .venv/bin/pytest tests/nlp/test_blind.py -s
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .gold_scoring import SCORE, report, score

HERE = Path(__file__).resolve().parent
BLIND = HERE / "blind"
GOLD = BLIND / "gold.jsonl"
DOCS = BLIND / "docs"

# measured 2026-11-22 (extractor at c2e5c98 + its working tree then):
# recall 0.800 precision 0.965 F1 0.875 body 0.987 (157/159); 2026-11-23: recall 0.973
# precision 0.996 F1 0.984 body 0.995 (floor raised to keep it)
MIN_F1 = 0.95
MIN_PRECISION = 0.95

KINDS = {"news": "news", "committee": "committee_paper", "ofsted": "ofsted_report"}
GRADES = ("outstanding", "good", "requires improvement", "inadequate")

needs_score = pytest.mark.skipif(
    not SCORE.exists(),
    reason=f"../shared/tools/score.py not found beside the checkout ({SCORE}); it is a read-only "
    "contract, not in the repo, so the blind set cannot be scored here",
)


def gold_rows() -> list[dict]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


def doc_input(row: dict):
    """The document as the pipeline would hand it over: committee papers and Ofsted reports come
    from a source that covers one council; a news story's source covers an area, so no council."""
    from councilfacts.nlp.extractor import DocInput

    kind = KINDS[row["doc"].split("_", 1)[0]]
    text = (DOCS / f"{row['doc']}.txt").read_text(encoding="utf-8")
    return DocInput(text=text, doc_id=row["doc"], kind=kind, date=row.get("date"),
                    council=None if kind == "news" else row.get("council"))


@pytest.fixture(scope="module")
def run():
    from councilfacts.nlp.extractor import Extractor

    rows = gold_rows()
    docs = [doc_input(r) for r in rows]
    preds = {d.doc_id: facts for d, facts in zip(docs, Extractor().extract(docs))}
    return rows, preds


def test_blind_gold_is_well_formed():
    rows = gold_rows()
    stems = {p.stem for p in DOCS.glob("*.txt")}
    assert [r["doc"] for r in rows] == sorted(stems)
    for row in rows:
        assert row["doc"].split("_", 1)[0] in KINDS, row["doc"]
        assert row.get("date") and row.get("council"), row["doc"]
        text = (DOCS / f"{row['doc']}.txt").read_text(encoding="utf-8")
        assert 150 <= len(text.split()) <= 400, row["doc"]
        for f in row["facts"]:
            assert f["measure"] and isinstance(f["required"], bool), f
            assert f["evidence"] in text, (row["doc"], f["evidence"])
            if f["measure"] == "ofsted_rating":
                assert f["value"] is None and f["subject"] in GRADES, f
            else:
                assert isinstance(f["value"], (int, float)), f


@needs_score
def test_blind_floor(run, tmp_path):
    rows, preds = run
    table, overall = score(GOLD, tmp_path, preds)
    details = report(rows, preds)
    print("\n" + table + "\n" + details)
    assert set(preds) == {r["doc"] for r in rows}
    msg = (f"blind-set score fell below its floor (F1 >= {MIN_F1}, precision >= {MIN_PRECISION}):\n"
           f"{table}\n{details}")
    assert overall["F1"] >= MIN_F1, msg
    assert overall["precision"] >= MIN_PRECISION, msg
