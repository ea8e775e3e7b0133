"""The period reader: the date or period a figure refers to, where the sentence says.

`period_for(sentence, figure_start, figure_end, doc_date)` looks for date expressions in the
sentence ("at 31 August 2016", "in March 2015", "in 2020", "between 2010/11 and 2012/13",
"last year", "six months ago", "on March 14") and returns the one nearest the figure as an
ISO string: a day "2016-08-31", a month "2015-03", a year "2020", or an ISO interval for a
financial year "2010-04/2011-03". Where the sentence gives none it is the document's date
(its first 10 characters), or None.

Relative expressions ("last year", "a year ago") are read against the document's date;
without one they are skipped.
"""

from __future__ import annotations

import re
from datetime import date

from .settings_io import SettingsIO

MONTH_NUM = {m: i for i, ms in enumerate(
    [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
     ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
     ("december", "dec")], start=1) for m in ms}
_MON = r"(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
         "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "eighteen": 18, "twenty-four": 24}

PATTERNS = [
    ("fy_range", re.compile(r"\bbetween\s+((?:19|20)\d{2})\s?[/–-]\s?(\d{2,4})\s+and\s+((?:19|20)\d{2})\s?[/–-]\s?(\d{2,4})\b")),
    ("fy", re.compile(r"(?<!\d)((?:19|20)\d{2})\s?[/–-]\s?(\d{2}|(?:19|20)\d{2})(?![\d%])")),
    ("dmy", re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MON + r",?\s+((?:19|20)\d{2})\b")),
    ("mdy", re.compile(r"\b" + _MON + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{2})\b")),
    ("dm", re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MON + r"(?!,?\s+(?:19|20)\d{2})\b")),
    ("md", re.compile(r"\b" + _MON + r"\s+(\d{1,2})(?:st|nd|rd|th)?\b(?!,?\s+(?:19|20)\d{2})(?!\d|,\d)")),
    ("my", re.compile(r"\b" + _MON + r",?\s+((?:19|20)\d{2})\b")),
    ("y", re.compile(r"(?i)\b(?:in|during|since|by|for|of|at the end of|end of|from|until|throughout|over)\s+((?:19|20)\d{2})\b(?![/–-]\d)")),
    ("rel_year", re.compile(r"(?i)\b(last|this|next|the previous|the past|the last)\s+(year|month)\b")),
    ("ago", re.compile(r"(?i)\b(a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|\d{1,2})\s+(years?|months?)\s+(?:ago|earlier|before)\b")),
]


_COMPARISON = re.compile(r"(?i)\b(?:up|down|rising|falling|increas\w*|decreas\w*)\s+from\b|\bcompared\s+(?:with|to)\b|\bagainst\b|\bthan\b|\bfrom\s+[£\d]")


