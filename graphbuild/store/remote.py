"""A remote store: a SPARQL 1.1 endpoint with Update (Oxigraph's server, Virtuoso, …),
behind the same interface as the embedded store.

:class:`RemoteStore` implements the part of :class:`pyoxigraph.Store`'s API that graphbuild
uses (``query``, ``update``, ``quads_for_pattern``, ``named_graphs``, ``dump``, ``len``…) over
the SPARQL 1.1 Protocol, and returns real pyoxigraph results (parsed from SPARQL JSON/XML
results or N-Triples), so the views, the server, oxrdflib and :class:`GraphStore`'s own
methods run unchanged. :class:`~graphbuild.store.remote_graph.RemoteGraphStore` is the
:class:`GraphStore` that ``graphbuild.store.open("http://…", mode)`` gives: it writes each
article in one update request (see :mod:`graphbuild.store.writes`), retried with back-off
(see :mod:`graphbuild.store.http`).

The store is the endpoint's graphs whose IRI starts with ``https://w3id.org/graphbuild/graph/``:
other graphs (Virtuoso's system graphs, other data) are not counted, listed or dumped, but
queries see the union of all the endpoint's graphs. Queries ask for that union: Oxigraph's
server gets ``union-default-graph`` with every query (no server option needed); Virtuoso's
default graph is the union anyway; other servers must be set up so (Fuseki:
``tdb2:unionDefaultGraph true``): opening a store checks it. Locking does not apply: the
server serialises requests, but nothing stops two builds writing the same endpoint at once,
and they must not (their cross-article merge records would mix): run one build at a time.

Endpoints: the URL is the query endpoint; updates go to the same URL, or to ``…/update``
when it ends in ``/query`` (Oxigraph: ``http://HOST:7878/query``; Fuseki:
``http://HOST:3030/DATASET/query``, or the dataset URL itself for both; Virtuoso:
``http://HOST:8890/sparql``). A server's base URL (``http://HOST:7878/``, as Oxigraph's
server is usually typed) means its ``/query`` and ``/update``.
"""

from __future__ import annotations

import logging
import re
import urllib.parse
from collections.abc import Iterable, Iterator
from typing import IO, Any

import pyoxigraph as ox

from graphbuild.errors import StoreError, StoreRequestError
from graphbuild.rdf.vocab import GRAPH
from graphbuild.store.http import HttpClient, RetryPolicy
from graphbuild.store.sparqltext import (
    bind_values,
    check_standard,
    query_form,
    term_text,
    with_prefixes,
)
from graphbuild.store.writes import (
    STAGING_PREFIX,
    article_requests,
    graph_blocks,
    insert_data,
)

__all__ = ["RemoteStore", "endpoints"]

log = logging.getLogger("graphbuild.store")

_ACCEPT = {"SELECT": "application/sparql-results+json, application/sparql-results+xml;q=0.8",
           "ASK": "application/sparql-results+json, application/sparql-results+xml;q=0.8",
           "CONSTRUCT": "application/n-triples, text/turtle;q=0.8",
           "DESCRIBE": "application/n-triples, text/turtle;q=0.8"}
_ERROR_AT = re.compile(r"error at 1:(\d+)")
_TRUE = ox.parse_query_results(b'{"head":{},"boolean":true}', ox.QueryResultsFormat.JSON)
_FALSE_JSON = b'{"head":{},"boolean":false}'


def endpoints(url: str) -> tuple[str, str]:
    """(query URL, update URL) of a store URL."""
    parts = urllib.parse.urlsplit(url)
    if parts.path in {"", "/"}:  # a server's base URL, as Oxigraph's is typed: its endpoints
        base = parts._replace(path="/", query="", fragment="")
        return (urllib.parse.urlunsplit(base._replace(path="/query")),
                urllib.parse.urlunsplit(base._replace(path="/update")))
    if parts.path.endswith("/query"):
        return url, urllib.parse.urlunsplit(parts._replace(path=parts.path[:-5] + "update"))
    return url, url


def _max_bytes_from_env() -> int:
    """``GRAPHBUILD_STORE_MAX_REQUEST``: the largest update request, in bytes."""
    from graphbuild import settings

    return settings.get("GRAPHBUILD_STORE_MAX_REQUEST")


def _boolean(value: bool) -> ox.QueryBoolean:
    if value:
        return _TRUE
    return ox.parse_query_results(_FALSE_JSON, ox.QueryResultsFormat.JSON)


