"""Figures that are not facts: where in a text numbers are phone numbers, dates, ages ...

`trap_ranges(text)` returns the character ranges (start, end, reason) of everything that
looks like a number but is not a quantity a reporter would quote: phone numbers, years and
financial years, dates and times, ages, list/section/page numbers, addresses and
postcodes, rating scales, rates "per 10,000". A number overlapping a trap range is never
emitted, not even as measure `other`.

These are rules of the language of the genre (English news, inspection reports, council
papers), not of any measure, so they live in code with a test each ("must not" lists in
tests/nlp/test_traps.py). Patterns only look at the untouched text; nothing is rewritten.
"""

from __future__ import annotations

import re
from typing import Iterable


def word_choice(words: str) -> str:
    """A regex matching any of the `|`-separated words, written as a trie ("page|pages|para" ->
    "pa(?:ge(?:s)?|ra)"): Python's re tries a long flat alternation word by word at every
    position, a trie letter by letter, four times faster here. Every pattern below follows
    its word with a space, a hyphen or a non-letter, so the two match the same text."""
    trie: dict = {}
    for w in words.split("|"):
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def rx(node: dict) -> str:
        alts = [re.escape(ch) + rx(node[ch]) for ch in sorted(node) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return "(?:" + rx(trie) + ")"


MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
)
SMALL_WORDS = word_choice(
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
    "|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
)
NUM = r"(?:\d+|" + SMALL_WORDS + r"(?:-" + SMALL_WORDS + r")?)"
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d|,\d)"

# Words that turn the number after them into a label (list, section, page, address ...).
LABELS = word_choice(
    r"page|pages|para|paras|paragraph|paragraphs|section|sections|item|items|agenda item|appendix|appendices|annex|annexe"
    r"|table|tables|figure|fig|chart|graph|chapter|clause|regulation|reg|rule|article|schedule|part|phase|stage|step"
    r"|key stage|level|tier|grade|band|room|option|question|recommendation|recommendations|priority"
    r"|no|nos|number|version|issue|volume|vol|line|unit|flat|floor|route|box|po box|standard|principle|outcome|objective"
    r"|theme|target|indicator|ni|pi|kpi|category|cohort|wave|round|series|episode|session|lot|plot|bus|platform|gate|junction"
    r"|tranche|batch|zone|pod|block|exhibit|document|doc|ref|reference|quarter"
)
STREETS = (
    r"(?:Street|St|Road|Rd|Lane|Ln|Avenue|Ave|Way|Square|Sq|Place|Pl|Court|Ct|Drive|Dr|Close|Crescent|Terrace|Gardens"
    r"|Row|Walk|Parade|Hill|Green|House|Park|Mews|Grove|Yard|Wharf|Quay|Gate|Circus|Boulevard|Buildings|Centre|Tower|Plaza)"
)

