"""A fast sentence splitter for news, inspection reports and council papers.

`split_sentences(text)` -> [(start, end)] character offsets into the untouched text, each
trimmed of surrounding whitespace. It is the cheap first pass of the extractor: every
sentence is found here, and only the ones that hold a number go on to the parser.

Rules:
- a blank line always ends a sentence (paragraphs, headings, list items);
- a single line break ends one when the next line starts a list item (•, -, 1.), when the
  line before ends a sentence (. ! ? : ” ...; but not : ; ) before a lower-case line, nor
  inside an open bracket), or when the line before is a short heading-like line;
  otherwise it is a hard wrap inside a sentence (PDF text);
- inside a paragraph, . ! ? followed by space (or by a capitalised word glued to it,
  "pressures.Managers") ends a sentence, except after abbreviations (Mr, Dr, Cllr, e.g.,
  No.), initials and decimals;
- very long runs (tables) are cut at line breaks so the parser never sees a huge "sentence".

`SentenceSplitter` ("cf_sentences") sets token.is_sent_start from the same rules.
"""

from __future__ import annotations

import re
from typing import Iterable

import numpy
from spacy.attrs import IDX, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from .settings_io import SettingsIO

ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "cllr", "coun", "st", "no", "nos", "vs", "v", "etc", "e.g", "i.e", "eg", "ie",
    "inc", "ltd", "co", "corp", "approx", "dept", "est", "fig", "figs", "gov", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "wed", "thu", "fri", "sat", "sun", "rev", "sgt",
    "insp", "supt", "det", "hon", "rt", "para", "paras", "p", "pp", "ch", "vol", "cf", "al", "ed", "eds", "op",
    "c", "ca", "govt", "assoc", "bros", "gen", "col", "capt", "lt", "mt", "ave", "rd", "sq", "pl", "a.m", "p.m",
}
_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)|[.!?]+[\"'”’]*(?=[A-Z“\"‘][a-z])")
_LINE_END_OK = re.compile(r"[.!?:;…\"'”’)]\s*$")
_LIST_START = re.compile(r"^\s*(?:[•▪◼●◦■□➢➤✓*–—-]\s|\(?\d{1,3}[.)]\s|\d{1,3}(?:\.\d{1,3})+\.?\s+[A-Z(\d]|\(?[a-z][.)]\s|\(?[ivx]{1,4}[.)]\s)")
MAX_SENTENCE = 1200


def _paragraphs(text: str) -> Iterable[tuple[int, int]]:
    """Blocks separated by blank lines or by line breaks that end a sentence."""
    lines = []
    pos = 0
    for line in text.splitlines(keepends=True):
        lines.append((pos, pos + len(line), line))
        pos += len(line)
    start = None
    prev_line = None
    for ls, le, line in lines:
        content = line.strip()
        if not content:
            if start is not None:
                yield start, ls
                start = None
            prev_line = None
            continue
        if start is None:
            start = ls
        elif prev_line is not None and _breaks(prev_line, line):
            yield start, ls
            start = ls
        prev_line = line
    if start is not None:
        yield start, len(text)


def _breaks(prev: str, line: str) -> bool:
    p = prev.rstrip()
    if "\f" in prev or "\f" in line:
        return True
    nxt = line.lstrip()
    if _LIST_START.match(line):
        return True
    if p.count("(") > p.count(")"):
        return False  # "(2021/22:" wrapped before its figure: the bracket is still open
    if _LINE_END_OK.search(p):
        # "... as follows:" or "(see 2.1)" then a lower-case line: the wrap of one sentence
        return not (p.endswith((":", ";", ")")) and nxt[:1].islower())
    # a short line without final punctuation followed by a capitalised line: a heading
    if len(p.strip()) < 60 and nxt[:1].isupper() and ". " not in p.strip() and not p.rstrip().endswith((",", "-", "–", "and", "or", "of", "the", "to")):
        return True
    return False


def _split_block(text: str, s: int, e: int) -> Iterable[tuple[int, int]]:
    block = text[s:e]
    cut = 0
    for m in _END.finditer(block):
        end = m.end()
        before = block[cut : m.start()]
        word = re.search(r"([A-Za-z.]+)$", before)
        punct = m.group(0)
        if punct.startswith(".") and word:
            w = word.group(1).lower().rstrip(".")
            if w in ABBREVIATIONS or (len(w) == 1 and word.group(1)[-1:].isupper()):
                continue
        if punct.startswith(".") and re.search(r"\d$", before) and re.match(r"\d", block[end:].lstrip()[:1] or "x"):
            continue
        if punct.startswith((".", ")")) and re.fullmatch(r"\s*(?:[•▪◼●*–-]\s*)?\(?(?:\d{1,3}|[a-z]|[ivx]{1,4})", before):
            continue  # "1. Many families": a list number, not a sentence
        nxt = block[end:].lstrip()
        if nxt[:1].islower():
            continue  # "e.g. the" / "approx. half": not a new sentence
        yield s + cut, s + end
        cut = end
    yield s + cut, e


def _trim(text: str, s: int, e: int) -> tuple[int, int] | None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return (s, e) if e > s else None


def split_sentences(text: str, max_len: int = MAX_SENTENCE) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for ps, pe in _paragraphs(text):
        for s, e in _split_block(text, ps, pe):
            t = _trim(text, s, e)
            if not t:
                continue
            s, e = t
            if e - s <= max_len:
                out.append((s, e))
                continue
            # too long: cut at line breaks, then hard at max_len on a space
            pos = s
            while pos < e:
                stop = min(e, pos + max_len)
                if stop < e:
                    nl = text.rfind("\n", pos + 1, stop)
                    sp = text.rfind(" ", pos + 1, stop)
                    stop = nl if nl > pos else (sp if sp > pos else stop)
                t = _trim(text, pos, stop)
                if t:
                    out.append(t)
                pos = stop
    return out


# doc.user_data: the document's text where the caller has it (Doc.text joins every token again
# at each call, which on a long paper costs more than the split)
TEXT_KEY = "cf_text"


def doc_text(doc: Doc) -> str:
    """The doc's text, joined once and kept in its user_data (or as the caller handed it)."""
    if TEXT_KEY not in doc.user_data:
        doc.user_data[TEXT_KEY] = doc.text
    return doc.user_data[TEXT_KEY]


@Language.factory("cf_sentences", default_config={"max_length": MAX_SENTENCE})
def make_sentence_splitter(nlp: Language, name: str, max_length: int) -> "SentenceSplitter":
    return SentenceSplitter(name, max_length=max_length)


class SentenceSplitter(SettingsIO):
    settings = ("max_length",)

    def __init__(self, name: str = "cf_sentences", *, max_length: int = MAX_SENTENCE):
        self.name = name
        self.max_length = max_length

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        starts = numpy.full(len(doc), -1, dtype="int32")  # SENT_START: 1 starts a sentence, -1 does not
        starts[0] = 1
        idx = doc.to_array(IDX).astype("int64")
        for s, _ in split_sentences(doc_text(doc), self.max_length):
            i = int(numpy.searchsorted(idx, s, side="right")) - 1  # the token holding offset s
            if 0 <= i < len(doc):
                if doc[i].is_space and i + 1 < len(doc):
                    i += 1
                starts[i] = 1
        doc.from_array([SENT_START], starts.astype("int64").astype("uint64").reshape(-1, 1))
        return doc
