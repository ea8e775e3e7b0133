"""The extract stage: read figures from documents, from files on disk or from the database.

The database path is incremental: only documents whose stored facts came from another
extractor version (or none) are read, and each document's facts are swapped in one
transaction, so an interrupted run resumes where it stopped and never mixes versions.
"""

from __future__ import annotations

import bisect
import itertools
import json
import logging
import math
from pathlib import Path
from typing import Callable, Iterable, Iterator

import sqlite_utils

from councilfacts import db as store
from councilfacts.documents import DocumentError, read_path
from councilfacts.nlp.extractor import DocInput, Extractor
from councilfacts.nlp.ofsted import judgement_id

log = logging.getLogger(__name__)

PENDING = "select count(*) from documents where text_status = 'ok' and (extractor_version is null or extractor_version != ?)"


def page_of(offset: int, page_starts: list[int] | None) -> int | None:
    """1-based page holding a character offset, for documents read from PDFs."""
    if not page_starts:
        return None
    return bisect.bisect_right(page_starts, offset)


def with_pages(facts: list[dict], page_starts: list[int] | None) -> list[dict]:
    for fact in facts:
        if fact.get("page") is None:
            fact["page"] = page_of(fact["figure_start"], page_starts)
    return facts


def finite_facts(facts: list[dict], target: str = "") -> list[dict]:
    """Drop figures whose value is not a finite number (10^400 written out, "1e400", NaN).

    Such a value cannot be stored faithfully, charted or written as JSON; reading it as
    infinity would invent a number, so the figure is left out and the drop is logged.
    """
    kept = []
    for fact in facts:
        bad = [k for k in ("value", "value_max") if fact.get(k) is not None and not _is_finite(fact[k])]
        if bad:
            log.warning("%s: figure %r dropped: %s is not a finite number", target, fact.get("figure"), " and ".join(bad))
            continue
        kept.append(fact)
    return kept


def _is_finite(value) -> bool:
    try:
        return math.isfinite(float(value))
    except (TypeError, ValueError, OverflowError):
        return False


NO_TEXT = {
    "no_text_layer": "no text layer (a scanned or image-only PDF): nothing to read",
    "empty": "no text in it: nothing to read",
}


def judgement_facts(meta: dict | None, council: str | None, code: str | None) -> list[dict]:
    """Judgements a spider read off an inspection listing become ofsted_rating facts.

    They carry no sentence of the document (the listing page said them), so offsets are
    empty and `subject` holds the grade as MEASURES.md asks.
    """
    out = []
    for j in (meta or {}).get("judgements", []):
        out.append(
            {
                "measure": "ofsted_rating",
                "value": None,
                "value_max": None,
                "qualifier": "exact",
                "unit": None,
                "subject": j["grade"],
                "judgement": judgement_id(j.get("judgement", "Overall effectiveness")),
                "body": council,
                "body_code": code,
                "period": j.get("date"),
                "sentence": f"{j.get('judgement', 'Overall effectiveness')}: {j['grade']}",
                "sentence_start": None,
                "sentence_end": None,
                "figure": j["grade"],
                "figure_start": None,
                "figure_end": None,
                "page": None,
            }
        )
    return out


def pending_count(db: sqlite_utils.Database, version: str) -> int:
    return db.execute(PENDING, [version]).fetchone()[0]


def extract_database(
    db: sqlite_utils.Database,
    extractor: Extractor,
    batch_size: int = 16,
    advance: Callable[[int], None] = lambda n: None,
) -> dict[str, int]:
    """Bring every document's facts up to the extractor's version."""
    version = extractor.version
    # Ids first, texts a batch at a time: memory stays flat however large the database.
    ids = [
        r[0]
        for r in db.execute(
            "select id from documents where text_status = 'ok'"
            " and (extractor_version is null or extractor_version != ?) order by id",
            [version],
        ).fetchall()
    ]
    stats = {"documents": 0, "facts": 0, "failed": 0}
    for start in range(0, len(ids), batch_size):
        chunk = ids[start : start + batch_size]
        batch = list(
            db.query(
                "select id, text, published, council, council_code, kind, page_starts, title, meta from documents"
                f" where id in ({', '.join('?' * len(chunk))}) order by id",
                chunk,
            )
        )
        failed: dict[str, str] = {}
        results = list(_extract_batch(extractor, batch, failed.__setitem__))
        with store.transaction(db):  # one commit a batch (each document's swap a savepoint), none while reading
            for doc_id, reason in failed.items():
                store.record_error(db, "extract", doc_id, reason)
            for row, facts in results:
                store_facts(db, row, facts, version, stats)
        advance(len(batch))
    return stats


