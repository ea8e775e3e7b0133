"""Shared pieces of the reliability tests: hostile inputs, the CLI in a subprocess, a
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


@pytest.fixture
def site():
    s = Site()
    yield s
    s.close()


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
