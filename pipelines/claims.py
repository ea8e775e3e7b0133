"""Claims: one figure, many sources; and conflicts: two figures for one date that cannot both be true.

A council paper says 152 children have no allocated social worker; the local paper says
"more than 150"; a union release repeats 152 a week later. Those three facts are one
claim. A claim groups the facts that have

- the same body (its GSS code, else its name; a fact with no body is a claim of its own),
- the same measure, in the same kind of unit (percent, pounds, days, or a count of
  anything: people, posts, cases and children are one kind),
- compatible values: every member's value range meets every other's (see `value_range`:
  "more than 150" is 150–172.5 and fits 152; "about 30" is 27–33 and fits 31),
- overlapping times (see `reference_time`: a stated period, else the date of the report
  a story cites, else the three months up to its document's date).

Primary sources first: facts are taken in `rank` order, council papers and Ofsted
reports before news, so a claim's value is its primary source's value where it has
one. Each fact joins the first claim it fits, else opens a new one: deterministic for
the same facts, whatever order they were stored in.

A story cites a primary document (`cited_document`) when it names that kind of document
("a report to the scrutiny committee", "Ofsted inspectors found"), the document is about
the same body, dated up to CITE_WINDOW before the story, and states a figure of the
same measure; a named committee must be the document's committee. The story's figure
then refers to the report's date.

Two claims conflict when a member of each, from different documents, refers to the same
day or month (both stated, or one a story citing the other's document), their values
cannot both be true, and neither document states the other's figure (a document giving
163 and 201 is giving two figures, not contradicting itself). A change over time is not
a conflict.

`update(db)` recomputes only the groups (body, measure, unit kind) whose facts changed
since the last run: new or re-extracted facts arrive with no claim_id, and a claim whose
facts were deleted has fewer members than it records. An unchanged database is not
written to at all.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Iterable

import sqlite_utils

EXCLUDED_MEASURES = ("ofsted_rating", "other")  # a judgement has no value; `other` fits no measure
PRIMARY_KINDS = ("committee_paper", "ofsted_report")
LOOKBACK = timedelta(days=92)  # an undated figure describes the quarter up to its document's date
CITE_WINDOW = timedelta(days=92)  # a story cites a report published up to a quarter before it

# How far a qualified figure reaches, as a share of its value.
ABOUT = 0.10  # "about 30": 27–33
OVER = 0.15  # "more than 150": 150–172.5 (not 1,000: no one writes "more than 150" for that)
UNDER = 0.10  # "almost 40": 36–40; "up to 18", "less than 20" likewise below
ROUNDED = 0.05  # "150" may be 152 rounded, by at most half its last written digit and 5%

COUNT_UNITS = {"people", "posts", "cases", "children", "count"}

# What a story says when its figure comes from a council paper or an Ofsted report.
CUES = {
    "committee_paper": re.compile(
        r"(?i)\breport(?:s|ed)?\s+(?:to|for|before|going\s+to|presented\s+to|prepared\s+for)\b"
        r"|\bcommittee\b|\bcabinet\b|\bcouncil\s+papers?\b|\bpapers?\s+(?:for|published|prepared)\b"
        r"|\bcouncillors\s+(?:were|will\s+be|are\s+to\s+be)\s+told\b|\bscrutiny\b"
    ),
    "ofsted_report": re.compile(r"(?i)\bofsted\b|\binspectors?\b|\binspection\b|\bmonitoring\s+visit\b"),
}
# Committees a story may name; if it names one, only a paper of that committee is cited.
COMMITTEE_WORDS = ("scrutiny", "cabinet", "executive", "audit", "corporate parenting", "full council", "health and wellbeing")


@dataclass
class Fact:
    id: str
    document_id: str
    measure: str
    value: float
    value_max: float | None
    qualifier: str | None
    unit: str | None
    body: str | None
    body_code: str | None
    period: str | None
    figure: str | None
    sentence: str | None
    figure_start: int | None
    kind: str | None
    doc_date: str | None
    committee: str | None = None
    text: str | None = None
    cites: str | None = None  # document id of the primary document this story's figure comes from
    cites_by_sentence: bool = False  # the citing words are in the figure's own sentence
    cited_fact: "Fact | None" = None  # the figure of that document this one repeats, if any

    @property
    def key(self) -> str:
        return group_key(self)

    @property
    def primary(self) -> bool:
        return self.kind in PRIMARY_KINDS

    @property
    def stated_period(self) -> str | None:
        """The period the text gives; the extractor falls back to the document date, which is not one."""
        if not self.period or (self.doc_date and self.period == self.doc_date[:10]):
            return None
        return self.period


@dataclass
class Claim:
    facts: list[Fact]
    low: float
    high: float
    start: date
    end: date
    conflicts: int = 0

    @property
    def lead(self) -> Fact:
        return self.facts[0]

    @property
    def id(self) -> str:
        return hashlib.sha1(f"claim|{self.lead.id}".encode()).hexdigest()[:16]


def unit_kind(unit: str | None) -> str:
    """percent, gbp, days, or `count` for every unit that counts things."""
    if unit in COUNT_UNITS or not unit:
        return "count"
    return unit


def group_key(f) -> str:
    """Facts that can be one claim share a key; a fact with no body or no value has one of its own."""
    if f.value is None:
        return f"fact:{f.id}|{f.measure}|{unit_kind(f.unit)}"
    body = f.body_code or f.body or f"fact:{f.id}"
    return f"{body}|{f.measure}|{unit_kind(f.unit)}"


def written_precision(figure: str | None, value: float) -> float:
    """Half the last digit the figure was written to, in the value's units.

    "152" → 0.5; "£147m" → 500,000; "23.3%" → 0.05; "150" → 5 (it may be rounded), but
    never more than 5% of the value; a figure in words ("sixty-four") → 0.5."""
    digits = re.search(r"\d[\d,]*(?:\.\d+)?", figure or "")
    if not digits or not value:
        return 0.5
    written = digits.group(0).replace(",", "")
    number = float(written)
    if not number:
        return 0.5
    scale = value / number
    if "." in written:
        return 0.5 * 10 ** -len(written.split(".")[1]) * scale
    zeros = len(written) - len(written.rstrip("0"))
    if zeros and scale == 1:
        return min(0.5 * 10**zeros, ROUNDED * value)
    return 0.5 * scale


def value_range(f: Fact) -> tuple[float, float]:
    """The values a figure is compatible with, its qualifier taken into account.

    >>> value_range(Fact("x", "d", "m", 150, None, "more_than", "children", None, None, None, "more than 150", None, 0, "news", None))
    (150, 172.5)
    """
    if f.value is None:
        return float("-inf"), float("inf")
    low, high = f.value, f.value_max if f.value_max is not None else f.value
    q = f.qualifier or "exact"
    if q == "about":
        return low * (1 - ABOUT), high * (1 + ABOUT)
    if q in ("more_than", "at_least"):
        return low, high * (1 + OVER)
    if q in ("almost", "less_than", "up_to"):
        return low * (1 - UNDER), high
    tolerance = written_precision(f.figure, f.value)
    return low - tolerance, high + tolerance


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def _month_end(year: int, month: int) -> date:
    return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)


def period_interval(period: str | None) -> tuple[date, date] | None:
    """A day, month, year or span ("2018-04/2019-03") as first and last day."""
    if not period:
        return None
    if "/" in period:
        a, b = (period_interval(p) for p in period.split("/", 1))
        return (a[0], b[1]) if a and b else None
    try:
        if re.fullmatch(r"\d{4}", period):
            return date(int(period), 1, 1), date(int(period), 12, 31)
        if re.fullmatch(r"\d{4}-\d{2}", period):
            y, m = int(period[:4]), int(period[5:7])
            return date(y, m, 1), _month_end(y, m)
        d = date.fromisoformat(period[:10])
        return d, d
    except ValueError:
        return None


def point_in_time(f: Fact) -> tuple[date, date] | None:
    """The day or month a figure is for, where the text says one. None for years, spans and undated figures."""
    stated = f.stated_period
    if stated and re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", stated):
        return period_interval(stated)
    return None


def reference_time(f: Fact, dates: dict[str, str]) -> tuple[date, date]:
    """When a figure is true: its stated period; else that of the figure it repeats from the
    report it cites, or that report's date; else the LOOKBACK up to its document's date (an
    unknown date is any time)."""
    stated = period_interval(f.stated_period)
    if stated:
        return stated
    if f.cited_fact is not None:
        return reference_time(f.cited_fact, dates)
    cited = _day(dates.get(f.cites)) if f.cites else None
    if cited:
        return cited, cited
    own = _day(f.doc_date)
    if own:
        return own - LOOKBACK, own
    return date.min, date.max


def rank(f: Fact) -> tuple:
    """Primary sources first, then exact figures, then the earliest; ids break ties."""
    return (0 if f.primary else 1, 0 if (f.qualifier or "exact") == "exact" else 1, f.doc_date or "9999", f.document_id, f.figure_start or 0, f.id)


def committee_named(text: str) -> set[str]:
    low = text.lower()
    return {w for w in COMMITTEE_WORDS if w in low}


def cited_document(f: Fact, candidates: list[Fact]) -> tuple[str | None, bool, Fact | None]:
    """The primary document a story's figure comes from, whether its own sentence says so,
    and the figure of that document it repeats (None: it states none compatible).

    Candidates are the primary facts of the same group. A cue in the story's text other
    than the figure's sentence links it only to a document that states a compatible figure."""
    if f.primary or not f.doc_date or not candidates:
        return None, False, None
    story_day = _day(f.doc_date)
    if not story_day:
        return None, False, None
    earliest, latest = (story_day - CITE_WINDOW).isoformat(), story_day.isoformat()
    sentence = f.sentence or ""
    text = f.text or sentence
    said = {}  # kind -> (cue in the sentence, committees it names), or None: the story names no such document
    for kind, cue in CUES.items():
        if cue.search(sentence):
            said[kind] = (True, committee_named(sentence))
        elif cue.search(text):
            said[kind] = (False, committee_named(text))
    if not said:
        return None, False, None
    own = value_range(f)
    best = None
    for position, c in enumerate(candidates):  # candidates come ranked
        if c.kind not in said or not (earliest <= (c.doc_date or "")[:10] <= latest):
            continue
        in_sentence, named = said[c.kind]
        if c.kind == "committee_paper" and named and not any(w in (c.committee or "").lower() for w in named):
            continue
        fits = compatible(own, value_range(c))
        if not in_sentence and not fits:
            continue
        score = (fits, in_sentence, c.doc_date, c.document_id, -position)
        if best is None or score > best[0]:
            best = (score, c.document_id, in_sentence, c if fits else None)
    return best[1:] if best else (None, False, None)


