"""RDF hygiene on real news (BBC articles read from ../shared at test time): the Turtle reads
the same in rdflib and an Oxigraph store, and the graph conforms to the SHACL shapes."""

from __future__ import annotations

import pyoxigraph
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from graphbuild.rdf import serialize
from graphbuild.rdf.validate import validate
from tests.rdf.test_rdf_output import _to_rdflib

N = 20


@pytest.fixture(scope="module")
def bbc20(bbc_articles: dict[str, dict]) -> Graph:
    import graphbuild
    from graphbuild.pipeline import union_graph

    ids = sorted(bbc_articles)[:: max(1, len(bbc_articles) // N)][:N]  # every category
    texts = [bbc_articles[i]["text"] for i in ids]
    return union_graph(graphbuild.build(texts))


def test_bbc_turtle_reads_the_same_in_rdflib_and_an_oxigraph_store(bbc20: Graph) -> None:
    text = serialize.turtle(bbc20)
    store = pyoxigraph.Store()
    store.load(text.encode("utf-8"), pyoxigraph.RdfFormat.TURTLE)
    ox = Graph()
    for q in store:
        ox.add(tuple(_to_rdflib(t) for t in (q.subject, q.predicate, q.object)))
    assert len(ox) == len(bbc20) > 5000
    assert isomorphic(Graph().parse(data=text, format="turtle"), ox)


def test_bbc_graph_conforms_to_the_shapes(bbc20: Graph) -> None:
    report = validate(bbc20)
    assert report.conforms, "\n".join(map(str, report.violations[:10]))
