"""The figure finder: what each number counts and the event around it, from the parse.

For every number span (doc.spans["numbers"], from cf_numbers) it finds, on the dependency
parse:

- the counted noun: the noun the number modifies ("64 ... family support workers"), the
  object of "of" after a share or a total ("23 per cent of the safeguarding service",
  "a total of 64 workers"), the noun after "the number of" in the clause, or, where the
  number stands alone ("my colleague has almost 40"), the noun an earlier figure of the same
  sentence counted (ellipsis);
- the clause: the nearest verb above the figure and everything it governs, except other
  clauses joined to it (conj, advcl, ccomp, parataxis) that do not hold the figure, so
  the event of one figure ("slashed more than £5bn") is not read into another ("cut
  spending by £147m");
- negation on the way up ("did not cut"), for the classifier.

Results go to `span._.figure` (a dict of plain strings and flags), spans to
doc.spans["figures"]. Without a parse (spacy.blank) the clause falls back to the sentence
and the counted noun to the words right after the number.
"""

from __future__ import annotations

import logging
import re
from typing import Any, Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .sentences import doc_text
from .settings_io import SettingsIO

log = logging.getLogger(__name__)

if not Span.has_extension("figure"):
    Span.set_extension("figure", default=None)
if not Span.has_extension("quantity"):
    Span.set_extension("quantity", default=None)

# clauses joined to the figure's own that do not hold it; relative clauses stay with the noun they
# describe (the counted noun's phrase), not with the event of the figure
CLAUSE_SPLIT = {"conj", "advcl", "ccomp", "parataxis", "relcl"}
NOUNISH = {"NOUN", "PROPN", "PRON"}
TOTAL_WORDS = {"number", "total", "figure", "count", "tally", "numbers", "figures", "level", "rate", "proportion",
               "percentage", "share", "amount", "sum"}
# periods a figure is given for or over, never what it counts ("1,700 a month", "up from 12% last year")
_TIME_NOUNS = {"year", "month", "week", "fortnight", "day", "hour", "minute", "quarter", "decade"}
LOOSE_MODIFIERS = {"looked", "after", "looked-after", "more", "new", "extra", "additional", "further", "full-time",
                   "part-time", "qualified", "newly", "agency", "permanent", "temporary", "vulnerable", "young"}
REPORT_VERBS = {"show", "reveal", "find", "suggest", "indicate", "confirm", "highlight"}
CHANGE_VERBS = {"rise", "fall", "increase", "decrease", "drop", "reach", "stand", "climb", "grow", "total", "hit", "number",
                "double", "treble", "jump", "soar", "reduce", "go", "come", "decline", "surge", "top", "exceed",
                "stabilise", "stabilize", "settle", "plateau", "level"}
# verbs that move a total to the figure: "bringing the number of social workers to 248"
MOVE_VERBS = {"bring", "take", "push", "lift", "raise"}
MOD_DEPS = {"compound", "amod", "nmod", "poss", "case", "npadvmod", "advmod"}
SKIP_MOD = {"more", "less", "than", "about", "around", "almost", "nearly", "over", "up", "least", "at", "some",
            "approximately", "roughly", "just", "only", "fewer", "further", "estimated", "total"}


def norm(text: str) -> str:
    """Lower case, straight quotes, single spaces: what measure patterns are matched against."""
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"').replace("–", "-").replace("—", "-")
    return " ".join(text.lower().split())


def _span_root(span: Span) -> Token:
    return span.root


def _has_parse(doc: Doc) -> bool:
    return doc.has_annotation("DEP")


def _noun_phrase(tok: Token, exclude: set[int], with_pp: bool = True) -> list[Token]:
    """The noun with its left modifiers (compounds, adjectives, possessives) and a short PP."""
    toks = [tok]
    for child in tok.lefts:
        if child.i in exclude or child.dep_ in {"det", "nummod", "quantmod", "predet", "punct", "prep", "cc"}:
            continue
        if child.like_num or child.lower_ in SKIP_MOD:
            continue
        sub = [t for t in child.subtree if t.i not in exclude and not t.like_num and t.lower_ not in SKIP_MOD
               and t.dep_ not in {"det", "punct"}]
        toks.extend(sub)
    if with_pp:
        for child in tok.rights:
            if child.dep_ == "prep" and child.lower_ in {"in", "on", "of", "under", "with", "at", "for", "from"}:
                sub = list(child.subtree)
                if len(sub) <= 6 and not any(t.like_num for t in sub):
                    toks.extend(sub)
                break
            if child.dep_ in {"punct", "relcl", "acl", "appos", "cc", "conj"}:
                break
    toks = sorted(set(toks), key=lambda t: t.i)
    # keep a contiguous run around the noun
    return toks


def _text(toks: Iterable[Token]) -> str:
    toks = sorted(toks, key=lambda t: t.i)
    out = ""
    for k, t in enumerate(toks):
        out += t.text
        if k + 1 < len(toks):
            out += " " if (toks[k + 1].i != t.i + 1 or t.whitespace_) else ""
    return out


