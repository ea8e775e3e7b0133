"""Read the cells of tables laid out as text, as council papers' PDFs give them.

    Measure                                  Q1        Q2        Target    RAG
    Average caseload (social workers)        16.2      17.4      18        Green
    Agency social workers (%)                12.1%     10.8%     <12%      Green

Run together as one "sentence", such a table gives the parser nothing to tie a figure to:
every cell would be read against every row's words. `read_tables(text)` finds rows (a
label, then two or more columns set apart by runs of spaces, at least one a number) in
runs of two or more, and returns each numeric cell with its row's label and its column's
header. The extractor reads a cell as the sentence "<label> was <cell>." and cites the row.

Dated levels listed one a line under a line saying what they count ("at 31 March 2018 – 694")
are read the same way, each with its date (`read_dated_lists`); so are tables whose cells are
set apart by "|", as HTML tables come out as text (`read_pipe_tables`), their rows periods
("2017/18 | £ 77,813,000 | £ 2,099,983") or labels.

Only cells under a column that is a period or a plain value ("Q2", "2023/24", "Aug 2018",
"Actual") are read: not a target, a benchmark, the England or statistical neighbours'
average, a RAG rating or a change, nor the columns of a table whose rows are teams
("Vacant (FTE)", "Covered by agency"), whose label is not what is counted. Left out too are
tables of money in units only their caption gives (£m, £000); the rows of those are still
returned, so that their figures are not read as prose either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUMBER = r"[<>\u2264\u2265]?\s?£?\d[\d,]*(?:\.\d+)?\s?(?:%|m|k|bn)?"
_CELL = re.compile(rf"^(?:{_NUMBER}|[-\u2013\u2014]|n/?a|[A-Za-z]{{1,12}})$", re.I)
_NUMERIC = re.compile(rf"^{_NUMBER}$")
_GAP = re.compile(r"\S+(?: \S+)*")  # a run of text with single spaces inside; columns sit two spaces apart
_SKIP_COLUMN = re.compile(
    r"(?i)\b(?:target|tolerance|benchmark|england|national|regional|statistical|neighbours?|sn|comparator|average|"
    r"rag|trend|direction|dot|variance|change|polarity|status|rank|quartile)\b"
)
# labels that name a rate, an average or a sum rather than the things counted
_MEASURE_LABEL = re.compile(
    r"(?i)\b(?:average|mean|median|rate|ratio|caseloads?|number|total|percentage|proportion|share|spend|spending|"
    r"budget|overspend|underspend|cost|costs|forecast|outturn|variance|days|weeks|timescales?|duration|wait|turnover)\b"
)
# columns whose cells are the row's own figure: a period or a plain value
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_VALUE_COLUMN = re.compile(
    rf"(?i)^(?:q[1-4](?:\s+\d{{2,4}}(?:/\d{{2,4}})?)?|quarter\s+\d|p\d{{1,2}}|period\s+\d{{1,2}}|(?:fy\s*)?\d{{4}}(?:\s*[/-]\s*\d{{2,4}})?|\d{{2}}/\d{{2}}"
    rf"|{_MONTH}(?:\s*[-']?\s*\d{{2,4}})?|\d{{1,2}}\s+{_MONTH}(?:\s+\d{{2,4}})?|(?:at\s+)?(?:31\s+)?(?:march|september)\s+\d{{4}}"
    rf"|value|number|no\.?|count|total|figure|current|latest|actual|outturn|position|this\s+year|last\s+year|previous(?:\s+year)?|baseline|year\s+end|ytd)"
    rf"(?:\s*\(%\))?$"
)
_PERCENT_LABEL = re.compile(r"\s*\(%\)|\s+%$")


@dataclass(frozen=True)
class Cell:
    row_start: int  # the row's line, label to last cell: what a fact from the cell cites
    row_end: int
    label: str
    start: int  # the cell, as printed
    end: int
    column: str | None
    percent: bool  # the row or its column says its figures are percentages
    when: str | None = None  # the date a dated list's line gives its figure ("at 31 March 2018")
    row_body: str | None = None  # the body a row is, where the table's rows are bodies ("Belfast HSC Trust")

    def sentence(self, text: str) -> tuple[str, int]:
        """The sentence the cell is read as, and where the cell's text starts in it: a count of
        things ("Children subject to CP plan  381") reads "There were 381 children subject to
        CP plan."; a rate, an average or money ("Vacancy rate  15.0%") reads "Vacancy rate was 15.0%."."""
        cell = re.sub(r"£\s+", "£", text[self.start : self.end])  # "£ 77,813,000", as a table sets it
        if self.percent and not cell.endswith("%"):
            cell += "%"
        when = f" {self.when}" if self.when else ""
        if self.when and self.when[:1].isdigit():
            when = f" in {self.when}"  # "2017/2018 42": the period of the figure, not what it counts
        if cell[-1:].isdigit() and "£" not in cell and not _MEASURE_LABEL.search(self.label):
            head = "There were "
            return f"{head}{cell} {self.label[:1].lower()}{self.label[1:]}{when}.", len(head)
        head = f"{self.label} was "
        return head + cell + when + ".", len(head)


