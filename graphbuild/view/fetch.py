"""A ``--query`` result as the nodes and edges to draw: a CONSTRUCT's triples, or a
SELECT's ``?s ?p ?o`` rows (:func:`run_view_query`), cut to the ``top``/``limit`` most
central nodes (:func:`choose_query`). :func:`graphbuild.view.pipeline.query_view` draws them
with the labels, types and evidence of the store's entity graph.
"""

from __future__ import annotations

from typing import Any

import networkx as nx
import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from graphbuild.errors import QueryError
from graphbuild.query.guard import check_sparql
from graphbuild.view.select import Chosen, Selection, rank_nodes
from graphbuild.view.sparql import (
    PROLOGUE,
    to_rdflib_graph,
)

__all__ = ["run_view_query", "choose_query", "QUERY_LIMIT"]

QUERY_LIMIT = 300


def run_view_query(store: ox.Store, text: str) -> Graph:
    """The triples of a CONSTRUCT, or of a SELECT binding ?s ?p ?o (rows with all three
    bound), as an rdflib Graph."""
    check_sparql(text)  # nothing outside the store: SERVICE, LOAD, other graphs refused
    try:
        result: Any = store.query(PROLOGUE + text, use_default_graph_as_union=True)
    except SyntaxError as err:
        raise QueryError(str(err)) from err
    if isinstance(result, ox.QueryTriples):
        return to_rdflib_graph(result)
    if isinstance(result, ox.QuerySolutions):
        names = {v.value for v in result.variables}
        if not {"s", "p", "o"} <= names:
            raise QueryError("a --query SELECT must bind ?s ?p ?o (or use CONSTRUCT)")
        rows = (ox.Triple(r["s"], r["p"], r["o"]) for r in result
                if r["s"] is not None and r["p"] is not None and r["o"] is not None
                and not isinstance(r["s"], ox.Literal)
                and isinstance(r["p"], ox.NamedNode))
        return to_rdflib_graph(rows)
    raise QueryError("a --query must be a CONSTRUCT or a SELECT binding ?s ?p ?o, not an ASK")


def choose_query(result: Graph, sel: Selection) -> Chosen:
    """Nodes (IRI subjects and objects) and edges (IRI objects, rdf:type aside) of a query
    result, capped like any view (``top`` or ``limit`` most central)."""
    g = nx.MultiDiGraph()
    for s, p, o in result:
        if not isinstance(s, URIRef):
            continue
        g.add_node(str(s))
        if isinstance(o, URIRef) and p != RDF.type:
            g.add_edge(str(s), str(o), key=str(p))
    cap = sel.top if sel.top is not None else sel.limit
    total_nodes, total_edges = g.number_of_nodes(), g.number_of_edges()
    note = ""
    if cap and total_nodes > cap:
        score = rank_nodes(g, sel.rank)
        g = g.subgraph(sorted(g, key=lambda n: (-score[n], n))[:cap]).copy()
        note = f"; the {cap:,} most central by {sel.rank}"
    edges = {(s, k, o) for s, o, k in g.edges(keys=True)}
    nodes = {n: {"types": set(), "mentions": 0, "entity": False} for n in g}
    message = (f"showing {len(nodes):,} of {total_nodes:,} nodes of the query result{note}; "
               f"{len(edges):,} of {total_edges:,} relations")
    return Chosen(nodes=nodes, edges=edges, message=message)
