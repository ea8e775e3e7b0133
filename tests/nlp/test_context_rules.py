"""Each rule of nlp/context_rules.py alone (hand-made readings, no parser), then each
through the whole extractor on its docstring's kind of sentence."""

from __future__ import annotations

import pytest

from councilfacts.nlp import context_rules as cr
from councilfacts.nlp.context_rules import Figure, Sentence, Taken

UNITS = {"caseload": ("cases",), "agency_staff": ("people", "percent"), "referrals": ("cases", "percent"),
         "job_cuts": ("posts", "people"), "child_protection": ("children",), "children_in_care": ("children",),
         "jobs_created": ("people", "posts")}


def sentence(text: str, previous: list[Taken] | None = None, taken: list[Taken] | None = None) -> Sentence:
    return Sentence(text=text, previous=previous or [], unit_of=lambda measure, fig: UNITS[measure][0], units=UNITS,
                    taken=list(taken or []))


def at(text: str, figure: str, **reading) -> Figure:
    start = text.index(figure)
    return Figure(start, start + len(figure), {}, reading)


def test_figure_before_takes_an_ellipsis():
    text = "I have more than 28 cases, and the woman at the next desk has nearly 35"
    s = sentence(text, taken=[Taken("count", "caseload", "cases", "cases", text.index("28") + 2, "cases")])
    m, f = cr.figure_before(at(text, "35", kind="count", inherited=True, counted_text="cases", before="has nearly"), s)
    assert m["measure"] == "caseload" and f["subject"] == "cases"


def test_figure_before_refuses_a_level_aimed_at():
    text = "There are 280 cases, and the aim is to bring that down to 200"
    s = sentence(text, taken=[Taken("count", "caseload", "cases", "cases", 13, "cases")])
    assert cr.figure_before(at(text, "200", kind="count", inherited=True, counted_text="cases", before="down to"), s) is None


def test_figure_before_needs_a_figure_of_the_same_kind():
    text = "561 children on a plan, compared with 12% a year earlier"
    s = sentence(text, taken=[Taken("count", "child_protection", "children", "children", 3, "children")])
    assert cr.figure_before(at(text, "12%", kind="percent", before="compared with"), s) is None


def test_listed_with_takes_the_item_before():
    text = "The cuts include 17 family support workers and 12 youth workers"
    first = Taken("count", "job_cuts", "posts", "family support workers", text.index("17") + 2, "family support workers")
    m, _ = cr.listed_with(at(text, "12", kind="count", counted_text="youth workers"), sentence(text, taken=[first]))
    assert m["measure"] == "job_cuts" and m["rule"] == "listed with"


def test_listed_with_shares_new_written_on_the_first_item():
    text = "I am delighted to welcome the 14 new Social Workers and 4 Team Managers"
    first = Taken("count", "jobs_created", "people", "new social workers", text.index("14") + 2, "new social workers")
    four = text.index("4 Team")
    m, _ = cr.listed_with(Figure(four, four + 1, {}, {"kind": "count", "counted_text": "team managers"}), sentence(text, taken=[first]))
    assert m["measure"] == "jobs_created"


def test_listed_with_wants_nothing_but_the_noun_between():
    text = "The cuts include 17 family support workers, while the council hired 12 youth workers"
    first = Taken("count", "job_cuts", "posts", "family support workers", text.index("17") + 2, "family support workers")
    assert cr.listed_with(at(text, "12", kind="count", counted_text="youth workers"), sentence(text, taken=[first])) is None


def test_level_after_change_takes_the_change_measure():
    text = "There was a 12% rise in referrals in the year, to 6,140"
    change = Taken("percent", "referrals", "percent", "referrals", text.index("12%") + 3, "referrals")
    m, f = cr.level_after_change(at(text, "6,140", kind="count"), sentence(text, taken=[change]))
    assert m["measure"] == "referrals" and m["unit"] == "cases" and f["subject"] == "referrals"


def test_level_after_change_needs_the_change_before():
    text = "There were 6,140 referrals in the year, to March"
    assert cr.level_after_change(at(text, "6,140", kind="count"), sentence(text)) is None


def test_part_of_before_reads_a_part_of_the_last_sentence_figure():
    text = "Twelve of those are family support workers."
    before = [Taken("count", "job_cuts", "posts", "posts", 10, "posts")]
    m, _ = cr.part_of_before(at(text, "Twelve", kind="count", counted_text="family support workers"), sentence(text, before))
    assert m["measure"] == "job_cuts"


