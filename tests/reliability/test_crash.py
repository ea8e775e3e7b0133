"""Crash safety: `kill -9` in the middle of a crawl and of an extraction, then re-runs.
The re-run finishes; no document is lost (every expected URL is stored), none is stored
twice, no fact is duplicated, and the facts equal those of a run never interrupted.

Scrapy's JOBDIR keeps "seen" request fingerprints; after a kill -9 the requests that were
in flight are in that set but were never stored, so a resumed crawl must still collect
them (start requests re-issued, the HTTP cache and the database skip what is stored)."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from .reliability_kit import Site, assert_no_duplicates, cli, cli_env, cli_popen, count, rows, rss
from .reliability_corpus import fill, text
from councilfacts import db as store

pytestmark = pytest.mark.slow

N_ARTICLES = 250  # > 200: Scrapy's dupefilter flushes its "seen" file every 8 KB (about 200 requests)
N_DOCS = 48


def kill_when(proc, db: Path, sql: str, at_least: int, timeout: float = 240) -> int:
    """SIGKILL `proc` once `sql` counts at least `at_least`; returns the count then."""
    deadline = time.time() + timeout
    seen = 0
    while time.time() < deadline:
        if proc.poll() is not None:
            break
        seen = count(db, sql) if db.exists() else 0
        if seen >= at_least:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            return count(db, sql)
        time.sleep(0.02)
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    pytest.fail(f"the process ended (exit {proc.returncode}) or stalled before it could be killed mid-way (count {seen})")


def popen(*args, log: Path, env=None):
    import subprocess

    from .reliability_kit import EXE

    out = open(log, "wb")
    return subprocess.Popen([str(EXE), *map(str, args)], stdout=out, stderr=subprocess.STDOUT, env=env or cli_env(),
                            start_new_session=True)


# --------------------------------------------------------------------------- crawl


@pytest.fixture
def slow_site():
    site = Site()
    links = []
    for i in range(N_ARTICLES):
        path = f"/news/2024/06/article-{i:03d}.html"
        body = ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>Article %d (TEST)</title></head><body><article>"
                % i + "".join(f"<p>{p}</p>" for p in text(1000 + i, paragraphs=2).split("\n\n")) + "</article></body></html>").encode()

        def slow(handler, body=body):
            time.sleep(0.02)
            return 200, {"Content-Type": "text/html; charset=utf-8"}, body

        site.routes[path] = slow
        links.append((f"Article {i}", path))
    site.routes["/news/feed.xml"] = (200, {"Content-Type": "application/rss+xml"}, rss(site.base, links))
    yield site
    site.close()


def sources_file(folder: Path, site: Site) -> Path:
    path = folder / "sources.yml"
    path.write_text(
        f"""
sources:
  - name: crash-news
    spider: news
    enabled: true
    councils: [{{name: Kent County Council, code: E10000016}}]
    start_urls: ["{site.url('/news/feed.xml')}"]
    max_age_days: 0
