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

from pathlib import Path

import pytest

from .gold_scoring import SCORE, assert_floor, check_well_formed

HERE = Path(__file__).resolve().parent
# (F1, precision, body) floors. Measured 2026-11-23:
# blind3: recall 0.963 precision 0.986 F1 0.975 body 0.946 (first run F1 0.891, body 0.786)
# blind4: recall 0.893 precision 0.947 F1 0.919 body 0.995 (first run F1 0.889, body 0.854; its gold
#         files agency money under agency_staff, which MEASURES.md does not: see its README)
# blind5: recall 0.923 precision 0.981 F1 0.952 body 0.948 (first run F1 0.906, body 0.855; news)
FLOORS = {"blind3": (0.95, 0.95, 0.90), "blind4": (0.90, 0.90, 0.95), "blind5": (0.90, 0.95, 0.90)}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_gold_is_well_formed(name):
    check_well_formed(HERE / name)


@pytest.mark.skipif(not SCORE.exists(), reason=f"../shared/tools/score.py not found beside the checkout ({SCORE})")
@pytest.mark.parametrize("name", sorted(FLOORS))
def test_floor(name, tmp_path):
    assert_floor(HERE / name, FLOORS[name], tmp_path)
