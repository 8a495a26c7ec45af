"""Timeouts (the worker is killed, the server keeps answering) and the row cap."""

from __future__ import annotations

import json
import time
from urllib.parse import urlencode

from tests.server.conftest import Server, http

CARTESIAN = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }")
# a regex that never matches, over the strings of a three-way product (~10^9 rows)
REGEX_PRODUCT = ("SELECT ?a WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i "
                 "FILTER(REGEX(CONCAT(STR(?c), STR(?f), STR(?i)), \"^(zz)+q$\")) } LIMIT 1")
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def _get(server: Server, query: str, accept: str = "application/sparql-results+json"):
    return http(server.endpoint + "?" + urlencode({"query": query}),
                headers={"Accept": accept}, timeout=60)


def _count(server: Server) -> int:
    r = _get(server, COUNT)
    assert r.status == 200, r.text
    return int(json.loads(r.body)["results"]["bindings"][0]["n"]["value"])


def test_catastrophic_query_times_out_and_the_next_is_answered(server: Server) -> None:
    expected = _count(server)
    started = time.monotonic()
    r = _get(server, CARTESIAN)
    elapsed = time.monotonic() - started
    assert r.status == 504, r.text
    assert "timed out" in r.text and "2 s" in r.text
    assert elapsed < 10
    assert _count(server) == expected  # answered right away by another worker
    assert _count(server) == expected
    assert "killing worker" in server.output()


def test_two_timeouts_in_a_row_then_an_answer(server: Server) -> None:
    for query in (CARTESIAN, REGEX_PRODUCT):
        r = _get(server, query)
        assert r.status == 504, r.text
    assert _count(server) > 0


def test_results_are_capped_at_max_rows(server: Server) -> None:
    r = _get(server, "SELECT * WHERE { ?s ?p ?o }", "text/csv")
    assert r.status == 200
    assert r.headers["X-Graphbuild-Truncated"] == "true"
    assert r.headers["X-Graphbuild-Max-Rows"] == "500"
    assert r.headers["X-Graphbuild-Rows"] == "500"
    assert len(r.text.splitlines()) == 501  # header + 500 rows


def test_construct_is_capped_too(server: Server) -> None:
    r = _get(server, "CONSTRUCT WHERE { ?s ?p ?o }", "application/n-triples")
    assert r.status == 200
    assert r.headers["X-Graphbuild-Truncated"] == "true"
    assert len(r.text.strip().splitlines()) == 500


def test_small_answers_are_not_truncated(server: Server) -> None:
    r = _get(server, COUNT)
    assert r.headers["X-Graphbuild-Truncated"] == "false"
    assert r.headers["X-Graphbuild-Rows"] == "1"
