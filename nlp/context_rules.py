"""Figures that take their measure from a figure beside them, in their sentence or the one before.

The measure classifier (nlp/measures.py) reads each figure on its own clause. Some figures
say what they count only through another figure: "... up from 175", "and the woman at the
next desk has nearly 35", "That is a rate of 23.3%". These rules give such a figure, left
without a measure, the measure of the figure it leans on. Each rule is one small function,
`rule(figure, sentence) -> Reading | None`, with its example in its docstring and its own
test (tests/nlp/test_context_rules.py). `link_sentence` applies them in the order of
`RULES`, the first that answers winning, after the rules that look forward in the sentence
(`compared_later`, `moved_from_later`, `listed_before_alike`).

A classified figure is remembered as a `Taken` (its kind, measure, unit, subject, end offset
and counted noun) so that later figures of the sentence, and the first figures of the next
sentence, can lean on it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable

# a figure compared with the one before it in its sentence
_COMPARED_BEFORE = re.compile(r"(?i)(?:\b(?:up|down|rising|falling|rose|fell|increas\w*|decreas\w*)\s+from|\bcompared\s+(?:with|to)|\bas opposed to|\binstead of|\brather than|\bfrom"
                              # "£109m of savings next year, rising to £170m in 2012/13": the figure before, moved
                              r"|,\s*(?:rising|falling|increasing|decreasing|growing|climbing|dropping|going up|reducing)\s+to"
                              r"|\b(?:against|compared with|compared to|than|below|above)\s+(?:a|an|the)\s+(?:\w+\s+)?(?:average|benchmark|figure|rate)\s+(?:of|at)"
                              r"|\b(?:national|regional|england|statistical neighbour|average)\s+(?:average|figure|rate)?\s*(?:of|is|was|at|stood at|stands at)"
                              # "..., with the rate in Cumbria standing at 8.4 per cent": the same figure for another place
                              r"|\b(?:the|its|their)\s+(?:rate|figure|average|total|number|proportion|share)(?:\s+(?:in|for|at)\s+[\w'-]+(?:\s+[\w'-]+){0,3})?"
                              r",?\s+(?:standing at|stood at|stands at|was|is|at|of)"
                              # "690 children in care, a figure which stood at 530 back in 2009": the figure before, then
                              r"|\b(?:a|the)\s+(?:figure|number|total|level|rate)\s+(?:which|that)\s+(?:had\s+)?(?:stood|stands|was|been)(?:\s+at)?"
                              # "6,500 vacancies - with 43 advertised in Cumbria": a part of the figure before
                              r"|(?:[,;:\u2013\u2014-]|\band)\s*with"
                              # "Wolverhampton has the second longest time at 936 days, followed by Lambeth at 933 days": the next in a ranking
                              r"|\bfollowed\s+by\s+[\w'-]+(?:\s+[\w'-]+){0,4}?\s+(?:at|with|on))"
                              r"(?:\s+(?:about|around|almost|nearly|more than|just|some))?$")
# "... reducing the number waiting to below 300": a level aimed at or moved to, not an ellipsis
# "..., this jumped to 5,422", "this number has since risen to over 300": the figure before, moved
_THIS_MOVED_WORDS = (r"(?i)\b(?:(?:this|that|which|it)(?:\s+(?:figure|number|total))?|the (?:figure|number|total))\s+(?:has\s+|had\s+)?"
                     r"(?:(?:since|now|then|already|further|subsequently)\s+)?(?:\w+\s+and\s+)?"
                     r"(?:jumped|rose|risen|fell|fallen|increased|decreased|dropped|reduced|climbed|grew|grown|doubled|reached)\s+to"
                     r"(?:\s+(?:about|around|almost|nearly|more than|over|just))?\s*")
_THIS_MOVED = re.compile(_THIS_MOVED_WORDS + "$")
_MOVES_A_FIGURE = re.compile(_THIS_MOVED_WORDS + r"(?=\d)")
_TO_A_LEVEL = re.compile(r"(?i)\b(?:to|below|under|above|over|by|(?<!more )(?<!fewer )(?<!less )than|from|of|at)(?:\s+(?:below|under|above|over|around|about|fewer|less|more|than|just|some))*\s*$")
_PART_OF_BEFORE = re.compile(r"(?i)[\w,.-]+(?:\s+[\w-]+)?\s+of\s+(?:those|them|these)\b")
_OF_THESE = re.compile(r"(?i)(?:^|[,;:(]\s*|\band\s+)(?:of|among)\s+(?:these|those|them|whom|which)\s*,?\s*$")
# "... 167 temporary staff. A request showed this included 97 social workers": a part of the figure before
_INCLUDED_WORDS = r"(?i)\b(?:this|these)\s+includ(?:ed|es)(?:\s+(?:some|about|around|almost|nearly|more than|over|just))?\s*"
_INCLUDED = re.compile(_INCLUDED_WORDS + "$")
_INCLUDES_A_FIGURE = re.compile(_INCLUDED_WORDS + r"(?=\d)")
_PART_OF_LATER = re.compile(r"(?i)\s+of\s+(?:the|these|those|its|their)\s+(?:remaining|other|rest|\d)")
_OF_THESE_START = re.compile(r"(?i)\W*(?:of|among)\s+(?:these|those|them|which|whom)\b")
_FROM = re.compile(r"(?i)\bfrom(?:\s+(?:about|around|almost|nearly|more than|just|some|a|an))?\s*$")
_MOVE_GAP = re.compile(r"(?i)\s+(?:in\s+[\w/-]+\s+)?to(?:\s+(?:about|around|almost|nearly|more than|just|some))?\s+")
_TO = re.compile(r"(?i)(?:\bto(?:\s+(?:about|around|almost|nearly|more than|just|some|a|an))?|\bfrom\s+[\d,.]+\s*[\u2013\u2014-])\s*$")  # "from 313 – 380"
# "... 68% agreed that", "81% agreeing", "59% also said": what a share of a survey's respondents did
_SAID_AFTER = re.compile(r"(?i)\s*(?:\)\s*)?(?:also\s+|had\s+|have\s+)?(?:sa(?:id|y|ying)|agree(?:d|s|ing)?|disagree(?:d|s|ing)?|felt|feel|"
                         r"believe[ds]?|thought|think|reported|told|rated|wanted|want|expect(?:ed|s)?)\b")
_LIST_JOIN = re.compile(r"(?i)\s*(?:,|,?\s+and|,?\s+or)\s*$")
_NEW_LEVEL = re.compile(r"(?i)\b(?:rise|rose|risen|increase[sd]?|jump(?:ed)?|fall|fell|fallen|drop(?:ped)?|decrease[sd]?|reduction)\b.*,\s*(?:up |down )?to\s*$")
# a change set as an aside after a level: "..., a 20 per cent increase"
_ASIDE_CHANGE = re.compile(r"(?i),\s*(?:an?|the)\s*$")
# what a figure restating the one before counts: "a rate of 23.3%", "an average of 19"
_RESTATED = re.compile(r"(?i)(?:a |an |the )?(?:rate|share|proportion|percentage|figure|average|total|number)")
# what a share restating the figure before as its change counts: "a 4% increase", "13% higher"
_CHANGE_WORD = re.compile(r"(?i)(?:an? )?(?:increase|decrease|rise|fall|drop|reduction|jump|growth|decline|high|higher|low|lower|up|down)"
                          r"(?: (?:on|since|from|over|compared|than)\b.*)?")
# "It was noted that ...", "It is estimated that ...": a minute's or report's formula, not a restatement
_MINUTE_VERBS = (r"(?:noted|agreed|reported|estimated|expected|explained|confirmed|stated|said|felt|suggested|proposed|anticipated"
                 r"|hoped|understood|recogni[sz]ed|acknowledged|advised|resolved|highlighted|clarified|queried|asked|requested"
                 r"|recommended|believed|thought|considered|added|announced|revealed|claimed|emphasi[sz]ed|stressed|pointed out"
                 r"|projected|forecast|predicted|planned|intended|envisaged|assumed|calculated)")
_REFERS_BACK = re.compile(r"(?i)^\W*(?:(?:while|whereas|and|but|by comparison|in comparison|meanwhile|last year|a year (?:ago|earlier)|(?:\w+ ){1,3}ago|in \d{4}(?:[/-]\d{2,4})?"
                          r"|as recently as \S+(?: \S+)?),?\s+)?"
                          r"(?:(?:at the same (?:point|time) |in (?:neighbouring |nearby )?)[\w'-]+(?: [\w'-]+){0,3},?\s+)?"
                          r"(?:this|that|it|which|these|there|(?:the|this|that) (?:figure|number|total)|the (?:average|rate)|the (?:national|regional|england|london) (?:average|figure|rate)|nationally,? the (?:average|figure|rate))"
                          r"\s+(?:(?:currently|now|still)\s+)?(?:is|was|were|are|represents|represented|compares|marks|has|had|stands at|stood at|sits at|sat at"
                          r"|(?:has |had )?(?:jumped|rose|risen|fell|fallen|increased|decreased|dropped|climbed|grew|grown|doubled|reached) to)\b"
                          r"(?!\s+(?:\w+ly\s+)?" + _MINUTE_VERBS + r"\b)"
                          r"|^\W*(?:up|down)\s+from\b|^\W*(?:this|that)\s+(?:compares|is (?:a|an) (?:decrease|increase|rise|fall|drop|reduction))")


@dataclass
class Taken:
    """A figure that has its measure: what later figures may lean on."""
    kind: str | None
    measure: str
    unit: str | None
    subject: str | None
    end: int = 0  # end offset in its sentence
    counted: str | None = None  # the noun it counts, as written
    moved_from: bool = False  # written after "from": the start of a move ("rose from 34,000 ...")


@dataclass
class Figure:
    """A figure as the rules see it: its offsets in the sentence, its measure reading
    (`measure`, the classifier's dict, empty when none) and its figure reading (`figure`:
    kind, counted_text, inherited, before, subject)."""
    start: int
    end: int
    measure: dict[str, Any]
    figure: dict[str, Any]

    @property
    def kind(self) -> str | None:
        return self.figure.get("kind")


@dataclass
class Sentence:
    """The sentence being read: its text, the figures already taken in it, those of the
    sentence right before (empty when that one held none or is not adjacent), and a
    measure's unit for a figure (`unit_of(measure, figure_dict)`) and its allowed units."""
    text: str
    previous: list[Taken]
    unit_of: Callable[[str, dict], str | None]
    units: dict[str, tuple[str, ...]]
    taken: list[Taken] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)  # every figure of the sentence, in order
    # what "the number of ..." counts in the sentence right before (read where that one gave no
    # fact), and the measure classifier, to read a figure's reading with some of its fields changed
    # (`classify(figure_dict, **changes) -> (measure, rule) | None`, Measures.classify_as)
    named_before: str | None = None
    classify: Callable[..., tuple[str, str] | None] | None = None


