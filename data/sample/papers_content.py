"""Committee papers (ModernGov) of the sample site.

SAMPLE DATA, invented for testing councilfacts: real council names, invented meetings,
people and figures. Report PDFs are blocks rendered by build_site.py with fpdf2:
("h", heading) ("p", text) ("n", "3.1", text) ("table", rows) ("bullets", items) ("break",).
"""

from sample_facts import F, T

NCC = "Northamptonshire County Council"
ESSEX = "Essex County Council"

COMMON_ITEMS = [
    (1, "Apologies for absence", "<p>To receive apologies for absence.</p>"),
    (2, "Declarations of interest", "<p>Members are asked to declare any interests in items on the agenda.</p>"),
    (3, "Minutes of the previous meeting", "<p>To approve the minutes of the previous meeting as a correct record.</p>"),
]

BUDGET_MONITORING = dict(
    attachmentid=52101,
    sid=14201,
    filename="Budget Monitoring Report Period 10 2018-19.pdf",
    title="Budget Monitoring Report Period 10 2018-19",
    report_of="Report of the Executive Director of Finance",
    agenda_item=7,
    blocks=[
        ("h", "1. Purpose of the report"),
        ("n", "1.1", "This report sets out the forecast revenue outturn for 2018/19 as at the end of "
         "Period 10 (January 2019) and the actions being taken to reduce the forecast overspend."),
        ("h", "2. Recommendations"),
        ("n", "2.1", "That Cabinet notes the forecast position set out in section 3 and Appendix A."),
        ("n", "2.2", "That Cabinet approves the additional spending controls described in paragraph 5.2."),
        ("h", "3. Forecast position"),
        ("n", "3.1", "The Children, Families and Education directorate is forecasting an overspend of "
         "\u00a313.2m against its net budget of \u00a3116.8m. This is an increase of \u00a30.9m "
         "since Period 9."),
        ("n", "3.2", "The overspend is driven mainly by the cost of placements. The number of children "
         "in care rose to 1,043 at the end of January 2019, compared with 958 a year earlier."),
        ("n", "3.3", "Spending on agency social workers reached \u00a37.9m by the end of Period 10. "
         "Agency staff are used to cover vacant posts so that children continue to have an "
         "allocated social worker."),
        ("table", [
            ["Directorate", "Budget \u00a3000", "Forecast \u00a3000", "Variance \u00a3000"],
            ["Children, Families and Education", "116,800", "130,000", "13,200"],
            ["Adult Social Services", "142,350", "146,020", "3,670"],
            ["Place", "68,410", "67,905", "(505)"],
            ["Corporate", "31,200", "31,680", "480"],
            ["Total", "358,760", "375,605", "16,845"],
        ]),
        ("n", "3.4", "Figures in brackets are underspends. Totals may not add due to rounding."),
        ("h", "4. Savings delivery"),
        ("n", "4.1", "Of the \u00a34.7m of savings planned for children's services in 2018/19, "
         "\u00a32.1m is now considered undeliverable, mainly because the planned reduction in "
         "residential placements has not happened."),
        ("h", "5. Actions"),
        ("n", "5.1", "The directorate has established a weekly placement panel chaired by the "
         "Director of Children's Services."),
        ("n", "5.2", "No new posts will be created without the approval of the Chief Executive, and "
         "all non-essential spending above \u00a3500 must be approved by the Section 151 Officer."),
        ("h", "6. Background papers"),
        ("p", "Budget Monitoring Report Period 9, Cabinet, 12 February 2019. Contact officer: "
         "Strategic Finance Manager, tel. 01632 960417, One Angel Square, Angel Street, "
         "Northampton NN1 1ED."),
    ],
    facts=[
        F("budget", 13_200_000, "\u00a313.2m", subject="forecast overspend, children's services", period="2018/19"),
        F("budget", 116_800_000, "\u00a3116.8m", subject="net budget, children's services", period="2018/19"),
        F("children_in_care", 1043, "1,043", period="2019-01"),
        F("children_in_care", 958, "958", required=False, period="2018-01"),
        F("budget", 7_900_000, "\u00a37.9m", subject="spending on agency social workers"),
        F("budget", 900_000, "\u00a30.9m", required=False, subject="increase in forecast overspend"),
        F("funding_cut", 4_700_000, "\u00a34.7m", required=False, subject="savings planned for children's services"),
    ],
    traps=[
        T("Period 10", 10, "budget period number"),
        T("\u00a32.1m is now considered undeliverable", 2_100_000, "savings NOT delivered: not a cut"),
        T("Budget \u00a3000", 0, "table unit header: thousands of pounds, not a figure"),
        T("16,845", 16845, "table total in \u00a3000 across all directorates; not children's services"),
        T("2018/19", None, "financial year"),
        T("paragraph 5.2", 5.2, "paragraph reference"),
        T("Agenda item 7", 7, "agenda item number"),
        T("\u00a3500", 500, "approval threshold, not a budget"),
        T("Section 151 Officer", 151, "statutory title"),
        T("01632 960417", None, "phone number"),
        T("NN1 1ED", None, "postcode"),
    ],
)

