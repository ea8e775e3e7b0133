"""The measure classifier: which measure a figure is, by rules read from data/measures.yml.

The measures are data (see data/measures.yml for the format): each has an id, label,
description, units, rules and test sentences. A rule fires for a figure when all the parts
it gives match:

  kinds     which quantities it applies to: count, percent, gbp, days
  counts    regex (or list of regexes, all required) on what the number counts
            ("family support workers"); `none` = the figure counts nothing named
  context   regex(es) on the clause around the figure (its words and their lemmas, and the
            counted noun with everything it governs)
  sentence  regex(es) on the whole sentence (weak, for cues such as "a survey found")
  verb      regex(es) on the lemma of the verb heading the figure's clause ("have", "cut")
  change    any (default) | no | only: whether the figure may be a change ("a rise of 20%",
            "up by 11 per cent") rather than a level
  counts_not regex on what the number counts that vetoes the rule ("trainee" posts are not cut)
  min_value, max_value  the range of values the rule accepts (in the unit: pounds, days, ...)
  not_before regex on the words right before the figure that vetoes the rule ("a target of")
  not_after regex on the words right after the figure that vetoes the rule ("... £2m if")
  before    regex on the words right before the figure that the rule needs ("numbers by")
  after     regex on the words right after the figure that the rule needs ("... fewer staff")
  not       regex on the clause + counted noun that vetoes the rule (relative clauses on
            the noun do not veto: "22 trainee roles, which will reduce agency use")
  negation  true if the rule still holds in a negated clause ("not allocated")
  weight    how much a firing rule counts; the measure with the heaviest firing rule wins,
            ties go to the measure listed first

A measure's `cues` (regexes on the lower-cased sentence, all of a list required) name the
words without which none of its rules can fire; a sentence none of whose figures' measures
finds its cues is never parsed (`Measures.may_claim`). A measure without cues never keeps a
sentence out.

`{{name}}` in a pattern is replaced by the `vocab` entry of that name. Adding a measure,
or a rule, or a test sentence needs no Python: tests/nlp/test_measures.py runs every
`examples` and `counterexamples` sentence of the file.

`MeasureClassifier` ("cf_measures") is the spaCy component; the measures travel in the
saved pipeline (to_disk/to_bytes), they come in through `initialize(measures=...)` or
`add_measures(...)`, and the Extractor gives it the file's contents.
"""

from __future__ import annotations

import hashlib
import json
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

import yaml
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import registry

from councilfacts.data import DATA_DIR

MEASURES_FILE = DATA_DIR / "measures.yml"
KINDS = {"count", "percent", "gbp", "days"}
_FUNCTION_WORDS = {"a", "an", "the", "of", "to", "in", "on", "for", "from", "by", "at", "per", "and", "or", "with", "as", "than"}
UNIT_OF_KIND = {"percent": "percent", "gbp": "gbp", "days": "days"}

if not Span.has_extension("measure"):
    Span.set_extension("measure", default=None)


# what Rule.fires works out once and keeps in the figure's dict
_CACHED = ("_ctx", "_own")


class MeasuresError(ValueError):
    """The measures file is not valid; the message says where."""


def _expand(pattern: str, vocab: dict[str, str], where: str) -> str:
    def sub(m: re.Match) -> str:
        name = m.group(1)
        if name not in vocab:
            raise MeasuresError(f"{where}: unknown vocab entry {{{{{name}}}}}")
        return "(?:" + vocab[name] + ")"

    for _ in range(5):  # vocab entries may use other entries
        new = re.sub(r"\{\{(\w+)\}\}", sub, pattern)
        if new == pattern:
            break
        pattern = new
    return pattern


def _compile(value: Any, vocab: dict[str, str], where: str) -> list[re.Pattern] | None:
    if value is None:
        return None
    items = value if isinstance(value, list) else [value]
    out = []
    for item in items:
        src = _expand(str(item), vocab, where)
        try:
            out.append(re.compile(src, re.I))
        except re.error as exc:
            raise MeasuresError(f"{where}: bad pattern {item!r}: {exc}") from None
    return out


def _change(value: Any, where: str) -> str:
    value = {True: "only", False: "no"}.get(value, value) if isinstance(value, bool) else str(value)
    if value not in {"any", "no", "only"}:
        raise MeasuresError(f"{where}: change must be any, no or only")
    return value


