"""A crawl shared by many machines: scrapy-redis's frontier and duplicate filter, with leases.

    councilfacts crawl --redis redis://HOST:6379/0               # the machine with the database
    councilfacts crawl --redis redis://HOST:6379/0 --fetch-only  # any number of other machines

Every crawler process, wherever it runs, takes requests from one queue per source in
Redis (scrapy-redis's priority queue) and checks one duplicate filter per source there,
so a URL is asked for once however many workers run. Documents do not go to SQLite from
the workers: SQLite has one writer, so each worker pushes its items (body bytes and all)
onto one Redis list, and the single *store* loop on the database's machine runs the usual
item pipelines (validate, read, keyword filter, store) over them. Nothing is kept on a
worker's disk, so a lost machine loses nothing that it had finished.

scrapy-redis pops a request destructively: a worker killed with `kill -9` would take its
in-flight requests with it, and the duplicate filter would stop anyone asking again.
LeasingScheduler pops atomically *into a lease* (a Redis hash, one field per request, held
by the worker's id) and drops the lease only when Scrapy's engine has finished with the
request: its response parsed, its items pushed and its new requests queued (or its
replacement, for a redirect or a retry, queued). Each worker keeps an `alive` key with a
short expiry; any worker puts the leases of a worker whose key expired back on the queue.
A stopped crawl (every worker stopped, gracefully or not) resumes from Redis when workers
start again; a crawl whose queue and leases are both empty is finished, and its duplicate
filter is cleared so the next crawl starts afresh (the HTTP cache still saves the bytes).

Items are taken off their list the same way (moved to a `storing` list, dropped from it
after the database commit), so a killed store process loses nothing either; storing a
document twice is harmless (same content hash: "unchanged").

Requests travel pickled (scrapy-redis's default): Redis must be private to the crawl
(bind it to a private network and give it a password in the URL).
"""

from __future__ import annotations

import base64
import json
import logging
import os
import threading
import time
import uuid
import warnings
from collections import Counter
from typing import Any, Callable

import redis
from scrapy.exceptions import ScrapyDeprecationWarning
from scrapy_redis.scheduler import Scheduler
from twisted.internet import task

log = logging.getLogger(__name__)
# scrapy-redis 0.9 still passes `spider=` to the stats collector and calls Spider.log().
warnings.filterwarnings("ignore", category=ScrapyDeprecationWarning, module="scrapy_redis")

REDIS_ENV = "COUNCILFACTS_REDIS"
PREFIX = "councilfacts"
ITEMS = f"{PREFIX}:items"
STORING = f"{PREFIX}:items:storing"
STORE_LOCK = f"{PREFIX}:store:lock"
LEASE_SECONDS = 30  # a worker silent this long is taken for dead (COUNCILFACTS_LEASE_SECONDS)

# Pop the best request into a lease in one step (score|data, so a reclaim keeps its priority).
POP = """
local r = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #r == 0 then return false end
redis.call('ZREM', KEYS[1], r[1])
redis.call('HSET', KEYS[2], ARGV[1], r[2] .. '|' .. r[1])
return r[1]
"""
# Put back on the queue the leases held by workers that are gone (ARGV[1]: alive-key prefix),
# or, with ARGV[2] a worker id, that worker's own leases (a graceful stop).
RELEASE = """
local n = 0
local all = redis.call('HGETALL', KEYS[2])
for i = 1, #all, 2 do
  local field, value = all[i], all[i + 1]
  local worker = string.match(field, '^([^:]+):')
  local gone
  if ARGV[2] ~= '' then gone = (worker == ARGV[2]) else gone = (redis.call('EXISTS', ARGV[1] .. worker) == 0) end
  if gone then
    local bar = string.find(value, '|', 1, true)
    redis.call('ZADD', KEYS[1], tonumber(string.sub(value, 1, bar - 1)), string.sub(value, bar + 1))
    redis.call('HDEL', KEYS[2], field)
    n = n + 1
  end
end
return n
"""


def source_keys(source: str) -> dict[str, str]:
    base = f"{PREFIX}:{source}"
    return {
        "requests": f"{base}:requests",
        "dupefilter": f"{base}:dupefilter",
        "leases": f"{base}:leases",
        "alive": f"{base}:alive:",
    }


