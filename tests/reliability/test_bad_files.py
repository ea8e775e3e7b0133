"""Hostile files through `councilfacts extract FILES`: each bad one fails alone, with one
clear error naming it and the reason (printed and in the errors table); the good ones are
read; the exit status says some failed.

The inputs are made by tests/files/bad/make_bad.py (see its docstring for the classes).
"""

from __future__ import annotations

import math
import re

import pytest

from .reliability_kit import cli, make_bad, rows, strict_json
from councilfacts.documents import DocumentError, read_path

DOCS = make_bad.all_docs()
BY_NAME = {d.name: d for d in DOCS}


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bad-files")
    return {doc.name: path for doc, path in make_bad.write_all(folder)}


@pytest.fixture(scope="module")
def run(written, tmp_path_factory):
    """One CLI run over every hostile file (plus the controls), as a newsroom would run it."""
    db = tmp_path_factory.mktemp("bad-db") / "errors.db"
    result = cli("extract", *written.values(), "--jsonl", "--db", db, timeout=600)
    outputs = {}
    for line in result.stdout.split("\n"):
        if line.strip():
            record = strict_json(line)  # Infinity / NaN would make the line invalid JSON
            assert record["doc"] not in outputs, f"{record['doc']} printed twice"
            outputs[record["doc"]] = record["facts"]
    errors = rows(db, "select * from errors") if db.exists() else []
    return result, outputs, errors


def errors_for(errors, name):
    return [e for e in errors if name in (e["target"] or "")]


# ------------------------------------------------------------------ readers, in process


@pytest.mark.parametrize("doc", DOCS, ids=[d.name for d in DOCS])
def test_reader_reads_or_refuses_clearly(doc, written):
    """read_path never lets a hostile file escape as anything but DocumentError."""
    path = written[doc.name]
    try:
        got = read_path(path)
    except DocumentError as exc:
        assert doc.expect != "read", f"{doc.name} ({doc.why}) should be readable: {exc}"
        assert doc.name in str(exc), "the error names the file"
        if doc.reason:
            assert re.search(doc.reason, str(exc), re.I), f"reason {str(exc)!r} does not say {doc.reason!r}"
        return
    assert isinstance(got["text"], str)
    if doc.expect == "read":
        assert got["text_status"] == "ok" and got["text"].strip(), f"{doc.name}: {doc.why}: no text read"
        assert "\ufffd" not in got["text"], f"{doc.name}: text decoded with replacement characters"
        assert "Â£" not in got["text"], f"{doc.name}: UTF-8 read as Latin-1 (mojibake)"
    if doc.expect == "fail":
        # Readable as bytes, but there is nothing to read: the extract stage must say so.
        assert got["text_status"] != "ok" or not got["text"].strip(), f"{doc.name} ({doc.why}) gave text {got['text'][:80]!r}"


# ------------------------------------------------------------------ the CLI over all of them


def test_run_finishes_and_exit_status_says_some_failed(run):
    result, outputs, _ = run
    assert result.returncode == 1, result.stderr[-3000:]
    assert "Traceback" not in result.stderr, result.stderr[-5000:]
    readable = [d.stem for d in DOCS if d.expect == "read"]
    assert set(readable) <= set(outputs), f"not read: {sorted(set(readable) - set(outputs))}"


@pytest.mark.parametrize("doc", [d for d in DOCS if d.expect == "fail"], ids=lambda d: d.name)
def test_bad_file_gives_one_clear_error(doc, run):
    result, outputs, errors = run
    assert doc.stem not in outputs, f"{doc.name} ({doc.why}) was read as if fine: {outputs.get(doc.stem)}"
    # One line names the file and says why (libraries may add their own warnings about it).
    said = [line for line in result.stderr.split("\n") if doc.name in line and re.search(doc.reason or ".", line, re.I)]
    assert len(said) == 1, f"{doc.name}: expected one error line saying {doc.reason!r}, got {said}"
    recorded = errors_for(errors, doc.name)
    assert len(recorded) == 1, f"{doc.name}: expected one row in the errors table, got {recorded}"
    assert recorded[0]["reason"] and recorded[0]["stage"]
    if doc.reason:
        assert re.search(doc.reason, recorded[0]["reason"] + " " + (recorded[0]["detail"] or ""), re.I), recorded[0]


