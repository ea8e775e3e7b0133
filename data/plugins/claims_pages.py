"""Claims on the site: a fact's claim on its page, /councilfacts/conflicts, and /ranking.

- The fact page (row-councilfacts-facts.html) gets `fact_claim`: "reported by 3 sources,
  first on 18 April 2019 in …", every source linked, and the conflicts the claim is in.
- /councilfacts/conflicts lists the conflicts (claims.py) by council, both sources side by
  side. The table itself stays at /councilfacts/conflicts.json and .csv.
- /ranking?measure=unallocated_cases&year=2019 ranks councils by the latest claim of one
  measure in one year.

Everything from a source reaches the page through the templates' autoescaping.
"""

import json
from collections import Counter
from datetime import date
from urllib.parse import urlencode

from datasette import hookimpl
from datasette.utils import tilde_encode
from datasette.utils.asgi import Response

DB = "councilfacts"

KIND_WORDS = {"news": "news story", "committee_paper": "council paper", "ofsted_report": "Ofsted report"}

CLAIM = "select * from claims where id = (select claim_id from facts where id = :id)"

DOCUMENTS = """
select d.id, d.title, d.kind, coalesce(d.canonical_url, d.url) as url,
  substr(coalesce(d.published, d.meeting_date, d.fetched_at), 1, 10) as date
from documents d where d.id in (select value from json_each(:ids))
"""

CLAIM_CONFLICTS = """
select k.*, case when k.claim_a = :claim then k.claim_b else k.claim_a end as other_claim,
  case when k.claim_a = :claim then k.fact_b else k.fact_a end as other_fact,
  case when k.claim_a = :claim then k.value_b else k.value_a end as other_value,
  case when k.claim_a = :claim then k.document_b else k.document_a end as other_document
from conflicts k where k.claim_a = :claim or k.claim_b = :claim
"""

CONFLICTS = """
select k.*, coalesce(m.label, k.measure) as measure_label,
  fa.sentence as sentence_a, fb.sentence as sentence_b,
  da.title as title_a, db.title as title_b,
  substr(coalesce(da.published, da.meeting_date, da.fetched_at), 1, 10) as date_a,
  substr(coalesce(db.published, db.meeting_date, db.fetched_at), 1, 10) as date_b,
  coalesce(da.canonical_url, da.url) as url_a, coalesce(db.canonical_url, db.url) as url_b
from conflicts k
left join measures m on m.id = k.measure
left join facts fa on fa.id = k.fact_a
left join facts fb on fb.id = k.fact_b
left join documents da on da.id = k.document_a
left join documents db on db.id = k.document_b
order by k.body, measure_label, k.period, k.id
"""

RANK_CHOICES = """
select c.measure, coalesce(m.label, c.measure) as label, substr(c.date, 1, 4) as year, count(distinct coalesce(c.body_code, c.body)) as councils
from claims c left join measures m on m.id = c.measure
where c.body is not null and c.date is not null
group by c.measure, year order by label, year
"""

RANKING = """
select * from (
  select c.*, row_number() over (
    partition by coalesce(c.body_code, c.body)
    order by c.date desc, c.primary_source desc, c.n_sources desc, c.id
  ) as latest
  from claims c
  where c.measure = :measure and substr(c.date, 1, 4) = :year and c.body is not null
    and c.group_key like '%|' || :unit
) where latest = 1
order by coalesce(value_max, value) desc, body
"""

# group_key is body|measure|unit kind (claims.py)
UNIT_KINDS = "select group_key from claims where measure = :measure and substr(date, 1, 4) = :year and body is not null"


def long_date(iso):
    """'2019-04-18' -> '18 April 2019' (a month or year is left as written)."""
    try:
        d = date.fromisoformat((iso or "")[:10])
    except ValueError:
        return iso or ""
    return f"{d.day} {d:%B %Y}"


def claim_when(claim):
    """A claim's date as people write it: '30 September 2019', or 'September 2019' for a month's figure."""
    period, day = claim.get("period") or "", claim.get("date") or ""
    if len(period) == 7 and day.startswith(period):
        try:
            return f"{date.fromisoformat(day[:10]):%B %Y}"
        except ValueError:
            pass
    return long_date(day)


def kind_word(kind):
    return KIND_WORDS.get(kind, kind or "document")


def council_url(datasette, code, body):
    return datasette.urls.path("/council/" + tilde_encode(code or body or ""))


