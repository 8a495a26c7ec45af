"""The remote store (``graphbuild.store.open(URL, mode)``) over real servers (no spaCy):
Oxigraph's server, and Virtuoso when it is installed. The same contract as the embedded store
(tests/store/test_store_oxi.py), real pyoxigraph results, retries through a failing proxy, a
clear error naming the article when the server is down, and never half an article."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef

from graphbuild import store as stores
from graphbuild.errors import StoreError, StoreRequestError, StoreUnavailableError
from graphbuild.rdf.vocab import ENTITY_GRAPH, GB, SDO, article_graph_iri, article_iri
from graphbuild.store.http import RetryPolicy
from graphbuild.store.oxi import GraphStore, nquads
from graphbuild.store.remote import RemoteStore
from graphbuild.store.remote_graph import RemoteGraphStore
from graphbuild.store.writes import STAGING_PREFIX, article_requests
from tests.store.servers import (
    FlakyProxy,
    Server,
    is_update,
    start_virtuoso,
)

RDFS_LABEL = URIRef("http://www.w3.org/2000/01/rdf-schema#label")
NASTY = 'Eve "the } { hacker" \\ \n <b> # \u00e9'


@pytest.fixture(autouse=True)
def _fast_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GRAPHBUILD_STORE_RETRIES", "4")
    monkeypatch.setenv("GRAPHBUILD_STORE_BACKOFF", "0.02")


def _wipe(url: str) -> None:
    st = RemoteStore(url)
    for g in list(st.named_graphs()):
        st.update(f"DROP SILENT GRAPH {g}")


@pytest.fixture(params=["oxigraph", "virtuoso"])
def url(request: pytest.FixtureRequest) -> str:
    """An empty store on each server."""
    server: Server = request.getfixturevalue(request.param)
    _wipe(server.url)
    return server.url


def _article(aid: str, text_hash: str, mentions: list[str], extra: str = "") -> bytes:
    a, g = article_iri(aid), article_graph_iri(aid)
    quads = [(a, GB.contentHash, Literal(text_hash), g), (a, SDO.headline, Literal(extra), g)]
    for name in mentions:
        e = URIRef(f"https://w3id.org/graphbuild/id/person/{name}")
        quads += [(a, SDO.mentions, e, g), (e, GB.entityKind, Literal("person"), ENTITY_GRAPH),
                  (e, RDFS_LABEL, Literal(name.replace("_", " ")), ENTITY_GRAPH)]
    return nquads(quads)[0]


def _count(store: GraphStore, graph: URIRef) -> int:
    return sum(1 for _ in store.store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))


def _quads(store: GraphStore) -> set[str]:
    return {str(q) for q in store.quads()}


def _staging(url: str) -> list[str]:
    return [g.value for g in RemoteStore(url, graph_prefix=STAGING_PREFIX).named_graphs()]


def test_a_url_opens_a_remote_store(url: str) -> None:
    st = stores.open(url, "w")
    assert type(st) is RemoteGraphStore and not st.read_only
    assert type(stores.open(url, "r")) is RemoteGraphStore
    assert st.stats()["triples"] == 0 and st.article_graphs() == []


def test_replace_writes_and_replaces_one_article(url: str, tmp_path: Path) -> None:
    with stores.open(url, "w") as st, GraphStore(tmp_path / "s") as local:
        for s in (st, local):
            s.replace_nquads(str(article_graph_iri("a")), _article("a", "h1", ["Ann_Lee"], NASTY))
            s.replace_nquads(str(article_graph_iri("b")), _article("b", "h2", ["Bo_Chan"], "two"))
            s.replace_nquads(str(article_graph_iri("a")), _article("a", "h3", [], "new"))
        assert st.article_hash(article_graph_iri("a"), article_iri("a")) == "h3"
        assert st.article_hash(article_graph_iri("c"), article_iri("c")) is None
        assert _count(st, article_graph_iri("a")) == 2
        assert _count(st, article_graph_iri("b")) == 3
        assert st.article_graphs() == local.article_graphs()
        assert _quads(st) == _quads(local)
        assert st.stats() == local.stats()
        st.replace_nquads(str(article_graph_iri("b")), _article("b", "h2", ["Bo_Chan"], "two"))
        assert _quads(st) == _quads(local)  # idempotent


def test_a_malformed_article_writes_nothing(url: str) -> None:
    with stores.open(url, "w") as st:
        st.replace_nquads(str(article_graph_iri("a")), _article("a", "h1", ["Ann_Lee"]))
        before = _quads(st)
        with pytest.raises(SyntaxError):
            st.replace_nquads(str(article_graph_iri("b")),
                              _article("b", "h2", ["Bo_Chan"]) + b'<a:x> <a:y> "unterminated .\n')
        assert _quads(st) == before


def test_merge_marker_remove_and_prune(url: str) -> None:
    with stores.open(url, "w") as st:
        assert not st.merge_pending()
        st.set_merge_pending()
        assert st.merge_pending()
        st.clear_merge_pending()
        assert not st.merge_pending()
        st.replace_nquads(str(article_graph_iri("a")), _article("a", "h1", ["Ann_Lee", "Bo_Chan"]))
        st.replace_nquads(str(article_graph_iri("b")), _article("b", "h2", ["Bo_Chan"]))
        assert st.remove_article(article_graph_iri("a"))
        assert not st.remove_article(article_graph_iri("a"))
        labels = {str(r["l"].value) for r in st.query("SELECT ?l WHERE { ?e rdfs:label ?l }")}
        assert labels == {"Bo Chan"}  # Ann Lee was mentioned by "a" alone


def test_queries_return_pyoxigraph_results(url: str) -> None:
    with stores.open(url, "w") as st:
        st.replace_nquads(str(article_graph_iri("a")), _article("a", "h1", ["Ann_Lee"], NASTY))
        rows = st.query("SELECT ?a ?h WHERE { ?a schema:headline ?h }",
                        {"h": Literal(NASTY)})
        assert isinstance(rows, ox.QuerySolutions)
        assert [(r["a"].value, r["h"].value) for r in rows] == [(str(article_iri("a")), NASTY)]
        assert isinstance(st.query("ASK { ?a schema:headline ?h }"), ox.QueryBoolean)
        assert bool(st.query("ASK { ?a schema:headline ?h }"))
        assert not bool(st.query("ASK { ?a schema:headline 'nothing' }"))
        triples = st.query("CONSTRUCT { ?a <https://e.org/h> ?h } WHERE { ?a schema:headline ?h }")
        assert isinstance(triples, ox.QueryTriples)
        assert [t.object.value for t in triples] == [NASTY]
        with pytest.raises(SyntaxError):
            st.query("SELEC ?x WHERE { ?x ?y ?z }")


def test_syntax_errors_point_into_the_text_as_given(oxigraph: Server) -> None:
    text, prefixes = "SELECT !x WHERE { ?x ?y ?z }", {"ex": "https://e.org/"}
    with pytest.raises(SyntaxError) as embedded:
        ox.Store().query(text, prefixes=prefixes)
    with pytest.raises(SyntaxError) as remote:  # the same place, prefixes not counted
        RemoteStore(oxigraph.url).query(text, prefixes=prefixes)
    assert str(remote.value).split(":")[:2] == str(embedded.value).split(":")[:2]
    assert str(remote.value).startswith("error at 1:")


def test_an_endpoint_without_the_union_default_graph_is_refused(
        oxigraph: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    _wipe(oxigraph.url)
    with stores.open(oxigraph.url, "w") as st:
        st.replace_nquads(str(article_graph_iri("a")), _article("a", "h", ["Ann_Lee"]))
    plain = RemoteStore.query

    def no_union(self: RemoteStore, query: str, **kwargs: object) -> object:
        kwargs["use_default_graph_as_union"] = False  # like a server without the option
        return plain(self, query, **kwargs)

    monkeypatch.setattr(RemoteStore, "query", no_union)
    with pytest.raises(StoreError, match="not the union of its named graphs"):
        stores.open(oxigraph.url, "w")


def test_read_only_refuses_writes(url: str) -> None:
    with stores.open(url, "r") as st, pytest.raises(Exception, match="read-only"):
        st.set_merge_pending()


@pytest.mark.parametrize("max_bytes", [400, 2_000])
def test_staged_writes_equal_single_ones(url: str, tmp_path: Path, max_bytes: int) -> None:
    big = _article("a", "h1", [f"Person_{i}" for i in range(30)], NASTY)
    with stores.open(url, "w") as st, GraphStore(tmp_path / "s") as local:
        st.store.max_request_bytes = max_bytes
        for version in ("h1", "h2"):
            data = _article("a", version, [f"Person_{i}" for i in range(30 if version == "h1"
                                                                         else 12)], NASTY)
            st.replace_nquads(str(article_graph_iri("a")), data)
            local.replace_nquads(str(article_graph_iri("a")), data)
            assert _quads(st) == _quads(local)
        assert len(big) > 4 * max_bytes
    assert _staging(url) == []


def test_the_last_request_of_a_staged_write_sent_twice_changes_nothing(
        url: str, tmp_path: Path) -> None:
    """Its answer lost after it was applied, the request is retried: the article stays."""
    graph = str(article_graph_iri("a"))
    data = _article("a", "h1", [f"Person_{i}" for i in range(30)], NASTY)
    quads = list(ox.parse(data, format=ox.RdfFormat.N_QUADS))
    requests = article_requests(graph, quads, max_bytes=400)
    assert len(requests) > 2  # staged
    with stores.open(url, "w") as st, GraphStore(tmp_path / "s") as local:
        for request in [*requests, requests[-1]]:
            st.store.update(request)
        local.replace_nquads(graph, data)
        assert _quads(st) == _quads(local)
    assert _staging(url) == []


def test_a_write_stopped_half_way_is_not_in_the_store(url: str) -> None:
    """Its staging graphs are not the store's: not counted, dumped or used by pruning."""
    graph = str(article_graph_iri("a"))
    data = _article("a", "h1", [f"Person_{i}" for i in range(30)], NASTY)
    requests = article_requests(graph, list(ox.parse(data, format=ox.RdfFormat.N_QUADS)),
                                max_bytes=400)
    with stores.open(url, "w") as st:
        for request in requests[:-1]:  # the last one, which moves it in, never arrives
            st.store.update(request)
        assert _staging(url)
        assert len(st.store) == 0 and not _quads(st) and st.article_graphs() == []
        st.prune_entities()
        assert _staging(url)  # pruning leaves them to the article's next write
        st.replace_nquads(graph, data)
        assert _staging(url) == [] and len(st.store) == len(data.splitlines())


