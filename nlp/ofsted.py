"""Read the judgements an Ofsted children's services inspection report gives.

`read_judgements(text) -> list[dict]`, one dict per judgement the report gives:
{"judgement", "label", "grade", "sentence_start", "sentence_end", "figure_start", "figure_end"},
offsets into the untouched `text` (the "sentence" is the table row, label to grade; the
"figure" is the grade as printed). `inspection_date(text)` is the day the inspection ended
("Inspection dates: 13 May to 24 May 2019" -> "2019-05-24"): every judgement's period.

`judgement` is one id of a fixed vocabulary, whatever the report calls the judgement:

- overall_effectiveness: "Overall effectiveness" (no such judgement in the 2026 framework);
- impact_of_leaders: "The impact of leaders on social work practice with children and
  families" (2018-2026), "The impact of leaders on practice with children and families";
- help_and_protection: "The experiences and progress of children who need help and
  protection", SIF "Children who need help and protection";
- in_care: "The experiences and progress of children in care" (2023 on) and the one
  judgement of the 2018-2023 framework "... of children in care and care leavers";
- care_leavers: "The experiences and progress of care leavers" (2023 on; in SIF reports a
  graded part of the looked-after judgement).

The 2026 framework (from April 2026) gives the same four judgements as the framework before
it, without overall effectiveness: impact_of_leaders, help_and_protection, in_care,
care_leavers. Single inspection framework reports (2013-2018) add
looked_after_and_permanence ("Children looked after and achieving permanence"),
adoption_performance, leadership_management_governance and lscb (the review of the Local
Safeguarding Children Board); reports before 2013, capacity_for_improvement. Inspections of
one service (the 2013 "Inspection of looked after children services") grade that service,
not the council's children's services: none of their grades is read.

Where judgements are read from, in this order:

1. The judgements table on the first page of ILACS reports (2018 on): a "Judgement Grade"
   header, then rows "<label> <Grade>". Rows are read one after another until the first
   stretch of text that is not a row, so prose after the table is never read. A row's grade
   is printed capitalised ("Good", "Requires improvement to be good"); the label is whatever
   the report calls the judgement (the 2026 framework has no overall-effectiveness row, and
   its leadership row reads "The impact of leaders on practice with children and families":
   it is read as printed).
   A table whose rows cannot be read (its label column, then its grade column) gives the
   grades of the body's judgement headings instead ("The experiences and progress of children
   in care: good"), never the first page's labels paired with the wrong grades.
2. Without such a table (single inspection framework reports, 2013-2018): the summary lines
   "1. Children who need help and protection Inadequate", ... and the headline "Children's
   services in X are inadequate" (overall effectiveness); then the judgement headings of the
   report body ("The experiences and progress of children in care: good").

Grades are outstanding | good | requires improvement | inadequate ("requires improvement to
be good" is the one grade "requires improvement"; reports before 2013 used "adequate"); the words of the post-2025 five-point
scales (exceptional, strong standard, expected standard, needs attention, urgent
improvement) are accepted in a judgements table only. A grade is only ever read right after
the name of a judgement, so text listing the grades ("judgements are outstanding, good,
requires improvement to be good or inadequate") gives nothing, and each judgement is read
once (the first time the report gives it).

Text may come hard-wrapped (pypdf, pypdfium2 with CRLF) or re-joined into paragraphs:
every pattern allows any whitespace between words.
"""

from __future__ import annotations

import re

_W = r"[ \t\r\n\u00a0]+"  # any whitespace run, line breaks included


def _words(phrase: str) -> str:
    return _W.join(re.escape(w) for w in phrase.split())


_GRADES4 = ["requires improvement to be good", "require improvement to be good", "requires improvement", "require improvement", "outstanding", "inadequate", "good"]
# reports before 2013 graded "adequate" where later ones say "requires improvement"
_GRADES_OLD = ["adequate"]
_GRADES_NEW = ["strong standard", "expected standard", "needs attention", "urgent improvement", "exceptional"]

_GRADE_ANY = "|".join(_words(g) for g in _GRADES4 + _GRADES_OLD)
_GRADE_TABLE = "|".join(_words(g[0].upper() + g[1:]) for g in _GRADES4 + _GRADES_OLD + _GRADES_NEW)

_HEADER = re.compile(r"Judgement" + _W + r"Grade\b")
_ROW = re.compile(
    r"[ \t\r\n\u00a0]*(?P<label>[A-Z][^.:;!?\u2022\u25fc]{3,200}?)[ \t\r\n\u00a0]+(?P<grade>" + _GRADE_TABLE + r")(?![\w-])"
)

