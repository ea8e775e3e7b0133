"""Extraction with many processes, on this machine or on many: one writer, workers that only read.

    councilfacts extract --workers 4                               # 4 processes here
    councilfacts extract --workers 2 --redis redis://HOST:6379/0   # the machine with the database
    councilfacts extract --redis redis://HOST:6379/0 --worker-only # any number of other machines

The writer (the process holding the database) streams the new documents in batches, by
id, keeping a bounded number of batches out at a time, so its memory does not grow with
the database; each worker holds one batch. Workers run the extractor and send the facts
back; the writer stores them exactly as a one-process run does (extract.store_facts), so
the facts are the same whatever the number of workers.

Without Redis the workers are local processes (spawned: each loads the model once). With
Redis, batches go through a list that workers anywhere take from, and results come back
through another. A worker holds a lease on the batch it reads (a key with a short expiry
that it renews while it works); the writer remembers what it sent, and a batch that is
neither waiting in the list, nor leased, nor back (its worker killed, its machine lost) is
sent again, however long a live worker takes over a big batch. Storing a
document's facts twice is harmless: they are swapped in one transaction. A worker whose
extractor version differs from the writer's (other measures, model or code) refuses to
work, so facts of two versions never mix.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import time
import uuid
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Callable, Iterator

import sqlite_utils

from councilfacts.extract import _extract_batch, store_facts

log = logging.getLogger(__name__)

COLUMNS = "id, text, published, council, council_code, kind, page_starts, title, meta"
TASKS = "councilfacts:extract:tasks"
RESULTS = "councilfacts:extract:results"
RUN = "councilfacts:extract:run"  # JSON {"id", "version", "state"} of the writer's current run
QUEUED = "councilfacts:extract:queued"  # batch ids sent and not yet taken
TAKEN = "councilfacts:extract:taken:"  # + batch id: the lease of the worker reading it
LEASE_SECONDS = float(os.environ.get("COUNCILFACTS_EXTRACT_LEASE", "30"))


def batches(db: sqlite_utils.Database, version: str, batch_size: int) -> Iterator[list[dict]]:
    """The documents still to read, a batch at a time by id (keyset paging: flat memory)."""
    last = ""
    while True:
        rows = list(
            db.query(
                f"select {COLUMNS} from documents where text_status = 'ok'"
                " and (extractor_version is null or extractor_version != ?) and id > ? order by id limit ?",
                [version, last, batch_size],
            )
        )
        if not rows:
            return
        last = rows[-1]["id"]
        yield rows


def extract_rows(extractor, rows: list[dict]) -> list[tuple[str, list | None, str | None]]:
    """A worker's step: (document id, facts or None, why it failed) for each row."""
    errors: dict[str, str] = {}
    out = []
    for row, facts in _extract_batch(extractor, rows, lambda doc_id, reason: errors.__setitem__(doc_id, reason)):
        out.append((row["id"], facts, errors.get(row["id"])))
    return out


# -- local processes ------------------------------------------------------------------
_extractor = None


def _load(model: str | None) -> None:
    global _extractor
    from councilfacts.nlp.extractor import Extractor

    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")  # one core a process: the processes are the parallelism
    _extractor = Extractor(model=model) if model else Extractor()


def _work(rows: list[dict]) -> list:
    return extract_rows(_extractor, rows)


class LocalPool:
    """N spawned processes on this machine."""

    def __init__(self, workers: int, model: str | None) -> None:
        ctx = multiprocessing.get_context("spawn")
        self.pool = ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_load, initargs=(model,))
        self.pending: dict[Future, int] = {}

    def send(self, batch_id: int, rows: list[dict]) -> None:
        self.pending[self.pool.submit(_work, rows)] = batch_id

    def results(self, timeout: float) -> list[tuple[int, list]]:
        done, _ = wait(list(self.pending), timeout=timeout, return_when=FIRST_COMPLETED)
        return [(self.pending.pop(f), f.result()) for f in done]

    def close(self) -> None:
        self.pool.shutdown(cancel_futures=True)


# -- through Redis ----------------------------------------------------------------------
class RedisPool:
    """Batches out through a Redis list to workers anywhere; facts back through another."""

    def __init__(self, url: str, version: str, local_workers: int, model: str | None) -> None:
        from councilfacts.frontier import connect

        self.server = connect(url)
        self.run = uuid.uuid4().hex
        if self.server.get(RUN) and json.loads(self.server.get(RUN)).get("state") == "running":
            log.warning("a run of another writer was marked running; taking over (one writer per database)")
        self.server.delete(TASKS, RESULTS, QUEUED)  # a dead writer's leftovers: its documents are still pending
        self.server.set(RUN, json.dumps({"id": self.run, "version": version, "state": "running"}))
        ctx = multiprocessing.get_context("spawn")
        self.procs = [ctx.Process(target=work_from_redis, args=(url, model), daemon=True) for _ in range(local_workers)]
        for proc in self.procs:
            proc.start()

    def send(self, batch_id: int, rows: list[dict]) -> None:
        with self.server.pipeline() as pipe:
            pipe.sadd(QUEUED, batch_id)
            pipe.rpush(TASKS, json.dumps({"run": self.run, "batch": batch_id, "rows": rows}, ensure_ascii=False))
            pipe.execute()

    def lost(self, batch_ids: list[int]) -> list[int]:
        """Of the batches not back yet, those neither waiting nor leased by a live worker."""
        if not batch_ids:
            return []
        with self.server.pipeline() as pipe:
            for b in batch_ids:
                pipe.sismember(QUEUED, b)
                pipe.exists(f"{TAKEN}{self.run}:{b}")
            flags = pipe.execute()
        return [b for k, b in enumerate(batch_ids) if not flags[2 * k] and not flags[2 * k + 1]]

    def results(self, timeout: float) -> list[tuple[int, list]]:
        got = self.server.blpop(RESULTS, timeout=max(timeout, 0.01))
        out = []
        while got:
            message = json.loads(got[1])
            if message["run"] == self.run:
                out.append((message["batch"], message["results"]))
            got = self.server.lpop(RESULTS)
            got = (RESULTS, got) if got else None
        return out

    def close(self) -> None:
        self.server.set(RUN, json.dumps({"id": self.run, "state": "finished"}))
        for proc in self.procs:
            proc.join(30)
            if proc.is_alive():
                proc.terminate()


