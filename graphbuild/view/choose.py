"""Which part of an entity graph a page draws: a :class:`Selection` applied to the graph
built by :func:`graphbuild.view.entity_graph.entity_graph`.

Ranking runs on the named entities only (PageRank of the undirected graph weighted by
evidence counts, or degree), so the ``limit`` entities drawn are the connected, central
ones; entities with no edge are set aside (a few fill the page only when too few
connected ones exist). The nodes drawn get ``shown=True`` and ``rank`` (0 = most
central); the page also carries, hidden, the concepts and unspecified agents on the drawn
entities' edges (one click shows them) and their other neighbours (double-click expands).
"""

from __future__ import annotations

import difflib

import networkx as nx

from graphbuild.gctune import fewer_collections
from graphbuild.view.select import Selection, ViewSelectionError, _as_iri
from graphbuild.view.style import subtypes

__all__ = ["select_view", "resolve_in", "rank_entities", "EXTRA_NEIGHBOURS"]

EXTRA_NEIGHBOURS = 400  # hidden nodes carried for "show concepts" and double-click expand
_NOT_ENTITY = {"Concept", "UnspecifiedAgent"}


def _is_entity(attrs: dict) -> bool:
    return bool(attrs.get("entity", attrs.get("type") not in _NOT_ENTITY))


def resolve_in(g: nx.MultiDiGraph, name: str) -> list[str]:
    """Entities of ``g`` whose IRI, label or alias is ``name`` (case-insensitive)."""
    text = name.strip()
    iri = _as_iri(text)
    if iri and iri in g:
        return [iri]
    low = text.lower()
    hits = sorted(n for n, d in g.nodes(data=True) if _is_entity(d) and (
        str(d.get("label", "")).lower() == low
        or low in (str(a).lower() for a in d.get("aliases", ()))))
    if hits:
        return hits
    names = sorted({str(x) for _, d in g.nodes(data=True) if _is_entity(d)
                    for x in [d.get("label", ""), *d.get("aliases", ())]})
    lower = {n.lower(): n for n in names}
    close = [lower[c] for c in difflib.get_close_matches(low, list(lower), n=6, cutoff=0.6)]
    close += [n for n in names if low in n.lower() and n not in close][:6]
    hint = f"; close matches: {', '.join(repr(c) for c in close[:8])}" if close else ""
    raise ViewSelectionError(f"no entity called {name!r} (label, alias or IRI){hint}")


def _simple(g: nx.MultiDiGraph, keep: set[str] | None = None) -> nx.Graph:
    """Undirected graph of ``g`` (only the ``keep`` nodes, when given), edge weights the
    summed evidence counts. Reads ``g`` once: nested subgraph views are slow."""
    simple = nx.Graph()  # nodes and edges in sorted order: Louvain and ties are then
    # the same whatever order the store returned its rows in
    simple.add_nodes_from(sorted(g if keep is None else (n for n in g if n in keep)))
    for u, v, d in sorted(g.edges(data=True), key=lambda e: (e[0], e[1])):
        if keep is not None and (u not in keep or v not in keep):
            continue
        if u != v:
            w = d.get("count", 1) or 1
            if simple.has_edge(u, v):
                simple[u][v]["weight"] += w
            else:
                simple.add_edge(u, v, weight=w)
    return simple


def rank_entities(g: nx.MultiDiGraph, how: str = "pagerank") -> dict[str, float]:
    """Centrality of every node of ``g``: weighted PageRank (undirected) or degree."""
    return _rank(_simple(g), how)


def _rank(simple: nx.Graph, how: str) -> dict[str, float]:
    if how == "degree":
        return {n: float(d) for n, d in simple.degree(weight="weight")}
    if simple.number_of_edges() == 0:
        return {n: 0.0 for n in simple}
    return nx.pagerank(simple, weight="weight")


def _fmt(n: int) -> str:
    return f"{n:,}"