WORKFORCE_PLAN = dict(
    attachmentid=52388,
    sid=14388,
    filename="Childrens Services Workforce Plan.pdf",
    title="Children's Services Workforce Plan 2020-2022",
    report_of="Report of the Director of Children's Services",
    agenda_item=9,
    blocks=[
        ("h", "1. Purpose of the report"),
        ("n", "1.1", "To ask Cabinet to approve a two-year plan to stabilise the children's social "
         "care workforce and reduce the council's reliance on agency staff."),
        ("h", "2. Recommendations"),
        ("n", "2.1", "That Cabinet approves the Workforce Plan at Appendix 1 and an investment of "
         "\u00a33.4m over two years to deliver it."),
        ("h", "3. The current position"),
        ("n", "3.1", "At 31 October 2019 there were 82 vacant social work posts in the service, a "
         "vacancy rate of 27 per cent. Most vacancies are in the assessment and safeguarding teams."),
        ("n", "3.2", "The service currently employs 106 agency social workers, 36 per cent of the "
         "qualified social work workforce. An agency social worker costs on average \u00a318,000 a "
         "year more than a permanent employee."),
        ("n", "3.3", "Turnover of permanent social workers was 24.6 per cent in 2018/19. Exit "
         "interviews point to caseloads, the council's financial position and pay."),
        ("n", "3.4", "Average caseloads in the safeguarding teams are 24 children per social worker."),
        ("h", "4. Proposals"),
        ("n", "4.1", "The plan will recruit 40 newly qualified social workers over two years through "
         "an academy offering a protected caseload in the first year."),
        ("n", "4.2", "To fund frontline posts, 18 management posts will be deleted from the "
         "structure, of which 7 are currently vacant."),
        ("n", "4.3", "Caseloads will be capped at no more than 18 children for an experienced social "
         "worker and 12 for a social worker in their first year."),
        ("n", "4.4", "Social workers will move to Grade 7 (\u00a334,728 - \u00a337,890), with a "
         "market supplement for hard-to-fill teams, subject to job evaluation."),
        ("table", [
            ["Measure", "October 2019", "Target March 2021"],
            ["Vacancy rate", "27%", "12%"],
            ["Agency share of social workers", "36%", "15%"],
            ["Average caseload", "24", "18"],
        ]),
        ("h", "5. Financial implications"),
        ("n", "5.1", "The investment of \u00a33.4m is expected to be offset from 2021/22 by lower "
         "agency costs. The Section 151 Officer has been consulted."),
        ("h", "6. Consultation"),
        ("n", "6.1", "Staff and trade unions were consulted between 2 September and 14 October 2019. "
         "A summary of responses is at Appendix 2."),
        ("break",),
        ("h", "Appendix 2: Summary of consultation responses"),
        ("p", "The consultation received 214 responses from staff, trade unions and partner "
         "agencies. Of those who answered the question on the academy, 63 per cent supported the "
         "proposal to recruit newly qualified social workers through a protected first year."),
        ("p", "Respondents raised three main concerns:"),
        ("bullets", [
            "1. that experienced social workers would carry the most complex cases while new staff "
            "were protected;",
            "2. that deleting management posts would reduce the time available for supervision;",
            "3. that the market supplement would not be enough to compete with neighbouring councils.",
        ]),
        ("p", "In response, the plan now includes a senior practitioner role in each team and a "
         "review of the market supplement after 12 months. Trade unions asked that no member of "
         "staff aged 50 or over be disadvantaged by the new grading structure; the council has "
         "agreed to an equality impact assessment."),
    ],
    facts=[
        F("vacancies", 82, "82 vacant social work posts"),
        F("vacancies", 27, "27 per cent"),
        F("agency_staff", 106, "106 agency social workers"),
        F("agency_staff", 36, "36 per cent"),
        F("staff_turnover", 24.6, "24.6 per cent", period="2018/19"),
        F("caseload", 24, "24 children per social worker", subject="average caseload"),
        F("jobs_created", 40, "40 newly qualified social workers"),
        F("job_cuts", 18, "18 management posts"),
        F("caseload", 18, "no more than 18 children", qualifier="up_to", subject="caseload cap", required=False),
        F("caseload", 12, "12 for a social worker", qualifier="up_to", subject="caseload cap, first year", required=False),
        F("vacancies", 7, "7 are currently vacant", required=False, subject="vacant management posts to be deleted"),
        F("vacancies", 12, "12%", required=False, subject="target vacancy rate, March 2021"),
        F("agency_staff", 15, "15%", required=False, subject="target agency share, March 2021"),
        F("budget", 3_400_000, "\u00a33.4m", subject="investment in the workforce plan"),
        F("survey_share", 63, "63 per cent", subject="consultation respondents supporting the academy"),
    ],
    traps=[
        T("Grade 7 (\u00a334,728 - \u00a337,890)", 34728, "salary band, not a budget"),
        T("\u00a318,000 a year", 18000, "unit cost of one agency worker"),
        T("31 October 2019", None, "date"),
        T("Appendix 1", 1, "appendix number"),
        T("Agenda item 9", 9, "agenda item number"),
        T("2 September and 14 October 2019", None, "dates"),
        T("214 responses", 214, "number of consultation responses"),
        T("1. that experienced", 1, "list number"),
        T("aged 50 or over", 50, "age"),
        T("after 12 months", 12, "review period"),
    ],
)

