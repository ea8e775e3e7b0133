"""The issue's "done when", in Chromium against a real `datasette serve` of the fixture database:
find every unallocated-cases figure about one council, open a fact and its document, see the
council's charts drawn, subscribe to its feed, download its figures as CSV.
"""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

ATOM = "{http://www.w3.org/2005/Atom}"
COUNCIL = "North Northamptonshire"


def test_search_to_fact_to_document(site_page, server):
    page = site_page
    page.goto(server + "/-/search")  # the search of every table covers figures and documents (the home page's box asks /find)
    page.fill("#search-all-q", "unallocated")
    page.click("form.core input[type=submit]")
    # the results for figures, then all of them in the labelled view
    heading = page.locator("#search-all-results h2", has_text="in councilfacts: facts").locator("a")
    expect(heading).to_have_text("4 results")
    heading.click()
    expect(page).to_have_url(re.compile(r"/councilfacts/facts_view\?_search=unallocated"))
    # narrow to one council with the body facet
    page.locator(".facet-info[data-column=body] a", has_text=COUNCIL).click()
    rows = page.locator("table.rows-and-columns tbody tr")
    expect(rows).to_have_count(3)
    expect(page.locator("table.rows-and-columns tbody td.col-measure")).to_have_text(["unallocated_cases"] * 3)
    # open one figure: the sentence with the figure marked, and where it came from
    rows.first.locator("td.col-fact a").click()
    expect(page.locator("#fact-sentence mark")).to_have_count(1)
    mark = page.locator("#fact-sentence mark").inner_text()
    expect(page.locator("#fact-sentence")).to_contain_text(f"There were {mark} children in need without an allocated social worker")
    expect(page.locator("#source-link")).to_have_attribute("href", re.compile(r"^http://127\.0\.0\.1/news/"))
    # follow to the document
    page.click("#document-link")
    expect(page.locator("h1")).to_contain_text("Unallocated cases update")
    expect(page.locator("#document-text")).to_contain_text(f"There were {mark} children")
    assert not page.js_errors


def test_council_page_draws_a_chart_for_each_measure_and_points_link_to_facts(site_page, server):
    page = site_page
    page.goto(server + "/council")
    page.click(f"text={COUNCIL}")
    expect(page.locator("h1")).to_contain_text(COUNCIL)
    card = page.locator("section.council-card[data-measure=unallocated_cases]")
    points = card.locator("svg.marks g.mark-symbol.role-mark path")
    expect(points).to_have_count(3)  # one point per figure, drawn by Vega as SVG
    assert page.locator("section.council-card svg.marks").count() == 4  # unallocated, caseload, job cuts, funding cut
    points.first.click(force=True)
    expect(page).to_have_url(re.compile(r"/councilfacts/facts/[0-9a-f]{16}$"))
    expect(page.locator("#fact-sentence mark")).to_have_text("152")
    assert not page.js_errors


def test_dashboard_draws_the_timeline(site_page, server):
    page = site_page
    page.goto(server + "/-/dashboards/council?council=" + COUNCIL.replace(" ", "+"))
    # datasette-dashboards draws with Vega (SVG here): one point per figure of the council
    points = page.locator("#chart-timeline svg.marks g.mark-symbol.role-mark path")
    expect(points).to_have_count(8)
    expect(page.locator("#chart-facts-count")).to_contain_text("8")
    assert not page.js_errors


def test_subscribe_to_the_council_feed_and_download_its_csv(site_page, server):
    page = site_page
    page.goto(server + "/council/E06000061")
    feed_href = page.locator("#council-feed").get_attribute("href")
    response = page.request.get(server + feed_href)
    assert response.ok
    root = ET.fromstring(response.body())
    entries = root.findall(f"{ATOM}entry")
    assert root.tag == f"{ATOM}feed" and len(entries) == 8
    assert root.find(f"{ATOM}title").text == f"{COUNCIL}: new figures — councilfacts"
    assert page.locator("link[rel=alternate][type='application/atom+xml']").get_attribute("href") == feed_href
    assert all(e.find(f"{ATOM}title").text.startswith(COUNCIL + ": ") for e in entries)

    csv_href = page.locator("#council-csv").get_attribute("href")
    response = page.request.get(server + csv_href)
    assert response.ok
    rows = list(csv.DictReader(io.StringIO(response.text())))
    assert len(rows) == 8 and {r["body"] for r in rows} == {COUNCIL}
    assert {"fact", "measure", "value", "unit", "sentence", "document_title", "url"} <= set(rows[0])
    assert sorted(float(r["value"]) for r in rows if r["measure"] == "unallocated_cases") == [61, 98, 152]


def test_source_markup_never_runs(site_page, server):
    page = site_page
    page.goto(server + "/councilfacts/facts_view?body=Derbyshire&measure=unallocated_cases")
    page.locator("td.col-fact a").first.click()
    expect(page.locator("#fact-sentence mark")).to_have_text("40")
    expect(page.locator("#fact-sentence")).to_contain_text('<script>document.title="pwned"</script>')
    page.click("#document-link")
    expect(page.locator("h1")).to_contain_text("Hostile <b>title</b>")
    assert page.evaluate("() => window.pwned") is None
    assert page.title() != "pwned"


def test_stored_copy_of_a_web_page_is_shown_as_source_never_run(site_page, server):
    page = site_page
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(server + "/councilfacts/facts_view?body=Derbyshire&measure=unallocated_cases")
    page.locator("td.col-fact a").first.click()
    page.click("#document-link")
    href = page.locator("#stored-copy-link").get_attribute("href")
    assert re.fullmatch(r"/-/stored/[0-9a-f]{16}", href)
    response = page.goto(server + href)
    assert response.headers["content-type"].startswith("text/plain")
    assert re.search(r'filename="[0-9a-f]{16}\.html"', response.headers["content-disposition"])
    expect(page.locator("body")).to_contain_text("<html><script>alert(1)</script></html>")
    assert page.locator("script").count() == 0
    assert not dialogs


def test_stored_copy_of_a_pdf_is_a_named_pdf(site_page, server):
    page = site_page
    page.goto(server + "/councilfacts/documents_view?kind=committee_paper")
    page.locator("td.col-document a").first.click()
    href = page.locator("#stored-copy-link").get_attribute("href")
    response = page.request.get(server + href)
    assert response.ok and response.body().startswith(b"%PDF")
    assert response.headers["content-type"] == "application/pdf"
    assert re.fullmatch(r'inline; filename="[0-9a-f]{16}\.pdf"', response.headers["content-disposition"])
