"""Narrative figures on the BBC corpus (prints figures, no asserts; issue 16 item 4).

Three sub-commands (the corpus is read at run time from ../shared, never copied):

``build --store DIR [--order corpus|shuffled] [--chunk N] [--limit N] [--json FILE]``
    Builds the corpus into a fresh store in chunks of N articles (one ``build_store`` call
    each, in this process, model loaded once), in corpus order or shuffled (seed 16), and
    prints for each chunk the store size before it, the build time, the narrative update
    time and that time per added article: how the cost of adding articles grows with the
    store. At the end: narratives, appearances, links by kind, and narratives whose articles
    are all duplicates of one another (the corpus's ``duplicate_of`` field).

``compare STORE_A STORE_B``
    Whether two stores hold the same narratives (the same sets of appearances, the same
    first appearance): the bar "building the corpus twice in different orders gives the same
    narratives".

``add --store DIR [--ids ID ...] [--repeat N] [--json FILE]``
    The bar "adding one article to the full store costs no more than twice a build of that
    article alone": for each id, ``graphbuild remove ID`` from (a copy of) the full store,
    then the wall time of ``graphbuild build ONE.jsonl --store FRESH`` and of
    ``graphbuild build ONE.jsonl --store FULL`` (both subprocesses, as a user runs them,
    model load included), one after the other; ``--repeat`` such pairs (default 3) per
    article, and the ratio of the two medians (each pair's ratio is printed too); then the
    median over the articles.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import CORPUS  # noqa: E402

NARRATIVES = """SELECT ?n ?a ?f WHERE { GRAPH ?g { ?n a gb:Narrative ;
    schema:appearance ?a ; schema:firstAppearance ?f } }"""


def _rows(corpus: Path) -> list[dict]:
    with gzip.open(corpus, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def _write(rows: list[dict], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps({k: r[k] for k in ("id", "title", "text") if k in r}) + "\n")
    return path


def narratives_of(store) -> set[tuple[frozenset[str], str]]:  # noqa: ANN001
    by: dict[str, tuple[set[str], str]] = {}
    for r in store.query(NARRATIVES):
        by.setdefault(r["n"].value, (set(), r["f"].value))[0].add(r["a"].value)
    return {(frozenset(a), f) for a, f in by.values()}


def build(args: argparse.Namespace) -> None:
    from graphbuild import store as stores
    from graphbuild.corpus import build_store

    rows = _rows(args.corpus)[: args.limit]
    if args.order == "shuffled":
        random.Random(16).shuffle(rows)
    dups = {r["id"]: r["duplicate_of"] for r in rows if r.get("duplicate_of")}
    tmp = Path(tempfile.mkdtemp(prefix="narr-bench-"))
    chunks = []
    with stores.open(args.store, "w") as st:
        for start in range(0, len(rows), args.chunk):
            part = _write(rows[start:start + args.chunk], tmp / f"c{start}.jsonl")
            t = time.perf_counter()
            rep = build_store([part], st)
            wall = time.perf_counter() - t
            n = len(rep.articles)
            chunks.append({"store_articles_before": start, "added": n,
                           "build_s": round(wall, 1),
                           "narrative_s": round(rep.narrative_seconds, 2),
                           "narrative_ms_per_article": round(1000 * rep.narrative_seconds
                                                             / max(n, 1), 1)})
            print(json.dumps(chunks[-1]), flush=True)
        found = narratives_of(st)
        kinds = {k: int(c) for k, c in ((r["k"].value, r["c"].value) for r in st.query(
            """SELECT ?k (COUNT(?l) AS ?c) WHERE { ?l a gb:NarrativeLink ; gb:linkKind ?k }
               GROUP BY ?k"""))}
        art_of = {r["a"].value: r["id"].value for r in st.query(
            """SELECT ?a ?id WHERE { ?n a gb:Narrative ; schema:appearance ?a .
                                     ?a gb:article/schema:identifier ?id }""")}
    only_dups = 0
    for apps, _first in found:
        roots = {dups.get(art_of.get(a, ""), art_of.get(a, "")) for a in apps}
        only_dups += len(roots) == 1
    out = {"order": args.order, "articles": len(rows), "chunks": chunks,
           "narratives": len(found), "appearances": sum(len(a) for a, _ in found),
           "links_by_kind": kinds, "narratives_only_among_duplicate_articles": only_dups}
    print(json.dumps({k: v for k, v in out.items() if k != "chunks"}, indent=1))
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=1), encoding="utf-8")
    shutil.rmtree(tmp, ignore_errors=True)


def compare(args: argparse.Namespace) -> None:
    from graphbuild import store as stores

    with stores.open(args.a, "r") as a, stores.open(args.b, "r") as b:
        na, nb = narratives_of(a), narratives_of(b)
    print(json.dumps({"narratives_a": len(na), "narratives_b": len(nb), "same": na == nb,
                      "only_in_a": len(na - nb), "only_in_b": len(nb - na)}))


def _timed(cmd: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t


def add(args: argparse.Namespace) -> None:
    rows = {r["id"]: r for r in _rows(args.corpus)}
    tmp = Path(tempfile.mkdtemp(prefix="narr-add-"))
    full = tmp / "full"
    shutil.copytree(args.store, full)
    exe = [sys.executable, "-m", "graphbuild"]
    results = []
    for aid in args.ids:
        one = _write([rows[aid]], tmp / "one.jsonl")
        alone_s, added_s = [], []
        for rep in range(args.repeat):  # interleaved, so a burst of load hits both sides
            subprocess.run(exe + ["remove", aid, "--store", str(full), "--quiet"], check=True)
            fresh = tmp / f"fresh-{len(results)}-{rep}"
            alone_s.append(_timed(exe + ["build", str(one), "--store", str(fresh), "--quiet"]))
            added_s.append(_timed(exe + ["build", str(one), "--store", str(full), "--quiet"]))
        alone, added = statistics.median(alone_s), statistics.median(added_s)
        pairs = [round(b / a, 2) for a, b in zip(alone_s, added_s, strict=True)]
        results.append({"id": aid, "alone_s": round(alone, 2), "added_to_full_s": round(added, 2),
                        "ratio": round(added / alone, 2), "pair_ratios": pairs})
        print(json.dumps(results[-1]), flush=True)
    out = {"articles_in_store": len(rows), "runs": results,
           "median_ratio": statistics.median(r["ratio"] for r in results)}
    print(json.dumps({"median_ratio": out["median_ratio"]}))
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=1), encoding="utf-8")
    shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--corpus", type=Path, default=CORPUS)
    sub = p.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build")
    b.add_argument("--store", required=True)
    b.add_argument("--order", choices=("corpus", "shuffled"), default="corpus")
    b.add_argument("--chunk", type=int, default=250)
    b.add_argument("--limit", type=int, default=None)
    b.add_argument("--json")
    c = sub.add_parser("compare")
    c.add_argument("a")
    c.add_argument("b")
    a = sub.add_parser("add")
    a.add_argument("--store", required=True)
    a.add_argument("--ids", nargs="+", default=["business/001", "entertainment/101",
                                                  "politics/375", "sport/200", "tech/300"])
    a.add_argument("--repeat", type=int, default=3,
                   help="pairs of builds per article (medians reported; default 3)")
    a.add_argument("--json")
    args = p.parse_args()
    {"build": build, "compare": compare, "add": add}[args.cmd](args)


if __name__ == "__main__":
    main()
