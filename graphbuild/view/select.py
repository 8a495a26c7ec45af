"""Which nodes and edges a view draws: options -> a :class:`Chosen` set of IRIs + a message.

Order of the steps (each optional):

1. dates (``since``/``until``): only edges backed by an article dated within the bounds;
   an entity stays if such an article mentions it or it ends such an edge. Articles without
   ``schema:datePublished`` are kept when no bound is given and dropped by any bound.
2. focus: the entities called ``focus`` (label, alias or IRI) and everything within
   ``hops`` edges of them, either direction.
3. types (schema.org local names, subclasses included) and ``min_mentions`` (number of
   distinct articles mentioning an entity; concepts and unspecified agents belong to one
   article and count 1). Focus entities always stay.
4. cap: ``top`` N by PageRank (undirected) or degree; without ``top``, at most ``limit``
   (300) nodes, the most central ones, and the message says what was left out.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

import networkx as nx
import pyoxigraph as ox

from graphbuild.errors import ViewSelectionError
from graphbuild.rdf.vocab import PREFIXES
from graphbuild.view.skeleton import (
    DateRange,
    edges,
    edges_around,
    endpoint_type,
    entities,
    entity_count,
)
from graphbuild.view.sparql import select
from graphbuild.view.style import subtypes

__all__ = ["Selection", "Chosen", "ViewSelectionError", "choose", "resolve", "rank_nodes",
           "cap_graph", "DEFAULT_LIMIT"]

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


def _fmt(n: int) -> str:
    return f"{n:,}"


def _as_iri(text: str) -> str | None:
    """``https://...`` or ``prefix:name`` (a graphbuild prefix) as a full IRI, else None."""
    if text.startswith(("http://", "https://")) and " " not in text:
        return text
    prefix, colon, rest = text.partition(":")
    if colon and prefix in PREFIXES and rest and " " not in rest:
        return str(PREFIXES[prefix]) + rest
    return None


def resolve(store: ox.Store, name: str) -> list[str]:
    """Entities whose IRI, label or alias is ``name`` (case-insensitive); raises
    :class:`ViewSelectionError` naming close matches when there is none."""
    text = name.strip()
    iri = _as_iri(text)
    if iri and any(select(store, f"SELECT ?o WHERE {{ {ox.NamedNode(iri)} ?p ?o }} LIMIT 1")):
        return [iri]
    needle = str(ox.Literal(text.lower()))
    rows = select(store, "SELECT DISTINCT ?e WHERE { ?e gb:entityKind ?k . "
                         "{ ?e rdfs:label ?l } UNION { ?e skos:altLabel ?l } "
                         f"FILTER(LCASE(STR(?l)) = {needle}) }}")
    hits = sorted(r[0] for r in rows)
    if hits:
        return hits
    names = sorted({r[0] for r in select(
        store, "SELECT ?l WHERE { ?e gb:entityKind ?k . "
               "{ ?e rdfs:label ?l } UNION { ?e skos:altLabel ?l } }")})
    lower = {n.lower(): n for n in names}
    close = [lower[c] for c in difflib.get_close_matches(text.lower(), list(lower), n=6,
                                                         cutoff=0.6)]
    close += [n for n in names if text.lower() in n.lower() and n not in close][:6]
    hint = f"; close matches: {', '.join(repr(c) for c in close[:8])}" if close else ""
    raise ViewSelectionError(f"no entity called {name!r} (label, alias or IRI){hint}")


def _ego(store: ox.Store, focus: list[str], hops: int, dates: DateRange
         ) -> set[tuple[str, str, str]]:
    """Edges among the nodes within ``hops`` of ``focus`` (one SPARQL round per hop)."""
    seen, frontier, found = set(focus), list(focus), set()
    for _ in range(max(hops, 0)):
        if not frontier:
            break
        new = edges_around(store, frontier, dates)
        found |= new
        nxt = {x for s, _, o in new for x in (s, o)} - seen
        seen |= nxt
        frontier = sorted(nxt)
    if frontier and hops > 0:  # edges between two nodes of the last ring
        found |= edges_around(store, frontier, dates)
    return {e for e in found if e[0] in seen and e[2] in seen}


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


def cap_graph(g: nx.MultiDiGraph, limit: int, rank: str = "pagerank"
              ) -> tuple[nx.MultiDiGraph, str]:
    """At most ``limit`` nodes of an already built graph (the most central), and a note
    saying what was left out ('' when nothing was)."""
    if not limit or g.number_of_nodes() <= limit:
        return g, ""
    score = rank_nodes(g, rank)
    keep = sorted(g, key=lambda n: (-score[n], n))[:limit]
    out = g.subgraph(keep).copy()
    how = "PageRank" if rank == "pagerank" else "degree"
    return out, (f"showing {_fmt(limit)} of {_fmt(g.number_of_nodes())} entities (the most "
                 f"central by {how}); {_fmt(out.number_of_edges())} of "
                 f"{_fmt(g.number_of_edges())} relations; graphbuild view chooses others")