def test_part_of_before_only_at_the_sentence_start():
    text = "The council said that twelve of those are family support workers."
    before = [Taken("count", "job_cuts", "posts", "posts", 10, "posts")]
    assert cr.part_of_before(at(text, "twelve", kind="count"), sentence(text, before)) is None


def test_refers_back_restates_the_figure_before():
    text = "That is a rate of 23.3%."
    before = [Taken("count", "agency_staff", "people", "agency social workers", 30, "agency social workers")]
    m, f = cr.refers_back(at(text, "23.3%", kind="percent", counted_text="a rate"), sentence(text, before))
    assert m["measure"] == "agency_staff" and f["subject"] == "agency social workers"


def test_refers_back_refuses_a_figure_counting_something_else():
    text = "That is 40 more foster carers than last year."
    before = [Taken("count", "agency_staff", "people", "agency social workers", 30, "agency social workers")]
    assert cr.refers_back(at(text, "40", kind="count", counted_text="more foster carers"), sentence(text, before)) is None


def test_compared_later_gives_the_first_figure_the_later_ones_measure():
    text = "428 cases had no named social worker, up from 175"
    first = at(text, "428", kind="count", counted_text="cases")
    later = Figure(text.index("175"), text.index("175") + 3, {"measure": "unallocated_cases", "unit": "cases"},
                   {"kind": "count", "counted_text": "cases", "inherited": True, "before": "up from"})
    cr.compared_later([first, later], text)
    assert first.measure["measure"] == "unallocated_cases"
    # a bare figure, right before the one it is compared with
    text = "contact referral forms submitted - 1,575 in quarter two 2021/22 compared to 1,287 the previous year"
    first = at(text, "1,575", kind="count")
    later = Figure(text.index("1,287"), text.index("1,287") + 5, {"measure": "referrals", "unit": "cases"},
                   {"kind": "count", "counted_text": "contact referral forms"})
    cr.compared_later([first, later], text)
    assert first.measure["measure"] == "referrals"
    # ... never one with words of its own between
    first = at(text, "1,575", kind="count")
    cr.compared_later([first, later], text.replace("compared to", "while officers compared to"))
    assert first.measure == {}


def test_moved_from_later_gives_the_start_of_a_move_the_measure_of_its_end():
    text = "vacancies rose in children's services, from 210 to 263 posts"
    start = at(text, "210", kind="count", counted_text="", before="children's services, from")
    end = Figure(text.index("263"), text.index("263") + 3, {"measure": "vacancies", "unit": "posts"},
                 {"kind": "count", "counted_text": "posts", "subject": "posts", "before": "from 210 to"})
    cr.moved_from_later([start, end], text)
    assert start.measure["measure"] == "vacancies" and start.measure["rule"] == "moved from"


def test_moved_from_later_needs_only_to_between():
    text = "from 210 in the city, while 263 posts were vacant"
    start = at(text, "210", kind="count", counted_text="", before="from")
    end = Figure(text.index("263"), text.index("263") + 3, {"measure": "vacancies", "unit": "posts"},
                 {"kind": "count", "counted_text": "posts"})
    cr.moved_from_later([start, end], text)
    assert start.measure == {}


@pytest.mark.parametrize("text, figure, before", [
    ("the national rate was 15.4%, with the rate in Cumbria standing at 8.4%", "8.4%", "with the rate in cumbria standing at"),
    ("more than 6,500 vacancies - with 43 advertised in Cumbria", "43", "6,500 vacancies - with"),
])
def test_figure_before_takes_the_same_figure_for_another_place_or_a_part(text, figure, before):
    kind = "percent" if figure.endswith("%") else "count"
    s = sentence(text, taken=[Taken(kind, "agency_staff", "people", "rate", 10, "vacancies" if kind == "count" else None)])
    m, _ = cr.figure_before(at(text, figure, kind=kind, before=before), s)
    assert m["rule"] == "the figure before it"


def test_a_figure_holding_the_next_takes_no_measure_from_the_list():
    text = "10 unallocated cases, eight had between 10 and 20, five had 20 to 30"
    first = Figure(0, 2, {"measure": "unallocated_cases", "unit": "cases"}, {"kind": "count", "counted_text": "unallocated cases"})
    figs = [first] + [at(text, w, kind="count", holds_figure=h, inherited=not h, counted_text="" if h else "unallocated cases")
                      for w, h in (("eight", True), ("between 10 and 20", False), ("five", True), ("20 to 30", False))]
    for f in figs[2::2]:
        f.measure = {"measure": "unallocated_cases", "unit": "cases"}
    s = sentence(text)
    cr.link_sentence(figs, s)
    assert [f.measure.get("measure") for f in figs] == ["unallocated_cases", None, "unallocated_cases", None, "unallocated_cases"]


