"""Bulk-load rate into an Oxigraph server, in quads/s (not a timed test: prints figures).

Builds the first N BBC articles (default 200) into a temporary embedded store with
``graphbuild build --store`` (or takes ``--store DIR``), takes each article's named graph as
N-Quads, and loads them into a fresh ``oxigraph serve`` on a free 127.0.0.1 port:

1. the way ``graphbuild build --store http://…`` writes: one SPARQL Update request per
   article through :class:`graphbuild.store.remote_graph.RemoteGraphStore`
   (``DROP SILENT GRAPH`` + ``INSERT DATA``), the shared graphs as one more write each;
2. everything in one Graph Store Protocol request (``POST /store``, ``application/n-quads``):
   the server's own bulk path, for comparison;
3. with ``--virtuoso``, the per-article writes into a fresh Virtuoso database;
4. for reference, the same per-article writes into a fresh embedded store.

Each figure checks that the server then holds every quad. :func:`remote_load_rate` and
:func:`gsp_load_rate` are what other benchmarks can call.

Usage::

    python benchmarks/remote_load.py [--articles N] [--jobs J] [--store DIR] [--corpus FILE]
                                     [--virtuoso]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "data" / "bbc_news" / "bbc_news_2225.jsonl.gz"

from graphbuild import store as stores  # noqa: E402
from tests.store.servers import start_oxigraph  # noqa: E402

Article = tuple[str, bytes]  # (graph IRI, N-Quads)


@dataclass(frozen=True)
class LoadRate:
    """What one load did: quads, wall seconds, requests sent."""

    quads: int
    seconds: float
    requests: int

    @property
    def rate(self) -> float:
        return self.quads / self.seconds if self.seconds else float("inf")


def remote_load_rate(url: str, articles: Sequence[Article]) -> LoadRate:
    """Write ``articles`` into the store at ``url`` as ``graphbuild build`` does (one update
    request per article); quads/s over the whole load."""
    quads = sum(data.count(b"\n") for _, data in articles)
    with stores.open(url, "w") as store:
        start = time.perf_counter()
        for graph, data in articles:
            store.replace_nquads(graph, data)
        seconds = time.perf_counter() - start
    return LoadRate(quads, seconds, len(articles))


def gsp_load_rate(store_url: str, articles: Sequence[Article]) -> LoadRate:
    """POST all of ``articles`` to a Graph Store Protocol endpoint (Oxigraph: ``/store``)
    as one N-Quads request."""
    data = b"".join(d for _, d in articles)
    request = urllib.request.Request(store_url, data=data, method="POST",
                                     headers={"Content-Type": "application/n-quads"})
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=3600) as resp:
        resp.read()
    return LoadRate(data.count(b"\n"), time.perf_counter() - start, 1)


def embedded_load_rate(path: Path, articles: Sequence[Article]) -> LoadRate:
    quads = sum(data.count(b"\n") for _, data in articles)
    with stores.open(path, "w") as store:
        start = time.perf_counter()
        for graph, data in articles:
            store.replace_nquads(graph, data)
        store.store.flush()
        seconds = time.perf_counter() - start
    return LoadRate(quads, seconds, len(articles))


def articles_of(store_dir: Path) -> list[Article]:
    """Each named graph of a built store as N-Quads (the entity graph last)."""
    by_graph: dict[str, list[str]] = defaultdict(list)
    store = ox.Store.read_only(str(store_dir))
    for q in store.quads_for_pattern(None, None, None, None):
        by_graph[q.graph_name.value].append(f"{q.subject} {q.predicate} {q.object} "
                                            f"{q.graph_name} .\n")
    del store
    graphs = sorted(by_graph, key=lambda g: ("/graph/article/" not in g, g))
    return [(g, "".join(by_graph[g]).encode("utf-8")) for g in graphs]


def build(corpus: Path, n: int, jobs: int, folder: Path) -> Path:
    jsonl = folder / f"bbc{n}.jsonl"
    with gzip.open(corpus, "rt", encoding="utf-8") as src, jsonl.open("w") as out:
        for i, line in enumerate(src):
            if i >= n:
                break
            row = json.loads(line)
            out.write(json.dumps({k: row[k] for k in ("id", "title", "text") if k in row})
                      + "\n")
    store = folder / "store"
    subprocess.run([sys.executable, "-m", "graphbuild", "build", str(jsonl), "--store",
                    str(store), "--quiet", "--jobs", str(jobs)], check=True, cwd=ROOT)
    return store


def machine() -> str:
    ram = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    from importlib.metadata import version

    return (f"{platform.machine()}, nproc {os.cpu_count()}, RAM {ram:.1f} GiB, Python "
            f"{platform.python_version()}, pyoxigraph {version('pyoxigraph')}, oxigraph "
            f"server {version('oxigraph')}")


def _check(url: str, expected: int) -> None:
    from graphbuild.store.remote import RemoteStore

    got = len(RemoteStore(url, read_only=True))
    if got != expected:
        raise SystemExit(f"the server holds {got} quads, not {expected}")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--store", type=Path, help="take the N-Quads from this built store")
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--virtuoso", action="store_true",
                    help="also load into a fresh Virtuoso (virtuoso-t must be installed)")
    args = ap.parse_args(argv)
    print(machine())
    with tempfile.TemporaryDirectory(prefix="remote-load-") as tmp:
        folder = Path(tmp)
        store_dir = args.store or build(args.corpus, args.articles, args.jobs, folder)
        articles = articles_of(store_dir)
        total = sum(d.count(b"\n") for _, d in articles)
        size = sum(len(d) for _, d in articles) / 2**20
        n = sum("/graph/article/" in g for g, _ in articles)
        print(f"{n} article graphs + {len(articles) - n} shared graph(s) (entities, build "
              f"bookkeeping): {total:,} quads, {size:.1f} MB of N-Quads")
        figures = {}
        server = start_oxigraph(folder / "ox-updates")
        try:
            figures["per-article SPARQL Update (graphbuild build --store URL)"] = \
                remote_load_rate(server.url, articles)
            _check(server.url, total)
        finally:
            server.stop()
        server = start_oxigraph(folder / "ox-gsp")
        try:
            figures["one Graph Store Protocol POST of all N-Quads"] = gsp_load_rate(
                server.url.rsplit("/", 1)[0] + "/store", articles)
            _check(server.url, total)
        finally:
            server.stop()
        if args.virtuoso:
            from tests.store.servers import start_virtuoso

            server = start_virtuoso(folder / "virtuoso")
            try:
                figures["per-article SPARQL Update into Virtuoso"] = remote_load_rate(
                    server.url, articles)
                _check(server.url, total)
            finally:
                server.stop()
        figures["per-article writes, embedded store (reference)"] = embedded_load_rate(
            folder / "embedded", articles)
        shutil.rmtree(folder / "embedded", ignore_errors=True)
    width = max(map(len, figures))
    for name, fig in figures.items():
        print(f"{name:<{width}}  {fig.rate:>10,.0f} quads/s  ({fig.quads:,} quads, "
              f"{fig.requests:,} requests, {fig.seconds:.2f} s)")


if __name__ == "__main__":
    main()
