"""The CMIS spider on Democracy Club's saved CMIS pages (tests/files/cmis, Birmingham's CMIS)."""

from __future__ import annotations

from datetime import date

import pytest

from councilfacts.scrapers.spiders.cmis import CmisSpider, day_of, months

from .conftest import FILES, file_response, make_spider, text_pdf

CMIS = FILES / "cmis"
SITE = "https://birmingham.cmis.uk.com/birmingham/"
MEETING = SITE + "Meetings/tabid/70/ctl/ViewMeetingPublic/mid/397/Meeting/{}/Committee/{}/SelectedTab/Documents/Default.aspx"


def spider(tmp_path, **source):
    source.setdefault("base_url", SITE)
    return make_spider(CmisSpider, tmp_path, **source)


def test_months_and_days():
    assert months(date(2025, 12, 15), date(2026, 2, 1)) == [date(2025, 12, 1), date(2026, 1, 1), date(2026, 2, 1)]
    assert day_of("Monday, 8 June", 2026) == date(2026, 6, 8)
    assert day_of("Tuesday, 30 June 2027", 2026) == date(2027, 6, 30)
    assert day_of("10:00 Planning Committee", 2026) is None


def test_meetings_page_names_the_module(tmp_path):
    s = spider(tmp_path)
    [request] = list(s.parse_meetings_page(file_response(CMIS / "cmis_base.html", SITE + "Meetings.aspx")))
    assert request.url == SITE + "Meetings.aspx?ctl=MeetingCalendarListView&mid=397"


def test_a_page_without_the_module_tries_the_next_name(tmp_path):
    s = spider(tmp_path)
    [request] = list(s.parse_meetings_page(file_response(CMIS / "cmis_detail_no_minutes.html", SITE + "Meetings.aspx"), i=0))
    assert request.url == SITE + "MeetingsCalendar.aspx"


def test_list_view_gives_the_month_calendar_for_each_month_of_the_window(tmp_path):
    s = spider(tmp_path, date_from="2026-05-20", date_to="2026-07-03")
    requests = list(s.parse_list_view(file_response(CMIS / "cmis_listview.html", SITE + "Meetings.aspx?ctl=MeetingCalendarListView&mid=397")))
    assert [r.url for r in requests] == [
        SITE + f"Meetings/tabid/70/ctl/MeetingCalendarPublicNoJava/mid/397/Date/2026-0{m}-01/Default.aspx" for m in (5, 6, 7)
    ]


def test_month_calendar_lists_each_meeting_with_its_day(tmp_path):
    s = spider(tmp_path, date_from="2026-06-01", date_to="2026-06-30")
    response = file_response(CMIS / "cmis_calendar_month.html", SITE + "x/Date/2026-06-01/Default.aspx")
    requests = list(s.parse_month(response, month=date(2026, 6, 1)))
    got = [(r.cb_kwargs["meeting_id"], r.cb_kwargs["committee"], r.cb_kwargs["meeting_date"]) for r in requests]
    assert got == [
        ("15028", "Licensing Sub-Committee A", "2026-06-08"),
        ("15029", "Licensing Sub-Committee B", "2026-06-09"),
        ("15030", "Licensing Sub-Committee B", "2026-06-09"),
        ("15099", "Planning Committee", "2026-06-30"),
    ]
    assert requests[0].url == MEETING.format(15028, 6)


def test_month_calendar_keeps_the_window_and_the_committees_asked_for(tmp_path):
    s = spider(tmp_path, date_from="2026-06-09", date_to="2026-06-30", committees=["Planning"])
    response = file_response(CMIS / "cmis_calendar_month.html", SITE + "x/Date/2026-06-01/Default.aspx")
    assert [r.cb_kwargs["meeting_id"] for r in s.parse_month(response, month=date(2026, 6, 1))] == ["15099"]


def test_meeting_page_yields_its_papers(tmp_path):
    s = spider(tmp_path)
    response = file_response(CMIS / "cmis_detail_with_minutes.html", MEETING.format(15042, 4))
    requests = list(s.parse_meeting(response, meeting_id="15042", committee="Planning Committee", meeting_date="2026-07-09"))
    assert [r.url for r in requests] == [
        "https://birmingham.cmis.uk.com/Birmingham/Document.ashx?id=abc123",
        "https://birmingham.cmis.uk.com/Birmingham/Document.ashx?id=def456",
    ]
    hints = requests[1].cb_kwargs["hints"]
    assert hints["title"] == "Final Agenda Reports - 9th July 2026"
    assert hints["committee"] == "Planning Committee" and hints["meeting_date"] == "2026-07-09"
    assert hints["meta"]["meeting_id"] == "15042"


