"""A data-desk schedule: `councilfacts run --council NAME --no-serve` from cron.

A re-run of an unchanged site asks only conditional questions and re-reads nothing; a run
that starts while the last is still going stops instead of writing into the same database."""

from __future__ import annotations

import fcntl
import re
import shutil
import subprocess
import sys
from pathlib import Path

COUNCILFACTS = shutil.which("councilfacts", path=str(Path(sys.executable).parent))


def run(db: Path, *args: str) -> subprocess.CompletedProcess:
    argv = [COUNCILFACTS, "run", "--sample", "--council", "Essex", "--no-serve", "--db", str(db), *args]
    return subprocess.run(argv, capture_output=True, text=True, timeout=600, stdin=subprocess.DEVNULL)


def test_a_rerun_collects_and_reads_nothing_when_nothing_changed(tmp_path):
    db = tmp_path / "cf.db"
    first = run(db)
    assert first.returncode == 0, first.stderr[-3000:]
    new = int(re.search(r"crawl: 4 sources, (\d+) new", first.stderr).group(1))
    assert new >= 10 and f"extract: {new} documents read" in first.stderr
    again = run(db)
    assert again.returncode == 0, again.stderr[-3000:]
    assert "crawl: 4 sources, 0 new, 0 changed" in again.stderr
    assert "extract: 0 documents read" in again.stderr


def test_a_run_that_overlaps_the_last_one_stops(tmp_path):
    db = tmp_path / "cf.db"
    with open(tmp_path / "cf.db.lock", "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        busy = run(db)
    assert busy.returncode == 2 and "another councilfacts run is using it" in busy.stderr
    assert not db.exists()
