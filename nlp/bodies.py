"""Tie figures to the council they are about.

`council_linker` (a spaCy component) finds the councils a document names, using the
gazetteer (nlp/gazetteer.py): a PhraseMatcher over every name and short form, a pattern for
"<Name> [County|Borough|City|District] Council" that forgives near-misses, and ORG entities
where NER has run. It sets

* `doc.spans["bodies"]`: one span per mention, label = canonical name, id (and kb_id) = GSS code;
* `doc.spans["body_refs"]`: "the council", "the authority", "the local authority",
  "County Hall", "the county", the main body's initials ("NCC") ... (label "COUNCIL_REF"),
  which mean the document's council;
* `doc._.main_body`: {"name", "code"} of the council the document is about, or None.
  From `doc._.council_hint` (a name or GSS code the caller knows from the source), else
  the council the document is plainly about: a story about a council names it in its title
  or lead (the first `lead_chars` characters). The only council a document names is its
  main body if named there (or named twice and then called "the council"); among several,
  the one named in the title/lead and at least twice as prominent as the next. A national
  story that quotes one council further down, or names several in passing, has none.

`doc._.doc_date` (ISO date of the document), if the caller sets it, decides between
authorities whose names changed hands (see nlp/gazetteer.py).

`body_for(span, doc) -> (name, code)` gives the body of a figure span:

1. in the figure's own clause (the stretch between commas, semicolons, brackets, quotes,
   "but", "while", ...): the nearest of a council named there, a reference to "the council"
   (-> the main body), or a word that makes the figure national ("60 per cent of councils",
   "a survey" or "respondents" unless the survey is the council's own ("staff survey", "a
   survey of 120 care leavers"), "national guidelines", "the regional average"; national sources
   such as the DfE or the LGA count as further away) -- a national word gives (None, None);
2. else a council named (or "the council") anywhere in the sentence, the nearest one (not
   one that had been abolished by the document's date: "the two councils that replaced
   Northamptonshire County Council ..., after the trust overspent by £6.3m"), each
   clause boundary crossed counting as a long way ("... by West Sussex County Council for
   social workers, and more than 30 new posts created by Liverpool City Council" ->
   Liverpool);
3. else a national word anywhere in the sentence -> (None, None), unless its clause only
   compares ("Turnover was 12 per cent, below the regional average of 16 per cent": 12 is
   the council's);
4. else the council heading the part of the text the figure is in (a line that is only its
   name: round-ups and papers that take councils one by one);
5. else the main body, when the document is about one council; else the council named last
   before the figure, close by (within `ANAPHORA_CHARS`), as a reader takes "It warned ...".

Without a main body, "the council" means the council named just before it (within
`ANAPHORA_CHARS` characters).

Organisations that are not councils (Ofsted, Unison, the LGA, the British Association of
Social Workers) are never in the gazetteer, so they are never returned as a body; NHS trusts
and boards, health and social care partnerships and police forces named beside a figure are
(`doc.spans["other_bodies"]`, no code), so that their figures are not put on the council.
A council named in a "which ..." aside, or a bare place in a list of places ("hubs in
Carlisle, Barrow and Kendal"), is not the body of a figure outside it.
"""

from __future__ import annotations

import itertools
import re
import warnings
from datetime import date as _date
from datetime import datetime
from pathlib import Path
from typing import Iterable

import srsly
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.scorer import Scorer
from spacy.tokens import Doc, Span
from spacy.util import SimpleFrozenList, filter_spans

from councilfacts.nlp.gazetteer import Authority, Gazetteer, is_council_name
from councilfacts.nlp.sentences import doc_text

for _name in ("council_hint", "main_body", "doc_date"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)

REF_LABEL = "COUNCIL_REF"
_NI_TRUST = re.compile(r"^(Belfast|Northern|South Eastern|Southern|Western) (?:HSC |[Hh]ealth )?[Tt]rust$")
MAIN_OTHER_KEY = "council_linker_main_other"
_GOV_UK = re.compile(r"(?i)(?<![\w.-])(?:https?://)?((?:www\.)?[a-z-]+\.gov\.uk)\b")
_TRUST_REF = re.compile(r"\b[Tt]he\s+[Tt]rust\b(?!\s+(?:fund|deed))")
OTHER_KEY = "other_bodies"  # NHS trusts and boards, health and social care partnerships, police forces
_CAP = r"[A-Z][\w'\u2019&-]*"
_OTHER_BODY = re.compile(
    rf"(?:{_CAP},?[ \t\r\n]+(?:(?:and|of|on|upon)[ \t\r\n]+)?){{1,8}}NHS[ \t\r\n]+(?:Foundation[ \t\r\n]+)?Trust\b"
    rf"|\bNHS(?:[ \t\r\n]+(?:and[ \t\r\n]+)?(?!Trust\b|Foundation\b){_CAP}){{1,5}}"
    # Northern Ireland's children's services are run by five health and social care trusts
    # (news write them "the Northern trust", "the Belfast health trust", "the Southern HSC Trust")
    rf"|\b(?:Belfast|Northern|South[ \t\r\n]+Eastern|Southern|Western)[ \t\r\n]+(?:Health[ \t\r\n]+and[ \t\r\n]+Social[ \t\r\n]+Care[ \t\r\n]+|HSC[ \t\r\n]+|health[ \t\r\n]+)?[Tt]rust\b"
    rf"|(?:{_CAP}[ \t\r\n]+(?:and[ \t\r\n]+)?){{1,4}}(?:Health[ \t\r\n]+and[ \t\r\n]+Social[ \t\r\n]+Care[ \t\r\n]+Partnership|Integrated[ \t\r\n]+Care[ \t\r\n]+Board|Clinical[ \t\r\n]+Commissioning[ \t\r\n]+Group|Police|Constabulary)\b"
)
DEFUNCT_KEY = "council_linker_defunct"
_RECENT_CHARS = 200  # "the council" right after another council is named is that council
ANAPHORA_CHARS = 600  # how far back "the council" looks for the council it means, without a main body
COUNTY_KEY = "council_linker_main_is_county"
# unitaries that are a whole historic county ("the county" means them)
_COUNTY_UNITARIES = {"Cornwall", "Wiltshire", "Shropshire", "Herefordshire", "Isle of Wight", "Rutland",
                     "Northumberland", "County Durham", "Isles of Scilly"}
