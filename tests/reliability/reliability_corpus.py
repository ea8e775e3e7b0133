"""Made-up documents (TEST DATA, invented figures) for the crash, idempotence and
re-extraction tests: many of them, each different, each with a few figures."""

from __future__ import annotations

import random

from councilfacts import db as store

COUNCILS = ["Northamptonshire County Council", "Kent County Council", "Essex County Council", "Surrey County Council"]

SENTENCES = [
    "{council} will cut {n} jobs in its children's services department.",
    "Social workers at {council} hold an average of {n} cases each, union officials said.",
    "There are {n} children in care in the area, up from last year.",
    "{council} has {n} agency social workers, the report found.",
    "The council plans to cut £{m}m from its children's services budget.",
    "Some {n} children are waiting without an allocated social worker.",
    "Inspectors found {n} children on child protection plans.",
    "The longest wait for an assessment was {n} days.",
]
FILLER = (
    "Councillors met on Tuesday evening to discuss the proposals, which were published after months of "
    "consultation with staff, unions and families who use the service. The leader of the council said the "
    "authority had no choice but to make savings, while the opposition said the plans would put children at risk. "
)


def text(seed: int, paragraphs: int = 12) -> str:
    rnd = random.Random(seed)
    council = COUNCILS[seed % len(COUNCILS)]
    out = [f"Document {seed} (TEST DATA, invented figures)."]
    for _ in range(paragraphs):
        sentence = rnd.choice(SENTENCES).format(council=council, n=rnd.randint(5, 950), m=rnd.randint(2, 90))
        out.append(sentence + " " + FILLER * rnd.randint(1, 3))
    return "\n\n".join(out)


def document(seed: int, base: str = "http://127.0.0.1:9/test", paragraphs: int = 12) -> tuple[dict, bytes]:
    body = text(seed, paragraphs)
    raw = body.encode()
    url = f"{base}/doc-{seed:04d}.html"
    return (
        {
            "url": url,
            "canonical_url": url,
            "source": "test",
            "spider": "news",
            "kind": "news",
            "title": f"Test document {seed}",
            "published": f"2024-{1 + seed % 12:02d}-{1 + seed % 28:02d}",
            "content_type": "text/plain",
            "content_hash": store.content_hash(raw),
            "text": body,
            "text_status": "ok",
            "http_status": 200,
        },
        raw,
    )


def fill(db_path, n: int, paragraphs: int = 12, start: int = 0) -> list[str]:
    """Store n documents; their ids."""
    db = store.connect(db_path)
    ids = []
    for seed in range(start, start + n):
        doc, raw = document(seed, paragraphs=paragraphs)
        store.upsert_document(db, doc, raw)
        ids.append(store.document_id(doc["canonical_url"]))
    db.conn.close()
    return ids
