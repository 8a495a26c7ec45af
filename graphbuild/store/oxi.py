"""The persistent store: an embedded Oxigraph (RocksDB) database on disk.

One named graph per article (its statements, quotations, roles, sentences, mentions) and one
shared graph of entities (types, labels, aliases). Writing an article is atomic: a new article
is loaded in one transaction; a changed one is dropped (one transaction) and loaded again (one
transaction), so after a crash every article is either fully present or fully absent. Only
one process may write at a time: a second writer gets :class:`StoreInUseError`; readers open
the store read-only (Oxigraph calls a read-only open during a write undefined behaviour: it
may fail or see an older state, so readers should retry; the writer is not affected).

A marker in the graph ``https://w3id.org/graphbuild/graph/build`` says that cross-article
merging is pending (set before a build writes its first article, cleared after merging).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import XSD

from graphbuild.errors import StoreError, StoreInUseError, StoreNotFoundError
from graphbuild.rdf.vocab import ENTITY_GRAPH, GB, GRAPH, PREFIXES, SDO
from graphbuild.store.http import public_url
from graphbuild.store.location import is_remote
from graphbuild.store.terms import (  # noqa: F401 - re-exported: the names callers import
    nquads,
    nt_term,
    prologue,
    to_ox,
    to_rdflib,
)

log = logging.getLogger("graphbuild.store")

ARTICLE_GRAPH_PREFIX = str(GRAPH["article/"])
#: Flush RocksDB's write buffers after this many bytes of N-Quads: without it the writer's
#: memory grows with the corpus (about 4 bytes of RSS per byte loaded, 0.4 MB per article).
FLUSH_BYTES = 32 * 2**20
BUILD_GRAPH = str(GRAPH["build"])
_PENDING = ox.Quad(ox.NamedNode(BUILD_GRAPH), ox.NamedNode(str(GB.mergePending)),
                   ox.Literal("true", datatype=ox.NamedNode(str(XSD.boolean))),
                   ox.NamedNode(BUILD_GRAPH))


def prune_update() -> str:
    """The SPARQL Update that drops entity-graph triples about nodes no article graph uses
    (in any position): what removed or replaced articles leave behind."""
    eg, bg = f"<{ENTITY_GRAPH}>", f"<{BUILD_GRAPH}>"
    staging = ox.Literal(str(GRAPH["staging/"]))  # a remote store's half-done writes
    used = f"FILTER(?g != {eg} && ?g != {bg} && !STRSTARTS(STR(?g), {staging}))"
    return f"""
        DELETE {{ GRAPH {eg} {{ ?x ?p ?o }} }}
        WHERE {{ GRAPH {eg} {{ ?x ?p ?o }}
                FILTER NOT EXISTS {{ GRAPH ?g {{ ?s ?q ?x }} {used} }}
                FILTER NOT EXISTS {{ GRAPH ?g {{ ?s ?x ?v }} {used} }}
                FILTER NOT EXISTS {{ GRAPH ?g {{ ?x ?q ?v }} {used} }} }}"""


class GraphStore:
    """The embedded Oxigraph store in the folder ``path``. Use as a context manager;
    ``read_only=True`` lets any number of readers open it while a writer runs. Open stores
    with :func:`graphbuild.store.open`, which picks this class for a folder and
    :class:`~graphbuild.store.remote_graph.RemoteGraphStore` (the same methods over a remote
    SPARQL 1.1 endpoint) for a URL."""

    def __init__(self, path: str | os.PathLike, *, read_only: bool = False,
                 create: bool = True) -> None:
        if is_remote(str(path)):
            raise ValueError(f"{public_url(str(path))}: a URL is not a store folder; open it "
                             "with graphbuild.store.open(location, mode)")
        self.path = Path(path)
        self.read_only = read_only
        self._unflushed = 0
        if (read_only or not create) and not (self.path / "CURRENT").exists():
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
        except RuntimeError as err:  # e.g. read-only open of a store still being created
            raise StoreError(f"{self.path}: cannot open store yet: {err}") from err

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

    def article_key(self, article_graph: URIRef, article: URIRef) -> str | None:
        """The build key recorded for an article (:mod:`graphbuild.fingerprint`), or None when
        it is not stored or was stored without one (by an older graphbuild)."""
        for q in self.store.quads_for_pattern(to_ox(article), to_ox(GB.buildKey), None,
                                              to_ox(article_graph)):
            return q.object.value
        return None

    def replace_article(self, article_graph: URIRef, quads: Iterable[tuple]) -> int:
        """Put an article's quads in, replacing its named graph."""
        data, n = nquads(quads)
        self.replace_nquads(str(article_graph), data)
        return n

    def replace_nquads(self, article_graph: str, nquads: bytes) -> None:
        """Replace an article's named graph with ``nquads`` (which may also add entity-graph
        quads). Two atomic steps: drop the old graph (one SPARQL Update: one transaction),
        load the new quads (Oxigraph's ``load`` writes all or nothing). Killed in between, the
        article is absent, never half-present, and the next build adds it again."""
        if self.store.contains_named_graph(ox.NamedNode(article_graph)):
            self.store.update(f"DROP SILENT GRAPH <{article_graph}>")
        self.store.load(nquads, ox.RdfFormat.N_QUADS)
        self._unflushed += len(nquads)
        if self._unflushed > FLUSH_BYTES:  # keeps the writer's memory flat
            self.store.flush()
            self._unflushed = 0

    # -------------------------------------------------------------- merge bookkeeping
    def merge_pending(self) -> bool:
        """True when articles were written since cross-article merging last completed."""
        return _PENDING in self.store

    def set_merge_pending(self) -> None:
        self.store.add(_PENDING)

    def clear_merge_pending(self) -> None:
        self.store.remove(_PENDING)

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
        """Drop entity-graph triples about nodes that no article graph uses any more
        (entities no article mentions, verb relations and extractors no article uses)."""
        self.store.update(prune_update())

    def article_graphs(self) -> list[str]:
        return sorted(g.value for g in self.store.named_graphs()
                      if isinstance(g, ox.NamedNode) and g.value.startswith(ARTICLE_GRAPH_PREFIX))

    def update(self, sparql: str) -> None:
        """Run a SPARQL Update (one transaction)."""
        self.store.update(sparql)

    # -------------------------------------------------------------- reading
    def query(self, sparql: str, bindings: dict[str, Any] | None = None) -> Any:
        """Run SPARQL over the union of all graphs (prefixes pre-declared). ``bindings`` are
        substituted as RDF terms by Oxigraph, never pasted into the text (Oxigraph 0.5 wants
        a bound variable in the SELECT projection: ``SELECT ?a ?e`` to bind ``e``)."""
        subs = {ox.Variable(k): to_ox(v) for k, v in (bindings or {}).items()}
        return self.store.query(prologue() + sparql, use_default_graph_as_union=True,
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
            "narratives": count("SELECT (COUNT(?n) AS ?c) WHERE { ?n a gb:Narrative }"),
            "triples": len(self.store),
        }


def _ox_prefixes() -> dict[str, str]:
    return {p: str(ns) for p, ns in PREFIXES.items()}


__all__ = ["GraphStore", "StoreError", "StoreInUseError", "StoreNotFoundError", "nquads",
           "nt_term", "to_ox", "to_rdflib", "SDO"]