def _keep(info: dict, sel: Selection, wanted: set[str] | None, on_edge: bool) -> bool:
    types = info["types"] or {"Thing"}
    if wanted is not None and not types & wanted:
        return False
    if sel.dates.bounded and info["entity"] and info["mentions"] == 0 and not on_edge:
        return False
    mentions = info["mentions"] if info["entity"] else 1
    return mentions >= sel.min_mentions


def choose(store: ox.Store, sel: Selection) -> Chosen:
    """Apply the selection to the store (see the module docstring for the steps)."""
    if sel.rank not in RANKS:
        raise ViewSelectionError(f"unknown rank {sel.rank!r}: use one of {', '.join(RANKS)}")
    dates = sel.dates
    focus: list[str] = []
    if sel.focus:
        for name in sel.focus:
            focus += [f for f in resolve(store, name) if f not in focus]
        found = _ego(store, focus, sel.hops, dates)
        ids = sorted({x for s, _, o in found for x in (s, o)} | set(focus))
        ents = entities(store, only=ids, dates=dates)
    else:
        ents = entities(store, types=set(sel.types) or None, dates=dates)
        found = edges(store, dates)
    nodes = {e: {**info, "entity": True} for e, info in ents.items()}
    ends = {x for s, _, o in found for x in (s, o)}
    for end in sorted(ends - set(nodes)):
        kind = endpoint_type(end)
        if kind == "Thing" and sel.types and not sel.focus:
            continue  # most likely an entity the SPARQL type filter left out
        nodes[end] = {"types": {kind}, "mentions": 0, "entity": False}
    wanted = subtypes(sel.types) if sel.types else None
    kept = {n: info for n, info in nodes.items()
            if n in focus or _keep(info, sel, wanted, n in ends)}
    chosen_edges = {e for e in found if e[0] in kept and e[2] in kept}
    g = nx.MultiDiGraph()
    g.add_nodes_from(kept)
    g.add_edges_from((s, o, p) for s, p, o in chosen_edges)
    cap = sel.top if sel.top is not None else sel.limit
    capped = bool(cap) and g.number_of_nodes() > cap
    if capped:
        score = rank_nodes(g, sel.rank)
        order = sorted(g, key=lambda n: (n not in focus, -score[n], n))
        keep = set(order[:max(cap, len(focus))])
        kept = {n: kept[n] for n in keep}
        chosen_edges = {e for e in chosen_edges if e[0] in keep and e[2] in keep}
    message = _message(store, sel, focus, kept, chosen_edges, g, capped)
    return Chosen(nodes=kept, edges=chosen_edges, focus=focus, message=message)


def _message(store: ox.Store, sel: Selection, focus: list[str], kept: dict[str, dict],
             chosen_edges: set, before: nx.MultiDiGraph, capped: bool) -> str:
    """``showing 300 of 12,345 entities; <why>; <relations>``."""
    total = entity_count(store)
    shown = sum(1 for info in kept.values() if info["entity"])
    parts = [f"showing {_fmt(shown)} of {_fmt(total)} entities"]
    others = len(kept) - shown
    if others:
        parts[0] += f" (+ {_fmt(others)} concepts/agents)"
    if focus:
        parts.append(f"within {sel.hops} hop(s) of {len(focus)} focus entit"
                     f"{'y' if len(focus) == 1 else 'ies'}")
    if sel.types:
        parts.append("types " + ", ".join(sel.types) + " (with subtypes)")
    if sel.dates.bounded:
        parts.append(f"articles dated {sel.since or '…'} to {sel.until or '…'} "
                     "(undated articles left out)")
    if sel.min_mentions:
        parts.append(f"mentioned in at least {sel.min_mentions} article(s)")
    if capped:
        how = "PageRank" if sel.rank == "pagerank" else "degree"
        if sel.top is not None:
            parts.append(f"top {_fmt(sel.top)} of {_fmt(before.number_of_nodes())} by {how}")
        else:
            parts.append(f"the {_fmt(sel.limit)} most central of "
                         f"{_fmt(before.number_of_nodes())} by {how}; "
                         f"{_fmt(before.number_of_nodes() - len(kept))} left out "
                         "(choose with --top, --focus, --types, --since/--until, "
                         "--min-mentions)")
    parts.append(f"{_fmt(len(chosen_edges))} of {_fmt(before.number_of_edges())} relations")
    return "; ".join(parts)
