"""Ofsted judgements read from the text of real inspection reports.

Expected grades come from JT-39's scrape of Ofsted (jt39_ofsted_csc_ilacs_history.csv),
matched by local authority and publication date; each report is read from pypdf's text
(saved beside the PDFs) and from pypdfium2's (the project's PDF reader), raw and re-joined.
"""

import csv
import functools
from pathlib import Path

import pytest

from councilfacts.nlp.ofsted import inspection_date, judgement_id, read_judgements

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
OFSTED = SHARED / "realworld" / "ofsted"

needs_shared = pytest.mark.skipif(not OFSTED.exists(), reason=f"Ofsted fixtures not found at {OFSTED} (../shared is absent)")

# report file -> (local_authority, publication_date) as in the expected-grades CSV
REPORTS = {
    "ilacs_bcp_2022-02-11": ("bournemouth, christchurch & poole", "11/02/22"),
    "ilacs_birmingham_2023-04-18": ("birmingham", "18/04/23"),
    "ilacs_dorset_2025-05-09": ("dorset", "09/05/25"),
    "ilacs_north-northamptonshire_2026-07-07": ("north northamptonshire", "07/07/26"),
}
# judgement id -> CSV column
COLUMNS = {
    "overall_effectiveness": "overall_effectiveness_grade",
    "impact_of_leaders": "impact_of_leaders_grade",
    "help_and_protection": "help_and_protection_grade",
    "in_care": "in_care_grade",
    "care_leavers": "care_leavers_grade",
}
GRADES = {"outstanding", "good", "requires improvement", "inadequate"}


def _expected(stem):
    la, published = REPORTS[stem]
    with open(OFSTED / "jt39_ofsted_csc_ilacs_history.csv", newline="", encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["local_authority"] == la and r["publication_date"] == published]
    assert rows, (la, published)
    return {col: rows[0][col] for col in set(COLUMNS.values())}


@functools.lru_cache(maxsize=None)
def _pdfium_text(path, rejoin=False):
    pdfium = pytest.importorskip("pypdfium2")
    pdf = pdfium.PdfDocument(str(path))
    try:
        pages = []
        for page in pdf:
            tp = page.get_textpage()
            pages.append(tp.get_text_range())
            tp.close()
            page.close()
    finally:
        pdf.close()
    text = "\n\n".join(pages)
    if rejoin:
        try:
            from councilfacts.documents import rejoin_lines
        except ImportError:
            pytest.skip("councilfacts.documents.rejoin_lines not available")
        text = "\n\n".join(rejoin_lines(p) for p in pages)
    return text


READERS = {
    "pypdf": lambda stem: (OFSTED / f"{stem}.pypdf.txt").read_text(encoding="utf-8"),
    "pypdfium2": lambda stem: _pdfium_text(OFSTED / f"{stem}.pdf"),
    "pypdfium2-rejoined": lambda stem: _pdfium_text(OFSTED / f"{stem}.pdf", rejoin=True),
}


def _check_offsets(text, judgements):
    for j in judgements:
        figure = text[j["figure_start"] : j["figure_end"]]
        sentence = text[j["sentence_start"] : j["sentence_end"]]
        assert " ".join(figure.lower().split()).startswith(j["grade"].split()[0]) or j["grade"] == "requires improvement"
        assert figure in sentence and sentence.endswith(figure)
        assert j["sentence_start"] <= j["figure_start"] < j["figure_end"] == j["sentence_end"]
        assert j["grade"] in GRADES


@needs_shared
@pytest.mark.parametrize("reader", sorted(READERS))
@pytest.mark.parametrize("stem", sorted(REPORTS))
def test_ilacs_reports_match_ofsted_data(stem, reader):
    text = READERS[reader](stem)
    judgements = read_judgements(text)
    _check_offsets(text, judgements)
    got = {COLUMNS[j["judgement"]]: j["grade"] for j in judgements}
    assert len(got) == len(judgements), "each judgement once"
    expected = {col: grade for col, grade in _expected(stem).items() if grade in GRADES}
    # never a grade the report did not give: "not_reported_post_reform",
    # "inspection_pre_dates_judgement" columns must be absent
    assert got == expected


@needs_shared
def test_post_2026_framework_has_no_overall_grade():
    judgements = read_judgements(READERS["pypdf"]("ilacs_north-northamptonshire_2026-07-07"))
    assert [(j["judgement"], j["grade"]) for j in judgements] == [
        ("impact_of_leaders", "outstanding"), ("help_and_protection", "good"), ("in_care", "good"), ("care_leavers", "good")]
    assert judgements[0]["label"] == "impact of leaders on practice with children and families"