# a clause after one of these compares the figure with another ("below the regional average of 16%")
_COMPARE_WORDS = {"below", "above", "compared", "against", "than", "versus", "vs", "while", "whereas", "but",
                  "behind", "ahead", "beating", "lower", "higher", "under", "over", "exceeding", "unlike"}
_REF = re.compile(
    # council papers capitalise their own: "the Council", "the County Council", "the Local Authority"
    r"\b(?:[Tt]he|[Tt]his|[Tt]hat)\s+(?i:local\s+|county\s+|city\s+|borough\s+|district\s+|unitary\s+|local\s+education\s+)?"
    r"(?:council|authority|Council|Authority)(?![\w-])(?!\s+(?i:tax|estates?|houses?|homes?|of\s+Europe|of\s+the\s+European)\b)"
    r"|\bCounty\s+Hall\b|\b[Tt]he\s+county\s+borough(?:'s|\u2019s)?(?![\w-])"
    r"|\b[Tt]he\s+county(?:'s|\u2019s)?(?!\s+(?:police|constabulary|court|fire|championship|cricket|lines|borough))(?![\w-])"
    r"|\b[Tt]he\s+borough(?:'s|\u2019s)?(?![\w-])(?!\s+(?:of|council)\b)"
    r"|\b[Tt]he\s+Civic\s+Cent(?:re|er)\b|\b[Tt]he\s+Town\s+Hall\b"
    r"|\b[Aa]\s+(?:county\s+)?council\s+(?:spokes(?:wo)?man|spokesperson|statement|report|officer|source)\b",
)
# Clause boundaries for distance and for the "own clause" of a figure.
_SEP_TOKENS = {",", ";", ":", "(", ")", "[", "]", "\u2014", "\u2013", "\u2022", "\u201c", "\u201d", '"'}
_SEP_WORDS = {"but", "while", "whereas", "although", "though", "however", "whilst"}
# A clause that reads as national or as someone else's survey.
# Words that say a figure is national or someone else's survey: its scope ...
_NATIONAL = re.compile(
    r"\b(?:national(?:ly)?(?!\s+(?:living\s+wage|minimum\s+wage|insurance|health\s+service|fostering\s+agency|transfer\s+scheme|lottery|trust)\b)|nationwide|countrywide|across\s+the\s+country|in\s+the\s+country|(?<!Social\sWork\s)(?<!Health\s)(?<!NHS\s)(?<!Sport\s)(?<!Natural\s)(?<!Historic\s)(?<!Arts\sCouncil\s)(?<!Bank\sof\s)(?<!Church\sof\s)England(?:'s|\u2019s)?|"
    r"the\s+UK|UK-wide|Britain|British|Wales|Scotland|Northern\s+Ireland|"
    r"(?:of|among|across|to)\s+(?:all\s+|other\s+|the\s+|many\s+|most\s+)?(?:\w+\s+)?(?:councils|local\s+authorities)|"
    r"(?:the|all|many|most|some|other)\s+(?:\w+\s+)?(?:councils|local\s+authorities)(?=\s+(?:that|which|who|in|across|have|had|were|are|said|reported|took)\b)|"
    r"(?-i:(?:[A-Z][\w-]+|two|three|four|five|both|several|\d+))\s+(?:councils|local\s+authorities)|"
    r"between\s+them|guidelines?|statistical\s+neighbours?|comparators?|similar\s+(?:councils|authorities)|"
    r"regional(?:ly)?|average\s+for\s+(?:England|the\s+region)|England\s+average)\b"
    # surveys and their respondents, unless the survey is the council's own
    r"|\b(?<!staff\s)(?<!our\s)(?<!its\s)(?<!local\s)(?<!annual\s)(?<!council's\s)(?<!trust's\s)"
    r"(?:survey(?:ed|s)?|respondents?|responding|responded(?!\s+(?:by|to|with|quickly|swiftly|promptly|positively|well|effectively)\b)|polled|poll)\b"
    r"(?!\s+of\s+(?:\d|our\b|its\b|local\b|the\s+council|the\s+trust|staff\b|children\b|young\b|care\s+leavers\b|parents\b|families\b|foster\b))",
    re.I,
)
# ... and national sources, weaker evidence ("DfE figures show Kent had 500 ...").
_NATIONAL_SOURCE = re.compile(
    r"\b(?:central\s+government|the\s+Government|ministers|Whitehall|Department\s+for\s+Education|DfE|"
    r"Local\s+Government\s+Association|LGA|Office\s+for\s+National\s+Statistics|ONS)\b",
    re.I,
)
_SOURCE_PENALTY = 10
# ... unless the source only says where the figures come from, in a story about one council:
# "Statistics from the Department for Education show ...", "According to the DfE's caseloads measure"
_CITED_SOURCE_BEFORE = re.compile(r"(?i)\b(?:according\s+to|(?:statistics|figures|data|numbers)\s+(?:from|published\s+by|released\s+by))(?:\s+the)?\s*$")
_COUNCILS = re.compile(r"(?i)\b(?:councils|local\s+authorities|authorities)\b")
_CITED_SOURCE_AFTER = re.compile(r"(?i)^(?:(?:'|\u2019)s?)?\s+(?:\w+\s+)?(?:statistics|figures|data|measure)\b")
# The header of a council's committee paper or of an Ofsted report or letter.
_OFFICIAL = re.compile(
    r"(?i)\b(?:agenda\s+item|(?:overview\s+and\s+)?scrutiny\s+(?:committee|panel|board)|select\s+committee|purpose\s+of\s+(?:the\s+)?report"
    r"|cabinet\s+member|report\s+(?:of|to|author)"
    r"|executive\s+director|director\s+of\s+children|inspection\s+of|inspection\s+dates?|lead\s+inspector|monitoring\s+visit|focused\s+visit|dear\s+director)\b"
)
# A place name followed by one of these is something else (a club, a paper, the police).
_NOT_COUNCIL_NEXT = {
    "fc", "united", "rovers", "wanderers", "athletic", "albion", "city fc", "university", "college", "hospital",
    "hospitals", "airport", "police", "constabulary", "fire", "nhs", "ccg", "crown", "magistrates", "tribunal",
    "chronicle", "echo", "evening", "post", "gazette", "telegraph", "herald", "mail", "news", "live", "advertiser",
    "star", "times", "standard", "observer", "argus", "journal", "mercury", "express", "press", "diocese",
    "cathedral", "prison", "station", "road", "street", "rugby", "cricket", "healthcare", "partnership", "icb",
    "football", "county fc", "town", "harbour", "port", "messenger", "schools", "school", "academy", "church",
}
_POSTCODE_DISTRICT = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]?$")
_TITLES = {"mr", "mrs", "ms", "miss", "dr", "cllr", "councillor", "sir", "lord", "lady", "baroness", "dame", "prof", "professor", "rev"}
_COUNCIL_PATTERN = re.compile(
    r"(?<!\w)(?:[A-Z][\w'\u2019&.-]*\s+){1,5}?(?:(?:Metropolitan\s+)?Borough\s+|County\s+|City\s+|District\s+|County\s+Borough\s+)?Council\b"
    r"|\b(?:London|Royal)\s+Borough\s+of\s+(?:[A-Z][\w'\u2019&-]*\s*){1,4}"
)


