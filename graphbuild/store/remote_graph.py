"""The graphbuild store in a remote SPARQL endpoint: :class:`GraphStore`'s methods over a
:class:`~graphbuild.store.remote.RemoteStore` (what ``graphbuild.store.open("http://…",
mode)`` gives).

Only what differs from the embedded store is here: opening (the endpoint must answer and
query the union of its graphs), writing an article (one update request, see
:mod:`graphbuild.store.writes`; a store that stays down is a one-line error naming the
article) and removing one. Everything else (hashes, merge bookkeeping, pruning, merges,
queries, stats, dumps) is :class:`GraphStore`'s own code.
"""

from __future__ import annotations

import urllib.parse
from typing import Any

import pyoxigraph as ox

from graphbuild.errors import StoreError, StoreUnavailableError
from graphbuild.rdf.vocab import GB
from graphbuild.store.http import public_url
from graphbuild.store.oxi import ARTICLE_GRAPH_PREFIX, GraphStore
from graphbuild.store.remote import RemoteStore

__all__ = ["RemoteGraphStore", "article_name"]


def article_name(article_graph: str) -> str:
    """``business/001`` for ``…/graph/article/business%2F001`` (the graph IRI otherwise)."""
    if article_graph.startswith(ARTICLE_GRAPH_PREFIX):
        return urllib.parse.unquote(article_graph[len(ARTICLE_GRAPH_PREFIX):])
    return article_graph


class RemoteGraphStore(GraphStore):
    """A graphbuild store in a remote SPARQL endpoint (what
    ``graphbuild.store.open("http://…", mode)`` gives)."""

    def __init__(self, path: str, *, read_only: bool = False, create: bool = True) -> None:
        self.path = public_url(str(path))  # type: ignore[assignment]
        self.read_only = read_only
        self._unflushed = 0
        self.store = RemoteStore(str(path), read_only=read_only)  # type: ignore[assignment]
        self.store.ping("opening the store")
        self._check_union()

    def _check_union(self) -> None:
        """The endpoint must query the union of its graphs by default (a stored article's
        hash must be visible without GRAPH)."""
        row = next(iter(self.store.query(
            f"SELECT ?a WHERE {{ GRAPH ?g {{ ?a <{GB.contentHash}> ?h }} "
            f"{self.store.graph_filter('?g')} }} LIMIT 1", what="opening the store")), None)
        if row is None:
            return
        seen = self.store.query(f"ASK {{ {row[0]} <{GB.contentHash}> ?h }}",
                                use_default_graph_as_union=True, what="opening the store")
        if not bool(seen):
            raise StoreError(f"{self.path}: the endpoint's default graph is not the union of "
                             "its named graphs, which graphbuild's queries need (Fuseki: "
                             "tdb2:unionDefaultGraph true; Oxigraph: --union-default-graph)")

    def close(self) -> None:
        self.store = None

    def replace_nquads(self, article_graph: str, nquads: bytes) -> None:
        """Replace an article's named graph with ``nquads`` in one update request (staged
        when too large; see :mod:`graphbuild.store.writes`). Malformed N-Quads raise
        SyntaxError before anything is sent; a store that stays down raises
        StoreUnavailableError naming the article."""
        quads = list(ox.parse(nquads, ox.RdfFormat.N_QUADS))
        what = f"writing article {article_name(article_graph)}"
        try:
            self.store.write_article(article_graph, quads, what)
        except StoreUnavailableError as err:
            raise StoreUnavailableError(
                f"{err.message}; the article is not half-written: run the same build again "
                "to add it") from None

    def remove_article(self, article_graph: Any) -> bool:
        """Delete one article's named graph, then prune entities no article mentions."""
        node = ox.NamedNode(str(article_graph))
        if not self.store.contains_named_graph(node):
            return False
        self.store.update(f"DROP SILENT GRAPH {node}",
                          what=f"removing article {article_name(node.value)}")
        self.prune_entities()
        return True