_PATTERNS: list[tuple[str, re.Pattern]] = [
    # 0300 123 1231, 01216853105, +44 (0)20 7946 0000, 07946 555174
    ("phone", re.compile(r"(?<![\d£$€.,])(?:\+44\s?(?:\(0\)\s?)?|\(?0)\d{2,4}\)?[\s-]?\d{3,4}[\s-]?\d{3,4}(?!\d|,\d)")),
    ("phone", re.compile(r"(?i)\b(?:tel|telephone|phone|mobile|fax|textphone|call|ring|dial|helpline|line)\b[^\d\n]{0,12}[\d\s()+-]{6,}\d")),
    ("phone", re.compile(r"(?i)\b(?:text|txt|sms)\s+(?:[A-Z]+\s+to\s+)?\d{4,6}\b")),
    # 2010/11, 2014–15, 2015-2016, 2023/24
    ("financial_year", re.compile(r"(?<![\d£$€])(?:FY\s?)?(?:19|20)\d{2}\s?[/–—-]\s?(?:(?:19|20)\d{2}|\d{1,2})(?![\d%])")),  # "2007-8" too
    # "at the end of 17/18", "Q2 20/21": a year and the next, written short
    ("financial_year", re.compile(r"(?<![\d/£$€.,])(?:" + "|".join(f"{y:02d}/{y + 1:02d}" for y in range(99)) + r")(?![\d/%])")),
    # decades: the 1990s
    ("year", re.compile(r"(?<![\d£$€.,])(?:1[89]|20)\d0s\b|\b'\d0s\b")),
    # years 1800-2099 written without a thousands separator, not money, not a share
    # ... but "around 2000 posts", "some 1900 children": a count, by its qualifier or its plural noun
    ("year", re.compile(r"(?<![\d£$€.,/])(?<!around )(?<!about )(?<!approximately )(?<!nearly )(?<!almost )(?<!some )"
                        r"(?<!more than )(?<!fewer than )(?<!less than )(?<!totalled )(?<!totaled )(?<!total of )"
                        r"(?:1[89]\d{2}|20\d{2})(?!\d|,\d|\.\d|\s?%|\s?per ?cent|\s?(?:m|bn|k|million|billion)\b"
                        r"|\s+(?:posts|jobs|staff|workers|employees|children|people|cases|families|pupils|places|roles|referrals)\b)")),
    # dates: 31 August 2016, 6 to 17 December, March 14, April 11th, 11/04/2019, 2019-04-11
    ("date", re.compile(r"\b" + DAY + r"(?:\s*(?:-|–|to|and)\s*" + DAY + r")?\s+(?:of\s+)?" + MONTHS + r"(?:,?\s+\d{4})?")),
    ("date", re.compile(r"\b" + MONTHS + r"\s+" + DAY + r"(?:\s*(?:-|–|to|and)\s*" + DAY + r")?\b(?:,?\s+\d{4})?(?!\s+(?:more|new|extra|additional|staff|people|children|personnel|[a-z]+s)\b)")),
    ("date", re.compile(r"(?<![\d.,£])\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})(?![\d%])")),
    ("date", re.compile(r"(?<![\d.,])\d{4}-\d{2}-\d{2}(?!\d)")),
    ("ordinal", re.compile(r"(?<![\d.,])\d+(?:st|nd|rd|th)\b", re.I)),
    # times: 10am, 10.30 pm, 14:00, 9 o'clock, 24/7
    ("time", re.compile(r"(?<![\d.,£])\d{1,2}(?:[.:]\d{2})?\s?(?:am|pm|a\.m\.|p\.m\.)(?![a-z])", re.I)),
    ("time", re.compile(r"(?<![\d.,£])\d{1,2}:\d{2}(?::\d{2})?(?!\d)")),
    ("time", re.compile(r"(?<![\d.,])\d{1,2}\s?o['’]clock", re.I)),
    ("time", re.compile(r"\b24/7\b|\b24-7\b|\b365\s+days\s+a\s+year\b")),
    # ages: aged 17, 17-year-old(s), Sixteen and 17-year-olds, aged 11 to 16, under-18s, 18-25 year olds
    ("age", re.compile(r"(?i)\b(?:aged?|ages|age of|age range of)\s+(?:between\s+|under\s+|over\s+|from\s+|of\s+)?"
                       + NUM + r"(?:\s*(?:months?|years?))?(?:\s*(?:-|–|to|and|or)\s*" + NUM + r")?")),
    ("age", re.compile(r"(?i)\b" + NUM + r"(?:-?\s*(?:-|–|to|and|or)\s*" + NUM + r")?[\s-]*(?:years?|months?|weeks?)[\s-]*olds?\b")),
    # ... not "just over 70", a count's approximation, nor the start of a move ("from over 70 to 40")
    ("age", re.compile(r"(?i)(?<!just )(?<!slightly )(?<!well )\b(?:over|under|above|below|aged over|aged under)[\s-](?:1[0-9]|2[015]|6[05]|7[05]|8[05])\b(?!\s*(?:%|per ?cent|[a-z]+s\b|staff|people|children|fte\b|full[\s-]time|part[\s-]time|new\b|more\b|extra\b|additional\b|to\s+(?:just\s+)?(?:over\s+|under\s+|about\s+|around\s+)?\d))")),
    ("age", re.compile(r"(?i)\b(?:1[0-9]|2[015]|6[05])\+")),
    ("age", re.compile(r"(?i)\b(?:turn|turns|turned|turning|reach|reaches|reached|reaching)\s+(?:1[0-9]|2[015]|6[05])\b(?!\s*(?:%|per ?cent|[a-z]+s\b))")),
    # "Councillor John Brown, 64, said" / "Jane Smith (42)"
    ("age", re.compile(r"\b(?:[A-Z][a-z]+|mother|father|mum|dad|partner|boyfriend|girlfriend|husband|wife|man|woman|son|"
                       r"daughter|grandmother|grandfather|stepfather|stepmother|uncle|aunt|brother|sister|teacher|worker|"
                       r"officer|driver|victim|defendant|pensioner|carer|foster carer|child|boy|girl|teenager|resident)"
                       r",\s(?:[1-9]|1\d|[2-9]\d|1[01]\d)(?=,\s)|\b[A-Z][a-z]+\s\((?:1[6-9]|[2-9]\d)\)")),
    ("age", re.compile(r"(?i)\bas (?:young|old) as\s+" + NUM + r"|\b(?:child|boy|girl|son|daughter|baby|toddler|man|woman|teenager)\s+of\s+" + NUM + r"(?:\s+(?:years?|months?))?")),
    ("age", re.compile(r"(?i)\b(?:under|over)[\s-]?\d{1,2}s\b|\b\d{1,2}s?\s*(?:and|&)\s*(?:over|under)\b|\b\d{1,2}\s?(?:-|–|to)\s?\d{1,2}[\s-]?year[\s-]?olds?")),
    ("age", re.compile(r"(?i)\b(?:teenagers?|children|young people|pupils|adults)\s+(?:aged|between the ages of)\s+" + NUM + r"(?:\s*(?:-|–|to|and)\s*" + NUM + r")?")),
    ("age", re.compile(r"(?i)\b(?:his|her|their)\s+" + NUM + r"(?:st|nd|rd|th)?\s+birthday|\b" + NUM + r"\s+years\s+of\s+age\b")),
    # list numbers and section numbers at the start of a line: "1. Many families", "2.3 Budget", "(iv)"
    ("list_number", re.compile(r"(?m)^[ \t\u2022\u25aa\u25fc\u25cf•◼*-]*\(?\d{1,3}(?:\.\d{1,3})*[.)](?=[ \t]|$)")),
    ("list_number", re.compile(r"(?m)^[ \t]*\d{1,3}(?:\.\d{1,3})+(?=[ \t]+[A-Z(])")),
    # "3.1   392 children were ...", "3.8 36 new social workers": a paragraph number, then the text's own figure
    ("list_number", re.compile(r"(?m)^[ \t]*\d{1,3}(?:\.\d{1,3})+(?=[ \t]{2,}\S|[ \t]+\d)")),
    ("list_number", re.compile(r"(?m)^[ \t]*\d{1,2}[ \t]+(?=[A-Z][a-z])")),
    # a PDF's paragraph number glued to its text: "2.To provide information on caseloads"
    ("list_number", re.compile(r"(?m)^[ \t]*\d{1,2}(?:\.\d{1,2})*\.(?=[A-Z][a-z])")),
    # a footnote re-joined into the text at a page foot: "... key strengths. 1 The areas for ..."
    ("footnote", re.compile(r"(?<=[.!?] )\d{1,2}(?= [A-Z][a-z])")),
    # footnote marks glued to the end of a word or sentence: "improve?1", "area.2"
    ("footnote", re.compile(r"(?:(?<=[A-Za-z?!:;’”])|(?<=[A-Za-z)]\.))\d{1,2}(?=\s|$)")),
    # footnote markers (1) [12]; never the count a share restates ("rose by 31% (44)")
    ("footnote", re.compile(r"(?<!%)(?<!% )(?<!cent )\(\d{1,2}\)|\[\d{1,3}\]")),
    # a note mark after a word: "received by HSC Trusts #1;"
    ("footnote", re.compile(r"(?<=[A-Za-z] )#\d{1,2}\b")),
    # labels: page 4, section 47, paragraph 12, item 5, Year 6, recommendation 3, case 2
    ("label", re.compile(r"(?i)\b(?:" + LABELS + r")\.?[ \t]+" + SMALL_WORDS + r"\b")),
    ("label", re.compile(r"(?i)\b(?:" + LABELS + r")\.?[ \t]+(?:no\.?[ \t]+)?\d+(?:\.\d+)*[a-z]?\)?(?:\s*(?:-|–|to|and)\s*\d+(?:\.\d+)*)?(?!\d|,\d|%|\s?per ?cent)")),
    # "section (3)", "paragraph (12)": a bracketed number labels a provision; "a level (15 children per FTE)" is a figure
    ("label", re.compile(r"(?i)\b(?:section|sections|para|paras|paragraph|paragraphs|regulation|reg|clause|article|schedule|part|rule|item|appendix|annex)"
                         r"\.?[ \t]+\(\d+(?:\.\d+)*[a-z]?\)")),
    ("label", re.compile(r"(?i)(?<![\w'’])(?:s|section|p|pp|q|no)\.?\s?\d{1,3}[a-z]?\b")),
    ("label", re.compile(r"\b(?:Year|Years|Week|Day|Term|Quarter|Team|Group|Area|Ward|Case|Child|Family|Period|Month|Hub|Locality|District|Pod)\s+\d{1,3}[a-z]?\b(?![,.]\d)")),
    # page furniture: a line holding only a number, "Page 3 of 10", a page number after a date in a running header
    ("page_number", re.compile(r"(?im)^[ \t]*(?:page[ \t]+)?\d{1,4}(?:[ \t]+of[ \t]+\d{1,4})?[ \t]*$")),
    ("page_number", re.compile(r"(?i)\bpage\s+\d+(?:\s+of\s+\d+)?")),
    ("page_number", re.compile(r"(?m)(?<=(?:19|20)\d{2}) \d{1,3}[ \t]*(?=$|\n|\f)")),
    ("page_number", re.compile(r"(?<=\f)[ \t]*\d{1,4}\b|\b\d{1,4}[ \t]*(?=\f)")),
    # addresses: postcodes, house numbers before a street, PO boxes
    ("address", re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")),
    ("address", re.compile(r"\b[A-Z]{1,2}\d{1,2}[A-Z]?\b")),
    ("address", re.compile(r"\b\d{1,4}[a-zA-Z]?(?:\s*[-–]\s*\d{1,4})?,?\s+(?:[A-Z][\w'’]+\s+){1,3}" + STREETS + r"\b")),
    ("address", re.compile(r"\b(?:One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Eleven|Twelve)\s+(?:[A-Z][\w'’]+\s+){0,3}" + STREETS + r"\b")),
    # rating scales: rated 4 out of 5, 3/5, a score of 7, five stars, on a scale of 1 to 10
    ("rating", re.compile(r"(?i)\b(?:rated|rating|ratings|score[sd]?|scoring|marks?|marked|ranked|ranking|grade[sd]?|graded)\b(?:\s+(?:of|at|as|it|them|him|her|a|an|just|only|was|were|is|be|been|an average of|on average))*\s+\d+(?:\.\d+)?(?:\s*(?:/|out of)\s*\d+)?")),
    ("rating", re.compile(r"(?i)\b\d+(?:\.\d+)?\s*(?:/|out of)\s*(?:3|4|5|7|10)\b(?!\s*(?:of\b|(?:the\s+)?[a-z]+s\b))")),  # "1/3 of staff" is a share
    ("rating", re.compile(r"(?i)\b(?:\d+(?:\.\d+)?|one|two|three|four|five)[\s-]stars?\b|\bscale\s+of\s+\d+\s*(?:to|-|–)\s*\d+")),
    # rates: 64 per 10,000 children (the rate and its base)
    ("rate", re.compile(r"(?i)\b\d+(?:\.\d+)?\s+(?:per|in every|for every)\s+(?:\d{1,3}(?:,\d{3})+|\d{3,}|hundred|thousand|100k)\b")),
    ("rate", re.compile(r"(?i)\b(?:per|in every|for every)\s+(?:\d{1,3}(?:,\d{3})+|\d+)\b")),
    # a ratio's base: "1 SW to 16.4 cases", "one worker for every 20 children" (the other number is the figure)
    ("rate", re.compile(r"(?i)(?<!from )\b(?:1|one)\s+(?!per\b|percent\b|pounds?\b|million\b|billion\b)(?:[a-z]+\s+){1,3}?(?:to|for every)(?=\s+\d)")),
    ("rate", re.compile(r"(?i)\b\d+(?:\.\d+)?\s+(?:[a-z-]+\s+){1,3}(?:per|in every|for every)\s+(?:\d{1,3}(?:,\d{3})+|\d{3,}|hundred|thousand)\b")),
    # numbers glued to letters: COVID-19, A14, M1, 5G, Baby P's Section17
    ("code", re.compile(r"\b[A-Za-z]+-?\d+(?:[.-]\d+)*|\b\d+[A-Za-z]*-[A-Za-z]+\d*")),
    # legislation and plans named with numbers: Children Act 1989, Vision 2030, Covid-19
    ("name", re.compile(r"\b(?:Act|Regulations|Order|Vision|Strategy|Plan|Agenda)\s+\d{4}\b")),
]

# A "-letters" suffix glued to digits is a code, except durations/ages handled elsewhere and
# compounds a reporter writes with a number ("64-strong", "30-plus", "10-fold").
_CODE_OK = re.compile(r"\d+-(?:strong|plus|odd|fold|year|years|month|months|week|weeks|day|days|hour|hours|minute|minutes|bed|bedded|place|mile|page|point|per|member|person|people)\b", re.I)
# "£5bn" "147m" "350k" "10%" are numbers with units, not codes.
_UNIT_SUFFIX = re.compile(r"^\d+(?:m|bn|k|mn|b|pc|x)$", re.I)


# Where a trap can be: a digit or a number word. Patterns run only around these.
_CANDIDATE = re.compile(r"\d|(?i:\b(?:" + SMALL_WORDS + r"|half|third|quarter|dozen|hundred|thousand|million)\b)")
_WINDOW = 100  # no trap reaches further from its number ("Cllr John Brown, 64," "64 Acacia Avenue")


def _windows(text: str) -> list[tuple[int, int]]:
    """Merged stretches of text around every digit and number word."""
    out: list[tuple[int, int]] = []
    for m in _CANDIDATE.finditer(text):
        lo, hi = max(0, m.start() - _WINDOW), min(len(text), m.end() + _WINDOW)
        if out and lo <= out[-1][1] + _WINDOW:  # a short gap costs less than one more pass of every pattern
            if hi > out[-1][1]:
                out[-1] = (out[-1][0], hi)
            continue
        out.append((lo, hi))
    return out


def trap_ranges(text: str, extra: Iterable[tuple[int, int, str]] = ()) -> list[tuple[int, int, str]]:
    """Sorted (start, end, reason) ranges of the text where numbers are not quantities.

    The patterns run only around each digit or number word (most of a text holds neither),
    so the cost follows the numbers, not the length of the text. They search the whole text
    between a window's ends (`pattern.finditer(text, lo, hi)`), so "^" and lookbehinds see the
    real line starts and the words before, as on the whole text."""
    out: set[tuple[int, int, str]] = set()
    flat = text.replace("\r", " ")  # CRLF text: same length, and "$" still ends a line
    for ws, we in _windows(flat):
        for reason, pattern in _PATTERNS:
            for m in pattern.finditer(flat, ws, we):
                s, e = m.span()
                if s == e:
                    continue
                if reason == "code":
                    if _CODE_OK.search(m.group(0)) or _UNIT_SUFFIX.match(m.group(0)):
                        continue
                out.add((s, e, reason))
    out.update(extra)
    return sorted(out)


def repeated_line_ranges(text: str, min_count: int = 3, max_len: int = 160, min_gap: int = 400) -> list[tuple[int, int, str]]:
    """Running headers and footers: short lines that recur page after page (page furniture), a
    page of text apart, not answers listed a few lines apart ("The total number - 195 as at ...")."""
    seen: dict[str, list[tuple[int, int]]] = {}
    pos = 0
    for line in text.splitlines(keepends=True):
        core = line.strip()
        if core and len(core) <= max_len and any(ch.isdigit() for ch in core):
            # page numbers differ between repeats: compare the line without its digits
            key = re.sub(r"\d+", "#", core)
            start = pos + line.index(core[0])
            seen.setdefault(key, []).append((start, start + len(core)))
        pos += len(line)
    out = []
    for key, spans in seen.items():
        if len(spans) >= min_count and re.search(r"[A-Za-z]{3}", key) \
                and min(b[0] - a[1] for a, b in zip(spans, spans[1:])) >= min_gap:
            out.extend((s, e, "page_furniture") for s, e in spans)
    return out


_CONTENTS = re.compile(r"(?im)^[ \t]*(?:table of )?contents[ \t]*$")


def toc_ranges(text: str, min_run: int = 3) -> list[tuple[int, int, str]]:
    """Tables of contents: a block headed "Contents", and runs of short lines that end in a page number."""
    out = []
    for m in _CONTENTS.finditer(text):
        end = text.find("\n\n", m.end())
        end = len(text) if end < 0 else end
        if end - m.end() < 3000:
            out.append((m.end(), end, "page_number"))
    run: list[tuple[int, int]] = []
    pos = 0
    pattern = re.compile(r"^[ \t]*[^\n]{2,90}?[ \t.]+(\d{1,3})[ \t]*$")
    for line in text.splitlines(keepends=True):
        m = pattern.match(line.rstrip("\r\n\f"))
        if m and not re.search(r"[.!?]\s*\d{1,3}\s*$", line.strip()) or (m and "...." in line):
            run.append((pos + m.start(1), pos + m.end(1)))
        elif line.strip():
            if len(run) >= min_run:
                out.extend((s, e, "page_number") for s, e in run)
            run = []
        pos += len(line)
    if len(run) >= min_run:
        out.extend((s, e, "page_number") for s, e in run)
    return out


def page_number_ranges(text: str, page_starts: list[int] | None, reach: int = 250) -> list[tuple[int, int, str]]:
    """Page numbers printed at the top or bottom of a page of a PDF whose page starts are known:
    a bare number near a page boundary whose value is that page's number (or the next/previous)."""
    out = []
    if not page_starts:
        return out
    bare = re.compile(r"(?<![\d.,£$€%/-])\d{1,3}(?!\d|,\d|%|\.\d|\s?per ?cent)")
    for k, start in enumerate(page_starts):
        page = k + 1
        for lo, hi, candidates in ((start, min(len(text), start + reach), (page, page - 1, page + 1)),
                                   (max(0, start - reach), start, (page - 1, page - 2, page))):
            for m in bare.finditer(text, lo, hi):
                if int(m.group(0)) in candidates:
                    out.append((m.start(), m.end(), "page_number"))
    return out


class TrapIndex:
    """Answer "does [start, end) touch a trap?" quickly for many numbers in one text."""

    def __init__(self, ranges: list[tuple[int, int, str]]):
        self.ranges = sorted(ranges)
        self.starts = [r[0] for r in self.ranges]
        self.max_len = max((e - s for s, e, _ in self.ranges), default=0)

    def reason(self, start: int, end: int) -> str | None:
        import bisect

        i = bisect.bisect_left(self.starts, end)
        j = i - 1
        while j >= 0 and self.ranges[j][0] >= start - self.max_len:
            s, e, why = self.ranges[j]
            if s < end and e > start:
                return why
            j -= 1
        return None
