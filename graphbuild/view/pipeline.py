"""Selection -> drawable graph -> page: what ``graphbuild view`` runs.

>>> from graphbuild.view.pipeline import open_source, write_view
>>> from graphbuild.view.select import Selection
>>> store = open_source(graph_file="out/graph.ttl")                      # doctest: +SKIP
>>> write_view(store, Selection(focus=("Maria Zakharova",)), "z.html")    # doctest: +SKIP
"""

from __future__ import annotations

import os
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from graphbuild.view.fetch import choose_query, details, run_view_query
from graphbuild.view.render import render_html
from graphbuild.view.select import Selection, choose
from graphbuild.view.sparql import open_file, open_store_dir

__all__ = ["open_source", "make_view", "write_view"]


def open_source(*, graph_file: str | os.PathLike[str] | None = None,
                store_dir: str | os.PathLike[str] | None = None) -> ox.Store:
    """A graph file parsed into memory, or a store folder opened read-only."""
    if (graph_file is None) == (store_dir is None):
        raise ValueError("give exactly one of graph_file or store_dir")
    return open_file(graph_file) if graph_file is not None else open_store_dir(store_dir)


def make_view(store: ox.Store, sel: Selection) -> tuple[nx.MultiDiGraph, str]:
    """The graph to draw for ``sel`` and the sentence saying what it shows."""
    if sel.query:
        result = run_view_query(store, sel.query)
        chosen = choose_query(result, sel)
        return details(store, chosen, extra=result), chosen.message
    chosen = choose(store, sel)
    return details(store, chosen, sel.dates), chosen.message


def write_view(store: ox.Store, sel: Selection, out: str | os.PathLike[str], *,
               title: str = "graphbuild", seed: int = 7) -> tuple[Path, str, nx.MultiDiGraph]:
    """Write the page for ``sel``; returns (path, message, drawn graph)."""
    g, message = make_view(store, sel)
    path = render_html(g, out, title=title, seed=seed, note=message, limit=0)
    return path, message, g