def store_facts(db: sqlite_utils.Database, row: dict, facts: list[dict] | None, version: str, stats: dict[str, int]) -> None:
    """Write one document's extracted facts (None: its extraction failed) and count the outcome.

    The one writer's step, whoever extracted: this process, or workers (extract_workers)."""
    if facts is None:
        stats["failed"] += 1
        return
    meta = json.loads(row["meta"]) if row["meta"] else None
    facts = with_pages(finite_facts(facts, row["id"]), _starts(row))
    if not any(f["measure"] == "ofsted_rating" for f in facts):
        # The report's own text is the better witness (sentence, offsets, page);
        # the listing page's judgements stand in only where the text gave none.
        facts += judgement_facts(meta, row["council"], row["council_code"])
    try:
        stats["facts"] += store.replace_facts(db, row["id"], facts, version)
    except Exception as exc:  # noqa: BLE001 - one document's facts failing to store stops nothing else
        log.error("storing facts failed for document %s: %s", row["id"], exc)
        store.record_error(db, "extract", row["id"], f"facts could not be stored: {type(exc).__name__}: {exc}")
        stats["failed"] += 1
        return
    stats["documents"] += 1


def _starts(row: dict) -> list[int] | None:
    return json.loads(row["page_starts"]) if row.get("page_starts") else None


def _inputs(batch: list[dict]) -> list[DocInput]:
    return [
        DocInput(
            text=row["text"] or "",
            doc_id=row["id"],
            date=row["published"],
            council=row["council_code"] or row["council"],
            kind=row["kind"],
            page_starts=_starts(row),
            title=row["title"],
        )
        for row in batch
    ]


def _extract_batch(
    extractor: Extractor, batch: list[dict], on_error: Callable[[str, str], None]
) -> Iterator[tuple[dict, list | None]]:
    """Extract a batch; if it fails, retry one by one so one bad document fails alone (on_error(id, reason))."""
    try:
        results = list(extractor.extract(_inputs(batch)))
    except Exception:  # noqa: BLE001 - isolated below, document by document
        results = None
    if results is not None:
        yield from zip(batch, results)
        return
    for row in batch:
        try:
            yield row, next(iter(extractor.extract(_inputs([row]))))
        except Exception as exc:  # noqa: BLE001 - recorded, the run goes on
            log.error("extract failed for document %s: %s", row["id"], exc)
            on_error(row["id"], f"extractor failed: {type(exc).__name__}: {exc}")
            yield row, None


def extract_paths(
    paths: Iterable[Path], extractor: Extractor, all_figures: bool = False, on_error: Callable[[Path, str], None] | None = None,
    chunk_size: int = 64,
) -> Iterator[tuple[Path, list[dict]]]:
    """Facts for each readable file; unreadable files are reported through on_error and skipped.

    A file fails alone: unreadable, with no text (a scan, an empty page), or one the
    extractor trips on; each is reported once with the reason and the rest are read.
    """

    def fail(path: Path, reason: str) -> None:
        if on_error:
            on_error(path, reason)  # the caller reports it (once)
        else:
            log.error("%s", reason)

    def readable() -> Iterator[tuple[Path, dict]]:
        for path in paths:
            try:
                doc = read_path(path)
            except DocumentError as exc:
                fail(path, str(exc))
                continue
            except Exception as exc:  # noqa: BLE001 - a reader bug on one file must not stop the run
                fail(path, f"{path}: unreadable ({type(exc).__name__}: {exc})")
                continue
            status = doc.get("text_status") or "ok"
            if status != "ok" or not (doc.get("text") or "").strip():
                fail(path, f"{path}: {NO_TEXT.get(status, 'no text in it: nothing to read')}")
                continue
            yield path, doc

    def inputs(chunk: list[tuple[Path, dict]]) -> list[DocInput]:
        return [
            DocInput(
                text=d["text"] or "",
                doc_id=path.stem,
                date=d.get("published"),
                kind=d.get("kind"),
                page_starts=d.get("page_starts"),
                title=d.get("title"),
                all_figures=all_figures,
            )
            for path, d in chunk
        ]

    docs = readable()
    while chunk := list(itertools.islice(docs, chunk_size)):
        try:
            results = list(extractor.extract(inputs(chunk)))
        except Exception:  # noqa: BLE001 - isolated below, file by file
            results = None
        if results is not None:
            for (path, d), facts in zip(chunk, results):
                yield path, with_pages(finite_facts(facts, str(path)), d.get("page_starts"))
            continue
        for path, d in chunk:
            try:
                facts = next(iter(extractor.extract(inputs([(path, d)]))))
            except Exception as exc:  # noqa: BLE001 - reported, the run goes on
                fail(path, f"{path}: extractor failed: {type(exc).__name__}: {exc}")
                continue
            yield path, with_pages(finite_facts(facts, str(path)), d.get("page_starts"))
