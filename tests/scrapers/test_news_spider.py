"""News spider on saved responses (tests/files/news, written in the real markup's shape)."""

from __future__ import annotations

import pytest
from scrapy.http import Response

from councilfacts.scrapers.spiders.news import NewsSpider

from .conftest import FILES, file_response, make_spider

MEN = "https://www.manchestereveningnews.co.uk"


@pytest.fixture
def spider(tmp_path):
    return make_spider(
        NewsSpider, tmp_path, today="2026-11-20",
        start_urls=[f"{MEN}/news/greater-manchester-news/?service=rss"],
        url_filter="/news/", url_exclude="/(sport|whats-on)/", max_age_days=30,
        councils=[{"name": "Manchester City Council", "code": "E08000003"}],
    )


@pytest.fixture
def rss(spider):
    return list(spider.parse_listing(file_response(FILES / "news" / "rss.xml", f"{MEN}/news/greater-manchester-news/?service=rss")))


def test_rss_keeps_news_urls_and_drops_sport(rss):
    assert [r.url for r in rss] == [f"{MEN}/news/greater-manchester-news/council-cut-64-jobs-faces-30312345"]


def test_rss_drops_entries_older_than_max_age(spider):
    spider.max_age_days = 0
    requests = list(spider.parse_listing(file_response(FILES / "news" / "rss.xml", f"{MEN}/rss")))
    assert any("social-workers-caseloads" in r.url for r in requests)


def test_rss_title(rss):
    assert rss[0].cb_kwargs["hints"]["title"] == "Council to cut 64 jobs as it faces £12m gap"


def test_rss_published(rss):
    assert rss[0].cb_kwargs["hints"]["published"] == "2026-11-17"


def test_rss_author(rss):
    assert rss[0].cb_kwargs["hints"]["author"] == "Jane Reporter"


def test_rss_section(rss):
    assert rss[0].cb_kwargs["hints"]["section"] == "Manchester City Council"


@pytest.fixture
def atom(tmp_path):
    spider = make_spider(NewsSpider, tmp_path, start_urls=["https://www.shirechronicle.example/feed.atom"], max_age_days=30)
    return list(spider.parse_listing(file_response(FILES / "news" / "atom.xml", "https://www.shirechronicle.example/feed.atom")))


def test_atom_link_is_the_alternate_one(atom):
    assert [r.url for r in atom] == ["https://www.shirechronicle.example/news/2026/11/agency-staff-bill"]


def test_atom_dates(atom):
    hints = atom[0].cb_kwargs["hints"]
    assert (hints["published"], hints["updated"]) == ("2026-11-18", "2026-11-18")


def test_atom_author(atom):
    assert atom[0].cb_kwargs["hints"]["author"] == "Sam Writer"


@pytest.fixture
def news_sitemap(spider):
    return list(spider.parse_listing(file_response(FILES / "news" / "news_sitemap.xml", f"{MEN}/map_news.xml")))


def test_news_sitemap_urls(news_sitemap):
    assert [r.url for r in news_sitemap] == [f"{MEN}/news/greater-manchester-news/children-waiting-social-worker-30312400"]


def test_news_sitemap_title_and_date(news_sitemap):
    hints = news_sitemap[0].cb_kwargs["hints"]
    assert hints["title"] == "Hundreds of children waiting for a social worker"
    assert hints["published"] == "2026-11-18"


def test_sitemap_index_follows_recent_matching_children(spider):
    spider.sitemap_follow = __import__("re").compile(r"/sitemaps/\d{4}-\d{2}\.xml$")
    requests = list(spider.parse_listing(file_response(FILES / "news" / "sitemap_index.xml", f"{MEN}/sitemap.xml")))
    assert [r.url for r in requests] == [f"{MEN}/sitemaps/2026-11.xml"]


