"""What every councilfacts spider shares: a source entry from data/sources.yml in, DocumentItems out.

A spider is the platform; the site is data. `SourceSpider(source={...})` takes one entry
of the sources file (name, start points, allowed domains, councils covered, keywords) and
turns fetched documents into DocumentItems carrying the entry's name and council.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from typing import Any, Iterable
from urllib.parse import urlparse

import scrapy
from scrapy import signals
from lxml import etree

from councilfacts.documents import HTML, iso_date

from ..items import DocumentItem


def xml_root(body: bytes):
    """Parse XML forgivingly and without network or entity expansion."""
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False)
    return etree.fromstring(body.lstrip(b"\xef\xbb\xbf \r\n\t"), parser=parser)


def local(tag: Any) -> str:
    return etree.QName(tag).localname.lower() if isinstance(tag, str) else ""


def child_text(node, *names: str) -> str | None:
    """Text of the first child whose local name is one of `names` (namespaces ignored)."""
    wanted = {n.lower() for n in names}
    for child in node:
        if local(child.tag) in wanted:
            text = (child.text or "").strip()
            if text:
                return text
    return None


def clean(text: str | None) -> str | None:
    if text is None:
        return None
    text = re.sub(r"\s+", " ", text).strip()
    return text or None


class SourceSpider(scrapy.Spider):
    """Base for the platform spiders. Subclasses set `name`, `kind` and `expect`."""

    kind = "news"
    expect: list[str] = [HTML]

    def __init__(self, source: dict | str | None = None, today: str | None = None, council: str | None = None, **kwargs):
        if isinstance(source, str) or council:
            # `scrapy crawl moderngov -a source=manchester` or `-a council=Leeds`: the entry
            # comes from the registry and the sources file.
            source = self.catalogue_entry(source, council, kwargs.pop("sources_file", None))
        source = dict(source or {})
        super().__init__(name=kwargs.pop("name", None) or self.name, **kwargs)
        self.source = source
        self.source_name = source.get("name") or self.name
        councils = source.get("councils") or []
        first = councils[0] if councils else {}
        self.council = first.get("name")
        self.council_code = first.get("code")
        self.keywords = list(source.get("keywords") or [])
        self.start_urls = list(source.get("start_urls") or [])
        domains = source.get("allowed_domains")
        if domains is None:
            domains = sorted({urlparse(u).hostname for u in self.start_urls + [source.get("base_url") or ""] if urlparse(u).hostname})
        self.allowed_domains = list(domains)
        self.today = date.fromisoformat(str(today or source.get("today") or date.today().isoformat()))
        self._loops: set[str] = set()

    @classmethod
    def catalogue_entry(cls, name: str | None, council: str | None, sources_file=None) -> dict:
        """The entry named `name`, or this spider's one entry about `council` (as people write it)."""
        from councilfacts.crawl import load_catalogue
        from councilfacts.registry import for_councils

        entries = [e for e in load_catalogue(sources_file) if not e.get("sample")]
        if name:
            found = [e for e in entries if e["name"] == name]
            if not found:
                raise ValueError(f"no source named {name!r} in the registry or the sources file")
            return found[0]
        found = [e for e in for_councils(entries, [council]) if e["spider"] == cls.name]
        if len(found) != 1:
            names = ", ".join(e["name"] for e in found) or "none"
            raise ValueError(f"{council!r} has {len(found)} {cls.name} sources ({names}): name one with -a source=NAME")
        return found[0]

    # -- dates ------------------------------------------------------------------------
    def window(self) -> tuple[date, date]:
        """The date range this source covers: `days_back` before today to `days_ahead` after."""
        start = self.source.get("date_from")
        end = self.source.get("date_to")
        start = date.fromisoformat(str(start)) if start else self.today - timedelta(days=int(self.source.get("days_back", 365)))
        end = date.fromisoformat(str(end)) if end else self.today + timedelta(days=int(self.source.get("days_ahead", 60)))
        return start, end

    def in_window(self, iso: str | None) -> bool:
        if not iso:
            return True
        start, end = self.window()
        return start <= date.fromisoformat(iso) <= end

    # -- documents --------------------------------------------------------------------
    def document_request(self, url: str, hints: dict[str, Any], **kwargs) -> scrapy.Request:
        """A request for a document (article, report, paper); `hints` travel to the item."""
        return scrapy.Request(url, callback=self.parse_document, errback=self.failed, cb_kwargs={"hints": hints}, **kwargs)

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider.dropped, signal=signals.request_dropped)
        return spider

    def dropped(self, request, spider=None) -> None:
        """A redirect that leads back to a URL already asked for is a loop: say so, once."""
        urls = request.meta.get("redirect_urls")
        if urls and urls[0] not in self._loops:
            self._loops.add(urls[0])
            self.record_error(urls[0], "redirect loop: " + " -> ".join(list(urls) + [request.url]))

    def failed(self, failure) -> None:
        """A document that could not be fetched (HTTP error, timeout, too big) goes in `errors`."""
        from scrapy.exceptions import IgnoreRequest
        from scrapy.spidermiddlewares.httperror import HttpError

        request = failure.request
        severity = "error"
        if isinstance(failure.value, IgnoreRequest) and not isinstance(failure.value, HttpError):
            message = str(failure.value)
            if "robots.txt" in message or "offsite" in message.lower() or "allowed_domains" in message:
                # Our own rules said no (robots.txt, another site): not a failure of the source.
                self.logger.info("%s: not fetched (%s)", request.url, message)
                self.crawler.stats.inc_value("councilfacts/not_allowed")
                return
            self.record_error(request.url, message or "request ignored")
            return
        if isinstance(failure.value, HttpError):
            status = failure.value.response.status
            reason = f"HTTP {status}"
            if status in (404, 410):
                severity = "missing"  # the source itself says there is nothing there
        else:
            reason = f"{type(failure.value).__name__}: {failure.value}"[:300]
        self.record_error(request.url, reason, severity=severity)

    def record_error(self, url: str, reason: str, detail: str = "", severity: str = "error") -> None:
        from councilfacts import db as store

        self.logger.warning("%s: %s", url, reason)
        self.crawler.stats.inc_value("councilfacts/error" if severity == "error" else f"councilfacts/{severity}")
        if getattr(self, "outbox", None):  # a fetch worker of a shared crawl: the store records it
            self.outbox.error(url, reason, detail, severity)
            return
        db = store.connect(self.crawler.settings.get("COUNCILFACTS_DB"))
        try:
            store.record_error(db, "crawl", url, reason, detail, severity=severity)
        finally:
            db.conn.close()

    def parse_document(self, response, hints: dict[str, Any] | None = None) -> Iterable[DocumentItem]:
        hints = dict(hints or {})
        headers = response.headers
        meta = hints.pop("meta", None) or {}
        item = DocumentItem(
            url=response.url,
            source=self.source_name,
            spider=self.name,
            kind=hints.pop("kind", None) or self.kind,
            council=self.council,
            council_code=self.council_code,
            fetched_at=datetime.now(timezone.utc).replace(microsecond=0).isoformat(),
            http_status=response.status,
            declared_type=(headers.get(b"Content-Type") or b"").decode("latin-1") or None,
            etag=(headers.get(b"ETag") or b"").decode("latin-1") or None,
            last_modified=(headers.get(b"Last-Modified") or b"").decode("latin-1") or None,
            body=response.body,
            cached="cached" in response.flags,
            expect=list(hints.pop("expect", None) or self.expect),
            keywords=self.keywords,
            meta=meta,
            fingerprint=self.crawler.request_fingerprinter.fingerprint(
                scrapy.Request((response.meta.get("redirect_urls") or [response.url])[0])
            ).hex(),
        )
        for key, value in hints.items():
            if value not in (None, "") and key in item.fields:
                item[key] = iso_date(value) if key in ("published", "updated", "meeting_date") else value
        yield item
