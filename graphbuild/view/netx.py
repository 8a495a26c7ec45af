"""RDF graph (in the shape of docs/graph-shape.md) -> networkx MultiDiGraph for drawing.

Nodes are entities, plus the concepts and unspecified agents that take part in an edge.
Edges are the direct verb edges (``rel:`` namespace) and ``schema:worksFor`` /
``schema:memberOf``, each carrying the evidence (sentence, headline, hedges) of the
statements or roles that back it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any
from urllib.parse import unquote

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS
from rdflib.term import Node

from graphbuild.rdf.vocab import GB, REL, SDO
from graphbuild.view.style import TYPE_DEPTH, kind_for, type_depth

__all__ = ["to_networkx", "ROLE_PREDICATES", "node_attrs", "predicate_label", "local_name"]

ROLE_PREDICATES = (SDO.worksFor, SDO.memberOf)

# rdf:type values that are never drawn as nodes even though they live in schema:.
_NOT_ENTITIES = {"NewsArticle", "Quotation", "OrganizationRole", "QuantitativeValue"}
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def _union(graph: Graph) -> Graph:
    """A plain Graph holding every triple of ``graph`` (all named graphs of a Dataset)."""
    if hasattr(graph, "quads"):
        union = Graph()
        for s, p, o, _ in graph.quads((None, None, None, None)):
            union.add((s, p, o))
        return union
    return graph


def local_name(iri: Node) -> str:
    """The last segment of an IRI after ``#`` or ``/``, percent-decoded."""
    text = str(iri).rstrip("/")
    for sep in ("#", "/"):
        if sep in text:
            text = text.rsplit(sep, 1)[1]
            break
    return unquote(text)


def _first(values: list[str]) -> str | None:
    return sorted(values)[0] if values else None


def _label(g: Graph, node: Node) -> str:
    labels = [o for o in g.objects(node, RDFS.label) if isinstance(o, Literal)]
    plain = [str(o) for o in labels if o.language in (None, "en")]
    return _first(plain) or _first([str(o) for o in labels]) \
        or local_name(node).replace("_", " ")


def _node_types(g: Graph, node: Node) -> list[str]:
    """Local names of the drawable classes of ``node``, most specific first."""
    candidates: list[str] = []
    for cls in g.objects(node, RDF.type):
        cls_s = str(cls)
        if cls_s.startswith(str(SDO)):
            name = cls_s[len(str(SDO)):]
            if name not in _NOT_ENTITIES:
                candidates.append(name)
        elif cls in (GB.Concept, GB.UnspecifiedAgent):
            candidates.append(local_name(cls))
    return sorted(set(candidates), key=lambda n: (-type_depth(n), n not in TYPE_DEPTH, n))


def _node_type(g: Graph, node: Node) -> str | None:
    """Local name of the most specific drawable class of ``node`` (None if not drawable)."""
    types = _node_types(g, node)
    return types[0] if types else None


def _is_entity(g: Graph, node: Node) -> bool:
    """Named entities are drawn even without edges; concepts and agents only with edges."""
    t = _node_type(g, node)
    if (node, GB.entityKind, None) in g:
        return True
    return t is not None and t not in ("Concept", "UnspecifiedAgent")


def node_attrs(g: Graph, node: Node, mentions: int, quotes: int) -> dict[str, Any]:
    ntype = _node_type(g, node) or "Thing"
    kinds = sorted(str(k) for k in g.objects(node, GB.entityKind))
    roles = {str(t) for t in g.objects(node, SDO.jobTitle)}
    for role in g.subjects(GB.roleHolder, node):
        roles.update(str(r) for r in g.objects(role, SDO.roleName))
    return {
        "label": _label(g, node),
        "type": ntype,
        "types": _node_types(g, node) or [ntype],
        "kind": kinds[0] if kinds else kind_for(ntype),
        "aliases": sorted({str(a) for a in g.objects(node, SKOS.altLabel)}),
        "roles": sorted(roles),
        "mentions": mentions,
        "quotes": quotes,
    }


def predicate_label(g: Graph, pred: URIRef) -> str:
    labels = [str(o) for o in g.objects(pred, RDFS.label) if isinstance(o, Literal)]
    if labels:
        return sorted(labels)[0]
    name = local_name(pred).replace("_", " ")
    return _CAMEL.sub(" ", name).lower()


def _text(g: Graph, node: Node | None, pred: URIRef) -> str:
    if node is None:
        return ""
    return _first([str(o) for o in g.objects(node, pred)]) or ""


