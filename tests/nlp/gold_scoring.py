"""Scoring glue shared by the gold-set gates: score.py from ../shared, run as it stands."""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import sys
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
SCORE = SHARED / "tools" / "score.py"


def load_score_module():
    spec = importlib.util.spec_from_file_location("shared_score", SCORE)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def score(gold: Path, tmp_path: Path, preds: dict) -> tuple[str, dict]:
    """Run score.py's own main() on the gold and the predictions; return its table + overall numbers."""
    mod = load_score_module()
    pred_path = tmp_path / "pred.jsonl"
    with pred_path.open("w", encoding="utf-8") as fh:
        for doc, facts in preds.items():
            fh.write(json.dumps({"doc": doc, "facts": facts}, ensure_ascii=False) + "\n")
    out = io.StringIO()
    argv = sys.argv
    sys.argv = ["score.py", str(gold), str(pred_path)]
    try:
        with contextlib.redirect_stdout(out):
            try:
                mod.main()
            except SystemExit:
                pass
    finally:
        sys.argv = argv
    table = out.getvalue()
    line = [x for x in table.splitlines() if x.startswith("overall:")][-1]
    w = line.replace("(", " ").split()
    overall = {w[i]: float(w[i + 1]) for i in range(1, len(w) - 1, 2) if w[i] in ("recall", "precision", "F1", "body")}
    return table, overall


def report(rows: list[dict], preds: dict) -> str:
    """False positives (with sentence and figure), false negatives (with gold evidence) and wrong
    bodies, per document, using score.py's own matching: one predicted figure per (measure, value)."""
    mod = load_score_module()
    lines = []
    for row in rows:
        gfacts = row["facts"]
        pfacts = [p for p in preds.get(row["doc"], []) if p.get("measure") not in (None, "other")]
        seen, fps, matched = set(), [], set()
        for p in pfacts:
            k = (p["measure"], mod.key(p))
            if k in seen:
                continue
            seen.add(k)
            hit = [i for i, g in enumerate(gfacts) if g["measure"] == p["measure"] and mod.same(g, p)]
            matched.update(hit)
            if not hit:
                fps.append(p)
        fns = [g for i, g in enumerate(gfacts) if g.get("required", True) and i not in matched]
        wrong_body = [g for i, g in enumerate(gfacts) if i in matched and g.get("required", True) and g.get("body")
                      and not any(mod.norm(p.get("body")) == mod.norm(g["body"]) for p in pfacts
                                  if p["measure"] == g["measure"] and mod.same(g, p))]
        if not (fps or fns or wrong_body):
            continue
        lines.append(f"== {row['doc']}")
        for p in fps:
            v = p.get("value") if p.get("value") is not None else p.get("subject")
            lines.append(f"  FP {p['measure']} {v} [{p.get('figure')!r}, body={p.get('body')}]"
                         f"\n      {' '.join(str(p.get('sentence', '')).split())[:300]}")
        for g in fns:
            v = g.get("value") if g.get("value") is not None else g.get("subject")
            lines.append(f"  FN {g['measure']} {v} ({g.get('qualifier', 'exact')})\n      {g.get('evidence', '')}")
        for g in wrong_body:
            v = g.get("value") if g.get("value") is not None else g.get("subject")
            got = sorted({str(p.get("body")) for p in pfacts if p["measure"] == g["measure"] and mod.same(g, p)})
            lines.append(f"  BODY {g['measure']} {v}: gold {g['body']!r}, found {got}")
    return "\n".join(lines)


MEASURES = {"job_cuts", "jobs_created", "caseload", "unallocated_cases", "agency_staff", "vacancies", "staff_turnover",
            "funding_cut", "budget", "waiting_time", "children_in_care", "child_protection", "referrals",
            "survey_share", "ofsted_rating"}


def gold_rows(folder: Path) -> list[dict]:
    """The gold of a set kept as `folder`/gold.jsonl beside `folder`/docs/<doc>.txt."""
    return [json.loads(line) for line in (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]


def check_well_formed(folder: Path) -> list[dict]:
    """Every document has a gold line and every gold fact a valid measure and its evidence in the text."""
    docs = folder / "docs"
    rows = gold_rows(folder)
    assert sorted(r["doc"] for r in rows) == sorted(p.stem for p in docs.glob("*.txt"))
    for row in rows:
        text = (docs / f"{row['doc']}.txt").read_text(encoding="utf-8")
        for f in row["facts"]:
            assert f["measure"] in MEASURES and isinstance(f["required"], bool), f
            assert f["evidence"] in text, (row["doc"], f["evidence"])
    return rows


def assert_floor(folder: Path, floors: tuple[float, float, float], tmp_path: Path) -> None:
    """Read the set's documents as `extract PATH` reads files (text only), score them with
    score.py, print every miss, and hold (F1, precision, body) to `floors`."""
    from councilfacts.nlp.extractor import DocInput, Extractor

    rows = gold_rows(folder)
    inputs = [DocInput(text=(folder / "docs" / f"{r['doc']}.txt").read_text(encoding="utf-8"), doc_id=r["doc"]) for r in rows]
    preds = {d.doc_id: facts for d, facts in zip(inputs, Extractor().extract(inputs))}
    table, overall = score(folder / "gold.jsonl", tmp_path, preds)
    print(f"\n{folder.name}\n{table}\n{report(rows, preds)}")
    f1, precision, body = floors
    msg = f"{folder.name} fell below its floors (F1 {f1}, precision {precision}, body {body}):\n{table}"
    assert overall["F1"] >= f1, msg
    assert overall["precision"] >= precision, msg
    assert overall["body"] >= body, msg