def _clause(anchor: Token, span: Span) -> tuple[Token | None, list[Token], bool]:
    """Nearest verb over `anchor`, the clause it heads (minus other clauses) and negation."""
    verb = None
    negated = False
    tok = anchor
    inside = range(span.start, span.end)
    seen = 0
    # out of the figure first: "£180m" may be tagged as a verb ("m")
    while tok.i in inside and tok.head is not tok and seen < 10:
        seen += 1
        tok = tok.head
    seen = 0
    while seen < 50:
        seen += 1
        if (tok.pos_ in {"VERB", "AUX"} and tok.i not in inside) or tok.dep_ == "ROOT":
            verb = tok
            break
        if tok.head is tok:
            break
        tok = tok.head
    if verb is None:
        verb = tok
    # a copula without a subject is a misparse ("The average wait ... is 18 weeks" with "wait" as the
    # root): the clause is the one above it
    if verb.lemma_ == "be" and verb.head is not verb and not any(
            c.dep_ in {"nsubj", "nsubjpass", "expl", "csubj"} for c in verb.children):
        verb = verb.head
    # negation on the verb or its chain of auxiliaries / xcomp parents (did not cut, will not be cut)
    chain = [verb] + ([verb.head] if verb.dep_ in {"xcomp", "acomp"} else [])
    for v in chain:
        if any(c.dep_ == "neg" for c in v.children):
            negated = True
    keep = set()
    figure_ids = {t.i for t in span} | {anchor.i}

    # is the figure the subject of the verb ("150 children are in need ... but do not have one")?
    in_subject = any(c.dep_ in {"nsubj", "nsubjpass", "attr", "expl"} and any(x.i in figure_ids for x in c.subtree)
                     for c in verb.children)

    def holds_figure(tok: Token) -> bool:
        return any(x.i in figure_ids for x in tok.subtree)

    def walk(t: Token) -> None:
        keep.add(t.i)
        nominal = t.pos_ in {"NOUN", "PROPN", "NUM"}
        # a list of nouns ("520 children in care, 310 on protection plans and 95 unallocated
        # cases"): each figure keeps its own item, not its neighbours'
        figure_in_conj = nominal and any(c.dep_ == "conj" and holds_figure(c) for c in t.children)
        for c in t.children:
            if nominal and c.dep_ == "conj" and c.pos_ in {"NOUN", "PROPN", "NUM"} and not holds_figure(c):
                continue
            if figure_in_conj and c.dep_ in {"prep", "amod", "compound", "relcl", "acl", "nummod", "appos"} \
                    and not holds_figure(c):
                continue
            if c.dep_ in CLAUSE_SPLIT and not any(i in figure_ids for i in (x.i for x in c.subtree)):
                # a verb joined by "and"/"but" without a subject of its own shares the figure's subject
                shares_subject = (c.dep_ == "conj" and t is verb and in_subject and c.pos_ in {"VERB", "AUX"}
                                  and not any(g.dep_ in {"nsubj", "nsubjpass", "expl"} for g in c.children))
                # "waiting for a social worker to be allocated": a for/to complement is part of the event
                complement = c.dep_ in {"advcl", "ccomp"} and t is verb and any(
                    (g.dep_ == "mark" and g.lower_ == "for") or (g.dep_ == "aux" and g.lower_ == "to") for g in c.children)
                # "figures showed 428 cases had no named social worker": what a report verb's object did
                reported = (c.dep_ == "ccomp" and t is verb and verb.lemma_.lower() in REPORT_VERBS
                            and any(g.dep_ == "dobj" and any(x.i in figure_ids for x in g.subtree) for g in verb.children))
                if not (shares_subject or complement or reported):
                    continue
            walk(c)

    walk(verb)
    # an infinitive or open complement takes its event from the verb above it:
    # "we need 10 social workers to allocate all cases", "plans to axe 64 jobs"
    if verb.head is not verb and (verb.dep_ in {"xcomp", "acl"} or any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)):
        up = verb.head
        keep.add(up.i)
        for c in up.children:
            if c.dep_ in {"neg", "prt", "acomp", "oprd", "aux", "auxpass"}:
                keep.add(c.i)
                negated = negated or c.dep_ == "neg"
    # a verb joined by "and" with no subject of its own shares the subject of the verb it joins:
    # "social workers should have no more than 15 cases ..., and would normally have 12 to 14 cases"
    if verb.dep_ == "conj" and verb.head.pos_ in {"VERB", "AUX"} \
            and not any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in verb.children):
        for c in verb.head.children:
            if c.dep_ in {"nsubj", "nsubjpass"} and not holds_figure(c):
                keep.update(t.i for t in c.subtree)
    # a figure inside a relative clause is about the noun the clause hangs on:
    # "agency staff, who now make up 12% of the workforce"
    if verb.dep_ == "relcl" and verb.head is not verb:
        noun = verb.head
        keep.add(noun.i)
        for c in noun.lefts:
            if c.dep_ in {"compound", "amod", "nmod", "poss"}:
                keep.update(t.i for t in c.subtree)
    toks = [verb.doc[i] for i in sorted(keep)]
    return verb, toks, negated


