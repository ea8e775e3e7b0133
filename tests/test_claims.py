"""Claims and conflicts (pipelines/claims.py): each rule with its example, then the database
path — every fact in exactly one claim, incremental, and a re-run that changes nothing."""

from __future__ import annotations

from datetime import date

import pytest

from councilfacts import claims
from councilfacts import db as store

NCC = ("Northamptonshire County Council", "E10000021")


def fact(value, *, id=None, doc="d1", kind="committee_paper", day="2019-07-23", qualifier="exact", figure=None,
         period=None, unit="children", measure="unallocated_cases", body=NCC, sentence="", text=None, committee=None,
         value_max=None):
    f = claims.Fact(
        id=id or f"{doc}-{value}-{qualifier}",
        document_id=doc,
        measure=measure,
        value=value,
        value_max=value_max,
        qualifier=qualifier,
        unit=unit,
        body=body[0] if body else None,
        body_code=body[1] if body else None,
        period=period or day,  # the extractor falls back to the document's date
        figure=figure or str(value),
        sentence=sentence,
        figure_start=0,
        kind=kind,
        doc_date=day,
        committee=committee,
    )
    f.text = text
    return f


# --- values ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "qualified, other, fits",
    [
        (fact(150, qualifier="more_than", figure="more than 150"), 152, True),
        (fact(150, qualifier="more_than", figure="more than 150"), 400, False),  # nobody writes "more than 150" for 400
        (fact(30, qualifier="about", figure="about 30"), 31, True),
        (fact(40, qualifier="almost", figure="almost 40"), 39, True),
        (fact(40, qualifier="almost", figure="almost 40"), 41, False),
        (fact(152), 153, False),
        (fact(150), 152, True),  # a round figure may be rounded
        (fact(147_000_000, unit="gbp", figure="£147m"), 147_300_000, True),
        (fact(23.3, unit="percent", figure="23.3%"), 23.4, False),
    ],
)
def test_values_are_compatible_as_their_qualifiers_say(qualified, other, fits):
    exact = fact(other, figure=f"{other:,}")
    assert claims.compatible(claims.value_range(qualified), claims.value_range(exact)) is fits


def test_more_than_30_and_almost_40_are_two_figures():
    """'I have more than 30 cases and my colleague has almost 40' — two people, two claims."""
    a = claims.value_range(fact(30, qualifier="more_than", figure="more than 30"))
    b = claims.value_range(fact(40, qualifier="almost", figure="almost 40"))
    assert not claims.compatible(a, b)


def test_written_precision():
    assert claims.written_precision("152", 152) == 0.5
    assert claims.written_precision("£147m", 147_000_000) == 500_000
    assert claims.written_precision("23.3%", 23.3) == pytest.approx(0.05)
    assert claims.written_precision("150", 150) == 5
    assert claims.written_precision("sixty-four", 64) == 0.5


def test_unit_kinds_count_things_together_and_keep_shares_apart():
    assert claims.group_key(fact(21, unit="cases")) == claims.group_key(fact(21, unit="children"))
    assert claims.group_key(fact(21, unit="percent")) != claims.group_key(fact(21, unit="children"))
    assert claims.group_key(fact(21, body=None, id="a")) != claims.group_key(fact(21, body=None, id="b"))


# --- times -------------------------------------------------------------------------------


def test_periods_and_the_lookback_of_an_undated_figure():
    assert claims.period_interval("2019-06") == (date(2019, 6, 1), date(2019, 6, 30))
    assert claims.period_interval("2018-04/2019-03") == (date(2018, 4, 1), date(2019, 3, 31))
    assert claims.period_interval("2019") == (date(2019, 1, 1), date(2019, 12, 31))
    undated = fact(163, day="2019-07-23")
    assert undated.stated_period is None
    assert claims.reference_time(undated, {}) == (date(2019, 4, 22), date(2019, 7, 23))
    stated = fact(148, period="2019-09-30", day="2019-11-19")
    assert claims.reference_time(stated, {}) == (date(2019, 9, 30), date(2019, 9, 30))


# --- citing ------------------------------------------------------------------------------


def test_a_story_citing_the_scrutiny_report_is_linked_to_it():
    report = fact(163, doc="report", committee="Children's Services Scrutiny Committee")
    cabinet = fact(163, doc="cabinet-paper", committee="Cabinet", day="2019-07-20")
    story = fact(160, doc="story", kind="news", day="2019-07-25", qualifier="more_than", figure="More than 160",
                 sentence="More than 160 children are waiting, figures revealed in a report to the scrutiny committee show.")
    cites, in_sentence, repeated = claims.cited_document(story, [report, cabinet])
    assert (cites, in_sentence, repeated) == ("report", True, report)


