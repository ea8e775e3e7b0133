"""The number reader and qualifiers, alone (no model), as a spaCy component on spacy.blank, and at
the end through the extractor (values as written for measure `other`, normalised for a measure)."""

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



def test_a_unit_after_a_broken_hyphen():
    assert [(q.value, q.kind) for q in read_numbers("Children now face a 532- day wait in Bolton.")] == [(532, "days")]


def test_a_move_written_with_a_dash_is_two_figures():
    got = [(q.text, q.value_max) for q in read_numbers("There were more children on plans, with the figure rising from 313 – 380.")]
    assert got == [("313", None), ("380", None)]
    # where nothing moved, the dash still joins a range
    assert [(q.value, q.value_max) for q in read_numbers("Each worker holds from 12 - 15 cases.")] == [(12, 15)]


@pytest.mark.parametrize(
    "text",
    ["hundreds of job losses", "thousands of children", "waiting several hundred days", "a few thousand pounds", "dozens of staff", "a third inspection",
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
    " sixty-four", " a third", " half", " one in ", " aged ", " 2023/24", "0300 123 1231", "$", "US$", "$US", "A$", "€",
    "¥", "−", " CHF ", " Rs. ", " km", "mph", "p", " minus ", " a quarter of a ", " dollars", " from ", " or ", " one ",
    " Game ", "GB", "m2"]), max_size=40).map("".join))
def test_reader_never_crashes_and_offsets_hold(text):
    for q in read_numbers(text):
        assert 0 <= q.start < q.end <= len(text)
        assert q.text == text[q.start:q.end]
        assert math.isfinite(q.value)
        assert q.value_max is None or (math.isfinite(q.value_max) and q.value_max > q.value)
        assert q.kind in {"count", "percent", "gbp", "days", "foreign_money", "physical"}
        assert (q.written_value_max is None) == (q.value_max is None)


# --------------------------------------------------------------------------- values exactly as stated


@pytest.mark.parametrize(
    "text, value",
    [
        ("12.75 per cent of staff", 12.75),  # a stated decimal is never rounded
        ("a 3.333% rise", 3.333),
        ("£1.234m overspend", 1_234_000),
        ("13.125 km", 13.125),
        ("1.2 million people", 1_200_000),  # no binary noise (1.2 * 10**6)
        ("a third of staff", 33.3),  # a share worked out from a fraction: one decimal, as MEASURES.md has it
        ("two-thirds of councils", 66.7),
    ],
)
def test_values_as_stated(text, value):
    assert only(text).value == value


# every currency: (text, value as written, unit, kind); a currency other than pounds keeps its own unit
CURRENCIES = [
    ("£5m", 5_000_000, "gbp", "gbp"),
    ("five million pounds", 5_000_000, "gbp", "gbp"),
    ("164p a share", 164, "pence", "gbp"),
    ("$5m", 5_000_000, "usd", "foreign_money"),
    ("US$58.24", 58.24, "usd", "foreign_money"),
    ("US $58.24", 58.24, "usd", "foreign_money"),
    ("$US160 million", 160_000_000, "usd", "foreign_money"),
    ("A$5", 5, "aud", "foreign_money"),
    ("$A82,615,680", 82_615_680, "aud", "foreign_money"),
    ("C$12", 12, "cad", "foreign_money"),
    ("NZ $99.99", 99.99, "nzd", "foreign_money"),
    ("€3bn", 3_000_000_000, "eur", "foreign_money"),
    ("¥500", 500, "jpy", "foreign_money"),
    ("₹500", 500, "inr", "foreign_money"),
    ("CHF 20m", 20_000_000, "chf", "foreign_money"),
    ("USD 5m", 5_000_000, "usd", "foreign_money"),
    ("Rs. 500", 500, "inr", "foreign_money"),
    ("5 million dollars", 5_000_000, "usd", "foreign_money"),
    ("10.5 million Australian dollars", 10_500_000, "aud", "foreign_money"),
    ("20 euros", 20, "eur", "foreign_money"),
    ("500 yen", 500, "jpy", "foreign_money"),
    ("9 billion yuan", 9_000_000_000, "cny", "foreign_money"),
    ("500 rupees", 500, "inr", "foreign_money"),
    ("costs 20 Swiss francs", 20, "chf", "foreign_money"),
    ("7.5 million Danish crowns", 7_500_000, "dkk", "foreign_money"),
    ("19 cents", 19, "cents", "foreign_money"),
]


@pytest.mark.parametrize("text, value, unit, kind", CURRENCIES)
def test_every_currency(text, value, unit, kind):
    q = only(text)
    assert (q.written_value, q.written_unit, q.kind) == (pytest.approx(value), unit, kind)


