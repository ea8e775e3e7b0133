"""What the Redis tests and benchmarks/scale.py share: Debian's redis-server, and a generated news site.

    with redis_server(tmp) as url: ...                 # redis-server on 127.0.0.1, a free port
    site = CorpusSite(n_docs=200, delay=0.05).start()  # sitemap index -> sitemaps -> articles
    site.counts["/news/17.html"]                       # how often each path was asked for

The site is a news site as the news spider meets one: /sitemap.xml indexes sitemaps of
500 articles each; every article is a page about one real council with figures in its
prose, all different (numbers, councils, wording), so no two bodies share a hash.
"""

from __future__ import annotations

import csv
import os
import shutil
import socket
import subprocess
import threading
import time
from collections import Counter
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parents[2]
PER_SITEMAP = 500


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def redis_server(directory: Path) -> Iterator[str]:
    """Debian's redis-server on 127.0.0.1 with its files in `directory`; yields its URL."""
    exe = shutil.which("redis-server")
    if exe is None:
        raise FileNotFoundError("redis-server is not installed (Debian: apt-get install -y redis-server)")
    port = free_port()
    directory.mkdir(parents=True, exist_ok=True)
    proc = subprocess.Popen(
        [exe, "--port", str(port), "--bind", "127.0.0.1", "--dir", str(directory), "--save", "",
         "--appendonly", "yes", "--appendfsync", "everysec", "--protected-mode", "yes", "--daemonize", "no"],
        stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
    )
    url = f"redis://127.0.0.1:{port}/0"
    try:
        import redis

        client = redis.Redis.from_url(url)
        for _ in range(100):
            try:
                client.ping()
                break
            except redis.ConnectionError:
                if proc.poll() is not None:
                    raise RuntimeError(f"redis-server exited with status {proc.returncode}")
                time.sleep(0.05)
        yield url
    finally:
        proc.terminate()
        proc.wait(10)


def councils() -> list[tuple[str, str]]:
    with open(ROOT / "data" / "gazetteer.csv", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["current"] == "True" and r["gss_code"][:1] in "ESW"]
    return [(r["official_name"], r["gss_code"]) for r in rows]


PLACES = councils()
MEASURES = [
    "{council} will cut {a} jobs as it tries to save £{b}m over the next two years, the council said.",
    "Social workers at {council} now have an average caseload of {c} children each, up from {d} last year.",
    "There are {a} children's cases at {council} without an allocated social worker, a report said.",
    "Agency staff make up {p}% of the children's social work workforce at {council}.",
]
FILLER = (
    "Councillors will discuss the figures at a meeting of the cabinet next week. A spokesperson said the "
    "authority was working hard to protect front-line services and that residents would be consulted. "
    "Unions said the plans would put more pressure on staff who were already stretched."
)


def real_sentences() -> list[str]:
    """Sentences of the project's own test documents (news, papers, Ofsted letters): the
    body of a generated story reads, and costs the extractor, like a real one."""
    import re

    texts = [p.read_text(encoding="utf-8") for p in sorted(ROOT.glob("tests/nlp/*/docs/*.txt"))]
    return [" ".join(s.split()) for t in texts for s in re.split(r"(?<=[.!?])\s+", t) if 40 < len(s) < 300]


SENTENCES = real_sentences() or [FILLER]


def article(i: int) -> tuple[str, str]:
    """(title, text) of the i-th generated story, about 400 words: figures vary with i, the council cycles."""
    council, _ = PLACES[i % len(PLACES)]
    values = {"council": council, "a": 20 + i % 400, "b": 3 + i % 70, "c": 14 + i % 19, "d": 12 + i % 11, "p": 5 + i % 40}
    lead = MEASURES[i % len(MEASURES)].format(**values)
    second = MEASURES[(i + 1) % len(MEASURES)].format(**values)
    body = [" ".join(SENTENCES[(i * 7 + k * 3 + j) % len(SENTENCES)] for j in range(3)) for k in range(3)]
    title = f"Story {i}: {council} figures"
    return title, "\n\n".join([lead, FILLER, *body, second, f"Reference {i}."])