def _of_object(tok: Token) -> Token | None:
    for child in tok.rights:
        if child.dep_ == "prep" and child.lower_ in {"of", "among"}:
            if not any(g.dep_ == "pobj" for g in child.children):
                # "the number of looked after children": the parser took "looked" for a verb and left "of" bare
                ahead = child.doc[child.i + 1 : child.i + 5]
                noun = next((t for t in ahead if t.pos_ in {"NOUN", "PROPN"}), None)
                if noun is not None and not any(t.is_punct and t.text not in "-–" for t in child.doc[child.i + 1 : noun.i]):
                    return noun
            for g in child.children:
                if g.dep_ == "pobj":
                    if g.pos_ not in NOUNISH:
                        # "the number of looked-after children": a hyphenated modifier can take the pobj slot
                        nouns = [t for t in g.subtree if t.pos_ in {"NOUN", "PROPN"}]
                        if nouns:
                            return nouns[-1]
                        ahead = [t for t in g.doc[g.i + 1 : g.i + 5] if t.pos_ in {"NOUN", "PROPN"}]
                        if ahead and not any(t.is_punct and t.text not in "-–" for t in g.doc[g.i + 1 : ahead[0].i]):
                            return ahead[0]
                    return g
    return None


_COMPARES = re.compile(r"(?i)^\W*(?:up|down|rising|falling|rose|fell|increas\w*|decreas\w*)?\s*(?:from|compared (?:with|to)|against|than|versus|vs\.?|below|above|higher than|lower than)\b")
DELIMITERS = {",", ";", "and", "but", "while", "whereas", "compared", "against", "–", "—"}


def _segment(span: Span, prev: Span | None, nxt: Span | None) -> tuple[int, int]:
    """Token range of a figure's own item when its sentence lists several figures:
    from the last delimiter after the previous figure to the first one before the next."""
    doc = span.doc
    sent = span.sent if doc.has_annotation("SENT_START") else doc[:]
    lo, hi = sent.start, sent.end
    if prev is not None:
        for k in range(span.start - 1, prev.end - 1, -1):
            if _delimits(doc, k):
                lo = k + 1
                break
    if nxt is not None:
        for k in range(span.end, nxt.start):
            if _delimits(doc, k):
                hi = k
                break
    return lo, hi


def _delimits(doc: Doc, k: int) -> bool:
    """A list's delimiter, a spaced hyphen used as a dash included ("177.5 posts - a loss of 60"),
    not the hyphen inside "full-time"."""
    t = doc[k]
    return t.lower_ in DELIMITERS or (t.text == "-" and k > 0 and bool(doc[k - 1].whitespace_) and bool(t.whitespace_))


