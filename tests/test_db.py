"""The database keeps one row per document and swaps facts whole."""

from councilfacts import db as store


def doc(url="http://127.0.0.1/a", body=b"<p>64 posts cut</p>", **extra):
    return {
        "url": url,
        "canonical_url": url,
        "source": "test",
        "spider": "news",
        "kind": "news",
        "content_hash": store.content_hash(body),
        "text": "64 posts cut",
        "text_status": "ok",
        **extra,
    }


def fact(start=0, value=64.0):
    return {
        "measure": "job_cuts",
        "value": value,
        "qualifier": "exact",
        "unit": "posts",
        "subject": "posts",
        "sentence": "64 posts cut",
        "sentence_start": 0,
        "sentence_end": 12,
        "figure": "64",
        "figure_start": start,
        "figure_end": start + 2,
    }


def test_document_stored_once_and_changes_detected(tmp_path):
    db = store.connect(tmp_path / "t.db")
    assert store.upsert_document(db, doc(), b"<p>64 posts cut</p>") == "new"
    assert store.upsert_document(db, doc(), b"<p>64 posts cut</p>") == "unchanged"
    other = doc(body=b"<p>65 posts cut</p>", text="65 posts cut")
    assert store.upsert_document(db, other, b"<p>65 posts cut</p>") == "changed"
    assert db["documents"].count == 1
    assert db["document_raw"].get(store.document_id("http://127.0.0.1/a"))["body"] == b"<p>65 posts cut</p>"


def test_same_content_under_another_url_is_a_duplicate(tmp_path):
    db = store.connect(tmp_path / "t.db")
    store.upsert_document(db, doc())
    assert store.upsert_document(db, doc(url="http://127.0.0.1/b")) == "duplicate"
    assert db["documents"].count == 1


def test_replace_facts_swaps_versions_and_change_resets_version(tmp_path):
    db = store.connect(tmp_path / "t.db")
    store.upsert_document(db, doc())
    doc_id = store.document_id("http://127.0.0.1/a")
    store.replace_facts(db, doc_id, [fact(), fact(start=5)], "v1")
    store.replace_facts(db, doc_id, [fact()], "v2")
    rows = list(db["facts"].rows)
    assert [r["extractor_version"] for r in rows] == ["v2"]
    assert db["documents"].get(doc_id)["extractor_version"] == "v2"
    # Re-running the same extraction gives the same row, not a second one.
    store.replace_facts(db, doc_id, [fact()], "v2")
    assert db["facts"].count == 1
    store.upsert_document(db, doc(text="70 posts cut", body=b"70"), b"70")
    assert db["documents"].get(doc_id)["extractor_version"] is None


def test_errors_are_recorded(tmp_path):
    db = store.connect(tmp_path / "t.db")
    store.record_error(db, "crawl", "http://127.0.0.1/x.pdf", "truncated PDF")
    (row,) = db["errors"].rows
    assert row["target"] == "http://127.0.0.1/x.pdf" and row["reason"] == "truncated PDF"


def test_a_failure_met_again_replaces_its_row(tmp_path):
    from councilfacts import db as store

    db = store.connect(tmp_path / "x.db")
    store.record_error(db, "extract", "doc-1", "ValueError", "first")
    store.record_error(db, "extract", "doc-2", "ValueError", "other")
    before = max(r["id"] for r in db["errors"].rows)
    store.record_error(db, "extract", "doc-1", "ValueError", "again")
    rows = list(db["errors"].rows_where(order_by="id"))
    assert [(r["target"], r["detail"]) for r in rows] == [("doc-2", "other"), ("doc-1", "again")]
    assert rows[-1]["id"] > before  # a stage counting rows written since it began still sees it
    top = rows[-1]["id"]
    store.record_error(db, "extract", "doc-1", "ValueError", "once more")  # the top row itself met again
    assert max(r["id"] for r in db["errors"].rows) > top
