"""Reading bodies into text (councilfacts.documents): sniffing, HTML articles, PDFs with pages."""

from __future__ import annotations

import csv
import json
import re

import pytest

from councilfacts.documents import DOCX, DocumentError, docx_to_document, html_to_document, pdf_to_document, read_path, rejoin_lines, sniff

from .conftest import FILES, docx, realworld, scanned_pdf, text_pdf

ARTICLE_URL = "https://www.manchestereveningnews.co.uk/news/greater-manchester-news/council-cut-64-jobs-faces-30312345"


# -- sniffing: content decides, never the name or the header -----------------------------

@pytest.mark.parametrize(
    "body,declared,url,expected",
    [
        (b"%PDF-1.7\n...", "text/html", "https://x/page.html", "application/pdf"),
        (b"\xef\xbb\xbf<!DOCTYPE html><html>", "application/pdf", "https://x/report.pdf", "text/html"),
        (b"  <html><body>hi</body></html>", None, "https://x/file/1", "text/html"),
        (b'<?xml version="1.0"?><rss version="2.0">', "text/html", "", "application/rss+xml"),
        (b'<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom">', None, "", "application/atom+xml"),
        (b'<?xml version="1.0"?><urlset>', None, "", "application/xml"),
        (b"PK\x03\x04xl/workbook.xml", "application/pdf", "https://x/a.pdf", "application/zip"),
        (b"PK\x03\x04[Content_Types].xml ... word/document.xml", "application/pdf", "https://x/a.pdf", DOCX),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", None, "", "application/x-ole-storage"),
        (b"\x1f\x8b\x08\x00", None, "https://x/sitemap.xml", "application/gzip"),
        (b"The council cut 64 jobs.", "application/pdf", "https://x/a.pdf", "text/plain"),
        (b"", "application/pdf", "", "application/x-empty"),
    ],
)
def test_sniff(body, declared, url, expected):
    assert sniff(body, declared, url) == expected


def test_sniff_real_ofsted_trap_is_html():
    assert sniff(realworld("ofsted", "trap_birmingham_2012-10-19_html-report-not-found_saved-as.pdf").read_bytes(), "application/pdf", "x.pdf") == "text/html"


# -- HTML --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def article():
    return html_to_document((FILES / "news" / "article.html").read_bytes(), ARTICLE_URL)


def test_html_title(article):
    assert article["title"] == "Council to cut 64 jobs as it faces £12m gap"


def test_html_published_from_json_ld(article):
    assert article["published"] == "2026-11-17"


def test_html_updated(article):
    assert article["updated"] == "2026-11-18"


def test_html_author(article):
    assert article["author"] == "Jane Reporter"


def test_html_section(article):
    assert article["section"] == "Greater Manchester News"


def test_html_canonical(article):
    assert article["canonical_url"] == ARTICLE_URL


def test_html_body_has_the_story(article):
    assert "cut 64 jobs" in article["text"] and "112 agency social workers" in article["text"]


@pytest.mark.parametrize("boilerplate", ["Sign up to our daily newsletter", "Most read", "Cookie settings", "Christmas markets"])
def test_html_body_has_no_boilerplate(article, boilerplate):
    assert boilerplate not in article["text"]


def test_html_meta_dates_without_json_ld():
    html = b"""<html><head><title>T</title><meta property="article:published_time" content="2025-03-04T10:00:00Z"></head>
    <body><article><p>The council has agreed to close three libraries to save money this year.</p></article></body></html>"""
    assert html_to_document(html, "https://x/a")["published"] == "2025-03-04"


def test_html_empty_page_is_an_error():
    with pytest.raises(DocumentError):
        html_to_document(b"   ", "https://x/")


def evaldata():
    path = realworld("news", "trafilatura_evaldata_subset.json")
    return list(json.loads(path.read_text()).items())


@pytest.mark.parametrize("case", range(6))
def test_real_pages_with_and_without(case):
    """trafilatura's own gold: what must be in the text and what must not."""
    cases = evaldata()
    if case >= len(cases):
        pytest.skip("fewer cases in the subset")
    url, gold = cases[case]
    doc = html_to_document(realworld("news", gold["file"]).read_bytes(), url)
    for must in gold["with"]:
        assert must in doc["text"], must
    for must_not in gold["without"]:
        assert must_not not in doc["text"], must_not


@pytest.mark.parametrize("case", range(6))
def test_real_pages_date(case):
    cases = evaldata()
    if case >= len(cases):
        pytest.skip("fewer cases in the subset")
    url, gold = cases[case]
    if not gold.get("date"):
        pytest.skip("no gold date")
    doc = html_to_document(realworld("news", gold["file"]).read_bytes(), url)
    assert doc["published"] == gold["date"]


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.replace("’", "'").replace("‘", "'")).strip()


