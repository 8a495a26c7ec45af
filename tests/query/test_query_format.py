"""format_result: table, csv, tsv, json, turtle; prefixed names only in the table."""

from __future__ import annotations

import csv
import io
import json

import pytest
from rdflib import Graph

from graphbuild.errors import UnsupportedFormatError
from graphbuild.query import OUTPUT_FORMATS, example, format_result, run_query, shorten

PEOPLE = ("SELECT ?person ?name ?type WHERE { ?person a schema:Person ; rdfs:label ?name ;"
          " a ?type } ORDER BY ?name")
LONG = "SELECT ?text WHERE { ?s a gb:Sentence ; schema:text ?text ; gb:startOffset 0 }"
ODD_QUERY = "SELECT ?label WHERE { ?e gb:entityKind 'other' ; rdfs:label ?label }"
ODD = 'Café "Zoë" <Žurnal> Дело 東京'
S1 = ('"We urged Facebook to reconsider its allegedly biased, so-called fact-checking policy," '
      "said Maria Zakharova, the spokeswoman of the Russian Foreign Ministry.")


def test_shorten():
    assert shorten("https://schema.org/Person") == "schema:Person"
    assert shorten("https://w3id.org/graphbuild/id/person/Maria_Zakharova") == \
        "person:Maria_Zakharova"
    assert shorten("https://w3id.org/graphbuild/id/article/a1/quote/1-9") == \
        "gbid:article/a1/quote/1-9"
    assert shorten("https://w3id.org/graphbuild/rel/urge") == "rel:urge"
    assert shorten("http://example.org/x") == "http://example.org/x"


def test_table_uses_prefixed_names_and_plain_literals(mini):
    text = format_result(run_query(mini, PEOPLE), "table", width=200)
    assert "person:John_Smith" in text and "schema:Person" in text
    assert "https://" not in text
    assert "Maria Zakharova" in text and '"Maria Zakharova"' not in text
    assert "2 rows" in text


def test_table_truncates_wide_cells_and_keeps_markup_literal(mini):
    text = format_result(run_query(mini, LONG), "table", width=200, max_cell=30)
    assert S1[:29] in text and "…" in text and S1 not in text
    odd = format_result(run_query(mini, ODD_QUERY), "table", width=200)
    assert ODD in odd  # "<Žurnal>" and quotes shown as is, not eaten as rich markup


def test_csv_is_untruncated_with_full_iris(mini):
    text = format_result(run_query(mini, PEOPLE), "csv")
    records = list(csv.reader(io.StringIO(text)))
    assert records[0] == ["person", "name", "type"]
    assert records[1] == ["https://w3id.org/graphbuild/id/person/John_Smith", "John Smith",
                          "https://schema.org/Person"]
    assert len(records) == 3
    long = list(csv.reader(io.StringIO(format_result(run_query(mini, LONG), "csv"))))
    assert long[1] == [S1]
    odd = list(csv.reader(io.StringIO(format_result(run_query(mini, ODD_QUERY), "csv"))))
    assert odd[1] == [ODD]


def test_tsv_escapes_tabs_and_newlines(mini_copy):
    from rdflib import RDFS, Literal, URIRef

    mini_copy.add((URIRef("http://example.org/x"), RDFS.label, Literal("a\tb\nc\\d")))
    text = format_result(run_query(mini_copy, "SELECT ?l WHERE { <http://example.org/x> "
                                              "rdfs:label ?l }"), "tsv")
    assert text == "l\na\\tb\\nc\\\\d\n"
    people = format_result(run_query(mini_copy, PEOPLE), "tsv").splitlines()
    assert people[0].split("\t") == ["person", "name", "type"]
    assert people[2].split("\t")[1] == "Maria Zakharova"


def test_json_is_sparql_results_json(mini):
    doc = json.loads(format_result(run_query(mini, example("roles")), "json"))
    assert doc["head"]["vars"] == ["person", "title", "organization"]
    [binding] = doc["results"]["bindings"]
    assert binding["person"] == {"type": "literal", "value": "Maria Zakharova"}
    typed = json.loads(format_result(run_query(
        mini, "SELECT ?s ?n WHERE { ?s gb:confidence ?n } ORDER BY ?n LIMIT 1"), "json"))
    row = typed["results"]["bindings"][0]
    assert row["s"]["type"] == "uri"
    assert row["n"] == {"type": "literal", "value": "0.75",
                        "datatype": "http://www.w3.org/2001/XMLSchema#decimal"}


def test_json_leaves_out_unbound_variables(mini):
    doc = json.loads(format_result(run_query(
        mini, "SELECT ?s ?missing WHERE { ?s a schema:City OPTIONAL { ?s schema:x ?missing } }"),
        "json"))
    assert doc["head"]["vars"] == ["s", "missing"]
    assert doc["results"]["bindings"] == [
        {"s": {"type": "uri", "value": "https://w3id.org/graphbuild/id/place/Moscow"}}]


def test_ask(mini):
    result = run_query(mini, "ASK { ?s a schema:Person }")
    assert format_result(result, "table") == "true\n"
    assert format_result(result, "csv") == "true\n"
    assert json.loads(format_result(result, "json")) == {"head": {}, "boolean": True}


def test_construct_prints_turtle(mini):
    result = run_query(mini, "CONSTRUCT { ?p rdfs:label ?l } WHERE { ?p a schema:Person ;"
                             " rdfs:label ?l }")
    for fmt in ("table", "turtle"):
        text = format_result(result, fmt)
        parsed = Graph().parse(data=text, format="turtle")
        assert len(parsed) == 2
    jsonld = Graph().parse(data=format_result(result, "json"), format="json-ld")
    assert len(jsonld) == 2
    with pytest.raises(UnsupportedFormatError):
        format_result(result, "csv")


def test_select_refuses_turtle_and_unknown_formats(mini):
    result = run_query(mini, PEOPLE)
    with pytest.raises(UnsupportedFormatError):
        format_result(result, "turtle")
    with pytest.raises(UnsupportedFormatError):
        format_result(result, "xlsx")
    assert set(OUTPUT_FORMATS) == {"table", "csv", "tsv", "json", "turtle"}


def test_empty_result_table(mini):
    text = format_result(run_query(mini, "SELECT ?x WHERE { ?x a schema:Event }"), "table")
    assert "0 rows" in text and "x" in text
