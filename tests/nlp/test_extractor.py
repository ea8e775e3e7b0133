"""The Extractor contract the CLI and the database code call (see BRIEF.md)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from councilfacts.nlp.extractor import FIELDS, DocInput, Extractor

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
OFSTED = SHARED / "realworld" / "ofsted"

TEXT = (
    "Council to axe 64 jobs\n\n"
    "Northamptonshire County Council will make 64 family support workers redundant on March 14, "
    "and is replacing them with 14 trainee social workers.\n"
    "For details call 0300 123 1231. The council's deficit is £2.3m in 2023/24."
)


@pytest.fixture(scope="module")
def extractor():
    return Extractor()


def test_fields_offsets_and_values(extractor):
    facts = extractor.extract_one(DocInput(text=TEXT, date="2013-02-01", kind="news"))
    assert facts, "no facts"
    for f in facts:
        assert tuple(f) == FIELDS
        assert f["sentence"] == TEXT[f["sentence_start"]:f["sentence_end"]]
        assert f["figure"] == TEXT[f["figure_start"]:f["figure_end"]]
        assert f["sentence_start"] <= f["figure_start"] < f["figure_end"] <= f["sentence_end"]
        assert math.isfinite(f["value"])
    got = {(f["measure"], f["value"]) for f in facts}
    assert ("job_cuts", 64.0) in got and ("jobs_created", 14.0) in got and ("budget", 2_300_000.0) in got
    assert not any(f["figure"] in {"0300", "123", "1231", "2023", "14"} and f["measure"] != "jobs_created" for f in facts)
    made = next(f for f in facts if f["measure"] == "job_cuts" and "redundant" in f["sentence"])
    assert made["period"] == "2013-03-14"
    assert made["body"] == "Northamptonshire County Council" and made["body_code"] == "E10000021"
    assert made["unit"] == "people" and made["subject"] == "family support workers"


def test_streams_in_order_and_batches(extractor):
    docs = [DocInput(text=f"The council will cut {n} posts.", doc_id=str(n)) for n in range(10, 30)]
    seen = []
    for facts in extractor.extract(iter(docs), batch_size=3):
        seen.append([f["value"] for f in facts])
    assert seen == [[float(n)] for n in range(10, 30)]


def test_empty_and_numberless_documents(extractor):
    out = list(extractor.extract([DocInput(text=""), DocInput(text="No figures here."), DocInput(text="   \n\n ")]))
    assert out == [[], [], []]


def test_all_figures_adds_other(extractor):
    text = "The council has 140 apartments and cut 64 posts."
    plain = extractor.extract_one(DocInput(text=text))
    every = extractor.extract_one(DocInput(text=text, all_figures=True))
    assert [f["measure"] for f in plain] == ["job_cuts"]
    assert sorted(f["measure"] for f in every) == ["job_cuts", "other"]


def test_page_numbers_from_page_starts(extractor):
    text = "First page text.\n\fThe council will cut 64 posts."
    facts = extractor.extract_one(DocInput(text=text, page_starts=[0, text.index("\f") + 1]))
    assert facts[0]["page"] == 2


def test_version_is_stable(extractor):
    assert extractor.version == Extractor().version
    assert extractor.version.startswith("councilfacts-extractor/")


def test_council_hint_gives_the_body(extractor):
    facts = extractor.extract_one(DocInput(text="The council will cut 64 posts.", council="E10000021"))
    assert facts[0]["body_code"] == "E10000021"


@pytest.mark.skipif(not OFSTED.exists(), reason=f"shared Ofsted fixtures not found at {OFSTED}")
def test_ofsted_report_gives_judgements_and_no_junk(extractor):
    text = (OFSTED / "ilacs_bcp_2022-02-11.pypdf.txt").read_text(encoding="utf-8")
    facts = extractor.extract_one(DocInput(text=text, kind="ofsted_report"))
    ratings = [f for f in facts if f["measure"] == "ofsted_rating"]
    assert ratings and all(f["value"] is None for f in ratings)
    assert {f["subject"] for f in ratings} <= {"outstanding", "good", "requires improvement", "inadequate"}
    assert [f for f in facts if f["measure"] != "ofsted_rating"] == []  # list numbers, dates, phones: nothing


@pytest.mark.skipif(not OFSTED.exists(), reason=f"shared Ofsted fixtures not found at {OFSTED}")
def test_ofsted_sif_figures(extractor):
    text = (OFSTED / "sif_birmingham_2016-11-25.pypdf.txt").read_text(encoding="utf-8")
    facts = extractor.extract_one(DocInput(text=text, kind="ofsted_report", all_figures=True))
    got = {(f["measure"], f["value"]) for f in facts}
    assert ("child_protection", 854.0) in got and ("children_in_care", 1816.0) in got
    for f in facts:
        if f["figure_start"] is not None:
            assert f["figure"] == text[f["figure_start"]:f["figure_end"]]
    assert not any(f["figure"] in {"0300", "2016", "31"} for f in facts)


WORDS = st.sampled_from([
    "the", "council", "cut", "64", "posts", "£147m", "a third", "of", "staff", "between", "11", "and", "16",
    "cases", "2023/24", "0300 123 1231", "more than", "almost", "agency", "social workers", "\n", "\n\n", ".",
    "Northamptonshire", "County Council", "children", "in care", "per cent", "weeks", "1.", "aged", "£", "%",
    "“", "”", "-", "sixty-four", "half", "redundant", "were", "made", "waited", "days", "Ofsted", "inadequate",
])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(WORDS, max_size=60).map(" ".join), st.booleans())
def test_extractor_never_crashes_offsets_hold(extractor, text, all_figures):
    for f in extractor.extract_one(DocInput(text=text, all_figures=all_figures)):
        if f["figure_start"] is None:
            continue
        assert f["sentence"] == text[f["sentence_start"]:f["sentence_end"]]
        assert f["figure"] == text[f["figure_start"]:f["figure_end"]]
        assert f["value"] is None or math.isfinite(f["value"])
        assert f["value_max"] is None or math.isfinite(f["value_max"])


@pytest.mark.parametrize(
    "text, measure, value",
    [
        # a sentence that restates the figure before it, in another unit of the same measure
        ("The council employs 140 agency social workers. That is a rate of 23.3%.", "agency_staff", 23.3),
        # ... after a time adverbial, or as "the average"
        ("The council has 520 children on protection plans. Two years ago it was 430.", "child_protection", 430),
        ("Social workers in the team hold 23 cases each. While the average is 19, some hold more.", "caseload", 19),
        # ... after a place or a time it is compared with
        ("Dundee had 160 children on the child protection register. In neighbouring Angus, the figure was 63.",
         "child_protection", 63),
        ("Hull had 390 children on protection plans in March. At the same point in 2013 there were 352.", "child_protection", 352),
        # a part of the figure before
        ("The council will cut 45 posts in children's services. Twelve of those are family support workers.", "job_cuts", 12),
    ],
)
def test_a_sentence_that_refers_back_takes_the_measure_before(extractor, text, measure, value):
    facts = extractor.extract_one(text)
    assert (measure, value) in {(f["measure"], f["value"]) for f in facts}, facts


@pytest.mark.parametrize(
    "text, measure, value",
    [
        # the figure a later "up from" was compared with, its own clause cut short by the parse
        ("Figures presented to the committee on Tuesday showed 428 cases had no named social worker on June 30, "
         "up from 175 in January.", "unallocated_cases", 428),
        # the level a change led to
        ("The county has also seen a 12% rise in referrals to its front door, to 6,140 in the last year.", "referrals", 6140),
    ],
)
def test_figures_tied_to_a_classified_figure_in_their_sentence(extractor, text, measure, value):
    facts = extractor.extract_one(text)
    assert (measure, value) in {(f["measure"], f["value"]) for f in facts}, facts


def test_a_staff_total_with_its_agency_part_in_brackets_is_not_agency_staff(extractor):
    facts = extractor.extract_one("Children in care team: 16 social workers (6 agency workers), 13 cases each on average.")
    assert [f["value"] for f in facts if f["measure"] == "agency_staff"] == [6]


def test_a_total_found_past_a_broken_parse_keeps_the_words_up_to_its_verb(extractor):
    # the parser takes "becoming" for the verb: "subjects of protection plans" still says what is counted
    facts = extractor.extract_one("Figures show that the number of children becoming subjects of protection plans in England "
                                  "rose from 34,000 in the year ending 31 March 2008 to 37,900 in 2009.")
    assert [(f["measure"], f["value"]) for f in facts] == [("child_protection", 34000), ("child_protection", 37900)]


def test_a_move_of_a_total_reads_the_total_not_the_figure_before(extractor):
    facts = extractor.extract_one("There were 24 new starters last year, bringing the number of full-time social workers to 248.")
    assert [(f["measure"], f["value"]) for f in facts] == [("jobs_created", 24)]


def test_a_bare_figure_of_a_move_counts_what_the_change_is_in(extractor):
    facts = extractor.extract_one("Councillor Ian Dunbar referred to the increase in child protection registrations "
                                  "during the latter part of 2013 from 58 to 158.")
    assert [(f["measure"], f["value"]) for f in facts] == [("child_protection", 58), ("child_protection", 158)]
    # ... through a total, whose words say what is counted: "the number of children on the register"
    facts = extractor.extract_one("End of year figures also show reductions in the number of children on the Child Protection "
                                  "Register over the last four years from 288 in 2016 to 121 in 2019.")
    assert [(f["measure"], f["value"]) for f in facts] == [("child_protection", 288), ("child_protection", 121)]
    # a change verb is not a change noun: "risen in children's services" says where, not what
    facts = extractor.extract_one("Vacancies have risen in children's services, from 210 to 263 posts.")
    assert [(f["measure"], f["value"]) for f in facts] == [("vacancies", 210), ("vacancies", 263)]


def test_a_figure_and_the_one_it_is_compared_with_in_brackets_count_the_noun_after_them(extractor):
    facts = extractor.extract_one("There are 421 (359 at 31 March 2017) children on the Child Protection Register.")
    assert [(f["measure"], f["value"]) for f in facts] == [("child_protection", 421), ("child_protection", 359)]
    # ... whatever sign the aside holds
    facts = extractor.extract_one("The first slide showed that Trafford had 250 (+/- 4%) Child Protection Plans (CPPs) on average.")
    assert [(f["measure"], f["value"]) for f in facts] == [("child_protection", 250)]


def test_list_items_sharing_one_head_noun_count_that_noun(extractor):
    facts = extractor.extract_one("At the time of responding, Cardiff Council had 50 children's social worker "
                                  "and 16 adult social worker vacancies.")
    assert [(f["measure"], f["value"]) for f in facts] == [("vacancies", 50), ("vacancies", 16)]


def test_figures_listed_respectively_count_the_nouns_of_their_subject_in_order(extractor):
    facts = extractor.extract_one("Initial assessments and core assessments undertaken in September had been 155 and 78 respectively.")
    assert [(f["measure"], f["value"], f["subject"]) for f in facts] == [
        ("referrals", 155, "initial assessments"), ("referrals", 78, "core assessments")]


@pytest.mark.parametrize("text, values", [
    ("The Northern trust also had 139 unallocated Looked After Children cases.", [139]),
    ("Members noted there were 2 unallocated looked after children cases.", [2]),
    # list items sharing the head noun and the predicate after it
    ("Members noted that as at 25 May there were 2 child protection and 5 looked after children cases unallocated.", [2, 5]),
])
def test_counts_whose_modifiers_the_parser_tore_off(extractor, text, values):
    assert [f["value"] for f in extractor.extract_one(text) if f["measure"] == "unallocated_cases"] == values


def test_a_level_compared_with_is_not_the_cut_a_dash_adds(extractor):
    facts = extractor.extract_one("The new structure will have 117.2 full time equivalent posts, compared to the current "
                                  "177.5 FTE posts in children's centres - a loss of just over 60 FTE posts.")
    assert [(f["measure"], f["value"], f["qualifier"]) for f in facts] == [("job_cuts", 60, "more_than")]


def test_a_level_as_high_as_counts_the_subject_of_its_verb(extractor):
    facts = extractor.extract_one("Mr Trainer added: \u201cIn terms of managing the current work, our vacancies were as high as 33 per cent.\u201d")
    assert [(f["measure"], f["value"]) for f in facts] == [("vacancies", 33)]
    # ... not a verb another figure holds: "some as many as 55" is the 40's ellipsis
    facts = extractor.extract_one("Most social workers were responsible for over 40 children, and some as many as 55.")
    assert [(f["measure"], f["value"]) for f in facts] == [("caseload", 40), ("caseload", 55)]


def test_what_a_figure_counts_stops_at_a_dash(extractor):
    from councilfacts.nlp.extractor import DocInput

    facts = extractor.extract_one(DocInput(text="Social Worker Vacancies At Crisis Point - 41% Vacant Posts - Agency Workers "
                                                "Cost Over £1million", all_figures=True))
    assert [f["subject"] for f in facts if f["value"] == 41] == ["posts"]


def test_a_with_phrase_states_a_level(extractor):
    facts = extractor.extract_one("The Western Trust has warned that pressure is mounting on its children and family services, "
                                  "with over 520 children now in care.")
    assert [(f["measure"], f["value"], f["qualifier"]) for f in facts] == [("children_in_care", 520, "more_than")]


def test_a_vacancy_rate_does_not_make_its_base_vacancies(extractor):
    facts = extractor.extract_one("This figure includes 230 FTE Child Health posts, with a vacancy rate of 8%.")
    assert [(f["measure"], f["value"]) for f in facts] == [("vacancies", 8)]
    # a part of another figure is not an ellipsis of the one before
    facts = extractor.extract_one("Of the 12 posts, four were vacant and two of the remaining eight had been offered redeployment.")
    assert [(f["measure"], f["value"]) for f in facts] == [("vacancies", 4)]


def test_the_budget_a_cut_is_taken_from_is_not_the_cut(extractor):
    facts = extractor.extract_one("In total, the county council is looking to cut £63 million from its total £500 million annual budget by 2023.")
    assert [(f["measure"], f["value"]) for f in facts] == [("funding_cut", 63_000_000), ("budget", 500_000_000)]


def test_a_per_head_word_after_another_figure_does_not_veto_a_budget(extractor):
    facts = extractor.extract_one("In July, Manchester city council announced plans to invest £10m in order to cut the average "
                                  "number of caseloads from 24 to 18 per social worker.")
    assert ("budget", 10_000_000) in {(f["measure"], f["value"]) for f in facts}
    # right after the money it is a unit cost
    facts = extractor.extract_one("The council's budget for agency staff pays £1,200 per week for each locum.")
    assert "budget" not in {f["measure"] for f in facts}


def test_a_range_counts_the_compound_noun_after_it(extractor):
    facts = extractor.extract_one("Welsh local government leaders are predicting between 2,000 and 4,000 job losses, "
                                  "including 400 in Powys and 300 in Cardiff.")
    assert [(f["measure"], f["value"], f["value_max"]) for f in facts] == [
        ("job_cuts", 2000, 4000), ("job_cuts", 400, None), ("job_cuts", 300, None)]


def test_a_total_written_in_words_is_not_a_figure_of_its_own(extractor):
    facts = extractor.extract_one("Three of the eight people in my team have left since Christmas.")
    assert 8 not in {f["value"] for f in facts}


def test_a_list_item_takes_the_measure_of_the_item_before_only_in_a_list(extractor):
    facts = {(f["measure"], f["value"]) for f in extractor.extract_one(
        "The cuts include 17 family support workers and 12 youth workers.")}
    assert {("job_cuts", 17), ("job_cuts", 12)} <= facts
    facts = {(f["measure"], f["value"]) for f in extractor.extract_one(
        'She said: "I had 35 cases at one point last year and two team managers in six months."')}
    assert ("caseload", 35) in facts and ("caseload", 2) not in facts


def test_a_story_about_an_ofsted_report_keeps_the_grade_it_reports():
    from councilfacts.nlp.extractor import _looks_ofsted

    story = ("Newham downgraded to inadequate\n\nInspectors have downgraded the department to \"inadequate\" for overall "
             "effectiveness, Ofsted said in a report published on Tuesday.")
    report = "Inspection of looked after children services\nMedway Council\nInspection dates: 15-19 July 2013\nwww.ofsted.gov.uk"
    assert not _looks_ofsted(story) and _looks_ofsted(report)
    facts = Extractor().extract_one(DocInput(text=story))
    assert [(f["subject"], f["judgement"]) for f in facts if f["measure"] == "ofsted_rating"] == [("inadequate", "overall_effectiveness")]


def test_a_news_story_is_about_the_council_it_names_and_a_paper_about_its_source_council():
    ex = Extractor()
    about_kirklees = "Kirklees Council to cut 40 jobs\n\nKirklees Council will cut 40 jobs in children's services."
    naming_none = "Jobs to go\n\nThe council will cut 40 jobs in children's services."
    bodies = lambda d: {f["body"] for f in ex.extract_one(d) if f["measure"] == "job_cuts"}  # noqa: E731
    assert bodies(DocInput(text=about_kirklees, kind="news", council="Leeds")) == {"Kirklees Council"}
    assert bodies(DocInput(text=naming_none, kind="news", council="Leeds")) == {"Leeds City Council"}
    assert bodies(DocInput(text=naming_none, kind="committee_paper", council="Leeds")) == {"Leeds City Council"}


def test_a_story_opening_in_capitals_is_parsed_in_sentence_case(extractor):
    # local papers capitalise a story's first word; the parser would take it for a name
    facts = extractor.extract_one("TWENTY one new social workers will be recruited to help reduce workloads.")
    assert [(f["measure"], f["value"], f["evidence"] if "evidence" in f else f["sentence"]) for f in facts] == [
        ("jobs_created", 21, "TWENTY one new social workers will be recruited to help reduce workloads.")]


def test_a_bare_of_after_a_total_counts_the_noun_after_it(extractor):
    # the parser takes "looked" for a verb and leaves "of" without its object
    facts = extractor.extract_one("A report says the average number of looked after children between September 2009 and "
                                  "September 2011 was 85.")
    assert [(f["measure"], f["value"]) for f in facts] == [("children_in_care", 85)]


def test_a_share_a_total_moved_by_counts_what_the_total_counts(extractor):
    facts = extractor.extract_one("There are still more children in need: the number of looked-after children increased by "
                                  "3 per cent from the previous year, to 11,200 in 2001-02.")
    assert [(f["measure"], f["value"], f["unit"]) for f in facts] == [("children_in_care", 3, "percent"),
                                                                    ("children_in_care", 11200, "children")]


def test_a_time_after_a_share_is_not_what_it_counts(extractor):
    facts = extractor.extract_one("Almost one in five (19%) of the social workers surveyed said they planned to leave. "
                                  "This was up from 12% last year.")
    assert ("survey_share", 12) in {(f["measure"], f["value"]) for f in facts}


def test_at_risk_before_the_noun_is_a_modifier(extractor):
    facts = extractor.extract_one("260 ‘at risk’ children have no social worker")
    assert [(f["measure"], f["value"]) for f in facts] == [("unallocated_cases", 260)]


def test_the_headcount_leavers_are_set_against_is_no_turnover(extractor):
    facts = extractor.extract_one("The turnover rate for directly employed as at:\n\n"
                                  "2015 – 2016              14.0% turnover (40 SW leavers against 285 average headcount)\n")
    assert [(f["measure"], f["value"]) for f in facts] == [("staff_turnover", 14), ("staff_turnover", 40)]


def test_the_figure_is_the_total_its_sentence_named_before(extractor):
    facts = extractor.extract_one("There had been an increase in the number of children subject to a Child Protection Plan (CPP), "
                                  "with the figure rising from 313 – 380.")
    assert [(f["measure"], f["value"]) for f in facts] == [("child_protection", 313), ("child_protection", 380)]


def test_a_list_item_is_read_after_the_line_that_leads_it(extractor):
    text = ("Proposed post reductions\n\nThe reductions include:\n\n  • 54.4 posts in Adult Social Care\n\n"
            "  • 36 posts in Children, Families and Cultural Services\n\nConsultation\n\nThe 90-day consultation began.")
    facts = extractor.extract_one(text)
    assert [(f["measure"], f["value"], text[f["figure_start"]:f["figure_end"]], f["sentence"]) for f in facts] == [
        ("job_cuts", 54.4, "54.4", "• 54.4 posts in Adult Social Care"),
        ("job_cuts", 36, "36", "• 36 posts in Children, Families and Cultural Services")]
    # a list under a line that leads nothing ("Consultation") reads as it stands
    assert extractor.extract_one("Staffing\n\n• 36 posts in Children, Families and Cultural Services") == []


def test_a_bare_count_before_its_participle_counts_the_noun_named_before(extractor):
    facts = extractor.extract_one("They have also been steadily recruiting more social workers each year, with 35 recruited last year.")
    assert [(f["measure"], f["value"]) for f in facts] == [("jobs_created", 35)]


def test_minutes_naming_the_inspection_framework_are_no_inspection_report(extractor):
    text = ("The Assistant Director submitted a report to update Members on the Ofsted Inspection of Local Authority Children's "
            "Services (ILACS) in Darlington.\n\nIt was reported that Good ratings were received for the impact of leaders and "
            "overall effectiveness.")
    assert [(f["measure"], f["subject"]) for f in extractor.extract_one(text)] == [("ofsted_rating", "good")]



def test_a_noun_inside_the_bracket_after_a_figure_is_not_what_it_counts(extractor):
    facts = extractor.extract_one("Number of social work vacancies in 2021 was 7900 (21% increase from 2021).")
    assert ("vacancies", 7900) in {(f["measure"], f["value"]) for f in facts}
