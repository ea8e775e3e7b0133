"""The number reader and qualifiers, alone (no model), and as a spaCy component on spacy.blank."""

from __future__ import annotations

import math

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from councilfacts.nlp.numbers import NumberReader, read_numbers  # noqa: F401  (registers cf_numbers)
from councilfacts.nlp.qualifiers import qualifier_after, qualifier_before


def only(text):
    """The one non-trap quantity in text."""
    qs = [q for q in read_numbers(text) if q.trap is None]
    assert len(qs) == 1, [(q.text, q.value, q.trap) for q in read_numbers(text)]
    return qs[0]


@pytest.mark.parametrize(
    "text, figure, value, value_max, kind",
    [
        ("1,816 children", "1,816", 1816, None, "count"),
        ("25.5 cases", "25.5", 25.5, None, "count"),
        ("sixty-four workers", "sixty-four", 64, None, "count"),
        ("sixty four workers", "sixty four", 64, None, "count"),
        ("two hundred and fifty jobs", "two hundred and fifty", 250, None, "count"),
        ("a dozen posts", "a dozen", 12, None, "count"),
        ("five million people", "five million", 5_000_000, None, "count"),
        ("1.2 million people", "1.2 million", 1_200_000, None, "count"),
        ("a third of staff", "a third", 33.3, None, "percent"),
        ("half of councils", "half", 50, None, "percent"),
        ("three-quarters of respondents", "three-quarters", 75, None, "percent"),
        ("two thirds of councils", "two thirds", 66.7, None, "percent"),
        ("one in five children", "one in five", 20, None, "percent"),
        ("seven out of 10 councils", "seven out of 10", 70, None, "percent"),
        ("23 per cent of staff", "23 per cent", 23, None, "percent"),
        ("23% of staff", "23%", 23, None, "percent"),
        ("23 percent of staff", "23 percent", 23, None, "percent"),
        ("rose by 23pc last year", "23pc", 23, None, "percent"),
        ("cut 1\u00a0234 jobs", "1\u00a0234", 1234, None, "count"),
        ("cut 2\u202f345 jobs", "2\u202f345", 2345, None, "count"),
        ("by £147m", "£147m", 147_000_000, None, "gbp"),
        ("by £5bn", "£5bn", 5_000_000_000, None, "gbp"),
        ("by £5 billion", "£5 billion", 5_000_000_000, None, "gbp"),
        ("by £1.2 million", "£1.2 million", 1_200_000, None, "gbp"),
        ("by £350,000", "£350,000", 350_000, None, "gbp"),
        ("by £350k", "£350k", 350_000, None, "gbp"),
        ("a £2.3m overspend", "£2.3m", 2_300_000, None, "gbp"),
        ("five million pounds", "five million pounds", 5_000_000, None, "gbp"),
        ("wait two weeks", "two weeks", 14, None, "days"),
        ("wait 75 days", "75 days", 75, None, "days"),
        ("wait a 30-day period", "30-day", 30, None, "days"),
        ("a six-week wait", "six-week", 42, None, "days"),
        ("between 11 and 16 cases", "between 11 and 16", 11, 16, "count"),
        ("11-16 cases", "11-16", 11, 16, "count"),
        ("from 40% to 60%", "from 40% to 60%", 40, 60, "percent"),
        ("between two and three weeks", "between two and three weeks", 14, 21, "days"),
        ("between £1m and £2m", "between £1m and £2m", 1_000_000, 2_000_000, "gbp"),
        ("three or four days", "three or four days", 3, 4, "days"),
    ],
)
def test_reads(text, figure, value, value_max, kind):
    q = only(text)
    assert q.text == figure == text[q.start:q.end]
    assert q.value == pytest.approx(value, rel=0.01)
    assert (q.value_max is None) if value_max is None else q.value_max == pytest.approx(value_max, rel=0.01)
    assert q.kind == kind


def test_change_with_one_unit():
    got = [(q.text, q.value, q.kind) for q in read_numbers("Agency use rose from 40 to 60 per cent.")]
    assert got == [("40", 40.0, "percent"), ("60 per cent", 60.0, "percent")]