def _synonyms(value: Any, where: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise MeasuresError(f"{where}: synonyms must be a list of words or phrases")
    return value


@dataclass
class Rule:
    measure: str
    name: str
    kinds: set[str]
    counts: list[re.Pattern] | None
    counts_none: bool
    context: list[re.Pattern] | None
    sentence: list[re.Pattern] | None
    veto: list[re.Pattern] | None
    verb: list[re.Pattern] | None
    counts_not: list[re.Pattern] | None
    not_before: list[re.Pattern] | None
    not_after: list[re.Pattern] | None
    before: list[re.Pattern] | None
    after: list[re.Pattern] | None
    min_value: float | None
    max_value: float | None
    change: str
    negation: bool
    weight: float

    def fires(self, fig: dict[str, Any]) -> bool:
        if fig["kind"] not in self.kinds or fig.get("denominator"):
            return False
        if fig.get("negated") and not self.negation:
            return False
        counted = fig.get("counted_text") or ""
        if self.counts_none and counted:
            return False
        if self.counts is not None and not (counted and all(p.search(counted) for p in self.counts)):
            return False
        if self.counts_not is not None and counted and any(p.search(counted) for p in self.counts_not):
            return False
        if self.min_value is not None and (fig.get("value") is None or fig["value"] < self.min_value):
            return False
        if self.max_value is not None and (fig.get("value") is None or fig["value"] > self.max_value):
            return False
        if self.not_before is not None and any(p.search(fig.get("before", "")) for p in self.not_before):
            return False
        if self.not_after is not None and any(p.search(fig.get("after", "")) for p in self.not_after):
            return False
        if self.before is not None and not all(p.search(fig.get("before", "")) for p in self.before):
            return False
        if self.after is not None and not all(p.search(fig.get("after", "")) for p in self.after):
            return False
        ctx = fig.get("_ctx")
        if ctx is None:
            ctx = fig["_ctx"] = " | ".join([fig.get("clause", ""), fig.get("lemmas", ""), fig.get("noun_phrase", ""), counted,
                                            fig.get("next", "")])
        if self.context is not None and not all(p.search(ctx) for p in self.context):
            return False
        if self.sentence is not None and not all(p.search(fig.get("sentence", "")) for p in self.sentence):
            return False
        if self.verb is not None and not all(p.search(fig.get("verb") or "") for p in self.verb):
            return False
        if self.change == "no" and fig.get("change"):
            return False
        if self.change == "only" and not fig.get("change"):
            return False
        if self.veto is not None:
            own = fig.get("_own")
            if own is None:
                # the word the figure is written into ("a £12.2m void") is its own too
                nxt = fig.get("next", "")
                own = fig["_own"] = " | ".join([fig.get("clause", ""), fig.get("lemmas", ""), counted,
                                                "" if nxt in _FUNCTION_WORDS else nxt])
            if any(p.search(own) for p in self.veto):
                return False
        return True


@dataclass
class Measure:
    id: str
    label: str
    description: str
    units: list[str]
    rules: list[Rule] = field(default_factory=list)
    synonyms: list[str] = field(default_factory=list)  # what people search for it by (the site's /find)
    cues: list[re.Pattern] | None = None  # a sentence that misses one can hold no figure of this measure
    examples: list[dict] = field(default_factory=list)
    counterexamples: list[dict] = field(default_factory=list)


class Measures:
    """The measures file, compiled."""

    def __init__(self, data: dict[str, Any]):
        self.data = data
        if not isinstance(data, dict) or "measures" not in data:
            raise MeasuresError("measures file: top level needs a `measures:` list")
        self.vocab = {str(k): str(v) for k, v in (data.get("vocab") or {}).items()}
        self.unit_nouns = [(u, re.compile(_expand(p, self.vocab, f"units.{u}"), re.I)) for u, p in (data.get("units") or {}).items()]
        self.measures: list[Measure] = []
        seen = set()
        for n, m in enumerate(data["measures"]):
            where = f"measures[{n}]"
            if not isinstance(m, dict) or "id" not in m:
                raise MeasuresError(f"{where}: needs an `id`")
            mid = str(m["id"])
            if mid in seen:
                raise MeasuresError(f"{where}: duplicate id {mid}")
            seen.add(mid)
            measure = Measure(id=mid, label=str(m.get("label", mid)), description=str(m.get("description", "")),
                              units=list(m.get("units") or []), examples=list(m.get("examples") or []),
                              counterexamples=list(m.get("counterexamples") or []),
                              synonyms=_synonyms(m.get("synonyms"), f"{where} ({mid})"),
                              cues=_compile(m.get("cues"), self.vocab, f"{where} ({mid}) cues"))
            for k, r in enumerate(m.get("rules") or []):
                rw = f"{where} ({mid}) rules[{k}]"
                kinds = set(r.get("kinds") or ["count"])
                if not kinds <= KINDS:
                    raise MeasuresError(f"{rw}: kinds must be among {sorted(KINDS)}")
                counts = r.get("counts")
                measure.rules.append(Rule(
                    measure=mid, name=str(r.get("name", f"{mid}#{k}")), kinds=kinds,
                    counts=None if counts in (None, "none") else _compile(counts, self.vocab, rw),
                    counts_none=counts == "none",
                    context=_compile(r.get("context"), self.vocab, rw),
                    sentence=_compile(r.get("sentence"), self.vocab, rw),
                    veto=_compile(r.get("not"), self.vocab, rw),
                    verb=_compile(r.get("verb"), self.vocab, rw),
                    change=_change(r.get("change", "any"), rw),
                    counts_not=_compile(r.get("counts_not"), self.vocab, rw),
                    not_before=_compile(r.get("not_before"), self.vocab, rw),
                    not_after=_compile(r.get("not_after"), self.vocab, rw),
                    before=_compile(r.get("before"), self.vocab, rw),
                    after=_compile(r.get("after"), self.vocab, rw),
                    min_value=float(r["min_value"]) if r.get("min_value") is not None else None,
                    max_value=float(r["max_value"]) if r.get("max_value") is not None else None,
                    negation=bool(r.get("negation", False)), weight=float(r.get("weight", 1)),
                ))
            self.measures.append(measure)
        self.order = {m.id: i for i, m in enumerate(self.measures)}
        # kind -> the cues of the measures that can take a figure of that kind (None: always may)
        self._cues: dict[str, list[list[re.Pattern] | None]] = {}
        for m in self.measures:
            for kind in {k for r in m.rules for k in r.kinds}:
                self._cues.setdefault(kind, []).append(m.cues)

    @classmethod
    def from_file(cls, path: Path | str = MEASURES_FILE) -> "Measures":
        with open(path, encoding="utf-8") as fh:
            # libyaml's loader where PyYAML was built with it: the file is read at every start
            return cls(yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))

    def digest(self) -> str:
        return hashlib.sha256(json.dumps(self.data, sort_keys=True, default=str).encode()).hexdigest()[:12]

    def classify(self, fig: dict[str, Any]) -> tuple[str, str] | None:
        """(measure id, rule name) of the heaviest rule that fires, or None."""
        best = None
        for m in self.measures:
            for rule in m.rules:
                if rule.fires(fig):
                    key = (rule.weight, -self.order[m.id])
                    if best is None or key > best[0]:
                        best = (key, m.id, rule.name)
        return (best[1], best[2]) if best else None

    def classify_as(self, fig: dict[str, Any], **changes: Any) -> tuple[str, str] | None:
        """`classify` of a figure reading with some of its fields changed ("what if it counted
        the noun the sentence before named"), its cached context dropped (Rule.fires keeps it)."""
        return self.classify({k: v for k, v in fig.items() if k not in _CACHED} | changes)

    def may_claim(self, sentence: str, kinds: Iterable[str]) -> bool:
        """Whether some measure could take a figure of one of `kinds` in `sentence`, by the
        measures' `cues`: the cheap check that keeps a sentence no measure can claim from the
        parser ("The meeting closed at 9.15pm after 12 items" has no cue of any measure)."""
        low = sentence.lower().replace("\u2019", "'").replace("\u2018", "'")
        return any(cues is None or all(c.search(low) for c in cues) for kind in kinds for cues in self._cues.get(kind, ()))

    def unit(self, measure: str | None, fig: dict[str, Any]) -> str:
        kind = fig["kind"]
        if kind in UNIT_OF_KIND:
            return UNIT_OF_KIND[kind]
        counted = fig.get("counted_text") or ""
        allowed = None
        if measure and measure in self.order:
            allowed = self.measures[self.order[measure]].units or None
        for unit, pattern in self.unit_nouns:
            if counted and pattern.search(counted) and (allowed is None or unit in allowed):
                return unit
        if allowed:
            return next((u for u in allowed if u not in UNIT_OF_KIND.values()), allowed[0])
        return "count"