class RemoteStore:
    """pyoxigraph.Store's API (the part graphbuild uses) over a SPARQL 1.1 endpoint."""

    def __init__(self, url: str, *, read_only: bool = False, policy: RetryPolicy | None = None,
                 max_request_bytes: int | None = None, graph_prefix: str = str(GRAPH)) -> None:
        self.http = HttpClient(url, policy)
        self.url = self.http.url
        self.query_url, self.update_url = endpoints(self.url.split("#", 1)[0])
        self.read_only = read_only
        self.max_request_bytes = max_request_bytes or _max_bytes_from_env()
        self.graph_prefix = graph_prefix

    def __repr__(self) -> str:
        return f"RemoteStore({self.url!r})"

    # ------------------------------------------------------------------ SPARQL
    def query(self, query: str, *, base_iri: str | None = None,
              prefixes: dict[str, str] | None = None, use_default_graph_as_union: bool = False,
              default_graph: Any = None, named_graphs: Iterable[Any] | None = None,
              substitutions: dict[Any, Any] | None = None, what: str = "querying") -> Any:
        """Run a query on the endpoint: QuerySolutions, QueryBoolean or QueryTriples."""
        form = query_form(query)
        text, shift = with_prefixes(bind_values(query, substitutions), prefixes)
        if base_iri:
            head = f"BASE {ox.NamedNode(base_iri)} "
            text, shift = head + text, shift + len(head)
        fields = [("query", text)]
        defaults = default_graph if isinstance(default_graph, list) else (
            [] if default_graph is None else [default_graph])
        fields += [("default-graph-uri", g.value) for g in defaults
                   if isinstance(g, ox.NamedNode)]
        fields += [("named-graph-uri", g.value) for g in named_graphs or ()]
        if use_default_graph_as_union and not defaults:
            fields.append(("union-default-graph", ""))  # Oxigraph's; other servers ignore it
        try:
            check_standard(text)
            resp = self.http.send(self.query_url, urllib.parse.urlencode(fields).encode(),
                                  {"Accept": _ACCEPT[form], "Content-Type":
                                   "application/x-www-form-urlencoded"}, what)
        except SyntaxError as err:  # report columns of the text as given
            message = _ERROR_AT.sub(lambda m: f"error at 1:{max(int(m.group(1)) - shift, 1)}",
                                    getattr(err, "message", str(err)))
            raise type(err)(message) from None
        return self._result(resp, form, what)

    def _result(self, resp: Any, form: str, what: str) -> Any:
        capped = resp.headers.get("X-SPARQL-MaxRows")
        if capped:
            resp.close()
            raise StoreRequestError(
                f"{self.url}: {what}: the endpoint cut the answer at {capped} rows (Virtuoso: "
                "raise ResultSetMaxRows in the [SPARQL] section of virtuoso.ini)")
        media = resp.headers.get_content_type()
        if form in ("SELECT", "ASK"):
            fmt = ox.QueryResultsFormat.from_media_type(media) or ox.QueryResultsFormat.JSON
            result = ox.parse_query_results(resp, fmt)
            if form == "ASK" and isinstance(result, ox.QuerySolutions):
                # Virtuoso 7 answers ASK as one row with an integer: normalise
                row = next(iter(result), None)
                value = row[0] if row is not None and len(row) else None
                return _boolean(value is not None and value.value not in ("0", "false"))
            return result
        fmt = ox.RdfFormat.from_media_type(media) or ox.RdfFormat.N_TRIPLES
        triples = ox.Store()  # a real QueryTriples, as callers check for one
        triples.extend(ox.Quad(t.subject, t.predicate, t.object) for t in ox.parse(resp, fmt))
        return triples.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")

    def update(self, update: str, *, base_iri: str | None = None,
               prefixes: dict[str, str] | None = None, what: str = "updating the store") -> None:
        """Run a SPARQL Update (one request)."""
        if self.read_only:
            raise StoreError(f"{self.url}: opened read-only: cannot run an update")
        text, _ = with_prefixes(update, prefixes)
        if base_iri:
            text = f"BASE {ox.NamedNode(base_iri)} {text}"
        check_standard(text, update=True)
        with self.http.send(self.update_url, text.encode("utf-8"),
                            {"Content-Type": "application/sparql-update; charset=utf-8"},
                            what) as resp:
            resp.read()

    def ping(self, what: str = "connecting") -> None:
        """Raise StoreUnavailableError (after retries) unless the endpoint answers."""
        self.query("ASK { }", what=what)

    # ------------------------------------------------------------------ writing
    def write_article(self, article_graph: str, quads: list[ox.Quad], what: str) -> None:
        """Replace ``article_graph`` with ``quads`` (see :mod:`graphbuild.store.writes`)."""
        requests = article_requests(article_graph, quads, self.max_request_bytes)
        if len(requests) > 1:
            log.info("%s: %d requests (staged: over %d bytes)", what, len(requests),
                     self.max_request_bytes)
        for text in requests:
            self.update(text, what=what)

    def _insert(self, quads: Iterable[ox.Quad], what: str) -> None:
        blocks = graph_blocks(quads)
        if blocks:
            self.update(insert_data(blocks), what=what)

    def load(self, input: Any = None, format: Any = None, *, path: str | None = None,  # noqa: A002
             base_iri: str | None = None, to_graph: Any = None, lenient: bool = False) -> None:
        """Parse RDF and add it in one ``INSERT DATA`` (malformed input: nothing sent)."""
        quads = list(ox.parse(input, format, path=path, base_iri=base_iri, lenient=lenient))
        if to_graph is not None:
            quads = [ox.Quad(q.subject, q.predicate, q.object, to_graph) for q in quads]
        self._insert(quads, "loading data")

    def extend(self, quads: Iterable[ox.Quad]) -> None:
        self._insert(list(quads), "adding quads")

    def add(self, quad: ox.Quad) -> None:
        self._insert([quad], "adding a quad")

    def remove(self, quad: ox.Quad) -> None:
        text = insert_data(graph_blocks([quad])).replace("INSERT DATA", "DELETE DATA", 1)
        self.update(text, what="removing a quad")

    def add_graph(self, graph_name: Any) -> None:
        """Nothing to do: here a graph exists while it holds quads (rdflib calls this for
        every graph it lists, even read-only)."""

    def remove_graph(self, graph_name: ox.NamedNode) -> None:
        self.update(f"DROP SILENT GRAPH {term_text(graph_name)}", what="removing a graph")

    def clear_graph(self, graph_name: ox.NamedNode) -> None:
        self.update(f"CLEAR SILENT GRAPH {term_text(graph_name)}", what="clearing a graph")

    def flush(self) -> None:
        """Nothing to do: the server persists each request."""

    def optimize(self) -> None:
        """Nothing to do: the server manages its storage."""

    # ------------------------------------------------------------------ reading
    def graph_filter(self, var: str) -> str:
        """A FILTER keeping ``var`` to the store's graphs (not the staging graphs of a write
        in progress, or of one that failed half-way, unless they are what is asked for)."""
        keep = f"STRSTARTS(STR({var}), {ox.Literal(self.graph_prefix)})"
        if STAGING_PREFIX.startswith(self.graph_prefix) and self.graph_prefix != STAGING_PREFIX:
            keep += f" && !STRSTARTS(STR({var}), {ox.Literal(STAGING_PREFIX)})"
        return f"FILTER({keep})"

    def quads_for_pattern(self, subject: Any, predicate: Any, obj: Any,
                          graph_name: Any = None) -> Iterator[ox.Quad]:
        """Quads matching the pattern (None: any); with no graph given, those of the store's
        graphs. Blank-node patterns and the default graph match nothing (blank-node labels
        do not survive a request; graphbuild writes neither)."""
        fixed = (subject, predicate, obj, graph_name)
        if any(isinstance(t, (ox.BlankNode, ox.DefaultGraph)) for t in fixed):
            return iter(())
        names = ("s", "p", "o", "g")
        pattern = " ".join(f"?{n}" if t is None else term_text(t)
                           for n, t in zip(names[:3], fixed[:3], strict=True))
        where = (f"GRAPH ?g {{ {pattern} }} {self.graph_filter('?g')}" if graph_name is None
                 else f"GRAPH {term_text(graph_name)} {{ {pattern} }}")
        free = [n for n, t in zip(names, fixed, strict=True) if t is None]
        if not free:
            found = self.query(f"ASK {{ {where} }}", what="reading a quad")
            return iter([ox.Quad(*fixed)] if bool(found) else [])
        rows = self.query(f"SELECT {' '.join('?' + n for n in free)} WHERE {{ {where} }}",
                          what="reading quads")
        return (ox.Quad(*(row[n] if t is None else t
                          for n, t in zip(names, fixed, strict=True))) for row in rows)

    def __iter__(self) -> Iterator[ox.Quad]:
        return self.quads_for_pattern(None, None, None, None)

    def __contains__(self, quad: ox.Quad) -> bool:
        return any(True for _ in self.quads_for_pattern(quad.subject, quad.predicate,
                                                        quad.object, quad.graph_name))

    def __len__(self) -> int:
        rows = self.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
                          f"{self.graph_filter('?g')} }}", what="counting quads")
        return int(next(iter(rows))[0].value)

    def named_graphs(self) -> Iterator[ox.NamedNode]:
        rows = self.query(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
                          f"{self.graph_filter('?g')} }}", what="listing graphs")
        return (row[0] for row in rows)

    def contains_named_graph(self, graph_name: ox.NamedNode) -> bool:
        found = self.query(f"ASK {{ GRAPH {term_text(graph_name)} {{ ?s ?p ?o }} }}",
                           what="looking for a graph")
        return bool(found)

    def dump(self, output: IO[bytes] | None = None, format: Any = None, *,  # noqa: A002
             from_graph: Any = None, prefixes: dict[str, str] | None = None,
             base_iri: str | None = None) -> bytes | None:
        """Serialise the store's quads (or one graph's triples), streamed."""
        if from_graph is None:
            data: Iterable[Any] = self.quads_for_pattern(None, None, None, None)
        else:
            data = (ox.Triple(q.subject, q.predicate, q.object)
                    for q in self.quads_for_pattern(None, None, None, from_graph))
        return ox.serialize(data, output, format, prefixes=prefixes, base_iri=base_iri)
