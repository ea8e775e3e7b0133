"""Generate the sample site (SAMPLE DATA, invented for testing councilfacts) into data/sample/site/.

    .venv/bin/python data/sample/build_site.py          # rewrite site/ and expected.json
    .venv/bin/python data/sample/build_site.py --check  # regenerate in memory, report differences

The generated files are committed, so runs and tests do not need fpdf2; this script keeps
them reproducible (fixed PDF dates, sorted output). Content lives in news_content.py,
papers_content.py and ofsted_content.py; each document lists the facts a careful reader
would extract and the traps that must not become facts. After writing, every expected
`figure` and trap `text` is looked up in the document's own text (HTML stripped of tags,
PDF text read back with pypdfium2), so expected.json cannot drift from the documents.

`{{BASE_URL}}` in text files is replaced by the server (councilfacts.sample_site) with its
own http://127.0.0.1:PORT, so feeds, sitemaps and ModernGov XML carry absolute URLs.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import shutil
import sys
from datetime import datetime, timezone
from email.utils import format_datetime
from pathlib import Path
from urllib.parse import quote

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from news_content import ARTICLES  # noqa: E402
from cmis_content import CMIS  # noqa: E402
from ofsted_content import PROVIDERS  # noqa: E402
from papers_content import COMMON_ITEMS, MODERNGOV  # noqa: E402

SITE = HERE / "site"
BASE = "{{BASE_URL}}"
BANNER = "SAMPLE DATA \u2014 invented for testing councilfacts; these figures are not real"
BANNER_PDF = "SAMPLE DATA - invented for testing councilfacts; these figures are not real"
# The banner is page furniture, which text extraction (trafilatura) rightly drops, so each
# story also opens its body with this paragraph: the stored text of every sample document,
# and so every fact's document, then says it is invented. No figures in it (nothing to extract).
STORY_MARKER = "SAMPLE DATA \u2014 an invented story written to test councilfacts; the figures are not real."
# Every document title (headline, ModernGov paper link, Ofsted report link, PDF title)
# starts with this, so a fact's document title shows it too.
TAG = "[SAMPLE]"
PAPER = "Shire Gazette (SAMPLE)"
CODES = {
    "Northamptonshire County Council": "E10000021",
    "North Northamptonshire Council": "E06000061",
    "West Northamptonshire Council": "E06000062",
    "Essex County Council": "E10000012",
    "Birmingham City Council": "E08000025",
    "Liverpool City Council": "E08000012",
    "Hertfordshire County Council": "E10000015",
    "Kent County Council": "E10000016",
}
BANNER_HTML = (
    '<div class="sample-banner" role="note" style="background:#b00020;color:#fff;padding:8px;'
    f'text-align:center;font-family:sans-serif"><strong>{html.escape(BANNER)}</strong></div>'
)

e = html.escape


def tagged(title: str) -> str:
    """The title with the [SAMPLE] tag in front (once)."""
    return title if title.startswith(TAG) else f"{TAG} {title}"


def write(rel: str, data: str | bytes, out: dict) -> None:
    out[rel] = data.encode("utf-8") if isinstance(data, str) else data


# --------------------------------------------------------------------------- news


def news_path(a: dict) -> str:
    d = datetime.fromisoformat(a["published"])
    return f"/news/{d:%Y}/{d:%m}/{a['slug']}.html"


def long_date(iso: str) -> str:
    d = datetime.fromisoformat(iso)
    return f"{d.day} {d:%B %Y}"


GAZETTE_HEADER = f"""<header class="site-header">
  <a class="logo" href="/news/index.html">{PAPER}</a>
  <nav class="main-nav" aria-label="Sections">
    <ul>
      <li><a href="/news/index.html">News</a></li>
      <li><a href="/news/index.html#childrens-services">Children's services</a></li>
      <li><a href="/news/index.html#council-finances">Council finances</a></li>
      <li><a href="/news/index.html#contact">Contact us</a></li>
    </ul>
  </nav>
  <p class="newsdesk">Newsdesk: 01604 123456 &middot; 12 High Street, Northampton NN1 1AA</p>
</header>"""

GAZETTE_FOOTER = f"""<footer class="site-footer" id="contact">
  <p>&copy; 2024 {PAPER}. All rights reserved.</p>
  <p>{PAPER}, 12 High Street, Northampton NN1 1AA. Newsdesk 01604 123456.
     Registered in England No. 01234567.</p>
  <p><a href="/news/feed.xml">RSS</a> &middot; <a href="/news/sitemap.xml">Sitemap</a> &middot;
     <a href="/index.html">About this sample site</a></p>
  <p class="sample-note">{e(BANNER)}.</p>
</footer>"""


def article_html(a: dict, others: list[dict]) -> str:
    path = news_path(a)
    # Root-relative, not {{BASE_URL}}: a story's bytes must not depend on the port the sample
    # server happens to run on, or every run would see "changed" documents. (Feeds and
    # sitemaps, which are navigation, carry absolute URLs.)
    url = path
    description = f"{BANNER}. {a['standfirst']}"
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": a["headline"],
        "description": description,
        "datePublished": a["published"],
        "dateModified": a["modified"],
        "author": {"@type": "Person", "name": a["author"]},
        "publisher": {"@type": "Organization", "name": PAPER},
        "articleSection": a["section"],
        "mainEntityOfPage": url,
        "url": url,
        "isAccessibleForFree": True,
    }
    body = [f'    <p class="sample-marker"><strong>{e(STORY_MARKER, quote=False)}</strong></p>']
    for p in a["paragraphs"]:
        if p.startswith("<"):  # raw markup (the hostile-content story): kept verbatim
            body.append(f"    {p}")
        else:
            body.append(f"    <p>{e(p, quote=False)}</p>")
    related = "\n".join(
        f'      <li><a href="{news_path(o)}">{e(o["headline"])}</a></li>' for o in others[:3]
    )
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <title>{e(a['headline'])} | {PAPER}</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="description" content="{e(description)}">
  <meta name="author" content="{e(a['author'])}">
  <link rel="canonical" href="{url}">
  <link rel="alternate" type="application/rss+xml" title="{PAPER}" href="/news/feed.xml">
  <meta property="og:type" content="article">
  <meta property="og:site_name" content="{PAPER}">
  <meta property="og:title" content="{e(a['headline'])}">
  <meta property="og:description" content="{e(description)}">
  <meta property="og:url" content="{url}">
  <meta property="article:published_time" content="{a['published']}">
  <meta property="article:modified_time" content="{a['modified']}">
  <meta property="article:section" content="{e(a['section'])}">
  <meta property="article:author" content="{e(a['author'])}">
  <script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>
</head>
<body>
{BANNER_HTML}
{GAZETTE_HEADER}
<main id="main">
  <article class="story">
    <p class="kicker">{e(a['section'])}</p>
    <h1 class="headline">{e(a['headline'])}</h1>
    <p class="standfirst">{e(a['standfirst'], quote=False)}</p>
    <p class="byline">By <span class="author">{e(a['author'])}</span>, Local Democracy Reporter &middot;
      <time datetime="{a['published']}">{long_date(a['published'])}</time></p>
    <div class="article-body">
{chr(10).join(body)}
    </div>
  </article>
  <aside class="related">
    <h2>More from the Gazette</h2>
    <ul>
{related}
    </ul>
    <nav class="pagination" aria-label="More stories"><span>Page 2 of 3</span>
      <a href="/news/index.html">Next &rsaquo;</a></nav>
  </aside>
</main>
{GAZETTE_FOOTER}
</body>
</html>
"""