def article_html(i: int) -> bytes:
    title, text = article(i)
    paras = "".join(f"<p>{p}</p>" for p in text.split("\n\n"))
    return (
        f"<!doctype html><html><head><title>{title}</title>"
        f'<meta property="article:published_time" content="2026-{1 + i % 12:02d}-{1 + i % 28:02d}T09:00:00Z">'
        f"</head><body><article><h1>{title}</h1>{paras}</article></body></html>"
    ).encode("utf-8")


class CorpusSite:
    """A generated news site on 127.0.0.1 that counts the requests for each path."""

    def __init__(self, n_docs: int, delay: float = 0.0) -> None:
        self.n_docs = n_docs
        self.delay = delay
        self.counts: Counter[str] = Counter()
        self.agents: Counter[tuple[str, str]] = Counter()  # (User-Agent, path)
        self.lock = threading.Lock()
        self.server: ThreadingHTTPServer | None = None
        self.base = ""

    def page(self, path: str) -> tuple[int, bytes, str]:
        n_maps = (self.n_docs + PER_SITEMAP - 1) // PER_SITEMAP
        if path == "/robots.txt":
            return 200, b"User-agent: *\nAllow: /\n", "text/plain"
        if path == "/sitemap.xml":
            maps = "".join(f"<sitemap><loc>{self.base}/sitemaps/{k}.xml</loc></sitemap>" for k in range(n_maps))
            return 200, f'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{maps}</sitemapindex>'.encode(), "application/xml"
        if path.startswith("/sitemaps/") and path.endswith(".xml"):
            k = int(path.rsplit("/", 1)[1][:-4])
            urls = "".join(
                f"<url><loc>{self.base}/news/{i}.html</loc><lastmod>2026-11-01</lastmod></url>"
                for i in range(k * PER_SITEMAP, min(self.n_docs, (k + 1) * PER_SITEMAP))
            )
            return 200, f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'.encode(), "application/xml"
        if path.startswith("/news/") and path.endswith(".html"):
            i = int(path[6:-5])
            if i < self.n_docs:
                if self.delay:
                    time.sleep(self.delay)
                return 200, article_html(i), "text/html; charset=utf-8"
        return 404, b"not found", "text/plain"

    def start(self) -> "CorpusSite":
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - http.server's name
                with site.lock:
                    site.counts[self.path] += 1
                    site.agents[(self.headers.get("User-Agent", ""), self.path)] += 1
                status, body, ctype = site.page(self.path)
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server:
            self.server.shutdown()
            self.server.server_close()

    def article_counts(self) -> dict[str, int]:
        return {p: n for p, n in self.counts.items() if p.startswith("/news/")}

    def sources_file(self, path: Path, name: str = "generated-news") -> Path:
        path.write_text(
            "sources:\n"
            f"  - name: {name}\n"
            "    spider: news\n"
            "    enabled: true\n"
            f"    start_urls: ['{self.base}/sitemap.xml']\n"
            "    max_age_days: 0\n",
            encoding="utf-8",
        )
        return path


def crawl_worker(db: Path, sources: Path, url: str, *, fetch_only: bool = False, agent: str = "worker",
                 lease_seconds: float = 2, extra: list[str] | None = None) -> subprocess.Popen:
    """A crawler process on the shared frontier (`python -m councilfacts.crawl --redis`)."""
    import json
    import sys

    argv = [sys.executable, "-m", "councilfacts.crawl", "--db", str(Path(db).resolve()), "--sources-file", str(Path(sources).resolve()), "--redis", url,
            "--set", f"USER_AGENT={agent}", "--set", f"COUNCILFACTS_LEASE_SECONDS={json.dumps(lease_seconds)}",
            *(extra or [])]
    if fetch_only:
        argv.append("--fetch-only")
    env = dict(os.environ, COUNCILFACTS_LOG_LEVEL="WARNING")
    return subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=str(ROOT))
