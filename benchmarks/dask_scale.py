"""Dask scaling figures on the BBC corpus (not a timed test: prints figures, no asserts).

Reads the BBC corpus at run time (../shared/data/bbc_news/bbc_news_2225.jsonl.gz by default;
never copied into the repository), writes the first N articles to a temporary JSONL file and,
in one run, measures (each build a ``python -m graphbuild build … --quiet --no-merge``
subprocess into a fresh store, so model loading and cluster start are included; merging is
left out because it is the same work whatever parsed the articles):

1. the plain local build, ``--jobs 1``: articles/s and words/s;
2. the same on Dask, ``--scheduler local:1`` and ``--scheduler local:2`` (a LocalCluster of
   single-threaded worker processes): articles/s, words/s, ratio to (1), and the Dask
   overhead per article, ``(wall(local:1) - wall(--jobs 1)) / N``, with and without the
   cluster start (a LocalCluster of one worker started and closed on its own, timed here);
3. ``--emit DIR --scheduler local:2``: the same, writing N-Quads partitions instead;
4. bulk-load rates (quads/s) of those partitions into a fresh store, one figure per loader
   of :func:`bulk_loaders` (the embedded store through pyoxigraph's ``bulk_load``; the
   ``oxigraph`` command line's ``load`` and a running Oxigraph server, ``oxigraph serve``,
   through its Graph Store Protocol endpoint, when ``oxigraph`` is on PATH);
5. a check that every store (and the bulk-loaded one) holds the same quads.

Usage::

    python benchmarks/dask_scale.py [--articles N] [--corpus FILE] [--model NAME]
                                    [--json FILE] [--keep DIR]

Words are whitespace-separated words of the article texts (what graphbuild parses).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import CORPUS, write_subset  # noqa: E402

#: a loader takes the partition files and a fresh folder, loads them, returns the quads stored
Loader = Callable[[list[Path], Path], int]


def build(corpus: Path, model: str, *args: str) -> float:
    """Wall seconds of one ``graphbuild build CORPUS --quiet --no-merge ARGS`` subprocess."""
    cmd = [sys.executable, "-m", "graphbuild", "build", str(corpus), "--model", model,
           "--quiet", "--no-merge", *args]
    t0 = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if done.returncode != 0:
        sys.exit(f"command failed ({done.returncode}): {' '.join(cmd)}\n{done.stderr[-3000:]}")
    return wall


def cluster_start_s() -> float:
    """Seconds to start a LocalCluster of one worker process, connect and close it."""
    from distributed import Client, LocalCluster

    t0 = time.perf_counter()
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        client.wait_for_workers(1)
    return time.perf_counter() - t0


# ------------------------------------------------------------------ bulk loaders

def load_embedded(parts: list[Path], store: Path) -> int:
    """pyoxigraph's ``Store.bulk_load`` (what ``graphbuild.emit.bulk_load`` does)."""
    import pyoxigraph as ox

    db = ox.Store(str(store))
    try:
        for part in parts:
            db.bulk_load(path=str(part), format=ox.RdfFormat.N_QUADS)
        db.flush()
        return len(db)
    finally:
        del db


def load_oxigraph_cli(parts: list[Path], store: Path) -> int:
    """``oxigraph load --location STORE --file PART…`` (the files are loaded in parallel)."""
    import pyoxigraph as ox

    subprocess.run(["oxigraph", "load", "--location", str(store), "--file",
                    *map(str, parts)], check=True, capture_output=True)
    db = ox.Store.read_only(str(store))
    try:
        return len(db)
    finally:
        del db


