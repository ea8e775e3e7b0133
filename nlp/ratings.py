"""Ofsted judgements stated in a sentence of a news story or council paper.

"... was judged inadequate by Ofsted", "Ofsted rated the council's children's services as
'requires improvement'", "an Ofsted rating of good", "received an 'outstanding' rating from
Ofsted". Inspection reports themselves are read by nlp/ofsted.py (their judgements table);
this reader is for documents that report a judgement in prose.

Precision first: the grade must follow a judging verb or precede a rating noun, and the
sentence must name Ofsted or an inspection, so "good progress" or "inadequate housing" are
never read. "requires improvement to be good" is one grade, "requires improvement".
A sentence listing the grades ("rated outstanding, good, requires improvement or
inadequate") gives none.

`read_rating_sentences(text, sentences) -> [dict(grade, judgement, sentence_start,
sentence_end, figure_start, figure_end)]`. `judgement` is "overall_effectiveness" when the
grade is of children's services as a whole ("rated inadequate by Ofsted", "judged good
overall"), None when the sentence grades a part ("care leavers' services were judged good").

In an inspection report or letter (`before` = the inspection's date) prose grades are never
the report's own (those are in its judgements table): a sentence there recalls an earlier
inspection ("since the last inspection in 2019, when services were judged inadequate") or
restates the table. Only a recalled grade whose sentence dates it, earlier than `before`,
is read, with that date as its `period`; the rest give nothing.
"""

from __future__ import annotations

import re

from .periods import find_periods

