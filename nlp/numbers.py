"""The number reader: every quantity written in a text, with its value, unit and offsets.

`read_numbers(text)` scans the untouched text and returns `Quantity` objects:

- digits with separators and decimals ("1,816", "25.5"), scale words ("1.2 million", "5bn");
- number words ("sixty-four", "a dozen", "two hundred and fifty", "five million");
- shares ("23 per cent", "23%", "a third", "half", "three-quarters", "one in five",
  "seven out of 10") -> unit percent, value in percent (a third -> 33.3);
- money in pounds ("£147m", "£5bn", "£1.2 million", "£350,000", "£2.3m") -> unit gbp, value in pounds;
- durations ("two weeks" -> 14 days, "75 days", "six months" -> 180 days: month = 30, year = 365) -> unit days;
- ranges ("between 11 and 16", "11-16", "from 40% to 60%") -> value and value_max;
- qualifiers before or after it ("more than", "almost", "up to", "or more") (qualifiers.py).

Numbers inside traps (traps.py: phone numbers, years, dates, ages, list numbers ...) come
back with `trap` set to the reason; callers drop them. Vague amounts ("hundreds",
"dozens", "thousands") have no value and are not returned.

`NumberReader` is the spaCy component ("cf_numbers") that writes them to
`doc.spans["numbers"]` (label = unit kind, `span._.quantity` = the Quantity as a dict).
"""

from __future__ import annotations

import math
import re
from dataclasses import asdict, dataclass, field
from typing import Any, Iterable

from .qualifiers import qualifier_after, qualifier_before
from .settings_io import SettingsIO
from .traps import TrapIndex, repeated_line_ranges, toc_ranges, trap_ranges

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "trillion": 10**12}
SUFFIX_SCALES = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "million": 1_000_000, "bn": 1_000_000_000, "b": 1_000_000_000,
                 "billion": 1_000_000_000, "thousand": 1_000, "trillion": 10**12, "tn": 10**12}
DENOMINATORS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5, "fifths": 5,
                "sixth": 6, "sixths": 6, "seventh": 7, "eighth": 8, "eighths": 8, "ninth": 9, "tenth": 10, "tenths": 10}
# a month is 30 days and a year 365, the newsroom convention ("six months" -> 180 days)
DURATIONS = {"day": 1, "days": 1, "week": 7, "weeks": 7, "fortnight": 14, "fortnights": 14, "month": 30,
             "months": 30, "year": 365, "years": 365, "hour": 1 / 24, "hours": 1 / 24}
# A fraction word is a share only when what follows is not a noun it would order ("a third inspection").
SHARE_FOLLOWERS = {
    "of", "in", "on", "at", "since", "over", "from", "to", "than", "last", "this", "and", "or", "but", "while",
    "between", "during", "after", "before", "compared", "when", "as", "with", "by", "were", "was", "are", "is",
    "had", "have", "has", "said", "say", "says", "the", "their", "its", "his", "her", "our", "those", "these", "all",
    "are", "could", "would", "will", "did", "do", "within", "across", "because", "for", "according", "year", "years",
}
HALF_NOT_BEFORE = {"hour", "hours", "day", "days", "term", "terms", "time", "times", "century", "way", "dozen", "mile",
                   "miles", "marathon", "price", "hearted", "hour-long", "an", "past"}
NOT_BEFORE_FRACTION = {"first", "second", "last", "latter", "other", "final", "the", "third"}

