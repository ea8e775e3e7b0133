"""Quality gate: the extractor on the five gold seed articles, scored by the shared score.py.

The floors are pinned; raising them is fine, lowering them needs a reason in the commit.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from councilfacts.nlp.extractor import DocInput, Extractor

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
GOLD = SHARED / "gold" / "seeds.jsonl"
SEEDS = SHARED / "seeds"
SCORE = SHARED / "tools" / "score.py"
MIN_F1 = 0.95
MIN_BODY = 0.9

pytestmark = pytest.mark.skipif(
    not (GOLD.exists() and SEEDS.exists() and SCORE.exists()),
    reason=f"gold seeds not found beside the checkout ({SHARED}); they are read-only contracts, not in the repo",
)


def test_seed_gold_floors(tmp_path):
    ex = Extractor()
    docs = [DocInput(text=p.read_text(encoding="utf-8"), doc_id=p.stem) for p in sorted(SEEDS.glob("*.txt"))]
    pred = tmp_path / "pred.jsonl"
    with pred.open("w", encoding="utf-8") as fh:
        for d, facts in zip(docs, ex.extract(docs)):
            fh.write(json.dumps({"doc": d.doc_id, "facts": facts}) + "\n")
    run = subprocess.run([sys.executable, str(SCORE), str(GOLD), str(pred), "--min-f1", str(MIN_F1),
                          "--min-body", str(MIN_BODY), "--verbose"], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    overall = [line for line in run.stdout.splitlines() if line.startswith("overall")][0]
    f1 = float(overall.split("F1 ")[1].split()[0])
    assert f1 >= MIN_F1, overall
