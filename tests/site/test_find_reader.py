"""The query reader of /find alone (no Datasette): questions as journalists write them, read
into councils, measures, years and the words left, with the real gazetteer (the Resolver the
council pages use) and the real measures file (labels and synonyms)."""

from __future__ import annotations

import copy
import importlib.util

import pytest
import yaml

from councilfacts import publish
from councilfacts.nlp.measures import MEASURES_FILE, Measures, MeasuresError

SPAN = (2010, 2024)  # the years an open range ("since 2018") runs to, as the site gives from its figures


def load_plugin(name):
    spec = importlib.util.spec_from_file_location(f"cf_{name}", publish.PLUGINS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


query_reader = load_plugin("query_reader")
BODIES = publish._body_rows()
NAMES = {b["code"]: b["name"] for b in BODIES}
SUCCESSORS = {b["code"]: b["replaced_by"].split("|") for b in BODIES if b["replaced_by"]}


@pytest.fixture(scope="module")
def reader():
    resolver = load_plugin("council_names").Resolver(
        [(b["code"], b["name"], b["nice_name"], b["register_code"], b["alt_names"], b["end_date"]) for b in BODIES]
    )
    return query_reader.QueryReader(resolver, publish._measure_rows(), SUCCESSORS, SPAN)


ESSEX, NORTHANTS, BIRMINGHAM = "Essex County Council", "Northamptonshire County Council", "Birmingham City Council"
ALL = None  # no year said

# question, councils (official names), measures, years (first, last) or ALL, words left
PHRASINGS = [
    # the "done when"
    ("unallocated cases in Northamptonshire", [NORTHANTS], ["unallocated_cases"], ALL, ""),
    ("agency staff Northants", [NORTHANTS], ["agency_staff"], ALL, ""),
    ("how many children in care in Birmingham", [BIRMINGHAM], ["children_in_care"], ALL, ""),
    ("Essex social worker caseloads", [ESSEX], ["caseload"], ALL, ""),
    # councils as people write them
    ("kids in care Brum", [BIRMINGHAM], ["children_in_care"], ALL, ""),
    ("redundancies at Birmingham City Council", [BIRMINGHAM], ["job_cuts"], ALL, ""),
    ("caseloads E10000012", [ESSEX], ["caseload"], ALL, ""),
    ("e10000012 vacancies", [ESSEX], ["vacancies"], ALL, ""),
    ("unallocated cases ESS", [ESSEX], ["unallocated_cases"], ALL, ""),
    ("Northamptonshire county council's caseloads", [NORTHANTS], ["caseload"], ALL, ""),
    ("North Northants caseloads", ["North Northamptonshire Council"], ["caseload"], ALL, ""),
    ("West Northamptonshire budget", ["West Northamptonshire Council"], ["budget"], ALL, ""),
    ("Derbys agency staff", ["Derbyshire County Council"], ["agency_staff"], ALL, ""),
    ("caseloads in Derby", ["Derby City Council"], ["caseload"], ALL, ""),  # not Derbyshire
    ("Kensington job cuts", ["Royal Borough of Kensington and Chelsea"], ["job_cuts"], ALL, ""),
    ("Stoke-on-Trent agency staff", ["Stoke-on-Trent City Council"], ["agency_staff"], ALL, ""),
    ("Isle of Wight children in care", ["Isle of Wight Council"], ["children_in_care"], ALL, ""),
    ("Kingston upon Hull looked after children", ["Hull City Council"], ["children_in_care"], ALL, ""),
    ("Birmingham's budget overspend", [BIRMINGHAM], ["budget"], ALL, ""),
    ("unallocated cases in Essex and Kent", [ESSEX, "Kent County Council"], ["unallocated_cases"], ALL, ""),
    ("Bucks job cuts", ["Buckinghamshire Council", "Buckinghamshire County Council"], ["job_cuts"], ALL, ""),  # one place over time
    # measures by label, synonym and plural
    ("looked-after children in Essex", [ESSEX], ["children_in_care"], ALL, ""),
    ("LAC Birmingham", [BIRMINGHAM], ["children_in_care"], ALL, ""),
    ("what is the number of looked-after children in Essex", [ESSEX], ["children_in_care"], ALL, ""),
    ("how many kids are in care in Birmingham", [BIRMINGHAM], ["children_in_care"], ALL, ""),
    ("overspend at Kent County Council", ["Kent County Council"], ["budget"], ALL, ""),
    ("locums in Hertfordshire", ["Hertfordshire County Council"], ["agency_staff"], ALL, ""),
    ("budget cuts Kent", ["Kent County Council"], ["funding_cut"], ALL, ""),  # the longer name wins
    ("Kent budget", ["Kent County Council"], ["budget"], ALL, ""),
    ("child protection plans Essex", [ESSEX], ["child_protection"], ALL, ""),
    ("waiting times in Birmingham", [BIRMINGHAM], ["waiting_time"], ALL, ""),
    ("new social workers Essex", [ESSEX], ["jobs_created"], ALL, ""),
    ("recruitment in Liverpool", ["Liverpool City Council"], ["jobs_created"], ALL, ""),
    ("staff turnover Essex", [ESSEX], ["staff_turnover"], ALL, ""),
    ("Ofsted rating Northamptonshire", [NORTHANTS], ["ofsted_rating"], ALL, ""),
    ("children without a social worker in Northamptonshire", [NORTHANTS], ["unallocated_cases"], ALL, ""),
    ("cases per social worker in Essex", [ESSEX], ["caseload"], ALL, ""),
    ("can Essex cut jobs", [ESSEX], ["job_cuts"], ALL, ""),
    ("job cuts and agency staff in Essex", [ESSEX], ["job_cuts", "agency_staff"], ALL, ""),
    # years and ranges
    ("Herts agency social workers 2019", ["Hertfordshire County Council"], ["agency_staff"], (2019, 2019), ""),
    ("what is the caseload in Essex in 2019", [ESSEX], ["caseload"], (2019, 2019), ""),
    ("how many job cuts in Liverpool since 2018", ["Liverpool City Council"], ["job_cuts"], (2018, 2024), ""),
    ("job losses at Essex County Council 2017-2020", [ESSEX], ["job_cuts"], (2017, 2020), ""),
    ("Essex vacancies 2017/18", [ESSEX], ["vacancies"], (2017, 2018), ""),
    ("vacancy rate Essex between 2016 and 2019", [ESSEX], ["vacancies"], (2016, 2019), ""),
    ("spending cuts in Birmingham after 2019", [BIRMINGHAM], ["funding_cut"], (2020, 2024), ""),
    ("children in care before 2015", [], ["children_in_care"], (2010, 2014), ""),
    ("Northants unallocated 2019", [NORTHANTS], ["unallocated_cases"], (2019, 2019), ""),
    ("2019", [], [], (2019, 2019), ""),
    # words left for full-text search
    ("foster carers", [], [], ALL, "foster carers"),
    ("the number of foster carers in Essex", [ESSEX], [], ALL, "foster carers"),
    ("turnover of social workers in Essex", [ESSEX], ["staff_turnover"], ALL, ""),
    ("agency staff in London", [], ["agency_staff"], ALL, "London"),  # thirty-odd boroughs: a word, not a council
    ("all caseloads", [], ["caseload"], ALL, ""),  # "all" is not Allerdale's code ALL
    ("how many new social workers in Reading", ["Reading Borough Council"], ["jobs_created"], ALL, ""),
    ("caseloads down in Essex", [ESSEX], ["caseload"], ALL, "down"),  # not Down District Council
    ("reading the caseloads in Essex", [ESSEX], ["caseload"], ALL, "reading"),
    ("how many", [], [], ALL, ""),
    ("Essex", [ESSEX], [], ALL, ""),
]


@pytest.mark.parametrize("q,councils,measures,years,text", PHRASINGS, ids=[p[0] for p in PHRASINGS])
def test_reads_the_question(reader, q, councils, measures, years, text):
    reading = reader.read(q)
    assert [NAMES[c] for c in reading.councils] == councils
    assert reading.measures == measures
    assert reading.years == (list(range(years[0], years[1] + 1)) if years else [])
    assert reading.text == text
    assert not reading.choices


def test_there_are_forty_phrasings_or_more():
    assert len(PHRASINGS) >= 40


def test_a_name_of_several_councils_is_a_choice(reader):
    reading = reader.read("overspend Sussex")
    assert reading.councils == [] and reading.measures == ["budget"]
    [(written, codes)] = reading.choices
    assert written == "Sussex"
    assert sorted(NAMES[c] for c in codes) == ["East Sussex County Council", "Mid Sussex District Council", "West Sussex County Council"]
    assert reading.as_json()["choices"] == [{"written": "Sussex", "councils": codes}]


def test_an_abolished_council_brings_in_its_successors(reader):
    reading = reader.read("agency staff Northants")
    assert reading.successors == {c: "E10000021" for c in SUCCESSORS["E10000021"]}
    assert {NAMES[c] for c in reading.successors} == {"North Northamptonshire Council", "West Northamptonshire Council"}
    assert reader.read("North Northants caseloads").successors == {}  # a current council brings in none


@pytest.mark.parametrize("q", ["how many new social workers in Essex", "social work in the North", "three posts cut at the high school", "all can cat bar"])
def test_common_words_inside_names_are_not_councils(reader, q):
    """'new' (New Forest), 'north', 'three' (Three Rivers), 'high' (High Peak); 'all', 'can'
    spelled in lower case are words, not register codes."""
    assert reader.read(q).councils in ([], ["E10000012"])
    assert not reader.read(q).choices


def test_nothing_recognised_is_a_plain_search(reader):
    reading = reader.read("foster carers and adoptions")
    assert not reading.recognised and reading.as_json()["plain_text_search"] is True
    assert reading.words == ["foster", "carers", "adoptions"]
    assert reader.read("Essex foster carers").recognised


def test_each_part_can_be_dropped(reader):
    reading = reader.read("unallocated cases in Northamptonshire since 2018 foster")
    dropped = {p.kind: reading.without(p) for p in reading.parts}
    assert dropped == {
        "measure": "in Northamptonshire since 2018 foster",
        "council": "unallocated cases in since 2018 foster",
        "years": "unallocated cases in Northamptonshire foster",
        "text": "unallocated cases in Northamptonshire since 2018",
    }
    assert reader.read(dropped["years"]).years == []


def test_a_synonym_is_data(reader):
    """A synonym added to the measures (as to data/measures.yml) is understood, no Python."""
    measures = publish._measure_rows()
    assert reader.read("children looked after by Essex").measures == ["children_in_care"]
    assert reader.read("corporate parenting Essex").measures == []
    for m in measures:
        if m["id"] == "children_in_care":
            m["synonyms"] += "|corporate parenting"
    resolver = reader.councils
    assert query_reader.QueryReader(resolver, measures, SUCCESSORS, SPAN).read("corporate parenting Essex").measures == ["children_in_care"]


def test_no_name_means_two_measures(reader):
    assert reader.conflicts == []


def test_plurals_fold_and_words_keep_their_meaning():
    fold = query_reader.fold
    assert [fold(w) for w in ["caseloads", "redundancies", "losses", "children", "Essex's", "cases", "kids", "analysis", "staff"]] == [
        "caseload", "redundancy", "loss", "child", "essex", "case", "kid", "analysis", "staff"
    ]


def test_measures_file_synonyms_are_a_list_of_phrases():
    data = yaml.safe_load(MEASURES_FILE.read_text())
    assert all(m.get("synonyms") for m in data["measures"]), "every measure says what people call it"
    assert Measures(data).measures[0].synonyms == data["measures"][0]["synonyms"]
    bad = copy.deepcopy(data)
    bad["measures"][0]["synonyms"] = "redundancies"
    with pytest.raises(MeasuresError, match="synonyms must be a list"):
        Measures(bad)


@pytest.mark.parametrize(
    "q,measures,words",
    [
        ("children waiting for a social worker in Northamptonshire", ["unallocated_cases"], ""),
        ("staff made redundant in Northamptonshire", ["job_cuts"], ""),
        ("posts to be cut in Northamptonshire", ["job_cuts"], ""),
        ("children with no social worker Northants", ["unallocated_cases"], ""),
        ("vacant social work posts Essex", ["vacancies"], "social work"),
        ("social workers leaving Essex", ["staff_turnover"], ""),
        ("care leavers in Essex", [], "care leavers"),  # young people leaving care, not staff
        ("children leaving care in Essex", [], "children leaving care"),
        ("Essex CC caseloads", ["caseload"], ""),
        ("Essex waiting times for assessments", ["waiting_time"], ""),  # one measure, not referrals too
    ],
)
def test_more_ways_of_saying_a_measure(reader, q, measures, words):
    reading = reader.read(q)
    assert reading.measures == measures and reading.text == words
    assert len(reading.councils) == 1


def test_months_and_recent_years():
    import datetime

    reader = query_reader.QueryReader(load_plugin("council_names").EMPTY, [], {}, SPAN)
    assert reader.read("March 2019").years == [2019] and reader.read("March 2019").text == ""
    this_year = datetime.date.today().year
    assert reader.read("in the last three years").years == [this_year - 2, this_year - 1, this_year]
    assert reader.read("last year").years == [this_year - 1]
