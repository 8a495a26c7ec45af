"""The SPARQL text a remote store sends, checked on in-memory pyoxigraph stores (no server):
bound values mean what pyoxigraph's substitutions mean and cannot inject anything; an
article's update requests, single or staged, replace it exactly, and stopping between any
two of them never leaves it half-written."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from graphbuild.rdf.vocab import ENTITY_GRAPH, PREFIXES
from graphbuild.store.http import RetryPolicy, public_url
from graphbuild.store.remote import endpoints
from graphbuild.store.sparqltext import bind_values, query_form, term_text, with_prefixes
from graphbuild.store.writes import STAGING_PREFIX, article_requests

EX = "https://example.org/"
NASTY = 'x" } } ; DROP ALL ; SELECT * WHERE { { "\\\n\'\'\' # <a>'
PREFIX = {p: str(ns) for p, ns in PREFIXES.items()}


def _n(local: str) -> ox.NamedNode:
    return ox.NamedNode(EX + local)


@pytest.fixture(scope="module")
def store() -> ox.Store:
    st = ox.Store()
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    for i, text in enumerate(["Ann", "Bo", NASTY, "{braces}"]):
        g = _n(f"g{i % 2}")
        st.add(ox.Quad(_n(f"e{i}"), label, ox.Literal(text), g))
        st.add(ox.Quad(_n(f"e{i}"), _n("knows"), _n(f"e{(i + 1) % 4}"), g))
        st.add(ox.Quad(_n(f"e{i}"), _n("age"), ox.Literal(str(20 + i),
                       datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")), g))
    return st


def _rows(result: object) -> set:
    if isinstance(result, ox.QueryBoolean):
        return {bool(result)}
    if isinstance(result, ox.QuerySolutions):
        names = [v.value for v in result.variables]
        return {tuple(str(s[n]) for n in names) for s in result}
    return {str(t) for t in result}


QUERIES = [
    ("SELECT ?e ?l WHERE { ?e rdfs:label ?l }", {"l": ox.Literal(NASTY)}),
    ("SELECT ?e ?l WHERE { ?e rdfs:label ?l }", {"l": ox.Literal("{braces}")}),
    ("# a { comment\nSELECT ?e ?x WHERE { ?e <https://example.org/knows> ?x . "
     "FILTER(?x != <https://example.org/e9>) }", {"x": _n("e1")}),
    ("SELECT ?e (COUNT(?o) AS ?n) WHERE { ?e ?p ?o } GROUP BY ?e", {"e": _n("e2")}),
    ('SELECT ?e ?l WHERE { ?e rdfs:label ?l OPTIONAL { ?e <https://example.org/age> ?a } '
     'FILTER(?l != "}{") }', {"e": _n("e0")}),
    ("SELECT ?e ?y WHERE { { SELECT ?e WHERE { ?e ?p ?o } } ?e <https://example.org/knows> ?y }",
     {"e": _n("e3")}),
    # a subquery that picks a page before the outer join (the shipped examples)
    ("SELECT ?e ?l WHERE { { SELECT ?e WHERE { ?e rdfs:label ?any } ORDER BY ?e LIMIT 1 } "
     "?e rdfs:label ?l }", {"e": _n("e3")}),
    ("SELECT ?e ?n WHERE { { SELECT ?e (COUNT(?o) AS ?n) WHERE { ?e ?p ?o } GROUP BY ?e "
     "LIMIT 1 } }", {"e": _n("e2")}),
    ("CONSTRUCT { ?e <https://example.org/named> ?l } WHERE { ?e rdfs:label ?l }",
     {"e": _n("e1")}),
    ("CONSTRUCT WHERE { ?e <https://example.org/knows> ?x }", {"x": _n("e0")}),
    ("ASK { ?e rdfs:label ?l }", {"l": ox.Literal("Bo")}),
    ("ASK { ?e rdfs:label ?l }", {"l": ox.Literal("nobody")}),
]


@pytest.mark.parametrize(("query", "bindings"), QUERIES)
def test_values_bind_like_pyoxigraph_substitutions(store: ox.Store, query: str,
                                                   bindings: dict) -> None:
    subs = {ox.Variable(k): v for k, v in bindings.items()}
    expected = _rows(store.query(query, prefixes=PREFIX, use_default_graph_as_union=True,
                                 substitutions=subs))
    text = bind_values(query, bindings)
    assert "VALUES" in text
    got = _rows(store.query(text, prefixes=PREFIX, use_default_graph_as_union=True))
    assert got == expected


def test_a_hostile_value_is_one_literal(store: ox.Store) -> None:
    text = bind_values("SELECT ?e WHERE { ?e rdfs:label ?l }", {"l": ox.Literal(NASTY)})
    rows = list(store.query(text, prefixes=PREFIX, use_default_graph_as_union=True))
    assert [r["e"] for r in rows] == [_n("e2")]
    assert len(store) == 12  # nothing dropped


def test_only_iris_and_literals_can_be_bound() -> None:
    with pytest.raises(ValueError):
        term_text(ox.BlankNode("b"))
    with pytest.raises(ValueError):
        ox.NamedNode("https://example.org/a> } DROP ALL {")
    with pytest.raises(ValueError):
        with_prefixes("ASK {}", {"bad prefix": EX})


def test_query_forms_and_prefix_offsets() -> None:
    assert query_form('PREFIX x: <https://e.org/select#> # SELECT\nASK { ?s ?p "SELECT" }') == "ASK"
    assert query_form("construct { ?s ?p ?o } where { ?s ?p ?o }") == "CONSTRUCT"
    assert query_form("DESCRIBE <https://e.org/a>") == "DESCRIBE"
    text, shift = with_prefixes("SELECT * WHERE { ?s ?p ?o }\nLIMIT 1", {"ex": EX})
    assert text.endswith("SELECT * WHERE { ?s ?p ?o }\nLIMIT 1") and text.count("\n") == 1
    assert shift == len(text) - len("SELECT * WHERE { ?s ?p ?o }\nLIMIT 1")
    described = bind_values("DESCRIBE ?x", {"x": _n("e0")})
    assert described.strip().endswith("VALUES (?x) { (<https://example.org/e0>) }")


def test_endpoints_and_urls() -> None:
    assert endpoints("http://h:7878/query") == ("http://h:7878/query", "http://h:7878/update")
    assert endpoints("http://h:3030/ds/query") == ("http://h:3030/ds/query",
                                                   "http://h:3030/ds/update")
    assert endpoints("http://h:8890/sparql") == ("http://h:8890/sparql",) * 2
    for base in ("http://h:7878/", "http://h:7878"):  # Oxigraph's server as users type it
        assert endpoints(base) == ("http://h:7878/query", "http://h:7878/update")
    assert endpoints("http://h:3030/ds") == ("http://h:3030/ds",) * 2  # a Fuseki dataset
    assert public_url("http://dba:s3cret@h:8890/sparql-auth") == "http://h:8890/sparql-auth"
    policy = RetryPolicy.from_env({"GRAPHBUILD_STORE_RETRIES": "3",
                                   "GRAPHBUILD_STORE_BACKOFF": "0.5"})
    assert policy.attempts == 3 and [policy.delay(i) for i in (1, 2, 3, 6)] == [0.5, 1, 2, 8]


# ------------------------------------------------------------------ article writes

ARTICLE = EX + "graph/article/a"


def _article(version: str, n: int = 40) -> list[ox.Quad]:
    g, e = ox.NamedNode(ARTICLE), ox.NamedNode(str(ENTITY_GRAPH))
    quads = [ox.Quad(_n("art"), _n("hash"), ox.Literal(version), g)]
    for i in range(n):
        quads.append(ox.Quad(_n(f"s{i}"), _n("says"), ox.Literal(f"{version} {i} {NASTY}"), g))
        quads.append(ox.Quad(_n(f"ent{i}"), _n("label"), ox.Literal(f"Entity {i}"), e))
    return quads


def _graph(st: ox.Store, graph: str) -> set[ox.Quad]:
    return set(st.quads_for_pattern(None, None, None, ox.NamedNode(graph)))


def test_a_big_graph_goes_in_blocks_of_a_thousand_triples() -> None:
    (text,) = article_requests(ARTICLE, _article("v1", n=2_500))
    assert text.count(f"GRAPH <{ENTITY_GRAPH}> {{") == 3  # 2,500 triples
    assert text.count(f"GRAPH <{ARTICLE}> {{") == 3  # 2,501
    st = ox.Store()
    st.update(text)
    assert len(st) == 5_001


@pytest.mark.parametrize("max_bytes", [10_000_000, 2_000, 600])
def test_requests_replace_the_article_exactly(max_bytes: int) -> None:
    st = ox.Store()
    other = ox.Quad(_n("other"), _n("label"), ox.Literal("kept"), ox.NamedNode(str(ENTITY_GRAPH)))
    st.add(other)
    for version in ("v1", "v2"):
        requests = article_requests(ARTICLE, _article(version), max_bytes)
        assert (len(requests) == 1) == (max_bytes == 10_000_000)
        assert all(len(r.encode()) <= max(max_bytes, 1_000) for r in requests[1:-1])
        for text in requests:
            st.update(text)
        assert _graph(st, ARTICLE) == {q for q in _article(version)
                                       if q.graph_name.value == ARTICLE}
    assert other in st
    assert not [g for g in st.named_graphs() if g.value.startswith(STAGING_PREFIX)]


@pytest.mark.parametrize("max_bytes", [10_000_000, 900])
def test_stopping_between_requests_never_half_writes(max_bytes: int) -> None:
    old = {q for q in _article("v1") if q.graph_name.value == ARTICLE}
    new = {q for q in _article("v2") if q.graph_name.value == ARTICLE}
    requests = article_requests(ARTICLE, _article("v2"), max_bytes)
    for stop in range(len(requests)):
        st = ox.Store()
        for text in article_requests(ARTICLE, _article("v1"), max_bytes):
            st.update(text)
        for text in requests[:stop]:
            st.update(text)
        assert _graph(st, ARTICLE) == old, stop  # the old version, whole
        for text in requests:  # the same write again completes it
            st.update(text)
        assert _graph(st, ARTICLE) == new
        assert not [g for g in st.named_graphs() if g.value.startswith(STAGING_PREFIX)]


VENDOR = [
    'SELECT * FROM <http://127.0.0.1:9/y.nt> OPTION (get:soft "soft") WHERE { ?s ?p ?o }',
    'SELECT (bif:sys_stat("st_dbms_ver") AS ?v) WHERE { }',
    'PREFIX b: <bif:> SELECT (b:sys_stat("x") AS ?v) WHERE { }',
    "SELECT ?v WHERE { BIND(<sql:f>(1) AS ?v) }",
    'DEFINE input:grab-all "yes" SELECT * WHERE { ?s ?p ?o }',
]


@pytest.mark.parametrize("text", VENDOR)
def test_server_extensions_never_reach_a_remote_store(text: str) -> None:
    """Virtuoso's extensions can make it fetch URLs or run its functions: refused at once,
    before any request (the URL here answers nothing)."""
    from graphbuild.errors import QueryRefusedError
    from graphbuild.store.remote import RemoteStore
    from graphbuild.store.sparqltext import check_standard

    with pytest.raises(QueryRefusedError, match="not standard SPARQL"):
        check_standard(text)
    with pytest.raises(QueryRefusedError, match="not standard SPARQL"):
        RemoteStore("http://127.0.0.1:9/sparql").query(text)


def test_extension_words_in_strings_iris_and_comments_are_text() -> None:
    from graphbuild.store.sparqltext import check_standard

    check_standard('SELECT ?s WHERE { ?s ?p "bif:sys_stat <bif:x> OPTION define" } # bif:')
    check_standard('INSERT DATA { GRAPH <http://g> { <http://s> <http://p> "<sql:y> bif:z" } }',
                   update=True)
    with pytest.raises(SyntaxError):
        check_standard("SELECT WHERE {")


def test_credentials_go_to_every_path_of_the_server() -> None:
    """Updates go to …/update, which is not under …/query: the password must reach it."""
    import urllib.request

    from graphbuild.store.http import HttpClient

    client = HttpClient("http://alice:s%3Dcret@127.0.0.1:9/ds/query")
    [digest] = [h for h in client._opener.handlers
                if isinstance(h, urllib.request.HTTPDigestAuthHandler)]
    for path in ("/ds/query", "/ds/update", "/other"):
        assert digest.passwd.find_user_password(None, f"http://127.0.0.1:9{path}") == (
            "alice", "s=cret")
    assert "cret" not in client.url