"""
    )
    return path


def test_kill_9_during_crawl_then_rerun_loses_and_duplicates_nothing(slow_site, tmp_path):
    site = slow_site
    db = tmp_path / "crawl.db"
    sources = sources_file(tmp_path, site)
    stored = "select count(*) n from documents"

    first = popen("crawl", "--sources-file", sources, "--db", db, log=tmp_path / "crawl1.log")
    at_kill = kill_when(first, db, stored, 5)
    assert at_kill < N_ARTICLES, "killed too late to test anything"
    assert_no_duplicates(db)

    # Killed again while resuming: job state left by one kill -9 must not poison the next.
    second = popen("crawl", "--sources-file", sources, "--db", db, log=tmp_path / "crawl2.log")
    kill_when(second, db, stored, min(N_ARTICLES - 5, at_kill + 8))
    assert_no_duplicates(db)

    final = cli("crawl", "--sources-file", sources, "--db", db, timeout=300)
    assert final.returncode == 0, final.stderr[-4000:]
    urls = {r["url"] for r in rows(db, "select url from documents")}
    expected = {site.url(f"/news/2024/06/article-{i:03d}.html") for i in range(N_ARTICLES)}
    lost = sorted(expected - urls)
    assert not lost, f"{len(lost)} of {N_ARTICLES} documents lost after kill -9, e.g. {lost[:3]}"
    assert rows(db, stored)[0]["n"] == N_ARTICLES
    assert_no_duplicates(db)

    extract = cli("extract", "--db", db, timeout=300)
    assert extract.returncode == 0, extract.stderr[-3000:]
    assert_no_duplicates(db)


# --------------------------------------------------------------------------- extraction


def facts_of(db: Path) -> list[dict]:
    return rows(db, "select * from facts order by id")


def test_kill_9_during_extraction_then_rerun_gives_exactly_the_facts_of_an_uninterrupted_run(tmp_path):
    reference, crashed = tmp_path / "reference.db", tmp_path / "crashed.db"
    fill(reference, N_DOCS)
    fill(crashed, N_DOCS)
    done = "select count(*) n from documents where extractor_version is not null"

    proc = popen("extract", "--db", crashed, log=tmp_path / "extract1.log")
    ref = popen("extract", "--db", reference, log=tmp_path / "reference.log")  # meanwhile, on the other core
    at_kill = kill_when(proc, crashed, done, 1)
    assert ref.wait(timeout=600) == 0, (tmp_path / "reference.log").read_text()[-3000:]
    assert 0 < at_kill < N_DOCS, f"killed after {at_kill} of {N_DOCS} documents: not mid-way"
    assert_no_duplicates(crashed)
    # Whatever was committed is whole: a document marked extracted has its facts; the others have none.
    half = rows(crashed, "select d.id, d.extractor_version v, count(f.id) n from documents d left join facts f on f.document_id = d.id group by d.id")
    assert all((r["v"] is None) == (r["n"] == 0) or r["v"] is not None for r in half)
    assert not [r for r in half if r["v"] is None and r["n"] > 0], "facts stored for a document not marked extracted"

    again = cli("extract", "--db", crashed, timeout=600)
    assert again.returncode == 0, again.stderr[-3000:]
    assert count(crashed, "select count(*) n from documents where extractor_version is null") == 0
    assert_no_duplicates(crashed)
    ref_facts = facts_of(reference)
    assert ref_facts, "the reference run read no facts: the test proves nothing"
    assert facts_of(crashed) == ref_facts
    # A third run has nothing left to do and changes nothing.
    third = cli("extract", "--db", crashed, timeout=600)
    assert third.returncode == 0
    assert facts_of(crashed) == ref_facts


def test_writes_are_transactional_and_journalled(tmp_path, monkeypatch):
    import sqlite_utils.db

    db = store.connect(tmp_path / "t.db")
    assert db.execute("pragma journal_mode").fetchone()[0] == "wal"
    fill(tmp_path / "t.db", 2, paragraphs=1)
    doc_id = rows(tmp_path / "t.db", "select id from documents limit 1")[0]["id"]
    good = {"measure": "job_cuts", "value": 1.0, "figure": "1", "figure_start": 0, "figure_end": 1,
            "sentence": "x", "sentence_start": 0, "sentence_end": 1, "qualifier": "exact", "unit": "posts", "subject": "jobs"}
    store.replace_facts(db, doc_id, [good], "v1")

    def boom(self, *args, **kwargs):
        raise RuntimeError("disk on fire")

    # The old facts are deleted first inside the transaction; the insert then fails.
    monkeypatch.setattr(sqlite_utils.db.Table, "insert_all", boom)
    with pytest.raises(RuntimeError):
        store.replace_facts(db, doc_id, [dict(good, value=2.0)], "v2")
    monkeypatch.undo()
    # The failed swap left the old facts and version whole, seen from another connection too.
    assert [(r["value"], r["extractor_version"]) for r in rows(tmp_path / "t.db", "select * from facts")] == [(1.0, "v1")]
    assert rows(tmp_path / "t.db", "select extractor_version v from documents where id = ?", [doc_id])[0]["v"] == "v1"
