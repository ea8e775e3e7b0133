"""The gazetteer: built from mySociety's register, looked up by name, code and date."""

import csv
from pathlib import Path

import pytest

from councilfacts.data import DATA_DIR
from councilfacts.nlp.gazetteer import Gazetteer, build_gazetteer, normalise, stem

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
REGISTER = SHARED / "realworld" / "gazetteer"


@pytest.fixture(scope="module")
def gaz():
    return Gazetteer.load()


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    if not (REGISTER / "mysociety_uk_local_authorities.csv").exists():
        pytest.skip(f"mySociety register copy not found at {REGISTER} (../shared is absent)")
    out = tmp_path_factory.mktemp("gaz") / "gazetteer.csv"
    n = build_gazetteer(REGISTER, out)
    return n, out


def test_build_one_row_per_register_entry(built):
    n, out = built
    with open(REGISTER / "mysociety_uk_local_authorities.csv", newline="", encoding="utf-8") as fh:
        source_rows = list(csv.DictReader(fh))
    rows = list(csv.DictReader(open(out, newline="", encoding="utf-8")))
    assert n == len(rows) == len(source_rows) == 470
    assert len({r["register_code"] for r in rows}) == n
    abolished = [r for r in rows if r["end_date"]]
    assert len(abolished) >= 70
    names = {r["official_name"] for r in abolished}
    assert {"Northamptonshire County Council", "Bournemouth Borough Council", "Dorset County Council"} <= names


def test_shipped_csv_is_what_build_makes(built):
    """data/gazetteer.csv is reproducible from the register (re-run the build after editing aliases)."""
    _, out = built
    assert out.read_text(encoding="utf-8") == (DATA_DIR / "gazetteer.csv").read_text(encoding="utf-8")


def test_northamptonshire_row(built):
    _, out = built
    rows = {r["gss_code"]: r for r in csv.DictReader(open(out, newline="", encoding="utf-8"))}
    nth = rows["E10000021"]
    assert nth["official_name"] == "Northamptonshire County Council"
    assert nth["register_code"] == "NTH"
    assert nth["kind_code"] == "CTY"
    assert nth["end_date"] == "2021-04-01"
    assert nth["replaced_by"] == "NNT|WNT"
    assert nth["replaced_by_gss"] == "E06000061|E06000062"
    aliases = nth["aliases"].split("|")
    assert "Northants" in aliases and "Northamptonshire Council" in aliases
    assert rows["E06000061"]["start_date"] == "2021-04-01"  # North Northamptonshire


def test_alt_name_fragments_are_not_aliases(gaz):
    # "Bristol, City of" in the register's comma-separated alt-names must not yield "City of"
    for a in gaz:
        assert "City of" not in a.aliases and "city of" not in a.aliases


def test_lookup_exact_and_code(gaz):
    a = gaz.lookup("Northamptonshire County Council")
    assert (a.name, a.code) == ("Northamptonshire County Council", "E10000021")
    assert gaz.lookup("E10000021").name == "Northamptonshire County Council"
    assert gaz.lookup("NTH").code == "E10000021"
    assert gaz.get("E08000012").name == "Liverpool City Council"


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Northamptonshire", "Northamptonshire County Council"),
        ("Northants", "Northamptonshire County Council"),
        ("northamptonshire county council", "Northamptonshire County Council"),
        ("Northamptonshire council", "Northamptonshire County Council"),
        ("Northamptonshire\u2019s children\u2019s services", "Northamptonshire County Council"),
        ("the London Borough of Haringey", "London Borough of Haringey"),
        ("Haringey Children's Services", "London Borough of Haringey"),
        ("Liverpool", "Liverpool City Council"),
        ("Hertfordshire County Council", "Hertfordshire County Council"),
        ("Herts", "Hertfordshire County Council"),
        ("Brum", "Birmingham City Council"),
        ("Birmingham council", "Birmingham City Council"),
        ("Bournemouth, Christchurch & Poole", "Bournemouth, Christchurch and Poole Council"),
        ("BCP Council", "Bournemouth, Christchurch and Poole Council"),
        ("Kingston upon Hull", "Hull City Council"),
        ("Tower Hamlets Council", "London Borough of Tower Hamlets"),
    ],
)
def test_lookup_names_and_short_forms(gaz, name, expected):
    assert gaz.lookup(name).name == expected


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Northamptonshire Couny Council", "Northamptonshire County Council"),
        ("Hertfordshire Country Council", "Hertfordshire County Council"),
        ("Liverpol City Council", "Liverpool City Council"),
        # the wrong name an Ofsted report really prints: place part of a council name
        ("West Northamptonshire County Council", "West Northamptonshire Council"),
    ],
)
def test_lookup_near_misses(gaz, name, expected):
    assert gaz.lookup(name).name == expected


