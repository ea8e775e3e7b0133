"""Fold Datasette's list of column descriptions into a "What each column means" box.

Table pages list every column's description above the rows; on facts_view that is 27
entries before the first figure. Folded, the rows come first and the data dictionary is
one click away (and complete at /dictionary). Without JavaScript the list stays as it is.
"""

from datasette import hookimpl

SCRIPT = """
document.querySelectorAll('dl.column-descriptions').forEach(function (dl) {
  var box = document.createElement('details');
  box.className = 'column-help';
  var summary = document.createElement('summary');
  summary.textContent = 'What each column means';
  box.appendChild(summary);
  dl.parentNode.insertBefore(box, dl);
  box.appendChild(dl);
});
"""


@hookimpl
def extra_body_script(view_name):
    if view_name == "table":
        return SCRIPT
    return None