def test_gzipped_sitemap_is_read(spider):
    import gzip

    body = gzip.compress((FILES / "news" / "news_sitemap.xml").read_bytes())
    response = Response(url=f"{MEN}/map_news.xml.gz", body=body)
    assert len(list(spider.parse_listing(response))) == 1


def test_html_instead_of_feed_is_an_error_then_the_site_is_searched_for_feeds(spider):
    response = file_response(FILES / "news" / "article.html", f"{MEN}/rss")
    assert [r.url for r in spider.parse_listing(response)] == [f"{MEN}/", f"{MEN}/robots.txt"]
    assert spider.crawler.stats.get_value("councilfacts/error") == 1
    again = file_response(FILES / "news" / "article.html", f"{MEN}/other")
    assert list(spider.parse_listing(again)) == []  # the site is searched once


def test_a_page_that_names_its_feeds_leads_to_them(spider):
    page = b"""<html><head><link rel="alternate" type="application/rss+xml" href="/news/?service=rss">
    <link rel="alternate" type="application/atom+xml" href="https://www.manchestereveningnews.co.uk/atom.xml">
    <link rel="stylesheet" href="/s.css"></head><body><p>Home</p></body></html>"""
    from scrapy.http import HtmlResponse

    response = HtmlResponse(url=f"{MEN}/", body=page, encoding="utf-8")
    assert [r.url for r in spider.parse_listing(response)] == [f"{MEN}/news/?service=rss", f"{MEN}/atom.xml"]
    assert not spider.crawler.stats.get_value("councilfacts/error")


def test_without_discovery_html_is_only_an_error(tmp_path):
    s = make_spider(NewsSpider, tmp_path, start_urls=[f"{MEN}/rss"], discover=False)
    assert list(s.parse_listing(file_response(FILES / "news" / "article.html", f"{MEN}/rss"))) == []
    assert s.crawler.stats.get_value("councilfacts/error") == 1


@pytest.fixture
def item(spider):
    url = f"{MEN}/news/greater-manchester-news/council-cut-64-jobs-faces-30312345"
    response = file_response(FILES / "news" / "article.html", url)
    return next(spider.parse_document(response, hints={"title": "Feed title", "published": "2026-11-17"}))


def test_item_carries_source_and_council(item):
    assert (item["source"], item["council_code"], item["kind"], item["spider"]) == ("test-source", "E08000003", "news", "news")


def test_item_keeps_raw_body(item):
    assert item["body"].startswith(b"<!DOCTYPE html>")


def test_item_expects_html(item):
    assert item["expect"] == ["text/html"]


def test_gzip_bomb_sitemap_is_refused():
    import gzip

    from councilfacts.scrapers.spiders.news import gunzip_capped

    bomb = gzip.compress(b"<urlset>" + b" " * (3 * 1024 * 1024) + b"</urlset>")
    with pytest.raises(ValueError, match="too large"):
        gunzip_capped(bomb, 1024 * 1024)
    assert gunzip_capped(gzip.compress(b"<urlset/>"), 1024) == b"<urlset/>"


def test_sitemaps_listed_in_robots_txt(spider):
    from scrapy.http import TextResponse

    spider.sitemap_follow = __import__("re").compile(r"map_news")
    robots = TextResponse(url=f"{MEN}/robots.txt", encoding="utf-8", body=(
        b"User-agent: *\nDisallow: /search\nSitemap: https://www.manchestereveningnews.co.uk/map_news.xml\n"
        b"sitemap: https://www.manchestereveningnews.co.uk/map_video.xml\n"))
    assert [r.url for r in spider.parse_robots(robots)] == [f"{MEN}/map_news.xml"]


def test_start_asks_robots_for_sitemaps_when_told(tmp_path):
    import asyncio

    spider = make_spider(NewsSpider, tmp_path, start_urls=[f"{MEN}/news/?service=rss"], sitemaps_from_robots=True)

    async def collect():
        return [r.url async for r in spider.start()]

    assert asyncio.run(collect()) == [f"{MEN}/news/?service=rss", f"{MEN}/robots.txt"]