Reading = tuple[dict[str, Any], dict[str, Any]]  # (measure dict, figure dict)


def _same_kind(taken: list[Taken], fig: Figure) -> list[Taken]:
    return [t for t in taken if t.kind == fig.kind]


def _respectively_run(fig: Figure, s: Sentence) -> list[Figure]:
    """The figures listed with `fig` when "respectively" closes the list (the figure finder's
    `respectively`: the figure's place in the list and the list's length)."""
    place = fig.figure.get("respectively")
    i = next((k for k, o in enumerate(s.figures) if o is fig), None)
    if not place or i is None or i - place[0] < 0:
        return []
    return s.figures[i - place[0]: i - place[0] + place[1]]


def in_order_respectively(fig: Figure, s: Sentence) -> Reading | None:
    """The i-th figure of a list closed by "respectively" takes the measure of the i-th of as
    many figures before it: "9.5% of posts were unfilled, with 9.6% annual turnover; in adult
    teams, the figures were 9.4% and 7.8% respectively"."""
    run = _respectively_run(fig, s)
    earlier = [t for t in s.taken if t.kind == fig.kind and run and t.end <= run[0].start]
    if not run or len(earlier) < len(run):
        return None
    t = earlier[-len(run):][run.index(fig)]
    return {"measure": t.measure, "unit": t.unit, "rule": "respectively"}, dict(fig.figure, subject=t.subject)


