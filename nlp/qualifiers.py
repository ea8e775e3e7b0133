"""Qualifiers: the words that say a figure is a bound or an estimate, not an exact count.

"more than 150" -> more_than, "at least 20" -> at_least, "almost 40" -> almost,
"about a third" -> about, "up to 30" -> up_to, "fewer than 10" -> less_than,
"64 or more" -> at_least. Values are the ones of MEASURES.md:
exact, more_than, at_least, less_than, up_to, about, almost.
"""

from __future__ import annotations

import re

BEFORE: dict[str, list[str]] = {
    "more_than": ["more than", "over", "in excess of", "upwards of", "above", "exceeding", "greater than",
                  "just over", "well over", "well above", "just above", "higher than", "a further", "an extra"],
    "at_least": ["at least", "a minimum of", "no fewer than", "no less than", "not less than", "not fewer than",
                 "a total of at least"],
    "less_than": ["less than", "fewer than", "under", "below", "lower than", "well under", "well below"],
    "up_to": ["up to", "as many as", "as much as", "a maximum of", "no more than", "not more than", "at most",
              "a maximum"],
    "about": ["about", "around", "approximately", "approx", "roughly", "some", "an estimated", "estimated",
              "circa", "c", "in the region of", "an average of", "on average", "averaging", "more or less",
              "somewhere around", "an approximate", "ca"],
    "almost": ["almost", "nearly", "close to", "just under", "just short of", "approaching", "not far off",
               "not far short of", "just below", "getting on for", "the best part of", "shy of"],
}
# "a further 30" and "an extra 30" are additions: the count is what was stated, keep it exact.
_EXACT_OVERRIDES = {"a further", "an extra"}

AFTER: dict[str, list[str]] = {
    "at_least": ["or more", "or over", "and over", "and above", "or above", "plus"],
    "up_to": ["or fewer", "or less", "or under", "and under", "or below", "at most"],
    "about": ["or so", "odd", "-odd", "ish"],
    "more_than": ["+"],
}


def _alternation(table: dict[str, list[str]]) -> list[tuple[str, str]]:
    pairs = [(p, q) for q, ps in table.items() for p in ps]
    pairs.sort(key=lambda x: -len(x[0]))
    return pairs


_BEFORE_RE = re.compile(
    r"(?:^|(?<=[\s(“\"'‘—–-]))(?P<q>"
    + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p, _ in _alternation(BEFORE))
    # one line break may sit between a qualifier and its number (a hard wrap), never a blank line
    + r")\.?[ \t\u00a0]*(?:\r?\n[ \t\u00a0]*)?(?:of\s+)?(?:just\s+|only\s+|some\s+)?\Z",
    re.I,
)
_BEFORE_MAP = {p: q for p, q in _alternation(BEFORE)}
_AFTER_RE = re.compile(
    r"^(?P<sep>\s*|-)(?P<q>" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p, _ in _alternation(AFTER)) + r")(?![A-Za-z])",
    re.I,
)
_AFTER_MAP = {p: q for p, q in _alternation(AFTER)}


def qualifier_before(text: str, start: int, window: int = 40) -> tuple[str | None, int | None]:
    """The qualifier written right before offset `start`, and where it begins."""
    left = text[max(0, start - window) : start]
    m = _BEFORE_RE.search(left)
    if not m:
        return None, None
    phrase = " ".join(m.group("q").lower().split())
    if phrase in _EXACT_OVERRIDES:
        return None, None
    q = _BEFORE_MAP.get(phrase)
    if q is None:
        return None, None
    if phrase == "c" and not m.group(0).rstrip().endswith("."):
        return None, None
    return q, max(0, start - window) + m.start("q")


def qualifier_after(text: str, end: int) -> tuple[str | None, int | None]:
    m = _AFTER_RE.match(text[end : end + 16])
    if not m:
        return None, None
    phrase = " ".join(m.group("q").lower().split())
    if phrase == "+" and m.group("sep"):
        return None, None
    return _AFTER_MAP.get(phrase), end + m.end()