def analyse(span: Span, previous: list[dict[str, Any]], segment: tuple[int, int] | None = None) -> dict[str, Any]:
    doc = span.doc
    q = span._.quantity or {}
    kind = q.get("kind", span.label_ or "count")
    sent = span.sent if doc.has_annotation("SENT_START") else doc[:]
    info: dict[str, Any] = {"counted": None, "counted_text": "", "noun_phrase": "", "clause": "", "lemmas": "",
                            "verb": None, "negated": False, "inherited": False, "sentence": norm(sent.text),
                            "after": "", "dep": "", "kind": kind, "value": q.get("value"),
                            "before": norm(doc_text(doc)[max(0, span.start_char - 50):span.start_char])}
    # words right after the number (blank pipelines and a check for the parse)
    after = doc[span.end : min(len(doc), span.end + 6)]
    info["after"] = norm(after.text)
    # the word a figure is written into ("a £21.4m overspend", "a £2m cut"): part of its context
    # even where the parser hangs it elsewhere
    nxt = [t for t in after[:2] if t.is_alpha]
    info["next"] = norm(" ".join(t.text for t in nxt[:1])) if nxt and (not after[0].is_punct) else ""
    if not _has_parse(doc):
        info["clause"] = norm(sent.text)
        info["lemmas"] = info["clause"]
        nouns = [t for t in after if t.is_alpha][:4]
        info["counted_text"] = norm(" ".join(t.text for t in nouns))
        return info

    exclude = {t.i for t in span}
    root = _span_root(span)
    holds = info["holds_figure"] = _holds_a_figure(span)
    run = _respectively_run(span) if "respectively" in info["sentence"] else None
    # "155 and 78 respectively": the figure's place in the list, and the list's length
    info["respectively"] = (next(k for k, o in enumerate(run) if o.start == span.start), len(run)) if run else None
    root_rate = False
    info["dep"] = root.dep_
    counted: Token | None = None
    total: Token | Span | None = None  # the "number of ..." a counted noun was found through
    if kind in {"count", "percent"}:
        head = root.head
        # (not a noun inside a bracket after it: "was 7900 (21% increase from 2021)")
        if root.dep_ in {"nummod", "quantmod", "amod", "compound", "nmod", "npadvmod", "appos"} and head.i not in exclude \
                and head.pos_ in {"NOUN", "PROPN", "ADJ"} and head.i > root.i and not _bracketed_apart(head, span):
            counted = head
        else:
            obj = _of_object(root)
            if obj is not None and obj.pos_ in NOUNISH and obj.pos_ != "PRON":
                counted = obj
            elif root.pos_ in {"NOUN", "PROPN"} and not root.like_num and root.i not in exclude:
                counted = root
        # "920 looked after children", "30 more social workers", "139 unallocated looked after
        # children cases": modifiers (a participle first) the parser tore off
        if counted is None and span.end + 1 < len(doc):
            k = span.end + (doc[span.end].tag_ in {"VBN", "JJ"})
            if doc[span.end].lower_ == "at" and doc[span.end + 1].lower_ == "risk":
                k = span.end + 2  # "260 at risk children"
            elif span.end + 3 < len(doc) and doc[span.end + 1].text == "-" and not doc[span.end].whitespace_ \
                    and not doc[span.end + 1].whitespace_ and f"{doc[span.end].lower_}-{doc[span.end + 2].lower_}" in LOOSE_MODIFIERS:
                k = span.end + 3  # "134 full-time posts": a hyphenated modifier the tokenizer split
            while k < min(len(doc), span.end + 4) and doc[k].lower_ in LOOSE_MODIFIERS:
                k += 1
            if k > span.end and k < len(doc) and doc[k].pos_ in {"NOUN", "PROPN"} and doc[k].tag_ in {"NNS", "NNPS", "NN"}:
                counted = doc[k]
        if counted is None and kind == "percent":
            counted = _noun_after_of(span)
        if counted is None and run:
            counted = _respective_noun(span, run)
        # "333 (340 at 30 September 2013) children on the register": the noun after a bracketed
        # aside, for the figure before it and the one that opens it ("250 (+/- 4%) Child Protection
        # Plans": the "+" the parser hung the figure on is no noun)
        if counted is not None and not counted.is_alpha:
            counted = None
        if counted is None:
            counted = _noun_after_aside(span)
        # "35 full time equivalent positions": the parser often makes "time" the noun counted
        if counted is not None and counted.lower_ == "time" and counted.i + 2 < len(doc) \
                and doc[counted.i - 1].lower_ in {"full", "part"} and doc[counted.i + 1].lower_ == "equivalent" \
                and doc[counted.i + 2].pos_ == "NOUN":
            counted = doc[counted.i + 2]
        # "a total of 64 workers": the number's own head is 'total' -> counted is the pobj chain
        if counted is not None and counted.lower_ in TOTAL_WORDS:
            obj = _of_object(counted)
            if obj is not None:
                counted = obj
        if counted is not None and counted.lower_ in {"cent", "%", "percent"}:
            counted = _of_object(counted)
        # "one in five social workers", "nine in ten councils": the noun right after the share
        if counted is None and span.end < len(doc):
            nxt = doc[span.end]
            if nxt.pos_ in {"NOUN", "PROPN"} and (span.start <= nxt.head.i < span.end or any(t.head.i == nxt.i for t in span)):
                counted = nxt
            elif nxt.pos_ == "NOUN" and nxt.dep_ == "compound" and any(t.head.i == nxt.head.i for t in span):
                counted = nxt  # "between 2,000 and 4,000 job losses": the compound the range shares a head with
            elif nxt.pos_ == "ADJ" and span.end + 1 < len(doc) and doc[span.end + 1].pos_ == "NOUN":
                counted = doc[span.end + 1] if (span.start <= doc[span.end + 1].head.i < span.end
                                                or any(t.head.i == doc[span.end + 1].i for t in span)) else None
        # "60 children's services staff", "26 agency social workers": climb to the head noun
        hops = 0
        while counted is not None and hops < 4 and counted.dep_ in {"poss", "compound", "nmod"} and counted.head.pos_ in {"NOUN", "PROPN"} \
                and counted.head.i > counted.i and not any(_delimits(doc, k) for k in range(counted.i + 1, counted.head.i)):
            counted = counted.head
            hops += 1
        # "50 children's social worker and 16 adult social worker vacancies": a singular noun
        # after a count is a modifier of the head the list shares
        if counted is not None and counted.tag_ == "NN" and not counted.lower_.endswith("s") and q.get("value") not in (None, 1, 1.0):
            counted = _shared_head(counted) or counted
    # "agency social workers, of whom there were 64": the noun the relative clause hangs on
    if counted is None and kind == "count":
        up = root
        for _ in range(4):
            if up.dep_ == "relcl" or up.head is up:
                break
            up = up.head
        if up.dep_ == "relcl" and any(t.lower_ in {"whom", "which"} and t.i < root.i for t in up.subtree) \
                and up.head.pos_ in {"NOUN", "PROPN"}:
            counted = up.head
    # "... recruiting more social workers each year, with 35 recruited last year": a bare count right
    # before its participle counts the plural noun its sentence named before it
    if counted is None and kind == "count" and span.end < len(doc) and doc[span.end].tag_ == "VBN" \
            and doc[span.end].lower_ not in {"aged", "based"}:
        counted = next((t for t in reversed(doc[sent.start : span.start]) if t.tag_ in {"NNS", "NNPS"} and t.i not in exclude
                        and t.lemma_.lower() not in _TIME_NOUNS), None)
    # "1,700 a month": a rate per period, the noun is the period, not what is counted
    if counted is not None and counted.lemma_.lower() in _TIME_NOUNS \
            and any(c.lower_ in {"a", "per", "each", "every"} for c in counted.lefts):
        counted = None
        if root.dep_ == "nummod":
            root_rate = True
    # "up from 12% last year": a time after the figure is not what it counts
    if counted is not None and counted.lemma_.lower() in _TIME_NOUNS and counted.i > root.i \
            and any(c.lower_ in {"last", "this", "next", "previous", "same", "following", "preceding"} for c in counted.lefts):
        counted = None
    # a noun that belongs to another figure ("820 two years ago") is not what this one counts
    lost_noun = False
    if counted is not None and any(o.start <= counted.i < o.end for o in doc.spans.get("numbers", []) if o != span):
        counted, lost_noun = None, True
    anchor = counted or root
    verb, clause_toks, negated = _clause(anchor, span)
    info["verb"] = verb.lemma_.lower() if verb is not None else None
    info["verb_at"] = verb.idx if verb is not None else None  # which verb: two figures may share one
    if verb is not None and _bracketed_apart(verb, span):
        info["verb"] = "be"  # "270 children on the register as at 31.03.23 (54% increase compared to ...)": a listed level
    if anchor.dep_ == "pobj" and anchor.head.lower_ == "with" and anchor.head.dep_ == "prep":
        info["verb"] = "be"  # "..., with over 520 children now in care": a "with" phrase states a level
    own = _own_predicate(counted, root) if _TOTAL_OF.search(info["before"]) else None
    if own is not None:  # "From a total of 930 children who were looked after ...": their own verb and its words
        info["verb"] = own.lemma_.lower()
        clause_toks = sorted({t.i: t for t in [*clause_toks, *own.subtree]}.values(), key=lambda t: t.i)
    info["negated"] = negated
    # "the number of children waiting ... is 152": the counted noun is in the subject
    if counted is None and kind == "count":
        for t in clause_toks:
            if t.lower_ in TOTAL_WORDS and t.dep_ in {"nsubj", "nsubjpass", "attr"}:
                obj = _of_object(t)
                if obj is not None and obj.i not in exclude:
                    counted, total = obj, t
                    break
    # "CLA numbers have risen to 448", "the caseload average stood at 23": the subject of a
    # change or level verb is what a bare number counts
    if counted is None and kind == "count" and verb is not None and (root.dep_ in {"pobj", "dobj", "attr", "npadvmod"} or root_rate) \
            and verb.lemma_.lower() in CHANGE_VERBS and (verb.lemma_.lower() != "number" or verb.lower_ == "numbered"):
        subjects = [t for t in verb.children if t.dep_ in {"nsubj", "nsubjpass"} and t.pos_ in {"NOUN", "PROPN"}
                    and t.i not in exclude and t.i < root.i]
        if subjects:
            counted = subjects[-1]  # the nearest: "Since schools reopened, referrals have climbed to 1,700"
    # "our vacancies were as high as 33 per cent": the subject of a level is what it counts
    if counted is None and kind in {"count", "percent"} and verb is not None and verb.lemma_ == "be" \
            and _AS_HIGH_AS.search(info["before"]) and not any(p.get("verb_at") == verb.idx for p in previous):
        counted = next((t for t in verb.children if t.dep_ == "nsubj" and t.pos_ == "NOUN" and t.i < root.i), None)
    # "the number of children looked after stood at 929": where the parse loses that subject, the
    # nearest "number of ..." before the figure in its sentence, when a level verb gives the figure
    # or moves the total to it ("bringing the number of social workers to 248")
    # ... and so does a share it moved by ("the number of looked-after children had risen by 38%")
    if counted is None and verb is not None and verb.lemma_.lower() in CHANGE_VERBS | MOVE_VERBS | {"be"} \
            and (kind == "count" or (kind == "percent" and _is_change(span, root))):
        for t in reversed(doc[sent.start : span.start]):
            if t.lower_ in TOTAL_WORDS:
                obj = _of_object(t)
                counted = obj if obj is not None and obj.i < span.start and obj.pos_ == "NOUN" else None
                # the parse that lost the subject may have lost its words too: all of them, up to the verb
                total = doc[t.i : verb.i] if counted is not None and t.i < verb.i < span.start else None
                break
    if counted is None and kind in {"count", "percent"} and _MOVE_END.search(info["before"]):
        change, counted = _changed_noun(doc[sent.start : span.start])
        obj = _of_object(counted) if counted is not None and counted.lower_ in TOTAL_WORDS else None
        if obj is not None:  # "reductions in the number of children on the register from 288 to 121"
            total, counted = counted, obj
        if counted is not None:
            info["verb"] = CHANGE_NOUNS[change.lemma_.lower()]  # "the increase in X from 58" reads as "X increased from 58"
    # "the number of children on a plan ..., with the figure rising from 313": the total named before
    # (not "the figure for agency staff", which says what it counts)
    if counted is not None and counted.lower_ in {"figure", "figures", "total", "number", "count"} and _of_object(counted) is None \
            and not any(c.dep_ == "prep" and c.lower_ in {"for", "in", "on", "at"} for c in counted.children):
        named = next(((t, o) for t in reversed(doc[sent.start : counted.i]) if t.lower_ in TOTAL_WORDS
                      and (o := _of_object(t)) is not None), None)
        if named is not None:
            total, counted = named
    if counted is not None:
        np = _noun_phrase(counted, exclude)
        if np and np[0].i > span.end and all(t.lower_ in LOOSE_MODIFIERS for t in doc[span.end:np[0].i]):
            np = list(doc[span.end:np[0].i]) + np
        # "looked after children": the parser often takes "looked" for the clause's verb
        k = np[0].i if np else counted.i
        if k >= 2 and doc[k - 1].lower_ == "after" and doc[k - 2].lower_ == "looked":
            np = list(doc[k - 2 : k]) + np
        elif k >= 3 and doc[k - 1].lower_ == "after" and doc[k - 2].text == "-" and doc[k - 3].lower_ == "looked":
            np = list(doc[k - 3 : k]) + np  # "Looked-after children numbers"
        e = (np[-1].i if np else counted.i) + 1  # ... and "children looked after"
        if counted.i > span.start:  # "6,845 children aged between 0 and 18 looked after by ...": past the noun's own words
            e = max(e, max(t.i for t in counted.subtree) + 1)
        if e + 1 < len(doc) and (e + 1 < span.start or counted.i > span.start) \
                and doc[e].lower_ == "looked" and doc[e + 1].lower_ == "after":
            np = (np or [counted]) + [doc[e], doc[e + 1]]
        info["counted"] = counted.lemma_.lower()
        info["counted_text"] = norm(_text(np))
        # "the number of children becoming subjects of protection plans ... rose from 34,000": the
        # words that say what is counted may hang on the total, not on its noun
        words = total if isinstance(total, Span) else (total or counted).subtree
        # "300 social workers, 40% of whom are agency staff": a clause on the noun that holds another
        # figure says what that figure counts, not this one
        others = {i for o in doc.spans.get("numbers", []) if not (o.start < span.end and span.start < o.end) for i in range(o.start, o.end)}
        held = {t.i for c in (total or counted).children if c.dep_ in {"relcl", "acl"} and any(t.i in others for t in c.subtree)
                for t in c.subtree} if others and not isinstance(total, Span) else set()
        info["noun_phrase"] = norm(_text([t for t in words if t.i not in exclude and t.i not in held
                                          and (segment is None or segment[0] <= t.i < segment[1])]))
    elif previous and kind in {"count", "percent"} and (lost_noun or root.dep_ not in {"nummod", "quantmod"}) \
            and not holds \
            and not (root.dep_ == "pobj" and root.head.lower_ in {"of", "in", "for", "with", "among", "against", "than", "out", "per"}
                     and not (root.head.lower_ in {"with", "to"} and root.head.head.lower_ in {"compared", "compares", "comparison"})):
        # ellipsis: "I have more than 30 cases ... my colleague has almost 40"
        same = [p for p in previous if p["kind"] == kind and p.get("counted_text")]
        if same:
            info["counted"] = same[-1]["counted"]
            info["counted_text"] = same[-1]["counted_text"]
            info["inherited"] = True
    if segment is not None and (counted is None or info["inherited"] or _COMPARES.match(doc[segment[0]:span.start].text)):
        segment = None  # "..., down from 201 at the end of March": the item before it is its context
    if segment is not None:
        # several figures listed in one sentence, each with its own noun: each keeps its own item
        # ("520 children in care, 310 on protection plans and 95 unallocated cases"), plus its verb
        lo, hi = segment
        core = {verb.i} | {c.i for c in verb.children if c.dep_ in {"neg", "prt", "acomp", "oprd", "aux", "auxpass"}}
        clause_toks = [t for t in clause_toks if lo <= t.i < hi or t.i in core]
    clause_text = _text(clause_toks)
    info["clause"] = norm(clause_text)
    info["lemmas"] = norm(" ".join(t.lemma_ for t in clause_toks))
    info["subject"] = _subject(info, span, verb, clause_toks, exclude)
    info["change"] = _is_change(span, root)
    # "187 of the 802 social workers": the total a part is taken from is not a figure of its own
    # ... nor the whole a sentence opens on: "Of the 12 posts, four were vacant"
    # ... nor the workforce it is out of: "58 agency social workers out of workforce of 170"
    info["denominator"] = bool(_DENOMINATOR.search(info["before"]) or _OF_THE_WHOLE.match(info["before"])
                               or _OUT_OF_A_WHOLE.search(info["before"]))
    return info


