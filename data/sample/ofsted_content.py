"""Ofsted provider pages and inspection reports of the sample site.

SAMPLE DATA, invented for testing councilfacts, in the shape of reports.ofsted.gov.uk
provider pages and ILACS reports (files.ofsted.gov.uk/v1/file/<id>). Real council names,
invented URN for Northamptonshire, invented file ids, inspectors, judgements and figures.
"""

from sample_facts import F, T

NCC = "Northamptonshire County Council"
BCC = "Birmingham City Council"
NNC = "North Northamptonshire Council"

NORTHANTS_ILACS = dict(
    file_id="59000101",
    la="Northamptonshire County Council",
    dates="1 July to 12 July 2019",
    published="2019-08-20",
    lead_inspector="Jane Holloway, Her Majesty's Inspector",
    judgements=[
        ("Overall effectiveness", "Inadequate"),
        ("The impact of leaders on social work practice with children and families", "Inadequate"),
        ("The experiences and progress of children who need help and protection", "Inadequate"),
        ("The experiences and progress of children in care", "Requires improvement to be good"),
        ("The experiences and progress of care leavers", "Requires improvement to be good"),
    ],
    blocks=[
        ("p", "Services for children in Northamptonshire have deteriorated since the last inspection "
         "in 2016, when they were judged to require improvement to be good. Leaders have not "
         "understood the scale of the weaknesses in frontline practice, and too many children "
         "who need help and protection have not been seen quickly enough."),
        ("p", "The council's serious financial difficulties in 2018 led to a period of instability "
         "in senior leadership, and many experienced social workers left. Since the appointment "
         "of a permanent director of children's services in January 2019, leaders have begun to "
         "take action, but this is too recent to have had an impact on children's experiences."),
        ("h", "What needs to improve?"),
        ("bullets", [
            "The timeliness of allocation of children to a social worker and of assessments.",
            "Management oversight and supervision of social work practice.",
            "The quality of plans for children in need of help and protection.",
            "The sufficiency of placements for children in care.",
        ]),
        ("h", "The experiences and progress of children who need help and protection: inadequate"),
        ("n", "1.", "Children and families do not consistently receive the right help at the right "
         "time. Thresholds are not well understood by partners, and the number of contacts "
         "received by the front door has increased sharply."),
        ("n", "2.", "At the time of the inspection, 97 children were waiting to be allocated a "
         "social worker. Some of these children had waited up to 12 weeks, and managers had not "
         "reviewed the risks to them."),
        ("n", "3.", "The number of children subject to a child protection plan has risen to 648. "
         "Strategy discussions are held promptly, but section 47 enquiries are not always "
         "completed in a timely way."),
        ("n", "4.", "Caseloads are too high for many social workers, with some holding more than "
         "30 children. Almost half of social workers (46%) are agency staff, and 40% of children "
         "have had three or more social workers in the past year."),
        ("n", "5.", "Homeless 16- and 17-year-olds are not always offered an assessment under the "
         "Children Act 1989, as they should be."),
        ("h", "The experiences and progress of children in care: requires improvement to be good"),
        ("n", "6.", "There are 1,052 children in care. Decisions for children to come into care are "
         "appropriate, and most children live in stable placements."),
        ("n", "7.", "The council does not have enough foster carers. As a result, 61 children live "
         "more than 20 miles from home."),
        ("h", "The experiences and progress of care leavers: requires improvement to be good"),
        ("n", "8.", "Personal advisers know their young people well, but they are not always "
         "allocated early enough. Too many care leavers aged 19 to 21 are not in education, "
         "employment or training: 48% of them, compared with 39% of care leavers nationally."),
        ("n", "9.", "Pathway plans are not consistently updated, and a small number of care leavers "
         "live in unsuitable accommodation, including bed and breakfast."),
        ("h", "The impact of leaders on social work practice with children and families: inadequate"),
        ("n", "10.", "Leaders have recently secured an additional \u00a315m for children's services, "
         "but workforce stability remains poor. There are 64 vacant social worker posts, and "
         "turnover of permanent staff was 26% last year."),
        ("n", "11.", "Leaders have an ambitious plan to recruit 50 permanent social workers, "
         "including through an international recruitment campaign."),
        ("n", "12.", "Quality assurance is not yet effective. Audits do not focus enough on the "
         "impact of practice on children, and actions from audits are not followed up. Leaders "
         "were not aware of the delays for children waiting for allocation until these were "
         "identified by inspectors."),
        ("h", "Ofsted's judgements and what they mean"),
        ("p", "Ofsted uses a four-point scale: outstanding, good, requires improvement to be good, "
         "and inadequate. Grade 4 (inadequate) means that children are, or may be, at risk of "
         "harm. Ofsted will monitor the local authority's progress through monitoring visits "
         "until the next inspection."),
    ],
    facts=[
        F("ofsted_rating", None, "Inadequate", subject="inadequate"),
        F("unallocated_cases", 97, "97 children"),
        F("waiting_time", 84, "up to 12 weeks", qualifier="up_to"),
        F("child_protection", 648, "648"),
        F("caseload", 30, "more than 30 children", qualifier="more_than"),
        F("agency_staff", 46, "46%"),
        F("agency_staff", 50, "Almost half", qualifier="almost", required=False, subject="the same 46% in words"),
        F("children_in_care", 1052, "1,052 children in care"),
        F("budget", 15_000_000, "\u00a315m", subject="additional money for children's services"),
        F("vacancies", 64, "64 vacant social worker posts"),
        F("staff_turnover", 26, "26%"),
        F("jobs_created", 50, "50 permanent social workers"),
    ],
    traps=[
        T("16- and 17-year-olds", 16, "ages"),
        T("Children Act 1989", 1989, "Act year"),
        T("section 47", 47, "section of an Act"),
        T("three or more social workers", 3, "changes of worker per child, not a measure"),
        T("40% of children", 40, "share of children with several workers; not staff turnover"),
        T("more than 20 miles", 20, "distance"),
        T("61 children", 61, "children placed far from home; not a listed measure"),
        T("1 July to 12 July 2019", None, "inspection dates"),
        T("in 2016", 2016, "year"),
        T("aged 19 to 21", 19, "age range"),
        T("48% of them", 48, "share of care leavers not in education or work; not a listed measure"),
        T("39% of care leavers nationally", 39, "national comparison; not a listed measure"),
        T("four-point scale", 4, "rating scale"),
        T("Grade 4", 4, "grade number on the rating scale"),
    ],
)

