"""Read fetched bodies and local files into the text facts are read from.

Content decides the reader, never the file extension or the Content-Type header: Ofsted
really serves an HTML "report not found" page where a PDF should be, and councils name
Word files `.pdf`. Every reader returns a dict of `documents` columns; `text` is the text
all fact offsets refer to, and for PDFs `page_starts` says where each page begins in it.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag

from councilfacts import db as store

HTML = "text/html"
PDF = "application/pdf"
TEXT = "text/plain"
XML = "application/xml"
RSS = "application/rss+xml"
ATOM = "application/atom+xml"
GZIP = "application/gzip"
ZIP = "application/zip"  # .xlsx/.pptx and plain zips
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
OLE = "application/x-ole-storage"  # old .doc/.xls
OCTET = "application/octet-stream"

_MAGIC = [
    (b"%PDF-", PDF),
    (b"\x1f\x8b", GZIP),
    (b"PK\x03\x04", ZIP),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", OLE),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF8", "image/gif"),
    (b"{\\rtf", "application/rtf"),
]
_HTML_START = re.compile(rb"^(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|div|p|h1|script|link)\b", re.I | re.S)
_XML_ROOT = re.compile(rb"<(?!\?|!)([A-Za-z_][\w.:-]*)")


class DocumentError(Exception):
    """A body or file that cannot be read into text; the message says why."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def utf16_to_utf8(body: bytes) -> bytes:
    """UTF-16 text (with a BOM, or ASCII with every other byte NUL) as UTF-8; other bytes as they are."""
    head = body[:400]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    elif len(head) >= 40 and head[1::2].count(0) > 0.9 * len(head[1::2]) and head[0::2].count(0) == 0:
        encoding = "utf-16-le"
    elif len(head) >= 40 and head[0::2].count(0) > 0.9 * len(head[0::2]) and head[1::2].count(0) == 0:
        encoding = "utf-16-be"
    else:
        return body
    try:
        return body.decode(encoding).encode("utf-8")
    except UnicodeDecodeError:
        return body


