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


def councilfacts(*args, env=None):
    import os
    import subprocess
    import sys

    return subprocess.Popen(
        [sys.executable, "-c", "from councilfacts.cli import app; app()", *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=dict(os.environ, **(env or {})),
    )


@pytest.mark.redis
def test_a_killed_extraction_worker_loses_nothing(corpus_db, tmp_path, redis_url, one_worker):
    """Its batch comes back from no one; once its lease runs out the writer sends it again."""
    import signal
    import time

    import redis

    from councilfacts.extract_workers import TASKS

    path = tmp_path / "killed.db"
    shutil.copy(corpus_db, path)
    server = redis.Redis.from_url(redis_url)
    writer = councilfacts("extract", "--db", str(path), "--workers", "0", "--redis", redis_url,
                          env={"COUNCILFACTS_EXTRACT_LEASE": "4"})
    deadline = time.monotonic() + 60
    while server.llen(TASKS) < 4:
        assert time.monotonic() < deadline and writer.poll() is None, "the writer sent no batches"
        time.sleep(0.02)
    short = {"COUNCILFACTS_EXTRACT_LEASE": "4"}
    victim = councilfacts("extract", "--redis", redis_url, "--worker-only", env=short)
    while server.llen(TASKS) == 4:
        assert time.monotonic() < deadline + 60 and victim.poll() is None, "the worker took no batch"
        time.sleep(0.005)
    victim.send_signal(signal.SIGKILL)  # mid-batch: its facts never come back
    victim.wait()
    survivor = councilfacts("extract", "--redis", redis_url, "--worker-only", env=short)
    _, err = writer.communicate(timeout=240)
    assert writer.returncode == 0, err[-3000:]
    survivor.communicate(timeout=60)
    assert survivor.returncode == 0
    assert "sent again" in err
    facts, pending = facts_of(path)
    assert pending == 0
    assert facts == one_worker[0]
