"""Item pipelines: validate -> read the body -> keyword filter -> store.

Every item passes through all four; a stage that settles an item's fate sets
`item["outcome"]` and later stages let it by, so dropped documents never dump their raw
bytes into the log. Failures are recorded in the database's `errors` table, naming the
URL and the reason, and the crawl goes on.
"""

from __future__ import annotations

import json
import logging
import re
from collections import Counter
from urllib.parse import urlparse

from councilfacts import db as store
from councilfacts.documents import HTML, DocumentError, body_to_document, sniff

from . import jobs
from .items import DocumentItem, canonical, field_errors, item_id

log = logging.getLogger(__name__)

OUTCOMES = ("new", "changed", "unchanged", "duplicate", "filtered", "invalid", "error", "missing")
NOT_FOUND = re.compile(rb"(?:report|page|document|file)\s+not\s+found|no\s+longer\s+exists|\b404\b", re.I)


class _DbPipeline:
    """Opens the crawl's database once per spider; counts outcomes in the crawl stats."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.db_path = crawler.settings.get("COUNCILFACTS_DB")
        self.db = None

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def open_spider(self, spider=None):
        self.db = store.connect(self.db_path)

    def close_spider(self, spider=None):
        if self.db is not None:
            self.db.conn.close()
            self.db = None

    def settle(self, item, outcome: str) -> None:
        item["outcome"] = outcome
        self.crawler.stats.inc_value(f"councilfacts/{outcome}")

    def fail(self, item, reason: str, detail: str = "", severity: str = "error") -> None:
        """Record why a document was not stored. severity "missing": the source says it is not there."""
        store.record_error(self.db, "crawl", item.get("url") or "?", reason, detail, severity=severity)
        self.settle(item, "error" if severity == "error" else severity)
        log.warning("%s: %s", item.get("url"), reason)


class ValidatePipeline(_DbPipeline):
    """Check each item against DocumentItem.jsonschema; report % valid per field at close."""

    def open_spider(self, spider=None):
        super().open_spider(spider)
        self.seen = 0
        self.invalid: Counter[str] = Counter()

    def process_item(self, item, spider=None):
        self.seen += 1
        errors = field_errors(item)
        if errors:
            self.invalid.update(errors.keys())
            self.crawler.stats.inc_value("councilfacts/invalid")
            reason = "invalid item: " + "; ".join(f"{k} {v}" for k, v in sorted(errors.items()))
            store.record_error(self.db, "crawl", item.get("url") or "?", reason)
            item["outcome"] = "invalid"
        return item

    def close_spider(self, spider=None):
        if self.seen:
            for name in DocumentItem.jsonschema["properties"]:
                valid = 100.0 * (self.seen - self.invalid[name]) / self.seen
                self.crawler.stats.set_value(f"councilfacts/valid_pct/{name}", round(valid, 1))
            if self.invalid:
                log.warning("invalid items by field: %s", dict(self.invalid))
        super().close_spider(spider)


class ReadPipeline(_DbPipeline):
    """Skip bodies already stored (same content hash); sniff and read the others into text."""

    def process_item(self, item, spider=None):
        if item.get("outcome"):
            return item
        body: bytes = item["body"]
        digest = store.content_hash(body)
        twin = next(
            self.db.query("select id, url, canonical_url from documents where content_hash = ? order by id = ? desc", [digest, item_id(item)]),
            None,
        )
        if twin and (twin["url"] == item["url"] or twin["id"] == item_id(item) or twin["canonical_url"] == canonical(item["url"])):
            # Same bytes as stored: not read, not stored, not re-extracted; only the fetch is noted.
            store.upsert_document(
                self.db,
                {"id": twin["id"], "canonical_url": twin["canonical_url"], "content_hash": digest, "http_status": item["http_status"]},
            )
            self.settle(item, "unchanged")
            return item
        found = sniff(body, item.get("declared_type"), item["url"])
        expect = item.get("expect")
        if expect and found not in expect:
            hint, severity = "", "error"
            if found == HTML:
                m = re.search(rb"<title[^>]*>(.*?)</title>", body[:20000], re.I | re.S)
                hint = f" titled {m.group(1).decode('utf-8', 'replace').strip()!r}" if m else ""
                if NOT_FOUND.search(body[:50000]):
                    severity = "missing"  # e.g. Ofsted's "Report not found" page where a PDF should be
            self.fail(item, f"expected {' or '.join(expect)}, got {found}{hint}", f"declared {item.get('declared_type')}", severity)
            return item
        try:
            doc = body_to_document(body, item["url"], item.get("declared_type"))
        except DocumentError as exc:
            self.fail(item, exc.reason)
            return item
        except Exception as exc:  # noqa: BLE001 - one bad body must not stop the crawl
            self.fail(item, f"could not read {found}: {type(exc).__name__}: {exc}"[:300], str(exc))
            return item
        if doc.get("text_status") == "empty":
            self.fail(item, f"no text in the {found} document (empty)")
            return item
        doc["content_hash"] = digest
        if found == HTML and doc.get("canonical_url", "").startswith("http"):
            url_host = urlparse(item["url"]).hostname
            if urlparse(doc["canonical_url"]).hostname == url_host:
                item["canonical_url"] = canonical(doc["canonical_url"])
        item.setdefault("canonical_url", canonical(item["url"]))
        if doc.get("text_status") == "no_text_layer":
            # Stored (the record shows it exists, with its pages) but it cannot be read: say so.
            self.crawler.stats.inc_value("councilfacts/no_text_layer")
            reason = f"PDF of {doc.get('n_pages')} pages has no text layer (a scan?): stored without text"
            store.record_error(self.db, "crawl", item["url"], reason)
            log.warning("%s: %s", item["url"], reason)
        item["doc"] = doc
        return item


class KeywordPipeline(_DbPipeline):
    """Keep a document only if a keyword of its source appears in its title or text."""

    def process_item(self, item, spider=None):
        if item.get("outcome") or not item.get("keywords"):
            return item
        doc = item["doc"]
        if doc.get("text_status") != "ok":
            return item  # nothing to judge by; keep it so the record shows it exists
        haystack = " ".join(
            filter(None, [doc.get("title"), item.get("title"), item.get("item_title"), item.get("committee"), doc.get("text")])
        )
        if not any(keyword_pattern(k).search(haystack) for k in item["keywords"]):
            self.settle(item, "filtered")
        return item


_PATTERNS: dict[str, re.Pattern] = {}


def keyword_pattern(keyword: str) -> re.Pattern:
    """A keyword matches as a word or phrase, case-insensitively; a trailing * matches any ending."""
    if keyword not in _PATTERNS:
        stem = keyword.rstrip("*")
        tail = r"\w*" if keyword.endswith("*") else r"\b"
        words = r"\s+".join(re.escape(w) for w in stem.split())
        _PATTERNS[keyword] = re.compile(rf"\b{words}{tail}", re.I)
    return _PATTERNS[keyword]


class StorePipeline(_DbPipeline):
    """Write the document and its raw bytes once: councilfacts.db.upsert_document."""

    def process_item(self, item, spider=None):
        if not item.get("outcome"):
            doc = dict(item["doc"])
            row = {k: item.get(k) for k in store.DOCUMENT_COLUMNS if item.get(k) not in (None, "")}
            # What the page says about itself wins over hints from a feed or an agenda.
            for key in ("title", "published", "updated", "author", "section"):
                if doc.get(key):
                    if key == "published" and row.get("published") and item.get("spider") != "news":
                        continue
                    row[key] = doc[key]
            if not row.get("published") and row.get("meeting_date"):
                row["published"] = row["meeting_date"]  # a paper dates from its meeting when nothing else says
            row.update(
                {
                    "id": item_id(item),
                    "canonical_url": item["canonical_url"],
                    "text": doc.get("text") or "",
                    "page_starts": doc.get("page_starts"),
                    "n_pages": doc.get("n_pages"),
                    "text_status": doc.get("text_status"),
                    "content_type": doc.get("content_type"),
                    "content_hash": doc["content_hash"],
                    "meta": json.dumps(item.get("meta") or {}, ensure_ascii=False, sort_keys=True),
                }
            )
            try:
                outcome = store.upsert_document(self.db, row, item["body"])
            except Exception as exc:  # noqa: BLE001
                self.fail(item, f"could not store: {type(exc).__name__}: {exc}"[:300], str(exc))
            else:
                self.settle(item, outcome)
        if item.get("outcome") not in ("error", "invalid"):
            # Settled for good: a resumed job need not ask again (failures are retried).
            jobs.mark_done(self.crawler.settings.get("JOBDIR"), item.get("fingerprint"))
        item["body"] = None  # the bytes are stored; keep them out of logs and memory
        item["doc"] = None
        return item
