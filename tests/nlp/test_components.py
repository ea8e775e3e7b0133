"""The other components alone: sentence splitter, figure finder, measure classifier, period reader.

Components that need a parse are tested on a hand-built parsed Doc over spacy.blank's
vocab (words, heads, deps, pos, lemmas), so the test shows the rule, not the model.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Span

from councilfacts.nlp import figures, measures, numbers, periods, sentences  # noqa: F401  (factories)
from councilfacts.nlp.measures import MEASURES_FILE, Measures
from councilfacts.nlp.periods import find_periods, period_for
from councilfacts.nlp.sentences import split_sentences


# ------------------------------------------------------------------ sentences
def _sents(text):
    return [text[s:e] for s, e in split_sentences(text)]


def test_sentences_paragraphs_and_wraps():
    text = "Union condemns 64 job cuts\n\nSocial workers sit behind a desk \n98 per cent of the time. Mr Bennett said so.\nNext line."
    assert _sents(text) == ["Union condemns 64 job cuts", "Social workers sit behind a desk \n98 per cent of the time.",
                            "Mr Bennett said so.", "Next line."]


def test_sentences_glued_and_abbreviations():
    assert _sents("It is high.The number fell. Cllr. Smith agreed, e.g. on 2.5 per cent.") == [
        "It is high.", "The number fell.", "Cllr. Smith agreed, e.g. on 2.5 per cent."]


def test_sentences_list_items_and_headings():
    text = "What needs to improve?\n◼ The recruitment of staff.\n◼ The quality of practice.\n1. Many families wait.\n2. Some do not."
    assert _sents(text) == ["What needs to improve?", "◼ The recruitment of staff.", "◼ The quality of practice.",
                            "1. Many families wait.", "2. Some do not."]


def test_sentences_hard_wrap_after_colon_or_open_bracket():
    text = ("3.1 Referrals increased to 14,220 in 2022/23 (2021/22:\n12,998).\n"
            "The figures were as follows:\nthe team had 40 cases.\nKey figures:\n• 12 children")
    assert _sents(text) == ["3.1 Referrals increased to 14,220 in 2022/23 (2021/22:\n12,998).",
                            "The figures were as follows:\nthe team had 40 cases.", "Key figures:", "• 12 children"]


def test_sentences_numbered_paragraph_opening_with_a_figure():
    assert _sents("Recruitment\n3.8 36 new social workers started.") == ["Recruitment", "3.8 36 new social workers started."]


def test_sentences_short_wrapped_line_that_holds_a_sentence_end_is_no_heading():
    text = "It was above neighbours. The Local Authority was judged\nOutstanding in 2023."
    assert _sents(text) == ["It was above neighbours.", "The Local Authority was judged\nOutstanding in 2023."]


def test_sentences_offsets_and_long_runs():
    text = "word " * 1000
    spans = split_sentences(text, max_len=300)
    assert all(e - s <= 300 for s, e in spans)
    assert all(text[s:e] == text[s:e].strip() for s, e in spans)


def test_sentence_component_round_trip(tmp_path):
    nlp = spacy.blank("en")
    nlp.add_pipe("cf_sentences")
    doc = nlp("First one. Second one.\n\nThird")
    assert [s.text.strip() for s in doc.sents] == ["First one.", "Second one.", "Third"]
    nlp.to_disk(tmp_path / "p")
    doc2 = spacy.load(tmp_path / "p")("A. B c.")
    assert len(list(doc2.sents)) == 1  # "A." is an initial


# ------------------------------------------------------------------ periods
@pytest.mark.parametrize(
    "sentence, figure, date, expected",
    [
        ("At 31 August 2016, 854 children were on plans.", "854", None, "2016-08-31"),
        ("In March 2015 there were 1,815 children.", "1,815", None, "2015-03"),
        ("Spending fell by £147m between 2010/11 and 2012/13.", "£147m", None, "2010-04/2013-03"),
        ("In 2014–15, 45 adopters were approved.", "45", None, "2014-04/2015-03"),
        ("In 2020, 40 posts were cut.", "40", None, "2020"),
        ("Referrals rose by 11 per cent last year.", "11 per cent", "2019-04-18", "2018"),
        ("Up from 40 per cent a year ago.", "40 per cent", "2019-04-18", "2018"),
        ("The 64 jobs will go on March 14.", "64", "2013-02-01", "2013-03-14"),
        ("The council cut 64 posts.", "64", "2013-02-01T10:00:00", "2013-02-01"),
        ("The council cut 64 posts.", "64", None, None),
    ],
)
def test_periods(sentence, figure, date, expected):
    at = sentence.index(figure)
    assert period_for(sentence, at, at + len(figure), date) == expected


def test_period_nearest_the_figure():
    s = "In 2015 there were 120 adoptions and in 2016 there were 140."
    assert period_for(s, s.index("140"), s.index("140") + 3, None) == "2016"
    assert [iso for _, _, iso in find_periods(s)] == ["2015", "2016"]


def test_period_component_on_blank():
    nlp = spacy.blank("en")
    nlp.add_pipe("cf_numbers")
    nlp.add_pipe("cf_figures")
    nlp.add_pipe("cf_periods")
    doc = nlp.make_doc("In 2020, 64 posts were cut.")
    doc.user_data["cf_doc_date"] = "2021-01-01"
    doc = nlp(doc)
    assert [s._.period for s in doc.spans["figures"]] == ["2020"]


# ------------------------------------------------------------------ figure finder (hand-built parse)
def parsed(words, heads, deps, pos, lemmas=None):
    nlp = spacy.blank("en")
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas or [w.lower() for w in words])
    return nlp, doc


def test_figure_finder_counted_noun_and_event():
    # "64 experienced family support workers will be made redundant"
    words = ["64", "experienced", "family", "support", "workers", "will", "be", "made", "redundant"]
    heads = [4, 4, 3, 4, 7, 7, 7, 7, 7]
    deps = ["nummod", "amod", "compound", "compound", "nsubjpass", "aux", "auxpass", "ROOT", "oprd"]
    pos = ["NUM", "ADJ", "NOUN", "NOUN", "NOUN", "AUX", "AUX", "VERB", "ADJ"]
    lemmas = ["64", "experienced", "family", "support", "worker", "will", "be", "make", "redundant"]
    nlp, doc = parsed(words, heads, deps, pos, lemmas)
    nlp.add_pipe("cf_numbers")
    nlp.add_pipe("cf_figures")
    nlp.add_pipe("cf_measures").add_measures(Measures.from_file(MEASURES_FILE))
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    span = doc.spans["figures"][0]
    fig = span._.figure
    assert fig["counted"] == "worker"
    assert fig["counted_text"] == "experienced family support workers"
    assert fig["verb"] == "make" and "redundant" in fig["clause"]
    assert span._.measure["measure"] == "job_cuts" and span._.measure["unit"] == "people"


def test_figure_finder_ellipsis_takes_the_earlier_noun():
    # "I have 30 cases and she has 40"
    words = ["I", "have", "30", "cases", "and", "she", "has", "40"]
    heads = [1, 1, 3, 1, 1, 6, 1, 6]
    deps = ["nsubj", "ROOT", "nummod", "dobj", "cc", "nsubj", "conj", "dobj"]
    pos = ["PRON", "VERB", "NUM", "NOUN", "CCONJ", "PRON", "VERB", "NUM"]
    lemmas = ["I", "have", "30", "case", "and", "she", "have", "40"]
    nlp, doc = parsed(words, heads, deps, pos, lemmas)
    nlp.add_pipe("cf_numbers")
    nlp.add_pipe("cf_figures")
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    first, second = [s._.figure for s in doc.spans["figures"]]
    assert first["counted_text"] == "cases" and not first["inherited"]
    assert second["counted_text"] == "cases" and second["inherited"]
    assert second["clause"] == "she has 40"  # the first clause is not the second's event


def test_figure_finder_without_a_parse_falls_back():
    nlp = spacy.blank("en")
    nlp.add_pipe("cf_numbers")
    nlp.add_pipe("cf_figures")
    doc = nlp("The council has 26 agency social workers.")
    fig = doc.spans["figures"][0]._.figure
    assert fig["counted_text"].startswith("agency social workers")


def test_measure_classifier_round_trip(tmp_path):
    nlp = spacy.blank("en")
    nlp.add_pipe("cf_numbers")
    nlp.add_pipe("cf_figures")
    nlp.add_pipe("cf_measures")
    nlp.initialize()
    nlp.get_pipe("cf_measures").add_measures(Measures.from_file(MEASURES_FILE))
    nlp.to_disk(tmp_path / "p")
    again = spacy.load(tmp_path / "p")
    assert again.get_pipe("cf_measures").measures.digest() == Measures.from_file(MEASURES_FILE).digest()
    fresh = spacy.blank("en")
    fresh.add_pipe("cf_measures").from_bytes(nlp.get_pipe("cf_measures").to_bytes())
    assert [m.id for m in fresh.get_pipe("cf_measures").measures.measures][:2] == ["job_cuts", "jobs_created"]
    for name in ("cf_figures", "cf_periods", "cf_sentences"):
        blank = spacy.blank("en")
        comp = blank.add_pipe(name)
        comp.from_bytes(comp.to_bytes())


def test_measure_classifier_warns_when_empty():
    nlp = spacy.blank("en")
    nlp.add_pipe("cf_numbers")
    nlp.add_pipe("cf_figures")
    nlp.add_pipe("cf_measures")
    with pytest.warns(UserWarning, match="no measures"):
        nlp("64 posts")


def test_measure_classifier_scorer_through_nlp_evaluate():
    from spacy.training import Example

    nlp = spacy.blank("en")
    nlp.add_pipe("cf_numbers")
    nlp.add_pipe("cf_figures")
    nlp.add_pipe("cf_measures").add_measures(Measures.from_file(MEASURES_FILE))
    text = "The council has 26 agency social workers and 30 vacancies."
    ref = nlp.make_doc(text)
    ref.spans["measures"] = [ref.char_span(text.index("26"), text.index("26") + 2, label="agency_staff"),
                             ref.char_span(text.index("30"), text.index("30") + 2, label="vacancies")]
    scores = nlp.evaluate([Example(nlp.make_doc(text), ref)])
    assert scores["measures_p"] == 1.0 and scores["measures_r"] == 1.0


def test_the_whole_a_sentence_opens_on_is_no_figure():
    from councilfacts.nlp.extractor import DocInput, Extractor

    facts = Extractor().extract_one(DocInput(text="Of the 12 posts, four were vacant."))
    assert [(f["measure"], f["value"]) for f in facts] == [("vacancies", 4)]
