"""News stories of the "Shire Gazette (SAMPLE)".

SAMPLE DATA, invented for testing councilfacts: the councils are real (so that bodies link
to the gazetteer), the people, quotes and figures are not. Each story lists the facts a
careful reader would take from it (`facts`) and the numbers that must NOT become facts
(`traps`); build_site.py checks that every `figure` and trap `text` occurs in the page.
"""

from sample_facts import F, T

NCC = "Northamptonshire County Council"
ESSEX = "Essex County Council"
BCC = "Birmingham City Council"
LCC = "Liverpool City Council"
HERTS = "Hertfordshire County Council"
KENT = "Kent County Council"
WNC = "West Northamptonshire Council"
NNC = "North Northamptonshire Council"

ARTICLES = [
    dict(
        slug="county-council-to-axe-80-childrens-services-posts",
        published="2017-03-14T07:30:00+00:00",
        modified="2017-03-14T12:05:00+00:00",
        section="Children's services",
        author="Helen Marsh",
        council=NCC,
        headline="County council to axe 80 children's services posts in restructure",
        standfirst=(
            "Unions warn that frontline family support will suffer as Northamptonshire County "
            "Council moves money into trainee social workers."
        ),
        paragraphs=[
            "Northamptonshire County Council is to axe 80 posts in its children's services "
            "department as it tries to close a widening gap in its budget, the Gazette can reveal.",
            "Papers published ahead of next week's cabinet meeting show that up to 35 staff could "
            "be made compulsorily redundant. The rest of the posts would go through vacancies that "
            "are left unfilled and through voluntary redundancy.",
            "The authority says part of the money saved will pay for 22 trainee social worker "
            "roles, which it hopes will reduce its reliance on expensive temporary staff. At "
            "present the council employs 31 agency social workers, at a cost it has previously "
            "described as \u201cunsustainable\u201d.",
            "The restructure is part of a wider plan to cut \u00a34.5m from the early help and "
            "prevention budget by April 2018.",
            "Councillor Ruth Allinson, the cabinet member for children's services, said: "
            "\u201cNobody comes into local government wanting to make decisions like this. But we "
            "have to live within our means, and we believe that growing our own social workers is "
            "the right answer for the long term.\u201d",
            "Gary Pell, branch secretary of Unison, said the union had been given 45 days' notice "
            "of the consultation, the legal minimum for proposals of this size.",
            "\u201cFamily support workers are the people who keep children out of care in the "
            "first place,\u201d he said. \u201cTake them away and the cost just turns up somewhere "
            "else, usually in the care budget, and the children pay the price.\u201d",
            "The council currently looks after 912 children in care, up from 820 two years ago, "
            "and the cost of placements has been the single biggest pressure on its finances.",
            "Staff aged 55 and over who volunteer for redundancy may be able to draw their pension "
            "early, the papers say. The consultation closes on 28 April.",
            "One family support worker, who asked not to be named, said morale in her team was "
            "\u201cthe lowest I have known in 14 years\u201d. She added: \u201cWe found out from a "
            "spreadsheet on a shared drive. Nobody has talked to us.\u201d",
            "The proposals will be discussed by the cabinet at One Angel Square, Northampton, on "
            "Tuesday 21 March at 2pm. The meeting is open to the public.",
        ],
        facts=[
            F("job_cuts", 80, "80 posts"),
            F("job_cuts", 35, "up to 35 staff", qualifier="up_to"),
            F("jobs_created", 22, "22 trainee social worker"),
            F("agency_staff", 31, "31 agency social workers"),
            F("funding_cut", 4_500_000, "\u00a34.5m"),
            F("children_in_care", 912, "912 children in care"),
            F("children_in_care", 820, "820", required=False, period="2015"),
        ],
        traps=[
            T("45 days' notice", 45, "consultation notice period, not a waiting time"),
            T("aged 55", 55, "age"),
            T("14 years", 14, "length of service"),
            T("28 April", None, "date"),
            T("Tuesday 21 March at 2pm", None, "date and time"),
            T("April 2018", 2018, "year"),
        ],
    ),
    dict(
        slug="northamptonshire-bans-new-spending-as-overspend-hits-21m",
        published="2018-02-03T09:00:00+00:00",
        modified="2018-02-03T16:40:00+00:00",
        section="Council finances",
        author="Tom Ridley",
        council=NCC,
        headline="Northamptonshire bans all new spending as overspend hits \u00a321.4m",
        standfirst=(
            "The county council has issued a section 114 notice, the first English council to "
            "do so in almost 20 years."
        ),
        paragraphs=[
            "Northamptonshire County Council has banned all new spending except on services it "
            "must provide by law, after its finance chief warned that it was heading for a "
            "\u00a321.4m overspend this year.",
            "The authority's chief finance officer issued a notice under section 114 of the Local "
            "Government Finance Act 1988 on Friday, the first time an English council has done so "
            "in almost 20 years.",
            "The notice means councillors must meet within 21 days to consider the report. Until "
            "then, no new contracts can be signed and spending is limited to protecting vulnerable "
            "children and adults.",
            "Children's services account for \u00a312.9m of the overspend, according to the "
            "report, as the cost of placing children with independent fostering agencies and in "
            "residential homes has soared.",
            "The council has long argued that it is underfunded. Its leader said the county's "
            "revenue support grant had been cut by \u00a345m since 2013, while the population aged "
            "over 65 had grown faster than almost anywhere else in England.",
            "\u201cWe have done everything we have been asked to do and more,\u201d the leader "
            "said. \u201cWe have been one of the lowest-spending councils in the country for "
            "years. There is simply nothing left to cut.\u201d",
            "Opposition councillors said the notice was the result of years of mismanagement. "
            "Labour group leader Councillor Asha Mendes said: \u201cThis did not happen overnight. "
            "We have been warning about these finances in every budget debate since 2015.\u201d",
            "A spokesman for the Ministry of Housing, Communities and Local Government said an "
            "independent inspection of the council, announced last month, would report by 16 "
            "March.",
            "Headteachers and charities said they were waiting to hear what the ban would mean "
            "for contracts that run into the 2018/19 financial year. The chief executive of one "
            "children's charity, which runs three family centres in the county, said: "
            "\u201cWe have had no letter, no call, nothing. Our staff are worried.\u201d",
            "The full council meeting to discuss the notice will take place at County Hall on "
            "Wednesday 21 February.",
        ],
        facts=[
            F("budget", 21_400_000, "\u00a321.4m overspend"),
            F("budget", 12_900_000, "\u00a312.9m"),
            F("funding_cut", 45_000_000, "\u00a345m", period="2013/2018"),
        ],
        traps=[
            T("section 114", 114, "section of an Act"),
            T("Local Government Finance Act 1988", 1988, "Act year"),
            T("almost 20 years", 20, "duration, not a measure"),
            T("within 21 days", 21, "legal deadline, not a waiting time"),
            T("aged over 65", 65, "age"),
            T("2018/19", None, "financial year"),
            T("three family centres", 3, "count of centres"),
            T("16 March", None, "date"),
        ],
    ),
    dict(
        slug="hundreds-of-children-waiting-for-a-social-worker",
        published="2018-10-03T06:00:00+01:00",
        modified="2018-10-04T10:15:00+01:00",
        section="Children's services",
        author="Helen Marsh",
        council=NCC,
        headline="Hundreds of vulnerable children left waiting for a social worker",
        standfirst=(
            "Internal figures seen by the Gazette show children in need waiting weeks for an "
            "assessment as demand rises and staff leave."
        ),
        paragraphs=[
            "More than 270 children in Northamptonshire who have been referred to social services "
            "have no allocated social worker, according to internal figures seen by the Gazette.",
            "The figures, presented to senior managers at Northamptonshire County Council last "
            "month, show that children waited an average of 41 days for an assessment to be "
            "completed. The longest wait was 11 weeks.",
            "Almost 700 children are on child protection plans, the highest number the county has "
            "recorded, and referrals to the council's front door rose by 18 per cent in a year.",
            "A team manager, who spoke on condition of anonymity, said: \u201cWe are triaging, "
            "not social working. Every morning we look at the list and decide which children "
            "can wait another day. Nobody trained for this job to do that.\u201d",
            "The report estimates that the council needs another 25 social workers to allocate "
            "every case. It says recruitment has been hampered by the council's financial crisis "
            "and by neighbouring authorities offering higher salaries and smaller caseloads.",
            "One mother from Corby, whose 15-year-old daughter was referred by her school in June, "
            "said she had still not heard from anyone. \u201cThey told us someone would be in touch "
            "within a week. That was three months ago,\u201d she said.",
            "A county council spokeswoman said every referral was screened within 24 hours and "
            "that children judged to be at immediate risk were always seen the same day.",
            "\u201cWe recognise that some children are waiting longer than we would like for an "
            "allocated worker, and we are sorry for that,\u201d she said. \u201cA dedicated team "
            "is now working through the oldest cases, and we have approved funding for additional "
            "social workers.\u201d",
            "Councillors on the scrutiny committee have asked for the figures to be published in "
            "full at their next meeting on 6 November.",
            "Anyone worried about a child in Northamptonshire can contact the council's "
            "multi-agency safeguarding hub. In an emergency, call 999.",
        ],
        facts=[
            F("unallocated_cases", 270, "More than 270 children", qualifier="more_than"),
            F("waiting_time", 41, "41 days"),
            F("waiting_time", 77, "11 weeks", subject="longest wait for an assessment"),
            F("child_protection", 700, "Almost 700 children", qualifier="almost"),
            F("referrals", 18, "18 per cent"),
            F("vacancies", 25, "another 25 social workers"),
            F("waiting_time", 90, "three months", required=False, subject="wait for contact (a parent's account)"),
        ],
        traps=[
            T("15-year-old", 15, "age"),
            T("within 24 hours", 24, "screening target"),
            T("6 November", None, "date"),
            T("999", 999, "emergency phone number"),
            T("within a week", 7, "promise, not a measured wait"),
        ],
    ),
    dict(
        slug="how-essex-kept-its-social-workers",
        published="2019-06-20T08:00:00+01:00",
        modified="2019-06-20T08:00:00+01:00",
        section="Children's services",
        author="Priya Shah",
        council=ESSEX,
        headline="How Essex kept its social workers: small caseloads and a career ladder",
        standfirst=(
            "While its neighbours struggle to recruit, Essex County Council says investment in "
            "its own staff has paid off."
        ),
        paragraphs=[
            "When Ofsted rated Essex County Council's children's services outstanding, "
            "inspectors singled out something that many councils can only envy: a stable "
            "workforce.",
            "Social workers in Essex hold an average of 16 children each, well below the levels "
            "reported by many councils in the region. Just 6 per cent of its social workers are "
            "employed through agencies.",
            "Staff turnover fell to 11.5 per cent last year, compared with a national average of "
            "15.2 per cent, and the council's vacancy rate stands at 7 per cent.",
            "\u201cPeople stay because they can do the job they came into social work to do,\u201d "
            "said the council's director of children's services, Marion Teague. \u201cIf you give "
            "someone 30 families, you are asking them to fail. We would rather pay for more "
            "social workers than pay for the consequences.\u201d",
            "The council introduced a five-step career ladder in 2014, allowing experienced "
            "practitioners to progress without moving into management. It also pays for every "
            "newly qualified social worker to complete a one-year assessed and supported year in "
            "employment.",
            "Frontline staff the Gazette spoke to were broadly positive. On an internal staff "
            "app, the department is rated 4 out of 5 for \u201cmanageable workload\u201d.",
            "\u201cIt's still a hard job,\u201d said one practitioner who has worked in the "
            "Colchester team for six years. \u201cBut when I say I need more time with a family, "
            "I get it. My friends in other councils don't.\u201d",
            "Unions say Essex is not immune to pressures. Referrals have been rising since 2016 "
            "and the county's 12 districts vary widely in need. Union officials also warn that "
            "pay in London boroughs remains a pull for staff in the south of the county.",
            "Inspectors also praised the council's work with families on the edge of care. Its "
            "family solutions service, which works intensively with parents before problems "
            "escalate, was described in the inspection report as a real strength.",
            "Ms Teague said the council would not be complacent. \u201cRecruitment is getting "
            "harder everywhere. We are competing for the same people as every other council, and "
            "we have to keep giving them reasons to stay,\u201d she said.",
            "The council's cabinet will consider a new workforce strategy at its meeting on 16 July.",
        ],
        facts=[
            F("ofsted_rating", None, "outstanding", subject="outstanding"),
            F("caseload", 16, "16 children each", subject="average caseload"),
            F("agency_staff", 6, "6 per cent"),
            F("staff_turnover", 11.5, "11.5 per cent"),
            F("staff_turnover", 15.2, "15.2 per cent", body=None, required=False, subject="national average"),
            F("vacancies", 7, "7 per cent"),
        ],
        traps=[
            T("rated 4 out of 5", 4, "rating scale"),
            T("30 families", 30, "hypothetical in a quote"),
            T("five-step", 5, "steps of a career ladder"),
            T("12 districts", 12, "count of districts"),
            T("six years", 6, "length of service"),
            T("one-year", 1, "duration of a programme"),
            T("16 July", None, "date"),
        ],
    ),
    dict(
        slug="birmingham-referrals-soar-as-trust-warns-of-unprecedented-demand",
        published="2020-01-29T11:20:00+00:00",
        modified="2020-01-30T09:00:00+00:00",
        section="Children's services",
        author="Daniel Okafor",
        council=BCC,
        headline="Birmingham referrals soar as children's trust warns of 'unprecedented' demand",
        standfirst=(
            "Birmingham City Council is asked to find an extra \u00a318.6m for the trust that runs "
            "its children's social care."
        ),
        paragraphs=[
            "Referrals to children's social care in Birmingham rose by 14 per cent to 19,870 in "
            "the year to March, the trust that runs the service on behalf of Birmingham City "
            "Council has said.",
            "Birmingham Children's Trust, which took over the council's children's social care in "
            "2018, told councillors that demand was \u201cunprecedented\u201d and that the number "
            "of children in care had reached 2,012.",
            "There are now 1,030 children subject to child protection plans in the city, according "
            "to a report to the council's education and children's social care overview and "
            "scrutiny committee.",
            "The trust is asking the council for an additional \u00a318.6m over the next financial "
            "year, on top of its existing contract. Council leaders are expected to agree the "
            "request when the budget is set in February.",
            "\u201cThese are not just numbers on a page,\u201d the trust's chief executive, Alan "
            "Forde, told the committee. \u201cEach one is a child whose family has reached a point "
            "where they need us. We cannot turn them away.\u201d",
            "The report says the rise has been driven partly by more referrals from schools and "
            "the police, and partly by increased awareness of exploitation among children aged 12 "
            "to 17.",
            "Councillor Hannah Bright, who chairs the committee, said members would want to see "
            "evidence that the extra money was making a difference. \u201cWe have heard about "
            "rising demand for three years running,\u201d she said. \u201cI want to know what "
            "early help is doing to bring it down.\u201d",
            "The trust says it has reduced its use of agency social workers and that caseloads "
            "are now more manageable than when it was created. It plans to open two more family "
            "hubs before the end of the 2020/21 financial year.",
            "Opposition members questioned whether the council could afford the request at a time "
            "when other services were being cut. The council's cabinet member for children's "
            "wellbeing said protecting vulnerable children had to come first.",
            "Concerns about a child in Birmingham can be reported to the children's advice and "
            "support service on 0121 496 0000.",
        ],
        facts=[
            F("referrals", 14, "14 per cent"),
            F("referrals", 19870, "19,870"),
            F("children_in_care", 2012, "2,012"),
            F("child_protection", 1030, "1,030 children"),
            F("budget", 18_600_000, "\u00a318.6m"),
        ],
        traps=[
            T("0121 496 0000", None, "phone number"),
            T("aged 12 to 17", 12, "age range"),
            T("in 2018", 2018, "year"),
            T("three years running", 3, "duration"),
            T("two more family hubs", 2, "count of hubs"),
            T("2020/21", None, "financial year"),
        ],
    ),
    dict(
        slug="six-in-ten-liverpool-social-workers-say-workloads-unmanageable",
        published="2020-10-15T07:00:00+01:00",
        modified="2020-10-15T14:30:00+01:00",
        section="Children's services",
        author="Sarah Quinlan",
        council=LCC,
        hostile=True,
        headline="Six in ten Liverpool social workers say workloads are unmanageable",
        standfirst=(
            "A staff survey carried out during the pandemic paints a picture of exhausted teams, "
            "as Liverpool City Council promises to recruit."
        ),
        paragraphs=[
            "Sixty-two per cent of children's social workers at Liverpool City Council who "
            "responded to a staff survey said their workload was unmanageable, and two in five "
            "said they were thinking about leaving within a year.",
            "The survey, carried out in the summer during the Covid-19 pandemic, was answered by "
            "412 members of staff across children's services.",
            "<script>alert(1)</script>",
            "Social workers reported an average caseload of 22 children, and many said that "
            "moving visits online had made it harder to build relationships with families.",
            "The council said it would recruit more than 40 social workers over the next 18 "
            "months and had already reduced the proportion of agency staff to 18 per cent.",
            "\u201cOur social workers have kept going through the hardest year any of us can "
            "remember,\u201d said the council's cabinet member for children's services, Councillor "
            "Joe Dunleavy. \u201cWe have listened to them, and we are going to act.\u201d",
            '<img src="/static/img/survey-chart.png" alt="Chart of survey responses" '
            'onerror="alert(document.cookie)">',
            "One social worker who took part, and who asked not to be named, said the hardest part "
            "was not knowing what was happening behind closed doors. \u201cYou do a video call and "
            "a child says everything is fine, and you have no way of knowing if someone is standing "
            "just out of shot,\u201d she said.",
            "Managers said the service had continued to visit children at greatest risk in person "
            "throughout the pandemic, and that the survey would shape a new wellbeing plan for "
            "staff, including protected time for supervision and training.",
            "The union representing many of the staff said the results should be a wake-up call. "
            "\u201cPeople are exhausted,\u201d a Unison spokeswoman said. \u201cThey have been "
            "doing doorstep visits in masks, working from kitchen tables, and still the cases "
            "keep coming.\u201d",
            "The survey also found that most staff felt supported by their immediate managers, "
            "which the council said was a strength to build on.",
            "Liverpool is not alone. Councils across the North West have reported rising demand "
            "since schools reopened in September, as teachers raised concerns about children "
            "they had not seen for months.",
            "Councillors will discuss the results at the children's scrutiny committee on "
            "3 November, along with a report on the service's response to the first national "
            "lockdown in March.",
        ],
        facts=[
            F("survey_share", 62, "Sixty-two per cent"),
            F("survey_share", 60, "Six in ten", required=False, subject="headline rounding of 62 per cent"),
            F("survey_share", 40, "two in five"),
            F("caseload", 22, "average caseload of 22", subject="average caseload"),
            F("jobs_created", 40, "more than 40 social workers", qualifier="more_than"),
            F("agency_staff", 18, "18 per cent"),
        ],
        traps=[
            T("Covid-19", 19, "name of a disease"),
            T("412 members of staff", 412, "number of survey respondents"),
            T("18 months", 18, "period of a plan"),
            T("3 November", None, "date"),
        ],
    ),
    dict(
        slug="new-unitary-councils-take-on-childrens-trust-bill",
        published="2021-06-10T10:00:00+01:00",
        modified="2021-06-10T10:00:00+01:00",
        section="Council finances",
        author="Tom Ridley",
        council=WNC,
        headline="New councils pick up the bill for Northamptonshire's children's trust",
        standfirst=(
            "West Northamptonshire Council and North Northamptonshire Council will share the cost "
            "of the trust that now runs children's social care across the county."
        ),
        paragraphs=[
            "The two councils that replaced Northamptonshire County Council on 1 April 2021 have "
            "agreed how they will share the cost of children's social care, after the trust that "
            "runs the service overspent by \u00a36.3m in its first months.",
            "West Northamptonshire Council will contribute \u00a392.4m to Northamptonshire "
            "Children's Trust in 2021/22, and North Northamptonshire Council will contribute "
            "\u00a366.3m. Costs are split 58:42, based on the number of children each area "
            "supports.",
            "There are 1,180 children in care across the county, and the trust says the cost of "
            "placements is still rising faster than its income.",
            "The trust was created in November 2020, after the government ordered that "
            "children's services be removed from direct council control following two inadequate "
            "Ofsted inspections.",
            "West Northamptonshire Council's cabinet member for children, Councillor Fiona Baird, "
            "said: \u201cThe trust inherited a service in crisis. It is now on a much firmer "
            "footing, but it would be wrong to pretend the money problems have gone away.\u201d",
            "Opposition councillors in the north of the county questioned whether the 58:42 "
            "split was fair. \u201cWe need to see the workings,\u201d said one. \u201cOur residents "
            "should not be paying for decisions taken in Northampton.\u201d",
            "The trust's chief executive said it had reduced its spending on agency staff and "
            "was on track to open a new children's home in Kettering next year, which would "
            "provide places for four children closer to their families.",
            "Campaigners for children in care welcomed the new home but said the county still "
            "sent too many children to live far away from their schools and friends. \u201cEvery "
            "move is another loss for a child,\u201d said the chair of a local foster carers' "
            "association.",
            "The contract between the councils and the trust will be reviewed every year, with "
            "the first review due in March 2022.",
            "A joint committee of both councils will oversee the trust's performance. Its first "
            "meeting is on 24 June at the Guildhall, St Giles Square, Northampton.",
        ],
        facts=[
            F("budget", 6_300_000, "\u00a36.3m", body=None, subject="Northamptonshire Children's Trust overspend"),
            F("budget", 92_400_000, "\u00a392.4m", body=WNC),
            F("budget", 66_300_000, "\u00a366.3m", body=NNC),
            F("children_in_care", 1180, "1,180 children in care", body=None, required=True,
              subject="children in care across Northamptonshire"),
        ],
        traps=[
            T("1 April 2021", None, "date"),
            T("58:42", None, "ratio"),
            T("2021/22", None, "financial year"),
            T("November 2020", 2020, "date"),
            T("four children", 4, "places in one home"),
            T("24 June", None, "date"),
            T("March 2022", 2022, "date"),
        ],
    ),
    dict(
        slug="nine-in-ten-councils-overspent-on-childrens-social-care",
        published="2022-09-22T00:01:00+01:00",
        modified="2022-09-22T08:45:00+01:00",
        section="Council finances",
        author="Priya Shah",
        council=None,
        headline="Nine in ten councils overspent on children's social care, survey finds",
        standfirst=(
            "Directors say agency costs and a shortage of placements are pushing budgets past "
            "breaking point."
        ),
        paragraphs=[
            "Nine in ten councils in England overspent on children's social care last year, "
            "according to a survey of directors of children's services.",
            "Between them, the councils that took part overspent by a combined \u00a3778m in "
            "2021/22. Seventy-one per cent of those who responded said the cost of agency social "
            "workers was one of their three biggest financial pressures.",
            "The survey was sent to all 152 councils with responsibility for children's services "
            "and 119 replied.",
            "Nationally, agency workers now make up 17.8 per cent of the children's social worker "
            "workforce, the highest share since records began.",
            "Kent County Council, one of the largest authorities in the country, said its "
            "children's services overspend had reached \u00a313.7m, driven largely by the cost of "
            "caring for unaccompanied asylum-seeking children arriving at the Kent coast.",
            "A Kent spokesman said: \u201cWe have been clear with government for years that the "
            "national transfer scheme does not work for a county on the front line. The costs "
            "fall on Kent taxpayers.\u201d",
            "The survey's authors said the figures showed a system under \u201cintolerable "
            "strain\u201d. They called for the government to publish its response to the "
            "independent review of children's social care without further delay.",
            "One director, from a shire county in the Midlands, said: \u201cWe are paying "
            "\u00a310,000 a week for some placements, and there is nothing I can do about it "
            "because there is nowhere else for those children to go.\u201d",
            "Directors also reported growing difficulty in finding homes for children with complex "
            "needs, with some councils relying on unregistered placements as a last resort, a "
            "practice that Ofsted has repeatedly criticised.",
            "The Local Government Association said councils had done everything they could to "
            "protect children's services, often by cutting other services such as libraries, "
            "parks and road maintenance. \u201cThat cannot go on indefinitely,\u201d a spokesman "
            "said.",
            "The Department for Education said it had made an extra \u00a31.6bn available to "
            "councils for social care this year and would set out its plans for reform "
            "\u201cin due course\u201d.",
        ],
        facts=[
            F("survey_share", 90, "Nine in ten councils", body=None),
            F("budget", 778_000_000, "\u00a3778m", body=None),
            F("survey_share", 71, "Seventy-one per cent", body=None),
            F("agency_staff", 17.8, "17.8 per cent", body=None, subject="agency share of social workers in England"),
            F("budget", 13_700_000, "\u00a313.7m", body=KENT),
            F("budget", 1_600_000_000, "\u00a31.6bn", body=None, required=False, subject="extra government funding"),
        ],
        traps=[
            T("all 152 councils", 152, "number of councils surveyed"),
            T("119 replied", 119, "number of respondents"),
            T("three biggest", 3, "list rank"),
            T("\u00a310,000 a week", 10000, "unit cost of a placement, not a budget"),
            T("2021/22", None, "financial year"),
        ],
    ),
    dict(
        slug="birmingham-to-cut-childrens-services-after-section-114",
        published="2023-11-08T13:15:00+00:00",
        modified="2023-11-09T09:30:00+00:00",
        section="Council finances",
        author="Daniel Okafor",
        council=BCC,
        headline="Birmingham to cut \u00a319.5m from children's services after bankruptcy notice",
        standfirst=(
            "Commissioners sent in by the government will oversee the cuts, which unions say will "
            "cost hundreds of jobs."
        ),
        paragraphs=[
            "Birmingham City Council plans to cut \u00a319.5m from children's services over the "
            "next two years, as it tries to balance its books after issuing a section 114 notice "
            "in September.",
            "The proposals, published on Tuesday, form part of a wider package of savings across "
            "the council, which its finance director said would mean the loss of around 600 "
            "council jobs.",
            "Birmingham Children's Trust, which runs children's social care for the council, is "
            "already forecasting a \u00a312.4m overspend this year.",
            "The council's section 151 officer said the authority had \u201cno choice\u201d but "
            "to make reductions in every directorate. \u201cThe position is extremely serious. We "
            "cannot spend money we do not have,\u201d the report says.",
            "Unions said hundreds of jobs were at risk and that children would be harmed. "
            "\u201cYou cannot take this kind of money out of children's services without it "
            "landing on a child somewhere,\u201d said a GMB organiser.",
            "Among the proposals is a plan to close four of the city's ten children's centres and "
            "to reduce funding for youth services. The council says statutory services for "
            "children at risk will be protected.",
            "Parents who use the centres said they had not been consulted. One mother, who "
            "attends a weekly stay-and-play session in Small Heath, said: \u201cThis is the only "
            "place I can go where someone asks how I'm doing. If it closes, where do we go?\u201d",
            "The trust said it was working with the council to protect frontline social work and "
            "that most of its savings would come from reducing the cost of placements and from "
            "using fewer agency staff.",
            "A spokesperson for the commissioners said: \u201cDifficult decisions are "
            "unavoidable. We will work with the council to make sure that the most vulnerable "
            "residents are protected as far as possible.\u201d",
            "The budget for 2024/25 is due to be set in March. A public consultation on the "
            "proposals closes on 15 January, and residents can respond online or at any library.",
            "The council's offices at the Council House, Victoria Square, will host two public "
            "drop-in sessions in December.",
        ],
        facts=[
            F("funding_cut", 19_500_000, "\u00a319.5m"),
            F("job_cuts", 600, "around 600", qualifier="about"),
            F("budget", 12_400_000, "\u00a312.4m overspend", subject="Birmingham Children's Trust overspend"),
        ],
        traps=[
            T("section 114", 114, "section of an Act"),
            T("section 151 officer", 151, "statutory title"),
            T("four of the city's ten children's centres", 4, "count of centres"),
            T("2024/25", None, "financial year"),
            T("15 January", None, "date"),
            T("two public drop-in sessions", 2, "count of events"),
            T("hundreds of jobs", None, "no value: 'hundreds' is skipped"),
        ],
    ),
    dict(
        slug="agency-social-workers-cost-councils-millions",
        published="2025-02-12T07:45:00+00:00",
        modified="2025-02-12T11:00:00+00:00",
        section="Children's services",
        author="Helen Marsh",
        council=HERTS,
        headline="Agency social workers cost councils millions as recruitment crisis bites",
        standfirst=(
            "Hertfordshire spent \u00a312.6m on temporary staff last year, while Essex says its "
            "own approach is keeping costs down."
        ),
        paragraphs=[
            "Hertfordshire County Council spent \u00a312.6m on agency social workers last year, "
            "figures released under the Freedom of Information Act show.",
            "A quarter of the council's children's social workers are now employed through "
            "agencies, and its vacancy rate stands at 18 per cent. One in five social workers left "
            "the council in the 12 months to September.",
            "Social workers in the county's safeguarding teams are carrying between 18 and 20 "
            "cases each, according to the council's own workforce report.",
            "By contrast, neighbouring Essex County Council employs only 41 agency social workers "
            "out of a workforce of more than 800, a result it puts down to years of investment in "
            "training its own staff.",
            "New national rules introduced in 2024 limit how much councils can pay agency staff, "
            "with hourly rates capped at up to \u00a355 in some areas. Councils say the rules "
            "have helped, but that the shortage of experienced social workers has not gone away.",
            "A Hertfordshire County Council spokesperson said: \u201cWe are working hard to "
            "recruit permanent social workers and our agency numbers have come down over the last "
            "six months. We have no choice but to use agency staff where we cannot recruit, "
            "because children must have a social worker.\u201d",
            "Rachel Ndiaye, a social worker who left a permanent post in the county for agency "
            "work in 2022, said: \u201cI earned more and I could choose where I worked. But I "
            "missed being part of a team. If the pay gap closed, I'd go back tomorrow.\u201d",
            "The council says its plan includes a new academy for newly qualified social workers, "
            "help with relocation costs and a review of pay for hard-to-fill teams. Unions "
            "welcomed the ideas but said they would judge the council on whether caseloads came "
            "down.",
            "Councillors will consider a new recruitment and retention plan at the council's "
            "cabinet meeting on 24 February.",
            "Readers with a story about children's services can contact the newsdesk in "
            "confidence.",
        ],
        facts=[
            F("budget", 12_600_000, "\u00a312.6m", subject="spending on agency social workers"),
            F("agency_staff", 25, "A quarter"),
            F("vacancies", 18, "18 per cent"),
            F("staff_turnover", 20, "One in five"),
            F("caseload", 18, "between 18 and 20", value_max=20),
            F("agency_staff", 41, "41 agency social workers", body=ESSEX),
        ],
        traps=[
            T("Freedom of Information Act", None, "name of an Act"),
            T("more than 800", 800, "size of the workforce"),
            T("up to \u00a355", 55, "hourly pay cap, not a budget"),
            T("introduced in 2024", 2024, "year"),
            T("12 months to September", 12, "period"),
            T("six months", 6, "period"),
            T("24 February", None, "date"),
        ],
    ),
    # --- Issue 12: one figure, many sources. These stories and the union release repeat
    # figures of the council papers and the Ofsted report above (so they group into claims),
    # and the union's count for 30 September 2019 contradicts the council's (a conflict).
    dict(
        slug="more-than-160-children-waiting-for-a-social-worker",
        published="2019-07-25T07:00:00+01:00",
        modified="2019-07-25T09:30:00+01:00",
        section="Children's services",
        author="Helen Marsh",
        council=NCC,
        headline="More than 160 children still waiting for a social worker, report reveals",
        standfirst="Councillors were told the number has fallen since the spring, but remains far above the target of none.",
        paragraphs=[
            "More than 160 children in Northamptonshire are waiting for a social worker, figures "
            "revealed in a report to the county council's scrutiny committee show.",
            "The report, discussed by councillors on Tuesday 23 July, says the number of children awaiting "
            "allocation has fallen since March, when it stood at 201.",
            "Councillor Jo Finch, who chairs the committee, said: \u201cEvery one of those children "
            "is a family that has been told to wait. The direction is right, but the numbers are "
            "still far too high.\u201d",
            "A county council spokeswoman said every child on the waiting list had been seen and "
            "was overseen by a team manager.",
        ],
        facts=[
            F("unallocated_cases", 160, "More than 160 children", qualifier="more_than"),
            F("unallocated_cases", 201, "201", required=False, period="2019-03"),
        ],
        traps=[T("Tuesday 23 July", None, "date")],
    ),
    dict(
        slug="unison-count-finds-187-children-without-a-social-worker",
        published="2019-10-10T10:00:00+01:00",
        modified="2019-10-10T10:00:00+01:00",
        section="Press releases",
        author="Unison Northamptonshire branch",
        council=NCC,
        headline="Press release: Unison count finds 187 children without a social worker",
        standfirst="The union's Northamptonshire branch publishes its own count of children waiting for a social worker. Published as issued.",
        paragraphs=[
            "This is a press release from the Northamptonshire branch of Unison (SAMPLE), "
            "published as it was issued.",
            "A count of our members' caseloads found that on 30 September 2019, 187 children had "
            "no allocated social worker at Northamptonshire County Council.",
            "In August, Ofsted inspectors found 97 children waiting to be allocated a social worker.",
            "Branch secretary Gary Pell said: \u201cThe council keeps telling us the list is "
            "shrinking. Our members see a different picture every morning.\u201d",
        ],
        facts=[
            F("unallocated_cases", 187, "187 children", period="2019-09-30"),
            F("unallocated_cases", 97, "97 children"),
        ],
        traps=[T("30 September 2019", None, "date")],
    ),
    dict(
        slug="essex-waiting-list-for-social-workers-stays-low",
        published="2019-11-05T08:00:00+00:00",
        modified="2019-11-05T08:00:00+00:00",
        section="Children's services",
        author="Tom Reeve",
        council=ESSEX,
        headline="Essex keeps its waiting list for social workers short",
        standfirst="The county credits its recruitment drive for keeping children from waiting.",
        paragraphs=[
            "Just 12 children in Essex were waiting for an allocated social worker at the end of "
            "September 2019, Essex County Council said.",
            "The council said its recruitment drive had kept the list short for a second year.",
        ],
        facts=[
            F("unallocated_cases", 12, "12 children", period="2019-09"),
        ],
        traps=[T("September 2019", 2019, "year")],
    ),
    dict(
        slug="nearly-150-children-still-waiting-for-a-social-worker",
        published="2019-11-21T07:00:00+00:00",
        modified="2019-11-21T07:00:00+00:00",
        section="Children's services",
        author="Helen Marsh",
        council=NCC,
        headline="Nearly 150 children still waiting for a social worker",
        standfirst="The county's waiting list is shorter than in the summer, a report shows.",
        paragraphs=[
            "Nearly 150 children in Northamptonshire are still waiting for a social worker, a "
            "report to the county council's scrutiny committee shows.",
            "The list has shortened since the summer, but the union says its own count found "
            "more children waiting. The committee met on 19 November.",
        ],
        facts=[
            F("unallocated_cases", 150, "Nearly 150 children", qualifier="almost"),
        ],
        traps=[T("19 November", None, "date")],
    ),
    dict(
        slug="county-has-82-vacant-social-work-posts",
        published="2019-12-12T07:00:00+00:00",
        modified="2019-12-12T07:00:00+00:00",
        section="Children's services",
        author="Helen Marsh",
        council=NCC,
        headline="County has 82 vacant social work posts as it leans on agency staff",
        standfirst="A workforce plan sets out how the county hopes to fill its vacancies.",
        paragraphs=[
            "Northamptonshire County Council had 82 vacant social work posts at the end of October, "
            "a report to the cabinet shows.",
            "The same report says the service employs 106 agency social workers to cover the gaps.",
            "The cabinet approved a plan to recruit newly qualified social workers and to offer "
            "experienced staff a retention payment when it met on 10 December.",
        ],
        facts=[
            F("vacancies", 82, "82 vacant social work posts"),
            F("agency_staff", 106, "106 agency social workers"),
        ],
        traps=[T("10 December", None, "date")],
    ),
]