def figure_before(fig: Figure, s: Sentence) -> Reading | None:
    """An ellipsis, a comparison or a move of the figure before takes that figure's measure;
    a move ("the figure rose to") may be of the last figure of the sentence before.

    "I have more than 28 cases, and the woman at the next desk has nearly 35";
    "561 children on a plan, compared with 598 a year earlier";
    "421 children in the looked after population, compared to 290 children in 2015" (its own noun, the same);
    "While councils lost 3,880 staff in 2017, this jumped to 5,422 in 2021-22";
    "... 421 children looked after. Following the end of the quarter the figure rose to 443"."""
    f = fig.figure
    before = f.get("before", "")
    if _PART_OF_LATER.match(s.text[fig.end:]):
        return None  # "two of the remaining eight had been offered redeployment": a part of another figure
    same = _same_kind(s.taken, fig)
    moved = _THIS_MOVED.search(before)
    if moved and not same:
        same = _same_kind(s.previous, fig)
    if not same:
        return None
    own_noun = f.get("counted_text")
    if not (f.get("inherited") or not own_noun or _RESTATED.fullmatch(own_noun) or _same_noun(own_noun, same[-1].counted)):
        return None
    if not ((f.get("inherited") and not _TO_A_LEVEL.search(before)) or _COMPARED_BEFORE.search(before) or moved):
        return None
    return {"measure": same[-1].measure, "unit": same[-1].unit, "rule": "the figure before it"}, dict(f, subject=same[-1].subject)


