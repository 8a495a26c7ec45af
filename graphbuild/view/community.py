"""Optional community colouring: Louvain communities (networkx) of the drawn entities;
above :data:`LOUVAIN_MAX_NODES` drawn nodes (Louvain and label propagation take seconds
there) the connected components instead."""

from __future__ import annotations

import networkx as nx

__all__ = ["add_communities", "LOUVAIN_MAX_NODES"]

LOUVAIN_MAX_NODES = 1500


def add_communities(g: nx.MultiDiGraph, *, seed: int = 7) -> int:
    """Set ``community`` (0 = largest; -1 for hidden nodes and entities alone in theirs)
    on every node of ``g``; returns the number of communities of two or more."""
    from graphbuild.view.choose import _simple

    shown = {n for n, d in g.nodes(data=True) if d.get("shown", True)}
    for n in g:
        g.nodes[n]["community"] = -1
    if len(shown) <= LOUVAIN_MAX_NODES:
        simple = _simple(g, shown)
        if simple.number_of_edges() == 0:
            return 0
        parts = nx.community.louvain_communities(simple, weight="weight", seed=seed)
    else:  # the components, straight from the edges (no weighted copy of a big graph)
        parts = _components(g, shown)
    parts = sorted((sorted(p) for p in parts if len(p) > 1), key=lambda p: (-len(p), p[0]))
    for i, part in enumerate(parts):
        for n in part:
            g.nodes[n]["community"] = i
    return len(parts)


def _components(g: nx.MultiDiGraph, keep: set[str]) -> list[set[str]]:
    """Connected components of the ``keep`` nodes of ``g`` (edges in any direction)."""
    und = nx.Graph()
    und.add_nodes_from(keep)
    und.add_edges_from((u, v) for u, v in g.edges() if u != v and u in keep and v in keep)
    return list(nx.connected_components(und))
