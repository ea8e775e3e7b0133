"""Hostile inputs, made on demand instead of committed as binaries.

    python tests/files/bad/make_bad.py OUT_DIR     # writes every file into OUT_DIR

Each input says what a robust pipeline must do with it:

- "fail":    unreadable; one clear error naming the document and the reason, the run goes on;
- "read":    readable despite its hostility; the figures listed in `facts` are read from it;
- "survive": either outcome is acceptable (read, or one clear error), never a crash.

The same bodies are served over HTTP by the hostile site in tests/reliability, so the
file reader and the crawler are tried on the same bytes.
"""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass, field
from pathlib import Path

GOOD_SENTENCE = "Northamptonshire County Council will cut 64 jobs in its children's services department."
MONEY_SENTENCE = "Northamptonshire County Council will cut £5m from its children's services budget."


@dataclass
class Bad:
    name: str  # file name (stems are unique: the CLI's --jsonl keys lines by stem)
    body: bytes
    expect: str  # fail | read | survive
    why: str  # what is hostile about it
    facts: list[tuple[str, float]] = field(default_factory=list)  # (measure, value) that must be read
    content_type: str | None = None  # what the hostile web server declares (None: a plausible one)
    forbidden_values: list[float] = field(default_factory=list)  # values that must never be read
    reason: str = ""  # regex the recorded reason must match (case-insensitive), for "fail"

    @property
    def stem(self) -> str:
        return Path(self.name).stem


# --------------------------------------------------------------------------- HTML


def article(body_html: str, title: str = "Council cuts (TEST)", head: str = '<meta charset="utf-8">') -> str:
    return (
        f"<!DOCTYPE html><html><head>{head}<title>{title}</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>{title}</h1>{body_html}</article>"
        "<footer>Test fixture, not news.</footer></body></html>"
    )


def paragraphs(*sentences: str) -> str:
    filler = (
        "Councillors met on Tuesday evening to discuss the proposals, which were published last week "
        "after months of consultation with staff, unions and families who use the service."
    )
    return "".join(f"<p>{s} {filler}</p>" for s in sentences)


def html_docs() -> list[Bad]:
    good = article(paragraphs(GOOD_SENTENCE, "The decision follows a review of the service."))
    malformed = (
        "<html><head><title>Malformed <b>title</title></head><body><div><table><tr><td>"
        f"<p>{GOOD_SENTENCE}<p>Unclosed <b>bold <i>italic</div></span></table></td> more text "
        "<p>Councillors met on Tuesday evening to discuss the proposals, which were published last week."
        "<<<>>> </p></p></p><p attr=\"unterminated>Another paragraph & stray ampersand &#xZZ; &bogus;"
    )
    truncated = article(paragraphs(GOOD_SENTENCE, "Officials said further details would follow."))
    truncated = truncated[: truncated.index("Officials said") + 20] + "<a hre"
    script = article(
        paragraphs(GOOD_SENTENCE)
        + "<script>window.__pwned = 1; alert('xss')</script>"
        + "<img src=x onerror=\"window.__pwned=1\"><p onmouseover=\"window.__pwned=1\">Hover me.</p>"
    )
    deep = "<html><body>" + "<div>" * 20000 + f"<p>{GOOD_SENTENCE}</p>" + "</div>" * 20000 + "</body></html>"
    return [
        Bad("good_html.html", good.encode(), "read", "a well-formed control article", [("job_cuts", 64)]),
        Bad("empty_html.html", b"", "fail", "zero-byte body", reason=r"empty"),
        Bad("blank_html.html", b"<html><head></head><body>\n \n\t</body></html>", "fail", "markup with no text", reason=r"empty|no text"),
        Bad("malformed_html.html", malformed.encode(), "read", "unclosed and stray tags, bad entities", [("job_cuts", 64)]),
        Bad("truncated_html.html", truncated.encode(), "read", "cut off mid-tag", [("job_cuts", 64)]),
        Bad("script_html.html", script.encode(), "read", "script tag and event handlers in the article", [("job_cuts", 64)]),
        Bad("deep_html.html", deep.encode(), "survive", "20,000 nested divs"),
        Bad(
            "nul_html.html",
            article(paragraphs(GOOD_SENTENCE.replace("will", "will\x00"), "Control\x07 characters\x1b[31m here.")).encode(),
            "survive",
            "NUL and control characters in the text",
        ),
        Bad(
            "cp1252_undeclared.html",
            article(paragraphs(MONEY_SENTENCE), head="").encode("cp1252"),
            "read",
            "Windows-1252 bytes, no charset declared",
            [("funding_cut", 5_000_000)],
        ),
        Bad(
            "cp1252_declared_utf8.html",
            article(paragraphs(MONEY_SENTENCE + " \u2013 a cut \u201cfelt by families\u201d.")).encode("cp1252"),
            "read",
            "declares UTF-8, is Windows-1252",
            [("funding_cut", 5_000_000)],
            content_type="text/html; charset=utf-8",
        ),
        Bad(
            "utf8_declared_latin1.html",
            article(paragraphs(MONEY_SENTENCE), head='<meta charset="iso-8859-1">').encode("utf-8"),
            "read",
            "declares ISO-8859-1, is UTF-8",
            [("funding_cut", 5_000_000)],
            content_type="text/html; charset=iso-8859-1",
        ),
        Bad(
            "utf16_html.html",
            article(paragraphs(GOOD_SENTENCE), head="").encode("utf-16"),
            "survive",
            "UTF-16 with a byte-order mark",
        ),
        Bad("png_as_html.html", png_bytes(), "fail", "an image served and named as HTML", content_type="text/html", reason=r"image"),
        Bad(
            "binary_garbage.html",
            bytes(range(256)) * 64,
            "fail",
            "random binary under an .html name",
            content_type="text/html", reason=r"octet|binary|cannot read",
        ),
    ]