def _as_date(value) -> _date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, _date):
        return value
    try:
        return _date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


@Language.factory(
    "council_linker",
    default_config={"spans_key": "bodies", "refs_key": "body_refs", "lead_chars": 400, "use_ents": True},
    assigns=["doc.spans", "doc._.main_body"],
    default_score_weights={"bodies_f": 1.0, "bodies_p": 0.0, "bodies_r": 0.0},
)
def make_council_linker(nlp: Language, name: str, spans_key: str, refs_key: str, lead_chars: int, use_ents: bool) -> "CouncilLinker":
    return CouncilLinker(nlp, name, spans_key=spans_key, refs_key=refs_key, lead_chars=lead_chars, use_ents=use_ents)


class CouncilLinker:
    """Find council mentions and the council a document is about."""

    def __init__(self, nlp: Language, name: str = "council_linker", *, spans_key: str = "bodies", refs_key: str = "body_refs", lead_chars: int = 400, use_ents: bool = True):
        self.nlp = nlp
        self.name = name
        self.spans_key = spans_key
        self.refs_key = refs_key
        self.lead_chars = lead_chars
        self.use_ents = use_ents
        self.gazetteer: Gazetteer | None = None
        self._rows: list[dict] = []
        self.matcher: PhraseMatcher | None = None
        self._forms: dict[str, tuple[Authority, bool]] = {}

    # -- data ----------------------------------------------------------------------------
    def initialize(self, get_examples=None, *, nlp=None, gazetteer=None, gazetteer_path=None, rows=None) -> None:
        # (untyped: spaCy validates initialize() arguments with pydantic)
        """Load the gazetteer: an object, rows of gazetteer.csv, a path, or the shipped data/gazetteer.csv."""
        if gazetteer is None:
            gazetteer = Gazetteer.from_rows(rows) if rows is not None else Gazetteer.load(gazetteer_path)
        self._set_gazetteer(gazetteer)

    def _set_gazetteer(self, gazetteer: Gazetteer) -> None:
        if not len(gazetteer):
            warnings.warn(f"council_linker '{self.name}': the gazetteer is empty, no council will be found", stacklevel=2)
        self.gazetteer = gazetteer
        self._rows = gazetteer.to_rows()
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self._forms = {}
        texts = []
        for form, authority, needs_word in gazetteer.surface_forms():
            if len(form) < 3:
                continue
            texts.append(form)
        # LOWER matching: the pattern docs only need their lower-case forms
        self.matcher.add("COUNCIL", [self.nlp.make_doc(t.lower()) for t in sorted(set(texts))])

    def _ensure(self) -> None:
        if self.gazetteer is None:
            # Not initialised: fall back to the gazetteer shipped with the package.
            self.initialize()

    # -- running -------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        self._ensure()
        when = _as_date(doc._.doc_date)
        text = doc_text(doc)
        others = []
        for m in _OTHER_BODY.finditer(text):
            sp = doc.char_span(m.start(), m.end(), label=_other_name(m.group(0)), alignment_mode="expand")
            if sp is not None:
                others.append(sp)
        others = filter_spans(others)
        doc.spans[OTHER_KEY] = others
        # "the Belfast Trust", "Leeds Community Healthcare NHS Trust": the place in a trust's name is not a council
        spans = [sp for sp in self.find_mentions(doc, when, text=text)
                 if not any(o.start <= sp.start and sp.end <= o.end for o in others)]
        doc.spans[self.spans_key] = spans
        refs = []
        for m in _REF.finditer(text):
            s = doc.char_span(m.start(), m.end(), label=REF_LABEL, alignment_mode="expand")
            if s is not None:
                refs.append(s)
        main = self.main_body(doc, spans, refs, when, text=text)
        doc._.main_body = main
        a_main = self.gazetteer.get(main["code"]) if main and main.get("code") else None
        if a_main is not None:
            # a bare place name resolved to another authority of the same place (a successor,
            # for want of a date) means the document's council: "Buckinghamshire" in a 2014 report
            spans = [Span(doc, sp.start, sp.end, label=a_main.name, kb_id=a_main.code or "", span_id=a_main.code or "")
                     if sp.label_ != a_main.name and not is_council_name(sp.text) and _same_place(self.gazetteer.get(sp.kb_id_), a_main)
                     else sp for sp in spans]
            doc.spans[self.spans_key] = spans
            for form in a_main.needs_council_word:
                for m in re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-])", text):
                    s = doc.char_span(m.start(), m.end(), label=REF_LABEL, alignment_mode="expand")
                    if s is not None and not any(sp.start <= s.start < sp.end for sp in spans):
                        refs.append(s)
        a = self.gazetteer.get(main["code"]) if main and main.get("code") else None
        doc.user_data[COUNTY_KEY] = None if a is None else self.county_wide(a)
        if main and main.get("name"):
            # council papers abbreviate their own council: "NCC", "BCC", "LBH"
            abbr = initials(main["name"])
            if len(abbr) >= 3:
                for m in re.finditer(rf"(?<![\w-]){re.escape(abbr)}(?![\w-])", text):
                    s = doc.char_span(m.start(), m.end(), label=REF_LABEL, alignment_mode="expand")
                    if s is not None:
                        refs.append(s)
        doc.spans[self.refs_key] = filter_spans(refs)
        if main is None and others:
            # a story about an NHS or HSC trust (named in its title or lead, and again below) is about it
            lead = len(text) - len(text.lstrip()) + self.lead_chars
            names = [o.label_ for o in doc.spans[OTHER_KEY]]
            top = max(dict.fromkeys(names), key=names.count)  # ties go to the first named, run after run
            first = min(o.start_char for o in doc.spans[OTHER_KEY] if o.label_ == top)
            # ... or named there once and called "the Trust" after
            again = names.count(top) >= 2 or (top.endswith("Trust") and _TRUST_REF.search(text, first + 1) is not None)
            if again and first < lead:
                doc.user_data[MAIN_OTHER_KEY] = top
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128):
        for doc in docs:
            yield self(doc)

    def find_mentions(self, doc: Doc, when: _date | None = None, text: str | None = None) -> list[Span]:
        g = self.gazetteer
        doc_text = doc.text if text is None else text
        has_ents = doc.has_annotation("ENT_IOB")
        found: list[tuple[int, int, Authority]] = []
        for _, start, end in self.matcher(doc):
            span = doc[start:end]
            text = span.text
            if not (text[:1].isupper() or text[:1].isdigit()):
                continue
            cands, how = g.candidates(text)
            if not cands:
                continue
            council_name = is_council_name(text)
            if not council_name:
                if all(text in a.needs_council_word or _norm_in(text, a.needs_council_word) for a in cands) \
                        and not _named_as_authority(doc_text, span.start_char, span.end_char):
                    continue
                if not self._place_ok(doc, start, end, has_ents):
                    continue
            a = g.resolve(cands, text, when, how)
            if a is not None:
                found.append((start, end, a))
        # "<Name> County Council" written with a slip, and ORG entities from NER
        taken = [(s, e) for s, e, _ in found]
        extra: list[tuple[int, int]] = []
        for m in _COUNCIL_PATTERN.finditer(doc_text):
            span = doc.char_span(m.start(), m.end(), alignment_mode="contract")
            if span is not None and len(span):
                extra.append((span.start, span.end))
        if self.use_ents and has_ents:
            extra += [(e.start, e.end) for e in doc.ents if e.label_ == "ORG" and is_council_name(e.text)]
        for s, e in extra:
            if any(te == e and ts >= s for ts, te in taken):
                continue  # the name ending here is already known
            for i in range(s, e - 1):  # drop leading words until a name is recognised
                text = doc[i:e].text
                if not is_council_name(text):
                    break
                a = g.lookup(text, when)
                if a is not None:
                    found.append((i, e, a))
                    taken.append((i, e))
                    break
        spans = []
        for s, e, a in found:
            spans.append(Span(doc, s, e, label=a.name, kb_id=a.code or "", span_id=a.code or ""))
        spans = sorted(filter_spans(spans), key=lambda sp: sp.start)
        # councils that no longer existed when the document was written ("the two councils
        # that replaced Northamptonshire County Council"): body_for takes them only from the
        # figure's own clause
        if when is not None:
            gone = []
            for sp in spans:
                a = g.get(sp.kb_id_) if sp.kb_id_ else None
                if a is not None and not a.exists_on(when) and a.end_date and a.end_date < when.isoformat():
                    gone.append([sp.start, sp.end])
            doc.user_data[DEFUNCT_KEY] = gone
        else:
            doc.user_data.pop(DEFUNCT_KEY, None)
        return spans

    def county_wide(self, a: Authority) -> bool:
        """Whether "the county" can mean this council: a county council, or a unitary for a whole county."""
        if a.kind_code == "CTY" or a.nice_name in _COUNTY_UNITARIES or "County Council" in a.name:
            return True
        # the sole successor of a county council (Dorset Council, North Yorkshire Council, ...)
        return any(b.kind_code == "CTY" and b.replaced_by == (a.register_code,) for b in self.gazetteer)

    @staticmethod
    def _place_ok(doc: Doc, start: int, end: int, has_ents: bool = False) -> bool:
        """A bare place name that is not part of a person's name, a club, a paper or the police."""
        i = start - 1
        while i >= 0 and doc[i].is_space:
            i -= 1
        if i >= 0 and doc[i].lower_.rstrip(".") in _TITLES:
            return False
        j = end
        while j < len(doc) and doc[j].is_space:
            j += 1
        if j < len(doc):
            nxt = doc[j]
            if nxt.lower_ in _NOT_COUNCIL_NEXT or _POSTCODE_DISTRICT.match(nxt.text):
                return False  # a club, a paper, the police; or an address ("Manchester M1 2WD")
            # a longer proper name ending in one of those ("Sheffield Hallam University")
            k = j
            while k < min(len(doc), j + 3) and doc[k].is_title and doc[k].is_alpha:
                if doc[k].lower_ in _NOT_COUNCIL_NEXT:
                    return False
                k += 1
        if has_ents and doc[start].ent_type_ == "PERSON":
            return False
        return True

    def main_body(self, doc: Doc, spans: list[Span], refs: list[Span], when: _date | None = None, text: str | None = None) -> dict | None:
        hint = doc._.council_hint
        if hint:
            if isinstance(hint, dict):
                return {"name": hint.get("name"), "code": hint.get("code")}
            a = self.gazetteer.lookup(str(hint), when)
            if a is not None:
                return a.as_dict()
            if re.fullmatch(r"[ENSW]\d{8}", str(hint).strip()) or self.gazetteer.candidates(str(hint))[0]:
                return None  # an unknown code, or a name that is ambiguous on this date
            return {"name": str(hint), "code": None}  # not a council: the caller's own name for the body
        text = doc.text if text is None else text
        if not spans:
            return self._site_body(text)
        first = len(text) - len(text.lstrip())
        nl = text.find("\n", first)
        title_end = nl if 0 < nl - first <= 250 else first
        # a committee paper or an inspection letter names its council after a long header
        official = _OFFICIAL.search(text[first : first + int(1.5 * self.lead_chars)]) is not None
        lead_end = first + self.lead_chars * (4 if official else 1)
        counts: dict[str, list] = {}
        for sp in spans:
            a = self.gazetteer.get(sp.kb_id_) if sp.kb_id_ else None
            key = _place(a) if a is not None else sp.label_  # "Buckinghamshire County Council" and "Buckinghamshire"
            entry = counts.setdefault(key, [0, False, False, sp])
            if is_council_name(sp.text) and not is_council_name(entry[3].text):
                entry[3] = sp  # the authority the text names in full stands for its place
            entry[0] += 1
            if sp.start_char < title_end:
                entry[1] = True
            if sp.start_char < lead_end:
                entry[2] = True
        scored = sorted(((c + 2 * t + l, c, t, l, sp) for c, t, l, sp in counts.values()), key=lambda x: (-x[0], x[4].start))
        best = scored[0]
        score, count, in_title, in_lead, sp = best
        # A story about a council names it at the top; one that names a council only further
        # down (a national story quoting one council) is not about it.
        if len(scored) == 1:
            if in_title or in_lead or (count >= 2 and any(r.start > sp.start for r in refs)) or (official and refs):
                return {"name": sp.label_, "code": sp.kb_id_ or None}
            return None
        second = scored[1][0]
        if score >= 3 and score >= 2 * second and (in_title or in_lead or count >= 5):
            return {"name": sp.label_, "code": sp.kb_id_ or None}
        return None

    def named_body(self, text: str, when: _date | str | None = None) -> tuple[str, str | None] | None:
        """The body a table's row names ("Belfast HSC Trust", "Leeds"): an NHS or HSC body, else a
        council of the gazetteer."""
        if _OTHER_BODY.fullmatch(text.strip()):
            return _other_name(text), None
        a = self.gazetteer.lookup(text.strip(), when)
        return (a.name, a.gss_code) if a is not None else None

    def _site_body(self, text: str) -> dict | None:
        """A document that never names a council but links to one council's own site (an FOI
        answer pointing to "https://www.thurrock.gov.uk/what-we-spend") is that council's."""
        found = {a.gss_code: a for m in _GOV_UK.finditer(text) if (a := self.gazetteer.by_site(m.group(1))) is not None}
        return next(iter(found.values())).as_dict() if len(found) == 1 else None

    def score(self, examples, **kwargs) -> dict:
        """P/R/F of the council mentions (label = canonical name) against gold `doc.spans[spans_key]`."""
        key = self.spans_key
        scores = Scorer.score_spans(
            examples,
            attr=f"spans_{key}",
            getter=lambda doc, attr: doc.spans.get(attr[len("spans_"):], []),
            has_annotation=lambda doc: key in doc.spans,
            labeled=True,
            allow_overlap=True,
        )
        return {
            "bodies_p": scores[f"spans_{key}_p"],
            "bodies_r": scores[f"spans_{key}_r"],
            "bodies_f": scores[f"spans_{key}_f"],
            "bodies_per_type": scores.get(f"spans_{key}_per_type"),
        }

    # -- serialisation ---------------------------------------------------------------------
    def _cfg(self) -> dict:
        return {"spans_key": self.spans_key, "refs_key": self.refs_key, "lead_chars": self.lead_chars, "use_ents": self.use_ents}

    def _load_cfg(self, cfg: dict) -> None:
        self.spans_key = cfg.get("spans_key", self.spans_key)
        self.refs_key = cfg.get("refs_key", self.refs_key)
        self.lead_chars = cfg.get("lead_chars", self.lead_chars)
        self.use_ents = cfg.get("use_ents", self.use_ents)

    def to_bytes(self, *, exclude=SimpleFrozenList()) -> bytes:
        self._ensure()
        return srsly.msgpack_dumps({"cfg": self._cfg(), "gazetteer": self._rows})

    def from_bytes(self, data: bytes, *, exclude=SimpleFrozenList()) -> "CouncilLinker":
        msg = srsly.msgpack_loads(data)
        self._load_cfg(msg["cfg"])
        self.gazetteer = None
        self._set_gazetteer(Gazetteer.from_rows(msg["gazetteer"]))
        return self

    def to_disk(self, path, *, exclude=SimpleFrozenList()) -> None:
        self._ensure()
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / "cfg.json", self._cfg())
        srsly.write_jsonl(path / "gazetteer.jsonl", self._rows)

    def from_disk(self, path, *, exclude=SimpleFrozenList()) -> "CouncilLinker":
        path = Path(path)
        self._load_cfg(srsly.read_json(path / "cfg.json"))
        self.gazetteer = None
        self._set_gazetteer(Gazetteer.from_rows(list(srsly.read_jsonl(path / "gazetteer.jsonl"))))
        return self