@needs_shared
def test_requires_improvement_to_be_good_is_one_grade():
    text = READERS["pypdf"]("ilacs_bcp_2022-02-11")
    judgements = read_judgements(text)
    care = [j for j in judgements if j["label"] == "experiences and progress of children in care and care leavers"]
    assert len(care) == 1 and care[0]["grade"] == "requires improvement"
    assert text[care[0]["figure_start"] : care[0]["figure_end"]] == "Requires improvement to be good"
    assert [j["grade"] for j in judgements].count("good") == 0


@needs_shared
@pytest.mark.parametrize("reader", sorted(READERS))
def test_single_inspection_framework_report(reader):
    # The 2016 SIF re-inspection of Birmingham: JT-39's scraper could not read it
    # ("data_unreadable"); the report's first page gives these judgements.
    judgements = read_judgements(READERS[reader]("sif_birmingham_2016-11-25"))
    assert [(j["judgement"], j["grade"]) for j in judgements] == [
        ("overall_effectiveness", "inadequate"),
        ("help_and_protection", "inadequate"),
        ("looked_after_and_permanence", "requires improvement"),
        ("adoption_performance", "requires improvement"),
        ("care_leavers", "requires improvement"),
        ("leadership_management_governance", "inadequate"),
    ]


@needs_shared
def test_report_not_found_page_gives_nothing():
    raw = (OFSTED / "trap_birmingham_2012-10-19_html-report-not-found_saved-as.pdf").read_bytes()
    assert read_judgements(raw.decode("utf-8", errors="replace")) == []


@pytest.mark.parametrize(
    "text",
    [
        "Ofsted's judgements are outstanding, good, requires improvement to be good, or inadequate.",
        "Inspectors make one of four judgements: Outstanding, Good, Requires improvement to be good, Inadequate.",
        "The council was judged inadequate by Ofsted in 2018 and good in 2022.",
        "Judgement Grade\nThe grades are explained below. Good practice was seen.",
        "",
    ],
)
def test_grades_without_a_judgement_are_not_read(text):
    assert read_judgements(text) == []


def test_table_stops_at_prose():
    text = (
        "Judgement Grade\nThe impact of leaders on practice with children and families\nGood\n"
        "Children in Testshire receive exceptional services. Leadership is Good and care is Outstanding."
    )
    assert [(j["judgement"], j["grade"]) for j in read_judgements(text)] == [
        ("impact_of_leaders", "good")
    ]


def test_body_headings_when_there_is_no_table():
    text = (
        "Inspection of Testshire\n\nThe experiences and progress of children in care: good\n"
        "Children in care are seen often.\nThe experiences and progress of care leavers: requires improvement to be good\n"
        "More text. The experiences and progress of children in care: good\n"
    )
    assert [(j["judgement"], j["grade"]) for j in read_judgements(text)] == [
        ("in_care", "good"),
        ("care_leavers", "requires improvement"),
    ]


def test_sif_summary_with_lscb_review():
    text = (
        "Children\u2019s services in Testshire require improvement to be good\n"
        "1. Children who need help and protection Requires improvement\n"
        "3. Leadership, management and governance Good\n\n"
        "Many pages. The LSCB is good at listening to children.\n\n"
        "Review of the effectiveness of the local safeguarding children board\n"
        "The Local Safeguarding Children Board (LSCB) in Testshire requires improvement.\n"
    )
    got = [(j["judgement"], j["grade"]) for j in read_judgements(text)]
    assert got == [
        ("overall_effectiveness", "requires improvement"),
        ("help_and_protection", "requires improvement"),
        ("leadership_management_governance", "good"),
        ("lscb", "requires improvement"),
    ]


def test_pre_2013_grade_adequate():
    got = [(j["judgement"], j["grade"]) for j in read_judgements("Overall effectiveness Adequate\nCapacity for improvement Good\n")]
    assert got == [("overall_effectiveness", "adequate"), ("capacity_for_improvement", "good")]


def test_a_later_letter_recalling_an_old_grade_gives_nothing():
    text = (
        "Monitoring visit to Testshire children's services\n\n"
        "Children\u2019s services in Testshire were judged inadequate in 2019. This is the fourth monitoring visit. "
        "Inspectors found that the overall effectiveness of services had improved."
    )
    assert read_judgements(text) == []


@needs_shared
@pytest.mark.parametrize("stem", sorted(REPORTS))
def test_table_flattened_to_one_line(stem):
    """However a reader joins lines, the table reads the same."""
    text = " ".join(READERS["pypdf"](stem).split())
    expected = [(j["judgement"], j["grade"]) for j in read_judgements(READERS["pypdf"](stem))]
    judgements = read_judgements(text)
    _check_offsets(text, judgements)
    assert [(j["judgement"], j["grade"]) for j in judgements] == expected


