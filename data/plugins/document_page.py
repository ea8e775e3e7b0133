"""The document page (/councilfacts/documents/<id>): what it is, where it came from, its figures.

Adds `document_page` to the context of row-councilfacts-documents.html. The text and
sentences are source content: they reach the page only through Jinja's autoescaping.
"""

import json
from urllib.parse import urlencode, urlparse

from datasette import hookimpl
from markupsafe import Markup, escape

DOCUMENT = """
select d.id, d.title, d.kind, d.source, d.spider, d.url, coalesce(d.canonical_url, d.url) as source_url,
  d.published, d.updated, d.author, d.section, d.council, d.council_code, d.committee, d.meeting_date,
  d.item_title, d.fetched_at, d.content_type, d.n_pages, d.page_starts, d.text_status, d.text,
  d.extracted_at, d.extractor_version,
  (select count(*) from document_raw r where r.document_id = d.id) as has_raw
from documents d where d.id = :id
"""

FACTS = """
select f.id, f.page, coalesce(m.label, f.measure) as measure_label, f.measure, v.value_text,
  f.figure, f.subject, f.body, f.period, f.sentence, f.sentence_start, f.figure_start, f.figure_end
from facts f
left join measures m on m.id = f.measure
left join facts_view v on v.fact = f.id
where f.document_id = :id
order by f.figure_start
"""


def marked(fact):
    """The sentence with this figure in <mark>, each part escaped (as on the fact page)."""
    sentence = fact["sentence"] or ""
    try:
        a, b = fact["figure_start"] - fact["sentence_start"], fact["figure_end"] - fact["sentence_start"]
    except TypeError:
        return escape(sentence)
    if not (0 <= a <= b <= len(sentence)) or sentence[a:b] != fact["figure"]:
        return escape(sentence)
    return Markup("{}<mark>{}</mark>{}").format(sentence[:a], sentence[a:b], sentence[b:])


def _page_count(row):
    if row.get("n_pages"):
        return row["n_pages"]
    try:
        return len(json.loads(row.get("page_starts") or "[]")) or None
    except ValueError:
        return None


@hookimpl
def extra_template_vars(template, database, table, view_name, request, datasette):
    if view_name != "row" or table != "documents" or request is None:
        return None

    async def inner():
        from datasette.utils import tilde_decode, tilde_encode

        doc_id = tilde_decode(request.url_vars.get("pks") or "")
        db = datasette.get_database(database)
        rows = (await db.execute(DOCUMENT, {"id": doc_id})).rows
        if not rows:
            return {}
        row = dict(rows[0])
        facts = [dict(r) for r in (await db.execute(FACTS, {"id": doc_id})).rows]
        for fact in facts:
            fact["marked"] = marked(fact)
        url = row["source_url"]
        return {
            "document_page": {
                "row": row,
                "date": row["published"] or row["meeting_date"] or (row["fetched_at"] or "")[:10],
                "pages": _page_count(row),
                "source_href": url if url and urlparse(url).scheme in ("http", "https") else None,
                "raw_url": datasette.urls.path("/-/stored/" + tilde_encode(doc_id)) if row["has_raw"] else None,  # stored_copy.py
                "facts": facts,
                "fact_urls": {f["id"]: datasette.urls.row(database, "facts", f["id"]) for f in facts},
                "figures_url": datasette.urls.query(database, "document_figures") + "?" + urlencode({"document_id": doc_id}),
                "figures_csv": datasette.urls.query(database, "document_figures", format="csv")
                + "?"
                + urlencode({"document_id": doc_id, "_size": "max"}),
            }
        }

    return inner
