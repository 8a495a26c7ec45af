"""The SERVICE/LOAD check, including against Oxigraph itself as the judge: whenever
Oxigraph would contact a (local, counting) HTTP server, the check must have refused."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphbuild.server.safety import (
    ForbiddenQuery,
    check_graphs,
    check_query,
    check_update,
    query_form,
)

REFUSED = [
    "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "select * where { service <http://example.org/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE {\n  SeRvIcE\t\tSILENT\n<http://example.org/sparql>{?s ?p ?o}}",
    "SELECT * WHERE { ?s ?p ?o.SERVICE<http://example.org/sparql>{?s ?p ?o} }",
    "SELECT * WHERE { ?s ?p 1.SERVICE<http://example.org/sparql>{?s ?p ?o} }",
    "PREFIX ex: <http://example.org/> SELECT * WHERE { SERVICEex:sparql { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o SERVICESILENT<http://example.org/sparql>{?s ?p ?o} }",
    "SELECT * WHERE { ?s ?p ?o. SERVICE # comment\n <http://example.org/sparql> {} }",
    "SELECT * WHERE { \\u0053ERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p true SERVICE <http://example.org/sparql> { } }",
    "SELECT * WHERE { ?s ?p trueSERVICE<http://example.org/sparql> { } }",
    "LOAD <http://example.org/data.ttl>",
    "load silent <file:///etc/passwd> into graph <http://g>",
    "CLEAR ALL ; LOAD<http://example.org/x>",
    "INSERT { ?s ?p ?o } WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
]

ALLOWED = [
    'SELECT * WHERE { ?s ?p "SERVICE <http://example.org/sparql> { ?s ?p ?o }" }',
    "SELECT * WHERE { ?s ?p 'load <http://example.org/x>' }",
    'SELECT * WHERE { ?s ?p """multi\nline SERVICE\n""" }',
    "SELECT * WHERE { ?s ?p ?o } # SERVICE <http://example.org/sparql> in a comment",
    "SELECT ?service ?load WHERE { ?service ?load ?o }",
    "PREFIX ex: <http://example.org/SERVICE#> SELECT * WHERE { ?s ex:loadFactor ?o }",
    "SELECT * WHERE { ?s <http://example.org/service/load> ?o }",
    "SELECT * FROM <https://w3id.org/graphbuild/graph/entities> WHERE { ?s ?p ?o }",
    "SELECT * WHERE { ?s schema:download ?o }",
]


@pytest.mark.parametrize("text", REFUSED)
def test_refused(text: str) -> None:
    with pytest.raises(ForbiddenQuery, match="not allowed"):
        check_query(text)


@pytest.mark.parametrize("text", ALLOWED)
def test_allowed(text: str) -> None:
    check_query(text)


def test_message_says_where() -> None:
    with pytest.raises(ForbiddenQuery, match=r"line 2, column 3"):
        check_query("SELECT * WHERE {\n  service <http://x> {} }")


#: the bypass of issue 15: a hand tokenizer read <'> as an IRI and the next ' as a string
BYPASS = ("SELECT ?leak WHERE { BIND(\"!\" AS ?a) FILTER(?a<'>') SERVICE <R> "
          "{ SELECT ?leak WHERE {?leak ?p ?o} } } # '")


def test_the_iri_lookalike_bypass_is_refused() -> None:
    with pytest.raises(ForbiddenQuery, match="SERVICE"):
        check_query(BYPASS.replace("<R>", "<http://127.0.0.1:9/x>"))


def test_the_iri_lookalike_bypass_hides_no_load() -> None:
    with pytest.raises(ForbiddenQuery, match="LOAD"):
        check_update("INSERT DATA { <a:b> <a:c> \"<\" } ; LOAD <http://127.0.0.1:9/x> # '")


@pytest.mark.parametrize("pattern", ["'\\", "<'", "(", "{", "a.", '"""', "# \n"])
def test_a_hostile_long_query_is_answered_fast(pattern: str) -> None:
    """A megabyte is refused by length at once, by the guard too; the longest accepted text
    passes the server process's checks in well under a second (issue 15: 75 s on 80k
    characters of '\\ before). The parse itself runs in the workers."""
    from graphbuild.errors import QueryTooLongError
    from graphbuild.query.guard import MAX_QUERY_CHARS, vendor_extension
    from graphbuild.server.safety import check_length

    big = (pattern * (1_000_000 // len(pattern) + 1))[:1_000_000]
    start = time.perf_counter()
    with pytest.raises(QueryTooLongError):
        check_query(big)
    with pytest.raises(QueryTooLongError):
        check_length(big)
    text = big[:MAX_QUERY_CHARS]
    check_length(text)
    query_form(text)
    vendor_extension(text)
    assert time.perf_counter() - start < 1


def test_graph_names_outside_the_store_are_refused() -> None:
    check_graphs(["https://w3id.org/graphbuild/graph/entities"])
    with pytest.raises(ForbiddenQuery, match="dataset clause"):
        check_graphs(["http://127.0.0.1:9/x"])


@pytest.mark.parametrize(("text", "form"), [
    ("PREFIX s: <http://s/> SELECT * WHERE {}", "select"),
    ("# SELECT\nconstruct { ?s ?p ?o } where { ?s ?p ?o }", "construct"),
    ("BASE <http://x/> DESCRIBE <a>", "describe"),
    ("ASK {}", "ask"),
    ("INSERT DATA {}", None),
])
def test_query_form(text: str, form: str | None) -> None:
    assert query_form(text) == form


# ------------------------------------------------------------------ Oxigraph as the judge

class _Counter(BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802
        self._answer()

    do_POST = do_GET  # noqa: N815

    def _answer(self) -> None:
        _Counter.hits.append(self.path)
        body = b'{"head":{"vars":["s"]},"results":{"bindings":[]}}'
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def remote() -> Iterator[str]:
    srv = ThreadingHTTPServer(("127.0.0.1", 0), _Counter)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}/"
    srv.shutdown()


@pytest.fixture(scope="module")
def judge() -> ox.Store:
    store = ox.Store()
    store.update('INSERT DATA { <http://a> <http://p> 1, "x" . GRAPH <http://g> '
                 '{ <http://a> <http://p> 2 } }')
    return store


def _contacts(store: ox.Store, text: str, update: bool = False) -> bool:
    before = len(_Counter.hits)
    try:
        if update:
            store.update(text)
        else:
            list(store.query(text))
    except (SyntaxError, OSError, RuntimeError, ValueError):
        pass
    return len(_Counter.hits) > before


_BEFORE = ["", " ", ".", " . ", "1", "1.", "1.5", "true", "?o", "ex:x", '"s"', "'s'",
           '"s"@en', "_:b", "FILTER(?o=1)", "BIND(1 AS ?z)", "{}", "OPTIONAL{?s ?p ?o}"]
_KEYWORD = ["SERVICE", "service", "SeRvIcE", "\\u0053ERVICE", "SERV\\u0049CE"]
_GAP = ["", " ", "\n", "\t", " #c\n", "#c\n"]
_SILENT = ["", "SILENT", "silent"]
_TARGET = ["<R>", "ex:", "ex:x", "?svc"]


@settings(max_examples=400, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.tuples(st.sampled_from(_BEFORE), st.sampled_from(_GAP), st.sampled_from(_KEYWORD),
                 st.sampled_from(_GAP), st.sampled_from(_SILENT), st.sampled_from(_GAP),
                 st.sampled_from(_TARGET), st.sampled_from(_GAP)))
def test_every_query_oxigraph_would_federate_is_refused(remote: str, judge: ox.Store,
                                                        pieces: tuple[str, ...]) -> None:
    """Oxigraph's parser matches keywords without a word boundary, so spacing, case,
    comments and neighbouring tokens are varied around SERVICE."""
    body = "".join(pieces).replace("<R>", f"<{remote}>")
    text = (f"PREFIX ex: <{remote}> SELECT * WHERE {{ ?s ?p ?o {body} {{ ?s ?p ?o }} "
            "} VALUES ?svc { <" + remote + "> }")
    if _contacts(judge, text):
        with pytest.raises(ForbiddenQuery):
            check_query(text)


@pytest.mark.parametrize("text", [
    "SELECT * WHERE { SERVICE <R> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o.SERVICE<R>{?s ?p ?o} }",
    "PREFIX ex: <R> SELECT * WHERE { ?s ?p ?o. SERVICEex:x {?s ?p ?o} }",
    "SELECT * WHERE { ?s ?p ?o. SERVICESILENT<R>{?s ?p ?o} }",
    "SELECT * WHERE { ?s ?p ?o FILTER(?o=1)SERVICE<R>{?s ?p ?o} }",
])
def test_known_bypasses_really_federate_and_are_refused(remote: str, judge: ox.Store,
                                                         text: str) -> None:
    text = text.replace("<R>", f"<{remote}>")
    assert _contacts(judge, text), "Oxigraph no longer federates this; update the test"
    with pytest.raises(ForbiddenQuery):
        check_query(text)


@pytest.mark.parametrize("text", ["LOAD <R>", "LOADSILENT<R>", "load silent <R> into graph <http://x>"])
def test_load_really_fetches_and_is_refused(remote: str, text: str) -> None:
    text = text.replace("<R>", f"<{remote}>")
    assert _contacts(ox.Store(), text, update=True)
    with pytest.raises(ForbiddenQuery):
        check_query(text)


@pytest.mark.parametrize("text", [
    "SELECT * FROM <R> WHERE { ?s ?p ?o }",
    "SELECT * FROM NAMED <R> WHERE { GRAPH ?g { ?s ?p ?o } }",
    "PREFIX ex: <R> SELECT * FROM ex:g WHERE { ?s ?p ?o }",
])
def test_from_outside_the_store_is_refused(remote: str, text: str) -> None:
    """Oxigraph reads FROM graphs from its store, but other engines behind --store URL may
    dereference them: a dataset clause may only name the store's own graphs."""
    with pytest.raises(ForbiddenQuery, match="dataset clause"):
        check_query(text.replace("<R>", f"<{remote}>"))


def test_using_outside_the_store_is_refused(remote: str) -> None:
    with pytest.raises(ForbiddenQuery, match="dataset clause"):
        check_update(f"DELETE {{ ?s ?p ?o }} USING <{remote}> WHERE {{ ?s ?p ?o }}")


def test_the_bypass_really_federates_in_oxigraph(remote: str, judge: ox.Store) -> None:
    text = BYPASS.replace("<R>", f"<{remote}>")
    assert _contacts(judge, text), "Oxigraph no longer federates this; update the test"
    with pytest.raises(ForbiddenQuery):
        check_query(text)


#: texts rdflib's parser takes seconds over: the server process must not parse them
SLOW_TO_PARSE = [
    "SELECT * WHERE { ?s ?p ?o FILTER(" + " || ".join(["?o = 1"] * 20_000) + ") }",
    "SELECT * WHERE { BIND(" + "1+" * 60_000 + "1 AS ?x) }",
]


@pytest.mark.parametrize("text", SLOW_TO_PARSE)
def test_the_server_process_checks_are_linear(text: str) -> None:
    from graphbuild.query.guard import looks_cheap, vendor_extension
    from graphbuild.server.safety import check_length

    text = text[:99_000]
    start = time.perf_counter()
    check_length(text)
    query_form(text)
    vendor_extension(text)
    assert not looks_cheap(text)
    assert time.perf_counter() - start < 0.5


@pytest.mark.parametrize(("text", "cheap"), [
    ("ASK {}", True),
    ("SELECT * WHERE { ?s a ?t } LIMIT 5", True),
    ("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }", False),
    ("SELECT * WHERE { ?s <p>* ?o }", False),
    ("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", False),
    ("SELECT * WHERE { ?s ?p ?o FILTER regex(?o, 'x') }", False),
    ("SELECT * WHERE { { SELECT * WHERE { ?s ?p ?o } } }", False),
])
def test_the_priority_lane_takes_only_cheap_queries(text: str, cheap: bool) -> None:
    from graphbuild.query.guard import looks_cheap

    assert looks_cheap(text) is cheap
