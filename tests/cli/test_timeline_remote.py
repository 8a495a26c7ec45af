"""``graphbuild timeline --store URL`` and the narrative example queries on Virtuoso (the
queries must stay within what Virtuoso's SPARQL runs): the same rows as the embedded store."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from graphbuild.query import example
from graphbuild.view.sparql import select

FIXTURES = Path(__file__).parents[1] / "fixtures"
ID = "https://w3id.org/graphbuild/id/"
GRAPH = "https://w3id.org/graphbuild/graph/"
NARRATIVES = ("narrative-first-said", "narrative-repeats", "entity-claims-repeated",
              "outlets-shared-claims")


def _load(store) -> None:  # noqa: ANN001 - an Oxigraph store or a RemoteStore
    store.load(path=str(FIXTURES / "mini.ttl"), format=ox.RdfFormat.TURTLE,
               to_graph=ox.NamedNode(GRAPH + "article/mini-1"))
    store.load(path=str(FIXTURES / "narratives.ttl"), format=ox.RdfFormat.TURTLE,
               to_graph=ox.NamedNode(GRAPH + "narratives"))


@pytest.fixture(scope="module")
def remote(virtuoso) -> str:  # noqa: ANN001
    from graphbuild.store.remote import RemoteStore

    _load(RemoteStore(virtuoso.url))
    return virtuoso.url


def _timeline(store: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "graphbuild", "timeline", "--store", store,
                           "-F", "csv", "--quiet", *args], capture_output=True, text=True,
                          timeout=120)


def test_examples_give_the_embedded_stores_rows(remote: str) -> None:
    from graphbuild.store.remote import RemoteStore

    embedded = ox.Store()
    _load(embedded)
    far = RemoteStore(remote)
    for name in NARRATIVES:
        want = list(select(embedded, example(name)))
        assert want, name

        def canon(rows: list[tuple]) -> list[tuple]:  # GROUP_CONCAT order is the store's
            return sorted(tuple(", ".join(sorted(str(c).split(", "))) if c else c for c in r)
                          for r in rows)
        assert canon(list(select(far, example(name)))) == canon(want), name


def test_timeline_on_virtuoso(remote: str, tmp_path: Path) -> None:
    local = tmp_path / "store"
    loader = ox.Store(str(local))
    _load(loader)
    del loader
    for args in (("--entity", "maria zakharova"), ("--entity", "Facebook"),
                 ("--narrative", ID + "narrative/0f1e2d3c4b5a")):
        far, near = _timeline(remote, *args), _timeline(str(local), *args)
        assert far.returncode == 0, far.stderr
        assert list(csv.DictReader(io.StringIO(far.stdout))) == \
            list(csv.DictReader(io.StringIO(near.stdout))), args
        assert far.stdout.count("\n") >= 3, args
    unknown = _timeline(remote, "--entity", "Maria Zakarova")
    assert unknown.returncode == 2 and "[GB630]" in unknown.stderr
    assert "'Maria Zakharova'" in unknown.stderr