def test_no_citation_without_words_naming_the_document_or_after_the_story():
    report = fact(163, doc="report", committee="Children's Services Scrutiny Committee")
    silent = fact(163, doc="story", kind="news", day="2019-07-25", sentence="163 children are waiting.")
    assert claims.cited_document(silent, [report])[0] is None
    early = fact(163, doc="story", kind="news", day="2019-07-01", sentence="A report to the scrutiny committee says 163.")
    assert claims.cited_document(early, [report])[0] is None  # the report came later


def test_a_cue_elsewhere_in_the_story_links_only_a_figure_the_report_states():
    report = fact(163, doc="report", committee="Scrutiny Committee")
    text = "A report to the scrutiny committee was published on Tuesday. 163 children wait. A mother said 400 did."
    same = fact(163, doc="story", kind="news", day="2019-07-25", sentence="163 children wait.", text=text)
    other = fact(400, doc="story", kind="news", day="2019-07-25", sentence="A mother said 400 did.", text=text)
    assert claims.cited_document(same, [report])[0] == "report"
    assert claims.cited_document(other, [report])[0] is None


# --- grouping and conflicts ----------------------------------------------------------------


def test_one_figure_many_sources_takes_the_primary_value():
    report = fact(152, doc="report", committee="Scrutiny Committee", day="2019-04-16")
    story = fact(150, doc="story", kind="news", day="2019-04-18", qualifier="more_than", figure="more than 150",
                 sentence="More than 150 children wait, a report to the scrutiny committee shows.")
    union = fact(152, doc="union", kind="news", day="2019-04-25")
    later = fact(97, doc="ofsted", kind="ofsted_report", day="2019-08-20")
    found = claims.group([union, story, later, report])
    assert [[f.document_id for f in c.facts] for c in found] == [["report", "union", "story"], ["ofsted"]]
    assert found[0].lead.value == 152
    # the same claims whatever order the facts come in
    assert [c.id for c in claims.group([later, report, story, union])] == [c.id for c in found]


def test_a_change_over_time_is_not_a_conflict_and_two_figures_for_one_day_are():
    q1 = fact(163, doc="q1", day="2019-07-23")
    ofsted = fact(97, doc="ofsted", kind="ofsted_report", day="2019-08-20")
    q2 = fact(148, doc="q2", day="2019-11-19", period="2019-09-30")
    union = fact(187, doc="union", kind="news", day="2019-10-10", period="2019-09-30")
    found = claims.group([q1, ofsted, q2, union])
    pairs = claims.conflicts(found)
    assert [(fa.document_id, fb.document_id, when) for _, _, fa, fb, _, when in pairs] == [("q2", "union", "2019-09-30")]


def test_a_document_giving_two_figures_does_not_conflict_with_itself_or_a_story_repeating_one():
    now = fact(163, doc="q1", day="2019-07-23", period="2019-06")
    before = fact(201, doc="q1", day="2019-07-23", period="2019-06", id="q1-201")
    story = fact(201, doc="story", kind="news", day="2019-07-25", period="2019-06")
    assert claims.conflicts(claims.group([now, before, story])) == []


def test_a_story_misquoting_the_report_it_cites_conflicts_with_it():
    report = fact(163, doc="report", committee="Scrutiny Committee")
    story = fact(240, doc="story", kind="news", day="2019-07-25",
                 sentence="Figures in a report to the scrutiny committee show 240 children are waiting.")
    (_, _, fa, fb, reason, _), = claims.conflicts(claims.group([report, story]))
    assert (fa.document_id, fb.document_id) == ("report", "story") and "cites" in reason


# --- the database --------------------------------------------------------------------------


def stored(db, url, kind, published, rows, committee=None, text=None):
    sentences = [r.pop("sentence") for r in rows]
    text = text or " ".join(sentences)
    doc = {"url": url, "canonical_url": url, "source": "test", "spider": "file", "kind": kind, "title": url,
           "published": published, "committee": committee, "content_hash": store.content_hash(text.encode()),
           "text": text, "text_status": "ok"}
    store.upsert_document(db, doc)
    facts = []
    for r, sentence in zip(rows, sentences):
        s = text.index(sentence)
        f = text.index(r["figure"], s)
        facts.append({"qualifier": "exact", "unit": "children", "measure": "unallocated_cases", "body": NCC[0],
                      "body_code": NCC[1], "period": published, "value_max": None, **r, "sentence": sentence,
                      "sentence_start": s, "sentence_end": s + len(sentence), "figure_start": f, "figure_end": f + len(r["figure"])})
    store.replace_facts(db, store.document_id(url), facts, "v1")
    return store.document_id(url)


