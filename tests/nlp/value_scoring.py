"""Value F1 of `councilfacts extract --all` on general news sentences, scored strictly.

The scorer follows the one CQE's evaluation uses on its NewsQuant set (see
tests/nlp/quantities/SOURCES.md): a gold quantity is found when a predicted figure of the
same sentence has the same value (a range: the same two ends) to a relative 1e-5; each
prediction is used once. Precision is found / predicted, recall found / gold. "value+unit"
also asks for the same unit, counted only where the gold unit is one the reader names
(a currency, a duration, a length ...), since a count's unit here is what MEASURES.md
calls it (people, posts), not the noun after it.

    python -m tests.nlp.value_scoring tests/nlp/quantities/newsquant_dev.jsonl [-v]
"""

from __future__ import annotations

import json
import math
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
SETS = HERE / "quantities"

# the reader's unit codes, as CQE's normalised unit names (gold `normalized_unit`)
UNIT_NAMES = {
    "percent": {"percentage"}, "usd": {"dollar", "united states dollar"}, "aud": {"australian dollar"},
    "nzd": {"new zealand dollar"}, "cad": {"canadian dollar"}, "eur": {"euro"}, "gbp": {"pound sterling"},
    "gbx": {"penny", "pence"}, "cents": {"cent"}, "cny": {"chinese yuan"}, "ils": {"shekel"}, "dkk": {"danish krone"},
    "jpy": {"yen", "japanese yen"}, "inr": {"indian rupee"},
    "seconds": {"second"}, "minutes": {"minute"}, "hours": {"hour"}, "days": {"day"}, "weeks": {"week"},
    "months": {"month"}, "years": {"year"}, "decades": {"decade"},
    "km": {"kilometre"}, "m": {"metre"}, "cm": {"centimetre"}, "mm": {"millimetre"}, "miles": {"mile"}, "yards": {"yard"},
    "feet": {"foot"}, "inches": {"inch"}, "kg": {"kilogram"}, "g": {"gram"}, "tonnes": {"tonne"}, "lb": {"pound-mass"},
    "litres": {"litre"}, "ml": {"millilitre"}, "mph": {"mile per hour"}, "km/h": {"kilometre per hour"},
    "celsius": {"celsius"}, "fahrenheit": {"fahrenheit"}, "hp": {"horsepower"}, "bhp": {"brake horsepower"},
    "gb": {"gigabyte"}, "sq m": {"square metre"}, "sq ft": {"square foot"}, "acres": {"acre"}, "hectares": {"hectare"},
    "hz": {"hertz"}, "mw": {"megawatt"}, "kwh": {"kilowatt hour"}, "basis points": {"basis point"},
}
KNOWN_GOLD_UNITS = set().union(*UNIT_NAMES.values())


@dataclass
class Score:
    gold: int = 0
    predicted: int = 0
    found: int = 0
    unit_gold: int = 0  # found quantities whose gold unit the reader names
    unit_found: int = 0
    misses: list = field(default_factory=list)
    extras: list = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.found / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def unit_accuracy(self) -> float:
        return self.unit_found / self.unit_gold if self.unit_gold else 0.0


def load(path: Path) -> list[dict]:
    """Sentences with gold quantities: [{"text", "gold": [(value or (lo, hi), unit name)]}]."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        gold = []
        for value, _unit, normalized, _change in row["q"]:
            gold.append((_gold_value(value), normalized.lower()))
        out.append({"text": row["text"], "gold": gold})
    return out


def _gold_value(s: str):
    # "1.0-1.5" is a range; "-1.3" and "1E-5" are not
    if "E" not in s and not s.startswith("-") and "-" in s:
        lo, hi = s.split("-", 1)
        return float(lo), float(hi)
    return float(s)


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-5, abs_tol=1e-8)


def values_match(gold, pred) -> bool:
    if isinstance(gold, tuple) != isinstance(pred, tuple):
        return False
    if isinstance(gold, tuple):
        return _close(gold[0], pred[0]) and _close(gold[1], pred[1])
    return _close(gold, pred)


def predictions(texts: list[str], extractor) -> list[list[tuple]]:
    """(value or (value, value_max), unit, figure) of every fact `extract --all` gives each text,
    read as the CLI reads files."""
    from councilfacts.extract import extract_paths

    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for n, text in enumerate(texts):
            p = Path(tmp) / f"s{n:04d}.txt"
            p.write_text(text + "\n", encoding="utf-8")
            paths.append(p)
        by_stem = {path.stem: facts for path, facts in extract_paths(paths, extractor, all_figures=True)}
    out = []
    for p in paths:
        facts = [f for f in by_stem.get(p.stem, []) if f.get("value") is not None]
        out.append([((f["value"], f["value_max"]) if f["value_max"] is not None else f["value"], f["unit"], f["figure"])
                    for f in facts])
    return out


def score(rows: list[dict], preds: list[list[tuple]]) -> Score:
    sc = Score()
    for row, pred in zip(rows, preds):
        sc.gold += len(row["gold"])
        sc.predicted += len(pred)
        left = list(pred)
        for value, unit in row["gold"]:
            hits = [p for p in left if values_match(value, p[0])]
            if not hits:
                sc.misses.append((row["text"], value, unit))
                continue
            same_unit = [p for p in hits if unit in UNIT_NAMES.get((p[1] or "").lower(), ())]
            hit = (same_unit or hits)[0]
            left.remove(hit)
            sc.found += 1
            if unit in KNOWN_GOLD_UNITS:
                sc.unit_gold += 1
                sc.unit_found += bool(same_unit)
        sc.extras.extend((row["text"], p) for p in left)
    return sc


def run(path: Path, extractor=None) -> Score:
    if extractor is None:
        from councilfacts.nlp.extractor import Extractor

        extractor = Extractor()
    rows = load(path)
    return score(rows, predictions([r["text"] for r in rows], extractor))


def report(name: str, sc: Score, verbose: bool = False) -> str:
    lines = [f"{name}: value P {100 * sc.precision:.1f} R {100 * sc.recall:.1f} F1 {100 * sc.f1:.1f} "
             f"({sc.found} found of {sc.gold} gold, {sc.predicted} predicted); "
             f"unit accuracy {100 * sc.unit_accuracy:.1f} ({sc.unit_found}/{sc.unit_gold})"]
    if verbose:
        lines += [f"  MISS {v} {u!r}: {t}" for t, v, u in sc.misses]
        lines += [f"  EXTRA {p}: {t}" for t, p in sc.extras]
    return "\n".join(lines)


if __name__ == "__main__":
    verbose = "-v" in sys.argv
    files = [Path(a) for a in sys.argv[1:] if a != "-v"] or sorted(SETS.glob("*.jsonl"))
    from councilfacts.nlp.extractor import Extractor

    ex = Extractor()
    for f in files:
        print(report(f.name, run(f, ex), verbose))