def connect(url: str) -> redis.Redis:
    """A client for `url`, checked: a clear error naming the URL when Redis cannot be reached."""
    client = redis.Redis.from_url(url, socket_connect_timeout=10, socket_timeout=60, retry_on_timeout=True)
    try:
        client.ping()
    except redis.RedisError as exc:
        raise ConnectionError(f"{url}: cannot reach Redis ({exc})") from None
    return client


def scrapy_settings(url: str, source: str, fetch_only: bool = True) -> dict[str, Any]:
    """Settings that put one source's crawl on the shared frontier at `url`."""
    keys = source_keys(source)
    settings = {
        "REDIS_URL": url,
        "SCHEDULER": "councilfacts.frontier.LeasingScheduler",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "SCHEDULER_QUEUE_CLASS": "scrapy_redis.queue.PriorityQueue",
        "SCHEDULER_QUEUE_KEY": keys["requests"],
        "SCHEDULER_DUPEFILTER_KEY": keys["dupefilter"],
        "SCHEDULER_PERSIST": True,
    }
    if fetch_only:
        settings["ITEM_PIPELINES"] = {"councilfacts.frontier.PushPipeline": 100}
    return settings


class LeasingScheduler(Scheduler):
    """scrapy-redis's scheduler, popping into leases that are dropped once a request is done."""

    @classmethod
    def from_crawler(cls, crawler):
        instance = super().from_crawler(crawler)
        instance.crawler = crawler
        instance.lease_seconds = crawler.settings.getint("COUNCILFACTS_LEASE_SECONDS", LEASE_SECONDS)
        return instance

    def open(self, spider):
        super().open(spider)
        self.worker = uuid.uuid4().hex[:12]
        self.keys = source_keys(self.queue_key.split(":")[1])
        self.leased: dict[str, Any] = {}  # lease field -> the Request object the engine holds
        self.count = 0
        self._pop = self.server.register_script(POP)
        self._release = self.server.register_script(RELEASE)
        self._beat()
        self.heartbeat = task.LoopingCall(self._beat)
        self.heartbeat.start(max(self.lease_seconds / 5, 0.2), now=False)
        queued, leased = len(self.queue), self.server.hlen(self.keys["leases"])
        if queued or leased:
            spider.logger.info("joining a crawl in progress: %d requests queued, %d leased", queued, leased)

    def _beat(self) -> None:
        """Say this worker is alive; put back the requests of workers that are not."""
        self.server.set(self.keys["alive"] + self.worker, 1, px=int(self.lease_seconds * 1000))
        self._ack_finished()
        back = self._release(keys=[self.queue.key, self.keys["leases"]], args=[self.keys["alive"], ""])
        if back:
            log.warning("%s: %d requests of a worker that stopped answering are back on the queue", self.spider.name, back)

    def _ack_finished(self) -> None:
        """Drop the leases of requests the engine no longer holds (parsed, items pushed)."""
        if not self.leased:
            return
        # The engine keeps a request in its slot from download until its response's items
        # and requests are all processed; Scrapy has no public signal for that moment.
        held = self.crawler.engine._slot.inprogress if self.crawler.engine._slot else set()
        done = [field for field, request in self.leased.items() if request not in held]
        if done:
            self.server.hdel(self.keys["leases"], *done)
            for field in done:
                del self.leased[field]

    def enqueue_request(self, request):
        # A redirect or a retry carries its original's lease: the new request is queued
        # first, and the original's lease drops once the engine lets go of it.
        request.meta.pop("councilfacts_lease", None)
        fresh = not any(k in request.meta for k in ("retry_times", "redirect_times"))
        if request.meta.get("is_start_request") and request.dont_filter and fresh:
            # Every worker issues the start requests: the shared filter lets one through.
            if self.df.request_seen(request):
                return False
            self.queue.push(request)
            return True
        return super().enqueue_request(request)

    def next_request(self):
        self._ack_finished()
        self.count += 1
        field = f"{self.worker}:{self.count}"
        data = self._pop(keys=[self.queue.key, self.keys["leases"]], args=[field])
        if not data:
            return None
        request = self.queue._decode_request(data)
        request.meta["councilfacts_lease"] = field
        self.leased[field] = request
        if self.stats:
            self.stats.inc_value("scheduler/dequeued/redis")
        return request

    def has_pending_requests(self):
        """Queued here or held by a live worker (whose work may queue more): not finished yet."""
        self._ack_finished()
        return len(self.queue) > 0 or self.server.hlen(self.keys["leases"]) > 0

    def close(self, reason):
        if self.heartbeat.running:
            self.heartbeat.stop()
        self._ack_finished()
        if self.leased:
            self._release(keys=[self.queue.key, self.keys["leases"]], args=[self.keys["alive"], self.worker])
            log.info("%s: %d unfinished requests put back on the queue", self.spider.name, len(self.leased))
            self.leased.clear()
        self.server.delete(self.keys["alive"] + self.worker)
        if reason == "finished" and not len(self.queue) and not self.server.hlen(self.keys["leases"]):
            self.flush()  # the crawl is complete: the next one starts with an empty filter