def _fy(y1: str, y2: str) -> tuple[int, int] | None:
    a = int(y1)
    b = int(y2) if len(y2) == 4 else (a // 100) * 100 + int(y2)
    if b < a:
        b += 100
    return (a, b) if b - a == 1 else None


def _shift_months(d: date, months: int) -> tuple[int, int]:
    m = d.year * 12 + (d.month - 1) - months
    return m // 12, m % 12 + 1


def _parse_date(value: str | None) -> date | None:
    if not value:
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", str(value))
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    m = re.match(r"(\d{4})(?:-(\d{2}))?", str(value))
    if m:
        return date(int(m.group(1)), int(m.group(2) or 1), 1)
    return None


def find_periods(sentence: str, doc_date: str | None = None) -> list[tuple[int, int, str]]:
    """(start, end, iso) of every period expression in the sentence."""
    base = _parse_date(doc_date)
    out: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    for kind, pattern in PATTERNS:
        for m in pattern.finditer(sentence):
            s, e = m.span()
            if not free(s, e):
                continue
            iso = None
            g = m.groups()
            try:
                if kind == "fy_range":
                    a, b = _fy(g[0], g[1]), _fy(g[2], g[3])
                    if a and b:
                        iso = f"{a[0]}-04/{b[1]}-03"
                elif kind == "fy":
                    a = _fy(g[0], g[1])
                    if a:
                        iso = f"{a[0]}-04/{a[1]}-03"
                elif kind == "dmy":
                    iso = date(int(g[2]), MONTH_NUM[g[1].lower()], int(g[0])).isoformat()
                elif kind == "mdy":
                    iso = date(int(g[2]), MONTH_NUM[g[0].lower()], int(g[1])).isoformat()
                elif kind in {"dm", "md"} and base:
                    day, mon = (g[0], g[1]) if kind == "dm" else (g[1], g[0])
                    iso = date(base.year, MONTH_NUM[mon.lower()], int(day)).isoformat()
                elif kind == "my":
                    iso = f"{int(g[1]):04d}-{MONTH_NUM[g[0].lower()]:02d}"
                elif kind == "y":
                    iso = g[0]
                elif kind == "rel_year" and base:
                    which, unit = g[0].lower(), g[1].lower()
                    delta = {"last": 1, "the previous": 1, "the past": 1, "the last": 1, "this": 0, "next": -1}[which]
                    if unit == "year":
                        iso = str(base.year - delta)
                    else:
                        y, mo = _shift_months(base, delta)
                        iso = f"{y:04d}-{mo:02d}"
                elif kind == "ago" and base:
                    n = int(g[0]) if g[0].isdigit() else WORDS[g[0].lower()]
                    if g[1].lower().startswith("year"):
                        iso = str(base.year - n)
                    else:
                        y, mo = _shift_months(base, n)
                        iso = f"{y:04d}-{mo:02d}"
            except (ValueError, KeyError):
                iso = None
            if iso:
                out.append((s, e, iso))
                taken.append((s, e))
    out.sort()
    return out


def period_for(sentence: str, figure_start: int, figure_end: int, doc_date: str | None = None) -> str | None:
    """The period nearest the figure in its sentence (offsets relative to the sentence), else the document date."""
    best = None
    for s, e, iso in find_periods(sentence, doc_date):
        if s < figure_end and e > figure_start:
            continue
        between = sentence[figure_end:s] if s >= figure_end else sentence[e:figure_start]
        if _COMPARISON.search(between):
            continue  # "612, up from 580 at the end of March 2022": that date is the other figure's
        dist = figure_start - e if e <= figure_start else s - figure_end
        # a period after the figure in the same clause is as good as one before; prefer the closer
        if best is None or dist < best[0]:
            best = (dist, iso)
    if best:
        return best[1]
    base = _parse_date(doc_date)
    return base.isoformat() if base and re.match(r"\d{4}-\d{2}-\d{2}", str(doc_date)) else (str(doc_date)[:10] if doc_date else None)


# --------------------------------------------------------------------------- spaCy component

from spacy.language import Language  # noqa: E402
from spacy.tokens import Doc, Span  # noqa: E402

if not Span.has_extension("period"):
    Span.set_extension("period", default=None)


@Language.factory("cf_periods", default_config={"spans_key": "figures", "date_key": "cf_doc_date"}, assigns=["span._.period"])
def make_period_reader(nlp: Language, name: str, spans_key: str, date_key: str) -> "PeriodReader":
    return PeriodReader(name, spans_key=spans_key, date_key=date_key)


class PeriodReader(SettingsIO):
    """Sets `span._.period` on each figure; the document date comes from doc.user_data[date_key]."""

    settings = ("spans_key", "date_key")

    def __init__(self, name: str = "cf_periods", *, spans_key: str = "figures", date_key: str = "cf_doc_date"):
        self.name = name
        self.spans_key = spans_key
        self.date_key = date_key

    def __call__(self, doc: Doc) -> Doc:
        doc_date = doc.user_data.get(self.date_key)
        for span in doc.spans.get(self.spans_key, []):
            sent = span.sent if doc.has_annotation("SENT_START") else doc[:]
            base = sent.start_char
            span._.period = period_for(sent.text, span.start_char - base, span.end_char - base, doc_date)
        return doc
