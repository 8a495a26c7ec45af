"""Node positions computed in Python, so the browser never has to run a physics simulation.

networkx's ``spring_layout`` runs a Python loop per node and iteration (35 s for 5,000 nodes
on a 2-core machine) and ``kamada_kawai_layout`` is quadratic in memory and time, so large
graphs use a vectorised Fruchterman-Reingold variant instead (:func:`grid_fr`): exact
repulsion between nodes closer than a few edge lengths (found with a k-d tree), a coarse
far field from grid-cell centroids, spring attraction along edges, and cooling. Each
connected component is laid out alone and the components are shelf-packed into a roughly
square picture (largest first), isolated nodes last in a tidy grid. Deterministic for a
given seed. Measured in ``benchmarks/view_scale.py``.
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
from scipy.spatial import cKDTree

__all__ = ["layout", "grid_fr", "SPACING"]

SPACING = 110.0  # pixels per unit edge length in the vis canvas
NEAR = 3.0  # exact repulsion within this many edge lengths
PER_NODE_MAX = 2500  # far field computed node by node up to this many nodes
SMALL = 3  # components of at most this many nodes are packed together in a block


def _far_field(pos: np.ndarray, cell: float) -> np.ndarray:
    """Repulsion of every node from the centroids of grid cells farther than ``cell``:
    node by node up to :data:`PER_NODE_MAX` nodes, above that once per cell (cells x
    cells, shared by the cell's nodes: coarser, but 10x faster at 5,000 nodes)."""
    keys = np.floor(pos / cell).astype(np.int64)
    _, inverse = np.unique(keys, axis=0, return_inverse=True)
    inverse = inverse.ravel()
    mass = np.bincount(inverse).astype(float)
    cx = np.bincount(inverse, weights=pos[:, 0]) / mass
    cy = np.bincount(inverse, weights=pos[:, 1]) / mass
    per_node = len(pos) <= PER_NODE_MAX
    px, py = (pos[:, 0], pos[:, 1]) if per_node else (cx, cy)
    dx = px[:, None] - cx[None, :]
    dy = py[:, None] - cy[None, :]
    d2 = dx * dx + dy * dy
    weight = np.where(d2 > cell * cell, mass[None, :] / np.maximum(d2, 1e-9), 0.0)
    force = np.stack([(weight * dx).sum(axis=1), (weight * dy).sum(axis=1)], axis=1)
    return force if per_node else force[inverse]


def grid_fr(n: int, edges: np.ndarray, *, iterations: int = 120, seed: int = 7,
            near: float = NEAR) -> np.ndarray:
    """Positions (n x 2, unit edge length) of one connected graph with ``edges`` (m x 2);
    exact repulsion within ``near`` edge lengths."""
    rng = np.random.default_rng(seed)
    side = math.sqrt(n)
    pos = rng.uniform(-side / 2, side / 2, size=(n, 2))
    if n < 2:
        return np.zeros((n, 2))
    u, v = (edges[:, 0], edges[:, 1]) if len(edges) else (np.array([], int), np.array([], int))
    temp = side / 4
    for step in range(iterations):
        disp = np.zeros((n, 2))
        pairs = cKDTree(pos).query_pairs(near, output_type="ndarray")
        if len(pairs):
            i, j = pairs[:, 0], pairs[:, 1]
            d = pos[i] - pos[j]
            d2 = np.maximum((d * d).sum(axis=1), 1e-4)
            f = d / d2[:, None]
            for axis in (0, 1):
                disp[:, axis] += np.bincount(i, f[:, axis], n) - np.bincount(j, f[:, axis], n)
        if step % (5 if n > 1000 else 2) == 0 or n <= 200:
            far = _far_field(pos, near)
        disp += far
        if len(u):
            d = pos[u] - pos[v]
            dist = np.sqrt((d * d).sum(axis=1))[:, None]
            f = d * dist
            for axis in (0, 1):
                disp[:, axis] -= np.bincount(u, f[:, axis], n) - np.bincount(v, f[:, axis], n)
        disp -= 0.02 * (pos - pos.mean(axis=0))
        length = np.maximum(np.sqrt((disp * disp).sum(axis=1)), 1e-9)[:, None]
        pos += disp / length * np.minimum(length, temp)
        temp = max(side / 4 * (1 - (step + 1) / iterations), 0.02)
    return pos - pos.mean(axis=0)


def _component_positions(g: nx.Graph, nodes: list, seed: int) -> np.ndarray:
    """Unit-length positions of one component (nodes in the given order)."""
    n = len(nodes)
    if n == 1:
        return np.zeros((1, 2))
    if n == 2:
        return np.array([[-0.5, 0.0], [0.5, 0.0]])
    index = {node: i for i, node in enumerate(nodes)}
    adj = g.adj  # a component's edges, read from the adjacency (no subgraph view)
    edges = np.array([(i, index[b]) for a, i in index.items() for b in adj[a]
                      if index[b] > i], dtype=int)
    # big components: fewer steps and a shorter exact-repulsion radius (the far field
    # covers the rest), so 5,000 nodes lay out in about a second
    iterations = 120 if n <= 1000 else 80 if n <= 2500 else 45
    near = NEAR if n <= 2500 else 2.0
    return grid_fr(n, edges.reshape(-1, 2), iterations=iterations, seed=seed, near=near)


def _pack(boxes: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Shelf packing: the lower-left corner of each (width, height) box, rows of about the
    square root of the total area wide, boxes in the given (largest first) order."""
    area = sum((w + 1) * (h + 1) for w, h in boxes)
    row_width = max(math.sqrt(area) * 1.2, max((w for w, _ in boxes), default=0.0))
    corners, x, y, row_h = [], 0.0, 0.0, 0.0
    for w, h in boxes:
        if x > 0 and x + w > row_width:
            x, y, row_h = 0.0, y + row_h + 1.0, 0.0
        corners.append((x, y))
        x += w + 1.0
        row_h = max(row_h, h)
    return corners


def layout(g: nx.Graph, *, seed: int = 7, spacing: float = SPACING
           ) -> dict[str, tuple[float, float]]:
    """Deterministic positions (vis canvas pixels) for every node of ``g`` (any networkx
    graph; direction and parallel edges are ignored)."""
    simple = nx.Graph()
    simple.add_nodes_from(sorted(map(str, g.nodes)))
    simple.add_edges_from((str(a), str(b)) for a, b in g.edges() if a != b)
    if simple.number_of_nodes() == 0:
        return {}
    comps = sorted((sorted(c) for c in nx.connected_components(simple)),
                   key=lambda c: (-len(c), c[0]))
    singles = [c[0] for c in comps if len(c) == 1]
    small = [c for c in comps if 1 < len(c) <= SMALL]
    comps = [c for c in comps if len(c) > SMALL]
    pieces: list[tuple[list[str], np.ndarray]] = []
    for i, nodes in enumerate(comps):
        pieces.append((nodes, _component_positions(simple, nodes, seed + i)))
    if small:  # pairs and triples: one square block of cells, not a long row
        cols = max(1, math.ceil(math.sqrt(len(small))))
        block_nodes, block_xy = [], []
        for k, nodes in enumerate(small):
            xy = _component_positions(simple, nodes, seed + len(comps) + k)
            xy = xy - xy.min(axis=0)
            block_nodes += nodes
            block_xy.append(xy + np.array([(k % cols) * 2.2, (k // cols) * 1.6]))
        pieces.append((block_nodes, np.vstack(block_xy)))
    if singles:
        cols = max(1, math.ceil(math.sqrt(len(singles))))
        grid = np.array([(k % cols, k // cols) for k in range(len(singles))], dtype=float)
        pieces.append((singles, grid * 1.2))
    boxes, mins = [], []
    for _, xy in pieces:
        lo, hi = xy.min(axis=0), xy.max(axis=0)
        boxes.append((float(hi[0] - lo[0]), float(hi[1] - lo[1])))
        mins.append(lo)
    out: dict[str, tuple[float, float]] = {}
    for (nodes, xy), lo, corner in zip(pieces, mins, _pack(boxes), strict=True):
        placed = (xy - lo + np.array(corner)) * spacing
        for node, (x, y) in zip(nodes, placed, strict=True):
            out[node] = (round(float(x), 1), round(float(y), 1))
    cx = sum(x for x, _ in out.values()) / len(out)
    cy = sum(y for _, y in out.values()) / len(out)
    return {k: (round(x - cx, 1), round(y - cy, 1)) for k, (x, y) in out.items()}