def encode_item(item: dict) -> bytes:
    row = dict(item)
    row["body"] = base64.b64encode(row["body"]).decode("ascii") if row.get("body") is not None else None
    return json.dumps({"item": row}, ensure_ascii=False, default=str).encode("utf-8")


def decode(data: bytes) -> dict:
    message = json.loads(data)
    if "item" in message and message["item"].get("body") is not None:
        message["item"]["body"] = base64.b64decode(message["item"]["body"])
    return message


class PushPipeline:
    """On a fetch worker, the only item pipeline: the item goes onto Redis for the store."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.server = connect(crawler.settings.get("REDIS_URL"))

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def open_spider(self, spider=None):
        # The spider's own failures (HTTP errors, unreadable listings) travel the same way.
        (spider or self.crawler.spider).outbox = self

    def process_item(self, item, spider=None):
        self.server.rpush(ITEMS, encode_item(item))
        self.crawler.stats.inc_value("councilfacts/pushed")
        item["body"] = None
        return item

    def error(self, url: str, reason: str, detail: str = "", severity: str = "error") -> None:
        message = {"error": {"stage": "crawl", "target": url, "reason": reason, "detail": detail, "severity": severity}}
        self.server.rpush(ITEMS, json.dumps(message, ensure_ascii=False).encode("utf-8"))


class _Stats:
    """The part of Scrapy's stats collector the item pipelines use."""

    def __init__(self) -> None:
        self.values: Counter = Counter()

    def inc_value(self, key, count=1, start=0, spider=None):
        self.values[key] += count

    def set_value(self, key, value, spider=None):
        self.values[key] = value

    def get_value(self, key, default=None, spider=None):
        return self.values.get(key, default)

    def get_stats(self, spider=None):
        return dict(self.values)


class _StoreCrawler:
    def __init__(self, settings) -> None:
        self.settings = settings
        self.stats = _Stats()
        self.spider = None


