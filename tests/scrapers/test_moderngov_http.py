"""ModernGov and Ofsted spiders over HTTP on 127.0.0.1: web service, HTML fallback, PDFs
with and without a text layer, a Word file, a missing paper, a flaky server, the Ofsted trap."""

from __future__ import annotations

import json

import pytest

from .conftest import LocalSite, docx, realworld, run_crawl, scanned_pdf, text_pdf, xlsx_like

COMMITTEES = """<?xml version="1.0" encoding="utf-8"?>
<committees><committeescount> 2</committeescount>
<committee><committeeid>7</committeeid><committeetitle>Cabinet</committeetitle><committeedeleted>False</committeedeleted><committeeexpired>False</committeeexpired></committee>
<committee><committeeid>8</committeeid><committeetitle>Old Panel</committeetitle><committeedeleted>False</committeedeleted><committeeexpired>True</committeeexpired></committee>
</committees>"""

MEETINGS = """<?xml version="1.0" encoding="utf-8"?>
<getmeetings><meetingscount> 1</meetingscount><committee><committeeid>7</committeeid><committeetitle>Cabinet</committeetitle>
<committeemeetings><meeting><meetingid>70</meetingid><meetingdate>10/02/2026</meetingdate><meetingstatus>Confirmed</meetingstatus></meeting></committeemeetings>
</committee></getmeetings>"""

DOC = """<linkeddoc><attachmentid>{id}</attachmentid><title>{title}</title><isurl>False</isurl><url>{url}</url>
<isrestricted>False</isrestricted><publicationdate>02/02/2026</publicationdate><committeetitle>Cabinet</committeetitle></linkeddoc>"""

MEETING = """<?xml version="1.0" encoding="utf-8"?>
<meeting><meetingid>70</meetingid><meetingdate>10/02/2026</meetingdate><meetingstatus>Confirmed</meetingstatus>
<agendaitems>
<agendaitem><agendaitemid>1</agendaitemid><agendaitemtitle>Budget 2026/27</agendaitemtitle><fulldisplaynumberformat>5.</fulldisplaynumberformat>
<linkeddocuments>{docs1}</linkeddocuments></agendaitem>
<agendaitem><agendaitemid>2</agendaitemid><agendaitemtitle>Workforce</agendaitemtitle><fulldisplaynumberformat>6.</fulldisplaynumberformat>
<linkeddocuments>{docs2}</linkeddocuments></agendaitem>
</agendaitems></meeting>"""

LIST = """<html><head><title>Browse meetings</title></head><body><ul class="mgBulletList">
<li><a href="mgCommitteeDetails.aspx?ID=31">Children's Scrutiny</a></li></ul></body></html>"""
MEETINGS_HTML = """<html><head><title>Meetings</title></head><body><ul class="mgBulletList">
<li><a href="ieListDocuments.aspx?CId=31&amp;MId=310&amp;Ver=4">Thursday, 8th January, 2026 7.00 pm</a></li></ul></body></html>"""
DOCS_HTML = """<html><head><title>Agenda for Children's Scrutiny on Thursday, 8th January, 2026, 7.00 pm</title></head><body>
<table class="mgItemTable"><tr><td class="mgItemNumberCell"><p class="mgAiTitleTxt">4.</p></td><td><p class="mgAiTitleTxt">Caseloads</p>
<ul class="mgActionList"><li><a href="documents/s900/Caseloads.pdf" title="Link to document 'Caseloads report' pdf file">Caseloads report PDF 80 KB</a></li></ul></td></tr></table>
</body></html>"""


@pytest.fixture(scope="module")
def council(tmp_path_factory):
    root = tmp_path_factory.mktemp("council")
    (root / "site").mkdir()
    site = LocalSite(root / "site")
    site.tmp = root
    site.write("robots.txt", "User-agent: *\nDisallow: /private/\n")
    base = "{base}/moderngov"
    docs1 = DOC.format(id=1, title="Budget report", url=f"{base}/documents/s1/Budget.pdf") + DOC.format(
        id=2, title="Scanned appendix", url=f"{base}/documents/s2/Appendix.pdf")
    docs2 = DOC.format(id=3, title="Workforce report", url=f"{base}/flaky/s3/Workforce.pdf") + DOC.format(
        id=4, title="Equality impact", url=f"{base}/documents/s4/EqIA.pdf") + DOC.format(
        id=5, title="Withdrawn paper", url=f"{base}/documents/s5/Gone.pdf") + DOC.format(
        id=6, title="Data", url=f"{base}/documents/s6/Data.pdf")
    site.write("moderngov/ws/GetCommittees.xml", COMMITTEES)
    site.write("moderngov/ws/GetMeetings_7.xml", MEETINGS)
    site.write("moderngov/ws/GetMeeting_70.xml", MEETING.format(docs1=docs1, docs2=docs2))
    site.write("moderngov/documents/s1/Budget.pdf", text_pdf(["The council must save £12m and will cut 64 posts.", "Appendix A: savings by service."]))
    site.write("moderngov/documents/s2/Appendix.pdf", scanned_pdf(2))
    site.write("moderngov/flaky/s3/Workforce.pdf", text_pdf(["There are 40 agency social workers."]))
    site.write("moderngov/documents/s4/EqIA.pdf", docx(["Equality impact assessment", "Posts affected: 64."]))  # Word under a .pdf name
    site.write("moderngov/documents/s6/Data.pdf", xlsx_like())  # a spreadsheet under a .pdf name
    site.write("moderngov2/mgListCommittees.html", LIST)
    site.write("moderngov2/ieListMeetings_31.html", MEETINGS_HTML)
    site.write("moderngov2/ieListDocuments_31_310.html", DOCS_HTML)
    site.write("moderngov2/documents/s900/Caseloads.pdf", text_pdf(["Average caseloads rose to 22 children per social worker."]))
    yield site
    site.close()


