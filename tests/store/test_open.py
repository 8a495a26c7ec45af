"""``graphbuild.store.open(location, mode)``: the one door to every store backend."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphbuild import store as stores
from graphbuild.errors import StoreInUseError, StoreNotFoundError
from graphbuild.rdf.vocab import article_graph_iri, article_iri
from graphbuild.store.location import BACKENDS, backend_for
from graphbuild.store.oxi import GraphStore
from graphbuild.store.remote_graph import RemoteGraphStore


def test_backends_table_dispatches_on_the_location(tmp_path: Path) -> None:
    assert [name for name, _m, _c in BACKENDS] == ["sparql-endpoint", "oxigraph-folder"]
    assert backend_for("http://127.0.0.1:7878/") is RemoteGraphStore
    assert backend_for("HTTPS://example.org/sparql") is RemoteGraphStore
    assert backend_for(tmp_path / "s") is GraphStore
    assert backend_for("http-archive/store") is GraphStore  # a folder whose name starts so


def test_modes(tmp_path: Path) -> None:
    where = tmp_path / "s"
    with pytest.raises(StoreNotFoundError):
        stores.open(where, "r")
    with pytest.raises(StoreNotFoundError):
        stores.open(where, "r+")
    with stores.open(where, "w") as st:
        assert not st.read_only
        st.replace_nquads(str(article_graph_iri("a")),
                          f'<{article_iri("a")}> <https://schema.org/headline> "H" '
                          f'<{article_graph_iri("a")}> .\n'.encode())
        with pytest.raises(StoreInUseError):
            stores.open(where, "r+")
    with stores.open(where, "r") as st:
        assert st.read_only and st.stats()["triples"] == 1
        ds = stores.dataset(st)
        assert {str(o) for o in ds.objects(None, None)} == {"H"}
    with pytest.raises(ValueError, match="mode 'x'"):
        stores.open(where, "x")


def test_older_doors_lead_to_the_same_place(tmp_path: Path) -> None:
    where = tmp_path / "s"
    stores.open(where, "w").close()
    with stores.connect(where, read_only=True) as st:
        assert type(st) is GraphStore and st.read_only
    with GraphStore(str(where), read_only=True) as st:
        assert type(st) is GraphStore
    assert len(stores.open_store(where)) == 0


def test_oxigraph_servers_base_url_works(oxigraph) -> None:  # noqa: ANN001
    base = oxigraph.url.removesuffix("query")
    assert base.endswith("/") and base.count("/") == 3  # http://HOST:PORT/
    with stores.open(base, "w") as st:
        assert type(st) is RemoteGraphStore
        st.replace_nquads(str(article_graph_iri("b")),
                          f'<{article_iri("b")}> <https://schema.org/headline> "Base" '
                          f'<{article_graph_iri("b")}> .\n'.encode())
    with stores.open(oxigraph.url, "r") as st:  # the same store through …/query
        assert st.article_hash(article_graph_iri("b"), article_iri("b")) is None
        assert {str(o) for o in stores.dataset(st).objects(None, None)} >= {"Base"}
