"""The published site: make the database fit for browsing, serve it, package it.

Three steps, each safe to repeat:

- `prepare(db_path)` runs after extraction: views with readable labels, full-text search
  (kept current by triggers), indexes for the filters the site offers.
- `serve_command(db_path, port, host)` is the argv for a local, read-only `datasette serve`
  of the live file (mutable, so later runs writing to it are seen at once).
- `publish(db_path, out_dir)` writes what a deployment needs and returns the
  `datasette publish` / `datasette package` command to run there.

Datasette serves the database as `councilfacts` whatever the file is called, because the
metadata, canned queries, dashboards and templates are written for that name.
"""

from __future__ import annotations

import hashlib
import shlex
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from importlib import metadata as pkg_metadata
from pathlib import Path

from councilfacts.data import DATA_DIR

DB_NAME = "councilfacts"
METADATA = DATA_DIR / "metadata.yml"
TEMPLATES = DATA_DIR / "templates"
PLUGINS = DATA_DIR / "plugins"
PLUGIN_PACKAGES = ["datasette-atom", "datasette-dashboards", "datasette-search-all"]

# Settings for every served copy: downloads allowed, and limits that keep a laptop
# responsive. Every copy is read-only: Datasette 0.65 reads file databases through
# `mode=ro` (mutable) or `immutable=1` connections, no canned query writes, it has no write
# API, and the read_only plugin refuses anything but GET/HEAD/OPTIONS.
SETTINGS = {
    "default_page_size": "50",
    "max_returned_rows": "5000",
    "sql_time_limit_ms": "3000",
    "facet_time_limit_ms": "500",
    # suggested facets cost one query per column on every table page (seconds on a view
    # of 50k figures); the useful facets are configured per table in metadata.yml
    "suggest_facets": "off",
    "allow_download": "on",
    "allow_csv_stream": "on",
    "default_cache_ttl": "300",
}

QUALIFIER_WORDS = {
    "more_than": "more than ",
    "at_least": "at least ",
    "less_than": "less than ",
    "up_to": "up to ",
    "about": "about ",
    "almost": "almost ",
}


def _number(expr: str) -> str:
    """SQL: a number written for people (1,234 or 1,234.5)."""
    return (
        f"case when {expr} = cast({expr} as integer) then printf('%,d', cast({expr} as integer))"
        f" else printf('%,.1f', {expr}) end"
    )


def _value_text() -> str:
    """SQL: "more than 30 cases", "£147,000,000", "23%", "11–16 cases", "inadequate"."""
    qualifier = "case f.qualifier " + " ".join(f"when '{k}' then '{v}'" for k, v in QUALIFIER_WORDS.items()) + " else '' end"
    amount = f"{_number('f.value')} || case when f.value_max is not null then '–' || {_number('f.value_max')} else '' end"
    return (
        "case when f.value is null then f.subject else "
        f"{qualifier} || case f.unit "
        f"when 'gbp' then '£' || {amount} "
        f"when 'percent' then {amount} || '%' "
        f"when 'count' then {amount} "
        f"else {amount} || ' ' || coalesce(f.unit, '') end end"
    )


# The date a figure is placed at on a timeline: the period it refers to (a date, month,
# year or the start of a span); otherwise the date of the document it was read from.
DOCUMENT_DATE = "coalesce(d.published, d.meeting_date, substr(d.fetched_at, 1, 10))"
FIGURE_DATE = (
    "case"
    " when f.period glob '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]*' then substr(f.period, 1, 10)"
    " when f.period glob '[12][0-9][0-9][0-9]-[01][0-9]' then f.period || '-01'"
    # a span such as a financial year ("2018-04/2019-03") is placed at its start
    " when f.period glob '[12][0-9][0-9][0-9]-[01][0-9]/*' then substr(f.period, 1, 7) || '-01'"
    " when f.period glob '[12][0-9][0-9][0-9]' then f.period || '-01-01'"
    f" else substr({DOCUMENT_DATE}, 1, 10) end"
)

