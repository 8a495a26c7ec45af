"""Narratives of a files-mode build: all articles are in memory, so every appearance is
compared with its candidates at once (same test and keys as a store)."""

from __future__ import annotations

from rdflib import Dataset

from graphbuild.narrative.cluster import Narrative, link_triples, narrative_triples, narratives
from graphbuild.narrative.read import appearances
from graphbuild.narrative.similar import link_all
from graphbuild.narrative.store import NARRATIVE_GRAPH
from graphbuild.store.terms import prologue

__all__ = ["add_narratives"]


def add_narratives(ds: Dataset) -> list[Narrative]:
    """Link the appearances of ``ds`` and add the links and narratives to its graph
    ``GRAPH:narratives``; returns the narratives."""
    def rows(sparql: str):  # noqa: ANN202
        for row in ds.query(prologue() + sparql):
            yield tuple(None if v is None else str(v) for v in row)

    apps = {a.iri: a for a in appearances(rows)}
    links = link_all(apps)
    found = narratives(apps, links)
    if links:
        g = ds.graph(NARRATIVE_GRAPH)
        for lk in links:
            for t in link_triples(lk):
                g.add(t)
        for n in found:
            for t in narrative_triples(n):
                g.add(t)
    return found