def tables(db):
    return (
        sorted(tuple(r) for r in db.execute("select * from claims")),
        sorted(tuple(r) for r in db.execute("select * from conflicts")),
        sorted(tuple(r) for r in db.execute("select id, claim_id from facts")),
    )


@pytest.fixture
def db(tmp_path):
    db = store.connect(tmp_path / "claims.db")
    stored(db, "http://x/q1.pdf", "committee_paper", "2019-07-23",
           [{"value": 163, "figure": "163", "sentence": "At the end of June, 163 children were awaiting allocation."},
            {"value": 21, "figure": "21", "measure": "caseload", "unit": "cases", "sentence": "The average caseload was 21."},
            {"value": None, "figure": "Inadequate", "measure": "ofsted_rating", "subject": "inadequate", "sentence": "Inadequate."}],
           committee="Children's Services Scrutiny Committee")
    stored(db, "http://x/story.html", "news", "2019-07-25",
           [{"value": 160, "figure": "More than 160", "qualifier": "more_than",
             "sentence": "More than 160 children wait, figures in a report to the scrutiny committee show."}])
    claims.update(db)
    return db


def test_every_fact_with_a_measure_is_in_exactly_one_claim(db):
    assert db.execute("select count(*) from facts where measure != 'ofsted_rating' and claim_id is null").fetchone()[0] == 0
    assert db.execute("select count(*) from facts where measure = 'ofsted_rating' and claim_id is not null").fetchone()[0] == 0
    counted = db.execute("select sum(n_facts) from claims").fetchone()[0]
    assert counted == db.execute("select count(*) from facts where claim_id is not null").fetchone()[0] == 3
    row = db.execute("select value, n_sources, kinds, first_kind from claims where measure = 'unallocated_cases'").fetchall()
    assert row == [(163.0, 2, "committee_paper,news", "committee_paper")]


def test_a_rerun_on_an_unchanged_database_changes_nothing(db):
    before = tables(db)
    assert claims.update(db) == {"groups": 0, "claims": 0, "conflicts": 0}
    assert tables(db) == before
    assert claims.update(db, full=True)["claims"] == 2  # recomputing everything gives the same rows
    assert tables(db) == before


def test_a_reextracted_document_with_the_same_facts_gives_the_same_claims(db):
    before = tables(db)
    facts = [dict(r) for r in db.query("select * from facts where document_id = ?", [store.document_id("http://x/story.html")])]
    store.replace_facts(db, store.document_id("http://x/story.html"), facts, "v2")
    assert claims.update(db)["groups"] == 1  # only the group whose facts were stored again
    assert tables(db) == before


def test_a_new_document_regroups_only_its_group_and_can_conflict(db):
    caseload_before = db.execute("select * from claims where measure = 'caseload'").fetchall()
    stored(db, "http://x/union.html", "news", "2019-07-30",
           [{"value": 240, "figure": "240", "sentence": "On 30 June 2019, 240 children had no social worker.", "period": "2019-06-30"}])
    stored(db, "http://x/q2.pdf", "committee_paper", "2019-11-19",
           [{"value": 163, "figure": "163", "sentence": "Down from 163 at 30 June 2019.", "period": "2019-06-30"}])
    assert claims.update(db)["groups"] == 1
    assert db.execute("select * from claims where measure = 'caseload'").fetchall() == caseload_before
    claim = db.execute("select value, n_sources, date, conflicts from claims where value = 163").fetchone()
    assert claim == (163.0, 3, "2019-06-30", 1)  # the later report pins the day the undated one meant
    conflict = db.execute("select value_a, kind_a, value_b, kind_b, period from conflicts").fetchall()
    assert conflict == [("163 children", "committee_paper", "240 children", "news", "2019-06-30")]


def test_a_document_whose_facts_go_loses_its_claims(db):
    store.replace_facts(db, store.document_id("http://x/q1.pdf"), [], "v2")
    claims.update(db)
    assert db.execute("select value, kind, n_sources from claims").fetchall() == [(160.0, "news", 1)]


def test_a_database_extracted_before_claims_gets_them_when_published(tmp_path):
    from typer.testing import CliRunner

    from councilfacts.cli import app

    path = tmp_path / "old.db"
    old = store.connect(path)
    stored(old, "http://x/q1.pdf", "committee_paper", "2019-07-23",
           [{"value": 163, "figure": "163", "sentence": "163 children were awaiting allocation."}])
    old.conn.close()
    result = CliRunner().invoke(app, ["publish", "--db", str(path), "--out", str(tmp_path / "site")])
    assert result.exit_code == 0, result.output
    published = store.connect(tmp_path / "site" / "councilfacts.db")
    assert published.execute("select value, n_sources from claims").fetchall() == [(163.0, 1)]
