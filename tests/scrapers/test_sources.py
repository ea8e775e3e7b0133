"""The sources file: its format is checked, and the shipped one is sound."""

from __future__ import annotations

import csv
import re

import pytest
import yaml

from councilfacts.crawl import DEFAULT_SOURCES, SourcesError, fill, load_sources, select
from councilfacts.data import DATA_DIR


@pytest.fixture(scope="module")
def shipped():
    return load_sources()


def test_real_sources_are_opt_in(shipped):
    assert [e["name"] for e in shipped if e.get("enabled")] == []
    assert select(shipped, None, None) == []


def test_every_spider_has_a_real_source(shipped):
    real = [e for e in shipped if not e.get("sample")]
    assert {e["spider"] for e in real} == {"news", "moderngov", "cmis", "ofsted"}
    assert not any("{base}" in str(e) for e in real)


def test_councils_are_in_the_gazetteer(shipped):
    path = DATA_DIR / "gazetteer.csv"
    if not path.exists():
        pytest.skip("data/gazetteer.csv not built yet")
    codes = {row["gss_code"] for row in csv.DictReader(path.open(encoding="utf-8"))}
    for entry in shipped:
        for council in entry.get("councils") or []:
            assert re.fullmatch(r"[ENSW]\d{8}", council["code"]), entry["name"]
            assert council["code"] in codes, (entry["name"], council)


def test_sample_sources_point_at_the_sample_site(shipped):
    chosen = select(shipped, None, "http://127.0.0.1:8765")
    assert chosen and all(e.get("sample") for e in chosen)
    assert all("127.0.0.1:8765" in str(e.get("start_urls") or e.get("base_url")) for e in chosen)
    assert all(e["allowed_domains"] == ["127.0.0.1"] for e in chosen)


def test_sample_source_without_sample_site_is_refused(shipped):
    with pytest.raises(SourcesError, match="sample"):
        select(shipped, ["sample-news"], None)


def test_unknown_source_is_refused(shipped):
    with pytest.raises(SourcesError, match="unknown source"):
        select(shipped, ["nowhere"], None)


def test_moderngov_councils_come_from_the_lgsf_list(shipped):
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / ".." / "shared" / "realworld" / "moderngov" / "lgsf_council_cms_base_urls.csv"
    if not path.exists():
        pytest.skip(f"{path} absent")
    urls = {row["base_url"].rstrip("/") for row in csv.DictReader(path.open()) if row["cms_type"] == "ModernGov"}
    for entry in shipped:
        if entry["spider"] == "moderngov" and not entry.get("sample"):
            assert entry["base_url"].rstrip("/") in urls


@pytest.mark.parametrize(
    "text,message",
    [
        ("sources: {}", "expected a list"),
        ("sources:\n  - spider: news\n", "has no name"),
        ("sources:\n  - {name: a, spider: cms}\n", "spider must be one of"),
        ("sources:\n  - {name: a, spider: news}\n  - {name: a, spider: news}\n", "two entries"),
        ("sources: [", "not valid YAML"),
    ],
)
def test_bad_sources_files(tmp_path, text, message):
    path = tmp_path / "s.yml"
    path.write_text(text)
    with pytest.raises(SourcesError, match=message):
        load_sources(path)


def test_fill_placeholders():
    assert fill({"a": ["{base}/x"], "b": "{host}"}, "http://127.0.0.1:9/") == {"a": ["http://127.0.0.1:9/x"], "b": "127.0.0.1"}


@pytest.mark.parametrize("readme", ["README.md", "scrapers/README.md"])
def test_readme_snippet_entries_load(tmp_path, readme):
    """The 'Adding a council or a newspaper' example in each README is a valid sources file."""
    from pathlib import Path

    readme = (Path(__file__).parents[2] / readme).read_text()
    block = readme.split("## Adding a council or a newspaper")[1].split("```yaml")[1].split("```")[0]
    entries = yaml.safe_load(block)
    names = [e["name"] for e in entries]
    assert names == ["leeds", "leeds-live", "ofsted-leeds"]
    path = tmp_path / "snippet.yml"
    path.write_text(yaml.safe_dump({"sources": entries}))
    chosen = select(load_sources(path), None, None)  # all enabled
    assert [e["name"] for e in chosen] == names
    assert all(e["councils"][0]["code"] == "E08000035" for e in chosen)


def test_spider_takes_a_source_name(tmp_path):
    """`scrapy crawl moderngov -a source=manchester` reads the entry from the sources file."""
    from councilfacts.scrapers.spiders.moderngov import ModernGovSpider

    spider = ModernGovSpider(source="manchester")
    assert spider.base == "https://democracy.manchester.gov.uk/" and spider.council_code == "E08000003"
    with pytest.raises(ValueError, match="no source named"):
        ModernGovSpider(source="atlantis")