VIEWS = {
    # One row per fact, every label a reader needs, what a reader looks at first on the
    # left; `fact` links to the fact's own page; fact_rowid joins the search index.
    "facts_view": f"""
select
  f.id as fact,
  coalesce(m.label, f.measure) as measure_label,
  {_value_text()} as value_text,
  f.body,
  {FIGURE_DATE} as date,
  f.sentence,
  d.title as document_title,
  d.kind,
  coalesce(d.canonical_url, d.url) as url,
  f.figure,
  f.subject,
  f.period,
  f.page,
  f.value,
  f.value_max,
  f.qualifier,
  f.unit,
  f.measure,
  f.body_code,
  substr({FIGURE_DATE}, 1, 4) as year,
  f.document_id,
  substr({DOCUMENT_DATE}, 1, 10) as document_date,
  d.source,
  d.council as document_council,
  coalesce(s.first_seen, d.extracted_at) as first_seen,
  d.extracted_at,
  f.extractor_version,
  f.rowid as fact_rowid
from facts f
join documents d on d.id = f.document_id
left join measures m on m.id = f.measure
left join facts_first_seen s on s.fact_id = f.id
""",
    # Documents without their text: what was collected, from where, how it was read.
    "documents_view": f"""
select
  d.id as document,
  d.title,
  d.kind,
  d.council,
  substr({DOCUMENT_DATE}, 1, 10) as date,
  (select count(*) from facts f where f.document_id = d.id) as facts,
  coalesce(d.canonical_url, d.url) as url,
  d.source,
  d.council_code,
  substr({DOCUMENT_DATE}, 1, 4) as year,
  d.committee,
  d.meeting_date,
  d.content_type,
  d.n_pages,
  d.text_status,
  length(d.text) as text_length,
  d.fetched_at,
  d.extracted_at,
  d.rowid as document_rowid
from documents d
""",
    # One row per council and measure: how many figures, over which dates, the latest one.
    "council_measures": f"""
select
  f.body,
  f.body_code,
  f.measure,
  coalesce(m.label, f.measure) as measure_label,
  count(*) as facts,
  min({FIGURE_DATE}) as first_date,
  max({FIGURE_DATE}) as last_date
from facts f
join documents d on d.id = f.document_id
left join measures m on m.id = f.measure
where f.body is not null
group by f.body, f.body_code, f.measure
""",
}

# `measure` is indexed too: "unallocated_cases" tokenises to "unallocated cases", so a
# search for "unallocated" finds every such figure, however its sentence is worded.
FTS = {
    "facts": ["sentence", "subject", "body", "measure"],
    "documents": ["title", "text"],
}

# Indexes for what the site filters and sorts on, beyond those pipelines/db.py makes for
# the pipeline: facts by measure sorted by value (the facts table's default order, the
# measure facet), facts by council name (council pages, timelines, feeds); documents by
# kind and council (facets) and date (their default order).
INDEXES = {
    "facts": [["measure", "value"], ["body", "measure"]],
    "documents": [["kind"], ["council"], ["published"]],
}
# Made by earlier releases and used by no query: dropped where found.
RETIRED_INDEXES = ["idx_facts_unit", "idx_documents_council_code", "idx_documents_extracted_at"]


def drop_redundant_indexes(db) -> list[str]:
    """Drop retired indexes and any index whose columns are a leading part of another's.

    SQLite uses (measure, value) wherever it would use (measure), so the shorter one only
    costs space and time on every write. Unique indexes and SQLite's own are kept."""
    dropped = []
    for name in RETIRED_INDEXES:
        if db.execute("select 1 from sqlite_master where type = 'index' and name = ?", [name]).fetchone():
            db.execute(f"drop index [{name}]")
            dropped.append(name)
    for table in db.table_names():
        indexes = [i for i in db[table].indexes if not i.name.startswith("sqlite_autoindex")]
        for index in indexes:
            if index.unique:
                continue
            cols = list(index.columns)
            if any(other.name != index.name and len(other.columns) > len(cols) and list(other.columns[: len(cols)]) == cols for other in indexes):
                db.execute(f"drop index [{index.name}]")
                dropped.append(index.name)
    return dropped


def _measure_rows() -> list[dict]:
    path = DATA_DIR / "measures.yml"
    if not path.exists():
        return []
    import yaml

    rows = []
    for m in yaml.safe_load(path.read_text()).get("measures", []):
        examples = [e.get("text", "") if isinstance(e, dict) else str(e) for e in m.get("examples") or []]
        rows.append(
            {
                "id": m["id"],
                "label": m.get("label") or m["id"],
                "description": m.get("description") or "",
                "units": ", ".join(m.get("units") or []),
                "examples": "\n".join(examples[:3]),
                # what people search for it by (/find), separated by |
                "synonyms": "|".join(m.get("synonyms") or []),
            }
        )
    rows.append({"id": "other", "label": "Other figure", "description": "A figure that fits no measure (extracted with --all)", "units": "", "examples": "", "synonyms": ""})
    return rows


