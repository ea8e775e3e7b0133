"""The source registry (data/registry.csv): built from public lists, matched exactly, chosen by council."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from councilfacts import registry
from councilfacts.cli import app
from councilfacts.crawl import SPIDERS, SourcesError, host_lanes, load_catalogue

from .conftest import realworld

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()


def listed(*args) -> list[dict]:
    result = runner.invoke(app, ["sources", "list", "--format", "csv", *args])
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.stdout)))


def test_every_council_out_of_the_box():
    rows = listed()
    counts = Counter(r["spider"] for r in rows)
    assert counts["moderngov"] >= 330 and counts["cmis"] >= 30 and counts["ofsted"] >= 150 and counts["news"] >= 100, counts
    assert {"name", "spider", "council_code", "url"} <= set(rows[0])
    assert all(r["council_code"] and r["url"] for r in rows)
    codes = {r["council_code"] for r in rows} | {c for r in rows for c in r["councils"].split("|") if c}
    assert len(codes) >= 350
    gss = {r["gss_code"] for r in csv.DictReader((ROOT / "data" / "gazetteer.csv").open(encoding="utf-8"))}
    assert codes <= gss  # every code is a council of the gazetteer
    news = [r for r in rows if r["spider"] == "news"]
    assert not any(r["confirmed"] == "True" for r in news)  # none crawled yet: the registry says so


def test_leeds_papers_and_ofsted_page():
    rows = {r["name"]: r for r in listed("--council", "Leeds")}
    assert rows["leeds"]["spider"] == "moderngov" and rows["leeds"]["url"] == "http://democracy.leeds.gov.uk"
    assert rows["ofsted-leeds"]["url"] == "https://reports.ofsted.gov.uk/provider/44/80481"
    assert {r["council_code"] for r in rows.values() if r["spider"] != "news"} == {"E08000035"}
    assert any(r["spider"] == "news" for r in rows.values())
    table = runner.invoke(app, ["sources", "list", "--council", "Leeds"])
    assert "ofsted-leeds" in table.stdout and "democracy.leeds.gov.uk" in table.stdout


def test_filters_and_formats():
    cmis = listed("--spider", "cmis", "--council", "Essex")
    assert [(r["name"], r["url"]) for r in cmis] == [("cmis-essex", "http://cmis.essex.gov.uk/EssexCmis5/")]
    as_json = json.loads(runner.invoke(app, ["sources", "list", "--council", "E10000012", "--spider", "ofsted", "--format", "json"]).stdout)
    assert [r["url"] for r in as_json] == ["https://reports.ofsted.gov.uk/provider/44/80468"]
    bad = runner.invoke(app, ["sources", "list", "--format", "xml"])
    assert bad.exit_code == 2 and "table, csv or json" in bad.output


def test_a_successor_brings_in_the_councils_it_replaced():
    names = {r["name"] for r in listed("--council", "North Northants")}
    assert {"north-northamptonshire", "ofsted-north-northamptonshire", "cmis-northamptonshire"} <= names
    # the old county alone does not bring in its successors
    assert "north-northamptonshire" not in {r["name"] for r in listed("--council", "Northamptonshire County Council")}


def test_names_as_people_write_them_never_fuzzy():
    assert registry.council_codes(["Northants"])["Northants"][0] == "E10000021"
    assert registry.council_codes(["E08000035"])["E08000035"] == ["E08000035"]
    with pytest.raises(SourcesError, match="several councils: .*East Sussex County Council"):
        registry.council_codes(["Sussex"])
    with pytest.raises(SourcesError, match="no council is called 'Leedz'"):
        registry.council_codes(["Leedz"])
    refused = runner.invoke(app, ["crawl", "--council", "Sussex"])
    assert refused.exit_code == 2 and "several councils" in refused.output


def test_the_sources_file_overrides_and_adds(tmp_path):
    own = tmp_path / "s.yml"
    own.write_text(
        "sources:\n"
        "  - {name: leeds, spider: moderngov, enabled: true, base_url: 'http://democracy.leeds.gov.uk', committees: [Children]}\n"
        "  - {name: leeds-parish-news, spider: news, start_urls: ['https://parish.example/feed'], covers: [E08000035]}\n"
    )
    entries = {e["name"]: e for e in load_catalogue(own)}
    assert entries["leeds"]["committees"] == ["Children"] and entries["leeds"]["enabled"]
    assert entries["leeds"]["councils"] == [{"name": "Leeds City Council", "code": "E08000035"}]  # kept from the registry
    rows = {r["name"]: r for r in listed("--council", "Leeds", "--sources-file", str(own))}
    assert rows["leeds"]["from"] == "sources file" and rows["leeds-parish-news"]["from"] == "sources file"
    assert rows["ofsted-leeds"]["from"] == "registry"


def test_cmis_site_from_the_listed_page():
    root = registry.cmis_root
    assert root("http://cmis.essex.gov.uk/EssexCmis5/Councillors.aspx") == "http://cmis.essex.gov.uk/EssexCmis5/"
    assert root("https://committees.sunderland.gov.uk/committees/cmis5/Members.aspx") == "https://committees.sunderland.gov.uk/committees/cmis5/"
    assert root("https://carlisle.cmis.uk.com/CarlisleCityCouncillors.aspx") == "https://carlisle.cmis.uk.com/"
    assert root("http://cmis.daventrydc.gov.uk/daventry/Councillors/tabid/63/ScreenMode/Alphabetical/Default.aspx") == "http://cmis.daventrydc.gov.uk/daventry/"
    assert root("https://estates8.warwickdc.gov.uk/cmis/") == "https://estates8.warwickdc.gov.uk/cmis/"


def test_rows_that_match_no_council_are_reported_not_guessed(tmp_path):
    lgsf = tmp_path / "lgsf.csv"
    lgsf.write_text(
        "official_identifier,official_name,cms_type,base_url\n"
        "LDS,Leeds City Council,ModernGov,http://democracy.leeds.gov.uk\n"
        "ZZZ,Northamptonshir County Council,ModernGov,http://nowhere.example\n"
        "BIR,Birmingham City Council,Custom HTML,https://www.birmingham.gov.uk/councillors/name\n"
    )
    ofsted = tmp_path / "ofsted.csv"
    ofsted.write_text("urn,gss_code,local_authority\n80481,E08000035,Leeds\n99999,E99999999,Atlantis\n")
    news = tmp_path / "news.yml"
    news.write_text("platforms: {reach: {start_urls: ['https://{domain}/news/?service=rss']}}\n"
                    "titles:\n  - {name: leeds-live, platform: reach, domain: www.leeds-live.co.uk, home: LDS, covers: [BRD, QQQ]}\n")
    rows, unmatched = registry.build(lgsf, ofsted, news, tmp_path / "r.csv", tmp_path / "u.csv")
    assert [(r["name"], r["council_code"]) for r in rows] == [("leeds", "E08000035"), ("leeds-live", "E08000035"), ("ofsted-leeds", "E08000035")]
    assert rows[1]["covers"] == "E08000032" and rows[1]["confirmed"] == "false"  # Bradford; QQQ is no council
    reasons = {(u["origin"], u["name"] or u["code"]): u["reason"] for u in unmatched}
    assert reasons[("lgsf", "Northamptonshir County Council")].endswith("not taken")  # a near name is never taken
    assert "no spider for the platform 'Custom HTML'" in reasons[("lgsf", "Birmingham City Council")]
    assert ("ofsted", "Atlantis") in reasons and ("news", "QQQ") in reasons
    assert list(csv.DictReader((tmp_path / "u.csv").open()))[0]["reason"]


def test_rebuilt_from_the_shared_lists_it_is_the_shipped_registry(tmp_path):
    lgsf = realworld("moderngov", "lgsf_council_cms_base_urls.csv")
    ofsted = realworld("ofsted", "jt39", "provider_lookup.csv")
    out = tmp_path / "registry.csv"
    result = runner.invoke(app, ["sources", "build", "--lgsf", str(lgsf), "--ofsted", str(ofsted), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text() == registry.REGISTRY.read_text()
    assert (tmp_path / "registry_unmatched.csv").read_text() == registry.UNMATCHED.read_text()
    assert "City of London Corporation (Alderman)" in result.output  # the unmatched rows are printed


def test_a_missing_list_is_one_line():
    result = runner.invoke(app, ["sources", "build", "--lgsf", "/nonexistent.csv", "--ofsted", "/nonexistent2.csv"])
    assert result.exit_code == 2 and "/nonexistent.csv: no such file" in result.output


def test_all_councils_is_every_real_source():
    everything = registry.for_councils([e for e in load_catalogue() if not e.get("sample")], None, all_councils=True)
    assert len(everything) >= 720 and not any(e.get("sample") for e in everything)
    assert {e["spider"] for e in everything} == set(SPIDERS)


def test_sources_on_one_host_take_turns():
    def e(name, *urls):
        return ({"name": name, "start_urls": list(urls)}, name)

    runs = [e("ofsted-a", "https://reports.ofsted.gov.uk/provider/44/1"), e("ofsted-b", "https://reports.ofsted.gov.uk/provider/44/2"),
            e("leeds", "http://democracy.leeds.gov.uk"), e("bbc-x", "https://feeds.bbci.co.uk/a"), e("bbc-y", "https://feeds.bbci.co.uk/b"),
            e("local-1", "http://127.0.0.1:9/a"), e("local-2", "http://127.0.0.1:9/b")]
    lanes = [[name for _, name in lane] for lane in host_lanes(runs, 16)]
    assert sorted(lanes) == sorted([["ofsted-a", "ofsted-b"], ["bbc-x", "bbc-y"], ["leeds"], ["local-1"], ["local-2"]])
    two = [[name for _, name in lane] for lane in host_lanes(runs, 2)]
    assert len(two) == 2  # at most `parallel` lanes; a host's sources stay in one
    for pair in ({"ofsted-a", "ofsted-b"}, {"bbc-x", "bbc-y"}):
        assert sum(bool(pair & set(lane)) for lane in two) == 1


def test_scrapy_list_names_every_spider():
    scrapy = shutil.which("scrapy", path=str(Path(sys.executable).parent))
    done = subprocess.run([scrapy, "list"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == sorted(SPIDERS)


def test_a_spider_takes_a_council():
    from councilfacts.scrapers.spiders.cmis import CmisSpider
    from councilfacts.scrapers.spiders.moderngov import ModernGovSpider

    assert ModernGovSpider(council="Leeds").base == "http://democracy.leeds.gov.uk/"
    assert CmisSpider(council="Essex").base == "http://cmis.essex.gov.uk/EssexCmis5/"
    with pytest.raises(ValueError, match="0 cmis sources"):
        CmisSpider(council="Leeds")


def test_scrapy_crawl_runs_from_the_checkout(tmp_path):
    """`scrapy crawl cmis -a source=NAME` with the project's settings (scrapy.cfg), here on the sample site."""
    import sqlite3

    import yaml

    from councilfacts.sample_site import serve

    server, base = serve(port=0)
    try:
        sources = tmp_path / "sources.yml"
        sources.write_text(yaml.safe_dump({"sources": [{
            "name": "essex-cmis", "spider": "cmis", "base_url": base + "/cmis/", "date_from": "2021-09-01", "date_to": "2022-06-30",
            "councils": [{"name": "Essex County Council", "code": "E10000012"}]}]}))
        db = tmp_path / "cf.db"
        scrapy = shutil.which("scrapy", path=str(Path(sys.executable).parent))
        argv = [scrapy, "crawl", "cmis", "-a", "source=essex-cmis", "-a", f"sources_file={sources}", "-s", f"COUNCILFACTS_DB={db}",
                "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", f"HTTPCACHE_DIR={tmp_path / 'cache'}"]
        done = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=120)
    finally:
        server.shutdown()
    assert done.returncode == 0, done.stderr[-3000:]
    conn = sqlite3.connect(db)
    titles = sorted(t for (t,) in conn.execute("select title from documents where spider = 'cmis'"))
    conn.close()
    assert titles == ["[SAMPLE] Budget 2022-23 Children and Families", "[SAMPLE] Children's Social Care Recruitment and Retention"]
