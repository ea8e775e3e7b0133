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

`read_rating_sentences(text, sentences) -> [dict(grade, sentence_start, sentence_end,
figure_start, figure_end)]`.
"""

from __future__ import annotations

import re

GRADE = r"(?P<grade>outstanding|good|requir(?:es?|ing)[ \t\r\n]+improvement(?:[ \t\r\n]+to[ \t\r\n]+be[ \t\r\n]+good)?|inadequate)"
Q = r"[\"'‘’“”]?"
_NOT_NOUN = r"(?![\w-])(?![ \t\r\n]+(?:practice|progress|work|quality|use|care|support|examples?|standards?|outcomes?|relationships?|and[ \t\r\n]+improving|at[ \t\r\n]+\w+ing|in[ \t\r\n]+\w+ing))"
_BEFORE = re.compile(
    r"(?i)\b(?:(?:rated|judged|graded|deemed|branded|classed|classified|labelled|labeled|declared)"
    r"(?:[ \t\r\n]+(?:to[ \t\r\n]+be|as[ \t\r\n]+being|as|being|overall|to(?=[ \t\r\n]+requir)))?"
    r"|found[ \t\r\n]+to[ \t\r\n]+be|(?:assessed|described|regarded|judged)[ \t\r\n]+as"
    r"|(?:rated|judged|graded|deemed|branded|rates|judges|grades)(?:[ \t\r\n]+(?!that\b|is\b|was\b|were\b)[\w'’]+){1,6}?(?:[ \t\r\n]+(?:as|to[ \t\r\n]+be|as[ \t\r\n]+being))?"
    # a long list of services before the grade: "judged services for children in need of help
    # and protection, children looked after and care leavers to be inadequate"
    r"|(?:rated|judged|graded|deemed|found)(?:[ \t\r\n]+(?!that\b|is\b|was\b|were\b)[\w'’,]+){7,24}?[ \t\r\n]+(?:to[ \t\r\n]+be|as[ \t\r\n]+being))"
    r"[ \t\r\n]+" + Q + GRADE + Q + _NOT_NOUN
)
_AFTER = re.compile(
    r"(?i)(?<![\w-])(?:an?[ \t\r\n]+)?" + Q + GRADE + Q + r"[ \t\r\n]+(?:Ofsted[ \t\r\n]+)?(?:rating|grade|judgement|judgment|verdict|ranking)\b"
)
# "improved to good in 2020", "up from requires improvement at the previous inspection"
_MOVE = re.compile(
    r"(?i)\b(?:improv(?:ed|ing|es)|mov(?:ed|ing)|rose|climbed|upgraded|downgraded|fell|dropped|slipped|returned|went)"
    r"(?:(?:[ \t\r\n]+(?!to\b)[\w'’]+){0,4}?[ \t\r\n]+from[ \t\r\n]+" + Q + GRADE.replace("?P<grade>", "?:") + Q + r")?[ \t\r\n]+to[ \t\r\n]+" + Q + GRADE + Q + _NOT_NOUN
)
# "Ofsted downgraded the authority from 'good' to ...": the grade it had before
_FROM = re.compile(
    r"(?i)\b(?:downgraded|upgraded|moved|improved|fell|dropped|slipped|rose|climbed|went)(?:[ \t\r\n]+[\w'’]+){0,4}?[ \t\r\n]+from[ \t\r\n]+"
    + Q + GRADE + Q + r"[ \t\r\n]+to\b"
)
_UPFROM = re.compile(r"(?i)\b(?:up|down)[ \t\r\n]+from[ \t\r\n]+" + Q + GRADE + Q + _NOT_NOUN)
_OF = re.compile(r"(?i)\b(?:rating|grade|judgement|judgment|verdict)[ \t\r\n]+of[ \t\r\n]+" + Q + GRADE + Q + r"(?![\w-])")
_CONTEXT = re.compile(r"(?i)\bofsted\b|\binspect(?:ion|ors?|ed)\b|\b(?:monitoring|focused)\s+visits?\b")
_CHILDRENS_SERVICES = re.compile(r"(?i)\bchildren(?:'|\u2019)?s\s+(?:services|social\s+(?:care|services|work))\b")
_OTHER_INSPECTORATE = re.compile(r"(?i)\b(?:CQC|Care\s+Quality\s+Commission|Care\s+Inspectorate|CIW|HMICFRS|Estyn|RQIA)\b")
_LIST = re.compile(r"(?i)\b(?:outstanding|good|requires improvement|inadequate)\b\s*(?:,|/|\bor\b)\s*\b(?:outstanding|good|requires improvement|inadequate)\b")
_NOT_CHILDRENS = re.compile(r"(?i)\b(?:school|academy|nursery|college|hospital|care home|prison|police|trust's schools)\b")


def _grade(raw: str) -> str:
    g = " ".join(raw.lower().split())
    return "requires improvement" if g.startswith("requir") else g


def read_rating_sentences(text: str, sentences: list[tuple[int, int]]) -> list[dict]:
    """A sentence must name Ofsted or an inspection, or (for the judging verbs) belong to a
    document that does."""
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
        for pattern in ((_BEFORE, _AFTER, _OF, _MOVE, _UPFROM, _FROM) if here else (_BEFORE, _MOVE)):
            for m in pattern.finditer(sent):
                gs, ge = m.span("grade")
                if (gs, ge) in seen:
                    continue
                # a school's or hospital's rating is not a council's children's services judgement
                window = sent[max(0, gs - 120):gs]
                if _NOT_CHILDRENS.search(window) and not re.search(r"(?i)children.s services|local authority|council", window):
                    continue
                seen.add((gs, ge))
                out.append({"grade": _grade(m.group("grade")), "sentence_start": s, "sentence_end": e,
                            "figure_start": s + gs, "figure_end": s + ge})
    return out
