"""Where graphs live: graph files (Turtle, TriG…), the persistent Oxigraph store, and
remote SPARQL endpoints.

:func:`connect` opens a store: a folder (embedded Oxigraph) or a URL (a SPARQL 1.1 endpoint
with Update: :mod:`graphbuild.store.remote`), both as a :class:`~graphbuild.store.oxi.GraphStore`.
:func:`open_store` gives an rdflib :class:`~rdflib.Dataset` over either (through oxrdflib):
query it with SPARQL, iterate its quads, all with rdflib terms.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from graphbuild.store.files import GRAPH_FILE_FORMATS, format_for_path, load_graph

if TYPE_CHECKING:
    from graphbuild.store.oxi import GraphStore

__all__ = ["GRAPH_FILE_FORMATS", "format_for_path", "load_graph", "open_store",
           "load_graph_or_store", "connect"]


def connect(location: str | os.PathLike, *, read_only: bool = False,
            create: bool = True) -> GraphStore:
    """The store at ``location``: a folder (the embedded Oxigraph store) or an
    ``http(s)://`` SPARQL endpoint (a :class:`~graphbuild.store.remote_graph.RemoteGraphStore`)."""
    from graphbuild.store.oxi import GraphStore

    return GraphStore(location, read_only=read_only, create=create)


def open_store(path: str | os.PathLike, *, read_only: bool = True,
               snapshot: bool = False):  # noqa: ANN201
    """An rdflib Dataset (``default_union=True``) over the store at ``path`` (a folder, or
    the URL of a SPARQL endpoint: the same oxrdflib code runs over its remote store).
    ``snapshot=True`` copies a remote store into memory first (one request), for rdflib
    code that looks up every subject (the JSON-LD and RDF/XML writers): one request per
    lookup would be slow.

    Read-only by default, so it can be opened while a build writes. The store's named graphs
    are the Dataset's graphs; the union is the default graph for queries. (A plain
    ``rdflib.Graph(store="Oxigraph")`` without an identifier would write into a fresh
    blank-node graph — oxrdflib's default-graph trap — which is why this returns a Dataset.)
    """
    import pyoxigraph as ox
    from oxrdflib import OxigraphStore
    from rdflib import Dataset

    from graphbuild.rdf.vocab import bind_prefixes

    gs = connect(path, read_only=read_only, create=not read_only)
    store = gs.store
    if snapshot and not isinstance(store, ox.Store):
        store = ox.Store()
        store.extend(gs.store.quads_for_pattern(None, None, None, None))
    return bind_prefixes(Dataset(store=OxigraphStore(store=store), default_union=True))


def load_graph_or_store(graph: str | os.PathLike | None, store: str | os.PathLike | None,
                        *, snapshot: bool = False):  # noqa: ANN201
    """The Dataset of a graph file, or of a store (read-only): exactly one must be given
    (``snapshot``: see :func:`open_store`)."""
    from graphbuild.errors import GraphFileError

    if (graph is None) == (store is None):
        raise GraphFileError("give a graph file or --store DIR|URL (exactly one)")
    return open_store(store, snapshot=snapshot) if store is not None else load_graph(graph)
