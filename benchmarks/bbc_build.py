"""Whole-corpus build figures on the BBC corpus (not a timed test: prints figures, no asserts).

Reads the BBC corpus at run time (../shared/data/bbc_news/bbc_news_2225.jsonl.gz by default;
never copied into the repository), writes the first N articles to a temporary JSONL file and,
in one run, measures:

1. bare spaCy: ``spacy.load(model)`` + ``nlp.pipe`` over the same texts with the same model
   (batch size as graphbuild's), in a subprocess: words/s with the model load included, and
   the load time on its own;
   for comparison, the same bare spaCy given graphbuild's exact, faster attribute ruler and
   lemmatizer (``graphbuild.rulefast``), and the ratios against that too;
2. ``graphbuild build CORPUS --store TMP --quiet --jobs 1`` (fresh store), as a subprocess:
   wall time, words/s, peak RSS (largest process, and the whole process tree, sampled);
3. the same with ``--jobs 2 --no-merge`` into another fresh store, then the cross-article
   merge in this process (timed; the jobs-2 figure is build + merge): entity nodes (persons,
   organisations) before and after merging, and the list of merges written to a TSV file for
   manual review (src label, dst label, kind, shared context);
4. the ratios graphbuild/bare (targets: >= 0.7, peak RSS < 2 GB);
5. store size on disk and triples; the latency of every example query
   (``graphbuild.query.list_examples()``), median of 5, through ``graphbuild.open_store``
   (rdflib over oxrdflib) + ``graphbuild.query.run_query`` (what ``graphbuild query
   --store`` does) and straight through pyoxigraph (``GraphStore.query``); the examples
   return one page (an inner ``LIMIT``), target < 200 ms each; and, for information, the
   same query without its page limits (every row, median of 3).

Usage::

    python benchmarks/bbc_build.py [--limit N] [--model NAME] [--corpus FILE]
                                   [--merges FILE] [--json FILE] [--keep DIR]
    python benchmarks/bbc_build.py --queries-only STORE

Words are whitespace-separated words of the article texts (what graphbuild parses).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import CORPUS, write_subset  # noqa: E402

BARE = r"""
import json, sys, time
t0 = time.perf_counter()
import spacy
nlp = spacy.load(sys.argv[2])
if sys.argv[4:] == ["fast-rules"]:
    from graphbuild import rulefast
    rulefast.install(nlp)
t1 = time.perf_counter()
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
n = 0
with nlp.memory_zone():
    for doc in nlp.pipe(texts, batch_size=int(sys.argv[3])):
        n += len(doc)
