"""Writes gold.jsonl (see README.md). Run: .venv/bin/python tests/nlp/heldout/build_gold.py
Checks that every evidence quote occurs in its document's text (whitespace-normalised)."""
import json
from pathlib import Path
HERE = Path(__file__).resolve().parent
SH = HERE.parents[2] / ".." / "shared"

def F(measure, value, evidence, required=True, qualifier="exact", value_max=None, body=None, subject=None, period=None, unit=None, note=None):
    f = {"measure": measure, "value": value}
    if value_max is not None: f["value_max"] = value_max
    f["qualifier"] = qualifier
    if unit: f["unit"] = unit
    if subject: f["subject"] = subject
    f["body"] = body
    if period: f["period"] = period
    f["required"] = required
    f["evidence"] = evidence
    if note: f["note"] = note
    return f

def R(grade, evidence, body, required=True, period=None, note=None):
    return F("ofsted_rating", None, evidence, required=required, qualifier="exact", body=body, subject=grade, period=period, note=note)

docs = []
B = "Bournemouth, Christchurch and Poole Council"
docs.append(("ilacs_bcp_2022-02-11", "realworld/ofsted/ilacs_bcp_2022-02-11.pdf", [
    R("inadequate", "Overall effectiveness Inadequate", B, note="overall effectiveness"),
    R("inadequate", "The impact of leaders on social work practice with children and families: inadequate", B, note="impact of leaders"),
    R("inadequate", "The experiences and progress of children who need help and protection: inadequate", B, note="help and protection"),
    R("requires improvement", "The experiences and progress of children in care and care leavers: requires improvement to be good", B, note="children in care and care leavers"),
]))

B = "Birmingham City Council"
docs.append(("ilacs_birmingham_2023-04-18", "realworld/ofsted/ilacs_birmingham_2023-04-18.pdf", [
    R("good", "Overall effectiveness Good", B, note="overall effectiveness"),
    R("good", "The impact of leaders on social work practice with children and families: good", B, note="impact of leaders"),
    R("good", "The experiences and progress of children who need help and protection: good", B, note="help and protection"),
    R("good", "The experiences and progress of children in care: good", B, note="children in care"),
    R("good", "The experiences and progress of care leavers: good", B, note="care leavers"),
    F("jobs_created", 30, "The trust is on target to recruit 30 mainstream foster carers this year.", required=False, body=B, unit="people",
      note="foster carers are recruited but are not staff posts: borderline"),
]))

B = "Dorset Council"
docs.append(("ilacs_dorset_2025-05-09", "realworld/ofsted/ilacs_dorset_2025-05-09.pdf", [
    R("outstanding", "Overall effectiveness Outstanding", B, note="overall effectiveness"),
    R("outstanding", "The impact of leaders on social work practice with children and families: outstanding", B, note="impact of leaders"),
    R("outstanding", "The experiences and progress of children who need help and protection: outstanding", B, note="help and protection"),
    R("outstanding", "The experiences and progress of children in care: outstanding", B, note="children in care"),
    R("good", "The experiences and progress of care leavers: good", B, note="care leavers"),
    R("good", "Since the previous inspection in 2021 when Dorset was judged to be good", B, required=False, period="2021",
      note="previous (2021) judgement, mentioned in passing"),
]))

B = "North Northamptonshire Council"
docs.append(("ilacs_north-northamptonshire_2026-07-07", "realworld/ofsted/ilacs_north-northamptonshire_2026-07-07.pdf", [
    R("outstanding", "The impact of leaders on social work practice with children and families: outstanding", B, note="impact of leaders; post-2026 framework: no overall-effectiveness grade"),
    R("good", "The experiences and progress of children who need help and protection: good", B, note="help and protection"),
    R("good", "The experiences and progress of children in care: good", B, note="children in care"),
    R("good", "The experiences and progress of care leavers: good", B, note="care leavers"),
]))