def load_oxigraph_server(parts: list[Path], store: Path) -> int:
    """Into a running ``oxigraph serve`` (started here on 127.0.0.1, its database in
    ``store``): each partition POSTed to its Graph Store Protocol endpoint ``/store`` as
    N-Quads; the quads counted by a SPARQL query. The server start is not timed apart: it
    is part of the figure (about 0.1 s)."""
    import socket
    import urllib.parse
    import urllib.request

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen(["oxigraph", "serve", "--location", str(store), "--bind",
                             f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        for part in parts:
            req = urllib.request.Request(f"{base}/store", data=part.read_bytes(), method="POST",
                                         headers={"Content-Type": "application/n-quads"})
            urllib.request.urlopen(req, timeout=3600).read()
        query = urllib.parse.quote("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        req = urllib.request.Request(f"{base}/query?query={query}",
                                     headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(req, timeout=600) as resp:
            return int(json.load(resp)["results"]["bindings"][0]["n"]["value"])
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def bulk_loaders() -> dict[str, Loader]:
    """Every loader to measure, by name."""
    loaders: dict[str, Loader] = {"embedded store, pyoxigraph bulk_load": load_embedded}
    if shutil.which("oxigraph"):
        loaders["oxigraph load (command line)"] = load_oxigraph_cli
        loaders["oxigraph serve, POST /store"] = load_oxigraph_server
    return loaders


def quads(store: Path) -> set[str]:
    import pyoxigraph as ox

    db = ox.Store.read_only(str(store))
    try:
        return {str(q) for q in db.quads_for_pattern(None, None, None, None)}
    finally:
        del db


# ------------------------------------------------------------------ main

def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=300, help="first N articles [300]")
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--model", default=None, help="spaCy pipeline (default graphbuild's)")
    ap.add_argument("--json", type=Path, default=None, help="also write the figures as JSON")
    ap.add_argument("--keep", type=Path, default=None,
                    help="build the stores in this folder and keep them (default: a temp dir)")
    args = ap.parse_args()

    from graphbuild import nlp
    from graphbuild.emit import partitions

    model = args.model or nlp.DEFAULT_MODEL
    work = Path(tempfile.mkdtemp(prefix="dask_scale_")) if args.keep is None else args.keep
    work.mkdir(parents=True, exist_ok=True)
    corpus = work / "corpus.jsonl"
    n, words = write_subset(args.corpus, args.articles, corpus)
    ram_gb = round(psutil.virtual_memory().total / 2**30, 1)
    res: dict = {"articles": n, "words": words, "model": model,
                 "machine": {"cpus": os.cpu_count(), "ram_gb": ram_gb,
                             "platform": platform.platform(),
                             "python": platform.python_version()}}
    print(f"{n} articles, {words:,} words; model {model}; {os.cpu_count()} CPUs, "
          f"{ram_gb} GB RAM; work dir {work}", flush=True)

    runs = [("local --jobs 1", ["--jobs", "1"], "store-j1"),
            ("dask local:1", ["--scheduler", "local:1"], "store-d1"),
            ("dask local:2", ["--scheduler", "local:2"], "store-d2"),
            ("dask local:2 --emit", ["--scheduler", "local:2"], "emit-d2")]
    res["runs"] = {}
    for name, extra, folder in runs:
        target = work / folder
        shutil.rmtree(target, ignore_errors=True)
        flag = "--emit" if folder.startswith("emit") else "--store"
        wall = build(corpus, model, flag, str(target), *extra)
        res["runs"][name] = {"wall_s": wall, "articles_per_s": n / wall,
                             "words_per_s": words / wall}
        print(f"{name}: {wall:.1f} s", flush=True)
    base = res["runs"]["local --jobs 1"]
    for r in res["runs"].values():
        r["ratio"] = r["words_per_s"] / base["words_per_s"]
    start = cluster_start_s()
    extra_s = res["runs"]["dask local:1"]["wall_s"] - base["wall_s"]
    res["overhead"] = {"cluster_start_s": start, "ms_per_article": 1000 * extra_s / n,
                       "ms_per_article_without_start": 1000 * (extra_s - start) / n}

    parts = partitions(work / "emit-d2")
    res["bulk_load"] = {}
    for name, loader in bulk_loaders().items():
        target = work / f"bulk-{len(res['bulk_load'])}"
        shutil.rmtree(target, ignore_errors=True)
        t0 = time.perf_counter()
        count = loader(parts, target)
        secs = time.perf_counter() - t0
        res["bulk_load"][name] = {"quads": count, "s": secs, "quads_per_s": count / secs,
                                  "store": target}
    reference = quads(work / "store-j1")
    same = {name: quads(work / folder) == reference
            for name, _, folder in runs if folder.startswith("store")}
    for name, b in res["bulk_load"].items():
        same[f"bulk load ({name})"] = quads(b.pop("store")) == reference
    res["identical_to_local"] = same

    print("\n== figures ==")
    m = res["machine"]
    print(f"machine: {m['cpus']} CPUs, {m['ram_gb']} GB RAM, {m['platform']}, "
          f"Python {m['python']}")
    print(f"corpus: {n} articles, {words:,} words (builds: --quiet --no-merge, fresh store, "
          "model load and cluster start included)")
    print(f"{'':24}{'articles/s':>11}{'words/s':>10}{'ratio':>8}{'wall s':>9}")
    for name, r in res["runs"].items():
        print(f"{name:24}{r['articles_per_s']:>11.2f}{r['words_per_s']:>10,.0f}"
              f"{r['ratio']:>8.2f}{r['wall_s']:>9.1f}")
    o = res["overhead"]
    print(f"Dask overhead (local:1 vs --jobs 1): {o['ms_per_article']:.1f} ms/article with the "
          f"cluster start ({o['cluster_start_s']:.1f} s), "
          f"{o['ms_per_article_without_start']:.1f} ms/article without")
    for name, b in res["bulk_load"].items():
        print(f"bulk load, {name}: {b['quads']:,} quads from {len(parts)} partitions in "
              f"{b['s']:.2f} s = {b['quads_per_s']:,.0f} quads/s")
    print("same quads as the local build: "
          + ", ".join(f"{k} {'yes' if v else 'NO'}" for k, v in same.items()))
    if args.json:
        args.json.write_text(json.dumps(res, indent=2), encoding="utf-8")
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