_STAFF_MEASURES = {"agency_staff", "vacancies", "staff_turnover"}
_SOCIAL_CARE = re.compile(r"(?i)\bsocial\s+(?:work|care|services)|\bchildren(?:'|\u2019)?s\s+services\b|\bfamily\s+services\b")


def social_care_body(measure: str, name: str | None, code: str | None, text: str = "",
                     sentence: tuple[int, int] = (0, 0)) -> tuple[str | None, str | None]:
    """A Northern Ireland council given a figure of children's social care, which its Health and
    Social Care Trust runs, gives way to that trust, or to no body where two trusts share its area
    (data/ni_trusts.yml; a council of before 2015, which has no GSS code, by its name). Staff figures
    move only when the figure's sentence of `text`, or the document's lead, is about social work."""
    table = _ni_trusts()
    former = not code and (name or "") in table["former"]  # a council of before 2015, by name
    if not (code and code.startswith("N09")) and not former:
        return name, code
    if measure not in table["measures"]:
        return name, code
    if measure in _STAFF_MEASURES and not (_SOCIAL_CARE.search(text, *sentence) or _SOCIAL_CARE.search(text[:600])):
        return name, code
    trust = table["former"][name] if former else table["trusts"].get(code)
    return (trust, None) if trust else (None, None)