@pytest.mark.parametrize("doc", [d for d in DOCS if d.expect in ("read", "survive")], ids=lambda d: d.name)
def test_hostile_but_readable_file_is_read_right(doc, run, written):
    result, outputs, errors = run
    recorded = errors_for(errors, doc.name)
    if doc.expect == "survive":
        assert (doc.stem in outputs) != bool(recorded), f"{doc.name}: read and failed at once, or neither: {recorded}"
        if doc.stem not in outputs:
            assert len(recorded) == 1
            return
    assert doc.stem in outputs, f"{doc.name} ({doc.why}) not read; errors: {recorded}; stderr: {result.stderr[-2000:]}"
    assert not recorded, f"{doc.name} read but also recorded as failed: {recorded}"
    facts = outputs[doc.stem]
    text = read_path(written[doc.name])["text"]
    for fact in facts:
        assert_fact_well_formed(fact, text)
    found = {(f["measure"], f["value"]) for f in facts}
    for measure, value in doc.facts:
        assert (measure, float(value)) in {(m, float(v)) for m, v in found if v is not None}, (
            f"{doc.name} ({doc.why}): {measure} {value} not read; read {sorted(found, key=str)}"
        )
    for value in doc.forbidden_values:
        assert value not in {v for _, v in found}, f"{doc.name}: read {value}, a piece of a number ({doc.why})"


def assert_fact_well_formed(fact: dict, text: str) -> None:
    for key in ("value", "value_max"):
        if fact.get(key) is not None:
            assert isinstance(fact[key], (int, float)) and math.isfinite(fact[key]), fact
    if fact.get("sentence_start") is not None:
        assert 0 <= fact["sentence_start"] <= fact["sentence_end"] <= len(text)
        assert text[fact["sentence_start"] : fact["sentence_end"]] == fact["sentence"]
    if fact.get("figure_start") is not None:
        assert 0 <= fact["figure_start"] <= fact["figure_end"] <= len(text)
        assert text[fact["figure_start"] : fact["figure_end"]] == fact["figure"]
        if fact.get("sentence_start") is not None:
            assert fact["sentence_start"] <= fact["figure_start"] and fact["figure_end"] <= fact["sentence_end"]


def test_absurd_numbers_are_not_invented(run):
    """10^400, 1e400, NaN and £99999999999999999999bn: no infinity, no NaN, no overflow; the
    sane figure beside them is still read."""
    _, outputs, _ = run
    facts = outputs["absurd_numbers"]
    assert ("job_cuts", 64.0) in {(f["measure"], float(f["value"])) for f in facts if f["value"] is not None}
    for f in facts:
        if f["value"] is not None:
            assert math.isfinite(f["value"]) and abs(f["value"]) < 1e300, f


def test_a_failure_does_not_hide_the_files_after_it(written, tmp_path):
    """Order does not matter: the good file after a run of bad ones is still read."""
    order = [written[n] for n in ("encrypted_pdf.pdf", "empty_txt.txt", "image_only_pdf.pdf", "png_as_html.html", "good_txt.txt")]
    result = cli("extract", *order, "--jsonl", "--db", tmp_path / "t.db")
    assert result.returncode == 1
    docs = [strict_json(line)["doc"] for line in result.stdout.split("\n") if line.strip()]
    assert docs == ["good_txt"]


def test_all_good_files_exit_zero_and_read_the_same_twice(written, tmp_path):
    good = [written[n] for n in ("good_txt.txt", "good_html.html", "good_pdf.pdf", "absurd_numbers.txt", "unicode_spaces.txt")]
    result = cli("extract", *good, "--jsonl", "--all", "--db", tmp_path / "t.db")
    assert result.returncode == 0, result.stderr[-2000:]
    assert len([line for line in result.stdout.split("\n") if line.strip()]) == len(good)
    again = cli("extract", *good, "--jsonl", "--all", "--db", tmp_path / "t.db")
    assert again.stdout == result.stdout, "the same files read twice gave different facts"
