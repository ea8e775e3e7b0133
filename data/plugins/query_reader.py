"""Read a journalist's question ("how many children in care in Birmingham since 2018") into
the councils, measures and years it names and the words left over, for /find (find.py).

Plain Python, no Datasette, so it is tested alone; it sits among the plugins because a
published site ships that folder and not the councilfacts package (Datasette loads it too,
and finds no hooks). It is given:
- a council matcher with `exact(text, codes)` and `candidates(text)` — the Resolver of
  council_names.py, the same one the council pages use;
- the measures (id, label, synonyms: the `measures` table, filled from data/measures.yml);
- each abolished council's successors (bodies.replaced_by).

Reading, in order, each step taking the words it understands:
1. years and ranges: "2019", "in 2019", "since 2018", "2017-2020", "2017/18", "before 2015";
2. measures: the longest label or synonym, compared word by word after plurals are folded
   ("caseloads" = "caseload") and small words skipped ("kids are in care" = "kids in care");
3. councils: the longest run of words the matcher knows as a whole name or alias ("Essex",
   "Northants", "Birmingham City Council", a GSS code, a register code in capitals; a name
   that is an everyday word, such as Down or Reading, with its capital), then a
   single word inside names ("Sussex": a choice), but never a common word that is only part
   of a name ("new" is not New Forest);
4. the rest, less question words and the words of the measures found ("social worker" adds
   nothing to caseloads), is left for full-text search.
"""

import datetime
import re
from dataclasses import dataclass, field

WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")
GSS = re.compile(r"[EWSN]\d{8}", re.I)
YEAR = r"(?:19|20)\d\d"
MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"  # "March 2019" is 2019
SMALL = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}

# Question words and other small words a search has no use for. Negations ("no", "without")
# are kept: "no social worker" is a measure, "social worker" is not.
STOP = set(
    """a an the and or of in on at to for from by with about into per as is are was were be been being
    has have had do does did done will would can could should may might must there their they them it its
    this that these those what which who whom whose where when why how many much more most any all some
    each every i me my we our us you your show tell give find list get see look looking search want need
    please number numbers figure figures data stats statistics total totals latest recent current
    year years ago over under than so if also just only latest level levels rate rates amount""".split()
)
# Words for the kind of authority: part of a name when they follow one ("Essex County Council"),
# nothing on their own.
KIND = set("council councils county borough district city metropolitan authority authorities unitary cc mbc bc dc".split())
# Common words that are also part of council names: never taken alone as a council ("London"
# alone means thirty-odd boroughs: searched for as a word instead).
GENERIC = set(
    """new london north south east west mid central royal great high test point three white coast coastal castle towns
    town islands isles isle hills hill port chase heath rivers river western eastern northern southern
    upon forest vale valley dean peak moors park region riding bay sea""".split()
)
# Whole names of councils that are also everyday words: taken only when written with a capital
# ("Reading caseloads", not "caseloads down in Essex").
EVERYDAY = set("down reading bury hart eden craven highland".split())
# Years as people write them, each giving (first, last) (None: open); the longest forms first.
YEAR_RANGES = [
    (rf"\b(?:between|from)\s+({YEAR})\s+(?:and|to|until|till)\s+({YEAR})\b", "range"),
    (rf"\b(?:in\s+|during\s+|for\s+)?({YEAR})\s*(?:-|\u2013|\u2014|/|to|until|till)\s*({YEAR}|\d\d)\b", "range"),
    (rf"\b(?:since|from|starting)\s+({YEAR})\b", "since"),
    (rf"\b(?:after)\s+({YEAR})\b", "after"),
    (rf"\b(?:before|prior\s+to)\s+({YEAR})\b", "before"),
    (rf"\b(?:until|till|up\s+to|to)\s+({YEAR})\b", "until"),
    (rf"\b(?:in\s+|during\s+|for\s+|of\s+)?(?:{MONTH}\s+)?({YEAR})\b", "year"),
    (r"\b(?:in\s+|during\s+|for\s+)?(this|last)\s+year\b", "relative"),
    (r"\b(?:in\s+|over\s+)?(?:the\s+)?(?:last|past)\s+(\d{1,2}|two|three|four|five|six|seven|eight|nine|ten)\s+years\b", "recent"),
]
MAX_NAME_WORDS = 6


