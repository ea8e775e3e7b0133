"""Quality gate: value F1 of `councilfacts extract --all` on general news sentences (NewsQuant).

The sentences are read as the CLI reads files (tests/nlp/value_scoring.py writes each to a
.txt file and runs extract_paths with all_figures), and scored strictly: the same value, or
the same two ends of a range. See tests/nlp/quantities/SOURCES.md for the sets.

First run (2026-12-02, reader before values-as-written): dev F1 59.7, held-out F1 52.4, unseen
F1 63.4. The unseen part was added after the reader was rewritten on the dev part; its first
run with the new reader scored 92.4, and it has not been used to change the reader.
The floors below are the scores when this gate was written, rounded down; raising them is
fine, lowering them needs a reason in the commit message. Fix general causes, not these
sentences; run with -s to see every miss and extra:

    .venv/bin/pytest tests/nlp/test_value_f1.py -s
"""

from __future__ import annotations

import pytest

from councilfacts.nlp.extractor import Extractor

from .value_scoring import SETS, report, run

# held-out 0.894 -> 0.881 when a move "from X to Y" became two levels even with both units written
# ("rose from 40% to 60%"), as MEASURES.md's gold reads it and NewsQuant's does not
FLOORS = {"newsquant_dev.jsonl": 0.89, "newsquant_heldout.jsonl": 0.88, "newsquant_unseen.jsonl": 0.92}
MIN_UNIT_ACCURACY = 0.95


@pytest.fixture(scope="module")
def extractor():
    return Extractor()


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_value_f1(extractor, name):
    sc = run(SETS / name, extractor)
    print(report(name, sc, verbose=True))
    assert sc.f1 >= FLOORS[name], report(name, sc)
    # where a figure's unit is one the reader names (money, durations, lengths ...), it is the gold's
    assert sc.unit_accuracy >= MIN_UNIT_ACCURACY, report(name, sc)