async def claim_context(datasette, db, fact_id):
    """The claim of one fact, its sources (titled, linked, earliest first) and its conflicts."""
    rows = (await db.execute(CLAIM, {"id": fact_id})).rows
    if not rows:
        return None
    claim = dict(rows[0])
    sources = json.loads(claim["sources"] or "[]")
    docs = {r["id"]: dict(r) for r in (await db.execute(DOCUMENTS, {"ids": json.dumps([s["document_id"] for s in sources])})).rows}
    for s in sources:
        doc = docs.get(s["document_id"], {})
        s["title"] = doc.get("title") or s["document_id"]
        s["kind_word"] = kind_word(s["kind"])
        s["long_date"] = long_date(s["date"])
        s["fact_url"] = datasette.urls.row(DB, "facts", tilde_encode(s["fact_id"]))
        s["this"] = s["fact_id"] == fact_id
        cited = docs.get(s.get("cites")) if s.get("cites") else None
        s["cites_title"] = cited["title"] if cited else None
        s["cites_url"] = datasette.urls.row(DB, "documents", tilde_encode(s["cites"])) if cited else None
    conflicts = [dict(r) for r in (await db.execute(CLAIM_CONFLICTS, {"claim": claim["id"]})).rows]
    for k in conflicts:
        k["other_url"] = datasette.urls.row(DB, "facts", tilde_encode(k["other_fact"]))
    first = sources[0] if sources else None
    return {
        "claim": claim,
        "sources": sources,
        "first": first,
        "lead_url": datasette.urls.row(DB, "facts", tilde_encode(claim["fact_id"])),
        "lead_is_this": claim["fact_id"] == fact_id,
        "lead_kind": kind_word(claim["kind"]),
        "conflicts": conflicts,
        "conflicts_url": datasette.urls.path(f"/{DB}/conflicts") + "#" + (claim["body_code"] or ""),
        "claim_url": datasette.urls.row(DB, "claims", tilde_encode(claim["id"])),
    }


@hookimpl
def extra_template_vars(template, database, table, view_name, request, datasette):
    if view_name != "row" or table != "facts" or request is None or database != DB:
        return None

    async def inner():
        from datasette.utils import tilde_decode

        pks = request.url_vars.get("pks")
        if not pks:
            return {}
        db = datasette.get_database(database)
        if "claims" not in await db.table_names():
            return {}
        return {"fact_claim": await claim_context(datasette, db, tilde_decode(pks))}

    return inner


async def conflicts_page(datasette, request):
    db = datasette.get_database(DB)
    rows = [dict(r) for r in (await db.execute(CONFLICTS)).rows] if "conflicts" in await db.table_names() else []
    councils = []
    for row in rows:
        for side in ("a", "b"):
            row[f"fact_url_{side}"] = datasette.urls.row(DB, "facts", tilde_encode(row[f"fact_{side}"]))
            row[f"document_url_{side}"] = datasette.urls.row(DB, "documents", tilde_encode(row[f"document_{side}"]))
            row[f"kind_word_{side}"] = kind_word(row[f"kind_{side}"])
            row[f"long_date_{side}"] = long_date(row[f"date_{side}"])
        row["long_period"] = long_date(row["period"]) if len(row["period"] or "") == 10 else row["period"]
        if not councils or councils[-1]["body"] != row["body"]:
            councils.append({"body": row["body"], "code": row["body_code"], "url": council_url(datasette, row["body_code"], row["body"]), "conflicts": []})
        councils[-1]["conflicts"].append(row)
    context = {
        "councils": councils,
        "count": len(rows),
        "json_url": datasette.urls.table(DB, "conflicts", format="json"),
        "csv_url": datasette.urls.table(DB, "conflicts", format="csv"),
    }
    return Response.html(await datasette.render_template("conflicts.html", context, request=request))


async def ranking_page(datasette, request):
    db = datasette.get_database(DB)
    has_claims = "claims" in await db.table_names()
    choices = [dict(r) for r in (await db.execute(RANK_CHOICES)).rows] if has_claims else []
    measures = {}
    for c in choices:
        measures.setdefault(c["measure"], {"measure": c["measure"], "label": c["label"], "years": []})["years"].append(c["year"])
    wanted = request.args.get("measure") or ("unallocated_cases" if "unallocated_cases" in measures else next(iter(measures), ""))
    years = measures.get(wanted, {}).get("years", [])
    year = request.args.get("year") or (years[-1] if years else "")
    found = (await db.execute(UNIT_KINDS, {"measure": wanted, "year": year})).rows if has_claims else []
    counts = Counter(r["group_key"].rsplit("|", 1)[-1] for r in found)
    kinds = sorted(counts, key=lambda k: (-counts[k], k))  # the unit most of the councils' claims are in first
    unit = request.args.get("unit") or (kinds[0] if kinds else "count")
    rows = [dict(r) for r in (await db.execute(RANKING, {"measure": wanted, "year": year, "unit": unit})).rows] if has_claims else []
    for i, row in enumerate(rows, start=1):
        row["rank"] = i
        row["council_url"] = council_url(datasette, row["body_code"], row["body"])
        row["fact_url"] = datasette.urls.row(DB, "facts", tilde_encode(row["fact_id"]))
        row["long_date"] = claim_when(row)
        row["kinds_words"] = ", ".join(kind_word(k) for k in (row["kinds"] or "").split(",") if k)
    context = {
        "measures": list(measures.values()),
        "measure": wanted,
        "label": measures.get(wanted, {}).get("label", wanted),
        "years": years,
        "year": year,
        "unit": unit,
        "other_units": [
            {"unit": k, "url": datasette.urls.path("/ranking") + "?" + urlencode({"measure": wanted, "year": year, "unit": k})}
            for k in kinds
            if k != unit
        ],
        "rows": rows,
        "conflicts_url": datasette.urls.path(f"/{DB}/conflicts"),
    }
    return Response.html(await datasette.render_template("ranking.html", context, request=request))


@hookimpl
def register_routes():
    # before Datasette's own routes: /councilfacts/conflicts is this page, the table's
    # data stays at /councilfacts/conflicts.json and .csv
    return [
        (rf"^/{DB}/conflicts$", conflicts_page),
        (r"^/ranking$", ranking_page),
    ]
