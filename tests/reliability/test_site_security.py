"""The published site is read-only and immutable, and nothing from a source ever runs in it.

A document whose title, text and facts carry script tags, event-handler attributes,
`javascript:` links and `</script>` break-outs is published; a real `datasette serve`
(started the way publish.serve_command builds it) is opened in Debian's Chromium through
Playwright on every kind of page; no dialog opens and the payloads' flag is never set.
Write requests are refused and the database file is unchanged byte for byte.
"""

from __future__ import annotations

import hashlib
import json
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from councilfacts import db as store

pytestmark = [pytest.mark.browser]

CHROMIUM = "/usr/bin/chromium"
FLAG = "__pwned"
PAYLOAD = (
    f"<script>window.{FLAG}='script';alert('script')</script>"
    f"<img src=x onerror=\"window.{FLAG}='img';alert('img')\">"
    f"<svg onload=\"window.{FLAG}='svg'\"></svg>"
    f"\"'><body onload=\"window.{FLAG}='attr'\">"
    f"</script><script>window.{FLAG}='breakout'</script>"
    f"<iframe srcdoc=\"<script>parent.{FLAG}='iframe'</script>\"></iframe>"
    "{{7*7}}${7*7}"
)
JS_URL = f"javascript:window.{FLAG}='link';alert('link')"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build(db_path: Path) -> dict[str, str]:
    """A database holding one hostile document and its facts (TEST DATA)."""
    db = store.connect(db_path)
    text = (
        f"Northamptonshire County Council will cut 64 jobs. {PAYLOAD} "
        f"Social workers hold 30 cases each. <a href=\"{JS_URL}\">click</a>"
    )
    doc = {
        "url": JS_URL,
        "canonical_url": "http://127.0.0.1:9/news/hostile.html",
        "source": f"hostile{PAYLOAD}",
        "spider": "news",
        "kind": "news",
        "title": f"Hostile title {PAYLOAD}",
        "published": "2024-06-04",
        "author": PAYLOAD,
        "section": PAYLOAD,
        "council": "Northamptonshire County Council",
        "council_code": "E10000021",
        "content_type": "text/html",
        "content_hash": store.content_hash(text.encode()),
        "text": text,
        "text_status": "ok",
        "http_status": 200,
        "meta": {"note": PAYLOAD},
    }
    store.upsert_document(db, doc, text.encode())
    doc_id = store.document_id(doc["canonical_url"])
    for measure, label in (("job_cuts", "Job cuts"), ("caseload", "Caseload")):
        db["measures"].upsert({"id": measure, "label": label, "description": PAYLOAD, "units": "posts", "examples": ""}, pk="id")
    db["bodies"].upsert({"code": "E10000021", "name": "Northamptonshire County Council", "nice_name": "Northamptonshire"}, pk="code")
    facts = []
    for figure, measure, value, unit in (("64", "job_cuts", 64.0, "posts"), ("30", "caseload", 30.0, "cases")):
        start = text.index(figure)
        s_start = text.rfind(".", 0, start) + 1
        s_end = len(text)
        facts.append(
            {
                "measure": measure,
                "value": value,
                "value_max": None,
                "qualifier": "exact",
                "unit": unit,
                "subject": PAYLOAD,
                "body": "Northamptonshire County Council",
                "body_code": "E10000021",
                "period": "2024",
                "sentence": text[s_start:s_end],
                "sentence_start": s_start,
                "sentence_end": s_end,
                "figure": figure,
                "figure_start": start,
                "figure_end": start + len(figure),
                "page": None,
            }
        )
    store.replace_facts(db, doc_id, facts, "test-version")
    fact_ids = [r["id"] for r in db.query("select id from facts order by measure")]
    db.conn.close()
    return {"document": doc_id, "facts": fact_ids}


def started(proc, base: str, db_path: Path) -> bool:
    """Our datasette answers on `base` (not another process that took the port first)."""
    deadline = time.time() + 60
    while time.time() < deadline and proc.poll() is None:
        try:
            databases = json.loads(urllib.request.urlopen(base + "/-/databases.json", timeout=2).read())
        except OSError:
            time.sleep(0.3)
            continue
        return proc.poll() is None and any(Path(d.get("path") or "").resolve() == db_path.resolve() for d in databases)
    return False


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    from councilfacts.publish import prepare, serve_command

    folder = tmp_path_factory.mktemp("site")
    db_path = folder / "councilfacts.db"
    ids = build(db_path)
    prepare(db_path)
    before = hashlib.sha256(db_path.read_bytes()).hexdigest()
    for attempt in range(3):
        port = free_port()
        log = open(folder / "datasette.log", "wb")
        proc = subprocess.Popen(serve_command(db_path, port=port, host="127.0.0.1"), stdout=log, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        if started(proc, base, db_path):
            break
        proc.kill()
        proc.wait()
    else:
        raise RuntimeError("datasette did not start: " + (folder / "datasette.log").read_text()[-3000:])
    yield {"base": base, "ids": ids, "db": db_path, "before": before, "proc": proc}
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


def pages(ids: dict) -> list[str]:
    q = urllib.parse.quote
    return [
        "/",
        "/councilfacts",
        "/councilfacts/documents",
        f"/councilfacts/documents/{ids['document']}",
        "/councilfacts/facts",
        f"/councilfacts/facts/{ids['facts'][0]}",
        f"/councilfacts/facts/{ids['facts'][1]}",
        "/councilfacts/facts_view",
        "/councilfacts/measures",
        "/councilfacts/latest_facts",
        "/councilfacts/largest_job_cuts",
        f"/councilfacts/document_figures?document={ids['document']}&document_id={ids['document']}",
        "/councilfacts/facts?_search=council",
        f"/-/search?q={q('council')}",
        f"/-/search?q={q(PAYLOAD[:60])}",
        "/council",
        "/council/E10000021",
        "/-/dashboards/council?council=E10000021",
        "/dictionary",
    ]


@pytest.fixture(scope="module")
def chromium():
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's Chromium (/usr/bin/chromium) is not installed: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run"],
        )
        yield b
        b.close()


