"""Politeness and economy are settings, on by default; crawl() can run twice in one process."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest
from scrapy.http import Request, Response
from scrapy.settings import Settings
from scrapy.utils.test import get_crawler

from councilfacts.scrapers.middlewares import BackoffRetryMiddleware, RevalidatingRFC2616Policy
from councilfacts.scrapers.spiders.news import NewsSpider


@pytest.fixture(scope="module")
def settings():
    s = Settings()
    s.setmodule("councilfacts.scrapers.settings")
    return s


def test_robots_txt_obeyed(settings):
    assert settings.getbool("ROBOTSTXT_OBEY")


def test_one_or_two_requests_per_host(settings):
    assert 1 <= settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN") <= 2


def test_autothrottle_and_a_delay(settings):
    assert settings.getbool("AUTOTHROTTLE_ENABLED") and settings.getfloat("DOWNLOAD_DELAY") >= 1


def test_user_agent_names_project_and_contact(settings):
    assert settings["USER_AGENT"].startswith("councilfacts/") and "contact:" in settings["USER_AGENT"]


def test_contact_from_environment():
    code = "from councilfacts.scrapers import settings; print(settings.USER_AGENT)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env={"COUNCILFACTS_CONTACT": "mailto:desk@example.org", "PATH": ""})
    assert "mailto:desk@example.org" in out.stdout


def test_size_cap_cookies_cache(settings):
    assert 0 < settings.getint("DOWNLOAD_MAXSIZE") <= 100 * 1024 * 1024
    assert not settings.getbool("COOKIES_ENABLED")
    assert settings.getbool("HTTPCACHE_ENABLED") and settings["HTTPCACHE_POLICY"].endswith("RevalidatingRFC2616Policy")


def test_backoff_doubles_and_obeys_retry_after(settings):
    crawler = get_crawler(NewsSpider, {"RETRY_BACKOFF_BASE": 2.0, "RETRY_BACKOFF_MAX": 30})
    mw = BackoffRetryMiddleware.from_crawler(crawler)
    request = Request("https://x/")
    assert mw.delay(request) == 2.0
    request.meta["retry_times"] = 2
    assert mw.delay(request) == 8.0
    request.meta["retry_times"] = 10
    assert mw.delay(request) == 30
    assert mw.delay(request, Response("https://x/", status=503, headers={"Retry-After": "7"})) == 7.0


def test_no_cache_responses_are_revalidated_not_refetched(settings):
    policy = RevalidatingRFC2616Policy(settings)
    cached = Response("https://x/feed", headers={"Cache-Control": "no-cache", "ETag": '"abc"', "Last-Modified": "Tue, 17 Nov 2026 08:00:00 GMT"})
    request = Request("https://x/feed")
    assert policy.is_cached_response_fresh(cached, request) is False
    assert request.headers[b"If-None-Match"] == b'"abc"' and request.headers[b"If-Modified-Since"]


def test_server_sees_our_user_agent_and_robots_first(site, crawl):
    site.write("news/feed.xml", '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>')
    crawl([{"name": "n", "spider": "news", "start_urls": [f"{site.base}/news/feed.xml"]}])
    assert site.log[0][1] == "/robots.txt"
    (agent,) = site.server.agents
    assert agent.startswith("councilfacts/")


def test_crawl_twice_in_one_process(site, tmp_path):
    """The reactor starts once a process: a second crawl() runs in a child process, same result shape."""
    site.write("news/feed.xml", '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
               '<item><title>A</title><link>{base}/news/a.html</link></item></channel></rss>')
    site.write("news/a.html", "<html><body><article><p>The council will cut 64 jobs this year to close a gap in its budget, "
               "the leader said at a meeting of the full council.</p></article></body></html>")
    sources = tmp_path / "s.yml"
    sources.write_text(json.dumps({"sources": [{"name": "n", "spider": "news", "start_urls": [f"{site.base}/news/feed.xml"]}]}))
    script = textwrap.dedent(
        f"""
        import json
        from councilfacts.crawl import crawl
        seen = []
        a = crawl({str(tmp_path / 'cf.db')!r}, ["n"], {str(sources)!r}, overrides={{"LOG_LEVEL": "ERROR"}}, on_item=lambda: seen.append(1))
        b = crawl({str(tmp_path / 'cf.db')!r}, ["n"], {str(sources)!r}, overrides={{"LOG_LEVEL": "ERROR"}})
        print(json.dumps([a["per_source"]["n"]["finish_reason"], b["per_source"]["n"]["finish_reason"], len(seen), b["unchanged"]]))
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout.strip().splitlines()[-1]) == ["finished", "finished", 1, 1]  # on_item called; 2nd: unchanged
