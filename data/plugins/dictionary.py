"""/dictionary: the data dictionary — every table, view and column with its description and unit."""

from datasette import hookimpl
from datasette.utils.asgi import Response

DB = "councilfacts"
FIRST = ["facts_view", "facts", "documents", "documents_view", "bodies", "measures", "council_measures"]


async def dictionary(datasette, request):
    db = datasette.get_database(DB)
    tables_meta = (datasette.metadata("tables", database=DB) or {})
    names = await db.table_names()
    hidden = set(await db.hidden_table_names())
    views = await db.view_names()
    tables = []
    shown = [n for n in names if n not in hidden] + list(views)
    shown.sort(key=lambda n: (FIRST.index(n) if n in FIRST else len(FIRST), n))
    for name in shown:
        meta = tables_meta.get(name, {})
        described = meta.get("columns", {})
        units = meta.get("units", {})
        columns = [
            {"name": c, "description": described.get(c, ""), "unit": units.get(c, "")}
            for c in await db.table_columns(name)
        ]
        tables.append(
            {
                "name": name,
                "kind": "view" if name in views else "table",
                "url": datasette.urls.table(DB, name),
                "description": meta.get("description", ""),
                "source": meta.get("source"),
                "license": meta.get("license"),
                "columns": columns,
            }
        )
    return Response.html(await datasette.render_template("dictionary.html", {"tables": tables}, request=request))


@hookimpl
def register_routes():
    return [(r"^/dictionary$", dictionary)]
