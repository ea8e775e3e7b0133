"""Claims on the site, in Chromium against `datasette serve` of the real sample database: the
council page's table of latest claims and its charts on one time axis, the conflicts page,
a fact's page saying who reports it, and the ranking of councils for a year."""

from __future__ import annotations

import json
import re

import pytest
import sqlite_utils
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

NCC = "E10000021"
RED = "#c0392b"


def test_council_page_opens_with_the_latest_claim_of_each_measure(site_page, sample_server, sample_db):
    db = sqlite_utils.Database(sample_db)
    page = site_page
    page.goto(sample_server + "/council/Northants")
    table = page.locator("#council-latest")
    groups = db.execute("select count(distinct group_key) from claims where body_code = ?", [NCC]).fetchone()[0]
    expect(table.locator("tbody tr")).to_have_count(groups)
    # the latest unallocated-cases figure is Ofsted's monitoring visit in April 2020: 31 children
    row = table.locator("tr[data-measure=unallocated_cases]")
    expect(row.locator(".latest-value")).to_have_text("31 children")
    expect(row.locator(".latest-date")).to_have_text("2020-04-02")
    expect(row.locator(".latest-sources")).to_contain_text("1 source")
    expect(row.locator(".latest-conflict")).to_have_text("")
    # vacant posts: the workforce plan's 82, repeated by a story — two sources, two kinds
    posts = table.locator("tr[data-measure=vacancies]", has_text="82 posts")
    expect(posts.locator(".latest-sources")).to_have_text(re.compile(r"2 sources\s+\(council paper, news\)"))
    # the figure links to its fact page, which lists every source
    posts.locator(".latest-value a").click()
    expect(page.locator("#claim-summary")).to_contain_text("Reported by 2 sources, first on 10 December 2019 in")
    expect(page.locator("#claim-sources li")).to_have_count(2)
    assert not page.js_errors


def test_council_charts_share_one_time_axis_and_draw_a_point_per_claim(site_page, sample_server, sample_db):
    db = sqlite_utils.Database(sample_db)
    page = site_page
    page.goto(sample_server + f"/council/{NCC}")
    specs = [json.loads(t) for t in page.locator("script[id$='-spec']").all_text_contents()]
    assert len(specs) == db.execute("select count(distinct group_key) from claims where body_code = ?", [NCC]).fetchone()[0]
    domains = {json.dumps(s["encoding"]["x"]["scale"]["domain"]) for s in specs}
    assert len(domains) == 1  # every chart on the same time axis
    first, last = db.execute("select min(date), max(date) from claims where body_code = ?", [NCC]).fetchone()
    domain = specs[0]["encoding"]["x"]["scale"]["domain"]
    assert (domain[0]["year"], domain[0]["month"]) <= (int(first[:4]), int(first[5:7]))
    assert (domain[1]["year"], domain[1]["month"]) >= (int(last[:4]), int(last[5:7]))
    card = page.locator("section.council-card[data-measure=unallocated_cases]")
    points = card.locator("svg.marks g.mark-symbol.role-mark path")
    claims = db.execute("select count(*) from claims where body_code = ? and measure = 'unallocated_cases'", [NCC]).fetchone()[0]
    expect(points).to_have_count(claims)
    # the two figures for 30 September 2019 that cannot both be true are drawn red
    assert sum(points.nth(i).get_attribute("fill") == RED for i in range(claims)) == 2
    assert not page.js_errors


def test_conflicts_page_lists_both_sources_side_by_side(site_page, sample_server):
    page = site_page
    page.goto(sample_server + "/councilfacts/conflicts")
    section = page.locator("section.conflict-council[data-council='Northamptonshire County Council']")
    conflict = section.locator(".conflict[data-measure=unallocated_cases]")
    expect(conflict).to_have_count(1)
    expect(conflict.locator("h3")).to_have_text("Unallocated cases, 30 September 2019")
    expect(conflict.locator(".conflict-a .value")).to_have_text("148 children")
    expect(conflict.locator(".conflict-a")).to_contain_text("council paper, 19 November 2019")
    expect(conflict.locator(".conflict-b .value")).to_have_text("187 children")
    expect(conflict.locator(".conflict-b blockquote")).to_contain_text("on 30 September 2019, 187 children had no allocated social worker")
    # each side opens its source
    conflict.locator(".conflict-b .conflict-source").click()
    expect(page.locator("h1")).to_contain_text("Unison count finds 187 children")
    page.go_back()
    section.locator("h2 a").click()
    expect(page).to_have_url(re.compile(rf"/council/{NCC}$"))
    assert not page.js_errors


def test_a_story_citing_a_report_shows_the_claim_it_belongs_to(site_page, sample_server, sample_db):
    db = sqlite_utils.Database(sample_db)
    fact = db.execute(
        "select f.id from facts f join documents d on d.id = f.document_id"
        " where d.title like '%More than 160 children%' and f.measure = 'unallocated_cases'"
    ).fetchone()[0]
    page = site_page
    page.goto(sample_server + f"/councilfacts/facts/{fact}")
    expect(page.locator("#claim-summary")).to_contain_text(
        "Reported by 3 sources, first on 23 July 2019 in [SAMPLE] Children's Social Care Performance Report: Quarter 1 2019/20 (council paper)."
    )
    expect(page.locator("#claim-summary")).to_contain_text("The figure its sources agree on is 163 children, as the council paper gives it.")
    expect(page.locator("#claim-sources li").nth(1)).to_contain_text("this figure, citing [SAMPLE] Children's Social Care Performance Report: Quarter 1")
    page.locator("#claim-summary a", has_text="163 children").click()
    expect(page.locator("#fact-sentence mark")).to_have_text("163")
    assert not page.js_errors


def test_councils_ranked_on_unallocated_cases_in_2019(site_page, sample_server):
    page = site_page
    page.goto(sample_server + "/ranking")
    page.select_option("select[name=measure]", "unallocated_cases")
    page.select_option("select[name=year]", "2019")
    page.click("#ranking-form input[type=submit]")
    expect(page.locator("h1")).to_have_text("Unallocated cases, 2019")
    rows = page.locator("#ranking tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("Northamptonshire County Council")
    expect(rows.nth(0)).to_contain_text("148 children")  # its latest 2019 claim, the council paper's value
    expect(rows.nth(0)).to_contain_text("conflicting figure")
    expect(rows.nth(1)).to_contain_text("Essex County Council")
    expect(rows.nth(1)).to_contain_text("September 2019")
    assert not page.js_errors
