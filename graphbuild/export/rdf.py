"""Serialise a Dataset as Turtle, N-Triples, N-Quads, TriG, JSON-LD or RDF/XML.

Triples-only formats (ttl, nt, xml) get the union of all named graphs; quad formats
(nq, trig, jsonld) keep the named graphs. JSON-LD carries a compact ``@context`` made of
the graphbuild prefixes.
"""

from __future__ import annotations

import warnings

from rdflib import Dataset, Graph

from graphbuild.errors import GraphFileError
from graphbuild.rdf.turtle import TRIG, TURTLE
from graphbuild.rdf.vocab import PREFIXES, bind_prefixes

__all__ = ["RDF_FORMATS", "serialize_rdf", "union_graph"]

#: export format name -> rdflib serializer name
RDF_FORMATS: dict[str, str] = {
    "ttl": TURTLE,
    "nt": "nt",
    "nq": "nquads",
    "trig": TRIG,
    "jsonld": "json-ld",
    "xml": "xml",
}

_QUAD_FORMATS = {"nq", "trig", "jsonld"}


def jsonld_context() -> dict[str, str]:
    """The compact JSON-LD ``@context``: one entry per graphbuild prefix."""
    return {prefix: str(ns) for prefix, ns in PREFIXES.items()}


def union_graph(graph: Graph) -> Graph:
    """All triples of *graph* (every named graph of a Dataset) in one plain Graph."""
    union = bind_prefixes(Graph())
    if isinstance(graph, Dataset):
        for s, p, o, _ in graph.quads((None, None, None, None)):
            union.add((s, p, o))
    else:
        for triple in graph:
            union.add(triple)
    return union


def serialize_rdf(graph: Graph, fmt: str) -> str:
    """*graph* in export format *fmt* (a key of :data:`RDF_FORMATS`) as text."""
    source: Graph = graph if fmt in _QUAD_FORMATS and isinstance(graph, Dataset) else \
        union_graph(graph)
    bind_prefixes(source)
    kwargs: dict[str, object] = {}
    if fmt == "jsonld":
        kwargs = {"context": jsonld_context(), "auto_compact": True}
    try:
        with warnings.catch_warnings():  # rdflib's serializers use its own deprecated APIs
            warnings.simplefilter("ignore", DeprecationWarning)
            text = source.serialize(format=RDF_FORMATS[fmt], encoding=None, **kwargs)
    except Exception as err:  # e.g. RDF/XML cannot write a predicate with no local name
        problem = " ".join(str(err).split()) or type(err).__name__
        raise GraphFileError(f"cannot write the graph as {fmt}: {problem}") from err
    if isinstance(text, bytes):  # pragma: no cover - rdflib returns str without encoding
        text = text.decode("utf-8")
    return text if text.endswith("\n") else text + "\n"