def entries(site):
    return [
        {"name": "shire", "spider": "moderngov", "base_url": f"{site.base}/moderngov", "date_from": "2025-06-01", "date_to": "2026-06-01",
         "councils": [{"name": "Shire Council", "code": "E07000001"}]},
        {"name": "other", "spider": "moderngov", "base_url": f"{site.base}/moderngov2", "date_from": "2025-06-01", "date_to": "2026-06-01",
         "councils": [{"name": "Other Council", "code": "E07000002"}]},
    ]


@pytest.fixture(scope="module")
def crawled(council):
    from councilfacts import db as store

    stats = run_crawl(council.tmp, entries(council))
    db = store.connect(council.tmp / "cf.db")
    return stats, {r["url"].rsplit("/", 1)[-1]: r for r in db["documents"].rows}, list(db["errors"].rows)


def test_web_service_papers_with_their_meeting(crawled):
    _, docs, _ = crawled
    budget = docs["Budget.pdf"]
    assert (budget["committee"], budget["meeting_date"], budget["item_title"], budget["source"]) == ("Cabinet", "2026-02-10", "Budget 2026/27", "shire")
    assert budget["n_pages"] == 2 and json.loads(budget["page_starts"])[1] > 0
    assert budget["published"] == "2026-02-02"


def test_expired_committee_not_asked(council, crawled):
    assert not any("lCommitteeId=8" in path for _, path, _ in council.log)


def test_html_fallback_council(crawled):
    _, docs, _ = crawled
    paper = docs["Caseloads.pdf"]
    assert (paper["committee"], paper["meeting_date"], paper["item_title"], paper["title"]) == (
        "Children's Scrutiny", "2026-01-08", "Caseloads", "Caseloads report")
    assert paper["council_code"] == "E07000002"


def test_scanned_paper_recorded_as_no_text_layer(crawled):
    stats, docs, _ = crawled
    assert docs["Appendix.pdf"]["text_status"] == "no_text_layer" and stats["no_text_layer"] == 1


def test_flaky_server_is_retried(council, crawled):
    _, docs, _ = crawled
    assert "40 agency social workers" in docs["Workforce.pdf"]["text"]
    statuses = [code for _, path, code in council.log if path.endswith("Workforce.pdf")]
    assert statuses == [503, 200]


def test_word_paper_is_read_whatever_its_name(crawled):
    _, docs, _ = crawled
    assert docs["EqIA.pdf"]["text"] == "Equality impact assessment\nPosts affected: 64."
    assert docs["EqIA.pdf"]["item_title"] == "Workforce"


def test_spreadsheet_and_missing_paper_are_errors_naming_the_url(crawled):
    _, docs, errors = crawled
    assert "Data.pdf" not in docs and "Gone.pdf" not in docs
    reasons = {e["target"].rsplit("/", 1)[-1]: (e["reason"], e["severity"]) for e in errors}
    assert "application/zip" in reasons["Data.pdf"][0] and reasons["Data.pdf"][1] == "error"
    assert reasons["Gone.pdf"] == ("HTTP 404", "missing")


def test_ofsted_over_http_refuses_the_trap(site, crawl, db):
    site.write("ofsted/provider/44/80429", """<html><body><ul class="event-list">
    <li><a class="publication-link" href="/ofsted/files/v1/file/1">Children's services inspection - PDF - 18 April 2023</a>
    <p>Published: <time datetime="2023-04-18">18 April 2023</time></p><p>Overall effectiveness: Good</p></li>
    <li><a class="publication-link" href="/ofsted/files/v1/file/2">Children's services inspection - PDF - 19 October 2012</a>
    <p>Published: <time datetime="2012-10-19">19 October 2012</time></p></li></ul></body></html>""")
    site.write("ofsted/files/v1/file/1", realworld("ofsted", "ilacs_birmingham_2023-04-18.pdf").read_bytes())
    site.write("ofsted/files/v1/file/2", realworld("ofsted", "trap_birmingham_2012-10-19_html-report-not-found_saved-as.pdf").read_bytes())
    stats = crawl([{"name": "ofsted-bham", "spider": "ofsted", "start_urls": [f"{site.base}/ofsted/provider/44/80429"],
                    "councils": [{"name": "Birmingham City Council", "code": "E08000025"}]}])
    (report,) = db()["documents"].rows
    assert report["kind"] == "ofsted_report" and report["n_pages"] == 12 and report["published"] == "2023-04-18"
    assert json.loads(report["meta"])["judgements"] == [{"judgement": "Overall effectiveness", "grade": "good", "date": "2023-04-18"}]
    (error,) = db()["errors"].rows
    assert error["target"].endswith("/file/2") and "got text/html" in error["reason"] and "Report not found" in error["reason"]
    assert error["severity"] == "missing"
    assert stats["missing"] == 1 and stats["error"] == 0 and stats["new"] == 1
