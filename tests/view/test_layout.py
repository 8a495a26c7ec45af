"""Python-side layout: every node placed, deterministic, components apart, fast enough."""

from __future__ import annotations

import math
import time

import networkx as nx

from graphbuild.view.layout import SPACING, layout


def test_every_node_placed_and_deterministic() -> None:
    g = nx.barabasi_albert_graph(300, 2, seed=3)
    g.add_nodes_from(["lonely-1", "lonely-2"])
    pos = layout(g, seed=5)
    assert set(pos) == {str(n) for n in g}
    assert all(math.isfinite(x) and math.isfinite(y) for x, y in pos.values())
    assert layout(g, seed=5) == pos
    assert len(set(pos.values())) == len(pos)  # no two nodes on the same spot


def test_edges_are_short_and_nodes_spread() -> None:
    g = nx.random_labeled_tree(200, seed=2)
    pos = layout(g)
    lengths = [math.dist(pos[str(u)], pos[str(v)]) for u, v in g.edges()]
    closest = min(math.dist(pos[a], pos[b]) for a in pos for b in pos if a < b)
    assert sorted(lengths)[len(lengths) // 2] < 3 * SPACING  # neighbours stay close
    assert closest > 0.05 * SPACING  # and nobody sits on top of anybody


def test_components_do_not_overlap() -> None:
    g = nx.disjoint_union(nx.cycle_graph(30), nx.complete_graph(8))
    pos = layout(g)
    a = [pos[str(n)] for n in range(30)]
    b = [pos[str(n)] for n in range(30, 38)]

    def box(points: list[tuple[float, float]]) -> tuple[float, float, float, float]:
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        return min(xs), min(ys), max(xs), max(ys)

    (ax0, ay0, ax1, ay1), (bx0, by0, bx1, by1) = box(a), box(b)
    assert ax1 < bx0 or bx1 < ax0 or ay1 < by0 or by1 < ay0


def test_multigraph_and_empty() -> None:
    g = nx.MultiDiGraph([("a", "b"), ("a", "b"), ("b", "a"), ("c", "c")])
    assert set(layout(g)) == {"a", "b", "c"}
    assert layout(nx.MultiDiGraph()) == {}


def test_two_thousand_nodes_in_seconds() -> None:
    g = nx.gnm_random_graph(2000, 4000, seed=1)
    start = time.perf_counter()
    assert len(layout(g)) == 2000
    assert time.perf_counter() - start < 30  # generous: ~1.5 s here; spring_layout ~15 s