def test_a_judgement_label_that_wraps_below_its_grade():
    text = ("Judgement                                                     Grade\n"
            "The impact of leaders on social work practice with            Requires improvement to be good\n"
            "children and families\n"
            "The experiences and progress of children in care and          Good\n"
            "care leavers\n"
            "Overall effectiveness                                         Requires improvement to be good\n\n"
            "Services for children have improved.\n")
    got = [(j["judgement"], j["grade"]) for j in read_judgements(text)]
    assert got == [("impact_of_leaders", "requires improvement"),
                   ("in_care", "good"),
                   ("overall_effectiveness", "requires improvement")]


# ---------------------------------------------------------------------------------------
# One test per layout rule, on the first-page lines of real reports (pypdfium2's raw text,
# CRLF line ends, trailing spaces as printed; then as read_path re-joins it).

def judged(text):
    return [(j["judgement"], j["grade"]) for j in read_judgements(text)]


def crlf(lines):
    return "\r\n".join(lines)


def test_2018_2020_label_wraps_and_its_grade_ends_the_last_line():
    """Barnet 2019: "... children who need help \\r\\nand protection Good"."""
    text = crlf(["Inspection dates: 13 May to 24 May 2019", "Judgement Grade",
                 "The impact of leaders on social work practice with ", "children and families Good",
                 "The experiences and progress of children who need help ", "and protection Good",
                 "The experiences and progress of children in care and ", "care leavers Good",
                 "Overall effectiveness Good",
                 "Services for children in Barnet are good, and much improved from the services ",
                 "that were found to be inadequate in 2017."])
    assert judged(text) == [("impact_of_leaders", "good"), ("help_and_protection", "good"), ("in_care", "good"),
                            ("overall_effectiveness", "good")]


def test_2018_2020_grade_wraps_over_two_lines():
    """Bristol 2018: "Requires improvement\\r\\nto be good" is one grade, on lines of its own."""
    text = crlf(["Judgement Grade", "The impact of leaders on social work practice with children ", "and families Good",
                 "The experiences and progress of children who need help and ", "protection", "Requires improvement",
                 "to be good", "The experiences and progress of children in care and care ", "leavers Good",
                 "Overall effectiveness Good", "Children in Bristol ..."])
    assert judged(text) == [("impact_of_leaders", "good"), ("help_and_protection", "requires improvement"),
                            ("in_care", "good"), ("overall_effectiveness", "good")]


def test_short_inspection_grade_wrapped_after_to():
    """Oxfordshire 2018 (short inspection): "Requires improvement to \\r\\nbe good"."""
    text = crlf(["Inspection of local authority children’s services", "Judgement Grade",
                 "The impact of leaders on social work practice with ", "children and families", "Good ",
                 "The experiences and progress of children who need ", "help and protection", "Requires improvement to ",
                 "be good", "The experiences and progress of children in care and ", "care leavers", "Good ",
                 "Overall effectiveness Good",
                 "Children’s services in Oxfordshire were judged good in all areas when they were last inspected in 2014."])
    assert judged(text) == [("impact_of_leaders", "good"), ("help_and_protection", "requires improvement"),
                            ("in_care", "good"), ("overall_effectiveness", "good")]


def test_2023_framework_five_judgements_one_a_line():
    """Barnsley 2023 as read_path re-joins it: care leavers judged on their own."""
    text = "\n".join(["Judgement Grade", "The impact of leaders on social work practice with children and families", "Good",
                      "The experiences and progress of children who need help and protection", "Requires improvement to be good",
                      "The experiences and progress of children in care", "Good",
                      "The experiences and progress of care leavers", "Good", "Overall effectiveness Good",
                      "Following the last inspection in 2018, when the local authority was judged good overall, ..."])
    assert judged(text) == [("impact_of_leaders", "good"), ("help_and_protection", "requires improvement"),
                            ("in_care", "good"), ("care_leavers", "good"), ("overall_effectiveness", "good")]


def test_2026_framework_four_judgements_no_overall():
    """Lancashire 2026: labels wrap before their grade line; the prose after the table is not read."""
    text = crlf(["Inspection dates: 11 to 22 May 2026", "Judgement Grade", "The impact of leaders on social work ",
                 "practice with children and families", "Outstanding", "The experiences and progress of ",
                 "children who need help and protection", "Good ", "The experiences and progress of ", "children in care",
                 "Good ", "The experiences and progress of care ", "leavers", "Outstanding ",
                 "Since the last ILACS inspection in 2022, Lancashire County Council children’s services ",
                 "has continued to strengthen the quality of services to children in most areas, and the ",
                 "experiences and progress for care leavers are outstanding."])
    assert judged(text) == [("impact_of_leaders", "outstanding"), ("help_and_protection", "good"), ("in_care", "good"),
                            ("care_leavers", "outstanding")]


