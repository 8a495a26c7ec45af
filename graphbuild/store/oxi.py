"""The persistent store: an embedded Oxigraph (RocksDB) database on disk.

One named graph per article (its statements, quotations, roles, sentences, mentions) and one
shared graph of entities (types, labels, aliases). Writing an article is one transaction
(a single SPARQL Update that drops the article's graph and inserts the new one), so after a
crash every article is either fully present or fully absent. Only one process may write at a
time: a second writer gets :class:`StoreInUseError`; readers open the store read-only.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef

from graphbuild.errors import GraphbuildError
from graphbuild.rdf.vocab import ENTITY_GRAPH, GB, GRAPH, PREFIXES, SDO

log = logging.getLogger("graphbuild.store")

ARTICLE_GRAPH_PREFIX = str(GRAPH["article/"])


class StoreError(GraphbuildError):
    code = "GB410"


class StoreInUseError(StoreError):
    """Another process holds the store open for writing."""

    code = "GB411"


class StoreNotFoundError(StoreError):
    code = "GB412"


# ------------------------------------------------------------------ rdflib <-> oxigraph terms

def to_ox(term: Any) -> Any:
    """An rdflib term as a pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def to_rdflib(term: Any) -> Any:
    """A pyoxigraph term as an rdflib term."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        if dt == "http://www.w3.org/2001/XMLSchema#string":
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(dt))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.DefaultGraph):
        return None
    raise TypeError(f"not an RDF term: {term!r}")


def _prologue() -> str:
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in sorted(PREFIXES.items()))


class GraphStore:
    """A graphbuild store at ``path``. Use as a context manager; ``read_only=True`` lets any
    number of readers open it while a writer runs."""

    def __init__(self, path: str | os.PathLike, *, read_only: bool = False,
                 create: bool = True) -> None:
        self.path = Path(path)
        self.read_only = read_only
        if read_only or not create:
            if not (self.path / "CURRENT").exists():
                raise StoreNotFoundError(f"{self.path}: no graphbuild store here "
                                         "(build one with: graphbuild build CORPUS --store DIR)")
        try:
            self.store = ox.Store.read_only(str(self.path)) if read_only \
                else ox.Store(str(self.path))
        except OSError as err:
            if "lock" in str(err).lower():
                raise StoreInUseError(
                    f"{self.path}: store is in use by another graphbuild process "
                    "(wait for it to finish, or open it read-only)") from err
            raise StoreError(f"{self.path}: cannot open store: {err}") from err

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if getattr(self, "store", None) is not None:
            if not self.read_only:
                self.store.flush()
            self.store = None

    # -------------------------------------------------------------- articles
    def article_hash(self, article_graph: URIRef, article: URIRef) -> str | None:
        """The content hash recorded for an article, or None when it is not stored."""
        for q in self.store.quads_for_pattern(to_ox(article), to_ox(GB.contentHash), None,
                                              to_ox(article_graph)):
            return q.object.value
        return None

    def replace_article(self, article_graph: URIRef, quads: Iterable[tuple]) -> int:
        """Put an article's quads in, replacing its named graph, in one transaction."""
        by_graph: dict[str, list[str]] = {}
        n = 0
        for s, p, o, g in quads:
            by_graph.setdefault(str(g), []).append(f"{to_ox(s)} {to_ox(p)} {to_ox(o)} .")
            n += 1
        self.replace_blocks(str(article_graph), by_graph)
        return n

    def replace_blocks(self, article_graph: str, blocks: dict[str, list[str]]) -> None:
        """Drop ``article_graph`` and insert ``blocks`` (graph IRI -> N-Triples lines whose
        terms were serialised by Oxigraph) as one SPARQL Update: one transaction."""
        body = "\n".join(f"GRAPH <{g}> {{\n" + "\n".join(lines) + "\n}"
                         for g, lines in blocks.items())
        self.store.update(f"DROP SILENT GRAPH <{article_graph}> ;\nINSERT DATA {{\n{body}\n}}")

    def remove_article(self, article_graph: URIRef) -> bool:
        """Delete one article's named graph (entities it alone mentioned stay in the entity
        graph until :meth:`prune_entities`)."""
        node = ox.NamedNode(str(article_graph))
        if not self.store.contains_named_graph(node):
            return False
        self.store.update(f"DROP GRAPH <{article_graph}>")
        self.prune_entities()
        return True

    def prune_entities(self) -> None:
        """Drop entity-graph triples of entities that no article mentions any more."""
        self.store.update(_prologue() + f"""
            DELETE {{ GRAPH <{ENTITY_GRAPH}> {{ ?e ?p ?o }} }}
            WHERE {{ GRAPH <{ENTITY_GRAPH}> {{ ?e gb:entityKind ?k ; ?p ?o }}
                    FILTER NOT EXISTS {{ GRAPH ?g {{ ?a schema:mentions ?e }} }} }}""")

    def article_graphs(self) -> list[str]:
        return sorted(g.value for g in self.store.named_graphs()
                      if isinstance(g, ox.NamedNode) and g.value.startswith(ARTICLE_GRAPH_PREFIX))

    # -------------------------------------------------------------- reading
    def query(self, sparql: str, bindings: dict[str, Any] | None = None) -> Any:
        """Run SPARQL over the union of all graphs (prefixes pre-declared). ``bindings`` are
        substituted as RDF terms by Oxigraph, never pasted into the text."""
        subs = {ox.Variable(k): to_ox(v) for k, v in (bindings or {}).items()}
        return self.store.query(_prologue() + sparql, use_default_graph_as_union=True,
                                substitutions=subs or None)

    def quads(self) -> Iterator[Any]:
        return self.store.quads_for_pattern(None, None, None, None)

    def dump(self, out: IO[bytes], fmt: str) -> None:
        """Stream the store to ``out`` (``nq``, ``trig``; ``ttl``/``nt`` give the union)."""
        formats = {"nq": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG,
                   "nt": ox.RdfFormat.N_TRIPLES, "ttl": ox.RdfFormat.TURTLE}
        if fmt in {"nq", "trig"}:
            self.store.dump(out, formats[fmt], prefixes=_ox_prefixes() if fmt == "trig" else None)
            return
        # the union of the graphs, streamed: a triple stated by several articles is written
        # once per article (RDF parsers merge duplicates)
        triples = (ox.Triple(q.subject, q.predicate, q.object) for q in self.quads())
        ox.serialize(triples, out, formats[fmt],
                     prefixes=_ox_prefixes() if fmt == "ttl" else None)

    def stats(self) -> dict[str, int]:
        def count(q: str) -> int:
            return int(next(iter(self.query(q)))[0].value)

        return {
            "articles": len(self.article_graphs()),
            "entities": count("SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e gb:entityKind ?k }"),
            "statements": count("SELECT (COUNT(?s) AS ?n) WHERE { ?s a gb:Statement }"),
            "quotes": count("SELECT (COUNT(?q) AS ?n) WHERE { ?q a schema:Quotation }"),
            "roles": count("SELECT (COUNT(?r) AS ?n) WHERE { ?r a schema:OrganizationRole }"),
            "triples": len(self.store),
        }


def _ox_prefixes() -> dict[str, str]:
    return {p: str(ns) for p, ns in PREFIXES.items()}


__all__ = ["GraphStore", "StoreError", "StoreInUseError", "StoreNotFoundError", "to_ox",
           "to_rdflib", "SDO"]