class Store:
    """The one writer: items and errors from Redis through the project's item pipelines into SQLite."""

    def __init__(self, db_path, url: str) -> None:
        from scrapy.settings import Settings

        from councilfacts import db as store

        self.db_path = str(db_path)
        self.server = connect(url)
        self.settings = Settings()
        self.settings.setmodule("councilfacts.scrapers.settings", priority="project")
        self.settings.set("COUNCILFACTS_DB", self.db_path, priority="cmdline")
        self.settings.set("JOBDIR", None, priority="cmdline")  # the frontier lives in Redis
        self.chains: dict[str, tuple[_StoreCrawler, list]] = {}
        self.errors_db = None  # opened by run(), in the thread that writes
        self.token = uuid.uuid4().hex
        self.stored = 0

    def _chain(self, source: str):
        from scrapy.utils.misc import load_object

        if source not in self.chains:
            crawler = _StoreCrawler(self.settings)
            order = sorted(self.settings.getdict("ITEM_PIPELINES").items(), key=lambda kv: kv[1])
            pipes = [load_object(path).from_crawler(crawler) for path, _ in order]
            for pipe in pipes:
                pipe.open_spider(None)
            self.chains[source] = (crawler, pipes)
        return self.chains[source]

    def lock(self) -> None:
        if self.server.get(STORE_LOCK) == self.token.encode():
            return
        if not self.server.set(STORE_LOCK, self.token, nx=True, ex=LEASE_SECONDS):
            raise RuntimeError(f"another store process writes this crawl's items (Redis key {STORE_LOCK}); one writer only")

    def _hold(self) -> None:
        if self.server.get(STORE_LOCK) == self.token.encode():
            self.server.expire(STORE_LOCK, LEASE_SECONDS)
        elif not self.server.set(STORE_LOCK, self.token, nx=True, ex=LEASE_SECONDS):
            raise RuntimeError(f"another store process took over {STORE_LOCK}; stopping so there is one writer")

    def handle(self, data: bytes) -> None:
        from councilfacts import db as store
        from councilfacts.scrapers.items import DocumentItem

        message = decode(data)
        if "error" in message:
            store.record_error(self.errors_db, **message["error"])
            return
        fields = {k: v for k, v in message["item"].items() if k in DocumentItem.fields}
        item = DocumentItem(**fields)
        _, pipes = self._chain(item.get("source") or "?")
        for pipe in pipes:
            item = pipe.process_item(item, None)
        self.stored += 1

    def handle_safely(self, data: bytes) -> None:
        """One message that cannot be stored (not ours, cut short) is recorded and dropped, so
        it cannot stop the store again and again on every restart."""
        from councilfacts import db as store

        try:
            self.handle(data)
        except Exception as exc:  # noqa: BLE001 - recorded; the other items go on
            log.error("an item from Redis could not be stored: %s: %s", type(exc).__name__, exc)
            store.record_error(self.errors_db, "crawl", ITEMS, f"item from Redis could not be stored: {type(exc).__name__}: {exc}"[:300])

    def run(self, finished: Callable[[], bool], on_item: Callable[[], None] | None = None) -> None:
        """Store until `finished()` says no more will come and both lists are empty."""
        from councilfacts import db as store

        self.lock()
        self.errors_db = store.connect(self.db_path)
        try:
            # Left by a store process that was killed mid-item: stored again, harmlessly.
            for data in self.server.lrange(STORING, 0, -1):
                self.handle_safely(data)
                self.server.lrem(STORING, 1, data)
            beat = time.monotonic()
            while True:
                if time.monotonic() - beat > LEASE_SECONDS / 3:
                    self._hold()
                    beat = time.monotonic()
                data = self.server.blmove(ITEMS, STORING, 0.5, "LEFT", "RIGHT")
                if data is None:
                    if finished() and not self.server.llen(ITEMS):
                        return
                    continue
                self.handle_safely(data)
                self.server.lrem(STORING, 1, data)
                if on_item:
                    on_item()
        finally:
            if self.server.get(STORE_LOCK) == self.token.encode():
                self.server.delete(STORE_LOCK)

    def stats(self) -> dict[str, dict]:
        return {source: crawler.stats.get_stats() for source, (crawler, _) in self.chains.items()}

    def close(self) -> None:
        for _, pipes in self.chains.values():
            for pipe in pipes:
                pipe.close_spider(None)
        if self.errors_db is not None:
            self.errors_db.conn.close()


def frontier_empty(server: redis.Redis, sources: list[str] | None = None) -> bool:
    """No request queued or leased for these sources (None: any source)."""
    if sources is None:
        names = {k.decode().split(":")[1] for k in server.scan_iter(f"{PREFIX}:*:requests")}
        names |= {k.decode().split(":")[1] for k in server.scan_iter(f"{PREFIX}:*:leases")}
    else:
        names = set(sources)
    return all(not server.zcard(source_keys(n)["requests"]) and not server.hlen(source_keys(n)["leases"]) for n in names)


class StoreThread(threading.Thread):
    """The store loop beside this machine's crawler; it ends when the crawl has drained."""

    def __init__(self, db_path, url: str, on_item: Callable[[], None] | None = None) -> None:
        super().__init__(name="councilfacts-store", daemon=True)
        self.store = Store(db_path, url)
        self.store.lock()  # refuse before crawling, not after
        self.crawling = True
        self.on_item = on_item
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.store.run(lambda: not self.crawling and frontier_empty(self.store.server), self.on_item)
        except BaseException as exc:  # noqa: BLE001 - reported by finish()
            self.error = exc
        finally:
            self.store.close()

    def finish(self) -> dict[str, dict]:
        self.crawling = False
        self.join()
        if self.error:
            raise self.error
        return self.store.stats()


def redis_url(option: str | None) -> str | None:
    return option or os.environ.get(REDIS_ENV) or None
