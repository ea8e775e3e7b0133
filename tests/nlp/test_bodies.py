"""The council linker alone on a blank pipeline, its serialisation, and body_for."""

from pathlib import Path

import pytest
import spacy
from spacy.tokens import Span

from councilfacts.nlp.bodies import body_for, social_care_body  # (importing registers the "council_linker" factory)
from councilfacts.nlp.gazetteer import Gazetteer

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
NTH = ("Northamptonshire County Council", "E10000021")


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("council_linker")
    nlp.initialize()
    return nlp


def run(nlp, text, hint=None, date=None):
    doc = nlp.make_doc(text)
    doc._.council_hint = hint
    doc._.doc_date = date
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def fig(doc, text, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = doc.text.find(text, start + 1)
    assert start >= 0, text
    return doc.char_span(start, start + len(text), alignment_mode="expand")


def mentions(doc):
    return [(s.text, s.label_, s.id_) for s in doc.spans["bodies"]]


# -- finding councils -------------------------------------------------------------------
def test_spans_carry_canonical_name_and_gss_code(nlp):
    doc = run(nlp, "Staff in Northamptonshire were told by Liverpool City Council and Herts officials.")
    assert mentions(doc) == [
        ("Northamptonshire", "Northamptonshire County Council", "E10000021"),
        ("Liverpool City Council", "Liverpool City Council", "E08000012"),
        ("Herts", "Hertfordshire County Council", "E10000015"),
    ]
    assert [s.kb_id_ for s in doc.spans["bodies"]] == ["E10000021", "E08000012", "E10000015"]


@pytest.mark.parametrize(
    "text",
    [
        "Reading the report, inspectors were worried.",
        "Mr Brent and Cllr Preston said caseloads were high.",
        "Northants Police said 12 officers attended.",
        "The Liverpool Echo revealed the figures.",
        "Senior social worker, West Midlands",
        "the county council said",  # a reference, not a name
        "Brackley Town Council and Northampton Town Council agreed.",  # town councils are not "Down Council"
        "The Wales Council for Voluntary Action and the Children in Care Council met.",
        "Sheffield Hallam University and the Kent Messenger reported it.",
        "Write to Piccadilly Gate, Store Street, Manchester M1 2WD.",
    ],
)
def test_things_that_are_not_council_names(nlp, text):
    assert mentions(run(nlp, text)) == []


def test_council_name_forms(nlp):
    doc = run(nlp, "The London Borough of Haringey, Kent council, Birmingham City Council and BCP Council replied.")
    assert [s.label_ for s in doc.spans["bodies"]] == [
        "London Borough of Haringey",
        "Kent County Council",
        "Birmingham City Council",
        "Bournemouth, Christchurch and Poole Council",
    ]


def test_near_miss_council_name(nlp):
    doc = run(nlp, "A report to Northamptonshire Couny Council shows 152 children waiting.")
    assert [(s.text, s.label_) for s in doc.spans["bodies"]] == [("Northamptonshire Couny Council", NTH[0])]


def test_document_date_decides(nlp):
    text = "Children in Northamptonshire wait longer, North Northamptonshire Council said."
    early = run(nlp, text, date="2019-05-01")
    assert [s.id_ for s in early.spans["bodies"]] == ["E10000021", "E06000061"]
    # after 2021 the county name covers two councils: not linked
    late = run(nlp, text, date="2024-05-01")
    assert [s.id_ for s in late.spans["bodies"]] == ["E06000061"]


def test_references_to_the_council(nlp):
    doc = run(nlp, "The authority said County Hall and the local authority agreed; a council spokeswoman added more.")
    assert [r.text for r in doc.spans["body_refs"]] == ["The authority", "County Hall", "the local authority", "a council spokeswoman"]


# -- the council a document is about ---------------------------------------------------
def test_main_body_from_hint_name_or_code(nlp):
    assert run(nlp, "Figures rose.", hint="Northamptonshire County Council")._.main_body == {"name": NTH[0], "code": NTH[1]}
    assert run(nlp, "Figures rose.", hint="E08000012")._.main_body == {"name": "Liverpool City Council", "code": "E08000012"}
    assert run(nlp, "Figures rose.", hint="Northants")._.main_body["code"] == "E10000021"


def test_main_body_from_title(nlp):
    doc = run(nlp, "Caseloads soar at Kent County Council\n\nSocial workers hold 30 cases each, the council said.")
    assert doc._.main_body == {"name": "Kent County Council", "code": "E10000016"}


def test_no_main_body_for_a_story_naming_councils_in_passing(nlp):
    text = (
        "Councils struggle to keep social workers\n\n"
        "The death of a child in Haringey has ramifications. Schemes by Hertfordshire County Council, "
        "West Sussex County Council and Liverpool City Council try to help."
    )
    assert run(nlp, text)._.main_body is None
    assert run(nlp, "No council is named here at all.")._.main_body is None


# -- body_for ---------------------------------------------------------------------------
def test_council_named_in_the_sentence(nlp):
    doc = run(nlp, "A total of 64 family support workers will be made redundant by Northamptonshire County Council on March 14.")
    assert body_for(fig(doc, "64"), doc) == NTH


def test_nearest_council_in_the_same_clause(nlp):
    doc = run(
        nlp,
        "These include a training academy set up by Hertfordshire County Council which offers training to 30 newly "
        "qualified social workers a year, a free course by West Sussex County Council for social workers, and more "
        "than 30 new children's social work posts being created by Liverpool City Council.",
    )
    assert body_for(fig(doc, "30"), doc) == ("Hertfordshire County Council", "E10000015")
    assert body_for(fig(doc, "more than 30"), doc) == ("Liverpool City Council", "E08000012")


def test_the_council_means_the_main_body(nlp):
    doc = run(nlp, "Kent County Council cut posts.\n\nIt is understood the county council has taken on 26 agency social workers.")
    assert body_for(fig(doc, "26"), doc) == ("Kent County Council", "E10000016")


def test_main_body_for_a_plain_sentence_in_a_council_story(nlp):
    doc = run(nlp, "Caseloads in Northamptonshire\n\nOne social worker said: \u201cI have more than 30 cases at the moment.\u201d")
    assert body_for(fig(doc, "30"), doc) == NTH


@pytest.mark.parametrize(
    "sentence, figure",
    [
        ("A survey by the Local Government Association found that 60 per cent of councils are struggling.", "60 per cent"),
        ("39% of children's social workers responding said they left work with concerns.", "39%"),
        ("National guidelines state social workers should have between 11 and 16 cases.", "11"),
        ("The British Association of Social Workers said 40% of its members plan to leave.", "40%"),
        ("Across England, 12% of posts are vacant.", "12%"),
        ("Central government slashed more than \u00a35bn from grants.", "\u00a35bn"),
    ],
)
def test_national_figures_in_a_council_story_have_no_body(nlp, sentence, figure):
    doc = run(nlp, f"Caseloads at Kent County Council\n\nKent County Council has 40 vacancies. {sentence}")
    assert doc._.main_body["code"] == "E10000016"
    assert body_for(fig(doc, figure), doc) == (None, None)


def test_council_figure_beside_a_national_one(nlp):
    doc = run(nlp, "Kent County Council\n\nThe council has 31% agency staff, while the national average is 16%.")
    assert body_for(fig(doc, "31%"), doc) == ("Kent County Council", "E10000016")
    assert body_for(fig(doc, "16%"), doc) == (None, None)


def test_no_main_body_no_guess(nlp):
    doc = run(nlp, "Councils cut spending on staff by \u00a3147m. The council said 20 posts would go.")
    assert body_for(fig(doc, "20"), doc) == (None, None)


def test_non_council_organisations_are_never_bodies(nlp):
    doc = run(nlp, "Ofsted found 267 unallocated cases, Unison said.")
    assert body_for(fig(doc, "267"), doc) == (None, None)
    doc = run(nlp, "Ofsted found 267 unallocated cases, Unison said.", hint="Northamptonshire County Council")
    assert body_for(fig(doc, "267"), doc) == NTH


def test_works_without_sentence_boundaries():
    nlp = spacy.blank("en")
    nlp.add_pipe("council_linker")
    doc = nlp("Kent County Council\n\nStaff left. Northamptonshire County Council has 152 children waiting.")
    assert body_for(fig(doc, "152"), doc) == NTH


# -- serialisation ------------------------------------------------------------------------
TINY = [
    {"gss_code": "E99999999", "register_code": "ZZZ", "official_name": "Testshire County Council", "nice_name": "Testshire",
     "kind_code": "CTY", "aliases": "Tests|Testshire council"},
]


def _tiny_pipeline():
    nlp = spacy.blank("en")
    nlp.add_pipe("council_linker").initialize(rows=TINY)
    return nlp


def test_round_trip_bytes_into_fresh_pipeline():
    nlp = _tiny_pipeline()
    data = nlp.to_bytes()
    fresh = spacy.blank("en")
    fresh.add_pipe("council_linker")
    fresh.from_bytes(data)
    doc = fresh("Tests officials and Kent County Council met.")
    # the gazetteer travelled with the pipeline: only the tiny one is known
    assert [(s.text, s.label_, s.id_) for s in doc.spans["bodies"]] == [("Tests", "Testshire County Council", "E99999999")]


def test_round_trip_disk(tmp_path):
    nlp = _tiny_pipeline()
    nlp.get_pipe("council_linker").lead_chars = 123
    nlp.to_disk(tmp_path / "pipe")
    loaded = spacy.load(tmp_path / "pipe")
    linker = loaded.get_pipe("council_linker")
    assert linker.lead_chars == 123
    doc = loaded("Testshire council said so.")
    assert [s.label_ for s in doc.spans["bodies"]] == ["Testshire County Council"]
    # from_disk replaces what was loaded before
    full = spacy.blank("en")
    full.add_pipe("council_linker").initialize()
    full.get_pipe("council_linker").from_disk(tmp_path / "pipe" / "council_linker")
    doc = full("Kent County Council and Tests.")
    assert [s.label_ for s in doc.spans["bodies"]] == ["Testshire County Council"]


def test_uninitialised_linker_uses_shipped_gazetteer():
    nlp = spacy.blank("en")
    nlp.add_pipe("council_linker")
    doc = nlp("Kent County Council")
    assert [s.id_ for s in doc.spans["bodies"]] == ["E10000016"]


def test_pipe_with_two_processes():
    nlp = _tiny_pipeline()
    docs = list(nlp.pipe(["Testshire council cut 5 posts.", "Nothing here."] * 2, n_process=2))
    assert [d._.main_body for d in docs][:2] == [{"name": "Testshire County Council", "code": "E99999999"}, None]
    assert [s.id_ for s in docs[0].spans["bodies"]] == ["E99999999"]


def test_gazetteer_object_can_be_passed():
    nlp = spacy.blank("en")
    nlp.add_pipe("council_linker").initialize(gazetteer=Gazetteer.from_rows(TINY))
    assert len(nlp.get_pipe("council_linker").gazetteer) == 1


# -- calibration on the five seed articles --------------------------------------------------
SEED_PROBES = {
    "000_f0f23bdc0fbcf1d3": [("64 experienced", NTH), ("more than 60", NTH), ("14 trainee", NTH)],
    "001_ef2d2e2f01d81a25": [("more than 30", NTH), ("almost 40", NTH), ("less than 20", NTH), ("about a third", NTH), ("26 agency", NTH)],
    "002_5ae5b44744a8e0ed": [("60 per cent", (None, None)), ("40 per cent", (None, None)), ("more than 30 new", ("Liverpool City Council", "E08000012")), ("30 newly", ("Hertfordshire County Council", "E10000015"))],
    "003_c434e0d2458be199": [("more than 150 children without", NTH), ("267", NTH), ("152", NTH), ("two weeks", NTH), ("75 days", NTH), ("10 social", NTH), ("23 per cent", NTH)],
    "004_a1e316c59717cfd3": [("\u00a3147m", (None, None)), ("\u00a35 billion", (None, None)), ("39%", (None, None)), ("55%", (None, None)), ("23 cases", (None, None))],
}


@pytest.mark.parametrize("doc_id", sorted(SEED_PROBES))
def test_seed_articles(nlp, doc_id):
    path = SHARED / "seeds" / f"{doc_id}.txt"
    if not path.exists():
        pytest.skip(f"seed texts not found at {path.parent} (../shared is absent)")
    doc = run(nlp, path.read_text(encoding="utf-8"))
    for probe, expected in SEED_PROBES[doc_id]:
        assert body_for(fig(doc, probe), doc) == expected, probe


# -- real Ofsted reports: the council inspected is the main body -----------------------------
OFSTED_MAIN = {
    "ilacs_bcp_2022-02-11": "E06000058",
    "ilacs_birmingham_2023-04-18": "E08000025",
    "ilacs_dorset_2025-05-09": "E06000059",
    "ilacs_north-northamptonshire_2026-07-07": "E06000061",
    "sif_birmingham_2016-11-25": "E08000025",
}


@pytest.mark.parametrize("stem", sorted(OFSTED_MAIN))
def test_ofsted_report_main_body(nlp, stem):
    path = SHARED / "realworld" / "ofsted" / f"{stem}.pypdf.txt"
    if not path.exists():
        pytest.skip(f"Ofsted report text not found at {path.parent} (../shared is absent)")
    doc = run(nlp, path.read_text(encoding="utf-8"), date=stem.rsplit("_", 1)[-1])
    assert doc._.main_body["code"] == OFSTED_MAIN[stem]
    # Ofsted's own address ("Piccadilly Gate, Store Street, Manchester M1 2WD") is not a council mention
    assert "E08000003" not in {s.id_ for s in doc.spans["bodies"]}
    if stem.startswith("ilacs_north"):
        # "Northamptonshire Children's Trust" in 2026: the county name is ambiguous, not linked
        assert "E10000021" not in {s.id_ for s in doc.spans["bodies"]}


@pytest.mark.parametrize(
    "sentence, figure, expected",
    [
        # the nearer of a council and a national word decides
        ("Kent's rate of 45 per 10,000 is above the England average of 40.", "45", ("Kent County Council", "E10000016")),
        ("Kent's rate of 45 per 10,000 is above the England average of 40.", "40", (None, None)),
        # a national source is weaker evidence than a council named beside the figure
        ("DfE figures show Surrey had 500 children in care.", "500", ("Surrey County Council", "E10000030")),
        # a council named in the sentence beats a national word in another clause
        ("Surrey has the highest rate in England, with 45% of referrals repeated.", "45%", ("Surrey County Council", "E10000030")),
        ("Figures show Birmingham had 200 unallocated cases, compared with 50 in Solihull.", "200", ("Birmingham City Council", "E08000025")),
        ("Figures show Birmingham had 200 unallocated cases, compared with 50 in Solihull.", "50", ("Solihull Metropolitan Borough Council", "E08000029")),
    ],
)
def test_nearest_evidence_wins(nlp, sentence, figure, expected):
    doc = run(nlp, f"Caseloads at Kent County Council\n\nKent County Council has 40 vacancies. {sentence}")
    assert body_for(fig(doc, figure, nth=1 if figure == "40" else 0), doc) == expected


@pytest.mark.parametrize(
    "sentence, figure, expected",
    [
        # a comparison with a regional figure does not make the council's own figure national
        ("Turnover was 12 per cent over the year, below the regional average of 16 per cent.", "12 per cent", ("Kent County Council", "E10000016")),
        ("Turnover was 12 per cent over the year, below the regional average of 16 per cent.", "16 per cent", (None, None)),
        # the council's own surveys are local ...
        ("In the most recent staff survey, 87% of social workers said they were proud to work here.", "87%", ("Kent County Council", "E10000016")),
        ("In a survey of 120 care leavers, 72% said they knew their personal adviser.", "72%", ("Kent County Council", "E10000016")),
        # ... other people's are not
        ("A Unison survey found 44% of members were stressed, up from 30% last year.", "30%", (None, None)),
        ("Seventy-one per cent of those who responded said agency costs were a pressure.", "Seventy-one per cent", (None, None)),
        ("Between them, the councils that took part overspent by a combined \u00a3778m.", "\u00a3778m", (None, None)),
        # a national source that only says where the figures come from leaves them the council's
        ("According to the DfE's caseloads measure, these fell from 19.9 in 2018 to 13.4 in 2020.", "19.9", ("Kent County Council", "E10000016")),
        ("Statistics from the Department for Education show the turnover rate was 18.4 per cent.", "18.4 per cent",
         ("Kent County Council", "E10000016")),
        # ... but one that says something itself does not, nor one about councils in general
        ("The Department for Education said 5,400 social workers left last year.", "5,400", (None, None)),
        ("According to the LGA, councils face a \u00a34bn funding gap next year.", "\u00a34bn", (None, None)),
    ],
)
def test_local_and_national_figures(nlp, sentence, figure, expected):
    doc = run(nlp, f"Kent County Council workforce report\n\nKent County Council has 40 vacancies. {sentence}")
    assert body_for(fig(doc, figure), doc) == expected


def test_abolished_council_named_in_another_clause_is_not_the_body(nlp):
    text = (
        "Trust bill shared\n\nThe two councils that replaced Northamptonshire County Council on 1 April 2021 have agreed "
        "how to share costs, after the trust overspent by \u00a36.3m in its first months."
    )
    doc = run(nlp, text, date="2021-06-10")
    assert body_for(fig(doc, "\u00a36.3m"), doc) == (None, None)
    # in its own clause it is: a later story about the old council's figures
    doc = run(nlp, "Northamptonshire County Council overspent by \u00a370m in 2018.", date="2024-01-01")
    assert body_for(fig(doc, "\u00a370m"), doc) == NTH


def test_council_named_only_deep_in_a_national_story_is_not_its_main_body(nlp):
    text = (
        "Nine in ten councils in England overspent on children's social care last year, according to a survey of "
        "directors of children's services. Between them, the councils that took part overspent by a combined \u00a3778m. "
        "Seventy-one per cent of those who responded said the cost of agency social workers was a pressure. The survey "
        "was sent to all 152 councils and 119 replied. Nationally, agency workers now make up 17.8 per cent of the "
        "workforce, the highest share since records began.\n\nKent County Council said its overspend had reached "
        "\u00a313.7m. A Kent spokesman said the costs fall on Kent taxpayers."
    )
    doc = run(nlp, text)
    assert doc._.main_body is None
    assert body_for(fig(doc, "\u00a313.7m"), doc) == ("Kent County Council", "E10000016")
    assert body_for(fig(doc, "17.8 per cent"), doc) == (None, None)


def test_council_papers_abbreviate_their_council(nlp):
    doc = run(nlp, "Report to Cabinet\n\nAgency staff in NCC children's services: 23 per cent of posts, the LGA said the average was 16 per cent.", hint="E10000021")
    assert [r.text for r in doc.spans["body_refs"]] == ["NCC"]
    assert body_for(fig(doc, "23 per cent"), doc) == NTH


def test_the_county_is_wider_than_a_part_county_unitary(nlp):
    text = "West Northamptonshire Council budget\n\nThere are 1,180 children in care across the county. The council has 40 vacancies."
    doc = run(nlp, text, hint="West Northamptonshire Council", date="2021-06-10")
    assert body_for(fig(doc, "1,180"), doc) == (None, None)
    assert body_for(fig(doc, "40"), doc) == ("West Northamptonshire Council", "E06000062")
    doc = run(nlp, text.replace("West Northamptonshire Council", "Dorset Council"), hint="Dorset Council", date="2021-06-10")
    assert body_for(fig(doc, "1,180"), doc) == ("Dorset Council", "E06000059")


def test_scorer_reports_p_r_f():
    from spacy.training import Example

    nlp = _tiny_pipeline()
    pred = nlp.make_doc("Testshire council and Tests met.")
    gold = nlp.make_doc("Testshire council and Tests met.")
    gold.spans["bodies"] = [Span(gold, 0, 2, label="Testshire County Council")]
    scores = nlp.evaluate([Example(pred, gold)])
    assert scores["bodies_r"] == 1.0 and scores["bodies_p"] == 0.5


def test_empty_gazetteer_warns():
    nlp = spacy.blank("en")
    with pytest.warns(UserWarning, match="empty"):
        nlp.add_pipe("council_linker").initialize(rows=[])


def test_the_council_without_a_main_body_is_the_council_just_named(nlp):
    text = (
        "Councils struggle\n\nSocial workers are leaving at record rates across England, figures show, and many "
        "councils now rely on agency staff to fill the gaps in their children's services teams while they recruit.\n\n"
        "Surrey County Council and Kent County Council both advertised posts. Kent County Council said its overspend "
        "was \u00a313.7m. The council said 30 posts were vacant."
    )
    doc = run(nlp, text)
    assert doc._.main_body is None
    assert body_for(fig(doc, "30"), doc) == ("Kent County Council", "E10000016")


def test_hint_that_is_ambiguous_on_the_date_gives_no_main_body(nlp):
    assert run(nlp, "Figures rose.", hint="Northamptonshire", date="2024-01-01")._.main_body is None
    assert run(nlp, "Figures rose.", hint="Northamptonshire", date="2019-01-01")._.main_body["code"] == "E10000021"
    assert run(nlp, "Figures rose.", hint="Northamptonshire Children's Trust")._.main_body == {"name": "Northamptonshire Children's Trust", "code": None}


@pytest.mark.parametrize(
    "text, figure, expected",
    [
        ("Councils in England had 7,900 vacant children's social worker posts last year, DfE figures show.", "7,900", (None, None)),
        ("Birmingham City Council has 180 agency social workers, compared with 95 in Sandwell.", "180", ("Birmingham City Council", "E08000025")),
        ("Birmingham City Council has 180 agency social workers, compared with 95 in Sandwell.", "95", ("Sandwell Metropolitan Borough Council", "E08000028")),
        ("Cllr Jane Smith, cabinet member for children at Kent County Council, said 45 children were waiting.", "45", ("Kent County Council", "E10000016")),
        ("Children in care in Northamptonshire rose to 1,100 in March, up from 900 a year earlier.", "900", NTH),
        ("Nationally, the figure is 70 per 10,000 children.", "70", (None, None)),
        ("East Midlands councils have 300 vacant posts between them.", "300", (None, None)),
        ("The two councils have 300 vacant posts.", "300", (None, None)),
    ],
)
def test_genre_sentences(nlp, text, figure, expected):
    doc = run(nlp, f"Social work pressures\n\nStaff are stretched, Kent County Council said. {text}", hint=None)
    assert body_for(fig(doc, figure), doc) == expected


@pytest.mark.parametrize(
    "sentence, figure",
    [
        # council papers capitalise their own council
        ("The Council is required to make savings of \u00a316.4m.", "\u00a316.4m"),
        # words with "national" or "England" in them that are not national scope
        ("The overspend of \u00a39.7m is driven by the National Living Wage.", "\u00a39.7m"),
        ("Twelve social workers will start in January, subject to Social Work England registration.", "Twelve"),
        ("Leaders have responded by recruiting 45 social workers from overseas.", "45"),
        # a national comparison in another clause or in brackets
        ("There are 349 children in care, which is more than twice the England average.", "349"),
        ("There were 478 children in care (statistical neighbours 63.0 per 10,000).", "478"),
    ],
)
def test_council_figures_beside_words_that_only_look_national(nlp, sentence, figure):
    doc = run(nlp, f"Kent County Council workforce report\n\nKent County Council has 40 vacancies. {sentence}")
    assert body_for(fig(doc, figure), doc) == ("Kent County Council", "E10000016")


def test_committee_paper_names_its_council_after_a_long_header(nlp):
    header = "Agenda Item 9\nChildren and Families Overview and Scrutiny Committee\n" + "Policy framework and previous decisions.\n" * 12
    doc = run(nlp, header + "Services in Leicestershire were inspected by Ofsted. The County Council approved savings of \u00a33.4m.")
    assert doc._.main_body["code"] == "E10000018"
    assert body_for(fig(doc, "\u00a33.4m"), doc) == ("Leicestershire County Council", "E10000018")
    # a news story naming one council once, deep down, is still not about it
    story = "Social work under pressure\n\n" + "Councils across the country are struggling. " * 12
    doc = run(nlp, story + "In Leicestershire, costs rose.")
    assert doc._.main_body is None


@pytest.mark.parametrize(
    "sentence, figure, expected",
    [
        # an NHS body's figure is the NHS body's, named as written
        ("Leeds Community Healthcare NHS Trust has a waiting list of 1,100 young people.", "1,100",
         ("Leeds Community Healthcare NHS Trust", None)),
        ("The health board, NHS Greater Glasgow and Clyde, is looking for \u00a370m of savings.", "\u00a370m",
         ("NHS Greater Glasgow and Clyde", None)),
        # ... in one spelling: a curly apostrophe is straightened
        ("South West London and St George\u2019s Mental Health NHS Trust has a waiting list of 133 children.", "133",
         ("South West London and St George's Mental Health NHS Trust", None)),
        # a council in a "which ..." aside is compared with, not counted
        ("Medway Council, which is a third the size of Kent's, has 552 children in care.", "552",
         ("Medway Council", "E06000035")),
        # places in a list are where, not who
        ("It plans to create 12 new posts in its hubs in Ashford, Dover and Thanet.", "12",
         ("Kent County Council", "E10000016")),
    ],
)
def test_other_bodies_asides_and_places(nlp, sentence, figure, expected):
    doc = run(nlp, f"Kent County Council report\n\nKent County Council has 40 vacancies. {sentence}")
    assert body_for(fig(doc, figure), doc) == expected


def test_place_that_is_also_a_word_heading_a_report(nlp):
    doc = run(nlp, "Bury\nInspection of children's social care services\n\nThe number of children in care has increased to 371.")
    assert doc._.main_body["name"] == "Bury Metropolitan Borough Council"
    assert body_for(fig(doc, "371"), doc)[0] == "Bury Metropolitan Borough Council"
    # in running text the word is still a word
    doc = run(nlp, "They will bury the plan.\n\nThe number of children in care has increased to 371.")
    assert doc._.main_body is None


def test_the_main_councils_short_form_is_a_reference_to_it(nlp):
    doc = run(nlp, "Rhondda Cynon Taf Council warns of care costs\n\nRCT now has 716 looked-after children, one of the highest rates in Wales.")
    assert body_for(fig(doc, "716"), doc)[0] == "Rhondda Cynon Taf County Borough Council"


def test_one_place_named_two_ways_without_a_date(nlp):
    text = ("Buckinghamshire County Council\n\nInspection of services for children in need of help and protection\n\n"
            "Children's services in Buckinghamshire are inadequate. Agency social workers make up 31% of the workforce. "
            "Buckinghamshire has 422 children in care. In Buckinghamshire, referrals rose. Buckinghamshire must act.")
    doc = run(nlp, text)
    assert doc._.main_body["name"] == "Buckinghamshire County Council"
    assert body_for(fig(doc, "31%"), doc)[0] == "Buckinghamshire County Council"


@pytest.mark.parametrize(
    "sentence, figure, expected",
    [
        # "the borough council" right after a council named is that council
        ("Meanwhile, in neighbouring Medway the borough council has 12 vacant posts.", "12", "Medway Council"),
        # a national word in a "some of whom ..." aside does not make the figure national
        ("It is using 24 agency social workers, some of whom fly in from the south of England.", "24", "Kent County Council"),
        # "the Ashford area" is where referrals came from, not who counted them
        ("The county council said referrals from the Ashford area had risen by 14 per cent.", "14 per cent", "Kent County Council"),
    ],
)
def test_references_asides_and_areas(nlp, sentence, figure, expected):
    doc = run(nlp, f"Kent County Council report\n\nKent County Council has 40 vacancies. {sentence}")
    assert body_for(fig(doc, figure), doc)[0] == expected


@pytest.mark.parametrize(
    "sentence, figure, expected",
    [
        # a national or neighbouring figure the council's is compared with, later in the same clause or sentence
        ("The turnover rate of 27% compares with a national average of 15%.", "27%", "Kent County Council"),
        ("Agency workers make up 36% of its social workers, compared with 21% in neighbouring Medway.", "36%", "Kent County Council"),
        ("Staff turnover has reduced from 20% in 2015 to be in line with the national average of 15%.", "20%", "Kent County Council"),
    ],
)
def test_figures_compared_with_others(nlp, sentence, figure, expected):
    doc = run(nlp, f"Kent County Council report\n\nKent County Council has 40 vacancies. {sentence}")
    assert body_for(fig(doc, figure), doc)[0] == expected


def test_the_county_borough_means_a_welsh_county_borough(nlp):
    doc = run(nlp, "Wrexham council warns of care costs\n\nThere were 241 looked-after children in the county borough at the end of March.")
    assert body_for(fig(doc, "241"), doc)[0] == "Wrexham County Borough Council"


def test_a_news_story_quoting_a_director_is_not_a_council_paper(nlp):
    text = ("Council invests in its workforce\n\nBolton council is to invest \u00a33.5m in its social care workforce. "
            + "Social workers say the money is overdue and caseloads are too high. " * 8
            + "The director of children's services in Bolton said the inspection of the service was fair. "
            + "Neighbouring Wigan was rated good. Inspectors found caseloads of more than 30 children.")
    doc = run(nlp, text)
    assert doc._.main_body["name"] == "Bolton Metropolitan Borough Council"


def test_a_story_about_a_northern_ireland_trust(nlp):
    text = ("Almost 500 children in Southern Trust area waiting for a social worker\n\n"
            "Figures show 487 children's cases were unallocated in the Southern Trust on 31 March. "
            "Some children had been waiting more than six months. The Belfast Trust had 402 unallocated cases.")
    doc = run(nlp, text)
    assert body_for(fig(doc, "487"), doc)[0] == "Southern Health and Social Care Trust"
    assert body_for(fig(doc, "six months"), doc)[0] == "Southern Health and Social Care Trust"
    assert body_for(fig(doc, "402"), doc)[0] == "Belfast Health and Social Care Trust"


def test_a_council_heading_scopes_the_lines_below_it(nlp):
    doc = run(nlp, "What is happening in your area?\n\nANGLESEY\n\n  * Cuts of £7m over the next year\n\n"
                   "BLAENAU GWENT\n\n  * Cutting £500,000 from the grounds budget\n")
    assert body_for(fig(doc, "£7m"), doc)[0] == "Isle of Anglesey County Council"
    assert body_for(fig(doc, "£500,000"), doc)[0] == "Blaenau Gwent County Borough Council"


def test_without_a_main_body_a_figure_is_about_the_council_just_named(nlp):
    doc = run(nlp, "Councils warn of budget decisions.\n\nMany councils expect cuts. Kent County Council and "
                   "Surrey County Council set budgets.\n\nNottinghamshire County Council has published its budget. "
                   "It warned that around 750 jobs are at risk.")
    assert doc._.main_body is None
    assert body_for(fig(doc, "750"), doc)[0] == "Nottinghamshire County Council"


def test_a_council_named_far_before_gives_no_body(nlp):
    doc = run(nlp, "Kent County Council and Surrey County Council set budgets this week. " + "Other news. " * 60
                   + "Around 750 jobs are at risk.")
    assert body_for(fig(doc, "750"), doc) == (None, None)


@pytest.mark.parametrize("written", ["the Northern trust", "the Northern HSC Trust", "the Northern health trust"])
def test_northern_ireland_trusts_as_news_writes_them(nlp, written):
    doc = run(nlp, f"Social workers strike in Northern Ireland.\n\n{written[0].upper() + written[1:]} had 139 unallocated cases.")
    assert body_for(fig(doc, "139"), doc) == ("Northern Health and Social Care Trust", None)


def test_a_place_that_is_also_a_word_named_by_its_councillors(nlp):
    doc = run(nlp, "DUDLEY councillors are calling a special meeting after learning children wait 28 weeks for help.")
    assert [sp.label_ for sp in doc.spans["bodies"]] == ["Dudley Metropolitan Borough Council"]


def test_the_place_right_after_a_figure_is_its_body(nlp):
    doc = run(nlp, "Job losses are biggest in cities, with 243 in Stoke-on-Trent and 170 in Wolverhampton.")
    assert body_for(fig(doc, "170"), doc)[0] == "City of Wolverhampton Council"
    assert body_for(fig(doc, "243"), doc)[0] == "Stoke-on-Trent City Council"


def test_a_document_naming_no_council_but_linking_to_one_councils_site_is_that_councils(nlp):
    text = ("Freedom of information response\n\nThe number of agency social workers was 40.\n\n"
            "The information is available at: https://www.thurrock.gov.uk/what-we-spend/agency-spending\n")
    doc = run(nlp, text)
    assert body_for(fig(doc, "40"), doc) == ("Thurrock Council", "E06000034")
    # links to two councils' sites say nothing of which one it is
    doc = run(nlp, text + "See also www.essex.gov.uk.\n")
    assert doc._.main_body is None


def test_northern_ireland_is_national_like_scotland_and_wales(nlp):
    doc = run(nlp, "Department of Health, Stormont Estate, Belfast, BT4 3SQ\n\nAt 30 September 2024, 2,268 children were on "
                   "the child protection register in Northern Ireland.")
    assert body_for(fig(doc, "2,268"), doc) == (None, None)


def test_a_select_committee_paper_naming_its_council_once_is_that_councils(nlp):
    text = ("CHILDREN AND FAMILIES SELECT COMMITTEE 25th November 2009 Social Worker Recruitment PURPOSE OF REPORT: To review "
            "the Council's progress on social worker recruitment. " + "The Council has improved its performance. " * 8 +
            "The number of locum staff has reduced to 40. The package has helped us attract more candidates to Surrey.")
    doc = run(nlp, text)
    assert body_for(fig(doc, "40"), doc) == ("Surrey County Council", "E10000030")


@pytest.mark.parametrize("sentence, figure, expected", [
    # each council takes its own figure: one named right before another figure is that one's
    ("Scotland is also under pressure, with Glasgow council expected to make 1,000 redundancies and Edinburgh 700.",
     "1,000", ("Glasgow City Council", "S12000049")),
    # a place that is also a word, named as an authority
    ("The largest losses are in the boroughs of Brent (350) and Westminster (300).", "350", ("London Borough of Brent", "E09000005")),
])
def test_two_councils_in_one_sentence_each_take_their_own_figure(nlp, sentence, figure, expected):
    doc = run(nlp, "Town hall jobs\n\n" + sentence)
    assert body_for(fig(doc, figure), doc) == expected


def test_the_trust_is_the_trust_named_before_it(nlp):
    doc = run(nlp, "Fermanagh faces a social work crisis\n\nFermanagh faces a recruitment crisis in social work, said the Western "
                   "Health and Social Care Trust (WHSCT).\n\n665 children are being looked after by the Trust, the report says.")
    assert body_for(fig(doc, "665"), doc) == ("Western Health and Social Care Trust", None)


@pytest.mark.parametrize("measure, code, context, expected", [
    ("children_in_care", "N09000006", "", ("Western Health and Social Care Trust", None)),   # Fermanagh and Omagh
    ("child_protection", "N09000010", "", (None, None)),   # Newry, Mourne and Down: two trusts share it
    ("vacancies", "N09000003", "social work vacancies in North Belfast", ("Belfast Health and Social Care Trust", None)),
    ("vacancies", "N09000003", "the council's bin crews", ("Belfast City Council", "N09000003")),  # not social care
    ("job_cuts", "N09000003", "social workers", ("Belfast City Council", "N09000003")),  # a council's own jobs
    ("children_in_care", "E10000016", "", ("Kent County Council", "E10000016")),  # not Northern Ireland
])
def test_northern_irelands_social_care_is_its_trusts(measure, code, context, expected):
    name = Gazetteer.load().get(code).name
    assert social_care_body(measure, name, code, context) == expected


def test_a_place_named_as_a_later_figures_place_is_not_the_earlier_figures(nlp):
    doc = run(nlp, "Child protection statistics\n\nCompared with December 2012, the Register count decreased by 3% (64), from "
                   "2,009 to 1,945, with changes by Trusts ranging from a decrease of 20% (93) in the Belfast Trust.")
    assert body_for(fig(doc, "2,009"), doc) == (None, None)
    assert body_for(fig(doc, "93"), doc) == ("Belfast Health and Social Care Trust", None)
    # ... nor the level a move went to, nor a year
    doc = run(nlp, "Referrals\n\nReferrals rose by 12% to 1,200 in the Belfast Trust.\n\nReferrals rose by 10% in 2022/23 in the Western Trust.")
    assert body_for(fig(doc, "12%"), doc) == ("Belfast Health and Social Care Trust", None)
    assert body_for(fig(doc, "10%"), doc) == ("Western Health and Social Care Trust", None)
    # a duration is not a figure the place belongs to
    doc = run(nlp, "Cuts\n\nCentral government funding has been cut by more than \u00a375m over the past eight years in the "
                   "Redcar and Cleveland borough.")
    assert body_for(fig(doc, "\u00a375m"), doc)[0] == "Redcar and Cleveland Borough Council"


def test_the_main_councils_initials_are_the_main_council_whoever_was_named_last(nlp):
    doc = run(nlp, "Kent County Council (KCC) is set to shed 260 jobs.\nSeveral councils have cut jobs, including Leeds City "
                   "Council and Cambridgeshire County Council.\nKCC pledged to increase its children's social services "
                   "budget by \u00a35.3m.")
    assert body_for(fig(doc, "\u00a35.3m"), doc) == ("Kent County Council", "E10000016")


def test_a_trust_named_once_at_the_top_and_called_the_trust_after_is_the_main_body(nlp):
    doc = run(nlp, "Looked after children at an all-time high\n\nFigures from the Western Trust's Corporate Parenting Report "
                   "show 507 children were being looked after by the Trust.\n\nThe report also found there were 67 unallocated "
                   "referrals.")
    assert body_for(fig(doc, "67"), doc) == ("Western Health and Social Care Trust", None)


def test_a_sentences_opening_word_does_not_make_a_place_list(nlp):
    doc = run(nlp, "Unallocated cases\n\nBrighton and Hove had 132 out of 404 cases allocated to unqualified staff.\n\n"
                   "Overall, Birmingham was one of the worst offenders, with 644 looked-after child cases unallocated.")
    assert body_for(fig(doc, "644"), doc) == ("Birmingham City Council", "E08000025")


def test_a_northern_ireland_council_of_before_2015_gives_way_to_its_trust():
    # the 26 districts have no GSS code: they are known by name
    assert social_care_body("unallocated_cases", "Derry City Council", None) == ("Western Health and Social Care Trust", None)
    assert social_care_body("job_cuts", "Derry City Council", None) == ("Derry City Council", None)
    assert social_care_body("unallocated_cases", "Castlereagh Borough Council", None) == (None, None)


def test_the_council_right_after_another_council_is_named_is_that_council(nlp):
    doc = run(nlp, "The councils cutting caseloads\n\nSwindon council is using a spreadsheet tool. Swindon is one of many councils "
                   "taking steps. In July, Manchester city council announced plans to cut caseloads. The council will hire an "
                   "extra 86 social workers. " + "Swindon's tool weighs each case. " * 3 + "The council has 40 vacancies.")
    assert body_for(fig(doc, "86"), doc) == ("Manchester City Council", "E08000003")
    # further on, "the council" is the story's own again
    assert body_for(fig(doc, "40"), doc) == ("Swindon Borough Council", "E06000030")