def news_index_html(articles: list[dict]) -> str:
    items = "\n".join(
        f'    <li><a href="{news_path(a)}">{e(a["headline"])}</a> '
        f'<time datetime="{a["published"]}">{long_date(a["published"])}</time></li>'
        for a in sorted(articles, key=lambda a: a["published"], reverse=True)
    )
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <title>Latest news | {PAPER}</title>
  <meta name="description" content="{e(BANNER)}. Latest news from the {PAPER}.">
  <link rel="canonical" href="{BASE}/news/index.html">
</head>
<body>
{BANNER_HTML}
{GAZETTE_HEADER}
<main id="main">
  <h1>Latest news</h1>
  <ul class="story-list">
{items}
  </ul>
  <nav class="pagination" aria-label="Pages"><span>Page 1 of 3</span></nav>
</main>
{GAZETTE_FOOTER}
</body>
</html>
"""


def rss(articles: list[dict]) -> str:
    items = []
    for a in sorted(articles, key=lambda a: a["published"], reverse=True):
        url = BASE + news_path(a)
        pub = format_datetime(datetime.fromisoformat(a["published"]))
        items.append(
            f"""    <item>
      <title>{e(a['headline'])}</title>
      <link>{url}</link>
      <guid isPermaLink="true">{url}</guid>
      <pubDate>{pub}</pubDate>
      <dc:creator>{e(a['author'])}</dc:creator>
      <category>{e(a['section'])}</category>
      <description>{e(BANNER + '. ' + a['standfirst'])}</description>
    </item>"""
        )
    last = format_datetime(datetime.fromisoformat(max(a["modified"] for a in articles)))
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>{PAPER}</title>
    <link>{BASE}/news/index.html</link>
    <atom:link href="{BASE}/news/feed.xml" rel="self" type="application/rss+xml"/>
    <description>{e(BANNER)}. Local news about councils and children's services.</description>
    <language>en-gb</language>
    <lastBuildDate>{last}</lastBuildDate>
{chr(10).join(items)}
  </channel>
</rss>
"""


