"""Where the cost goes as the work grows: crawl, extract and publish a generated corpus; the site on 1M facts.

    .venv/bin/python benchmarks/scale.py [--docs 100000] [--facts 1000000] [--requests 200] [--skip-crawl-redis]

1. A generated news site (tests/distributed/kit.py: sitemaps -> articles about real
   councils with figures in their prose, all different) served on 127.0.0.1 is crawled into
   a fresh database: the single-machine default, and (with redis-server installed) two
   crawler processes sharing one frontier in Redis, one of them the store.
2. The crawled database is extracted with one process and, on a copy, with `--workers 2`:
   documents per second, the speed-up, and the peak RSS of the writer and of the largest worker.
3. `councilfacts publish` of the extracted database.
4. A database of --facts facts (generated with sqlite-utils: sentences in the corpus's
   words, spread over councils, measures and years) is prepared as the site prepares it and
   served by the real `datasette serve`; the median and 95th percentile latency of the
   site's full-text search of the figures (/councilfacts/search?q=..., a rare and a common
   phrase), of Datasette's table search (/councilfacts/facts_view?_search=..., which counts
   and facets every match) and of a council page (/council/<code>), over --requests
   requests each after one warm-up.

Every stage runs as `councilfacts ...` in a child process, as a user runs it; figures are
ratios and rates within this run. No test asserts them; this script is for people.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.distributed.kit import PLACES, CorpusSite, crawl_worker, free_port, redis_server  # noqa: E402

RUSAGE = (
    "import json, resource, sys\n"
    "from councilfacts.cli import app\n"
    "try:\n"
    "    app(sys.argv[1:], standalone_mode=False)\n"
    "finally:\n"
    "    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "    sys.stderr.write('RUSAGE ' + json.dumps({'self_mib': own.ru_maxrss / 1024, 'children_mib': kids.ru_maxrss / 1024}) + '\\n')\n"
)


def councilfacts(*args: str) -> tuple[float, dict]:
    """Run `councilfacts ARGS` in a child process: (seconds, peak RSS of it and of its largest child)."""
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    t = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", RUSAGE, *args], capture_output=True, text=True, env=env, cwd=ROOT)
    secs = time.perf_counter() - t
    if done.returncode != 0:
        raise SystemExit(f"councilfacts {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    line = [ln for ln in done.stderr.splitlines() if ln.startswith("RUSAGE ")][-1]
    return secs, json.loads(line[7:])


def count(db: Path, sql: str) -> int:
    import sqlite3

    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


def crawl_stage(work: Path, n_docs: int, with_redis: bool) -> tuple[Path, dict]:
    figures = {}
    site = CorpusSite(n_docs).start()
    sources = site.sources_file(work / "sources.yml")
    db = work / "crawl.db"
    secs, mem = councilfacts("crawl", "--db", str(db), "--sources-file", str(sources))
    stored = count(db, "select count(*) from documents")
    figures["crawl_1"] = {"docs": stored, "secs": secs, "docs_per_s": stored / secs, "peak_mib": mem["self_mib"]}
    if with_redis and shutil.which("redis-server"):
        site.counts.clear()
        db2 = work / "crawl-redis.db"
        with redis_server(work / "redis") as url:
            t = time.perf_counter()
            procs = [crawl_worker(db2, sources, url, agent="a"), crawl_worker(db2, sources, url, agent="b", fetch_only=True)]
            for p in procs:
                _, err = p.communicate()
                if p.returncode:
                    raise SystemExit(err[-3000:])
            secs2 = time.perf_counter() - t
        stored2 = count(db2, "select count(*) from documents")
        twice = sum(1 for p, n in site.counts.items() if n > 1 and p != "/robots.txt")
        figures["crawl_redis_2"] = {"docs": stored2, "secs": secs2, "docs_per_s": stored2 / secs2, "urls_fetched_twice": twice}
    site.stop()
    return db, figures


EXTRACT = (
    "import json, resource, sys, time\n"
    "from councilfacts import db as store\n"
    "from councilfacts.nlp.extractor import Extractor\n"
    "db, n = store.connect(sys.argv[1]), int(sys.argv[2])\n"
    "marks = []\n"
    "advance = lambda k: marks.append((time.perf_counter(), k))\n"
    "ex = Extractor()\n"
    "if n == 1:\n"
    "    from councilfacts.extract import extract_database\n"
    "    ex.extract_one('Warm up: the council cut 64 posts.')\n"
    "    extract_database(db, ex, advance=advance)\n"
    "else:\n"
    "    from councilfacts.extract_workers import extract_parallel\n"
    "    version = ex.version\n"
    "    del ex\n"
    "    extract_parallel(db, version, n, advance=advance)\n"
    "own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "cpu = own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime\n"
    "print(json.dumps({'marks': marks, 'self_mib': own.ru_maxrss / 1024, 'children_mib': kids.ru_maxrss / 1024, 'cpu_s': cpu}))\n"
)


def extract_stage(db: Path, work: Path, workers: list[int]) -> tuple[Path, dict]:
    """Documents per second once every process has its model loaded: from the first batch
    stored to the last (start-up, a few seconds a process, is reported apart)."""
    figures = {}
    out = None
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    for n in workers:
        copy = work / f"extract-{n}.db"
        shutil.copy(db, copy)
        t = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", EXTRACT, str(copy), str(n)], capture_output=True, text=True, env=env, cwd=ROOT)
        secs = time.perf_counter() - t
        if done.returncode:
            raise SystemExit(done.stderr[-3000:])
        run = json.loads(done.stdout.strip().splitlines()[-1])
        marks = run["marks"]
        # from the first batch stored (every process has its model by then) to the last
        steady_docs = sum(k for _, k in marks[1:])
        steady_secs = marks[-1][0] - marks[0][0]
        figures[f"extract_{n}"] = {
            "docs": sum(k for _, k in marks), "facts": count(copy, "select count(*) from facts"), "wall_secs": secs,
            "docs_per_s": steady_docs / steady_secs if steady_secs > 0 else None,
            "writer_peak_mib": run["self_mib"], "largest_worker_peak_mib": run["children_mib"] if n > 1 else None,
            # CPU of every process (model loading included): equal per document in both runs
            # means the workers add no work, so on free cores the speed-up tends to n
            "cpu_s_per_doc": run["cpu_s"] / max(1, sum(k for _, k in marks)),
        }
        out = out or copy
    base = figures[f"extract_{workers[0]}"]["docs_per_s"]
    for n in workers[1:]:
        figures[f"extract_{n}"]["speedup"] = figures[f"extract_{n}"]["docs_per_s"] / base
    return out, figures


def publish_stage(db: Path, work: Path) -> dict:
    docs = count(db, "select count(*) from documents")
    secs, mem = councilfacts("publish", "--db", str(db), "--out", str(work / "site"))
    return {"publish": {"docs": docs, "secs": secs, "docs_per_s": docs / secs, "peak_mib": mem["self_mib"]}}


def sentence_pool() -> list[str]:
    """Sentences with figures from the project's own test documents (news, papers, reports),
    so the words searched for are as common in the generated facts as in real ones."""
    import re

    texts = [p.read_text(encoding="utf-8") for p in sorted(ROOT.glob("tests/nlp/*/docs/*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted(ROOT.glob("tests/nlp/heldout/**/*.txt"))]
    pool = [" ".join(s.split()) for t in texts for s in re.split(r"(?<=[.!?])\s+", t) if re.search(r"\d", s) and 40 < len(s) < 300]
    from tests.distributed.kit import article

    return pool or [s for i in range(200) for s in article(i)[1].split("\n\n")]


MEASURES = ["job_cuts", "caseload", "unallocated_cases", "agency_staff", "budget_cut", "vacancies", "referrals"]


def facts_db(path: Path, n_facts: int, per_doc: int = 20) -> None:
    """n_facts facts over n_facts/per_doc documents, in the project's schema."""
    from councilfacts import db as store

    import re

    rng = random.Random(13)
    pool = sentence_pool()
    db = store.connect(path)
    n_docs = max(1, n_facts // per_doc)
    docs = (
        {"id": f"d{i:09d}", "url": f"http://127.0.0.1/{i}", "canonical_url": f"http://127.0.0.1/{i}", "source": "generated",
         "spider": "news", "kind": "news", "title": f"Story {i}", "published": f"{2015 + i % 11}-{1 + i % 12:02d}-01",
         "council": PLACES[i % len(PLACES)][0], "council_code": PLACES[i % len(PLACES)][1], "text_status": "ok",
         "text": "", "content_hash": f"h{i}", "extractor_version": "bench"}
        for i in range(n_docs)
    )
    db["documents"].insert_all(docs, batch_size=5000)

    def facts():
        for k in range(n_facts):
            i = k // per_doc
            name, code = PLACES[(i + k) % len(PLACES)]
            value = rng.randint(1, 900)
            sentence = re.sub(r"\d[\d,.]*", lambda m: str(rng.randint(1, 900)), rng.choice(pool), count=1)
            yield {"id": f"f{k:010d}", "document_id": f"d{i:09d}", "measure": MEASURES[k % len(MEASURES)], "value": float(value),
                   "qualifier": "exact", "unit": "count", "body": name, "body_code": code, "period": f"{2015 + i % 11}-01-01",
                   "sentence": sentence, "sentence_start": 0, "sentence_end": 80, "figure": str(value),
                   "figure_start": len(name) + 5, "figure_end": len(name) + 5 + len(str(value)), "extractor_version": "bench"}

    with db.conn:
        db["facts"].insert_all(facts(), batch_size=10000)
    db.conn.close()


def get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=120) as r:
            r.read()
            return r.status
    except urllib.error.HTTPError as exc:  # a query past sql_time_limit_ms is a 500 ("interrupted")
        exc.read()
        return exc.code


