"""Feed discovery over HTTP: a registry entry's guessed feed is gone, so the news spider
finds the site's feeds on its home page (<link rel="alternate">) and its sitemaps in robots.txt."""

from __future__ import annotations

from .test_news_http import RSS, SITEMAP, news_site  # noqa: F401 - the fixture


def test_a_missing_feed_leads_to_the_feeds_the_site_names(news_site, crawl, db):
    site = news_site
    site.write("index.html", '<html><head><link rel="alternate" type="application/rss+xml" title="News"'
               ' href="/news/feed.xml"></head><body>Shire Chronicle</body></html>')
    site.write("robots.txt", "User-agent: *\nDisallow: /private/\nSitemap: {base}/news/sitemap.xml\n")
    entry = {
        "name": "chronicle", "spider": "news", "start_urls": [f"{site.base}/news/rss/"],  # the guessed pattern: 404
        "covers": ["E07000001"], "keywords": ["council"], "max_age_days": 30,
    }
    stats = crawl([entry])
    urls = {r[0] for r in db().execute("select url from documents")}
    assert urls == {f"{site.base}/news/2026/11/jobs.html", f"{site.base}/news/2026/11/agency.html"}, stats
    paths = [p for _, p, _ in site.log]
    assert "/news/rss/" in paths and "/" in paths and "/robots.txt" in paths and "/news/sitemap.xml" in paths
    # the gone feed is on record; what was found instead is not an error
    assert [r[0] for r in db().execute("select target from errors")] == [f"{site.base}/news/rss/"]
    # a regional title's stories carry no council of their own: the text says which
    assert {r[0] for r in db().execute("select council_code from documents")} == {None}
