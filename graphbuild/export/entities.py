"""The entity graph for graph tools (Gephi, yEd, Cytoscape, networkx): GraphML, GEXF, CSV.

The graph is :func:`graphbuild.view.entity_graph.entity_graph` (the one the view draws),
flattened to the scalar attributes these formats carry:

* one node per named entity: ``label``, ``type`` (its ONE most specific schema.org class),
  ``kind``, ``mentions`` (articles mentioning it), ``quotes`` (its quotations and claims),
  ``first``/``last`` (dates of those articles, ``YYYY-MM-DD``; empty when undated),
  ``aliases`` (``; ``-joined);
* one edge per (subject, relation, object) between two entities: ``relation`` (the
  predicate IRI, or ``gb:quotedOn``/``gb:claimsAbout`` for speaker -> entity), ``label``,
  ``kind`` (action, relation, quote, claim), ``evidence`` (number of evidence items) and
  ``weight`` (the same, for Gephi), ``confidence`` (mean; absent when none is recorded),
  ``hedged``, ``reported``, ``negated`` (booleans), ``first``/``last`` dates, ``example``
  (the first evidence sentence or quotation).

Concepts and unspecified agents are left out (they belong to one article each);
``graphbuild export --reified`` writes every resource instead (:mod:`.graphml`).
"""

from __future__ import annotations

import csv
import io
import os
import re
from pathlib import Path
from typing import Any

import networkx as nx

__all__ = ["flat_entity_graph", "serialize_graphml_entities", "serialize_gexf",
           "csv_tables", "write_csv", "ENTITY_FORMATS"]

ENTITY_FORMATS = ("graphml", "gexf", "csv")
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
NODE_FIELDS = ("id", "label", "type", "kind", "mentions", "quotes", "first", "last", "aliases")
EDGE_FIELDS = ("source", "target", "relation", "label", "kind", "evidence", "weight",
               "confidence", "hedged", "reported", "negated", "first", "last", "example")


def _safe(text: Any) -> str:
    return _XML_ILLEGAL.sub("\ufffd", str(text))


def _example(items: list[dict[str, Any]]) -> str:
    for item in items:
        quoted = item.get("kind") in ("quote", "claim")
        text = (item.get("text") or item.get("sentence")) if quoted else \
            (item.get("sentence") or item.get("text"))
        if text:
            return _safe(" ".join(text.split()))
    return ""


def flat_entity_graph(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """``g`` (an entity graph) cut to its named entities, with scalar attributes only."""
    out = nx.MultiDiGraph()
    for n, d in g.nodes(data=True):
        if not d.get("entity", True):
            continue
        out.add_node(n, label=_safe(d.get("label", n)), type=d.get("type", "Thing"),
                     kind=d.get("kind", ""), mentions=int(d.get("mentions", 0)),
                     quotes=int(d.get("quotes", 0)), first=d.get("first", ""),
                     last=d.get("last", ""),
                     aliases=_safe("; ".join(d.get("aliases") or ())))
    for s, o, key, d in g.edges(keys=True, data=True):
        if s not in out or o not in out:
            continue
        attrs: dict[str, Any] = {
            "relation": d.get("relation", key), "label": _safe(d.get("label", "")),
            "kind": d.get("kind", ""), "evidence": int(d.get("count", 0)),
            "weight": float(max(d.get("count", 0), 1)), "hedged": bool(d.get("hedged")),
            "reported": bool(d.get("reported")), "negated": bool(d.get("negated")),
            "first": d.get("first", ""), "last": d.get("last", ""),
            "example": _example(d.get("evidence") or [])}
        if d.get("confidence") is not None:
            attrs["confidence"] = float(d["confidence"])
        out.add_edge(s, o, key=attrs["relation"], **attrs)
    return out


def serialize_graphml_entities(g: nx.MultiDiGraph) -> str:
    """The entity graph as GraphML text (``networkx.read_graphml`` reads it back)."""
    return "\n".join(nx.generate_graphml(flat_entity_graph(g))) + "\n"


def serialize_gexf(g: nx.MultiDiGraph) -> str:
    """The entity graph as GEXF 1.2 text (Gephi's own format; ``networkx.read_gexf``).
    Node labels are the entities' labels; every attribute is a GEXF attribute."""
    flat = flat_entity_graph(g)
    for _, d in flat.nodes(data=True):
        d["name"] = d["label"]  # networkx writes ``label`` as the GEXF label; keep it too
    for i, (_, _, _, d) in enumerate(flat.edges(keys=True, data=True)):
        d["id"] = f"e{i}"
    return "\n".join(nx.generate_gexf(flat, version="1.2draft")) + "\n"


def csv_tables(g: nx.MultiDiGraph) -> tuple[str, str]:
    """(nodes.csv, edges.csv) text of the entity graph, header row first."""
    flat = flat_entity_graph(g)
    nodes, edges = io.StringIO(), io.StringIO()
    w = csv.DictWriter(nodes, NODE_FIELDS, lineterminator="\n")
    w.writeheader()
    for n, d in sorted(flat.nodes(data=True)):
        w.writerow({"id": n, **{k: d.get(k, "") for k in NODE_FIELDS[1:]}})
    w = csv.DictWriter(edges, EDGE_FIELDS, lineterminator="\n")
    w.writeheader()
    for s, o, _, d in sorted(flat.edges(keys=True, data=True), key=lambda e: e[:3]):
        w.writerow({"source": s, "target": o, **{k: d.get(k, "") for k in EDGE_FIELDS[2:]}})
    return nodes.getvalue(), edges.getvalue()


def csv_paths(out: str | os.PathLike[str]) -> tuple[Path, Path]:
    """``graph.csv`` -> (``graph.nodes.csv``, ``graph.edges.csv``); a folder gets
    ``nodes.csv`` and ``edges.csv`` inside it."""
    path = Path(out)
    if path.is_dir() or str(out).endswith(os.sep):
        return path / "nodes.csv", path / "edges.csv"
    stem = path.name[:-4] if path.name.lower().endswith(".csv") else path.name
    return path.with_name(stem + ".nodes.csv"), path.with_name(stem + ".edges.csv")


def write_csv(g: nx.MultiDiGraph, out: str | os.PathLike[str]) -> tuple[Path, Path]:
    """Write the node and edge tables next to ``out`` (see :func:`csv_paths`), each
    atomically; returns their paths."""
    from graphbuild.export import _write_file

    node_text, edge_text = csv_tables(g)
    node_path, edge_path = csv_paths(out)
    _write_file(node_path, node_text)
    _write_file(edge_path, edge_text)
    return node_path, edge_path
