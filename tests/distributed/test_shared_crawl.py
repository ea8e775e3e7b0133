"""Crawler processes sharing one frontier in Redis: nothing fetched twice, nothing lost to kill -9."""

import json
import pickle
import signal
import sqlite3
import time

import pytest
import redis

from councilfacts.frontier import ITEMS, STORING, source_keys

from .kit import CorpusSite, crawl_worker

pytestmark = pytest.mark.redis

SOURCE = "generated-news"


@pytest.fixture
def site():
    running = CorpusSite(n_docs=40, delay=0.15).start()
    yield running
    running.stop()


def finish(proc, timeout=180):
    out, err = proc.communicate(timeout=timeout)
    assert proc.returncode == 0, err[-3000:]
    return json.loads(out.strip().splitlines()[-1])


def stored(db):
    conn = sqlite3.connect(db)
    try:
        return conn.execute("select url from documents").fetchall()
    finally:
        conn.close()


def agent_fetches(site, agent):
    return sum(n for (a, path), n in site.agents.items() if a == agent and path.startswith("/news/"))


def test_two_workers_share_one_frontier_and_no_url_is_fetched_twice(tmp_path, site, redis_url):
    sources = site.sources_file(tmp_path / "sources.yml")
    db = tmp_path / "crawl.db"
    store_side = crawl_worker(db, sources, redis_url, agent="worker-a")
    fetcher = crawl_worker(db, sources, redis_url, agent="worker-b", fetch_only=True)
    stats_a, stats_b = finish(store_side), finish(fetcher)

    # Robots.txt is each process's own politeness state; every other path is asked for once.
    assert {p: n for p, n in site.counts.items() if n != 1 and p != "/robots.txt"} == {}
    assert len(site.article_counts()) == 40
    assert agent_fetches(site, "worker-a") > 0 and agent_fetches(site, "worker-b") > 0, site.agents
    assert stats_a["per_source"][SOURCE]["requests"] + stats_b["per_source"][SOURCE]["requests"] == sum(site.counts.values())
    rows = stored(db)
    assert len(rows) == len(set(rows)) == 40
    assert stats_a["new"] == 40 and stats_b["new"] == 0  # only the store writes
    server = redis.Redis.from_url(redis_url)
    keys = source_keys(SOURCE)
    assert not server.llen(ITEMS) and not server.llen(STORING) and not server.hlen(keys["leases"])
    assert not server.exists(keys["dupefilter"])  # a finished crawl leaves a fresh filter for the next


def leased_urls(server) -> set[str]:
    urls = set()
    for value in server.hvals(source_keys(SOURCE)["leases"]):
        urls.add(pickle.loads(value.split(b"|", 1)[1])["url"])
    return urls


def test_a_worker_killed_with_sigkill_loses_nothing_and_only_its_unfinished_requests_are_fetched_again(
    tmp_path, site, redis_url
):
    sources = site.sources_file(tmp_path / "sources.yml")
    db = tmp_path / "crawl.db"
    server = redis.Redis.from_url(redis_url)
    victim = crawl_worker(db, sources, redis_url, agent="victim", fetch_only=True)
    deadline = time.monotonic() + 60
    while agent_fetches(site, "victim") < 4:
        assert time.monotonic() < deadline and victim.poll() is None, "the worker fetched nothing"
        time.sleep(0.02)
    victim.send_signal(signal.SIGKILL)
    victim.wait()
    in_flight = leased_urls(server)  # held by the dead worker alone: nobody else runs yet
    assert in_flight, "the worker was killed with nothing in flight: the test proves nothing"
    done_by_victim = agent_fetches(site, "victim")

    survivor = crawl_worker(db, sources, redis_url, agent="survivor")  # also the store
    stats = finish(survivor)

    rows = stored(db)
    assert len(rows) == len(set(rows)) == 40, "a document was lost or stored twice"
    assert len(site.article_counts()) == 40
    twice = {site.base + p for p, n in site.counts.items() if n > 1 and p != "/robots.txt"}
    assert twice <= in_flight, f"fetched again though the killed worker had finished them: {twice - in_flight}"
    assert stats["new"] == 40  # the victim's finished documents came through Redis too
    assert done_by_victim < 40


def test_every_worker_stopped_then_started_again_resumes_the_crawl(tmp_path, site, redis_url):
    sources = site.sources_file(tmp_path / "sources.yml")
    db = tmp_path / "crawl.db"
    first = [crawl_worker(db, sources, redis_url, agent="first", fetch_only=True) for _ in range(2)]
    while agent_fetches(site, "first") < 10:
        time.sleep(0.02)
    for proc in first:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    before = sum(site.article_counts().values())
    assert before < 40
    in_flight = leased_urls(redis.Redis.from_url(redis_url))

    stats = finish(crawl_worker(db, sources, redis_url, agent="second"))

    rows = stored(db)
    assert len(rows) == len(set(rows)) == 40
    assert site.counts["/sitemap.xml"] == 1  # resumed, not started again
    twice = {site.base + p for p, n in site.counts.items() if n > 1 and p != "/robots.txt"}
    assert twice <= in_flight  # only what was left, and what was in flight at the kill
    assert agent_fetches(site, "second") == 40 - before + len(twice)
    assert stats["new"] == 40


def test_an_item_the_store_cannot_read_is_recorded_and_the_rest_are_stored(tmp_path, redis_url):
    from councilfacts.frontier import Store, encode_item

    server = redis.Redis.from_url(redis_url)
    body = b"<html><head><title>Job cuts</title></head><body><p>" + b"Essex County Council will cut 64 jobs. " * 20 + b"</p></body></html>"
    good = {"url": "http://127.0.0.1/a.html", "source": SOURCE, "spider": "news", "kind": "news", "body": body,
            "http_status": 200, "fetched_at": "2026-11-01T00:00:00+00:00", "expect": ["text/html"]}
    server.rpush(ITEMS, b"{not json", encode_item(good))
    store = Store(tmp_path / "store.db", redis_url)
    store.run(lambda: True)
    store.close()
    conn = sqlite3.connect(tmp_path / "store.db")
    assert conn.execute("select count(*) from documents").fetchone()[0] == 1
    assert "could not be stored" in conn.execute("select reason from errors").fetchone()[0]
    assert not server.llen(ITEMS) and not server.llen(STORING)