def latency(url: str, n: int) -> dict:
    get(url)  # warm: the page cache, Datasette's first query
    times, failed = [], 0
    for _ in range(n):
        t = time.perf_counter()
        failed += get(url) != 200
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return {"median_ms": statistics.median(times), "p95_ms": times[int(0.95 * (len(times) - 1))], "requests": n, "failed": failed}


def site_stage(work: Path, n_facts: int, n_requests: int, existing: str | None = None) -> dict:
    from councilfacts.publish import prepare, serve_command

    db = Path(existing) if existing else work / "facts.db"
    t = time.perf_counter()
    if not existing:
        facts_db(db, n_facts)
    made = time.perf_counter() - t
    t = time.perf_counter()
    prepare(db)
    prepared = time.perf_counter() - t
    port = free_port()
    server = subprocess.Popen(serve_command(db, port=port), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/-/versions.json", timeout=5).read()
                break
            except OSError:
                time.sleep(0.2)
        code = PLACES[0][1]
        out = {
            "facts": count(db, "select count(*) from facts"),
            "generate_s": made,
            "prepare_s": prepared,
            # the site's search (canned query `search`), a rare and a common phrase, page and JSON
            "fts_search": latency(base + "/councilfacts/search?q=unallocated+social+workers", n_requests),
            "fts_search_common_json": latency(base + "/councilfacts/search.json?q=agency+staff", n_requests),
            # Datasette's table search: counts and facets every match
            "table_search": latency(base + "/councilfacts/facts_view?_search=unallocated+social+workers", n_requests),
            "council_page": latency(base + f"/council/{code}", n_requests),
        }
    finally:
        server.terminate()
        server.wait(10)
    return {"site": out}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=100_000, help="documents in the generated corpus")
    ap.add_argument("--facts", type=int, default=1_000_000, help="facts in the database the site is timed on")
    ap.add_argument("--requests", type=int, default=200, help="requests per timed page")
    ap.add_argument("--skip-crawl-redis", action="store_true", help="time only the single-machine crawl")
    ap.add_argument("--only-site", action="store_true", help="time only the site on --facts facts")
    ap.add_argument("--skip-site", action="store_true", help="leave out the site on --facts facts")
    ap.add_argument("--site-db", help="time the site on this database (made by an earlier --keep run) instead of generating one")
    ap.add_argument("--keep", help="work in this folder and keep it (default: a temporary one)")
    a = ap.parse_args()
    work = Path(a.keep or tempfile.mkdtemp(prefix="councilfacts-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    figures: dict = {"docs": a.docs, "cores": os.cpu_count(), "load_before": os.getloadavg()}
    try:
        if not a.only_site:
            db, crawled = crawl_stage(work, a.docs, not a.skip_crawl_redis)
            figures.update(crawled)
            print(json.dumps(crawled), flush=True)
            extracted_db, extracted = extract_stage(db, work, [1, 2])
            figures.update(extracted)
            print(json.dumps(extracted), flush=True)
            figures.update(publish_stage(extracted_db, work))
        if not a.skip_site:
            figures.update(site_stage(work, a.facts, a.requests, a.site_db))
        figures["load_after"] = os.getloadavg()
        print(json.dumps(figures, indent=2))
    finally:
        if not a.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
