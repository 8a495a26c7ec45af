"""The guard on the command line's path: graphbuild query and view --query refuse what
reaches outside the store before anything runs; ordinary queries still run."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Literal, URIRef

from graphbuild.errors import QueryForbiddenError, QueryTooLongError
from graphbuild.query import run_query
from graphbuild.query.guard import MAX_QUERY_CHARS, check_sparql
from graphbuild.view.fetch import run_view_query

GRAPH = "https://w3id.org/graphbuild/graph/entities"


@pytest.fixture()
def dataset() -> Dataset:
    ds = Dataset(default_union=True)
    ds.graph(URIRef(GRAPH)).add((URIRef("http://e.org/a"), URIRef("http://e.org/p"),
                                 Literal("SERVICE <http://127.0.0.1:9/x> {}")))
    return ds


@pytest.mark.parametrize("text", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/x> { ?s ?p ?o } }",
    "SELECT * FROM <http://127.0.0.1:9/x> WHERE { ?s ?p ?o }",
    "SELECT ?l WHERE { BIND(\"!\" AS ?a) FILTER(?a<'>') SERVICE <http://127.0.0.1:9/x> "
    "{ ?l ?p ?o } } # '",
])
def test_run_query_refuses_before_running(dataset: Dataset, text: str) -> None:
    with pytest.raises(QueryForbiddenError, match="GB340"):
        run_query(dataset, text)


def test_a_keyword_inside_a_literal_runs(dataset: Dataset) -> None:
    rows = run_query(dataset, "SELECT ?o WHERE { ?s ?p ?o FILTER(CONTAINS(?o, 'SERVICE')) }")
    assert len(list(rows)) == 1


def test_a_graph_of_the_store_may_be_named(dataset: Dataset) -> None:
    rows = run_query(dataset, f"SELECT ?o FROM <{GRAPH}> WHERE {{ ?s ?p ?o }}")
    assert len(list(rows)) == 1


def test_view_query_refuses_service() -> None:
    with pytest.raises(QueryForbiddenError):
        run_view_query(ox.Store(), "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <http://x/> "
                                   "{ ?s ?p ?o } }")


def test_too_long_is_refused_by_length() -> None:
    with pytest.raises(QueryTooLongError, match="GB341"):
        check_sparql("#" * (MAX_QUERY_CHARS + 1))
