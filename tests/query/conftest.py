"""Shared fixtures for the query tests: the hand-written mini graph."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset

from graphbuild.store import load_graph

MINI = Path(__file__).parents[1] / "fixtures" / "mini.ttl"
#: a second article and a narrative in the issue-16 contract shape (a fixture, see the file)
NARRATIVES = Path(__file__).parents[1] / "fixtures" / "narratives.ttl"


@pytest.fixture(scope="session")
def mini_path() -> Path:
    return MINI


@pytest.fixture(scope="session")
def mini() -> Dataset:
    """The fixture graph, loaded once (tests must not modify it; use ``mini_copy``)."""
    return load_graph(MINI)


@pytest.fixture
def mini_copy() -> Dataset:
    return load_graph(MINI)


@pytest.fixture
def mini_narratives() -> Dataset:
    """mini.ttl plus narratives.ttl: a quotation repeated by a second outlet, and its
    narrative (GRAPH:narratives in a store; here the union, as queries see it)."""
    ds = load_graph(MINI)
    ds.parse(NARRATIVES, format="turtle")
    return ds
