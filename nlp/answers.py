"""Read the figures a freedom-of-information answer gives to numbered questions.

    Request:
    1 - How many qualified social workers were working on a temporary (agency) basis
        at the Council on 1st April 2020, split by:
    a) Children's Services social work roles
    b) Adults' Services social work roles

    Response:
    1.
    a)  40
    b) Fewer than 5 (see below)

An answer that is only a figure ("a) 40", "5. 3") says nothing of what it counts: its
question, found by the same number and letter above the response, does. Each such answer
becomes a cell (nlp/tables.Cell) labelled by its question ("Number of qualified social
workers working on a temporary (agency) basis at the Council on 1st April 2020, Children's
Services social work roles"), read as "<label> was 40." and cited to the answer's line.
An answer in words ("81 in local authority placements. 19 Moray children with ...") is
read as prose, as before. Answers written right under their question are read the same way:

    1. How many children who are in the care of the local authority:
      • The total number - 195 as at 30/01/20
"""

from __future__ import annotations

import re

from .tables import _NUMBER, Cell, question_label, text_lines

# "Response", "Our response:", "Answer(s)", "Reply": the line that ends the questions
_RESPONSE = re.compile(r"(?i)^[ \t]*(?:our\s+|the\s+council'?s?\s+)?(?:response|responses|answers?|reply)\b[^\n]{0,30}$")
# "1.", "1 -", "Q1:", "Question 2)", then what follows on the line
_NUMBERED = re.compile(r"(?i)^[ \t]*(?:q(?:uestion)?\s*)?(?P<n>\d{1,2})(?:\s*[.):]|\s+[-\u2013])[ \t]*(?P<rest>.*)$")
# "a)", "(b)", "c." then what follows
_LETTERED = re.compile(r"(?i)^[ \t]*\(?(?P<l>[a-h])[.)][ \t]*(?P<rest>.*)$")
# the whole of a figure answer: a figure, a qualifier before it, a bracketed note or a few words after it
_FIGURE_ANSWER = re.compile(
    rf"(?i)^(?:[^\n\d]{{0,60}}[-\u2013:][ \t]*)?(?P<fig>(?:(?:fewer|less|more)\s+than|over|under|about|around|approximately|approx\.?|up\s+to)?\s*{_NUMBER})"
    # "19 = 13%": the count and its share
    r"(?:[ \t]*=[ \t]*(?P<share>\d[\d.]*\s?%))?"
    r"(?P<when>[ \t]+(?:as\s+(?:at|of)|at|on)\s+[\w/ .-]{4,20}?)?[ \t]*(?:\([^)\n]{0,60}\))?[ \t.]*$"
)
# a question: "How many ...", or a numbered line ending in "?" or ":"
_QUESTION = re.compile(r"(?i)^[ \t]*(?:\(?\w{1,3}[.)]\s*)?(?:how\s+many\b.*|.*\?|.{10,}:)[ \t]*$")
_BULLET = re.compile(r"^[ \t]*(?:[\u2022\u25aa\u25cf*-]|\(?[a-h][.)])[ \t]*")


def _items(lines: list[tuple[int, str]]) -> dict[tuple[int, str | None], tuple[int, str]]:
    """Numbered and lettered items, keyed (number, letter or None): (line start, text after the label)."""
    out: dict[tuple[int, str | None], tuple[int, str]] = {}
    number = None
    for start, line in lines:
        m = _NUMBERED.match(line)
        if m and not re.match(r"\s*[\d,.]*\d\s*$", line):  # "5. 3" is an item; "2019 45" is not
            number = int(m.group("n"))
            out[(number, None)] = (start + m.start("rest"), m.group("rest").strip())
            continue
        m = _LETTERED.match(line)
        if m and number is not None:
            out[(number, m.group("l").lower())] = (start + m.start("rest"), m.group("rest").strip())
    return out


def _cells(label: str, start: int, rest: str, m: re.Match) -> list[Cell]:
    """The answer's figure as a cell, and the share it gives beside it ("19 = 13%")."""
    when = m.group("when").strip() if m.group("when") else None
    out = []
    for group in ("fig", "share"):
        fig = m.group(group)
        if fig:
            fig_start = start + m.start(group) + len(fig) - len(fig.lstrip())
            out.append(Cell(start, start + len(rest), label, fig_start, fig_start + len(fig.strip()), None, "%" in fig, when=when))
    return out


def _under_questions(lines: list[tuple[int, str]]) -> tuple[list[Cell], list[tuple[int, int]]]:
    """Figure answers written on the line right under their question."""
    cells: list[Cell] = []
    spans: list[tuple[int, int]] = []
    for k, (_, line) in enumerate(lines):
        if not _QUESTION.match(line) or not re.search(r"[A-Za-z]{3}", line):
            continue
        j = k + 1
        while j < len(lines) and not lines[j][1].strip():
            j += 1
        if j >= len(lines):
            continue
        start, answer = lines[j]
        bullet = _BULLET.match(answer)
        rest_start = start + (bullet.end() if bullet else len(answer) - len(answer.lstrip()))
        rest = answer[rest_start - start:].rstrip()
        m = _FIGURE_ANSWER.match(rest)
        if m:
            cells += _cells(question_label(line), rest_start, rest, m)
            spans.append((rest_start, rest_start + len(rest)))
    return cells, spans


def read_answers(text: str) -> tuple[list[Cell], list[tuple[int, int]]]:
    """Cells for the figure answers of a question-and-answer document, and the (start, end) of
    each such answer's line (not read as prose)."""
    lines = text_lines(text)
    cut = next((k for k, (_, line) in enumerate(lines) if _RESPONSE.match(line)), None)
    answers_from = cut + 1 if cut is not None else _renumbered(lines)  # after "Response:", or at the second "1."
    if answers_from is None:
        return _under_questions(lines)
    questions = _items(lines[: cut if cut is not None else answers_from])
    cells: list[Cell] = []
    spans: list[tuple[int, int]] = []
    for (number, letter), (start, rest) in _items(lines[answers_from:]).items():
        m = _FIGURE_ANSWER.match(rest)
        asked = questions.get((number, letter))
        if not m or asked is None or not asked[1]:
            continue
        label = question_label(asked[1])
        if letter is not None and (number, None) in questions:
            label = f"{question_label(questions[(number, None)][1])}, {question_label(asked[1])}"
        cells += _cells(label, start, rest, m)
        spans.append((start, start + len(rest)))
    return cells, spans


def _renumbered(lines: list[tuple[int, str]]) -> int | None:
    """Where the answers start in a request that numbers them again with no "Response" line: a
    second "1." whose items are all questions before it, and some figures after it
    ("1. In total, how many ...?  a. How many ...?  ...  1. 132.  a. 19 = 13%.")."""
    firsts = [k for k, (_, line) in enumerate(lines) if (m := _NUMBERED.match(line)) and m.group("n") == "1"]
    if len(firsts) != 2:
        return None
    asked, answered = _items(lines[: firsts[1]]), _items(lines[firsts[1]:])
    if not answered or not all(_QUESTION.match(q) for _, q in asked.values()) \
            or not any(_FIGURE_ANSWER.match(a) for _, a in answered.values()):
        return None
    return firsts[1]