@pytest.mark.parametrize(
    "text",
    ["hundreds of job losses", "thousands of children", "dozens of staff", "a third inspection",
     "the first half of the year", "no one was hurt", "one of the teams", "half an hour later",
     "COVID-19", "a 5G mast", "the A14 road", "£" + "9" * 400 + "bn", "1" + "0" * 400 + " jobs"],
)
def test_no_quantity(text):
    """Nothing a measure could count ("one of the teams" is a quantity as written only: see test_lone_one)."""
    assert [q for q in read_numbers(text) if q.trap is None and q.measurable] == []


@pytest.mark.parametrize(
    "text, qualifier",
    [
        ("more than 30 cases", "more_than"), ("over 30 cases", "more_than"), ("in excess of 30 cases", "more_than"),
        ("at least 20 cases", "at_least"), ("a minimum of 20 cases", "at_least"), ("20 or more cases", "at_least"),
        ("almost 40 cases", "almost"), ("nearly 40 cases", "almost"), ("just under 40 cases", "almost"),
        ("about 40 cases", "about"), ("around 40 cases", "about"), ("approximately 40 cases", "about"),
        ("some 40 cases", "about"), ("40 or so cases", "about"),
        ("up to 30 staff", "up_to"), ("as many as 30 staff", "up_to"),
        ("fewer than 10 staff", "less_than"), ("less than 10 staff", "less_than"),
        ("30 staff", "exact"), ("a further 30 staff", "exact"),
        ("more than\n30 cases", "more_than"), ("more than\n\n30 cases", "exact"),  # a hard wrap, a paragraph
    ],
)
def test_qualifiers(text, qualifier):
    assert only(text).qualifier == qualifier


def test_qualifier_functions():
    text = "It has cut more than £5bn from grants"
    start = text.index("£")
    q, at = qualifier_before(text, start)
    assert q == "more_than" and text[at:].startswith("more than")
    assert qualifier_after("64 or more staff", 2)[0] == "at_least"
    assert qualifier_before("the 64 posts", 4) == (None, None)


def test_component_on_blank_pipeline():
    nlp = spacy.blank("en")
    nlp.add_pipe("cf_numbers")
    doc = nlp("Call 0300 123 1231: the council cut 64 posts and £1.2 million in 2023/24.")
    got = [(s.text, s.label_, s._.quantity["value"]) for s in doc.spans["numbers"]]
    assert got == [("64", "count", 64.0), ("£1.2 million", "gbp", 1_200_000.0)]


def test_component_keeps_traps_when_asked():
    nlp = spacy.blank("en")
    nlp.add_pipe("cf_numbers", config={"keep_traps": True})
    doc = nlp("Call 0300 123 1231 in 2023.")
    assert {s._.quantity["trap"] for s in doc.spans["numbers"]} == {"phone", "year"}


def test_component_round_trip(tmp_path):
    nlp = spacy.blank("en")
    nlp.add_pipe("cf_numbers", config={"spans_key": "nums"})
    nlp.to_disk(tmp_path / "p")
    again = spacy.load(tmp_path / "p")
    doc = again("64 posts")
    assert doc.spans["nums"][0].text == "64"
    fresh = spacy.blank("en")
    fresh.add_pipe("cf_numbers")
    fresh.get_pipe("cf_numbers").from_bytes(nlp.get_pipe("cf_numbers").to_bytes())
    assert fresh.get_pipe("cf_numbers").spans_key == "nums"


def test_component_with_two_processes():
    nlp = spacy.blank("en")
    nlp.add_pipe("cf_numbers")
    docs = list(nlp.pipe(["64 posts", "a third of staff", "no numbers"], n_process=2))
    assert [len(d.spans["numbers"]) for d in docs] == [1, 1, 0]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("0123456789 ,.£%-–/abcdefhilmnorstuwy\n()") + [
    " per cent", " million", " bn", "m", " weeks", " days", " between ", " and ", " to ", " more than ",
    " sixty-four", " a third", " half", " one in ", " aged ", " 2023/24", "0300 123 1231"]), max_size=40).map("".join))
def test_reader_never_crashes_and_offsets_hold(text):
    for q in read_numbers(text):
        assert 0 <= q.start < q.end <= len(text)
        assert q.text == text[q.start:q.end]
        assert math.isfinite(q.value)
        assert q.value_max is None or (math.isfinite(q.value_max) and q.value_max > q.value)
        assert q.kind in {"count", "percent", "gbp", "days", "foreign_money", "physical"}
        assert (q.written_value_max is None) == (q.value_max is None)