# --------------------------------------------------------------------------- PDF


def png_bytes(width: int = 300, height: int = 120) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (width, height), (255, 255, 255))
    # Text drawn as pixels: what a scanned report looks like to a text-layer reader.
    ImageDraw.Draw(image).text((10, 50), "The council will cut 64 jobs.", fill=(0, 0, 0))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def pdf_bytes(sentences: list[str] | None = None, pages: int = 1, user_password: str | None = None,
              owner_password: str | None = None, image_only: bool = False) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    for page in range(pages):
        pdf.add_page()
        if image_only:
            pdf.image(io.BytesIO(png_bytes()), x=10, y=10, w=180)
        else:
            pdf.set_font("Helvetica", size=11)
            for sentence in sentences or [GOOD_SENTENCE]:
                pdf.multi_cell(0, 6, sentence.replace("\u2019", "'"))
                pdf.ln(2)
            pdf.multi_cell(0, 6, f"Page {page + 1} of {pages}")
    if user_password or owner_password:
        pdf.set_encryption(owner_password=owner_password or "owner", user_password=user_password)
    return bytes(pdf.output())


def truncated_pdf() -> bytes:
    """Half a PDF, cut where PDFium can no longer open it."""
    import pypdfium2 as pdfium

    whole = pdf_bytes(pages=3)
    for cut in (len(whole) // 2, len(whole) // 3, 200, 40):
        part = whole[:cut]
        try:
            doc = pdfium.PdfDocument(part)
        except pdfium.PdfiumError:
            return part
        doc.close()
    return whole[:40]


def pdf_docs() -> list[Bad]:
    good = pdf_bytes([GOOD_SENTENCE], pages=2)
    return [
        Bad("good_pdf.pdf", good, "read", "a well-formed control PDF", [("job_cuts", 64)]),
        Bad("zero_pdf.pdf", b"", "fail", "zero-byte PDF", content_type="application/pdf", reason=r"empty"),
        Bad("truncated_pdf.pdf", truncated_pdf(), "fail", "PDF cut off half-way", reason=r"pdf"),
        Bad("encrypted_pdf.pdf", pdf_bytes(user_password="secret"), "fail", "PDF that needs a password to open", reason=r"password|encrypt"),
        Bad(
            "owner_locked_pdf.pdf",
            pdf_bytes([GOOD_SENTENCE], owner_password="owner"),
            "read",
            "PDF encrypted with an owner password only (opens without one)",
            [("job_cuts", 64)],
        ),
        Bad("image_only_pdf.pdf", pdf_bytes(image_only=True), "fail", "scanned PDF: one image, no text layer", reason=r"text layer|scan|image"),
        Bad("garbage_pdf.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 16, "fail", "a PDF header then garbage", reason=r"pdf"),
        Bad(
            "html_named_pdf.pdf",
            article(paragraphs(GOOD_SENTENCE)).encode(),
            "survive",
            "HTML under a .pdf name and an application/pdf header (Ofsted's 'report not found')",
            [("job_cuts", 64)],
            content_type="application/pdf",
        ),
        Bad(
            "pdf_named_html.html",
            pdf_bytes([GOOD_SENTENCE, "Served with the wrong name and type."]),
            "read",
            "a PDF under an .html name and a text/html header",
            [("job_cuts", 64)],
            content_type="text/html; charset=utf-8",
        ),
    ]


# --------------------------------------------------------------------------- text and numbers

ABSURD_DIGITS = "1" + "0" * 400  # 10^400: float() gives inf


def text_docs() -> list[Bad]:
    absurd = "\n\n".join(
        [
            f"The council will cut {ABSURD_DIGITS} jobs in children's services.",
            "It plans a £99999999999999999999bn overspend on its children's services budget.",
            "The council will cut 1e400 jobs, the leader joked.",
            "Agency staff numbers reached 10^400 in the report.",
            "The council will cut NaN jobs and inf posts, a typo said.",
            "A budget of £" + "9" * 330 + " was set.",
            "Caseloads rose to " + "9" * 5000 + " cases per social worker.",
            GOOD_SENTENCE,
        ]
    )
    unicode_digits = "\n\n".join(
        [
            "Northamptonshire County Council will cut \u0666\u0664 jobs in its children's services department.",  # Arabic-Indic
            "Northamptonshire County Council will cut \u06f6\u06f4 posts in its adult services department.",  # Persian
            "Northamptonshire County Council will cut \uff16\uff14 jobs in its libraries service.",  # fullwidth
            "Northamptonshire County Council will cut \U0001d7d4\U0001d7d2 roles in its highways team.",  # maths bold
        ]
    )
    spaces = "\n\n".join(
        [
            "Northamptonshire County Council will cut 1\u00a0234 jobs in its children's services department.",  # NBSP
            "Kent County Council will cut 2\u202f345 jobs in its adult services department.",  # narrow NBSP
            "Essex County Council will cut 3\u2009456 jobs in its highways department.",  # thin space
            "Surrey County Council will cut\u00a064\u00a0jobs\u2028in its libraries\u3000service.",  # NBSP around, LS, ideographic
        ]
    )
    return [
        Bad("good_txt.txt", (GOOD_SENTENCE + "\n").encode(), "read", "a plain control text", [("job_cuts", 64)]),
        Bad("empty_txt.txt", b"", "fail", "zero-byte text file", content_type="text/plain", reason=r"empty"),
        Bad("whitespace_txt.txt", b" \n\t\r\n \xc2\xa0 \n", "fail", "whitespace only", content_type="text/plain", reason=r"empty|no text"),
        Bad(
            "absurd_numbers.txt",
            absurd.encode(),
            "read",
            "10^400 written out, £99999999999999999999bn, 1e400, NaN, a 5,000-digit number",
            [("job_cuts", 64)],
            content_type="text/plain; charset=utf-8",
        ),
        Bad(
            "unicode_digits.txt",
            unicode_digits.encode(),
            "survive",
            "Arabic-Indic, Persian, fullwidth and mathematical digits",
            content_type="text/plain; charset=utf-8",
            forbidden_values=[6, 4],
        ),
        Bad(
            "unicode_spaces.txt",
            spaces.encode(),
            "read",
            "NBSP, narrow NBSP and thin space as thousands separators; line separator, ideographic space",
            [("job_cuts", 1234), ("job_cuts", 2345), ("job_cuts", 3456), ("job_cuts", 64)],
            content_type="text/plain; charset=utf-8",
            forbidden_values=[1, 2, 3, 234, 345, 456],
        ),
        Bad(
            "cp1252_txt.txt",
            (MONEY_SENTENCE + "\n").encode("cp1252"),
            "read",
            "Windows-1252 text file",
            [("funding_cut", 5_000_000)],
            content_type="text/plain",
        ),
        Bad(
            "bom_txt.txt",
            ("\ufeff" + GOOD_SENTENCE + "\n").encode("utf-8"),
            "read",
            "UTF-8 byte-order mark",
            [("job_cuts", 64)],
            content_type="text/plain; charset=utf-8",
        ),
    ]


def all_docs() -> list[Bad]:
    docs = html_docs() + pdf_docs() + text_docs()
    stems = [d.stem for d in docs]
    assert len(stems) == len(set(stems)), "stems must be unique"
    return docs


def oversized(cap: int) -> Bad:
    """An HTML page one megabyte over the size cap (made on demand: it is large)."""
    head = article(paragraphs(GOOD_SENTENCE)).encode()
    padding = b"<p>" + b"Lorem ipsum dolor sit amet. " * 1000 + b"</p>"
    body = head.replace(b"</article>", padding * ((cap + 2**20) // len(padding) + 1) + b"</article>")
    return Bad("oversized_html.html", body, "fail", f"{len(body):,} bytes, over the {cap:,}-byte cap")


def write_all(out: Path) -> list[tuple[Bad, Path]]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for doc in all_docs():
        path = out / doc.name
        path.write_bytes(doc.body)
        written.append((doc, path))
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "bad-inputs")
    for doc, path in write_all(target):
        print(f"{doc.expect:8} {path}  ({doc.why})")
