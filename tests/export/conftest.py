"""Fixtures for export tests: the mini graph as loaded, and split into named graphs."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from graphbuild.rdf.vocab import ENTITY_GRAPH, GB, bind_prefixes
from graphbuild.store import load_graph

MINI = Path(__file__).parents[1] / "fixtures" / "mini.ttl"
ARTICLE_GRAPH = URIRef("https://w3id.org/graphbuild/graph/article/mini-1")


@pytest.fixture
def mini() -> Dataset:
    return load_graph(MINI)


@pytest.fixture
def mini_named() -> Dataset:
    """The mini graph as the builder stores it: entity nodes in the entities graph,
    everything else in the article graph, plus one triple in the default graph."""
    source = load_graph(MINI)
    ds = bind_prefixes(Dataset(default_union=True))
    entities = {s for s in source.subjects(GB.entityKind, None)}
    for s, p, o in source.triples((None, None, None)):
        target = ENTITY_GRAPH if s in entities and p != URIRef(
            "https://schema.org/jobTitle") else ARTICLE_GRAPH
        ds.graph(target).add((s, p, o))
    ds.add((URIRef("http://example.org/default"), URIRef("http://example.org/p"),
            URIRef("http://example.org/o")))
    return ds


def graph_names(ds: Dataset) -> set[str]:
    return {str(g.identifier) for g in ds.graphs() if len(g)}


def union(ds: Graph) -> Graph:
    g = Graph()
    for triple in ds.triples((None, None, None)):
        g.add(triple)
    return g


def same_dataset(a: Dataset, b: Dataset) -> bool:
    """Every graph of *a* isomorphic to the graph of the same name in *b*, and vice versa."""
    if graph_names(a) != graph_names(b):
        return False
    for name in graph_names(a) | {str(DATASET_DEFAULT_GRAPH_ID)}:
        if not isomorphic(a.graph(URIRef(name)), b.graph(URIRef(name))):
            return False
    return True