def listed_with(fig: Figure, s: Sentence) -> Reading | None:
    """The next item of a list takes the measure of the item before, when only that item's
    noun and a comma or "and" lie between: "include 17 family support workers and 12 youth workers";
    or, the noun written once after both, only the comma or "and": "had been 155 and 78 respectively"."""
    f = fig.figure
    last = s.taken[-1] if s.taken else None
    if last is None or last.kind != fig.kind:
        return None
    gap = s.text[last.end: fig.start]
    if not f.get("counted_text"):
        if not _LIST_JOIN.fullmatch(gap):
            return None
    elif not _listed_after(gap, last.counted or ""):
        return None
    if _contrasted(last.counted or "", f.get("counted_text") or ""):
        return None  # "26 agency social workers and 140 permanent staff": the second is not the first's kind
    return {"measure": last.measure, "unit": s.unit_of(last.measure, f), "rule": "listed with"}, f


def between_alike(fig: Figure, s: Sentence) -> Reading | None:
    """A bare figure listed between two figures of one measure takes it: "270 council employees
    expected to lose their jobs in Leicester, 260 in Hull, 243 in Stoke-on-Trent"."""
    f = fig.figure
    if f.get("counted_text") or not s.taken or s.taken[-1].kind != fig.kind:
        return None
    i = next((k for k, other in enumerate(s.figures) if other is fig), None)
    later = [o for o in s.figures[i + 1:] if o.kind == fig.kind] if i is not None else []
    if not later or later[0].measure.get("measure") != s.taken[-1].measure:
        return None
    gap = s.text[fig.end: later[0].start]
    if not _LIST_JOIN.search(s.text[: fig.start]) or not _LIST_JOIN.search(gap) or len(gap.split()) > 6:
        return None  # listed: a comma or "and" before it, and only its own few words before the next
    return {"measure": s.taken[-1].measure, "unit": s.taken[-1].unit, "rule": "between alike"}, dict(f, subject=s.taken[-1].subject)


def level_after_change(fig: Figure, s: Sentence) -> Reading | None:
    """The level a change led to takes the change's measure: "a 12% rise in referrals ..., to 6,140"."""
    f = fig.figure
    if f.get("counted_text") or fig.kind != "count" or not _NEW_LEVEL.search(s.text[: fig.start]):
        return None
    moved = [t for t in s.taken if t.kind == "percent" and set(s.units.get(t.measure, ())) - {"percent"}]
    if not moved:
        return None
    return ({"measure": moved[-1].measure, "unit": s.unit_of(moved[-1].measure, f), "rule": "the level after a change"},
            dict(f, subject=moved[-1].subject))


def part_of_before(fig: Figure, s: Sentence) -> Reading | None:
    """A part of the figure before it, in its sentence or at the start of the next: "More than
    25 library staff will lose their jobs, 15 of them frontline workers"; "up to 53 agency staff,
    of these 44 were social workers"; "... 45 posts will go. Twelve of those are family support workers."
    A part its own words give a state of its own is not: "... cut 91 posts, of which 23 are currently vacant"."""
    if _OWN_STATE.match(s.text[fig.end:]):
        return None
    if _OF_THESE.search(s.text[: fig.start]) or _INCLUDED.search(s.text[: fig.start]):
        same = _same_kind(s.taken, fig) or _same_kind(s.previous, fig)
        return ({"measure": same[-1].measure, "unit": same[-1].unit, "rule": "part of the figure before"}, fig.figure) if same else None
    if not _PART_OF_BEFORE.match(s.text[fig.start:]):
        return None
    same = _same_kind(s.taken, fig) or (_same_kind(s.previous, fig) if fig.start <= 3 else [])
    if not same:
        return None
    return {"measure": same[-1].measure, "unit": same[-1].unit, "rule": "part of the figure before"}, fig.figure


