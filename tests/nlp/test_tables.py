"""Tables laid out as text (council papers' PDFs): each cell read against its row's label."""

from __future__ import annotations

import pytest

from councilfacts.nlp.extractor import Extractor
from councilfacts.nlp.tables import read_tables

TABLE = (
    "Table 1: Social work workforce, Q1 and Q2\n"
    "Measure                                  Q1        Q2        Target    RAG\n"
    "Average caseload (social workers)        16.2      17.4      18        Green\n"
    "Agency social workers (%)                12.1%     10.8      <12%      Green\n"
    "Vacancy rate                             15.0%     14.2%     12%       Amber\n"
    "The service forecasts an overspend of £7.9m.\n"
)


def test_cells_carry_their_row_and_column_and_skip_targets():
    cells, rows = read_tables(TABLE)
    assert len(rows) == 4  # three rows and the header
    read = [(c.label, TABLE[c.start : c.end], c.column, c.sentence(TABLE)[0]) for c in cells]
    assert read == [
        ("Average caseload (social workers)", "16.2", "Q1", "Average caseload (social workers) was 16.2."),
        ("Average caseload (social workers)", "17.4", "Q2", "Average caseload (social workers) was 17.4."),
        ("Agency social workers", "12.1%", "Q1", "Agency social workers was 12.1%."),
        ("Agency social workers", "10.8", "Q2", "Agency social workers was 10.8%."),
        ("Vacancy rate", "15.0%", "Q1", "Vacancy rate was 15.0%."),
        ("Vacancy rate", "14.2%", "Q2", "Vacancy rate was 14.2%."),
    ]
    for c in cells:
        assert TABLE[c.row_start : c.row_end].startswith(c.label.split()[0])


@pytest.mark.parametrize("text", [
    "A single line    12    14\nthen prose.",  # one row is not a table
    "Proposal (£m)             20/21   21/22\nReduce agency spend      0.45    0.20\nBack office review       0.60    0.40\n",
    "Social workers sit behind a desk 98 per cent of the time.",
])
def test_no_cells_where_there_is_no_table_of_plain_figures(text):
    assert read_tables(text)[0] == []


@pytest.fixture(scope="module")
def extractor():
    return Extractor()


def test_table_cells_become_facts_of_their_row_and_cite_it(extractor):
    facts = extractor.extract_one(TABLE)
    got = {(f["measure"], f["value"]) for f in facts}
    assert {("caseload", 16.2), ("caseload", 17.4), ("agency_staff", 12.1), ("agency_staff", 10.8),
            ("vacancies", 15.0), ("vacancies", 14.2), ("budget", 7900000.0)} <= got
    # targets are not the council's figures, and no cell is read against another row's words
    assert not {v for m, v in got if v in (18.0, 12.0)}
    for f in facts:
        assert TABLE[f["figure_start"] : f["figure_end"]] == f["figure"]
        assert TABLE[f["sentence_start"] : f["sentence_end"]] == f["sentence"]


def test_a_count_row_is_read_as_so_many_of_its_label(extractor):
    text = ("Indicator                          Aug 2018    Jul 2018    Target    RAG\n"
            "Referrals in month                 448         430         -         -\n"
            "Children subject to CP plan        381         377         -         -\n"
            "Children looked after              812         805         -         -\n")
    cell = read_tables(text)[0][0]
    assert cell.sentence(text) == ("There were 448 referrals in month.", len("There were "))
    got = {(f["measure"], f["value"]) for f in extractor.extract_one(text)}
    assert got == {("referrals", 448), ("referrals", 430), ("child_protection", 381), ("child_protection", 377),
                   ("children_in_care", 812), ("children_in_care", 805)}


def test_a_table_in_caption_units_is_read_neither_as_cells_nor_as_prose(extractor):
    text = ("Table 2: savings proposals (£m)\n"
            "Ref    Proposal                                     20/21   21/22\n"
            "FS1    Reduce agency social worker spend by          0.45    0.20\n"
            "       converting 15 agency posts to permanent\n"
            "FS2    Back-office and commissioning review          0.60    0.40\n")
    cells, rows = read_tables(text)
    assert cells == [] and len(rows) == 4  # header, two rows, a wrapped label
    assert extractor.extract_one(text) == []


def test_a_table_of_teams_is_not_read_against_its_row_labels(extractor):
    text = ("Team                              Establishment    Vacant      Covered by   Vacancy\n"
            "                                  (FTE)            (FTE)       agency       rate\n"
            "Family Support and Protection      148.5            31.5        27           21.2%\n"
            "Children in Care                    86.0            11.0         9           12.8%\n")
    cells, rows = read_tables(text)
    assert cells == [] and len(rows) >= 2
    assert not [f for f in extractor.extract_one(text) if f["measure"] == "children_in_care"]


def test_dated_levels_listed_one_a_line_take_the_lead_line_and_their_date():
    text = ("How many children were looked after by your local authority\n"
            "a) at 31 March 2019 – *\nb) at 31 March 2018 – 694\nc) at 31 March 2017 – 682\n")
    cells, rows = read_tables(text)
    assert [(text[c.start:c.end], c.when, c.label) for c in cells] == [
        ("694", "at 31 March 2018", "Number of children looked after by your local authority"),
        ("682", "at 31 March 2017", "Number of children looked after by your local authority")]
    assert len(rows) == 3  # the withheld line is not prose either


