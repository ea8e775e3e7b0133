"""The site, in process: Datasette with our metadata, templates and plugins on the fixture database."""

from __future__ import annotations

import asyncio
import csv
import importlib.util
import io
import sqlite3
import threading
import xml.etree.ElementTree as ET

import pytest
from .conftest import VERSION, build
import sqlite_utils
from datasette.app import Datasette

from councilfacts import db as store
from councilfacts import publish

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def ds(site_db, metadata):
    return Datasette(
        [],
        immutables=[str(site_db)],
        metadata=metadata,
        template_dir=str(publish.TEMPLATES),
        plugins_dir=str(publish.PLUGINS),
        settings={k: (v == "on" if v in ("on", "off") else int(v)) for k, v in publish.SETTINGS.items()},
    )


@pytest.fixture(scope="module")
def get(ds):
    """ds.client.get on a loop of its own thread (Playwright's sync API may own this thread's loop)."""
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()

    def _get(path, **kwargs):
        return asyncio.run_coroutine_threadsafe(ds.client.get(path, **kwargs), loop).result(timeout=60)

    _get.loop = loop
    yield _get
    loop.call_soon_threadsafe(loop.stop)
    thread.join(timeout=5)


def one(site_db, sql, params=()):
    return sqlite_utils.Database(site_db).execute(sql, params).fetchone()


def fact_id(site_db, measure, value):
    return one(site_db, "select id from facts where measure = ? and value = ?", [measure, value])[0]