def _ni_trusts() -> dict:
    global _NI_TRUSTS
    if _NI_TRUSTS is None:
        from councilfacts.data import DATA_DIR

        raw = srsly.read_yaml(DATA_DIR / "ni_trusts.yml")
        _NI_TRUSTS = {"measures": set(raw["measures"]), "trusts": dict(raw["trusts"]), "former": dict(raw["former"])}
    return _NI_TRUSTS


_NI_TRUSTS: dict | None = None


def _other_name(written: str) -> str:
    """An NHS or HSC body's name in one spelling, as a search or a join expects: single spaces,
    straight apostrophes, a Northern Ireland trust in full ("the Southern HSC Trust" -> "Southern
    Health and Social Care Trust")."""
    name = re.sub(r"^(?:The|A|An|In|At|By) ", "", re.sub(r"\s+", " ", written).strip()).replace("\u2019", "'")
    return _NI_TRUST.sub(r"\1 Health and Social Care Trust", name)


def initials(name: str) -> str:
    """"Northamptonshire County Council" -> "NCC", "London Borough of Haringey" -> "LBH"."""
    return "".join(w[0] for w in re.findall(r"[A-Za-z][\w'-]*", name) if w.lower() not in {"of", "and", "the", "upon", "on"}).upper()


def _norm_in(text: str, forms: Iterable[str]) -> bool:
    low = text.lower()
    return any(low == f.lower() for f in forms)