NORTHANTS_MONITORING = dict(
    file_id="59000188",
    la="Northamptonshire County Council",
    letter=True,
    dates="4 and 5 March 2020",
    published="2020-04-02",
    lead_inspector="Jane Holloway, Her Majesty's Inspector",
    judgements=[],
    blocks=[
        ("p", "Monitoring visit to Northamptonshire County Council children's services."),
        ("p", "This letter summarises the findings of the first monitoring visit to Northamptonshire "
         "County Council children's services since the local authority was judged inadequate in "
         "August 2019. The visit was carried out by two of Her Majesty's Inspectors on 4 and 5 "
         "March 2020."),
        ("h", "Overview"),
        ("p", "The local authority has made some progress in improving the timeliness of "
         "allocation. The number of children waiting for a social worker has reduced to 31. "
         "Children now wait no longer than 10 working days to be allocated a social worker."),
        ("p", "Social workers told inspectors that their caseloads had reduced, with most now "
         "holding between 18 and 22 children. The proportion of agency social workers has fallen "
         "to 38%."),
        ("break",),
        ("p", "Referrals have fallen by 12% since the inspection, as thresholds are applied more "
         "consistently."),
        ("p", "This letter will be published on the Ofsted website. Yours sincerely, Jane Holloway, "
         "Her Majesty's Inspector."),
    ],
    facts=[
        F("unallocated_cases", 31, "reduced to 31"),
        F("waiting_time", 10, "10 working days", qualifier="up_to"),
        F("caseload", 18, "between 18 and 22", value_max=22),
        F("agency_staff", 38, "38%"),
        F("referrals", 12, "12%"),
    ],
    traps=[
        T("two of Her Majesty's Inspectors", 2, "count of inspectors"),
        T("4 and 5 March 2020", None, "dates"),
        T("August 2019", 2019, "date"),
    ],
)

