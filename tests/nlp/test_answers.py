"""nlp/answers.py: figure answers to an FOI request's numbered questions, read against them."""

from __future__ import annotations

import pytest

from councilfacts.nlp.answers import read_answers

FOI = """Freedom of information response

Request:

1 - How many qualified social workers were working on a temporary (agency) basis at the Council on 1st April 2020, split by:

a) Children's Services social work roles

b) Adults' Services social work roles

2. The number of children currently in foster care.

3. What facilities do you have?

Response:

1.

a)  40
b) Adults' Services social work roles - Fewer than 5 (see below)

2. 81 in local authority placements. 19 Moray children with independent fostering agencies.

3. Families are supported in the community by 4 social work teams.
"""


def test_figure_answers_take_their_question_as_label():
    cells, lines = read_answers(FOI)
    got = [(FOI[c.start:c.end], c.label) for c in cells]
    assert got == [
        ("40", "Number of qualified social workers working on a temporary (agency) basis at the Council on 1st April 2020, "
               "Children's Services social work roles"),
        ("Fewer than 5", "Number of qualified social workers working on a temporary (agency) basis at the Council on "
                         "1st April 2020, Adults' Services social work roles"),
    ]
    # the answer lines read as cells are not read as prose; answers in words are
    assert [FOI[a:b] for a, b in lines] == ["40", "Adults' Services social work roles - Fewer than 5 (see below)"]


def test_no_answers_without_a_response_heading():
    assert read_answers(FOI.replace("Response:", "Notes:")) == ([], [])


@pytest.fixture(scope="module")
def extractor():
    from councilfacts.nlp.extractor import Extractor

    return Extractor()


def test_answers_through_the_extractor(extractor):
    facts = extractor.extract_one(FOI)
    assert [(f["measure"], f["value"], f["qualifier"], f["sentence"]) for f in facts if f["measure"] == "agency_staff"] == [
        ("agency_staff", 40, "exact", "40"),
        ("agency_staff", 5, "less_than", "Adults' Services social work roles - Fewer than 5 (see below)")]


RENUMBERED = """Frontline Child Protection Social Workers Employed

1. In total, how many frontline child protection social workers work for the council (whether employed or agency) as of 1 March 2022?

a. How many and what percentage are agency staff?

2. What is your current recruitment shortfall?

1. 132.

a. 19 = 13%.

2. 169 with 37 vacancies.
"""


def test_answers_numbered_again_without_a_response_heading():
    cells, lines = read_answers(RENUMBERED)
    assert [(c.label, RENUMBERED[c.start:c.end]) for c in cells] == [
        ("Number of frontline child protection social workers work for the council (whether employed or agency) as of 1 March 2022", "132"),
        ("Number of frontline child protection social workers work for the council (whether employed or agency) as of 1 March 2022, "
         "Number of agency staff", "19"),
        ("Number of frontline child protection social workers work for the council (whether employed or agency) as of 1 March 2022, "
         "Number of agency staff", "13%")]


def test_renumbered_answers_through_the_extractor(extractor):
    facts = extractor.extract_one(RENUMBERED)
    assert [(f["measure"], f["value"], f["unit"]) for f in facts] == [
        ("agency_staff", 19, "people"), ("agency_staff", 13, "percent"), ("vacancies", 37, "posts")]


def test_the_last_question_before_renumbered_answers_keeps_its_answer():
    text = RENUMBERED.replace("2. What is your current recruitment shortfall?\n", "b. How many are agency team managers?\n")
    text = text.replace("2. 169 with 37 vacancies.\n", "b. 4.\n")
    cells, _ = read_answers(text)
    assert [text[c.start:c.end] for c in cells] == ["132", "19", "13%", "4"]
