"""/find on the real sample database (the bundled sample site crawled and read), in process:
questions in words return all of that council's figures for that measure and little else.
What "all" is comes from the database with SQL here, never from a list in the test."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import re

import pytest
import sqlite_utils
import yaml
from datasette.app import Datasette

from councilfacts import publish


@pytest.fixture(scope="module")
def sample(sample_db):
    return sqlite_utils.Database(sample_db)


@pytest.fixture(scope="module")
def client(sample_db):
    ds = Datasette(
        [],
        immutables=[str(sample_db)],
        metadata=yaml.safe_load(publish.METADATA.read_text()),
        template_dir=str(publish.TEMPLATES),
        plugins_dir=str(publish.PLUGINS),
    )

    def get(path, **params):
        return asyncio.run(ds.client.get(path, params=params))

    return get


def code_of(sample, name):
    return sample.execute("select code from bodies where name = ?", [name]).fetchone()[0]


def figures(sample, codes, measure):
    rows = sample.execute(
        "select id from facts where measure = ? and body_code in (select value from json_each(?))", [measure, json.dumps(codes)]
    ).fetchall()
    return {r[0] for r in rows}


def successors_of(sample, code):
    replaced_by = sample.execute("select replaced_by from bodies where code = ?", [code]).fetchone()[0]
    return [c for c in (replaced_by or "").split("|") if c]


DONE_WHEN = [
    ("unallocated cases in Northamptonshire", "Northamptonshire County Council", "unallocated_cases"),
    ("agency staff Northants", "Northamptonshire County Council", "agency_staff"),
    ("how many children in care in Birmingham", "Birmingham City Council", "children_in_care"),
    ("Essex social worker caseloads", "Essex County Council", "caseload"),
]


@pytest.mark.parametrize("q,council,measure", DONE_WHEN, ids=[d[0] for d in DONE_WHEN])
def test_a_question_returns_all_that_councils_figures_for_that_measure(client, sample, q, council, measure):
    code = code_of(sample, council)
    own = figures(sample, [code], measure)
    successors = successors_of(sample, code)
    theirs = figures(sample, successors, measure)
    assert own, f"the sample database has {measure} figures about {council}"
    answer = client("/find.json", q=q).json()
    assert answer["understood"]["councils"] == [code]
    assert answer["understood"]["measures"] == [measure]
    assert answer["understood"]["years"] == []
    got = {f["id"]: f for f in answer["facts"]}
    assert own <= set(got), "every figure of that council and measure"
    assert set(got) <= own | theirs, "and nothing else but its successors' figures"
    for fact_id in theirs & set(got):
        assert got[fact_id]["successor_of"] == code  # marked as theirs
    for f in got.values():
        assert {"id", "measure", "value", "unit", "body", "body_code", "period", "sentence"} <= set(f)
        assert f["measure"] == measure
    assert len(got) == len(answer["facts"])  # each figure once


def test_an_abolished_council_brings_its_successors_figures(client, sample):
    code = code_of(sample, "Northamptonshire County Council")
    successors = successors_of(sample, code)
    theirs = figures(sample, successors, "agency_staff")
    assert theirs, "the sample has agency staff figures about a successor of Northamptonshire County Council"
    answer = client("/find.json", q="agency staff Northants").json()
    assert {f["id"] for f in answer["facts"] if f["successor_of"] == code} == theirs
    page = client("/find", q="agency staff Northants").text
    assert "Northamptonshire County Council was abolished" in page and "successor of Northamptonshire County Council" in page


def test_years_filter_on_the_period_a_figure_covers(client, sample):
    rows = sample.execute(
        "select fact, year, period from facts_view where measure = 'caseload'"
    ).fetchall()

    def covers(year, period, wanted):
        last = re.search(r"/(\d{4})", period or "")
        return any(int(year) <= y <= int(last.group(1) if last else year) for y in wanted)

    for q, wanted in (("caseloads since 2020", range(2020, 2100)), ("caseloads in 2019", [2019]), ("caseloads 2018-2019", [2018, 2019])):
        expected = {fact for fact, year, period in rows if covers(year, period, wanted)}
        got = {f["id"] for f in client("/find.json", q=q).json()["facts"]}
        assert expected and got == expected, q
        assert len(expected) < len(rows), f"{q}: some caseload figures fall outside"


def test_the_page_says_what_it_understood_and_links_each_part_away(client, sample):
    page = client("/find", q="unallocated cases in Northamptonshire").text
    understood = re.search(r'<p id="find-understood">(.*?)</p>', page, re.S).group(1)
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", understood)).strip()
    assert text == "Understood: Unallocated cases · Northamptonshire County Council · all years"
    assert 'href="/find?q=in+Northamptonshire"' in understood  # drop the measure
    assert 'href="/find?q=unallocated+cases+in"' in understood  # drop the council
    page = client("/find", q="unallocated cases in Northamptonshire since 2018").text
    years = re.search(r'<span class="part" data-kind="years">(.*?)</span>', page, re.S).group(1)
    assert years.startswith("since 2018") and 'href="/find?q=unallocated+cases+in+Northamptonshire"' in years


def test_figures_grouped_by_council_newest_first_marked_and_linked(client, sample):
    page = client("/find", q="caseloads").text
    sections = re.findall(r'<section class="find-council" data-code="([^"]*)">(.*?)</section>', page, re.S)
    expected = dict(sample.execute("select body_code, count(*) from facts where measure = 'caseload' and body_code is not null group by body_code").fetchall())
    assert {code: s.count('class="find-fact"') for code, s in sections if code} == expected
    for code, section in sections:
        dates = re.findall(r'<tr class="find-fact".*?<td>([^<]*)</td>', section, re.S)
        assert dates == sorted(dates, reverse=True)
        if code:
            assert f'href="/council/{code}"' in section
    assert page.count("<mark>") == page.count('class="find-fact"')
    fact = sample.execute("select id from facts where measure = 'caseload' limit 1").fetchone()[0]
    assert f'href="/councilfacts/facts/{fact}"' in page
    assert client(f"/councilfacts/facts/{fact}").status_code == 200


def test_csv_and_json_hold_the_same_figures(client):
    q = "Essex social worker caseloads"
    page = client("/find", q=q).text
    assert 'href="/find.csv?q=Essex+social+worker+caseloads"' in page
    answer = client("/find.json", q=q).json()
    response = client("/find.csv", q=q)
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [r["id"] for r in rows] == [f["id"] for f in answer["facts"]]
    assert {r["council"] for r in rows} == {"Essex County Council"}


def test_a_name_of_several_councils_offers_the_choice(client, sample):
    answer = client("/find.json", q="caseloads Sussex").json()
    assert answer["facts"] == [] and answer["understood"]["councils"] == []
    [choice] = answer["understood"]["choices"]
    page = client("/find", q="caseloads Sussex").text
    assert "Which council do you mean by “Sussex”?" in page
    for code in choice["councils"]:
        assert f'href="/find?q=caseloads+{code}"' in page
    east = code_of(sample, "East Sussex County Council")
    assert client("/find.json", q=f"caseloads {east}").json()["understood"]["councils"] == [east]


def test_nothing_recognised_is_a_plain_full_text_search_and_says_so(client, sample):
    word = "foster"
    expected = {
        r[0] for r in sample.execute(
            "select f.id from facts_fts join facts f on f.rowid = facts_fts.rowid where facts_fts match ? and f.measure != 'other'",
            ["{sentence subject} : (foster OR sausages)"],
        )
    }
    assert expected, "the sample mentions foster carers"
    answer = client("/find.json", q=f"{word} sausages").json()
    assert answer["understood"]["plain_text_search"] is True and answer["understood"]["text"] == "foster sausages"
    assert {f["id"] for f in answer["facts"]} == expected
    assert "No council, measure or year recognised" in client("/find", q=f"{word} sausages").text


def test_words_left_beside_a_council_narrow_its_figures(client, sample):
    code = code_of(sample, "Northamptonshire County Council")
    answer = client("/find.json", q="Northamptonshire foster").json()
    assert answer["understood"]["councils"] == [code] and answer["understood"]["text"] == "foster"
    got = {f["body_code"] for f in answer["facts"]}
    assert got <= {code, *successors_of(sample, code)}
    assert all(re.search(r"foster", f["sentence"] + " " + (f["subject"] or ""), re.I) for f in answer["facts"])


def test_source_markup_is_escaped_on_the_results_page(client, sample):
    page = client("/find", q="<script>alert(1)</script> caseloads").text
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_empty_question_shows_the_box(client):
    page = client("/find").text
    assert 'id="find-q"' in page and '<section class="find-council"' not in page
    assert client("/find.json").json()["facts"] == []


def test_home_page_box_asks_find(client):
    page = client("/").text
    assert re.search(r'<form[^>]*id="find-form"[^>]*action="/find"', page)


def test_markup_in_a_source_sentence_is_shown_not_run(site_db):
    """The hand-built fixture's hostile story: its sentence carries <script> and an onerror."""
    ds = Datasette([], immutables=[str(site_db)], template_dir=str(publish.TEMPLATES), plugins_dir=str(publish.PLUGINS))
    page = asyncio.run(ds.client.get("/find", params={"q": "unallocated Derbyshire"})).text
    assert page.count('class="find-fact"') == 1
    assert "<script>document.title" not in page and "<img src=x" not in page
    assert "&lt;script&gt;document.title" in page and "<mark>40</mark>" in page
