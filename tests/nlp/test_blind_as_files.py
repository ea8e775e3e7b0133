"""Generalisation checks on blind sets 3, 4 and 5 (tests/nlp/blind3/, blind4/, blind5/:
invented documents with gold written blind; see each README), read exactly as
`councilfacts extract PATH... --jsonl` reads files: text only, no document kind, council
or date. Scoring is ../shared/tools/score.py itself.

The floors are the scores when each set was adopted, rounded down to 0.05: raising them is
fine, lowering them needs a reason in the commit message. Fix general causes, not these
texts. `.venv/bin/pytest tests/nlp/test_blind_as_files.py -s` prints every miss and false
positive.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .gold_scoring import SCORE, report, score

HERE = Path(__file__).resolve().parent
MEASURES = {"job_cuts", "jobs_created", "caseload", "unallocated_cases", "agency_staff", "vacancies", "staff_turnover",
            "funding_cut", "budget", "waiting_time", "children_in_care", "child_protection", "referrals",
            "survey_share", "ofsted_rating"}
# (F1, precision, body) floors. Measured 2026-11-23:
# blind3: recall 0.963 precision 0.986 F1 0.975 body 0.946 (first run F1 0.891, body 0.786)
# blind4: recall 0.893 precision 0.947 F1 0.919 body 0.995 (first run F1 0.889, body 0.854; its gold
#         files agency money under agency_staff, which MEASURES.md does not: see its README)
# blind5: recall 0.923 precision 0.981 F1 0.952 body 0.948 (first run F1 0.906, body 0.855; news)
FLOORS = {"blind3": (0.95, 0.95, 0.90), "blind4": (0.90, 0.90, 0.95), "blind5": (0.90, 0.95, 0.90)}


def gold_rows(name: str) -> list[dict]:
    return [json.loads(line) for line in (HERE / name / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_gold_is_well_formed(name):
    docs = HERE / name / "docs"
    rows = gold_rows(name)
    assert sorted(r["doc"] for r in rows) == sorted(p.stem for p in docs.glob("*.txt"))
    for row in rows:
        text = (docs / f"{row['doc']}.txt").read_text(encoding="utf-8")
        for f in row["facts"]:
            assert f["measure"] in MEASURES and isinstance(f["required"], bool), f
            assert f["evidence"] in text, (row["doc"], f["evidence"])


@pytest.mark.skipif(not SCORE.exists(), reason=f"../shared/tools/score.py not found beside the checkout ({SCORE})")
@pytest.mark.parametrize("name", sorted(FLOORS))
def test_floor(name, tmp_path):
    from councilfacts.nlp.extractor import DocInput, Extractor

    docs = HERE / name / "docs"
    rows = gold_rows(name)
    inputs = [DocInput(text=(docs / f"{r['doc']}.txt").read_text(encoding="utf-8"), doc_id=r["doc"]) for r in rows]
    preds = {d.doc_id: facts for d, facts in zip(inputs, Extractor().extract(inputs))}
    table, overall = score(HERE / name / "gold.jsonl", tmp_path, preds)
    print(f"\n{name}\n{table}\n{report(rows, preds)}")
    f1, precision, body = FLOORS[name]
    msg = f"{name} fell below its floors (F1 {f1}, precision {precision}, body {body}):\n{table}"
    assert overall["F1"] >= f1, msg
    assert overall["precision"] >= precision, msg
    assert overall["body"] >= body, msg