BIRMINGHAM_ILACS = dict(
    file_id="59000214",
    la="Birmingham City Council",
    dates="14 November to 25 November 2022",
    published="2023-01-17",
    lead_inspector="Marcus Webb, His Majesty's Inspector",
    judgements=[
        ("Overall effectiveness", "Requires improvement to be good"),
        ("The impact of leaders on social work practice with children and families", "Good"),
        ("The experiences and progress of children who need help and protection", "Requires improvement to be good"),
        ("The experiences and progress of children in care", "Good"),
        ("The experiences and progress of care leavers", "Requires improvement to be good"),
    ],
    blocks=[
        ("p", "Children's social care services in Birmingham are delivered by Birmingham Children's "
         "Trust on behalf of Birmingham City Council. Since the last inspection, leaders have "
         "strengthened the workforce and improved the quality of practice for children in care."),
        ("h", "What needs to improve?"),
        ("bullets", [
            "The consistency of the response to children in need.",
            "Support for care leavers aged 21 to 25.",
        ]),
        ("h", "The experiences and progress of children who need help and protection: requires improvement to be good"),
        ("n", "1.", "Referrals have increased by 7% in the last year, and the multi-agency "
         "safeguarding hub responds to most of them promptly. However, 45 children were waiting "
         "for an assessment to begin at the time of the inspection."),
        ("n", "2.", "Social workers have manageable caseloads, with an average of 17 children, and "
         "they know their children well."),
        ("n", "3.", "There are 1,107 children subject to a child protection plan."),
        ("h", "The experiences and progress of children in care: good"),
        ("n", "4.", "There are 2,079 children in care. Most live in stable homes close to their "
         "families."),
        ("h", "The impact of leaders on social work practice with children and families: good"),
        ("n", "5.", "The trust has reduced its reliance on agency staff, who now make up 12% of the "
         "social work workforce. In the most recent staff survey, 87% of social workers said they "
         "were proud to work for the trust."),
        ("n", "6.", "Leaders have made good use of an additional \u00a37.5m investment from the "
         "council to create 35 new social work posts in the children in need teams."),
    ],
    facts=[
        F("ofsted_rating", None, "Requires improvement to be good", subject="requires improvement"),
        F("referrals", 7, "7%"),
        F("unallocated_cases", 45, "45 children", required=False, subject="children waiting for an assessment to begin"),
        F("caseload", 17, "average of 17 children"),
        F("child_protection", 1107, "1,107 children"),
        F("children_in_care", 2079, "2,079 children in care"),
        F("agency_staff", 12, "12%"),
        F("survey_share", 87, "87%"),
        F("budget", 7_500_000, "\u00a37.5m"),
        F("jobs_created", 35, "35 new social work posts"),
    ],
    traps=[
        T("aged 21 to 25", 21, "age range"),
        T("14 November to 25 November 2022", None, "inspection dates"),
    ],
)