_OWN_STATE = re.compile(r"(?i)\s+(?:are|were|is|was|remain|remained|have\s+been|had\s+been)\s+(?:(?:currently|already|now|still)\s+)?"
                        r"(?:vacant|unfilled|filled|empty|frozen)\b")


def moved_to(fig: Figure, s: Sentence) -> Reading | None:
    """The level a move ends at takes the measure of the level it started from: "the number of
    children on plans rose from 34,000 in 2008 to 37,900 in 2009"."""
    if not _TO.search(fig.figure.get("before", "")):
        return None
    start = [t for t in s.taken if t.kind == fig.kind and t.moved_from]
    if not start:
        return None
    return ({"measure": start[-1].measure, "unit": start[-1].unit, "rule": "moved to"},
            dict(fig.figure, subject=start[-1].subject))


def refers_back(fig: Figure, s: Sentence) -> Reading | None:
    """A sentence that restates the figure before it: "This is a decrease from 1,028 at 31
    March 2015."; a share of the same measure: "... 140 agency social workers. That is a rate of 23.3%";
    its change: "... 2,094 children were on the Child Protection Register. This is a 4% increase since 2022"."""
    f = fig.figure
    if not s.previous or not _REFERS_BACK.match(s.text):
        return None
    same = _same_kind(s.previous, fig) or [
        t for t in s.previous if fig.kind == "percent" and "percent" in s.units.get(t.measure, ())]
    own = f.get("counted_text")
    if not same or (own and not (_RESTATED.fullmatch(own) or (fig.kind == "percent" and _CHANGE_WORD.fullmatch(own)))):
        return None
    unit = "percent" if fig.kind == "percent" else same[0].unit
    return {"measure": same[0].measure, "unit": unit, "rule": "refers back"}, dict(f, subject=same[0].subject)


def said_in_same_survey(fig: Figure, s: Sentence) -> Reading | None:
    """A share who said or agreed something, right after a survey's share (in its sentence or the
    one before), is a share of the same survey: "The survey found 88% said they were overworked.
    In addition, 68% agreed that social workers were not given the tools"."""
    if fig.kind != "percent" or fig.figure.get("counted_text") or not _SAID_AFTER.match(s.text[fig.end:]):
        return None
    survey = [t for t in s.taken + s.previous if t.measure == "survey_share"]
    if not survey:
        return None
    return {"measure": "survey_share", "unit": "percent", "rule": "said in the same survey"}, fig.figure


def number_named_before(fig: Figure, s: Sentence) -> Reading | None:
    """A figure that says nothing of what it counts restates the number the sentence before
    named without a figure of a measure: "... an ever-increasing number of young people who need to be
    looked after. A decade ago the total stood at 356"; "... the highest number of looked-after
    children on record. There were 6,845 children as of 31 March"."""
    f = fig.figure
    if not s.named_before or s.classify is None or s.previous or (f.get("counted_text") or "") not in _GENERIC_NOUNS \
            or fig.kind != "count" or f.get("change") or not _LEVEL_BEFORE.search(f.get("before") or "^"):
        return None
    got = s.classify(f, counted_text=s.named_before, noun_phrase=s.named_before)
    if got is None:
        return None
    return {"measure": got[0], "unit": s.unit_of(got[0], f), "rule": "the number named before"}, dict(f, subject=s.named_before)


def change_on_before(fig: Figure, s: Sentence) -> Reading | None:
    """A bare figure set after a level as how much more or fewer it is than before is that level's
    change: "there were 375 children in care in Newport - 50 (15 per cent) more than the previous year"."""
    f = fig.figure
    if fig.kind not in {"count", "percent"} or (f.get("counted_text") and not f.get("inherited")) \
            or not _MORE_THAN_BEFORE.match(s.text[fig.end:]) or not _ASIDE_START.search(s.text[: fig.start]):
        return None
    level = [t for t in s.taken if t.kind == fig.kind]
    if not level:
        return None
    return {"measure": level[-1].measure, "unit": level[-1].unit, "rule": "the change on the level before"}, dict(f, subject=level[-1].subject)


