"""Shared pieces of the reliability tests (imported by name; no conftest, so no clash with other folders): hostile inputs, the CLI in a subprocess, a
hostile web site on 127.0.0.1, and database snapshots."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable

import pytest

BAD_DIR = Path(__file__).parents[1] / "files" / "bad"
sys.path.insert(0, str(BAD_DIR))

import make_bad  # noqa: E402  (tests/files/bad/make_bad.py)

EXE = Path(sys.executable).with_name("councilfacts")


def cli_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "COLUMNS": "400",  # rich must not wrap a path across lines
            "PYTHONUNBUFFERED": "1",
            "COUNCILFACTS_DOWNLOAD_DELAY": "0",
            "COUNCILFACTS_CONTACT": "tests@example.invalid",
        }
    )
    env.update(extra)
    return env


def cli(*args: str, timeout: float = 300, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """The installed `councilfacts` command in its own process (Scrapy's reactor runs once a process)."""
    return subprocess.run(
        [str(EXE), *map(str, args)], capture_output=True, text=True, timeout=timeout, cwd=cwd, env=env or cli_env()
    )


def cli_popen(*args: str, cwd: Path | None = None, env: dict | None = None, log: Path | None = None) -> subprocess.Popen:
    out = open(log, "wb") if log else subprocess.DEVNULL
    return subprocess.Popen([str(EXE), *map(str, args)], stdout=out, stderr=subprocess.STDOUT, cwd=cwd, env=env or cli_env())


def strict_json(line: str):
    """json.loads that refuses Infinity and NaN, which are not JSON."""

    def refuse(name):
        raise ValueError(f"non-JSON constant {name} in output")

    return json.loads(line, parse_constant=refuse)


# --------------------------------------------------------------------------- web site


class Site:
    """A tiny web server on 127.0.0.1 whose routes are set by the test.

    A route is (status, headers, body) or a callable(handler) -> (status, headers, body).
    Every request is counted in `hits`, so tests can say what was (not) fetched.
    """

    def __init__(self, host: str = "127.0.0.1"):
        self.routes: dict[str, tuple | Callable] = {}
        self.hits: list[str] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # quiet
                pass

            def do_HEAD(self):
                self.do_GET(head=True)

            def do_GET(self, head: bool = False):
                site.hits.append(self.path)
                route = site.routes.get(self.path) or site.routes.get(self.path.split("?")[0])
                if route is None:
                    status, headers, body = 404, {"Content-Type": "text/plain"}, b"not found"
                elif callable(route):
                    status, headers, body = route(self)
                else:
                    status, headers, body = route
                self.send_response(status)
                headers = dict(headers)
                headers.setdefault("Content-Length", str(len(body)))
                for key, value in headers.items():
                    self.send_header(key, value)
                self.end_headers()
                if not head:
                    try:
                        self.wfile.write(body)
                    except (BrokenPipeError, ConnectionResetError):
                        pass

        self.server = ThreadingHTTPServer((host, 0), Handler)
        self.server.daemon_threads = True
        self.server.handle_error = lambda request, address: None  # clients hanging up are expected here
        self.base = f"http://{host}:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.routes["/robots.txt"] = (200, {"Content-Type": "text/plain"}, b"User-agent: *\nDisallow: /private/\n")

    def url(self, path: str) -> str:
        return self.base + path

    def fetched(self, path: str) -> int:
        return sum(1 for h in self.hits if h == path or h.split("?")[0] == path)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def rss(base: str, links: list[tuple[str, str]]) -> bytes:
    items = "".join(
        f"<item><title>{title}</title><link>{link if link.startswith('http') else base + link}</link>"
        f"<guid>{link if link.startswith('http') else base + link}</guid>"
        "<pubDate>Tue, 04 Jun 2024 09:00:00 GMT</pubDate></item>"
        for title, link in links
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Hostile Gazette (TEST)</title>'
        f"<link>{base}/</link><description>test fixture</description>{items}</channel></rss>"
    ).encode()


# --------------------------------------------------------------------------- database


def rows(db_path: Path, sql: str, params=()) -> list[dict]:
    import sqlite3

    if not Path(db_path).exists():
        raise FileNotFoundError(db_path)
    conn = sqlite3.connect(db_path, timeout=30)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute(sql, params)]
    finally:
        conn.close()


