"""The work a query worker does: everything that touches the store runs here.

Each job is a function ``job(handle, **kwargs)`` returning something picklable. They run
inside a worker process (see :mod:`graphbuild.server.worker`), so a job that takes too
long is stopped by killing the process.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from graphbuild.query.guard import check_sparql
from graphbuild.rdf.vocab import PREFIXES
from graphbuild.server.results import (
    serialise_boolean,
    serialise_solutions,
    serialise_triples,
)

__all__ = ["StoreHandle", "JOBS", "PREFIX_MAP", "NotAcceptable"]

PREFIX_MAP = {p: str(ns) for p, ns in PREFIXES.items()}

#: A plain term: (kind "uri"|"bnode"|"literal"|"triple", value, language, datatype)
PlainTerm = tuple[str, str, str | None, str | None]


class NotAcceptable(Exception):
    """The query's result type has no format the client accepts."""


class StoreHandle:
    """The worker's open store. Read-only handles reopen the store when its files changed
    (a build writing meanwhile), so answers are never older than the last write. A URL is
    a remote store (:class:`~graphbuild.store.remote.RemoteStore`): always current."""

    def __init__(self, path: str, read_only: bool) -> None:
        from graphbuild.store.location import is_remote

        self.remote = is_remote(path)
        self.location = path
        self.path = Path(path)
        self.read_only = read_only
        self._store: Any = None
        self._stamp: tuple = ()
        self.open()

    def _signature(self) -> tuple:
        if self.remote:
            return ()
        try:
            return tuple(sorted((e.name, e.stat().st_mtime_ns, e.stat().st_size)
                                for e in os.scandir(self.path) if e.name != "LOG"))
        except OSError:
            return ()

    def open(self) -> None:
        self._store = None
        self._stamp = self._signature()
        if self.remote:
            from graphbuild import store as stores

            self._store = stores.open(self.location, "r" if self.read_only else "r+").store
            return
        self._store = ox.Store.read_only(str(self.path)) if self.read_only \
            else ox.Store(str(self.path))

    def get(self) -> Any:
        if self.read_only and self._signature() != self._stamp:
            self.open()
        return self._store


def _dataset(default_graphs: list[str] | None, named_graphs: list[str] | None) -> dict:
    """Query options: the union of all graphs by default, or the protocol's dataset."""
    if not default_graphs and not named_graphs:
        return {"use_default_graph_as_union": True}
    out: dict[str, Any] = {}
    if default_graphs:
        out["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
    if named_graphs:
        out["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
    return out


def _substitutions(bindings: dict[str, str] | None) -> dict | None:
    if not bindings:
        return None
    return {ox.Variable(k): ox.NamedNode(v) for k, v in bindings.items()}


def run_query(handle: StoreHandle, text: str, result_format: str | None,
              graph_format: str | None, max_rows: int, max_bytes: int,
              default_graphs: list[str] | None = None, named_graphs: list[str] | None = None,
              bindings: dict[str, str] | None = None) -> dict[str, Any]:
    """Refuse what reaches outside the store (the guard's parse, here under the time
    limit), run the query, serialise its result in the format negotiated for its type."""
    check_sparql(text)
    result = handle.get().query(text, prefixes=PREFIX_MAP,
                                substitutions=_substitutions(bindings),
                                **_dataset(default_graphs, named_graphs))
    if isinstance(result, ox.QueryBoolean):
        if result_format is None:
            raise NotAcceptable("no accepted format can carry an ASK result")
        return {"kind": "ask", "format": result_format, "rows": 1, "truncated": False,
                "body": serialise_boolean(bool(result), result_format)}
    if isinstance(result, ox.QuerySolutions):
        if result_format is None:
            raise NotAcceptable("no accepted format can carry a SELECT result")
        out = serialise_solutions(result, result_format, max_rows, max_bytes)
        kind, fmt = "select", result_format
    else:
        if graph_format is None:
            raise NotAcceptable("no accepted format can carry a CONSTRUCT/DESCRIBE result")
        out = serialise_triples(result, graph_format, max_rows, max_bytes, PREFIX_MAP)
        kind, fmt = "construct", graph_format
    return {"kind": kind, "format": fmt, "rows": out.rows, "truncated": out.truncated,
            "body": out.body}


def run_update(handle: StoreHandle, text: str) -> None:
    """Refuse what reaches outside the store (SERVICE, LOAD, USING another graph), then
    run the SPARQL Update (one transaction); flush so other readers see it."""
    check_sparql(text, update=True)
    store = handle.get()
    store.update(text, prefixes=PREFIX_MAP)
    store.flush()


def plain_term(term: Any) -> PlainTerm | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return ("uri", term.value, None, None)
    if isinstance(term, ox.BlankNode):
        return ("bnode", term.value, None, None)
    if isinstance(term, ox.Literal):
        return ("literal", term.value, term.language or None, term.datatype.value)
    return ("triple", str(term), None, None)


def select_rows(handle: StoreHandle, queries: dict[str, str], bindings: dict[str, str],
                limit: int) -> dict[str, list[dict[str, PlainTerm | None]]]:
    """Several SELECT queries with the same bound IRIs -> rows of plain terms each."""
    store = handle.get()
    out = {}
    for name, text in queries.items():
        solutions = store.query(text, prefixes=PREFIX_MAP, use_default_graph_as_union=True,
                                substitutions=_substitutions(bindings))
        names = [v.value for v in solutions.variables]
        rows = []
        for solution in solutions:
            if len(rows) >= limit:
                break
            rows.append({n: plain_term(solution[n]) for n in names})
        out[name] = rows
    return out


def graph_view(handle: StoreHandle, text: str, max_rows: int, title: str) -> dict[str, Any]:
    """A CONSTRUCT/DESCRIBE result drawn as graphbuild's self-contained HTML graph page,
    with the names, types and mention counts the store has for its nodes (one more
    bounded query: :func:`graphbuild.view.around.node_facts`)."""
    from graphbuild.view import html_string
    from graphbuild.view.around import result_graph, select_result

    check_sparql(text)
    store = handle.get()
    result = store.query(text, prefixes=PREFIX_MAP, use_default_graph_as_union=True)
    if not isinstance(result, ox.QueryTriples):
        raise ValueError("the graph view draws CONSTRUCT or DESCRIBE results only")
    triples: list[ox.Triple] = []
    seen: set[ox.Triple] = set()
    truncated = False
    for triple in result:
        if triple in seen:
            continue
        if len(triples) >= max_rows:
            truncated = True
            break
        seen.add(triple)
        triples.append(triple)
    graph, facts = result_graph(store, triples, max_rows)
    view, message = select_result(graph)
    return {"html": html_string(view, title=title, note=message), "rows": len(triples),
            "truncated": truncated or facts.truncated}


def entity_graph_view(handle: StoreHandle, iri: str, max_rows: int) -> dict[str, Any]:
    """The graph view page of one entity's neighbourhood (the entity and its strongest
    neighbours: :func:`graphbuild.view.around.neighbourhood_graph`)."""
    from graphbuild.view import html_string
    from graphbuild.view.around import neighbourhood_graph

    graph, message, truncated = neighbourhood_graph(handle.get(), iri, max_rows)
    label = str(graph.nodes[iri].get("label") or iri)
    return {"html": html_string(graph, title=f"{label} · graphbuild graph view",
                                note=message),
            "rows": graph.number_of_nodes(), "truncated": truncated}


JOBS: dict[str, Callable[..., Any]] = {
    "query": run_query,
    "update": run_update,
    "rows": select_rows,
    "view": graph_view,
    "entity_view": entity_graph_view,
}
