"""The crawl stage: run the Scrapy spiders named in the sources file into the database.

    from councilfacts.crawl import crawl
    stats = crawl("data/councilfacts.db", sources=["manchester"])

Each source entry (data/sources.yml) becomes one spider run with the project settings
(councilfacts.scrapers.settings: robots.txt, AutoThrottle, RFC 2616 HTTP cache, ...).
The HTTP cache and job state live beside the database in `.scrapy/`: re-crawls ask only
for what the cache rules require, and an interrupted crawl picks up where it stopped
(its job directory is kept until the crawl finishes, then cleared).

Twisted's reactor starts once per process. The first crawl() runs in this process; any
later call runs `python -m councilfacts.crawl` in a child process and returns its stats.

Command line (what the later calls use; also handy on its own):
    python -m councilfacts.crawl --db DB [--source NAME]... [--sources-file F]
        [--sample-base URL] [--job-dir DIR] [--redis URL [--fetch-only]] [--set SETTING=VALUE]...
"""

from __future__ import annotations

import argparse
import json
import logging
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urlparse

import yaml

from councilfacts.data import DATA_DIR

DEFAULT_SOURCES = DATA_DIR / "sources.yml"
SPIDERS = {
    "news": "councilfacts.scrapers.spiders.news.NewsSpider",
    "moderngov": "councilfacts.scrapers.spiders.moderngov.ModernGovSpider",
    "ofsted": "councilfacts.scrapers.spiders.ofsted.OfstedSpider",
    "cmis": "councilfacts.scrapers.spiders.cmis.CmisSpider",
}
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
COUNTED = ("new", "changed", "unchanged", "duplicate", "filtered", "invalid", "error", "missing", "no_text_layer")

_reactor_used = False
log = logging.getLogger(__name__)


class SourcesError(ValueError):
    """The sources file is unreadable, or names an unknown source or spider."""


def load_sources(path: str | Path | None = None) -> list[dict[str, Any]]:
    """The entries of a sources file, checked: each has a unique name and a known spider."""
    path = Path(path or DEFAULT_SOURCES)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SourcesError(f"{path}: no such sources file") from None
    except yaml.YAMLError as exc:
        raise SourcesError(f"{path}: not valid YAML ({exc})") from None
    entries = data.get("sources") if isinstance(data, dict) else data
    if not isinstance(entries, list):
        raise SourcesError(f"{path}: expected a list under 'sources:'")
    names = set()
    for i, entry in enumerate(entries):
        if not isinstance(entry, dict) or not entry.get("name"):
            raise SourcesError(f"{path}: entry {i + 1} has no name")
        if entry["name"] in names:
            raise SourcesError(f"{path}: two entries are named {entry['name']!r}")
        names.add(entry["name"])
        if entry.get("spider") not in SPIDERS:
            raise SourcesError(f"{path}: {entry['name']}: spider must be one of {sorted(SPIDERS)}, not {entry.get('spider')!r}")
    return entries


def load_catalogue(path: str | Path | None = None) -> list[dict[str, Any]]:
    """Every source there is: the registry (data/registry.csv) with the sources file on top.

    An entry of the sources file named like a registry entry overrides its keys (it must
    still name its spider); any other entry is added."""
    from councilfacts import registry

    return registry.merge([registry.entry(r) for r in registry.read_registry()], load_sources(path))


def fill(value: Any, base: str) -> Any:
    """Put the sample site's address into `{base}` / `{host}` placeholders."""
    if isinstance(value, str):
        return value.replace("{base}", base.rstrip("/")).replace("{host}", urlparse(base).hostname or "")
    if isinstance(value, list):
        return [fill(v, base) for v in value]
    if isinstance(value, dict):
        return {k: fill(v, base) for k, v in value.items()}
    return value


def _has_placeholder(value: Any) -> bool:
    text = json.dumps(value, default=str)
    return "{base}" in text or "{host}" in text


def select(entries: list[dict], names: list[str] | None, sample_base: str | None) -> list[dict]:
    """Named entries; else the sample entries when a sample site runs; else the enabled ones."""
    by_name = {e["name"]: e for e in entries}
    if names:
        unknown = [n for n in names if n not in by_name]
        if unknown:
            known = sorted(by_name) if len(by_name) <= 30 else f"{len(by_name)} entries (`councilfacts sources list`)"
            raise SourcesError(f"unknown source(s) {unknown}; the sources file and registry have {known}")
        chosen = [by_name[n] for n in names]
    elif sample_base:
        chosen = [e for e in entries if e.get("sample")]
    else:
        chosen = [e for e in entries if e.get("enabled") and not e.get("sample")]
    out = []
    for entry in chosen:
        if _has_placeholder(entry):
            if not sample_base:
                raise SourcesError(f"{entry['name']}: has a {{base}} placeholder; it runs against the sample site (--sample)")
            entry = fill(entry, sample_base)
        out.append(entry)
    return out


def _is_local(entry: dict) -> bool:
    urls = list(entry.get("start_urls") or []) + [entry.get("base_url") or ""]
    hosts = {urlparse(u).hostname for u in urls if u}
    return bool(hosts) and hosts <= LOOPBACK