t2 = time.perf_counter()
print(json.dumps({"load_s": t1 - t0, "pipe_s": t2 - t1, "tokens": n}))
"""

PERSON_ORG = """SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {
  ?e gb:entityKind ?k . FILTER(?k IN ("person", "organization")) }"""


class TreeRss:
    """Peak RSS of a process and its descendants, summed, sampled every 0.2 s."""

    def __init__(self, pid: int) -> None:
        self.peak = 0
        self._proc = psutil.Process(pid)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                procs = [self._proc, *self._proc.children(recursive=True)]
                total = 0
                for p in procs:
                    with contextlib.suppress(psutil.Error):
                        total += p.memory_info().rss
                self.peak = max(self.peak, total)
            except psutil.Error:
                pass
            self._stop.wait(0.2)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


def timed(cmd: list[str]) -> dict:
    """Run ``cmd`` under /usr/bin/time -v; wall time, max RSS (largest process), tree RSS."""
    time_bin = shutil.which("time") or "/usr/bin/time"
    full = [time_bin, "-v", *cmd] if os.path.exists(time_bin) else cmd
    t0 = time.perf_counter()
    proc = subprocess.Popen(full, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    tree = TreeRss(proc.pid)
    out, err = proc.communicate()
    wall = time.perf_counter() - t0
    tree_peak = tree.stop()
    max_rss = None
    user = system = None
    for line in err.splitlines():
        line = line.strip()
        if line.startswith("Maximum resident set size (kbytes):"):
            max_rss = int(line.rsplit(":", 1)[1]) * 1024
        elif line.startswith("User time (seconds):"):
            user = float(line.rsplit(":", 1)[1])
        elif line.startswith("System time (seconds):"):
            system = float(line.rsplit(":", 1)[1])
    if proc.returncode != 0:
        sys.exit(f"command failed ({proc.returncode}): {' '.join(cmd)}\n{err[-3000:]}")
    return {"wall_s": wall, "max_rss": max_rss, "tree_rss": tree_peak, "user_s": user,
            "sys_s": system, "stdout": out, "stderr": err}


def du(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def median_ms(fn, runs: int = 5) -> float:  # noqa: ANN001
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def query_latencies(store: Path) -> list[dict]:
    from graphbuild import open_store
    from graphbuild.query import example, list_examples, run_query
    from graphbuild.store.oxi import GraphStore

    out = []
    ds = open_store(store)
    with GraphStore(store, read_only=True) as gs:
        for name, _ in list_examples():
            text = example(name)
            rows = len(list(gs.query(text)))
            ox_ms = median_ms(lambda t=text: list(gs.query(t)))

            def via_rdflib(t: str = text) -> None:
                res = run_query(ds, t)
                list(res) if hasattr(res, "__iter__") else None

            rdflib_ms = median_ms(via_rdflib)
            everything = _all_rows(text)
            all_rows = len(list(gs.query(everything)))
            all_ms = median_ms(lambda t=everything: list(gs.query(t)), runs=3)
            out.append({"query": name, "rows": rows, "pyoxigraph_ms": ox_ms,
                        "open_store_ms": rdflib_ms, "all_rows": all_rows,
                        "all_rows_ms": all_ms})
    ds.close()
    return out


def _all_rows(sparql: str) -> str:
    """The example without its page limits (the shipped examples return one page: an
    inner ``LIMIT``): what asking for every row costs."""
    return re.sub(r"\s+LIMIT\s+\d+", "", sparql)


def print_queries(queries: list[dict]) -> None:
    print("example queries (median of 5, ms): the example (one page) through pyoxigraph and "
          "through open_store/rdflib; then without its page limit (every row, median of 3)")
    for q in queries:
        print(f"  {q['query']:24}{q['rows']:>6} rows {q['pyoxigraph_ms']:>8.1f} "
              f"{q['open_store_ms']:>8.1f}   | {q['all_rows']:>7} rows {q['all_rows_ms']:>8.1f}")


def count(store_path: Path) -> int:
    from graphbuild.store.oxi import GraphStore

    with GraphStore(store_path, read_only=True) as gs:
        return int(next(iter(gs.query(PERSON_ORG)))[0].value)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=None, help="first N articles (default all)")
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--model", default=None, help="spaCy pipeline (default graphbuild's)")
    ap.add_argument("--merges", type=Path, default=Path("bbc_merges.tsv"),
                    help="TSV of the cross-article merges, for review [bbc_merges.tsv]")
    ap.add_argument("--json", type=Path, default=None, help="also write the figures as JSON")
    ap.add_argument("--keep", type=Path, default=None,
                    help="build the stores in this folder and keep them (default: a temp dir)")
    ap.add_argument("--queries-only", type=Path, default=None, metavar="STORE",
                    help="only time the example queries on an existing store")
    args = ap.parse_args()
    if args.queries_only is not None:
        print_queries(query_latencies(args.queries_only))
        return

    from graphbuild import nlp
    from graphbuild.corpus import BATCH

    model = args.model or nlp.DEFAULT_MODEL
    work = Path(tempfile.mkdtemp(prefix="bbc_build_")) if args.keep is None else args.keep
    work.mkdir(parents=True, exist_ok=True)
    corpus = work / "corpus.jsonl"
    articles, words = write_subset(args.corpus, args.limit, corpus)
    py = sys.executable
    res: dict = {"articles": articles, "words": words, "model": model,
                 "machine": {"cpus": os.cpu_count(), "platform": platform.platform(),
                             "python": platform.python_version(),
                             "ram_gb": round(psutil.virtual_memory().total / 2**30, 1)}}
    print(f"{articles} articles, {words:,} words; model {model}; {os.cpu_count()} CPUs; "
          f"work dir {work}", flush=True)

    # 1. bare spaCy
    bare = timed([py, "-c", BARE, str(corpus), model, str(BATCH)])
    b = json.loads(bare["stdout"])
    res["bare"] = {"wall_s": bare["wall_s"], "load_s": b["load_s"], "pipe_s": b["pipe_s"],
                   "words_per_s": words / bare["wall_s"],
                   "words_per_s_without_load": words / b["pipe_s"],
                   "max_rss": bare["max_rss"], "tree_rss": bare["tree_rss"],
                   "cpu_s": (bare["user_s"] or 0) + (bare["sys_s"] or 0)}
    print(f"bare spaCy: {res['bare']['words_per_s']:,.0f} words/s (load {b['load_s']:.1f} s "
          f"included; {res['bare']['words_per_s_without_load']:,.0f} without)", flush=True)
    # 1b. for comparison: bare spaCy given graphbuild's exact, faster rule components
    fast = timed([py, "-c", BARE, str(corpus), model, str(BATCH), "fast-rules"])
    res["bare_fast_rules"] = {"wall_s": fast["wall_s"], "words_per_s": words / fast["wall_s"],
                              "max_rss": fast["max_rss"], "tree_rss": fast["tree_rss"],
                              "cpu_s": (fast["user_s"] or 0) + (fast["sys_s"] or 0)}
    print(f"bare spaCy with graphbuild's rule components: "
          f"{res['bare_fast_rules']['words_per_s']:,.0f} words/s", flush=True)

    # 2. graphbuild, --jobs 1, with merging
    s1 = work / "store-j1"
    shutil.rmtree(s1, ignore_errors=True)
    j1 = timed([py, "-m", "graphbuild", "build", str(corpus), "--store", str(s1), "--quiet",
                "--jobs", "1"])
    res["jobs1"] = {"wall_s": j1["wall_s"], "words_per_s": words / j1["wall_s"],
                    "max_rss": j1["max_rss"], "tree_rss": j1["tree_rss"],
                    "cpu_s": (j1["user_s"] or 0) + (j1["sys_s"] or 0)}
    print(f"graphbuild --jobs 1: {res['jobs1']['words_per_s']:,.0f} words/s "
          f"({j1['wall_s']:.0f} s)", flush=True)

    # 3. graphbuild, --jobs 2, merging timed separately in this process
    s2 = work / "store-j2"
    shutil.rmtree(s2, ignore_errors=True)
    j2 = timed([py, "-m", "graphbuild", "build", str(corpus), "--store", str(s2), "--quiet",
                "--jobs", "2", "--no-merge"])
    before = count(s2)
    from graphbuild.resolve.crossdoc import merge_entities
    from graphbuild.store.oxi import GraphStore

    t0 = time.perf_counter()
    with GraphStore(s2) as gs:
        merges = merge_entities(gs)
        gs.clear_merge_pending()
    merge_s = time.perf_counter() - t0
    after = count(s2)
    total2 = j2["wall_s"] + merge_s
    res["jobs2"] = {"wall_s": total2, "build_s": j2["wall_s"], "merge_s": merge_s,
                    "words_per_s": words / total2, "max_rss": j2["max_rss"],
                    "tree_rss": j2["tree_rss"], "cpu_s": (j2["user_s"] or 0) + (j2["sys_s"] or 0)}
    print(f"graphbuild --jobs 2: {res['jobs2']['words_per_s']:,.0f} words/s "
          f"({total2:.0f} s, merge {merge_s:.1f} s)", flush=True)
    res["entities"] = {"person_org_before_merge": before, "person_org_after_merge": after,
                       "merges": len(merges), "person_org_jobs1_store": count(s1)}
    args.merges.parent.mkdir(parents=True, exist_ok=True)
    with args.merges.open("w", encoding="utf-8") as fh:
        fh.write("src_label\tdst_label\tkind\tshared_context\tsrc\tdst\n")
        for m in merges:
            fh.write(f"{m.src_label}\t{m.dst_label}\t{m.kind}\t{'; '.join(m.shared)}\t"
                     f"{m.src}\t{m.dst}\n")

    # 4. ratios; 5. store and queries
    for key in ("jobs1", "jobs2"):
        res[key]["ratio_to_bare"] = res[key]["words_per_s"] / res["bare"]["words_per_s"]
        res[key]["ratio_to_bare_fast_rules"] = \
            res[key]["words_per_s"] / res["bare_fast_rules"]["words_per_s"]
    with GraphStore(s1, read_only=True) as gs:
        stats = gs.stats()
    res["store"] = {"bytes_on_disk": du(s1), **stats}
    res["queries"] = query_latencies(s1)

    mb = 2**20
    print("\n== figures ==")
    print(f"machine: {os.cpu_count()} CPUs, {res['machine']['ram_gb']} GB RAM, "
          f"{res['machine']['platform']}, Python {res['machine']['python']}")
    print(f"corpus: {articles} articles, {words:,} words")
    print(f"{'':24}{'words/s':>10}{'ratio':>8}{'wall s':>9}{'CPU s':>9}{'peak RSS':>11}"
          f"{'tree RSS':>11}")
    rows = [("bare spaCy (with load)", res["bare"], None),
            ("  same, fast rules", res["bare_fast_rules"], None),
            ("graphbuild --jobs 1", res["jobs1"], res["jobs1"]["ratio_to_bare"]),
            ("graphbuild --jobs 2", res["jobs2"], res["jobs2"]["ratio_to_bare"])]
    for name, r, ratio in rows:
        print(f"{name:24}{r['words_per_s']:>10,.0f}{'' if ratio is None else f'{ratio:.2f}':>8}"
              f"{r['wall_s']:>9.1f}{r['cpu_s']:>9.1f}{r['max_rss'] / mb:>9.0f}MB"
              f"{r['tree_rss'] / mb:>9.0f}MB")
    print(f"bare spaCy: model load {res['bare']['load_s']:.1f} s; without load "
          f"{res['bare']['words_per_s_without_load']:,.0f} words/s")
    print(f"graphbuild runs the model's attribute ruler and lemmatizer through exact, faster "
          f"code (graphbuild.rulefast); against bare spaCy given the same ('fast rules'), "
          f"--jobs 1 is {res['jobs1']['ratio_to_bare_fast_rules']:.2f} and --jobs 2 "
          f"{res['jobs2']['ratio_to_bare_fast_rules']:.2f}")
    print(f"jobs 2: build {res['jobs2']['build_s']:.1f} s + merge {merge_s:.1f} s (CPU s: "
          "user+sys of the build command and its workers, merge excluded)")
    print(f"CPU-time ratio bare/graphbuild --jobs 1 (insensitive to other load on the "
          f"machine): {res['bare']['cpu_s'] / res['jobs1']['cpu_s']:.2f}")
    print(f"store: {res['store']['bytes_on_disk'] / mb:.0f} MB on disk, "
          f"{stats['triples']:,} triples, {stats['articles']} articles, "
          f"{stats['entities']:,} entities")
    e = res["entities"]
    print(f"person+organisation nodes: {e['person_org_before_merge']:,} before merging, "
          f"{e['person_org_after_merge']:,} after ({e['merges']} merges; jobs-1 store "
          f"{e['person_org_jobs1_store']:,}); merges listed in {args.merges}")
    print_queries(res["queries"])
    if args.json:
        args.json.write_text(json.dumps(res, indent=2), encoding="utf-8")
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
