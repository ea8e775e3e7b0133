"""The one item every spider yields: a fetched document and what the spider knew about it.

The item carries its schema (`DocumentItem.jsonschema`), which ValidatePipeline checks
and reports on at close, field by field. Its stable id is the hash of its canonical URL
(`councilfacts.db.document_id`), so a re-crawl updates a document instead of adding one.
"""

from __future__ import annotations

import re
from typing import Any

import scrapy
from w3lib.url import canonicalize_url

from councilfacts import db as store

ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"
KINDS = ["news", "committee_paper", "ofsted_report"]


class DocumentItem(scrapy.Item):
    url = scrapy.Field()  # the URL fetched
    canonical_url = scrapy.Field()  # what the document is known by (set by ReadPipeline for HTML)
    source = scrapy.Field()  # entry name in data/sources.yml
    spider = scrapy.Field()
    kind = scrapy.Field()
    council = scrapy.Field()
    council_code = scrapy.Field()
    committee = scrapy.Field()
    meeting_date = scrapy.Field()
    item_title = scrapy.Field()
    title = scrapy.Field()  # a hint from a feed or agenda; the page's own title wins for HTML
    published = scrapy.Field()
    updated = scrapy.Field()
    author = scrapy.Field()
    section = scrapy.Field()
    fetched_at = scrapy.Field()
    http_status = scrapy.Field()
    declared_type = scrapy.Field()  # Content-Type header, for the record; never trusted
    etag = scrapy.Field()
    last_modified = scrapy.Field()
    body = scrapy.Field()  # raw bytes
    cached = scrapy.Field()  # served from the HTTP cache (fresh, or revalidated with a 304)
    expect = scrapy.Field()  # media types this document may be; anything else is an error
    keywords = scrapy.Field()  # keep the document only if one of these appears in it
    meta = scrapy.Field()  # anything else: agenda item, judgements, feed categories
    fingerprint = scrapy.Field()  # of the request that led here, for the job's done set
    # Filled by the item pipelines:
    doc = scrapy.Field()  # the documents row read from the body
    outcome = scrapy.Field()  # new | changed | unchanged | duplicate | filtered | invalid | error | missing

    jsonschema: dict[str, Any] = {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "DocumentItem",
        "type": "object",
        "required": ["url", "source", "spider", "kind", "body", "http_status", "fetched_at"],
        "properties": {
            "url": {"type": "string", "pattern": r"^(https?|file)://"},
            "canonical_url": {"type": ["string", "null"], "pattern": r"^(https?|file)://"},
            "source": {"type": "string", "minLength": 1},
            "spider": {"type": "string", "enum": ["news", "moderngov", "cmis", "ofsted"]},
            "kind": {"type": "string", "enum": KINDS},
            "council": {"type": ["string", "null"]},
            "council_code": {"type": ["string", "null"], "pattern": r"^[ENSWK]\d{8}$"},
            "committee": {"type": ["string", "null"]},
            "meeting_date": {"type": ["string", "null"], "pattern": ISO_DATE},
            "item_title": {"type": ["string", "null"]},
            "title": {"type": ["string", "null"]},
            "published": {"type": ["string", "null"], "pattern": ISO_DATE},
            "updated": {"type": ["string", "null"], "pattern": ISO_DATE},
            "http_status": {"type": "integer", "minimum": 100, "maximum": 599},
            "fetched_at": {"type": "string"},
            "body": {"type": "bytes"},
            "meta": {"type": ["object", "null"]},
        },
    }


def canonical(url: str) -> str:
    """The URL a document is known by: no fragment, query arguments in a stable order."""
    return canonicalize_url(url, keep_fragments=False)


def item_id(item: DocumentItem | dict) -> str:
    return store.document_id(item.get("canonical_url") or canonical(item["url"]))


_TYPES = {"string": str, "integer": int, "object": dict, "bytes": (bytes, bytearray), "null": type(None)}


def field_errors(item: DocumentItem | dict) -> dict[str, str]:
    """Which fields break the schema and why (an empty dict: valid)."""
    schema = DocumentItem.jsonschema
    errors: dict[str, str] = {}
    for name in schema["required"]:
        if item.get(name) in (None, ""):
            errors[name] = "missing"
    for name, rule in schema["properties"].items():
        value = item.get(name)
        if value is None or name in errors:
            continue
        types = rule["type"] if isinstance(rule["type"], list) else [rule["type"]]
        if not isinstance(value, tuple(t for n in types for t in ((_TYPES[n],) if not isinstance(_TYPES[n], tuple) else _TYPES[n]))):
            errors[name] = f"expected {' or '.join(types)}, got {type(value).__name__}"
            continue
        if isinstance(value, bool) and "integer" in types:
            errors[name] = "expected integer, got bool"
        elif "pattern" in rule and isinstance(value, str) and not re.search(rule["pattern"], value):
            errors[name] = f"{value!r} does not match {rule['pattern']}"
        elif "enum" in rule and value not in rule["enum"]:
            errors[name] = f"{value!r} not one of {rule['enum']}"
        elif "minimum" in rule and isinstance(value, int) and not rule["minimum"] <= value <= rule["maximum"]:
            errors[name] = f"{value} out of range"
        elif rule.get("minLength") and isinstance(value, str) and len(value) < rule["minLength"]:
            errors[name] = "empty"
    return errors