_DENOMINATOR = re.compile(r"(?i)(?:(?<![\d.])\d[\d,]*%?|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a\s+dozen|half|most|many|some|all))"
                          r"\s+(?:out\s+)?of(?:\s+(?:the|its|their|all|my|our|his|her))?$")
_OUT_OF_A_WHOLE = re.compile(r"(?i)\b(?:out\s+of|from)\s+(?:a|the|its|their|our)?\s*(?:total\s+|overall\s+)?"
                             r"(?:workforce|establishment|headcount|complement|staff(?:ing)?)\s+of(?:\s+(?:about|around|some|nearly|almost|over|just))?$")
_OF_THE_WHOLE = re.compile(r"(?i)^\W*(?:of|out\s+of)\s+(?:the|its|their|all|these|those)?\s*$")
_HOLD_VERBS = {"have", "hold", "carry", "record", "report", "see", "manage"}


def _bracketed_apart(tok: Token, span: Span) -> bool:
    """Whether `tok` is inside brackets opened after `span`: a noun ("was 7900 (21% increase ...)")
    or a verb ("270 children ... (54% increase compared to ...)") of the aside, not the figure's."""
    opened = next((t for t in reversed(tok.doc[max(0, tok.i - 12) : tok.i]) if t.text in "()"), None)
    return opened is not None and opened.text == "(" and span.end <= opened.i


