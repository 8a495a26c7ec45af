"""Graph files checked before rdflib reads them: no entity expansion, no fetched context,
no lone surrogate, regular files only — each a one-line coded error."""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from graphbuild.errors import GraphFileUnreadableError, GraphFileUnsafeError
from graphbuild.store.files import load_graph

LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
""" + "".join(f' <!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 2 else "")) * 10}">\n'
              for i in range(2, 10)) + """]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://e.org/">
 <rdf:Description rdf:about="http://e.org/a"><ex:p>&lol9;</ex:p></rdf:Description>
</rdf:RDF>
"""


class _Counter(BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802
        _Counter.hits.append(self.path)
        body = b'{"@context": {"@vocab": "http://e.org/"}}'
        self.send_response(200)
        self.send_header("Content-Type", "application/ld+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def listener() -> Iterator[str]:
    srv = ThreadingHTTPServer(("127.0.0.1", 0), _Counter)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}/ctx.jsonld"
    srv.shutdown()


def test_billion_laughs_is_refused_fast(tmp_path: Path) -> None:
    path = tmp_path / "laughs.rdf"
    path.write_text(LAUGHS)
    start = time.perf_counter()
    with pytest.raises(GraphFileUnsafeError, match=r"\[GB470\].*entity"):
        load_graph(path)
    assert time.perf_counter() - start < 5


def test_plain_rdfxml_still_reads(tmp_path: Path) -> None:
    path = tmp_path / "ok.rdf"
    path.write_text(LAUGHS.split("]>", 1)[1].replace("&lol9;", "fine"))
    assert len(load_graph(path)) == 1


@pytest.mark.parametrize("context", ["{url}", "file:///etc/hostname", "ctx.jsonld",
                                     ["{url}"], {"@import": "{url}"}])
def test_jsonld_contexts_are_never_fetched(tmp_path: Path, listener: str,
                                           context: object) -> None:
    (tmp_path / "ctx.jsonld").write_text('{"@context": {"@vocab": "http://e.org/"}}')
    text = json.dumps({"@context": context, "@id": "http://e.org/a", "b": "c"})
    path = tmp_path / "doc.jsonld"
    path.write_text(text.replace("{url}", listener))
    before = len(_Counter.hits)
    with pytest.raises(GraphFileUnsafeError, match="never fetched"):
        load_graph(path)
    assert len(_Counter.hits) == before


def test_a_shipped_context_and_an_inline_one_work(tmp_path: Path) -> None:
    path = tmp_path / "doc.jsonld"
    path.write_text(json.dumps({"@context": "https://w3id.org/graphbuild/context.jsonld",
                                "@id": "gbid:x", "rdfs:label": "X"}))
    assert len(load_graph(path)) == 1
    path.write_text(json.dumps({"@context": {"@vocab": "http://e.org/"},
                                "@id": "http://e.org/a", "b": "c"}))
    assert len(load_graph(path)) == 1


@pytest.mark.parametrize(("name", "text"), [
    ("s.ttl", '<http://a> <http://b> "x\\ud800y" .\n'),
    ("s.nt", '<http://a> <http://b> "x" .\n<http://a> <http://b> "\\U0000DC00" .\n'),
    ("s.jsonld", '{"@id": "http://a", "http://b": "x\\ud800"}'),
])
def test_lone_surrogates_are_one_line(tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text)
    with pytest.raises(GraphFileUnsafeError, match="surrogate") as err:
        load_graph(path)
    assert "\n" not in str(err.value)
    if name == "s.nt":
        assert "line 2" in str(err.value)


@pytest.mark.parametrize("make", ["fifo", "device"])
def test_graph_files_must_be_regular(tmp_path: Path, make: str) -> None:
    path = tmp_path / "g.ttl"
    if make == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero")
    start = time.perf_counter()
    with pytest.raises(GraphFileUnreadableError, match="GB471"):
        load_graph(path)
    assert time.perf_counter() - start < 5
