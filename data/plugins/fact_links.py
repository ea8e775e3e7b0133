"""Link ids and councils to their pages wherever views and canned queries show them.

`fact` -> the fact page, `document`/`document_id` -> the document page, `body` -> the
council page. Tables already link their foreign keys, so only views and queries are touched.
"""

from datasette import hookimpl
from datasette.utils import tilde_encode
from markupsafe import Markup

ROWS = {"fact": "facts", "document": "documents", "document_id": "documents"}
VIEWS = (None, "facts_view", "documents_view", "council_measures")


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    if table not in VIEWS or not isinstance(value, str) or not value:
        return None
    if column in ROWS:
        href = datasette.urls.row(database, ROWS[column], tilde_encode(value))
    elif column == "body":
        code = row["body_code"] if "body_code" in row.keys() else None
        href = datasette.urls.path("/council/" + tilde_encode(code or value))
    else:
        return None
    return Markup('<a href="{}">{}</a>').format(href, value)
