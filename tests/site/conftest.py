"""A small councilfacts database built through the real db functions, then prepared for the site.

Two councils, documents of every kind (a PDF committee paper with pages, an Ofsted report,
news stories), figures of several measures over time, and one hostile story whose text
carries HTML/script that must never run on a page.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

from councilfacts import claims
from councilfacts import db as store
from councilfacts import publish

NORTHANTS = ("North Northamptonshire", "E06000061")
DERBY = ("Derbyshire", "E10000007")
VERSION = "test-1"


def fact(text, sentence, figure, *, measure, value, unit, body, qualifier="exact", value_max=None, subject=None, period=None, page=None):
    s = text.index(sentence)
    f = text.index(figure, s)
    return {
        "measure": measure,
        "value": value,
        "value_max": value_max,
        "qualifier": qualifier,
        "unit": unit,
        "subject": subject,
        "body": body[0] if body else None,
        "body_code": body[1] if body else None,
        "period": period,
        "sentence": sentence,
        "sentence_start": s,
        "sentence_end": s + len(sentence),
        "figure": figure,
        "figure_start": f,
        "figure_end": f + len(figure),
        "page": page,
    }


def document(url, kind, title, text, published, council, **extra):
    raw = extra.pop("raw", text.encode("utf-8"))
    doc = {
        "url": url,
        "canonical_url": url,
        "source": extra.pop("source", "sample-" + kind),
        "spider": {"news": "news", "committee_paper": "moderngov", "ofsted_report": "ofsted"}[kind],
        "kind": kind,
        "title": title,
        "published": published,
        "council": council[0],
        "council_code": council[1],
        "http_status": 200,
        "content_type": extra.pop("content_type", "text/html"),
        "content_hash": store.content_hash(raw),
        "text": text,
        "text_status": "ok",
        **extra,
    }
    return doc, raw


def build(path: Path) -> Path:
    db = store.connect(path)
    db["bodies"].insert_all(
        [
            {"code": NORTHANTS[1], "name": NORTHANTS[0], "nice_name": NORTHANTS[0], "register_code": "NNT", "kind": "unitary authority", "nation": "England", "region": "East Midlands", "alt_names": "North Northants|NNC"},
            {"code": DERBY[1], "name": DERBY[0], "nice_name": DERBY[0], "register_code": "DBY", "kind": "county", "nation": "England", "region": "East Midlands", "alt_names": "Derbys"},
        ],
        pk="code",
        replace=True,
    )
    db["measures"].insert_all(
        [
            {"id": "unallocated_cases", "label": "Unallocated cases", "units": "children, cases"},
            {"id": "job_cuts", "label": "Job cuts", "units": "posts, people"},
            {"id": "caseload", "label": "Caseload per social worker", "units": "cases"},
            {"id": "funding_cut", "label": "Funding cut", "units": "gbp"},
            {"id": "agency_staff", "label": "Agency staff", "units": "people, percent"},
            {"id": "ofsted_rating", "label": "Ofsted judgement", "units": ""},
        ],
        pk="id",
        replace=True,
    )

    docs = []
    # Three news stories about unallocated cases in North Northamptonshire, over a year.
    for i, (date, n) in enumerate([("2025-03-04", 152), ("2025-09-12", 98), ("2026-02-20", 61)]):
        sentence = f"There were {n} children in need without an allocated social worker in North Northamptonshire."
        text = f"SAMPLE DATA. Children's services update {i + 1}.\n\n{sentence} Staff said caseloads of more than 30 cases were common."
        doc, raw = document(f"http://127.0.0.1/news/{date[:4]}/{date[5:7]}/unallocated-{i}.html", "news", f"Unallocated cases update {i + 1}", text, date, NORTHANTS)
        facts = [
            fact(text, sentence, str(n), measure="unallocated_cases", value=n, unit="children", body=NORTHANTS, subject="children in need"),
            fact(text, "Staff said caseloads of more than 30 cases were common.", "more than 30", measure="caseload", value=30, unit="cases", body=NORTHANTS, qualifier="more_than", subject="cases"),
        ]
        docs.append((doc, raw, facts))

    # A committee paper (PDF, two pages) about job cuts and a funding cut.
    p1 = "SAMPLE DATA. Report to Cabinet.\nBudget proposals 2026/27.\n"
    p2 = "The council proposes that 64 posts will be made redundant. Spending on staff will be cut by £147m over four years. Call 01604 123456 for details."
    text = p1 + p2
    doc, raw = document(
        "http://127.0.0.1/moderngov/documents/s12345/Budget.pdf",
        "committee_paper",
        "Budget proposals 2026/27",
        text,
        None,
        NORTHANTS,
        meeting_date="2026-01-15",
        committee="Cabinet",
        page_starts=[0, len(p1)],
        n_pages=2,
        content_type="application/pdf",
        raw=b"%PDF-1.4 sample",
    )
    facts = [
        fact(text, "The council proposes that 64 posts will be made redundant.", "64", measure="job_cuts", value=64, unit="posts", body=NORTHANTS, subject="posts", page=2),
        fact(text, "Spending on staff will be cut by £147m over four years.", "£147m", measure="funding_cut", value=147_000_000, unit="gbp", body=NORTHANTS, subject="spending on staff", page=2),
    ]
    docs.append((doc, raw, facts))

    # An Ofsted report on Derbyshire.
    text = "SAMPLE DATA. Derbyshire children's services were judged to require improvement. Some 26 agency social workers were in post, and 12 posts will be cut."
    doc, raw = document("http://127.0.0.1/ofsted/files/v1/file/5001", "ofsted_report", "Derbyshire ILACS inspection", text, "2025-11-02", DERBY, content_type="application/pdf", page_starts=[0], n_pages=1, raw=b"%PDF-1.4 ofsted")
    facts = [
        fact(text, "Derbyshire children's services were judged to require improvement.", "require improvement", measure="ofsted_rating", value=None, unit="count", body=DERBY, subject="requires improvement", page=1),
        fact(text, "Some 26 agency social workers were in post, and 12 posts will be cut.", "26", measure="agency_staff", value=26, unit="people", body=DERBY, subject="agency social workers", page=1),
        fact(text, "Some 26 agency social workers were in post, and 12 posts will be cut.", "12", measure="job_cuts", value=12, unit="posts", body=DERBY, subject="posts", page=1),
    ]
    docs.append((doc, raw, facts))

    # A hostile story: markup in the title and the sentence must be shown, not run.
    sentence = 'Campaigners said <script>document.title="pwned"</script><img src=x onerror="window.pwned=1"> 40 children were unallocated in Derbyshire.'
    text = "SAMPLE DATA. " + sentence
    doc, raw = document("http://127.0.0.1/news/2026/01/hostile.html", "news", 'Hostile <b>title</b><script>window.pwned=2</script>', text, "2026-01-10", DERBY, raw=b"<html><script>alert(1)</script></html>")
    facts = [fact(text, sentence, "40", measure="unallocated_cases", value=40, unit="children", body=DERBY, subject="children")]
    docs.append((doc, raw, facts))

    for doc, raw, facts in docs:
        assert store.upsert_document(db, doc, raw) == "new"
        doc_id = store.document_id(doc["canonical_url"])
        store.replace_facts(db, doc_id, facts, VERSION)
    claims.update(db)  # as `councilfacts extract` does after reading
    db.conn.close()
    publish.prepare(path)
    return path


@pytest.fixture(scope="session")
def site_db(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("site") / "councilfacts.db")


@pytest.fixture(scope="session")
def metadata() -> dict:
    import yaml

    return yaml.safe_load(publish.METADATA.read_text())


# --- browser tests: one `datasette serve` and one Chromium per session ----------------------

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serving(db_path: Path, log: Path):
    """A real `datasette serve` subprocess, started with the argv `councilfacts serve` uses; yields its base URL."""
    import subprocess
    import time
    import urllib.request

    port = _free_port()
    with open(log, "wb") as out:
        proc = subprocess.Popen(publish.serve_command(db_path, port=port, host="127.0.0.1"), stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(base + "/-/versions.json", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"datasette serve did not start:\n{log.read_text()}")
        time.sleep(0.2)
    try:
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def server(site_db, tmp_path_factory):
    with serving(site_db, tmp_path_factory.mktemp("serve") / "datasette.log") as base:
        yield base


@pytest.fixture(scope="module")
def site_browser():
    """One Chromium for the browser tests (all in one module). Module, not session, scope:
    Playwright's sync API holds an event loop on this thread while it runs, and later tests
    that call asyncio.run (Datasette in process) must not find it still running."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's Chromium is not installed at /usr/bin/chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def site_page(site_browser, request):
    context = site_browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(15000)
    errors = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.js_errors = errors
    yield pg
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        pg.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
        (ARTIFACTS / f"{request.node.name}.html").write_text(pg.content())
    context.close()


# --- the real sample database: the bundled sample site crawled and read, once per session ----


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory) -> Path:
    """`councilfacts run --sample --no-serve`: the sample site served on 127.0.0.1, crawled by
    Scrapy, read by the extractor and prepared for the site (as tests/test_end_to_end.py).
    In a subprocess: Scrapy's reactor starts once per process."""
    import subprocess
    import sys

    path = tmp_path_factory.mktemp("sample") / "councilfacts.db"
    exe = Path(sys.executable).with_name("councilfacts")
    result = subprocess.run(
        [str(exe), "run", "--sample", "--no-serve", "--db", str(path)], capture_output=True, text=True, timeout=600
    )
    if result.returncode != 0 or not path.exists():
        pytest.fail(f"councilfacts run --sample failed ({result.returncode}):\n{result.stderr[-3000:]}")
    return path


@pytest.fixture(scope="module")
def sample_server(sample_db, tmp_path_factory):
    with serving(sample_db, tmp_path_factory.mktemp("sample-serve") / "datasette.log") as base:
        yield base
