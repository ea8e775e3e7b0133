"""ModernGov spider on saved responses: the real mgWebService XML (Manchester, via LGSF) and
HTML pages written in ModernGov's shape (tests/files/moderngov)."""

from __future__ import annotations

import pytest
from scrapy.http import Response, XmlResponse

from councilfacts.scrapers.spiders.moderngov import ModernGovSpider, link_title, text_date

from .conftest import FILES, file_response, make_spider, realworld

BASE = "https://democracy.manchester.gov.uk"


@pytest.fixture
def spider(tmp_path):
    return make_spider(
        ModernGovSpider, tmp_path, today="2026-02-01", base_url=BASE,
        councils=[{"name": "Manchester City Council", "code": "E08000003"}],
    )


def xml(name: str, url: str) -> XmlResponse:
    return file_response(realworld("moderngov", name), url)


# -- web service (real files) ---------------------------------------------------------

def test_get_committees_skips_expired(spider):
    requests = list(spider.parse_committees_xml(xml("lgsf_manchester_GetCommittees.xml", f"{BASE}/mgWebService.asmx/GetCommittees")))
    assert [r.cb_kwargs["committee"] for r in requests] == ["Art Galleries Committee", "Audit Committee"]


def test_get_meetings_asks_for_the_date_window(spider):
    requests = list(spider.parse_committees_xml(xml("lgsf_manchester_GetCommittees.xml", f"{BASE}/x")))
    assert requests[1].url == f"{BASE}/mgWebService.asmx/GetMeetings?lCommitteeId=144&sFromDate=01/02/2025&sToDate=02/04/2026"


def test_committee_filter(spider):
    spider.source["committees"] = ["audit"]
    requests = list(spider.parse_committees_xml(xml("lgsf_manchester_GetCommittees.xml", f"{BASE}/x")))
    assert [r.cb_kwargs["committee"] for r in requests] == ["Audit Committee"]


def test_get_meetings_skips_cancelled(spider):
    requests = list(spider.parse_meetings_xml(xml("lgsf_manchester_GetMeetings.xml", f"{BASE}/x"), committee="Audit Committee"))
    assert [r.url for r in requests] == [f"{BASE}/mgWebService.asmx/GetMeeting?lMeetingId=4967"]


def test_get_meetings_meeting_date(spider):
    requests = list(spider.parse_meetings_xml(xml("lgsf_manchester_GetMeetings.xml", f"{BASE}/x")))
    assert requests[0].cb_kwargs["meeting_date"] == "2026-02-10"


@pytest.fixture
def papers(spider):
    response = xml("lgsf_manchester_GetMeeting_with_minutes.xml", f"{BASE}/mgWebService.asmx/GetMeeting?lMeetingId=4967")
    return list(spider.parse_meeting_xml(response, committee="Audit Committee"))


def test_get_meeting_document_urls(papers):
    assert [r.url for r in papers] == [f"{BASE}/mgConvert2PDF.aspx?ID=60860", f"{BASE}/mgConvert2PDF.aspx?ID=60909"]


def test_get_meeting_item_title(papers):
    assert [r.cb_kwargs["hints"]["item_title"] for r in papers] == ["Minutes", "Work Programme"]


def test_get_meeting_committee_and_date(papers):
    hints = papers[1].cb_kwargs["hints"]
    assert (hints["committee"], hints["meeting_date"]) == ("Audit Committee", "2026-02-10")


def test_get_meeting_document_title_and_publication(papers):
    hints = papers[1].cb_kwargs["hints"]
    assert (hints["title"], hints["published"]) == ("DRAFT WP FEBRUARY 2026", "2026-02-02")


def test_get_meeting_without_agenda_has_no_papers(spider):
    assert list(spider.parse_meeting_xml(xml("lgsf_manchester_GetMeeting_no_minutes.xml", f"{BASE}/x"))) == []


def test_missing_web_service_falls_back_to_html(spider):
    response = Response(url=f"{BASE}/mgWebService.asmx/GetCommittees", status=404, body=b"<html>Not found</html>")
    (request,) = list(spider.parse_committees_xml(response))
    assert request.url == f"{BASE}/mgListCommittees.aspx"


