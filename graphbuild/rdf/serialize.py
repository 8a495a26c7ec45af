"""Deterministic serialisations: the same graph always gives the same bytes."""

from __future__ import annotations

from rdflib import Dataset, Graph

from graphbuild.rdf.turtle import TURTLE
from graphbuild.rdf.vocab import PREFIXES, bind_prefixes


def turtle(graph: Graph) -> str:
    """Turtle with graphbuild's prefixes; rdflib sorts subjects and predicates."""
    g = bind_prefixes(Graph())
    for t in graph:
        g.add(t)
    return g.serialize(format=TURTLE)


def trig(ds: Dataset) -> str:
    """TriG with one block per named graph, graphs in IRI order (rdflib's own TriG writer
    orders graphs by hash, so two runs differ)."""
    head = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(PREFIXES.items()))
    blocks = []
    for g in sorted(ds.graphs(), key=lambda g: str(g.identifier)):
        if len(g) == 0:
            continue
        body = [line for line in turtle(g).splitlines() if not line.startswith("@prefix")]
        inner = "\n".join(("    " + line) if line else "" for line in body).strip("\n")
        blocks.append(f"<{g.identifier}> {{\n{inner}\n}}\n")
    return head + "\n" + "\n".join(blocks)