@pytest.mark.parametrize("publisher", ["TheMirror_2026_01_06", "Express_2024_07_18", "iNews_2025_01_28", "TheGuardian_2024_02_24"])
def test_real_pages_title_and_date_match_fundus(publisher):
    meta = json.loads(realworld("news", "fundus_uk_meta.info.json").read_text())
    name = publisher.split("_")[0]
    crawl = meta[f"{publisher}.html.gz"]
    versions = json.loads(realworld("news", f"fundus_{name}_expected.json").read_text())
    # fundus keys expectations by parser version; take the one for this page's publication.
    day = crawl["crawl_date"][:10]
    gold = min(versions.values(), key=lambda v: abs(int(v["publishing_date"][:10].replace("-", "")) - int(day.replace("-", ""))))
    doc = html_to_document(realworld("news", f"fundus_{publisher}.html").read_bytes(), crawl["url"])
    # fundus takes og:title; where a live blog's og:title differs, the visible headline is as good.
    h1 = re.search(r"<h1[^>]*>([^<]+)", realworld("news", f"fundus_{publisher}.html").read_text(errors="replace"))
    assert _norm(doc["title"]) in {_norm(gold["title"]), _norm(h1.group(1)) if h1 else None}
    assert doc["published"] == gold["publishing_date"][:10]
    first = gold["body"]["sections"][0]["paragraphs"][0] if gold["body"].get("sections") else gold["body"]["summary"][0]
    assert _norm(first)[:60] in _norm(doc["text"])


# -- PDF ---------------------------------------------------------------------------------

def test_pdf_pages_and_starts():
    doc = pdf_to_document(text_pdf(["First page says 64 jobs.", "Second page says 12 posts."]))
    assert doc["n_pages"] == 2 and doc["text_status"] == "ok"
    assert doc["text"][doc["page_starts"][1]:].startswith("Second page")
    assert doc["text"][: doc["page_starts"][1]].strip() == "First page says 64 jobs."


def test_scanned_pdf_is_no_text_layer():
    doc = pdf_to_document(scanned_pdf(3))
    assert (doc["text_status"], doc["n_pages"], doc["text"]) == ("no_text_layer", 3, "")


def test_broken_pdf_is_an_error():
    with pytest.raises(DocumentError, match="unreadable PDF"):
        pdf_to_document(b"%PDF-1.4\n this is not really a pdf")


def test_rejoin_hard_wrapped_paragraph():
    page = "\n".join(
        [
            "What needs to improve?",
            "The council has not reduced the number of children waiting for an allocated social",
            "worker, and 212 children were still waiting in March; leaders know that this is too",
            "many.",
            "◼ The effectiveness of the response to domestic abuse.",
            "◼ Consistency of written plans.",
        ]
    )
    assert rejoin_lines(page).split("\n") == [
        "What needs to improve?",
        "The council has not reduced the number of children waiting for an allocated social worker, and 212 children were still waiting in March; leaders know that this is too many.",
        "◼ The effectiveness of the response to domestic abuse.",
        "◼ Consistency of written plans.",
    ]


def test_rejoin_closes_hyphenated_break():
    text = rejoin_lines("Care leavers benefit from a strong corporate commitment from the care-\nexperienced team who work across the whole of the county.")
    assert "care-experienced team" in text


def ofsted_pdfs():
    return ["ilacs_birmingham_2023-04-18", "ilacs_dorset_2025-05-09", "ilacs_bcp_2022-02-11", "ilacs_north-northamptonshire_2026-07-07"]


@pytest.mark.parametrize("name", ofsted_pdfs())
def test_real_ofsted_pdf_pages_match_pypdf(name):
    doc = pdf_to_document(realworld("ofsted", f"{name}.pdf").read_bytes())
    pages = realworld("ofsted", f"{name}.pypdf.txt").read_text().split("\f")
    pages = [p for p in pages if p.strip()]
    assert doc["n_pages"] == len(pages)
    # Same words on each page (line breaks and spacing differ between readers).
    for i, page in enumerate(pages):
        end = doc["page_starts"][i + 1] if i + 1 < len(pages) else len(doc["text"])
        ours = doc["text"][doc["page_starts"][i]:end].split()
        theirs = page.split()
        assert ours[:5] == theirs[:5], (i, ours[:5], theirs[:5])


@pytest.mark.parametrize("name", ofsted_pdfs())
def test_real_ofsted_pdf_overall_grade_in_text(name):
    rows = list(csv.DictReader(realworld("ofsted", "jt39_ofsted_csc_ilacs_history.csv").open()))
    day = name.rsplit("_", 1)[1]
    row = next(r for r in rows if r["inspection_link"] and r["publication_date"] and f"20{r['publication_date'][6:]}-{r['publication_date'][3:5]}-{r['publication_date'][:2]}" == day)
    text = pdf_to_document(realworld("ofsted", f"{name}.pdf").read_bytes())["text"]
    grade = row["overall_effectiveness_grade"]
    if grade in ("good", "outstanding", "inadequate", "requires improvement"):
        assert re.search(rf"Overall effectiveness:?\s+{grade}", text, re.I)
    assert "\n" in text and not re.search(r"[a-z],? \n[a-z]", text)  # paragraphs re-joined


# -- files -------------------------------------------------------------------------------

