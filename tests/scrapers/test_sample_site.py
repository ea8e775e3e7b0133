"""All spiders against the bundled sample site (SAMPLE DATA) over HTTP on 127.0.0.1:
documents of every kind with their metadata, the Ofsted trap refused, the ModernGov HTML
fallback used where the web service is missing, and a re-crawl that fetches nothing new."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

sample_site = pytest.importorskip("councilfacts.sample_site", reason="the sample site (pipelines/sample_site.py) is not there yet")


def crawl(db, base, *names):
    argv = [sys.executable, "-m", "councilfacts.crawl", "--db", str(db), "--sample-base", base, "--set", "LOG_LEVEL=WARNING"]
    for name in names:
        argv += ["--source", name]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    from councilfacts import db as store

    server, base = sample_site.serve(port=0)
    path = tmp_path_factory.mktemp("sample") / "cf.db"
    try:
        first = crawl(path, base)
        first_log = list(server.request_log)
        server.request_log.clear()
        before = sorted((r["id"], r["content_hash"]) for r in store.connect(path)["documents"].rows)
        second = crawl(path, base)
        second_log = list(server.request_log)
    finally:
        server.shutdown()
    return {"db": store.connect(path), "first": first, "second": second, "first_log": first_log, "second_log": second_log, "before": before}


def docs(run, **where):
    rows = list(run["db"]["documents"].rows)
    return [r for r in rows if all(r[k] == v for k, v in where.items())]


def test_every_kind_is_collected(run):
    kinds = {r["kind"] for r in docs(run)}
    assert kinds == {"news", "committee_paper", "ofsted_report"}
    assert run["first"]["missing"] >= 1  # the Ofsted "report not found" page
    assert run["first"]["error"] == 0


def test_news_articles_have_dates_and_titles(run):
    news = docs(run, kind="news")
    assert len(news) >= 8
    assert all(r["published"] and r["title"] and r["text"] for r in news)
    assert not any("/private/" in r["url"] for r in docs(run))  # robots.txt obeyed


def test_committee_papers_keep_committee_meeting_and_item(run):
    papers = docs(run, kind="committee_paper")
    assert papers and all(r["committee"] and r["meeting_date"] for r in papers)
    assert all(r["item_title"] for r in papers if r["spider"] == "moderngov")  # CMIS lists papers, not items
    assert all(r["page_starts"] and r["n_pages"] >= 1 for r in papers)
    vias = {json.loads(r["meta"])["via"] for r in papers}
    assert vias == {"mgWebService", "html", "cmis"}  # moderngov2 has no web service: HTML fallback


def test_cmis_papers_come_from_the_meetings_calendar(run):
    papers = docs(run, spider="cmis")
    assert sorted((r["committee"], r["meeting_date"]) for r in papers) == [
        ("Cabinet", "2022-03-15"), ("Children and Young People Policy and Scrutiny Committee", "2021-11-10")]
    assert all(r["council_code"] == "E10000012" and r["content_type"] == "application/pdf" for r in papers)
    # the cancelled meeting's page was read, and nothing taken from it
    assert any("/Meeting/5203/" in path for _, path, _ in run["first_log"])


def test_ofsted_trap_is_refused_and_judgements_kept(run):
    reports = docs(run, kind="ofsted_report")
    assert reports and all(r["content_type"] == "application/pdf" for r in reports)
    errors = list(run["db"]["errors"].rows)
    assert any("ofsted/files" in e["target"] and "got text/html" in e["reason"] and e["severity"] == "missing" for e in errors)
    judged = [json.loads(r["meta"]).get("judgements") for r in reports]
    grades = {j["grade"] for js in judged if js for j in js}
    assert grades <= {"outstanding", "good", "requires improvement", "inadequate"} and grades
    assert all(j["date"] for js in judged if js for j in js)


def test_second_crawl_fetches_nothing_new_and_stores_nothing_twice(run):
    assert [r for r in run["second_log"] if r[2] == 200] == []
    assert any(r[2] == 304 for r in run["second_log"]) or not run["second_log"]
    assert run["second"]["new"] == run["second"]["changed"] == 0
    after = sorted((r["id"], r["content_hash"]) for r in run["db"]["documents"].rows)
    assert after == run["before"]
