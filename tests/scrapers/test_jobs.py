"""Resumable jobs: what survives a graceful stop and a kill -9."""

from __future__ import annotations

import json
import signal
import subprocess
import time

from scrapy import Request
from scrapy.utils.request import RequestFingerprinter

from councilfacts.scrapers import jobs

from .conftest import crawl_argv, run_crawl
from .test_news_http import article


def test_prepare_after_a_kill_drops_the_half_written_queue(tmp_path):
    job = tmp_path / "job"
    (job / "requests.queue").mkdir(parents=True)
    (job / "requests.seen").write_bytes(b"x")
    (job / jobs.DONE).write_text("ab\n")
    (job / jobs.RUNNING).touch()
    assert jobs.prepare(job) is True
    assert not (job / "requests.queue").exists() and not (job / "requests.seen").exists()
    assert (job / jobs.DONE).exists() and (job / jobs.RUNNING).exists()


def test_finish_clears_a_finished_job_and_keeps_an_interrupted_one(tmp_path):
    job = tmp_path / "job"
    jobs.prepare(job)
    jobs.finish(job, finished=False)
    assert job.exists() and not (job / jobs.RUNNING).exists()
    jobs.finish(job, finished=True)
    assert not job.exists()


def test_dupefilter_skips_documents_done_in_earlier_runs(tmp_path):
    fp = RequestFingerprinter()
    done = Request("https://x/a.pdf")
    jobs.mark_done(str(tmp_path), fp.fingerprint(done).hex())
    with open(tmp_path / jobs.DONE, "a") as f:
        f.write("zz-cut-short")  # a line cut by a kill
    dupes = jobs.JobDupeFilter(str(tmp_path), fingerprinter=fp)
    assert dupes.request_seen(Request("https://x/a.pdf"))
    assert not dupes.request_seen(Request("https://x/b.pdf"))
    assert dupes.request_seen(Request("https://x/b.pdf"))  # within the run, as usual
    assert not dupes.request_seen(Request("https://x/a.pdf", dont_filter=True))
    assert not (tmp_path / "requests.seen").exists()


def test_kill_9_mid_crawl_then_rerun_collects_everything_once(site, tmp_path, db):
    slugs = [f"k{i}" for i in range(8)]
    items = "".join(
        f"<item><title>Story {s}</title><link>{{base}}/slow/{s}.html</link><pubDate>Tue, 17 Nov 2026 08:00:00 +0000</pubDate></item>" for s in slugs
    )
    site.write("news/feed.xml", f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{items}</channel></rss>')
    for s in slugs:
        site.write(f"slow/{s}.html", article(s, f"Story {s}", "2026-11-17", f"Story {s}: the council will cut {ord(s[1]) * 3} jobs to balance its budget this year."))
    entry = {"name": "k", "spider": "news", "start_urls": [f"{site.base}/news/feed.xml"], "max_age_days": 30}
    child = subprocess.Popen(crawl_argv(tmp_path, [entry], CONCURRENT_REQUESTS=2), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 30
    while db()["documents"].count < 2:
        assert time.time() < deadline and child.poll() is None
        time.sleep(0.05)
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    assert (tmp_path / ".scrapy" / "jobs" / "k" / jobs.RUNNING).exists()
    killed_at = db()["documents"].count
    stats = run_crawl(tmp_path, [entry])
    assert stats["per_source"]["k"]["resumed"] is True and stats["per_source"]["k"]["finish_reason"] == "finished"
    assert db()["documents"].count == len(slugs) > killed_at
    assert stats["new"] == len(slugs) - killed_at  # only the ones not stored before the kill