def news_sitemap(articles: list[dict]) -> str:
    urls = []
    for a in sorted(articles, key=lambda a: a["published"], reverse=True):
        urls.append(
            f"""  <url>
    <loc>{BASE}{news_path(a)}</loc>
    <lastmod>{a['modified']}</lastmod>
    <news:news>
      <news:publication>
        <news:name>{PAPER}</news:name>
        <news:language>en</news:language>
      </news:publication>
      <news:publication_date>{a['published']}</news:publication_date>
      <news:title>{e(a['headline'])}</news:title>
    </news:news>
  </url>"""
        )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
{chr(10).join(urls)}
</urlset>
"""


# --------------------------------------------------------------------------- PDFs


def latin1(text: str) -> str:
    table = {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-",
             "\u25fc": "-", "\u2022": "-"}
    return "".join(table.get(c, c) for c in text)


def render_pdf(kind: str, meta: dict, blocks: list[tuple], when: datetime) -> bytes:
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    class Report(FPDF):
        def header(self):
            self.set_font("Helvetica", "B", 8)
            self.set_text_color(160, 0, 0)
            self.cell(0, 5, BANNER_PDF, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.set_text_color(0, 0, 0)
            self.ln(3)

        def footer(self):
            self.set_y(-15)
            self.set_font("Helvetica", "", 8)
            if kind == "ofsted":
                self.multi_cell(0, 4, latin1(f"{meta['running_title']}\n{meta['dates']}    {self.page_no()}"))
            else:
                self.cell(0, 5, f"Page {self.page_no()} of {{nb}}", align="C")

    pdf = Report(format="A4")
    pdf.set_creation_date(when)
    pdf.set_title(latin1(tagged(meta["title"])))
    pdf.set_author(latin1(meta["author"]))
    pdf.set_subject(BANNER_PDF)
    pdf.set_creator("councilfacts data/sample/build_site.py")
    pdf.set_margins(22, 18, 22)
    pdf.set_auto_page_break(True, margin=22)
    pdf.add_page()

    def para(text, size=11, style="", h=6.2, indent=0):
        pdf.set_font("Helvetica", style, size)
        pdf.set_x(pdf.l_margin + indent)
        pdf.multi_cell(0, h, latin1(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(2.2)

    for line in meta.get("front", []):
        para(line[1], size=line[0], style=line[2] if len(line) > 2 else "")
    for block in blocks:
        tag = block[0]
        if tag == "h":
            if pdf.get_y() > pdf.h - 50:  # keep a heading with its first paragraph
                pdf.add_page()
            pdf.ln(2)
            para(block[1], size=12.5, style="B")
        elif tag == "p":
            para(block[1])
        elif tag == "n":
            pdf.set_font("Helvetica", "", 11)
            y = pdf.get_y()
            if y > pdf.h - 40:
                pdf.add_page()
                y = pdf.get_y()
            pdf.cell(12, 6.2, block[1])
            pdf.set_xy(pdf.l_margin + 12, y)
            pdf.multi_cell(0, 6.2, latin1(block[2]), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(2.2)
        elif tag == "bullets":
            for item in block[1]:
                para("-  " + item, indent=6)
        elif tag == "table":
            pdf.set_font("Helvetica", "", 9.5)
            rows = block[1]
            widths = block[2] if len(block) > 2 else None
            with pdf.table(col_widths=widths, text_align="LEFT", line_height=5.5) as table:
                for r in rows:
                    row = table.row()
                    for c in r:
                        row.cell(latin1(c))
            pdf.ln(4)
        elif tag == "break":
            pdf.add_page()
    return bytes(pdf.output())


def report_pdf(doc: dict, council: dict, committee: dict, meeting: dict) -> bytes:
    d = datetime.strptime(meeting["date"], "%d/%m/%Y")
    front = [
        (15, council["council"].upper(), "B"),
        (12, committee["title"].upper(), "B"),
        (11, f"{d.day} {d:%B %Y}"),
        (11, f"Agenda item {doc['agenda_item']}", "B"),
        (14, doc["title"], "B"),
        (11, doc["report_of"], "I"),
        (10, "Status: For decision" if committee["title"] == "Cabinet" else "Status: For information and scrutiny"),
    ]
    return render_pdf(
        "moderngov",
        {"title": doc["title"], "author": council["council"], "front": front},
        doc["blocks"],
        d.replace(tzinfo=timezone.utc),
    )


def ofsted_pdf(rep: dict) -> bytes:
    la = rep["la"]
    if rep.get("letter"):
        running = f"Monitoring visit to {la} children's services"
        front = [
            (10, "Ofsted, Piccadilly Gate, Store Street, Manchester M1 2WD", "I"),
            (10, long_date(rep["published"])),
            (14, running, "B"),
            (11, f"Visit dates: {rep['dates']}"),
            (11, f"Lead inspector: {rep['lead_inspector']}"),
        ]
    else:
        running = f"Inspection of {la} children's services"
        front = [
            (16, running, "B"),
            (11, f"Inspection dates: {rep['dates']}"),
            (11, f"Lead inspector: {rep['lead_inspector']}"),
        ]
    blocks = []
    if rep["judgements"]:
        blocks.append(("table", [["Judgement", "Grade"], *[list(j) for j in rep["judgements"]]], (120, 46)))
    blocks += rep["blocks"]
    return render_pdf(
        "ofsted",
        {"title": running, "author": "Ofsted (SAMPLE)", "front": front, "running_title": running, "dates": rep["dates"]},
        blocks,
        datetime.fromisoformat(rep["published"]).replace(tzinfo=timezone.utc),
    )


# --------------------------------------------------------------------------- ModernGov


def doc_url(prefix: str, doc: dict) -> str:
    return f"/{prefix}/documents/s{doc['sid']}/{quote(doc['filename'])}"


def mg_page(council: dict, title: str, body: str, canonical: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <title>{e(title)} - {e(council['host_label'])}</title>
  <meta name="description" content="{e(BANNER)}.">
  <meta name="generator" content="ModernGov (SAMPLE shape)">
  <link rel="canonical" href="{BASE}{canonical}">
</head>
<body>
{BANNER_HTML}
<div id="modgov">
  <div class="mgHeader"><a href="mgListCommittees.aspx">{e(council['host_label'])}</a>
    <p class="mgHelpLine">Democratic Services, tel. 01632 960100</p></div>
  <div class="mgBreadCrumbs"><a href="mgListCommittees.aspx">Committee structure</a> &gt; {e(title)}</div>
  <h1 class="mgMainTitleTxt">{e(title)}</h1>
  <div class="mgContent">
{body}
  </div>
  <div class="mgFooter"><p>{e(BANNER)}.</p></div>
</div>
</body>
</html>
"""


def xml_text(value) -> str:
    return e(str(value), quote=False)


def get_committees_xml(council: dict) -> str:
    parts = [f'<?xml version="1.0" encoding="utf-8"?>\n<committees>\n  <committeescount> {len(council["committees"])}</committeescount>']
    for c in council["committees"]:
        parts.append(
            f"""  <committee>
    <committeeid>{c['id']}</committeeid>
    <committeetitle>{xml_text(c['title'])}</committeetitle>
    <committeedeleted>{c['deleted']}</committeedeleted>
    <committeeexpired>{c['expired']}</committeeexpired>
    <committeecategory>{xml_text(c['category'])}</committeecategory>
  </committee>"""
        )
    parts.append("</committees>\n")
    return "\n".join(parts)


def get_meetings_xml(committee: dict, meetings: list[dict]) -> str:
    blocks = "\n".join(
        f"""      <meeting>
        <meetingid>{m['id']}</meetingid>
        <meetingdate>{m['date']}</meetingdate>
        <meetingstatus>{m['status']}</meetingstatus>
        <meetingtime>{m['time']}</meetingtime>
        <iswebcast>False</iswebcast>
      </meeting>"""
        for m in meetings
    )
    n = len(meetings)
    return f"""<?xml version="1.0" encoding="utf-8"?>
<getmeetings>
  <meetingscount> {n}</meetingscount>
  <committeescount> 1</committeescount>
  <committee>
    <committeeid>{committee['id']}</committeeid>
    <committeetitle>{xml_text(committee['title'])}</committeetitle>
    <committeemeetingcount> {n}</committeemeetingcount>
    <committeemeetings>
{blocks}
    </committeemeetings>
  </committee>
</getmeetings>
"""


def meeting_items(meeting: dict) -> list[tuple]:
    if meeting["status"] == "Cancelled":
        return []
    return [(n, t, txt, []) for n, t, txt in COMMON_ITEMS] + list(meeting["items"])