NORTH_NORTHANTS_ILACS = dict(
    file_id="59000311",
    la="North Northamptonshire Council",
    dates="3 October to 14 October 2022",
    published="2022-11-25",
    lead_inspector="Paul Garner, His Majesty's Inspector",
    judgements=[
        ("Overall effectiveness", "Requires improvement to be good"),
        ("The impact of leaders on social work practice with children and families", "Requires improvement to be good"),
        ("The experiences and progress of children who need help and protection", "Requires improvement to be good"),
        ("The experiences and progress of children in care", "Requires improvement to be good"),
        ("The experiences and progress of care leavers", "Good"),
    ],
    blocks=[
        ("p", "North Northamptonshire Council was created on 1 April 2021, when Northamptonshire "
         "County Council was abolished. Children's social care is delivered on the council's behalf "
         "by Northamptonshire Children's Trust, which also serves West Northamptonshire Council. "
         "This is the first inspection of the council's children's services."),
        ("p", "Services have improved considerably since the county council's services were judged "
         "inadequate in 2019. Leaders know their services well and have a realistic plan, but the "
         "quality of practice is not yet consistently good."),
        ("h", "What needs to improve?"),
        ("bullets", [
            "The quality and timeliness of assessments for children in need.",
            "Sufficiency of local homes for children in care.",
        ]),
        ("h", "The experiences and progress of children who need help and protection: requires improvement to be good"),
        ("n", "1.", "Referrals rose by 6% in the year before the inspection. Most children are seen "
         "promptly, and assessments were completed within an average of 24 working days."),
        ("n", "2.", "There are 418 children on child protection plans. Strategy meetings under "
         "section 47 are timely and well attended by partners."),
        ("n", "3.", "Social workers hold an average of 19 children, which most told inspectors was "
         "manageable. Around 30% of social workers are agency staff, which leaders recognise is too "
         "high."),
        ("h", "The experiences and progress of children in care: requires improvement to be good"),
        ("n", "4.", "There are 702 children in care. Too many children aged 11 and over live in "
         "homes outside the county because there are not enough local foster carers."),
        ("h", "The impact of leaders on social work practice with children and families: requires improvement to be good"),
        ("n", "5.", "Leaders have invested an additional \u00a34.1m in the workforce. Staff turnover has "
         "reduced from 28% to 19% in two years."),
        ("n", "6.", "In a survey of 120 care leavers, 72% said they knew who their personal adviser "
         "was and how to contact them."),
    ],
    facts=[
        F("ofsted_rating", None, "Requires improvement to be good", subject="requires improvement"),
        F("referrals", 6, "6%"),
        F("waiting_time", 24, "24 working days", subject="average time to complete an assessment"),
        F("child_protection", 418, "418 children"),
        F("caseload", 19, "average of 19 children"),
        F("agency_staff", 30, "30%", qualifier="about"),
        F("children_in_care", 702, "702 children in care"),
        F("budget", 4_100_000, "\u00a34.1m"),
        F("staff_turnover", 19, "19%"),
        F("staff_turnover", 28, "28%", required=False, subject="turnover two years earlier"),
        F("survey_share", 72, "72%"),
    ],
    traps=[
        T("1 April 2021", None, "date"),
        T("section 47", 47, "section of an Act"),
        T("aged 11 and over", 11, "age"),
        T("120 care leavers", 120, "number of survey respondents"),
        T("in two years", 2, "period"),
        T("3 October to 14 October 2022", None, "inspection dates"),
    ],
)

ESSEX_FOCUSED_VISIT = dict(
    file_id="59000402",
    la="Essex County Council",
    letter=True,
    dates="12 and 13 October 2021",
    published="2021-11-18",
    lead_inspector="Helen Ashby, Her Majesty's Inspector",
    judgements=[],
    blocks=[
        ("p", "Focused visit to Essex County Council children's services."),
        ("p", "This letter summarises the findings of the focused visit to Essex County Council "
         "children's services on 12 and 13 October 2021. Inspectors looked at the council's "
         "arrangements for children in need and children subject to a child protection plan."),
        ("h", "Headline findings"),
        ("p", "Children are seen promptly and social workers know them well. Social workers hold an "
         "average of 15 children each, and managers oversee their work closely."),
        ("p", "There are 1,180 children subject to a child protection plan. Agency staff make up 9% "
         "of the social work workforce."),
        ("break",),
        ("h", "Areas for improvement"),
        ("p", "The recording of management decisions is not always clear, so it is hard to see why a "
         "plan has changed. Plans for some children in need do not say clearly enough what must "
         "change and by when. Leaders know this and have begun to address it."),
        ("p", "This letter will be published on the Ofsted website. Yours sincerely, Helen Ashby, "
         "Her Majesty's Inspector."),
    ],
    facts=[
        F("caseload", 15, "average of 15 children"),
        F("child_protection", 1180, "1,180 children"),
        F("agency_staff", 9, "9%"),
    ],
    traps=[
        T("12 and 13 October 2021", None, "visit dates"),
    ],
)

