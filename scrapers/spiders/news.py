"""Any news site: RSS 2.0 / Atom feeds and (Google news) sitemaps lead to article pages.

Source entry keys (data/sources.yml):
  start_urls      feeds and/or sitemaps (sitemap indexes are followed)
  url_filter      regex an article URL must match (e.g. '/news/local-news/')
  url_exclude     regex that rules an article URL out (e.g. '/sport/|/whats-on/')
  sitemap_follow  regex a child sitemap of an index must match (default: all)
  sitemaps_from_robots  true: also read the sitemaps robots.txt lists (Sitemap: lines),
                  those matching sitemap_follow
  discover        feed discovery when a start point is a web page, or fails (default true):
                  the page's (or the site's home page's) <link rel="alternate"> RSS/Atom
                  feeds are read instead, and robots.txt's sitemaps too
  max_age_days    skip entries dated older than this (default 30; 0 = no limit)
  keywords        keep an article only if one appears in its title or text
"""

from __future__ import annotations

import re
import zlib
from datetime import timedelta
from urllib.parse import urlparse

from scrapy.spidermiddlewares.httperror import HttpError

import scrapy

from councilfacts.documents import ATOM, GZIP, HTML, RSS, XML, iso_date, sniff

from .base import SourceSpider, child_text, clean, local, xml_root


def gunzip_capped(body: bytes, limit: int) -> bytes:
    """Unpack a .gz sitemap, refusing to grow past `limit` bytes (a gzip bomb stays small)."""
    unpacker = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = unpacker.decompress(body, limit + 1)
    except zlib.error as exc:
        raise ValueError(f"unreadable gzip: {exc}") from None
    if len(out) > limit or unpacker.unconsumed_tail:
        raise ValueError(f"gzip unpacks to more than DOWNLOAD_MAXSIZE ({limit} bytes): too large")
    return out