GRADE = r"(?P<grade>outstanding|good|requir(?:es?|ed|ing)[ \t\r\n]+improvement(?:[ \t\r\n]+to[ \t\r\n]+be[ \t\r\n]+good)?|inadequate)"
Q = r"[\"'‘’“”]?"
_NOT_NOUN = r"(?![\w-])(?![ \t\r\n]+(?:practice|progress|work|quality|use|care|support|examples?|standards?|outcomes?|relationships?|and[ \t\r\n]+improving|at[ \t\r\n]+\w+ing|in[ \t\r\n]+\w+ing))"
_BEFORE = re.compile(
    r"(?i)\b(?:(?:rated|judged|graded|deemed|branded|classed|classified|labelled|labeled|declared|remain(?:s|ed|ing)?)"
    r"(?:[ \t\r\n]+(?:to[ \t\r\n]+be|as[ \t\r\n]+being|as|being|overall|to(?=[ \t\r\n]+requir)))?"
    r"|found[ \t\r\n]+to(?:[ \t\r\n]+be|(?=[ \t\r\n]+requir))|(?:assessed|described|regarded|judged)[ \t\r\n]+as"
    # "the children's service 'required improvement to be good'": the grade as the service's verb
    r"|(?:services?|council|authority|department)(?=[ \t\r\n]+" + Q + r"requir)"
    # "found that Children's Services in Worcestershire were inadequate"
    r"|(?:found|concluded|judged|decided)[ \t\r\n]+that(?:[ \t\r\n]+[\w'’]+){0,3}?[ \t\r\n]+(?:services|social[ \t\r\n]+(?:care|work)|council|authority|department)"
    r"(?:[ \t\r\n]+(?:in|for|at|of)(?:[ \t\r\n]+[\w'’]+){1,2}?)?[ \t\r\n]+(?:were|was|are|is|had[ \t\r\n]+been|have[ \t\r\n]+been|remain(?:s|ed)?)"
    r"|(?:rated|judged|graded|deemed|branded|rates|judges|grades)(?:[ \t\r\n]+(?!that\b|is\b|was\b|were\b)[\w'’]+){1,6}?(?:[ \t\r\n]+(?:as|to[ \t\r\n]+be|as[ \t\r\n]+being))?"
    # a long list of services before the grade: "judged services for children in need of help
    # and protection, children looked after and care leavers to be inadequate"
    r"|(?:rated|judged|graded|deemed|found)(?:[ \t\r\n]+(?!that\b|is\b|was\b|were\b)[\w'’,]+){7,24}?[ \t\r\n]+(?:to[ \t\r\n]+be|as[ \t\r\n]+being))"
    r"[ \t\r\n]+" + Q + GRADE + Q + _NOT_NOUN
)
_AFTER = re.compile(
    r"(?i)(?<![\w-])(?:an?[ \t\r\n]+)?" + Q + GRADE + Q + r"[ \t\r\n]+(?:Ofsted[ \t\r\n]+)?(?:rating|grade|grading|judgement|judgment|verdict|ranking)s?\b"
)
# what may stand between "from" and the grade moved from: "downgraded from an Ofsted overall 'good' to"
_FROM_LEAD = r"(?:(?:an?|its|the)[ \t\r\n]+)?(?:Ofsted(?:'s|\u2019s)?[ \t\r\n]+)?(?:overall[ \t\r\n]+)?(?:(?:rating|grade|judgement)[ \t\r\n]+of[ \t\r\n]+)?"
# "improved to good in 2020", "up from requires improvement at the previous inspection"
_MOVE = re.compile(
    r"(?i)\b(?:improv(?:ed|ing|es)|mov(?:ed|ing)|rose|climbed|upgraded|downgraded|fell|dropped|slipped|returned|went)"
    r"(?:(?:[ \t\r\n]+(?!to\b)[\w'’]+){0,4}?[ \t\r\n]+from[ \t\r\n]+" + _FROM_LEAD + Q + GRADE.replace("?P<grade>", "?:") + Q + r")?[ \t\r\n]+to[ \t\r\n]+" + Q + GRADE + Q + _NOT_NOUN
)
# "Ofsted downgraded the authority from 'good' to ...": the grade it had before
_FROM = re.compile(
    r"(?i)\b(?:downgraded|upgraded|moved|improved|fell|dropped|slipped|rose|climbed|went)(?:[ \t\r\n]+[\w'’]+){0,4}?[ \t\r\n]+from[ \t\r\n]+"
    + _FROM_LEAD + Q + GRADE + Q + r"[ \t\r\n]+to\b"
)
_UPFROM = re.compile(r"(?i)\b(?:up|down)[ \t\r\n]+from[ \t\r\n]+" + Q + GRADE + Q + _NOT_NOUN)
# "a rating of good", "Ofsted's overall rating of Staffordshire's children's services as 'Good'"
_OF = re.compile(r"(?i)\b(?:rating|grade|grading|judgement|judgment|verdict)[ \t\r\n]+of[ \t\r\n]+(?:[^.;:]{1,80}?[ \t\r\n]+as[ \t\r\n]+)?" + Q + GRADE + Q + r"(?![\w-])")
_CONTEXT = re.compile(r"(?i)\bofsted\b|\binspect(?:ion|ors?|ed)\b|\b(?:monitoring|focused)\s+visits?\b")
_CHILDRENS_SERVICES = re.compile(r"(?i)\bchildren(?:'|\u2019)?s\s+(?:services|social\s+(?:care|services|work))\b")
_OTHER_INSPECTORATE = re.compile(r"(?i)\b(?:CQC|Care\s+Quality\s+Commission|Care\s+Inspectorate|CIW|HMICFRS|Estyn|RQIA)\b")
_LIST = re.compile(r"(?i)\b(?:outstanding|good|requires improvement|inadequate)\b" + Q + r"\s*(?:,|/|\bor\b)\s*" + Q + r"\b(?:outstanding|good|requires improvement|inadequate)\b")
# a part of children's services, or another service Ofsted grades: its grade is not the overall one
_PART = re.compile(
    r"(?i)\b(?:help\s+and\s+protection|need\s+of\s+help|children\s+in\s+care|looked[ -]after|care\s+leavers|leaving\s+care"
    r"|leaders?|leadership|management|adoption|fostering|permanence|LSCB|safeguarding\s+(?:children\s+)?(?:board|partnership)"
    r"|outcomes|early\s+help|front\s+door|SEND|special\s+educational\s+needs|youth\s+(?:offending|justice)|children(?:'|\u2019)?s\s+homes?|residential)\b")
_PART_AFTER = re.compile(r"(?i)^\W*(?:for|in|of|across)\s+(?:the\s+|its\s+)?")
# a rating aimed at is not one given: "its plan to have at least a 'good' rating by 2022"
_AIMED = re.compile(r"(?i)\b(?:to\s+(?:have|achieve|get|reach|secure|gain|become|meet)|aim\w*|targets?|ambition|aspir\w*|goal|"
                    r"working\s+towards|on\s+track\s+(?:to|for)|at\s+least)\b[^.;:]{0,20}$")
_OVERALL = re.compile(r"(?i)\boverall\b")
# the judging words say the grade holds now: this inspection's grade restated, not an earlier one
_NOW = re.compile(r"(?i)\b(?:is|are|remains?|now|currently|at\s+this\s+inspection)\b[^.;:]{0,40}$")
_NOT_CHILDRENS = re.compile(r"(?i)\b(?:school|academy|nursery|college|hospital|care home|prison|police|trust's schools|adults?(?:'|\u2019)?\s+(?:social\s+care|services))\b")


def _grade(raw: str) -> str:
    g = " ".join(raw.lower().split())
    return "requires improvement" if g.startswith("requir") else g