def _body_rows() -> list[dict]:
    path = DATA_DIR / "gazetteer.csv"
    if not path.exists():
        return []
    import csv

    with open(path, newline="", encoding="utf-8") as fh:
        return [
            {
                "code": r.get("gss_code") or r.get("register_code"),
                "name": r.get("official_name"),
                "nice_name": r.get("nice_name"),
                "register_code": r.get("register_code"),
                "kind": r.get("kind"),
                "nation": r.get("nation"),
                "region": r.get("region"),
                "start_date": r.get("start_date") or None,
                "end_date": r.get("end_date") or None,
                # GSS codes, like `code`, so the site can name and link the successors
                "replaced_by": r.get("replaced_by_gss") or r.get("replaced_by") or None,
                "alt_names": r.get("aliases") or None,
            }
            for r in csv.DictReader(fh)
            if r.get("gss_code") or r.get("register_code")
        ]


def load_reference_tables(db) -> None:
    """Measures (labels and synonyms for the site) from data/measures.yml, kept in step with the
    file so a synonym added there reaches an existing database; bodies (the gazetteer) where
    rows are missing."""
    with db.conn:
        measures = _measure_rows()
        if measures:
            db["measures"].upsert_all(measures, pk="id", alter=True)
        bodies = _body_rows()
        if bodies:
            db["bodies"].insert_all(bodies, pk="code", ignore=True, alter=True)


def record_first_seen(db) -> None:
    """When each figure was first read, kept across re-extractions (fact ids are content hashes).

    Feeds list figures by this date, so a new extractor version re-reading every document
    does not present old figures as new.
    """
    if "facts_first_seen" not in db.table_names():
        db["facts_first_seen"].create({"fact_id": str, "first_seen": str}, pk="fact_id")
    with db.conn:
        db.execute(
            "insert or ignore into facts_first_seen (fact_id, first_seen)"
            " select f.id, coalesce(d.extracted_at, ?) from facts f join documents d on d.id = f.document_id",
            [_now()],
        )


def _now() -> str:
    from councilfacts.db import now

    return now()


def prepare(db_path: str | Path) -> None:
    """Views, full-text search with triggers and indexes; idempotent, run after every extract."""
    from councilfacts.db import connect

    db = connect(db_path)
    load_reference_tables(db)
    triggers = set(db.triggers_dict)
    for table, columns in FTS.items():
        fts = db[table].detect_fts()
        current = (
            fts
            and set(db[fts].columns_dict) - {"rank"} == set(columns)
            and {f"{table}_ai", f"{table}_ad", f"{table}_au"} <= triggers
        )
        if current:
            continue  # the triggers have kept it in step with every write since it was built
        if fts:
            db[table].disable_fts()
        db[table].enable_fts(columns, create_triggers=True, tokenize="porter")
    for table, index_list in INDEXES.items():
        existing = {tuple(i.columns) for i in db[table].indexes}
        for columns in index_list:
            if tuple(columns) not in existing:
                db[table].create_index(columns, if_not_exists=True)
    # A council page finds its council by code, name, or name in any case: without this the
    # last of the three scans every fact (3 s on 1M facts, past the time limit; benchmarks/scale.py).
    db.execute("create index if not exists idx_facts_lower_body on facts(lower(body))")
    with db.conn:
        drop_redundant_indexes(db)
    record_first_seen(db)
    for name, sql in VIEWS.items():
        db.create_view(name, sql.strip(), replace=True)
    db.execute("analyze")
    # A published copy is opened immutable, which ignores the write-ahead log: fold it in
    # (and a mutable reader starts with nothing to replay).
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.conn.close()


def served_path(db_path: str | Path) -> Path:
    """The path Datasette opens: the file itself, or a link named councilfacts.db to it."""
    db_path = Path(db_path).resolve()
    if db_path.stem == DB_NAME:
        return db_path
    digest = hashlib.sha1(str(db_path).encode()).hexdigest()[:12]
    folder = Path(tempfile.gettempdir()) / f"councilfacts-serve-{digest}"
    folder.mkdir(exist_ok=True)
    link = folder / f"{DB_NAME}.db"
    if link.is_symlink() or link.exists():
        if link.resolve() == db_path:
            return link
        link.unlink()
    link.symlink_to(db_path)
    return link


def _settings_args() -> list[str]:
    args: list[str] = []
    for key, value in SETTINGS.items():
        args += ["--setting", key, value]
    return args


