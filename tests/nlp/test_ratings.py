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
        ("Ofsted said the children\u2019s service \u2018required improvement to be good\u2019.", ["requires improvement"]),
        ("Ofsted has improved its rating since 2018 when services were found to Require Improvement.", ["requires improvement"]),
        ("Good ratings were received from Ofsted for the impact of leaders and overall effectiveness.", ["good"]),
        ("An Ofsted report, published in January 2017, found that Children's Services in Worcestershire were inadequate.", ["inadequate"]),
        ("Ofsted said services improved to good in early 2020.", ["good"]),
        ("The grade is up from requires improvement at the previous Ofsted inspection.", ["requires improvement"]),
        ("Ofsted judged services to require improvement to be good.", ["requires improvement"]),
        ("The Ofsted inspection judged services for children in need of help and protection, children looked after"
         " and care leavers to be inadequate.", ["inadequate"]),
        ("This was the third monitoring visit since the local authority was judged inadequate in June 2018.", ["inadequate"]),
        # must not
        ("Inspectors found good practice in the team.", []),
        ("Authorities are failing to do enough to warrant \u201cgood\u201d or \u201coutstanding\u201d ratings from Ofsted.", []),
        ("Inspectors found that the housing offered to care leavers was inadequate.", []),  # a service's housing, no judgement
        ("An Ofsted inspection found that adult social care services in Kent were inadequate.", []),
        ("Ofsted judges services outstanding, good, requires improvement to be good or inadequate.", []),
        ("The school was rated good by Ofsted.", []),
        ("The council was judged inadequate in its handling of complaints.", []),  # no Ofsted, no inspection
        ("The trust took over after the council's children's services had been rated inadequate for a decade.", ["inadequate"]),
        ("Its adult social care services were rated inadequate by the Care Quality Commission.", []),
        ("Ofsted downgraded the authority from 'good' to 'requires improvement to be good'.", ["requires improvement", "good"]),
        ('Services have been downgraded from an Ofsted overall "good" to "requires improvement" after the visit.', ["requires improvement", "good"]),
        ("Ofsted rated the council's children's services as requiring improvement in 2014.", ["requires improvement"]),
        ("Social workers were judged good at listening, inspectors said.", []),
        ("Ofsted also found the service remained inadequate for children who need help and protection.", ["inadequate"]),
        # a rating aimed at is not one given
        ("The council said it was halfway through its plan to have at least a 'good' Ofsted rating by 2022.", []),
    ],
)
def test_grades(text, expected):
    assert grades(text) == expected


@pytest.fixture(scope="module")
def extractor():
    return Extractor()


def test_offsets_and_facts(extractor):
    ex = extractor
    text = "Northamptonshire County Council was rated inadequate by Ofsted in 2013.\n\nIt now has 30 vacancies."
    facts = ex.extract_one(DocInput(text=text, kind="news"))
    rating = [f for f in facts if f["measure"] == "ofsted_rating"]
    assert len(rating) == 1
    r = rating[0]
    assert r["value"] is None and r["subject"] == "inadequate" and r["figure"] == "inadequate"
    assert text[r["figure_start"]:r["figure_end"]] == "inadequate"
    assert r["sentence"] == text[r["sentence_start"]:r["sentence_end"]]
    assert r["body_code"] == "E10000021" and r["period"] == "2013"


def judgements(text):
    return [(r["grade"], r["judgement"]) for r in read_rating_sentences(text, [(0, len(text))])]


@pytest.mark.parametrize("text, expected", [
    ("Northamptonshire County Council was rated inadequate by Ofsted in 2013.", [("inadequate", "overall_effectiveness")]),
    ("Since the last inspection in 2016, when services were rated as good overall, there has been a marked deterioration"
     " in the quality of help and protection.", [("good", "overall_effectiveness")]),
    ("The experiences and progress of care leavers were judged good by Ofsted.", [("good", None)]),
    ("Ofsted judged the council's services inadequate for children in care.", [("inadequate", None)]),
    ("Leaders' impact was rated outstanding by inspectors, and overall effectiveness was judged good.",
     [("outstanding", None), ("good", "overall_effectiveness")]),
    ("The council's children's home was rated inadequate by Ofsted.", [("inadequate", None)]),
    ("Ofsted found the service remained inadequate for children who need help and protection.", [("inadequate", None)]),
])
def test_which_judgement_a_prose_grade_is(text, expected):
    assert judgements(text) == expected


