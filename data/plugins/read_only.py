"""The site only reads: any request other than GET/HEAD/OPTIONS gets 405, before Datasette sees it.

`councilfacts serve` opens the live file mutable (so a run writing to it is seen at once)
and published copies are immutable; either way Datasette queries through read-only
connections (`mode=ro` / `immutable=1`), no canned query writes and Datasette 0.65 has no
write API. Refusing other methods here closes the last doors: a plugin's POST handler, a
write canned query added later. It also spares Datasette's POST handlers (one answers a
POST to a read-only canned query with a 500).
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