def crawl(
    db_path: str | Path,
    sources: list[str] | None = None,
    sources_file: str | Path | None = None,
    overrides: dict[str, Any] | None = None,
    job_dir: str | Path | None = None,
    sample_base: str | None = None,
    on_item: Callable[[], None] | None = None,
    redis_url: str | None = None,
    fetch_only: bool = False,
) -> dict[str, Any]:
    """Crawl the chosen sources into `db_path`; returns counts in total and per source.

    sources: entry names (None: the enabled entries, or with sample_base the sample ones).
    overrides: Scrapy settings that win over the project's (e.g. {"CLOSESPIDER_ITEMCOUNT": 5}).
    job_dir: where resumable job state goes (default: `.scrapy/jobs` beside the database).
    redis_url: share the frontier with crawlers elsewhere (councilfacts.frontier); the job
        state is then in Redis. fetch_only: push items to Redis for the machine that stores.
    """
    global _reactor_used
    db_path = Path(db_path).resolve()
    entries = select(load_catalogue(sources_file), sources, sample_base)
    if not entries:
        return {"sources": [], "documents": 0, **{k: 0 for k in COUNTED}, "per_source": {}}
    if _reactor_used:
        return crawl_in_subprocess(
            db_path, [e["name"] for e in entries], sources_file, overrides, job_dir, sample_base, redis_url, fetch_only
        )
    _reactor_used = True

    from scrapy.crawler import Crawler, CrawlerProcess
    from scrapy.settings import Settings
    from scrapy.utils.misc import load_object
    from scrapy import signals

    from councilfacts import db as store
    from councilfacts.scrapers import jobs as job_state

    if not fetch_only:
        store.connect(db_path).conn.close()  # create the schema once, before spiders race for it
    store_thread = None
    if redis_url and not fetch_only:
        from councilfacts.frontier import StoreThread

        store_thread = StoreThread(db_path, redis_url, on_item)
    state = db_path.parent / ".scrapy"
    jobs = Path(job_dir).resolve() if job_dir else state / "jobs"
    settings = Settings()
    settings.setmodule("councilfacts.scrapers.settings", priority="project")
    settings.set("COUNCILFACTS_DB", str(db_path), priority="project")
    settings.set("HTTPCACHE_DIR", str(state / "httpcache"), priority="project")
    if not settings.get("COUNCILFACTS_CONTACT") and not all(_is_local(e) for e in entries):
        log.warning("COUNCILFACTS_CONTACT is not set: site owners cannot reach you. Set it to an email address or URL.")
    process = CrawlerProcess(settings)
    crawlers = []
    handlers = []
    resumed: dict[str, bool] = {}
    for entry in entries:
        # Per-source settings sit above "project" priority: CrawlerProcess merges its own
        # settings into each crawler and would otherwise overwrite them.
        own = settings.copy()
        if redis_url:
            from councilfacts.frontier import scrapy_settings

            for key, value in scrapy_settings(redis_url, entry["name"]).items():
                own.set(key, value, priority="spider")
            resumed[entry["name"]] = False
        else:
            own.set("JOBDIR", str(jobs / entry["name"]), priority="spider")
            resumed[entry["name"]] = job_state.prepare(jobs / entry["name"])
        if _is_local(entry):
            # Our own machine (the sample site, tests): politeness delays only slow us down.
            own.set("DOWNLOAD_DELAY", 0, priority="spider")
            own.set("AUTOTHROTTLE_START_DELAY", 0, priority="spider")
            own.set("RETRY_BACKOFF_BASE", 0.1, priority="spider")
        for key, value in (entry.get("settings") or {}).items():
            own.set(key, value, priority="spider")
        for key, value in (overrides or {}).items():
            own.set(key, value, priority="cmdline")
        # The first crawler installs the reactor (as CrawlerProcess.create_crawler would).
        first = not getattr(process, "_initialized_reactor", False)
        crawler = Crawler(load_object(SPIDERS[entry["spider"]]), own, init_reactor=first)
        process._initialized_reactor = True
        if on_item and not redis_url:
            # Signal receivers are held weakly: keep the handler alive for the whole crawl.
            def handler(*args, **kwargs):
                on_item()

            handlers.append(handler)
            crawler.signals.connect(handler, signal=signals.item_scraped)
        crawlers.append((entry, crawler))
    today = (overrides or {}).get("COUNCILFACTS_TODAY")
    for lane in host_lanes(crawlers, settings.getint("COUNCILFACTS_PARALLEL_SOURCES", 16)):
        _in_turn(process, lane, today)
    if store_thread:
        store_thread.start()
    process.start()
    stored = store_thread.finish() if store_thread else {}
    return _summarise(
        [
            (e["name"], {**c.stats.get_stats(), **stored.get(e["name"], {})}, c.settings.get("JOBDIR"), resumed[e["name"]])
            for e, c in crawlers
        ]
    )