def test_link_sentence_applies_rules_in_order_and_remembers_what_it_took():
    text = "I have more than 28 cases, and the woman at the next desk has nearly 35"
    first = Figure(text.index("28"), text.index("28") + 2, {"measure": "caseload", "unit": "cases"},
                   {"kind": "count", "counted_text": "cases", "subject": "cases"})
    second = at(text, "35", kind="count", inherited=True, counted_text="cases", before="has nearly")
    s = sentence(text)
    cr.link_sentence([first, second], s)
    assert [t.measure for t in s.taken] == ["caseload", "caseload"]
    assert second.measure["rule"] == "the figure before it"


@pytest.fixture(scope="module")
def extractor():
    from councilfacts.nlp.extractor import Extractor

    return Extractor()


@pytest.mark.parametrize("text, value, measure", [
    ("Social worker Jo Smith said: 'I have more than 28 cases, and the woman at the next desk has nearly 35.'",
     35, "caseload"),
    ("The cuts include 17 family support workers and 12 youth workers, the council said.", 12, "job_cuts"),
    ("The council employs 140 agency social workers in children's services. That is a rate of 23.3%.",
     23.3, "agency_staff"),
    ("Figures show 428 cases had no named social worker in March, up from 175 a year before.", 428, "unallocated_cases"),
    ("Vacancies have risen in children's services over the same period, from 210 to 263 posts.", 210, "vacancies"),
    ("At 15.4 per cent, the national turn-over rate was the highest since 2017, with the rate in Cumbria standing at "
     "8.4 per cent, up from 7.1 per cent the year before.", 8.4, "staff_turnover"),
    ("There were more than 6,500 vacancies counted last September - with 43 advertised in Cumbria.", 43, "vacancies"),
    ("Council bosses had initially claimed there were only 20 unallocated cases instead of 210.", 210, "unallocated_cases"),
    ("There are now around 690 children in care, a figure which stood at 530 back in 2009.", 530, "children_in_care"),
    # a change set after a level as its aside is the level's, whatever its own words say
    ("Referrals to the child protection register in Edinburgh totalled more than 1800 in the past year, a 20 per cent "
     "increase on 2007.", 20, "referrals"),
    ("The council needs to make £109m of savings over the next financial year, rising to £170m in 2012/13.",
     170_000_000, "funding_cut"),
    ("The average number of days taken to complete an Initial Assessment is now back down to 10 days "
     "(as opposed to 16 days at year-end).", 16, "waiting_time"),
])
def test_rules_through_the_extractor(extractor, text, value, measure):
    facts = extractor.extract_one(text)
    assert any(f["measure"] == measure and f["value"] == value for f in facts), facts


def test_listed_with_refuses_an_item_set_against_the_first():
    text = "The council employs 26 agency social workers and 140 permanent staff"
    first = Taken("count", "agency_staff", "people", "agency social workers", text.index("26") + 2, "agency social workers")
    assert cr.listed_with(at(text, "140", kind="count", counted_text="permanent staff"), sentence(text, taken=[first])) is None


def test_moved_to_takes_the_measure_of_the_level_moved_from():
    text = "The number of children on plans rose from 34,000 in 2008 to 37,900 in 2009"
    start = Taken("count", "child_protection", "children", "children", text.index("34,000") + 6, "children", moved_from=True)
    m, _ = cr.moved_to(at(text, "37,900", kind="count", before="from 34,000 in 2008 to"), sentence(text, taken=[start]))
    assert m["measure"] == "child_protection" and m["rule"] == "moved to"


def test_moved_to_needs_a_level_moved_from():
    text = "There were 34,000 children on plans in 2008, a figure close to 37,900"
    level = Taken("count", "child_protection", "children", "children", text.index("34,000") + 6, "children")
    assert cr.moved_to(at(text, "37,900", kind="count", before="a figure close to"), sentence(text, taken=[level])) is None


def test_part_of_before_within_its_sentence():
    text = "More than 25 library staff will lose their jobs, 15 of them frontline workers"
    whole = Taken("count", "job_cuts", "people", "library staff", text.index("25") + 2, "library staff")
    m, _ = cr.part_of_before(at(text, "15", kind="count", counted_text="frontline workers"), sentence(text, taken=[whole]))
    assert m["measure"] == "job_cuts"