def _columns(line: str, offset: int) -> list[tuple[int, int, str]]:
    """Runs of text separated by two or more spaces: (start, end, text), offsets into the document."""
    return [(offset + m.start(), offset + m.end(), m.group(0)) for m in _GAP.finditer(line)]


def _row(line: str, offset: int) -> tuple[str, list[tuple[int, int, str]]] | None:
    cols = _columns(line, offset)
    # the cells are the trailing columns that are figures (or dashes, "n/a", a RAG word);
    # everything before them is the label ("FS1    Reduce agency spend by")
    m = len(cols)
    while m > 1 and _CELL.match(cols[m - 1][2]):
        m -= 1
    cells = cols[m:]
    if len(cells) < 2 or not any(_NUMERIC.match(c[2]) for c in cells):
        return None
    label = " ".join(c[2] for c in cols[:m])
    if sum(c.isalpha() for c in label) < 3 or label[:1].isdigit():
        return None
    return label, cells


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _wrapped_label(line: str, row_indent: int) -> bool:
    """A line of plain words set in deeper than the row above: the rest of that row's label."""
    text = line.strip()
    return bool(text) and _indent(line) > row_indent and len(_columns(line, 0)) == 1 and len(text) <= 60 and not text.endswith(".")


def _header_for(cell: tuple[int, int, str], header: list[tuple[int, int, str]], line_starts: tuple[int, int]) -> str | None:
    """The header over a cell, matched by column position on the page."""
    c0 = cell[0] - line_starts[0]
    c1 = cell[1] - line_starts[0]
    best, best_d = None, None
    for h0, h1, name in header:
        h0 -= line_starts[1]
        h1 -= line_starts[1]
        if h0 < c1 and c0 < h1:
            return name
        d = min(abs(h0 - c0), abs(h1 - c1))
        if best_d is None or d < best_d:
            best, best_d = name, d
    return best


_DAY = r"(?:\d{1,2}(?:st|nd|rd|th)?\s+)?"
_DATE = rf"(?:{_DAY}{_MONTH}\s+\d{{4}}|\d{{4}}(?:\s*[/-]\s*\d{{2,4}})?|q[1-4]\s+\d{{4}}(?:/\d{{2,4}})?|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})"
# "b) at 31 March 2018 – 694", "As of March 2019: 412", "2021/22 - 1,086", "2017/2018 42": a date, then a figure alone
_DATED_LINE = re.compile(
    rf"(?i)^[ \t]*(?:\(?[a-z0-9]{{1,3}}[.)]|[-*\u2022\u25aa\u25cf])?[ \t]*"
    rf"(?P<when>(?:(?:as\s+(?:of|at)|at|on|by|in|for|during|year\s+(?:ending|to)|between)\s+)?{_DATE}"
    rf"(?:\s+(?:and|to|-|\u2013)\s+{_DATE})?)(?:[ \t]*[:\u2013\u2014-][ \t]*|[ \t]+)(?P<n>{_NUMBER}|\*|n/?a)[ \t]*$"
)
# "... is as shown below:": how an answer introduces its list, not what it counts
_AS_BELOW = re.compile(r"(?i)\s+(?:is|are|was|were)\s+as\s+(?:shown|follows|set out|detailed|listed)(?:\s+below)?\W*$")
# "..., split by:", "broken down by team:": how a question asks for its parts, not what it counts
_SPLIT_BY = re.compile(r"(?i)[,;]?\s+(?:split|broken\s+down|broken)\s+(?:down\s+)?by\W*$")
_LEAD_IN = re.compile(r"(?i)^(?:in\s+total|overall|altogether|please\s+(?:tell\s+me|provide|state|confirm)|can\s+you\s+(?:tell\s+me|confirm))[\s,]+(?=how\s+many\b)")
_AND_SHARE = re.compile(r"(?i)^how\s+many\s+and\s+what\s+(?:percentage|proportion|%)\s+(?:of\s+them\s+)?(?:are|were|is|was)\s+")
_HOW_MANY = re.compile(r"(?i)^how\s+many\s+(.+?)\s+(?P<verb>were|are|was|is|have\s+been|had\s+been|did)\s+(.*?)\??$")


