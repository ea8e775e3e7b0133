"""Council pages: /council lists the councils with figures; /council/<GSS code or name> shows one.

A name is read as people write it ("Essex", "Northants", "essex county council"; see
council_names.py); when it could mean several councils the page offers the choice, and
when it means none it suggests the nearest names of councils with figures.

A council page opens with the latest claim (claims.py: one figure, all the sources that
report it) for each measure: value, date, sources and whether a conflicting figure exists.
Below it one chart per measure (Vega-Lite, drawn with the copy of Vega that
datasette-dashboards ships, so nothing is fetched from elsewhere), all on the same time
axis, each point a claim linking to its lead fact's page, where every source is listed;
Ofsted judgements as a list; links to subscribe to its feed and to download its figures as CSV.
"""

import json
from collections import Counter
from datetime import date, timedelta
from urllib.parse import unquote, urlencode

from datasette import hookimpl
from datasette.utils import tilde_decode, tilde_encode
from datasette.utils.asgi import Response

DB = "councilfacts"

COUNCILS = """
select body, max(body_code) as body_code, count(*) as facts, count(distinct measure) as measures,
  count(distinct document_id) as documents, max(date) as last_date
from facts_view where body is not null and measure != 'other'
group by body order by body
"""

FIND = """
select body, max(body_code) as body_code from facts
where body is not null and (body_code = :c or body = :c or lower(body) = lower(:c))
group by body order by count(*) desc limit 1
"""

CANDIDATES = """
select b.code, b.name, b.kind, b.end_date,
  (select count(*) from facts f where f.body_code = b.code and f.measure != 'other') as facts,
  (select f.body from facts f where f.body_code = b.code group by f.body order by count(*) desc limit 1) as body
from json_each(council_candidates(:c)) j
join bodies b on b.code = j.value
order by j.key
"""

BODY = "select * from bodies where code = :code"

# `replaced_by` holds GSS codes (register codes in databases prepared before that changed)
SUCCESSORS = """
select b.code, b.name, exists (select 1 from facts f where f.body_code = b.code) as has_facts
from json_each(:codes) j join bodies b on b.code = j.value or b.register_code = j.value
order by j.key
"""

WITH_FACTS = "select body, max(body_code) as body_code from facts where body is not null and measure != 'other' group by body"

FACTS = """
select fact, measure, measure_label, value, value_max, unit, qualifier, value_text, figure, subject,
  date, period, sentence, document_title, kind, document_date
from facts_view
where body = :body and measure != 'other'
order by measure_label, date, value
"""

# Each measure's claims about the council, the latest first within a measure.
CLAIMS = """
select c.*, coalesce(m.label, c.measure) as measure_label,
  d.title as document_title
from claims c
left join measures m on m.id = c.measure
left join documents d on d.id = c.document_id
where (c.body = :body or (:code != '' and c.body_code = :code)) and c.date is not null
order by measure_label, c.group_key, c.date desc, c.primary_source desc, c.n_sources desc, c.id
"""

KIND_WORDS = {"news": "news", "committee_paper": "council paper", "ofsted_report": "Ofsted report"}

MAX_POINTS = 1000  # per chart: the latest ones; the full series is a click away as a table

UNIT_TITLES = {
    "gbp": "£",
    "percent": "per cent",
    "days": "days",
    "people": "people",
    "posts": "posts",
    "cases": "cases",
    "children": "children",
    "count": "number",
}


def _datetime(iso):
    """Vega-Lite's DateTime for an ISO date (a scale domain takes these, not strings)."""
    y, m, d = (int(x) for x in iso[:10].split("-"))
    return {"year": y, "month": m, "date": d}


