"""Run SPARQL with graphbuild's prefixes in tests; values are bound, never formatted in."""

from __future__ import annotations

from rdflib import Literal
from rdflib.term import Node

from graphbuild.rdf.vocab import PREFIXES


def rows(graph, query: str, **bindings) -> list[tuple]:  # noqa: ANN001
    init = {k: (v if isinstance(v, Node) else Literal(v)) for k, v in bindings.items()}
    return [tuple(r) for r in graph.query(query, initNs=PREFIXES, initBindings=init)]


def one(graph, query: str, **bindings):  # noqa: ANN001, ANN201
    found = rows(graph, query, **bindings)
    assert len(found) == 1, f"expected one row, got {len(found)}: {found}"
    return found[0]