def judgement_of(sentence: str, start: int, end: int, before: int = 0) -> str | None:
    """Which judgement the grade at sentence[start:end] is: "overall_effectiveness" when its
    clause (from `before`, the end of the grade before it) says "overall", or when nothing
    before it in the sentence or right after it names a part of the services; else None.
    "Children's services were rated inadequate" -> overall; "judged good overall" -> overall;
    "The experiences of care leavers were judged good" -> None; "judged inadequate for
    children in care" -> None."""
    if _OVERALL.search(sentence, before, end) or _OVERALL.match(sentence[end:end + 12].lstrip(" '\"\u2019\u201d")):
        return "overall_effectiveness"
    if _PART.search(sentence, 0, end) or _part_after(sentence, end):
        return None
    return "overall_effectiveness"


def _part_after(sentence: str, end: int) -> bool:
    """Whether the words right after a grade name a part of the services: "inadequate for
    children in care", "inadequate for children who need help and protection"."""
    lead = _PART_AFTER.match(sentence[end:])
    if lead is None:
        return False
    pos = end + lead.end()
    for _ in range(4):
        if _PART.match(sentence, pos):
            return True
        nxt = re.match(r"[\w'\u2019]+\s+", sentence[pos:])
        if nxt is None:
            return False
        pos += nxt.end()
    return False


def recalled_period(sentence: str, start: int, end: int, before: str | None) -> str | None:
    """The date of the earlier inspection a report recalls a grade of: the period its sentence
    names nearest the grade that ends before `before` (the report's inspection date), else None.
    "Since the last inspection in 2019, when services were judged inadequate" (2023 report) -> "2019"."""
    if _NOW.search(sentence, 0, start):
        return None  # "Since 2019, services have improved and are now judged to be good"
    best = None
    for s, e, iso in find_periods(sentence):
        last = iso.split("/")[-1]
        if before and not last < before[: len(last)]:
            continue  # this inspection's own date, or later
        dist = start - e if e <= start else s - end
        if best is None or abs(dist) < best[0]:
            best = (abs(dist), iso)
    return best[1] if best else None


def read_rating_sentences(text: str, sentences: list[tuple[int, int]], report: bool = False,
                          before: str | None = None) -> list[dict]:
    """A sentence must name Ofsted or an inspection, or (for the judging verbs) belong to a
    document that does. With `report` (the text is an inspection report or letter) only
    recalled grades that their sentence dates are read, each with its `period`."""
    out = []
    doc_about_ofsted = bool(re.search(r"(?i)\bofsted\b|\b(?:monitoring|focused)\s+visit\s+(?:to|of)\b", text))
    for s, e in sentences:
        sent = text[s:e]
        if _LIST.search(sent):
            continue
        # a children's services judgement needs no "Ofsted" to be one ("its children's services had been rated
        # inadequate for more than a decade"), unless another inspectorate is named
        here = bool(_CONTEXT.search(sent)) or (bool(_CHILDRENS_SERVICES.search(sent)) and not _OTHER_INSPECTORATE.search(sent))
        if not here and not doc_about_ofsted:
            continue
        seen = set()
        # "it gave a 'requires improvement' rating to ...": a grade named as a rating, in a document about Ofsted
        for pattern in ((_BEFORE, _AFTER, _OF, _MOVE, _UPFROM, _FROM) if here else (_BEFORE, _AFTER, _MOVE)):
            for m in pattern.finditer(sent):
                gs, ge = m.span("grade")
                if (gs, ge) in seen:
                    continue
                if _AIMED.search(sent[max(0, m.start() - 60):gs]):
                    continue  # "its plan to have at least a 'good' rating": aimed at, not given
                # a school's or hospital's rating is not a council's children's services judgement
                window = sent[max(0, gs - 120):gs]
                if _NOT_CHILDRENS.search(window) and not re.search(r"(?i)children.s services|local authority|council", window):
                    continue
                seen.add((gs, ge))
                out.append({"grade": _grade(m.group("grade")), "sentence_start": s, "sentence_end": e,
                            "figure_start": s + gs, "figure_end": s + ge})
        mine = sorted((r for r in out if r["sentence_start"] == s), key=lambda r: r["figure_start"])
        for prev, r in zip([None] + mine, mine):
            r["judgement"] = judgement_of(sent, r["figure_start"] - s, r["figure_end"] - s,
                                          prev["figure_end"] - s if prev else 0)
            if report:
                r["period"] = recalled_period(sent, r["figure_start"] - s, r["figure_end"] - s, before)
    return [r for r in out if not report or r["period"]]
