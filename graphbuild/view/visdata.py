"""Entity graph (as chosen by :mod:`graphbuild.view.choose`) -> vis-network data.

(pyvis' ``add_node`` is quadratic: 2.9 s for 10,000 nodes, so the JSON is written here.)
Positions come from :func:`graphbuild.view.layout.layout` for the drawn nodes; hidden
nodes (concepts, neighbours for double-click) sit next to a drawn neighbour. Physics is
off: the browser only draws. Edge width grows with the evidence count; hedged, reported
and low-confidence edges are dashed and lighter; quotations/claims and roles/typed
relations have their own colours (see :data:`EDGE_STYLES`, shown in the legend).

Tooltips (vis ``title``) are plain-text strings: vis-network 9 shows string titles with
``innerText``, so article text is never parsed as HTML. The details shown in the side
panel travel separately (``details``) and are inserted by the page with ``textContent``.
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Any

import networkx as nx

from graphbuild.view.layout import SPACING, layout
from graphbuild.view.style import humanize, style_for

__all__ = ["vis_data", "layout", "VIS_OPTIONS", "EDGE_STYLES", "TOP_LABELS",
           "evidence_lines", "options_for"]

MAX_TOOLTIP_EVIDENCE = 3
MAX_TOOLTIP_CHARS = 400
MAX_PANEL_EVIDENCE = 40
MAX_PANEL_SAID = 40
TOP_LABELS = 30  # entities whose labels are drawn at the default zoom
FIT_WIDTH, FIT_HEIGHT = 1000.0, 780.0  # the graph's part of a 1400 x 900 window
TOOLTIP_MAX_NODES = 1500  # above this, edges carry no hover text (the panel has it all)

#: kind -> (colour, legend text). Weak edges use the same colour, lighter and dashed.
EDGE_STYLES: dict[str, tuple[str, str]] = {
    "action": ("#5d6d7e", "action (verb)"),
    "quote": ("#8e44ad", "quoted on (speaker \u2192 entity)"),
    "claim": ("#c0392b", "claims about (speaker \u2192 entity)"),
    "relation": ("#1e8449", "role or typed relation"),
}
WEAK_OPACITY = 0.45

VIS_OPTIONS: dict[str, Any] = {
    "nodes": {
        "borderWidth": 1,
        "font": {"size": 12, "face": "system-ui, sans-serif", "strokeWidth": 4,
                 "strokeColor": "#ffffff", "color": "#1d2733"},
        "scaling": {"label": {"enabled": False, "drawThreshold": 9, "maxVisible": 26}},
    },
    "edges": {
        "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
        "color": {"highlight": "#e4572e", "hover": "#34495e", "inherit": False},
        "font": {"size": 11, "face": "system-ui, sans-serif", "align": "middle",
                 "strokeWidth": 3, "strokeColor": "#ffffff", "color": "#34495e"},
        "scaling": {"label": {"enabled": False, "drawThreshold": 10, "maxVisible": 16}},
        "smooth": {"enabled": False},
        "selectionWidth": 2,
        "hoverWidth": 1.5,
    },
    "physics": {"enabled": False, "stabilization": {"enabled": False}},
    "layout": {"improvedLayout": False},
    "interaction": {"hover": True, "tooltipDelay": 120, "multiselect": False,
                    "navigationButtons": False, "keyboard": False,
                    "hideEdgesOnDrag": False, "zoomView": True},
}


def options_for(n_nodes: int) -> dict[str, Any]:
    """VIS_OPTIONS; for large graphs no hover, no edges while dragging, and no arrows
    until the first zoom-in (the page turns them on with the other labels)."""
    import copy

    opts = copy.deepcopy(VIS_OPTIONS)
    if n_nodes > TOOLTIP_MAX_NODES:  # arrows come with the labels, on the first zoom-in
        opts["interaction"].update({"hideEdgesOnDrag": True, "hideEdgesOnZoom": True,
                                    "hover": False})
        opts["edges"]["arrows"]["to"]["enabled"] = False
    return opts


def _clip(text: str, limit: int = MAX_TOOLTIP_CHARS) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def _node_title(attrs: dict[str, Any]) -> str:
    lines = [attrs.get("label", ""), humanize(attrs.get("type", "Thing"))]
    if attrs.get("aliases"):
        lines.append("also: " + ", ".join(attrs["aliases"]))
    if attrs.get("roles"):
        lines.append("roles: " + ", ".join(attrs["roles"]))
    said = attrs.get("said") or []
    lines.append(f"mentioned in {attrs.get('mentions', 0)} article(s), "
                 f"{len(said) or attrs.get('quotes', 0)} quotation(s)/claim(s)")
    return "\n".join(_clip(line) for line in lines)


def evidence_lines(item: dict[str, Any]) -> list[str]:
    """Plain-text lines describing one piece of evidence (used by tooltips)."""
    text = item.get("sentence") or item.get("text")
    lines = [f"\u201c{_clip(text)}\u201d" if text else "(no sentence recorded)"]
    when = item.get("date") or item.get("dateline")
    if item.get("headline") or when:
        meta = " \u00b7 ".join(x for x in (item.get("headline"), when) if x)
        lines.append("  \u2014 " + _clip(meta, 180))
    extras = []
    if item.get("hedges"):
        extras.append("hedges: " + ", ".join(item["hedges"]))
    if item.get("negated"):
        extras.append("negated")
    if item.get("source") and item.get("kind") in ("action", "relation"):
        extras.append("claimed by " + item["source"])
    if item.get("role"):
        extras.append("role: " + item["role"])
    if extras:
        lines.append("  (" + _clip("; ".join(extras), 200) + ")")
    return lines


def _edge_title(src: str, verb: str, dst: str, attrs: dict[str, Any],
                evidence: list[dict[str, Any]], count: int) -> str:
    lines = [f"{src} \u2192 {verb} \u2192 {dst}"]
    meta = [f"{count} evidence item(s)"]
    if attrs.get("confidence") is not None:
        meta.append(f"confidence {attrs['confidence']:.2f}")
    if attrs.get("hedged"):
        meta.append("hedged")
    if attrs.get("reported"):
        meta.append("reported")
    lines.append(", ".join(meta))
    for item in evidence[:MAX_TOOLTIP_EVIDENCE]:
        lines.append("")
        lines.extend(evidence_lines(item))
    if len(evidence) > MAX_TOOLTIP_EVIDENCE:
        lines += ["", f"+{len(evidence) - MAX_TOOLTIP_EVIDENCE} more \u2014 click the edge"]
    if not evidence:
        lines += ["", "(no evidence sentences in this graph)"]
    return "\n".join(lines)


def _node_size(attrs: dict[str, Any], zoom: float) -> float:
    """Radius in canvas units: 3.5-10 screen pixels at the page's first zoom (7-16 for
    graphs small enough to be drawn at full size)."""
    weight = attrs.get("mentions", 0) + len(attrs.get("said") or ())
    if zoom >= 0.6:
        return round(min(7.0 + 2.0 * math.sqrt(weight), 16.0) / zoom, 1)
    return round(min(3.5 + 1.2 * math.sqrt(weight), 10.0) / zoom, 1)


def first_zoom(pos: dict[str, tuple[float, float]], shown: set[str]) -> float:
    """The scale vis-network's fit will pick for the drawn nodes on a 1,000 x 780 canvas
    (at most 1), so sizes can be given in screen pixels at the first view."""
    pts = [pos[n] for n in shown if n in pos]
    if len(pts) < 2:
        return 1.0
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    w, h = max(xs) - min(xs) + 60, max(ys) - min(ys) + 60
    return max(min(1.0, FIT_WIDTH / w, FIT_HEIGHT / h), 0.02)


def _rgba(color: str, alpha: float) -> str:
    r, g, b = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def _positions(g: nx.MultiDiGraph, seed: int) -> dict[str, tuple[float, float]]:
    """Layout of the drawn nodes; each hidden node near its first drawn neighbour."""
    shown = {n for n, d in g.nodes(data=True) if d.get("shown", True)}
    drawn = nx.Graph()  # a real graph: layout on a subgraph view is slow
    drawn.add_nodes_from(n for n in g if n in shown)
    drawn.add_edges_from((u, v) for u, v in g.edges() if u in shown and v in shown)
    pos = layout(drawn, seed=seed)
    around: dict[str, int] = defaultdict(int)
    for n in sorted(set(g) - set(pos)):
        nbs = sorted(x for x in set(g.successors(n)) | set(g.predecessors(n)) if x in pos)
        if nbs:
            cx, cy = pos[nbs[0]]
            k = around[nbs[0]]
            around[nbs[0]] += 1
        else:
            cx, cy, k = 0.0, 0.0, len(around)
            around[""] += 1
        angle = 2.399963 * k  # golden angle: neighbours spread round the node
        r = SPACING * (0.7 + 0.12 * k)
        pos[n] = (round(cx + r * math.cos(angle), 1), round(cy + r * math.sin(angle), 1))
    return pos


def _said(attrs: dict[str, Any]) -> list[dict[str, Any]]:
    keep = ("kind", "text", "date", "dateline", "headline", "url", "confidence", "hedges",
            "about", "source")
    items = sorted(attrs.get("said") or [], key=lambda i: (i.get("date", ""), i.get("id", "")))
    return [{k: i.get(k) for k in keep} for i in items[:MAX_PANEL_SAID]]


def _nodes(g: nx.MultiDiGraph, pos: dict[str, tuple[float, float]], details: dict,
           types: dict[str, int], zoom: float) -> list[dict[str, Any]]:
    lazy = len(g) > TOOLTIP_MAX_NODES  # measuring 5,000 labels doubles the first draw
    out = []
    # most central last: vis-network draws in this order, so their labels lie on top
    for node in sorted(g.nodes, key=lambda n: (-g.nodes[n].get("rank", 0), n)):
        attrs = g.nodes[node]
        ntype = attrs.get("type", "Thing")
        if attrs.get("shown", True):
            types[ntype] += 1
        else:
            types.setdefault(ntype, 0)
        style = style_for(ntype)
        x, y = pos.get(str(node), (0.0, 0.0))
        entity = bool(attrs.get("entity", ntype not in ("Concept", "UnspecifiedAgent")))
        label = str(attrs.get("label") or node)
        item_label = {"label": label} if lazy is False or attrs.get("rank", 0) < TOP_LABELS \
            else {"gbLabel": label}  # big pages: given to vis-network on the first zoom-in
        out.append({"id": node, **item_label, "shape": style.shape,
                    "color": style.color, "title": _node_title(attrs), "x": x, "y": y,
                    "size": _node_size(attrs, zoom), "hidden": not attrs.get("shown", True),
                    "gbEntity": entity, "gbRank": attrs.get("rank", 0),
                    "gbShown": bool(attrs.get("shown", True)),
                    "gbCommunity": attrs.get("community", -1)})
        details["nodes"][node] = {
            "id": node, "label": attrs.get("label") or node, "type_label": humanize(ntype),
            "types": attrs.get("types") or [ntype], "kind": attrs.get("kind", ""),
            "aliases": list(attrs.get("aliases") or []), "roles": list(attrs.get("roles") or []),
            "mentions": attrs.get("mentions", 0), "first": attrs.get("first", ""),
            "last": attrs.get("last", ""), "said": _said(attrs),
            "quotes": len(attrs.get("said") or ()) or attrs.get("quotes", 0)}
    return out


def _evidence(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Panel copies of the first evidence items, empty fields left out; a sentence with
    marked parts travels only as its parts (the page joins them)."""
    keep = ("kind", "sentence", "marked", "text", "date", "dateline", "headline", "url",
            "confidence", "hedges", "negated", "modality", "source", "role")
    out = []
    for i in items[:MAX_PANEL_EVIDENCE]:
        item = {k: i[k] for k in keep if i.get(k) not in (None, "", [], False)}
        if "marked" in item:
            if any(role for _, role in item["marked"]):
                item.pop("sentence", None)
            else:
                item.pop("marked")
        out.append(item)
    return out


