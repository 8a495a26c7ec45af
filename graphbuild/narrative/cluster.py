"""Narratives: the connected groups of linked appearances, as RDF.

A narrative is a connected component (networkx) of the links of
:mod:`graphbuild.narrative.similar` that spans at least two articles. Its IRI, its label
and its first appearance depend only on the set of its appearances (the earliest by date,
then article id and offset), so the narratives do not depend on the order in which articles
were built. Shape: ``docs/narratives.md`` and ``graphbuild/rdf/ontology.ttl``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import networkx as nx
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from graphbuild.narrative.similar import Appearance, Link
from graphbuild.rdf.convert import _dec
from graphbuild.rdf.vocab import GB, ID, SDO, short_hash

__all__ = ["Narrative", "narratives", "narrative_triples", "link_triples", "LABEL_CHARS"]

LABEL_CHARS = 200


class Narrative:
    """One narrative: its appearances, earliest first."""

    __slots__ = ("appearances",)

    def __init__(self, appearances: Iterable[Appearance]) -> None:
        self.appearances = sorted(appearances, key=Appearance.order_key)

    @property
    def first(self) -> Appearance:
        return self.appearances[0]

    @property
    def iri(self) -> URIRef:
        return ID[f"narrative/{short_hash(*sorted(a.iri for a in self.appearances), n=16)}"]

    @property
    def articles(self) -> set[str]:
        return {a.article for a in self.appearances}


def narratives(appearances: dict[str, Appearance], links: Iterable[Link]) -> list[Narrative]:
    """The narratives the ``links`` make among ``appearances`` (IRI -> appearance), sorted by
    first appearance; links to unknown appearances are ignored."""
    g = nx.Graph()
    g.add_edges_from((lk.a, lk.b) for lk in links
                     if lk.a in appearances and lk.b in appearances)
    found = []
    for comp in nx.connected_components(g):
        n = Narrative(appearances[i] for i in comp)
        if len(n.articles) >= 2:
            found.append(n)
    return sorted(found, key=lambda n: n.first.order_key())


def _date(text: str) -> Literal:
    return Literal(text, datatype=XSD.dateTime if "T" in text else XSD.date, normalize=False)


def narrative_triples(n: Narrative) -> Iterator[tuple]:
    node, first = n.iri, n.first
    yield node, RDF.type, SDO.Claim
    yield node, RDF.type, GB.Narrative
    label = first.text if len(first.text) <= LABEL_CHARS else first.text[:LABEL_CHARS - 1] + "…"
    yield node, RDFS.label, Literal(label)
    yield node, SDO.firstAppearance, URIRef(first.iri)
    if first.date:
        yield node, SDO.dateCreated, _date(first.date)
    yield node, GB.appearanceCount, Literal(len(n.appearances), datatype=XSD.integer)
    yield node, GB.articleCount, Literal(len(n.articles), datatype=XSD.integer)
    for a in n.appearances:
        yield node, SDO.appearance, URIRef(a.iri)
        yield URIRef(a.iri), GB.narrative, node
        for s in sorted(a.speakers):
            yield node, SDO.author, URIRef(s)
        for e in sorted(a.about):
            yield node, SDO.about, URIRef(e)


def link_triples(lk: Link) -> Iterator[tuple]:
    node = ID[f"narrative-link/{short_hash(lk.a, lk.b, n=16)}"]
    a, b = URIRef(lk.a), URIRef(lk.b)
    yield a, GB.sameClaimAs, b
    yield b, GB.sameClaimAs, a
    yield node, RDF.type, GB.NarrativeLink
    yield node, GB.linkFrom, a
    yield node, GB.linkTo, b
    yield node, GB.linkKind, Literal(lk.kind)
    for art in sorted(set(lk.articles)):
        yield node, GB.linkArticle, URIRef(art)
    yield node, GB.similarity, _dec(lk.similarity, 3)