def test_listed_with_takes_a_bare_second_figure_sharing_the_noun():
    text = "Assessments in September had been 155 and 78 respectively"
    first = Taken("count", "referrals", "cases", "assessments", text.index("155") + 3, "assessments")
    m, _ = cr.listed_with(at(text, "78", kind="count"), sentence(text, taken=[first]))
    assert m["measure"] == "referrals"


def test_part_of_before_after_of_these():
    text = "The council employed up to 53 agency staff, of these 44 were social workers"
    whole = Taken("count", "agency_staff", "people", "agency staff", text.index("53") + 2, "agency staff")
    m, _ = cr.part_of_before(at(text, "44", kind="count", counted_text="social workers"), sentence(text, taken=[whole]))
    assert m["measure"] == "agency_staff"


def test_between_alike_takes_the_measure_of_the_figures_around_it():
    text = "with 270 council employees expected to lose their jobs in Leicester, 260 in Hull, 243 in Stoke-on-Trent"
    first = Figure(text.index("270"), text.index("270") + 3, {"measure": "job_cuts", "unit": "people"},
                   {"kind": "count", "counted_text": "council employees", "subject": "council employees"})
    bare = at(text, "260", kind="count")
    last = Figure(text.index("243"), text.index("243") + 3, {"measure": "job_cuts", "unit": "people"},
                  {"kind": "count", "counted_text": "council employees", "inherited": True})
    cr.link_sentence([first, bare, last], sentence(text))
    assert bare.measure["measure"] == "job_cuts" and bare.measure["rule"] == "between alike"


def test_between_alike_needs_the_next_figure_to_agree():
    text = "with 270 council employees expected to lose their jobs in Leicester, 260 in Hull, and 12 new posts"
    first = Figure(text.index("270"), text.index("270") + 3, {"measure": "job_cuts", "unit": "people"},
                   {"kind": "count", "counted_text": "council employees"})
    bare = at(text, "260", kind="count")
    last = Figure(text.index("12"), text.index("12") + 2, {"measure": "jobs_created", "unit": "posts"},
                  {"kind": "count", "counted_text": "new posts"})
    cr.link_sentence([first, bare, last], sentence(text))
    assert bare.measure.get("measure") is None


def test_refers_back_through_a_move_to_a_level():
    text = "This jumped to 5,422 in 2021-22."
    before = [Taken("count", "staff_turnover", "people", "leavers", 30, "leavers")]
    m, _ = cr.refers_back(at(text, "5,422", kind="count"), sentence(text, before))
    assert m["measure"] == "staff_turnover"


def test_figure_before_moved_by_this():
    text = "While councils lost 3,880 staff in the year to 2017, this jumped to 5,422 in 2021-22"
    s = sentence(text, taken=[Taken("count", "staff_turnover", "people", "staff", text.index("3,880") + 5, "staff")])
    m, _ = cr.figure_before(at(text, "5,422", kind="count", before="in the year to 2017, this jumped to"), s)
    assert m["measure"] == "staff_turnover"


def test_figure_before_takes_a_compared_figure_counting_the_same_noun():
    text = "there were 421 children in the looked after population, compared to 290 children in 2015"
    s = sentence(text, taken=[Taken("count", "child_protection", "children", "children", text.index("421") + 3, "children")])
    m, _ = cr.figure_before(at(text, "290", kind="count", counted_text="children", before="population, compared to"), s)
    assert m["measure"] == "child_protection"
    # a compared figure counting something else keeps no measure
    assert cr.figure_before(at(text, "290", kind="count", counted_text="foster carers", before="population, compared to"), s) is None


def test_figure_before_moved_in_the_next_sentence():
    text = "Following the end of the quarter the figure rose to 443 in October 2019"
    before = [Taken("count", "child_protection", "children", "children", 30, "children")]
    m, _ = cr.figure_before(at(text, "443", kind="count", counted_text="figure", before="the quarter the figure rose to"),
                            sentence(text, before))
    assert m["measure"] == "child_protection"
    m, _ = cr.figure_before(at(text, "443", kind="count", before="it had stabilised and reduced to"), sentence(text, before))
    assert m["measure"] == "child_protection"
    # a figure before the move with no figure before it: nothing to lean on
    assert cr.figure_before(at(text, "443", kind="count", before="the figure rose to"), sentence(text)) is None