def load_plugin(name):
    spec = importlib.util.spec_from_file_location(f"cf_{name}", publish.PLUGINS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- the database after prepare() ---------------------------------------------------------


def test_prepare_makes_views_search_and_indexes(site_db):
    db = sqlite_utils.Database(site_db)
    assert {"facts_view", "documents_view", "council_measures"} <= set(db.view_names())
    assert db["facts"].detect_fts() == "facts_fts"
    assert db["documents"].detect_fts() == "documents_fts"
    assert {("measure", "value"), ("body", "measure")} <= {tuple(i.columns) for i in db["facts"].indexes}
    assert one(site_db, "PRAGMA journal_mode")[0] == "wal"  # the pipeline's mode is left alone


def test_no_index_is_redundant(site_db, tmp_path):
    """No index repeats the leading columns of another (SQLite uses the longer one for both),
    and none is made that no query uses."""
    db = sqlite_utils.Database(site_db)
    for table in db.table_names():
        indexes = [tuple(i.columns) for i in db[table].indexes if not i.name.startswith("sqlite_autoindex")]
        for cols in indexes:
            longer = [o for o in indexes if len(o) > len(cols) and o[: len(cols)] == cols]
            assert not longer, f"{table}: index {cols} is a prefix of {longer}"
        assert len(indexes) == len(set(indexes)), f"{table}: duplicate indexes {indexes}"
    names = {r[0] for r in db.execute("select name from sqlite_master where type = 'index'").fetchall()}
    assert not names & set(publish.RETIRED_INDEXES)
    # a database prepared by an earlier release loses the indexes nothing uses
    path = build(tmp_path / "old.db")
    old = sqlite_utils.Database(path)
    old["facts"].create_index(["unit"])
    old["documents"].create_index(["extracted_at"])
    old["facts"].create_index(["measure"], index_name="idx_facts_measure_again")
    old.conn.close()
    publish.prepare(path)
    cols = {t: {tuple(i.columns) for i in sqlite_utils.Database(path)[t].indexes} for t in ("facts", "documents")}
    assert ("unit",) not in cols["facts"] and ("measure",) not in cols["facts"] and ("extracted_at",) not in cols["documents"]
    assert {("measure", "value"), ("body", "measure"), ("document_id",)} <= cols["facts"]


def test_value_text_reads_like_the_figure(site_db):
    rows = dict(sqlite_utils.Database(site_db).execute("select figure, value_text from facts_view").fetchall())
    assert rows["more than 30"] == "more than 30 cases"
    assert rows["£147m"] == "£147,000,000"
    assert rows["64"] == "64 posts"
    assert rows["require improvement"] == "requires improvement"


def test_search_on_measure_finds_every_unallocated_figure(site_db):
    db = sqlite_utils.Database(site_db)
    hits = db.execute(
        "select count(*) from facts_view where fact_rowid in (select rowid from facts_fts where facts_fts match 'unallocated')"
    ).fetchone()[0]
    assert hits == db.execute("select count(*) from facts where measure = 'unallocated_cases'").fetchone()[0] == 4


def test_prepare_is_idempotent_and_triggers_keep_search_current(tmp_path):

    path = build(tmp_path / "other.db")
    publish.prepare(path)
    db = store.connect(path)
    doc_id, text = db.execute("select id, text from documents where kind = 'committee_paper'").fetchone()
    sentence = "Call 01604 123456 for details."
    start = text.index(sentence)
    store.replace_facts(
        db,
        doc_id,
        [
            {
                "measure": "vacancies", "value": 7.0, "value_max": None, "qualifier": "exact", "unit": "posts",
                "subject": "zygomorphic posts", "body": None, "body_code": None, "period": None,
                "sentence": sentence, "sentence_start": start, "sentence_end": start + len(sentence),
                "figure": "01604", "figure_start": start + 5, "figure_end": start + 10, "page": 2,
            }
        ],
        "test-2",
    )
    found = db.execute("select count(*) from facts_fts where facts_fts match 'zygomorphic'").fetchone()[0]
    # an index built with other columns (an older release) is rebuilt with the current ones
    db["facts"].disable_fts()
    db["facts"].enable_fts(["sentence"], create_triggers=True)
    db.conn.close()
    publish.prepare(path)
    db = store.connect(path)
    assert set(db["facts_fts"].columns_dict) == {"sentence", "subject", "body", "measure"}
    gone = db.execute("select count(*) from facts_fts where facts_fts match 'redundant'").fetchone()[0]
    assert (found, gone) == (1, 0)


def test_prepare_fills_measure_labels_and_gazetteer_from_data(tmp_path):
    path = tmp_path / "empty.db"
    store.connect(path).conn.close()
    publish.prepare(path)
    db = sqlite_utils.Database(path)
    labels = dict(db.execute("select id, label from measures").fetchall())
    assert labels.get("job_cuts") == "Job cuts" and "other" in labels
    assert db["bodies"].count > 300


# --- metadata ------------------------------------------------------------------------------


def test_every_table_view_and_column_is_described(site_db, metadata):
    db = sqlite_utils.Database(site_db)
    tables = metadata["databases"]["councilfacts"]["tables"]
    names = [t for t in db.table_names() if "_fts" not in t and not t.startswith("sqlite_")] + db.view_names()
    missing = []
    for name in names:
        meta = tables.get(name) or {}
        if not meta.get("description"):
            missing.append(name)
        columns = db[name].columns_dict
        missing += [f"{name}.{c}" for c in columns if not (meta.get("columns") or {}).get(c)]
    assert not missing, missing


def test_metadata_credits_mysociety_and_has_no_write_queries(metadata):
    assert "mySociety, UK Local Authority Names and Codes, CC BY 4.0" in metadata["source"]
    queries = metadata["databases"]["councilfacts"]["queries"]
    assert {"council_timeline", "largest_job_cuts", "latest_facts", "document_figures", "feed", "search"} <= set(queries)
    assert not any(q.get("write") for q in queries.values())


def test_dictionary_page_lists_columns(get):
    page = get("/dictionary").text
    assert "sentence_start" in page and "Offset (characters, 0-based)" in page
    assert 'id="facts_view"' in page


# --- pages ---------------------------------------------------------------------------------


def test_fact_page_marks_the_figure_and_gives_provenance(get, site_db):
    page = get(f"/councilfacts/facts/{fact_id(site_db, 'job_cuts', 64)}").text
    assert "The council proposes that <mark>64</mark> posts will be made redundant." in page
    assert "Budget proposals 2026/27" in page and "2026-01-15" in page  # title, meeting date
    assert "page 2 of 2 of the PDF" in page
    assert 'href="http://127.0.0.1/moderngov/documents/s12345/Budget.pdf"' in page
    assert "/-/stored/" in page  # the stored copy


def test_fact_page_escapes_source_markup(get, site_db):
    page = get(f"/councilfacts/facts/{fact_id(site_db, 'unallocated_cases', 40)}").text
    assert "&lt;script&gt;document.title=" in page
    assert "<mark>40</mark>" in page
    assert "<script>document.title" not in page and "<script>window.pwned" not in page
    assert "<img src=x" not in page
    doc = get(f"/councilfacts/documents/{store.document_id('http://127.0.0.1/news/2026/01/hostile.html')}").text
    assert "<script>window.pwned" not in doc and "<script>document.title" not in doc
    assert "Hostile &lt;b&gt;title&lt;/b&gt;" in doc
    assert "&lt;script&gt;document.title=&#34;pwned&#34;&lt;/script&gt;" in doc and "<mark>40</mark>" in doc


def test_highlight_escapes_each_part():
    highlight = load_plugin("fact_page").highlight
    assert str(highlight("a <b> 5 & c", 10, 16, 17, "5")) == "a &lt;b&gt; <mark>5</mark> &amp; c"
    # offsets that do not fit fall back to finding the figure, else to plain escaped text
    assert str(highlight("x < 7", 0, 50, 51, "7")) == "x &lt; <mark>7</mark>"
    assert str(highlight("<i>", 0, 9, 10, "9")) == "&lt;i&gt;"


def test_stored_copy_has_a_name_and_a_type_and_never_runs(get, site_db):
    # a PDF: shown as a PDF, named <id>.pdf
    pdf = store.document_id("http://127.0.0.1/moderngov/documents/s12345/Budget.pdf")
    response = get(f"/-/stored/{pdf}")
    assert response.status_code == 200 and response.content == b"%PDF-1.4 sample"
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"] == f'inline; filename="{pdf}.pdf"'
    assert response.headers["x-content-type-options"] == "nosniff"
    # a web page: named <id>.html, but sent as text, sandboxed: its source is shown, never run
    html = store.document_id("http://127.0.0.1/news/2026/01/hostile.html")
    response = get(f"/-/stored/{html}")
    assert response.status_code == 200 and response.content == b"<html><script>alert(1)</script></html>"
    assert response.headers["content-type"] == "text/plain; charset=utf-8"
    assert response.headers["content-disposition"] == f'inline; filename="{html}.html"'
    assert response.headers["content-security-policy"].startswith("sandbox;")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert get("/-/stored/0000000000000000").status_code == 404
    # the pages link to it, not to Datasette's document_raw-<id>-body.blob
    fact = get(f"/councilfacts/facts/{fact_id(site_db, 'job_cuts', 64)}").text
    assert f'href="/-/stored/{pdf}" id="stored-copy-link"' in fact and ".blob" not in fact
    assert f'href="/-/stored/{html}" id="stored-copy-link"' in get(f"/councilfacts/documents/{html}").text
    # Datasette's own blob download stays a download, never a page
    response = get(f"/councilfacts/document_raw/{html}.blob?_blob_column=body")
    assert "html" not in response.headers["content-type"] and "attachment" in response.headers.get("content-disposition", "")


@pytest.mark.parametrize(
    "body,declared,expected",
    [
        (b"%PDF-1.7 x", "application/pdf", ("application/pdf", "pdf", False)),
        (b"<html>not a pdf</html>", "application/pdf", ("application/octet-stream", "bin", True)),
        ("<p>caf\u00e9</p>".encode(), "text/html; charset=utf-8", ("text/plain; charset=utf-8", "html", True)),
        ("<p>caf\u00e9</p>".encode("latin-1"), "text/html", ("text/plain", "html", True)),
        (b"plain", "text/plain", ("text/plain; charset=utf-8", "txt", True)),
        (b"\x00\x01", None, ("application/octet-stream", "bin", True)),
    ],
)
def test_stored_copy_types(body, declared, expected):
    assert load_plugin("stored_copy").describe(body, declared) == expected


def test_document_page_lists_its_figures(get):
    doc_id = store.document_id("http://127.0.0.1/moderngov/documents/s12345/Budget.pdf")
    page = get(f"/councilfacts/documents/{doc_id}").text
    assert "Figures read from this document" in page
    assert "Spending on staff will be cut by <mark>£147m</mark> over four years." in page
    assert "Call 01604 123456 for details." in page  # the text as read


def test_council_pages(get):
    listing = get("/council").text
    assert 'href="/council/E06000061"' in listing and "Derbyshire" in listing
    page = get("/council/E06000061").text
    assert "North Northamptonshire" in page
    assert "feed.atom?council=North+Northamptonshire" in page
    assert "facts_view.csv?body=North+Northamptonshire" in page
    assert '"href": "/councilfacts/facts/' in page or '"href":"/councilfacts/facts/' in page
    assert get("/council/Derbyshire").status_code == 200
    assert get("/council/Nowhere").status_code == 404


def test_facts_view_has_facets_and_linked_ids(get):
    page = get("/councilfacts/facts_view").text
    for facet in ("measure_label", "body", "kind", "year"):
        assert f'data-column="{facet}"' in page
    assert 'href="/councilfacts/facts/' in page
    assert 'href="/council/E06000061"' in page  # the body column links to the council page
    assert get("/council/North~20Northamptonshire").status_code == 200
    assert get("/council/North%20Northamptonshire").status_code == 200  # as typed or pasted
    assert get("/council/North+Northamptonshire").status_code == 200


def test_search_all_covers_facts_and_documents(get):
    page = get("/-/search?q=unallocated").text
    assert "/councilfacts/facts" in page and "/councilfacts/documents" in page
    data = get("/councilfacts/facts_view.json?_search=unallocated&_shape=array&body=North+Northamptonshire").json()
    assert len(data) == 3 and {r["measure"] for r in data} == {"unallocated_cases"}


def test_documents_are_searchable_by_text(get):
    rows = get("/councilfacts/documents_view.json?_shape=array&_search=redundant").json()
    assert [r["title"] for r in rows] == ["Budget proposals 2026/27"] and rows[0]["facts"] == 2
    assert "text" not in rows[0]  # the view leaves the long text out


def test_dashboard_renders(get):
    page = get("/-/dashboards/council?council=Derbyshire").text
    assert "Each measure over time" in page and "vega-lite" in page


# --- canned queries and feeds ---------------------------------------------------------------


def test_council_timeline_is_in_date_order(get):
    rows = get("/councilfacts/council_timeline.json?_shape=array&council=E06000061&measure=unallocated_cases").json()
    assert [r["value"] for r in rows] == [152, 98, 61]
    by_name = get("/councilfacts/council_timeline.json?_shape=array&council=North+Northamptonshire&measure=unallocated_cases").json()
    assert by_name == rows


def test_largest_job_cuts_latest_and_document_figures(get):
    cuts = get("/councilfacts/largest_job_cuts.json?_shape=array").json()
    assert [r["value_text"] for r in cuts] == ["64 posts", "12 posts"]
    latest = get("/councilfacts/latest_facts.json?_shape=array").json()
    assert latest[0]["document_date"] == "2026-02-20"
    doc_id = store.document_id("http://127.0.0.1/moderngov/documents/s12345/Budget.pdf")
    figures = get(f"/councilfacts/document_figures.json?_shape=array&document_id={doc_id}").json()
    assert [f["figure"] for f in figures] == ["64", "£147m"] and figures[0]["page"] == 2


def test_search_query_tolerates_quotes(get):
    assert get('/councilfacts/search.json?_shape=array&q=redundant').json()
    assert get('/councilfacts/search.json?_shape=array&q=%22unbalanced').status_code == 200
    both = get("/councilfacts/search.json?_shape=array&q=redundant+council").json()  # all words, any order
    assert [r["value_text"] for r in both] == ["64 posts"]


def feed(get, query):
    response = get(f"/councilfacts/feed.atom?{query}")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    return root.findall(f"{ATOM}entry")


def test_feed_per_council_and_measure_is_valid_atom(get):
    everything = feed(get, "")
    derby = feed(get, "council=Derbyshire")
    derby_cuts = feed(get, "council=E10000007&measure=job_cuts")
    assert len(everything) == 12 and len(derby) == 4 and len(derby_cuts) == 1
    entry = derby_cuts[0]
    assert entry.find(f"{ATOM}title").text == "Derbyshire: Job cuts — 12 posts"
    assert entry.find(f"{ATOM}link").get("href").startswith("/councilfacts/facts/")
    empty = feed(get, "council=Nowhere")
    assert [e.find(f"{ATOM}id").text for e in empty] == ["tag:councilfacts,2026:empty"]


def test_csv_download_has_header_and_rows(get):
    text = get("/councilfacts/facts_view.csv?body=Derbyshire&_size=max").text
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 4 and {"fact", "measure", "value", "sentence", "url"} <= set(rows[0])


# --- read-only -----------------------------------------------------------------------------


def _site(path, mutable):
    files = {"files": [str(path)]} if mutable else {"immutables": [str(path)]}
    return Datasette(
        metadata=yaml_metadata(),
        template_dir=str(publish.TEMPLATES),
        plugins_dir=str(publish.PLUGINS),
        settings={k: (v == "on" if v in ("on", "off") else int(v)) for k, v in publish.SETTINGS.items()},
        **files,
    )


def yaml_metadata():
    import yaml

    return yaml.safe_load(publish.METADATA.read_text())


@pytest.mark.parametrize("mutable", [True, False], ids=["serve-live-file", "published-immutable"])
def test_site_is_read_only(tmp_path, get, mutable):
    """Both ways the site is served — the live file (mutable) and a published copy (immutable) — only read."""
    path = build(tmp_path / "councilfacts.db")
    before = path.read_bytes()
    ds = _site(path, mutable)

    def call(method, url, **kwargs):
        return asyncio.run_coroutine_threadsafe(getattr(ds.client, method)(url, **kwargs), get.loop).result(timeout=30)

    assert ds.databases["councilfacts"].is_mutable is mutable
    for url in ("/councilfacts/latest_facts", "/councilfacts/facts", "/-/dashboards/council", "/councilfacts"):
        assert call("post", url, data={"sql": "delete from facts"}).status_code == 405, url
    for sql in ("delete from facts", "update facts set value = 0", "pragma journal_mode=delete", "select 1; delete from facts"):
        response = call("get", "/councilfacts.json?" + __import__("urllib.parse").parse.urlencode({"sql": sql}))
        assert response.status_code == 400, sql
    assert call("get", "/councilfacts/facts.json?_size=1").json()["rows"]
    # no write endpoint and no writing canned query: the database has never been written to
    assert ds.databases["councilfacts"]._write_connection is None and ds.databases["councilfacts"]._write_thread is None
    assert not [name for name, q in (ds.metadata("queries", database="councilfacts") or {}).items() if q.get("write")]
    ds.databases["councilfacts"].close()
    assert path.read_bytes() == before


# --- serve and publish ---------------------------------------------------------------------


def test_serve_command_serves_the_live_file_mutable_with_site_files(site_db, tmp_path):
    argv = publish.serve_command(site_db, port=8123, host="127.0.0.1")
    assert argv[1:4] == ["-m", "datasette", "serve"]
    # the live file, not --immutable/-i: a scheduled run writes to it while it is served
    assert "--immutable" not in argv and "-i" not in argv
    assert argv[4] == str(site_db.resolve())
    for flag, value in (("--metadata", publish.METADATA), ("--template-dir", publish.TEMPLATES), ("--plugins-dir", publish.PLUGINS)):
        assert argv[argv.index(flag) + 1] == str(value)
    assert argv[argv.index("--port") + 1] == "8123"
    other = tmp_path / "elsewhere.db"
    other.write_bytes(site_db.read_bytes())
    served = publish.served_path(other)
    assert served.name == "councilfacts.db" and served.resolve() == other.resolve()


def test_serve_sees_a_run_that_writes_to_the_live_file(tmp_path):
    """`councilfacts serve` keeps answering correctly while a scheduled run writes to the file.

    Served --immutable, the new figures stayed invisible (the write-ahead log is ignored)
    and, once the log was checkpointed into the file, pages failed with "database disk
    image is malformed"."""
    import json
    import urllib.request

    from .conftest import serving

    path = build(tmp_path / "live.db")  # the pipeline's file: WAL mode, not called councilfacts.db

    def count(base):
        url = base + "/councilfacts.json?sql=select+count(*)+as+n+from+facts&_shape=array"
        with urllib.request.urlopen(url, timeout=10) as r:
            return json.loads(r.read())[0]["n"]

    def status(base, url):
        with urllib.request.urlopen(base + url, timeout=10) as r:
            return r.status, r.read().decode()

    with serving(path, tmp_path / "datasette.log") as base:
        assert count(base) == 12
        db = store.connect(path)
        doc_id, text = db.execute("select id, text from documents where kind = 'committee_paper'").fetchone()
        facts = [dict(r) for r in db.query("select * from facts where document_id = ?", [doc_id])]
        sentence = "Call 01604 123456 for details."
        start = text.index(sentence)
        facts.append(
            {**facts[0], "id": None, "measure": "vacancies", "value": 9.0, "unit": "posts", "subject": "vacant posts",
             "sentence": sentence, "sentence_start": start, "sentence_end": start + len(sentence),
             "figure": "01604", "figure_start": start + 5, "figure_end": start + 10}
        )
        for f in facts:
            f.pop("id", None), f.pop("document_id", None), f.pop("extractor_version", None)
        store.replace_facts(db, doc_id, facts, "test-live")
        assert count(base) == 13  # seen at once, from the write-ahead log
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # a run's checkpoint rewrites pages of the file
        db.conn.close()
        publish.prepare(path)
        assert count(base) == 13
        for url in ("/councilfacts/facts_view?measure=vacancies", "/council/E06000061", "/councilfacts/feed.atom?council=E06000061"):
            code, page = status(base, url)
            assert code == 200 and "malformed" not in page, url
        assert "vacant posts" in status(base, "/councilfacts/facts_view?measure=vacancies")[1]


def test_publish_writes_a_deployable_folder(site_db, tmp_path):
    out = tmp_path / "site"
    command = publish.publish(site_db, out)
    for name in ("councilfacts.db", "metadata.yml", "requirements.txt", "inspect-data.json", "serve.sh"):
        assert (out / name).exists(), name
    assert (out / "templates" / "row-councilfacts-facts.html").exists()
    assert (out / "plugins" / "fact_page.py").exists()
    reqs = (out / "requirements.txt").read_text()
    for plugin in ("datasette==", "datasette-atom", "datasette-dashboards", "datasette-search-all"):
        assert plugin in reqs
    assert "datasette publish cloudrun councilfacts.db" in command and "datasette package councilfacts.db" in command
    assert "--install datasette-atom" in command
    # the published copy never changes: it is served immutable, with counts computed once
    assert "datasette serve --immutable councilfacts.db --inspect-file inspect-data.json" in (out / "serve.sh").read_text()
    conn = sqlite3.connect(out / "councilfacts.db")
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    hits = conn.execute("select count(*) from facts_view where fact_rowid in (select rowid from facts_fts where facts_fts match 'redundant')").fetchone()[0]
    assert hits == 1
    conn.close()
    assert not (out / "councilfacts.db-wal").exists()


def test_publish_prepares_an_unprepared_database(tmp_path):
    raw = tmp_path / "raw.db"
    store.connect(raw).conn.close()
    publish.publish(raw, tmp_path / "site")
    db = sqlite_utils.Database(tmp_path / "site" / "councilfacts.db")
    assert "facts_view" in db.view_names() and db["facts"].detect_fts()
    assert "facts_view" not in sqlite_utils.Database(raw).view_names()  # the source is left alone


def test_templates_never_mark_source_content_safe():
    """Autoescaping does the work: the only |safe filters are datasette-search-all's own (our table list, a query string)."""
    allowed = {"searchable_tables_json|safe"}
    for template in publish.TEMPLATES.rglob("*.html"):
        text = template.read_text()
        for found in __import__("re").findall(r"[\w.]+\s*\|\s*safe", text):
            assert found.replace(" ", "") in allowed, f"{template.name}: {found}"
        assert "autoescape false" not in text


@pytest.mark.parametrize("options", [{}, {"council": "Derbyshire"}, {"council": "E06000061", "measure": "job_cuts"}])
def test_every_dashboard_query_runs(get, metadata, options):
    from urllib.parse import urlencode

    from datasette_dashboards import replace_opts_in_query

    dashboard = metadata["plugins"]["datasette-dashboards"]["council"]
    queries = [c["query"] for c in dashboard["charts"].values()] + [f["query"] for f in dashboard["filters"].values()]
    for query in queries:
        sql = replace_opts_in_query(query, options)
        response = get("/councilfacts.json?" + urlencode({"sql": sql, "_shape": "objects", **options}))
        assert response.status_code == 200, (sql, response.text[:300])
        assert response.json()["rows"], sql


def test_a_figure_read_again_keeps_its_first_seen_date(tmp_path):

    path = build(tmp_path / "again.db")
    db = store.connect(path)
    before = dict(db.execute("select fact_id, first_seen from facts_first_seen").fetchall())
    doc_id = db.execute("select id from documents where kind = 'committee_paper'").fetchone()[0]
    facts = [dict(r) for r in db.query("select * from facts where document_id = ?", [doc_id])]
    store.replace_facts(db, doc_id, facts, "test-3")  # a new extractor version reads the same figures
    with db.conn:
        db.execute("update documents set extracted_at = '2099-01-01T00:00:00+00:00' where id = ?", [doc_id])
    db.conn.close()
    publish.prepare(path)
    db = sqlite_utils.Database(path)
    after = dict(db.execute("select fact_id, first_seen from facts_first_seen").fetchall())
    assert after == before
    assert db.execute("select count(*) from facts_view where first_seen > '2098'").fetchone()[0] == 0


# --- councils by the names people write ---------------------------------------------------


@pytest.fixture(scope="module")
def resolver(tmp_path_factory):
    """The name resolver on the full gazetteer (as prepare() loads it)."""
    path = tmp_path_factory.mktemp("gazetteer") / "g.db"
    store.connect(path).conn.close()
    publish.prepare(path)
    conn = sqlite3.connect(path)
    names = dict(conn.execute("select code, name from bodies").fetchall())
    r = load_plugin("council_names").resolver_for(conn)
    conn.close()
    return lambda text: [names[c] for c in r.candidates(text)]


@pytest.mark.parametrize(
    "text,names",
    [
        ("Essex", ["Essex County Council"]),  # not Southend-on-Sea, not Mid/East/West Sussex
        ("essex county council", ["Essex County Council"]),
        ("Essex Council", ["Essex County Council"]),
        ("E10000012", ["Essex County Council"]),
        ("ESS", ["Essex County Council"]),
        ("Northamptonshire", ["Northamptonshire County Council"]),  # not North/West Northamptonshire
        ("Northants", ["Northamptonshire County Council"]),
        ("North Northants", ["North Northamptonshire Council"]),
        ("Southend", ["Southend-on-Sea Borough Council"]),
        ("Camden", ["London Borough of Camden"]),
        ("Hammersmith and Fulham", ["London Borough of Hammersmith & Fulham"]),
        ("Kensington", ["Royal Borough of Kensington and Chelsea"]),  # whole words of one name
        ("Derby", ["Derby City Council"]),  # not Derbyshire
        ("Sussex", ["Mid Sussex District Council", "East Sussex County Council", "West Sussex County Council"]),
        ("Nowhere", []),
        ("Northamptonshir", []),  # never fuzzy
        ("", []),
    ],
)
def test_council_names_resolve_as_people_write_them(resolver, text, names):
    assert sorted(resolver(text)) == sorted(names)


def test_london_is_a_choice_not_the_city_of_london(resolver):
    assert len(resolver("London")) > 30


def test_council_page_by_name_choice_or_suggestion(get):
    page = get("/council/Derbys")  # the gazetteer's short form
    assert page.status_code == 200 and "<h1>Derbyshire" in page.text
    assert get("/council/derbyshire%20county%20council").status_code == 200
    assert "<h1>North Northamptonshire" in get("/council/North~20Northants").text
    # a council that exists but has no figures here is said so, not swapped for a neighbour
    derby = get("/council/Derby")
    assert derby.status_code == 404 and "No figures about Derby City Council yet" in derby.text
    northants = get("/council/Northamptonshire")
    assert northants.status_code == 404 and "No figures about Northamptonshire County Council yet" in northants.text
    # several councils: a choice, each linked to its page
    choice = get("/council/Sussex")
    assert choice.status_code == 200 and "Which council do you mean" in choice.text
    assert 'href="/council/E10000011"' in choice.text and 'href="/council/E10000032"' in choice.text
    # nothing: suggestions among councils with figures, never taken silently
    miss = get("/council/Derbyshir")
    assert miss.status_code == 404 and 'href="/council/E10000007">Derbyshire</a>' in miss.text


def test_council_page_counts_measures_not_charts(get):
    # Derbyshire: agency staff, job cuts, unallocated cases (charts) and an Ofsted judgement (listed)
    page = get("/council/E10000007").text
    assert "4 figures about Derbyshire across 4 measures" in page


def test_replaced_by_holds_gss_codes(tmp_path):
    path = tmp_path / "g.db"
    store.connect(path).conn.close()
    publish.prepare(path)
    row = sqlite_utils.Database(path)["bodies"].get("E10000021")
    assert row["replaced_by"] == "E06000061|E06000062"


def test_council_page_names_and_links_successors(tmp_path, get):
    path = build(tmp_path / "councilfacts.db")
    db = store.connect(path)
    doc_id = db.execute("select id from documents where kind = 'committee_paper'").fetchone()[0]
    facts = [dict(r) for r in db.query("select * from facts where document_id = ?", [doc_id])]
    for f in facts:
        f.update(body="Northamptonshire County Council", body_code="E10000021")
    store.replace_facts(db, doc_id, facts, VERSION)
    with db.conn:  # a database prepared before replaced_by held GSS codes: register codes
        db.execute("update bodies set replaced_by = 'NNT|WNT' where code = 'E10000021'")
    db.conn.close()
    publish.prepare(path)
    ds = _site(path, True)
    page = asyncio.run_coroutine_threadsafe(ds.client.get("/council/Northants"), get.loop).result(timeout=30).text
    ds.databases["councilfacts"].close()
    assert "NNT" not in page and "WNT" not in page
    assert (
        'replaced by <span id="council-successors"><a href="/council/E06000061">North Northamptonshire</a>'
        ' and <a href="/council/E06000062">West Northamptonshire Council</a></span>'
    ) in page


def test_timeline_and_feed_take_names_as_people_write_them(get):
    rows = get("/councilfacts/council_timeline.json?_shape=array&council=North+Northants&measure=unallocated_cases").json()
    assert [r["value"] for r in rows] == [152, 98, 61]
    assert len(get("/councilfacts/council_timeline.json?_shape=array&council=Derbys&measure=job_cuts").json()) == 1
    assert get("/councilfacts/council_timeline.json?_shape=array&council=Sussex&measure=job_cuts").json() == []
    assert len(feed(get, "council=derbyshire+county+council")) == 4
    assert len(feed(get, "council=Derby")) == 1  # Derby City Council: none yet (the placeholder entry)


# --- feed titles ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query,title",
    [
        ("council=North+Northamptonshire", "North Northamptonshire: new figures — councilfacts"),
        ("council=Derbys&measure=job_cuts", "Derbyshire: Job cuts — councilfacts"),
        ("council=E06000061&measure=unallocated_cases", "North Northamptonshire: Unallocated cases — councilfacts"),
        ("measure=job_cuts", "Job cuts, all councils — councilfacts"),
        ("", "New figures about UK councils — councilfacts"),
        ("council=Derby", "Derby City Council: new figures — councilfacts"),
        ("council=Nowhere", "Nowhere: new figures — councilfacts"),
        ("council=Derbyshire&_feed_title=My+feed", "My feed"),
    ],
)
def test_feed_title_is_readable_without_feed_title(get, query, title):
    """The README's URL has no _feed_title; datasette-atom then titled the feed with its SQL."""
    response = get(f"/councilfacts/feed.atom?{query}")
    root = ET.fromstring(response.content)
    assert root.find(f"{ATOM}title").text == title


