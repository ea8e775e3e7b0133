"""Generalisation check on blind set 3 (tests/nlp/blind3/: 30 invented documents, see its
README), read exactly as `councilfacts extract PATH... --jsonl` reads files: text only, no
document kind, council or date. Scoring is ../shared/tools/score.py itself.

The floors are the scores when the set was adopted, rounded down to 0.05: raising them is
fine, lowering them needs a reason in the commit message. Fix general causes, not these
texts. `.venv/bin/pytest tests/nlp/test_blind3.py -s` prints every miss and false positive.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .gold_scoring import SCORE, report, score

HERE = Path(__file__).resolve().parent / "blind3"
GOLD = HERE / "gold.jsonl"
DOCS = HERE / "docs"
MEASURES = {"job_cuts", "jobs_created", "caseload", "unallocated_cases", "agency_staff", "vacancies", "staff_turnover",
            "funding_cut", "budget", "waiting_time", "children_in_care", "child_protection", "referrals",
            "survey_share", "ofsted_rating"}
# measured 2026-11-23: recall 0.963 precision 0.981 F1 0.972 body 0.946 (first run: F1 0.891, body 0.786)
MIN_F1 = 0.95
MIN_PRECISION = 0.95
MIN_BODY = 0.90


def gold_rows() -> list[dict]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_blind3_gold_is_well_formed():
    rows = gold_rows()
    assert sorted(r["doc"] for r in rows) == sorted(p.stem for p in DOCS.glob("*.txt"))
    for row in rows:
        text = (DOCS / f"{row['doc']}.txt").read_text(encoding="utf-8")
        for f in row["facts"]:
            assert f["measure"] in MEASURES and isinstance(f["required"], bool), f
            assert f["evidence"] in text, (row["doc"], f["evidence"])


@pytest.mark.skipif(not SCORE.exists(), reason=f"../shared/tools/score.py not found beside the checkout ({SCORE})")
def test_blind3_floor(tmp_path):
    from councilfacts.nlp.extractor import DocInput, Extractor

    rows = gold_rows()
    docs = [DocInput(text=(DOCS / f"{r['doc']}.txt").read_text(encoding="utf-8"), doc_id=r["doc"]) for r in rows]
    preds = {d.doc_id: facts for d, facts in zip(docs, Extractor().extract(docs))}
    table, overall = score(GOLD, tmp_path, preds)
    print("\n" + table + "\n" + report(rows, preds))
    msg = f"blind set 3 fell below its floors (F1 {MIN_F1}, precision {MIN_PRECISION}, body {MIN_BODY}):\n{table}"
    assert overall["F1"] >= MIN_F1, msg
    assert overall["precision"] >= MIN_PRECISION, msg
    assert overall["body"] >= MIN_BODY, msg
