"""Link ids to their pages wherever they appear: `fact` to the fact page, `document` to the document page."""

from datasette import hookimpl
from datasette.utils import tilde_encode
from markupsafe import Markup

TARGETS = {"fact": "facts", "document": "documents"}


@hookimpl
def render_cell(value, column, table, database, datasette):
    target = TARGETS.get(column)
    if target is None or not isinstance(value, str) or not value:
        return None
    if table not in (None, "facts_view", "documents_view", "council_measures"):
        return None
    href = datasette.urls.row(database, target, tilde_encode(value))
    return Markup('<a href="{}">{}</a>').format(href, value)
