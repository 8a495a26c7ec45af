"""Where graphs live: graph files (Turtle, TriG…) and the persistent Oxigraph store.

:func:`open_store` gives an rdflib :class:`~rdflib.Dataset` over a store built with
``graphbuild build CORPUS --store DIR`` (through oxrdflib): query it with SPARQL, iterate
its quads, all with rdflib terms, while Oxigraph does the work.
"""

from __future__ import annotations

import os

from graphbuild.store.files import GRAPH_FILE_FORMATS, format_for_path, load_graph

__all__ = ["GRAPH_FILE_FORMATS", "format_for_path", "load_graph", "open_store",
           "load_graph_or_store"]


def open_store(path: str | os.PathLike, *, read_only: bool = True):  # noqa: ANN201
    """An rdflib Dataset (``default_union=True``) over the store at ``path``.

    Read-only by default, so it can be opened while a build writes. The store's named graphs
    are the Dataset's graphs; the union is the default graph for queries. (A plain
    ``rdflib.Graph(store="Oxigraph")`` without an identifier would write into a fresh
    blank-node graph — oxrdflib's default-graph trap — which is why this returns a Dataset.)
    """
    from oxrdflib import OxigraphStore
    from rdflib import Dataset

    from graphbuild.rdf.vocab import bind_prefixes
    from graphbuild.store.oxi import GraphStore

    gs = GraphStore(path, read_only=read_only, create=not read_only)
    return bind_prefixes(Dataset(store=OxigraphStore(store=gs.store), default_union=True))


def load_graph_or_store(graph: str | os.PathLike | None, store: str | os.PathLike | None):  # noqa: ANN201
    """The Dataset of a graph file, or of a store (read-only): exactly one must be given."""
    from graphbuild.errors import GraphFileError

    if (graph is None) == (store is None):
        raise GraphFileError("give a graph file or --store DIR (exactly one)")
    return open_store(store) if store is not None else load_graph(graph)