def test_an_answer_listing_periods_and_figures_with_no_separator_is_a_dated_list(extractor):
    text = ("2. The number of children's social workers employed individually through an agency by Lincolnshire "
            "County Council over the last five years is as shown below:\n\n2017/2018 42\n2018/2019 45\n")
    facts = extractor.extract_one(text)
    assert [(f["measure"], f["value"], f["period"]) for f in facts] == [
        ("agency_staff", 42, "2017-04/2018-03"), ("agency_staff", 45, "2018-04/2019-03")]


def test_a_lone_dated_line_is_prose():
    assert read_tables("Number of children in care:\nAs of March 2019: 412\n\nThat is high.")[0] == []


def test_dated_levels_through_the_extractor():
    from councilfacts.nlp.extractor import DocInput, Extractor

    text = "Children's services update\n\nNumber of children in care:\nAs of March 2019: 412\nAs of March 2020: 455\n"
    facts = Extractor().extract_one(DocInput(text=text))
    assert [(f["measure"], f["value"], f["period"]) for f in facts] == [
        ("children_in_care", 412, "2019-03"), ("children_in_care", 455, "2020-03")]


def test_rows_that_lost_their_column_spacing_are_not_read_as_prose():
    from councilfacts.nlp.extractor import DocInput, Extractor

    text = ("Workforce plan\n\nMeasure October 2019 Target March 2021\nVacancy rate 27% 12%\n"
            "Agency share of social workers 36% 15%\nAverage caseload 24 18\n\nThe vacancy rate was 27 per cent.\n")
    cells, rows = read_tables(text)
    assert cells == [] and len(rows) == 3
    facts = Extractor().extract_one(DocInput(text=text))
    assert [(f["measure"], f["value"]) for f in facts] == [("vacancies", 27)]


NI_TABLE = ("Table 1: Children on the child protection register by age and Health and Social Care Trust at 30 September 2024\n\n"
            "HSC Trust Under 1 year 1 to 4 years 5 to 11 years 12 to 15 years 16 years and over Total\n"
            "Belfast 54 82 151 65 17 369\n"
            "Northern 49 134 228 125 31 567\n")


def test_a_total_column_is_read_where_the_sum_tells_it():
    from councilfacts.nlp.tables import read_tables

    cells, _ = read_tables(NI_TABLE)
    assert [(NI_TABLE[c.start:c.end], c.row_body) for c in cells] == [("369", "Belfast HSC Trust"), ("567", "Northern HSC Trust")]
    # a last figure that is not the sum of the others is not known to be the total: nothing is read
    assert read_tables(NI_TABLE.replace(" 369", " 370"))[0][0].row_body == "Northern HSC Trust"
    assert len(read_tables(NI_TABLE.replace(" 369", " 370"))[0]) == 1


def test_a_total_column_through_the_extractor_gives_each_row_its_body(extractor):
    facts = extractor.extract_one(NI_TABLE)
    assert [(f["measure"], f["value"], f["body"]) for f in facts] == [
        ("child_protection", 369, "Belfast Health and Social Care Trust"),
        ("child_protection", 567, "Northern Health and Social Care Trust")]


PIPE_TABLE = ("Please see the table below:\n"
              "Year | Budget | Agency Spend | % |\n"
              "2017/18 | £ 77,813,000 | £ 2,099,983 | 2.70% |\n"
              "2018/19 | £ 84,154,000 | £ 2,786,808 | 3.31% |\n")


def test_a_pipe_table_by_period_reads_each_figure_under_its_column_with_its_period():
    from councilfacts.nlp.tables import read_tables

    cells, rows = read_tables(PIPE_TABLE)
    assert [(PIPE_TABLE[c.start:c.end], c.label, c.when) for c in cells] == [
        ("£ 77,813,000", "Budget", "2017/18"), ("£ 2,099,983", "Agency Spend", "2017/18"),
        ("£ 84,154,000", "Budget", "2018/19"), ("£ 2,786,808", "Agency Spend", "2018/19")]
    assert len(rows) == 3  # the header and both rows are not prose


def test_a_pipe_table_by_label_reads_only_period_or_value_columns(extractor):
    text = ("Measure | 2022/23 | Target |\n"
            "Number of children looked after | 412 | 380 |\n"
            "Number of children on a child protection plan | 301 | 250 |\n")
    facts = extractor.extract_one(text)
    assert [(f["measure"], f["value"], f["period"]) for f in facts] == [
        ("children_in_care", 412, "2022-04/2023-03"), ("child_protection", 301, "2022-04/2023-03")]


def test_a_pipe_table_through_the_extractor(extractor):
    facts = extractor.extract_one("Devon County Council's answer.\n" + PIPE_TABLE)
    assert [(f["measure"], f["value"], f["period"]) for f in facts] == [
        ("budget", 77_813_000, "2017-04/2018-03"), ("budget", 2_099_983, "2017-04/2018-03"),
        ("budget", 84_154_000, "2018-04/2019-03"), ("budget", 2_786_808, "2018-04/2019-03")]


def test_a_table_as_trafilatura_writes_it():
    from councilfacts.nlp.tables import read_tables

    text = "Budgets.\n| Year | Budget | \n|---|---|\n| 2017/18 | £ 77,813,000 | \n| 2018/19 | £ 84,154,000 | \nMore text."
    assert [(text[c.start:c.end], c.label, c.when) for c in read_tables(text)[0]] == [
        ("£ 77,813,000", "Budget", "2017/18"), ("£ 84,154,000", "Budget", "2018/19")]