def test_said_in_same_survey():
    text = "In addition, 68% agreed that social workers were not being given the tools"
    survey = [Taken("percent", "survey_share", "percent", None, 20, None)]
    m, _ = cr.said_in_same_survey(at(text, "68%", kind="percent"), sentence(text, survey))
    assert m["measure"] == "survey_share"
    assert cr.said_in_same_survey(at(text, "68%", kind="percent"), sentence(text)) is None  # no survey before
    other = "In addition, 68% of the budget went on agency staff"
    assert cr.said_in_same_survey(at(other, "68%", kind="percent"), sentence(other, survey)) is None  # not what they said


def test_refers_back_is_not_a_minute_formula():
    before = [Taken("gbp", "budget", "gbp", "cost", 40, None)]
    text = "It was estimated that this initial investment would lead to staff savings of some £1 million each year."
    assert cr.refers_back(at(text, "£1 million", kind="gbp"), sentence(text, before)) is None
    text = "It was £2.1m a year earlier."
    assert cr.refers_back(at(text, "£2.1m", kind="gbp"), sentence(text, before))[0]["measure"] == "budget"


def test_a_figure_holding_the_next_is_not_what_the_next_counts(extractor):
    facts = extractor.extract_one("While 124 local authorities had fewer than 10 unallocated cases, eight had between "
                                  "10 and 20, five had 20 to 30 and three had 40 to 50.")
    got = {(f["measure"], f["value"]) for f in facts}
    assert {("unallocated_cases", 10), ("unallocated_cases", 20), ("unallocated_cases", 40)} <= got
    assert not {("unallocated_cases", 8), ("unallocated_cases", 5), ("unallocated_cases", 3)} & got


def test_a_part_with_no_verb_of_its_own_takes_the_whole_figures_measure():
    text = "25 library staff will lose their jobs, 15 of them frontline workers"
    whole = Figure(0, 2, {"measure": "job_cuts", "unit": "posts"}, {"kind": "count", "counted_text": "library staff", "verb_at": 26})
    part = Figure(text.index("15"), text.index("15") + 2, {"measure": "staff_turnover", "unit": "people"},
                  {"kind": "count", "counted_text": "frontline workers", "verb_at": 26})
    cr.link_sentence([whole, part], sentence(text))
    assert part.measure["measure"] == "job_cuts" and part.measure["rule"] == "part of the figure before"
    # with its own verb it keeps its own reading: "269 of these posts are currently vacant"
    part = Figure(text.index("15"), text.index("15") + 2, {"measure": "staff_turnover", "unit": "people"},
                  {"kind": "count", "counted_text": "frontline workers", "verb_at": 60})
    whole.measure = {"measure": "job_cuts", "unit": "posts"}
    cr.link_sentence([whole, part], sentence(text))
    assert part.measure["measure"] == "staff_turnover"


def test_in_order_respectively_gives_each_figure_the_measure_of_its_place():
    text = "9.5% of posts were unfilled, with 9.6% annual turnover; in adult teams, the figures were 9.4% and 7.8% respectively"
    vac = Figure(0, 4, {"measure": "vacancies", "unit": "percent"}, {"kind": "percent", "counted_text": "posts"})
    turn = Figure(text.index("9.6%"), text.index("9.6%") + 4, {"measure": "staff_turnover", "unit": "percent"},
                  {"kind": "percent", "counted_text": "annual turnover"})
    # the parse gave both the last figure's noun: "respectively" says otherwise
    a, b = (Figure(text.index(v), text.index(v) + 4, {"measure": "staff_turnover", "unit": "percent"},
                   {"kind": "percent", "counted_text": "annual turnover", "inherited": True, "respectively": (k, 2)})
            for k, v in enumerate(("9.4%", "7.8%")))
    cr.link_sentence([vac, turn, a, b], sentence(text))
    assert (a.measure["measure"], b.measure["measure"]) == ("vacancies", "staff_turnover")
    assert a.measure["rule"] == b.measure["rule"] == "respectively"


def test_in_order_respectively_needs_as_many_figures_before():
    text = "registrations and deregistrations fell by 8% and 9% respectively"
    a, b = (at(text, v, kind="percent", respectively=(k, 2)) for k, v in enumerate(("8%", "9%")))
    s = sentence(text)
    s.figures = [a, b]
    assert cr.in_order_respectively(a, s) is None