def fold(word: str) -> str:
    """A word for comparing: lower case, no possessive, plural folded ('redundancies' -> 'redundancy')."""
    w = word.lower().replace("\u2019", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = {"children": "child", "people": "person", "staffing": "staff"}.get(w, w)
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and re.search(r"(?:ss|x|ch|sh)es$", w):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


@dataclass
class Token:
    text: str
    start: int
    end: int
    key: str  # folded
    used: str = ""  # "year", "measure", "council" once understood


@dataclass
class Part:
    """One thing understood, with where it was written (so a link can drop it)."""

    kind: str  # council | measure | years | text
    value: object
    start: int
    end: int
    written: str


@dataclass
class Reading:
    query: str
    councils: list = field(default_factory=list)  # GSS codes named
    successors: dict = field(default_factory=dict)  # successor code -> the abolished council it came in for
    choices: list = field(default_factory=list)  # [(as written, [codes])] for names of several councils
    measures: list = field(default_factory=list)
    years: list = field(default_factory=list)
    words: list = field(default_factory=list)  # left for full-text search
    parts: list = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(self.words)

    @property
    def recognised(self) -> bool:
        return bool(self.councils or self.choices or self.measures or self.years)

    def without(self, part: Part) -> str:
        """The question with one understood part taken out (for 'drop this' links)."""
        spans = [p for p in self.parts if p.kind == part.kind and p.value == part.value] if part.kind == "text" else [part]
        out, last = [], 0
        for p in sorted(spans, key=lambda p: p.start):
            out.append(self.query[last : p.start])
            last = p.end
        out.append(self.query[last:])
        return re.sub(r"\s+", " ", "".join(out)).strip()

    def as_json(self) -> dict:
        return {
            "councils": self.councils,
            "measures": self.measures,
            "years": self.years,
            "text": self.text,
            "successors": self.successors,
            "choices": [{"written": w, "councils": codes} for w, codes in self.choices],
            "plain_text_search": not self.recognised,
        }


class QueryReader:
    def __init__(self, councils, measures, successors=None, year_span=None):
        """councils: a matcher (council_names.Resolver); measures: dicts with id, label and
        synonyms (a list or a '|'-separated string); successors: {abolished code: [codes]};
        year_span: (first, last) years an open range runs to ('since 2018')."""
        self.councils = councils
        self.successors = {k: list(v) for k, v in (successors or {}).items()}
        this_year = datetime.date.today().year
        self.year_span = year_span or (1990, this_year)
        self.phrases: dict[tuple, str] = {}
        self.conflicts: list[tuple[str, str, str]] = []
        self.vocabulary: dict[str, set] = {}
        for m in measures:
            synonyms = m.get("synonyms") or []
            if isinstance(synonyms, str):
                synonyms = [s for s in synonyms.split("|") if s.strip()]
            names = [m.get("label") or "", m["id"].replace("_", " "), *synonyms]
            for name in names:
                key = self.content(name)
                if not key:
                    continue
                owner = self.phrases.setdefault(key, m["id"])
                if owner != m["id"]:
                    self.conflicts.append((name, owner, m["id"]))
            words = " ".join([*names, m.get("description") or ""])
            self.vocabulary[m["id"]] = {fold(w) for w in WORD.findall(words)}
        self.longest = max((len(k) for k in self.phrases), default=1)

    @staticmethod
    def content(text: str) -> tuple:
        """The folded words that carry meaning ('kids in care' -> ('kid', 'care'))."""
        return tuple(k for k in (fold(w) for w in WORD.findall(text)) if k not in STOP)

    def read(self, query: str) -> Reading:
        query = (query or "").strip()
        reading = Reading(query)
        tokens = [Token(m.group(), m.start(), m.end(), fold(m.group())) for m in WORD.finditer(query)]
        self._years(query, tokens, reading)
        self._measures(query, tokens, reading)
        self._councils(query, tokens, reading)
        vocabulary = set().union(*(self.vocabulary[m] for m in reading.measures)) if reading.measures else set()
        for t in tokens:
            if not t.used and t.key not in STOP and t.key not in KIND and t.key not in vocabulary:
                reading.words.append(t.text)
                reading.parts.append(Part("text", "text", t.start, t.end, t.text))
        return reading

    # --- 1. years ---------------------------------------------------------------------------

    def _years(self, query, tokens, reading):
        taken: list[tuple[int, int]] = []
        years: set[int] = set()
        first, last = self.year_span
        this_year = datetime.date.today().year
        for pattern, how in YEAR_RANGES:
            for m in re.finditer(pattern, query, re.I):
                if any(m.start() < b and a < m.end() for a, b in taken):
                    continue
                if how == "relative":
                    y = this_year - (m.group(1).lower() == "last")
                    lo = hi = y
                elif how == "recent":
                    n = SMALL.get(m.group(1).lower()) or int(m.group(1))
                    lo, hi = this_year - n + 1, this_year
                else:
                    y = int(m.group(1))
                    lo, hi = {
                        "year": (y, y),
                        "since": (y, None),
                        "after": (y + 1, None),
                        "before": (None, y - 1),
                        "until": (None, y),
                    }.get(how, (None, None))
                    if how == "range":
                        end = m.group(2)
                        end = int(str(y)[:2] + end) if len(end) == 2 else int(end)
                        lo, hi = sorted((y, end))
                lo = first if lo is None else lo
                hi = max(last, lo) if hi is None else hi
                years.update(range(lo, hi + 1))
                taken.append((m.start(), m.end()))
                reading.parts.append(Part("years", (lo, hi), m.start(), m.end(), m.group()))
        for t in tokens:
            if any(a <= t.start < b for a, b in taken):
                t.used = "year"
        reading.years = sorted(years)

    # --- 2. measures ------------------------------------------------------------------------

    def _measures(self, query, tokens, reading):
        content = [t for t in tokens if not t.used and t.key not in STOP]
        i = 0
        while i < len(content):
            for n in range(min(self.longest, len(content) - i), 0, -1):
                span = content[i : i + n]
                # words of one phrase are next to each other, small words apart
                if any(b.used for b in tokens[tokens.index(span[0]) : tokens.index(span[-1]) + 1]):
                    continue
                measure = self.phrases.get(tuple(t.key for t in span))
                if measure:
                    for t in tokens[tokens.index(span[0]) : tokens.index(span[-1]) + 1]:
                        t.used = "measure"
                    if measure not in reading.measures:
                        reading.measures.append(measure)
                    reading.parts.append(Part("measure", measure, span[0].start, span[-1].end, query[span[0].start : span[-1].end]))
                    i += n
                    break
            else:
                i += 1

    # --- 3. councils ------------------------------------------------------------------------

    def _councils(self, query, tokens, reading):
        for whole in (True, False):
            runs, run = [], []
            for t in tokens:
                if t.used:
                    if run:
                        runs.append(run)
                    run = []
                else:
                    run.append(t)
            if run:
                runs.append(run)
            for run in runs:
                i = 0
                while i < len(run):
                    for n in range(min(MAX_NAME_WORDS if whole else 3, len(run) - i), 0, -1):
                        span = run[i : i + n]
                        codes = self._match(query, span, whole)
                        if codes:
                            for t in span:
                                t.used = "council"
                            self._mention(query[span[0].start : span[-1].end], codes, span, reading)
                            i += n
                            break
                    else:
                        i += 1

    def _match(self, query, span, whole) -> list:
        keys = [t.key for t in span]
        if keys[0] in STOP or keys[0] in KIND and len(span) == 1 or keys[-1] in STOP:
            return []
        if all(k in STOP or k in KIND or k in GENERIC for k in keys):
            return []
        if len(span) == 1 and keys[0] in EVERYDAY and not span[0].text[:1].isupper():
            return []
        text = query[span[0].start : span[-1].end]
        text = re.sub(r"['\u2019]s$", "", text)
        if whole:
            # a code counts when it is a GSS code or a register code written in capitals ("ESS"),
            # not a word that happens to spell one ("all", "can")
            codes = bool(GSS.fullmatch(text)) or (len(span) == 1 and text.isupper())
            return self.councils.exact(text, codes=codes)
        if any(k in STOP or k in KIND or k in GENERIC or len(k) < 4 for k in keys):
            return []
        return self.councils.candidates(text)

    def _mention(self, written, codes, span, reading):
        # an abolished council named with its successors ("Bucks") is one place over time
        succeeded = [c for c in codes if set(self.successors.get(c, [])) & set(codes)]
        reading.parts.append(Part("council", tuple(codes), span[0].start, span[-1].end, written))
        if len(codes) > 1 and not succeeded:
            reading.choices.append((written, codes))
            return
        reading.councils.extend(c for c in codes if c not in reading.councils)
        for code in list(reading.councils):
            for successor in self.successors.get(code, []):
                if successor not in reading.councils:
                    reading.successors.setdefault(successor, code)