@fewer_collections()
def select_view(g: nx.MultiDiGraph, sel: Selection, *, copy: bool = True
                ) -> tuple[nx.MultiDiGraph, str]:
    """The graph to draw (drawn nodes ``shown=True`` with ``rank``; hidden extras
    ``shown=False``) and the sentence saying what it shows. With ``copy=False`` a
    selection that keeps every node marks ``g`` itself (no copy of a big graph)."""
    ent_set = {n for n, d in g.nodes(data=True) if _is_entity(d)}
    ents = g.subgraph(ent_set)
    focus: list[str] = []
    for name in sel.focus:
        focus += [f for f in resolve_in(g, name) if f not in focus]
    pool = set(ent_set)
    if focus:
        und = _simple(g, ent_set)
        near: set[str] = set()
        for f in focus:
            near |= set(nx.single_source_shortest_path_length(und, f, cutoff=sel.hops))
        pool = near
    if sel.types:
        wanted = subtypes(sel.types)
        pool = {n for n in pool if set(ents.nodes[n].get("types") or [ents.nodes[n].get(
            "type", "Thing")]) & wanted or n in focus}
    if sel.min_mentions:
        pool = {n for n in pool if ents.nodes[n].get("mentions", 0) >= sel.min_mentions
                or n in focus}
    cand = _simple(g, pool)
    score = _rank(cand, sel.rank)
    connected = [n for n in cand if cand.degree(n) > 0]
    isolated = [n for n in cand if cand.degree(n) == 0]

    def key(n: str) -> tuple:
        return (n not in focus, -score.get(n, 0.0), -ents.nodes[n].get("mentions", 0),
                str(ents.nodes[n].get("label", n)), n)

    connected.sort(key=key)
    isolated.sort(key=key)
    cap = sel.top if sel.top is not None else sel.limit
    if cap:
        shown = connected[:max(cap, len([f for f in focus if f in connected]))]
        room = max(cap - len(shown), 0)
        # the default limit sets entities without relations aside (a few fill a page that
        # has too few connected ones); an explicit --top N draws N
        allowed = room if not shown or sel.top is not None else \
            min(room, max(5, len(shown) // 10))
        shown += isolated[:allowed]
    else:
        shown = connected + isolated
    shown_set = set(shown)
    extras = _extras(g, shown_set) if cap else _extras(g, shown_set, limit=None)
    keep = shown_set | extras
    everything = len(keep) == g.number_of_nodes()
    out = g.subgraph(keep).copy() if not everything else g.copy() if copy else g
    for i, n in enumerate(shown):
        out.nodes[n]["shown"] = True
        out.nodes[n]["rank"] = i
    for n in extras:
        out.nodes[n]["shown"] = False
        out.nodes[n]["rank"] = len(shown) + 1
    return out, _message(g, ents, sel, focus, shown, isolated, cand, out, cap)


def _extras(g: nx.MultiDiGraph, shown: set[str], limit: int | None = EXTRA_NEIGHBOURS
            ) -> set[str]:
    """Hidden neighbours of the drawn nodes: concepts/agents first, then entities, those
    with the most edges to drawn nodes first."""
    hits: dict[str, int] = {}
    for n in shown:
        for nb in set(g.successors(n)) | set(g.predecessors(n)):
            if nb not in shown:
                hits[nb] = hits.get(nb, 0) + 1
    order = sorted(hits, key=lambda n: (_is_entity(g.nodes[n]), -hits[n], n))
    return set(order if limit is None else order[:limit])


def _message(g: nx.MultiDiGraph, ents: nx.MultiDiGraph, sel: Selection, focus: list[str],
             shown: list[str], isolated: list[str], cand: nx.MultiDiGraph,
             out: nx.MultiDiGraph, cap: int | None) -> str:
    drawn = set(shown)
    n_rel = sum(1 for u, v in out.edges() if u in drawn and v in drawn)
    parts = [f"showing {_fmt(len(shown))} of {_fmt(ents.number_of_nodes())} entities"]
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
    if cap and len(cand) > len(shown):
        how = "PageRank" if sel.rank == "pagerank" else "degree"
        parts.append(f"the most central by {how} ({_fmt(len(cand) - len(shown))} "
                     "left out: see --top, --focus, --types, --since, --min-mentions, --all)")
    left = len([n for n in isolated if n not in out or not out.nodes[n].get("shown")])
    if left:
        parts.append(f"{_fmt(left)} of them without relations")
    parts.append(f"{_fmt(n_rel)} relations")
    hidden = sum(1 for _, d in out.nodes(data=True) if not d.get("shown")
                 and not _is_entity(d))
    if hidden:
        parts.append(f"{_fmt(hidden)} concepts/agents hidden (tick 'concepts' to show)")
    return "; ".join(parts)