def test_read_path_pdf(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(text_pdf(["Children's services employ 40 agency social workers."]))
    doc = read_path(path)
    assert doc["url"].startswith("file://") and doc["content_type"] == "application/pdf" and doc["page_starts"] == [0]
    assert "40 agency social workers" in doc["text"] and doc["id"] and doc["content_hash"]


def test_read_path_html_and_text(tmp_path):
    (tmp_path / "a.html").write_bytes((FILES / "news" / "article.html").read_bytes())
    (tmp_path / "b.txt").write_text("The council cut 64 jobs.")
    assert read_path(tmp_path / "a.html")["published"] == "2026-11-17"
    assert read_path(tmp_path / "b.txt")["text"] == "The council cut 64 jobs."


def test_read_path_text_named_pdf_is_read_as_text_only_if_not_pdf_named(tmp_path):
    (tmp_path / "notes").write_bytes(b"%PDF-1.4 nonsense")
    with pytest.raises(DocumentError):
        read_path(tmp_path / "notes")


def test_read_path_ofsted_trap_fails_clearly():
    with pytest.raises(DocumentError, match="not a PDF") as err:
        read_path(realworld("ofsted", "trap_birmingham_2012-10-19_html-report-not-found_saved-as.pdf"))
    assert "Report not found" in str(err.value)


def test_read_path_missing_file(tmp_path):
    with pytest.raises(DocumentError, match="no such file"):
        read_path(tmp_path / "nope.txt")


@pytest.mark.parametrize("name", ofsted_pdfs() + ["sif_birmingham_2016-11-25"])
def test_read_path_real_ofsted_report_kind(name):
    assert read_path(realworld("ofsted", f"{name}.pdf"))["kind"] == "ofsted_report"


def test_read_path_committee_paper_about_ofsted_is_a_paper(tmp_path):
    path = tmp_path / "plan.pdf"
    path.write_bytes(text_pdf(["SHIRE COUNCIL\nCHILDREN'S SERVICES SCRUTINY COMMITTEE\nAgenda item 5\nOfsted Inspection Improvement Plan\n"
                               "Following the inspection of children's services in July, 14 actions are planned."]))
    assert read_path(path)["kind"] == "committee_paper"


def test_html_keeps_no_break_spaces_inside_numbers():
    """trafilatura would make "1&nbsp;234" into "1 234" (two numbers); the text keeps the NBSP."""
    html = ("<html><body><article><p>The council will cut 1&nbsp;234 jobs, 2\u202f345 posts and 3\u2009456 more, "
            "said a long enough paragraph for the extractor to keep it as the body.</p></article></body></html>").encode()
    text = html_to_document(html, "https://x/a")["text"]
    assert "1\u00a0234 jobs" in text and "2\u202f345 posts" in text and "3\u2009456 more" in text


def test_pdf_hyphens_pdfium_marks_as_soft_are_hyphens():
    """pdfium gives U+FFFE for the hyphen in "care-experienced" in real Ofsted reports."""
    text = pdf_to_document(realworld("ofsted", "ilacs_north-northamptonshire_2026-07-07.pdf").read_bytes())["text"]
    assert "care-experienced" in text.lower() and "careexperienced" not in text.lower() and "\ufffe" not in text


def test_pdf_line_keeps_no_break_space_inside_numbers_only():
    from councilfacts.documents import _clean_line

    assert _clean_line("cut 1\u00a0234 jobs,\u00a0in 12\u202f345 posts") == "cut 1\u00a0234 jobs, in 12\u202f345 posts"


def test_docx_paragraphs():
    doc = docx_to_document(docx(["Appendix B", "The service employs 40 agency social workers & 3 managers."]))
    assert doc == {"text": "Appendix B\nThe service employs 40 agency social workers & 3 managers.", "text_status": "ok"}


def test_broken_docx_is_an_error():
    with pytest.raises(DocumentError, match="unreadable Word file"):
        docx_to_document(b"PK\x03\x04word/document.xml but not a zip")


def test_read_path_docx_is_a_committee_paper(tmp_path):
    path = tmp_path / "appendix.docx"
    path.write_bytes(docx(["Caseloads average 21 children."]))
    doc = read_path(path)
    assert (doc["content_type"], doc["kind"], doc["text"]) == (DOCX, "committee_paper", "Caseloads average 21 children.")


def test_stray_nul_does_not_make_a_page_binary():
    assert sniff(b"<!DOCTYPE html><html><body>cut 64\x00 jobs</body></html>", None, "") == "text/html"


def test_utf16_page_is_read(tmp_path):
    path = tmp_path / "p.html"
    html = "<html><body><article><p>The council will cut 64 jobs this year to close its budget gap, the leader said.</p></article></body></html>"
    path.write_bytes(html.encode("utf-16"))
    assert "cut 64 jobs" in read_path(path)["text"]


def test_read_path_empty_file(tmp_path):
    (tmp_path / "e.pdf").write_bytes(b"")
    with pytest.raises(DocumentError, match="empty file"):
        read_path(tmp_path / "e.pdf")
