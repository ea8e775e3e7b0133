"""Committee papers on CMIS (Civica) of the sample site: Essex County Council, as it really is.

SAMPLE DATA, invented for testing councilfacts: a real council name, invented meetings,
people and figures. The pages follow the markup of real CMIS pages saved by Democracy
Club's LGSF (tests/files/cmis); what is inferred is listed in data/sample/README.md.
Papers are blocks rendered by build_site.py like the ModernGov ones.
"""

from sample_facts import F, T

ESSEX = "Essex County Council"

SCRUTINY = dict(id=21, title="Children and Young People Policy and Scrutiny Committee")
CABINET = dict(id=3, title="Cabinet")

WORKFORCE = dict(
    token="czJKcaeAi5tUFL1DTL2UE4zNRBcoShgo=Xp7Yq2",
    title="Children's Social Care Recruitment and Retention",
    report_of="Report of the Director, Children and Families",
    agenda_item=5,
    blocks=[
        ("h", "1. Purpose of the report"),
        ("n", "1.1", "This report updates the Committee on the recruitment and retention of social "
         "workers in children's social care, as requested at its meeting in July 2021."),
        ("h", "2. The workforce"),
        ("n", "2.1", "The service has 498 social work posts. Of these, 37 are filled by agency social "
         "workers, who are used to cover vacant posts and long-term absence."),
        ("n", "2.2", "Average caseloads in the family support and protection teams are 17 children per "
         "social worker, within the range the Committee agreed in 2019."),
        ("n", "2.3", "Turnover of qualified social workers was 11% over the last twelve months."),
        ("break",),
        ("h", "3. Actions taken"),
        ("n", "3.1", "The service has refreshed its career pathway for newly qualified social workers, "
         "introduced protected caseloads in the first year of practice and expanded its academy for "
         "students on placement. Exit interviews show that workload and travel remain the main reasons "
         "given for leaving."),
        ("h", "4. Recommendation"),
        ("n", "4.1", "That the Committee notes the report. Contact officer: Head of Workforce "
         "Development, tel. 03330 139825, County Hall, Market Road, Chelmsford CM1 1QH."),
    ],
    facts=[
        F("agency_staff", 37, "37 are filled by agency social workers"),
        F("caseload", 17, "17 children per social worker"),
        F("staff_turnover", 11, "11%"),
    ],
    traps=[
        T("498 social work posts", 498, "establishment size, not a listed measure"),
        T("July 2021", 2021, "date"),
        T("in 2019", 2019, "year"),
        T("03330 139825", None, "telephone number"),
        T("CM1 1QH", 1, "postcode"),
    ],
)

BUDGET = dict(
    token="czJKcaeAi5tUFL1DTL2UE4zNRBcoShgo=Hk4Tz9",
    title="Budget 2022-23 Children and Families",
    report_of="Report of the Executive Director, Corporate Services",
    agenda_item=7,
    blocks=[
        ("h", "1. Purpose of the report"),
        ("n", "1.1", "This report sets out the proposed budget for Children and Families for 2022/23."),
        ("h", "2. The budget"),
        ("n", "2.1", "The proposed net budget for children's social care in 2022/23 is \u00a3224.6m."),
        ("n", "2.2", "Savings of \u00a35.4m are proposed, of which \u00a31.2m comes from reducing the use of "
         "residential placements."),
        ("n", "2.3", "There were 1,006 children in care at the end of December 2021."),
        ("n", "2.4", "The budget reflects continued pressure from the cost of placements for children "
         "with complex needs, from inflation in the price of residential care and from the growing "
         "number of families asking for early help. The service will keep its investment in family "
         "support and in the recruitment of foster carers."),
        ("break",),
        ("h", "3. Risks"),
        ("p", "The main risks to the budget are a further rise in the cost of residential placements, "
         "difficulty in recruiting permanent social workers and the uncertain outcome of the national "
         "review of children's social care. Each risk is monitored monthly by the directorate."),
        ("h", "4. Recommendation"),
        ("n", "4.1", "That Cabinet agrees the proposals in section 2 and Appendix B."),
    ],
    facts=[
        F("budget", 224_600_000, "\u00a3224.6m", subject="net budget, children's social care", period="2022/23"),
        F("funding_cut", 5_400_000, "\u00a35.4m", required=False, subject="savings proposed"),
        F("children_in_care", 1006, "1,006", period="2021-12"),
    ],
    traps=[
        T("2022/23", None, "financial year"),
        T("section 2", 2, "section reference"),
        T("Appendix B", None, "appendix reference"),
    ],
)

# CMIS lists meetings per month; the list view shows the server's "current" month, which
# on the sample site is March 2022 (the site is static: it has no today).
CMIS = dict(
    prefix="cmis",
    council=ESSEX,
    host_label="Essex County Council - Committee Meetings (SAMPLE)",
    module_id=397,
    tab_id=70,
    list_month="2022-03",
    meetings=[
        dict(id=5101, committee=SCRUTINY, date="2021-11-10", time="10:30", status="Scheduled",
             venue="Committee Room 1, County Hall, Chelmsford", docs=[WORKFORCE]),
        dict(id=5188, committee=CABINET, date="2022-03-15", time="10:15", status="Scheduled",
             venue="Council Chamber, County Hall, Chelmsford", docs=[BUDGET]),
        dict(id=5203, committee=SCRUTINY, date="2022-03-23", time="10:30", status="Cancelled",
             venue="Committee Room 1, County Hall, Chelmsford", docs=[]),
    ],
)