INJECTED = """() => Array.from(document.querySelectorAll('*')).filter(e => Array.from(e.attributes).some(a =>
    (a.name.startsWith('on') && a.value.includes('__pwned')) ||
    (['href', 'src', 'action', 'formaction'].includes(a.name) && a.value.trim().toLowerCase().startsWith('javascript:')) ||
    (a.name === 'srcdoc' && a.value.includes('__pwned'))
  )).map(e => e.outerHTML.slice(0, 200))"""


@pytest.mark.parametrize("path", pages({"document": "DOC", "facts": ["F1", "F2"]}), ids=lambda p: p.split("?")[0] or "/")
def test_source_html_never_executes(served, chromium, path, tmp_path):
    path = path.replace("DOC", served["ids"]["document"]).replace("F1", served["ids"]["facts"][0]).replace("F2", served["ids"]["facts"][1])
    page = chromium.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        response = page.goto(served["base"] + path, wait_until="load", timeout=30000)
        try:
            page.wait_for_load_state("networkidle", timeout=5000)
        except Exception:  # noqa: BLE001 - a page that keeps polling is still checked
            pass
        page.wait_for_timeout(200)
        flag = page.evaluate(f"() => window.{FLAG} || null")
        injected = page.evaluate(INJECTED)
        for frame in page.frames[1:]:
            try:
                flag = flag or frame.evaluate(f"() => window.{FLAG} || (window.parent && window.parent.{FLAG}) || null")
            except Exception:  # noqa: BLE001 - detached frame
                pass
        if dialogs or flag or injected:
            page.screenshot(path=str(tmp_path / "xss.png"), full_page=True)
    finally:
        page.close()
    assert response is not None and response.status < 500, f"{path}: HTTP {response.status if response else None}"
    assert not dialogs, f"{path}: a dialog opened: {dialogs}"
    assert flag is None, f"{path}: source content ran ({flag})"
    assert not injected, f"{path}: source markup became live elements: {injected}"


def request(base: str, method: str, path: str, data: bytes | None = None, headers: dict | None = None) -> tuple[int, str]:
    req = urllib.request.Request(base + path, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace")


WRITES = [
    ("POST", "/councilfacts/facts/-/insert", {"row": {"id": "x", "measure": "job_cuts", "value": 1}}),
    ("POST", "/councilfacts/-/create", {"table": "owned", "row": {"id": 1}}),
    ("POST", "/councilfacts/facts/-/upsert", {"rows": [{"id": "x"}]}),
    ("POST", "/councilfacts/facts/-/drop", {"confirm": True}),
    ("POST", "/councilfacts/-/execute-write", {"sql": "delete from facts"}),
    ("POST", "/councilfacts/facts/F1/-/delete", {}),
    ("POST", "/councilfacts/facts/F1/-/update", {"update": {"value": 0}}),
    ("POST", "/councilfacts", {"sql": "delete from facts"}),
    ("POST", "/councilfacts/latest_facts", {}),
    ("PUT", "/councilfacts/facts", {}),
    ("DELETE", "/councilfacts/facts/F1", None),
]


@pytest.mark.parametrize("method,path,body", WRITES, ids=[f"{m} {p}" for m, p, _ in WRITES])
def test_write_requests_are_refused(served, method, path, body):
    path = path.replace("F1", served["ids"]["facts"][0])
    data = json.dumps(body).encode() if body is not None else None
    status, text = request(served["base"], method, path, data, {"Content-Type": "application/json"})
    assert status >= 400, f"{method} {path} answered {status}: {text[:300]}"


@pytest.mark.parametrize(
    "sql",
    [
        "delete from facts",
        "update facts set value = 0",
        "insert into errors (reason) values ('x')",
        "drop table facts",
        "attach database '/tmp/x.db' as x",
        "pragma journal_mode=delete",
        "vacuum",
        "select 1; delete from facts",
    ],
)
def test_sql_that_writes_is_refused(served, sql):
    status, text = request(served["base"], "GET", "/councilfacts.json?" + urllib.parse.urlencode({"sql": sql}))
    assert status >= 400 or '"ok": false' in text.replace('"ok":false', '"ok": false'), f"{sql!r} answered {status}: {text[:300]}"


def test_live_database_is_served_read_only_and_unchanged(served):
    # `serve` opens the live file mutable (so a scheduled run's writes show), through
    # Datasette's read-only connections; `publish` output is immutable (tests/site)
    status, text = request(served["base"], "GET", "/-/databases.json")
    assert status == 200
    info = {d["name"]: d for d in json.loads(text)}
    assert info["councilfacts"]["is_mutable"] is True
    status, text = request(served["base"], "GET", "/councilfacts/facts.json?_shape=array")
    assert status == 200 and len(json.loads(text)) == 2, "the writes above left the facts as they were"
    assert hashlib.sha256(served["db"].read_bytes()).hexdigest() == served["before"], "the database file changed"


def test_no_canned_query_writes():
    import yaml

    from councilfacts.data import DATA_DIR

    meta = yaml.safe_load((DATA_DIR / "metadata.yml").read_text())
    for db_name, db in (meta.get("databases") or {}).items():
        for name, query in (db.get("queries") or {}).items():
            assert not (isinstance(query, dict) and query.get("write")), f"canned query {name} writes"