def get_meeting_xml(prefix: str, council: dict, committee: dict, m: dict) -> str:
    published = m["status"] != "Cancelled"
    items = []
    for seq, (num, title, text, docs) in enumerate(meeting_items(m), start=1):
        linked = []
        for doc in docs:
            linked.append(
                f"""        <linkeddoc>
          <attachmentid>{doc['attachmentid']}</attachmentid>
          <title>{xml_text(doc['title'])}</title>
          <isurl>False</isurl>
          <url>{BASE}{doc_url(prefix, doc)}</url>
          <isrestricted>False</isrestricted>
          <restrictionsRef>
          </restrictionsRef>
          <itemnum>1</itemnum>
          <publicationdate>{m['date']}</publicationdate>
          <meetingdate>{m['date']}</meetingdate>
          <decisiondate>{m['date']}</decisiondate>
          <committeetitle>{xml_text(committee['title'])}</committeetitle>
          <isdecisionattachment>False</isdecisionattachment>
          <ownertitle>{xml_text(title)}</ownertitle>
        </linkeddoc>"""
            )
        agendatext = e(f'<div class="WordSection1">\n{text}\n</div>\n', quote=False)
        items.append(
            f"""    <agendaitem>
      <agendaitemid>{m['id'] * 10 + seq}</agendaitemid>
      <agendaitemtitle>{xml_text(title)}</agendaitemtitle>
      <agendatext>{agendatext}</agendatext>
      <actualmeetingdate>{m['date']}</actualmeetingdate>
      <agendaitemnumber>{seq}</agendaitemnumber>
      <agendaitemsubnumber>
      </agendaitemsubnumber>
      <fulldisplaynumberformat>{num}.</fulldisplaynumberformat>
      <authorusername>
      </authorusername>
      <commentlabel1>Presented By</commentlabel1>
      <commenttext1>
      </commenttext1>
      <commentlabel2>Actions</commentlabel2>
      <commenttext2>
      </commenttext2>
      <declarationcount>0</declarationcount>
      <iscallin>False</iscallin>
      <iscomment>False</iscomment>
      <isdecision>{'True' if committee['title'] == 'Cabinet' and docs else 'False'}</isdecision>
      <isdecisionpublished>False</isdecisionpublished>
      <isminutepublished>False</isminutepublished>
      <ispubliccanspeak>False</ispubliccanspeak>
      <isrestricted>False</isrestricted>
      <isdisplayallowed>True</isdisplayallowed>
      <meetingdate>{m['date']}</meetingdate>
      <meetingtime>{m['time']}</meetingtime>
      <minutesitemnumber>{num}</minutesitemnumber>
      <minutesitemsubnumber>
      </minutesitemsubnumber>
      <preferreddate>{m['date']}</preferreddate>
      <refertocommittee>{xml_text(committee['title'])}</refertocommittee>
      <linkeddocuments>
{chr(10).join(linked)}
      </linkeddocuments>
    </agendaitem>"""
        )
    agenda = "\n".join(items)
    return f"""<?xml version="1.0" encoding="utf-8"?>
<meeting>
  <meetingid>{m['id']}</meetingid>
  <meetingdate>{m['date']}</meetingdate>
  <meetingstatus>{m['status']}</meetingstatus>
  <isdisplayallowed>True</isdisplayallowed>
  <meetingtime>{m['time']}</meetingtime>
  <meetingactualstarttime>
  </meetingactualstarttime>
  <meetingplannedfinishtime>
  </meetingplannedfinishtime>
  <meetingactualfinishtime>
  </meetingactualfinishtime>
  <meetinglocation>{xml_text(m['location'])}</meetinglocation>
  <iswebcast>False</iswebcast>
  <agendaid>{m['id']}</agendaid>
  <agendapublished>{published}</agendapublished>
  <decisionpublished>False</decisionpublished>
  <minutepublished>False</minutepublished>
  <meetingroom>
  </meetingroom>
  <agendaitems>
{agenda}
  </agendaitems>
  <attendees>
    <attendee membertype="U" memberid="{m['committee'] * 10 + 1}" name="Councillor Pat Example" roledescription="Chairman" attendance="Expected" politicalparty="SAMPLE" ward="Sample Ward">
      <url>{BASE}/{prefix}/mgUserInfo.aspx?UID={m['committee'] * 10 + 1}</url>
    </attendee>
  </attendees>
</meeting>
"""


def long_meeting_date(m: dict) -> str:
    d = datetime.strptime(m["date"], "%d/%m/%Y")
    day = d.day
    suffix = "th" if 11 <= day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{d:%A}, {day}{suffix} {d:%B}, {d:%Y} {m['time']}"


