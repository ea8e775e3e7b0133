"""The ModernGov spider over HTTP on Democracy Club's saved responses of Manchester's
mgWebService (../shared/realworld/moderngov, LGSF fixtures): GetCommittees -> GetMeetings ->
GetMeeting -> the papers it links (mgConvert2PDF.aspx)."""

from __future__ import annotations

from .conftest import realworld, text_pdf

MANCHESTER = "https://democracy.manchester.gov.uk"


def test_saved_web_service_answers_lead_to_the_papers(site, crawl, db):
    saved = lambda name: realworld("moderngov", name).read_text(encoding="utf-8").replace(MANCHESTER, site.base + "/moderngov")  # noqa: E731
    site.write("moderngov/ws/GetCommittees.xml", saved("lgsf_manchester_GetCommittees.xml"))
    site.write("moderngov/ws/GetMeetings_144.xml", saved("lgsf_manchester_GetMeetings.xml"))
    site.write("moderngov/ws/GetMeeting_4967.xml", saved("lgsf_manchester_GetMeeting_with_minutes.xml"))
    site.write("moderngov/ws/GetMeeting_4966.xml", saved("lgsf_manchester_GetMeeting_no_minutes.xml"))
    for attachment in ("60860", "60909"):
        site.write(f"moderngov/convert/{attachment}.pdf", text_pdf([f"Paper {attachment}. The council has 64 vacant posts."]))
    source = {
        "name": "manchester-saved", "spider": "moderngov", "base_url": site.base + "/moderngov",
        "councils": [{"name": "Manchester City Council", "code": "E08000003"}], "committees": ["Audit"],
    }
    stats = crawl([source])
    assert stats["new"] == 2, stats
    rows = db().execute("select url, title, committee, meeting_date, item_title, council_code from documents order by url").fetchall()
    assert [r[0].rsplit("=", 1)[1] for r in rows] == ["60860", "60909"]
    assert all(r[2] == "Audit Committee" and r[3] == "2026-02-10" and r[5] == "E08000003" for r in rows)
    assert rows[0][1].startswith("6 - CHAIR APPROVED") and all(r[4] for r in rows)
    paths = [p for _, p, _ in site.log]
    assert any("GetMeeting_4967" in p for p in paths)
    assert not any("GetMeeting_4966" in p for p in paths)  # Manchester cancelled that meeting: not asked for
    assert not any("mgUserInfo" in p for p in paths)  # a councillor's page is not a paper