B = "Birmingham City Council"
CLA = "children_in_care"
sif = [
    R("inadequate", "Children’s services in Birmingham are inadequate", B, note="overall effectiveness"),
    R("inadequate", "1. Children who need help and protection Inadequate", B, note="help and protection"),
    R("requires improvement", "2. Children looked after and achieving permanence Requires improvement", B, note="children looked after"),
    R("requires improvement", "2.1 Adoption performance Requires improvement", B, note="adoption performance"),
    R("requires improvement", "2.2 Experiences and progress of care leavers Requires improvement", B, note="care leavers"),
    R("inadequate", "3. Leadership, management and governance Inadequate", B, note="leadership"),
    R("inadequate", "The previous inspection of the local authority’s safeguarding arrangements was in March 2014. The local authority was judged to be inadequate.", B, required=False, period="2014-03", note="previous judgement"),
    R("good", "The local authority operates five homes. Two homes were judged to be good", B, required=False, note="judgements of the council's children's homes, not of the council's services"),
    R("requires improvement", "three were judged to require improvement in their most recent Ofsted inspections", B, required=False, note="judgements of the council's children's homes"),
    # child protection
    F("child_protection", 854, "At 31 August 2016, 854 children and young people were the subject of a child protection plan.", body=B, period="2016-08-31", unit="children"),
    F("child_protection", 1028, "This is a decrease from 1,028 at 31 March 2015.", body=B, period="2015-03-31", unit="children"),
    F("child_protection", 29, "29% of children remain on a child protection plan for three months or less", required=False, body=B, unit="percent"),
    F("child_protection", 31, "which is slightly below the 31% recorded in 2014–15", required=False, body=B, unit="percent", period="2014/15"),
    F("child_protection", 21.7, "a high percentage of children (21.7%) becoming subject to repeat child protection plans", required=False, body=B, unit="percent"),
    # children in care
    F(CLA, 1816, "At 31 August 2016, 1,816 children were being looked after by the local authority", body=B, period="2016-08-31", unit="children"),
    F(CLA, 1815, "This is similar to 1,815 (64 per 10,000 children) at March 2015.", body=B, period="2015-03", unit="children"),
    F(CLA, 64, "(a rate of 64 per 10,000 children)", required=False, body=B, note="rate per 10,000, not a count"),
    F(CLA, 752, "752 (41%) live outside the local authority area", required=False, body=B, unit="children", note="breakdown of the 1,816"),
    F(CLA, 41, "752 (41%) live outside the local authority area", required=False, body=B, unit="percent"),
    F(CLA, 177, "177 live in residential children’s homes, of whom 45% live out of the authority area", required=False, body=B, unit="children"),
    F(CLA, 45, "177 live in residential children’s homes, of whom 45% live out of the authority area", required=False, body=B, unit="percent"),
    F(CLA, 3, "three live in residential special schools[1], of whom 100% live out of the authority area", required=False, body=B, unit="children"),
    F(CLA, 100, "three live in residential special schools[1], of whom 100% live out of the authority area", required=False, body=B, unit="percent"),
    F(CLA, 1206, "1,206 live with foster families, of whom 39% live out of the authority area", required=False, body=B, unit="children"),
    F(CLA, 39, "1,206 live with foster families, of whom 39% live out of the authority area", required=False, body=B, unit="percent"),
    F(CLA, 91, "91 live with parents, of whom 12% live out of the authority area", required=False, body=B, unit="children"),
    F(CLA, 12, "91 live with parents, of whom 12% live out of the authority area", required=False, body=B, unit="percent"),
    F(CLA, 92, "92 children are unaccompanied, asylum-seeking children.", required=False, body=B, unit="children"),
    F(CLA, 899, "899 children ceased to be looked after, of whom 8% subsequently returned to be looked after", required=False, body=B, unit="children", note="flow out of care"),
    F(CLA, 8, "899 children ceased to be looked after, of whom 8% subsequently returned to be looked after", required=False, body=B, unit="percent"),
    F(CLA, 18, "18 children and young people ceased to be looked after and moved on to independent living", required=False, body=B, unit="children"),
    F(CLA, 7, "with seven young people becoming looked after during the last six months", required=False, body=B, unit="children"),
    F(CLA, 35, "Currently, 35 children who are looked after attend provision for up to and including 25 hours.", required=False, body=B, unit="children"),
    F(CLA, 4, "reviewed the placements of four children who are living in children’s homes which have been judged to be inadequate", required=False, body=B, unit="children"),
    F(CLA, 94, "Support and care planning for the 94 unaccompanied asylum-seeking children who are looked after by the local authority", required=False, body=B, unit="children"),
    F(CLA, 13, "a small but active group of 13 children looked after and two care leavers", required=False, body=B, unit="children"),
    # referrals
    F("referrals", 3000, "The number of domestic abuse referrals per month is high, at over 3,000", qualifier="more_than", body=B, unit="count"),
    F("referrals", 401, "with 401 referrals in a backlog at the time of the inspection, awaiting triage", body=B, unit="count"),
    F("referrals", 33.3, "Only a third of referrals are responded to in a timely way.", required=False, body=B, unit="percent"),
    F("referrals", 34, "Despite a 34% increase in referral of high-risk victims to the multi-agency risk assessment conference (MARAC)", required=False, body=B, unit="percent",
      note="MARAC referrals of (adult) high-risk victims"),
    # waiting times
    F("waiting_time", 150, "Inspectors identified delays of up to five months from a case recommendation to escalate a child’s case to MASE", qualifier="up_to", body=B, unit="days"),
    F("waiting_time", 180, "and delays of up to six months for children’s cases to be reviewed at MASE", qualifier="up_to", body=B, unit="days"),
    F("waiting_time", 28, "delays in holding MASE meetings have only recently been reduced to approximately four weeks", qualifier="about", body=B, unit="days"),
    F("waiting_time", 730, "some children have not been visited by children’s services in over two years", qualifier="more_than", required=False, body=B, unit="days"),
    F("waiting_time", 730, "there have been delays of over two years for a small number of children in making the decision to change the plan", qualifier="more_than", required=False, body=B, unit="days"),
    F("waiting_time", 3, "Of those undertaken, two thirds take over 72 hours to complete", qualifier="more_than", required=False, body=B, unit="days", note="return home interviews; 72 hours = 3 days"),
    F("waiting_time", 259, "In 2015–16, the average was 37 weeks for care applications", required=False, body=B, unit="days", note="court care proceedings"),
    F("waiting_time", 189, "from April to July 2016 this had reduced to 27 weeks", required=False, body=B, unit="days"),
    F("waiting_time", 200, "show the gap reducing between 2012 and 2015 to 200 days", required=False, body=B, unit="days", note="adoption scorecard"),
    F("waiting_time", 263, "while reducing and now at 263 days, still misses the government target of 121 days", required=False, body=B, unit="days", note="placement order to match"),
    F("waiting_time", 121, "still misses the government target of 121 days", required=False, body=B, unit="days", note="national target"),
    F("waiting_time", 180, "adoptive families being identified for three children within 180 days", required=False, qualifier="up_to", body=B, unit="days"),
    F("waiting_time", 2000, "where it has taken 2,000 days to secure the right adoptive family", required=False, body=B, unit="days"),
    # caseload
    F("caseload", 68, "reducing caseloads to the current manageable average of 68 children per", body=B, unit="cases", note="independent reviewing officers"),
    # survey
    F("survey_share", 91, "91% of families and professionals now report that they understand why they are in conference", required=False, body=B, unit="percent"),
    # money
    F("budget", 50000000, "joint funding with another local authority of £50 million for a youth employment initiative", body=B, unit="gbp"),
    # recruitment
    F("jobs_created", 200, "Over 200 mentors have been recruited", qualifier="more_than", required=False, body=B, unit="people", note="mentors, not staff posts"),
]
docs.append(("sif_birmingham_2016-11-25", "realworld/ofsted/sif_birmingham_2016-11-25.pdf", sif))

