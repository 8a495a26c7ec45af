"""GraphML export (for Gephi, yEd, networkx) of the resource-to-resource part of a graph.

* Nodes: every IRI that is the subject of a triple or the object of a non-``rdf:type`` triple.
  Attributes: ``label`` (its ``rdfs:label``, or its prefixed name when it has none) and
  ``type`` (its ``rdf:type`` classes as prefixed names, space-separated; may be empty).
* Edges: every triple whose object is an IRI, except ``rdf:type``. Attributes:
  ``predicate`` (the full property IRI) and ``label`` (the property's ``rdfs:label`` if the
  graph has one, e.g. ``urge`` for ``rel:urge``, else its local name, e.g. ``mentions``).
* Other literals (text, offsets, confidence...) are not exported.

The result is a directed multigraph: two nodes may be linked by several properties.
"""

from __future__ import annotations

import re

import networkx as nx
from rdflib import RDF, RDFS, Graph, Literal, URIRef

from graphbuild.export.rdf import union_graph
from graphbuild.query.format import shorten

__all__ = ["to_networkx", "serialize_graphml"]

# Characters XML 1.0 cannot carry even escaped; a label containing one would break the file.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_safe(text: str) -> str:
    return _XML_ILLEGAL.sub("\ufffd", text)


def _local_name(iri: str) -> str:
    short = shorten(iri)
    if short != iri:
        return short.split(":", 1)[1]
    return re.split(r"[#/]", iri.rstrip("/#"))[-1] or iri


def _label(graph: Graph, node: URIRef) -> str | None:
    labels = sorted(str(o) for o in graph.objects(node, RDFS.label) if isinstance(o, Literal))
    return labels[0] if labels else None


def to_networkx(graph: Graph) -> nx.MultiDiGraph:
    """The resources of *graph* (a Graph or every graph of a Dataset) as a networkx graph."""
    g = union_graph(graph)
    out = nx.MultiDiGraph()

    def add_node(node: URIRef) -> None:
        if node in out:
            return
        types = sorted(shorten(str(t)) for t in g.objects(node, RDF.type))
        out.add_node(str(node), label=_xml_safe(_label(g, node) or shorten(str(node))),
                     type=_xml_safe(" ".join(types)))

    edge_labels: dict[URIRef, str] = {}
    for s, p, o in sorted(g):
        if not isinstance(s, URIRef):
            continue
        add_node(s)
        if p == RDF.type or not isinstance(o, URIRef):
            continue
        add_node(o)
        if p not in edge_labels:
            edge_labels[p] = _xml_safe(_label(g, p) or _local_name(str(p)))
        out.add_edge(str(s), str(o), predicate=str(p), label=edge_labels[p])
    return out


def serialize_graphml(graph: Graph) -> str:
    """*graph* as GraphML text (UTF-8 XML), loadable with :func:`networkx.read_graphml`."""
    return "\n".join(nx.generate_graphml(to_networkx(graph))) + "\n"