def test_a_label_that_lost_a_word_still_names_its_judgement():
    """Leeds 2025 prints "The experiences and progress of children care leavers"."""
    text = "\n".join(["Judgement Grade", "The experiences and progress of children in care", "Outstanding",
                      "The experiences and progress of children care leavers", "Outstanding", "Overall effectiveness Outstanding"])
    assert judged(text) == [("in_care", "outstanding"), ("care_leavers", "outstanding"), ("overall_effectiveness", "outstanding")]


def test_an_inspection_of_one_service_gives_no_childrens_services_judgement():
    """Norfolk 2013 "Inspection of looked after children services": its overall effectiveness is of that service."""
    text = "\n".join(["Inspection of looked after children services", "Norfolk County Council", "Inspection dates: 8 – 12 July 2013",
                      "...", "Record of main findings", "Services for looked after children", "Overall effectiveness Inadequate",
                      "Capacity to improve Inadequate"])
    assert judged(text) == []


@pytest.mark.parametrize("label, jid", [
    ("The impact of leaders on social work practice with\nchildren and families", "impact_of_leaders"),
    ("The impact of leaders on practice with children and families", "impact_of_leaders"),
    ("The experiences and progress of children who need help and protection", "help_and_protection"),
    ("1. Children who need help and protection", "help_and_protection"),
    ("The experiences and progress of children in care and care leavers", "in_care"),
    ("The experiences and progress of care \r\nleavers", "care_leavers"),
    ("Overall effectiveness", "overall_effectiveness"),
    ("Children looked after and achieving permanence", "looked_after_and_permanence"),
    ("Services for children in Barnet are good", None),
    ("Capacity to improve", None),
])
def test_judgement_ids(label, jid):
    assert judgement_id(label) == jid


@pytest.mark.parametrize("text, iso", [
    ("Inspection dates: 13 May to 24 May 2019\nLead inspector: Andy Whippey", "2019-05-24"),
    ("Inspection dates: 2 to 6 December 2019\nLead inspector: Neil Penswick HMI", "2019-12-06"),
    ("Inspection dates: 23 April 2018 to 04 May 2018", "2018-05-04"),
    ("Inspection dates: 8 – 12 July 2013\nReporting inspector Gary Lamb HMI", "2013-07-12"),
    ("Inspection dates: 15-19 July 2013", "2013-07-19"),
    # South Tyneside 2022: the inspection was paused and finished two months later
    ("Inspection dates: 5 to 9 December 2022 and 14 to 15 February 2023 Lead inspector: Rebecca Quested", "2023-02-15"),
    ("Inspection of Bracknell Forest local authority children’s services Inspection dates: 13 to 17 June 2022\nLead inspector:", "2022-06-17"),
    ("Inspection dates: 11 to 22 May \r\n2026 \r\nLead inspector: David Cohen", "2026-05-22"),
    # SIF, Birmingham 2016: the publication date follows on the same line
    ("Re-inspection of services for children in need of help and protection, children looked after and care leavers"
     " Inspection dates: 12 September 2016 to 6 October 2016 Report published: 25 November 2016\n", "2016-10-06"),
    ("Inspection dates: to be confirmed\n\nPublished 3 May 2019", None),
    ("Published 3 May 2019", None),
])
def test_inspection_date_is_the_last_day(text, iso):
    assert inspection_date(text) == iso


def test_a_table_read_column_by_column_gives_the_body_headings_grades_only():
    """Halton 2020's labels and grades as a reader taking the table column by column would give them:
    pairing the first page's lines would give "Overall effectiveness" the leaders' grade; the body's
    headings (real ones, as in Barnet 2019) are right."""
    page1 = "\n".join(["Judgement Grade", "The impact of leaders on social work practice with children and families",
                       "The experiences and progress of children who need help and protection",
                       "The experiences and progress of children in care and care leavers", "Overall effectiveness",
                       "Requires improvement to be good", "Good", "Requires improvement to be good", "Inadequate"])
    body = "\n".join(["", "x" * 6000, "The experiences and progress of children who need help and protection: good",
                      "Most children are seen promptly.",
                      "The experiences and progress of children in care and care leavers: requires improvement to be good"])
    assert judged(page1 + body) == [("help_and_protection", "good"), ("in_care", "requires improvement")]
    assert judged(page1) == []
