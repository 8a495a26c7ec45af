"""networkx MultiDiGraph -> vis-network data (nodes, edges, options), built directly.

(pyvis' ``add_node`` is quadratic: 2.9 s for 10,000 nodes, so the JSON is written here.)
Positions come from :func:`graphbuild.view.layout.layout`. Small graphs get a short
physics stabilisation from those positions; large ones none at all (physics off, straight
edges, edges hidden while dragging), so the browser only has to draw.

Tooltips (vis ``title``) are plain-text strings: vis-network 9 shows string titles with
``innerText``, so article text is never parsed as HTML. The details shown in the side
panel travel separately (``details``) and are inserted by the page with ``textContent``.
"""

from __future__ import annotations

import copy
import math
from collections import defaultdict
from typing import Any

import networkx as nx

from graphbuild.view.layout import layout
from graphbuild.view.style import humanize, style_for

__all__ = ["vis_data", "layout", "VIS_OPTIONS", "PHYSICS_MAX_NODES", "evidence_lines"]

MAX_TOOLTIP_EVIDENCE = 3
MAX_TOOLTIP_CHARS = 400
PHYSICS_MAX_NODES = 400  # above this, no physics at all: positions are final

VIS_OPTIONS: dict[str, Any] = {
    "nodes": {
        "borderWidth": 1,
        "font": {"size": 14, "face": "system-ui, sans-serif", "strokeWidth": 3,
                 "strokeColor": "#ffffff", "color": "#1d2733"},
    },
    "edges": {
        "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
        "color": {"color": "#8795a1", "highlight": "#e4572e", "hover": "#34495e"},
        "font": {"size": 11, "face": "system-ui, sans-serif", "align": "middle",
                 "strokeWidth": 3, "strokeColor": "#ffffff", "color": "#34495e"},
        "smooth": {"enabled": True, "type": "continuous", "roundness": 0.3},
        "width": 1.2,
        "selectionWidth": 2,
        "hoverWidth": 1.5,
    },
    "physics": {
        "enabled": True,
        "solver": "barnesHut",
        "barnesHut": {"gravitationalConstant": -5000, "centralGravity": 0.15,
                      "springLength": 170, "springConstant": 0.03, "damping": 0.3,
                      "avoidOverlap": 0.4},
        "stabilization": {"enabled": True, "iterations": 100, "updateInterval": 50,
                          "fit": True},
    },
    "layout": {"improvedLayout": False},
    "interaction": {"hover": True, "tooltipDelay": 120, "multiselect": False,
                    "navigationButtons": False, "keyboard": False},
}


def options_for(n_nodes: int) -> dict[str, Any]:
    """VIS_OPTIONS, with physics, curved edges and hover off for large graphs."""
    opts = copy.deepcopy(VIS_OPTIONS)
    if n_nodes > PHYSICS_MAX_NODES:
        opts["physics"] = {"enabled": False, "stabilization": {"enabled": False}}
        opts["edges"]["smooth"] = {"enabled": False}
        opts["edges"]["arrows"]["to"]["scaleFactor"] = 0.4
        opts["interaction"].update({"hideEdgesOnDrag": True, "hideEdgesOnZoom": True,
                                    "hover": False})
    return opts


