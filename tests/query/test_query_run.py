"""run_query: pre-bound prefixes, init_bindings, and QueryError with line and column."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef

from graphbuild.errors import QueryError
from graphbuild.query import run_query

MARIA = URIRef("https://w3id.org/graphbuild/id/person/Maria_Zakharova")
ODD = 'Café "Zoë" <Žurnal> Дело 東京'


def test_prefixes_are_pre_bound(mini):
    result = run_query(mini, "SELECT ?p WHERE { ?p a schema:Person }")
    assert result.type == "SELECT"
    assert len(result) == 2


def test_ask_construct_describe(mini):
    assert run_query(mini, "ASK { ?s a gb:Statement }").askAnswer is True
    assert run_query(mini, "ASK { ?s a schema:Event }").askAnswer is False
    constructed = run_query(mini, "CONSTRUCT { ?p rdfs:label ?l } WHERE { ?p a schema:Person ;"
                                  " rdfs:label ?l }")
    assert constructed.type == "CONSTRUCT" and len(constructed.graph) == 2
    described = run_query(mini, f"DESCRIBE <{MARIA}>")
    assert (MARIA, URIRef("http://www.w3.org/2000/01/rdf-schema#label"),
            Literal("Maria Zakharova")) in described.graph


@pytest.mark.parametrize(
    ("sparql", "line", "column"),
    [
        ("SELECT ?s WHERE { ?s ?p }\n", 1, 19),
        ("PREFIX x: <http://x/>\nSELECT ?s WHERE {\n  ?s ?p ?o\n  FILTER(?o = )\n}", 4, 3),
        ("SELEC ?s WHERE { ?s ?p ?o }", 1, 1),
        ("SELECT ?s\nWHERE { ?s ?p ?o ", 2, 18),
    ],
)
def test_malformed_query_has_line_and_column(mini, sparql, line, column):
    with pytest.raises(QueryError) as info:
        run_query(mini, sparql)
    err = info.value
    assert (err.line, err.column) == (line, column)
    assert "\n" not in str(err)
    assert str(err).startswith(f"[GB301] malformed SPARQL at line {line}, column {column}: ")


def test_unknown_prefix_is_a_query_error(mini):
    with pytest.raises(QueryError) as info:
        run_query(mini, "SELECT ?x WHERE { ?x a foo:Bar }")
    assert "'foo'" in str(info.value) and "\n" not in str(info.value)
    assert info.value.line is None


def test_init_bindings_carry_user_text_into_the_query(mini):
    query = "SELECT ?entity WHERE { ?entity rdfs:label ?name }"
    # a label full of quotes, <>, braces: bound as a value, never pasted into the query text
    result = run_query(mini, query, init_bindings={"name": Literal(ODD)})
    assert [row.entity for row in result] == [
        URIRef("https://w3id.org/graphbuild/id/other/Caf%C3%A9_%22Zo%C3%AB%22_%3C%C5%BDurnal"
               "%3E_%D0%94%D0%B5%D0%BB%D0%BE_%E6%9D%B1%E4%BA%AC")]
    # an injection attempt is just a string that matches nothing
    hostile = Literal('x" } UNION { ?entity ?p ?o } #')
    assert len(run_query(mini, query, init_bindings={"name": hostile})) == 0
    # "?name" and IRIs work too
    by_iri = run_query(mini, "SELECT ?name WHERE { ?who rdfs:label ?name }",
                       init_bindings={"?who": MARIA})
    assert [str(r.name) for r in by_iri] == ["Maria Zakharova"]


def test_examples_and_cli_do_not_format_user_text_into_sparql():
    """Guard: the query modules never build SPARQL with str.format / % / f-strings."""
    import inspect

    import graphbuild.cli.query as cli_query
    import graphbuild.query.run as run

    for module in (run, cli_query):
        source = inspect.getsource(module)
        assert ".format(" not in source
        for keyword in ("SELECT", "WHERE {", "FILTER("):
            assert f'f"{keyword}' not in source and f"f'{keyword}" not in source
