"""How much time graphbuild's extractors add to the spaCy parse, on the same texts in one run.

Reads the first N articles of the BBC corpus (../shared/data/bbc_news/bbc_news_2225.jsonl.gz by
default; read at run time, never copied) and reports words per second of

1. bare spaCy: ``nlp.pipe`` over the texts with the very pipeline graphbuild loads;
2. graphbuild's parse: the same, plus copying each Doc into plain data (``nlp.parse``);
3. graphbuild's parse and every extractor (``pipeline.analyse``);

then the share of (3)'s time that is not spaCy, and each extractor's own time. Figures only, no
asserts. Usage::

    python benchmarks/extraction_speed.py [--articles 300] [--model NAME] [--corpus FILE]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import time
from collections import defaultdict
from pathlib import Path

from graphbuild import nlp, registry
from graphbuild.ingest import read_text_article
from graphbuild.types import Article

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "data" / "bbc_news" / "bbc_news_2225.jsonl.gz"


def read_articles(path: Path, n: int) -> list[Article]:
    out = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            out.append(read_text_article(row["text"], id=row["id"], title=row.get("title")))
            if len(out) == n:
                break
    return out


def timed(fn) -> tuple[float, float]:  # noqa: ANN001
    """(wall seconds, CPU seconds of this process) of ``fn()``."""
    w0, c0 = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - w0, time.process_time() - c0


def best(runs: list[tuple[float, float]]) -> tuple[float, float]:
    return min(r[0] for r in runs), min(r[1] for r in runs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--model", default=nlp.DEFAULT_MODEL)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--repeat", type=int, default=2,
                    help="Runs of each variant, interleaved; the fastest is reported.")
    args = ap.parse_args()

    from graphbuild.pipeline import analyse
    from graphbuild.types import Findings

    articles = read_articles(args.corpus, args.articles)
    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)
    pipe = nlp.load(args.model)  # the pipeline graphbuild parses with (loaded once)
    extractors = registry.pipeline()
    list(pipe.pipe(texts[:5]))  # warm up
    docs = list(nlp.parse(articles, model=args.model))
    per_extractor: dict[str, float] = defaultdict(float)
    os.environ.pop(nlp.AUX_NER_ENV, None)

    def bare() -> None:
        with pipe.memory_zone():
            for _doc in pipe.pipe(texts, batch_size=32):
                pass

    def extract_all() -> None:
        for doc in docs:
            found = Findings()
            for ext in extractors:
                t0 = time.process_time()
                found = ext(doc, found)
                per_extractor[ext.name] += time.process_time() - t0

    trained = {"relations.typed"}
    base_names = [e.name for e in extractors if e.name not in trained]

    def without_new() -> None:
        """graphbuild before the trained components: no second recogniser, no typed relations."""
        os.environ[nlp.AUX_NER_ENV] = "0"
        try:
            list(analyse(articles, model=args.model, extractors=base_names))
        finally:
            os.environ.pop(nlp.AUX_NER_ENV, None)

    variants = {
        "bare spaCy (nlp.pipe)": bare,
        "graphbuild without trained components": without_new,
        "graphbuild parse (nlp.parse)": lambda: list(nlp.parse(articles, model=args.model)),
        "graphbuild parse + extractors (analyse)": lambda: list(analyse(articles,
                                                                        model=args.model)),
        "extractors alone, on parsed docs": extract_all,
    }
    runs: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for _ in range(args.repeat):
        per_extractor.clear()
        for name, fn in variants.items():
            runs[name].append(timed(fn))

    print(f"corpus: {args.corpus} - {len(articles)} articles, {words:,} words")
    print(f"spaCy model: {args.model} ({nlp.model_id(args.model)}), pipes: "
          f"{', '.join(pipe.pipe_names)}; CPUs: {os.cpu_count()}; best of {args.repeat}")
    print()
    print(f"  {'':42} {'wall s':>8} {'words/s':>10} {'CPU s':>8} {'words/CPU s':>12}")
    for name in variants:
        wall, cpu = best(runs[name])
        print(f"  {name:42} {wall:8.2f} {words / wall:10,.0f} {cpu:8.2f} {words / cpu:12,.0f}")
    _, spacy_cpu = best(runs["bare spaCy (nlp.pipe)"])
    _, parse_cpu = best(runs["graphbuild parse (nlp.parse)"])
    _, full_cpu = best(runs["graphbuild parse + extractors (analyse)"])
    _, ext_cpu = best(runs["extractors alone, on parsed docs"])
    print()
    print(f"  CPU time graphbuild adds to bare spaCy: {full_cpu - spacy_cpu:.2f} s = "
          f"{100 * (full_cpu - spacy_cpu) / full_cpu:.1f}% of analyse's CPU time")
    print(f"    copying Docs into plain data: {100 * (parse_cpu - spacy_cpu) / full_cpu:.1f}%; "
          f"extractors (measured apart): {100 * ext_cpu / full_cpu:.1f}%")
    _, base_cpu = best(runs["graphbuild without trained components"])
    print(f"  trained components (second recogniser + typed relations) add "
          f"{full_cpu - base_cpu:.2f} CPU s = {100 * (full_cpu - base_cpu) / spacy_cpu:.1f}% of "
          f"the bare parse's CPU time")
    print()
    print("  per extractor, CPU s of the last run (share of extractor time):")
    total = sum(per_extractor.values()) or 1.0
    for name, t in sorted(per_extractor.items(), key=lambda kv: -kv[1]):
        print(f"    {name:20} {t:7.2f} s {100 * t / total:6.1f}%")


if __name__ == "__main__":
    main()