def chart_spec(label, points, domain):
    """A Vega-Lite spec: one measure's claims over time on the page's shared time axis,
    each point a link to its claim's lead fact; a bigger point has more sources, a red one a conflict."""
    units = sorted({p["unit"] or "" for p in points})
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "description": label,
        "width": "container",
        "height": 120,
        "data": {"values": points},
        # points, not lines: two claims of one measure may count different things
        "mark": {"type": "point", "filled": True, "tooltip": True},
        "encoding": {
            "x": {
                "field": "date",
                "type": "temporal",
                "title": None,
                "scale": {"domain": [_datetime(d) for d in domain]},
                "axis": {"format": "%Y", "tickCount": "year", "labelOverlap": True},
            },
            "y": {
                "field": "value",
                "type": "quantitative",
                "title": ", ".join(UNIT_TITLES.get(u, u) for u in units) or "value",
            },
            "size": {"field": "n_sources", "type": "quantitative", "title": "Sources", "scale": {"domain": [1, 4], "range": [70, 260]}, "legend": None},
            "color": {
                "condition": {"test": "datum.conflicts > 0", "value": "#c0392b"},
                "value": "#2c6fbb",
            },
            "href": {"field": "href"},
            "tooltip": [
                {"field": "date", "type": "temporal", "title": "Date"},
                {"field": "value_text", "title": "Figure"},
                {"field": "sources_text", "title": "Sources"},
                {"field": "document_title", "title": "Lead source"},
            ],
        },
    }


def claim_tables(datasette, body, claims):
    """The latest claim of each measure (and kind of unit), and a chart of each one's claims
    on a time axis shared by every chart of the page."""
    groups = {}
    for c in claims:
        c["href"] = datasette.urls.row(DB, "facts", tilde_encode(c["fact_id"]))
        c["kinds_words"] = ", ".join(KIND_WORDS.get(k, k) for k in (c["kinds"] or "").split(",") if k)
        c["sources_text"] = f"{c['n_sources']} ({c['kinds_words']})"
        groups.setdefault(c["group_key"], []).append(c)
    kinds_per_measure = Counter(g[0]["measure"] for g in groups.values())
    dates = sorted(c["date"][:10] for c in claims)
    domain = _padded(dates[0], dates[-1]) if dates else None
    latest, charts = [], []
    for i, (key, group) in enumerate(groups.items()):
        head = group[0]  # CLAIMS orders each group latest first
        label = head["measure_label"]
        units = sorted({c["unit"] or "" for c in group})
        if kinds_per_measure[head["measure"]] > 1:
            label = f"{label} ({', '.join(UNIT_TITLES.get(u, u) for u in units)})"
        latest.append({**head, "label": label, "chart_id": f"chart-{i}"})
        points = [
            {k: c[k] for k in ("date", "value", "value_text", "unit", "href", "n_sources", "sources_text", "conflicts", "document_title")}
            for c in reversed(group)
        ][-MAX_POINTS:]
        charts.append(
            {
                "measure": head["measure"],
                "unit": head["unit"],
                "label": label,
                "id": f"chart-{i}",
                "claims": len(group),
                "hidden": len(group) - len(points),
                "spec": chart_spec(label, points, domain),
                "timeline_url": datasette.urls.query(DB, "council_timeline") + "?" + urlencode({"council": body, "measure": head["measure"]}),
                "feed_url": datasette.urls.query(DB, "feed", format="atom") + "?" + urlencode({"council": body, "measure": head["measure"]}),
            }
        )
    return latest, charts


def _padded(first, last):
    """The shared time axis: from the first claim to the last, a month either side."""
    a, b = date.fromisoformat(first), date.fromisoformat(last)
    return [(a - timedelta(days=31)).isoformat(), (b + timedelta(days=31)).isoformat()]


async def council_list(datasette, request):
    db = datasette.get_database(DB)
    rows = [dict(r) for r in (await db.execute(COUNCILS)).rows]
    for row in rows:
        row["url"] = datasette.urls.path("/council/" + tilde_encode(row["body_code"] or row["body"]))
    return Response.html(await datasette.render_template("council_list.html", {"councils": rows}, request=request))


