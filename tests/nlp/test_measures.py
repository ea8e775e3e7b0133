"""Every test sentence of data/measures.yml, and the rules of the file format.

The examples live beside the rules in the data file, so adding a measure with its sentences
needs no Python: this test picks them up.
"""

from __future__ import annotations

import copy

import pytest
import yaml

from councilfacts.nlp.extractor import DocInput, Extractor
from councilfacts.nlp.measures import MEASURES_FILE, Measures, MeasuresError, iter_examples

MEASURES = Measures.from_file(MEASURES_FILE)
CASES = list(iter_examples(MEASURES))


@pytest.fixture(scope="module")
def extractor():
    return Extractor()


def _id(case):
    measure, ex, positive = case
    return f"{measure}-{'yes' if positive else 'no'}-{ex['text'][:40]}"


@pytest.mark.parametrize("case", CASES, ids=[_id(c) for c in CASES])
def test_measure_examples(extractor, case):
    measure, ex, positive = case
    facts = extractor.extract_one(DocInput(text=ex["text"]))
    got = [(f["measure"], f["value"]) for f in facts]
    if positive:
        hits = [f for f in facts if f["measure"] == measure and abs(f["value"] - float(ex["value"])) <= 0.01 * max(1.0, abs(float(ex["value"])))]
        assert hits, f"expected {measure} {ex['value']} in {ex['text']!r}, got {got}"
        if "qualifier" in ex:
            assert any(f["qualifier"] == ex["qualifier"] for f in hits), [f["qualifier"] for f in hits]
        if "value_max" in ex:
            assert any(f["value_max"] == pytest.approx(float(ex["value_max"])) for f in hits)
    else:
        assert not [f for f in facts if f["measure"] == measure], f"{measure} must not come out of {ex['text']!r}: {got}"


def test_every_measure_of_the_contract_is_in_the_file():
    ids = {m.id for m in MEASURES.measures}
    assert ids >= {"job_cuts", "jobs_created", "caseload", "unallocated_cases", "agency_staff", "vacancies",
                   "staff_turnover", "funding_cut", "budget", "waiting_time", "children_in_care",
                   "child_protection", "referrals", "survey_share", "ofsted_rating"}


def test_every_measure_with_rules_has_examples():
    for m in MEASURES.measures:
        if m.rules:
            assert m.examples, f"{m.id} has rules but no example sentences"
        assert m.label and m.description


def _data():
    return yaml.safe_load(MEASURES_FILE.read_text(encoding="utf-8"))


def test_bad_files_say_where():
    data = _data()
    data["measures"][0]["rules"][0]["counts"] = "(unclosed"
    with pytest.raises(MeasuresError, match=r"measures\[0\].*bad pattern"):
        Measures(data)
    data = _data()
    data["measures"][1]["id"] = data["measures"][0]["id"]
    with pytest.raises(MeasuresError, match="duplicate id"):
        Measures(data)
    data = _data()
    data["measures"][0]["rules"][0]["kinds"] = ["apples"]
    with pytest.raises(MeasuresError, match="kinds"):
        Measures(data)
    data = _data()
    data["measures"][0]["rules"][0]["counts"] = "{{nosuchword}}"
    with pytest.raises(MeasuresError, match="unknown vocab"):
        Measures(data)


def test_a_new_measure_needs_no_python(tmp_path):
    data = _data()
    data["measures"].append({
        "id": "school_places", "label": "School places", "description": "Places in schools.",
        "units": ["count"],
        "rules": [{"kinds": ["count"], "counts": r"\bplaces\b", "context": r"\bschools?\b", "weight": 3}],
        "examples": [{"text": "The council will create 420 places in two new primary schools.", "value": 420}],
    })
    path = tmp_path / "measures.yml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    ex = Extractor(measures_path=path)
    facts = ex.extract_one("The council will create 420 places in two new primary schools.")
    assert ("school_places", 420.0) in [(f["measure"], f["value"]) for f in facts]
    assert ex.version != Extractor.__dict__.get("version", None)


def test_version_changes_with_the_measures(tmp_path, extractor):
    data = copy.deepcopy(_data())
    data["measures"][0]["description"] += " (edited)"
    path = tmp_path / "measures.yml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    assert Extractor(measures_path=path).version != extractor.version
    assert Extractor().version == extractor.version


def test_cues_keep_out_a_sentence_no_measure_could_claim():
    from councilfacts.nlp.measures import MEASURES_FILE, Measures

    m = Measures.from_file(MEASURES_FILE)
    assert m.may_claim("The council will cut 40 jobs in children's services.", {"count"})
    # children's words without a care word, nor any other measure's cue: no children_in_care, no parse
    assert not m.may_claim("The meeting closed at 9.15pm after 12 items.", {"count"})
    # every cue of a list is needed: a looked-after word alone is not enough for children in care
    assert not Measures({"measures": [{"id": "children_in_care", "units": ["children"], "cues": ["children", "looked[- ]after"],
                                       "rules": [{"kinds": ["count"]}]}]}).may_claim("12 looked-after homes", {"count"})
