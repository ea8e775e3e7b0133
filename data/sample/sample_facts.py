"""Helpers to annotate sample documents with expected facts and traps (see expected.json)."""

import re

UNITS = {
    "job_cuts": "posts",
    "jobs_created": "posts",
    "caseload": "cases",
    "unallocated_cases": "children",
    "agency_staff": "people",
    "vacancies": "posts",
    "staff_turnover": "people",
    "funding_cut": "gbp",
    "budget": "gbp",
    "waiting_time": "days",
    "children_in_care": "children",
    "child_protection": "children",
    "referrals": "count",
    "survey_share": "percent",
    "ofsted_rating": None,
}
SHARE = re.compile(r"per cent|%|\bin (ten|five|four|three)\b|quarter|third|half", re.I)
KEEP = object()


def F(measure, value, figure, *, qualifier="exact", value_max=None, body=KEEP, unit=None,
      subject=None, period=None, required=True, page=None):
    """One expected fact. `figure` is the text of the figure as it appears in the document.

    `body` defaults to the council the document is about (filled in by build_site.py);
    pass body=None for figures about no one council (national averages, surveys)."""
    if unit is None:
        unit = "percent" if SHARE.search(figure) and measure not in ("funding_cut", "budget") else UNITS[measure]
    fact = {
        "measure": measure,
        "value": value,
        "value_max": value_max,
        "qualifier": qualifier,
        "unit": unit,
        "figure": figure,
        "required": required,
    }
    if body is not KEEP:
        fact["body"] = body
    if subject:
        fact["subject"] = subject
    if period:
        fact["period"] = period
    if page:
        fact["page"] = page
    return fact


def T(text, value, why):
    """A number in the document that must NOT become a fact (of any measure)."""
    return {"text": text, "value": value, "why": why}
