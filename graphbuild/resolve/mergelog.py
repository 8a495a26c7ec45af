"""Cross-article merges that can be undone exactly, so they are revisited on every build.

A merge rewrites a short-named entity (``src``) onto a longer-named one (``dst``) in every
graph. Whether it is right depends on the whole store: "Brennan" may be merged into "Helen
Brennan" while she is the only Brennan, and must not stay merged once a "Tom Brennan" arrives.
So each merge is applied together with a record of exactly what it changed (the quads it
removed and the quads it added that were not already there), kept in the bookkeeping graph
``https://w3id.org/graphbuild/graph/build``::

    <…/id/merge/N> a gb:MergeRecord ; gb:mergeOrder N ;
        gb:removedQuads "…N-Quads…" ; gb:addedQuads "…N-Quads…" .

Before a build writes its first article, the merge-pending marker is set and every recorded
merge is undone (newest first, one request each; every step idempotent), so articles are
always written into an unmerged store; after the writes the merges are planned again from
scratch and re-applied. The result is the store a single build of all the articles would
give, whatever the order of the builds.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox

from graphbuild.rdf.vocab import ENTITY_GRAPH, GB, GRAPH, ID, SDO

BUILD_GRAPH = str(GRAPH["build"])
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
#: what the absorbed entity keeps to itself (its name and types): the rest moves to ``dst``
_NOT_MOVED = {_RDFS + "label", str(SDO.name), _RDF + "type", str(GB.entityKind)}


def _quad_text(q: tuple[Any, Any, Any, Any]) -> str:
    s, p, o, g = q
    return f"{s} {p} {o} {g} .\n"


def _data_block(quads: Iterable[tuple[Any, Any, Any, Any]]) -> str:
    return "".join(f"GRAPH {g} {{ {s} {p} {o} }}\n" for s, p, o, g in quads)


def _touching(store: Any, iri: str) -> list[tuple[Any, Any, Any, Any]]:
    """Every quad with ``iri`` as subject or object, in any named graph."""
    node = f"<{iri}>"
    rows = store.query(f"""
        SELECT ?s ?p ?o ?g WHERE {{
          {{ GRAPH ?g {{ {node} ?p ?o }} BIND({node} AS ?s) }}
          UNION {{ GRAPH ?g {{ ?s ?p {node} }} BIND({node} AS ?o) }} }}""")
    return sorted({(r["s"], r["p"], r["o"], r["g"]) for r in rows}, key=_quad_text)


def apply_recorded(store: Any, order: int, src: str, dst: str, src_label: str) -> None:
    """Move ``src``'s quads onto ``dst`` (its name becomes an alias of ``dst``), and record
    exactly what changed; one transaction."""
    removed = _touching(store, src)
    existing = set(_touching(store, dst))
    s_node, d_node, eg = ox.NamedNode(src), ox.NamedNode(dst), ox.NamedNode(str(ENTITY_GRAPH))
    moved = []
    for s, p, o, g in removed:
        if s == s_node and p.value in _NOT_MOVED:
            continue
        moved.append((d_node if s == s_node else s, p, d_node if o == s_node else o, g))
    moved += [(d_node, ox.NamedNode(_SKOS + "altLabel"), ox.Literal(src_label), eg),
              (d_node, ox.NamedNode(str(GB.mergedFrom)), s_node, eg)]
    added = sorted({q for q in moved if q not in existing}, key=_quad_text)
    rec, bg = ox.NamedNode(str(ID[f"merge/{order}"])), ox.NamedNode(BUILD_GRAPH)
    record = [(rec, ox.NamedNode(_RDF + "type"), ox.NamedNode(str(GB.MergeRecord)), bg),
              (rec, ox.NamedNode(str(GB.mergeOrder)), ox.Literal(str(order), datatype=ox.NamedNode(
                  "http://www.w3.org/2001/XMLSchema#integer")), bg),
              (rec, ox.NamedNode(str(GB.removedQuads)),
               ox.Literal("".join(map(_quad_text, removed))), bg),
              (rec, ox.NamedNode(str(GB.addedQuads)),
               ox.Literal("".join(map(_quad_text, added))), bg)]
    # the record first: a server that commits each operation on its own (Virtuoso) may stop
    # after it, and undoing a record whose change never happened changes nothing
    store.update(f"INSERT DATA {{ {_data_block(record)} }} ;\n"
                 f"DELETE DATA {{ {_data_block(removed)} }} ;\n"
                 f"INSERT DATA {{ {_data_block(added)} }}")


def _parse(nquads: str) -> list[tuple[Any, Any, Any, Any]]:
    return [(q.subject, q.predicate, q.object, q.graph_name)
            for q in ox.parse(nquads.encode("utf-8"), format=ox.RdfFormat.N_QUADS)]


def undo_all(store: Any, *, then: str = "") -> int:
    """Undo every recorded merge, newest first; returns how many were undone. ``then`` (a
    SPARQL Update, e.g. setting the merge-pending marker) runs first, in the same request as
    the first undo (one transaction on the embedded store). Each merge is undone in its own
    request (its quads back, its record deleted), so a request never grows with the store;
    every step is idempotent, so an undo interrupted half-way is finished by the next one
    (the marker makes the next build merge even when it has nothing to write)."""
    rows = list(store.query(f"""
        SELECT ?r ?n ?removed ?added WHERE {{ GRAPH <{BUILD_GRAPH}> {{
          ?r a gb:MergeRecord ; gb:mergeOrder ?n ; gb:removedQuads ?removed ;
             gb:addedQuads ?added }} }}"""))
    rows.sort(key=lambda r: -int(r["n"].value))
    first = [then] if then else []
    for r in rows:
        store.update(" ;\n".join([
            *first,
            f"DELETE DATA {{ {_data_block(_parse(r['added'].value))} }}",
            f"INSERT DATA {{ {_data_block(_parse(r['removed'].value))} }}",
            f"DELETE WHERE {{ GRAPH <{BUILD_GRAPH}> {{ {r['r']} ?p ?o }} }}"]))
        first = []
    if first:
        store.update(first[0])
    return len(rows)