def test_an_article_with_many_triples_in_one_graph(url: str, tmp_path: Path) -> None:
    """Virtuoso's parser fails at ~5,000 triples in one GRAPH block: blocks of 1,000."""
    data = _article("a", "h1", [f"Person_{i}" for i in range(3_000)])  # 6,000 entity quads
    with stores.open(url, "w") as st, GraphStore(tmp_path / "s") as local:
        st.replace_nquads(str(article_graph_iri("a")), data)
        local.replace_nquads(str(article_graph_iri("a")), data)
        assert len(st.store) == len(local.store) == 9_002
        assert _quads(st) == _quads(local)


def _proxied(server: Server, proxy: FlakyProxy) -> str:
    return proxy.url("/" + server.url.rsplit("/", 1)[1])


def test_5xx_and_dropped_connections_are_retried(oxigraph: Server) -> None:
    _wipe(oxigraph.url)
    bad = {2: 503, 3: "drop", 5: 502, 6: 500, 9: "drop", 10: 504}
    proxy = FlakyProxy(oxigraph.url.rsplit("/", 1)[0],
                       lambda n, *_: bad.get(n, "forward"))
    try:
        with stores.open(_proxied(oxigraph, proxy), "w") as st:
            for aid in "abc":
                st.replace_nquads(str(article_graph_iri(aid)), _article(aid, "h", ["Ann_Lee"]))
            assert len(st.article_graphs()) == 3
    finally:
        proxy.stop()
    assert {a for a in proxy.actions() if a != "forward"} == {503, "drop", 502, 500, 504}
    assert len(stores.open(oxigraph.url, "r").article_graphs()) == 3


