"""Optional community colouring: Louvain communities (networkx) of the drawn entities."""

from __future__ import annotations

import networkx as nx

__all__ = ["add_communities"]


def add_communities(g: nx.MultiDiGraph, *, seed: int = 7) -> int:
    """Set ``community`` (0 = largest; -1 for hidden nodes and entities alone in theirs)
    on every node of ``g``; returns the number of communities of two or more."""
    shown = [n for n, d in g.nodes(data=True) if d.get("shown", True)]
    simple = nx.Graph()
    simple.add_nodes_from(shown)
    for u, v, d in g.subgraph(shown).edges(data=True):
        if u != v:
            w = d.get("count", 1) or 1
            simple.add_edge(u, v, weight=simple[u][v]["weight"] + w if simple.has_edge(u, v)
                            else w)
    for n in g:
        g.nodes[n]["community"] = -1
    if simple.number_of_edges() == 0:
        return 0
    parts = nx.community.louvain_communities(simple, weight="weight", seed=seed)
    parts = sorted((sorted(p) for p in parts if len(p) > 1), key=lambda p: (-len(p), p[0]))
    for i, part in enumerate(parts):
        for n in part:
            g.nodes[n]["community"] = i
    return len(parts)
