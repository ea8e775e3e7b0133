"""Ofsted spider on a saved provider page (tests/files/ofsted, in reports.ofsted.gov.uk's shape)."""

from __future__ import annotations

import pytest

from councilfacts.scrapers.spiders.ofsted import OfstedSpider, judgements_in

from .conftest import FILES, file_response, make_spider

PAGE = "https://reports.ofsted.gov.uk/provider/44/80429"


@pytest.fixture
def spider(tmp_path):
    return make_spider(OfstedSpider, tmp_path, start_urls=[PAGE], councils=[{"name": "Birmingham City Council", "code": "E08000025"}])


@pytest.fixture
def requests(spider):
    return list(spider.parse_provider(file_response(FILES / "ofsted" / "provider.html", PAGE)))


def by_file(requests, file_id):
    return next(r for r in requests if r.url.endswith(file_id))


def test_report_links_of_wanted_types(requests):
    assert [r.url.rsplit("/", 1)[-1] for r in requests] == ["50214110", "50170001", "50050254"]  # not the letter


def test_report_title_without_pdf_suffix(requests):
    assert by_file(requests, "50214110").cb_kwargs["hints"]["title"] == "Children's services inspection"


def test_report_published(requests):
    assert by_file(requests, "50214110").cb_kwargs["hints"]["published"] == "2023-04-18"


def test_report_inspection_date(requests):
    assert by_file(requests, "50214110").cb_kwargs["hints"]["meta"]["inspection_date"] == "2023-03-03"


def test_judgements_beside_a_report(requests):
    judgements = by_file(requests, "50214110").cb_kwargs["hints"]["meta"]["judgements"]
    assert {(j["judgement"], j["grade"]) for j in judgements} >= {
        ("The experiences and progress of children in care", "good"),
        ("The experiences and progress of care leavers", "good"),
    }


def test_summary_judgement_goes_to_latest_inspection(requests):
    judgements = by_file(requests, "50214110").cb_kwargs["hints"]["meta"]["judgements"]
    assert {"judgement": "Overall effectiveness", "grade": "good", "date": "2023-03-03"} in judgements


def test_requires_improvement_to_be_good_is_requires_improvement(requests):
    (j,) = by_file(requests, "50050254").cb_kwargs["hints"]["meta"]["judgements"]
    assert (j["grade"], j["date"]) == ("requires improvement", "2018-12-14")


def test_visit_without_judgements_has_none(requests):
    assert "judgements" not in by_file(requests, "50170001").cb_kwargs["hints"]["meta"]


def test_reports_expect_pdf(spider):
    assert spider.expect == ["application/pdf"]


def test_all_report_types_when_asked(spider):
    spider.source["report_types"] = []
    assert len(list(spider.parse_provider(file_response(FILES / "ofsted" / "provider.html", PAGE)))) == 4


def test_page_without_reports_is_an_error(spider):
    response = file_response(FILES / "news" / "article.html", PAGE)
    assert list(spider.parse_provider(response)) == []
    assert spider.crawler.stats.get_value("councilfacts/error") == 1


@pytest.mark.parametrize(
    "text,grade",
    [
        ("Overall effectiveness: Inadequate", "inadequate"),
        ("Overall effectiveness Requires improvement to be good", "requires improvement"),
        ("Overall effectiveness: Outstanding.", "outstanding"),
        ("Overall effectiveness: Not judged", None),
    ],
)
def test_judgements_in(text, grade):
    found = judgements_in(text, "2023-01-01")
    assert [j["grade"] for j in found] == ([grade] if grade else [])
