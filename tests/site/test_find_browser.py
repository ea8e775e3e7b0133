"""A journalist types questions into the home page's box, in Chromium against `datasette serve`
of the real sample database, and reads the figures /find shows: every figure of that council
and measure (counted in the database), each marked in its sentence, each linked."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
import sqlite_utils
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def ask(page, base, question):
    page.goto(base + "/")
    page.fill("#find-q", question)
    page.press("#find-q", "Enter")
    expect(page).to_have_url(re.compile(r"/find\?q="))


def expected(sample_db, name, measure):
    """Figures of that council and measure, and of its successors, with how the site writes them."""
    db = sqlite_utils.Database(sample_db)
    code, replaced_by = db.execute("select code, replaced_by from bodies where name = ?", [name]).fetchone()
    codes = [code, *[c for c in (replaced_by or "").split("|") if c]]
    rows = db.execute(
        "select fact, body_code, value_text from facts_view where measure = ? and body_code in (select value from json_each(?))",
        [measure, json.dumps(codes)],
    ).fetchall()
    return code, rows


@pytest.mark.parametrize(
    "question,council,measure",
    [
        ("unallocated cases in Northamptonshire", "Northamptonshire County Council", "unallocated_cases"),
        ("agency staff Northants", "Northamptonshire County Council", "agency_staff"),
        ("how many children in care in Birmingham", "Birmingham City Council", "children_in_care"),
        ("Essex social worker caseloads", "Essex County Council", "caseload"),
    ],
)
def test_a_question_typed_on_the_home_page_shows_the_councils_figures(site_page, sample_server, sample_db, question, council, measure):
    page = site_page
    code, rows = expected(sample_db, council, measure)
    assert any(r[1] == code for r in rows)
    ask(page, sample_server, question)
    expect(page.locator("#find-understood")).to_contain_text(council)
    facts = page.locator("tr.find-fact")
    expect(facts).to_have_count(len(rows))
    shown = {facts.nth(i).get_attribute("data-fact"): facts.nth(i).locator("td.value").inner_text() for i in range(len(rows))}
    assert shown == {fact: value_text for fact, _, value_text in rows}
    # the council's own figures come first, under its name, linked to its page
    first = page.locator("section.find-council").first
    expect(first).to_have_attribute("data-code", code)
    expect(first.locator("h2 a.council-link")).to_have_attribute("href", f"/council/{code}")
    expect(page.locator("tr.find-fact td.sentence mark")).to_have_count(len(rows))
    assert not page.js_errors


def test_from_a_result_to_its_figure_and_back_to_a_wider_question(site_page, sample_server, sample_db):
    page = site_page
    ask(page, sample_server, "unallocated cases in Northamptonshire")
    expect(page.locator("#find-understood")).to_contain_text("Unallocated cases · Northamptonshire County Council · all years")
    mark = page.locator("tr.find-fact td.sentence mark").first.inner_text()
    # the shared URL gives the same page
    url = page.url
    page.goto(url)
    expect(page.locator("#find-q")).to_have_value("unallocated cases in Northamptonshire")
    # the CSV holds the figures shown
    rows = list(csv.DictReader(io.StringIO(page.request.get(sample_server + page.locator("#find-csv").get_attribute("href")).text())))
    expect(page.locator("tr.find-fact")).to_have_count(len(rows))
    # open the first figure: its page marks the same figure
    page.locator("tr.find-fact a.fact-link").first.click()
    expect(page.locator("#fact-sentence mark")).to_have_text(mark)
    # back, and drop the council: every unallocated-cases figure in the sample
    page.go_back()
    page.locator("#find-understood .part[data-kind=council] a.drop").click()
    total = sqlite_utils.Database(sample_db).execute("select count(*) from facts where measure = 'unallocated_cases'").fetchone()[0]
    expect(page.locator("tr.find-fact")).to_have_count(total)
    expect(page.locator("#find-q")).to_have_value("unallocated cases in")
    assert not page.js_errors


def test_a_name_of_several_councils_asks_which(site_page, sample_server):
    page = site_page
    ask(page, sample_server, "caseloads Sussex")
    expect(page.locator(".find-choice h2")).to_have_text("Which council do you mean by “Sussex”?")
    page.locator(".find-choice a", has_text="West Sussex County Council").click()
    expect(page.locator("#find-understood")).to_contain_text("Caseload · West Sussex County Council")
    assert not page.js_errors


def test_a_question_with_nothing_recognised_says_it_is_a_plain_search(site_page, sample_server):
    page = site_page
    ask(page, sample_server, "foster carers")
    expect(page.locator("#find-plain")).to_contain_text("plain full-text search")
    expect(page.locator("tr.find-fact").first).to_contain_text("foster", ignore_case=True)
