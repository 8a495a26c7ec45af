"""The SPARQL 1.1 Protocol against a running server, with a real client (SPARQLWrapper)."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from urllib.parse import quote, urlencode

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from graphbuild.rdf.vocab import ID, SDO
from tests.server.conftest import Server, http

SPARQLWrapper = pytest.importorskip("SPARQLWrapper")

PEOPLE = "SELECT ?p ?name WHERE { ?p a schema:Person ; rdfs:label ?name } ORDER BY ?name"
MARIA = str(ID["person/Maria_Zakharova"])
SD = "http://www.w3.org/ns/sparql-service-description#"


def _wrapper(server: Server, query: str, fmt: str, method: str = "GET") -> object:
    sw = SPARQLWrapper.SPARQLWrapper(server.endpoint)
    sw.setQuery(query)
    sw.setReturnFormat(fmt)
    sw.setMethod(method)
    return sw


def test_select_json_with_sparqlwrapper(server: Server) -> None:
    res = _wrapper(server, PEOPLE, SPARQLWrapper.JSON).query().convert()
    assert res["head"]["vars"] == ["p", "name"]
    people = {b["p"]["value"]: b["name"]["value"] for b in res["results"]["bindings"]}
    assert people[MARIA] == "Maria Zakharova"
    assert res["results"]["bindings"][0]["p"]["type"] == "uri"


def test_select_form_post_with_sparqlwrapper(server: Server) -> None:
    sw = _wrapper(server, PEOPLE, SPARQLWrapper.JSON, SPARQLWrapper.POST)
    res = sw.query().convert()
    assert MARIA in {b["p"]["value"] for b in res["results"]["bindings"]}


def test_select_sparql_query_post_with_sparqlwrapper(server: Server) -> None:
    sw = _wrapper(server, PEOPLE, SPARQLWrapper.JSON, SPARQLWrapper.POST)
    sw.setRequestMethod(SPARQLWrapper.POSTDIRECTLY)
    res = sw.query().convert()
    assert MARIA in {b["p"]["value"] for b in res["results"]["bindings"]}


def test_construct_turtle_with_sparqlwrapper(server: Server) -> None:
    q = ("CONSTRUCT { ?p a schema:Person ; rdfs:label ?n } "
         "WHERE { ?p a schema:Person ; rdfs:label ?n }")
    result = _wrapper(server, q, SPARQLWrapper.TURTLE).query()
    assert result.response.headers["Content-Type"].startswith("text/turtle")
    g = Graph().parse(data=result.convert(), format="turtle")
    assert (URIRef(MARIA), RDF.type, SDO.Person) in g


def test_ask(server: Server) -> None:
    res = _wrapper(server, f"ASK {{ <{MARIA}> a schema:Person }}", SPARQLWrapper.JSON)
    assert res.query().convert()["boolean"] is True


@pytest.mark.parametrize(("accept", "media"), [
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("application/json", "application/sparql-results+json"),
    ("*/*", "application/sparql-results+json"),
    ("text/html, text/csv;q=0.5", "text/csv"),
])
def test_select_formats_by_accept(server: Server, accept: str, media: str) -> None:
    r = http(server.endpoint + "?" + urlencode({"query": PEOPLE}), headers={"Accept": accept})
    assert r.status == 200, r.text
    assert r.content_type == media
    assert r.headers["Vary"] == "Accept"
    if media == "application/sparql-results+xml":
        ns = {"r": "http://www.w3.org/2005/sparql-results#"}
        uris = [e.text for e in ET.fromstring(r.body).iterfind(".//r:uri", ns)]
        assert MARIA in uris
    elif media == "text/csv":
        rows = list(csv.reader(io.StringIO(r.text)))
        assert rows[0] == ["p", "name"] and [MARIA, "Maria Zakharova"] in rows
    elif media == "text/tab-separated-values":
        lines = r.text.splitlines()
        assert lines[0] == "?p\t?name"
        assert f'<{MARIA}>\t"Maria Zakharova"' in lines
    else:
        assert MARIA in r.text


@pytest.mark.parametrize(("accept", "media", "rdf_format"), [
    ("text/turtle", "text/turtle", "turtle"),
    ("application/n-triples", "application/n-triples", "nt"),
    ("application/ld+json", "application/ld+json", "json-ld"),
    ("", "text/turtle", "turtle"),
])
def test_construct_formats_by_accept(server: Server, accept: str, media: str,
                                     rdf_format: str) -> None:
    q = f"CONSTRUCT {{ ?e ?p ?o }} WHERE {{ BIND(<{MARIA}> AS ?e) ?e ?p ?o }}"
    r = http(server.endpoint, method="POST", data=q.encode(),
             headers={"Content-Type": "application/sparql-query", "Accept": accept})
    assert r.status == 200, r.text
    assert r.content_type == media
    g = Graph().parse(data=r.text, format=rdf_format)
    assert (URIRef(MARIA), RDF.type, SDO.Person) in g


def test_form_post_with_urllib(server: Server) -> None:
    r = http(server.endpoint, method="POST", data=urlencode({"query": PEOPLE}).encode(),
             headers={"Content-Type": "application/x-www-form-urlencoded",
                      "Accept": "text/csv"})
    assert r.status == 200 and MARIA in r.text


@pytest.mark.parametrize(("query", "accept"), [
    (PEOPLE, "text/turtle"),
    ("CONSTRUCT WHERE { ?s ?p ?o }", "text/csv"),
    (PEOPLE, "image/png"),
])
def test_unsupported_accept_is_406(server: Server, query: str, accept: str) -> None:
    r = http(server.endpoint + "?" + urlencode({"query": query}), headers={"Accept": accept})
    assert r.status == 406
    assert len(r.text.strip().splitlines()) == 1


def test_malformed_query_is_400_with_line_and_column(server: Server) -> None:
    q = "SELECT ?s\nWHERE {\n  ?s ?p \n}"
    r = http(server.endpoint + "?" + urlencode({"query": q}))
    assert r.status == 400
    assert r.content_type == "text/plain"
    lines = r.text.strip().splitlines()
    assert len(lines) == 1
    assert "malformed SPARQL query at line 4, column" in lines[0]


def test_malformed_sparqlwrapper_raises_bad_formed(server: Server) -> None:
    from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

    with pytest.raises(QueryBadFormed, match="line 1"):
        _wrapper(server, "SELECT * WHERE { ?s ?p }", SPARQLWrapper.JSON).query()


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "select * where { service <http://example.org/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE {\n\tSeRvIcE   SILENT\n<http://example.org/sparql>{?s ?p ?o}}",
])
def test_service_is_refused(server: Server, query: str) -> None:
    r = http(server.endpoint + "?" + urlencode({"query": query}))
    assert r.status == 400
    assert "SERVICE" in r.text and "not allowed" in r.text


def test_service_inside_a_string_is_answered(server: Server) -> None:
    q = 'SELECT ?x WHERE { BIND("SERVICE <http://example.org/sparql> { }" AS ?x) }'
    r = http(server.endpoint + "?" + urlencode({"query": q}), headers={"Accept": "text/csv"})
    assert r.status == 200
    assert "SERVICE <http://example.org/sparql>" in r.text


@pytest.mark.parametrize(("content_type", "body"), [
    ("application/sparql-update", "INSERT DATA { <http://a> <http://b> <http://c> }"),
    ("application/sparql-update", "LOAD <http://example.org/data.ttl>"),
    ("application/x-www-form-urlencoded",
     urlencode({"update": "INSERT DATA { <http://a> <http://b> <http://c> }"})),
])
def test_updates_are_refused_on_a_read_only_server(server: Server, content_type: str,
                                                   body: str) -> None:
    r = http(server.endpoint, method="POST", data=body.encode(),
             headers={"Content-Type": content_type, "Authorization": "Bearer anything"})
    assert r.status == 403
    assert "read-only" in r.text
    check = http(server.endpoint + "?" + urlencode({"query": "ASK { <http://a> ?p ?o }"}))
    assert json.loads(check.body)["boolean"] is False


def test_update_by_get_is_refused(server: Server) -> None:
    r = http(server.endpoint + "?" + urlencode({"update": "CLEAR ALL"}))
    assert r.status == 400


def test_other_post_media_type_is_415(server: Server) -> None:
    r = http(server.endpoint, method="POST", data=b"x", headers={"Content-Type": "text/plain"})
    assert r.status == 415


def test_service_description_turtle(server: Server) -> None:
    r = http(server.endpoint)
    assert r.status == 200 and r.content_type == "text/turtle"
    g = Graph().parse(data=r.text, format="turtle")
    service = URIRef(server.endpoint)
    assert (service, RDF.type, URIRef(SD + "Service")) in g
    assert (service, URIRef(SD + "endpoint"), service) in g
    assert (service, URIRef(SD + "supportedLanguage"), URIRef(SD + "SPARQL11Query")) in g
    assert (service, URIRef(SD + "supportedLanguage"), URIRef(SD + "SPARQL11Update")) not in g


def test_service_description_html_for_browsers(server: Server) -> None:
    r = http(server.endpoint, headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert r.status == 200 and r.content_type == "text/html"
    assert 'href="/service-description"' in r.text
    assert http(server.url + "service-description").content_type == "text/turtle"


def test_dataset_parameters(server: Server) -> None:
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    graph = "https://w3id.org/graphbuild/graph/entities"
    whole = http(server.endpoint + "?" + urlencode({"query": q}), headers={"Accept": "text/csv"})
    only = http(server.endpoint + "?" + urlencode({"query": q, "default-graph-uri": graph}),
                headers={"Accept": "text/csv"})
    n_whole, n_only = int(whole.text.split()[1]), int(only.text.split()[1])
    assert 0 < n_only < n_whole


def test_security_headers_and_host_check(server: Server) -> None:
    r = http(server.endpoint + "?query=" + quote(PEOPLE))
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'none'" in r.headers["Content-Security-Policy"]
    rebound = http(server.url, headers={"Host": "attacker.example"})
    assert rebound.status == 403
    assert http(server.url + "health", headers={"Host": "localhost"}).status == 200


def test_unknown_path_and_method(server: Server) -> None:
    assert http(server.url + "nope").status == 404
    r = http(server.url, method="DELETE")
    assert r.status == 405 and "GET" in r.headers["Allow"]