def _clip(text: str, limit: int = MAX_TOOLTIP_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def _node_title(attrs: dict[str, Any]) -> str:
    lines = [attrs.get("label", ""), humanize(attrs.get("type", "Thing"))]
    if attrs.get("aliases"):
        lines.append("also: " + ", ".join(attrs["aliases"]))
    if attrs.get("roles"):
        lines.append("roles: " + ", ".join(attrs["roles"]))
    lines.append(f"mentioned in {attrs.get('mentions', 0)} article(s), "
                 f"{attrs.get('quotes', 0)} quotation(s)")
    return "\n".join(_clip(line) for line in lines)


def evidence_lines(item: dict[str, Any]) -> list[str]:
    """Plain-text lines describing one piece of evidence (used by tooltips)."""
    lines = [f"\u201c{_clip(item['sentence'])}\u201d" if item.get("sentence")
             else "(no sentence recorded)"]
    if item.get("headline") or item.get("date"):
        meta = " \u00b7 ".join(x for x in (item.get("headline"), item.get("date")) if x)
        lines.append("  \u2014 " + _clip(meta, 180))
    extras = []
    if item.get("hedges"):
        extras.append("hedges: " + ", ".join(item["hedges"]))
    if item.get("negated"):
        extras.append("negated")
    if item.get("claimed_by"):
        extras.append("claimed by " + item["claimed_by"])
    if item.get("role"):
        extras.append("role: " + item["role"])
    if extras:
        lines.append("  (" + _clip("; ".join(extras), 200) + ")")
    return lines


def _edge_title(src: str, verb: str, dst: str, evidence: list[dict[str, Any]]) -> str:
    lines = [f"{src} \u2192 {verb} \u2192 {dst}"]
    for item in evidence[:MAX_TOOLTIP_EVIDENCE]:
        lines.append("")
        lines.extend(evidence_lines(item))
    if len(evidence) > MAX_TOOLTIP_EVIDENCE:
        lines += ["", f"+{len(evidence) - MAX_TOOLTIP_EVIDENCE} more \u2014 click the edge"]
    if not evidence:
        lines += ["", "(no evidence recorded)"]
    return "\n".join(lines)


def _smooth(index: int, total: int) -> dict[str, Any] | None:
    """Spread parallel edges between the same two nodes on distinct curves."""
    if total <= 1:
        return None
    side = "curvedCW" if index % 2 == 0 else "curvedCCW"
    return {"enabled": True, "type": side, "roundness": 0.15 + 0.15 * (index // 2)}


def _node_size(attrs: dict[str, Any]) -> float:
    weight = attrs.get("mentions", 0) + attrs.get("quotes", 0)
    return round(min(14.0 + 4.0 * math.sqrt(weight), 40.0), 1)


def _nodes(g: nx.MultiDiGraph, pos: dict[str, tuple[float, float]], details: dict,
           types: dict[str, int]) -> list[dict[str, Any]]:
    out = []
    for node in sorted(g.nodes):
        attrs = g.nodes[node]
        ntype = attrs.get("type", "Thing")
        types[ntype] += 1
        style = style_for(ntype)
        x, y = pos.get(str(node), (0.0, 0.0))
        out.append({"id": node, "label": attrs.get("label") or node, "shape": style.shape,
                    "color": style.color, "title": _node_title(attrs), "x": x, "y": y,
                    "size": _node_size(attrs)})
        details["nodes"][node] = {**attrs, "id": node, "type_label": humanize(ntype)}
    return out


def vis_data(g: nx.MultiDiGraph, *, seed: int = 7) -> dict[str, Any]:
    """The data the page needs: vis ``nodes``, ``edges``, ``options``, panel ``details``
    and the ``types`` present (type name -> node count)."""
    details: dict[str, dict[str, Any]] = {"nodes": {}, "edges": {}}
    types: dict[str, int] = defaultdict(int)
    nodes = _nodes(g, layout(g, seed=seed), details, types)
    groups: dict[frozenset[str], list[tuple[str, str, str]]] = defaultdict(list)
    for u, v, key in sorted(g.edges(keys=True)):
        groups[frozenset((u, v))].append((u, v, key))
    edges = []
    for members in (groups[k] for k in sorted(groups, key=sorted)):
        for index, (u, v, key) in enumerate(members):
            attrs = g.edges[u, v, key]
            edge_id = f"e{len(edges)}"
            src, dst = g.nodes[u].get("label", u), g.nodes[v].get("label", v)
            verb = attrs.get("label", "")
            evidence = list(attrs.get("evidence", []))
            item = {"id": edge_id, "from": u, "to": v, "label": verb,
                    "title": _edge_title(src, verb, dst, evidence)}
            smooth = _smooth(index, len(members))
            if smooth:
                item["smooth"] = smooth
            edges.append(item)
            details["edges"][edge_id] = {"id": edge_id, "from": u, "to": v,
                                         "source": src, "target": dst, "label": verb,
                                         "predicate": attrs.get("predicate", key),
                                         "evidence": evidence}
    return {"nodes": nodes, "edges": edges, "options": options_for(len(nodes)),
            "details": details, "types": dict(sorted(types.items()))}