def _holds_a_figure(span: Span) -> bool:
    """Whether the figure holds the next one ("N had M"): in "124 councils had fewer than 10
    unallocated cases, eight had between 10 and 20", "eight" counts councils, not the cases of
    the figure before. Read on the words, not the parse, which often loses the subject."""
    doc = span.doc
    nxt = min((o.start for o in doc.spans.get("numbers", []) if o.start >= span.end), default=None)
    if nxt is None or not 1 <= nxt - span.end <= 3:
        return False
    verb, *mods = doc[span.end:nxt]
    return verb.lemma_.lower() in _HOLD_VERBS and all(t.lower_ in SKIP_MOD | {"between", "than"} for t in mods)


def _respectively_run(span: Span) -> list[Span] | None:
    """The figures listed with `span` (joined by commas, "and" or "or") when "respectively"
    closes the list: "had been 155 and 78 respectively"."""
    doc = span.doc
    ordered = sorted(doc.spans.get("numbers", []), key=lambda o: o.start)
    i = next((k for k, o in enumerate(ordered) if o.start == span.start), None)
    if i is None:
        return None

    def joined(a: Span, b: Span) -> bool:
        return a.end < b.start and all(t.lower_ in {",", "and", "or"} for t in doc[a.end : b.start])

    lo = hi = i
    while lo > 0 and joined(ordered[lo - 1], ordered[lo]):
        lo -= 1
    while hi + 1 < len(ordered) and joined(ordered[hi], ordered[hi + 1]):
        hi += 1
    last = ordered[hi]
    if hi == lo or last.end >= len(doc) or doc[last.end].lower_ != "respectively":
        return None
    return ordered[lo : hi + 1]


