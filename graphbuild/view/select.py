"""What a view draws: the :class:`Selection` options (applied to the entity graph by
:mod:`graphbuild.view.choose`), and the :class:`Chosen` nodes and edges of a query result.

Options, each optional: dates (``since``/``until``: only evidence from articles dated within
the bounds; articles without ``schema:datePublished`` are dropped by any bound); focus (the
entities called ``focus`` - label, alias or IRI - and everything within ``hops`` edges);
types (schema.org local names, subclasses included) and ``min_mentions`` (articles
mentioning an entity), focus entities always kept; a cap: ``top`` N by PageRank or degree,
else at most ``limit`` (300) entities, the most central ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx

from graphbuild.errors import ViewSelectionError
from graphbuild.rdf.vocab import PREFIXES
from graphbuild.view.skeleton import DateRange

__all__ = ["Selection", "Chosen", "ViewSelectionError", "rank_nodes", "DEFAULT_LIMIT",
           "RANKS"]

DEFAULT_LIMIT = 300
RANKS = ("pagerank", "degree")


@dataclass(frozen=True)
class Selection:
    """What to draw. The defaults draw everything up to :data:`DEFAULT_LIMIT` nodes."""

    focus: tuple[str, ...] = ()
    hops: int = 2
    top: int | None = None
    rank: str = "pagerank"
    types: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None
    min_mentions: int = 0
    query: str | None = None
    limit: int = DEFAULT_LIMIT

    @property
    def dates(self) -> DateRange:
        return DateRange(self.since, self.until)


@dataclass
class Chosen:
    """The selected node IRIs (with ``types``/``mentions``/``entity``) and edges."""

    nodes: dict[str, dict]
    edges: set[tuple[str, str, str]]
    focus: list[str] = field(default_factory=list)
    message: str = ""


def _as_iri(text: str) -> str | None:
    """``https://...`` or ``prefix:name`` (a graphbuild prefix) as a full IRI, else None."""
    if text.startswith(("http://", "https://")) and " " not in text:
        return text
    prefix, colon, rest = text.partition(":")
    if colon and prefix in PREFIXES and rest and " " not in rest:
        return str(PREFIXES[prefix]) + rest
    return None


def rank_nodes(g: nx.MultiDiGraph, how: str = "pagerank") -> dict[str, float]:
    """Centrality of every node: PageRank of the undirected graph, or degree."""
    if how == "degree":
        return {n: float(d) for n, d in g.degree()}
    if g.number_of_edges() == 0:
        return {n: 0.0 for n in g}
    simple = nx.Graph()
    simple.add_nodes_from(g)
    for u, v in g.edges():
        if u != v:
            w = simple[u][v]["weight"] + 1 if simple.has_edge(u, v) else 1
            simple.add_edge(u, v, weight=w)
    return nx.pagerank(simple, weight="weight")