def question_label(line: str) -> str:
    """What a question or a list's lead line asks to be counted: "How many children were looked
    after by your local authority, split by:" -> "Number of children looked after by your
    local authority"."""
    text = re.sub(r"^[ \t]*(?:\(?[a-z0-9]{1,3}[.)]|[-*\u2022])?[ \t]*", "", line.strip())
    text = _SPLIT_BY.sub("", _AS_BELOW.sub("", text)).strip(" \"'\u201c\u201d:?,.")
    text = _LEAD_IN.sub("", text)  # "In total, how many ..."
    share = _AND_SHARE.match(text)
    if share:  # "How many and what percentage are agency staff"
        return f"Number of {text[share.end():]}"
    m = _HOW_MANY.match(text)
    if m:  # "How many children who are in care" keeps its "are"
        verb = f" {m.group('verb')}" if re.search(r"(?i)\b(?:who|that|which)$", m.group(1)) else ""
        text = f"Number of {m.group(1)}{verb} {m.group(3)}".strip()
    elif text.lower().startswith("how many "):
        text = f"Number of {text[9:]}"
    return text


def _lead(line: str) -> str | None:
    """What a dated list counts, from the line above it: "Number of children in care:"."""
    text = question_label(line)
    return text if sum(c.isalpha() for c in text) >= 6 else None


def read_dated_lists(lines: list[tuple[int, str]]) -> tuple[list[Cell], list[tuple[int, int]]]:
    """Dated levels listed one a line under the line that says what they count:

        How many children were looked after by your local authority
        a) at 31 March 2018 – 694
        b) at 31 March 2017 – 682

    Each line (two or more in a run; a line whose figure is withheld, "*" or "n/a", is one of
    them) becomes a cell labelled by the lead line, with its date."""
    out: list[Cell] = []
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and _DATED_LINE.match(lines[j][1]):
            j += 1
        if j - i >= 2:
            k = i - 1
            while k >= 0 and not lines[k][1].strip():
                k -= 1
            label = _lead(lines[k][1]) if k >= 0 else None
            for start, line in lines[i:j]:
                m = _DATED_LINE.match(line)
                spans.append((start, start + len(line)))
                if label and _NUMERIC.match(m.group("n")):
                    out.append(Cell(start + m.start("when"), start + len(line.rstrip()), label, start + m.start("n"),
                                    start + m.end("n"), None, "%" in m.group("n"), when=m.group("when")))
        i = max(j, i + 1)
    return out, spans


# a row whose columns the text layer set one space apart: "Vacancy rate 27% 12%" (a row set out
# with wider gaps is `read_tables`' to read, or prose's)
_TIGHT_ROW = re.compile(rf"^[ \t]*(?P<label>[A-Za-z][^\d%£\n]{{2,80}}?)(?:[ \t]+(?:{_NUMBER}|[-\u2013\u2014]|n/?a)){{2,}}[ \t]*$", re.I)


def tight_rows(lines: list[tuple[int, str]]) -> list[tuple[int, int]]:
    """Rows of a table whose columns lost their spacing (two or more in a run, each a label and
    two or more figures): which figure is which column cannot be told, and one may be a target
    ("Measure  October 2019  Target March 2021"), so they are read neither as cells nor as prose."""
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and "  " not in lines[j][1].strip() and _TIGHT_ROW.match(lines[j][1]):
            j += 1
        if j - i >= 2:
            spans += [(start, start + len(line)) for start, line in lines[i:j]]
        i = max(j, i + 1)
    return spans


