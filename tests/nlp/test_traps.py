"""Figures that are not facts: never a measure, not even `other` with --all.

Each case: a text and the figures in it that must NOT come out (by their text). Where the
sentence also holds a real figure it is listed under `must` so the test shows the trap
does not swallow its neighbours.
"""

from __future__ import annotations

import pytest

from councilfacts.nlp.extractor import DocInput, Extractor
from councilfacts.nlp.traps import repeated_line_ranges, toc_ranges, trap_ranges

CASES = [
    # phone numbers
    ("For more information call 0300 123 1231 or 01216853105.", [], ["0300", "123", "1231", "01216853105"]),
    ("Mobile - 07946555174", [], ["07946555174"]),
    ("Textphone: 0161 618 8524", [], ["0161", "618", "8524"]),
    # years and financial years
    ("The council cut 64 posts in 2019.", ["64"], ["2019"]),
    ("Spending fell by £147m between 2010/11 and 2012/13.", ["£147m"], ["2010", "11", "2012", "13"]),
    ("In 2014–15 the council employed 300 social workers.", ["300"], ["2014", "15"]),
    ("Referrals increased by 40%, to 1,510, from 2005-6 to 2007-8.", ["40%", "1,510"], ["2005", "6", "2007", "8"]),
    ("At the end of 17/18 there had been 1488 referrals.", ["1488"], ["17", "18"]),
    ("Referrals in Edinburgh totalled more than 1800 in the past year.", ["1800"], []),
    ("Since the 1990s the service has grown.", [], ["1990"]),
    ("Under the Children Act 1989 the council must act.", [], ["1989"]),
    # dates and times
    ("The jobs will go on March 14.", [], ["14"]),
    ("Speaking last Thursday (April 11) she said 20 staff had left.", ["20"], ["11"]),
    ("At 31 August 2016, 854 children were on plans.", ["854"], ["31"]),
    ("Inspection dates: 6 to 17 December 2021", [], ["6 to 17", "6", "17"]),
    ("The meeting starts at 10.30am and ends at 14:00.", [], ["10.30", "14", "00"]),
    ("The helpline runs 24/7.", [], ["24"]),
    ("Published 11/04/2019.", [], ["11", "04", "2019"]),
    # ages
    ("Peter, who died aged 17 months, was on the register.", [], ["17 months", "17"]),
    ("Homeless 16- and 17-year-olds are housed quickly.", [], ["16", "17"]),
    ("Sixteen and 17-year-olds who are homeless are helped.", [], ["Sixteen", "17"]),
    ("A 15-year-old boy was found.", [], ["15"]),
    ("Care leavers over 21 get less support.", [], ["21"]),
    ("The new structure means a loss of just over 60 FTE posts.", ["60"], []),  # a count, not an age
    ("Locum staff have reduced from just over 70 to just over 40.", ["70", "40"], []),
    ("The 18+ service is stretched.", [], ["18"]),
    ("The boy's mother, 34, and her partner, 36, were jailed.", [], ["34", "36"]),
    ("Call the helpline or text 60777.", [], ["60777"]),
    ("For some young people as they turn 18, planning is weak.", [], ["18"]),
    ("Children as young as seven years have moved home.", [], ["seven years", "seven"]),
    # list, section, page and footnote numbers
    ("1. National governments must urgently focus on funding.", [], ["1"]),
    ("12. When concerns escalate, oversight is weak.", [], ["12"]),
    ("See paragraph 12 and section 47 enquiries in appendix 3.", [], ["12", "47", "3"]),
    ("Recommendation 2: recruit permanent staff.", [], ["2"]),
    ("It is our number one priority.", [], ["one"]),
    ("What needs to improve?1 The areas", [], ["1"]),
    ("Risks are set out alongside the family's key strengths. 1 The areas for improvement are listed.", [], ["1"]),
    ("This is 25.5% of the population (1).", ["25.5%"], ["1"]),
    ("A total of 1,414 child protection referrals were received by HSC Trusts #1;", ["1,414"], ["1"]),
    ("Referrals rose by 31% (44) in the Western Trust and 2 per cent (8) elsewhere.", ["31%", "44", "8"], []),  # a share's count
    ("Page 3 of 10", [], ["3", "10"]),
    ("3.1   392 children were subject to a child protection plan.", ["392"], ["3.1"]),
    ("3.8 36 new social workers started with the council.", ["36"], ["3.8"]),
    ("Contents\nExecutive summary 2\nThe local authority 5\nInformation about this area 5\nSummary 10\n", [], ["2", "5", "10"]),
    ("Pupils in Year 6 and Key Stage 2 did well.", [], ["6", "2"]),
    ("There were 45 referrals in quarter two and 50 in quarter 4, a quarter more.", ["45", "50"], ["two", "4"]),
    # addresses
    ("The meeting is at One Angel Square, Northampton.", [], ["One"]),
    ("Write to 10 Downing Street or Piccadilly Gate, Manchester M1 2WD.", [], ["10", "1", "2"]),
    ("Kew, London TW9 4DU", [], ["9", "4"]),
    # rating scales and rates
    ("Parents rated the service 4 out of 5.", [], ["4 out of 5", "4", "5"]),
    ("The home was given a score of 7.", [], ["7"]),
    ("The rate is 64 per 10,000 children.", [], ["64", "10,000"]),
    # codes
    ("COVID-19 and the M1 closed the A14.", [], ["19", "1", "14"]),
]


