"""Item pipelines: schema validation, reading by content, keyword filter, storing once."""

from __future__ import annotations

import json

import pytest
from scrapy.utils.test import get_crawler

from councilfacts import db as store
from councilfacts.scrapers.items import DocumentItem, canonical, field_errors, item_id
from councilfacts.scrapers.pipelines import KeywordPipeline, ReadPipeline, StorePipeline, ValidatePipeline, keyword_pattern
from councilfacts.scrapers.spiders.news import NewsSpider

from councilfacts.documents import DOCX

from .conftest import FILES, docx, scanned_pdf, text_pdf, xlsx_like


def make_item(**over) -> DocumentItem:
    base = dict(
        url="https://democracy.example.gov.uk/documents/s1/Report.pdf",
        source="test",
        spider="moderngov",
        kind="committee_paper",
        council="Shire Council",
        council_code="E07000001",
        committee="Cabinet",
        meeting_date="2026-02-10",
        item_title="Budget",
        title="Budget report",
        fetched_at="2026-11-20T10:00:00+00:00",
        http_status=200,
        declared_type="application/pdf",
        body=text_pdf(["The council will cut 64 jobs to save money.", "Page two: 12 agency staff."]),
        expect=["application/pdf"],
        keywords=[],
        meta={"agenda_item": "7."},
    )
    base.update(over)
    return DocumentItem(**base)


@pytest.fixture
def chain(tmp_path):
    crawler = get_crawler(NewsSpider, {"COUNCILFACTS_DB": str(tmp_path / "p.db")})
    stages = [cls.from_crawler(crawler) for cls in (ValidatePipeline, ReadPipeline, KeywordPipeline, StorePipeline)]
    for stage in stages:
        stage.open_spider()

    def run(item):
        for stage in stages:
            item = stage.process_item(item)
        return item

    run.db = store.connect(tmp_path / "p.db")
    run.stats = crawler.stats
    yield run
    for stage in stages:
        stage.close_spider()


# -- schema -----------------------------------------------------------------------------

def test_valid_item_has_no_errors():
    assert field_errors(make_item()) == {}


@pytest.mark.parametrize(
    "field,value",
    [("url", "ftp://x"), ("kind", "blog"), ("council_code", "Shire"), ("meeting_date", "10/02/2026"), ("http_status", "200"), ("source", None)],
)
def test_schema_rejects(field, value):
    assert field in field_errors(make_item(**{field: value}))


def test_item_id_is_stable_over_query_order_and_fragment():
    a = item_id({"url": "https://x.gov.uk/mgConvert2PDF.aspx?ID=1&T=2#page=3"})
    b = item_id({"url": "https://x.gov.uk/mgConvert2PDF.aspx?T=2&ID=1"})
    assert a == b == store.document_id(canonical("https://x.gov.uk/mgConvert2PDF.aspx?ID=1&T=2"))


# -- chain ------------------------------------------------------------------------------

def test_pdf_is_stored_with_pages_and_provenance(chain):
    item = chain(make_item())
    assert item["outcome"] == "new" and item["body"] is None
    row = chain.db["documents"].get(item_id(item))
    assert json.loads(row["page_starts"])[0] == 0 and row["n_pages"] == 2
    assert (row["committee"], row["meeting_date"], row["item_title"]) == ("Cabinet", "2026-02-10", "Budget")
    assert (row["content_type"], row["http_status"], row["source"]) == ("application/pdf", 200, "test")
    assert json.loads(row["meta"]) == {"agenda_item": "7."}
    assert chain.db["document_raw"].get(row["id"])["body"].startswith(b"%PDF")


def test_same_body_again_is_unchanged_and_not_reread(chain):
    chain(make_item())
    again = chain(make_item(fetched_at="2026-11-21T10:00:00+00:00"))
    assert again["outcome"] == "unchanged" and again.get("doc") is None
    assert chain.db["documents"].count == 1