@pytest.mark.parametrize(
    "name",
    ["the council", "County Council", "Councils", "Unison", "Ofsted", "Local Government Association", "", "Xyzzyshire",
     "Town Council", "Wales Council", "Northampton Town Council", "Youth Council"],
)
def test_lookup_rejects(gaz, name):
    assert gaz.lookup(name) is None


def test_dates_decide_between_authorities(gaz):
    # one place name, two bodies over time
    assert gaz.lookup("North Yorkshire", date="2020-06-01").code == "E10000023"
    assert gaz.lookup("North Yorkshire", date="2024-06-01").code == "E06000065"
    assert gaz.lookup("North Yorkshire").code == "E06000065"  # no date: the current one
    assert gaz.lookup("Dorset", date="2015-01-01").name == "Dorset County Council"
    assert gaz.lookup("Dorset", date="2020-01-01").name == "Dorset Council"
    assert gaz.lookup("Bucks", date="2015-01-01").code == "E10000002"
    assert gaz.lookup("Bucks", date="2021-01-01").code == "E06000060"


def test_northamptonshire_over_time(gaz):
    # a 2018 article about the county -> the county council
    assert gaz.lookup("Northamptonshire", date="2018-03-01").code == "E10000021"
    assert gaz.lookup("Northamptonshire County Council", date="2018-03-01").code == "E10000021"
    # after 2021 the council's own name still names it (a story about its old debts) ...
    assert gaz.lookup("Northamptonshire County Council", date="2024-03-01").code == "E10000021"
    # ... but the bare county name then covers two unitaries: ambiguous, nothing guessed
    assert gaz.lookup("Northamptonshire", date="2024-03-01") is None
    # a place whose council was merged into one successor -> the successor
    assert gaz.lookup("Bournemouth", date="2020-05-01").name == "Bournemouth, Christchurch and Poole Council"
    assert gaz.lookup("Bournemouth", date="2018-05-01").name == "Bournemouth Borough Council"


def test_find_in_text(gaz):
    text = (
        "Reading the report, Mr Brent said Northamptonshire County Council and Northants "
        "police differ; Reading Borough Council and the West Midlands region were not named."
    )
    found = [(m.text, m.authority.code) for m in gaz.find(text)]
    assert found == [
        ("Northamptonshire County Council", "E10000021"),
        ("Northants", "E10000021"),
        ("Reading Borough Council", "E06000038"),
    ]
    for m in gaz.find(text):
        assert text[m.start : m.end] == m.text


def test_find_with_date(gaz):
    text = "Services in Northamptonshire and Somerset were criticised."
    early = {m.text: m.authority.code for m in gaz.find(text, date="2019-01-01")}
    assert early == {"Northamptonshire": "E10000021", "Somerset": "E10000027"}
    late = {m.text: m.authority.code for m in gaz.find(text, date="2024-01-01")}
    assert late == {"Somerset": "E06000066"}


def test_normalise_and_stem():
    assert normalise("The London Borough of Hammersmith & Fulham") == "london borough of hammersmith and fulham"
    assert normalise("Northamptonshire\u2019s") == "northamptonshire"
    assert stem("West Northamptonshire County Council") == "west northamptonshire"
    assert stem("London Borough of Brent") == "brent"


@pytest.mark.parametrize("host, name", [
    ("www.thurrock.gov.uk", "Thurrock Council"),
    ("cheshireeast.gov.uk", "Cheshire East Council"),
    ("www.gov.uk", None),  # the government's, no council's
    ("health-ni.gov.uk", None),
    ("www.thurrock.org.uk", None),
])
def test_a_council_by_its_own_site(gaz, host, name):
    got = gaz.by_site(host)
    assert (got.name if got else None) == name


def test_a_code_ons_changed_is_the_new_code_and_the_old_still_finds_it(gaz):
    barnsley = gaz.lookup("Barnsley")
    assert barnsley.gss_code == "E08000038" and "E08000016" in barnsley.former_gss_codes
    assert gaz.get("E08000016") is barnsley and gaz.get("E08000039").name == "Sheffield City Council"