def work_from_redis(url: str, model: str | None, idle_exit: bool = True, lease_seconds: float = LEASE_SECONDS) -> int:
    """A worker: take batches from Redis until the writer's run is finished; returns batches done."""
    import threading

    from councilfacts.frontier import connect

    server = connect(url)
    _load(model)
    version = _extractor.version
    done = 0
    while True:
        run = json.loads(server.get(RUN) or "{}")
        if run.get("state") == "running" and run.get("version") != version:
            raise RuntimeError(
                f"this worker's extractor version {version} differs from the writer's {run.get('version')}:"
                " install the same code, measures and model on both machines"
            )
        got = server.blpop(TASKS, timeout=1)
        if got is None:
            if idle_exit and run.get("state") == "finished":
                return done
            continue
        task = json.loads(got[1])
        lease = f"{TAKEN}{task['run']}:{task['batch']}"
        ms = int(lease_seconds * 1000)
        with server.pipeline() as pipe:
            pipe.set(lease, os.getpid(), px=ms)
            pipe.srem(QUEUED, task["batch"])
            pipe.execute()
        working = threading.Event()
        renew = threading.Thread(target=_renew, args=(server, lease, ms, working), daemon=True)
        renew.start()
        try:
            results = extract_rows(_extractor, task["rows"])
            server.rpush(RESULTS, json.dumps({"run": task["run"], "batch": task["batch"], "results": results}, ensure_ascii=False))
        finally:
            working.set()
            renew.join()
            server.delete(lease)
        done += 1


def _renew(server, lease: str, ms: int, stop) -> None:
    """Keep a batch's lease while its worker lives (the extractor holds the GIL in long stretches,
    so the renewal comes well before the expiry)."""
    while not stop.wait(ms / 5000):
        server.pexpire(lease, ms)


# -- the writer ----------------------------------------------------------------------------
def extract_parallel(
    db: sqlite_utils.Database,
    version: str,
    workers: int,
    model: str | None = None,
    redis_url: str | None = None,
    batch_size: int = 16,
    advance: Callable[[int], None] = lambda n: None,
) -> dict[str, int]:
    """Bring every document's facts up to `version` with `workers` processes; this process writes."""
    from councilfacts import db as store

    pool = RedisPool(redis_url, version, workers, model) if redis_url else LocalPool(workers, model)
    window = 2 * max(workers, 1) + 2  # batches out at once: enough to keep every worker busy
    out: dict[int, tuple[float, list[dict]]] = {}  # batch id -> (sent at, rows without their text)
    stats = {"documents": 0, "facts": 0, "failed": 0}
    source = batches(db, version, batch_size)
    next_id = 0
    exhausted = False
    try:
        while True:
            while not exhausted and len(out) < window:
                rows = next(source, None)
                if rows is None:
                    exhausted = True
                    break
                pool.send(next_id, rows)
                out[next_id] = (time.monotonic(), [{k: v for k, v in r.items() if k != "text"} for r in rows])
                next_id += 1
            if not out:
                return stats
            for batch_id, results in pool.results(timeout=1.0):
                if batch_id not in out:
                    continue  # sent again after its lease ran out, and both copies came back
                _, rows = out.pop(batch_id)
                by_id = {r["id"]: r for r in rows}
                with store.transaction(db):  # one commit a batch, as a one-process run
                    for doc_id, facts, error in results:
                        if error:
                            store.record_error(db, "extract", doc_id, error)
                        store_facts(db, by_id[doc_id], facts, version, stats)
                advance(len(results))
            if redis_url:
                _resend_lost(db, pool, out)
            # Facts stored, the batches' documents leave the pending set; keyset paging
            # goes on from the last id, so nothing is read twice.
    finally:
        pool.close()


def _resend_lost(db, pool: RedisPool, out: dict) -> None:
    for batch_id in pool.lost(list(out)):
        if batch_id not in out or pool.server.llen(RESULTS):
            return  # results waiting: read them first, the batch may be among them
        log.warning("batch %d: its worker stopped before sending it back (lease expired): sent again", batch_id)
        rows = out[batch_id][1]
        ids = [r["id"] for r in rows]
        full = list(db.query(f"select {COLUMNS} from documents where id in ({', '.join('?' * len(ids))}) order by id", ids))
        pool.send(batch_id, full)
        out[batch_id] = (time.monotonic(), rows)