def moderngov(prefix: str, council: dict, out: dict, docs_out: list) -> None:
    committees = {c["id"]: c for c in council["committees"]}
    # mgListCommittees.aspx
    by_cat: dict[str, list] = {}
    for c in council["committees"]:
        if not c["expired"]:
            by_cat.setdefault(c["category"], []).append(c)
    body = []
    for cat, cs in by_cat.items():
        body.append(f'    <h2 class="mgSectionTitle">{e(cat)}</h2>\n    <ul class="mgBulletList">')
        for c in cs:
            body.append(
                f'      <li><a href="ieListMeetings.aspx?CommitteeId={c["id"]}" '
                f'title="Link to meetings of {e(c["title"])}">{e(c["title"])}</a></li>'
            )
        body.append("    </ul>")
    write(f"{prefix}/mgListCommittees.html",
          mg_page(council, "Committee structure", "\n".join(body), f"/{prefix}/mgListCommittees.aspx"), out)

    for cid, c in committees.items():
        ms = sorted((m for m in council["meetings"] if m["committee"] == cid),
                    key=lambda m: datetime.strptime(m["date"], "%d/%m/%Y"))
        rows = []
        for m in ms:
            label = long_meeting_date(m) + (" CANCELLED" if m["status"] == "Cancelled" else "")
            rows.append(
                f'      <li><a href="ieListDocuments.aspx?CId={cid}&amp;MId={m["id"]}&amp;Ver=4" '
                f'title="Link to agenda for meeting of {e(c["title"])}">{e(label)}</a></li>'
            )
        body = f'    <ul class="mgCalendarMeetingsList mgBulletList">\n{chr(10).join(rows)}\n    </ul>'
        write(f"{prefix}/ieListMeetings/{cid}.html",
              mg_page(council, f"Browse meetings - {c['title']}", body, f"/{prefix}/ieListMeetings.aspx?CommitteeId={cid}"), out)
        if council["web_service"]:
            write(f"{prefix}/mgWebService.asmx/GetMeetings/{cid}.xml", get_meetings_xml(c, ms), out)

    if council["web_service"]:
        write(f"{prefix}/mgWebService.asmx/GetCommittees.xml", get_committees_xml(council), out)

    for m in council["meetings"]:
        c = committees[m["committee"]]
        if council["web_service"]:
            write(f"{prefix}/mgWebService.asmx/GetMeeting/{m['id']}.xml", get_meeting_xml(prefix, council, c, m), out)
        rows = []
        for num, title, text, docs in meeting_items(m):
            links = "".join(
                f'\n          <li><a class="mgFileLinks" href="documents/s{d["sid"]}/{quote(d["filename"])}" '
                f'title="Link to document \'{e(d["title"])}\' ">{e(d["title"])} '
                f'<span class="NoVis">PDF {{size}} KB</span></a></li>'
                for d in docs
            )
            rows.append(
                f"""      <tr>
        <td class="mgItemNumberCell"><p class="mgAiTitleTxt">{num}.</p></td>
        <td><p class="mgAiTitleTxt">{e(title)}</p>
          <div class="mgAiTxt">{text}</div>{'<ul class="mgActionList">' + links + '</ul>' if docs else ''}
        </td>
      </tr>"""
            )
        status = "<p class=\"mgCancelled\">This meeting has been cancelled.</p>" if m["status"] == "Cancelled" else ""
        body = f"""    <p class="mgSubTitleTxt">Venue: {e(m['location'])}</p>
    <p class="mgSubTitleTxt">{e(c['title'])} - {e(long_meeting_date(m))}</p>
    {status}
    <table class="mgItemTable" summary="Agenda items">
{chr(10).join(rows)}
    </table>"""
        page = mg_page(council, "Agenda and minutes", body, f"/{prefix}/ieListDocuments.aspx?CId={c['id']}&MId={m['id']}")
        for num, title, text, docs in meeting_items(m):
            for d in docs:
                data = report_pdf(d, council, c, m)
                write(f"{prefix}/documents/s{d['sid']}/{d['filename']}", data, out)
                page = page.replace("{size}", str(max(1, round(len(data) / 1024))), 1)
                docs_out.append(dict(
                    path=doc_url(prefix, d), file=f"{prefix}/documents/s{d['sid']}/{d['filename']}",
                    kind="committee_paper", council=council["council"], title=d["title"],
                    date=datetime.strptime(m["date"], "%d/%m/%Y").date().isoformat(),
                    meeting=dict(committee=c["title"], meeting_id=m["id"], agenda_item=num),
                    facts=d["facts"], traps=d["traps"],
                ))
        write(f"{prefix}/ieListDocuments/{c['id']}_{m['id']}.html", page, out)


# --------------------------------------------------------------------------- CMIS
# The markup follows real CMIS pages saved by Democracy Club's LGSF (tests/files/cmis):
# the module's form fields on the meetings page, the list view's rgRow table, the month
# calendar's day cells, the meeting page's summary block and DocumentListItem links.
# Inferred: the page furniture around those fragments, and a calendar page with no
# meetings for the months that have none (empty.html).