def _binary(head: bytes) -> bool:
    """Mostly control bytes: not text (a stray NUL in a page does not make it binary)."""
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls > max(2, len(head) // 20)


def sniff(body: bytes, declared: str | None = None, url: str = "") -> str:
    """The media type the bytes really are. `declared` and `url` only break ties between text types."""
    body = utf16_to_utf8(body)
    head = body[:2048]
    if not head.strip():
        return "application/x-empty"
    # PDFs may carry junk before the header (the spec allows 1024 bytes).
    if b"%PDF-" in body[:1024]:
        return PDF
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            if kind == ZIP and b"word/document.xml" in body:
                return DOCX  # a Word file: councils publish papers and appendices as .docx
            return kind
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if _HTML_START.match(text):
        return HTML
    if _binary(head[:1024]):
        return OCTET
    if text.startswith(b"<?xml") or text.startswith(b"<"):
        root = _XML_ROOT.search(text)
        name = root.group(1).split(b":")[-1].lower() if root else b""
        if name == b"rss" or name == b"rdf":
            return RSS
        if name == b"feed":
            return ATOM
        if name == b"html":
            return HTML
        if root:
            return XML
    low = head.lower()
    if b"<html" in low or b"<body" in low:
        return HTML
    return TEXT


# ---------------------------------------------------------------------------------------
# HTML


def _jsonld_objects(tree) -> list[dict]:
    out: list[dict] = []
    for node in tree.xpath('//script[@type="application/ld+json"]/text()'):
        try:
            data = json.loads(node)
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                if "@graph" in item:
                    stack.append(item["@graph"])
                out.append(item)
    return out


def _is_article(obj: dict) -> bool:
    types = obj.get("@type")
    types = types if isinstance(types, list) else [types]
    return any(isinstance(t, str) and (t.endswith("Article") or t in ("BlogPosting", "LiveBlogPosting", "Report")) for t in types)


def _names(value: Any) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        return _names(value.get("name"))
    if isinstance(value, list):
        names = [n for n in (_names(v) for v in value) if n]
        return ", ".join(dict.fromkeys(names)) or None
    return None


def iso_date(value: Any) -> str | None:
    """YYYY-MM-DD from ISO timestamps and the usual feed/HTTP date forms, else None."""
    if not value or not isinstance(value, str):
        return None
    value = value.strip()
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
    if m:
        return "-".join(m.groups())
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    m = re.match(r"(\d{1,2})/(\d{1,2})/(\d{4})$", value)  # dd/mm/yyyy, as ModernGov writes
    if m:
        d, mth, y = (int(x) for x in m.groups())
        try:
            return datetime(y, mth, d).date().isoformat()
        except ValueError:
            return None
    for fmt in ("%d %B %Y", "%d %b %Y", "%B %d %Y", "%A %d %B %Y"):
        try:
            return datetime.strptime(re.sub(r"(?<=\d)(st|nd|rd|th)\b|,", "", value).strip(), fmt).date().isoformat()
        except ValueError:
            continue
    import dateparser

    parsed = dateparser.parse(value, settings={"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first"}, languages=["en"])
    return parsed.date().isoformat() if parsed else None


def _meta(tree, *names: str) -> str | None:
    for name in names:
        for attr in ("property", "name", "itemprop"):
            found = tree.xpath(f'//meta[@{attr}="{name}"]/@content')
            if found and found[0].strip():
                return found[0].strip()
    return None


# Sign-up boxes inside article bodies (Reach's "factbox" newsletter promos and the like):
# trafilatura keeps them because they sit among the story's paragraphs.
_LOWER = 'translate(., "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")'
PRUNE = [
    f'//*[contains(@class, "factbox")][.//*[contains(@class, "factbox-header")][contains({_LOWER}, "newsletter") or contains({_LOWER}, "sign up")]]',
    '//*[contains(@class, "newsletter-signup") or contains(@class, "newsletter-box") or contains(@id, "newsletter")]',
]


# trafilatura turns no-break, narrow no-break and thin spaces into plain spaces, and a plain
# space between digits is ambiguous ("cut 1 234 jobs": 1 and 234, or 1234?). Inside a
# number they are carried through the extraction as tokens, then put back.
_GROUP_SPACES = {"\u00a0": "ZqNBSPqZ", "\u202f": "ZqNNBSPqZ", "\u2009": "ZqTHINqZ"}
_ENTITY = {"&nbsp;": "\u00a0", "&#160;": "\u00a0", "&#xa0;": "\u00a0", "&#8239;": "\u202f", "&#x202f;": "\u202f",
           "&thinsp;": "\u2009", "&#8201;": "\u2009", "&#x2009;": "\u2009"}
_IN_NUMBER = re.compile(r"(?<=\d)(\u00a0|\u202f|\u2009|&nbsp;|&#160;|&#xa0;|&#8239;|&#x202f;|&thinsp;|&#8201;|&#x2009;)(?=\d{3}(?!\d))", re.I)
_HINTS = (b"\xc2\xa0", b"\xe2\x80\xaf", b"\xe2\x80\x89", b"&nbsp;", b"&#160;", b"&#xa0;", b"&#8239;", b"&#x202f;", b"&thinsp;", b"&#8201;", b"&#x2009;")


def _protect_group_spaces(body: bytes):
    if not any(h in body for h in _HINTS):
        return body
    from trafilatura.utils import decode_file

    html = decode_file(body)

    def token(m: re.Match) -> str:
        char = _ENTITY.get(m.group(1).lower(), m.group(1))
        return _GROUP_SPACES[char]

    return _IN_NUMBER.sub(token, html)


def _restore_group_spaces(text: str | None) -> str | None:
    if text:
        for char, tok in _GROUP_SPACES.items():
            text = text.replace(tok, char)
    return text


def html_to_document(body: bytes, url: str = "") -> dict[str, Any]:
    """Article text (trafilatura) and metadata: JSON-LD first, then meta tags, then htmldate."""
    import lxml.html
    import trafilatura
    from htmldate import find_date

    if not body.strip():
        raise DocumentError("empty HTML page")
    try:
        tree = lxml.html.fromstring(body)
    except (ValueError, lxml.etree.ParserError) as exc:
        raise DocumentError(f"unreadable HTML: {exc}") from exc
    articles = [o for o in _jsonld_objects(tree) if _is_article(o)]
    ld = articles[0] if articles else {}

    extracted = trafilatura.bare_extraction(
        _protect_group_spaces(body),
        url=url or None,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        prune_xpath=PRUNE,
    )
    ext = extracted.as_dict() if extracted is not None and hasattr(extracted, "as_dict") else (extracted or {})
    text = (_restore_group_spaces(ext.get("text")) or "").strip()

    canonical = tree.xpath('//link[@rel="canonical"]/@href') or tree.xpath('//meta[@property="og:url"]/@content')
    canonical_url = canonical[0].strip() if canonical and canonical[0].strip().startswith("http") else url
    html_title = tree.xpath("//title/text()")
    title = (
        (ld.get("headline") if isinstance(ld.get("headline"), str) else None)
        or _meta(tree, "og:title", "twitter:title")
        or ext.get("title")
        or (html_title[0].strip() if html_title else None)
    )
    published = iso_date(ld.get("datePublished")) or iso_date(
        _meta(tree, "article:published_time", "datePublished", "pubdate", "publish-date", "date", "dc.date", "DC.date.issued")
    )
    updated = iso_date(ld.get("dateModified")) or iso_date(_meta(tree, "article:modified_time", "og:updated_time", "dateModified"))
    if not published:
        try:
            published = find_date(body.decode("utf-8", "replace"), url=url or None, original_date=True, extensive_search=True)
        except Exception:  # noqa: BLE001 - htmldate is a best guess, never a failure
            published = None
        published = published or ext.get("date")
    if not updated:
        try:
            updated = find_date(body.decode("utf-8", "replace"), url=url or None, original_date=False, extensive_search=False)
        except Exception:  # noqa: BLE001
            updated = None
        if updated == published:
            updated = None
    author = _names(ld.get("author")) or _meta(tree, "author", "article:author", "byl") or ext.get("author")
    section = ld.get("articleSection")
    if isinstance(section, list):
        section = ", ".join(s for s in section if isinstance(s, str)) or None
    section = section or _meta(tree, "article:section") or (", ".join(ext.get("categories") or []) or None)
    return {
        "text": text,
        "title": title,
        "published": published,
        "updated": updated,
        "author": author,
        "section": section,
        "canonical_url": urldefrag(canonical_url)[0] if canonical_url else canonical_url,
        "text_status": "ok" if text else "empty",
    }


# ---------------------------------------------------------------------------------------
# PDF

_BULLET = re.compile(r"^\s*(?:[•◼▪■●○◦·‣∙\uf0b7\uf0a7\uf0d8\uf076\-–—*]|\(?\d{1,3}[.)]|\(?[a-z]{1,3}\)|\d{1,3}\.\d)\s")
_TERMINAL = re.compile(r"[.!?:;]['’\"”)]*$")


_SPACE_IN_NUMBER = re.compile(r"(?<=\d)[\u00a0\u202f\u2009](?=\d{3}(?!\d))")


def _clean_line(line: str) -> str:
    """pdfium writes U+FFFE for a hyphen it took for a soft one ("care\ufffeexperienced"): a hyphen.
    No-break spaces become plain spaces except inside a number ("1\u00a0234" stays one number)."""
    line = line.replace("\x00", "").replace("\ufffe", "-")
    line = _SPACE_IN_NUMBER.sub(lambda m: "\u0000" + m.group(0), line)
    line = re.sub(r"(?<!\u0000)[\u00a0\u202f\u2009]", " ", line).replace("\u0000", "")
    return line.rstrip()


def rejoin_lines(page: str) -> str:
    """Undo hard wrapping: lines of one paragraph become one line; headings and list items stay apart.

    A line is joined to the next when it runs (nearly) the full width of the page's text,
    or when the next line starts in lower case after a line that does not end a sentence.
    A word broken at the line end with a hyphen is closed up ("care-" + "experienced").
    """
    lines = [_clean_line(x) for x in page.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lengths = sorted(len(x) for x in lines if x.strip())
    if not lengths:
        return ""
    width = lengths[int(0.8 * (len(lengths) - 1))]
    out: list[str] = []
    last = ""  # the previous physical line: width is judged on it, not on the joined paragraph
    for line in lines:
        if not line.strip():
            if out and out[-1] != "":
                out.append("")
            last = ""
            continue
        stripped = line.lstrip()
        if out and out[-1] and last and not _BULLET.match(line):
            prev = out[-1]
            long_prev = len(last) >= 0.75 * width and width >= 40
            continues = stripped[:1].islower() and not _TERMINAL.search(last)
            if long_prev or continues:
                if prev.endswith("\x02"):  # pdfium marks a soft hyphen at a line break
                    out[-1] = prev[:-1] + stripped
                elif prev.endswith("-") and len(prev) > 1 and prev[-2].isalpha() and stripped[:1].islower():
                    out[-1] = prev + stripped
                else:
                    out[-1] = prev + " " + stripped
                last = line
                continue
        out.append(line)
        last = line
    text = "\n".join(out).replace("\x02", "-").strip("\n")
    return re.sub(r"\n{3,}", "\n\n", text)


def pdf_to_document(body: bytes) -> dict[str, Any]:
    """Text of every page (pypdfium2), pages separated by a blank line, with where each starts."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(body)
    except pdfium.PdfiumError as exc:
        raise DocumentError(f"unreadable PDF: {exc}") from exc
    try:
        n_pages = len(pdf)
        pages = []
        for i in range(n_pages):
            page = pdf[i]
            textpage = page.get_textpage()
            try:
                pages.append(rejoin_lines(textpage.get_text_range()))
            finally:
                textpage.close()
                page.close()
    finally:
        pdf.close()
    text, starts = "", []
    for i, page_text in enumerate(pages):
        if i:
            text += "\n\n"
        starts.append(len(text))
        text += page_text
    chars = sum(len(p.strip()) for p in pages)
    if n_pages == 0:
        status = "empty"
    elif chars < 20 * n_pages and all(len(p.strip()) < 20 for p in pages):
        # Pages but (almost) no characters: a scan or photographs of paper, no text layer.
        status = "no_text_layer"
        text, starts = "", [0] * n_pages
    else:
        status = "ok"
    return {"text": text, "page_starts": starts, "n_pages": n_pages, "text_status": status}


# ---------------------------------------------------------------------------------------
# Word (.docx)

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DOCX_MAX_XML = 64 * 1024 * 1024  # unpacked document.xml larger than this is refused (zip bombs)


def docx_to_document(body: bytes) -> dict[str, Any]:
    """Paragraph text of a Word file, one paragraph (or table cell paragraph) a line."""
    import io
    import zipfile

    from lxml import etree

    try:
        with zipfile.ZipFile(io.BytesIO(body)) as z:
            info = z.getinfo("word/document.xml")
            if info.file_size > DOCX_MAX_XML:
                raise DocumentError(f"Word file too large when unpacked ({info.file_size} bytes)")
            xml = z.read(info)
    except (zipfile.BadZipFile, KeyError, OSError) as exc:
        raise DocumentError(f"unreadable Word file: {exc}") from exc
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    try:
        root = etree.fromstring(xml, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise DocumentError(f"unreadable Word file: {exc}") from exc
    lines = []
    for para in root.iter(f"{_W}p"):
        parts = []
        for node in para.iter(f"{_W}t", f"{_W}tab", f"{_W}br"):
            if node.tag == f"{_W}t":
                parts.append(node.text or "")
            elif node.tag == f"{_W}tab":
                parts.append("\t")
            else:
                parts.append("\n")
        line = "".join(parts).strip()
        if line:
            lines.append(line)
    text = "\n".join(lines)
    return {"text": text, "text_status": "ok" if text else "empty"}


# ---------------------------------------------------------------------------------------
# Bodies and files


def decode_text(body: bytes, declared: str | None = None) -> str:
    charset = None
    if declared and "charset=" in declared:
        charset = declared.split("charset=")[-1].split(";")[0].strip()
    for enc in filter(None, (charset, "utf-8-sig", "cp1252")):
        try:
            return body.decode(enc)
        except (LookupError, UnicodeDecodeError):
            continue
    return body.decode("utf-8", "replace")


def body_to_document(body: bytes, url: str = "", declared: str | None = None) -> dict[str, Any]:
    """Read a fetched body by what it is; unreadable types raise DocumentError naming the type."""
    kind = sniff(body, declared, url)
    if kind in (HTML, TEXT):
        body = utf16_to_utf8(body).replace(b"\x00", b"")  # NULs are never text
    if kind == PDF:
        doc = pdf_to_document(body)
    elif kind == HTML:
        doc = html_to_document(body, url)
    elif kind == DOCX:
        doc = docx_to_document(body)
    elif kind == TEXT:
        text = decode_text(body, declared).replace("\r\n", "\n").strip()
        doc = {"text": text, "text_status": "ok" if text else "empty"}
    elif kind == "application/x-empty":
        raise DocumentError("empty body")
    else:
        raise DocumentError(f"cannot read {kind} (declared {declared or 'nothing'})")
    doc["content_type"] = kind
    return doc


_COMMITTEE = re.compile(r"\b(agenda item|report to|report of|cabinet|committee|scrutiny|council meeting|decision notice)\b", re.I)
_OFSTED = re.compile(
    r"\binspection of\b.{0,120}?\b(children['’]s (?:social care )?services|looked after children services|local authority children|services for children)|\bofsted\b.{0,400}?\b(monitoring|focused) visit\b",
    re.I | re.S,
)


def _kind_of(path: Path, content_type: str, text: str) -> str | None:
    """A local file's kind, guessed from its first lines (spiders know it; files do not)."""
    if content_type == HTML:
        return "news"
    if content_type == DOCX:
        return "committee_paper"
    if content_type == PDF:
        head = text[:1500]
        if _COMMITTEE.search(head[:600]):
            return "committee_paper"
        if _OFSTED.search(head):
            return "ofsted_report"
        return "committee_paper"
    return None


def read_path(path: str | Path) -> dict[str, Any]:
    """A documents row for a local .txt, .html or .pdf file (read by content, not by name)."""
    path = Path(path)
    try:
        body = path.read_bytes()
    except FileNotFoundError:
        raise DocumentError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise DocumentError(f"{path}: is a directory") from None
    except OSError as exc:
        raise DocumentError(f"{path}: cannot read ({exc.strerror})") from exc
    url = path.resolve().as_uri()
    found = sniff(body, None, url)
    if not body.strip():
        raise DocumentError(f"{path}: empty file")
    if path.suffix.lower() == ".pdf" and found != PDF:
        # Ofsted serves a "report not found" HTML page where a report should be; saved
        # under the report's name it is still not a report.
        what = "an HTML page" if found == HTML else found
        title = re.search(rb"<title[^>]*>(.*?)</title>", body[:20000], re.I | re.S) if found == HTML else None
        named = f" titled {title.group(1).decode('utf-8', 'replace').strip()!r}" if title else ""
        raise DocumentError(f"{path}: named .pdf but is {what}{named}, not a PDF")
    try:
        doc = body_to_document(body, url)
    except DocumentError as exc:
        raise DocumentError(f"{path}: {exc.reason}") from None
    if doc.get("content_type") == HTML and doc.get("canonical_url") and not doc["canonical_url"].startswith("http"):
        doc["canonical_url"] = url
    canonical = url if doc.get("content_type") != HTML else (doc.get("canonical_url") or url)
    doc.update(
        {
            "id": store.document_id(url),
            "url": url,
            "canonical_url": canonical,
            "spider": "file",
            "kind": _kind_of(path, doc["content_type"], doc.get("text") or ""),
            "title": doc.get("title") or path.stem,
            "fetched_at": datetime.fromtimestamp(path.stat().st_mtime, timezone.utc).replace(microsecond=0).isoformat(),
            "content_hash": store.content_hash(body),
        }
    )
    return doc