_MORE_THAN_BEFORE = re.compile(r"(?i)\s*(?:\([^()]{1,30}\)\s*)?(?:more|fewer|less|higher|lower|up|down)\s+(?:than|on|from)\s+(?:the\s+)?"
                               r"(?:previous|last|same|year|a\s+year|twelve|12|\d{4})\b")
_ASIDE_START = re.compile(r"(?:[,;(\u2013\u2014]|\s-)\s*(?:(?:about|around|some|nearly|almost|over|just)\s+)?$")


def restated_in_brackets(fig: Figure, s: Sentence) -> Reading | None:
    """A count or share in brackets right after a figure of the other kind restates that figure:
    "referrals rose by 31% (44) in the Western Trust", "increased by 65 (23%)", "25 per cent
    (545 children)"."""
    if fig.kind not in {"count", "percent"} or not s.taken or not _OPENS_BRACKET.fullmatch(s.text[s.taken[-1].end : fig.start]) \
            or not _CLOSES_BRACKET.match(s.text[fig.end :]):
        return None
    before = s.taken[-1]
    if before.kind == fig.kind or before.kind not in {"count", "percent"}:
        return None
    unit = "percent" if fig.kind == "percent" else s.unit_of(before.measure, fig.figure)
    if unit not in s.units.get(before.measure, ()):
        return None
    return {"measure": before.measure, "unit": unit, "rule": "restated in brackets"}, dict(fig.figure, subject=before.subject)


_OPENS_BRACKET = re.compile(r"\s*\(\s*")
_CLOSES_BRACKET = re.compile(r"(?i)\s*(?!of\b)(?:[a-z][\w'-]*\s*){0,2}\)")  # not "(0.7% of under-18s)"


def part_of_the_whole(fig: Figure, s: Sentence) -> Reading | None:
    """A part counted after the whole its sentence opens on takes the measure the whole would
    have: "Of the 2,215 children currently on the Register just 10 per cent, or 230 children
    related to the Register for the Western Trust area"."""
    if s.classify is None or fig.kind != "count":
        return None
    whole = next((o for o in s.figures if o.start < fig.start and o.kind == "count" and o.figure.get("denominator")
                  and _OPENS_ON_WHOLE.match(s.text[: o.start])), None)
    own = fig.figure.get("counted_text") or ""
    if whole is None or (own and not _same_noun(own, whole.figure.get("counted_text"))):
        return None
    # "Of the 2,215 children on the Register" states a level, in its own words (not its parts' predicate)
    own_words = whole.figure.get("noun_phrase") or whole.figure.get("counted_text") or ""
    got = s.classify(whole.figure, denominator=False, verb="be", clause=own_words, lemmas=own_words)
    if got is None:
        return None
    return {"measure": got[0], "unit": s.unit_of(got[0], fig.figure), "rule": "part of the whole"}, fig.figure


_OPENS_ON_WHOLE = re.compile(r"(?i)^\W*(?:of|out\s+of)\s+(?:the|its|their|all|these|those)?\s*$")


# nouns that say nothing a measure could tell apart: what such a figure counts is said elsewhere
_GENERIC_NOUNS = {"", "total", "figure", "number", "list", "children", "young people", "kids", "cases"}


def named_number(text: str) -> str | None:
    """What the last "number of ..." of a sentence counts ("the highest number of looked-after
    children on record" -> "looked-after children on record")."""
    found = _NUMBER_OF.findall(text)
    return found[-1].strip() if found else None


_NUMBER_OF = re.compile(r"(?i)\bnumbers?\s+of\s+([^,.;:()\n]{3,100}?)(?=\s+(?:has|have|had|is|was|were|are|will|would|rose|fell|soared|grew|"
                        r"increased|decreased|doubled|dropped|continues|remains|over)\b|[,.;:()\n]|$)")
# the words a level is stated after: "the total stood at 356", "there were 6,845", "from 288 to 121", "some 2,882 were" (at the start)
_LEVEL_BEFORE = re.compile(r"(?i)(?:^\W*|\b(?:at|to|from|of|were|was|are|is|be|been|reached|totalled|totaled|some|about|around|almost|nearly|over|than)\s*)$")

# applied in this order to a figure left without a measure; the first that answers wins
RULES: tuple[Callable[[Figure, Sentence], Reading | None], ...] = (
    in_order_respectively, figure_before, listed_with, between_alike, level_after_change, moved_to, part_of_before, refers_back,
    said_in_same_survey, number_named_before, part_of_the_whole, change_on_before, restated_in_brackets)


