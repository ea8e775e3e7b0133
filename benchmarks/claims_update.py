"""Claims: an incremental update against recomputing every claim, in the same run.

    .venv/bin/python benchmarks/claims_update.py [--councils 150] [--documents 40]

Builds a database of invented facts (each council: --documents news stories and council
papers a month apart, each with figures of five measures; stories repeat the last paper's),
then times
- baseline: `claims.update(db, full=True)`, every group recomputed;
- one document arriving: `claims.update(db)` after one more council paper is stored;
- nothing changed: `claims.update(db)` again (reads only, writes nothing);
and prints each against the baseline. No timings are asserted anywhere in the tests.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from councilfacts import claims
from councilfacts import db as store

MEASURES = [("unallocated_cases", "children"), ("caseload", "cases"), ("agency_staff", "percent"),
            ("vacancies", "posts"), ("children_in_care", "children")]


def add_document(db, council: int, n: int, rng: random.Random) -> None:
    kind = "committee_paper" if n % 3 == 0 else "news"
    day = f"{2015 + n // 12:04d}-{n % 12 + 1:02d}-15"
    url = f"http://bench/{council}/{n}"
    sentences, facts = [], []
    for measure, unit in MEASURES:
        # the stories after a paper repeat its figure; now and then one gets it wrong
        value = 100 + (n // 3) * 3 + (rng.random() < 0.05) * 40 if unit != "percent" else 20 + (n // 3) % 7
        sentence = f"There were {value} of them in council {council}, a report to the scrutiny committee shows."
        facts.append({"measure": measure, "value": float(value), "value_max": None, "qualifier": "exact", "unit": unit,
                      "subject": None, "body": f"Council {council}", "body_code": f"E99{council:06d}", "period": day,
                      "figure": str(value), "page": None, "offset": sum(len(s) + 1 for s in sentences), "sentence": sentence})
        sentences.append(sentence)
    text = " ".join(sentences)
    for f in facts:
        s = f.pop("offset")
        f.update({"sentence_start": s, "sentence_end": s + len(f["sentence"]),
                  "figure_start": text.index(f["figure"], s), "figure_end": text.index(f["figure"], s) + len(f["figure"])})
    store.upsert_document(db, {"url": url, "canonical_url": url, "source": "bench", "spider": "file", "kind": kind,
                               "title": url, "published": day, "committee": "Scrutiny Committee",
                               "content_hash": store.content_hash(url.encode()), "text": text, "text_status": "ok"})
    store.replace_facts(db, store.document_id(url), facts, "bench")


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--councils", type=int, default=150)
    parser.add_argument("--documents", type=int, default=40)
    args = parser.parse_args()
    rng = random.Random(12)
    with tempfile.TemporaryDirectory() as tmp:
        db = store.connect(Path(tmp) / "bench.db")
        for council in range(args.councils):
            for n in range(args.documents):
                add_document(db, council, n, rng)
        facts = db["facts"].count
        full = timed(lambda: claims.update(db, full=True))
        add_document(db, 0, args.documents, rng)
        one = timed(lambda: claims.update(db))
        none = timed(lambda: claims.update(db))
        print(f"{facts:,} facts, {db['claims'].count:,} claims, {db['conflicts'].count:,} conflicts")
        print(f"baseline, every group recomputed: {full:.2f} s")
        print(f"one document arriving:            {one:.3f} s  ({one / full:.3f} of the baseline)")
        print(f"nothing changed:                  {none:.3f} s  ({none / full:.3f} of the baseline)")


if __name__ == "__main__":
    main()