def test_part_of_before_after_this_included():
    text = "A request showed this included 97 social workers"
    prev = [Taken("count", "agency_staff", "people", "temporary staff", 20, "temporary staff")]
    m, _ = cr.part_of_before(at(text, "97", kind="count", counted_text="social workers"), sentence(text, previous=prev))
    assert m["measure"] == "agency_staff"
    # "which includes" is the noun's before it, not the figure's
    text = "the pathway, which includes 1 child placed with an adopter"
    assert cr.part_of_before(at(text, "1", kind="count", counted_text="child"), sentence(text, previous=prev)) is None
    assert cr.leans_back("A Freedom of Information request showed this included 97 social workers.")


def test_figure_before_takes_a_move_of_the_last_figure_of_the_sentence_before():
    text = "the Trust confirmed the number in April, though the Journal understands that this number has since risen to over 300"
    prev = [Taken("count", "unallocated_cases", "children", "families", 30, "families")]
    m, f = cr.figure_before(at(text, "300", kind="count", before="this number has since risen to over"), sentence(text, previous=prev))
    assert (m["measure"], f["subject"]) == ("unallocated_cases", "families")
    assert cr.leans_back(text)  # parsed, cue words or none, when the sentence before was
    assert not cr.leans_back("The Trust said the number of social workers is 300.")


def test_number_named_before_reads_a_bare_level_against_the_sentence_before():
    text = "A decade ago the total stood at 356"

    def classify(fig, **changes):  # as Measures.classify_as: the reading with some fields changed
        counted = changes.get("counted_text", fig.get("counted_text"))
        return ("children_in_care", "children in care or looked after") if "looked after" in counted else None

    s = sentence(text)
    s.named_before, s.classify = "young people who need to be looked after", classify
    m, f = cr.number_named_before(at(text, "356", kind="count", counted_text="total", before="the total stood at"), s)
    assert (m["measure"], m["rule"], f["subject"]) == ("children_in_care", "the number named before", "young people who need to be looked after")
    # not a figure with its own noun, nor one in no level's place ("April 11 councillors ...")
    assert cr.number_named_before(at(text, "356", kind="count", counted_text="social workers", before="stood at"), s) is None
    assert cr.number_named_before(at(text, "356", kind="count", counted_text="", before="thursday, april"), s) is None


def test_named_number():
    assert cr.named_number("Wales has the highest number of looked-after children on record.") == "looked-after children on record"
    assert cr.named_number("THE number of vulnerable children on the child protection register has soared.") == \
        "vulnerable children on the child protection register"
    assert cr.named_number("Services are stretched.") is None
    # a time after the noun is not what is counted; a relative clause is
    assert cr.named_number("a steady reduction in the number of children on the register over the last 12 months") == \
        "children on the register"
    assert cr.named_number("an ever-increasing number of young people who need to be looked after") == \
        "young people who need to be looked after"


@pytest.mark.parametrize("text, measure, value", [
    ("Wales, of course, has the highest number of looked-after children on record. There were 6,845 children as of "
     "31 March this year.", "children_in_care", 6845),
    ("The number of vulnerable children on the child protection register has soared over the past 15 years.\n\n"
     "Last year some 2,882 were on the list in Scotland.", "child_protection", 2882),
    ("There has been a steady reduction in the number of children on the Child Protection Register over the last 12 months. "
     "End of year figures also show reductions over the last four years from 288 in 2016 to 121 in 2019.", "child_protection", 288),
])
def test_number_named_before_through_the_extractor(extractor, text, measure, value):
    assert (measure, value) in {(f["measure"], f["value"]) for f in extractor.extract_one(text)}


def test_part_of_the_whole_takes_the_measure_of_the_whole_a_sentence_opens_on(extractor):
    facts = extractor.extract_one("Of the 2,215 children currently on the Register just 10 per cent, or 230 children related to "
                                  "the Register for the Western Trust area.")
    assert [(f["measure"], f["value"]) for f in facts] == [("child_protection", 230)]
    # the whole's measure is read in its own words, not its part's predicate
    facts = extractor.extract_one("Of the 12 posts, four were vacant and two of the remaining eight had been offered redeployment.")
    assert [(f["measure"], f["value"]) for f in facts] == [("vacancies", 4)]