async def choose(datasette, request, db, wanted):
    """The page for a name that is not exactly a council with figures: that council, a choice, or a 404."""
    candidates = [dict(r) for r in (await db.execute(CANDIDATES, {"c": wanted})).rows]
    with_facts = [c for c in candidates if c["facts"]]
    if len(candidates) == 1 and with_facts:
        return with_facts[0]["body"], with_facts[0]["code"]
    for c in candidates:
        c["url"] = datasette.urls.path("/council/" + tilde_encode(c["code"]))
    suggestions = []
    if not candidates:
        from rapidfuzz import fuzz, process, utils

        rows = (await db.execute(WITH_FACTS)).rows
        names = [r["body"] for r in rows]
        for name, score, i in process.extract(wanted, names, scorer=fuzz.WRatio, processor=utils.default_process, limit=5):
            if score >= 70:  # offered, never taken: a near miss may be another council
                link = rows[i]["body_code"] or name
                suggestions.append({"name": name, "url": datasette.urls.path("/council/" + tilde_encode(link))})
    context = {"wanted": wanted, "candidates": candidates, "suggestions": suggestions, "councils_url": datasette.urls.path("/council")}
    status = 200 if len(candidates) > 1 else 404
    return Response.html(await datasette.render_template("council_choice.html", context, request=request), status=status)


async def successors(datasette, db, info):
    codes = [c for c in (info.get("replaced_by") or "").split("|") if c.strip()]
    if not codes:
        return []
    rows = [dict(r) for r in (await db.execute(SUCCESSORS, {"codes": json.dumps(codes)})).rows]
    for row in rows:
        row["url"] = datasette.urls.path("/council/" + tilde_encode(row["code"]))
    return rows


def name_from_url(raw: str) -> str:
    """/council/North~20Northamptonshire (Datasette's tilde encoding), North+Northamptonshire
    and North%20Northamptonshire (typed or pasted) all mean "North Northamptonshire"."""
    if "%" in raw:
        raw = unquote(raw).replace("~", "~7E")
    return tilde_decode(raw)


async def council_page(datasette, request):
    db = datasette.get_database(DB)
    wanted = name_from_url(request.url_vars["council"])
    found = (await db.execute(FIND, {"c": wanted})).rows
    if found:
        body, code = found[0]["body"], found[0]["body_code"]
    else:
        chosen = await choose(datasette, request, db, wanted)
        if isinstance(chosen, Response):
            return chosen
        body, code = chosen
    info = None
    if code:
        rows = (await db.execute(BODY, {"code": code})).rows
        info = dict(rows[0]) if rows else None
    facts = [dict(r) for r in (await db.execute(FACTS, {"body": body})).rows]
    judgements = []
    for fact in facts:
        if fact["value"] is None:
            fact["href"] = datasette.urls.row(DB, "facts", fact["fact"])
            judgements.append(fact)
    claims = []
    if "claims" in await db.table_names():
        claims = [dict(r) for r in (await db.execute(CLAIMS, {"body": body, "code": code or ""})).rows]
    latest, charts = claim_tables(datasette, body, claims)
    context = {
        "body": body,
        "code": code,
        "info": info,
        "charts": charts,
        "latest": latest,
        "conflicts_url": datasette.urls.path(f"/{DB}/conflicts") + "#" + tilde_encode(code or body),
        "judgements": judgements,
        "count": len(facts),
        "measures": len({f["measure"] for f in facts}),
        "successors": await successors(datasette, db, info) if info else [],
        "feed_url": datasette.urls.query(DB, "feed", format="atom") + "?" + urlencode({"council": body}),
        "csv_url": datasette.urls.table(DB, "facts_view", format="csv") + "?" + urlencode({"body": body, "_size": "max"}),
        "facts_url": datasette.urls.table(DB, "facts_view") + "?" + urlencode({"body": body}),
        "dashboard_url": datasette.urls.path("/-/dashboards/council") + "?" + urlencode({"council": body}),
        "bodies_url": datasette.urls.row(DB, "bodies", code) if info else None,
        "vega": [datasette.urls.static_plugins("datasette_dashboards", f) for f in ("vega.min.js", "vega-lite.min.js", "vega-embed.min.js")],
    }
    return Response.html(await datasette.render_template("council.html", context, request=request))


@hookimpl
def register_routes():
    return [
        (r"^/council$", council_list),
        (r"^/council/(?P<council>[^/]+)$", council_page),
    ]
