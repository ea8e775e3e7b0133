"""Any council on ModernGov: committees -> meetings in a date range -> agenda items -> papers.

One class for every ModernGov council (hundreds in the UK); a council is an entry in
data/sources.yml with its `base_url`. The spider asks the mgWebService XML interface first
(GetCommittees, GetMeetings with a date range, GetMeeting for agenda items and their
linked documents) and falls back to the HTML pages (mgListCommittees.aspx,
ieListMeetings.aspx, ieListDocuments.aspx) where a council does not expose it. Each paper
keeps its committee, meeting date and agenda item title.

Source entry keys: base_url, committees (title substrings to keep; default all),
include_expired (default false), days_back / days_ahead or date_from / date_to,
documents (title substrings to keep, e.g. ["report", "budget"]; default all), keywords.
"""

from __future__ import annotations

import html as htmllib
import re
from urllib.parse import parse_qs, urlencode, urljoin, urlparse

import scrapy

from councilfacts.documents import DOCX, PDF, XML, iso_date, sniff

from .base import SourceSpider, child_text, clean, local, xml_root

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
TEXT_DATE = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?,?\s+({MONTHS}),?\s+(\d{{4}})\b", re.I)
NUM_DATE = re.compile(r"\b(\d{1,2}/\d{1,2}/\d{4})\b")


def text_date(text: str | None) -> str | None:
    if not text:
        return None
    m = TEXT_DATE.search(text)
    if m:
        return iso_date(" ".join(m.groups()))
    m = NUM_DATE.search(text)
    return iso_date(m.group(1)) if m else None


def link_title(attr: str | None, text: str | None) -> str | None:
    """A paper's title from its link: title="Link to document 'X' pdf file", else the text less "PDF 200 KB"."""
    m = re.match(r"\s*Link to document\s+['‘](.+)['’](?:\s+\w+\s+file)?\s*$", attr or "", re.I)
    if m:
        return clean(m.group(1))
    text = clean(text) or clean(attr)
    return re.sub(r"\s*\b(PDF|pdf|DOCX?|docx?)\s*[\d.,]+\s*[KMG]B\s*$", "", text or "").strip() or text


def query_int(url: str, *names: str) -> int | None:
    """An integer query parameter, names matched case-insensitively as ASP.NET does."""
    params = {k.lower(): v for k, v in parse_qs(urlparse(url).query).items()}
    for name in names:
        value = params.get(name.lower())
        if value and value[0].isdigit():
            return int(value[0])
    return None