def test_site_links_feeds_without_feed_title(get, site_db):
    council = get("/council/E06000061").text
    fact = get(f"/councilfacts/facts/{fact_id(site_db, 'job_cuts', 64)}").text
    assert "feed.atom?council=North+Northamptonshire&amp;measure=job_cuts" in fact
    assert "_feed_title" not in council and "_feed_title" not in fact


# --- licence ---------------------------------------------------------------------------------


def test_licence_covers_figures_and_gazetteer_not_the_documents(metadata, get):
    licence = metadata["license"]
    assert licence.startswith("CC BY 4.0") and "figures" in licence and "gazetteer" in licence
    assert "publishers' copyright" in licence
    tables = metadata["databases"]["councilfacts"]["tables"]
    for name in ("documents", "documents_view", "document_raw"):
        assert "CC BY" not in tables[name]["license"] and "publishers" in tables[name]["license"], name
    assert tables["bodies"]["license"] == "CC BY 4.0" and "mySociety" in tables["bodies"]["source"]
    home = " ".join(get("/").text.split())
    assert 'id="licence"' in home and "remain the copyright of their publishers" in home and "credit mySociety" in home
    # third-party content is never shown under the CC BY licence
    for path in ("/councilfacts/document_raw", "/councilfacts/documents", "/councilfacts/documents_view"):
        page = get(path).text
        assert "Copyright of their publishers" in page and "creativecommons.org" not in page, path
    assert "creativecommons.org/licenses/by/4.0" in get("/councilfacts/facts_view").text


def test_publish_without_copies(site_db, tmp_path):
    publish.publish(site_db, tmp_path / "site", without_copies=True)
    db = sqlite_utils.Database(tmp_path / "site" / "councilfacts.db")
    assert db["document_raw"].count == 0 and db["documents"].count == 6
    assert b"%PDF-1.4 sample" not in (tmp_path / "site" / "councilfacts.db").read_bytes()
    # search still finds the right rows after the file was compacted
    hits = db.execute("select figure from facts_view where fact_rowid in (select rowid from facts_fts where facts_fts match 'redundant')").fetchall()
    assert hits == [("64",)]
    docs = db.execute("select title from documents where rowid in (select rowid from documents_fts where documents_fts match 'redundant')").fetchall()
    assert docs == [("Budget proposals 2026/27",)]
    assert sqlite_utils.Database(site_db)["document_raw"].count == 6  # the source keeps them


def test_council_names_from_the_url_are_text(get):
    for wanted in ("<script>alert(1)</script>", "(.*", "%", "Essex' or '1'='1"):
        response = get("/council/" + __import__("urllib.parse").parse.quote(wanted, safe=""))
        assert response.status_code == 404, wanted
        assert "<script>alert(1)" not in response.text