def cmis_page(site: dict, title: str, body: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head><meta charset="utf-8"><title>{e(title)} - {e(site['host_label'])}</title>
<meta name="description" content="{e(BANNER)}."></head>
<body>
{BANNER_HTML}
<div id="dnn_ContentPane">
<div class="DNNModuleContent ModCMISMeetingsC">
{body}
</div>
</div>
<footer><p>{e(site['council'])}. {e(BANNER)}.</p></footer>
</body>
</html>
"""


def cmis_meeting_path(site: dict, m: dict) -> str:
    return (f"/{site['prefix']}/Meetings/tabid/{site['tab_id']}/ctl/ViewMeetingPublic/mid/{site['module_id']}"
            f"/Meeting/{m['id']}/Committee/{m['committee']['id']}/SelectedTab/Documents/Default.aspx")


def cmis_doc_url(site: dict, doc: dict) -> str:
    key, value = doc["token"].split("=", 1)
    return f"/{site['prefix']}/Document.ashx?{key}={value}"


def cmis(site: dict, out: dict, docs_out: list) -> None:
    prefix, mid = site["prefix"], site["module_id"]
    when = lambda m: datetime.strptime(f"{m['date']} {m['time']}", "%Y-%m-%d %H:%M")  # noqa: E731
    write(f"{prefix}/Meetings.aspx", cmis_page(site, "Meetings", f"""<h1>Meetings</h1>
<div id="dnn_ctr{mid}_MeetingCalendarPublic_pnlViewActions">
    <div class="UserEditActions">
        <input type="submit" name="dnn$ctr{mid}$MeetingCalendarPublic$btnButtonListView" value="Meeting List View" id="dnn_ctr{mid}_MeetingCalendarPublic_btnButtonListView" />
        <input type="submit" name="dnn$ctr{mid}$MeetingCalendarPublic$btnButtonMeetingsRSS" value="Meetings RSS" id="dnn_ctr{mid}_MeetingCalendarPublic_btnButtonMeetingsRSS" />
    </div>
</div>"""), out)
    rows = []
    listed = [m for m in site["meetings"] if m["date"].startswith(site["list_month"])]
    for i, m in enumerate(sorted(listed, key=when)):
        d = when(m)
        label = f"{d.day} {d:%b %Y %H:%M} - {m['committee']['title']}"
        rows.append(f"""            <tr class="{'rgRow' if i % 2 == 0 else 'rgAltRow'}" id="dnn_ctr{mid}_MeetingCalendarPublicList_grdRadMeeting_ctl00__{i}">
                <td class="DateColumn">
                    <a id="dnn_ctr{mid}_MeetingCalendarPublicList_grdRadMeeting_ctl00_ctl0{4 + 2 * i}_lnkMeeting" title="Click to view: {e(m['committee']['title'])} - {d.day} {d:%b %Y %H:%M}" href="{BASE}{cmis_meeting_path(site, m)}">{e(label)}</a>
                </td><td>{e(m['venue'])}</td>
            </tr>""")
    write(f"{prefix}/Meetings.listview.html", cmis_page(site, "Meeting List View", f"""<div class="CMIS_ModuleWrapper CM_ModuleWrapper MeetingCalendarListView">
    <table id="dnn_ctr{mid}_MeetingCalendarPublicList_grdRadMeeting_ctl00">
        <thead><tr><th scope="col" class="DateColumn rgHeader">Date/Start Time</th><th scope="col" class="rgHeader">Venue</th></tr></thead>
        <tbody>
{chr(10).join(rows)}
        </tbody>
    </table>
</div>"""), out)
    by_month: dict[str, list] = {}
    for m in site["meetings"]:
        by_month.setdefault(m["date"][:7], []).append(m)
    calendar = lambda cells: f"""<table class="rgMasterTable" id="dnn_ctr{mid}_MeetingCalendarPublicPrinter_grdRadMeeting_ctl00">
{cells}
</table>"""  # noqa: E731
    write(f"{prefix}/calendar/empty.html", cmis_page(site, "Meetings calendar", calendar("")), out)
    for month, ms in by_month.items():
        days: dict[str, list] = {}
        for m in sorted(ms, key=when):
            days.setdefault(m["date"], []).append(m)
        cells = []
        for i, (day, dms) in enumerate(days.items()):
            d = datetime.strptime(day, "%Y-%m-%d")
            links = "\n".join(
                f'    <p class="Meeting">\n      <a href="{BASE}{cmis_meeting_path(site, m)}">{m["time"]} {e(m["committee"]["title"])}</a>\n    </p>'
                for m in dms
            )
            cells.append(f"""<tr class="{'rgRow' if i % 2 == 0 else 'rgAltRow'}">
  <td class="SimpleCalendarDate">{d:%A}, {d.day} {d:%B}</td>
  <td>
{links}
  </td>
</tr>""")
        write(f"{prefix}/calendar/{month}.html", cmis_page(site, "Meetings calendar", calendar("\n".join(cells))), out)
    for m in site["meetings"]:
        d = when(m)
        items = []
        for i, doc in enumerate(m["docs"]):
            data = report_pdf(doc, {"council": site["council"]}, m["committee"],
                              dict(m, date=f"{d:%d/%m/%Y}"))
            file = f"{prefix}/documents/{doc['token'].split('=', 1)[1]}.pdf"
            write(file, data, out)
            items.append(f"""            <li class="DocumentListItem">
                <img class="FileTypeImage" src="/{prefix}/images/FileManager/Icons/pdf.gif" alt="pdf" />
                <a id="dnn_ctr{mid}_ViewMeetingPublic_cmisPdfDocuments_rptDocuments_linkTitle_{i}" title="Click to view '{e(doc['title'])}'" class="TitleLink" href="{cmis_doc_url(site, doc)}" target="_blank">{e(doc['title'])}</a>
                <span class="FileSize">({max(1, round(len(data) / 1024))}Kb)</span>
            </li>""")
            docs_out.append(dict(
                path=cmis_doc_url(site, doc), file=file, kind="committee_paper", council=site["council"],
                title=doc["title"], date=m["date"], meeting=dict(committee=m["committee"]["title"], meeting_id=m["id"]),
                facts=doc["facts"], traps=doc["traps"],
            ))
        summary = "\n".join(
            f"""  <div class="holder">
    <div class="DNNLabel {label.split('/')[0]}Label"><div class="dnnLabel"><label><span>{label}:</span></label></div></div>
    <div class="Value {label.split('/')[0]}">{e(value)}</div>
  </div>"""
            for label, value in (("Committee", m["committee"]["title"]), ("Date/Time", f"{d.day} {d:%b %Y} - {m['time']}"),
                                 ("Status", m["status"]), ("Venue", m["venue"]))
        )
        documents = (f"""    <div id="dnn_ctr{mid}_ViewMeetingPublic_cmisPdfDocuments_pnlDocuments" class="CmisDocumentList">
        <ol class="DocumentList">
{chr(10).join(items)}
        </ol>
    </div>""" if items else "  <p>There are no documents for this meeting.</p>")
        write(cmis_meeting_path(site, m).lstrip("/"), cmis_page(site, "Meeting Details", f"  <h1>Meeting Details</h1>\n{summary}\n{documents}"), out)


# --------------------------------------------------------------------------- Ofsted


def provider_html(p: dict) -> str:
    events = []
    for ev in sorted(p["events"], key=lambda ev: ev["date"], reverse=True):
        file_id = ev["report"]["file_id"] if ev["report"] else ev["missing_file_id"]
        judgement = f'\n          <p class="event__judgement">{e(ev["judgement"])}</p>' if ev["judgement"] else ""
        events.append(
            f"""      <li class="timeline__day">
        <p class="timeline__date"><span class="nonvisual">Published: </span><time datetime="{ev['date']}">{long_date(ev['date'])}</time></p>
        <div class="event">
          <p class="event__title">{e(ev['kind'])}</p>{judgement}
          <a class="publication-link" href="{BASE}/ofsted/files/v1/file/{file_id}">
            <span class="publication-link__title">{e(ev['kind'])}</span>
            <span class="nonvisual"> - </span>PDF - {long_date(ev['date'])}</a>
        </div>
      </li>"""
        )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8"/>
  <title>{e(p['name'])} - Local authority children's services - Find an Inspection Report - Ofsted (SAMPLE)</title>
  <meta name="description" content="{e(BANNER)}.">
  <link rel="canonical" href="{BASE}/ofsted/provider/44/{p['urn']}">
</head>
<body>
{BANNER_HTML}
<header class="header"><div class="container"><a class="header__home-link" href="/ofsted/provider/44/{p['urn']}">Ofsted (SAMPLE)</a>
  <p class="header__title">Find an inspection report</p></div></header>
<main id="main" class="main">
  <div class="title-block">
    <h1 class="heading--title">{e(p['name'])}</h1>
    <p class="title-block__subheading">Local authority children's services</p>
    <p class="title-block__subheading">URN: {p['urn']}</p>
    <address class="title-block__address">{e(p['address'])}</address>
  </div>
  <section class="inspection-reports">
    <h2 class="heading--sub">Reports</h2>
    <p>Children's services inspections and visits for {e(p['la'])}.</p>
    <ul class="timeline">
{chr(10).join(events)}
    </ul>
  </section>
</main>
<footer class="footer"><p>{e(BANNER)}. Contact Ofsted: 0300 123 1231 (this line is printed as on the real site).</p></footer>
</body>
</html>
"""


REPORT_NOT_FOUND = f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8"/>
  <meta name="description" content="{e(BANNER)}.">
  <link rel="canonical" href="{BASE}/ofsted/provider/44/80429">
  <title>Report not found - Find an Inspection Report - Ofsted (SAMPLE)</title>
</head>
<body>
{BANNER_HTML}
<header class="header"><div class="container"><span class="nonvisual">Ofsted</span></div></header>
<main id="main" class="main">
  <h1 class="heading--title">Report not found</h1>
  <p>Sorry, we could not find the report you asked for. It may have been removed or replaced
     by a newer report. Reports published before 2013 are not always available online.</p>
  <p>Search again from the <a href="/ofsted/provider/44/80429">provider page</a>.</p>
</main>
</body>
</html>
"""


# --------------------------------------------------------------------------- site


def home_html() -> str:
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head><meta charset="utf-8"><title>councilfacts sample site (SAMPLE DATA)</title>
<meta name="description" content="{e(BANNER)}."></head>
<body>
{BANNER_HTML}
<main>
<h1>councilfacts sample site</h1>
<p>Everything on this site was written for testing councilfacts. The councils are real; the
stories, people, meetings, inspections and figures are invented.</p>
<ul>
  <li><a href="/news/index.html">{PAPER}</a> (<a href="/news/feed.xml">RSS</a>, <a href="/news/sitemap.xml">news sitemap</a>)</li>
  <li><a href="/moderngov/mgListCommittees.aspx">Northamptonshire County Council committees (ModernGov shape)</a></li>
  <li><a href="/moderngov2/mgListCommittees.aspx">Essex County Council committees (ModernGov HTML only)</a></li>
  <li><a href="/cmis/Meetings.aspx">Essex County Council meetings (CMIS shape)</a></li>
  <li><a href="/ofsted/provider/44/80499">Ofsted: Northamptonshire</a>, <a href="/ofsted/provider/44/80429">Ofsted: Birmingham</a>, <a href="/ofsted/provider/44/80468">Ofsted: Essex</a></li>
  <li><a href="/private/index.html">Drafts (disallowed by robots.txt)</a></li>
</ul>
</main>
</body>
</html>
"""


PRIVATE = f"""<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Drafts - not for crawling (SAMPLE)</title>
<meta name="description" content="{e(BANNER)}."></head>
<body>
{BANNER_HTML}
<h1>Unpublished drafts</h1>
<p>This page is disallowed by robots.txt. A polite crawler never fetches it. If a figure from
this page reaches the database, robots.txt was ignored: the council cut 999 jobs.</p>
</body></html>
"""

ROBOTS = f"""# {BANNER}
User-agent: *
Disallow: /private/

Sitemap: {BASE}/news/sitemap.xml
"""


GRADES = {"outstanding": "outstanding", "good": "good", "requires improvement to be good": "requires improvement",
          "inadequate": "inadequate"}


def judgement_facts(judgements: list[tuple[str, str]]) -> list[dict]:
    """Optional ofsted_rating facts for the judgement table rows after 'Overall effectiveness'."""
    from sample_facts import F

    out = []
    for label, grade in judgements:
        if label == "Overall effectiveness":
            continue
        fact = F("ofsted_rating", None, grade, subject=GRADES[grade.lower()], required=False)
        fact["judgement"] = label
        out.append(fact)
    return out


def with_pages(doc: dict, data: bytes) -> dict:
    """For PDFs: the 1-based page of each expected figure, where it is on exactly one page."""
    if data[:5] != b"%PDF-":
        return doc
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    pages = [flatten(pdf[i].get_textpage().get_text_range()) for i in range(len(pdf))]
    pdf.close()
    for f in doc["facts"]:
        on = [i + 1 for i, text in enumerate(pages) if norm(f["figure"]) in text]
        if len(on) == 1:
            f["page"] = on[0]
    return doc


def with_bodies(doc: dict) -> dict:
    council = doc.get("council")
    for f in doc["facts"]:
        f.setdefault("body", council)
        f["body_code"] = CODES.get(f["body"]) if f["body"] else None
    doc["council_code"] = CODES.get(council) if council else None
    return doc


def tag_titles(articles: list[dict], moderngov_councils: dict, providers: list[dict], cmis_site: dict | None = None):
    """Copies of the content with [SAMPLE] in front of every headline, paper title and report
    title (the content modules keep the plain titles)."""
    articles = [dict(a, headline=tagged(a["headline"])) for a in articles]
    councils = {}
    for prefix, council in moderngov_councils.items():
        meetings = [
            dict(m, items=[(num, title, text, [dict(d, title=tagged(d["title"])) for d in docs])
                           for num, title, text, docs in m["items"]])
            for m in council["meetings"]
        ]
        councils[prefix] = dict(council, meetings=meetings)
    providers = [dict(p, events=[dict(ev, kind=tagged(ev["kind"])) for ev in p["events"]]) for p in providers]
    if cmis_site is not None:
        cmis_site = dict(cmis_site, meetings=[dict(m, docs=[dict(d, title=tagged(d["title"])) for d in m["docs"]])
                                              for m in cmis_site["meetings"]])
        return articles, councils, providers, cmis_site
    return articles, councils, providers


def build() -> tuple[dict[str, bytes], dict]:
    articles, councils, providers, cmis_site = tag_titles(ARTICLES, MODERNGOV, PROVIDERS, CMIS)
    out: dict[str, bytes] = {}
    docs: list[dict] = []
    write("robots.txt", ROBOTS, out)
    write("index.html", home_html(), out)
    write("private/index.html", PRIVATE, out)

    for a in articles:
        others = [o for o in articles if o is not a]
        path = news_path(a)
        write(path.lstrip("/"), article_html(a, others), out)
        docs.append(dict(path=path, file=path.lstrip("/"), kind="news", council=a["council"], title=a["headline"],
                         date=a["published"][:10], hostile=bool(a.get("hostile")), facts=a["facts"], traps=a["traps"]))
    write("news/index.html", news_index_html(articles), out)
    write("news/feed.xml", rss(articles), out)
    write("news/sitemap.xml", news_sitemap(articles), out)

    for prefix, council in councils.items():
        moderngov(prefix, council, out, docs)
    cmis(cmis_site, out, docs)

    for p in providers:
        write(f"ofsted/provider/44/{p['urn']}.html", provider_html(p), out)
        for ev in p["events"]:
            rep = ev["report"]
            if rep is None:
                write(f"ofsted/files/v1/file/{ev['missing_file_id']}", REPORT_NOT_FOUND, out)
                continue
            write(f"ofsted/files/v1/file/{rep['file_id']}", ofsted_pdf(rep), out)
            docs.append(dict(path=f"/ofsted/files/v1/file/{rep['file_id']}", file=f"ofsted/files/v1/file/{rep['file_id']}",
                             kind="ofsted_report", council=p["la"], title=f"{ev['kind']} - {p['name']}",
                             date=rep["published"], provider_urn=p["urn"],
                             facts=rep["facts"] + judgement_facts(rep["judgements"]), traps=rep["traps"]))

    docs = [with_pages(with_bodies(d), out[d["file"]]) for d in docs]
    expected = {
        "about": (f"{BANNER}. Facts a careful reader would extract from each sample document "
                  "(path = URL path on the sample server; file = path under data/sample/site/), "
                  "and traps: numbers in the text that must NOT become facts. 'figure' is the "
                  "figure's text in the document; optional facts have required=false."),
        "boilerplate_traps": [
            {"text": "01604 123456", "value": None, "why": "newsdesk phone number (header and footer of every news page)"},
            {"text": "12 High Street, Northampton NN1 1AA", "value": 12, "why": "street address"},
            {"text": "\u00a9 2024", "value": 2024, "why": "copyright year"},
            {"text": "Page 2 of 3", "value": 2, "why": "pagination"},
            {"text": "Registered in England No. 01234567", "value": 1234567, "why": "company number"},
            {"text": "Page 1 of 2", "value": 1, "why": "PDF page footer (committee papers)"},
        ],
        "not_documents": [
            {"path": "/ofsted/files/v1/file/59000007", "why": "HTML 'Report not found' page served as application/pdf"},
            {"path": "/private/index.html", "why": "disallowed by robots.txt; must never be fetched"},
        ],
        "documents": docs,
    }
    return out, expected


# --------------------------------------------------------------------------- checks


def document_text(data: bytes, file: str) -> str:
    if data[:5] == b"%PDF-":
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(data)
        text = "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
        pdf.close()
    else:
        text = re.sub(r"<[^>]+>", " ", data.decode("utf-8"))
        text = html.unescape(text)
    return flatten(text)


def flatten(text: str) -> str:
    """Text with line breaks and runs of spaces made single spaces (for looking figures up)."""
    text = text.replace("\u2019", "'").replace("\ufffe", "").replace("\x02", "")
    text = re.sub(r"-\s*\r?\n\s*", "-", text)
    return re.sub(r"\s+", " ", text)


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.replace("\u2019", "'"))