def compared_later(figs: list[Figure], text: str) -> None:
    """A figure takes the measure of the one compared with it later in its sentence, which took
    its noun and was read with the predicate: "428 cases had no named social worker, up from 175"
    (here 428 is read with "had no named social worker" only through 175); a bare figure, that of
    the one it is compared with right after it: "... contact referral forms submitted – 1,575 in
    quarter two 2021/22 compared to 1,287 the previous year". Changes `figs` in place."""
    for i, fig in enumerate(figs):
        f = fig.figure
        if fig.measure.get("measure") is not None:
            continue
        if not f.get("counted_text"):
            later = next((o for o in figs[i + 1:] if o.kind == fig.kind), None)
            if later is not None and later.measure.get("measure") and _BARE_COMPARED.fullmatch(text[fig.end: later.start]):
                fig.measure = dict(later.measure, rule="compared later")
            continue
        for later in figs[i + 1:]:
            lf = later.figure
            if later.measure.get("measure") and lf.get("inherited") and lf.get("counted_text") == f["counted_text"] \
                    and lf.get("kind") == f.get("kind") and _COMPARED_BEFORE.search(lf.get("before", "")):
                fig.measure = later.measure
                break


_BARE_COMPARED = re.compile(r"(?i)\s+(?:in\s+[^,;()\d]{1,20}(?:\s+[\d/]+)?\s+)?,?\s*(?:compared\s+(?:to|with)|against|up\s+from|down\s+from)"
                            r"(?:\s+(?:about|around|some|just|nearly|almost))?\s+")


def moved_from_later(figs: list[Figure], text: str) -> None:
    """The start of a move written "from X to Y <noun>" takes the measure of Y, which alone
    has the noun: "vacancies rose in children's services, from 210 to 263 posts". Changes
    `figs` in place."""
    for fig, later in zip(figs, figs[1:]):
        if fig.measure.get("measure") is None and not fig.figure.get("counted_text") and later.measure.get("measure") \
                and later.kind == fig.kind and _FROM.search(fig.figure.get("before", "")) \
                and _MOVE_GAP.fullmatch(text[fig.end: later.start]):
            fig.measure = dict(later.measure, rule="moved from")
            fig.figure = dict(fig.figure, subject=later.figure.get("subject"))


def listed_before_alike(figs: list[Figure], text: str) -> None:
    """A list's item takes the measure of the next item, of the same head noun, whose words after
    it say what both are: "with 58 child protection cases and 644 looked-after child cases
    unallocated to a social worker". Changes `figs` in place."""
    for fig, later in zip(figs, figs[1:]):
        own, theirs = fig.figure.get("counted_text") or "", later.figure.get("counted_text") or ""
        if fig.measure.get("measure") is None and own and theirs and later.measure.get("measure") and later.kind == fig.kind \
                and not fig.figure.get("denominator") and not later.figure.get("inherited") \
                and not _PART_OF_ITEM.match(text[later.start:]) and not _OF_THESE.search(text[: later.start]) \
                and own.split()[-1] == theirs.split()[-1] and _listed_after(text[fig.end: later.start], own) \
                and not _contrasted(own, theirs):
            fig.measure = dict(later.measure, rule="listed before alike")


# "300 social workers, 120 of whom are agency staff": a part of the item before, not the next item
_PART_OF_ITEM = re.compile(r"(?i)\S+(?:\s+(?:per\s+cent|percent))?\s+of\s+(?:whom|which|them|those|these)\b")


def change_of_before(fig: Figure, s: Sentence) -> Reading | None:
    """A change set after a level, as its aside, is that level's change: "Referrals to the child
    protection register totalled more than 1800 in the past year, a 20 per cent increase on 2007"."""
    if fig.kind != "percent" or not fig.figure.get("change") or not _ASIDE_CHANGE.search(s.text[: fig.start]):
        return None
    level = [t for t in s.taken if t.kind == "count" and "percent" in s.units.get(t.measure, ())]
    if not level:
        return None
    return {"measure": level[-1].measure, "unit": "percent", "rule": "the change of the level before"}, fig.figure


