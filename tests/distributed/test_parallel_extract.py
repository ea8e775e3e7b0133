"""extract --workers N: the same facts as one process, with local processes or workers through Redis."""

import shutil
import sqlite3

import pytest
from typer.testing import CliRunner

from councilfacts import db as store
from councilfacts.cli import app

from .kit import article

runner = CliRunner()
N_DOCS = 60


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory):
    """A database of generated stories, crawled already (no facts yet)."""
    path = tmp_path_factory.mktemp("corpus") / "docs.db"
    db = store.connect(path)
    for i in range(N_DOCS):
        title, text = article(i)
        url = f"http://127.0.0.1/news/{i}.html"
        store.upsert_document(
            db,
            {"url": url, "canonical_url": url, "source": "generated", "spider": "news", "kind": "news", "title": title,
             "published": f"2026-{1 + i % 12:02d}-01", "text": text, "text_status": "ok",
             "content_hash": store.content_hash(text.encode())},
        )
    db.conn.close()
    return path


def facts_of(path):
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("select * from facts order by id").fetchall()
        pending = conn.execute("select count(*) from documents where extractor_version is null").fetchone()[0]
    finally:
        conn.close()
    return rows, pending


def extracted(corpus_db, tmp_path, name, *args):
    path = tmp_path / name
    shutil.copy(corpus_db, path)
    result = runner.invoke(app, ["extract", "--db", str(path), *args])
    assert result.exit_code == 0, result.output
    return facts_of(path)


@pytest.fixture(scope="module")
def one_worker(corpus_db, tmp_path_factory):
    return extracted(corpus_db, tmp_path_factory.mktemp("one"), "one.db")


@pytest.mark.redis
def test_two_workers_through_redis_give_the_facts_of_one(corpus_db, tmp_path, redis_url, one_worker):
    facts, pending = extracted(corpus_db, tmp_path, "two.db", "--workers", "2", "--redis", redis_url)
    one_facts, one_pending = one_worker
    assert len(one_facts) >= N_DOCS  # every story has figures: the comparison is not of two empty sets
    assert pending == one_pending == 0
    assert facts == one_facts


def test_two_local_processes_give_the_facts_of_one(corpus_db, tmp_path, one_worker):
    facts, pending = extracted(corpus_db, tmp_path, "local.db", "--workers", "2")
    assert pending == 0
    assert facts == one_worker[0]
