"""Selection -> drawable graph -> page: what ``graphbuild view`` runs.

>>> from graphbuild.view.pipeline import write_view
>>> from graphbuild.view.select import Selection
>>> from graphbuild.view.sparql import open_file
>>> store = open_file("out/graph.ttl")  # or graphbuild.store.open(DIR, "r").store  # doctest: +SKIP
>>> write_view(store, Selection(focus=("Maria Zakharova",)), "z.html")    # doctest: +SKIP
"""

from __future__ import annotations

import os
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

from graphbuild.gctune import fewer_collections
from graphbuild.view.choose import rank_entities, select_view
from graphbuild.view.entity_graph import _predicate_label, attach_texts, entity_graph
from graphbuild.view.fetch import choose_query, run_view_query
from graphbuild.view.render import render_html
from graphbuild.view.select import Selection

__all__ = ["make_view", "write_view", "query_view"]


@fewer_collections()
def make_view(store: ox.Store, sel: Selection) -> tuple[nx.MultiDiGraph, str]:
    """The graph to draw for ``sel`` and the sentence saying what it shows."""
    if sel.query:
        return query_view(store, run_view_query(store, sel.query), sel)
    g = entity_graph(store, dates=sel.dates, texts=False)
    view, message = select_view(g, sel, copy=False)
    attach_texts(store, view)
    return view, message


def _label(result: Graph, node: str) -> str:
    labels = sorted(str(o) for o in result.objects(URIRef(node), RDFS.label)
                    if isinstance(o, Literal))
    return labels[0] if labels else node.rstrip("/").rsplit("/", 1)[-1].replace("_", " ")


def query_view(store: ox.Store, result: Graph, sel: Selection | None = None
               ) -> tuple[nx.MultiDiGraph, str]:
    """The nodes and edges of a query result (CONSTRUCT triples), drawn with the labels,
    types and evidence the store's entity graph has for them; result edges the entity
    graph lacks are drawn without evidence."""
    chosen = choose_query(result, sel or Selection())
    g = entity_graph(store, texts=False)
    view = g.subgraph(set(chosen.nodes) & set(g)).copy()
    view.remove_edges_from([(s, o, k) for s, o, k in list(view.edges(keys=True))
                            if (s, k, o) not in chosen.edges])
    for node in sorted(set(chosen.nodes) - set(view)):
        view.add_node(node, label=_label(result, node), type="Thing", types=["Thing"],
                      kind="other", entity=True, aliases=[], roles=[], mentions=0, said=[])
    for s, p, o in sorted(chosen.edges):
        if not view.has_edge(s, o, key=p):
            view.add_edge(s, o, key=p, relation=p, predicate=p, label=_predicate_label(
                p, _label(result, p) if (URIRef(p), RDFS.label, None) in result else None),
                kind="action", evidence=[], count=1, confidence=None, weak=False)
    score = rank_entities(view, (sel or Selection()).rank)
    for i, n in enumerate(sorted(view, key=lambda n: (-score.get(n, 0.0), n))):
        view.nodes[n]["shown"] = True
        view.nodes[n]["rank"] = i  # the most central get the labels drawn at first
    attach_texts(store, view)
    return view, chosen.message


@fewer_collections()
def write_view(store: ox.Store, sel: Selection, out: str | os.PathLike[str], *,
               title: str = "graphbuild", seed: int = 7) -> tuple[Path, str, nx.MultiDiGraph]:
    """Write the page for ``sel``; returns (path, message, drawn graph)."""
    g, message = make_view(store, sel)
    path = render_html(g, out, title=title, seed=seed, note=message, limit=0)
    return path, message, g
