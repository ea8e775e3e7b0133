"""Gate: 70 real Ofsted children's services inspection reports (2018-2026), read as a crawl
or `extract PATH` reads them, give exactly their judgements, each dated by its inspection.

The reports and what they grade are in ../shared/realworld/ofsted/jt39 (judgements.csv,
read by JT-39's own parser; see its SOURCES.md). Each PDF is read once per session with
the project's PDF reader (councilfacts.documents.read_path), then by the real Extractor,
with kind unset (a file whose kind is not known) and as kind "ofsted_report" (what
read_path and the Ofsted spider say).

Per report: the set of (judgement, grade) of this inspection equals the CSV's graded ones,
each judgement once, each with the period "Inspection dates:" ends on; every other
ofsted_rating fact recalls an earlier inspection and is dated before it.
Run with -s for a summary.
"""

from __future__ import annotations

import collections
import csv
import functools
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
JT39 = SHARED / "realworld" / "ofsted" / "jt39"

if not (JT39 / "judgements.csv").exists():
    pytest.skip(f"JT-39 Ofsted reports not found at {JT39} (../shared is absent)", allow_module_level=True)

from councilfacts.documents import read_path  # noqa: E402
from councilfacts.nlp.extractor import DocInput, Extractor  # noqa: E402

GRADES = {"outstanding", "good", "requires improvement", "inadequate"}
COLUMNS = {
    "overall_effectiveness": "overall_effectiveness_grade",
    "impact_of_leaders": "impact_of_leaders_grade",
    "help_and_protection": "help_and_protection_grade",
    "in_care": "in_care_grade",
    "care_leavers": "care_leavers_grade",
}
# Where JT-39's parser misread a report (checked against the report's first page), what the report says.
ERRATA = {
    # "The experiences and progress of children in care and care leavers / Good"
    "oxfordshire-2018-80536-50004449.pdf": {"in_care": "good"},
    # 2018-2023 framework: one judgement "children in care and care leavers", which the CSV gives as
    # in_care (and as inspection_pre_dates_judgement for care_leavers) in the 31 other such reports
    "redcar-and-cleveland-nodate-80541-50194303.pdf": {"care_leavers": None, "date": "2022-07-01"},
    # "Inspection dates: 5 to 9 December 2022 and 14 to 15 February 2023": it ended in February
    "south-tyneside-2022-80557-50216273.pdf": {"date": "2023-02-15"},
    # "Inspection dates: 11 to 15 March 2024" (no date in the CSV)
    "brighton-and-hove-nodate-80438-50246981.pdf": {"date": "2024-03-15"},
    # 2013 "Inspection of looked after children services": one service graded, none of the
    # children's services judgements (the CSV's data_unreadable); "Inspection dates: 15-19 July 2013"
    "medway-nodate-80522-50004250.pdf": {"date": "2013-07-19"},
    "norfolk-nodate-80418-50004248.pdf": {"date": "2013-07-12"},
}
KINDS = {"kind unset": None, "ofsted_report": "ofsted_report"}