# ---------------------------------------------------------------------------------------
# The body of one figure
# ---------------------------------------------------------------------------------------
def _sentence_bounds(span: Span, doc: Doc) -> tuple[int, int]:
    """Token bounds of the figure's sentence (doc.sents if set, else a plain split)."""
    if doc.has_annotation("SENT_START"):
        sent = span.sent
        return sent.start, sent.end
    start = span.start
    while start > 0:
        t = doc[start - 1]
        if t.text in (".", "!", "?") or "\n\n" in t.whitespace_ or (t.is_space and "\n" in t.text):
            break
        start -= 1
    end = span.end
    while end < len(doc):
        t = doc[end]
        end += 1
        if t.text in (".", "!", "?") or (t.is_space and "\n" in t.text):
            break
    return start, end


def _is_sep(tok) -> bool:
    return tok.text in _SEP_TOKENS or tok.lower_ in _SEP_WORDS or (tok.is_space and "\n" in tok.text)


def _clause_bounds(span: Span, doc: Doc, s_start: int, s_end: int) -> tuple[int, int]:
    """The tokens between the separators around a figure. A short bracket right after it, or
    around it, is inside its clause: "by 30% (46) in the Northern Trust", "(46)" itself."""
    start, end = span.start, span.end
    if start > s_start and end < s_end and doc[start - 1].text == "(" and doc[end].text == ")":
        start, end = start - 1, end + 1
    else:
        end = _past_own_bracket(span, doc, s_end)
    while start > s_start and not _is_sep(doc[start - 1]):
        start -= 1
    while end < s_end and not _is_sep(doc[end]):
        end += 1
    return start, end


def _place(a: Authority) -> str:
    """The place an authority is of: "Buckinghamshire" for the county council (nice name
    "Buckinghamshire County") and for the unitary that replaced it."""
    return re.sub(r"\s+(?:County|City|Borough|District)$", "", a.nice_name)


def _same_place(a: Authority | None, b: Authority) -> bool:
    return a is not None and _place(a) == _place(b) and a.key != b.key


_AS_AUTHORITY = re.compile(r"[ \t]+(?:local[ \t]+authority|children(?:'|\u2019)s[ \t]+(?:services|social[ \t]+care)|council(?:'|\u2019)s|(?i:councillors?|council)(?![ \t]+tax))\b")


def _named_as_authority(text: str, start: int, end: int) -> bool:
    """A place that is also a word ("Bury", "York") named as an authority: a line of its own
    at the head of a report, or "Bury local authority", "Bury children's services", "DUDLEY
    councillors", "Bury council"."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    if text[line_start:line_end].strip() == text[start:end] and start < 300:
        return True
    return bool(_AS_AUTHORITY.match(text, end) or _AUTHORITY_OF.search(text[max(0, start - 40) : start]))


def _owns_next_figure(m: Span, doc: Doc) -> bool:
    """A council named right before a figure of its own is that figure's: in "Glasgow council
    expected to make 1,000 redundancies and Edinburgh 700", Edinburgh is the 700's, not the 1,000's."""
    k = m.end
    if k < len(doc) and doc[k].text == "(":
        k += 1
    return k < len(doc) and doc[k].like_num


# "the boroughs of Brent (350) and Westminster (300)": a place named as an authority
_AUTHORITY_OF = re.compile(r"(?i)\b(?:boroughs?|districts?|counties|county|authorities|councils?)\s+of\s+$")


_RELATIVE = re.compile(r",[ \t\r\n]*(?:which|who|whose|where|(?:some|many|most|all|none|several) of (?:whom|which))\b[^,;]*(?:,|$)")


def _in_place_list(m: Span, doc: Doc) -> bool:
    """A bare place in a list of places ("hubs in Carlisle, Barrow and Kendal"): where, not who."""
    if is_council_name(m.text):
        return False
    nxt = doc[m.end : m.end + 2]
    prv = doc[max(0, m.start - 2) : m.start]
    if len(nxt) and nxt[0].lower_ in {"area", "areas", "region", "border", "borders"}:
        return True  # "referrals from the East Lindsey area"
    listed_after = len(nxt) == 2 and nxt[0].text in {",", "and"} and nxt[1].is_title
    # ... but a sentence's opening word is capitalised for its place ("Overall, Birmingham was ...")
    k = m.start - 2
    opens = k <= 0 or doc[k - 1].text in {".", "!", "?", ":"} or doc[k - 1].is_space
    listed_before = len(prv) == 2 and prv[1].text in {",", "and"} and prv[0].is_title and prv[0].text not in {"The"} and not opens
    return listed_after or listed_before


