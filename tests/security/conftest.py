"""Fixtures of the attack replays: a store made directly with pyoxigraph (no NLP: quick),
big enough for a large answer, and a counting listener."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from tests.security.helpers import Listener

GRAPH = "https://w3id.org/graphbuild/graph/article/sec"
ID = "https://w3id.org/graphbuild/id/"


def make_store(path: Path, rows: int, literal: int) -> Path:
    store = ox.Store(str(path))
    g = ox.NamedNode(GRAPH)
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    store.bulk_extend(ox.Quad(ox.NamedNode(f"{ID}thing/{i}"), label,
                              ox.Literal(f"{i:08d} " + "x" * literal), g)
                      for i in range(rows))
    store.flush()
    del store
    return path


@pytest.fixture(scope="session")
def small_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_store(tmp_path_factory.mktemp("sec") / "store", 2_000, 20)


@pytest.fixture()
def listener() -> Iterator[Listener]:
    found = Listener()
    yield found
    found.close()
