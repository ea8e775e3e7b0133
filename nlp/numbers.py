"""The number reader: every quantity written in a text, with its value, unit and offsets.

`read_numbers(text)` scans the untouched text and returns `Quantity` objects. Each keeps
the quantity twice: as written (`written_value`, `written_value_max`, `written_unit`:
"three months" -> 3 months, "13.5 km" -> 13.5 km, "$5m" -> 5000000 usd) and normalised to
its `kind` (`value`, `value_max`: "three months" -> 90 days) as MEASURES.md has it. The
extractor gives a fact of a measure the normalised form and a fact of measure `other`
the written one. Values are kept as stated ("12.75 per cent" -> 12.75); only shares worked
out from a fraction are given to one decimal, as MEASURES.md has "a third" -> 33.3.

Kinds (what a measure rule's `kinds` may name):

- count: digits with separators and decimals ("1,816", "25.5"), scales ("1.2 million", "5bn",
  "25k"), number words ("sixty-four", "twenty-one", "a dozen", "two hundred and fifty"),
  fractions of a scale ("a quarter of a million" -> 250000), negatives ("-3", "minus 5");
- percent: "23 per cent", "23%", "-1.3%", "a third", "three-quarters", "3/4", "one in five",
  "seven out of 10" -> value in percent (a third -> 33.3);
- gbp: pounds ("£147m", "£350,000", "five million pounds", "164p" -> 1.64, written 164 pence);
- days: durations, a month 30 days and a year 365 ("two weeks" -> 14, "40 minutes");
- foreign_money: every other currency, in its own unit (ISO 4217, lower case): "$5m",
  "US$58", "$US160m", "A$5", "€3bn", "¥500", "CHF 20", "10 million Australian dollars",
  "9 billion yuan", "19 cents". No measure takes it: money measures are in pounds;
- physical: lengths, weights, areas, speeds, energy ... ("13.5 km", "20 kg", "10 acres",
  "155mph", "256GB"), kept in their unit.

Ranges ("between 11 and 16", "11-16", "10 to 15 per cent", "from $10 to $15 billion") give
value and value_max; qualifiers before or after a figure ("more than", "almost", "or more")
come from qualifiers.py.

Numbers inside traps (traps.py: phone numbers, years, dates, ages, list numbers ...) and
numbers that name a thing ("iPhone 11", "Game 2") come back with `trap` set to the reason;
callers drop them. Vague amounts ("hundreds", "dozens") have no value and are not returned.
A lone "one" before a noun ("one man") is a quantity as written but not a figure any measure
counts: it comes back with `measurable` False (the extractor shows it only with --all).

`NumberReader` is the spaCy component ("cf_numbers") that writes them to
`doc.spans["numbers"]` (label = kind, `span._.quantity` = the Quantity as a dict).
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import asdict, dataclass, field
from typing import Any, Iterable, NamedTuple

from .qualifiers import qualifier_after, qualifier_before
from .settings_io import SettingsIO
from .traps import MONTHS, TrapIndex, repeated_line_ranges, toc_ranges, trap_ranges

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
# duration words -> (unit as written, days): a month is 30 days and a year 365, the newsroom convention
DURATIONS = {
    "second": ("seconds", 1 / 86400), "seconds": ("seconds", 1 / 86400), "minute": ("minutes", 1 / 1440),
    "minutes": ("minutes", 1 / 1440), "hour": ("hours", 1 / 24), "hours": ("hours", 1 / 24), "day": ("days", 1),
    "days": ("days", 1), "week": ("weeks", 7), "weeks": ("weeks", 7), "fortnight": ("fortnights", 14),
    "fortnights": ("fortnights", 14), "month": ("months", 30), "months": ("months", 30), "year": ("years", 365),
    "years": ("years", 365), "decade": ("decades", 3650), "decades": ("decades", 3650),
}
_LONE_DURATIONS = {"week", "fortnight", "month", "year", "decade"}
# A fraction word is a share only when what follows is not a noun it would order ("a third inspection").
SHARE_FOLLOWERS = {
    "of", "in", "on", "at", "since", "over", "from", "to", "than", "last", "this", "and", "or", "but", "while",
    "between", "during", "after", "before", "compared", "when", "as", "with", "by", "were", "was", "are", "is",
    "had", "have", "has", "said", "say", "says", "the", "their", "its", "his", "her", "our", "those", "these", "all",
    "are", "could", "would", "will", "did", "do", "within", "across", "because", "for", "according", "year", "years",
    # "just a quarter rated their employers as good": what a share of respondents did
    "rated", "felt", "feel", "thought", "think", "agreed", "agree", "disagreed", "believed", "believe", "reported",
    "wanted", "want", "expected", "supported", "opposed", "backed", "admitted", "described",
}
HALF_NOT_BEFORE = {"hour", "hours", "day", "days", "term", "terms", "time", "times", "century", "way", "dozen", "mile",
                   "miles", "marathon", "price", "hearted", "hour-long", "an", "past"}
NOT_BEFORE_FRACTION = {"first", "second", "last", "latter", "other", "final", "the", "third"}

# -- money: symbols, the country letters written with a dollar sign, codes before a number, words after it
SYMBOLS = {"£": "gbp", "$": "usd", "€": "eur", "¥": "jpy", "₹": "inr", "₩": "krw", "₽": "rub", "₪": "ils", "₺": "try",
           "₦": "ngn", "₱": "php"}
DOLLAR_COUNTRIES = {"US": "usd", "A": "aud", "AU": "aud", "C": "cad", "CA": "cad", "CAN": "cad", "NZ": "nzd",
                    "HK": "hkd", "S": "sgd", "SG": "sgd", "NT": "twd", "R": "brl", "MX": "mxn"}
CODES = {"USD": "usd", "EUR": "eur", "GBP": "gbp", "CHF": "chf", "JPY": "jpy", "AUD": "aud", "CAD": "cad", "NZD": "nzd",
         "INR": "inr", "CNY": "cny", "RMB": "cny", "HKD": "hkd", "SEK": "sek", "NOK": "nok", "DKK": "dkk", "ZAR": "zar",
         "RUB": "rub", "SGD": "sgd", "KRW": "krw", "BRL": "brl", "MXN": "mxn", "TRY": "try", "PLN": "pln", "ILS": "ils",
         "NIS": "ils", "Rs": "inr", "Sfr": "chf", "SFr": "chf"}
MONEY_WORDS = [  # (unit, words written after the number); first match wins
    ("gbp", r"pounds?(?:\s+sterling)?|sterling|quid"), ("pence", r"pence|p"),
    ("aud", r"australian\s+dollars?"), ("cad", r"canadian\s+dollars?"), ("nzd", r"new\s+zealand\s+dollars?"),
    ("hkd", r"hong\s+kong\s+dollars?"), ("sgd", r"singapore\s+dollars?"), ("usd", r"(?:us\s+|u\.s\.\s+|american\s+)?dollars?"),
    ("eur", r"euros?"), ("jpy", r"(?:japanese\s+)?yen"), ("cny", r"(?:chinese\s+)?(?:yuan|renminbi)"),
    ("inr", r"(?:indian\s+)?rupees?"), ("chf", r"(?:swiss\s+)?francs?"), ("dkk", r"danish\s+(?:crowns?|kroner|krone)"),
    ("sek", r"swedish\s+(?:crowns?|kronor|krona)"), ("nok", r"norwegian\s+(?:crowns?|kroner|krone)"),
    ("ils", r"(?:new\s+)?shekels?"), ("rub", r"roubles?|rubles?"), ("zar", r"rand"), ("try", r"(?:turkish\s+)?lira"),
    ("pln", r"zloty"), ("mxn", r"(?:mexican\s+)?pesos"), ("cents", r"cents?"),
]
PHYSICAL_WORDS = [  # (unit, words written after the number); longest forms first
    ("km/h", r"km/hr?|kph|kmh|kilomet(?:re|er)s?\s+(?:per|an|a)\s+hour"), ("mph", r"mph|miles?\s+(?:per|an|a)\s+hour"),
    ("sq km", r"(?:sq\.?|square)\s?(?:km|kilomet(?:re|er)s?)|km2|km²"), ("sq m", r"(?:sq\.?|square)\s?(?:m|met(?:re|er)s?)|m2|m²"),
    ("sq ft", r"(?:sq\.?|square)\s?(?:ft|feet|foot)"), ("sq miles", r"(?:sq\.?|square)\s?miles?"),
    ("km", r"km|kms|kilomet(?:re|er)s?"), ("cm", r"cm|centimet(?:re|er)s?"), ("mm", r"mm|millimet(?:re|er)s?"),
    ("m", r"met(?:re|er)s?"), ("miles", r"miles?"), ("yards", r"yards?|yds?"), ("feet", r"feet|foot|ft"),
    ("inches", r"inch(?:es)?"), ("acres", r"acres?"), ("hectares", r"hectares?"),
    ("kg", r"kg|kgs|kilos?|kilograms?"), ("g", r"grams?"), ("tonnes", r"(?:metric\s+)?(?:tonnes?|tons?)"),
    ("lb", r"lbs?"), ("ml", r"ml|millilit(?:re|er)s?"), ("litres", r"lit(?:re|er)s?"), ("gallons", r"gallons?"),
    ("celsius", r"(?:degrees?\s+)?(?:celsius|centigrade)|°\s?c|degrees?\s+c"),
    ("fahrenheit", r"(?:degrees?\s+)?fahrenheit|°\s?f|degrees?\s+f"), ("degrees", r"degrees?|°"),
    ("bhp", r"bhp"), ("hp", r"hp|horsepower|horse-power"), ("mpg", r"mpg"),
    ("tb", r"tb|terabytes?"), ("gb", r"gb|gigabytes?"), ("mb", r"mb|megabytes?"),
    ("kwh", r"kwh"), ("mwh", r"mwh"), ("gwh", r"gwh"), ("kw", r"kw|kilowatts?"), ("mw", r"mw|megawatts?"),
    ("gw", r"gw|gigawatts?"), ("kv", r"kv|kilovolts?"), ("v", r"volts?"), ("ghz", r"ghz"), ("mhz", r"mhz"), ("khz", r"khz"), ("hz", r"hz|hertz"),
    ("basis points", r"basis\s+points?|bps"),
]
_DURATION_RE = r"(?:(?:working|calendar|school|clear)\s+)?(?:" + "|".join(sorted(DURATIONS, key=len, reverse=True)) + ")"
# one pattern tried once at the end of each number: the unit written after it, if any
_UNIT_TABLE: list[tuple[str, str, float]] = (
    [(u, "gbp" if u in {"gbp", "pence"} else "foreign_money", 0.01 if u == "pence" else 1.0) for u, _ in MONEY_WORDS]
    + [("duration", "days", 1.0)]
    + [(u, "physical", 1.0) for u, _ in PHYSICAL_WORDS])
# a unit after the number, after a space, a hyphen or a hyphen the page broke off it ("a 532- day wait")
_UNIT_AFTER = re.compile(
    r"(?i)(?:- |[ \u00a0-])?(?:" + "|".join(f"({p})" for p in [p for _, p in MONEY_WORDS] + [_DURATION_RE] + [p for _, p in PHYSICAL_WORDS])
    + r")(?![A-Za-z0-9²])")
_PERCENT_AFTER = re.compile(r"(?i)[ \u00a0]?(?:%|pc\b|per\s?cent\b|percent\b|percentage\s+points?\b)")

# what may come right before a capitalised number word that starts a sentence ("Twelve staff left")
_SENTENCE_START = re.compile(r"(?:^|[.:;?!“\"‘'(•◼▪–—-]|\n|(?:^|\n)[ \t]*\(?\d{1,3}(?:\.\d{1,3})*[.)]?)\s*$")
_STARTERS = set(UNITS) | set(TENS) | {"a", "one", "half", "between", "from", "hundred", "thousand"}
_MONTH_WORDS = {m.lower().rstrip(".") for m in re.findall(r"[A-Z][a-z]+", MONTHS)}
# thousands separated by commas, or by the no-break / narrow / thin spaces typesetters use
TOKEN = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d{1,3}(?:[\u00a0\u202f\u2009]\d{3})+(?:\.\d+)?(?![\d,])|\d+(?:\.\d+)?|[A-Za-z]+(?:[-’'][A-Za-z]+)*|£|\$|€|%|[-–—]|\S")
_NEGATIVE_SIGNS = {"-", "−", "–"}
# "one" is a count before a noun ("one man", "one of the best"), not in "no one", "one another", "one day"
ONE_NOT_AFTER = {"no", "the", "each", "any", "every", "this", "that", "which", "last", "only", "a", "another", "other",
                 "same", "such", "someone", "anyone", "everyone", "little", "big", "new", "old", "right", "wrong"}
ONE_NOT_BEFORE = {"of", "that", "who", "whom", "which", "is", "was", "has", "had", "have", "are", "were", "will", "would",
                  "can", "could", "should", "may", "might", "must", "does", "did", "do", "to", "in", "on", "at", "by",
                  "for", "from", "with", "and", "or", "but", "as", "than", "then", "if", "so", "another", "day", "time",
                  "way", "thing", "more", "less", "too", "again", "after", "here", "there", "says", "said",
                  "himself", "herself", "itself", "sees", "knows", "thinks", "wants", "gets", "goes", "else", "up",
                  "out", "off", "over", "down", "about", "into", "before", "when", "where", "while", "because", "not"}
ONE_OF = {"the", "my", "his", "her", "its", "their", "our", "your", "these", "those", "them", "us", "you", "two", "three",
          "four", "five", "several", "many", "few"}


@dataclass
class Quantity:
    start: int
    end: int
    text: str
    value: float
    value_max: float | None = None
    kind: str = "count"  # count | percent | gbp | days | foreign_money | physical
    qualifier: str = "exact"
    qualifier_start: int | None = None
    trap: str | None = None
    spelled: bool = False  # written in words ("sixty-four")
    written_value: float | None = None  # in the unit it was written in: "three months" -> 3
    written_value_max: float | None = None
    written_unit: str | None = None  # that unit: months, km, usd, pence, percent ...; None for a bare count
    measurable: bool = True  # False: a quantity as written ("one man") that no measure counts

    def __post_init__(self) -> None:
        if self.written_value is None:
            self.written_value, self.written_value_max = self.value, self.value_max

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class _Reading(NamedTuple):
    """One number read with the unit written around it, before it becomes a Quantity."""
    value: float  # as written, scale applied ("$5m" -> 5000000)
    kind: str | None  # None: no unit written
    unit: str | None
    mult: float  # written unit -> the kind's normal unit (months -> days: 30)
    first: int  # first and last token
    last: int
    spelled: bool
    scale: float  # the scale word or suffix it carried (1 if none)


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
        self.ends = [t.end for t in self.toks]

    def low(self, i: int) -> str:
        return self.toks[i].low if 0 <= i < len(self.toks) else ""

    def adjacent(self, i: int, j: int) -> bool:
        """Token j starts right where token i ends (no space)."""
        return 0 <= i < len(self.toks) and 0 <= j < len(self.toks) and self.toks[i].end == self.toks[j].start

    def gap(self, i: int, j: int) -> str:
        return self.text[self.toks[i].end : self.toks[j].start]

    def close(self, i: int, j: int) -> bool:
        """Token j follows token i with no space or one."""
        return 0 <= i < len(self.toks) and 0 <= j < len(self.toks) and self.gap(i, j) in {"", " ", "\u00a0"}

    def same_line(self, i: int, j: int) -> bool:
        return "\n\n" not in self.gap(i, j) and len(self.gap(i, j)) <= 3

    def token_ending_at(self, offset: int) -> int:
        return bisect.bisect_right(self.ends, offset) - 1

    def is_number_start(self, i: int) -> bool:
        return i < len(self.toks) and (self.toks[i].text[0].isdigit() or _is_numword(self.toks[i].low)
                                       or self.toks[i].low in {"a", "one"})

    # -- one number (no unit) starting at token i: (value, last token index, spelled, scale)
    def bare(self, i: int, one_ok: bool = False, prefixed: bool = False) -> tuple[float, int, bool, float] | None:
        """`prefixed`: a currency is written right before it ("$US160")."""
        if i >= len(self.toks):
            return None
        t = self.toks[i]
        if t.text[0].isdigit():
            if i > 0 and not prefixed and self.adjacent(i - 1, i) \
                    and (self.toks[i - 1].text[-1].isalpha() or self.toks[i - 1].text in {".", "/", ":"}):
                return None  # glued to letters or part of a dotted/slashed code
            v = _digits(t.text)
            if v is None:
                return None
            if (self.low(i + 1) == "," and self.adjacent(i, i + 1) and self.low(i + 2)[:1].isdigit() and self.adjacent(i + 1, i + 2)) \
                    or (i > 1 and self.toks[i - 1].text == "," and self.adjacent(i - 1, i) and self.adjacent(i - 2, i - 1)
                        and self.toks[i - 2].text[-1].isdigit()):
                return None  # "1,2345": not a number anyone wrote on purpose
            # scale: 5bn, 147m, 1.2 million, 350k
            nxt = self.low(i + 1)
            squared = self.adjacent(i + 1, i + 2) and self.toks[i + 2].text[:1] in {"2", "²", "3", "³"}  # 32m2: an area
            if nxt in SUFFIX_SCALES and not squared and (self.adjacent(i, i + 1) and nxt in {"k", "m", "mn", "bn", "b", "tn"}
                                         or nxt in {"million", "billion", "thousand", "trillion"} and self.same_line(i, i + 1)):
                return v * SUFFIX_SCALES[nxt], i + 1, False, float(SUFFIX_SCALES[nxt])
            if nxt in {"millions", "billions"} and self.same_line(i, i + 1) \
                    and (t.text.startswith(("£", "$", "€")) or (i > 0 and self.toks[i - 1].text in {"£", "$", "€"})):
                # "a forecast overspend of £9.9 millions": a council paper's plural, after money only
                scale = SUFFIX_SCALES[nxt[:-1]]
                return v * scale, i + 1, False, float(scale)
            if i + 1 < len(self.toks) and self.adjacent(i, i + 1) and self.toks[i + 1].text[0].isalpha() \
                    and self.low(i + 1) != "pc" and not _UNIT_AFTER.match(self.text, t.end):
                return None  # 5G, 3D, 10x (but 256GB, 155mph, 164p carry their unit)
            return v, i, False, 1.0
        # words
        words, j, k = [], None, i
        if self.low(i) == "a" and self.low(i + 1) in {"hundred", "thousand"} and self.low(i + 2) == "and" and _is_numword(self.low(i + 3)):
            words, k = ["one"], i + 1  # "A hundred and forty-five children": the "a" is one hundred
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
                scale = 12.0 if self.low(i + 1) == "dozen" else float(SCALES[self.low(i + 1)])
                return scale, i + 1, True, (1.0 if self.low(i + 1) in {"dozen", "hundred"} else scale)
            return None
        if self.low(j + 1) == "dozen":
            v = _parse_words(words)
            return (v * 12, j + 1, True, 1.0) if v else None
        if words[0] in SCALES:
            return None  # "several hundred days", "many thousand": vague ("a hundred" is read from its "a")
        v = _parse_words(words)
        if v is None:
            return None
        # capitalised number words inside names ("One Angel Square", "Unison Two") are not counts
        first = self.toks[i].text
        if first[0].isupper() and i > 0 and not _SENTENCE_START.search(self.text[max(0, self.toks[i].start - 40) : self.toks[i].start]):
            return None
        if words == ["one"] and not one_ok:
            return None  # "one of", "no one", "one day": too ambiguous alone
        scale = float(SCALES[words[-1]]) if words[-1] in SCALES and words[-1] != "hundred" and len(words) > 1 else 1.0
        return v, j, True, scale


def _clean(v: float) -> float:
    """The value without binary noise (1.2 * 10**6 -> 1200000.0), never rounded otherwise."""
    return float(f"{v:.12g}") if math.isfinite(v) else v


def _share(numerator: float, denominator: float) -> float:
    """A share worked out from a fraction, in percent to one decimal ("a third" -> 33.3)."""
    return round(100.0 * numerator / denominator, 1)


def _fraction(sc: _Scanner, i: int) -> tuple[float, int, int] | None:
    """Shares in words: a third, two-thirds, three quarters, half, one in five, 3/4. -> (percent, first, last)."""
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

    # 3/4, 2/3: digits over a small denominator, not a date (3/4/2020) nor a score out of 10 (traps)
    if low.isdigit() and sc.low(i + 1) == "/" and sc.adjacent(i, i + 1) and sc.adjacent(i + 1, i + 2) \
            and sc.low(i + 2).isdigit() and not (sc.low(i + 3) in {"/", "."} and sc.adjacent(i + 2, i + 3)) \
            and not (i > 0 and sc.adjacent(i - 1, i) and toks[i - 1].text in {"/", "."}):
        a, b = int(low), int(sc.low(i + 2))
        if 0 < a < b and b in {2, 3, 4, 5, 8, 10}:
            return _share(a, b), i, i + 2
    # hyphenated "two-thirds", "three-quarters"
    parts = _word_parts(low)
    if len(parts) == 2 and parts[0] in UNITS and parts[1] in DENOMINATORS and preceded_ok(i) and (follows_ok(i) or parts[1].endswith("s")):
        return _share(UNITS[parts[0]], DENOMINATORS[parts[1]]), i, i
    if low in {"a", "one"} and sc.low(i + 1) in {"third", "quarter", "fifth", "sixth", "tenth", "half"}:
        if preceded_ok(i) and follows_ok(i + 1):
            return _share(1, DENOMINATORS[sc.low(i + 1)]), i, i + 1
    if low in UNITS and low not in {"one", "a"} and sc.low(i + 1) in DENOMINATORS and sc.low(i + 1).endswith("s"):
        # "two thirds take over 72 hours": an explicit plural fraction is a share whatever follows
        return _share(UNITS[low], DENOMINATORS[sc.low(i + 1)]), i, i + 1
    if low == "half" and preceded_ok(i) and sc.low(i + 1) not in HALF_NOT_BEFORE:
        nxt = sc.low(i + 1)
        if nxt in {"of", "a"} or nxt in {"the", "their", "its", "our", "all", "those", "these"} or follows_ok(i):
            if sc.low(i - 1) in {"and", "a"} and sc.low(i - 2) and (_is_numword(sc.low(i - 2)) or sc.low(i - 2)[0].isdigit()):
                return None  # "two and a half" handled as a number elsewhere
            if nxt == "a" and sc.low(i + 2) not in SCALES:
                return None
            return 50.0, i, i
    # one in five, 1 in 4 (children), seven out of 10
    a = sc.bare(i) if (low and (low[0].isdigit() or _is_numword(low))) else None
    if low == "one":
        a = (1.0, i, True, 1.0)
    if a:
        v1, j1 = a[0], a[1]
        if sc.low(j1 + 1) == "in" or (sc.low(j1 + 1) == "out" and sc.low(j1 + 2) == "of"):
            k = j1 + 2 if sc.low(j1 + 1) == "in" else j1 + 3
            if sc.low(k) == "every":
                k += 1
            b = sc.bare(k) if k < len(toks) else None
            if b and b[0] > 0 and v1 <= b[0] and b[0] <= 1000 and (b[0] <= 100 or sc.low(k - 1) == "every"):
                return _share(v1, b[0]), i, b[1]
    return None


def _scale_after_fraction(sc: _Scanner, last: int) -> tuple[float, int] | None:
    """ "a quarter of a million", "half a million": the scale a fraction is taken of -> (scale, last token)."""
    if sc.low(last + 1) == "of" and sc.low(last + 2) == "a" and sc.low(last + 3) in SCALES:
        return float(SCALES[sc.low(last + 3)]), last + 3
    if sc.low(last + 1) == "a" and sc.low(last + 2) in SCALES:
        return float(SCALES[sc.low(last + 2)]), last + 2
    return None


def _money_prefix(sc: _Scanner, i: int) -> tuple[str, int] | None:
    """A currency written before a number, starting at token i -> (unit, the number's token):
    "£5", "$5", "€ 5", "US$5", "US $5", "A$5", "$US5", "$A5", "CHF 5", "Rs 500"."""
    toks = sc.toks
    t = toks[i].text
    if t in SYMBOLS:
        if t == "$" and toks[i + 1 : i + 2] and toks[i + 1].text in DOLLAR_COUNTRIES and sc.adjacent(i, i + 1) \
                and sc.adjacent(i + 1, i + 2) and sc.is_number_start(i + 2):
            return DOLLAR_COUNTRIES[toks[i + 1].text], i + 2  # $US160m, $A82,615,680
        if sc.close(i, i + 1) and sc.is_number_start(i + 1):
            return SYMBOLS[t], i + 1
        return None
    if t in DOLLAR_COUNTRIES and sc.low(i + 1) == "$" and (sc.adjacent(i, i + 1) or (len(t) > 1 and sc.close(i, i + 1))) \
            and sc.close(i + 1, i + 2) and sc.is_number_start(i + 2):
        return DOLLAR_COUNTRIES[t], i + 2  # US$58, US $58, A$5, NZ $99
    if t in CODES:
        k = i + 2 if sc.low(i + 1) == "." and sc.adjacent(i, i + 1) else i + 1  # Rs. 500
        if sc.close(k - 1, k) and k < len(toks) and toks[k].text[0].isdigit():
            return CODES[t], k
    return None


def _unit_after(sc: _Scanner, j: int) -> tuple[str | None, float, int, str | None]:
    """Unit written after the number ending at token j -> (kind, multiplier to the kind's unit,
    last token, unit as written)."""
    end = sc.toks[j].end
    m = _PERCENT_AFTER.match(sc.text, end)
    if m:
        return "percent", 1.0, sc.token_ending_at(m.end()), "percent"
    m = _UNIT_AFTER.match(sc.text, end)
    if m is None or m.group(0).startswith("\u00a0-"):
        return None, 1.0, j, None
    unit, kind, mult = _UNIT_TABLE[m.lastindex - 1]
    written = m.group(m.lastindex).lower()
    if unit == "pence" and written == "p" and m.start(m.lastindex) != end:
        return None, 1.0, j, None  # "164p" is pence; "5 p" is not
    if m.group(0)[:1] == "-" and kind != "days" and kind != "physical":
        return None, 1.0, j, None  # "5-pound"? only durations and lengths are written with a hyphen
    if unit == "duration":
        unit, mult = DURATIONS[written.split()[-1]]
    return kind, mult, sc.token_ending_at(m.end()), unit


def _read_value(sc: _Scanner, i: int, one_ok: bool = False) -> _Reading | None:
    """A number at token i with the currency written before it or the unit written after it."""
    if i >= len(sc.toks):
        return None
    money = _money_prefix(sc, i)
    k = money[1] if money else i
    b = sc.bare(k, one_ok=one_ok, prefixed=money is not None)
    if not b:
        return None
    v, j, spelled, scale = b
    if money:
        code = money[0]
        return _Reading(v, "gbp" if code == "gbp" else "foreign_money", code, 1.0, i, j, spelled, scale)
    kind, mult, last, unit = _unit_after(sc, j)
    return _Reading(v, kind, unit, mult, i, last, spelled, scale)


def _joined(r1: _Reading, r2: _Reading) -> tuple[float, float, str, str | None, float] | None:
    """Two ends of a range, the unit written once or twice -> (low, high as written, kind, unit, mult)."""
    if r1.kind is not None and (r1.kind, r1.unit) != (r2.kind, r2.unit):
        return None  # "ten years to 1,100", "5% to $84": not one range
    kind, unit, mult = (r2.kind, r2.unit, r2.mult) if r2.kind is not None else (r1.kind, r1.unit, r1.mult)
    v1 = r1.value
    if r1.scale == 1 and r2.scale > 1 and v1 < r2.value / r2.scale:
        v1 *= r2.scale  # "$10 to $15 billion", "10-15 million": the scale written once is both ends'
    if r2.value <= v1:
        return None
    return v1, r2.value, kind or "count", unit, mult


def _negative(sc: _Scanner, i: int) -> int | None:
    """The token of a minus sign written right before the number at i ("-1.3%", "minus 5")."""
    if i < 1:
        return None
    prev = sc.toks[i - 1]
    if prev.low == "minus" and sc.close(i - 1, i) and not (sc.low(i - 2) == "or" and sc.low(i - 3) == "plus"):
        return i - 1
    if prev.text in _NEGATIVE_SIGNS and sc.adjacent(i - 1, i):
        if i == 1:
            return 0
        before = sc.toks[i - 2]
        if sc.gap(i - 2, i - 1) == "" and before.text not in {"(", "[", "\u2212"}:
            return None  # 10-15, COVID-19: a range or a code, not a sign
        if before.text[0].isdigit():
            return None  # "10 -15": a range's dash
        return i - 1
    return None


def _lone_one(sc: _Scanner, i: int) -> bool:
    """ "one man", "one of the best": "one" counting the noun after it."""
    prev, nxt = sc.low(i - 1), sc.low(i + 1)
    if sc.toks[i].text[0].isupper() and i > 0 and not _SENTENCE_START.search(sc.text[max(0, sc.toks[i].start - 40):sc.toks[i].start]):
        return False  # "Formula One driver", "BBC One"
    if prev in ONE_NOT_AFTER or not sc.close(i, i + 1) or not nxt[:1].isalpha() or not sc.toks[i + 1].text[0].islower():
        return False
    if nxt == "of":
        return sc.low(i + 2) in ONE_OF
    return nxt not in ONE_NOT_BEFORE and not nxt.endswith("ly")


def _named(sc: _Scanner, i: int, last: int) -> bool:
    """A number right after a capitalised word, mid-sentence, names a thing: "iPhone 11", "Game 2",
    "Big 12", "Fortune 100" (not a month's day, not "Kent's 152 children")."""
    if i < 1 or not sc.toks[i].text[0].isdigit() or sc.gap(i - 1, i) != " " or "," in sc.toks[i].text:
        return False  # "in Northern Ireland 38,418 children": a name's number has no thousands comma
    prev = sc.toks[i - 1]
    if not (prev.text[0].isalpha() and any(c.isupper() for c in prev.text)) or prev.low.rstrip(".") in _MONTH_WORDS:
        return False
    if _SENTENCE_START.search(sc.text[max(0, prev.start - 40) : prev.start]):
        return False  # "About 40 staff", "Some 12 posts": an ordinary word starting a sentence
    nxt = sc.toks[last + 1] if last + 1 < len(sc.toks) else None
    return not (nxt is not None and nxt.text[0].islower() and (nxt.low.endswith("s") and len(nxt.low) > 3 or nxt.low in _PLURALS))


_PLURALS = {"children", "people", "staff", "men", "women", "personnel", "youngsters", "families"}


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
        if not (tok.text[0].isdigit() or tok.text in SYMBOLS or tok.text in DOLLAR_COUNTRIES or tok.text in CODES
                or tok.low.split("-", 1)[0] in _STARTERS):
            i += 1
            continue
        q = _read_at(sc, i)
        if q is None:
            i += 1
            continue
        quantity, last = q
        if quantity is not None and quantity.value_max is not None and traps.reason(tok.start, tok.end) \
                and not traps.reason(toks[last].start, toks[last].end):
            i += 1  # "rose in 2018 to 3.9 million": a year is no range's first end; read on after it
            continue
        if quantity is not None and _sane(quantity):
            quantity.trap = traps.reason(quantity.start, quantity.end)
            if quantity.trap == "code" and quantity.kind in {"gbp", "foreign_money"} and not quantity.text[0].isdigit():
                quantity.trap = None  # "$US160m": letters glued to digits by a currency, not a code
            if quantity.trap == "footnote" and quantity.written_unit in {"sq m", "sq km"}:
                quantity.trap = None  # the 2 of "32m2" is the unit's, not a footnote mark
            if quantity.trap is None and quantity.kind == "count" and quantity.value_max is None and _named(sc, i, last):
                quantity.trap = "name"
            out.append(quantity)
        i = last + 1
    return out


def _read_at(sc: _Scanner, i: int) -> tuple[Quantity | None, int] | None:
    """The quantity starting at token i and its last token; (None, last) skips tokens that
    are no quantity ("2-0", a score)."""
    toks = sc.toks
    low = sc.low(i)
    # ranges introduced by a word: between X and Y, from X to Y
    if low in {"between", "from"}:
        return _range_words(sc, i)
    parts = _word_parts(low)
    if len(parts) >= 2 and parts[-1] in DURATIONS and all(p in UNITS or p in TENS for p in parts[:-1]) and parts[0] != "one":
        # "a six-week wait", "a twenty-one-day delay"
        v = _parse_words(parts[:-1])
        if v:
            unit, mult = DURATIONS[parts[-1]]
            return _finish(sc, i, i, v, None, "days", unit, mult, spelled=True), i
    if low in {"one", "a", "an"} and sc.low(i + 1) in _LONE_DURATIONS:
        # "around one year", "for more than a year": one unit of time ("a" only after a qualifier:
        # "£5m a year" is a rate, "a year ago" a date)
        start = sc.toks[i].start
        if low == "one" or qualifier_before(sc.text, start)[0] is not None:
            unit, mult = DURATIONS[sc.low(i + 1)]
            return _finish(sc, i, i + 1, 1.0, None, "days", unit, mult, spelled=True), i + 1
    frac = _fraction(sc, i)
    if frac:
        value, first, last = frac
        scaled = _scale_after_fraction(sc, last)
        if scaled:  # "a quarter of a million" -> 250000, "half a billion pounds" -> £500m
            kind, mult, last, unit = _unit_after(sc, scaled[1])
            return _finish(sc, first, last, _clean(value / 100 * scaled[0]), None, kind or "count", unit, mult, spelled=True), last
        return _finish(sc, first, last, value, None, "percent", "percent", 1.0, spelled=not toks[first].text[0].isdigit()), last
    if i > 0 and (toks[i - 1].text in SYMBOLS or toks[i - 1].text in CODES) and sc.close(i - 1, i):
        return None  # the number of a currency not read as one ("$ 5" across a line)
    one_range = low == "one" and sc.low(i + 1) in {"to", "or"} and sc.is_number_start(i + 2)
    r1 = _read_value(sc, i, one_ok=one_range)
    if r1 is None:
        if low == "one" and _lone_one(sc, i):
            q = _finish(sc, i, i, 1.0, None, "count", None, 1.0, spelled=True)
            q.measurable = False
            return q, i
        return None
    j = r1.last
    nxt = sc.low(j + 1)
    if nxt == "or" and r1.kind is None:
        # "three or four days": the unit written once is both's
        r2 = _read_value(sc, j + 2)
        if r2 and r2.kind is not None:
            joined = _joined(r1, r2)
            if joined:
                return _range(sc, r1.first, r2.last, joined, r1.spelled), r2.last
    if nxt in {"-", "–", "—", "to"}:
        # 11-16 (cases), 40-60%, $920 to $1730, 1 to 1.5 degrees Celsius
        r = _range_tail(sc, r1)
        if r:
            return r
    if r1.kind is None and nxt == "and" and sc.low(j + 2) == "a" and sc.low(j + 3) == "half":
        kind, mult, last, unit = _unit_after(sc, j + 3)
        return _finish(sc, i, max(last, j + 3), r1.value + 0.5, None, kind or "count", unit, mult, r1.spelled), max(last, j + 3)
    kind, unit, mult = r1.kind, r1.unit, r1.mult
    if kind is None and sc.low(i - 1) == "from" and nxt == "to":
        # "rose from 40 to 60 per cent": the unit written once is the first figure's too
        r2 = _read_value(sc, j + 2)
        if r2 and r2.kind not in {None, "gbp", "foreign_money"}:
            kind, unit, mult = r2.kind, r2.unit, r2.mult
    first, value = i, r1.value
    sign = _negative(sc, i) if toks[i].text[0].isdigit() else None
    if sign is not None:
        first, value = sign, -value
    return _finish(sc, first, r1.last, value, None, kind or "count", unit, mult, spelled=r1.spelled), r1.last


def _range(sc: _Scanner, first: int, last: int, joined: tuple[float, float, str, str | None, float], spelled: bool) -> Quantity:
    v1, v2, kind, unit, mult = joined
    return _finish(sc, first, last, v1, v2, kind, unit, mult, spelled)


_CHANGE_BEFORE = re.compile(r"(?i)\b(?:by|up|down|rose|risen|fell|fallen|increased|decreased|dropped|jumped|climbed|grew|cut|plunged|plummeted|slumped|soared)\s+(?:about\s+|around\s+|almost\s+|nearly\s+)?$")


def _range_tail(sc: _Scanner, r1: _Reading) -> tuple[Quantity | None, int] | None:
    j = r1.last
    sep = j + 1
    dash = sc.low(sep) in {"-", "–", "—"}
    if sc.low(r1.first - 1) == "from" and (sc.low(sep) == "to" or (dash and _changed_before(sc, r1.first - 1))):
        return None  # "rose from 400 to 448", "the figure rising from 313 – 380": a change, two figures, not a range
    if dash and not (sc.adjacent(j, sep) and sc.adjacent(sep, sep + 1)) and sc.gap(j, sep) not in {"", " "}:
        return None
    r2 = _read_value(sc, sep + 1)
    if r2 is None or (r1.kind is None and r2.kind in {"gbp", "foreign_money"}):
        return None  # "rose by 5 to £10m" is not one range
    if r1.kind is not None and not dash and _CHANGE_BEFORE.search(sc.text[max(0, sc.toks[r1.first].start - 30):sc.toks[r1.first].start]):
        return None  # "rose 5% to 10%": a change and the level it led to
    if dash and r1.kind is None and r2.kind is None and sc.adjacent(j, sep) and sc.adjacent(sep, sep + 1) \
            and r2.value <= r1.value < 100 and float(r1.value).is_integer():
        return None, r2.last  # "2-0 down", "ended 2-2", "a 9-2 lead": a score, no quantity
    joined = _joined(r1, r2)
    if joined is None:
        return None
    return _range(sc, r1.first, r2.last, joined, r1.spelled), r2.last


_CHANGE_WORDS = re.compile(
    r"(?i)\b(?:ris(?:e|es|en|ing)|rose|f[ae]ll(?:s|en|ing)?|increas\w*|decreas\w*|drop\w*|gr[eo]w\w*|climb\w*|jump\w*"
    r"|soar\w*|surg\w*|reduc\w*|cut(?:s|ting)?|went|gone|go(?:es|ing)?|mov\w*|chang\w*|shift\w*|sw[iau]ng\w*|doubl\w*"
    r"|tripl\w*|halv\w*|slash\w*|slump\w*|plung\w*|declin\w*|shr[iu]nk\w*|expand\w*|improv\w*|worsen\w*|up|down"
    r"|revis\w*|rais\w*|lower\w*|boost\w*|extend\w*|upgrad\w*|downgrad\w*|slid\w*|slip\w*|tumbl\w*|recover\w*)\b")


def _changed_before(sc: _Scanner, i: int) -> bool:
    """Whether the clause before token i says something moved ("caseloads fell from ...")."""
    left = sc.text[max(0, sc.toks[i].start - 80):sc.toks[i].start]
    left = re.split(r"[.;:!?]\s|\n\n", left)[-1]
    return bool(_CHANGE_WORDS.search(left))


def _range_words(sc: _Scanner, i: int) -> tuple[Quantity, int] | None:
    """between 11 and 16 (cases), from 40% to 60%, between £1m and £2m, from $10 to $15 billion."""
    first = sc.low(i)
    joiner = "and" if first == "between" else "to"
    a = _read_value(sc, i + 1, one_ok=True)
    if not a or sc.low(a.last + 1) != joiner:
        return None
    b = _read_value(sc, a.last + 2)
    if not b:
        return None
    if a.kind is None and b.kind in {"gbp", "foreign_money"}:
        return None  # "from 40 to £60" is not one range
    # "from X to Y" is a change where its clause says something moved ("rose from 40 to 60",
    # "the number went from 5 to 10", "rose from 40% to 60%"), a range otherwise ("each holds
    # from 5 to 10 cases", "salaries from £30,000 to £40,000")
    # ("its budget increased from £491m to £512m": two budgets, as MEASURES.md's gold reads them)
    if first == "from" and _changed_before(sc, i):
        return None
    joined = _joined(a, b)
    if joined is None:
        return None
    return _range(sc, i, b.last, joined, a.spelled), b.last


def _finish(sc: _Scanner, first: int, last: int, written: float, written_max: float | None, kind: str,
            unit: str | None, mult: float, spelled: bool) -> Quantity:
    start, end = sc.toks[first].start, sc.toks[last].end
    written, written_max = _clean(written), (_clean(written_max) if written_max is not None else None)
    q = Quantity(start=start, end=end, text=sc.text[start:end], value=_clean(written * mult),
                 value_max=_clean(written_max * mult) if written_max is not None else None, kind=kind, spelled=spelled,
                 written_value=written, written_value_max=written_max, written_unit=unit)
    qual, qstart = qualifier_before(sc.text, start)
    if qual is None:
        qual, _ = qualifier_after(sc.text, end)
    else:
        q.qualifier_start = qstart
    if qual:
        q.qualifier = qual
    return q


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
