"""The whole path: sample site over HTTP -> Scrapy crawl -> extraction -> SQLite -> Datasette."""

import asyncio
import concurrent.futures
import json
import subprocess
import sys
from pathlib import Path

import pytest
import sqlite_utils

from councilfacts.data import DATA_DIR

pytestmark = pytest.mark.slow


def councilfacts(*args, check=True):
    """The installed CLI, in its own process (Scrapy's reactor starts once per process)."""
    exe = Path(sys.executable).with_name("councilfacts")
    return subprocess.run([str(exe), *args], capture_output=True, text=True, check=check, timeout=600)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    path = tmp_path_factory.mktemp("e2e") / "councilfacts.db"
    result = councilfacts("run", "--sample", "--no-serve", "--db", str(path))
    return path, result


@pytest.fixture(scope="module")
def db(built):
    return sqlite_utils.Database(built[0])


def test_run_builds_documents_of_every_kind(db):
    kinds = {r["kind"] for r in db.query("select distinct kind from documents")}
    assert kinds == {"news", "committee_paper", "ofsted_report"}
    assert db["documents"].count >= 10


def test_facts_cover_at_least_eight_measures(db):
    measures = {r["measure"] for r in db.query("select distinct measure from facts where measure != 'other'")}
    assert len(measures) >= 8, measures


def test_every_fact_sentence_is_the_document_text_at_its_offsets(db):
    rows = list(
        db.query(
            "select f.sentence, f.sentence_start, f.sentence_end, f.figure, f.figure_start, f.figure_end, d.text"
            " from facts f join documents d on d.id = f.document_id where f.sentence_start is not null"
        )
    )
    assert rows
    for row in rows:
        assert row["text"][row["sentence_start"] : row["sentence_end"]] == row["sentence"]
        assert row["text"][row["figure_start"] : row["figure_end"]] == row["figure"]


def test_sample_expectations_are_met(db):
    """Facts a careful reader takes from the sample documents are there; the traps are not."""
    expected = json.loads((DATA_DIR / "sample" / "expected.json").read_text())
    found = {(r["measure"], r["value"]) for r in db.query("select measure, value from facts")}
    wanted = [
        (f["measure"], None if f.get("value") is None else float(f["value"]))
        for doc in expected["documents"]
        for f in doc["facts"]
        if f.get("required", True)
    ]
    hits = [w for w in wanted if w in found]
    assert len(hits) >= 0.8 * len(wanted), sorted(set(wanted) - found)


def test_full_text_search_finds_a_known_sentence(db):
    sentence = next(db.query("select sentence from facts where measure = 'unallocated_cases' limit 1"))["sentence"]
    word = max(sentence.split(), key=len).strip(".,;:'\"()")
    hits = list(db.query("select f.sentence from facts f join facts_fts on facts_fts.rowid = f.rowid where facts_fts match ?", [f'"{word}"']))
    assert sentence in [h["sentence"] for h in hits]
    docs = list(db.query("select rowid from documents_fts where documents_fts match ?", [f'"{word}"']))
    assert docs


def test_datasette_json_api_returns_the_facts_of_one_measure(built):
    """The real Datasette app over the built database (its own thread and loop: other
    tests in the session may hold a running loop, as Playwright's sync API does)."""
    from datasette.app import Datasette

    path, _ = built
    ds = Datasette([str(path)], immutables=[])
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        response = pool.submit(
            asyncio.run, ds.client.get(f"/{path.stem}/facts.json?measure=caseload&_shape=array&_size=max")
        ).result()
    assert response.status_code == 200
    rows = response.json()
    assert rows and {r["measure"] for r in rows} == {"caseload"}


def test_rerun_is_idempotent(built, tmp_path):
    path, _ = built
    before = sqlite_utils.Database(path)
    snapshot = lambda db: (  # noqa: E731
        sorted(r["content_hash"] for r in db.query("select content_hash from documents")),
        sorted(r["id"] for r in db.query("select id from facts")),
    )
    first = snapshot(before)
    councilfacts("run", "--sample", "--no-serve", "--db", str(path))
    assert snapshot(sqlite_utils.Database(path)) == first


def test_every_stored_document_says_it_is_sample_data(db):
    """The sample site's figures are invented about real council names: after the sample crawl
    every stored text (which is what facts, search and the published site show) and every
    title must say so. The page banner alone is not enough: text extraction drops it as
    boilerplate, so each story opens its body with a SAMPLE DATA paragraph and PDFs carry
    the marker in every page's header."""
    rows = list(db.query("select url, kind, title, text, page_starts from documents"))
    assert len(rows) == len(json.loads((DATA_DIR / "sample" / "expected.json").read_text())["documents"])
    for row in rows:
        assert "SAMPLE DATA" in row["text"], row["url"]
        assert "SAMPLE" in (row["title"] or ""), (row["url"], row["title"])
        starts = json.loads(row["page_starts"] or "null")
        if starts:
            bounds = [*starts, len(row["text"])]
            for page, (a, b) in enumerate(zip(bounds, bounds[1:]), start=1):
                assert "SAMPLE DATA" in row["text"][a:b], f"{row['url']} page {page}"
    titled = list(db.query("select f.id from facts f join documents d on d.id = f.document_id where d.title not like '%SAMPLE%'"))
    assert titled == []


def test_the_sample_marker_is_not_read_as_a_fact(db):
    rows = list(db.query("select sentence from facts where sentence like '%invented%' or sentence like '%SAMPLE DATA%'"))
    assert rows == []