PERFORMANCE_Q1 = dict(
    attachmentid=52290,
    sid=14290,
    filename="Performance Report Quarter 1 2019-20.pdf",
    title="Children's Social Care Performance Report: Quarter 1 2019/20",
    report_of="Report of the Director of Children's Services",
    agenda_item=6,
    blocks=[
        ("h", "1. Purpose of the report"),
        ("n", "1.1", "This report gives the Committee an overview of performance in children's social "
         "care for the first quarter of 2019/20 (April to June 2019)."),
        ("h", "2. Recommendation"),
        ("n", "2.1", "That the Committee notes the report and identifies any areas for further scrutiny."),
        ("h", "3. Demand"),
        ("n", "3.1", "The service received 1,842 referrals in the quarter, an increase of 9 per cent "
         "on the same quarter last year. Around one in three referrals came from the police."),
        ("n", "3.2", "At the end of June 2019, 612 children were subject to a child protection plan "
         "and 1,061 children were in the care of the council."),
        ("h", "4. Timeliness"),
        ("n", "4.1", "Assessments took an average of 38 working days to complete, within the "
         "statutory timescale of 45 working days, but 22 per cent of assessments were completed "
         "late."),
        ("n", "4.2", "At the end of the quarter, 163 children were awaiting allocation to a social "
         "worker, down from 201 at the end of March. All of these children have been seen and "
         "are overseen by a team manager."),
        ("h", "5. Workforce"),
        ("n", "5.1", "The average caseload across the assessment and safeguarding teams was 21 "
         "children. The service aims for an average of no more than 18."),
        ("table", [
            ["Indicator", "Q4 2018/19", "Q1 2019/20", "Target"],
            ["Referrals", "1,690", "1,842", "-"],
            ["Children on a child protection plan", "655", "612", "-"],
            ["Children in care", "1,049", "1,061", "-"],
            ["Children awaiting allocation", "201", "163", "0"],
            ["Average caseload", "23", "21", "18"],
        ]),
        ("h", "6. Next steps"),
        ("n", "6.1", "A deep dive into the timeliness of assessments will be brought to the Committee "
         "on 19 November 2019. Members' attention is drawn to paragraph 4.1."),
    ],
    facts=[
        F("referrals", 1842, "1,842 referrals", period="2019-Q2"),
        F("referrals", 9, "9 per cent"),
        F("child_protection", 612, "612 children"),
        F("children_in_care", 1061, "1,061 children"),
        F("waiting_time", 38, "38 working days", subject="average time to complete an assessment"),
        F("unallocated_cases", 163, "163 children"),
        F("unallocated_cases", 201, "201", required=False, period="2019-03"),
        F("caseload", 21, "21 children", subject="average caseload"),
        F("caseload", 18, "no more than 18", qualifier="up_to", required=False, subject="target average caseload"),
        F("referrals", 33.3, "one in three", required=False, subject="share of referrals from the police"),
        F("referrals", 1690, "1,690", required=False, period="2019-Q1", subject="table: referrals, Q4 2018/19"),
        F("child_protection", 655, "655", required=False, subject="table: Q4 2018/19"),
        F("children_in_care", 1049, "1,049", required=False, subject="table: Q4 2018/19"),
        F("caseload", 23, "23", required=False, subject="table: average caseload Q4 2018/19"),
    ],
    traps=[
        T("45 working days", 45, "statutory timescale, not a measured wait"),
        T("22 per cent of assessments were completed late", 22, "share of late assessments; not a listed measure"),
        T("Quarter 1", 1, "quarter number"),
        T("2019/20", None, "financial year"),
        T("paragraph 4.1", 4.1, "paragraph reference"),
        T("Agenda item 6", 6, "agenda item number"),
        T("19 November 2019", None, "date"),
    ],
)

