"""`councilfacts crawl --council NAME` on the sample site: every kind of source a council has."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

COUNCILFACTS = shutil.which("councilfacts", path=str(Path(sys.executable).parent))


def crawl(tmp_path, *args):
    db = tmp_path / "cf.db"
    done = subprocess.run([COUNCILFACTS, "crawl", "--sample", "--db", str(db), *args], capture_output=True, text=True, timeout=300)
    return done, db


def rows(db, sql):
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


@pytest.fixture(scope="module")
def essex(tmp_path_factory):
    done, db = crawl(tmp_path_factory.mktemp("essex"), "--council", "Essex")
    assert done.returncode == 0, done.stderr[-3000:]
    return db


def test_one_council_through_every_kind_of_source(essex):
    by_source = dict(rows(essex, "select source, group_concat(distinct spider) from documents group by source"))
    assert by_source == {"sample-moderngov2": "moderngov", "sample-cmis": "cmis", "sample-ofsted-essex": "ofsted", "sample-news": "news"}
    kinds = {k for (k,) in rows(essex, "select distinct kind from documents")}
    assert kinds == {"committee_paper", "ofsted_report", "news"}
    # papers and reports are about Essex; the gazette's stories carry no council of their own
    stamped = rows(essex, "select distinct council_code from documents where kind != 'news'")
    assert stamped == [("E10000012",)]
    assert rows(essex, "select distinct council_code from documents where kind = 'news'") == [(None,)]
    reports = [json.loads(m) for (m,) in rows(essex, "select meta from documents where source = 'sample-ofsted-essex'")]
    assert sorted(r["report_type"] for r in reports) == ["[SAMPLE] Children's services focused visit", "[SAMPLE] Children's services inspection"]
    assert rows(essex, "select count(*) from errors where severity = 'error'") == [(0,)]


def test_a_successor_brings_in_the_council_it_replaced(tmp_path):
    done, db = crawl(tmp_path, "--council", "North Northants")
    assert done.returncode == 0, done.stderr[-3000:]
    sources = {s for (s,) in rows(db, "select distinct source from documents")}
    # its own Ofsted page, and the abolished county council's papers and Ofsted page
    assert sources == {"sample-ofsted", "sample-moderngov", "sample-ofsted-northamptonshire", "sample-news"}


def test_an_ambiguous_or_unknown_council_is_refused_before_any_crawl(tmp_path):
    done, db = crawl(tmp_path, "--council", "Sussex")
    assert done.returncode == 2 and "several councils" in done.stderr and "West Sussex County Council" in done.stderr
    done, db = crawl(tmp_path, "--council", "Rutland")
    assert done.returncode == 2 and "no sample source is about Rutland" in done.stderr
    assert not db.exists()
