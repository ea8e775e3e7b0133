"""Ofsted judgements stated in prose (news, council papers): nlp/ratings.py."""

from __future__ import annotations

import pytest

from councilfacts.nlp.extractor import DocInput, Extractor
from councilfacts.nlp.ratings import read_rating_sentences


def grades(text):
    return [r["grade"] for r in read_rating_sentences(text, [(0, len(text))])]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The council was judged inadequate by Ofsted in 2018.", ["inadequate"]),
        ("Ofsted rated the children's services as “requires improvement to be good”.", ["requires improvement"]),
        ("It received an 'outstanding' rating from Ofsted.", ["outstanding"]),
        ("An Ofsted rating of inadequate was given after the inspection.", ["inadequate"]),
        ("Children's services were found to be inadequate by inspectors.", ["inadequate"]),
        ("Ofsted said services improved to good in early 2020.", ["good"]),
        ("The grade is up from requires improvement at the previous Ofsted inspection.", ["requires improvement"]),
        ("Ofsted judged services to require improvement to be good.", ["requires improvement"]),
        ("The Ofsted inspection judged services for children in need of help and protection, children looked after"
         " and care leavers to be inadequate.", ["inadequate"]),
        ("This was the third monitoring visit since the local authority was judged inadequate in June 2018.", ["inadequate"]),
        # must not
        ("Inspectors found good practice in the team.", []),
        ("Ofsted judges services outstanding, good, requires improvement to be good or inadequate.", []),
        ("The school was rated good by Ofsted.", []),
        ("The council was judged inadequate in its handling of complaints.", []),  # no Ofsted, no inspection
        ("The trust took over after the council's children's services had been rated inadequate for a decade.", ["inadequate"]),
        ("Its adult social care services were rated inadequate by the Care Quality Commission.", []),
        ("Ofsted downgraded the authority from 'good' to 'requires improvement to be good'.", ["requires improvement", "good"]),
        ("Ofsted rated the council's children's services as requiring improvement in 2014.", ["requires improvement"]),
        ("Social workers were judged good at listening, inspectors said.", []),
    ],
)
def test_grades(text, expected):
    assert grades(text) == expected


def test_offsets_and_facts():
    ex = Extractor()
    text = "Northamptonshire County Council was rated inadequate by Ofsted in 2013.\n\nIt now has 30 vacancies."
    facts = ex.extract_one(DocInput(text=text, kind="news"))
    rating = [f for f in facts if f["measure"] == "ofsted_rating"]
    assert len(rating) == 1
    r = rating[0]
    assert r["value"] is None and r["subject"] == "inadequate" and r["figure"] == "inadequate"
    assert text[r["figure_start"]:r["figure_end"]] == "inadequate"
    assert r["sentence"] == text[r["sentence_start"]:r["sentence_end"]]
    assert r["body_code"] == "E10000021" and r["period"] == "2013"