# Judgement names of the older frameworks (and headings of ILACS report bodies).
_LABELS = [
    "overall effectiveness",
    "the impact of leaders on social work practice with children and families",
    "the impact of leaders on practice with children and families",
    "the experiences and progress of children who need help and protection",
    "the experiences and progress of children in care and care leavers",
    "the experiences and progress of children in care",
    "the experiences and progress of care leavers",
    "experiences and progress of care leavers",
    "children who need help and protection",
    "children looked after and achieving permanence",
    "adoption performance",
    "leadership, management and governance",
    "the effectiveness of the local safeguarding children board",
    "the effectiveness of the lscb",
    "the effectiveness of the local safeguarding children board (lscb)",
    "capacity for improvement",
]
_LABEL_ALT = "|".join(_words(x) for x in sorted(_LABELS, key=len, reverse=True))
_LABELLED = re.compile(
    r"(?<![\w-])(?:\d(?:\.\d)?\.?" + _W + r")?(?P<label>" + _LABEL_ALT + r")[ \t\u00a0]*(?::|\u2013|-)?" + _W.replace("+", "*")
    + r"(?P<grade>" + _GRADE_ANY + r")(?![\w-])(?![ \t]+(?:and|or|to|in|at|for|by|with|but)\b)",
    re.I,
)
# a judgement heading of an ILACS report's body: "The experiences and progress of children in care: good"
_HEADING = re.compile(
    r"(?<![\w-])(?P<label>" + _LABEL_ALT + r")[ \t\u00a0]*:" + _W.replace("+", "*") + r"(?P<grade>" + _GRADE_ANY + r")(?![\w-])", re.I)
# "Children's services in Birmingham are inadequate" / "... in Kent require improvement to be
# good": the place is a proper name (so "... in X were judged inadequate" in a later letter,
# about an earlier inspection, is not read).
_PLACE = r"[A-Z][\w'\u2019&,-]*(?:[ \t]+(?:and|of|upon|on|the|[A-Z][\w'\u2019&,-]*)){0,6}"
_OVERALL_SIF = re.compile(
    r"Children(?:'|\u2019)s" + _W + r"services" + _W + r"in" + _W + r"(?P<la>" + _PLACE + r")" + _W
    + r"(?:(?:are|is)" + _W + r"(?P<grade>outstanding|good|inadequate|adequate)|(?P<grade2>requires?" + _W + r"improvement(?:" + _W + r"to" + _W + r"be" + _W + r"good)?))(?![\w-])",
)
# SIF reports end with a review of the Local Safeguarding Children Board and its grade:
# "The Local Safeguarding Children Board (LSCB) in Kent requires improvement."
_LSCB = re.compile(
    r"(?<![\w-])(?:The" + _W + r")?Local" + _W + r"Safeguarding" + _W + r"Children" + _W + r"Board(?:" + _W + r"\(LSCB\))?"
    + r"(?:" + _W + r"in" + _W + r"[A-Z][\w,&'\u2019 -]{1,60}?)?" + _W + r"(?:is" + _W + r")?(?P<grade>" + _GRADE_ANY + r")(?=[ \t]*(?:\.|\r?\n|$))",
)
LSCB = "effectiveness of the local safeguarding children board"
# A judgement's id from the words of its label (lower case), first match wins: labels vary
# by framework, wrap, and now and then lose a word ("The experiences and progress of children
# care leavers", Leeds 2025).
_IDS = [
    ("overall_effectiveness", r"^overall effectiveness$"),
    ("looked_after_and_permanence", r"^children looked after and achieving permanence$"),
    ("adoption_performance", r"^adoption performance$"),
    ("leadership_management_governance", r"^leadership, management and governance$"),
    ("lscb", r"^effectiveness of the (?:lscb|local safeguarding children board(?: \(lscb\))?)$"),
    ("capacity_for_improvement", r"^capacity for improvement$"),
    ("impact_of_leaders", r"\bimpact of leaders\b"),
    ("help_and_protection", r"\bhelp and protection$"),
    ("in_care", r"\bprogress of children in care\b"),
    ("care_leavers", r"\bprogress of (?:children )?care leavers$"),
]
_IDS_RE = [(jid, re.compile(pattern)) for jid, pattern in _IDS]
# An inspection of one service grades that service only ("Inspection of looked after children
# services", 2013): its "Overall effectiveness" is not the council's children's services'.
_ONE_SERVICE = re.compile(
    r"Inspection" + _W + r"of" + _W + r"(?:safeguarding" + _W + r"and" + _W + r")?looked" + _W + r"after" + _W
    + r"children(?:(?:'|\u2019)s)?" + _W + r"services", re.I)
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_DATES = re.compile(r"Inspection" + _W + r"dates?" + _W.replace("+", "*") + r":?")
_DAY = re.compile(r"(?<!\d)(?P<d>\d{1,2})" + _W + r"(?P<m>" + _MONTHS + r")" + _W + r"(?P<y>(?:19|20)\d\d)(?!\d)")
# what follows the dates: the inspector's name, the publication date ("Report published: 25 November 2016"), a blank line
_DATES_END = re.compile(r"(?i)(?:lead|reporting)" + _W + r"inspector|(?:report" + _W + r")?published|date" + _W + r"of" + _W
                        + r"publication|\n[ \t]*\n")
