"""Issue 6's "done when", on the real sample database (the bundled sample site crawled and read
by the pipeline, not a hand-built fixture), in Chromium against `datasette serve`:

a person who has never seen the project finds every figure about unallocated cases in one
council, sees that council's timeline chart, subscribes to its feed and downloads the
facts as CSV.
"""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET

import pytest
import sqlite_utils
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

ATOM = "{http://www.w3.org/2005/Atom}"
MEASURE = "unallocated_cases"


@pytest.fixture(scope="module")
def council(sample_db):
    """The sample council with the most unallocated-cases figures, and what the database says about it."""
    db = sqlite_utils.Database(sample_db)
    row = db.execute(
        "select body, body_code, count(*) from facts where measure = ? and body_code is not null"
        " group by body, body_code order by count(*) desc limit 1",
        [MEASURE],
    ).fetchone()
    assert row and row[2] >= 3, "the sample site has a council with several unallocated-cases figures"
    body, code, n = row
    return {
        "body": body,
        "code": code,
        "unallocated": n,
        "claims": db.execute("select count(*) from claims where body = ? and measure = ? and date is not null", [body, MEASURE]).fetchone()[0],
        "facts": db.execute("select count(*) from facts where body = ? and measure != 'other'", [body]).fetchone()[0],
        "measures": db.execute("select count(distinct measure) from facts where body = ? and measure != 'other'", [body]).fetchone()[0],
        "label": db.execute("select label from measures where id = ?", [MEASURE]).fetchone()[0],
        "nice_name": db.execute("select nice_name from bodies where code = ?", [code]).fetchone()[0],
    }


def test_find_every_unallocated_figure_about_one_council(site_page, sample_server, council):
    page = site_page
    page.goto(sample_server + "/-/search")  # the home page's box asks /find (tests/site/test_find_browser.py)
    page.fill("#search-all-q", "unallocated")
    page.click("form.core input[type=submit]")
    page.locator("#search-all-results h2", has_text="in councilfacts: facts").locator("a").click()
    expect(page).to_have_url(re.compile(r"/councilfacts/facts_view\?_search=unallocated"))
    page.locator(".facet-info[data-column=body] a", has_text=council["body"]).first.click()
    page.locator(".facet-info[data-column=measure_label] a", has_text=council["label"]).first.click()
    rows = page.locator("table.rows-and-columns tbody tr")
    expect(rows).to_have_count(council["unallocated"])
    expect(page.locator("table.rows-and-columns tbody td.col-measure")).to_have_text([MEASURE] * council["unallocated"])
    # each figure opens on its sentence, with the figure marked and the source linked
    rows.first.locator("td.col-fact a").click()
    expect(page.locator("#fact-sentence mark")).to_have_count(1)
    expect(page.locator("#source-link")).to_have_attribute("href", re.compile(r"^http://127\.0\.0\.1:\d+/"))
    assert not page.js_errors


def test_timeline_chart_feed_and_csv_of_that_council(site_page, sample_server, council):
    page = site_page
    # from a figure in the table to its council's page
    page.goto(sample_server + f"/councilfacts/facts_view?measure={MEASURE}&body_code={council['code']}")
    page.locator("td.col-body a").first.click()
    expect(page).to_have_url(re.compile(rf"/council/{council['code']}$"))
    expect(page.locator("h1")).to_contain_text(council["body"])
    expect(page.locator("main, body").first).to_contain_text(
        f"{council['facts']} figures about {council['body']} across {council['measures']} measures"
    )
    # the timeline chart for unallocated cases, one point per claim (its figures as their sources agree), drawn by Vega
    card = page.locator(f"section.council-card[data-measure={MEASURE}]")
    expect(card.locator("svg.marks g.mark-symbol.role-mark path")).to_have_count(council["claims"])

    # subscribe: the feed for this measure is valid Atom, titled for people, with every figure
    feed_href = card.locator("a", has_text="feed").get_attribute("href")
    assert "_feed_title" not in feed_href
    response = page.request.get(sample_server + feed_href)
    assert response.ok
    root = ET.fromstring(response.body())
    entries = root.findall(f"{ATOM}entry")
    assert root.tag == f"{ATOM}feed" and len(entries) == council["unallocated"]
    assert root.find(f"{ATOM}title").text == f"{council['body']}: {council['label']} — councilfacts"
    for entry in entries:
        assert entry.find(f"{ATOM}title").text.startswith(council["body"] + ": ")
        assert entry.find(f"{ATOM}link").get("href").startswith("/councilfacts/facts/")
    # and the council's feed of every measure, as the page advertises it to feed readers
    council_feed = page.locator("#council-feed").get_attribute("href")
    assert page.locator("link[rel=alternate][type='application/atom+xml']").get_attribute("href") == council_feed
    root = ET.fromstring(page.request.get(sample_server + council_feed).body())
    assert len(root.findall(f"{ATOM}entry")) == min(council["facts"], 100)

    # download the council's figures as CSV
    with page.expect_download() as download_info:
        page.evaluate("href => { const a = document.createElement('a'); a.href = href; a.download = ''; document.body.appendChild(a); a.click(); }",
                      page.locator("#council-csv").get_attribute("href"))
    text = open(download_info.value.path(), encoding="utf-8").read()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == council["facts"] and {r["body"] for r in rows} == {council["body"]}
    assert {"fact", "measure", "value", "unit", "sentence", "document_title", "url"} <= set(rows[0])
    assert sum(r["measure"] == MEASURE for r in rows) == council["unallocated"]
    assert not page.js_errors


def test_the_council_by_the_name_people_write(site_page, sample_server, council):
    page = site_page
    # the timeline query's own example: a short name, not the gazetteer's official one
    page.goto(sample_server + f"/councilfacts/council_timeline?council={council['nice_name']}&measure={MEASURE}")
    expect(page.locator("table.rows-and-columns tbody tr")).to_have_count(council["unallocated"])
    page.goto(sample_server + f"/council/{council['nice_name']}")
    expect(page.locator("h1")).to_contain_text(council["body"])
    assert not page.js_errors


def test_sample_council_pages_name_successors(site_page, sample_server, sample_db):
    """Northamptonshire County Council, abolished in 2021: its successors by name, linked."""
    db = sqlite_utils.Database(sample_db)
    if not db.execute("select count(*) from facts where body_code = 'E10000021'").fetchone()[0]:
        pytest.skip("the sample has no figures about Northamptonshire County Council")
    page = site_page
    page.goto(sample_server + "/council/Northants")
    successors = page.locator("#council-successors a")
    expect(successors).to_have_text(["North Northamptonshire Council", "West Northamptonshire Council"])
    successors.first.click()
    expect(page).to_have_url(re.compile(r"/council/E06000061$"))
    expect(page.locator("h1")).to_contain_text("North Northamptonshire Council")
    page.goto(sample_server + "/council/Essex")
    expect(page.locator("h1")).to_contain_text("Essex County Council")