def score_measures(examples: Iterable[Any], *, spans_key: str = "figures", gold_key: str = "measures", **kwargs) -> dict[str, float]:
    """P/R/F of classified figures: a predicted figure is right when a reference span of
    `gold_key` has the same characters and its label is the same measure id."""
    tp = fp = fn = 0
    for eg in examples:
        pred = {(s.start_char, s.end_char, (s._.measure or {}).get("measure"))
                for s in eg.predicted.spans.get(spans_key, []) if (s._.measure or {}).get("measure")}
        gold = {(s.start_char, s.end_char, s.label_) for s in eg.reference.spans.get(gold_key, [])}
        tp += len(pred & gold)
        fp += len(pred - gold)
        fn += len(gold - pred)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"measures_p": p, "measures_r": r, "measures_f": 2 * p * r / (p + r) if p + r else 0.0}


@registry.scorers("councilfacts.measure_scorer.v1")
def make_measure_scorer():
    return score_measures


@Language.factory(
    "cf_measures",
    default_config={"spans_key": "figures", "scorer": {"@scorers": "councilfacts.measure_scorer.v1"}},
    assigns=["span._.measure"],
    requires=["doc.spans"],
    default_score_weights={"measures_f": 1.0, "measures_p": 0.0, "measures_r": 0.0},
)
def make_measure_classifier(nlp: Language, name: str, spans_key: str, scorer: Callable | None) -> "MeasureClassifier":
    return MeasureClassifier(nlp, name, spans_key=spans_key, scorer=scorer)