class NewsSpider(SourceSpider):
    name = "news"
    kind = "news"
    expect = [HTML]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        src = self.source
        self.url_filter = re.compile(src["url_filter"]) if src.get("url_filter") else None
        self.url_exclude = re.compile(src["url_exclude"]) if src.get("url_exclude") else None
        self.sitemap_follow = re.compile(src["sitemap_follow"]) if src.get("sitemap_follow") else None
        self.max_age_days = int(src.get("max_age_days", 30))
        self.discover = bool(src.get("discover", True))
        self._discovering: set[str] = set()

    async def start(self):
        for url in self.start_urls:
            yield scrapy.Request(url, callback=self.parse_listing, errback=self.start_failed, dont_filter=True)
        if self.source.get("sitemaps_from_robots"):
            for host in dict.fromkeys(self.site(u) for u in self.start_urls):
                yield self.robots_request(host)

    @staticmethod
    def site(url: str) -> str:
        return f"{urlparse(url).scheme}://{urlparse(url).netloc}"

    def robots_request(self, host: str) -> scrapy.Request:
        return scrapy.Request(f"{host}/robots.txt", callback=self.parse_robots, errback=self.failed)

    # -- feed discovery ---------------------------------------------------------------
    def start_failed(self, failure):
        """A feed that is not there (a moved path, a guessed pattern): say so, then look for
        the site's feeds on its home page and its sitemaps in robots.txt."""
        self.failed(failure)
        if self.discover and isinstance(failure.value, HttpError):
            yield from self.discovery(failure.request.url)

    def discovery(self, url: str):
        host = self.site(url)
        if host in self._discovering:
            return
        self._discovering.add(host)
        self.crawler.stats.inc_value("councilfacts/feed_discovery")
        if urlparse(url).path not in ("", "/"):  # the home page itself has been read
            yield scrapy.Request(host + "/", callback=self.parse_listing, errback=self.failed, cb_kwargs={"discovered": True})
        if not self.source.get("sitemaps_from_robots"):
            yield self.robots_request(host)

    def feeds_on_page(self, response) -> list[str]:
        """The RSS/Atom feeds a web page announces with <link rel="alternate">."""
        links = response.xpath(
            '//link[contains(concat(" ", normalize-space(@rel), " "), " alternate ")]'
            '[contains(@type, "rss") or contains(@type, "atom")]/@href'
        ).getall()
        return list(dict.fromkeys(response.urljoin(h.strip()) for h in links if h.strip()))

    def parse_robots(self, response):
        for line in response.text.splitlines():
            key, _, value = line.partition(":")
            url = value.strip()
            if key.strip().lower() == "sitemap" and url.startswith("http"):
                if not self.sitemap_follow or self.sitemap_follow.search(url):
                    yield scrapy.Request(url, callback=self.parse_listing, errback=self.failed)

    # -- listings ---------------------------------------------------------------------
    def parse_listing(self, response, discovered: bool = False):
        body = response.body
        kind = sniff(body, None, response.url)
        if kind == GZIP:
            limit = self.crawler.settings.getint("DOWNLOAD_MAXSIZE") or 50 * 1024 * 1024
            try:
                body = gunzip_capped(body, limit)
            except ValueError as exc:
                self.record_error(response.url, str(exc))
                return
            kind = sniff(body, None, response.url)
        if kind == HTML and self.discover and hasattr(response, "xpath"):
            feeds = self.feeds_on_page(response)
            for url in feeds:
                yield scrapy.Request(url, callback=self.parse_listing, errback=self.failed)
            if feeds:
                return
            if not discovered:  # a page that names no feed: perhaps the home page does
                yield from self.discovery(response.url)
        if kind not in (RSS, ATOM, XML):
            self.record_error(response.url, f"expected a feed or sitemap, got {kind}" + (" with no <link rel=\"alternate\"> feed" if kind == HTML else ""))
            return
        root = xml_root(body)
        if root is None:
            self.record_error(response.url, "unreadable XML")
            return
        name = local(root.tag)
        if name == "sitemapindex":
            yield from self.parse_sitemap_index(root)
        elif name == "urlset":
            yield from self.articles(self.sitemap_entries(root))
        elif name in ("rss", "rdf", "feed"):
            yield from self.articles(self.feed_entries(root))
        else:
            self.record_error(response.url, f"unknown listing format <{name}>")

    def parse_sitemap_index(self, root):
        for node in root:
            if local(node.tag) != "sitemap":
                continue
            loc = child_text(node, "loc")
            if not loc or (self.sitemap_follow and not self.sitemap_follow.search(loc)):
                continue
            if not self.recent(iso_date(child_text(node, "lastmod"))):
                continue
            yield scrapy.Request(loc, callback=self.parse_listing, errback=self.failed)

    @staticmethod
    def sitemap_entries(root):
        for node in root:
            if local(node.tag) != "url":
                continue
            entry = {"url": child_text(node, "loc"), "updated": iso_date(child_text(node, "lastmod"))}
            for sub in node:
                if local(sub.tag) == "news":  # <news:news> of a Google news sitemap
                    entry["published"] = iso_date(child_text(sub, "publication_date"))
                    entry["title"] = clean(child_text(sub, "title"))
                    keywords = child_text(sub, "keywords")
                    if keywords:
                        entry["meta"] = {"feed_keywords": keywords}
            yield entry

    @staticmethod
    def feed_entries(root):
        items = [n for n in root.iter() if local(n.tag) in ("item", "entry")]
        for node in items:
            link = child_text(node, "link")
            if not link:  # Atom: <link rel="alternate" href="..."/>
                for sub in node:
                    if local(sub.tag) == "link" and sub.get("rel", "alternate") == "alternate" and sub.get("href"):
                        link = sub.get("href")
                        break
            link = link or child_text(node, "guid")
            author = child_text(node, "creator", "author")
            if author is None:
                for sub in node:
                    if local(sub.tag) == "author":
                        author = child_text(sub, "name")
            categories = [clean(s.text) or s.get("term") for s in node if local(s.tag) == "category"]
            yield {
                "url": link,
                "title": clean(child_text(node, "title")),
                "published": iso_date(child_text(node, "pubDate", "published", "date", "issued")),
                "updated": iso_date(child_text(node, "updated", "modified")),
                "author": clean(author),
                "section": ", ".join(c for c in categories if c) or None,
            }

    # -- articles ---------------------------------------------------------------------
    def recent(self, iso: str | None) -> bool:
        if not iso or not self.max_age_days:
            return True
        return iso >= (self.today - timedelta(days=self.max_age_days)).isoformat()

    def wanted(self, url: str | None) -> bool:
        if not url or not url.startswith("http"):
            return False
        if self.url_filter and not self.url_filter.search(url):
            return False
        return not (self.url_exclude and self.url_exclude.search(url))

    def articles(self, entries):
        for entry in entries:
            url = (entry.pop("url", None) or "").strip()
            if not self.wanted(url):
                continue
            if not self.recent(entry.get("published") or entry.get("updated")):
                continue
            yield self.document_request(url, {k: v for k, v in entry.items() if v})
