"""The news spider over HTTP on 127.0.0.1: feed + sitemap -> articles -> database;
a second crawl of the unchanged site fetches nothing new; a changed article is stored once more."""

from __future__ import annotations

import pytest
from .conftest import crawl_argv, run_crawl

ARTICLE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{title} | Shire Chronicle</title>
<link rel="canonical" href="{base}/news/2026/11/{slug}.html">
<script type="application/ld+json">{{"@context":"https://schema.org","@type":"NewsArticle","headline":"{title}",
"datePublished":"{date}T08:00:00Z","author":{{"@type":"Person","name":"Sam Writer"}},"articleSection":"Politics"}}</script>
</head><body><nav><a href="/">Home</a> <a href="/sport/">Sport</a></nav>
<article><h1>{title}</h1>{paras}</article>
<footer>Copyright Shire Chronicle. Cookie settings.</footer></body></html>"""

RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Shire Chronicle</title>
<item><title>Council to cut 64 jobs</title><link>{base}/news/2026/11/jobs.html</link><pubDate>Tue, 17 Nov 2026 08:00:00 +0000</pubDate></item>
<item><title>Village fete returns</title><link>{base}/news/2026/11/fete.html</link><pubDate>Tue, 17 Nov 2026 09:00:00 +0000</pubDate></item>
<item><title>Secret</title><link>{base}/private/secret.html</link><pubDate>Tue, 17 Nov 2026 09:00:00 +0000</pubDate></item>
<item><title>Old story</title><link>{base}/news/2019/01/old.html</link><pubDate>Tue, 15 Jan 2019 09:00:00 +0000</pubDate></item>
</channel></rss>"""

SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>{base}/news/2026/11/agency.html</loc><news:news><news:publication_date>2026-11-18T08:00:00Z</news:publication_date><news:title>Agency staff bill</news:title></news:news></url>
<url><loc>{base}/news/2026/11/jobs.html</loc><news:news><news:publication_date>2026-11-17T08:00:00Z</news:publication_date><news:title>Council to cut 64 jobs</news:title></news:news></url>
</urlset>"""


def article(slug: str, title: str, date: str, *paras: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in paras)
    return ARTICLE.format(slug=slug, title=title, date=date, paras=body, base="{base}")


@pytest.fixture
def news_site(site):
    site.write("news/feed.xml", RSS)
    site.write("news/sitemap.xml", SITEMAP)
    long = "The figures were set out in a report to the cabinet, which meets next week to agree the budget for the coming year."
    site.write("news/2026/11/jobs.html", article("jobs", "Council to cut 64 jobs", "2026-11-17",
               "Shire Council is to cut 64 jobs as it tries to close a £12m gap in its budget.", long))
    site.write("news/2026/11/fete.html", article("fete", "Village fete returns", "2026-11-17",
               "The village fete returns this summer with a dog show and a tombola for all the family.", long.replace("budget", "programme")))
    site.write("news/2026/11/agency.html", article("agency", "Agency staff bill tops £3m", "2026-11-18",
               "The council spent £3.1m on agency social workers last year, a council report shows.", long))
    site.write("private/secret.html", article("secret", "Secret", "2026-11-17", "Not for robots."))
    return site


def source(site, **extra):
    entry = {
        "name": "chronicle",
        "spider": "news",
        "start_urls": [f"{site.base}/news/feed.xml", f"{site.base}/news/sitemap.xml"],
        "councils": [{"name": "Shire Council", "code": "E07000001"}],
        "keywords": ["council"],
        "max_age_days": 30,
    }
    entry.update(extra)
    return entry


def fetched(site, status=200):
    return sorted(path for method, path, code in site.log if code == status and not path.startswith("/robots"))


def test_crawl_stores_wanted_articles_once(news_site, crawl, db):
    stats = crawl([source(news_site)])
    rows = {r["url"].rsplit("/", 1)[-1]: r for r in db()["documents"].rows}
    assert sorted(rows) == ["agency.html", "jobs.html"]  # fete: no keyword; old: too old; secret: robots.txt
    assert stats["new"] == 2 and stats["filtered"] == 1
    assert "/private/secret.html" not in fetched(news_site)
    assert "/news/2019/01/old.html" not in fetched(news_site)
    assert fetched(news_site).count("/news/2026/11/jobs.html") == 1  # in feed and sitemap, fetched once
    jobs = rows["jobs.html"]
    assert jobs["title"] == "Council to cut 64 jobs"
    assert jobs["published"] == "2026-11-17"
    assert jobs["author"] == "Sam Writer"
    assert jobs["section"] == "Politics"
    assert jobs["council_code"] == "E07000001"
    assert jobs["kind"] == "news" and jobs["source"] == "chronicle" and jobs["spider"] == "news"
    assert jobs["http_status"] == 200 and jobs["content_type"] == "text/html"
    assert "cut 64 jobs" in jobs["text"] and "Cookie settings" not in jobs["text"]
    assert jobs["canonical_url"] == f"{news_site.base}/news/2026/11/jobs.html"
    raw = db()["document_raw"].get(jobs["id"])
    assert b"<nav>" in raw["body"]  # the page as fetched, for provenance


def test_second_crawl_fetches_nothing_new_and_stores_nothing_twice(news_site, crawl, db):
    crawl([source(news_site)])
    before = sorted((r["id"], r["content_hash"]) for r in db()["documents"].rows)
    news_site.clear()
    stats = crawl([source(news_site)])
    assert fetched(news_site, 200) == []  # every request was a conditional one answered 304
    assert fetched(news_site, 304)  # (or none at all, where the cache still held it fresh)
    assert stats["new"] == stats["changed"] == 0
    assert sorted((r["id"], r["content_hash"]) for r in db()["documents"].rows) == before
    assert db()["document_raw"].count == len(before)

    # One article changes: only it is fetched in full and stored again.
    news_site.write("news/2026/11/agency.html", article("agency", "Agency staff bill tops £3m", "2026-11-18",
                    "The council spent £3.4m on agency social workers last year, a corrected report shows.",
                    "The figures were set out in a report to the cabinet, which meets next week to agree the budget."), age=1)
    news_site.clear()
    stats = crawl([source(news_site)])
    assert fetched(news_site, 200) == ["/news/2026/11/agency.html"]
    assert stats["changed"] == 1 and stats["new"] == 0
    assert db()["documents"].count == 2


def test_interrupted_crawl_resumes(news_site, crawl, db, tmp_path):
    entry = source(news_site, keywords=[])
    stats = crawl([entry], CLOSESPIDER_ITEMCOUNT=1, CONCURRENT_REQUESTS=1)
    assert stats["per_source"]["chronicle"]["finish_reason"] == "closespider_itemcount"
    assert (tmp_path / ".scrapy" / "jobs" / "chronicle").exists()  # job state kept for the resume
    first = db()["documents"].count
    assert 1 <= first < 3
    stats = crawl([entry])
    assert stats["per_source"]["chronicle"]["finish_reason"] == "finished"
    assert db()["documents"].count == 3
    articles = [p for p in fetched(news_site) if p.startswith("/news/2026/")]
    assert len(articles) == len(set(articles)) == 3  # nothing downloaded twice across the two runs
    assert not (tmp_path / ".scrapy" / "jobs" / "chronicle").exists()  # finished: cleared


def test_crawl_stopped_with_ctrl_c_resumes(site, tmp_path, db):
    """SIGINT (Ctrl-C) stops the crawl gracefully; the next run finishes the job without refetching."""
    import signal
    import subprocess
    import time


    slugs = [f"s{i}" for i in range(6)]
    items = "".join(
        f"<item><title>Council story {s}</title><link>{{base}}/slow/{s}.html</link><pubDate>Tue, 17 Nov 2026 08:00:00 +0000</pubDate></item>"
        for s in slugs
    )
    site.write("news/slowfeed.xml", f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{items}</channel></rss>')
    for s in slugs:
        site.write(f"slow/{s}.html", article(s, f"Council story {s}", "2026-11-17", f"Story {s}: the council will cut {len(s) * 7} jobs this year to balance its budget."))
    entry = {"name": "slow", "spider": "news", "start_urls": [f"{site.base}/news/slowfeed.xml"], "max_age_days": 30}
    child = subprocess.Popen(crawl_argv(tmp_path, [entry], CONCURRENT_REQUESTS=1), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 30
    while not any(p.startswith("/slow/") and code == 200 for _, p, code in site.log):
        assert time.time() < deadline and child.poll() is None
        time.sleep(0.05)
    child.send_signal(signal.SIGINT)
    out, err = child.communicate(timeout=60)
    assert child.returncode == 0, err[-2000:]
    first = __import__("json").loads(out.strip().splitlines()[-1])
    assert first["per_source"]["slow"]["finish_reason"] == "shutdown"
    stored = db()["documents"].count
    assert 1 <= stored < 6
    second = run_crawl(tmp_path, [entry])
    assert second["per_source"]["slow"]["resumed"] is True
    assert db()["documents"].count == 6
    full = [p for _, p, code in site.log if p.startswith("/slow/") and code == 200]
    assert sorted(full) == sorted(set(full))  # no article downloaded twice


def test_redirect_loop_is_an_error_and_robots_refusal_is_not(site, crawl, db):
    # A static file server cannot answer 302s, so the loop is two meta refreshes (same middleware path).
    site.write("news/feed.xml", RSS.replace("/news/2026/11/fete.html", "/news/2026/11/loop-a.html"))
    site.write("news/2026/11/loop-a.html", '<html><head><meta http-equiv="refresh" content="0; url={base}/news/2026/11/loop-b.html"></head><body></body></html>')
    site.write("news/2026/11/loop-b.html", '<html><head><meta http-equiv="refresh" content="0; url={base}/news/2026/11/loop-a.html"></head><body></body></html>')
    site.write("news/2026/11/jobs.html", article("jobs", "Council to cut 64 jobs", "2026-11-17", "Shire Council is to cut 64 jobs as it tries to close a gap."))
    crawl([{"name": "loopy", "spider": "news", "start_urls": [f"{site.base}/news/feed.xml"], "max_age_days": 30}])
    errors = {e["target"].rsplit("/", 1)[-1]: e for e in db()["errors"].rows}
    assert "redirect loop" in errors["loop-a.html"]["reason"]
    assert "secret.html" not in errors  # robots.txt said no: our rule, not the source's failure
    assert len([p for _, p, _ in site.log if "loop-" in p]) <= 4
