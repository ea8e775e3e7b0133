"""The SQLite database: one file holds what was collected, what was read and what failed.

Every stage writes here through these functions, so the schema lives in one place.
Writes are transactional and WAL-journalled, keyed by content hashes, so a crash or a
re-run never loses or duplicates a row.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable

import sqlite_utils

DEFAULT_DB = Path("data") / "councilfacts.db"

DOCUMENT_COLUMNS = {
    "id": str,  # sha1 of the canonical URL (or of the file path for local files), 16 hex
    "url": str,  # the URL fetched last
    "canonical_url": str,
    "source": str,  # name of the entry in data/sources.yml ("sample-news", "manchester", ...)
    "spider": str,  # news | moderngov | ofsted | file
    "kind": str,  # news | committee_paper | ofsted_report
    "title": str,
    "published": str,  # ISO date
    "updated": str,
    "author": str,
    "section": str,
    "council": str,  # body the source covers (canonical gazetteer name), if one
    "council_code": str,
    "committee": str,
    "meeting_date": str,
    "item_title": str,
    "fetched_at": str,
    "http_status": int,
    "content_type": str,  # sniffed: text/html, application/pdf, text/plain
    "etag": str,
    "last_modified": str,
    "content_hash": str,  # sha256 of the raw body
    "text": str,  # the text facts are read from; all offsets refer to it
    "page_starts": str,  # JSON list: offset in `text` where each PDF page starts
    "n_pages": int,
    "text_status": str,  # ok | no_text_layer | empty
    "meta": str,  # JSON: anything else the spider knew
    "extractor_version": str,  # version of the extractor whose facts are stored
    "extracted_at": str,
}

FACT_COLUMNS = {
    "id": str,
    "document_id": str,
    "measure": str,
    "value": float,
    "value_max": float,
    "qualifier": str,
    "unit": str,
    "subject": str,
    "judgement": str,  # which Ofsted judgement an ofsted_rating grades (overall_effectiveness, in_care, ...)
    "body": str,
    "body_code": str,
    "period": str,
    "sentence": str,
    "sentence_start": int,
    "sentence_end": int,
    "figure": str,  # the figure as written ("£147m")
    "figure_start": int,
    "figure_end": int,
    "page": int,
    "extractor_version": str,
}


def now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def document_id(canonical_url: str) -> str:
    return hashlib.sha1(canonical_url.encode("utf-8")).hexdigest()[:16]


def content_hash(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def fact_id(document_id: str, fact: dict[str, Any]) -> str:
    key = "|".join(
        str(fact.get(k)) for k in ("measure", "figure_start", "figure_end", "subject", "sentence", "value", "value_max")
    )
    key = f"{document_id}|{key}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def transaction(db: sqlite_utils.Database):
    """One SQLite transaction around several writes: all of them land, or none.

    `with db.conn:` is not one: sqlite-utils commits each write statement on its own
    unless a transaction is already open, so a crash between two statements (a kill -9
    after a document's old facts were deleted, before the new ones were inserted) would
    leave half a change behind. `atomic()` opens the transaction first.
    """
    return db.atomic()


def connect(path: str | Path = DEFAULT_DB) -> sqlite_utils.Database:
    """Open (creating if needed) the database with every table in place."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(path)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("PRAGMA busy_timeout=30000")
    ensure_schema(db)
    return db


def ensure_schema(db: sqlite_utils.Database) -> None:
    if "bodies" not in db.table_names():
        db["bodies"].create(
            {
                "code": str,  # GSS code, or the register code where there is none
                "name": str,
                "nice_name": str,
                "register_code": str,
                "kind": str,
                "nation": str,
                "region": str,
                "start_date": str,
                "end_date": str,
                "replaced_by": str,
                "alt_names": str,
            },
            pk="code",
        )
    if "measures" not in db.table_names():
        db["measures"].create(
            {"id": str, "label": str, "description": str, "units": str, "examples": str},
            pk="id",
        )
    if "documents" not in db.table_names():
        db["documents"].create(DOCUMENT_COLUMNS, pk="id")
        db["documents"].create_index(["content_hash"])
        db["documents"].create_index(["source"])
    if "document_raw" not in db.table_names():
        db["document_raw"].create(
            {"document_id": str, "content_type": str, "body": bytes},
            pk="document_id",
            foreign_keys=[("document_id", "documents", "id")],
        )
    if "facts" not in db.table_names():
        db["facts"].create(
            FACT_COLUMNS,
            pk="id",
            foreign_keys=[
                ("document_id", "documents", "id"),
                ("measure", "measures", "id"),
                ("body_code", "bodies", "code"),
            ],
        )
        # no index that is the leading part of another ("measure" is served by publish's (measure, value))
        for cols in (["document_id"], ["period"], ["body_code", "measure", "period"]):
            db["facts"].create_index(cols)
    elif "judgement" not in db["facts"].columns_dict:  # a database made before facts named their judgement
        db["facts"].add_column("judgement", str)
    ensure_claims_schema(db)
    if "errors" not in db.table_names():
        db["errors"].create(
            {"id": int, "at": str, "stage": str, "target": str, "reason": str, "detail": str, "severity": str},
            pk="id",
        )
    elif "severity" not in db["errors"].columns_dict:
        db["errors"].add_column("severity", str)


CLAIM_COLUMNS = {
    "id": str,  # sha1 of the lead fact's id, 16 hex
    "group_key": str,  # body|measure|unit kind: the group recomputed together (claims.py)
    "body": str,
    "body_code": str,
    "measure": str,
    "unit": str,
    "value": float,  # the lead fact's: the primary source's where the claim has one
    "value_max": float,
    "qualifier": str,
    "value_text": str,
    "period": str,
    "date": str,  # where the claim sits on a timeline: the start of the lead fact's period
    "fact_id": str,  # the lead fact
    "document_id": str,
    "kind": str,
    "primary_source": int,  # 1: the lead is a council paper or an Ofsted report
    "first_fact_id": str,  # the earliest published of its facts
    "first_document_id": str,
    "first_date": str,
    "first_kind": str,
    "n_facts": int,
    "n_sources": int,  # documents
    "kinds": str,  # kinds of those documents, comma-separated
    "sources": str,  # JSON: [{document_id, fact_id, kind, date, cites}] earliest first
    "conflicts": int,
}

CONFLICT_COLUMNS = {
    "id": str,
    "group_key": str,
    "body": str,
    "body_code": str,
    "measure": str,
    "unit": str,
    "period": str,  # the day or month both figures are for
    "reason": str,
    **{f"{k}_{side}": str for side in ("a", "b") for k in ("claim", "fact", "document", "kind", "value")},
}


def ensure_claims_schema(db: sqlite_utils.Database) -> None:
    """claims and conflicts (pipelines/claims.py fills them) and each fact's claim_id."""
    if "claim_id" not in db["facts"].columns_dict:
        db["facts"].add_column("claim_id", str)
        db["facts"].create_index(["claim_id"])
    if "claims" not in db.table_names():
        # foreign keys so the site links each id to its row (SQLite does not enforce them here)
        db["claims"].create(
            CLAIM_COLUMNS,
            pk="id",
            foreign_keys=[
                ("fact_id", "facts", "id"),
                ("document_id", "documents", "id"),
                ("first_fact_id", "facts", "id"),
                ("first_document_id", "documents", "id"),
            ],
        )
        for cols in (["group_key"], ["body_code", "measure", "date"], ["body", "measure", "date"]):
            db["claims"].create_index(cols)
    if "conflicts" not in db.table_names():
        db["conflicts"].create(
            CONFLICT_COLUMNS,
            pk="id",
            foreign_keys=[(f"{k}_{side}", t, "id") for side in ("a", "b") for k, t in (("claim", "claims"), ("fact", "facts"), ("document", "documents"))],
        )
        db["conflicts"].create_index(["group_key"])


def upsert_document(db: sqlite_utils.Database, doc: dict[str, Any], raw: bytes | None = None) -> str:
    """Store a document once: same canonical URL updates in place, same content elsewhere is skipped.

    Returns "new", "changed", "unchanged" or "duplicate" (same body under another URL).
    A changed document loses its facts' version stamp so the next extract reads it again.
    """
    row = {k: v for k, v in doc.items() if k in DOCUMENT_COLUMNS}
    for key in ("page_starts", "meta"):
        if key in row and not isinstance(row[key], (str, type(None))):
            row[key] = json.dumps(row[key])
    row.setdefault("id", document_id(row["canonical_url"]))
    row.setdefault("fetched_at", now())
    with transaction(db):
        existing = next(db.query("select content_hash from documents where id = ?", [row["id"]]), None)
        if existing and existing["content_hash"] == row.get("content_hash"):
            db["documents"].update(row["id"], {"fetched_at": row["fetched_at"], "http_status": row.get("http_status")})
            return "unchanged"
        if not existing and row.get("content_hash"):
            twin = next(db.query("select id from documents where content_hash = ?", [row["content_hash"]]), None)
            if twin:
                return "duplicate"
        row["extractor_version"] = None
        row["extracted_at"] = None
        db["documents"].upsert(row, pk="id", alter=True)
        if raw is not None:
            db["document_raw"].upsert(
                {"document_id": row["id"], "content_type": row.get("content_type"), "body": raw}, pk="document_id"
            )
        return "changed" if existing else "new"


def replace_facts(db: sqlite_utils.Database, doc_id: str, facts: Iterable[dict[str, Any]], version: str) -> int:
    """Swap a document's facts for a fresh extraction in one transaction: old and new never mix."""
    rows = []
    for fact in facts:
        row = {k: fact.get(k) for k in FACT_COLUMNS if k in fact or k in ("value_max", "body", "body_code", "period", "page")}
        row["document_id"] = doc_id
        row["extractor_version"] = version
        for key in ("value", "value_max"):
            if row.get(key) is not None:
                # REAL, as the schema says: a Python int past 2^63 ("£99999999999999999999bn")
                # would not fit SQLite's INTEGER and would fail the whole document.
                row[key] = float(row[key])
        row["id"] = fact_id(doc_id, row)
        rows.append(row)
    with transaction(db):
        db.execute("delete from facts where document_id = ?", [doc_id])
        if rows:
            db["facts"].insert_all(rows, pk="id", replace=True, alter=True)
        db["documents"].update(doc_id, {"extractor_version": version, "extracted_at": now()})
    return len(rows)


def record_error(
    db: sqlite_utils.Database, stage: str, target: str, reason: str, detail: str = "", severity: str = "error"
) -> None:
    """Note a document that could not be collected or read.

    severity "error": it failed here (the run's exit status says so); "missing": the source
    itself says there is nothing there (a 404, Ofsted's "report not found" page) — recorded
    for the record, but a scheduled run against a source with dead links is not failing.
    A failure recorded before (same stage, target and reason) is replaced, not repeated.
    """
    with transaction(db):
        # the same failure met again on a re-run replaces its row: one row a failure, and the
        # new row's id still tells this run's stage that it failed
        # (its id is taken before the old row goes: SQLite would give the freed top id back)
        next_id = db.execute("select coalesce(max(id), 0) + 1 from errors").fetchone()[0]
        db.execute("delete from errors where stage = ? and target = ? and reason = ?", [stage, target, reason])
        db["errors"].insert(
            {"id": next_id, "at": now(), "stage": stage, "target": target, "reason": reason, "detail": detail[:2000],
             "severity": severity}
        )
