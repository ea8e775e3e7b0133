"""The gate on real documents nobody here wrote (tests/nlp/real/: news stories and trade
press in news/, council papers, minutes and releases in papers/, and a later mix of both in
fresh/, and three last mixes of both in unseen/, unseen2/ and unseen3/; each with its SOURCES.md),
read exactly as `councilfacts extract PATH... --jsonl` reads files: text only, no kind,
council or date. Gold was written blind, to ../shared/MEASURES.md, before the extractor
first ran on them. Scoring is ../shared/tools/score.py itself.

Floors are the scores when each set was adopted, rounded down to 0.05 (first run, then
raised as general causes were fixed): raising them is fine, lowering them needs a reason
in the commit message. `.venv/bin/pytest tests/nlp/test_real_documents.py -s` prints every
miss and false positive.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .gold_scoring import SCORE, assert_floor, check_well_formed

HERE = Path(__file__).resolve().parent / "real"
# (F1, precision, body) floors.
# first run 2026-12-02: news   recall 0.698 precision 0.896 F1 0.785 body 0.712 (47 documents)
#                       papers recall 0.611 precision 0.832 F1 0.705 body 0.889 (44 documents)
# fresh (34 more, collected and annotated after the fixes the first two prompted, scored once as they came):
#                       fresh  recall 0.752 precision 0.921 F1 0.828 body 0.529
# now (2026-12-02, after the general causes these sets showed were fixed):
#                       news   recall 0.818 precision 0.946 F1 0.877 body 0.898
#                       papers recall 0.741 precision 0.936 F1 0.827 body 0.878
#                       fresh  recall 0.862 precision 0.951 F1 0.904 body 0.569
#                       unseen recall 0.817 precision 0.968 F1 0.886 body 0.964
# unseen (32 more, collected and annotated 2026-12-02 after all the fixes above, first run as they came):
#                       unseen recall 0.731 precision 0.934 F1 0.820 body 0.904
# unseen2 (32 more, collected and annotated 2026-12-02/03 after the unseen fixes, first run as they came):
#                       unseen2 recall 0.707 precision 0.906 F1 0.794 body 0.958
# unseen3 (24 more, collected and annotated 2026-12-03 after the first unseen2 fixes, first run as they came):
#                       unseen3 recall 0.729 precision 0.934 F1 0.819 body 0.977
FLOORS = {"news": (0.85, 0.90, 0.85), "papers": (0.75, 0.90, 0.85), "fresh": (0.90, 0.90, 0.55), "unseen": (0.85, 0.95, 0.95), "unseen2": (0.75, 0.90, 0.95), "unseen3": (0.80, 0.90, 0.95)}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_gold_is_well_formed(name):
    rows = check_well_formed(HERE / name)
    sources = (HERE / name / "SOURCES.md").read_text(encoding="utf-8")
    assert [r["doc"] for r in rows if r["doc"] not in sources] == [], f"documents with no line in {name}/SOURCES.md"


@pytest.mark.skipif(not SCORE.exists(), reason=f"../shared/tools/score.py not found beside the checkout ({SCORE})")
@pytest.mark.parametrize("name", sorted(FLOORS))
def test_floor(name, tmp_path):
    assert_floor(HERE / name, FLOORS[name], tmp_path)