ESSEX_ILACS = dict(
    file_id="59000417",
    la="Essex County Council",
    dates="6 March to 17 March 2023",
    published="2023-05-02",
    lead_inspector="Helen Ashby, His Majesty's Inspector",
    judgements=[
        ("Overall effectiveness", "Outstanding"),
        ("The impact of leaders on social work practice with children and families", "Outstanding"),
        ("The experiences and progress of children who need help and protection", "Good"),
        ("The experiences and progress of children in care", "Outstanding"),
        ("The experiences and progress of care leavers", "Outstanding"),
    ],
    blocks=[
        ("p", "Children in Essex continue to receive highly effective services. Leaders have sustained "
         "the strengths found at the last inspection, and practice with children in care and care "
         "leavers is exceptional."),
        ("h", "The experiences and progress of children who need help and protection: good"),
        ("n", "1.", "Social workers have manageable caseloads, with an average of 16 children."),
        ("h", "The experiences and progress of children in care: outstanding"),
        ("n", "2.", "There are 1,034 children in care. Most live with foster carers in Essex."),
        ("h", "The impact of leaders on social work practice with children and families: outstanding"),
        ("n", "3.", "The proportion of agency social workers is low, at 6%, and turnover has fallen "
         "to 10%."),
        ("break",),
        ("h", "The experiences and progress of care leavers: outstanding"),
        ("n", "4.", "Care leavers are supported by personal advisers who know them well and who stay in "
         "touch long after the law requires. Young people spoke warmly of the help they had with "
         "housing, education and work."),
    ],
    facts=[
        F("ofsted_rating", None, "Outstanding", subject="outstanding"),
        F("caseload", 16, "average of 16 children"),
        F("children_in_care", 1034, "1,034 children in care"),
        F("agency_staff", 6, "6%"),
        F("staff_turnover", 10, "10%"),
    ],
    traps=[
        T("6 March to 17 March 2023", None, "inspection dates"),
    ],
)

PROVIDERS = [
    dict(
        urn="80499",
        name="Northamptonshire",
        la=NCC,
        address="One Angel Square, Angel Street, Northampton, NN1 1ED",
        events=[
            dict(kind="Children's services inspection", date="2019-08-20", report=NORTHANTS_ILACS,
                 judgement="Overall effectiveness: Inadequate"),
            dict(kind="Children's services monitoring visit", date="2020-04-02", report=NORTHANTS_MONITORING,
                 judgement=None),
        ],
    ),
    dict(
        urn="80429",
        name="Birmingham",
        la=BCC,
        address="Council House, Victoria Square, Birmingham, B1 1BB",
        events=[
            dict(kind="Children's services inspection", date="2023-01-17", report=BIRMINGHAM_ILACS,
                 judgement="Overall effectiveness: Requires improvement to be good"),
            dict(kind="Children's services inspection", date="2012-10-19", report=None, missing_file_id="59000007",
                 judgement=None),
        ],
    ),
    dict(
        urn="2637539",
        name="North Northamptonshire",
        la=NNC,
        address="Sheerness House, 41 Meadow Road, Kettering, NN16 8TL",
        events=[
            dict(kind="Children's services inspection", date="2022-11-25", report=NORTH_NORTHANTS_ILACS,
                 judgement="Overall effectiveness: Requires improvement to be good"),
        ],
    ),
    dict(
        urn="80468",
        name="Essex",
        la="Essex County Council",
        address="County Hall, Market Road, Chelmsford, CM1 1QH",
        events=[
            dict(kind="Children's services inspection", date="2023-05-02", report=ESSEX_ILACS,
                 judgement="Overall effectiveness: Outstanding"),
            dict(kind="Children's services focused visit", date="2021-11-18", report=ESSEX_FOCUSED_VISIT,
                 judgement=None),
        ],
    ),
]