def test_meeting_summary_names_the_committee(tmp_path):
    s = spider(tmp_path)
    response = file_response(CMIS / "cmis_meeting_summary.html", MEETING.format(15218, 6))
    [request] = list(s.parse_meeting(response, meeting_id="15218", committee=None, meeting_date="2026-08-03"))
    assert request.cb_kwargs["hints"]["committee"] == "Licensing Sub-Committee A"
    assert request.url.endswith("/birmingham/Document.ashx?czJKcaeAi5tUFL1DTL2UE4sOqCLHzE2A")


def test_a_source_needs_its_site(tmp_path):
    with pytest.raises(ValueError, match="base_url"):
        make_spider(CmisSpider, tmp_path)


def local(text: str, base: str) -> str:
    """A saved page as the local server serves it: Birmingham's host and folder are ours."""
    for old in ("https://birmingham.cmis.uk.com/birmingham/", "http://birmingham.cmis.uk.com/birmingham/"):
        text = text.replace(old, base + "/cmis/")
    return text.replace('href="/Birmingham/', 'href="/cmis/').replace('href="/birmingham/', 'href="/cmis/')


def test_crawl_over_http_collects_every_paper_once(site, crawl, db):
    """Saved pages served on 127.0.0.1: the meetings page (under a name found by trying),
    list view, June's calendar, three meeting pages (a fourth is gone) and their papers."""
    read = lambda name: local((CMIS / name).read_text(), site.base)  # noqa: E731
    site.write("cmis/CalendarofMeetings.aspx", read("cmis_base.html"))
    site.write("cmis/CalendarofMeetings.aspx.listview.html", read("cmis_listview.html"))
    site.write("cmis/Meetings/tabid/70/ctl/MeetingCalendarPublicNoJava/mid/397/Date/2026-06-01/Default.aspx", read("cmis_calendar_month.html"))
    pages = {15028: ("cmis_detail_with_minutes.html", 6), 15029: ("cmis_detail_no_minutes.html", 7), 15030: ("cmis_meeting_summary.html", 7)}
    for mid, (name, cid) in pages.items():
        site.write(f"cmis/Meetings/tabid/70/ctl/ViewMeetingPublic/mid/397/Meeting/{mid}/Committee/{cid}/SelectedTab/Documents/Default.aspx", read(name))
    for doc in ("id_abc123", "id_def456", "id_xyz789", "czJKcaeAi5tUFL1DTL2UE4sOqCLHzE2A"):
        site.write(f"cmis/docs/{doc}.pdf", text_pdf([f"Report {doc}: the council employs 40 agency social workers."]))
    source = {
        "name": "test-cmis", "spider": "cmis", "base_url": site.base + "/cmis/", "allowed_domains": ["127.0.0.1"],
        "councils": [{"name": "Birmingham City Council", "code": "E08000025"}], "date_from": "2026-06-01", "date_to": "2026-06-30",
    }
    stats = crawl([source])
    assert stats["new"] == 4, stats
    rows = db().execute("select url, title, committee, meeting_date, council_code, kind from documents order by url").fetchall()
    assert {r[0].rsplit("?", 1)[1] for r in rows} == {"id=abc123", "id=def456", "id=xyz789", "czJKcaeAi5tUFL1DTL2UE4sOqCLHzE2A"}
    assert all(r[4] == "E08000025" and r[5] == "committee_paper" for r in rows)
    by_title = {r[1]: r for r in rows}
    assert by_title["Agenda Contents"][2:4] == ("Licensing Sub-Committee B", "2026-06-09")
    assert by_title["Minutes of the previous meeting"][2] == "Licensing Sub-Committee A"
    paths = [p for _, p, _ in site.log]
    assert "/cmis/Meetings.aspx" in paths and "/cmis/MeetingsCalendar.aspx" in paths  # tried before the right name
    missing = db().execute("select target, severity from errors").fetchall()
    assert [(u.split("/Meeting/")[1].split("/")[0], s) for u, s in missing] == [("15099", "missing")]
    # a re-crawl of the unchanged site stores nothing again
    again = crawl([source])
    assert again["new"] == 0 and again["changed"] == 0, again
