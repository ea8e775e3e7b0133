"""Issue 12's "done when" on the real sample database (`councilfacts run --sample --no-serve`):
the claims and the conflict are the ones a reader of the sample documents draws by hand."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import sqlite_utils

NCC = "E10000021"

# Every unallocated-cases figure about Northamptonshire County Council in the sample, grouped
# as a reader groups them: which documents repeat one figure, and what it is.
READER = {
    "270": ["Hundreds of vulnerable children left waiting"],  # "more than 270", internal figures seen by the Gazette
    "163": [  # the Q1 report, the story citing it ("more than 160"), the Q2 report's "163 at 30 June"
        "Performance Report: Quarter 1 2019/20",
        "More than 160 children still waiting",
        "Performance Report: Quarter 2 2019/20",
    ],
    # the end of March, a change over time; the story's "when it stood at 201" too, where it is read
    "201": ["Performance Report: Quarter 1 2019/20", "?More than 160 children still waiting"],
    "97": ["Children's services inspection", "Press release: Unison count"],  # Ofsted, repeated by the union
    "148": ["Performance Report: Quarter 2 2019/20", "Nearly 150 children still waiting"],
    "187": ["Press release: Unison count"],  # the union's own count: the conflict
    "31": ["Children's services monitoring visit"],
}


def claim_groups(db, body_code, measure):
    rows = db.execute(
        "select c.value, d.title from claims c join facts f on f.claim_id = c.id join documents d on d.id = f.document_id"
        " where c.body_code = ? and c.measure = ? order by c.value, d.title",
        [body_code, measure],
    ).fetchall()
    groups = {}
    for value, title in rows:
        groups.setdefault(f"{value:g}", set()).add(title)
    return groups


def test_unallocated_cases_group_as_a_reader_groups_them(sample_db):
    db = sqlite_utils.Database(sample_db)
    groups = claim_groups(db, NCC, "unallocated_cases")
    assert set(groups) == set(READER)
    for value, parts in READER.items():
        titles = groups[value]
        required = [p for p in parts if not p.startswith("?")]
        allowed = [p.lstrip("?") for p in parts]
        for part in required:
            assert any(part in t for t in titles), (value, part, titles)
        for title in titles:  # and nothing else
            assert any(part in title for part in allowed), (value, title)


def test_a_claim_takes_the_primary_sources_value_and_its_first_source(sample_db):
    db = sqlite_utils.Database(sample_db)
    row = next(db.query("select * from claims where body_code = ? and measure = 'unallocated_cases' and value = 163", [NCC]))
    assert (row["kind"], row["primary_source"], row["n_sources"], row["first_kind"], row["first_date"]) == (
        "committee_paper", 1, 3, "committee_paper", "2019-07-23"
    )
    assert row["date"] == "2019-06-30"  # "163 at 30 June 2019" pins the quarter's figure to its day
    story = next(db.query("select * from claims where body_code = ? and value = 148", [NCC]))
    assert story["value_text"] == "148 children" and story["kinds"] == "committee_paper,news"  # not the story's "nearly 150"


def test_the_one_conflict_is_the_unions_count_against_the_report(sample_db):
    db = sqlite_utils.Database(sample_db)
    rows = list(db.query("select * from conflicts"))
    assert [(r["body_code"], r["measure"], r["period"], r["value_a"], r["kind_a"], r["value_b"], r["kind_b"]) for r in rows] == [
        (NCC, "unallocated_cases", "2019-09-30", "148 children", "committee_paper", "187 children", "news")
    ]
    # a change over time (163 in June, 97 in August, 148 in September) is not a conflict
    flagged = {r["value"] for r in db.query("select value from claims where conflicts > 0")}
    assert flagged == {148.0, 187.0}


def test_done_when_claims_of_several_kinds_a_conflict_and_no_fact_outside_a_claim(sample_db):
    db = sqlite_utils.Database(sample_db)
    mixed = db.execute("select count(*) from claims where kinds like '%,%'").fetchone()[0]
    assert mixed >= 3
    assert db["conflicts"].count >= 1
    outside = db.execute(
        "select count(*) from facts where measure is not null and measure not in ('ofsted_rating', 'other') and claim_id is null"
    ).fetchone()[0]
    assert outside == 0
    # exactly one: the members a claim counts are the facts that name it
    assert db.execute("select sum(n_facts) from claims").fetchone()[0] == db.execute(
        "select count(*) from facts where claim_id is not null"
    ).fetchone()[0]


def snapshot(path):
    db = sqlite_utils.Database(path)
    return (
        sorted(tuple(r) for r in db.execute("select * from claims")),
        sorted(tuple(r) for r in db.execute("select * from conflicts")),
        sorted(tuple(r) for r in db.execute("select id, claim_id from facts")),
    )


def test_a_second_run_changes_no_claim(sample_db, tmp_path):
    copy = tmp_path / "councilfacts.db"
    shutil.copy(sample_db, copy)
    for suffix in ("-wal", "-shm"):
        if Path(str(sample_db) + suffix).exists():
            shutil.copy(str(sample_db) + suffix, str(copy) + suffix)
    before = snapshot(copy)
    exe = Path(sys.executable).with_name("councilfacts")
    result = subprocess.run([str(exe), "run", "--sample", "--no-serve", "--db", str(copy)], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    assert snapshot(copy) == before
