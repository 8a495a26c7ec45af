"""``--store http://…`` as a user runs it (real subprocesses, real servers on 127.0.0.1):
build, query, export, view, stats, remove and serve on Oxigraph's server (and Virtuoso when
installed) give what the embedded store gives; the same build again adds nothing; a flaky
server is retried; a server that goes down stops the build with one line naming the article,
which is absent, not half-written, and the same build again completes the store."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from rdflib import Dataset

from graphbuild.rdf.vocab import article_graph_iri
from tests.corpus.helpers import ROOT, bbc_rows, cli, store_quads, write_jsonl
from tests.store.servers import (
    FlakyProxy,
    Server,
    free_port,
    is_update,
    parse_nquads,
    remote_quads,
)

FAST = {"GRAPHBUILD_STORE_RETRIES": "4", "GRAPHBUILD_STORE_BACKOFF": "0.05"}
BBC_START = 40


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The seed article and six BBC articles."""
    folder = tmp_path_factory.mktemp("remote_corpus")
    shutil.copy(ROOT / "seeds" / "sputnik-2020-09-03-facebook-twitter.txt", folder)
    jsonl = write_jsonl(folder / "bbc6.jsonl", bbc_rows(6, start=BBC_START))
    return [str(folder / "sputnik-2020-09-03-facebook-twitter.txt"), str(jsonl)]


@pytest.fixture(scope="module")
def embedded(corpus: list[str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("remote_embedded") / "store"
    done = cli("build", *corpus, "--store", str(path), "--quiet")
    assert done.returncode == 0, done.stderr
    return path


def _wipe(url: str) -> None:
    from graphbuild.store.remote import RemoteStore

    st = RemoteStore(url)
    for g in list(st.named_graphs()):
        st.update(f"DROP SILENT GRAPH {g}")


@pytest.fixture(scope="module", params=["oxigraph", "virtuoso"])
def built(request: pytest.FixtureRequest, corpus: list[str]) -> str:
    """The corpus built into a server with ``build --store URL``; the store's URL."""
    server: Server = request.getfixturevalue(request.param)
    _wipe(server.url)
    done = cli("build", *corpus, "--store", server.url, env=FAST)
    assert done.returncode == 0, done.stderr
    assert "7 added, 0 replaced, 0 unchanged, 0 skipped" in done.stderr
    return server.url


def test_build_writes_what_the_embedded_store_holds(built: str, embedded: Path) -> None:
    got, want = remote_quads(built), store_quads(embedded)
    assert len(want) > 1000 and not any("_:" in q for q in want)  # no blank nodes to map
    assert parse_nquads(got) == parse_nquads(want)


def test_the_same_build_again_adds_nothing(built: str, corpus: list[str]) -> None:
    before = remote_quads(built)
    done = cli("build", *corpus, "--store", built, env=FAST)
    assert done.returncode == 0, done.stderr
    assert "0 added, 0 replaced, 7 unchanged, 0 skipped, 0 entities merged" in done.stderr
    assert remote_quads(built) == before


def test_stats_and_query_answer_as_on_the_embedded_store(built: str, embedded: Path) -> None:
    remote = json.loads(cli("stats", "--store", built, "--json").stdout)
    assert remote == json.loads(cli("stats", "--store", str(embedded), "--json").stdout)
    assert remote["articles"] == 7
    for example in ("who-said-what", "roles", "entities-by-type"):
        a = cli("query", "--store", built, "--example", example, "--format", "csv")
        b = cli("query", "--store", str(embedded), "--example", example, "--format", "csv")
        assert a.returncode == 0, a.stderr
        assert sorted(a.stdout.splitlines()) == sorted(b.stdout.splitlines()), example
    bound = cli("query", "--store", built, "--bind", "name=Maria Zakharova", "--format", "csv",
                "SELECT ?p WHERE { ?p rdfs:label ?name }")
    assert bound.stdout.split() == ["p", "https://w3id.org/graphbuild/id/person/Maria_Zakharova"]


@pytest.mark.parametrize("fmt", ["nq", "trig", "jsonld"])
def test_export_gives_the_stores_quads(built: str, embedded: Path, fmt: str,
                                       tmp_path: Path) -> None:
    out = tmp_path / f"x.{fmt}"
    done = cli("export", "--store", built, "--format", fmt, "--out", str(out))
    assert done.returncode == 0, done.stderr
    parser = {"nq": "nquads", "trig": "trig", "jsonld": "json-ld"}[fmt]
    ds = Dataset()
    ds.parse(out, format=parser)
    mine = {q for q in ds.quads((None, None, None, None))}
    ref = Dataset()
    ref.parse(data="\n".join(store_quads(embedded)), format="nquads")
    assert mine == set(ref.quads((None, None, None, None)))


def test_view_draws_what_the_embedded_store_draws(built: str, embedded: Path,
                                                  tmp_path: Path) -> None:
    pages = []
    for name, store in (("remote", built), ("embedded", str(embedded))):
        out = tmp_path / f"{name}.html"
        done = cli("view", "--store", store, "--top", "40", "--title", "T", "--out", str(out))
        assert done.returncode == 0, done.stderr
        assert "40 nodes" in done.stderr
        pages.append(out.read_bytes())
    assert pages[0] == pages[1]  # the same page, byte for byte


def test_remove_then_build_again(built: str, corpus: list[str], embedded: Path) -> None:
    aid = "sputnik-2020-09-03-facebook-twitter"
    done = cli("remove", aid, "--store", built)
    assert done.returncode == 0 and "removed 1 article(s)" in done.stderr
    graph = f"<{article_graph_iri(aid)}>"
    assert not any(q.endswith(f"{graph} .") for q in remote_quads(built))
    missing = cli("remove", aid, "--store", built)
    assert missing.returncode == 1 and "no such article" in missing.stderr
    again = cli("build", *corpus, "--store", built, env=FAST)
    assert "1 added, 0 replaced, 6 unchanged" in again.stderr, again.stderr
    assert parse_nquads(remote_quads(built)) == parse_nquads(store_quads(embedded))


def test_serve_passes_queries_to_the_remote_store(built: str, tmp_path: Path) -> None:
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "graphbuild", "-v", "serve", "--store",
                                 built, "--port", str(port)], stdout=out,
                                stderr=subprocess.STDOUT, cwd=ROOT)
    try:
        query = "SELECT ?n WHERE { ?p a schema:Person ; rdfs:label ?n } ORDER BY ?n"
        data = urllib.parse.urlencode({"query": query}).encode()
        body = ""
        for _ in range(100):
            try:
                req = urllib.request.Request(f"http://127.0.0.1:{port}/sparql", data=data,
                                             headers={"Accept": "text/csv"})
                with urllib.request.urlopen(req, timeout=30) as resp:
                    body = resp.read().decode()
                    break
            except OSError:
                time.sleep(0.2)
        assert "Maria Zakharova" in body.splitlines(), log.read_text()
        page = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30).read().decode()
        assert f"SPARQL over {built}" in page
        # a server extension (Virtuoso's sponger: fetch a URL) never reaches the endpoint
        grab = ('SELECT * FROM <http://127.0.0.1:9/x.nt> OPTION (get:soft "soft") '
                "WHERE { ?s ?p ?o }")
        req = urllib.request.Request(f"http://127.0.0.1:{port}/sparql", headers={
            "Accept": "text/csv"}, data=urllib.parse.urlencode({"query": grab}).encode())
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(req, timeout=30)
        assert refused.value.code == 403
        assert "not standard SPARQL" in refused.value.read().decode()
    finally:
        proc.terminate()
        proc.wait(20)