def test_restated_in_brackets_takes_the_measure_of_the_figure_it_restates():
    text = "referrals rose by 31% (44) in the Western Trust"
    share = Taken("percent", "referrals", "percent", "referrals", text.index("31%") + 3, None)
    m, f = cr.restated_in_brackets(at(text, "44", kind="count"), sentence(text, taken=[share]))
    assert (m["measure"], m["unit"], m["rule"], f["subject"]) == ("referrals", "cases", "restated in brackets", "referrals")
    # a figure of the same kind in brackets is another figure ("448 (420 in 2019)"), and so is one
    # the brackets do not close right after
    text = "448 children (420) are in care"
    level = Taken("count", "children_in_care", "children", "children", 3, "children")
    assert cr.restated_in_brackets(at(text, "420", kind="count"), sentence(text, taken=[level])) is None
    text = "rose by 31% (44 in the year to March) in total"
    share = Taken("percent", "referrals", "percent", "referrals", text.index("31%") + 3, None)
    assert cr.restated_in_brackets(at(text, "44", kind="count"), sentence(text, taken=[share])) is None
    # nor a share where the measure has no share unit
    text = "caseloads rose to 21 (12%)"
    level = Taken("count", "caseload", "cases", "caseloads", text.index("21") + 2, "caseloads")
    assert cr.restated_in_brackets(at(text, "12%", kind="percent"), sentence(text, taken=[level])) is None


def test_restated_in_brackets_through_the_extractor(extractor):
    facts = extractor.extract_one("Quarterly changes across Trusts showed that referrals rose by 31% (44) in the Western Trust, "
                                  "by 30% (46) in the Northern Trust and by 16% (40) in the South Eastern Trust.")
    assert [(f["measure"], f["value"], f["unit"], f["body"]) for f in facts] == [
        ("referrals", 31, "percent", "Western Health and Social Care Trust"),
        ("referrals", 44, "cases", "Western Health and Social Care Trust"),
        ("referrals", 30, "percent", "Northern Health and Social Care Trust"),
        ("referrals", 46, "cases", "Northern Health and Social Care Trust"),
        ("referrals", 16, "percent", "South Eastern Health and Social Care Trust"),
        ("referrals", 40, "cases", "South Eastern Health and Social Care Trust")]
    facts = extractor.extract_one("The number of children on the register increased by 65 (23%), the largest in any trust area.")
    assert [(f["measure"], f["value"], f["unit"]) for f in facts] == [("child_protection", 65, "children"),
                                                                    ("child_protection", 23, "percent")]


def test_a_figure_equivalent_to_the_one_before_is_the_same_fact(extractor):
    facts = extractor.extract_one("Youngsters in care in West Berkshire have the shortest wait for adoption at 405 days, "
                                  "equivalent to 13.3 months.")
    assert [(f["measure"], f["value"]) for f in facts] == [("waiting_time", 405)]
    # a figure of another measure after "equivalent to" is its own
    facts = extractor.extract_one("The council will cut 120 posts, equivalent to 8% of its workforce.")
    assert ("job_cuts", 120) in {(f["measure"], f["value"]) for f in facts}


def test_listed_before_alike_takes_the_measure_of_the_next_item_of_its_noun():
    text = "with 58 child protection cases and 644 looked-after child cases unallocated to a social worker"
    first, second = at(text, "58", kind="count", counted_text="child protection cases"), \
        at(text, "644", kind="count", counted_text="looked-after child cases")
    second.measure = {"measure": "unallocated_cases", "unit": "cases"}
    cr.listed_before_alike([first, second], text)
    assert first.measure["measure"] == "unallocated_cases"
    # items set against each other, or of another noun, are not alike
    text = "There are 120 social workers and 30 agency social workers"
    first, second = at(text, "120", kind="count", counted_text="social workers"), \
        at(text, "30", kind="count", counted_text="agency social workers")
    second.measure = {"measure": "agency_staff", "unit": "people"}
    cr.listed_before_alike([first, second], text)
    assert first.measure == {}


def test_listed_before_alike_through_the_extractor(extractor):
    facts = extractor.extract_one("Overall, Birmingham was one of the worst offenders, with 58 child protection cases and "
                                  "644 looked-after child cases unallocated to a social worker.")
    assert [(f["measure"], f["value"]) for f in facts] == [("unallocated_cases", 58), ("unallocated_cases", 644)]
    # a part of the figure before is no item of a list with it: the total is not agency staff
    for text, part in (("The council employs 300 social workers, 120 of whom are agency staff.", 120),
                       ("The council employs 300 social workers, of which 120 are agency staff.", 120),
                       ("The council employs 300 social workers, 40% of whom are agency staff.", 40)):
        assert [(f["measure"], f["value"]) for f in extractor.extract_one(text)] == [("agency_staff", part)]