def _respective_noun(span: Span, run: list[Span]) -> Token | None:
    """What the i-th figure of a list closed by "respectively" counts: the i-th noun of its
    subject ("Initial assessments and core assessments ... had been 155 and 78 respectively")."""
    doc = span.doc
    sent_start = span.sent.start if doc.has_annotation("SENT_START") else 0
    subj = next((t for t in reversed(doc[sent_start : run[0].start]) if t.dep_ in {"nsubj", "nsubjpass"} and t.pos_ == "NOUN"), None)
    nouns = sorted([subj, *subj.conjuncts], key=lambda t: t.i) if subj is not None else []
    k = next(k for k, o in enumerate(run) if o.start == span.start)
    return nouns[k] if len(nouns) == len(run) else None


def _shared_head(noun: Token) -> Token | None:
    """The plural noun that ends the next item of a list, when `noun` is followed by "and" or
    "or" and another count: "50 social worker and 16 adult social worker vacancies" -> vacancies."""
    doc = noun.doc
    k = noun.i + 1
    if k + 1 >= len(doc) or doc[k].lower_ not in {"and", "or"} or not doc[k + 1].like_num:
        return None
    for t in doc[k + 2 : k + 8]:
        if t.tag_ == "NNS":
            return t
        if t.pos_ not in {"NOUN", "PROPN", "ADJ", "PART"} and t.text not in {"'s", "\u2019s"} and t.lower_ not in LOOSE_MODIFIERS:
            return None
    return None


_STATE_VERBS = {"be", "look", "care", "remain", "live", "stay", "place", "wait"}


def _own_predicate(counted: Token | None, root: Token) -> Token | None:
    """The verb of a "who/that ..." clause on the counted noun of a total that states where they
    are, where the figure is not its main verb's subject: "From a total of 930 children who were
    looked after by Cardiff Council, 326 were placed outside the city" (not "the 400,000 people
    who would lose their jobs", a clause of what happens to them)."""
    if counted is None or root.dep_ in {"nsubj", "nsubjpass"} or counted.dep_ in {"nsubj", "nsubjpass"}:
        return None
    doc = counted.doc
    # the clause may hang on a word just after the noun ("930 children at July 7 who were ..."): "who" is the people's
    for c in doc[counted.i + 1 : counted.i + 8]:
        if c.dep_ == "relcl" and counted.i <= c.head.i < counted.i + 5 and c.lemma_.lower() in _STATE_VERBS \
                and any(t.lower_ in ({"who", "that"} if c.head.i == counted.i else {"who"}) and t.dep_ in {"nsubj", "nsubjpass"}
                        for t in c.children):
            return c
    return None


def _noun_after_of(span: Span) -> Token | None:
    """The noun a share is "of", right after it, where the parse hangs it elsewhere: "one in five
    of its social workers"."""
    doc = span.doc
    k = span.end
    if k >= len(doc) or doc[k].lower_ != "of":
        return None
    for t in doc[k + 1 : k + 6]:
        if t.pos_ in {"NOUN", "PROPN"}:
            return t
        if t.lower_ not in {"the", "its", "their", "our", "all", "his", "her", "these", "those"} and t.pos_ not in {"ADJ", "NUM"}:
            return None
    return None


