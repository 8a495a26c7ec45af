"""Fixtures: a real store (seed article + a hostile made-up article) and real servers
(``python -m graphbuild serve`` subprocesses on free loopback ports, always stopped)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.store.servers import free_port

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
CHROMIUM = Path("/usr/bin/chromium")
TOKEN = "test-token-5f1c2d9e"

IMG = '"><img src=x onerror=alert(1)>'
SCRIPT = "</script><script>alert(1)</script>"

#: a made-up article whose headline, quotes and node names carry HTML/JS payloads
EVIL_TEXT = f"""Evil {IMG} Corp Sues {SCRIPT} Holdings

LONDON, May 2 - John Smith{IMG}, chief executive of Acme{SCRIPT}Corporation, \
criticised Globex on Tuesday.

"We will not accept {SCRIPT} from anyone, and {IMG} is not a policy," Smith said.

The company {IMG} Ltd accused Globex of fraud, said spokeswoman Jane {SCRIPT} Doe.
"""

# the NER never makes entity names out of markup, so one hand-written article (in the
# graph's shape, docs/graph-shape.md) gives an entity whose label and alias are payloads
EVIL_ENTITY_SLUG = "Evil_Person"


def _handmade_quads() -> list[tuple]:
    from rdflib import Literal, URIRef
    from rdflib.namespace import RDF, RDFS, SKOS

    from graphbuild.rdf.vocab import ENTITY_GRAPH, GB, ID, SDO, article_graph_iri

    g = article_graph_iri("handmade")
    person, art = ID[f"person/{EVIL_ENTITY_SLUG}"], ID["article/handmade"]
    quote = URIRef(f"{art}/quote/0-10")
    return [
        (person, RDF.type, SDO.Person, ENTITY_GRAPH),
        (person, RDFS.label, Literal(f"Eve {IMG}"), ENTITY_GRAPH),
        (person, SKOS.altLabel, Literal(f"Evie {SCRIPT}"), ENTITY_GRAPH),
        (person, GB.entityKind, Literal("person"), ENTITY_GRAPH),
        (art, RDF.type, SDO.NewsArticle, g),
        (art, SDO.headline, Literal(f"Headline {SCRIPT}"), g),
        (art, SDO.mentions, person, g),
        (person, SDO.jobTitle, Literal(f"chief {IMG}"), g),
        (quote, RDF.type, SDO.Quotation, g),
        (quote, SDO.text, Literal(f"I said {SCRIPT} and {IMG}"), g),
        (quote, SDO.spokenByCharacter, person, g),
        (quote, GB.article, art, g),
    ]


@pytest.fixture(scope="session")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built the way ``graphbuild build --store`` does: the seed article, the
    hostile article, and the hand-written one."""
    from graphbuild.pipeline import BuildReport, analyse, articles_from
    from graphbuild.rdf.convert import article_quads
    from graphbuild.rdf.vocab import article_graph_iri
    from graphbuild.store.oxi import GraphStore

    base = tmp_path_factory.mktemp("server")
    corpus = base / "corpus"
    corpus.mkdir()
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, corpus / seed.name)
    (corpus / "evil.txt").write_text(EVIL_TEXT, encoding="utf-8")
    path = base / "store"
    with GraphStore(path) as st:
        for res in analyse(articles_from([corpus], BuildReport())):
            st.replace_article(article_graph_iri(res.doc.article.id), article_quads(res))
        st.replace_article(article_graph_iri("handmade"), _handmade_quads())
    return path


@dataclass
class Server:
    url: str  # http://127.0.0.1:PORT/
    proc: subprocess.Popen
    log: Path
    store: Path
    args: list[str] = field(default_factory=list)

    @property
    def endpoint(self) -> str:
        return self.url + "sparql"

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)


def start_server(store: Path, log_dir: Path, *args: str, token: str | None = None) -> Server:
    port = free_port()
    log = log_dir / f"serve-{port}.log"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.pop("GRAPHBUILD_TOKEN", None)
    if token:
        env["GRAPHBUILD_TOKEN"] = token
    cmd = [sys.executable, "-m", "graphbuild", "-v", "serve", "--store", str(store),
           "--port", str(port), *args]
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT, env=env)
    server = Server(f"http://127.0.0.1:{port}/", proc, log, store, list(args))
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited ({proc.returncode}):\n{server.output()}")
        try:
            with urllib.request.urlopen(server.url + "health", timeout=2) as resp:
                if resp.status == 200:
                    return server
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.1)
    server.stop()
    raise RuntimeError(f"server not ready after 30 s:\n{server.output()}")


@pytest.fixture(scope="session")
def server_factory(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[..., Server]]:
    """Start servers; every one is stopped at the end of the session."""
    started: list[Server] = []
    log_dir = tmp_path_factory.mktemp("logs")

    def start(store: Path, *args: str, token: str | None = None) -> Server:
        server = start_server(store, log_dir, *args, token=token)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture(scope="session")
def server(store_dir: Path, server_factory: Callable[..., Server]) -> Server:
    """The read-only server: short timeout and a small row cap so limits are testable."""
    return server_factory(store_dir, "--timeout", "2", "--max-rows", "500")


@dataclass
class Reply:
    status: int
    headers: Any
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    @property
    def content_type(self) -> str:
        return (self.headers.get("Content-Type") or "").split(";")[0].strip()


def http(url: str, *, method: str = "GET", data: bytes | None = None,
         headers: dict[str, str] | None = None, timeout: float = 30) -> Reply:
    """One HTTP request; error statuses are returned, not raised."""
    req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return Reply(resp.status, resp.headers, resp.read())
    except urllib.error.HTTPError as err:
        return Reply(err.code, err.headers, err.read())