class ModernGovSpider(SourceSpider):
    name = "moderngov"
    kind = "committee_paper"
    expect = [PDF, DOCX]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        base = (self.source.get("base_url") or (self.start_urls[0] if self.start_urls else "")).rstrip("/")
        if not base:
            raise ValueError(f"source {self.source_name!r}: a moderngov source needs base_url")
        self.base = base + "/"
        if not self.allowed_domains:
            self.allowed_domains = [urlparse(self.base).hostname]

    def url(self, path: str, **params) -> str:
        return urljoin(self.base, path) + (("?" + urlencode(params, safe="/")) if params else "")

    def committee_wanted(self, title: str | None, expired: bool = False) -> bool:
        if expired and not self.source.get("include_expired", False):
            return False
        wanted = self.source.get("committees")
        return not wanted or any(w.lower() in (title or "").lower() for w in wanted)

    def document_wanted(self, title: str | None) -> bool:
        wanted = self.source.get("documents")
        return not wanted or any(w.lower() in (title or "").lower() for w in wanted)

    async def start(self):
        yield scrapy.Request(
            self.url("mgWebService.asmx/GetCommittees"),
            callback=self.parse_committees_xml,
            errback=self.no_web_service,
            dont_filter=True,
            meta={"handle_httpstatus_all": True},
        )

    # -- the web service --------------------------------------------------------------
    def _xml(self, response):
        if response.status != 200 or sniff(response.body, None, response.url) not in (XML,):
            return None
        return xml_root(response.body)

    def no_web_service(self, failure=None):
        self.logger.info("%s: no mgWebService; reading the HTML pages", self.source_name)
        self.crawler.stats.inc_value("councilfacts/moderngov_html_fallback")
        return scrapy.Request(self.url("mgListCommittees.aspx"), callback=self.parse_committees_html, errback=self.failed, dont_filter=True)

    def parse_committees_xml(self, response):
        root = self._xml(response)
        if root is None or local(root.tag) != "committees":
            yield self.no_web_service()
            return
        start, end = self.window()
        for node in root:
            if local(node.tag) != "committee":
                continue
            cid, title = child_text(node, "committeeid"), clean(child_text(node, "committeetitle"))
            if not cid or (child_text(node, "committeedeleted") or "").lower() == "true":
                continue
            if not self.committee_wanted(title, (child_text(node, "committeeexpired") or "").lower() == "true"):
                continue
            yield scrapy.Request(
                self.url(
                    "mgWebService.asmx/GetMeetings",
                    lCommitteeId=cid,
                    sFromDate=start.strftime("%d/%m/%Y"),
                    sToDate=end.strftime("%d/%m/%Y"),
                ),
                callback=self.parse_meetings_xml,
                errback=self.failed,
                cb_kwargs={"committee": title},
            )

    def parse_meetings_xml(self, response, committee: str | None = None):
        root = self._xml(response)
        if root is None:
            self.record_error(response.url, "GetMeetings did not return XML")
            return
        for node in root.iter():
            if local(node.tag) != "meeting":
                continue
            mid = child_text(node, "meetingid")
            when = iso_date(child_text(node, "meetingdate"))
            if not mid or (child_text(node, "meetingstatus") or "").lower() == "cancelled" or not self.in_window(when):
                continue
            yield scrapy.Request(
                self.url("mgWebService.asmx/GetMeeting", lMeetingId=mid),
                callback=self.parse_meeting_xml,
                errback=self.failed,
                cb_kwargs={"committee": committee, "meeting_date": when},
            )

    def parse_meeting_xml(self, response, committee: str | None = None, meeting_date: str | None = None):
        root = self._xml(response)
        if root is None or local(root.tag) != "meeting":
            self.record_error(response.url, "GetMeeting did not return a meeting")
            return
        meeting_id = child_text(root, "meetingid")
        meeting_date = iso_date(child_text(root, "meetingdate")) or meeting_date
        for item in root.iter():
            if local(item.tag) != "agendaitem":
                continue
            item_title = clean(child_text(item, "agendaitemtitle"))
            number = clean(child_text(item, "fulldisplaynumberformat")) or child_text(item, "agendaitemnumber")
            for doc in item.iter():
                if local(doc.tag) != "linkeddoc":
                    continue
                url = child_text(doc, "url")
                title = clean(htmllib.unescape(child_text(doc, "title") or ""))
                if not url or (child_text(doc, "isrestricted") or "").lower() == "true":
                    continue
                if (child_text(doc, "isurl") or "").lower() == "true" and not urlparse(url).path.lower().endswith(".pdf"):
                    continue  # a link to another website, not a paper
                if not self.document_wanted(title):
                    continue
                yield self.document_request(
                    urljoin(self.base, url),
                    {
                        "title": title,
                        "committee": clean(child_text(doc, "committeetitle")) or committee,
                        "meeting_date": meeting_date,
                        "item_title": item_title,
                        "published": iso_date(child_text(doc, "publicationdate")),
                        "meta": {
                            "meeting_id": meeting_id,
                            "agenda_item": number,
                            "attachment_id": child_text(doc, "attachmentid"),
                            "via": "mgWebService",
                        },
                    },
                )

    # -- the HTML pages ---------------------------------------------------------------
    def parse_committees_html(self, response):
        seen = set()
        for link in response.xpath("//a[@href]"):
            href = link.attrib["href"]
            if not re.search(r"(mgCommitteeDetails|ieListMeetings|mgCommitteeMailingList)\.aspx", href, re.I):
                continue
            cid = query_int(href, "ID", "CommitteeId", "CId")
            title = clean(" ".join(link.xpath(".//text()").getall()))
            if cid is None or cid in seen or not self.committee_wanted(title):
                continue
            seen.add(cid)
            yield scrapy.Request(
                self.url("ieListMeetings.aspx", CommitteeId=cid),
                callback=self.parse_meetings_html,
                errback=self.failed,
                cb_kwargs={"committee": title},
            )

    def parse_meetings_html(self, response, committee: str | None = None):
        # ModernGov lists one municipal year a page, with links to the others: follow those
        # whose year falls in the window (the dupefilter stops a year being read twice).
        start, end = self.window()
        for href in response.xpath('//a[@href][contains(translate(@href, "ILSTMEESGY", "ilstmeesgy"), "ielistmeetings.aspx")]/@href').getall():
            year = query_int(href, "Year")
            if year and start.year <= year <= end.year:
                yield scrapy.Request(response.urljoin(href), callback=self.parse_meetings_html, errback=self.failed, cb_kwargs={"committee": committee})
        seen = set()
        for link in response.xpath('//a[@href][contains(translate(@href, "ILSTDOCUMENT", "ilstdocument"), "ielistdocuments.aspx")]'):
            href = link.attrib["href"]
            mid = query_int(href, "MId")
            text = clean(" ".join(link.xpath(".//text()").getall()))
            when = text_date(text)
            if mid is None or mid in seen or not self.in_window(when):
                continue
            if text and re.search(r"\bcancelled\b", text, re.I):
                continue
            seen.add(mid)
            yield scrapy.Request(
                response.urljoin(href),
                callback=self.parse_documents_html,
                errback=self.failed,
                cb_kwargs={"committee": committee, "meeting_date": when},
            )

    def parse_documents_html(self, response, committee: str | None = None, meeting_date: str | None = None):
        heading = clean(" ".join(response.xpath("//title//text()").getall())) or ""
        m = re.search(r"Agenda (?:for|and draft minutes for|and minutes for)?\s*(.+?)\s+on\s+(.+)$", heading, re.I)
        if m:
            committee = committee or clean(m.group(1))
            meeting_date = text_date(m.group(2)) or meeting_date
        meeting_date = meeting_date or text_date(heading)
        seen = set()
        for link in response.xpath("//a[@href]"):
            href = link.attrib["href"]
            if not re.search(r"(^|/)documents/|mgConvert2PDF\.aspx|\.pdf($|\?)", href, re.I):
                continue
            if re.search(r"reports?(%20|\s|\+)+pack|frontsheet", href, re.I):
                continue  # the whole agenda pack repeats the item papers: read each once
            url = response.urljoin(href)
            if url in seen:
                continue
            seen.add(url)
            title = link_title(link.attrib.get("title"), " ".join(link.xpath(".//text()").getall()))
            item_title = None
            rows = link.xpath("ancestor::tr[1]")
            if rows:
                item_title = clean(
                    " ".join(rows[0].xpath('.//*[contains(@class, "mgAiTitle")][not(ancestor-or-self::*[contains(@class, "mgItemNumberCell")])]//text()').getall())
                )
            if not item_title:
                before = link.xpath('preceding::*[contains(@class, "mgAiTitle")][1]//text()').getall()
                item_title = clean(" ".join(before))
            if not self.document_wanted(title):
                continue
            yield self.document_request(
                url,
                {
                    "title": title,
                    "committee": committee,
                    "meeting_date": meeting_date,
                    "item_title": item_title,
                    "meta": {"meeting_id": str(query_int(response.url, "MId") or "") or None, "via": "html"},
                },
            )