def test_same_body_at_another_url_is_a_duplicate(chain):
    chain(make_item())
    other = chain(make_item(url="https://democracy.example.gov.uk/mgConvert2PDF.aspx?ID=9"))
    assert other["outcome"] == "duplicate" and chain.db["documents"].count == 1


def test_changed_body_is_stored_again(chain):
    chain(make_item())
    changed = chain(make_item(body=text_pdf(["The council will cut 80 jobs."])))
    assert changed["outcome"] == "changed"
    assert "80 jobs" in chain.db["documents"].get(item_id(changed))["text"]


def test_html_where_a_pdf_was_expected_is_an_error_naming_the_page(chain):
    trap = b"<!DOCTYPE html><html><head><title>Report not found - Ofsted</title></head><body>Sorry</body></html>"
    item = chain(make_item(body=trap, kind="ofsted_report", spider="ofsted"))
    assert item["outcome"] == "missing" and chain.db["documents"].count == 0
    (error,) = chain.db["errors"].rows
    assert error["target"] == item["url"] and "got text/html" in error["reason"] and "Report not found" in error["reason"]
    assert error["severity"] == "missing"  # the source says there is no report: recorded, not a failed run


def test_spreadsheet_where_a_paper_was_expected_is_an_error(chain):
    item = chain(make_item(body=xlsx_like()))
    assert item["outcome"] == "error"
    assert next(iter(chain.db["errors"].rows))["severity"] == "error"
    assert "application/zip" in next(iter(chain.db["errors"].rows))["reason"]


def test_word_paper_is_read_and_stored(chain):
    item = chain(make_item(body=docx(["Budget report", "The council will cut 64 jobs."]), expect=["application/pdf", DOCX]))
    row = chain.db["documents"].get(item_id(item))
    assert (row["content_type"], row["text"]) == (DOCX, "Budget report\nThe council will cut 64 jobs.")


def test_scanned_pdf_is_stored_as_no_text_layer(chain):
    item = chain(make_item(body=scanned_pdf(2)))
    row = chain.db["documents"].get(item_id(item))
    assert (row["text_status"], row["text"], row["n_pages"]) == ("no_text_layer", "", 2)
    assert chain.stats.get_value("councilfacts/no_text_layer") == 1


def test_invalid_item_is_recorded_not_stored(chain):
    item = chain(make_item(kind="blog"))
    assert item["outcome"] == "invalid" and chain.db["documents"].count == 0
    assert "kind" in next(iter(chain.db["errors"].rows))["reason"]


def test_keyword_filter_keeps_matching(chain):
    assert chain(make_item(keywords=["agency staff"]))["outcome"] == "new"


def test_keyword_filter_drops_others(chain):
    assert chain(make_item(keywords=["libraries"]))["outcome"] == "filtered"
    assert chain.db["documents"].count == 0


def test_news_article_takes_page_metadata(chain):
    url = "https://www.manchestereveningnews.co.uk/news/greater-manchester-news/council-cut-64-jobs-faces-30312345?utm_source=rss"
    item = chain(make_item(url=url, spider="news", kind="news", body=(FILES / "news" / "article.html").read_bytes(),
                           expect=["text/html"], title="Feed title", committee=None, meeting_date=None, item_title=None))
    row = chain.db["documents"].get(item_id(item))
    assert row["canonical_url"] == canonical(url.split("?")[0])  # the page's canonical link
    assert (row["title"], row["published"], row["author"]) == ("Council to cut 64 jobs as it faces £12m gap", "2026-11-17", "Jane Reporter")


@pytest.mark.parametrize(
    "keyword,text,hit",
    [
        ("social worker*", "two social workers left", True),
        ("cuts", "budget cuts", True),
        ("cut", "a cutting remark", False),
        ("agency staff", "agency\nstaff", True),
        ("Ofsted", "OFSTED said", True),
    ],
)
def test_keyword_pattern(keyword, text, hit):
    assert bool(keyword_pattern(keyword).search(text)) is hit