_TOTAL_HEADER = re.compile(r"(?i)^\s*(?P<first>(?:[A-Z][\w&-]*\s+){0,6}?(?:HSC\s+)?Trusts?|Local\s+authority|Council|Area)?\b.*\btotal\s*$")
_CAPTION = re.compile(r"(?i)^\s*(?:table|figure|chart)\s+\d+[a-z]?\s*[:.\u2013-]\s*")


def total_cells(lines: list[tuple[int, str]], tight: list[tuple[int, int]]) -> list[Cell]:
    """The Total column of a table whose columns lost their spacing, where it can be told: the
    header ends in "Total" and a row's last figure is the sum of the others.

        Table 1: Children on the child protection register by age and HSC Trust at 30 September 2024
        HSC Trust Under 1 year 1 to 4 years 5 to 11 years 12 to 15 years 16 years and over Total
        Belfast 54 82 151 65 17 369

    Each such figure becomes a cell labelled by the caption and the row ("... in Belfast HSC Trust")."""
    starts = {a for a, _ in tight}
    out: list[Cell] = []
    for k, (start, line) in enumerate(lines):
        if start not in starts or k == 0:
            continue
        h = k - 1
        while h >= 0 and lines[h][0] in starts:
            h -= 1
        header = _TOTAL_HEADER.match(lines[h][1]) if h >= 0 else None
        c = h - 1
        while c >= 0 and not lines[c][1].strip():
            c -= 1
        if header is None or c < 0:
            continue
        caption = _CAPTION.sub("", lines[c][1]).strip().rstrip(".:")
        row = _TIGHT_ROW.match(line)
        figures = list(re.finditer(_NUMBER, line[row.end("label"):]))
        values = [float(m.group().replace(",", "")) for m in figures if re.fullmatch(r"[\d,]+(?:\.\d+)?", m.group().strip())]
        if len(values) < 3 or len(values) != len(figures) or abs(sum(values[:-1]) - values[-1]) > 0.5:
            continue
        last = figures[-1]
        at = start + row.end("label") + last.start() + len(last.group()) - len(last.group().lstrip())
        kind = f" {header.group('first')}" if header.group("first") else ""
        body = f"{row.group('label').strip()}{kind}"
        out.append(Cell(start, start + len(line.rstrip()), f"{caption} in {body}", at, at + len(last.group().strip()),
                        "Total", False, row_body=body if kind else None))
    return out


_PIPE_SPLIT = re.compile(r"[ \t]*\|[ \t]*")
_PIPE_NUMBER = re.compile(rf"^(?:£\s?)?{_NUMBER}$")
_PERIOD = re.compile(rf"(?i)^(?:{_DATE}|{_MONTH}[-\s']?\d{{2,4}}|(?:19|20)\d{{2}}\s*[/-]\s*\d{{2}})$")


def _pipe_cells(line: str, start: int) -> list[tuple[int, int, str]]:
    """A "|" row's cells: (start, end, text), offsets into the document, the empty ends dropped."""
    out, pos = [], 0
    for m in _PIPE_SPLIT.finditer(line + "|"):
        out.append((start + pos, start + m.start(), line[pos : m.start()]))
        pos = m.end()
    return [c for c in out if c[2].strip() and not re.fullmatch(r"[-:\s]+", c[2])]


