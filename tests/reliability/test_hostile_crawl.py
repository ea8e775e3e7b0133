"""A crawl over HTTP of a hostile site on 127.0.0.1, through the CLI in a subprocess:
each bad document gives one error row naming its URL and the reason; the good and the
hostile-but-readable ones are stored and read right; nothing off the allowed domains or
forbidden by robots.txt is fetched; the exit status says some documents failed.
Then the whole pipeline twice gives the same rows (idempotence)."""

from __future__ import annotations

import math
import re

import pytest

from .reliability_kit import (
    Site,
    assert_no_duplicates,
    cli,
    crawl_env,
    hostile_site,
    rows,
    snapshot,
    snapshot_diff,
)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def servers():
    site, offsite = Site("127.0.0.1"), Site("127.0.0.2")
    pages, sources = hostile_site(site, offsite)
    yield site, offsite, pages
    site.close()
    offsite.close()


@pytest.fixture(scope="module")
def crawled(servers, tmp_path_factory):
    site, offsite, pages = servers
    folder = tmp_path_factory.mktemp("hostile")
    _, sources = hostile_site(site, offsite)  # same routes, same text
    (folder / "sources.yml").write_text(sources)
    db = folder / "crawl.db"
    crawl = cli("crawl", "--sources-file", folder / "sources.yml", "--db", db, env=crawl_env(), timeout=600)
    extract = cli("extract", "--db", db, timeout=600)
    return {"db": db, "crawl": crawl, "extract": extract, "folder": folder, "pages": pages, "site": site, "offsite": offsite}


def url_of(site: Site, page) -> str:
    return page.path if page.path.startswith("http") else site.url(page.path)


def errors_for(db, url):
    return [e for e in rows(db, "select * from errors where stage = 'crawl'") if e["target"] == url or url.endswith(e["target"] or "\0")]


def document_for(db, url):
    return rows(db, "select * from documents where url = ? or canonical_url = ?", [url, url])


def test_crawl_finishes_and_says_some_documents_failed(crawled):
    result = crawled["crawl"]
    assert result.returncode == 1, f"exit {result.returncode}\n{result.stderr[-4000:]}"
    assert "Traceback" not in result.stderr, result.stderr[-6000:]
    assert "Spider error processing" not in result.stderr, result.stderr[-6000:]


def test_extract_after_the_hostile_crawl_succeeds(crawled):
    result = crawled["extract"]
    assert result.returncode == 0, result.stderr[-4000:]
    assert_no_duplicates(crawled["db"])


def pages_of(kind):
    # Built without servers for the test ids; the fixture builds the same list.
    from . import reliability_kit as conftest

    class Dummy:
        base = "http://127.0.0.1:1"
        routes: dict = {}

        def url(self, p):
            return self.base + p

    pages, _ = conftest.hostile_site(Dummy(), Dummy())
    return [p for p in pages if p.expect in kind]


@pytest.mark.parametrize("pg", pages_of(("fail",)), ids=lambda p: p.path.rsplit("/", 1)[-1])
def test_bad_document_gives_one_clear_error(crawled, pg):
    page = pg
    db, site = crawled["db"], crawled["site"]
    url = url_of(site, page)
    found = errors_for(db, url)
    if not found and "loop" in url:
        found = errors_for(db, url.replace("loop-a", "loop-b"))
    assert len(found) == 1, f"{page.path} ({page.why}): expected one error row, got {found}"
    text = f"{found[0]['reason']} {found[0]['detail'] or ''}"
    if page.reason:
        assert re.search(page.reason, text, re.I), f"{page.path} ({page.why}): reason {text!r} does not say {page.reason!r}"
    assert url.rsplit("/", 1)[-1].split(".")[0] in crawled["crawl"].stderr, "the log names the document"
    stored = [d for d in document_for(db, url) if d["text_status"] == "ok" and (d["text"] or "").strip()]
    assert not stored, f"{page.path} ({page.why}) stored as readable: {stored[0]['text'][:100]!r}"


