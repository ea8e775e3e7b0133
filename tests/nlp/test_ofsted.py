"""Ofsted judgements read from the text of real inspection reports.

Expected grades come from JT-39's scrape of Ofsted (jt39_ofsted_csc_ilacs_history.csv),
matched by local authority and publication date; each report is read from pypdf's text
(saved beside the PDFs) and from pypdfium2's (the project's PDF reader), raw and re-joined.
"""

import csv
import functools
from pathlib import Path

import pytest

from councilfacts.nlp.ofsted import read_judgements

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
OFSTED = SHARED / "realworld" / "ofsted"

if not OFSTED.exists():
    pytest.skip(f"Ofsted fixtures not found at {OFSTED} (../shared is absent)", allow_module_level=True)

# report file -> (local_authority, publication_date) as in the expected-grades CSV
REPORTS = {
    "ilacs_bcp_2022-02-11": ("bournemouth, christchurch & poole", "11/02/22"),
    "ilacs_birmingham_2023-04-18": ("birmingham", "18/04/23"),
    "ilacs_dorset_2025-05-09": ("dorset", "09/05/25"),
    "ilacs_north-northamptonshire_2026-07-07": ("north northamptonshire", "07/07/26"),
}
# judgement as the reports name it -> CSV column
COLUMNS = {
    "overall effectiveness": "overall_effectiveness_grade",
    "impact of leaders on social work practice with children and families": "impact_of_leaders_grade",
    "impact of leaders on practice with children and families": "impact_of_leaders_grade",
    "experiences and progress of children who need help and protection": "help_and_protection_grade",
    "experiences and progress of children in care": "in_care_grade",
    "experiences and progress of children in care and care leavers": "in_care_grade",
    "experiences and progress of care leavers": "care_leavers_grade",
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


def test_post_2026_framework_has_no_overall_grade():
    judgements = read_judgements(READERS["pypdf"]("ilacs_north-northamptonshire_2026-07-07"))
    names = [j["judgement"] for j in judgements]
    assert "overall effectiveness" not in names
    assert names[0] == "impact of leaders on practice with children and families"
    assert judgements[0]["grade"] == "outstanding"


def test_requires_improvement_to_be_good_is_one_grade():
    text = READERS["pypdf"]("ilacs_bcp_2022-02-11")
    judgements = read_judgements(text)
    care = [j for j in judgements if j["judgement"] == "experiences and progress of children in care and care leavers"]
    assert len(care) == 1 and care[0]["grade"] == "requires improvement"
    assert text[care[0]["figure_start"] : care[0]["figure_end"]] == "Requires improvement to be good"
    assert [j["grade"] for j in judgements].count("good") == 0


@pytest.mark.parametrize("reader", sorted(READERS))
def test_single_inspection_framework_report(reader):
    # The 2016 SIF re-inspection of Birmingham: JT-39's scraper could not read it
    # ("data_unreadable"); the report's first page gives these judgements.
    judgements = read_judgements(READERS[reader]("sif_birmingham_2016-11-25"))
    assert [(j["judgement"], j["grade"]) for j in judgements] == [
        ("overall effectiveness", "inadequate"),
        ("children who need help and protection", "inadequate"),
        ("children looked after and achieving permanence", "requires improvement"),
        ("adoption performance", "requires improvement"),
        ("experiences and progress of care leavers", "requires improvement"),
        ("leadership, management and governance", "inadequate"),
    ]


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
        ("impact of leaders on practice with children and families", "good")
    ]


def test_body_headings_when_there_is_no_table():
    text = (
        "Inspection of Testshire\n\nThe experiences and progress of children in care: good\n"
        "Children in care are seen often.\nThe experiences and progress of care leavers: requires improvement to be good\n"
        "More text. The experiences and progress of children in care: good\n"
    )
    assert [(j["judgement"], j["grade"]) for j in read_judgements(text)] == [
        ("experiences and progress of children in care", "good"),
        ("experiences and progress of care leavers", "requires improvement"),
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
        ("overall effectiveness", "requires improvement"),
        ("children who need help and protection", "requires improvement"),
        ("leadership, management and governance", "good"),
        ("effectiveness of the local safeguarding children board", "requires improvement"),
    ]


def test_pre_2013_grade_adequate():
    got = [(j["judgement"], j["grade"]) for j in read_judgements("Overall effectiveness Adequate\nCapacity for improvement Good\n")]
    assert got == [("overall effectiveness", "adequate"), ("capacity for improvement", "good")]


def test_a_later_letter_recalling_an_old_grade_gives_nothing():
    text = (
        "Monitoring visit to Testshire children's services\n\n"
        "Children\u2019s services in Testshire were judged inadequate in 2019. This is the fourth monitoring visit. "
        "Inspectors found that the overall effectiveness of services had improved."
    )
    assert read_judgements(text) == []


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
    assert got == [("impact of leaders on social work practice with children and families", "requires improvement"),
                   ("experiences and progress of children in care and care leavers", "good"),
                   ("overall effectiveness", "requires improvement")]
