"""Council pages: /council lists the councils with figures; /council/<GSS code or name> shows one.

A council page has a chart for each measure over time (Vega-Lite, drawn with the copy of
Vega that datasette-dashboards ships, so nothing is fetched from elsewhere), each point
linking to its fact; Ofsted judgements as a list; links to subscribe to its feed and to
download its figures as CSV.
"""

from urllib.parse import urlencode

from datasette import hookimpl
from datasette.utils import tilde_decode, tilde_encode
from datasette.utils.asgi import NotFound, Response

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

BODY = "select * from bodies where code = :code"

FACTS = """
select fact, measure, measure_label, value, value_max, unit, qualifier, value_text, figure, subject,
  date, period, sentence, document_title, kind, document_date
from facts_view
where body = :body and measure != 'other'
order by measure_label, date, value
"""

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


def chart_spec(label, points):
    """A Vega-Lite spec: one measure over time, each point a link to its fact."""
    units = sorted({p["unit"] or "" for p in points})
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "description": label,
        "width": "container",
        "height": 180,
        "data": {"values": points},
        # points, not lines: two figures of one measure may count different things
        "mark": {"type": "point", "filled": True, "size": 90, "tooltip": True},
        "encoding": {
            "x": {"field": "date", "type": "temporal", "title": "Date"},
            "y": {
                "field": "value",
                "type": "quantitative",
                "title": ", ".join(UNIT_TITLES.get(u, u) for u in units) or "value",
            },
            "href": {"field": "href"},
            "tooltip": [
                {"field": "date", "type": "temporal", "title": "Date"},
                {"field": "value_text", "title": "Figure"},
                {"field": "subject", "title": "Of"},
                {"field": "document_title", "title": "Source"},
            ],
        },
    }


async def council_list(datasette, request):
    db = datasette.get_database(DB)
    rows = [dict(r) for r in (await db.execute(COUNCILS)).rows]
    for row in rows:
        row["url"] = datasette.urls.path("/council/" + tilde_encode(row["body_code"] or row["body"]))
    return Response.html(await datasette.render_template("council_list.html", {"councils": rows}, request=request))


async def council_page(datasette, request):
    db = datasette.get_database(DB)
    wanted = tilde_decode(request.url_vars["council"])  # Datasette turns %20 into ~20
    found = (await db.execute(FIND, {"c": wanted})).rows
    if not found:
        raise NotFound(f"No figures about a council called {wanted}")
    body, code = found[0]["body"], found[0]["body_code"]
    info = None
    if code:
        rows = (await db.execute(BODY, {"code": code})).rows
        info = dict(rows[0]) if rows else None
    facts = [dict(r) for r in (await db.execute(FACTS, {"body": body})).rows]
    measures = {}
    judgements = []
    for fact in facts:
        fact["href"] = datasette.urls.row(DB, "facts", fact["fact"])
        if fact["value"] is None:
            judgements.append(fact)
            continue
        # one chart per measure and unit: a count and a percentage never share an axis
        key = (fact["measure"], fact["unit"])
        measures.setdefault(key, {"measure": fact["measure"], "unit": fact["unit"], "label": fact["measure_label"], "facts": []})
        measures[key]["facts"].append(fact)
    units_per_measure = {}
    for measure, unit in measures:
        units_per_measure[measure] = units_per_measure.get(measure, 0) + 1
    for (measure, unit), m in measures.items():
        if units_per_measure[measure] > 1:
            m["label"] = f"{m['label']} ({UNIT_TITLES.get(unit, unit)})"
    charts = []
    for i, m in enumerate(measures.values()):
        points = [
            {k: f[k] for k in ("date", "value", "value_text", "subject", "document_title", "unit", "href")}
            for f in m["facts"]
            if f["date"]
        ]
        shown = points[-MAX_POINTS:]
        charts.append(
            {
                **m,
                "id": f"chart-{i}",
                "spec": chart_spec(m["label"], shown),
                "hidden": len(points) - len(shown),
                "unit": m["unit"],
                "timeline_url": datasette.urls.query(DB, "council_timeline")
                + "?"
                + urlencode({"council": body, "measure": m["measure"]}),
                "feed_url": datasette.urls.query(DB, "feed", format="atom") + "?" + urlencode({"council": body, "measure": m["measure"], "_feed_title": f"{body}: {m['label']} — councilfacts"}),
            }
        )
    context = {
        "body": body,
        "code": code,
        "info": info,
        "charts": charts,
        "judgements": judgements,
        "count": len(facts),
        "feed_url": datasette.urls.query(DB, "feed", format="atom") + "?" + urlencode({"council": body, "_feed_title": f"{body}: new figures — councilfacts"}),
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
