"""The sample site (SAMPLE DATA, invented for testing) served on 127.0.0.1 by councilfacts.sample_site."""

import json
import re
import shutil
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from councilfacts.data import DATA_DIR
from councilfacts.sample_site import serve

SAMPLE = DATA_DIR / "sample"
SITE = SAMPLE / "site"
BANNER = "SAMPLE DATA \u2014 invented for testing councilfacts; these figures are not real"
MEASURES_MD = Path(__file__).resolve().parents[1] / ".." / "shared" / "MEASURES.md"


@pytest.fixture(scope="module")
def site():
    server, base = serve(port=0)
    yield server, base
    server.shutdown()


def fetch(url, headers=None, method="GET"):
    """(status, headers, body) without raising on 4xx/304."""
    req = urllib.request.Request(url, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return resp.status, resp.headers, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read()


def test_server_listens_on_a_free_local_port(site):
    server, base = site
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+", base)
    assert int(base.rsplit(":", 1)[1]) != 0
    other, other_base = serve(port=0)
    try:
        assert other_base != base
    finally:
        other.shutdown()


@pytest.mark.parametrize(
    "path, ctype",
    [
        ("/robots.txt", "text/plain"),
        ("/news/feed.xml", "application/rss+xml"),
        ("/news/sitemap.xml", "application/xml"),
        ("/news/2019/06/how-essex-kept-its-social-workers.html", "text/html"),
        ("/moderngov/mgWebService.asmx/GetCommittees", "text/xml"),
        ("/moderngov/mgWebService.asmx/GetMeetings?lCommitteeId=151&sFromDate=01/01/2019&sToDate=31/12/2020", "text/xml"),
        ("/moderngov/mgWebService.asmx/GetMeeting?lMeetingId=2871", "text/xml"),
        ("/moderngov/mgListCommittees.aspx", "text/html"),
        ("/moderngov/ieListMeetings.aspx?CommitteeId=132", "text/html"),
        ("/moderngov/ieListDocuments.aspx?CId=132&MId=2871&Ver=4", "text/html"),
        ("/moderngov/documents/s14201/Budget%20Monitoring%20Report%20Period%2010%202018-19.pdf", "application/pdf"),
        ("/moderngov2/mgListCommittees.aspx", "text/html"),
        ("/moderngov2/ieListDocuments.aspx?CId=318&MId=4412", "text/html"),
        ("/ofsted/provider/44/80499", "text/html"),
        ("/ofsted/files/v1/file/59000101", "application/pdf"),
    ],
)
def test_each_kind_of_url_is_served_with_its_content_type(site, path, ctype):
    _, base = site
    status, headers, body = fetch(base + path)
    assert status == 200, path
    assert headers["Content-Type"].startswith(ctype)
    assert body
    if ctype == "application/pdf":
        assert body.startswith(b"%PDF-")


def test_absolute_urls_point_at_the_running_server(site):
    _, base = site
    _, _, feed = fetch(base + "/news/feed.xml")
    links = [item.findtext("link") for item in ET.fromstring(feed).iter("item")]
    assert len(links) >= 10
    for link in links:
        assert link.startswith(base + "/news/")
        assert fetch(link)[0] == 200
    assert b"{{BASE_URL}}" not in feed


def test_news_sitemap_and_article_metadata(site):
    _, base = site
    _, _, sm = fetch(base + "/news/sitemap.xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "n": "http://www.google.com/schemas/sitemap-news/0.9"}
    urls = ET.fromstring(sm).findall("s:url", ns)
    assert len(urls) >= 10
    assert all(u.find("n:news/n:publication_date", ns) is not None for u in urls)
    loc = urls[0].findtext("s:loc", namespaces=ns)
    _, _, page = fetch(loc)
    page = page.decode()
    ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    assert ld["@type"] == "NewsArticle"
    assert {"headline", "datePublished", "dateModified", "author", "articleSection"} <= ld.keys()
    assert "SAMPLE DATA" in ld["description"]
    canonical = re.search(r'<link rel="canonical" href="([^"]+)">', page).group(1)
    assert urllib.parse.urljoin(loc, canonical) == loc
    assert 'property="og:title"' in page


def test_robots_disallows_private(site):
    _, base = site
    _, _, body = fetch(base + "/robots.txt")
    assert "Disallow: /private/" in body.decode()


def meetings(base, cid, start, end):
    _, _, body = fetch(f"{base}/moderngov/mgWebService.asmx/GetMeetings?lCommitteeId={cid}&sFromDate={start}&sToDate={end}")
    root = ET.fromstring(body)
    ids = [m.findtext("meetingid") for m in root.iter("meeting")]
    assert int(root.findtext("meetingscount")) == len(ids)
    assert int(root.findtext("committee/committeemeetingcount")) == len(ids)
    return ids


def test_get_meetings_filters_by_date_range(site):
    _, base = site
    assert meetings(base, 132, "01/01/2019", "31/12/2020") == ["2871", "2903", "2952"]
    assert meetings(base, 132, "01/06/2019", "31/12/2019") == ["2903"]
    assert meetings(base, 132, "13/03/2019", "13/03/2019") == []
    assert meetings(base, 132, "12/03/2019", "12/03/2019") == ["2871"]  # both ends inclusive
    assert meetings(base, 151, "01/01/2020", "31/12/2020") == ["2934"]


def test_get_meetings_needs_a_committee_and_valid_dates(site):
    _, base = site
    assert fetch(base + "/moderngov/mgWebService.asmx/GetMeetings")[0] == 400
    assert fetch(base + "/moderngov/mgWebService.asmx/GetMeetings?lCommitteeId=132&sFromDate=2019-01-01")[0] == 400
    assert fetch(base + "/moderngov/mgWebService.asmx/GetMeetings?lCommitteeId=999&sFromDate=01/01/2019&sToDate=01/01/2020")[0] == 404


def test_moderngov_xml_has_the_real_shape(site):
    _, base = site
    real = Path(__file__).resolve().parents[1] / ".." / "shared" / "realworld" / "moderngov"
    _, _, body = fetch(base + "/moderngov/mgWebService.asmx/GetMeeting?lMeetingId=2871")
    meeting = ET.fromstring(body)
    urls = [d.findtext("url") for d in meeting.iter("linkeddoc")]
    assert urls and all(u.startswith(base + "/moderngov/documents/s") for u in urls)
    assert all(fetch(u)[0] == 200 for u in urls)
    if not real.is_dir():
        pytest.skip("../shared/realworld/moderngov not present: cannot compare element names")
    ref = ET.parse(real / "lgsf_manchester_GetMeeting_with_minutes.xml").getroot()
    assert [c.tag for c in meeting] == [c.tag for c in ref]
    ours = {c.tag for c in meeting.find("agendaitems/agendaitem")}
    theirs = {c.tag for c in ref.find("agendaitems/agendaitem")} - {"minutesnonemptyhtmlbody"}
    assert theirs <= ours
    assert [c.tag for c in meeting.find(".//linkeddoc")] == [c.tag for c in ref.find(".//linkeddoc")]
    for name in ("GetCommittees", "GetMeetings"):
        ref = ET.parse(real / f"lgsf_manchester_{name}.xml").getroot()
        q = "?lCommitteeId=132&sFromDate=01/01/2019&sToDate=31/12/2020" if name == "GetMeetings" else ""
        ours = ET.fromstring(fetch(f"{base}/moderngov/mgWebService.asmx/{name}{q}")[2])
        assert ours.tag == ref.tag
        assert [c.tag for c in ours.iter()][:12] == [c.tag for c in ref.iter()][:12]


def test_html_pages_link_in_the_moderngov_shape(site):
    _, base = site
    _, _, page = fetch(base + "/moderngov/mgListCommittees.aspx")
    assert b'href="ieListMeetings.aspx?CommitteeId=151"' in page
    _, _, page = fetch(base + "/moderngov/ieListMeetings.aspx?CommitteeId=151")
    assert re.search(rb'href="ieListDocuments\.aspx\?CId=151&amp;MId=\d+', page)
    _, _, page = fetch(base + "/moderngov2/ieListDocuments.aspx?cid=318&mid=4460")  # names are case-insensitive
    link = re.search(rb'href="(documents/s\d+/[^"]+\.pdf)"', page).group(1).decode()
    assert fetch(f"{base}/moderngov2/{link}")[0] == 200


def test_second_council_has_no_web_service(site):
    _, base = site
    for op in ("GetCommittees", "GetMeetings?lCommitteeId=318&sFromDate=01/01/2022&sToDate=31/12/2022", "GetMeeting?lMeetingId=4412"):
        assert fetch(f"{base}/moderngov2/mgWebService.asmx/{op}")[0] == 404


def test_ofsted_provider_page_lists_inspections_and_files(site):
    _, base = site
    _, _, page = fetch(base + "/ofsted/provider/44/80429")
    page = page.decode()
    assert "Overall effectiveness: Requires improvement to be good" in page
    links = re.findall(r'href="([^"]*/ofsted/files/v1/file/\d+)"', page)
    assert len(links) == 2
    bodies = [fetch(link) for link in links]
    assert all(status == 200 for status, _, _ in bodies)
    kinds = sorted(body[:5] == b"%PDF-" for _, _, body in bodies)
    assert kinds == [False, True], "one of the 'files' is an HTML 'Report not found' page"


def test_report_not_found_is_html_declared_as_pdf(site):
    _, base = site
    status, headers, body = fetch(base + "/ofsted/files/v1/file/59000007")
    assert status == 200 and headers["Content-Type"] == "application/pdf"
    assert body.lstrip().lower().startswith(b"<!doctype html") and b"Report not found" in body


def test_conditional_requests_get_304(site):
    server, base = site
    for path in ("/news/feed.xml", "/ofsted/files/v1/file/59000214",
                 "/moderngov/mgWebService.asmx/GetMeetings?lCommitteeId=132&sFromDate=01/01/2019&sToDate=31/12/2019"):
        status, headers, body = fetch(base + path)
        assert status == 200 and headers["ETag"] and headers["Last-Modified"]
        assert fetch(base + path, {"If-None-Match": headers["ETag"]})[:1] == (304,)
        assert fetch(base + path, {"If-Modified-Since": headers["Last-Modified"]})[:1] == (304,)
        assert fetch(base + path, {"If-None-Match": '"other"'})[0] == 200
        assert fetch(base + path, {"If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"})[0] == 200
        # If-None-Match wins over If-Modified-Since
        assert fetch(base + path, {"If-None-Match": '"other"', "If-Modified-Since": headers["Last-Modified"]})[0] == 200
    # a different date range is a different answer, with a different ETag
    a = fetch(base + "/moderngov/mgWebService.asmx/GetMeetings?lCommitteeId=132&sFromDate=01/01/2019&sToDate=31/12/2019")[1]["ETag"]
    b = fetch(base + "/moderngov/mgWebService.asmx/GetMeetings?lCommitteeId=132&sFromDate=01/01/2019&sToDate=31/12/2020")[1]["ETag"]
    assert a != b
    assert any(status == 304 for _, p, status in server.request_log if p == "/news/feed.xml")


def test_documents_do_not_depend_on_the_port(site):
    """The same story or PDF fetched from servers on two ports is byte-identical (stable content hashes)."""
    _, base = site
    other, other_base = serve(port=0)
    try:
        for path in ("/news/2019/06/how-essex-kept-its-social-workers.html", "/ofsted/files/v1/file/59000101",
                     "/moderngov/documents/s14201/Budget%20Monitoring%20Report%20Period%2010%202018-19.pdf"):
            assert fetch(base + path)[2] == fetch(other_base + path)[2]
    finally:
        other.shutdown()


def test_changed_file_gets_a_new_etag(tmp_path):
    root = tmp_path / "site"
    shutil.copytree(SITE, root)
    server, base = serve(port=0, root=root)
    try:
        path = "/news/2019/06/how-essex-kept-its-social-workers.html"
        etag = fetch(base + path)[1]["ETag"]
        file = root / path.lstrip("/")
        file.write_text(file.read_text().replace("16 children each", "17 children each"))
        status, headers, _ = fetch(base + path, {"If-None-Match": etag})
        assert status == 200 and headers["ETag"] != etag
    finally:
        server.shutdown()


def test_request_log_counts_requests_per_path(tmp_path):
    server, base = serve(port=0)
    try:
        fetch(base + "/robots.txt")
        fetch(base + "/robots.txt", method="HEAD")
        fetch(base + "/no/such/page.html")
        assert server.request_log == [
            ("GET", "/robots.txt", 200),
            ("HEAD", "/robots.txt", 200),
            ("GET", "/no/such/page.html", 404),
        ]
    finally:
        server.shutdown()


def test_no_path_escapes_the_site(site):
    _, base = site
    assert fetch(base + "/../pyproject.toml")[0] == 404
    assert fetch(base + "/news/%2e%2e/%2e%2e/expected.json")[0] == 404


def test_every_html_page_carries_the_banner():
    pages = [p for p in SITE.rglob("*") if p.is_file() and p.read_bytes()[:200].lstrip().lower().startswith(b"<!doctype html")]
    assert len(pages) >= 20
    for page in pages:
        assert BANNER in page.read_text(encoding="utf-8"), page


def test_every_pdf_opens_with_a_text_layer():
    pdfium = pytest.importorskip("pypdfium2")
    pdfs = [p for p in SITE.rglob("*") if p.is_file() and p.read_bytes()[:5] == b"%PDF-"]
    assert len(pdfs) >= 8
    for path in pdfs:
        pdf = pdfium.PdfDocument(str(path))
        try:
            assert 2 <= len(pdf) <= 4, path
            text = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
            assert "SAMPLE DATA" in text and len(text) > 1000, path
        finally:
            pdf.close()
        assert path.stat().st_size < 100_000, f"{path} is too big for the repository"


def test_hostile_story_is_there_for_later_tests():
    expected = json.loads((SAMPLE / "expected.json").read_text())
    hostile = [d for d in expected["documents"] if d.get("hostile")]
    assert len(hostile) == 1
    html = (SITE / hostile[0]["file"]).read_text()
    assert "<script>alert(1)</script>" in html and "onerror=" in html


def test_expected_json_covers_every_measure():
    expected = json.loads((SAMPLE / "expected.json").read_text())
    docs = expected["documents"]
    assert {d["kind"] for d in docs} == {"news", "committee_paper", "ofsted_report"}
    for d in docs:
        assert (SITE / d["file"]).is_file(), d["file"]
        assert d["facts"] and d["traps"]
    found = {f["measure"] for d in docs for f in d["facts"] if f["required"]}
    if MEASURES_MD.is_file():
        table = MEASURES_MD.read_text().split("## Measures", 1)[1]
        measures = set(re.findall(r"^\| (\w+) \|", table, re.M)) - {"measure"}
    else:
        measures = {
            "job_cuts", "jobs_created", "caseload", "unallocated_cases", "agency_staff", "vacancies",
            "staff_turnover", "funding_cut", "budget", "waiting_time", "children_in_care",
            "child_protection", "referrals", "survey_share", "ofsted_rating",
        }
    assert len(measures) == 15
    assert measures <= found, measures - found


def test_expected_bodies_carry_gss_codes():
    expected = json.loads((SAMPLE / "expected.json").read_text())
    for d in expected["documents"]:
        for f in d["facts"]:
            assert (f["body"] is None) == (f["body_code"] is None), f
            if f["body_code"]:
                assert re.fullmatch(r"E0[68]\d{6}|E10\d{6}", f["body_code"]), f
            assert (f["value"] is None) == (f["measure"] == "ofsted_rating"), f
            assert f["qualifier"] in {"exact", "more_than", "at_least", "less_than", "up_to", "about", "almost"}


def test_expected_figures_and_traps_are_in_the_documents():
    """build_site.py --check regenerates everything and looks each figure and trap up."""
    pytest.importorskip("fpdf")
    import subprocess
    import sys

    result = subprocess.run([sys.executable, str(SAMPLE / "build_site.py"), "--check"], capture_output=True, text=True)
    assert "PROBLEM" not in result.stderr, result.stderr
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_story_body_opens_with_the_sample_marker_and_titles_are_tagged():
    """The marker must survive text extraction (the banner is boilerplate to trafilatura), so it
    is a paragraph of the story itself; every title a crawler stores carries [SAMPLE]."""
    from councilfacts.documents import html_to_document

    expected = json.loads((SAMPLE / "expected.json").read_text())
    assert all("[SAMPLE]" in d["title"] for d in expected["documents"])
    news = [d for d in expected["documents"] if d["kind"] == "news"]
    assert len(news) >= 10
    for d in news:
        got = html_to_document((SITE / d["file"]).read_bytes(), "http://127.0.0.1" + d["path"])
        assert got["text"].startswith("SAMPLE DATA \u2014 an invented story"), d["file"]
        assert got["title"].startswith("[SAMPLE] "), got["title"]
    marker = re.search(r'<p class="sample-marker"><strong>([^<]+)</strong></p>', (SITE / news[0]["file"]).read_text()).group(1)
    assert not re.search(r"\d", marker)  # nothing in it for the extractor to take
    feed = (SITE / "news" / "feed.xml").read_text()
    assert all(t.startswith("[SAMPLE] ") for t in re.findall(r"<item>\s*<title>([^<]+)</title>", feed))
    provider = (SITE / "ofsted" / "provider" / "44" / "80429.html").read_text()
    assert all(t.startswith("[SAMPLE] ") for t in re.findall(r'publication-link__title">([^<]+)<', provider))