# Issue 12: the next quarter's report. It repeats the first quarter's figure (163 at 30 June),
# and its count for 30 September 2019 is contradicted by the union's (news_content.py).
PERFORMANCE_Q2 = dict(
    attachmentid=52295,
    sid=14295,
    filename="Performance Report Quarter 2 2019-20.pdf",
    title="Children's Social Care Performance Report: Quarter 2 2019/20",
    report_of="Report of the Director of Children's Services",
    agenda_item=6,
    blocks=[
        ("h", "1. Purpose of the report"),
        ("n", "1.1", "This report gives the Committee an overview of performance in children's social "
         "care for the second quarter of 2019/20 (July to September 2019)."),
        ("h", "2. Recommendation"),
        ("n", "2.1", "That the Committee notes the report."),
        ("h", "3. Allocation"),
        ("n", "3.1", "At 30 September 2019, 148 children were awaiting allocation to a social worker, "
         "down from 163 at 30 June 2019."),
        ("n", "3.2", "Every child awaiting allocation has been seen and is overseen by a team manager."),
        ("break",),
        ("h", "4. Next steps"),
        ("n", "4.1", "The service will report again to the Committee on 4 February 2020, with the "
         "results of the deep dive into the timeliness of assessments."),
    ],
    facts=[
        F("unallocated_cases", 148, "148 children", period="2019-09-30"),
        F("unallocated_cases", 163, "163", period="2019-06-30"),
    ],
    traps=[
        T("Quarter 2", 2, "quarter number"),
        T("4 February 2020", None, "date"),
        T("2019/20", None, "financial year"),
        T("Agenda item 6", 6, "agenda item number"),
    ],
)