def compatible(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """The ranges share more than an end: 152 (151.5–152.5) and 153 (152.5–153.5) do not
    (nor 23.3% and 23.4%, whose ends differ only by rounding in binary)."""
    low, high = max(a[0], b[0]), min(a[1], b[1])
    return high > low and not math.isclose(high, low, rel_tol=1e-9)


def group(facts: list[Fact]) -> list[Claim]:
    """The claims of one group's facts (same body, measure and unit kind), primary sources first."""
    primaries = sorted((f for f in facts if f.primary), key=rank)
    for f in facts:
        f.cites, f.cites_by_sentence, f.cited_fact = cited_document(f, primaries)
    dates = {f.document_id: f.doc_date for f in facts}
    claims: list[Claim] = []
    for f in sorted(facts, key=rank):
        low, high = value_range(f)
        start, end = reference_time(f, dates)
        for claim in claims:
            if start <= claim.end and claim.start <= end and compatible((low, high), (claim.low, claim.high)):
                claim.facts.append(f)
                claim.low, claim.high = max(low, claim.low), min(high, claim.high)
                claim.start, claim.end = max(start, claim.start), min(end, claim.end)
                break
        else:
            claims.append(Claim([f], low, high, start, end))
    return claims


def conflicts(claims: list[Claim]) -> list[tuple[Claim, Claim, Fact, Fact, str, str]]:
    """Pairs of claims with members, from different documents, for the same day or month,
    whose values cannot both be true; one pair of facts each, the highest ranked."""
    # only claims that can meet are compared: members for the same month, or a story and the document it cites
    order = {id(c): i for i, c in enumerate(claims)}
    by_place: dict[str, list[Claim]] = {}
    for c in claims:
        places = {f"doc:{f.document_id}" for f in c.facts} | {f"doc:{f.cites}" for f in c.facts if f.cites}
        places |= {f"month:{m}" for f in c.facts for m in _months(point_in_time(f))}
        for place in places:
            by_place.setdefault(place, []).append(c)
    pairs = sorted({tuple(sorted((order[id(a)], order[id(b)]))) for met in by_place.values() for a in met for b in met if a is not b})
    documents = [{f.document_id for f in c.facts} for c in claims]
    found = []
    for i, j in pairs:
        if documents[i] & documents[j]:
            continue  # a document giving both figures is giving two figures
        pair = _conflicting_pair(claims[i], claims[j])
        if pair:
            found.append((claims[i], claims[j], *pair))
    return found


def _months(span: tuple[date, date] | None) -> list[str]:
    if not span:
        return []
    out, (y, m) = [], (span[0].year, span[0].month)
    while (y, m) <= (span[1].year, span[1].month):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _conflicting_pair(a: Claim, b: Claim) -> tuple[Fact, Fact, str, str] | None:
    for fa in a.facts:
        for fb in b.facts:
            if compatible(value_range(fa), value_range(fb)):
                continue
            for p, s in ((fa, fb), (fb, fa)):
                if s.cites == p.document_id and s.cites_by_sentence and s.cited_fact is None:
                    return p, s, "a story gives another figure than the document it cites", p.stated_period or p.doc_date
            ta, tb = point_in_time(fa), point_in_time(fb)
            if ta and tb and ta[0] <= tb[1] and tb[0] <= ta[1]:
                when = fa.stated_period if ta[1] - ta[0] <= tb[1] - tb[0] else fb.stated_period
                return fa, fb, f"two figures for {when}", when
    return None


# --------------------------------------------------------------------------- the database

FACTS_SQL = f"""
select f.id, f.document_id, f.measure, f.value, f.value_max, f.qualifier, f.unit, f.body, f.body_code,
  f.period, f.figure, f.sentence, f.figure_start, d.kind,
  substr(coalesce(d.published, d.meeting_date, d.fetched_at), 1, 10) as doc_date, d.committee
from facts f join documents d on d.id = f.document_id
where f.measure is not null and f.measure not in ({", ".join("?" * len(EXCLUDED_MEASURES))})
"""
# the part of group_key SQL can compute, to load only the groups being recomputed
KEY_PREFIX_SQL = "case when f.value is null then 'fact:' || f.id else coalesce(f.body_code, f.body, 'fact:' || f.id) end || '|' || f.measure"


def _facts(db: sqlite_utils.Database, where: str = "", params: Iterable = ()) -> list[Fact]:
    rows = db.execute(FACTS_SQL + where, [*EXCLUDED_MEASURES, *params]).fetchall()
    return [Fact(*r) for r in rows]


def _add_texts(db: sqlite_utils.Database, facts: list[Fact]) -> None:
    """The texts of the stories whose citing words are looked for (groups with a primary source)."""
    with_primary = {f.key for f in facts if f.primary}
    wanted = sorted({f.document_id for f in facts if not f.primary and f.key in with_primary})
    texts = dict(db.execute("select id, text from documents where id in (select value from json_each(?))", [json.dumps(wanted)]).fetchall())
    for f in facts:
        f.text = texts.get(f.document_id)


def dirty_keys(db: sqlite_utils.Database) -> set[str]:
    """Groups with facts not yet in a claim, or with claims that lost facts."""
    keys = {f.key for f in _facts(db, " and f.claim_id is null")}
    lost = db.execute(
        "select c.group_key from claims c"
        " where c.n_facts != (select count(*) from facts f where f.claim_id = c.id)"
    ).fetchall()
    keys |= {r[0] for r in lost}
    return keys


def _value_text(f: Fact) -> str:
    from councilfacts.publish import QUALIFIER_WORDS

    if f.value is None:
        return f.figure or ""

    def num(v: float) -> str:
        return f"{int(v):,}" if v == int(v) else f"{v:,.1f}"

    amount = num(f.value) + (f"–{num(f.value_max)}" if f.value_max is not None else "")
    text = {"gbp": f"£{amount}", "percent": f"{amount}%", "count": amount}.get(f.unit or "count", f"{amount} {f.unit}")
    return QUALIFIER_WORDS.get(f.qualifier or "", "") + text


def claim_row(c: Claim) -> dict:
    lead = c.lead
    by_date = sorted(c.facts, key=lambda f: (f.doc_date or "9999", rank(f)))
    first = by_date[0]
    sources = []
    seen = set()
    for f in by_date:
        if f.document_id in seen:
            continue
        seen.add(f.document_id)
        sources.append({"document_id": f.document_id, "fact_id": f.id, "kind": f.kind, "date": f.doc_date, "cites": f.cites})
    interval = period_interval(lead.period) or (None, None)
    return {
        "id": c.id,
        "group_key": lead.key,
        "body": lead.body,
        "body_code": lead.body_code,
        "measure": lead.measure,
        "unit": lead.unit,
        "value": lead.value,
        "value_max": lead.value_max,
        "qualifier": lead.qualifier,
        "value_text": _value_text(lead),
        "period": lead.period,
        # the day its sources agree on ("163 at 30 June" in a later report pins an undated 163), else the lead's period start
        "date": c.start.isoformat() if c.start == c.end else interval[0].isoformat() if interval[0] else lead.doc_date,
        "fact_id": lead.id,
        "document_id": lead.document_id,
        "kind": lead.kind,
        "primary_source": int(lead.primary),
        "first_fact_id": first.id,
        "first_document_id": first.document_id,
        "first_date": first.doc_date,
        "first_kind": first.kind,
        "n_facts": len(c.facts),
        "n_sources": len(sources),
        "kinds": ",".join(sorted({f.kind or "" for f in c.facts})),
        "sources": json.dumps(sources),
        "conflicts": c.conflicts,
    }


def conflict_row(a: Claim, b: Claim, fa: Fact, fb: Fact, reason: str, when: str) -> dict:
    ids = sorted([a.id, b.id])
    return {
        "id": hashlib.sha1(f"conflict|{ids[0]}|{ids[1]}".encode()).hexdigest()[:16],
        "group_key": fa.key,
        "body": fa.body,
        "body_code": fa.body_code,
        "measure": fa.measure,
        "unit": fa.unit,
        "period": when,
        "reason": reason,
        "claim_a": a.id,
        "fact_a": fa.id,
        "document_a": fa.document_id,
        "kind_a": fa.kind,
        "value_a": _value_text(fa),
        "claim_b": b.id,
        "fact_b": fb.id,
        "document_b": fb.document_id,
        "kind_b": fb.kind,
        "value_b": _value_text(fb),
    }


def compute(facts: list[Fact]) -> tuple[list[dict], list[dict], dict[str, str]]:
    """Claim rows, conflict rows and fact id → claim id for facts of any groups."""
    by_key: dict[str, list[Fact]] = {}
    for f in facts:
        by_key.setdefault(f.key, []).append(f)
    claim_rows, conflict_rows, membership = [], [], {}
    for key in sorted(by_key):
        claims = group(by_key[key])
        found = conflicts(claims)
        for a, b, *pair in found:
            a.conflicts += 1
            b.conflicts += 1
            conflict_rows.append(conflict_row(a, b, *pair))
        for c in claims:
            claim_rows.append(claim_row(c))
            membership.update({f.id: c.id for f in c.facts})
    return claim_rows, conflict_rows, membership


def update(db: sqlite_utils.Database, full: bool = False) -> dict[str, int]:
    """Recompute the claims and conflicts of every group whose facts changed (all with full=True)."""
    from councilfacts.db import transaction

    keys = {f.key for f in _facts(db)} | {r[0] for r in db.execute("select group_key from claims")} if full else dirty_keys(db)
    if not keys:
        return {"groups": 0, "claims": 0, "conflicts": 0}
    prefixes = sorted({k.rsplit("|", 1)[0] for k in keys})
    facts = [f for f in _facts(db, f" and {KEY_PREFIX_SQL} in (select value from json_each(?))", [json.dumps(prefixes)]) if f.key in keys]
    _add_texts(db, facts)
    claim_rows, conflict_rows, membership = compute(facts)
    with transaction(db):
        for key in sorted(keys):
            db.execute("update facts set claim_id = null where claim_id in (select id from claims where group_key = ?)", [key])
            db.execute("delete from claims where group_key = ?", [key])
            db.execute("delete from conflicts where group_key = ?", [key])
        if claim_rows:
            db["claims"].insert_all(claim_rows, pk="id")
        if conflict_rows:
            db["conflicts"].insert_all(conflict_rows, pk="id")
        db.conn.executemany("update facts set claim_id = ? where id = ?", [(c, f) for f, c in membership.items()])
    return {"groups": len(keys), "claims": len(claim_rows), "conflicts": len(conflict_rows)}