def _evidence_item(g: Graph, node: Node) -> dict[str, Any]:
    """Sentence, headline and hedges of one statement, role or quotation node."""
    article = g.value(node, GB.article)
    sentence = g.value(node, GB.sentence)
    claimer = g.value(node, GB.claimedBy)
    return {
        "sentence": _text(g, sentence, SDO.text),
        "headline": _text(g, article, SDO.headline),
        "date": _text(g, article, SDO.datePublished)[:10] or _text(g, article, GB.datelineDate),
        "hedges": sorted({str(h) for h in g.objects(node, GB.hedge)}),
        "article": str(article) if article is not None else "",
        "negated": any(o.toPython() is True for o in g.objects(node, GB.negated)
                       if isinstance(o, Literal)),
        "claimed_by": _label(g, claimer) if claimer is not None else "",
        "role": _text(g, node, SDO.roleName),
    }


def _sort_evidence(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    unique = {repr(sorted(i.items())): i for i in items}
    return [unique[k] for k in sorted(unique)]


def _statement_index(g: Graph) -> dict[tuple[Node, Node, Node], list[Node]]:
    index: dict[tuple[Node, Node, Node], list[Node]] = defaultdict(list)
    for st in g.subjects(RDF.type, GB.Statement):
        s, p, o = g.value(st, RDF.subject), g.value(st, RDF.predicate), g.value(st, RDF.object)
        if s is not None and p is not None and o is not None:
            index[(s, p, o)].append(st)
    return index


def _role_index(g: Graph) -> dict[tuple[Node, Node], list[Node]]:
    index: dict[tuple[Node, Node], list[Node]] = defaultdict(list)
    for role in g.subjects(RDF.type, SDO.OrganizationRole):
        for holder in g.objects(role, GB.roleHolder):
            for org in g.objects(role, GB.roleOrganization):
                index[(holder, org)].append(role)
    return index


def _counts(g: Graph, pred: URIRef, *, subject_side: bool) -> dict[Node, int]:
    """Number of distinct articles mentioning / quotations spoken by each node."""
    seen: dict[Node, set[Node]] = defaultdict(set)
    for s, o in g.subject_objects(pred):
        if subject_side:
            seen[s].add(o)
        else:
            seen[o].add(s)
    return {k: len(v) for k, v in seen.items()}


def _edge_triples(g: Graph) -> list[tuple[Node, URIRef, Node]]:
    rel = str(REL)
    out = []
    for s, p, o in g:
        if not isinstance(s, URIRef) or not isinstance(o, URIRef):
            continue
        if str(p).startswith(rel) or p in ROLE_PREDICATES:
            out.append((s, p, o))
    return sorted(out)


def to_networkx(graph: Graph) -> nx.MultiDiGraph:
    """Build the drawable graph of an rdflib Graph or Dataset (union of its named graphs).

    Node keys are IRI strings; node attributes: ``label``, ``type`` (most specific),
    ``types`` (all, most specific first), ``kind``, ``aliases``,
    ``roles``, ``mentions``, ``quotes``. Edge keys are predicate IRIs; edge attributes:
    ``predicate``, ``label`` and ``evidence`` (list of dicts with ``sentence``,
    ``headline``, ``date`` (the article's ``schema:datePublished``, else its dateline
    date as written), ``hedges``, ``article``, ``negated``, ``claimed_by``,
    ``role``).
    """
    g = _union(graph)
    mentions = _counts(g, SDO.mentions, subject_side=False)
    quotes = _counts(g, SDO.spokenByCharacter, subject_side=False)
    statements = _statement_index(g)
    roles = _role_index(g)
    out = nx.MultiDiGraph()

    def add_node(node: Node) -> None:
        key = str(node)
        if key not in out:
            out.add_node(key, **node_attrs(g, node, mentions.get(node, 0), quotes.get(node, 0)))

    candidates = set(g.subjects(RDF.type, None)) | set(g.subjects(GB.entityKind, None))
    for node in sorted(n for n in candidates if isinstance(n, URIRef)):
        if _is_entity(g, node):
            add_node(node)

    for s, p, o in _edge_triples(g):
        add_node(s)
        add_node(o)
        backing = roles.get((s, o), []) if p in ROLE_PREDICATES else statements.get((s, p, o), [])
        evidence = _sort_evidence([_evidence_item(g, b) for b in backing])
        out.add_edge(str(s), str(o), key=str(p), predicate=str(p),
                     label=predicate_label(g, p), evidence=evidence)
    return out