def read_pipe_tables(lines: list[tuple[int, str]]) -> tuple[list[Cell], list[tuple[int, int]]]:
    """Cells of tables set apart by "|" (two or more rows of two or more cells under a header):
    a row that is a period gives each figure its column's header as label and the period as its
    date; a row with a label gives it its label, under a period or plain-value column only."""
    out: list[Cell] = []
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and lines[j][1].count("|") >= 2:
            j += 1
        rows = [(s, _pipe_cells(line, s)) for s, line in lines[i:j]]
        rows = [r for r in rows if r[1]]
        if len(rows) >= 3 and not any(_PIPE_NUMBER.match(c[2].strip()) for c in rows[0][1]):
            header = [c[2].strip() for c in rows[0][1]]
            for s, cells in rows[1:]:
                spans.append((s, cells[-1][1]))
                first = cells[0][2].strip()
                by_period = bool(_PERIOD.match(first))
                for k, (a, b, raw) in enumerate(cells[1:], start=1):
                    value = raw.strip()
                    column = header[k] if k < len(header) else None
                    if not column or not _PIPE_NUMBER.match(value) or _SKIP_COLUMN.search(column):
                        continue
                    if by_period:
                        label, when = _PERCENT_LABEL.sub("", column).strip(), first
                    elif _VALUE_COLUMN.match(column):
                        label, when = first, (column if _PERIOD.match(column) else None)
                    else:
                        continue
                    if sum(ch.isalpha() for ch in label) < 3:
                        continue  # "%": a share of what, the table does not say
                    lead = len(raw) - len(raw.lstrip())
                    out.append(Cell(s, cells[-1][1], label, a + lead, a + lead + len(value), column,
                                    "%" in value or "%" in column, when=when))
            spans.append((rows[0][0], rows[0][1][-1][1]))
        i = max(j, i + 1)
    return out, spans


def text_lines(text: str) -> list[tuple[int, str]]:
    """The text's lines, each with the offset it starts at, line breaks dropped."""
    lines: list[tuple[int, str]] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        lines.append((pos, line.rstrip("\r\n")))
        pos += len(line)
    return lines


def read_tables(text: str) -> tuple[list[Cell], list[tuple[int, int]]]:
    """The cells to read, and the (start, end) of every table row found, read or not: no
    figure in a row is read as prose."""
    lines = text_lines(text)
    out: list[Cell] = []
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        rows = []
        wraps: list[tuple[int, int]] = []
        j = i
        while j < len(lines):
            r = _row(lines[j][1], lines[j][0])
            if r is not None:
                rows.append((j, r))
                j += 1
            elif rows and _wrapped_label(lines[j][1], _indent(lines[rows[-1][0]][1])):
                wraps.append((lines[j][0], lines[j][0] + len(lines[j][1])))  # a row's label, wrapped
                j += 1
            else:
                break
        if len(rows) < 2:
            i = j + 1 if j == i else j
            continue
        header_line = lines[i - 1] if i > 0 else None
        header = _columns(header_line[1], header_line[0]) if header_line else []
        if len(header) < 2:
            header = []
        else:
            spans.append((header_line[0], header_line[0] + len(header_line[1])))  # "20/21   21/22": not prose either
        spans += [(lines[k][0], cs[-1][1]) for k, (_, cs) in rows] + wraps
        cells = [c for _, (_, cs) in rows for c in cs if _NUMERIC.match(c[2])]
        # a table of money in units its caption gives (£m, £000): no cell reads right alone
        if not any("%" in c[2] or "£" in c[2] for c in cells) and re.search(r"(?i)£\s?(?:m|000|k)\b|\((?:£|£m)\)", text[max(0, lines[i][0] - 400) : lines[i][0]]):
            i = j
            continue
        for k, (label, cs) in rows:
            start = lines[k][0]
            row_end = cs[-1][1]
            percent = bool(_PERCENT_LABEL.search(label))
            clean = _PERCENT_LABEL.sub("", label).strip()
            for c in cs:
                if not _NUMERIC.match(c[2]) or c[2][:1] in "<>\u2264\u2265":
                    continue
                column = _header_for(c, header, (start, header_line[0])) if header else None
                if not column or _SKIP_COLUMN.search(column) or not _VALUE_COLUMN.match(column):
                    continue  # only columns that are periods or values: a team table's "Vacant (FTE)" is not the row's figure
                out.append(Cell(start + (len(lines[k][1]) - len(lines[k][1].lstrip())), row_end, clean, c[0], c[1], column,
                                percent or bool(column and "%" in column)))
        i = j
    dated, dated_spans = read_dated_lists(lines)
    piped, piped_spans = read_pipe_tables(lines)
    taken = spans + dated_spans + piped_spans
    tight = [sp for sp in tight_rows(lines) if not any(a <= sp[0] < b for a, b in taken)]
    return out + dated + piped + total_cells(lines, tight), taken + tight