_PLACE_PREPS = {"in", "at", "across", "for", "by"}


def _past_own_bracket(span: Span, doc: Doc, hi: int) -> int:
    """The token after a short bracket right after the figure ("by 16% (46) in the South Eastern
    Trust"), or right after the figure."""
    lo = span.end
    if lo < hi and doc[lo].text == "(":
        close = next((k for k in range(lo + 1, min(hi, lo + 5)) if doc[k].text in "()"), None)
        lo = close + 1 if close is not None and doc[close].text == ")" else lo
    return lo


_YEAR = re.compile(r"(?:19|20)\d\d(?:[/-]\d\d(?:\d\d)?)?")  # 2019, 2022/23, 2019-2020


def _named_for_a_later_figure(span: Span, m: Span, doc: Doc) -> bool:
    """A place named after a figure as the place of another figure ("<figure> in <place>") is that
    figure's: in "the Register count decreased by 3%, ..., ranging from a decrease of 20% (93) in
    the Belfast Trust", Belfast is the 20%'s, not the 3%'s."""
    if m.start < span.end:
        return False
    lo = _past_own_bracket(span, doc, m.start)
    k = m.start - 1
    if k >= lo and doc[k].lower_ == "the":
        k -= 1
    if not (k >= lo and doc[k].lower_ in _PLACE_PREPS):
        return False
    k -= 1
    while k >= lo and doc[k].text in {")", "%"}:
        k -= 1
    # "rose by 12% to 1,200 in the Belfast Trust": the level a move went to is the same figure's
    moved_to = k - 1 >= lo and doc[k - 1].lower_ == "to"
    return k >= lo and doc[k].like_num and not _YEAR.fullmatch(doc[k].text) and not moved_to


def _distance(span: Span, other: Span, doc: Doc) -> float:
    if other.end <= span.start:
        lo, hi = other.end, span.start
    elif span.end <= other.start:
        lo, hi = _past_own_bracket(span, doc, other.start), other.start  # a bracket restating the figure is no distance
    else:
        return 0.0
    seps = sum(1 for t in doc[lo:hi] if _is_sep(t))
    if span.end <= other.start and doc[lo].lower_ in _PLACE_PREPS and (hi - lo == 1 or (hi - lo == 2 and doc[lo + 1].lower_ == "the")):
        return 0.5  # "..., 243 in Stoke-on-Trent and 170 in the Wirral": the place the figure is in
    # a council named after the figure ("... made redundant by X") is as likely as one before
    return (hi - lo) + 25 * seps