def _noun_after_aside(span: Span) -> Token | None:
    """The noun right after the bracketed aside a figure is followed by or opens: "333 (340 at
    30 September 2013) children", "421 (359 at 31 March 2017) children on the register"."""
    doc = span.doc
    if span.end < len(doc) and doc[span.end].text == "(":
        open_at = span.end
    elif span.start >= 2 and doc[span.start - 1].text == "(" and doc[span.start - 2].like_num:
        open_at = span.start - 1
    else:
        return None
    close = next((t.i for t in doc[open_at + 1 : open_at + 12] if t.text == ")"), None)
    if close is None:
        return None
    k = close + 1
    while k < len(doc) and doc[k].lower_ in LOOSE_MODIFIERS:
        k += 1
    return doc[k] if k < len(doc) and doc[k].pos_ in {"NOUN", "PROPN"} else None


_TOTAL_OF = re.compile(r"(?i)\b(?:total|number|figure)s?\s+of\s*$")
_AS_HIGH_AS = re.compile(r"(?i)\bas (?:high|low|many|much|few) as\s*$")
_MOVE_END = re.compile(r"(?i)\b(?:from|to)(?:\s+(?:about|around|almost|nearly|more than|just|some|over|under))?\s*$")


def _changed_noun(before: Span) -> tuple[Token | None, Token | None]:
    """What a bare figure of a move counts, and the change: the noun a change noun before it
    is "in" ("the increase in child protection registrations during 2013 from 58 to 158")."""
    for t in reversed(before):
        if t.lemma_.lower() in CHANGE_NOUNS and t.pos_ == "NOUN":
            prep = next((c for c in t.children if c.dep_ == "prep" and c.lower_ == "in" and c.i == t.i + 1), None)
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
            return (t, obj) if obj is not None and obj.pos_ in {"NOUN", "PROPN"} else (None, None)
    return None, None


# a change noun and the verb it reads as ("the reduction in X from 288" reads as "X reduced from 288")
CHANGE_NOUNS = {"rise": "rise", "increase": "increase", "fall": "fall", "drop": "drop", "decrease": "decrease",
                "reduction": "reduce", "jump": "jump", "growth": "grow", "change": "change", "cut": "cut", "surge": "surge",
                "decline": "decline", "uplift": "increase", "hike": "increase"}
_CHANGE_BEFORE = re.compile(r"(?i)(?:\bby|\b(?:rise|increase|fall|drop|decrease|reduction|jump|growth|change|surge|decline|uplift)\s+of"
                            r"|(?<!make )(?<!makes )(?<!made )(?<!making )\bup|\bdown|\brose|\bfell|\bjumped|\bdropped|\bincreased|\bdecreased)"
                            r"\s+(?:(?:more than|over|about|around|almost|nearly|some|just|only)\s+)?$")


def _is_change(span: Span, root: Token) -> bool:
    """A figure that is a change ("a rise of 20%", "up 8%", "increased by 11 per cent"), not a level."""
    doc = span.doc
    left = doc_text(doc)[max(0, span.start_char - 40):span.start_char]
    if _CHANGE_BEFORE.search(left):
        return True
    head = root.head
    if head is not root and head.lemma_.lower() in CHANGE_NOUNS and head.i > root.i:
        return True  # "a 20% rise"
    return False


def _subject(info: dict[str, Any], span: Span, verb: Token | None, clause: list[Token], exclude: set[int]) -> str | None:
    if info["counted_text"]:
        return info["counted_text"]
    # money and durations: the object or subject of the clause, shortened
    for dep in ("dobj", "nsubj", "nsubjpass", "attr"):
        for t in clause:
            if t.dep_ == dep and t.head == verb and t.i not in exclude and t.pos_ in {"NOUN", "PROPN"}:
                return norm(_text(_noun_phrase(t, exclude, with_pp=True)))
    return None


@Language.factory(
    "cf_figures",
    default_config={"numbers_key": "numbers", "spans_key": "figures"},
    assigns=["doc.spans"],
    requires=["doc.spans"],
)
def make_figure_finder(nlp: Language, name: str, numbers_key: str, spans_key: str) -> "FigureFinder":
    return FigureFinder(nlp, name, numbers_key=numbers_key, spans_key=spans_key)


class FigureFinder(SettingsIO):
    settings = ("numbers_key", "spans_key")

    def __init__(self, nlp: Language, name: str = "cf_figures", *, numbers_key: str = "numbers", spans_key: str = "figures"):
        self.name = name
        self.numbers_key = numbers_key
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        out = []
        by_sent: dict[int, list[dict[str, Any]]] = {}
        spans = list(doc.spans.get(self.numbers_key, []))
        has_sents = doc.has_annotation("SENT_START")
        for n, span in enumerate(spans):
            key = span.sent.start if has_sents else 0
            prev = by_sent.setdefault(key, [])
            kind = (span._.quantity or {}).get("kind")

            def neighbour(m: int) -> Span | None:
                # a figure of the same kind in the same sentence (a duration does not end a list of counts)
                if 0 <= m < len(spans) and (not has_sents or spans[m].sent.start == key) \
                        and (spans[m]._.quantity or {}).get("kind") == kind:
                    return spans[m]
                return None

            before, after = neighbour(n - 1), neighbour(n + 1)
            segment = _segment(span, before, after) if (before is not None or after is not None) else None
            try:
                info = analyse(span, prev, segment)
            except Exception:  # noqa: BLE001 - one odd parse must not lose the document's other figures
                log.warning("figure finder failed on %r", span.text, exc_info=True)
                continue
            prev.append(info)
            span._.figure = info
            out.append(span)
        doc.spans[self.spans_key] = out
        return doc
