"""/-/stored/<document id>: the bytes fetched for a document, as a file with a name and a type.

Datasette's own blob link serves `document_raw-<id>-body.blob` as application/binary. Here
a PDF is served as `<id>.pdf`, application/pdf, shown in the browser; a web page as
`<id>.html` but with type text/plain, so the browser shows its source and never runs it;
and every response carries `X-Content-Type-Options: nosniff` and, except PDFs (the
browser's viewer needs to run), a sandboxing Content-Security-Policy, so even a browser
that ignored the type would run nothing and load nothing.
"""

from datasette import hookimpl
from datasette.utils import tilde_decode
from datasette.utils.asgi import NotFound, Response

DB = "councilfacts"

QUERY = """
select r.body, coalesce(d.content_type, r.content_type) as content_type
from document_raw r left join documents d on d.id = r.document_id
where r.document_id = :id
"""

SANDBOX = "sandbox; default-src 'none'; form-action 'none'; frame-ancestors 'self'"


def describe(body: bytes, content_type: str | None) -> tuple[str, str, bool]:
    """(type to send, file extension, whether to sandbox) for the stored bytes."""
    declared = (content_type or "").split(";")[0].strip().lower()
    if declared == "application/pdf" and body[:1024].lstrip().startswith(b"%PDF"):
        return "application/pdf", "pdf", False
    try:
        body.decode("utf-8")
        charset = "; charset=utf-8"
    except UnicodeDecodeError:
        charset = ""
    if declared in ("text/html", "application/xhtml+xml"):
        return "text/plain" + charset, "html", True
    if declared.startswith("text/") or declared in ("application/xml", "application/json"):
        return "text/plain" + charset, {"text/plain": "txt", "application/json": "json"}.get(declared, "xml" if "xml" in declared else "txt"), True
    return "application/octet-stream", "bin", True


async def stored_copy(datasette, request):
    doc_id = tilde_decode(request.url_vars["doc_id"])
    rows = (await datasette.get_database(DB).execute(QUERY, {"id": doc_id})).rows
    if not rows or rows[0]["body"] is None:
        raise NotFound(f"No stored copy of document {doc_id}")
    body = bytes(rows[0]["body"])
    content_type, extension, sandbox = describe(body, rows[0]["content_type"])
    disposition = "attachment" if extension == "bin" else "inline"
    headers = {
        "content-disposition": f'{disposition}; filename="{doc_id}.{extension}"',
        "x-content-type-options": "nosniff",
        "cache-control": "max-age=300",
    }
    if sandbox:
        headers["content-security-policy"] = SANDBOX
    return Response(body, status=200, headers=headers, content_type=content_type)


@hookimpl
def register_routes():
    return [(r"^/-/stored/(?P<doc_id>[^/]+)$", stored_copy)]