def _hosts(entry: dict) -> set[str]:
    urls = list(entry.get("start_urls") or []) + [entry.get("base_url") or ""]
    return {h for h in (urlparse(u).hostname for u in urls if u) if h} | set(entry.get("allowed_domains") or [])


def host_lanes(runs: list[tuple[dict, Any]], parallel: int) -> list[list[tuple[dict, Any]]]:
    """Sources in lanes: those sharing a host in one lane, crawled one after another, so
    `--all-councils` (156 Ofsted pages on one host) asks each host no more than one source
    would; at most `parallel` lanes at once. Our own machine (tests, the sample) is not spared."""
    groups: list[tuple[set[str], list]] = []
    for run in runs:
        hosts = set() if _is_local(run[0]) else _hosts(run[0])
        joined = [g for g in groups if g[0] & hosts]
        merged = (set(hosts), [r for g in joined for r in g[1]] + [run])
        groups = [g for g in groups if not any(g is j for j in joined)] + [merged]
    lanes: list[list] = [[] for _ in range(max(1, min(parallel, len(groups))))]
    for _, members in sorted(groups, key=lambda g: -len(g[1])):
        min(lanes, key=len).extend(members)
    return [lane for lane in lanes if lane]


def _in_turn(process, lane: list, today: str | None) -> None:
    """Start the lane's first crawl; each one that ends starts the next."""

    def next_one(result=None, name=None):
        if name and hasattr(result, "getTraceback"):  # a source that failed does not stop its lane
            log.error("%s: crawl failed: %s", name, result.getTraceback())
        if lane:
            entry, crawler = lane.pop(0)
            process.crawl(crawler, source=entry, today=today).addBoth(next_one, entry["name"])

    next_one()


def _summarise(runs: list[tuple[str, dict, str | None, bool]]) -> dict[str, Any]:
    total: dict[str, Any] = {"sources": [], "documents": 0, **{k: 0 for k in COUNTED}, "per_source": {}}
    for name, stats, jobdir, was_resumed in runs:
        reason = stats.get("finish_reason")
        one = {k: stats.get(f"councilfacts/{k}", 0) for k in COUNTED}
        one.update(
            {
                "finish_reason": reason,
                "requests": stats.get("downloader/request_count", 0),
                "responses": stats.get("downloader/response_count", 0),
                "cache_hits": stats.get("httpcache/hit", 0),
                "revalidated": stats.get("httpcache/revalidate", 0),
                "not_modified": stats.get("downloader/response_status_count/304", 0),
                "items": stats.get("item_scraped_count", 0),
                "resumed": was_resumed,  # picked up an interrupted job
            }
        )
        one["documents"] = one["new"] + one["changed"]
        if jobdir:
            from councilfacts.scrapers import jobs as job_state

            job_state.finish(Path(jobdir), reason == "finished")  # finished: the next crawl starts afresh
        total["sources"].append(name)
        total["per_source"][name] = one
        for k in COUNTED + ("documents",):
            total[k] += one[k]
    return total


def crawl_in_subprocess(
    db_path, sources, sources_file=None, overrides=None, job_dir=None, sample_base=None, redis_url=None, fetch_only=False
) -> dict[str, Any]:
    argv = [sys.executable, "-m", "councilfacts.crawl", "--db", str(db_path)]
    for name in sources or []:
        argv += ["--source", name]
    if sources_file:
        argv += ["--sources-file", str(sources_file)]
    if sample_base:
        argv += ["--sample-base", sample_base]
    if job_dir:
        argv += ["--job-dir", str(job_dir)]
    if redis_url:
        argv += ["--redis", redis_url] + (["--fetch-only"] if fetch_only else [])
    for key, value in (overrides or {}).items():
        argv += ["--set", f"{key}={json.dumps(value)}"]
    done = subprocess.run(argv, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"crawl subprocess failed ({done.returncode}): {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _value(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m councilfacts.crawl", description="Crawl sources into the database; prints stats as JSON.")
    parser.add_argument("--db", required=True, help="SQLite database to write.")
    parser.add_argument("--source", action="append", help="Entry of the sources file to crawl (repeatable).")
    parser.add_argument("--sources-file", help="Sources file (default: data/sources.yml).")
    parser.add_argument("--sample-base", help="Base URL of a running sample site: fills {base} and selects sample entries.")
    parser.add_argument("--job-dir", help="Directory for resumable job state.")
    parser.add_argument("--redis", help="Redis URL of a shared frontier (councilfacts.frontier).")
    parser.add_argument("--fetch-only", action="store_true", help="With --redis: push items to Redis, store nothing here.")
    parser.add_argument("--set", action="append", default=[], metavar="SETTING=VALUE", help="Override a Scrapy setting (JSON value or string).")
    args = parser.parse_args(argv)
    overrides = {}
    for pair in args.set:
        key, _, value = pair.partition("=")
        overrides[key] = _value(value)
    try:
        stats = crawl(
            args.db, args.source, args.sources_file, overrides or None, args.job_dir, args.sample_base,
            redis_url=args.redis, fetch_only=args.fetch_only,
        )
    except SourcesError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(stats))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
