"""Chosen IRIs -> the drawable networkx graph, reading only what those nodes and edges need.

A few CONSTRUCT queries (``VALUES`` blocks of the chosen IRIs; property lists are written
``FILTER(?p IN ...)``: a second ``VALUES`` makes Oxigraph 0.5 join 100x slower) copy the
chosen entities' types, labels, aliases, roles and mentions, the chosen edges, the
statements and roles that back them and the sentences/articles/claimers those cite into a
small rdflib graph, which :func:`graphbuild.view.netx.to_networkx` turns into the graph to
draw. ``--query`` results
(CONSTRUCT, or SELECT ?s ?p ?o) are drawn the same way, their other triples as plain edges.
"""

from __future__ import annotations

from typing import Any

import networkx as nx
import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from graphbuild.errors import QueryError
from graphbuild.query.guard import check_sparql
from graphbuild.rdf.vocab import GB
from graphbuild.view.netx import node_attrs, predicate_label, to_networkx
from graphbuild.view.select import Chosen, Selection, rank_nodes
from graphbuild.view.skeleton import NO_DATES, DateRange
from graphbuild.view.sparql import (
    PROLOGUE,
    chunks,
    construct,
    iri_values,
    to_rdflib_graph,
    values,
)

__all__ = ["details", "run_view_query", "choose_query", "QUERY_LIMIT"]

QUERY_LIMIT = 300

_NODE = """CONSTRUCT { ?n ?p ?v } WHERE { %s ?n ?p ?v .
  FILTER(?p IN (rdf:type, rdfs:label, skos:altLabel, gb:entityKind, schema:jobTitle)) }"""
_MENTIONS = "CONSTRUCT { ?a schema:mentions ?n } WHERE { %s ?a schema:mentions ?n . %s }"
_QUOTES = """CONSTRUCT { ?q schema:spokenByCharacter ?n } WHERE { %s
  ?q schema:spokenByCharacter ?n . %s }"""
_ROLES = """CONSTRUCT { ?r ?p ?v } WHERE { %s ?r gb:roleHolder ?n . %s ?r ?p ?v .
  FILTER(?p IN (rdf:type, gb:roleHolder, gb:roleOrganization, schema:roleName, gb:sentence,
                gb:article)) }"""
_EDGES = """CONSTRUCT { ?s ?p ?o . ?p rdfs:label ?l } WHERE { %s
  OPTIONAL { ?p rdfs:label ?l } }"""
_STATEMENTS = """CONSTRUCT { ?x ?q ?v } WHERE { %s
  ?x rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o . %s ?x ?q ?v .
  FILTER(?q IN (rdf:type, rdf:subject, rdf:predicate, rdf:object, gb:sentence, gb:article,
                gb:hedge, gb:negated, gb:claimedBy)) }"""
_CONTEXT = """CONSTRUCT { ?x ?p ?v } WHERE { %s ?x ?p ?v .
  FILTER(?p IN (schema:text, schema:headline, schema:datePublished, gb:datelineDate,
                rdfs:label)) }"""


def _fill(store: ox.Store, graph: Graph, template: str, blocks: list[str], *extra: str) -> None:
    for block in blocks:
        to_rdflib_graph(construct(store, template % (block, *extra)), graph)


def details(store: ox.Store, chosen: Chosen, dates: DateRange = NO_DATES,
            extra: Graph | None = None) -> nx.MultiDiGraph:
    """The drawable graph of exactly the chosen nodes and edges (evidence within ``dates``).
    ``extra`` triples (a query's result) are added first; its edges that
    :func:`to_networkx` does not draw become plain edges without evidence."""
    g = Graph(store="SimpleMemory")  # no contexts: 2x faster to fill than the default
    if extra is not None:
        for t in extra:
            g.add(t)
    nodes = sorted(chosen.nodes)
    node_blocks = [iri_values("n", block) for block in chunks(nodes)]
    date_filter = dates.sparql()
    _fill(store, g, _NODE, node_blocks)
    _fill(store, g, _MENTIONS, node_blocks, date_filter)
    bounded = dates.bounded
    _fill(store, g, _QUOTES, node_blocks, f"?q gb:article ?a . {date_filter}" if bounded else "")
    _fill(store, g, _ROLES, node_blocks, f"?r gb:article ?a . {date_filter}" if bounded else "")
    edge_blocks = [values(["s", "p", "o"], block) for block in chunks(sorted(chosen.edges))]
    _fill(store, g, _EDGES, edge_blocks)
    _fill(store, g, _STATEMENTS, edge_blocks,
          f"?x gb:article ?a . {date_filter}" if bounded else "")
    cited: set[str] = set()
    for pred in (GB.sentence, GB.article, GB.claimedBy):
        cited.update(str(o) for o in g.objects(None, pred) if isinstance(o, URIRef))
    _fill(store, g, _CONTEXT, [iri_values("x", b) for b in chunks(sorted(cited))])
    out = to_networkx(g)
    keep = set(chosen.nodes)
    for node in keep - set(out):
        out.add_node(node, **node_attrs(g, URIRef(node), 0, 0))
    out.remove_nodes_from([n for n in list(out) if n not in keep])
    wanted = {(s, o, p) for s, p, o in chosen.edges}
    out.remove_edges_from([e for e in out.edges(keys=True) if e not in wanted])
    for s, o, p in sorted(wanted - set(out.edges(keys=True))):
        out.add_edge(s, o, key=p, predicate=p, label=predicate_label(g, URIRef(p)),
                     evidence=[])
    return out


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
