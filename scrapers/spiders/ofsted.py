"""A local authority's children's services inspections on reports.ofsted.gov.uk.

The provider page (/provider/44/<urn>) lists each inspection with its date and a link
to the report on files.ofsted.gov.uk (/v1/file/<id>, no extension). The spider fetches
the reports (sniffed: Ofsted serves an HTML "report not found" page for some) and puts
the judgements the page shows into the report's `meta` as
{"judgements": [{"judgement", "grade", "date"}]}, which the extract stage turns into
`ofsted_rating` facts.

Source entry keys: start_urls (provider pages), report_types (title substrings to keep;
default children's services inspections, focused visits, monitoring visits and JTAIs;
[] keeps everything).
"""

from __future__ import annotations

import re

import scrapy

from councilfacts.documents import PDF, iso_date

from .base import SourceSpider, clean

GRADE = r"(Outstanding|Good|Requires improvement(?: to be good)?|Inadequate|Not judged|Not reported)"
JUDGEMENT = (
    r"(Overall effectiveness|The impact of leaders[^:\n]*?|Impact of leaders[^:\n]*?|"
    r"The experiences and progress of children who need help and protection|"
    r"The experiences and progress of children in care(?: and care leavers)?|"
    r"The experiences and progress of care leavers|"
    r"Children who need help and protection|Children looked after and achieving permanence|"
    r"Adoption performance|Experiences and progress of care leavers|Leadership, management and governance)"
)
PAIR = re.compile(JUDGEMENT + r"\s*[:\-–]?\s*" + GRADE, re.I)
DATE = re.compile(r"\b(\d{1,2} (?:January|February|March|April|May|June|July|August|September|October|November|December) \d{4})\b")
DEFAULT_TYPES = ["children's services inspection", "children’s services inspection", "focused visit", "monitoring visit", "joint targeted area inspection", "inspection of local authority children"]


def judgements_in(text: str, date: str | None) -> list[dict]:
    out, seen = [], set()
    for m in PAIR.finditer(text):
        judgement = clean(m.group(1))
        grade = m.group(2).lower()
        if grade.startswith("requires improvement"):
            grade = "requires improvement"  # MEASURES.md: outstanding, good, requires improvement, inadequate
        if grade.startswith("not "):
            continue
        key = (judgement.lower(), grade)
        if key not in seen:
            seen.add(key)
            out.append({"judgement": judgement, "grade": grade, "date": date})
    return out


class OfstedSpider(SourceSpider):
    name = "ofsted"
    kind = "ofsted_report"
    expect = [PDF]

    async def start(self):
        for url in self.start_urls:
            yield scrapy.Request(url, callback=self.parse_provider, errback=self.failed, dont_filter=True)

    def report_wanted(self, title: str) -> bool:
        types = self.source.get("report_types", DEFAULT_TYPES)
        return not types or any(t.lower() in title.lower() for t in types)

    def reports(self, response) -> list[dict]:
        """One dict per report link: url, title, dates and the judgements shown beside it."""
        found = []
        for link in response.xpath('//a[contains(@href, "/v1/file/") or contains(@class, "publication-link")]'):
            href = link.attrib.get("href")
            if not href:
                continue
            url = response.urljoin(href)
            if any(r["url"] == url for r in found):
                continue
            title = clean(" ".join(link.xpath(".//text()").getall())) or ""
            title = re.sub(r"\s*-?\s*PDF\b.*$", "", title).strip() or title
            box = link.xpath("ancestor::li[1]") or link.xpath("ancestor::tr[1]") or link.xpath("ancestor::div[1]")
            text = clean(" ".join(box[0].xpath(".//text()").getall())) if box else title
            times = box[0].xpath(".//time/@datetime").getall() if box else []
            dates = [iso_date(t) for t in times] + [iso_date(d) for d in DATE.findall(text or "")]
            dates = [d for d in dates if d]
            published = None
            m = re.search(r"Publi(?:shed|cation date)\s*:?\s*" + DATE.pattern, text or "", re.I)
            if m:
                published = iso_date(m.group(1))
            inspected = None
            m = re.search(r"Inspection (?:end )?date[s]?\s*:?\s*(?:\d{1,2}(?: \w+)?(?: \d{4})? (?:to|-|–) )?" + DATE.pattern, text or "", re.I)
            if m:
                inspected = iso_date(m.group(1))
            published = published or (dates[-1] if dates else None)
            found.append(
                {
                    "url": url,
                    "title": title,
                    "published": published,
                    "inspection_date": inspected,
                    "judgements": judgements_in(text or "", inspected or published),
                }
            )
        return found

    def parse_provider(self, response):
        reports = [r for r in self.reports(response) if self.report_wanted(r["title"])]
        if not reports:
            self.record_error(response.url, "no inspection reports found on the provider page")
            return
        # Judgements shown in a summary block (not beside a report) belong to the latest full inspection.
        page_text = clean(" ".join(response.xpath("//body//text()[not(ancestor::script) and not(ancestor::style)]").getall())) or ""
        listed = {(j["judgement"].lower(), j["grade"]) for r in reports for j in r["judgements"]}
        summary = [j for j in judgements_in(page_text, None) if (j["judgement"].lower(), j["grade"]) not in listed]
        if summary:
            inspections = [r for r in reports if "inspection" in r["title"].lower() and "visit" not in r["title"].lower()]
            latest = max(inspections or reports, key=lambda r: r["published"] or "")
            m = re.search(r"(?:Inspection|Report published|Published)[^.]{0,40}?" + DATE.pattern, page_text, re.I)
            when = latest["inspection_date"] or latest["published"] or (iso_date(m.group(1)) if m else None)
            latest["judgements"] += [dict(j, date=when) for j in summary]
        for r in reports:
            meta = {"report_type": r["title"], "inspection_date": r["inspection_date"], "provider_page": response.url}
            if r["judgements"]:
                meta["judgements"] = r["judgements"]
            hints = {"title": r["title"], "published": r["published"], "meta": meta}
            yield self.document_request(r["url"], hints)