N = "realworld/news/"
docs += [
    ("fundus_Express_2024_07_18", N + "fundus_Express_2024_07_18.html", [
        F("survey_share", 36, "Meghan was liked by just 36 percent of adults", required=False, unit="percent", note="US opinion poll; nothing to do with councils"),
        F("survey_share", 24, "and disliked by 24 percent", required=False, unit="percent"),
    ]),
    ("fundus_TheGuardian_2024_02_24", N + "fundus_TheGuardian_2024_02_24.html", []),
    ("fundus_TheMirror_2026_01_06", N + "fundus_TheMirror_2026_01_06.html", []),
    ("fundus_iNews_2025_01_28", N + "fundus_iNews_2025_01_28.html", []),
    ("trafilatura_bbc.com.52241221", N + "trafilatura_bbc.com.52241221.html", [
        F("job_cuts", 6000000, "unemployment claims had topped 6 million for the second week in a row", qualifier="more_than", required=False, unit="people", note="US unemployment claims"),
        F("job_cuts", 16800000, "bringing the number of Americans out of work over the last three weeks to 16.8 million", required=False, unit="people"),
    ]),
    ("trafilatura_corkbeo.ie.level.html".replace(".html", ""), N + "trafilatura_corkbeo.ie.level.html", [
        F("job_cuts", 180000, "more than 180,000 workers in the industry will lose their jobs this week", qualifier="more_than", required=False, unit="people", note="Irish hospitality industry, not a council"),
        F("job_cuts", 50000, "The Vintners Federation of Ireland has warned that 50,000 jobs are now at risk.", required=False, unit="posts", note="at risk, not cut"),
        F("job_cuts", 50000, "over 50,000 people will once again have to sign-on this week", qualifier="more_than", required=False, unit="people"),
        F("job_cuts", 400000, "what do we say to the 400,000 people who would lose their jobs tomorrow", required=False, unit="people", note="hypothetical"),
    ]),
    ("trafilatura_independent.co.uk.penalty", N + "trafilatura_independent.co.uk.penalty.html", []),
    ("trafilatura_standard.co.uk.caribbean", N + "trafilatura_standard.co.uk.caribbean.html", []),
    ("trafilatura_telegraph.co.uk.plumber", N + "trafilatura_telegraph.co.uk.plumber.html", []),
    ("trafilatura_theguardian.com.academics", N + "trafilatura_theguardian.com.academics.html", []),
]

def ws(s): return " ".join(s.split())
texts = {}
def news_text(path):
    from councilfacts.documents import html_to_document
    return html_to_document(path.read_bytes(), "https://example.org/" + path.name)["text"]
bad = 0
out = []
for doc, src, facts in docs:
    p = SH / src
    assert p.exists(), p
    if src.endswith(".pdf"):
        t = (SH / src.replace(".pdf", ".pypdf.txt")).read_text()
    else:
        t = news_text(p)
    T = ws(t)
    for f in facts:
        if ws(f["evidence"]) not in T:
            bad += 1; print("EVIDENCE NOT FOUND", doc, f["evidence"])
    out.append({"doc": doc, "source": src, "facts": facts})
print("bad", bad, "docs", len(out), "facts", sum(len(o["facts"]) for o in out), "required", sum(f["required"] for o in out for f in o["facts"]))
with open(HERE / "gold.jsonl", "w", encoding="utf-8") as fh:
    for o in out:
        fh.write(json.dumps(o, ensure_ascii=False) + "\n")