OFSTED_PLAN = dict(
    attachmentid=52410,
    sid=14410,
    filename="Ofsted Inspection Improvement Plan.pdf",
    title="Ofsted Inspection of Local Authority Children's Services: Improvement Plan",
    report_of="Report of the Director of Children's Services",
    agenda_item=5,
    blocks=[
        ("h", "1. Purpose of the report"),
        ("n", "1.1", "To update the Committee on the outcome of the Ofsted inspection of local "
         "authority children's services (ILACS) carried out from 1 to 12 July 2019, and on the "
         "improvement plan submitted to Ofsted."),
        ("h", "2. Inspection outcome"),
        ("n", "2.1", "Ofsted judged the council's children's services to be inadequate overall. "
         "The judgements were:"),
        ("table", [
            ["Judgement", "Grade"],
            ["Overall effectiveness", "Inadequate"],
            ["The impact of leaders on social work practice with children and families", "Inadequate"],
            ["The experiences and progress of children who need help and protection", "Inadequate"],
            ["The experiences and progress of children in care", "Requires improvement to be good"],
            ["The experiences and progress of care leavers", "Requires improvement to be good"],
        ]),
        ("n", "2.2", "Inspectors found that too many children waited too long for a social worker and "
         "that managers did not have an accurate understanding of practice."),
        ("h", "3. The workforce"),
        ("n", "3.1", "In the annual staff survey, 58 per cent of social workers said their caseload "
         "was not manageable, and only 31 per cent said they would recommend the council as a place "
         "to work."),
        ("n", "3.2", "In the 12 months to September 2019, 47 permanent social workers left the "
         "service, against 29 who joined."),
        ("h", "4. The improvement plan"),
        ("n", "4.1", "The plan was submitted to Ofsted within 70 working days of the publication of "
         "the report, as required. It is built around the 6 recommendations made by inspectors."),
        ("bullets", [
            "Recommendation 1: the timeliness of allocation and assessment.",
            "Recommendation 2: management oversight and supervision.",
            "Recommendation 4: the quality of plans for children in need of protection.",
        ]),
        ("n", "4.2", "Progress will be reported to this Committee every quarter and to the Improvement "
         "Board, chaired by the Commissioner for Children's Services, every month."),
    ],
    facts=[
        F("ofsted_rating", None, "inadequate", subject="inadequate"),
        F("ofsted_rating", None, "Inadequate", subject="inadequate", required=False),
        F("ofsted_rating", None, "Requires improvement to be good", subject="requires improvement", required=False),
        F("survey_share", 58, "58 per cent"),
        F("survey_share", 31, "31 per cent"),
        F("staff_turnover", 47, "47 permanent social workers"),
        F("jobs_created", 29, "29 who joined", required=False, subject="social workers recruited"),
    ],
    traps=[
        T("within 70 working days", 70, "deadline for an action plan, not a wait"),
        T("6 recommendations", 6, "count of recommendations"),
        T("Recommendation 4", 4, "list number"),
        T("1 to 12 July 2019", None, "inspection dates"),
        T("12 months to September 2019", 12, "period"),
        T("Agenda item 5", 5, "agenda item number"),
    ],
)

DRAFT_BUDGET = dict(
    attachmentid=52602,
    sid=14602,
    filename="Draft Budget 2020-21 Childrens Services.pdf",
    title="Draft Revenue Budget 2020/21: Children's Services",
    report_of="Report of the Executive Director of Finance and the Director of Children's Services",
    agenda_item=8,
    blocks=[
        ("h", "1. Purpose of the report"),
        ("n", "1.1", "To invite the Committee to comment on the draft 2020/21 revenue budget for "
         "children's services before it is considered by Cabinet on 11 February 2020 and by Council "
         "on 20 February 2020."),
        ("h", "2. The draft budget"),
        ("n", "2.1", "The draft net budget for children's services in 2020/21 is \u00a3128.5m. This "
         "includes an additional \u00a315.2m to meet the cost of rising demand for placements."),
        ("n", "2.2", "The draft budget also requires savings of \u00a36.8m in 2020/21. The largest "
         "proposals are set out below."),
        ("table", [
            ["Ref", "Proposal", "2020/21 \u00a3000", "2021/22 \u00a3000"],
            ["CS01", "Reduce residential placements through in-house fostering", "2,400", "1,100"],
            ["CS02", "Redesign early help services", "1,200", "600"],
            ["CS03", "Reduce agency social worker numbers", "1,900", "800"],
            ["CS04", "Other efficiencies", "1,300", "250"],
            ["", "Total", "6,800", "2,750"],
        ]),
        ("n", "2.3", "Proposal CS02 would reduce the early help budget by \u00a31.2m, which would mean "
         "the closure of 3 of the county's 12 children's centres."),
        ("h", "3. Council tax"),
        ("n", "3.1", "The draft budget assumes a council tax increase of 3.99 per cent, including 2 "
         "per cent for the adult social care precept. A Band D council tax would be \u00a31,312.65."),
        ("h", "4. Risks"),
        ("n", "4.1", "The largest risk is the number of children in care. Each additional residential "
         "placement costs on average \u00a3208,000 a year."),
    ],
    facts=[
        F("budget", 128_500_000, "\u00a3128.5m", period="2020/21"),
        F("budget", 15_200_000, "\u00a315.2m", subject="additional money for placements"),
        F("funding_cut", 6_800_000, "\u00a36.8m", subject="savings required in children's services"),
        F("funding_cut", 1_200_000, "\u00a31.2m", subject="early help budget reduction"),
    ],
    traps=[
        T("3.99 per cent", 3.99, "council tax increase"),
        T("2 per cent", 2, "social care precept"),
        T("\u00a31,312.65", 1312.65, "Band D council tax"),
        T("\u00a3208,000 a year", 208000, "unit cost of a placement"),
        T("CS02", 2, "proposal reference"),
        T("3 of the county's 12 children's centres", 3, "count of centres"),
        T("11 February 2020", None, "date"),
        T("Agenda item 8", 8, "agenda item number"),
    ],
)