@pytest.mark.parametrize("pg", pages_of(("read", "survive")), ids=lambda p: p.path.rsplit("/", 1)[-1])
def test_hostile_but_readable_document_is_stored_and_read_right(crawled, pg):
    page = pg
    db, site = crawled["db"], crawled["site"]
    url = url_of(site, page)
    found = errors_for(db, url)
    docs = [d for d in document_for(db, url) if d["text_status"] == "ok"]
    if page.expect == "survive":
        assert bool(docs) != bool(found), f"{page.path}: stored and failed at once, or neither: {found}"
        if not docs:
            assert len(found) == 1
            return
    assert len(docs) == 1, f"{page.path} ({page.why}) not stored; errors: {found}"
    assert not found, f"{page.path} stored but also recorded as failed: {found}"
    doc = docs[0]
    assert "\ufffd" not in doc["text"] and "Â£" not in doc["text"], f"{page.path}: mis-decoded text {doc['text'][:200]!r}"
    facts = rows(db, "select * from facts where document_id = ?", [doc["id"]])
    for f in facts:
        for key in ("value", "value_max"):
            assert f[key] is None or math.isfinite(f[key]), f
        if f["sentence_start"] is not None:
            assert doc["text"][f["sentence_start"] : f["sentence_end"]] == f["sentence"]
            assert doc["text"][f["figure_start"] : f["figure_end"]] == f["figure"]
    got = {(f["measure"], f["value"]) for f in facts}
    for measure, value in page.facts:
        assert (measure, float(value)) in got, f"{page.path} ({page.why}): {measure} {value} not read; read {sorted(got, key=str)}"
    for value in page.forbidden_values:
        assert float(value) not in {v for _, v in got}, f"{page.path}: read {value}, a piece of a number"


def test_nothing_off_the_allowed_domains_or_forbidden_by_robots_is_fetched(crawled):
    db, site, offsite = crawled["db"], crawled["site"], crawled["offsite"]
    assert offsite.hits == [], f"fetched off the allowed domains: {offsite.hits}"
    assert site.fetched("/private/secret.html") == 0, "fetched a page robots.txt forbids"
    for url in (offsite.url("/news/offsite.html"), site.url("/private/secret.html")):
        assert not document_for(db, url)


def test_redirect_loop_is_given_up_quickly(crawled):
    site = crawled["site"]
    hops = site.fetched("/news/loop-a.html") + site.fetched("/news/loop-b.html")
    assert 1 <= hops <= 25, f"{hops} requests spent on a redirect loop"


def test_oversized_page_is_not_downloaded_whole(crawled):
    # Scrapy may read up to the cap before it gives up; the page is never stored.
    assert not document_for(crawled["db"], crawled["site"].url("/news/oversized.html"))


def test_whole_pipeline_twice_gives_the_same_rows(servers, crawled, tmp_path):
    """Idempotence: a second run on the same database changes no document and no fact, and a
    fresh database built from the same site holds the same rows."""
    site, offsite, _ = servers
    db = crawled["db"]
    first = snapshot(db)
    sources = crawled["folder"] / "sources.yml"
    again = cli("run", "--no-serve", "--sources-file", sources, "--db", db, env=crawl_env(), timeout=600)
    assert again.returncode == 1, again.stderr[-3000:]  # the bad documents still fail, and say so
    second = snapshot(db)
    assert second == first, snapshot_diff(first, second)
    assert_no_duplicates(db)

    fresh = tmp_path / "fresh.db"
    built = cli("run", "--no-serve", "--sources-file", sources, "--db", fresh, env=crawl_env(), timeout=600)
    assert built.returncode == 1, built.stderr[-3000:]
    other = snapshot(fresh)
    assert other == first, snapshot_diff(first, other)


def test_a_source_that_cannot_be_reached_fails_clearly(tmp_path):
    """Connection refused on the feed itself: one error naming it, exit status 1, no traceback."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nothing listens there
    feed = f"http://127.0.0.1:{port}/news/feed.xml"
    (tmp_path / "sources.yml").write_text(
        f"""
sources:
  - name: unreachable
    spider: news
    enabled: true
    start_urls: ["{feed}"]
    max_age_days: 0
    settings: {{RETRY_TIMES: 1, RETRY_BACKOFF_BASE: 0.05}}
"""
    )
    db = tmp_path / "u.db"
    result = cli("crawl", "--sources-file", tmp_path / "sources.yml", "--db", db, env=crawl_env(), timeout=300)
    assert result.returncode == 1, result.stderr[-3000:]
    # (Scrapy's robots.txt middleware logs its own failed fetch with a traceback; that is Scrapy's.)
    for crash in ("Spider error processing", "Unhandled error", "Error processing"):
        assert crash not in result.stderr, result.stderr[-3000:]
    found = [e for e in rows(db, "select * from errors") if e["target"] == feed]
    assert len(found) == 1 and re.search(r"refused|connect", found[0]["reason"], re.I), found
