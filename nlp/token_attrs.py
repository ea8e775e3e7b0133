"""Part of speech, morphology and lemma, as the model's attribute_ruler and lemmatizer give
them, remembered for each (word, tag, dependency) seen.

The two components cost as much as the parser on the sentences the extractor reads: the
ruler runs a Matcher over every token and the lemmatizer works each token out in Python.
Their answer for a token depends only on that token (its text, tag and dependency label),
except for a few patterns that look at a neighbour ("gon na", "there are": a verb after an
expletive). So this component asks them once per distinct token, on a one- or two-token
doc built from it, and copies the remembered answer after that. A sentence holding a
neighbour pattern's first word ("gon", "let", ...) is given to the real components whole.

    nlp.add_pipe("cf_token_attrs", after="lemmatizer")
    nlp.disable_pipe("attribute_ruler"); nlp.disable_pipe("lemmatizer")

tests/nlp/test_token_attrs.py checks that every token of the real documents gets exactly
what the two components give it.
"""

from __future__ import annotations

import re

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc

_OUT = [POS, MORPH, LEMMA]


@Language.factory("cf_token_attrs", default_config={"ruler": "attribute_ruler", "lemmatizer": "lemmatizer", "max_entries": 500_000})
def make_token_attrs(nlp: Language, name: str, ruler: str, lemmatizer: str, max_entries: int) -> "TokenAttrs":
    return TokenAttrs(nlp, ruler, lemmatizer, max_entries)


class TokenAttrs:
    """The ruler's and lemmatizer's answers, token by token, from memory (see the module)."""

    def __init__(self, nlp: Language, ruler: str, lemmatizer: str, max_entries: int):
        self.nlp = nlp
        self.ruler_name, self.lemmatizer_name = ruler, lemmatizer
        self.max_entries = max_entries
        self.memory: dict[tuple[int, int, int, bool], tuple[int, int, int]] = {}
        self._ready = False

    def _setup(self) -> None:
        self.ruler = self.nlp.get_pipe(self.ruler_name)
        self.lemmatizer = self.nlp.get_pipe(self.lemmatizer_name)
        strings = self.nlp.vocab.strings
        self.expl = strings.add("expl")
        # the first words of the ruler's patterns over several tokens: their sentences go to the real components
        firsts: set[int] = set()
        self.context_blind = False
        for p in self.ruler.patterns:
            for pattern in p["patterns"]:
                if len(pattern) < 2:
                    continue
                lower = pattern[0].get("LOWER")
                if isinstance(lower, str):
                    firsts.add(strings.add(lower))
                elif isinstance(lower, dict) and _regex_words(lower.get("REGEX", "")):
                    firsts.update(strings.add(w) for w in _regex_words(lower["REGEX"]))
                elif pattern[0] == {"DEP": "expl"}:
                    continue  # "there are": the expletive before is part of the remembered key
                else:
                    self.context_blind = True  # a pattern this component cannot key: always use the real ones
        self.firsts = numpy.array(sorted(firsts), dtype="uint64")
        self._ready = True

    def __call__(self, doc: Doc) -> Doc:
        if not self._ready:
            self._setup()
        if self.context_blind or len(doc) == 0:
            return self.lemmatizer(self.ruler(doc))
        arr = doc.to_array([ORTH, TAG, DEP, LOWER, IS_SPACE])
        if arr[:, 4].any() or numpy.isin(arr[:, 3], self.firsts).any():
            return self.lemmatizer(self.ruler(doc))  # a neighbour pattern may apply, or a space token's label change
        out = numpy.empty((len(doc), 3), dtype="uint64")
        after_expl = False
        memory = self.memory
        for i in range(len(doc)):
            orth, tag, dep = int(arr[i, 0]), int(arr[i, 1]), int(arr[i, 2])
            key = (orth, tag, dep, after_expl)
            found = memory.get(key)
            if found is None:
                found = self._learn(doc, i, after_expl)
                if len(memory) >= self.max_entries:
                    memory.clear()  # bounded: a very long run forgets and learns again
                memory[key] = found
            out[i] = found
            after_expl = dep == self.expl
        doc.from_array(_OUT, out)
        return doc

    def _learn(self, doc: Doc, i: int, after_expl: bool) -> tuple[int, int, int]:
        """What the real components give token i, asked on a doc of it alone (after an expletive, if it follows one)."""
        toks = [doc[i - 1], doc[i]] if after_expl else [doc[i]]
        mini = Doc(self.nlp.vocab, words=[t.text for t in toks], spaces=[True] * len(toks),
                   tags=[t.tag_ for t in toks], deps=[t.dep_ for t in toks], heads=[len(toks) - 1] * len(toks))
        mini = self.lemmatizer(self.ruler(mini))
        t = mini[-1]
        return t.pos, t.morph.key, t.lemma


def _regex_words(regex: str) -> list[str]:
    """The words a first-word pattern like "^y'?$" or "^gon$" matches (["y", "y'"]); none for any
    other regex, whose patterns then send every sentence to the real components."""
    m = re.fullmatch(r"\^([\w']*?)([\w'])\?\$", regex)
    if m:
        return [m[1], m[1] + m[2]]
    m = re.fullmatch(r"\^([\w']+)\$", regex)
    return [m[1]] if m else []
