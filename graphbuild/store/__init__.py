"""Where graphs live: graph files (Turtle, TriG…), the persistent Oxigraph store, and
remote SPARQL endpoints.

:func:`open` is the one way to open a store: ``open(location, mode)`` with a folder
(embedded Oxigraph) or a URL (a SPARQL 1.1 endpoint with Update:
:mod:`graphbuild.store.remote`; a server's base URL such as ``http://HOST:7878/`` works),
both as a :class:`~graphbuild.store.oxi.GraphStore`; the backends are a small table
(:data:`graphbuild.store.location.BACKENDS`). :func:`dataset` gives an rdflib
:class:`~rdflib.Dataset` over an open store (through oxrdflib), and
:func:`load_graph_or_store` that Dataset for a graph file or a store.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from graphbuild.store.files import GRAPH_FILE_FORMATS, format_for_path, load_graph

if TYPE_CHECKING:
    from graphbuild.store.oxi import GraphStore

__all__ = ["GRAPH_FILE_FORMATS", "MODES", "format_for_path", "load_graph", "open", "dataset",
           "load_graph_or_store"]


#: ``mode`` of :func:`open`: read-only (must exist), read-write (must exist), read-write
#: (created when missing)
MODES = {"r": (True, False), "r+": (False, False), "w": (False, True)}


def open(location: str | os.PathLike, mode: str = "r") -> GraphStore:  # noqa: A001
    """The store at ``location`` (a folder, or an ``http(s)://`` SPARQL endpoint), opened
    ``"r"`` read-only (any number of readers, also while a build writes), ``"r+"``
    read-write, or ``"w"`` read-write and created if missing. Use it as a context manager."""
    from graphbuild.store.location import backend_for, store_location

    try:
        read_only, create = MODES[mode]
    except KeyError:
        raise ValueError(f"mode {mode!r}: expected one of {', '.join(MODES)}") from None
    where = store_location(location)
    return backend_for(where)(where, read_only=read_only, create=create)


def dataset(store: GraphStore, *, snapshot: bool = False):  # noqa: ANN201
    """An rdflib Dataset (``default_union=True``) over an open store: the same oxrdflib code
    runs over an embedded and a remote store. ``snapshot=True`` copies a remote store into
    memory first (one request), for rdflib code that looks up every subject (the JSON-LD and
    RDF/XML writers): one request per lookup would be slow.

    The store's named graphs are the Dataset's graphs; the union is the default graph for
    queries. (A plain ``rdflib.Graph(store="Oxigraph")`` without an identifier would write
    into a fresh blank-node graph — oxrdflib's default-graph trap — which is why this
    returns a Dataset.)
    """
    import pyoxigraph as ox
    from oxrdflib import OxigraphStore
    from rdflib import Dataset

    from graphbuild.rdf.vocab import bind_prefixes

    inner = store.store
    if snapshot and not isinstance(inner, ox.Store):
        inner = ox.Store()
        inner.extend(store.store.quads_for_pattern(None, None, None, None))
    return bind_prefixes(Dataset(store=OxigraphStore(store=inner), default_union=True))


def load_graph_or_store(graph: str | os.PathLike | None, store: str | os.PathLike | None,
                        *, snapshot: bool = False):  # noqa: ANN201
    """The Dataset of a graph file, or of a store opened read-only: exactly one must be
    given (``snapshot``: see :func:`dataset`)."""
    from graphbuild.errors import GraphFileError

    if (graph is None) == (store is None):
        raise GraphFileError("give a graph file or --store DIR|URL (exactly one)")
    if store is not None:
        return dataset(open(store, "r"), snapshot=snapshot)
    return load_graph(graph)
