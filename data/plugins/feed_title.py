"""A readable title for every feed: "Essex County Council: Job cuts — councilfacts".

datasette-atom titles a feed with `_feed_title` when the URL has it, else with the canned
query's `title` (one title for every council's feed), else with the whole SQL. The feed
query has no title, so that a feed's title can name its council and measure; this fills
`_feed_title` in from `council` and `measure` when the URL leaves it out, so the short
URL people copy (/councilfacts/feed.atom?council=Essex&measure=job_cuts) reads well in a
feed reader. A `_feed_title` given in the URL is kept.
"""

from urllib.parse import parse_qs, urlencode

from datasette import hookimpl

DB = "councilfacts"
PATH = f"/{DB}/feed.atom"

COUNCIL = """
select coalesce(
  (select body from facts
   where body is not null and (body = :c or body_code = :c or body_code = council_code(:c))
   group by body order by count(*) desc limit 1),
  (select name from bodies where code = council_code(:c))
) as name
"""
MEASURE = "select label from measures where id = :m"


async def feed_title(datasette, council: str, measure: str) -> str:
    db = datasette.get_database(DB)
    name = label = None
    if council:
        rows = (await db.execute(COUNCIL, {"c": council})).rows
        name = (rows[0]["name"] if rows else None) or council
    if measure:
        try:
            rows = (await db.execute(MEASURE, {"m": measure})).rows
        except Exception:  # noqa: BLE001 - no measures table: the id is the label
            rows = []
        label = (rows[0]["label"] if rows else None) or measure
    if name and label:
        return f"{name}: {label} — councilfacts"
    if name:
        return f"{name}: new figures — councilfacts"
    if label:
        return f"{label}, all councils — councilfacts"
    return "New figures about UK councils — councilfacts"


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def titled(scope, receive, send):
            if scope["type"] == "http" and scope.get("path") == PATH:
                args = parse_qs(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
                if not (args.get("_feed_title") or [""])[0]:
                    title = await feed_title(datasette, (args.get("council") or [""])[0], (args.get("measure") or [""])[0])
                    query = scope.get("query_string", b"").decode("latin-1")
                    query = "&".join(p for p in query.split("&") if p and not p.startswith("_feed_title="))
                    query = (query + "&" if query else "") + urlencode({"_feed_title": title})
                    scope = {**scope, "query_string": query.encode("latin-1")}
            await app(scope, receive, send)

        return titled

    return wrap
