"""``graphbuild.store.open(location, mode)``: the one door to every store backend."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from graphbuild import store as stores
from graphbuild.errors import StoreInUseError, StoreNotFoundError
from graphbuild.rdf.vocab import article_graph_iri, article_iri
from graphbuild.store.location import BACKENDS, backend_for
from graphbuild.store.oxi import GraphStore
from graphbuild.store.remote import RemoteStore
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


def test_the_old_doors_are_gone() -> None:
    import graphbuild
    import graphbuild.view
    import graphbuild.view.pipeline
    import graphbuild.view.sparql

    for module, name in [(stores, "connect"), (stores, "open_store"),
                         (graphbuild.view.sparql, "open_store_dir"),
                         (graphbuild.view.pipeline, "open_source"),
                         (graphbuild.view, "open_source")]:
        assert not hasattr(module, name), f"{module.__name__}.{name}"
        assert name not in getattr(module, "__all__", ())
    assert "__new__" not in vars(GraphStore)  # no dispatch on the location
    assert set(stores.__all__) >= {"open", "dataset", "load_graph_or_store"}
    assert callable(graphbuild.open_store)  # the documented rdflib door stays


def test_open_picks_the_backend_of_a_folder_and_of_a_url(tmp_path: Path, oxigraph) -> None:  # noqa: ANN001
    where = tmp_path / "s"
    with stores.open(where, "w") as st:
        assert type(st) is GraphStore and isinstance(st.store, ox.Store)
    for location in (where, str(where)):
        with stores.open(location, "r") as st:
            assert type(st) is GraphStore and st.read_only
    for mode in ("r", "r+", "w"):
        with stores.open(oxigraph.url, mode) as st:
            assert type(st) is RemoteGraphStore and isinstance(st.store, RemoteStore)
            assert st.read_only == (mode == "r")


def test_graph_store_is_the_embedded_backend_only(tmp_path: Path, oxigraph,  # noqa: ANN001
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ValueError, match=r"graphbuild\.store\.open"):
        GraphStore(oxigraph.url)
    assert list(tmp_path.iterdir()) == []  # no folder named "http:" made on the way


def test_the_rdflib_door_is_dataset_over_open(tmp_path: Path) -> None:
    import graphbuild

    where = tmp_path / "s"
    with stores.open(where, "w") as st:
        st.replace_nquads(str(article_graph_iri("a")),
                          f'<{article_iri("a")}> <https://schema.org/headline> "H" '
                          f'<{article_graph_iri("a")}> .\n'.encode())
    ds = graphbuild.open_store(where)
    assert {str(o) for o in ds.objects(None, None)} == {"H"}
    stores.open(where, "r+").close()  # read-only by default: a writer may open it too
    assert len(graphbuild.open_store(where, read_only=False)) == 1


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