ESSEX_PERFORMANCE = dict(
    attachmentid=81120,
    sid=70112,
    filename="Children and Families Performance Report.pdf",
    title="Children and Families Performance Report: Quarter 4 2021/22",
    report_of="Report of the Director, Children and Families",
    agenda_item=5,
    blocks=[
        ("h", "1. Purpose of the report"),
        ("n", "1.1", "To provide the Committee with an overview of performance in children's social "
         "care at the end of 2021/22."),
        ("h", "2. Key figures"),
        ("n", "2.1", "At 31 March 2022 there were 1,084 children in care in Essex, a rate of 35 per "
         "10,000 children, which remains well below the national rate."),
        ("n", "2.2", "There were 561 children subject to a child protection plan, compared with 598 "
         "a year earlier."),
        ("n", "2.3", "Contacts and referrals: the service received 11,256 referrals during the year, "
         "a fall of 3 per cent on 2020/21."),
        ("n", "2.4", "Social workers in the family operations teams held an average of 15 cases. "
         "Agency workers made up 8 per cent of the social work workforce."),
        ("table", [
            ["Indicator", "2020/21", "2021/22"],
            ["Children in care (31 March)", "1,101", "1,084"],
            ["Children on a child protection plan", "598", "561"],
            ["Referrals", "11,604", "11,256"],
            ["Average caseload", "16", "15"],
        ]),
        ("break",),
        ("h", "3. Recommendation"),
        ("n", "3.1", "That the Committee notes the report. Enquiries: Performance and Business "
         "Intelligence, tel. 01632 960882, County Hall, Market Road, Chelmsford CM1 1QH."),
    ],
    facts=[
        F("children_in_care", 1084, "1,084 children in care", period="2022-03-31"),
        F("child_protection", 561, "561 children", period="2022-03-31"),
        F("child_protection", 598, "598", required=False, period="2021-03-31"),
        F("referrals", 11256, "11,256 referrals", period="2021/22"),
        F("referrals", 3, "3 per cent", subject="fall in referrals"),
        F("caseload", 15, "average of 15 cases"),
        F("agency_staff", 8, "8 per cent"),
        F("children_in_care", 1101, "1,101", required=False, subject="table: 2020/21"),
        F("referrals", 11604, "11,604", required=False, subject="table: 2020/21"),
        F("caseload", 16, "16", required=False, subject="table: average caseload 2020/21"),
    ],
    traps=[
        T("35 per 10,000 children", 35, "rate per 10,000, not a count"),
        T("2021/22", None, "financial year"),
        T("01632 960882", None, "phone number"),
        T("CM1 1QH", None, "postcode"),
        T("Agenda item 5", 5, "agenda item number"),
    ],
)

ESSEX_WORKFORCE = dict(
    attachmentid=81398,
    sid=70398,
    filename="Social Care Workforce Update.pdf",
    title="Children's Social Care Workforce Update",
    report_of="Report of the Director, Children and Families",
    agenda_item=6,
    blocks=[
        ("h", "1. Purpose of the report"),
        ("n", "1.1", "To update the Committee on recruitment and retention of children's social workers."),
        ("h", "2. Position"),
        ("n", "2.1", "The social worker vacancy rate was 9 per cent in June 2022, up from 7 per cent a "
         "year earlier. There are 38 vacant posts, mainly in the north-east quadrant."),
        ("n", "2.2", "Turnover was 12 per cent over the year, below the regional average of "
         "16 per cent."),
        ("n", "2.3", "In the 2022 staff health check, 84 per cent of social workers said they had "
         "regular, good-quality supervision."),
        ("n", "2.4", "The council will recruit 25 additional social workers through its social work "
         "academy in 2022/23, funded by a \u00a31.1m investment agreed by Cabinet."),
        ("break",),
        ("h", "3. Recommendation"),
        ("n", "3.1", "That the Committee notes the report and the actions in section 2."),
    ],
    facts=[
        F("vacancies", 9, "9 per cent"),
        F("vacancies", 38, "38 vacant posts"),
        F("staff_turnover", 12, "12 per cent"),
        F("staff_turnover", 16, "16 per cent", body=None, required=False, subject="regional average"),
        F("survey_share", 84, "84 per cent"),
        F("jobs_created", 25, "25 additional social workers"),
        F("budget", 1_100_000, "\u00a31.1m", subject="investment in the social work academy"),
        F("vacancies", 7, "7 per cent", required=False, period="2021-06"),
    ],
    traps=[
        T("2022 staff health check", 2022, "year"),
        T("section 2", 2, "section reference"),
        T("2022/23", None, "financial year"),
        T("Agenda item 6", 6, "agenda item number"),
    ],
)

