"""SPARQL Update: only with --allow-update and the bearer token; LOAD never."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlencode

import pytest

from tests.server.conftest import TOKEN, Server, http

SPARQLWrapper = pytest.importorskip("SPARQLWrapper")

INSERT = ("INSERT DATA { GRAPH <http://example.org/g> { "
          "<http://example.org/a> <http://example.org/p> \"new\" } }")
ASK = "ASK { <http://example.org/a> <http://example.org/p> \"new\" }"


@pytest.fixture(scope="module")
def writable(store_dir: Path, tmp_path_factory: pytest.TempPathFactory,
             server_factory: Callable[..., Server]) -> Server:
    copy = tmp_path_factory.mktemp("rw") / "store"
    shutil.copytree(store_dir, copy)
    return server_factory(copy, "--allow-update", "--timeout", "5", token=TOKEN)


def _ask(server: Server) -> bool:
    r = http(server.endpoint + "?" + urlencode({"query": ASK}))
    assert r.status == 200, r.text
    return json.loads(r.body)["boolean"]


def _update(server: Server, text: str, token: str | None) -> int:
    headers = {"Content-Type": "application/sparql-update"}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    return http(server.endpoint, method="POST", data=text.encode(), headers=headers).status


def test_update_without_or_with_wrong_token_is_403(writable: Server) -> None:
    assert _update(writable, INSERT, None) == 403
    assert _update(writable, INSERT, "wrong-token-123") == 403
    assert not _ask(writable)


def test_update_with_token_via_sparqlwrapper(writable: Server) -> None:
    sw = SPARQLWrapper.SPARQLWrapper(writable.endpoint)
    sw.setMethod(SPARQLWrapper.POST)
    sw.setQuery(INSERT)
    sw.addCustomHttpHeader("Authorization", f"Bearer {TOKEN}")
    result = sw.query()
    assert result.response.status in (200, 204)
    assert _ask(writable)
    form = urlencode({"update": "DELETE DATA { GRAPH <http://example.org/g> { "
                                "<http://example.org/a> <http://example.org/p> \"new\" } }"})
    r = http(writable.endpoint, method="POST", data=form.encode(),
             headers={"Content-Type": "application/x-www-form-urlencoded",
                      "Authorization": f"Bearer {TOKEN}"})
    assert r.status == 204
    assert not _ask(writable)


def test_load_is_refused_even_with_the_token(writable: Server) -> None:
    r = http(writable.endpoint, method="POST", data=b"LOAD <http://example.org/data.ttl>",
             headers={"Content-Type": "application/sparql-update",
                      "Authorization": f"Bearer {TOKEN}"})
    assert r.status == 400 and "LOAD" in r.text


def test_malformed_update_is_400(writable: Server) -> None:
    r = http(writable.endpoint, method="POST", data=b"INSERT DATA { <http://a> }",
             headers={"Content-Type": "application/sparql-update",
                      "Authorization": f"Bearer {TOKEN}"})
    assert r.status == 400 and "malformed SPARQL update at line 1" in r.text


def test_service_description_lists_update(writable: Server) -> None:
    assert "SPARQL11Update" in http(writable.url + "service-description").text


def test_read_write_server_holds_the_store(writable: Server) -> None:
    """A build cannot write a store that a --allow-update server has open."""
    from graphbuild.store.oxi import GraphStore, StoreInUseError

    with pytest.raises(StoreInUseError):
        GraphStore(writable.store)
