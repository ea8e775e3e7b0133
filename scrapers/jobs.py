"""Resumable jobs that survive `kill -9`.

Scrapy's JOBDIR remembers every request it *scheduled* ("requests.seen"). After a hard
kill, requests that were in flight are in that set but their documents were never
stored, so a resumed job would skip them for good. Here a request is remembered across
runs only once its document is settled (stored, unchanged, filtered, or said missing by
the source): `documents.done` in the job directory, appended by StorePipeline after the
database commit. Within a run, duplicates are filtered in memory as usual. A resumed run
re-issues its start requests, re-reads listings (cheaply: the HTTP cache answers or the
server says 304) and fetches only the documents not yet done.

A `running` marker left behind means the last run died without closing; its request
queue may be half-written, so it is dropped (the done set is enough to resume).
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from scrapy.dupefilters import RFPDupeFilter
from scrapy.utils.job import job_dir

log = logging.getLogger(__name__)

DONE = "documents.done"
RUNNING = "running"


def prepare(jobdir: Path) -> bool:
    """Before a run: True if there is an interrupted job to resume. Cleans up after a hard kill."""
    if (jobdir / RUNNING).exists():
        log.warning("%s: the last run was killed; resuming from the documents it finished", jobdir.name)
        shutil.rmtree(jobdir / "requests.queue", ignore_errors=True)
        for name in ("requests.seen", "spider.state"):
            (jobdir / name).unlink(missing_ok=True)
    resumed = jobdir.is_dir() and any(p.name != RUNNING for p in jobdir.iterdir())
    jobdir.mkdir(parents=True, exist_ok=True)
    (jobdir / RUNNING).touch()
    return resumed


def finish(jobdir: Path, finished: bool) -> None:
    """After a run that closed: drop the marker; a finished job leaves nothing behind."""
    if finished:
        shutil.rmtree(jobdir, ignore_errors=True)
    else:
        (jobdir / RUNNING).unlink(missing_ok=True)


def mark_done(jobdir: str | None, fingerprint: str | None) -> None:
    if jobdir and fingerprint:
        with open(Path(jobdir) / DONE, "a", encoding="ascii") as f:
            f.write(fingerprint + "\n")


class JobDupeFilter(RFPDupeFilter):
    """In-memory duplicate filter for the run, plus the documents done in earlier runs of the job."""

    def __init__(self, path: str | None = None, debug: bool = False, *, fingerprinter=None) -> None:
        super().__init__(None, debug, fingerprinter=fingerprinter)  # no requests.seen
        self.done: set[bytes] = set()
        if path and (Path(path) / DONE).exists():
            for line in (Path(path) / DONE).read_text(encoding="ascii", errors="ignore").split():
                try:
                    self.done.add(bytes.fromhex(line))
                except ValueError:
                    continue  # a line cut short by a kill

    @classmethod
    def from_crawler(cls, crawler):
        return cls(job_dir(crawler.settings), crawler.settings.getbool("DUPEFILTER_DEBUG"), fingerprinter=crawler.request_fingerprinter)

    def request_seen(self, request) -> bool:
        if not request.dont_filter and self._fingerprint(request) in self.done:
            return True
        return super().request_seen(request)
