"""Drawings of a part of a store, each from a few bounded queries (what ``graphbuild serve``
draws; no whole-store entity graph is built):

* :func:`result_graph`: a CONSTRUCT/DESCRIBE result, with the names, types and mention
  counts the *store* has for its nodes (:func:`node_facts`: one ``VALUES`` query), so a
  result of bare edges (``?s schema:mentions ?o``) is drawn with real labels and colours;
* :func:`neighbourhood_graph`: one entity and its strongest neighbours, from the facts
  about it (statements, roles, quotations and claims: :data:`NEIGHBOURHOOD`, the entity
  bound as ``?e``), its neighbours' :func:`node_facts`, and the entity graph of those,
  focused on it (:func:`graphbuild.view.choose.select_view`).

Both build the entity graph (:func:`graphbuild.view.entity_graph.entity_graph`) of a small
in-memory store holding the triples read, so the drawing is the same as ``graphbuild view``
draws. IRIs reach query text only as pyoxigraph terms (``VALUES`` blocks written by
:func:`graphbuild.store.terms.iri_values`, which checks each IRI) or bound variables.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import pyoxigraph as ox

from graphbuild.rdf.vocab import GB, REL, SDO
from graphbuild.store.terms import iri_values
from graphbuild.view.choose import select_view
from graphbuild.view.entity_graph import (
    _local,
    _most_specific,
    _predicate_label,
    attach_texts,
    entity_graph,
)
from graphbuild.view.entity_rows import direct_relation
from graphbuild.view.select import DEFAULT_LIMIT, Selection
from graphbuild.view.sparql import run
from graphbuild.view.style import kind_for

__all__ = ["NODE_FACTS", "NEIGHBOURHOOD", "AMONG", "NEIGHBOURS", "Facts", "node_facts",
           "result_graph", "select_result", "neighbourhood_graph", "result_iris"]

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SCHEMA_NAME = str(SDO.name)
HEADLINE = str(SDO.headline)
MENTIONS = str(SDO.mentions)
_SDO = str(SDO)
_GB = str(GB)
_REL = str(REL)

#: what the entity graph reads about a node to name, type, size and date it: labels
#: (``schema:name`` when there is no ``rdfs:label``), types, ``gb:entityKind``, aliases,
#: job titles, an article's headline, date and URL; and how many articles mention it.
#: ``%s`` is a ``VALUES ?n { … }`` block (twice); ``?p`` unbound marks a count row.
NODE_FACTS = """SELECT ?n ?p ?v WHERE {
  { %s
    ?n ?p ?v
    FILTER(?p IN (rdfs:label, schema:name, rdf:type, gb:entityKind, skos:altLabel,
                  schema:jobTitle, schema:headline, schema:datePublished, schema:url,
                  gb:datelineDate)) }
  UNION
  { SELECT ?n (COUNT(DISTINCT ?a) AS ?v) WHERE { %s ?a schema:mentions ?n } GROUP BY ?n }
} LIMIT %d"""

#: the predicates of statements, roles, quotations and claims the entity graph reads
#: (a FILTER, not a VALUES block: Oxigraph would join a VALUES of predicates with every
#: triple of those predicates first)
_EVIDENCE = """FILTER(?xp IN (rdf:type, rdf:subject, rdf:predicate, rdf:object, gb:verbText,
  gb:subjectText, gb:objectText, gb:confidence, gb:negated, gb:claimedBy, gb:inQuotation,
  gb:inClaim, gb:modality, gb:sentence, gb:article, gb:hedge, gb:doubtCue, gb:roleHolder,
  gb:roleOrganization, schema:roleName, schema:spokenByCharacter, schema:creator,
  schema:text, schema:about, schema:author, gb:speakerText, gb:cue, gb:source))"""

_DIRECT = direct_relation("xp")

#: the facts of the entity graph from one entity of ``VALUES ?a`` to another of ``VALUES
#: ?b`` (both blocks put where ``{ab}`` stands, inside each branch so they are joined
#: first): statements, roles, quotations and claims, and direct relations
AMONG = """CONSTRUCT { ?x ?xp ?xo } WHERE {
  { {ab}
    { ?x rdf:subject ?a ; rdf:object ?b }
    UNION { ?x gb:roleHolder ?a ; gb:roleOrganization ?b }
    UNION { ?x schema:spokenByCharacter ?a ; schema:about ?b }
    UNION { ?x schema:creator ?a ; schema:about ?b }
    UNION { ?x schema:author ?a ; schema:about ?b }
    FILTER(?a != ?b)
    ?x ?xp ?xo {evidence}
    FILTER NOT EXISTS { ?x a gb:Narrative } }
  UNION { {ab} ?a ?xp ?b BIND(?a AS ?x) BIND(?b AS ?xo) FILTER(?a != ?b && {direct}) }
}""".replace("{evidence}", _EVIDENCE).replace("{direct}", _DIRECT)

#: the facts of the entity graph that touch ``?e`` (bound): the statements with it as
#: subject or object, its roles, the quotations and claims it made or that are about it
#: (only the predicates the entity graph reads), and its direct relations
NEIGHBOURHOOD = """CONSTRUCT { ?x ?xp ?xo } WHERE {
  { { ?x rdf:subject ?e } UNION { ?x rdf:object ?e } UNION { ?x gb:roleHolder ?e }
    UNION { ?x gb:roleOrganization ?e } UNION { ?x schema:spokenByCharacter ?e }
    UNION { ?x schema:creator ?e } UNION { ?x schema:author ?e } UNION { ?x schema:about ?e }
    ?x ?xp ?xo {evidence}
    FILTER NOT EXISTS { ?x a gb:Narrative } }
  UNION { ?e ?xp ?xo BIND(?e AS ?x) FILTER(isIRI(?xo) && {direct}) }
  UNION { ?x ?xp ?e BIND(?e AS ?xo) FILTER(isIRI(?x) && {direct}) }
}""".replace("{evidence}", _EVIDENCE).replace("{direct}", _DIRECT)

#: entities drawn around the focus of a neighbourhood (the strongest by PageRank)
NEIGHBOURS = 40

#: predicates whose objects are not drawn nodes (sentence texts come later, for the edges
#: drawn: :func:`graphbuild.view.entity_graph.attach_texts`)
_NOT_NODES = frozenset({RDF_TYPE, str(GB.sentence)})


@dataclass
class Facts:
    """What :func:`node_facts` found: triples to add, articles mentioning each node."""

    triples: list[ox.Triple] = field(default_factory=list)
    mentions: dict[str, int] = field(default_factory=dict)
    rows: int = 0
    truncated: bool = False


def node_facts(store: Any, iris: Iterable[str], limit: int) -> Facts:
    """The labels, types, kinds, aliases, job titles, article headlines/dates and mention
    counts the store has for ``iris`` (one query, at most ``limit`` rows)."""
    nodes = sorted(set(iris))
    out = Facts()
    if not nodes:
        return out
    block = iri_values("n", nodes)
    labelled: set[str] = set()
    names: list[ox.Triple] = []
    for row in run(store, NODE_FACTS % (block, block, limit + 1)):
        if out.rows >= limit:
            out.truncated = True
            break
        out.rows += 1
        n, p, v = row[0], row[1], row[2]
        if p is None:
            if isinstance(v, ox.Literal) and v.value.isdigit():
                out.mentions[n.value] = int(v.value)
            continue
        if p.value == SCHEMA_NAME:  # a name stands for a label only where there is none
            names.append(ox.Triple(n, ox.NamedNode(RDFS_LABEL), v))
            continue
        if p.value == RDFS_LABEL:
            labelled.add(n.value)
        out.triples.append(ox.Triple(n, p, v))
    out.triples += [t for t in names if t.subject.value not in labelled]
    return out


def result_iris(triples: Iterable[ox.Triple]) -> set[str]:
    """The IRIs of a result worth naming: subjects, predicates and objects (the objects of
    ``rdf:type`` and ``gb:sentence`` aside)."""
    out: set[str] = set()
    for t in triples:
        for term in (t.subject, t.predicate):
            if isinstance(term, ox.NamedNode):
                out.add(term.value)
        if isinstance(t.object, ox.NamedNode) and t.predicate.value not in _NOT_NODES:
            out.add(t.object.value)
    return out


def _small_store(triples: Iterable[ox.Triple]) -> ox.Store:
    store = ox.Store()
    store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    return store


def _describe(facts: list[ox.Triple]) -> dict[str, dict[str, Any]]:
    """node -> {label, types} from looked-up facts (for nodes the entity graph lacks)."""
    out: dict[str, dict[str, Any]] = {}
    for t in facts:
        n, p, v = t.subject.value, t.predicate.value, t.object.value
        d = out.setdefault(n, {"labels": [], "headlines": [], "types": set()})
        if p == RDFS_LABEL:
            d["labels"].append(v)
        elif p == HEADLINE:
            d["headlines"].append(v)
        elif p == RDF_TYPE and v.startswith((_SDO, _GB)):
            d["types"].add(_local(v))
    return out


def _short(text: str, size: int = 48) -> str:
    """``text`` cut at a word boundary to at most ``size`` characters (with "…")."""
    if len(text) <= size:
        return text
    cut = text[:size - 1].rsplit(" ", 1)[0] if " " in text[:size - 1] else text[:size - 1]
    return cut.rstrip(" ,;:-") + "…"


def _other_node(iri: str, info: dict[str, Any] | None, mentions: int) -> dict[str, Any]:
    """Attributes of a result node the entity graph does not draw (an article: labelled
    by its headline, cut short)."""
    info = info or {"labels": [], "headlines": [], "types": set()}
    names = sorted(info["labels"]) or sorted(info["headlines"])
    ntype = _most_specific(info["types"])
    return {"label": _short(names[0]) if names else _local(iri).replace("_", " "),
            "type": ntype,
            "types": [ntype], "kind": kind_for(ntype),
            "entity": ntype not in ("Concept", "UnspecifiedAgent"), "result_only": True,
            "aliases": [], "roles": [],
            "mentions": mentions, "first": "", "last": "", "said": [], "quotes": 0}


def _set_mentions(g: nx.MultiDiGraph, mentions: dict[str, int]) -> None:
    for n, count in mentions.items():
        if n in g:
            g.nodes[n]["mentions"] = count


def _read(store: Any, text: str, limit: int, bindings: dict[str, Any] | None = None
          ) -> tuple[list[ox.Triple], bool]:
    """The first ``limit`` distinct triples of a CONSTRUCT, and whether there were more."""
    out: dict[ox.Triple, None] = {}
    for t in run(store, text, bindings):
        if t not in out:
            if len(out) >= limit:
                return list(out), True
            out[t] = None
    return list(out), False


def result_graph(store: Any, triples: list[ox.Triple], limit: int,
                 facts: Facts | None = None) -> tuple[nx.MultiDiGraph, Facts]:
    """The entity graph of a query result and the store's facts about its nodes, plus the
    result's own edges between named nodes (an article's ``schema:mentions``, a direct
    relation) that the entity graph does not draw, without evidence. Returns the graph
    (not yet cut to a page's size) and the facts read (``limit`` rows at most; ``facts``
    already known are not read again)."""
    known = facts or Facts()
    known_iris = {t.subject.value for t in known.triples} | set(known.mentions)
    new = node_facts(store, result_iris(triples) - known_iris, limit)
    facts = Facts(known.triples + new.triples, {**known.mentions, **new.mentions},
                  known.rows + new.rows, known.truncated or new.truncated)
    g = entity_graph(_small_store([*triples, *facts.triples]), texts=False)
    _set_mentions(g, facts.mentions)
    about = _describe(facts.triples)
    named = set(g) | {n for n, d in about.items() if d["labels"] or d["headlines"]}
    labels = {n: d["labels"][0] for n, d in about.items() if d["labels"]}
    for t in triples:
        s, p, o = t.subject, t.predicate.value, t.object
        if not isinstance(s, ox.NamedNode) or not isinstance(o, ox.NamedNode) \
                or p in _NOT_NODES or s.value not in named or o.value not in named:
            continue
        for n in (s.value, o.value):
            if n not in g:
                g.add_node(n, **_other_node(n, about.get(n), facts.mentions.get(n, 0)))
        if not g.has_edge(s.value, o.value, key=p):
            g.add_edge(s.value, o.value, key=p, relation=p, predicate=p,
                       label=_predicate_label(p, labels.get(p)),
                       kind="action" if p.startswith(_REL) else "relation", evidence=[],
                       count=1, confidence=None, hedged=False, reported=False,
                       negated=False, weak=False, first="", last="")
    return g, facts


def select_result(g: nx.MultiDiGraph, limit: int = DEFAULT_LIMIT
                  ) -> tuple[nx.MultiDiGraph, str]:
    """:func:`result_graph`'s graph cut to a page (the ``limit`` most central entities,
    as any view), the named entities ranked before the other nodes drawn (articles are
    hubs of ``schema:mentions``: the labels drawn first go to the entities)."""
    view, message = select_view(g, Selection(limit=limit))
    shown = sorted((n for n, d in view.nodes(data=True) if d.get("shown")),
                   key=lambda n: (bool(view.nodes[n].get("result_only")),
                                  view.nodes[n]["rank"], n))
    for i, n in enumerate(shown):
        view.nodes[n]["rank"] = i
    return view, message


def _focused(g: nx.MultiDiGraph, iri: str, facts: Facts, neighbours: int
             ) -> tuple[nx.MultiDiGraph, str]:
    if iri not in g:  # a node the entity graph does not draw (no kind, no relation)
        info = _describe(facts.triples).get(iri)
        g.add_node(iri, **_other_node(iri, info, facts.mentions.get(iri, 0)))
    g.nodes[iri]["entity"] = True
    return select_view(g, Selection(focus=(iri,), hops=1, limit=neighbours + 1))


def neighbourhood_graph(store: Any, iri: str, limit: int, neighbours: int = NEIGHBOURS
                        ) -> tuple[nx.MultiDiGraph, str, bool]:
    """The entity ``iri`` and its ``neighbours`` strongest neighbours (PageRank within one
    hop, the way ``graphbuild view --focus NAME --hops 1`` ranks) with the edges among
    them, the concepts and agents on their edges hidden (one tick shows them) and the
    evidence sentences' texts. Two bounded reads: the facts touching the entity
    (:data:`NEIGHBOURHOOD`), then those among the neighbours drawn (:data:`AMONG`), each
    with its nodes' :func:`node_facts`; ``limit`` caps every read. Returns (graph to
    draw, what it shows, whether a cap was hit)."""
    triples, truncated = _read(store, NEIGHBOURHOOD, limit, {"e": ox.NamedNode(iri)})
    g, facts = result_graph(store, triples, limit)
    view, _ = _focused(g, iri, facts, neighbours)
    drawn = sorted(n for n, d in view.nodes(data=True) if d.get("shown") and n != iri
                   and d.get("entity"))
    around = {n for n in {*g.successors(iri), *g.predecessors(iri)}
              if n != iri and g.nodes[n].get("entity")}
    if len(drawn) > 1:  # the edges among the neighbours drawn
        ab = iri_values("a", drawn) + " " + iri_values("b", drawn)
        among, cut = _read(store, AMONG.replace("{ab}", ab), limit)
        if among:
            truncated = truncated or cut
            g, facts = result_graph(store, [*triples, *among], limit, facts)
            keep = {iri, *drawn} | {n for n, d in g.nodes(data=True) if not d.get("entity")}
            view, _ = _focused(g.subgraph(keep).copy(), iri, facts, neighbours)
    attach_texts(store, view)
    shown = [n for n, d in view.nodes(data=True) if d.get("shown") and n != iri]
    label = g.nodes[iri].get("label", iri)
    noun = "neighbour" if len(around) == 1 else "neighbours"
    message = f"{label} and its {len(shown):,} {noun}" if len(around) <= len(shown) \
        else f"{label} and {len(shown):,} of its {len(around):,} {noun}, the most " \
             "central by PageRank"
    hidden = sum(1 for _, d in view.nodes(data=True) if not d.get("shown")
                 and not d.get("entity"))
    if hidden:
        message += f"; {hidden:,} concepts/agents hidden (tick 'concepts' to show)"
    truncated = truncated or facts.truncated
    if truncated:
        message += f"; the facts read were cut at {limit:,} rows"
    return view, message, truncated