def test_html_error_page_with_200_falls_back_too(spider):
    response = Response(url=f"{BASE}/mgWebService.asmx/GetCommittees", status=200, body=b"<!DOCTYPE html><html><body>Error</body></html>")
    assert [r.url for r in spider.parse_committees_xml(response)] == [f"{BASE}/mgListCommittees.aspx"]


# -- HTML pages (tests/files) -------------------------------------------------------

def test_committee_list_html(spider):
    response = file_response(FILES / "moderngov" / "mgListCommittees.html", f"{BASE}/mgListCommittees.aspx")
    assert [r.url for r in spider.parse_committees_html(response)] == [
        f"{BASE}/ieListMeetings.aspx?CommitteeId=163",
        f"{BASE}/ieListMeetings.aspx?CommitteeId=144",
        f"{BASE}/ieListMeetings.aspx?CommitteeId=150",
    ]


def test_meetings_html_in_window_and_not_cancelled(spider):
    response = file_response(FILES / "moderngov" / "ieListMeetings.html", f"{BASE}/ieListMeetings.aspx?CommitteeId=144")
    requests = [r for r in spider.parse_meetings_html(response, committee="Audit Committee") if "ieListDocuments" in r.url]
    assert [(r.url, r.cb_kwargs["meeting_date"]) for r in requests] == [(f"{BASE}/ieListDocuments.aspx?CId=144&MId=4967&Ver=4", "2026-02-10")]


def test_meetings_html_follows_other_years_in_the_window(spider):
    response = file_response(FILES / "moderngov" / "ieListMeetings.html", f"{BASE}/ieListMeetings.aspx?CommitteeId=144")
    years = [r for r in spider.parse_meetings_html(response, committee="Audit Committee") if "ieListMeetings" in r.url]
    assert [(r.url, r.cb_kwargs["committee"]) for r in years] == [(f"{BASE}/ieListMeetings.aspx?CId=144&Year=2025", "Audit Committee")]
    spider.source["date_from"] = "2026-01-01"
    assert not [r for r in spider.parse_meetings_html(response) if "ieListMeetings" in r.url]


@pytest.fixture
def html_papers(spider):
    response = file_response(FILES / "moderngov" / "ieListDocuments.html", f"{BASE}/ieListDocuments.aspx?CId=144&MId=4967&Ver=4")
    return list(spider.parse_documents_html(response))


def test_documents_html_skips_the_reports_pack(html_papers):
    assert not any("reports%20pack" in r.url for r in html_papers)
    assert len(html_papers) == 3  # printed minutes + two item papers


def test_documents_html_item_title(html_papers):
    assert [r.cb_kwargs["hints"]["item_title"] for r in html_papers[1:]] == ["Minutes", "Work Programme"]


def test_documents_html_committee_and_date_from_title(html_papers):
    hints = html_papers[2].cb_kwargs["hints"]
    assert (hints["committee"], hints["meeting_date"]) == ("Audit Committee", "2026-02-10")


def test_documents_html_paper_title(html_papers):
    assert html_papers[2].cb_kwargs["hints"]["title"] == "DRAFT WP FEBRUARY 2026"


@pytest.mark.parametrize(
    "attr,text,expected",
    [
        ("Link to document 'Children's Social Care Workforce Update' ", "x", "Children's Social Care Workforce Update"),
        ("Link to document 'Budget 2024/25' pdf file", "x", "Budget 2024/25"),
        (None, "Budget report PDF 210 KB", "Budget report"),
    ],
)
def test_link_title(attr, text, expected):
    assert link_title(attr, text) == expected


@pytest.mark.parametrize(
    "text,iso",
    [("Tuesday, 10th February, 2026 10.00 am", "2026-02-10"), ("1st Sept 2025", "2025-09-01"), ("10/02/2026", "2026-02-10"), ("no date", None)],
)
def test_text_date(text, iso):
    assert text_date(text) == iso


def test_base_url_is_required(tmp_path):
    with pytest.raises(ValueError, match="base_url"):
        make_spider(ModernGovSpider, tmp_path)