def count(db_path: Path, sql: str, params=()) -> int:
    try:
        return rows(db_path, sql, params)[0]["n"]
    except Exception:  # noqa: BLE001 - not there yet (the table is being created)
        return 0


VOLATILE_DOC = {"fetched_at", "extracted_at"}


def snapshot(db_path: Path) -> dict[str, list]:
    """Every row of documents and facts, without the columns that record when things ran."""
    docs = [
        {k: v for k, v in r.items() if k not in VOLATILE_DOC}
        for r in rows(db_path, "select * from documents order by id")
    ]
    facts = rows(db_path, "select * from facts order by id")
    raw = rows(db_path, "select document_id, length(body) as n from document_raw order by document_id")
    return {"documents": docs, "facts": facts, "document_raw": raw}


def assert_no_duplicates(db_path: Path) -> None:
    dup_urls = rows(db_path, "select canonical_url, count(*) n from documents group by canonical_url having n > 1")
    assert not dup_urls, f"documents stored twice: {dup_urls}"
    dup_hash = rows(
        db_path, "select content_hash, count(*) n from documents where content_hash is not null group by content_hash having n > 1"
    )
    assert not dup_hash, f"same content stored twice: {dup_hash}"
    dup_facts = rows(
        db_path,
        "select document_id, measure, figure_start, figure_end, value, count(*) n from facts"
        " group by document_id, measure, figure_start, figure_end, value, subject, sentence having n > 1",
    )
    assert not dup_facts, f"facts stored twice: {dup_facts}"
    mixed = rows(
        db_path,
        "select f.document_id, count(distinct f.extractor_version) n from facts f group by f.document_id having n > 1",
    )
    assert not mixed, f"facts of two extractor versions mixed in one document: {mixed}"
    stale = rows(
        db_path,
        "select f.document_id from facts f join documents d on d.id = f.document_id"
        " where d.extractor_version is not null and f.extractor_version != d.extractor_version",
    )
    assert not stale, f"facts of another version than their document's: {stale}"
    integrity = rows(db_path, "pragma integrity_check")
    assert integrity[0]["integrity_check"] == "ok", integrity


# --------------------------------------------------------------------------- the hostile site

from dataclasses import dataclass as _dataclass, field as _field  # noqa: E402


@_dataclass
class Page:
    """One document the hostile site offers, and what the crawl must make of it."""

    path: str
    expect: str  # fail | read | survive | skip (never fetched, never stored)
    why: str
    reason: str = ""
    facts: list = _field(default_factory=list)
    forbidden_values: list = _field(default_factory=list)


def text_article(text: str) -> bytes:
    return make_bad.article("".join(f"<p>{p}</p>" for p in text.split("\n\n"))).encode()


MAX_MB = 1  # COUNCILFACTS_MAXSIZE_MB for crawls of the hostile site
BOMB_MB = 200


_BOMBS: dict = {}