MODERNGOV = {
    "moderngov": dict(
        council=NCC,
        host_label="Northamptonshire County Council - Democracy (SAMPLE)",
        web_service=True,
        committees=[
            dict(id=132, title="Cabinet", category="Executive", expired=False, deleted=False),
            dict(id=151, title="Children's Services Scrutiny Committee", category="Scrutiny", expired=False, deleted=False),
            dict(id=97, title="Children's Services Overview and Scrutiny Panel (2013-2017)", category="Scrutiny",
                 expired=True, deleted=False),
        ],
        meetings=[
            dict(id=2871, committee=132, date="12/03/2019", time="2.00 pm", status="Confirmed",
                 location="Council Chamber, One Angel Square, Northampton",
                 items=[(7, "Budget Monitoring Report Period 10 2018/19",
                         "<p>To consider the report of the Executive Director of Finance.</p>", [BUDGET_MONITORING])]),
            dict(id=2890, committee=151, date="23/07/2019", time="10.00 am", status="Confirmed",
                 location="Committee Room 1, One Angel Square, Northampton",
                 items=[(6, "Children's Social Care Performance Report Quarter 1 2019/20",
                         "<p>To consider the performance report for the first quarter.</p>", [PERFORMANCE_Q1])]),
            dict(id=2911, committee=151, date="19/11/2019", time="10.00 am", status="Confirmed",
                 location="Committee Room 1, One Angel Square, Northampton",
                 items=[(5, "Ofsted Inspection of Children's Services: Improvement Plan",
                         "<p>To receive an update on the Ofsted inspection and the improvement plan.</p>", [OFSTED_PLAN]),
                        (6, "Children's Social Care Performance Report Quarter 2 2019/20",
                         "<p>To consider the performance report for the second quarter.</p>", [PERFORMANCE_Q2])]),
            dict(id=2903, committee=132, date="10/12/2019", time="2.00 pm", status="Confirmed",
                 location="Council Chamber, One Angel Square, Northampton",
                 items=[(9, "Children's Services Workforce Plan 2020-2022",
                         "<p>To consider the report of the Director of Children's Services.</p>", [WORKFORCE_PLAN])]),
            dict(id=2934, committee=151, date="04/02/2020", time="10.00 am", status="Confirmed",
                 location="Committee Room 1, One Angel Square, Northampton",
                 items=[(8, "Draft Revenue Budget 2020/21: Children's Services",
                         "<p>To comment on the draft budget proposals for children's services.</p>", [DRAFT_BUDGET])]),
            dict(id=2952, committee=132, date="14/04/2020", time="2.00 pm", status="Cancelled",
                 location="Council Chamber, One Angel Square, Northampton", items=[]),
        ],
    ),
    "moderngov2": dict(
        council=ESSEX,
        host_label="Essex County Council - Committees (SAMPLE)",
        web_service=False,
        committees=[
            dict(id=318, title="People and Families Policy and Scrutiny Committee", category="Scrutiny",
                 expired=False, deleted=False),
        ],
        meetings=[
            dict(id=4412, committee=318, date="12/05/2022", time="10.30 am", status="Confirmed",
                 location="Council Chamber, County Hall, Chelmsford",
                 items=[(5, "Children and Families Performance Report Quarter 4 2021/22",
                         "<p>To note the performance report.</p>", [ESSEX_PERFORMANCE])]),
            dict(id=4460, committee=318, date="08/09/2022", time="10.30 am", status="Confirmed",
                 location="Council Chamber, County Hall, Chelmsford",
                 items=[(6, "Children's Social Care Workforce Update",
                         "<p>To receive an update on the social care workforce.</p>", [ESSEX_WORKFORCE])]),
        ],
    ),
}