def in_report(text, before):
    return [(r["grade"], r["period"], r["judgement"])
            for r in read_rating_sentences(text, [(0, len(text))], report=True, before=before)]


@pytest.mark.parametrize("text, before, expected", [
    # real sentences of jt39 reports
    ("Since the last Ofsted inspection in September 2016, when the local authority was judged inadequate overall, strong"
     " and resilient senior leadership has driven improvement.", "2019-06-21", [("inadequate", "2016-09", "overall_effectiveness")]),
    ("Children’s services in Croydon have improved dramatically since the last inspection in 2017, when they were judged"
     " to be inadequate.", "2020-02-14", [("inadequate", "2017", "overall_effectiveness")]),
    ("Since the previous inspection in 2020, when services for children were judged to require improvement, services have"
     " improved and they are now good.", "2024-04-26", [("requires improvement", "2020", "overall_effectiveness")]),
    # this inspection's grade restated (Oxfordshire 2018), and a recollection without a date: nothing
    ("Consequently, at this inspection the overall effectiveness of children’s services is judged to be good.", "2018-04-20", []),
    ("Since the last inspection, when services were judged inadequate, leaders have acted.", "2023-03-24", []),
    # a date of this inspection is not an earlier one
    ("In March 2023, inspectors judged services to be good.", "2023-03-24", []),
    # a grade said to hold now is this inspection's, whatever date the sentence gives
    ("Since 2019, services have improved and are now judged to be good.", "2023-03-24", []),
])
def test_a_report_recalls_earlier_grades_only_with_their_dates(text, before, expected):
    assert in_report(text, before) == expected


REPORT = (
    "Inspection of Testshire local authority children’s services\n"
    "Inspection dates: 13 to 24 March 2023\n"
    "Lead inspector: A Person, His Majesty’s Inspector\n"
    "Judgement Grade\n"
    "The impact of leaders on social work practice with children and families\nGood\n"
    "The experiences and progress of children who need help and protection\nRequires improvement to be good\n"
    "The experiences and progress of children in care\nGood\n"
    "The experiences and progress of care leavers\nGood\n"
    "Overall effectiveness Good\n"
    "Since the last inspection in 2019, when services were judged inadequate, leaders have acted. "
    "Consequently, at this inspection services are judged to be good.\n"
)


@pytest.mark.parametrize("kind", [None, "ofsted_report"])
def test_report_facts_name_their_judgement_and_inspection(extractor, kind):
    facts = [f for f in extractor.extract_one(DocInput(text=REPORT, kind=kind, date="2023-05-02")) if f["measure"] == "ofsted_rating"]
    got = [(f["judgement"], f["subject"], f["period"]) for f in facts]
    assert got == [
        ("impact_of_leaders", "good", "2023-03-24"), ("help_and_protection", "requires improvement", "2023-03-24"),
        ("in_care", "good", "2023-03-24"), ("care_leavers", "good", "2023-03-24"),
        ("overall_effectiveness", "good", "2023-03-24"),
        ("overall_effectiveness", "inadequate", "2019"),  # the earlier inspection, dated as the report dates it
    ]


def test_news_rating_is_the_overall_judgement(extractor):
    facts = extractor.extract_one(DocInput(text="Ofsted rated Kent's children's services inadequate in 2024.", kind="news"))
    assert [(f["judgement"], f["subject"], f["period"]) for f in facts] == [("overall_effectiveness", "inadequate", "2024")]


@pytest.mark.parametrize("sentence, grade", [
    ("Hull City Council was given a \u201crequires improvement\u201d grading by Ofsted.", "requires improvement"),
    ("The funding follows Ofsted's overall rating of Staffordshire's children's social services as 'Good'.", "good"),
])
def test_a_grading_and_a_rating_of_something_as_a_grade(sentence, grade):
    from councilfacts.nlp.ratings import read_rating_sentences

    assert [r["grade"] for r in read_rating_sentences(sentence, [(0, len(sentence))])] == [grade]