@pytest.mark.parametrize("text, value", [
    ("On 31 July 2023, 2,094 children were on the Child Protection Register. This is a 4% increase since 2022.", 4),
    ("At 31 March 2016, 2,146 children were listed on the Child Protection Register in Northern Ireland. "
     "This represented a 2% increase on the previous quarter.", 2),
])
def test_refers_back_takes_a_change_of_the_figure_before(extractor, text, value):
    assert ("child_protection", value, "percent") in {(f["measure"], f["value"], f["unit"]) for f in extractor.extract_one(text)}


def test_figure_before_takes_the_next_in_a_ranking(extractor):
    facts = extractor.extract_one("Wolverhampton has the second longest adoption wait at 936 days, followed by Lambeth in south "
                                  "London at 933 days.")
    assert [(f["measure"], f["value"], f["body"]) for f in facts] == [
        ("waiting_time", 936, "City of Wolverhampton Council"), ("waiting_time", 933, "London Borough of Lambeth")]


def test_change_on_before_takes_the_measure_of_the_level_it_is_set_after():
    text = "there were 375 children in care in Newport - 50 (15 per cent) more than the previous year"
    level = Taken("count", "children_in_care", "children", "children in care", text.index("375") + 3, "children in care")
    m, f = cr.change_on_before(at(text, "50", kind="count"), sentence(text, taken=[level]))
    assert (m["measure"], m["rule"], f["subject"]) == ("children_in_care", "the change on the level before", "children in care")
    # a figure with its own noun, or not set as the level's aside, is its own
    text2 = "there were 375 children in care and 50 foster carers more than the previous year"
    assert cr.change_on_before(at(text2, "50", kind="count", counted_text="foster carers"), sentence(text2, taken=[level])) is None
    text3 = "there were 375 children in care. The council had 50 more than the previous year"
    assert cr.change_on_before(at(text3, "50", kind="count"), sentence(text3, taken=[level])) is None


def test_change_on_before_through_the_extractor(extractor):
    facts = extractor.extract_one("As of March 31, there were 375 children in care in Newport - 50 (15 per cent) more than the "
                                  "previous year and up from 280 in 2017.")
    assert [(f["measure"], f["value"], f["unit"]) for f in facts] == [
        ("children_in_care", 375, "children"), ("children_in_care", 50, "children"), ("children_in_care", 15, "percent"),
        ("children_in_care", 280, "children")]


def test_a_target_a_figure_is_compared_with_is_no_figure_of_its_measure(extractor):
    facts = extractor.extract_one(
        "The number of Children in Care (CiC) was 266 by the end of September 2021, which was a large reduction of 11.9 per cent "
        "when compared with the number of children at the end of September 2020 (302); 92.9 per cent of statutory CiC visits were "
        "completed within timescale during Q2 above the target of 90 per cent; 9.8 per cent of our Children in Care, as of "
        "September 2021, had 3 or more placements within the previous 12 months and performance was positively below the "
        "internal target of 10 per cent.")
    values = {f["value"] for f in facts if f["measure"] == "children_in_care"}
    assert {266, 302} <= values and not values & {90, 10}


def test_part_of_before_refuses_a_part_with_a_state_of_its_own():
    text = "There are also proposals to cut 91 full-time posts at the council, of which 23 are currently vacant"
    whole = Taken("count", "job_cuts", "posts", "full time posts", text.index("91") + 2, "full time posts")
    assert cr.part_of_before(at(text, "23", kind="count"), sentence(text, taken=[whole])) is None
    text = "up to 53 agency staff, of these 44 were social workers"
    whole = Taken("count", "agency_staff", "people", "agency staff", text.index("53") + 2, "agency staff")
    assert cr.part_of_before(at(text, "44", kind="count"), sentence(text, taken=[whole]))[0]["measure"] == "agency_staff"


@pytest.mark.parametrize("text, fact", [
    ("New data revealed an average caseload of 17.3 in the second quarter. As recently as 2022/23, the figure stood at 22.0.",
     ("caseload", 22)),
    ("The new figures showed a fall in the number of looked-after children. That figure currently sits at 1,094.",
     ("children_in_care", 1094)),
])
def test_a_figure_the_sentence_before_names_in_other_words(extractor, text, fact):
    assert fact in {(f["measure"], f["value"]) for f in extractor.extract_one(text)}