@pytest.fixture(scope="module")
def extractor():
    return Extractor()


@pytest.mark.parametrize("text, must, must_not", CASES, ids=[c[0][:40] for c in CASES])
def test_traps_never_come_out(extractor, text, must, must_not):
    facts = extractor.extract_one(DocInput(text=text, all_figures=True))
    figures = [f["figure"] for f in facts if f["measure"] != "ofsted_rating"]
    for bad in must_not:
        assert bad not in figures, f"{bad!r} came out of {text!r}: {figures}"
    for good in must:
        assert good in figures, f"{good!r} missing from {text!r}: {figures}"


def test_repeated_running_header_is_page_furniture():
    page = ("Inspection of Someshire local authority children's services\n6 to 17 December 2021 {n}\n"
            + "Body text of the page, a paragraph of the inspection's findings. " * 8 + "\n\n")
    text = "".join(page.format(n=n) for n in range(2, 6))
    ranges = repeated_line_ranges(text)
    assert len(ranges) == 4 and all(r[2] == "page_furniture" for r in ranges)
    # answers listed a few lines apart are not page furniture, however alike
    answers = "".join(f"{k}. How many children were in care at {k} March?\n  \u2022 The total number - {100 + k} as at 30/01/20\n"
                      for k in range(1, 5))
    assert repeated_line_ranges(answers) == []


def test_trap_ranges_are_sorted_and_inside_the_text():
    text = "Call 0300 123 1231 on 4 May 2021 at 10am; 1. first; aged 17."
    ranges = trap_ranges(text)
    assert ranges == sorted(ranges)
    assert all(0 <= s < e <= len(text) for s, e, _ in ranges)
    assert {r for _, _, r in ranges} >= {"phone", "date", "time", "age", "year"}


def test_toc_needs_a_run_of_lines():
    assert toc_ranges("The council said the total was\n64\n") == []


def test_a_ratio_base_is_no_figure_but_a_range_start_is():
    from councilfacts.nlp.traps import trap_ranges

    text = "The average caseload was now 1 SW to 16.4 cases."
    assert any(text[s:e].startswith("1 SW") for s, e, _ in trap_ranges(text))
    text = "Fees range from 1 per cent to 1.5 per cent."
    assert not any(r == "rate" for _, _, r in trap_ranges(text))


def test_a_paragraph_number_glued_to_its_text_is_no_figure():
    from councilfacts.nlp.traps import trap_ranges

    text = "2.To provide information on current caseloads.\n3.1.The council employs 40 staff."
    found = {text[s:e] for s, e, r in trap_ranges(text) if r == "list_number"}
    assert {"2.", "3.1."} <= found and "40" not in found


def test_a_year_shaped_count_is_a_figure():
    from councilfacts.nlp.traps import trap_ranges

    for text in ("Edinburgh has set its budget with around 2000 posts to go.", "It employs 1900 staff."):
        assert not [r for _, _, r in trap_ranges(text) if r == "year"], text
    assert [r for _, _, r in trap_ranges("In 2000 the council cut posts.") if r == "year"]
