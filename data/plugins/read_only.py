"""The site only reads: any request other than GET/HEAD/OPTIONS gets 405, before Datasette sees it.

The database is opened immutable and no canned query writes, so nothing could change
anyway; this also spares Datasette's POST handlers (one answers a POST to a read-only
canned query with a 500).
"""

from datasette import hookimpl

ALLOWED = {"GET", "HEAD", "OPTIONS"}


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def read_only(scope, receive, send):
            if scope["type"] == "http" and scope.get("method", "GET").upper() not in ALLOWED:
                await send(
                    {
                        "type": "http.response.start",
                        "status": 405,
                        "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"allow", b"GET, HEAD, OPTIONS")],
                    }
                )
                await send({"type": "http.response.body", "body": b"This site is read-only.\n"})
                return
            await app(scope, receive, send)

        return read_only

    return wrap