def _rows() -> list[dict]:
    with open(JT39 / "judgements.csv", newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


ROWS = _rows()


def expected(row: dict) -> tuple[set[tuple[str, str]], str | None]:
    """(judgement, grade) the report gives and the day its inspection ended."""
    fixes = ERRATA.get(row["file"], {})
    grades = {jid: row[col] for jid, col in COLUMNS.items()}
    grades.update({k: v for k, v in fixes.items() if k in COLUMNS})
    d = row["inspection_end_date"]
    date = fixes.get("date") or (f"{d[6:]}-{d[3:5]}-{d[:2]}" if d else None)
    return {(jid, g) for jid, g in grades.items() if g in GRADES}, date


@functools.lru_cache(maxsize=None)
def document(name: str) -> dict:
    """The report as read_path reads it (pypdfium2, lines re-joined): once a session."""
    return read_path(JT39 / name)


@pytest.fixture(scope="module")
def facts_by_kind() -> dict[str, dict[str, list[dict]]]:
    extractor = Extractor()
    out = {}
    for label, kind in KINDS.items():
        docs = [document(r["file"]) for r in ROWS]
        inputs = [DocInput(text=d["text"], doc_id=r["file"], kind=kind, page_starts=d.get("page_starts"), title=d.get("title"))
                  for r, d in zip(ROWS, docs)]
        out[label] = {r["file"]: [f for f in facts if f["measure"] == "ofsted_rating"]
                      for r, facts in zip(ROWS, extractor.extract(inputs))}
    return out


def this_inspection(ratings: list[dict], date: str | None) -> tuple[list[dict], list[dict]]:
    """The report's own judgements and the earlier ones it recalls (dated before its inspection)."""
    recalled = [f for f in ratings if date and f["period"] and f["period"].split("/")[-1] < date[: len(f["period"].split("/")[-1])]]
    return [f for f in ratings if f not in recalled], recalled


def test_extract_path_reads_each_as_an_ofsted_report():
    """`extract PATH` passes read_path's kind: a report read as a committee paper loses its table."""
    kinds = collections.Counter(document(r["file"])["kind"] for r in ROWS)
    assert kinds == {"ofsted_report": len(ROWS)}


@pytest.mark.parametrize("kind", sorted(KINDS))
@pytest.mark.parametrize("row", ROWS, ids=[r["file"][:-4] for r in ROWS])
def test_report_gives_exactly_its_judgements(facts_by_kind, kind, row):
    want, date = expected(row)
    assert date, "every report states its inspection dates"
    own, recalled = this_inspection(facts_by_kind[kind][row["file"]], date)
    got = [(f["judgement"], f["subject"]) for f in own]
    assert len(got) == len(set(got)), f"a judgement given twice: {got}"
    assert set(got) == want
    assert {f["period"] for f in own} <= {date}
    for f in recalled:  # an earlier inspection's grade is dated, and never one of this report's
        assert f["sentence_start"] is not None and f["period"] < date


def _layout(own: list[dict]) -> str:
    ids = {f["judgement"] for f in own}
    if not ids:
        return "2013 single-service inspection"
    if "overall_effectiveness" not in ids:
        return "2026 framework (four judgements, no overall)"
    if "care_leavers" in ids:
        return "2023 on (five judgements)"
    return "2018-2023 (in care and care leavers one judgement)"


def test_summary(facts_by_kind):
    """Found / expected, precision and recall per way of reading; counts per layout (-s prints them)."""
    for kind, by_file in facts_by_kind.items():
        tp = fp = fn = overall = overall_n = recalled_n = 0
        layouts: dict[tuple[str, str], list[int]] = collections.defaultdict(lambda: [0, 0])
        for row in ROWS:
            want, date = expected(row)
            own, recalled = this_inspection(by_file[row["file"]], date)
            got = {(f["judgement"], f["subject"]) for f in own}
            tp, fp, fn = tp + len(got & want), fp + len(got - want), fn + len(want - got)
            recalled_n += len(recalled)
            if any(j == "overall_effectiveness" for j, _ in want):
                overall_n += 1
                overall += any(j == "overall_effectiveness" and (j, g) in got for j, g in want)
            cell = layouts[(_layout(own), row["framework"] or "-")]
            cell[0] += got == want and {f["period"] for f in own} <= {date}
            cell[1] += 1
        precision, recall = tp / max(1, tp + fp), tp / max(1, tp + fn)
        print(f"\n[jt39, {kind}] grades found {tp}/{tp + fn}, precision {precision:.3f}, recall {recall:.3f}; "
              f"overall effectiveness {overall}/{overall_n}; earlier inspections recalled and dated: {recalled_n}")
        for (layout, framework), (ok, n) in sorted(layouts.items()):
            print(f"  {layout:52} {framework:9} exact {ok}/{n}")
        assert (precision, recall, overall) == (1.0, 1.0, overall_n)