def test_a_server_that_goes_down_names_the_article(oxigraph: Server) -> None:
    _wipe(oxigraph.url)
    target = str(article_graph_iri("business/042")).encode()
    proxy = FlakyProxy(oxigraph.url.rsplit("/", 1)[0],
                       lambda n, m, p, body: "down" if target in body else "forward")
    with stores.open(_proxied(oxigraph, proxy), "w") as st:
        st.replace_nquads(str(article_graph_iri("a")), _article("a", "h", ["Ann_Lee"]))
        with pytest.raises(StoreUnavailableError) as info:
            st.replace_nquads(str(article_graph_iri("business/042")),
                              _article("business/042", "h", ["Bo_Chan"]))
    message = str(info.value)
    assert message.startswith("[GB413]") and "\n" not in message
    assert "writing article business/042" in message and "connection refused" in message
    assert "4 attempts" in message
    assert stores.open(oxigraph.url, "r").article_graphs() == [str(article_graph_iri("a"))]


def test_a_store_that_is_not_there(monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.store.servers import free_port

    with pytest.raises(StoreUnavailableError, match="opening the store: connection refused"):
        stores.open(f"http://127.0.0.1:{free_port()}/query", "r")


@pytest.mark.parametrize("max_bytes", [10_000_000, 2_500])
@pytest.mark.parametrize("server_name", ["oxigraph", "virtuoso"])
def test_a_write_that_fails_for_good_leaves_the_article_whole_or_absent(
        request: pytest.FixtureRequest, server_name: str, max_bytes: int) -> None:
    """Request k of the article's write (and every retry of it) fails, for each k."""
    server: Server = request.getfixturevalue(server_name)
    _wipe(server.url)
    old, new = _article("b", "old", ["Bo_Chan"]), _article("b", "new", [f"P_{i}" for i in
                                                                        range(20)])
    graph = str(article_graph_iri("b"))
    steps = len(article_requests(graph, list(ox.parse(new, ox.RdfFormat.N_QUADS)), max_bytes))
    assert (steps == 1) == (max_bytes == 10_000_000)
    direct = stores.open(server.url, "w")
    direct.store.max_request_bytes = max_bytes
    for fail_at in range(1, steps + 1):
        bodies: list[bytes] = []

        def decide(n: int, method: str, path: str, body: bytes, fail_at: int = fail_at,
                   bodies: list[bytes] = bodies) -> str | int:
            if not is_update(method, path, body):
                return "forward"
            if body not in bodies:
                bodies.append(body)
            return 503 if bodies.index(body) + 1 >= fail_at else "forward"

        direct.replace_nquads(graph, old)
        before = _count(direct, article_graph_iri("b"))
        proxy = FlakyProxy(server.url.rsplit("/", 1)[0], decide)
        try:
            with stores.open(_proxied(server, proxy), "w") as st:
                st.store.max_request_bytes = max_bytes
                with pytest.raises(StoreUnavailableError, match="writing article b"):
                    st.replace_nquads(graph, new)
        finally:
            proxy.stop()
        h = direct.article_hash(article_graph_iri("b"), article_iri("b"))
        n = _count(direct, article_graph_iri("b"))
        assert (h, n) in {("old", before), (None, 0)}, (fail_at, h, n)  # whole, or absent
        direct.replace_nquads(graph, new)  # the next build finishes it
        assert direct.article_hash(article_graph_iri("b"), article_iri("b")) == "new"
        assert _staging(server.url) == []


def test_virtuoso_digest_auth_and_capped_answers(virtuoso: Server,
                                                 tmp_path_factory: pytest.TempPathFactory
                                                 ) -> None:
    _wipe(virtuoso.url)
    with stores.open(virtuoso.extra["auth_url"], "w") as st:  # /sparql-auth, digest, as dba
        assert st.path == virtuoso.extra["auth_url"].replace("dba:dba@", "")
        st.replace_nquads(str(article_graph_iri("a")), _article("a", "h", ["Ann_Lee"]))
    assert stores.open(virtuoso.url, "r").article_graphs() == [str(article_graph_iri("a"))]
    capped = start_virtuoso(tmp_path_factory.mktemp("virtuoso-capped"), max_rows=3)
    try:
        with stores.open(capped.url, "w") as st:
            st.replace_nquads(str(article_graph_iri("a")), _article("a", "h", ["Ann_Lee"]))
            with pytest.raises(StoreRequestError, match="ResultSetMaxRows"):
                list(st.quads())
    finally:
        capped.stop()


def test_retry_policy_comes_from_the_environment() -> None:
    policy = RetryPolicy.from_env()
    assert policy.attempts == 4 and policy.backoff == 0.02


def test_merges_are_revisited_on_a_server_as_in_the_embedded_store(
        url: str, tmp_path: Path) -> None:
    """Merge records (long N-Quads literals), their undo and the re-plan through SPARQL on
    each server: "Brennan" joins "Helen Brennan", comes apart when "Tom Brennan" arrives,
    and joins her again when he is removed; the server holds what the embedded store holds."""
    from graphbuild.corpus import build_store
    from graphbuild.resolve.crossdoc import remove_articles
    from tests.corpus.helpers import store_quads
    from tests.corpus.test_entities import ARTICLES, TOM_BRENNAN
    from tests.store.servers import parse_nquads, remote_quads

    files = []
    for name in ["brennan-1", "brennan-2"]:
        files.append(tmp_path / f"{name}.txt")
        files[-1].write_text(ARTICLES[name], encoding="utf-8")
    tom = tmp_path / "tom-brennan.txt"
    tom.write_text(TOM_BRENNAN, encoding="utf-8")
    local = tmp_path / "local"
    for where in (url, local):
        with stores.open(where, "w") as store:
            merged = build_store(files, store).merges
            assert [(m.src_label, m.dst_label) for m in merged] == [("Brennan", "Helen Brennan")]
            assert not build_store([tom], store).merges  # two Brennans now
            [graph] = [g for g in store.article_graphs() if "tom" in g]
            assert remove_articles(store, [graph]) == []
            merged = {r["src"].value for r in store.query(
                "SELECT ?src WHERE { ?dst gb:mergedFrom ?src }")}
            assert merged == {"https://w3id.org/graphbuild/id/person/Brennan"}
    assert parse_nquads(remote_quads(url)) == parse_nquads(store_quads(local))