def serve_command(db_path: str | Path, port: int = 8001, host: str = "127.0.0.1") -> list[str]:
    """argv for `datasette serve` of the live database, with the site's metadata, templates and plugins.

    The file is served mutable, not `--immutable`: a scheduled run may write to it while
    the server runs, and an immutable open ignores the write-ahead log and assumes no page
    ever changes (stale counts, then "database disk image is malformed"). Mutable file
    databases are still only read: Datasette's query connections are `mode=ro`, and the
    site offers no way to write (see SETTINGS). `publish` output, a copy that never
    changes, is served `--immutable`.
    """
    return [
        sys.executable,
        "-m",
        "datasette",
        "serve",
        str(served_path(db_path)),
        "--metadata",
        str(METADATA),
        "--template-dir",
        str(TEMPLATES),
        "--plugins-dir",
        str(PLUGINS),
        "--host",
        host,
        "--port",
        str(port),
        *_settings_args(),
    ]


def requirements() -> list[str]:
    """Pinned plugin list for the deployment (the versions installed here)."""
    pins = []
    for name in ["datasette", *PLUGIN_PACKAGES]:
        try:
            pins.append(f"{name}=={pkg_metadata.version(name)}")
        except pkg_metadata.PackageNotFoundError:
            pins.append(name)
    return pins


def _copy_database(source: Path, target: Path, without_copies: bool = False) -> None:
    """Page-for-page copy (rowids, and so the search index, stay valid), in rollback mode."""
    if target.exists():
        target.unlink()
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    with dst:
        src.backup(dst)
    src.close()
    dst.close()
    prepare(target)  # the copy is complete (views, search, indexes) even if the source was not prepared
    if without_copies:
        import sqlite_utils

        db = sqlite_utils.Database(target)
        with db.conn:
            db.execute("delete from document_raw")
        db.execute("vacuum")  # the bytes really leave the file
        for table in FTS:  # vacuum may renumber rowids, which the search indexes point at
            db[table].rebuild_fts()
        db.conn.close()
    dst = sqlite3.connect(target)
    dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal/-shm beside it
    dst.close()


def publish(db_path: str | Path, out_dir: str | Path, without_copies: bool = False) -> str:
    """Write database, metadata, templates, plugins and plugin list to out_dir; return the deploy command.

    `without_copies` leaves the stored copies of the original files (document_raw) out of
    the published database: they are third-party content, kept for verification, and a
    public deployment may prefer to link to the sources only. Document texts stay (every
    offset refers to them)."""
    db_path = Path(db_path)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    db_file = out / f"{DB_NAME}.db"
    _copy_database(db_path, db_file, without_copies=without_copies)
    shutil.copy2(METADATA, out / "metadata.yml")
    for folder in (TEMPLATES, PLUGINS):
        target = out / folder.name
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(folder, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    pins = requirements()
    (out / "requirements.txt").write_text("\n".join(pins) + "\n")
    # Table counts computed once, so the immutable server starts at once on a big file.
    subprocess.run(
        [sys.executable, "-m", "datasette", "inspect", db_file.name, "--inspect-file", "inspect-data.json"],
        cwd=out,
        check=True,
        capture_output=True,
    )
    settings = " ".join(f"--setting {k} {v}" for k, v in SETTINGS.items())
    common = (
        f"{DB_NAME}.db --metadata metadata.yml --template-dir templates --plugins-dir plugins"
        + "".join(f" --install {shlex.quote(p)}" for p in pins if not p.startswith("datasette=="))
        + f' --extra-options "{settings}"'
    )
    serve_sh = (
        "#!/bin/sh\n# Serve this folder locally, read-only.\ncd \"$(dirname \"$0\")\"\n"
        f"exec datasette serve --immutable {DB_NAME}.db --inspect-file inspect-data.json --metadata metadata.yml"
        f" --template-dir templates --plugins-dir plugins {settings} \"$@\"\n"
    )
    (out / "serve.sh").write_text(serve_sh)
    (out / "serve.sh").chmod(0o755)
    return (
        f"cd {shlex.quote(str(out))}\n"
        f"pip install -r requirements.txt\n"
        f"# Cloud Run (needs gcloud):\n"
        f"datasette publish cloudrun {common} --service {DB_NAME}\n"
        f"# or a Docker image to run anywhere:\n"
        f"datasette package {common} --tag {DB_NAME}\n"
        f"# or serve it here: ./serve.sh --port 8001"
    )