def _verbless_part(fig: Figure, s: Sentence) -> bool:
    """Whether a classified figure is a part of the figure before with no verb of its own, read
    only through that figure's verb: "25 library staff will lose their jobs, 15 of them frontline
    workers" (15 is not staff who left; "269 of these posts are currently vacant" has its own)."""
    if fig.measure.get("measure") is None or not _PART_OF_BEFORE.match(s.text[fig.start:]):
        return False
    whole = [o for o in s.figures[: s.figures.index(fig)] if o.kind == fig.kind and o.measure.get("measure")]
    verb_at = fig.figure.get("verb_at")
    return bool(whole) and verb_at is not None and whole[-1].figure.get("verb_at") == verb_at


def _equivalent_of_before(fig: Figure, s: Sentence) -> bool:
    """Whether a classified figure only restates the one before in other units, as the same fact:
    "the shortest wait at 405 days, equivalent to 13.3 months"."""
    if fig.measure.get("measure") is None or not _EQUIVALENT.search(s.text[: fig.start]):
        return False
    return any(t.kind == fig.kind and t.measure == fig.measure["measure"] for t in s.taken)


_EQUIVALENT = re.compile(r"(?i)[,(]\s*(?:the\s+)?equivalent\s+(?:to|of)\s+(?:(?:about|around|almost|nearly|roughly|just over|just under|over)\s+)?$")


def link_sentence(figs: list[Figure], s: Sentence) -> list[Figure]:
    """Every figure of the sentence, in order, with the measure the rules give those left
    without one; `s.taken` ends holding the sentence's classified figures (for the next one)."""
    compared_later(figs, s.text)
    moved_from_later(figs, s.text)
    listed_before_alike(figs, s.text)
    s.figures = figs
    for fig in figs:
        # "the figures were 9.4% and 7.8% respectively": a reading inherited from the last figure is
        # not the one "respectively" gives
        same_fact = _equivalent_of_before(fig, s)
        if _verbless_part(fig, s) or (fig.figure.get("inherited") and _respectively_run(fig, s)) or same_fact:
            fig.measure = {}
        change = change_of_before(fig, s)  # overrides the change's own reading ("a 20 per cent increase in ...")
        if change is not None:
            fig.measure = change[0]
        if fig.measure.get("measure") is None and not fig.figure.get("holds_figure") and not same_fact:
            for rule in RULES:
                reading = rule(fig, s)
                if reading is not None:
                    fig.measure, fig.figure = reading
                    break
        m = fig.measure
        if m.get("measure"):
            f = fig.figure
            s.taken.append(Taken(kind=f.get("kind"), measure=m["measure"], unit=m.get("unit"), subject=f.get("subject"),
                                 end=fig.end, counted=f.get("counted_text"), moved_from=bool(_FROM.search(f.get("before", "")))))
    return figs


def leans_back(text: str) -> bool:
    """Whether a sentence may take its measure from the one before (`part_of_before`,
    `refers_back`, `figure_before`): it is parsed whenever the sentence before is, cues or none."""
    return bool(_REFERS_BACK.match(text) or _PART_OF_BEFORE.match(text.lstrip()) or _OF_THESE_START.match(text)
                or _INCLUDES_A_FIGURE.search(text) or _MOVES_A_FIGURE.search(text))


# words that set one item of a list against another: "agency ... and permanent ...", "new ... and existing ..."
_CONTRAST = {"agency", "locum", "interim", "temporary", "permanent", "vacant", "filled", "new", "existing",
             "qualified", "unqualified"}


def _contrasted(first: str, second: str) -> bool:
    """Whether two listed nouns differ by a word that sets them against each other ("26 agency
    social workers and 140 permanent staff"); "new" written on the first only is both's ("the 14
    new Social Workers and 4 Team Managers")."""
    a, b = set(first.lower().split()), set(second.lower().split())
    return bool(((a ^ b) & _CONTRAST) - (_SHARED & (a - b)))


_SHARED = {"new"}


def _same_noun(a: str, b: str | None) -> bool:
    """Whether two figures count the same noun ("children", "children in the looked after population"): the same first word."""
    return bool(b) and a.lower().split()[:1] == b.lower().split()[:1]


def _listed_after(gap: str, counted: str) -> bool:
    """Whether `gap`, the text between two figures, is the first one's noun and a list's
    comma or "and": "17 family support workers and 12 youth workers"."""
    join = _LIST_JOIN.search(gap)
    return bool(join and counted) and " ".join(gap[: join.start()].lower().split()) == " ".join(counted.lower().split())
