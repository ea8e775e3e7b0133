"""The seed articles (../shared/seeds), read into a database as `extract` reads files and
grouped into claims: their Northamptonshire figures group as a reader groups them."""

from __future__ import annotations

from pathlib import Path

import pytest

from councilfacts import claims
from councilfacts import db as store
from councilfacts.documents import read_path
from councilfacts.extract import extract_database

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
NCC = "E10000021"


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    files = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if not files:
        pytest.skip(f"no seed articles at {SEEDS} (the shared contracts are not beside the project)")
    from councilfacts.cli import load_extractor

    db = store.connect(tmp_path_factory.mktemp("seeds") / "seeds.db")
    for path in files:
        store.upsert_document(db, read_path(path), path.read_bytes())
    extract_database(db, load_extractor(None))
    claims.update(db)
    return db


def groups(db, measure):
    """{claim value: {(qualifier, value) of its facts}} for Northamptonshire County Council."""
    out = {}
    for value, qualifier, fact_value in db.execute(
        "select c.value, f.qualifier, f.value from claims c join facts f on f.claim_id = c.id"
        " where c.body_code = ? and c.measure = ?",
        [NCC, measure],
    ):
        out.setdefault(value, set()).add((qualifier, fact_value))
    return out


def test_more_than_150_and_152_are_one_claim_and_ofsteds_267_another(seeded):
    found = groups(seeded, "unallocated_cases")
    # the headline and first line's "more than 150" and the report's 152, as the story tells them
    assert found[152] == {("more_than", 150), ("exact", 152)}
    assert found[267] == {("exact", 267)}  # Ofsted's count six months before is a change over time
    assert not seeded["conflicts"].count


def test_64_job_cuts_and_more_than_60_staff_are_one_claim(seeded):
    assert groups(seeded, "job_cuts") == {64: {("more_than", 60), ("exact", 64)}}


def test_two_social_workers_caseloads_stay_two_figures(seeded):
    found = groups(seeded, "caseload")  # "I have more than 30 cases ... my colleague has almost 40"
    assert found[30] == {("more_than", 30)} and found[40] == {("almost", 40)}


def test_no_seed_figure_is_outside_a_claim(seeded):
    assert not seeded.execute(
        "select count(*) from facts where measure not in ('ofsted_rating', 'other') and claim_id is null"
    ).fetchone()[0]