def body_for(span: Span, doc: Doc, *, spans_key: str = "bodies", refs_key: str = "body_refs") -> tuple[str | None, str | None]:
    """(name, GSS code) of the body a figure is about, or (None, None). See the module docstring."""
    mentions = list(doc.spans[spans_key]) if spans_key in doc.spans else []
    refs = list(doc.spans[refs_key]) if refs_key in doc.spans else []
    main = doc._.main_body
    s_start, s_end = _sentence_bounds(span, doc)
    c_start, c_end = _clause_bounds(span, doc, s_start, s_end)
    none = (None, None)

    defunct = {tuple(x) for x in doc.user_data.get(DEFUNCT_KEY, [])}
    others = list(doc.spans[OTHER_KEY]) if OTHER_KEY in doc.spans else []
    asides = [(m.start(), m.end()) for m in _RELATIVE.finditer(doc[s_start:s_end].text)]
    base_char = doc[s_start].idx

    def _compared(m: Span) -> bool:
        """A council in a "which/who ..." aside the figure is not in ("Salford, which is a third the size
        of Manchester's, has 552 children in care"), or in a later "compared with ..." clause, is a
        comparison, not the figure's body."""
        a, f = m.start_char - base_char, span.start_char - base_char
        if any(x < a < y and not x < f < y for x, y in asides):
            return True
        between = {t.lower_ for t in doc[span.end : m.start]} if m.start > span.end else set()
        return bool(between & {"compared", "comparison", "than"})

    def comparison(sig: Span) -> bool:
        """A national word in a clause that compares ("..., below the regional average of 16%",
        "..., which is more than twice the England average")."""
        i = sig.start
        while i > s_start and not _is_sep(doc[i - 1]):
            i -= 1
        words = {t.lower_ for t in doc[max(s_start, i - 1) : sig.start + 1]}
        after = {t.lower_ for t in doc[sig.end : min(s_end, sig.end + 2)]}
        return bool(words & _COMPARE_WORDS) or bool(after & {"average", "averages", "rate", "figure", "norm", "level"})

    def aside(sig: Span) -> bool:
        """A national word in brackets or a "which/some of whom ..." aside the figure is not in
        ("478 children (statistical neighbours 63.0)", "24 agency workers, some of whom fly in from England")."""
        text = doc[s_start:s_end].text
        a, b = sig.start_char - base_char, span.start_char - base_char
        for m in itertools.chain(re.finditer(r"\([^()]*(?:\)|$)", text), _RELATIVE.finditer(text)):
            if m.start() < a < m.end() and not m.start() < b < m.end():
                return True
        return False

    def pick(lo: int, hi: int, signals: bool = True, own_clause: bool = True) -> tuple[str | None, str | None] | None:
        """The nearest council, reference or (if `signals`) national word between tokens lo and hi."""
        options = [
            (_distance(span, m, doc), (m.label_, m.kb_id_ or None))
            for m in mentions
            if m.start >= lo and m.end <= hi and (own_clause or ((m.start, m.end) not in defunct and not _compared(m)))
            and not _in_place_list(m, doc) and not (m.start >= span.end and _owns_next_figure(m, doc))
            and not _named_for_a_later_figure(span, m, doc)
        ]
        options += [(_distance(span, o, doc), (o.label_, None)) for o in others
                    if o.start >= lo and o.end <= hi and not _named_for_a_later_figure(span, o, doc)]
        if main:
            for r in refs:
                if r.start >= lo and r.end <= hi:
                    # "across the county" in a district's or a part-county unitary's papers is wider than it
                    low = r.text.lower()
                    wider = doc.user_data.get(COUNTY_KEY) is False and low.startswith("the county") \
                        and "council" not in low and "borough" not in low
                    last = next((m for m in reversed(mentions) if m.end <= r.start), None)  # mentions are in order
                    if last is not None and r.start - last.end <= 1:
                        # "in neighbouring Bournemouth the borough council has ...": that council
                        target = (last.label_, last.kb_id_ or None)
                    elif last is not None and r.start_char - last.end_char <= _RECENT_CHARS and last.label_ != main.get("name") \
                            and (last.start, last.end) not in defunct and not low.startswith("the county") \
                            and not r.text.isupper():  # "KCC" is the main council's own initials, whoever was named last
                        # "In July, Manchester city council announced plans ... The council will hire an extra
                        # 86 social workers": the council named just before, in a story about another
                        target = (last.label_, last.kb_id_ or None)
                    else:
                        target = none if wider else (main.get("name"), main.get("code"))
                    options.append((_distance(span, r, doc) + 0.5, target))
        else:
            # no main body: "the council" is the council named just before it
            for r in refs:
                low = r.text.lower()
                if low.startswith("the county") and "council" not in low:
                    continue  # "across the county": which council's area is not known
                if r.start >= lo and r.end <= hi:
                    before = [m for m in mentions if m.end <= r.start and r.start_char - m.end_char <= ANAPHORA_CHARS and (m.start, m.end) not in defunct]
                    if before:
                        m = before[-1]
                        options.append((_distance(span, r, doc) + 0.5, (m.label_, m.kb_id_ or None)))
        region = doc[lo:hi]
        base = region.start_char
        # "... looked after by the Trust": the trust named last before it
        for m in _TRUST_REF.finditer(region.text):
            sig = doc.char_span(base + m.start(), base + m.end(), alignment_mode="expand")
            named = [o for o in others if sig is not None and o.end <= sig.start and o.label_.endswith("Trust")]
            if named:
                options.append((_distance(span, sig, doc) + 0.5, (named[-1].label_, None)))
        for pattern, penalty in ((_NATIONAL, 0.25), (_NATIONAL_SOURCE, _SOURCE_PENALTY)) if signals else ():
            for m in pattern.finditer(region.text):
                if pattern is _NATIONAL_SOURCE and main and _cited_source(region.text, m) and not _COUNCILS.search(region.text):
                    continue  # ("According to the LGA, councils face a £4bn gap" stays national)
                sig = doc.char_span(base + m.start(), base + m.end(), alignment_mode="expand")
                if sig is not None and not own_clause and (comparison(sig) or aside(sig)):
                    continue
                if sig is not None and own_clause and sig.start > span.end and _compares(doc[span.end : sig.start]):
                    continue  # "The turnover rate of 27% compares with a national average of 15%"
                if sig is not None and not (sig.start < span.end and span.start < sig.end):
                    options.append((_distance(span, sig, doc) + penalty, none))
                elif sig is not None:
                    options.append((penalty, none))
        if not options:
            return None
        options.sort(key=lambda o: o[0])
        return options[0][1]

    # the figure's own clause: councils, references and national words, the nearest wins;
    # then the sentence: a council named in it, else a national word in it means no body
    got = pick(c_start, c_end)
    if got is None:
        got = pick(s_start, s_end, signals=False, own_clause=False)
    if got is None:
        got = pick(s_start, s_end, own_clause=False)
    if got is not None:
        return got
    heading = _heading_body(span, doc, mentions)
    if heading is not None:
        return heading
    if main:
        return main.get("name"), main.get("code")
    if doc.user_data.get(MAIN_OTHER_KEY):
        return doc.user_data[MAIN_OTHER_KEY], None
    return _named_just_before(span, doc, mentions, defunct) or none


def _cited_source(text: str, m: re.Match) -> bool:
    """Whether a national source only says where a figure comes from ("According to the DfE's
    caseloads measure, these fell from 19.9 in 2018"), not that the figure is national."""
    return bool(_CITED_SOURCE_BEFORE.search(text[: m.start()]) or _CITED_SOURCE_AFTER.match(text[m.end() :]))


def _heading_body(span: Span, doc: Doc, mentions: list[Span]) -> tuple[str, str | None] | None:
    """A council heading the part of the text a figure is in: a line that is only its name
    ("ANGLESEY", "Blaenau Gwent County Borough Council:") scopes the lines below it, up to the
    next such heading, in round-ups and papers that take councils one by one."""
    text = doc_text(doc)
    best = None
    for m in mentions:
        if m.end_char > span.start_char:
            break
        ls = text.rfind("\n", 0, m.start_char) + 1
        le = text.find("\n", m.end_char)
        le = len(text) if le < 0 else le
        rest = (text[ls:m.start_char] + text[m.end_char:le]).strip(" \t\r:-\u2013\u2014*#")
        if not rest or rest.lower() in {"council", "county council", "borough council", "city council"}:
            best = m
    return (best.label_, best.kb_id_ or None) if best is not None else None


_LIKE = re.compile(r"(?i)\b(?:in line with|on a par with|similar to|close to|the same as)\b")


def _compares(between: Span) -> bool:
    """Whether the words between a figure and a national word later in its clause compare the two:
    "27% compares with a national average", "reduced from 20% to be in line with the national average"."""
    words = {t.lower_ for t in between}
    return bool(words & (_COMPARE_WORDS | {"compares", "comparison"}) or _LIKE.search(between.text))


def _named_just_before(span: Span, doc: Doc, mentions: list[Span], defunct: set) -> tuple[str, str | None] | None:
    """Without a main body, a figure whose sentence names no council is about the council named
    last before it, close by ("Nottinghamshire County Council has published its budget ... It
    warned that around 750 jobs are at risk"), as "the council" is (`ANAPHORA_CHARS`)."""
    before = [m for m in mentions if m.end_char <= span.start_char and span.start_char - m.end_char <= ANAPHORA_CHARS
              and (m.start, m.end) not in defunct and not _in_place_list(m, doc)]
    return (before[-1].label_, before[-1].kb_id_ or None) if before else None
