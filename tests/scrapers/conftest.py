"""Spider test helpers: saved responses from tests/files, a small site served on 127.0.0.1,
and crawls run as `python -m councilfacts.crawl` (Twisted's reactor starts once a process).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from scrapy.http import HtmlResponse, Request, Response, XmlResponse
from scrapy.utils.test import get_crawler

FILES = Path(__file__).parents[1] / "files"
REALWORLD = Path(__file__).resolve().parents[2] / ".." / "shared" / "realworld"


def realworld(*parts: str) -> Path:
    path = REALWORLD.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"real-world fixture {path} is absent (../shared/realworld beside the checkout)")
    return path


def file_response(path: Path | str, url: str, cls=None, **cb_kwargs) -> Response:
    """A response built from a saved file, as if fetched from `url`."""
    path = Path(path)
    body = path.read_bytes()
    if cls is None:
        cls = XmlResponse if path.suffix == ".xml" else HtmlResponse
    return cls(url=url, body=body, request=Request(url, cb_kwargs=cb_kwargs), encoding="utf-8")


def make_spider(cls, tmp_path: Path, today: str = "2026-11-20", **source):
    source.setdefault("name", "test-source")
    crawler = get_crawler(cls, {"COUNCILFACTS_DB": str(tmp_path / "test.db")})
    crawler.stats.open_spider = getattr(crawler.stats, "open_spider", None)
    spider = cls.from_crawler(crawler, source=source, today=today)
    crawler.spider = spider
    return spider


# --------------------------------------------------------------------------- PDFs

def text_pdf(pages: list[str]) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("helvetica", size=11)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 6, text)
    return bytes(pdf.output())


def scanned_pdf(n: int = 2) -> bytes:
    """Pages with marks on them but no text layer, like a scan."""
    from fpdf import FPDF

    pdf = FPDF()
    for _ in range(n):
        pdf.add_page()
        for i in range(20):
            pdf.rect(20, 20 + i * 10, 150, 6, style="F")
    return bytes(pdf.output())


def docx(paragraphs: list[str]) -> bytes:
    """A minimal Word file."""
    import io
    import zipfile
    from xml.sax.saxutils import escape

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = "".join(f"<w:p><w:r><w:t>{escape(p)}</w:t></w:r></w:p>" for p in paragraphs)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("word/document.xml", f'<?xml version="1.0"?><w:document xmlns:w="{w}"><w:body>{body}</w:body></w:document>')
    return buf.getvalue()


def xlsx_like() -> bytes:
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    return buf.getvalue()


# --------------------------------------------------------------------------- local site

class Handler(SimpleHTTPRequestHandler):
    """Files under the site root; ModernGov's query URLs mapped to files; a request log."""

    def log_message(self, *args):  # quiet
        pass

    def log_request(self, code="-", size="-"):
        self.server.log.append((self.command, self.path, int(code) if str(code).isdigit() else code))
        self.server.agents.add(self.headers.get("User-Agent"))

    def _mapped(self) -> str:
        parts = urlsplit(self.path)
        q = {k.lower(): v[0] for k, v in parse_qs(parts.query).items()}
        path = parts.path
        m = re.match(r"^/(moderngov2?)/(.+)$", path)
        if m:
            council, rest = m.groups()
            if rest.startswith("mgWebService.asmx/"):
                op = rest.split("/", 1)[1]
                key = {"GetMeetings": q.get("lcommitteeid"), "GetMeeting": q.get("lmeetingid")}.get(op)
                return f"/{council}/ws/{op}{'_' + key if key else ''}.xml"
            if rest == "ieListMeetings.aspx":
                return f"/{council}/ieListMeetings_{q.get('committeeid') or q.get('cid')}.html"
            if rest == "ieListDocuments.aspx":
                return f"/{council}/ieListDocuments_{q.get('cid')}_{q.get('mid')}.html"
            if rest == "mgListCommittees.aspx":
                return f"/{council}/mgListCommittees.html"
            if rest == "mgConvert2PDF.aspx":
                return f"/{council}/convert/{q.get('id')}.pdf"
        if re.search(r"/cmis/", path):
            # CMIS: the list view is a query on the meetings page; papers are Document.ashx?<id>
            if q.get("ctl") == "MeetingCalendarListView":
                return f"{path}.listview.html"
            if path.lower().endswith("/document.ashx"):
                return f"{path.rsplit('/', 1)[0]}/docs/{re.sub(r'[^A-Za-z0-9]+', '_', parts.query)}.pdf"
        return path

    def do_GET(self):
        self.path = self._mapped()
        if "/flaky/" in self.path and self.path not in self.server.failed_once:
            # Fails once with 503 and Retry-After, as an overloaded council server does.
            self.server.failed_once.add(self.path)
            self.send_response(503)
            self.send_header("Retry-After", "0")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        super().do_GET()

    def guess_type(self, path):
        path = str(path)
        if "/ofsted/files/" in path:
            return "application/pdf"  # whatever it holds, as Ofsted declares
        if "/ofsted/provider/" in path:
            return "text/html; charset=utf-8"
        if path.endswith(".aspx"):
            return "text/html; charset=utf-8"
        return super().guess_type(path)


class LocalSite:
    def __init__(self, root: Path):
        self.root = root
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Handler, directory=str(root)))
        self.server.log = []
        self.server.failed_once = set()
        self.server.slow = 0.4
        self.server.agents = set()
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def write(self, rel: str, content: str | bytes, age: float = 5.0) -> Path:
        """Write a file (`{base}` replaced); its mtime `age` seconds ago (drives HTTP freshness)."""
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            content = content.replace("{base}", self.base).encode("utf-8")
        path.write_bytes(content)
        then = time.time() - age
        os.utime(path, (then, then))
        return path

    @property
    def log(self) -> list[tuple[str, str, int]]:
        return list(self.server.log)

    def clear(self) -> None:
        self.server.log.clear()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def site(tmp_path):
    root = tmp_path / "site"
    root.mkdir()
    s = LocalSite(root)
    s.write("robots.txt", "User-agent: *\nDisallow: /private/\n")
    yield s
    s.close()


def crawl_argv(tmp_path: Path, sources: list[dict], names: list[str] | None = None, **settings) -> list[str]:
    sources_file = tmp_path / "sources.yml"
    sources_file.write_text(yaml.safe_dump({"sources": sources}))
    argv = [sys.executable, "-m", "councilfacts.crawl", "--db", str(tmp_path / "cf.db"), "--sources-file", str(sources_file)]
    for name in names or [s["name"] for s in sources]:
        argv += ["--source", name]
    settings.setdefault("COUNCILFACTS_TODAY", "2026-11-20")
    settings.setdefault("LOG_LEVEL", "WARNING")
    for key, value in settings.items():
        argv += ["--set", f"{key}={json.dumps(value)}"]
    return argv


def run_crawl(tmp_path: Path, sources: list[dict], names: list[str] | None = None, timeout: int = 90, **settings) -> dict:
    """Crawl in a child process, as councilfacts.crawl does after its first in-process run."""
    argv = crawl_argv(tmp_path, sources, names, **settings)
    done = subprocess.run(argv, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture
def crawl(tmp_path):
    return partial(run_crawl, tmp_path)


@pytest.fixture
def db(tmp_path):
    from councilfacts import db as store

    return lambda: store.connect(tmp_path / "cf.db")