def test_pence_are_pounds_normalised():
    q = only("shares rose to 164p")
    assert (q.value, q.kind, q.written_value, q.written_unit) == (1.64, "gbp", 164, "pence")


@pytest.mark.parametrize(
    "text, value, value_max",
    [
        ("3/4 of councils", 75, None),  # fractions in digits, words and hyphens are shares
        ("2/3 of councils", 66.7, None),
        ("three-quarters of respondents", 75, None),
        ("two-thirds of councils", 66.7, None),
        ("1/3 of staff felt", 33.3, None),  # not a rating out of 3
        ("just a quarter rated their employers as good", 25, None),
    ],
)
def test_fractions(text, value, value_max):
    q = only(text)
    assert (q.value, q.value_max, q.kind) == (value, value_max, "percent")


def test_fraction_of_a_scale_is_a_count():
    assert (only("a quarter of a million people").value, only("a quarter of a million people").kind) == (250_000, "count")
    assert (only("half a billion pounds of cuts").value, only("half a billion pounds of cuts").kind) == (500_000_000, "gbp")


def test_a_date_is_no_fraction():
    assert [q for q in read_numbers("on 3/4/2020") if q.trap is None] == []


@pytest.mark.parametrize(
    "text, figure, value",
    [("inflation was -1.3%", "-1.3%", -1.3), ("minus 5 degrees", "minus 5 degrees", -5), ("a fall (−2.1%) in", "−2.1%", -2.1),
     ("inflation fell to −3.2 per cent", "−3.2 per cent", -3.2)],
)
def test_negative_numbers(text, figure, value):
    q = only(text)
    assert (q.text, q.value) == (figure, value)


@pytest.mark.parametrize("text", ["10-15 cases", "COVID-19 cases", "pages 10 -15"])
def test_a_dash_between_numbers_is_no_sign(text):
    assert all(q.value >= 0 for q in read_numbers(text))


@pytest.mark.parametrize(
    "text, value",
    [("twenty-one posts", 21), ("a dozen posts", 12), ("1.5 million people", 1_500_000),
     ("two hundred and fifty jobs", 250), ("ninety-nine children", 99)],
)
def test_number_words(text, value):
    assert only(text).value == value


@pytest.mark.parametrize(
    "text, value, value_max, unit",
    [
        ("10-15 cases", 10, 15, None),
        ("between 11 and 16 cases", 11, 16, None),
        ("caseloads range from 5 to 10", 5, 10, None),  # "from X to Y" is a range where nothing moved
        ("each worker holds from 5 to 10 cases", 5, 10, None),
        ("from $10 to $15 billion", 10e9, 15e9, "usd"),  # a scale written once is both ends'
        ("$920 to $1730 a week", 920, 1730, "usd"),
        ("1 to 1.5 degrees Celsius", 1, 1.5, "celsius"),
        ("one to two years", 1, 2, "years"),
        ("0-62mph", 0, 62, "mph"),
    ],
)
def test_ranges(text, value, value_max, unit):
    q = only(text)
    assert (q.written_value, q.written_value_max, q.written_unit) == (value, value_max, unit)


@pytest.mark.parametrize(
    "text, values",
    [
        ("caseloads rose from 5 to 10", [5, 10]),  # a change: two figures
        ("the number went from 5 to 10", [5, 10]),
        ("sales rose 60% in 2018 to 3.9 million", [60, 3_900_000]),  # a year is no range's first end
        ("has doubled in ten years to 1,100", [3650, 1100]),  # a unit on one end only: not a range
        ("rose 9.4 per cent to $84", [9.4, 84]),
    ],
)
def test_not_ranges(text, values):
    assert [q.value for q in read_numbers(text) if q.trap is None] == values


@pytest.mark.parametrize("text", ["At 2-0 down they", "the tie ended 2-2 on aggregate", "a 9-2 lead"])
def test_scores_are_no_figures(text):
    assert [q for q in read_numbers(text) if q.trap is None] == []


@pytest.mark.parametrize("text", ["the new iPhone 11 and", "hurt in Game 2 was", "finish in the Big 12.", "the Fortune 100 on its books"])
def test_numbers_naming_a_thing(text):
    assert {q.trap for q in read_numbers(text)} == {"name"}


@pytest.mark.parametrize("text", ["In March 152 children were", "Kent has 152 children", "in Durham 45 posts went",
                                  "in Northern Ireland 38,418 children were", "in Northern Ireland 400 children were"])
def test_counts_after_a_capitalised_word(text):
    assert [q.trap for q in read_numbers(text)] == [None]


@pytest.mark.parametrize("text, measurable", [("one man", False), ("one of the best", False), ("One proposal asks", False)])
def test_lone_one_is_a_quantity_as_written(text, measurable):
    q = read_numbers(text)[0]
    assert (q.value, q.measurable) == (1, measurable)


