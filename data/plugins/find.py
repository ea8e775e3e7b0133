"""/find?q=...: figures for a question as a journalist writes it ("unallocated cases in Essex").

query_reader.py reads the question into councils (through council_names.py, the matcher the
council pages use), measures (labels and synonyms from data/measures.yml, via the `measures`
table), years and the words left; this page finds the figures:

- councils, measures and years filter; an abolished council brings in its successors'
  figures, each marked as theirs; a name of several councils offers the choice instead;
- the words left are searched for (any of them, stemmed) in the sentences and subjects of
  the figures, ranked by relevance, unless a measure was understood (then they add
  nothing a figure must contain);
- nothing understood: a plain full-text search, and the page says so.

/find.json gives {"understood": {...}, "facts": [...]}, /find.csv the figures as CSV.
Figures are grouped by council (in the order named, else by best match), newest first.
"""

import csv
import importlib.util
import io
import json
import re
from pathlib import Path
from urllib.parse import urlencode

from datasette import hookimpl
from datasette.utils import tilde_encode
from datasette.utils.asgi import Response

DB = "councilfacts"
LIMIT = 2000  # figures shown for one question; the page says when there are more


def _sibling(name):
    """A module beside this one: plugins are loaded from files, not imported as a package."""
    path = Path(__file__).with_name(f"{name}.py")
    spec = importlib.util.spec_from_file_location(f"councilfacts_site_{name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


council_names = _sibling("council_names")
query_reader = _sibling("query_reader")
fact_page = _sibling("fact_page")

# The years a figure covers: from the year it is placed at (its period, else its document's
# date) to the end of its period when that is a span ("2018-04/2019-03").
LAST_YEAR = "coalesce(case when v.period glob '*/[12][0-9][0-9][0-9]*' then substr(v.period, instr(v.period, '/') + 1, 4) end, v.year)"

FACTS = """
select v.fact as id, v.measure, v.measure_label, v.value, v.value_max, v.unit, v.qualifier, v.value_text,
  v.body, v.body_code, v.period, v.date, v.sentence, v.subject, v.figure, v.document_title, v.kind, v.url,
  v.document_date, f.sentence_start, f.figure_start, f.figure_end, {rank} as rank
from facts_view v
join facts f on f.rowid = v.fact_rowid
{search}
where v.measure != 'other' {where}
order by {order}
limit {limit}
"""


# The reader for what the bodies and measures tables hold now; rebuilt (some 40 ms) only when
# they change, as they may in a live database a run writes to.
FINGERPRINT = """
select (select group_concat(code || ':' || coalesce(name, '') || ':' || coalesce(alt_names, '') || ':' || coalesce(replaced_by, '') || ':' || coalesce(end_date, ''), ',') from bodies),
  (select group_concat(m.id || ':' || coalesce(m.label, '') || ':' || coalesce(m.description, '') || ':' || {synonyms}, ',') from measures m)
"""
_readers = {}


def reader_for(conn):
    synonyms = "coalesce(m.synonyms, '')" if _has_column(conn, "measures", "synonyms") else "''"
    key = hash(conn.execute(FINGERPRINT.format(synonyms=synonyms)).fetchone())
    if key not in _readers:
        if len(_readers) > 8:
            _readers.clear()
        _readers[key] = _build_reader(conn)
    return _readers[key]


def _build_reader(conn):
    resolver = council_names.resolver_for(conn)
    measures = [dict(zip(("id", "label", "synonyms", "description"), r)) for r in conn.execute(
        "select id, label, " + ("synonyms" if _has_column(conn, "measures", "synonyms") else "''") + ", description from measures"
    )]
    successors = {
        code: [c for c in replaced_by.split("|") if c.strip()]
        for code, replaced_by in conn.execute("select code, replaced_by from bodies where replaced_by is not null and replaced_by != ''")
    }
    return query_reader.QueryReader(resolver, measures, successors)


def _has_column(conn, table, column):
    return any(r[1] == column for r in conn.execute(f"pragma table_info([{table}])"))


def fts_query(words):
    """Any of the words in a sentence or subject; each quoted, so no word is read as syntax."""
    return "{sentence subject} : (" + " OR ".join('"' + w.replace('"', "") + '"' for w in words) + ")"


def find(conn, q):
    """(reading, figures, more): what the question was read as and the figures it asks for."""
    reading = reader_for(conn).read(q)
    if reading.choices and not reading.councils:
        return reading, [], False
    where, params = [], {}
    councils = reading.councils + [c for c in reading.successors if c not in reading.councils]
    if councils:
        where.append("v.body_code in (select value from json_each(:councils))")
        params["councils"] = json.dumps(councils)
    if reading.measures:
        where.append("v.measure in (select value from json_each(:measures))")
        params["measures"] = json.dumps(reading.measures)
    if reading.years:
        where.append(f"exists (select 1 from json_each(:years) y where y.value between cast(v.year as integer) and cast({LAST_YEAR} as integer))")
        params["years"] = json.dumps(reading.years)
    search = ""
    searched = reading.words and not reading.measures
    if searched:
        search = "join facts_fts on facts_fts.rowid = v.fact_rowid and facts_fts match :fts"
        params["fts"] = fts_query(reading.words)
    if not where and not searched:
        return reading, [], False
    sql = FACTS.format(
        rank="facts_fts.rank" if searched else "null",
        search=search,
        where="".join(" and " + w for w in where),
        order="facts_fts.rank, v.date desc" if searched else "v.date desc, v.fact",
        limit=LIMIT + 1,
    )
    cursor = conn.execute(sql, params)
    names = [d[0] for d in cursor.description]
    rows = [dict(zip(names, r)) for r in cursor.fetchall()]
    return reading, rows[:LIMIT], len(rows) > LIMIT


def grouped(reading, rows):
    """Figures by council: those named first (an abolished council before its successors),
    then the others by their best match; each council's newest first."""
    order = {c: i for i, c in enumerate(reading.councils + list(reading.successors))}
    groups = {}
    for n, row in enumerate(rows):
        key = row["body_code"] or row["body"] or ""
        groups.setdefault(key, {"code": row["body_code"], "body": row["body"], "first": n, "facts": []})["facts"].append(row)
    for g in groups.values():
        g["facts"].sort(key=lambda r: (r["date"] or "", r["id"]), reverse=True)
        g["successor_of"] = reading.successors.get(g["code"])
    return sorted(groups.values(), key=lambda g: (order.get(g["code"], len(order)), g["first"]))


def names_of(conn, codes):
    if not codes:
        return {}
    return dict(conn.execute("select code, name from bodies where code in (select value from json_each(?))", [json.dumps(list(codes))]).fetchall())


def _find_url(datasette, q, fmt=""):
    return datasette.urls.path("/find" + fmt) + "?" + urlencode({"q": q})


def _council_url(datasette, code_or_name):
    return datasette.urls.path("/council/" + tilde_encode(code_or_name))


def _describe(datasette, conn, reading):
    """What the question was read as, for people: each part with a link that drops it."""
    codes = set(reading.councils) | set(reading.successors) | {c for _, cs in reading.choices for c in cs}
    names = names_of(conn, codes)
    labels = dict(conn.execute("select id, label from measures").fetchall())
    parts, seen = [], set()
    for part in reading.parts:
        if part.kind == "text":
            if "text" in seen:
                continue
            seen.add("text")
            label = "words: " + reading.text
        elif part.kind == "council":
            if len(part.value) > 1 and not set(part.value) <= set(reading.councils):
                continue  # a choice, offered below
            label = " and ".join(names.get(c, c) for c in part.value)
        elif part.kind == "measure":
            if part.value in seen:
                continue
            seen.add(part.value)
            label = labels.get(part.value, part.value)
        else:  # years as written: "since 2018", "2017-2020", "the last three years"
            label = re.sub(r"^(?:in|during|for|of|over)\s+", "", part.written.strip(), flags=re.I)
        parts.append({"kind": part.kind, "label": label, "drop_url": _find_url(datasette, reading.without(part))})
    if not any(p["kind"] == "years" for p in parts) and reading.recognised:
        parts.append({"kind": "years", "label": "all years", "drop_url": None})
    order = {"measure": 0, "council": 1, "years": 2, "text": 3}
    parts.sort(key=lambda p: order[p["kind"]])
    successors = {}
    for c, p in reading.successors.items():
        successors.setdefault(p, {"of": names.get(p, p), "councils": []})["councils"].append(
            {"name": names.get(c, c), "url": _council_url(datasette, c)}
        )
    successors = list(successors.values())
    choices = []
    for written, cands in reading.choices:
        facts = dict(conn.execute(
            "select body_code, count(*) from facts where measure != 'other' and body_code in (select value from json_each(?)) group by body_code",
            [json.dumps(cands)],
        ).fetchall())
        choices.append({
            "written": written,
            "councils": [
                {"code": c, "name": names.get(c, c), "facts": facts.get(c, 0),
                 "url": _find_url(datasette, reading.query.replace(written, c, 1))}
                for c in cands
            ],
        })
    return parts, successors, choices, names


def _json_row(datasette, row, reading):
    out = {k: row[k] for k in (
        "id", "measure", "measure_label", "value", "value_max", "unit", "qualifier", "value_text", "body",
        "body_code", "period", "date", "sentence", "subject", "figure", "document_title", "kind", "url")}
    out["successor_of"] = reading.successors.get(row["body_code"])
    out["fact_url"] = datasette.urls.row(DB, "facts", tilde_encode(row["id"]))
    return out


CSV_COLUMNS = ["id", "council", "body_code", "successor_of", "measure", "measure_label", "value", "value_max", "unit",
               "qualifier", "value_text", "period", "date", "subject", "figure", "sentence", "document_title", "kind", "url", "fact_url"]


async def find_view(datasette, request):
    q = (request.args.get("q") or "").strip()
    fmt = request.url_vars.get("format") or ""
    db = datasette.get_database(DB)

    def work(conn):
        reading, rows, more = find(conn, q)
        return reading, rows, more, _describe(datasette, conn, reading)

    reading, rows, more, (parts, successors, choices, names) = await db.execute_fn(work)
    groups = grouped(reading, rows)
    flat = [r for g in groups for r in g["facts"]]
    if fmt == ".json":
        return Response.json({
            "query": q,
            "understood": reading.as_json(),
            "facts": [_json_row(datasette, r, reading) for r in flat],
            "truncated": more,
        })
    if fmt == ".csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, CSV_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        for r in flat:
            writer.writerow({**_json_row(datasette, r, reading), "council": r["body"]})
        return Response(out.getvalue(), content_type="text/csv; charset=utf-8",
                        headers={"content-disposition": 'attachment; filename="councilfacts-find.csv"'})
    for g in groups:
        g["name"] = names.get(g["code"]) or g["body"] or "No council named"
        g["url"] = _council_url(datasette, g["code"] or g["body"]) if (g["code"] or g["body"]) else None
        g["successor_of_name"] = names.get(g["successor_of"], g["successor_of"]) if g["successor_of"] else None
        for r in g["facts"]:
            r["fact_url"] = datasette.urls.row(DB, "facts", tilde_encode(r["id"]))
            r["marked"] = fact_page.highlight(r["sentence"], r["sentence_start"], r["figure_start"], r["figure_end"], r["figure"])
            r["source_href"] = fact_page.safe_link(r["url"])
    context = {
        "q": q,
        "reading": reading,
        "parts": parts,
        "successors": successors,
        "choices": choices,
        "groups": groups,
        "count": len(flat),
        "more": more,
        "plain": q and not reading.recognised,
        "json_url": _find_url(datasette, q, ".json"),
        "csv_url": _find_url(datasette, q, ".csv"),
    }
    return Response.html(await datasette.render_template("find.html", context, request=request))


@hookimpl
def register_routes():
    return [(r"^/find(?P<format>\.json|\.csv)?$", find_view)]
