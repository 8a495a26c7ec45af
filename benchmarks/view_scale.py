"""How long ``graphbuild view`` takes at 100, 1,000 and 5,000 nodes (no asserts).

Generates synthetic graphs in the documented RDF shape (about 2 edges per node, each backed
by a statement and a sentence), then times

* Python: load the Turtle into Oxigraph, build the entity graph, select (no limit), read the
  drawn edges' sentences, lay out and write the HTML page (the same steps as
  ``graphbuild view FILE --all``; target: at most 3 s for 5,000 entities);
* browser: headless Chromium (Debian's, via Playwright) from navigation until the page sets
  ``body[data-gb-ready]`` (drawn, top labels sized and pushed apart), with every non-file
  request blocked and counted (target: at most 3 s for 5,000 entities).

Run: ``python benchmarks/view_scale.py [--sizes 100,1000,5000] [--keep DIR]
[--compare-layouts]`` (the last also times networkx's spring, ForceAtlas2 and Kamada-Kawai
layouts on the same graphs, which is why the view uses its own).
"""

from __future__ import annotations

import argparse
import os
import platform
import tempfile
import time
from pathlib import Path
from typing import Any

from graphbuild.gctune import fewer_collections
from graphbuild.view.choose import select_view
from graphbuild.view.entity_graph import attach_texts, entity_graph
from graphbuild.view.render import render_html
from graphbuild.view.select import Selection
from graphbuild.view.sparql import open_file
from graphbuild.view.synthetic import write_synthetic

CHROMIUM = Path("/usr/bin/chromium")


def python_times(ttl: Path, html: Path) -> dict[str, Any]:
    """Seconds per step of the Python side, and the drawn graph's size."""
    t0 = time.perf_counter()
    store = open_file(ttl)
    t1 = time.perf_counter()
    with fewer_collections():  # as graphbuild.view.pipeline.write_view, which the CLI runs
        full = entity_graph(store, texts=False)
        t2 = time.perf_counter()
        g, _ = select_view(full, Selection(limit=0), copy=False)
        attach_texts(store, g)
        t3 = time.perf_counter()
        render_html(g, html, title=ttl.stem, limit=0)
        t4 = time.perf_counter()
    return {"nodes": g.number_of_nodes(), "edges": g.number_of_edges(), "triples": len(store),
            "load": t1 - t0, "entities": t2 - t1, "select": t3 - t2, "layout+html": t4 - t3,
            "python": t4 - t0, "mb": html.stat().st_size / 1e6}


def browser_time(browser: Any, html: Path) -> tuple[float, int]:
    """Seconds from navigation to the ready flag, and the number of blocked requests."""
    context = browser.new_context(viewport={"width": 1400, "height": 850})
    page = context.new_page()
    url = html.resolve().as_uri()
    blocked: list[str] = []

    def route(r: Any) -> None:
        if r.request.url == url or r.request.url.startswith(("data:", "about:")):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_selector("body[data-gb-ready='1']", state="attached", timeout=120_000)
    seconds = time.perf_counter() - start
    context.close()
    return seconds, len(blocked)


def compare_layouts(sizes: list[int], budget: float) -> None:
    """Seconds of networkx's layouts and ours on the synthetic graphs' skeletons. A run
    whose quadratic extrapolation from the previous size exceeds ``budget`` seconds is not
    made: its estimate is printed as ``~N``."""
    import networkx as nx

    from graphbuild.view.layout import layout

    candidates = {
        "graphbuild grid_fr": lambda g: layout(g),
        "nx.spring_layout": lambda g: nx.spring_layout(g, seed=7),
        "nx.forceatlas2_layout": lambda g: nx.forceatlas2_layout(g, seed=7, max_iter=100),
        "nx.kamada_kawai_layout": lambda g: nx.kamada_kawai_layout(g),
    }
    graphs = {}
    for n in sizes:
        store = open_file(write_synthetic(Path(tempfile.mkdtemp()) / "g.ttl", n))
        graphs[n] = nx.Graph()
        graphs[n].add_nodes_from(range(n))
        graphs[n].add_edges_from(entity_graph(store, texts=False).edges())
    print("layout seconds:", " | ".join(f"{n:>7}" for n in sizes))
    for name, run in candidates.items():
        cells, last = [], None
        for n in sizes:
            if last is not None and last[1] * (n / last[0]) ** 2 > budget:
                cells.append(f"~{last[1] * (n / last[0]) ** 2:.0f}")
                continue
            start = time.perf_counter()
            run(graphs[n])
            last = (n, time.perf_counter() - start)
            cells.append(f"{last[1]:.2f}")
        print(f"{name:>24}:", " | ".join(f"{c:>7}" for c in cells))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,5000")
    parser.add_argument("--keep", type=Path, help="keep the .ttl and .html files here")
    parser.add_argument("--compare-layouts", action="store_true",
                        help="also time networkx's layouts (slow: minutes)")
    parser.add_argument("--budget", type=float, default=60.0,
                        help="with --compare-layouts: do not run a layout expected to take "
                             "longer than this (seconds)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    if args.compare_layouts:
        compare_layouts(sizes, args.budget)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="gb-view-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for n in sizes:
        ttl = write_synthetic(folder / f"synthetic-{n}.ttl", n)
        rows.append({"n": n, **python_times(ttl, folder / f"synthetic-{n}.html")})
    if CHROMIUM.exists():
        from playwright.sync_api import sync_playwright

        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM),
                                         args=["--no-sandbox", "--disable-gpu"])
            for row in rows:
                row["browser"], row["blocked"] = browser_time(
                    browser, folder / f"synthetic-{row['n']}.html")
            browser.close()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}, {platform.platform()}")
    head = ("nodes", "edges", "triples", "load", "entities", "select", "layout+html",
            "python", "browser", "MB", "blocked")
    print(" | ".join(f"{h:>11}" for h in head))
    for r in rows:
        cells = [r["nodes"], r["edges"], r["triples"], *(f"{r[k]:.2f}" for k in (
            "load", "entities", "select", "layout+html", "python")),
            f"{r['browser']:.2f}" if "browser" in r else "n/a", f"{r['mb']:.1f}",
            r.get("blocked", "n/a")]
        print(" | ".join(f"{c:>11}" for c in cells))
    print(f"(seconds; files in {folder})")


if __name__ == "__main__":
    main()