def check(out: dict[str, bytes], expected: dict) -> list[str]:
    problems = []
    for doc in expected["documents"]:
        text = document_text(out[doc["file"]], doc["file"])
        if BANNER.split(" \u2014")[0] not in text:
            problems.append(f"{doc['file']}: no SAMPLE DATA banner")
        for f in doc["facts"]:
            if norm(f["figure"]) not in text:
                problems.append(f"{doc['file']}: fact figure {f['figure']!r} not in text")
        for t in doc["traps"]:
            if norm(t["text"]) not in text:
                problems.append(f"{doc['file']}: trap {t['text']!r} not in text")
        if TAG not in doc["title"]:
            problems.append(f"{doc['file']}: title without {TAG}")
    for rel, data in out.items():
        if rel.endswith(".html") and BANNER.encode() not in data:
            problems.append(f"{rel}: HTML page without the banner")
    problems += check_extracted(out, expected)
    return problems


def check_extracted(out: dict[str, bytes], expected: dict) -> list[str]:
    """The marker survives the project's own text extraction (which drops the banner as
    boilerplate). Skipped when councilfacts is not importable."""
    try:
        from councilfacts.documents import html_to_document
    except ImportError:
        return []
    problems = []
    for doc in expected["documents"]:
        if doc["kind"] != "news":
            continue
        got = html_to_document(out[doc["file"]], "http://127.0.0.1" + doc["path"])
        if STORY_MARKER not in (got.get("text") or ""):
            problems.append(f"{doc['file']}: extracted text lacks the SAMPLE DATA paragraph")
        if TAG not in (got.get("title") or ""):
            problems.append(f"{doc['file']}: extracted title {got.get('title')!r} lacks {TAG}")
    return problems


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="compare with the committed site instead of writing")
    args = ap.parse_args(argv)
    out, expected = build()
    problems = check(out, expected)
    for p in problems:
        print("PROBLEM", p, file=sys.stderr)
    exp_bytes = (json.dumps(expected, indent=1, ensure_ascii=False) + "\n").encode("utf-8")
    if args.check:
        differ = [rel for rel, data in out.items() if not (SITE / rel).is_file() or (SITE / rel).read_bytes() != data]
        if (HERE / "expected.json").read_bytes() != exp_bytes:
            differ.append("expected.json")
        for rel in differ:
            print("DIFFERS", rel)
        return 1 if differ or problems else 0
    if SITE.exists():
        shutil.rmtree(SITE)
    for rel, data in sorted(out.items()):
        target = SITE / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    (HERE / "expected.json").write_bytes(exp_bytes)
    n_pdf = sum(1 for d in out.values() if d[:5] == b"%PDF-")
    size = sum(len(d) for d in out.values())
    print(f"wrote {len(out)} files ({n_pdf} PDFs, {size // 1024} KB) to {SITE} and expected.json "
          f"({len(expected['documents'])} documents); {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