def _width(count: int, zoom: float) -> float:
    """Canvas width of an edge: 1-6 screen pixels at the first zoom, by evidence count."""
    return round(min(1.0 + 1.5 * math.log2(max(count, 1)), 6.0) / zoom, 2)


def vis_data(g: nx.MultiDiGraph, *, seed: int = 7) -> dict[str, Any]:
    """The data the page needs: vis ``nodes``, ``edges``, ``options``, panel ``details``,
    the ``types`` present (type name -> node count), the edge ``kinds`` present and the
    articles' ``dates`` (sorted, distinct)."""
    details: dict[str, dict[str, Any]] = {"nodes": {}, "edges": {}}
    types: dict[str, int] = defaultdict(int)
    pos = _positions(g, seed)
    zoom = first_zoom(pos, {n for n, d in g.nodes(data=True) if d.get("shown", True)})
    nodes = _nodes(g, pos, details, types, zoom)
    groups: dict[frozenset[str], list[tuple[str, str, str]]] = defaultdict(list)
    for u, v, key in sorted(g.edges(keys=True)):
        groups[frozenset((u, v))].append((u, v, key))
    edges, kinds, dates = [], defaultdict(int), set()
    shown = {n: bool(d.get("shown", True)) for n, d in g.nodes(data=True)}
    for members in (groups[k] for k in sorted(groups, key=sorted)):
        for index, (u, v, key) in enumerate(members):
            attrs = g.edges[u, v, key]
            edge_id = f"e{len(edges)}"
            src, dst = g.nodes[u].get("label", u), g.nodes[v].get("label", v)
            verb = attrs.get("label", "")
            # an entity graph read back from GraphML/GEXF has counts, not evidence lists
            raw = attrs.get("evidence", [])
            evidence = list(raw) if isinstance(raw, (list, tuple)) else []
            kind = attrs.get("kind") if attrs.get("kind") in EDGE_STYLES else "action"
            kinds[kind] += 1
            color = EDGE_STYLES[kind][0]
            count = int(attrs.get("count") or (raw if isinstance(raw, (int, float)) else 0)
                        or len(evidence) or 1)
            conf = attrs.get("confidence")
            weak = bool(attrs.get("weak", attrs.get("hedged") or attrs.get("reported") or (
                conf is not None and conf < 0.6)))
            item: dict[str, Any] = {
                "id": edge_id, "from": u, "to": v, "label": verb, "width": _width(count, zoom),
                "hidden": not (shown.get(u, True) and shown.get(v, True)),
                "dashes": weak, "color": {"color": _rgba(color, WEAK_OPACITY if weak else 0.9)},
                "gbKind": kind, "gbWeak": weak, "gbConf": attrs.get("confidence"),
                "gbFirst": attrs.get("first", ""), "gbLast": attrs.get("last", ""),
                "gbCount": count}
            if len(g) <= TOOLTIP_MAX_NODES:  # big pages: the panel only (page size)
                item["title"] = _edge_title(src, verb, dst, attrs, evidence, count)
            dates.update(d for d in (attrs.get("first"), attrs.get("last")) if d)
            if len(members) > 1:
                item["smooth"] = {"enabled": True,
                                  "type": "curvedCW" if index % 2 == 0 else "curvedCCW",
                                  "roundness": 0.15 + 0.15 * (index // 2)}
            edges.append(item)
            details["edges"][edge_id] = {
                "label": verb, "predicate": attrs.get("relation", attrs.get("predicate", key)),
                "kind": kind, "count": count, "confidence": attrs.get("confidence"),
                "hedged": bool(attrs.get("hedged")), "reported": bool(attrs.get("reported")),
                "first": attrs.get("first", ""), "last": attrs.get("last", ""),
                "evidence": _evidence(evidence), "total": len(evidence) or count}
    return {"nodes": nodes, "edges": edges, "options": options_for(len(nodes)),
            "details": details, "types": dict(sorted(types.items())),
            "kinds": dict(sorted(kinds.items())), "dates": sorted(dates)}
