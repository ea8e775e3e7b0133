"""The fact page (/councilfacts/facts/<id>): the sentence with the figure marked, and where it came from.

Adds `fact_page` to the context of row-councilfacts-facts.html. The sentence comes from
documents that strangers wrote, so it is escaped in three parts (before, figure, after)
and only the <mark> we add is markup; nothing from a source is ever passed as HTML.
"""

from urllib.parse import urlencode, urlparse

from datasette import hookimpl
from markupsafe import Markup, escape

QUERY = """
select f.*, coalesce(m.label, f.measure) as measure_label, v.value_text, v.date,
  d.title as document_title, d.kind, d.published, d.meeting_date, d.fetched_at,
  d.url as fetched_url, coalesce(d.canonical_url, d.url) as source_url, d.content_type,
  d.n_pages, d.council as document_council, d.committee,
  (select count(*) from document_raw r where r.document_id = d.id) as has_raw,
  (select count(*) from facts o where o.document_id = d.id) as document_facts
from facts f
join documents d on d.id = f.document_id
left join measures m on m.id = f.measure
left join facts_view v on v.fact = f.id
where f.id = :id
"""


def highlight(sentence, sentence_start, figure_start, figure_end, figure=None):
    """The sentence as HTML with the figure wrapped in <mark>; every part escaped."""
    sentence = sentence or ""
    a = b = None
    if None not in (sentence_start, figure_start, figure_end):
        a, b = figure_start - sentence_start, figure_end - sentence_start
        if not (0 <= a <= b <= len(sentence)) or (figure is not None and sentence[a:b] != figure):
            a = b = None
    if a is None and figure:
        found = sentence.find(figure)
        if found >= 0:
            a, b = found, found + len(figure)
    if a is None:
        return escape(sentence)
    return Markup("{}<mark>{}</mark>{}").format(sentence[:a], sentence[a:b], sentence[b:])


def safe_link(url):
    """A URL fit for an href: only web addresses; anything else is shown as text."""
    if url and urlparse(str(url)).scheme in ("http", "https"):
        return url
    return None


@hookimpl
def extra_template_vars(template, database, table, view_name, request, datasette):
    if view_name != "row" or table != "facts" or request is None:
        return None

    async def inner():
        pks = request.url_vars.get("pks")
        if not pks:
            return {}
        from datasette.utils import tilde_decode, tilde_encode

        fact_id = tilde_decode(pks)
        db = datasette.get_database(database)
        rows = (await db.execute(QUERY, {"id": fact_id})).rows
        if not rows:
            return {}
        row = dict(rows[0])
        feed_args = {"council": row["body"] or ""}
        return {
            "fact_page": {
                "row": row,
                "marked_sentence": highlight(
                    row["sentence"], row["sentence_start"], row["figure_start"], row["figure_end"], row["figure"]
                ),
                "document_date": row["published"] or row["meeting_date"] or (row["fetched_at"] or "")[:10],
                "source_href": safe_link(row["source_url"]),
                "document_url": datasette.urls.row(database, "documents", row["document_id"]),
                "raw_url": datasette.urls.path("/-/stored/" + tilde_encode(row["document_id"]))  # stored_copy.py
                if row["has_raw"]
                else None,
                "figures_url": datasette.urls.query(database, "document_figures")
                + "?"
                + urlencode({"document_id": row["document_id"]}),
                "timeline_url": datasette.urls.query(database, "council_timeline")
                + "?"
                + urlencode({"council": row["body"] or "", "measure": row["measure"]}),
                "council_url": datasette.urls.path("/council/" + tilde_encode(row["body_code"] or row["body"] or ""))
                if (row["body_code"] or row["body"])
                else None,
                "feed_url": datasette.urls.query(database, "feed", format="atom")
                + "?"
                + urlencode({**feed_args, "measure": row["measure"]}),  # feed_title.py titles it
            }
        }

    return inner