_CONTINUED = re.compile(r"[ \t]*\r?\n[ \t]*(?P<more>[a-z][a-z ,'\u2019-]{2,80}?)[ \t]*(?=\r?\n|$)")
_TABLE_REACH = 6000  # the judgements table is on the first page


def normalise_grade(grade: str) -> str:
    g = re.sub(r"\s+", " ", grade).strip().lower()
    if g.startswith("require"):
        return "requires improvement"
    return g


def judgement_id(label: str) -> str | None:
    """The vocabulary's id for a judgement's label, however printed or wrapped; None for a
    label that names no judgement: "The experiences and progress of care\nleavers" -> "care_leavers"."""
    name = normalise_judgement(label)
    for jid, pattern in _IDS_RE:
        if pattern.search(name):
            return jid
    return None


def inspection_date(text: str) -> str | None:
    """The last day of the inspection, from the "Inspection dates:" line near the top:
    "Inspection dates: 5 to 9 December 2022 and 14 to 15 February 2023" -> "2023-02-15"."""
    m = _DATES.search(text or "", 0, _TABLE_REACH)
    if not m:
        return None
    stop = _DATES_END.search(text, m.end(), m.end() + 200)
    days = list(_DAY.finditer(text, m.end(), stop.start() if stop else m.end() + 160))
    if not days:
        return None
    last = days[-1]
    month = _MONTHS.split("|").index(last.group("m")) + 1
    return f"{last.group('y')}-{month:02d}-{int(last.group('d')):02d}"


def normalise_judgement(label: str) -> str:
    s = re.sub(r"\s+", " ", label).strip().lower().replace("\u2019", "'")
    s = re.sub(r"^(?:\d(?:\.\d)?\.?\s+)", "", s)
    s = re.sub(r"^the\s+", "", s)
    return s.rstrip(" :-\u2013")


def _row_label_ok(label: str) -> bool:
    words = label.split()
    if not 1 <= len(words) <= 20:
        return False
    if words[-1].lower() in {"is", "are", "was", "were", "be", "been", "remain", "remains", "as", "not", "judged", "rated"}:
        return False
    return True


def _table(text: str) -> list[dict]:
    head = _HEADER.search(text, 0, _TABLE_REACH)
    if not head:
        return []
    out = []
    pos = head.end()
    while True:
        m = _ROW.match(text, pos)
        if not m or not _row_label_ok(m.group("label")):
            break
        item = _item(m.group("label"), m.start("label"), m.start("grade"), m.end("grade"), m.group("grade"))
        pos = m.end()
        # a label that wraps below its grade: "... practice with   Requires improvement to be good\nchildren and families"
        more = _CONTINUED.match(text, pos)
        if more:
            label = f"{m.group('label')} {more.group('more')}"
            item.update(judgement=judgement_id(label), label=normalise_judgement(label))
            pos = more.end()
        out.append(item)
    return out


def _item(label: str, start: int, g_start: int, g_end: int, grade: str) -> dict:
    return {
        "judgement": judgement_id(label),
        "label": normalise_judgement(label),
        "grade": normalise_grade(grade),
        "sentence_start": start,
        "sentence_end": g_end,
        "figure_start": g_start,
        "figure_end": g_end,
    }


def read_judgements(text: str) -> list[dict]:
    """The judgements the report gives, one per judgement, in the order the report gives them."""
    if not text or _ONE_SERVICE.search(text, 0, 600):
        return []
    found = _table(text)
    if not found and _HEADER.search(text, 0, _TABLE_REACH):
        # a judgements table whose rows do not read as rows (its columns one after the other): the
        # first page's lines would pair labels with the wrong grades, the body's headings do not
        found = [_item(m.group("label"), m.start("label"), m.start("grade"), m.end("grade"), m.group("grade"))
                 for m in _HEADING.finditer(text, _TABLE_REACH)]
    elif not found:
        m = _OVERALL_SIF.search(text, 0, _TABLE_REACH)
        if m:
            g = "grade" if m.group("grade") else "grade2"
            found.append(_item("overall effectiveness", m.start(), m.start(g), m.end(g), m.group(g)))
            found[-1]["sentence_start"] = m.start()
        # the summary on the first page; the judgement headings of the body only without one
        summary = [m for m in _LABELLED.finditer(text, 0, _TABLE_REACH)]
        for m in summary or _LABELLED.finditer(text):
            found.append(_item(m.group("label"), m.start("label"), m.start("grade"), m.end("grade"), m.group("grade")))
        if found:  # an inspection report with judgements: the LSCB review's grade, if any
            m = _LSCB.search(text)
            if m:
                found.append(_item(LSCB, m.start(), m.start("grade"), m.end("grade"), m.group("grade")))
    out, seen = [], set()
    for item in found:
        if item["judgement"] is None or item["judgement"] in seen:
            continue  # a row naming no judgement of the vocabulary; a judgement given again
        seen.add(item["judgement"])
        out.append(item)
    return out