# what may come right before a capitalised number word that starts a sentence ("Twelve staff left")
_SENTENCE_START = re.compile(r"(?:^|[.:;?!“\"‘'(•◼▪–—-]|\n|(?:^|\n)[ \t]*\(?\d{1,3}(?:\.\d{1,3})*[.)]?)\s*$")
_STARTERS = set(UNITS) | set(TENS) | {"a", "one", "half", "between", "from", "hundred", "thousand"}
# thousands separated by commas, or by the no-break / narrow / thin spaces typesetters use
TOKEN = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d{1,3}(?:[\u00a0\u202f\u2009]\d{3})+(?:\.\d+)?(?![\d,])|\d+(?:\.\d+)?|[A-Za-z]+(?:[-’'][A-Za-z]+)*|£|\$|€|%|[-–—]|\S")


@dataclass
class Quantity:
    start: int
    end: int
    text: str
    value: float
    value_max: float | None = None
    kind: str = "count"  # count | percent | gbp | days
    qualifier: str = "exact"
    qualifier_start: int | None = None
    trap: str | None = None
    spelled: bool = False  # written in words ("sixty-four")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class _Tok:
    text: str
    start: int
    end: int
    low: str = field(init=False)

    def __post_init__(self) -> None:
        self.low = self.text.lower()


def _digits(s: str) -> float | None:
    s = s.replace("\u00a0", ",").replace("\u202f", ",").replace("\u2009", ",")
    if "," in s:
        head, *groups = s.split(",")
        if not head or len(head) > 3 or any(len(g.split(".")[0]) != 3 for g in groups) or not all(groups):
            return None
    try:
        v = float(s.replace(",", ""))
    except ValueError:
        return None
    return v if math.isfinite(v) else None


def _word_parts(low: str) -> list[str]:
    return [p for p in re.split(r"[-\s]+", low) if p]


def _is_numword(low: str) -> bool:
    parts = _word_parts(low)
    return bool(parts) and all(p in UNITS or p in TENS or p in SCALES for p in parts)


def _parse_words(words: list[str]) -> float | None:
    """["two", "hundred", "and", "fifty"] -> 250; None when the words are not one number."""
    total, current, seen = 0, 0, False
    last = None
    for w in words:
        if w == "and":
            continue
        if w in UNITS:
            if last in ("unit", "teen"):
                return None
            current += UNITS[w]
            last = "unit"
        elif w in TENS:
            if last in ("unit", "tens"):
                return None
            current += TENS[w]
            last = "tens"
        elif w == "hundred":
            current = (current or 1) * 100
            last = "scale"
        elif w in SCALES:
            total += (current or 1) * SCALES[w]
            current = 0
            last = "scale"
        else:
            return None
        seen = True
    return float(total + current) if seen else None


class _Scanner:
    def __init__(self, text: str):
        self.text = text
        self.toks = [_Tok(m.group(0), m.start(), m.end()) for m in TOKEN.finditer(text)]

    def low(self, i: int) -> str:
        return self.toks[i].low if 0 <= i < len(self.toks) else ""

    def adjacent(self, i: int, j: int) -> bool:
        """Token j starts right where token i ends (no space)."""
        return 0 <= i < len(self.toks) and 0 <= j < len(self.toks) and self.toks[i].end == self.toks[j].start

    def gap(self, i: int, j: int) -> str:
        return self.text[self.toks[i].end : self.toks[j].start]

    def same_line(self, i: int, j: int) -> bool:
        return "\n\n" not in self.gap(i, j) and len(self.gap(i, j)) <= 3

    # -- one number (no unit) starting at token i: (value, last token index, spelled)
    def bare(self, i: int) -> tuple[float, int, bool] | None:
        if i >= len(self.toks):
            return None
        t = self.toks[i]
        if t.text[0].isdigit():
            if i > 0 and self.adjacent(i - 1, i) and (self.toks[i - 1].text[-1].isalpha() or self.toks[i - 1].text in {".", "/", ":"}):
                return None  # glued to letters or part of a dotted/slashed code
            v = _digits(t.text)
            if v is None:
                return None
            if (self.low(i + 1) == "," and self.adjacent(i, i + 1) and self.low(i + 2)[:1].isdigit() and self.adjacent(i + 1, i + 2)) \
                    or (i > 1 and self.toks[i - 1].text == "," and self.adjacent(i - 1, i) and self.adjacent(i - 2, i - 1)
                        and self.toks[i - 2].text[-1].isdigit()):
                return None  # "1,2345": not a number anyone wrote on purpose
            j = i
            # scale: 5bn, 147m, 1.2 million, 350k
            nxt = self.low(i + 1)
            if nxt in SUFFIX_SCALES and (self.adjacent(i, i + 1) and nxt in {"k", "m", "mn", "bn", "b", "tn"}
                                         or nxt in {"million", "billion", "thousand", "trillion"} and self.same_line(i, i + 1)):
                v *= SUFFIX_SCALES[nxt]
                j = i + 1
            elif i + 1 < len(self.toks) and self.adjacent(i, i + 1) and self.toks[i + 1].text[0].isalpha() \
                    and self.low(i + 1) != "pc":
                return None  # 5G, 3D, 10x
            return v, j, False
        # words
        words, j, k = [], None, i
        while k < len(self.toks) and k - i < 8:
            low = self.toks[k].low
            parts = _word_parts(low)
            if parts and all(p in UNITS or p in TENS or p in SCALES for p in parts):
                words.extend(parts)
                j = k
                k += 1
                continue
            if low == "and" and words and words[-1] in SCALES and k + 1 < len(self.toks) and _is_numword(self.low(k + 1)):
                words.append("and")
                k += 1
                continue
            break
        if j is None:
            # "a dozen", "a hundred", "a million"
            if self.low(i) == "a" and self.low(i + 1) in {"dozen", "hundred", "thousand", "million", "billion"}:
                if self.low(i + 2) == "of" and self.low(i + 1) != "dozen":
                    return None
                return (12.0 if self.low(i + 1) == "dozen" else float(SCALES[self.low(i + 1)])), i + 1, True
            return None
        if self.low(j + 1) == "dozen":
            v = _parse_words(words)
            return (v * 12, j + 1, True) if v else None
        v = _parse_words(words)
        if v is None:
            return None
        # capitalised number words inside names ("One Angel Square", "Unison Two") are not counts
        first = self.toks[i].text
        if first[0].isupper() and i > 0 and not _SENTENCE_START.search(self.text[max(0, self.toks[i].start - 40) : self.toks[i].start]):
            return None
        if words == ["one"]:
            return None  # "one of", "no one", "one day": too ambiguous alone
        return v, j, True


def _fraction(sc: _Scanner, i: int) -> tuple[float, int, int] | None:
    """Shares in words: a third, two-thirds, three quarters, half, one in five. -> (percent, first, last)."""
    toks = sc.toks
    low = sc.low(i)
    if low in NOT_BEFORE_FRACTION and i + 1 < len(toks):
        return None

    def follows_ok(k: int) -> bool:
        nxt = sc.low(k + 1)
        if k + 1 >= len(toks):
            return True
        if not toks[k + 1].text[0].isalpha():
            return toks[k + 1].text not in {"-", "–"}
        return nxt in SHARE_FOLLOWERS

    def preceded_ok(k: int) -> bool:
        return sc.low(k - 1) not in NOT_BEFORE_FRACTION

    # hyphenated "two-thirds", "three-quarters"
    parts = _word_parts(low)
    if len(parts) == 2 and parts[0] in UNITS and parts[1] in DENOMINATORS and preceded_ok(i) and (follows_ok(i) or parts[1].endswith("s")):
        return 100.0 * UNITS[parts[0]] / DENOMINATORS[parts[1]], i, i
    if low in {"a", "one"} and sc.low(i + 1) in {"third", "quarter", "fifth", "sixth", "tenth", "half"}:
        if preceded_ok(i) and follows_ok(i + 1):
            return 100.0 / DENOMINATORS[sc.low(i + 1)], i, i + 1
    if low in UNITS and low not in {"one", "a"} and sc.low(i + 1) in DENOMINATORS and sc.low(i + 1).endswith("s"):
        # "two thirds take over 72 hours": an explicit plural fraction is a share whatever follows
        return 100.0 * UNITS[low] / DENOMINATORS[sc.low(i + 1)], i, i + 1
    if low == "half" and preceded_ok(i) and sc.low(i + 1) not in HALF_NOT_BEFORE:
        nxt = sc.low(i + 1)
        if nxt == "of" or nxt in {"the", "their", "its", "our", "all", "those", "these"} or follows_ok(i):
            if sc.low(i - 1) in {"and", "a"} and sc.low(i - 2) and (_is_numword(sc.low(i - 2)) or sc.low(i - 2)[0].isdigit()):
                return None  # "two and a half" handled as a number elsewhere
            return 50.0, i, i
    # one in five, 1 in 4 (children), seven out of 10
    a = sc.bare(i) if (low and (low[0].isdigit() or _is_numword(low))) else None
    if low == "one":
        a = (1.0, i, True)
    if a:
        v1, j1, _ = a
        if sc.low(j1 + 1) == "in" or (sc.low(j1 + 1) == "out" and sc.low(j1 + 2) == "of"):
            k = j1 + 2 if sc.low(j1 + 1) == "in" else j1 + 3
            if sc.low(k) == "every":
                k += 1
            b = sc.bare(k) if k < len(toks) else None
            if b and b[0] > 0 and v1 <= b[0] and b[0] <= 1000 and (b[0] <= 100 or sc.low(k - 1) == "every"):
                return 100.0 * v1 / b[0], i, b[1]
    return None


def read_numbers(text: str, traps: TrapIndex | None = None) -> list[Quantity]:
    """Every quantity in `text`, in order, traps included (with `.trap` set)."""
    if traps is None:
        traps = TrapIndex(trap_ranges(text) + repeated_line_ranges(text) + toc_ranges(text))
    sc = _Scanner(text)
    toks = sc.toks
    out: list[Quantity] = []
    i = 0
    while i < len(toks):
        tok = toks[i]
        if not (tok.text[0].isdigit() or tok.text in {"£", "$", "€"} or tok.low.split("-", 1)[0] in _STARTERS):
            i += 1
            continue
        q = _read_at(sc, i)
        if q is None:
            i += 1
            continue
        quantity, last = q
        if _sane(quantity):
            quantity.trap = traps.reason(quantity.start, quantity.end)
            out.append(quantity)
        i = last + 1
    return out


def _unit_after(sc: _Scanner, j: int) -> tuple[str | None, float, int]:
    """Unit written after the number ending at token j -> (kind, multiplier, last token)."""
    n1, n2 = sc.low(j + 1), sc.low(j + 2)
    if n1 == "%" and sc.adjacent(j, j + 1) or n1 == "%" and sc.gap(j, j + 1) == " ":
        return "percent", 1.0, j + 1
    if n1 == "pc" and (sc.adjacent(j, j + 1) or sc.gap(j, j + 1) == " "):
        return "percent", 1.0, j + 1  # "rose by 23pc" (newspaper style)
    if n1 == "per" and n2 == "cent" or n1 == "percent":
        return "percent", 1.0, (j + 2 if n1 == "per" else j + 1)
    if n1 == "percentage" and n2 in {"point", "points"}:
        return "percent", 1.0, j + 2
    if n1 in {"pounds", "pound", "sterling"}:
        return "gbp", 1.0, j + 1
    if n1 in DURATIONS and sc.same_line(j, j + 1):
        return "days", DURATIONS[n1], j + 1
    if n1 in {"-", "–"} and n2 in DURATIONS and sc.adjacent(j, j + 1) and sc.adjacent(j + 1, j + 2):
        return "days", DURATIONS[n2], j + 2
    if n1 in {"working", "calendar", "school", "clear"} and n2 in {"days", "day", "weeks"}:
        return "days", DURATIONS[n2], j + 2
    return None, 1.0, j


def _read_at(sc: _Scanner, i: int) -> tuple[Quantity, int] | None:
    toks = sc.toks
    low = sc.low(i)
    # ranges introduced by a word: between X and Y, from X to Y
    if low in {"between", "from"}:
        r = _range_words(sc, i)
        if r:
            return r
        return None
    parts = _word_parts(low)
    if len(parts) >= 2 and parts[-1] in DURATIONS and all(p in UNITS or p in TENS for p in parts[:-1]) and parts[0] != "one":
        # "a six-week wait", "a twenty-one-day delay"
        v = _parse_words(parts[:-1])
        if v:
            return _finish(sc, i, i, v * DURATIONS[parts[-1]], None, "days", spelled=True), i
    frac = _fraction(sc, i)
    if frac:
        value, first, last = frac
        return _finish(sc, first, last, value, None, "percent", spelled=not toks[first].text[0].isdigit()), last
    currency = None
    start_i = i
    if toks[i].text in {"£", "$", "€"}:
        currency = toks[i].text
        if not (i + 1 < len(toks) and (sc.adjacent(i, i + 1) or sc.gap(i, i + 1) == " ")):
            return None
        i += 1
    b = sc.bare(i)
    if b is None:
        return None
    value, j, spelled = b
    if currency is None and i > 0 and toks[i - 1].text in {"£", "$", "€"}:
        return None
    kind, mult, last = ("gbp", 1.0, j) if currency == "£" else _unit_after(sc, j)
    if currency in {"$", "€"}:
        return None  # only pounds are normalised; other money is not read
    if kind is None and sc.low(j + 1) == "or" and not currency:
        b2 = sc.bare(j + 2)
        if b2 and b2[0] > value:
            k2, m2, last2 = _unit_after(sc, b2[1])
            if k2 in {"days", "percent"}:
                return _finish(sc, start_i, last2, value * m2, b2[0] * m2, k2, spelled=spelled), last2
    if kind is None and sc.low(j + 1) in {"-", "–", "—", "to"} and not currency:
        # 11-16 (cases), 40-60%
        r = _range_tail(sc, start_i, value, j, spelled)
        if r:
            return r
    if kind is None and sc.low(j + 1) == "and" and sc.low(j + 2) == "a" and sc.low(j + 3) == "half":
        value += 0.5
        kind, mult, last = _unit_after(sc, j + 3)
        last = max(last, j + 3)
    if kind is None and sc.low(start_i - 1) == "from" and sc.low(j + 1) == "to":
        # "rose from 40 to 60 per cent": the unit written once is the first figure's too
        b2 = sc.bare(j + 2)
        if b2:
            k2, m2, _ = _unit_after(sc, b2[1])
            if k2 in {"percent", "days"}:
                kind, mult = k2, m2
    q = _finish(sc, start_i, last, value * mult, None, kind or "count", spelled=spelled)
    if kind == "gbp" and currency is None:
        q.kind = "gbp"
    return q, last


def _range_tail(sc: _Scanner, start_i: int, v1: float, j: int, spelled: bool) -> tuple[Quantity, int] | None:
    if sc.low(start_i - 1) == "from" and sc.low(j + 1) == "to":
        return None  # "rose from 400 to 448" is a change: two figures, not a range
    sep = j + 1
    if sc.low(sep) in {"-", "–", "—"} and not (sc.adjacent(j, sep) and sc.adjacent(sep, sep + 1)) and sc.gap(j, sep) not in {"", " "}:
        return None
    b = sc.bare(sep + 1) if sep + 1 < len(sc.toks) and sc.toks[sep + 1].text not in {"£"} else None
    if not b:
        return None
    v2, j2, _ = b
    if v2 <= v1:
        return None
    kind, mult, last = _unit_after(sc, j2)
    return _finish(sc, start_i, last, v1 * mult, v2 * mult, kind or "count", spelled=spelled), last


def _range_words(sc: _Scanner, i: int) -> tuple[Quantity, int] | None:
    """between 11 and 16 (cases), from 40% to 60%, between £1m and £2m."""
    first = sc.low(i)
    joiner = "and" if first == "between" else "to"
    a = _read_value(sc, i + 1)
    if not a:
        return None
    v1, k1, m1, j1, spelled = a
    if sc.low(j1 + 1) != joiner:
        return None
    b = _read_value(sc, j1 + 2)
    if not b:
        return None
    v2, k2, m2, j2, _ = b
    if k1 is None and k2 is None:
        kind, mult, last = _unit_after(sc, j2)
        kind = kind or "count"
        v1, v2 = v1 * mult, v2 * mult
    elif k1 is None or k1 == k2:
        # the unit written once applies to both ends: "between 11 and 16 cases", "two to three weeks"
        kind, last = k2, j2
        v1, v2 = v1 * (m1 if k1 else m2), v2 * m2
        if k1 is None and kind == "gbp":
            return None  # "from 40 to £60" is not one range
    else:
        return None
    if v2 <= v1:
        return None
    q = _finish(sc, i, last, v1, v2, kind, spelled=spelled)
    # a range led by "from" is a change only when both ends carry the same unit ("from 40% to 60%")
    if first == "from" and not (k1 and k2):
        return None
    return q, last


def _read_value(sc: _Scanner, i: int) -> tuple[float, str | None, float, int, bool] | None:
    """A number with an optional unit: (value, kind or None, unit multiplier, last token, spelled)."""
    if i >= len(sc.toks):
        return None
    cur = sc.toks[i].text == "£"
    k = i + 1 if cur else i
    b = sc.bare(k)
    if not b:
        return None
    v, j, spelled = b
    if cur:
        return v, "gbp", 1.0, j, spelled
    kind, mult, last = _unit_after(sc, j)
    return v, kind, mult, last, spelled


def _finish(sc: _Scanner, first: int, last: int, value: float, value_max: float | None, kind: str, spelled: bool) -> Quantity:
    start, end = sc.toks[first].start, sc.toks[last].end
    places = 1 if kind == "percent" else 2
    q = Quantity(start=start, end=end, text=sc.text[start:end], value=_round(value, places),
                 value_max=_round(value_max, places) if value_max is not None else None, kind=kind, spelled=spelled)
    qual, qstart = qualifier_before(sc.text, start)
    if qual is None:
        qual, _ = qualifier_after(sc.text, end)
    else:
        q.qualifier_start = qstart
    if qual:
        q.qualifier = qual
    return q


def _round(v: float, places: int = 2) -> float:
    if not math.isfinite(v):
        return v
    return float(round(v, places)) if abs(v - round(v)) > 1e-9 else float(round(v))


MAX_VALUE = 1e15  # beyond any council, country or budget: a typo, an ID or a joke, not a figure


def _sane(q: Quantity) -> bool:
    return math.isfinite(q.value) and abs(q.value) <= MAX_VALUE and (
        q.value_max is None or (math.isfinite(q.value_max) and abs(q.value_max) <= MAX_VALUE))


# --------------------------------------------------------------------------- spaCy component

from spacy.language import Language  # noqa: E402
from spacy.tokens import Doc, Span  # noqa: E402

if not Span.has_extension("quantity"):
    Span.set_extension("quantity", default=None)


@Language.factory(
    "cf_numbers",
    default_config={"spans_key": "numbers", "keep_traps": False, "precomputed_key": "cf_quantities"},
    assigns=["doc.spans"],
)
def make_number_reader(nlp: Language, name: str, spans_key: str, keep_traps: bool, precomputed_key: str) -> "NumberReader":
    return NumberReader(nlp, name, spans_key=spans_key, keep_traps=keep_traps, precomputed_key=precomputed_key)


class NumberReader(SettingsIO):
    """Find quantities and store them as spans (label = kind) with `span._.quantity`."""

    settings = ("spans_key", "keep_traps", "precomputed_key")

    def __init__(self, nlp: Language, name: str = "cf_numbers", *, spans_key: str = "numbers", keep_traps: bool = False,
                 precomputed_key: str = "cf_quantities"):
        self.name = name
        self.spans_key = spans_key
        self.keep_traps = keep_traps
        self.precomputed_key = precomputed_key

    def __call__(self, doc: Doc) -> Doc:
        """Read the doc's numbers; a caller that read them over the whole document (where
        traps such as list numbers and running headers can be seen) puts them, with offsets
        into this doc, in doc.user_data[precomputed_key]."""
        pre = doc.user_data.get(self.precomputed_key) if self.precomputed_key else None
        quantities = pre if pre is not None else [q.to_dict() for q in read_numbers(doc.text)]
        spans = []
        for q in quantities:
            if q["trap"] and not self.keep_traps:
                continue
            span = doc.char_span(q["start"], q["end"], label=q["kind"], alignment_mode="expand")
            if span is None:
                continue
            span._.quantity = q
            spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128):
        for doc in docs:
            yield self(doc)