# ---------------------------------------------------------------- failures (Oxigraph)

def _proxy_url(server: Server, proxy: FlakyProxy) -> str:
    return proxy.url(urllib.parse.urlsplit(server.url).path)


def test_a_flaky_server_is_retried_and_the_store_is_complete(
        oxigraph: Server, corpus: list[str], embedded: Path) -> None:
    _wipe(oxigraph.url)
    faults = {1: 503, 4: "drop", 5: 502, 9: 503, 10: 500, 11: 504}
    proxy = FlakyProxy(oxigraph.url.rsplit("/", 1)[0],
                       lambda n, *_: faults.get(n, "drop" if n % 9 == 0 else "forward"))
    try:
        done = cli("build", *corpus, "--store", _proxy_url(oxigraph, proxy), env=FAST)
    finally:
        proxy.stop()
    assert done.returncode == 0, done.stderr
    assert {a for a in proxy.actions() if a != "forward"} >= {503, 502, 500, 504, "drop"}
    assert parse_nquads(remote_quads(oxigraph.url)) == parse_nquads(store_quads(embedded))


@pytest.mark.parametrize("fault", ["down", 503])
def test_a_write_that_keeps_failing_stops_the_build_naming_the_article(
        oxigraph: Server, corpus: list[str], embedded: Path, fault: str | int) -> None:
    """The server goes down (or answers 503 for good) while the third BBC article is
    written: one line naming it, exit 2, the article absent; the same build completes."""
    _wipe(oxigraph.url)
    victim = bbc_rows(6, start=BBC_START)[2]["id"]
    graph = str(article_graph_iri(victim)).encode()
    proxy = FlakyProxy(oxigraph.url.rsplit("/", 1)[0],
                       lambda n, m, p, body: fault if is_update(m, p, body) and graph in body
                       else "forward")
    try:
        done = cli("build", *corpus, "--store", _proxy_url(oxigraph, proxy), env=FAST)
    finally:
        proxy.stop()
    assert done.returncode == 2, done.stderr
    error = [ln for ln in done.stderr.splitlines() if ln.startswith("error:")]
    assert len(error) == 1, done.stderr
    assert error[0].startswith("error: [GB413]") and f"writing article {victim}" in error[0]
    assert ("connection refused" if fault == "down" else "HTTP 503") in error[0]
    assert "4 attempts" in error[0]
    quads = remote_quads(oxigraph.url)
    assert not [q for q in quads if str(article_graph_iri(victim)) in q]  # absent, not half
    written = {q.rsplit(" ", 2)[1] for q in quads}
    assert f"<{article_graph_iri(bbc_rows(6, start=BBC_START)[1]['id'])}>" in written
    again = cli("build", *corpus, "--store", oxigraph.url, env=FAST)
    assert again.returncode == 0, again.stderr
    assert parse_nquads(remote_quads(oxigraph.url)) == parse_nquads(store_quads(embedded))


def test_a_store_url_nobody_answers(corpus: list[str]) -> None:
    url = f"http://127.0.0.1:{free_port()}/query"
    for args in (["build", *corpus, "--store", url], ["stats", "--store", url],
                 ["query", "--store", url, "ASK {}"], ["export", "--store", url],
                 ["view", "--store", url], ["remove", "x", "--store", url],
                 ["serve", "--store", url, "--port", "0"]):
        done = cli(*args, env=FAST)
        assert done.returncode == 2
        assert done.stderr.strip().splitlines()[-1] == (
            f"error: [GB413] {url}: store unavailable while opening the store: connection "
            "refused (gave up after 4 attempts over 0.4 s)"), done.stderr


def test_a_malformed_request_is_one_line(oxigraph: Server) -> None:
    """The update endpoint given as the store: the server answers 400 to a query."""
    done = cli("stats", "--store", oxigraph.url.rsplit("/", 1)[0] + "/update")
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1 and "HTTP 400" in done.stderr