class MeasureClassifier:
    def __init__(self, nlp: Language, name: str = "cf_measures", *, spans_key: str = "figures", scorer: Callable | None = score_measures):
        self.name = name
        self.spans_key = spans_key
        self.scorer = scorer
        self.measures: Measures | None = None

    def score(self, examples: Iterable[Any], **kwargs) -> dict[str, float]:
        """So that nlp.evaluate reports precision/recall of the measures (reference spans in doc.spans["measures"])."""
        return (self.scorer or score_measures)(examples, spans_key=self.spans_key, **kwargs)

    def initialize(self, get_examples=None, *, nlp=None, measures: dict | None = None) -> None:
        if measures is not None:
            self.add_measures(measures)

    def add_measures(self, data: dict | Measures) -> None:
        self.measures = data if isinstance(data, Measures) else Measures(data)

    def __call__(self, doc: Doc) -> Doc:
        if self.measures is None:
            warnings.warn(f"[{self.name}] no measures loaded: call add_measures() or initialize(measures=...)")
            return doc
        for span in doc.spans.get(self.spans_key, []):
            fig = span._.figure
            if not fig:
                continue
            hit = self.measures.classify(fig)
            measure = hit[0] if hit else None
            span._.measure = {"measure": measure, "rule": hit[1] if hit else None,
                              "unit": self.measures.unit(measure, fig)}
        return doc

    def to_bytes(self, *, exclude=()) -> bytes:
        import srsly

        return srsly.msgpack_dumps({"spans_key": self.spans_key, "measures": self.measures.data if self.measures else None})

    def from_bytes(self, data: bytes, *, exclude=()) -> "MeasureClassifier":
        import srsly

        cfg = srsly.msgpack_loads(data)
        self.spans_key = cfg["spans_key"]
        self.measures = Measures(cfg["measures"]) if cfg["measures"] else None
        return self

    def to_disk(self, path, *, exclude=()) -> None:
        import srsly

        Path(path).mkdir(parents=True, exist_ok=True)
        srsly.write_json(Path(path) / "cfg.json", {"spans_key": self.spans_key})
        if self.measures:
            srsly.write_json(Path(path) / "measures.json", self.measures.data)

    def from_disk(self, path, *, exclude=()) -> "MeasureClassifier":
        import srsly

        self.spans_key = srsly.read_json(Path(path) / "cfg.json")["spans_key"]
        mp = Path(path) / "measures.json"
        self.measures = Measures(srsly.read_json(mp)) if mp.exists() else None
        return self


def iter_examples(measures: Measures) -> Iterable[tuple[str, dict, bool]]:
    """(measure id, example dict, positive?) for every test sentence in the file."""
    for m in measures.measures:
        for ex in m.examples:
            yield m.id, ex, True
        for ex in m.counterexamples:
            yield m.id, ex, False