@pytest.mark.parametrize("text", ["no one was hurt", "each one they lose", "a Formula One driver", "one day"])
def test_one_that_counts_nothing(text):
    assert read_numbers(text) == []


# --------------------------------------------------------------------------- units as written


@pytest.mark.parametrize(
    "text, written, unit, value, kind",
    [
        ("three months", 3, "months", 90, "days"),  # as written, and normalised as MEASURES.md has it
        ("two weeks", 2, "weeks", 14, "days"),
        ("a six-week wait", 6, "weeks", 42, "days"),
        ("a 30-day period", 30, "days", 30, "days"),
        ("40 minutes", 40, "minutes", 40 / 1440, "days"),
        ("5 hours", 5, "hours", 5 / 24, "days"),
        ("13.5 km", 13.5, "km", 13.5, "physical"),
        ("20 kg", 20, "kg", 20, "physical"),
        ("3 miles", 3, "miles", 3, "physical"),
        ("10 acres", 10, "acres", 10, "physical"),
        ("155mph winds", 155, "mph", 155, "physical"),
        ("800 miles per hour", 800, "mph", 800, "physical"),
        ("256GB of storage", 256, "gb", 256, "physical"),
        ("a floor area of 32m2.", 32, "sq m", 32, "physical"),
        ("23 per cent", 23, "percent", 23, "percent"),
        ("64 posts", 64, None, 64, "count"),
    ],
)
def test_units_as_written(text, written, unit, value, kind):
    q = only(text)
    assert (q.written_value, q.written_unit, q.kind) == (written, unit, kind)
    assert q.value == pytest.approx(value)


# --------------------------------------------------------------------------- through the extractor (extract --all)


@pytest.fixture(scope="module")
def extractor():
    from councilfacts.nlp.extractor import Extractor

    return Extractor()


def _facts(extractor, text, all_figures=True):
    from councilfacts.nlp.extractor import DocInput

    return [(f["measure"], f["value"], f["value_max"], f["unit"]) for f in extractor.extract_one(DocInput(text=text, all_figures=all_figures))]


def test_other_keeps_the_unit_as_written(extractor):
    got = _facts(extractor, "The road is 13.5 km long and the work took three months, about 40 minutes a day.")
    assert ("other", 13.5, None, "km") in got
    assert ("other", 3, None, "months") in got
    assert ("other", 40, None, "minutes") in got


def test_a_measure_stays_normalised(extractor):
    assert ("waiting_time", 21, None, "days") in _facts(extractor, "On average a child waits three weeks to be allocated a worker.")


def test_foreign_money_takes_no_money_measure(extractor):
    pounds = _facts(extractor, "The children's services department is heading for a £2.3m overspend.", all_figures=False)
    dollars = _facts(extractor, "The children's services department is heading for a $2.3m overspend.")
    assert ("budget", 2_300_000, None, "gbp") in pounds
    assert dollars == [("other", 2_300_000, None, "usd")]


def test_lone_one_only_with_all(extractor):
    text = "One social worker was made redundant."
    assert _facts(extractor, text, all_figures=False) == []
    got = _facts(extractor, text)
    assert [f[:3] for f in got] == [("other", 1, None)]  # read with --all, and never a measure's figure


def test_a_plural_scale_after_money_is_its_scale():
    from councilfacts.nlp.numbers import read_numbers

    got = [(q.value, q.kind) for q in read_numbers("a forecast overspend of £9.9 millions at month 6") if q.trap is None]
    assert (9_900_000, "gbp") in got
    assert not [q for q in read_numbers("millions of people were affected") if q.trap is None]


def test_a_move_from_one_level_to_another_is_two_levels_even_with_units():
    from councilfacts.nlp.numbers import read_numbers

    got = [q.value for q in read_numbers("The council increased its budget from £491 million to £512 million.") if q.trap is None]
    assert got == [491_000_000, 512_000_000]
    ranged = [q for q in read_numbers("Salaries range from £30,000 to £40,000.") if q.trap is None]
    assert [(q.value, q.value_max) for q in ranged] == [(30_000, 40_000)]


@pytest.mark.parametrize("text, value, qualifier", [
    ("on waiting lists for more than a year", 365, "more_than"),
    ("the waiting list is around one year", 365, "about"),
    ("some waited over a week", 7, "more_than"),
])
def test_one_unit_of_time_is_a_duration(text, value, qualifier):
    q = only(text)
    assert (q.value, q.kind, q.qualifier) == (value, "days", qualifier)


@pytest.mark.parametrize("text", ["a year ago", "a month later", "it costs £5m a year"])
def test_a_unit_of_time_without_a_qualifier_is_no_duration(text):
    assert [q.kind for q in read_numbers(text) if q.kind == "days"] == []
