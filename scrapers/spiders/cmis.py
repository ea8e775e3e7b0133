"""Any council on CMIS (Civica's committee system): meetings calendar -> meeting pages -> papers.

CMIS is a DotNetNuke site. Its meetings module has no web service, but serves plain
pages that need no session or script:

1. the meetings page (`Meetings.aspx`, `MeetingsCalendar.aspx` or `CalendarofMeetings.aspx`
   under the site's folder, e.g. https://cmis.essex.gov.uk/EssexCmis5/) names the module
   (`dnn$ctr397$MeetingCalendarPublic...`);
2. its list view (`?ctl=MeetingCalendarListView&mid=397`) lists this month's meetings; a
   meeting link there gives the site's tab and module path;
3. the month calendar at `<site>/<page>/tabid/70/ctl/MeetingCalendarPublicNoJava/mid/397/
   Date/<yyyy-mm-01>/Default.aspx` lists any month's meetings: day cells ("Monday, 8 June",
   the year from the month asked for) beside links to each meeting
   (`.../ctl/ViewMeetingPublic/mid/397/Meeting/<id>/Committee/<id>/...`);
4. a meeting page lists its papers (`li.DocumentListItem a.TitleLink` -> `Document.ashx?...`,
   opaque ids, no extension: the bytes say what they are).

The shapes follow Democracy Club's LGSF fixtures of Birmingham's CMIS (tests/files/cmis).

Source entry keys: base_url (the CMIS site folder), meetings_page (default: the three
names above, tried in turn), committees (title substrings to keep), documents (title
substrings to keep), days_back / days_ahead or date_from / date_to, keywords.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from urllib.parse import urljoin

import scrapy

from councilfacts.documents import DOCX, PDF

from .base import SourceSpider, clean

MEETINGS_PAGES = ["Meetings.aspx", "MeetingsCalendar.aspx", "CalendarofMeetings.aspx"]
MODULE = re.compile(r"dnn\$ctr(\d+)\$MeetingCalendarPublic\w*\$")
MODULE_PATH = re.compile(r"^(?P<prefix>.*?/tabid/\d+)/ctl/\w+/mid/(?P<mid>\d+)/", re.I)
MEETING = re.compile(r"/Meeting/(?P<meeting>\d+)/Committee/(?P<committee>\d+)/", re.I)
DAY = re.compile(r"^\w+day,?\s+(?P<day>\d{1,2})\s+(?P<month>[A-Za-z]+)(?:\s+(?P<year>\d{4}))?$")
ENTRY = re.compile(r"^(?:(?P<time>\d{1,2}[:.]\d{2})\s+)?(?P<committee>.+)$")
LIST_ROW = re.compile(r"^(?P<date>\d{1,2} \w+ \d{4})(?: \d{1,2}:\d{2})?\s*-\s*(?P<committee>.+)$")
FILE_SIZE = re.compile(r"\s*\(\s*[\d.,]+\s*[KMG]b\s*\)\s*$", re.I)


def months(start: date, end: date) -> list[date]:
    """The first day of every month from start's to end's."""
    out, m = [], start.replace(day=1)
    while m <= end:
        out.append(m)
        m = m.replace(year=m.year + (m.month == 12), month=m.month % 12 + 1)
    return out


def day_of(text: str, year: int) -> date | None:
    """'Monday, 8 June' (the calendar gives no year: the month asked for does) -> a date."""
    m = DAY.match(clean(text) or "")
    if not m:
        return None
    try:
        return datetime.strptime(f"{m['day']} {m['month'][:3]} {m['year'] or year}", "%d %b %Y").date()
    except ValueError:
        return None


class CmisSpider(SourceSpider):
    name = "cmis"
    kind = "committee_paper"
    expect = [PDF, DOCX]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        base = (self.source.get("base_url") or "").strip()
        if not base:
            raise ValueError(f"source {self.source_name!r}: a cmis source needs base_url (the CMIS site's folder)")
        self.base = base if base.endswith("/") else base + "/"
        pages = self.source.get("meetings_page") or MEETINGS_PAGES
        self.pages = [pages] if isinstance(pages, str) else list(pages)

    def committee_wanted(self, title: str | None) -> bool:
        wanted = self.source.get("committees")
        return not wanted or any(w.lower() in (title or "").lower() for w in wanted)

    def document_wanted(self, title: str | None) -> bool:
        wanted = self.source.get("documents")
        return not wanted or any(w.lower() in (title or "").lower() for w in wanted)

    async def start(self):
        yield self.meetings_page(0)

    def meetings_page(self, i: int) -> scrapy.Request:
        return scrapy.Request(
            urljoin(self.base, self.pages[i]), callback=self.parse_meetings_page, errback=self.no_meetings_page,
            dont_filter=True, cb_kwargs={"i": i},
        )

    def no_meetings_page(self, failure):
        i = failure.request.cb_kwargs["i"]
        if i + 1 < len(self.pages):
            return self.meetings_page(i + 1)  # the page name varies between installs
        return self.failed(failure)

    # -- the calendar -----------------------------------------------------------------
    def parse_meetings_page(self, response, i: int = 0):
        m = MODULE.search(response.text)
        if not m:
            if i + 1 < len(self.pages):
                yield self.meetings_page(i + 1)
            else:
                self.record_error(response.url, "no CMIS meetings module on the page (dnn$ctrNNN$MeetingCalendarPublic)")
            return
        sep = "&" if "?" in response.url else "?"
        yield scrapy.Request(f"{response.url}{sep}ctl=MeetingCalendarListView&mid={m.group(1)}", callback=self.parse_list_view, errback=self.failed)

    def meeting_links(self, response):
        """(url, meeting id, committee, date) for meeting links of a list view page."""
        for row in response.css("tr.rgRow, tr.rgAltRow"):
            link = row.xpath(".//a[@href]")
            if not link:
                continue
            href = link[0].attrib["href"]
            text = clean(" ".join(link[0].xpath(".//text()").getall())) or ""
            m, t = MEETING.search(href), LIST_ROW.match(text)
            if not m or not t:
                continue
            when = datetime.strptime(t["date"], "%d %b %Y").date() if re.fullmatch(r"\d{1,2} [A-Z][a-z]{2} \d{4}", t["date"]) else None
            yield response.urljoin(href), m["meeting"], clean(t["committee"]), when

    def parse_list_view(self, response):
        start, end = self.window()
        template = None
        for href in response.xpath("//a/@href").getall():
            m = MODULE_PATH.match(response.urljoin(href))
            if m and MEETING.search(href):
                template = f"{m['prefix']}/ctl/MeetingCalendarPublicNoJava/mid/{m['mid']}/Date/{{date}}/Default.aspx"
                break
        if template is None:
            # No meeting this month to learn the calendar's address from: this month only.
            self.crawler.stats.inc_value("councilfacts/cmis_list_view_only")
            for url, mid, committee, when in self.meeting_links(response):
                yield from self.meeting(url, mid, committee, when)
            return
        for month in months(start, end):
            yield scrapy.Request(template.format(date=month.isoformat()), callback=self.parse_month, errback=self.failed, cb_kwargs={"month": month})

    def parse_month(self, response, month: date):
        for cell in response.xpath("//td"):
            when = day_of(" ".join(cell.xpath(".//text()").getall()), month.year)
            if when is None:
                continue
            entries = cell.xpath("following-sibling::td[1]")
            for link in entries.xpath(".//a[@href]"):
                href = link.attrib["href"]
                m = MEETING.search(href)
                e = ENTRY.match(clean(" ".join(link.xpath(".//text()").getall())) or "")
                if m and e:
                    yield from self.meeting(response.urljoin(href), m["meeting"], clean(e["committee"]), when)

    def meeting(self, url: str, meeting_id: str, committee: str | None, when: date | None):
        if not self.committee_wanted(committee) or not self.in_window(when.isoformat() if when else None):
            return
        if re.search(r"\bcancelled\b", committee or "", re.I):
            return
        yield scrapy.Request(
            url, callback=self.parse_meeting, errback=self.failed,
            cb_kwargs={"meeting_id": meeting_id, "committee": committee, "meeting_date": when.isoformat() if when else None},
        )

    # -- a meeting's papers -----------------------------------------------------------
    def parse_meeting(self, response, meeting_id: str, committee: str | None, meeting_date: str | None):
        summary = {}
        for holder in response.css("div.holder"):
            label = clean(" ".join(holder.css("div.DNNLabel ::text").getall()))
            value = clean(" ".join(holder.css("div.Value")[:1].xpath(".//text()").getall())) if holder.css("div.Value") else None
            if label and value:
                summary.setdefault(label.rstrip(":").strip(), value)
        if (summary.get("Status") or "").lower() == "cancelled":
            return
        seen = set()
        for link in response.css("li.DocumentListItem a.TitleLink, .CmisDocumentList a.TitleLink"):
            href = link.attrib.get("href")
            if not href:
                continue
            url = response.urljoin(href)
            if url in seen:
                continue
            seen.add(url)
            title = FILE_SIZE.sub("", clean(" ".join(link.xpath(".//text()").getall())) or "") or None
            if not self.document_wanted(title):
                continue
            yield self.document_request(
                url,
                {
                    "title": title,
                    "committee": summary.get("Committee") or committee,
                    "meeting_date": meeting_date,
                    "meta": {"meeting_id": meeting_id, "meeting_page": response.url, "via": "cmis"},
                },
            )