def bomb(head: bytes, fill: bytes) -> bytes:
    """gzip of `head` and BOMB_MB megabytes of `fill`: a few hundred KB on the wire."""
    import zlib

    key = (head, fill)
    if key not in _BOMBS:
        z = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: gzip container
        out = [z.compress(head)]
        chunk = fill * (1024 * 1024 // len(fill))
        out += [z.compress(chunk) for _ in range(BOMB_MB)]
        out.append(z.flush())
        _BOMBS[key] = b"".join(out)
    return _BOMBS[key]


def hostile_site(site: Site, offsite: Site) -> tuple[list[Page], str]:
    """Fill `site` with hostile news articles (an RSS feed) and hostile reports (an Ofsted-
    shaped provider page); returns the pages and a sources file's YAML text."""
    pages: list[Page] = []
    news: list[tuple[str, str]] = []
    html_type = "text/html; charset=utf-8"

    def article(path, body, ctype, page):
        site.routes[path] = (200, {"Content-Type": ctype}, body)
        news.append((page.why, path))
        pages.append(page)

    skip_in_crawl = {"pdf_named_html.html"}  # the news spider wants HTML; PDFs are tried on the report list
    for doc in make_bad.html_docs():
        if doc.name in skip_in_crawl:
            continue
        path = f"/news/{doc.stem}.html"
        article(path, doc.body, doc.content_type or html_type,
                Page(path, doc.expect, doc.why, doc.reason, doc.facts, doc.forbidden_values))
    for doc in make_bad.text_docs():
        if doc.name in ("absurd_numbers.txt", "unicode_digits.txt", "unicode_spaces.txt"):
            path = f"/news/{doc.stem}.html"
            article(path, text_article(doc.body.decode()), html_type,
                    Page(path, doc.expect, doc.why + " (in an article)", doc.reason, doc.facts, doc.forbidden_values))

    big = make_bad.oversized(MAX_MB * 1024 * 1024)
    article("/news/oversized.html", big.body, html_type, Page("/news/oversized.html", "fail", big.why, r"size|large|max"))

    site.routes["/news/loop-a.html"] = (302, {"Location": site.url("/news/loop-b.html")}, b"")
    site.routes["/news/loop-b.html"] = (301, {"Location": site.url("/news/loop-a.html")}, b"")
    news.append(("redirect loop", "/news/loop-a.html"))
    pages.append(Page("/news/loop-a.html", "fail", "redirect loop a -> b -> a", r"redirect"))

    site.routes["/news/gone.html"] = (404, {"Content-Type": "text/html"}, b"<html><body>Not found</body></html>")
    news.append(("gone", "/news/gone.html"))
    pages.append(Page("/news/gone.html", "fail", "HTTP 404", r"404"))

    site.routes["/news/broken.html"] = (500, {"Content-Type": "text/html"}, b"<html><body>Server error</body></html>")
    news.append(("broken", "/news/broken.html"))
    pages.append(Page("/news/broken.html", "fail", "HTTP 500 every time (retried, then given up)", r"500"))

    whole = make_bad.article(make_bad.paragraphs(make_bad.GOOD_SENTENCE) * 40).encode()

    def cut_off(handler):
        handler.close_connection = True
        return 200, {"Content-Type": html_type, "Content-Length": str(len(whole)), "Connection": "close"}, whole[: len(whole) // 3]

    site.routes["/news/cut-off.html"] = cut_off
    news.append(("cut off", "/news/cut-off.html"))
    pages.append(Page("/news/cut-off.html", "fail", "connection closed a third of the way through the body",
                      r"loss|lost|incomplete|ResponseFailed|connection|truncat"))

    refresh = '<html><head><meta http-equiv="refresh" content="0; url={}"><title>Moved</title></head><body>Moved.</body></html>'
    site.routes["/news/refresh-a.html"] = (200, {"Content-Type": html_type}, refresh.format("/news/refresh-b.html").encode())
    site.routes["/news/refresh-b.html"] = (200, {"Content-Type": html_type}, refresh.format("/news/refresh-a.html").encode())
    news.append(("meta refresh loop", "/news/refresh-a.html"))
    pages.append(Page("/news/refresh-a.html", "fail", "meta refresh loop a -> b -> a", r"redirect|refresh|loop"))

    site.routes["/news/bomb.html"] = (200, {"Content-Type": html_type, "Content-Encoding": "gzip"}, bomb(b"<html><body><p>", b" "))
    news.append(("gzip bomb", "/news/bomb.html"))
    pages.append(Page("/news/bomb.html", "fail", f"{BOMB_MB} MB of HTML gzipped into a few hundred KB (Content-Encoding)",
                      r"size|large|max|bomb"))

    offsite.routes["/news/offsite.html"] = (200, {"Content-Type": html_type}, make_bad.article(make_bad.paragraphs(make_bad.GOOD_SENTENCE)).encode())
    news.append(("offsite", offsite.url("/news/offsite.html")))
    pages.append(Page(offsite.url("/news/offsite.html"), "skip", "a link off the allowed domains"))

    site.routes["/private/secret.html"] = (200, {"Content-Type": html_type}, make_bad.article(make_bad.paragraphs(make_bad.GOOD_SENTENCE)).encode())
    news.append(("robots", "/private/secret.html"))
    pages.append(Page("/private/secret.html", "skip", "disallowed by robots.txt"))

    site.routes["/news/feed.xml"] = (200, {"Content-Type": "application/rss+xml"}, rss(site.base, news))
    # A gzipped sitemap (served as bytes, as sitemap.xml.gz files are) that unpacks to far more than the cap.
    site.routes["/news/sitemap.xml.gz"] = (200, {"Content-Type": "application/octet-stream"},
                                           bomb(b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">', b" "))
    pages.append(Page("/news/sitemap.xml.gz", "fail", f"a sitemap.xml.gz that unpacks to {BOMB_MB} MB", r"size|large|max|bomb"))

    items = []
    for n, doc in enumerate(make_bad.pdf_docs(), start=1001):
        path = f"/v1/file/{n}"
        expect = "survive" if doc.name == "html_named_pdf.pdf" else doc.expect
        site.routes[path] = (200, {"Content-Type": doc.content_type or "application/pdf"}, doc.body)
        pages.append(Page(path, expect, doc.why, doc.reason, doc.facts, doc.forbidden_values))
        items.append(
            f'<li><a class="publication-link" href="{path}">{doc.why} - PDF</a>'
            f' <time datetime="2024-05-{n - 1000:02d}">{n - 1000} May 2024</time></li>'
        )
    site.routes["/provider/44/99999"] = (
        200,
        {"Content-Type": html_type},
        (f"<html><body><h1>Hostile County Council (TEST)</h1><ul>{''.join(items)}</ul></body></html>").encode(),
    )
    sources = f"""
sources:
  - name: hostile-news
    spider: news
    enabled: true
    councils: [{{name: Northamptonshire County Council, code: E10000021}}]
    start_urls: ["{site.url('/news/feed.xml')}", "{site.url('/news/sitemap.xml.gz')}"]
    allowed_domains: ["127.0.0.1"]
    max_age_days: 0
    settings: {{RETRY_TIMES: 1, RETRY_BACKOFF_BASE: 0.05}}
  - name: hostile-ofsted
    spider: ofsted
    enabled: true
    councils: [{{name: Northamptonshire County Council, code: E10000021}}]
    start_urls: ["{site.url('/provider/44/99999')}"]
    allowed_domains: ["127.0.0.1"]
    report_types: []
    settings: {{RETRY_TIMES: 1, RETRY_BACKOFF_BASE: 0.05}}
"""
    return pages, sources


def crawl_env(**extra: str) -> dict[str, str]:
    return cli_env(COUNCILFACTS_MAXSIZE_MB=str(MAX_MB), **extra)


def snapshot_diff(a: dict, b: dict, limit: int = 5) -> str:
    """A short description of how two snapshots differ (empty when they do not)."""
    out = []
    for table in a:
        key = "id" if a[table] and "id" in a[table][0] else "document_id"
        x = {r[key]: r for r in a[table]}
        y = {r[key]: r for r in b.get(table, [])}
        if set(x) != set(y):
            out.append(f"{table}: only before {sorted(set(x) - set(y))[:limit]}, only after {sorted(set(y) - set(x))[:limit]}")
        changed = [(k, {c: (x[k][c], y[k].get(c)) for c in x[k] if x[k][c] != y[k].get(c)}) for k in x if k in y and x[k] != y[k]]
        for k, cols in changed[:limit]:
            out.append(f"{table} {k}: " + "; ".join(f"{c}: {str(v[0])[:80]!r} -> {str(v[1])[:80]!r}" for c, v in cols.items()))
    return "\n".join(out)
