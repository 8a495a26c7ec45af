"""``graphbuild query`` through click's CliRunner, plus one run of the real console script."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from graphbuild.cli import cli
from graphbuild.errors import QueryError, UnknownExampleError
from graphbuild.query import list_examples

MINI = str(Path(__file__).parents[1] / "fixtures" / "mini.ttl")
ODD = 'Café "Zoë" <Žurnal> Дело 東京'


def run(*args: str):
    return CliRunner().invoke(cli, ["query", *args])


def test_list_needs_no_graph():
    result = run("--list")
    assert result.exit_code == 0, result.output
    for name, description in list_examples():
        assert name in result.stdout and description in result.stdout


def test_show_prints_an_example_that_runs_from_a_file(tmp_path):
    result = run("--show", "who-said-what")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Who said what") and "LIMIT 100" in result.stdout
    edited = tmp_path / "all.rq"
    edited.write_text(result.stdout.replace("LIMIT 100", ""), encoding="utf-8")
    rows = run(MINI, "--file", str(edited), "--format", "csv")
    assert rows.exit_code == 0, rows.output
    assert len(list(csv.reader(io.StringIO(rows.stdout)))) == 3  # header + 2 quotations
    assert run("--show", "no-such-example").exit_code != 0


def test_example_as_table():
    result = run(MINI, "--example", "who-said-what")
    assert result.exit_code == 0, result.output
    assert "Maria Zakharova" in result.stdout and "John Smith" in result.stdout
    assert "2 rows" in result.stdout


def test_inline_sparql_as_csv_with_prebound_prefixes():
    result = run(MINI, "SELECT ?name WHERE { ?p a schema:Person ; rdfs:label ?name } "
                       "ORDER BY ?name", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert list(csv.reader(io.StringIO(result.stdout))) == [
        ["name"], ["John Smith"], ["Maria Zakharova"]]


def test_query_file_as_json(tmp_path):
    query = tmp_path / "q.rq"
    query.write_text("# labels of the odd entity\nSELECT ?l WHERE { ?e gb:entityKind 'other' ;"
                     " rdfs:label ?l }\n", encoding="utf-8")
    result = run(MINI, "--file", str(query), "-F", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["head"]["vars"] == ["l"]
    assert doc["results"]["bindings"][0]["l"]["value"] == ODD


def test_tsv_and_turtle():
    tsv = run(MINI, "-e", "roles", "-F", "tsv")
    assert tsv.stdout.splitlines()[1].split("\t") == [
        "Maria Zakharova", "spokeswoman", "Russian Foreign Ministry"]
    ttl = run(MINI, "-F", "turtle",
              "CONSTRUCT { ?p rdfs:label ?l } WHERE { ?p a schema:Person ; rdfs:label ?l }")
    assert ttl.exit_code == 0, ttl.output
    assert "rdfs:label" in ttl.stdout and "Maria Zakharova" in ttl.stdout


def test_exactly_one_query_source(tmp_path):
    query = tmp_path / "q.rq"
    query.write_text("ASK { ?s ?p ?o }", encoding="utf-8")
    none = run(MINI)
    assert none.exit_code == 2 and "exactly one of" in none.output
    two = run(MINI, "ASK { ?s ?p ?o }", "--example", "roles")
    assert two.exit_code == 2 and "exactly one of" in two.output
    three = run(MINI, "--file", str(query), "--example", "roles")
    assert three.exit_code == 2 and "exactly one of" in three.output


def test_graph_is_required_without_list():
    result = run("--example", "roles")
    assert result.exit_code == 2 and "GRAPH" in result.output


def test_bad_format_is_a_usage_error():
    result = run(MINI, "-e", "roles", "--format", "xlsx")
    assert result.exit_code == 2


def test_unknown_example_and_malformed_query_raise_graphbuild_errors():
    unknown = run(MINI, "--example", "nope")
    assert isinstance(unknown.exception, UnknownExampleError)
    assert "who-said-what" in str(unknown.exception)
    bad = run(MINI, "SELECT ?s WHERE { ?s ?p }")
    assert isinstance(bad.exception, QueryError)
    assert (bad.exception.line, bad.exception.column) == (1, 19)


def test_bind_passes_user_text_as_values():
    query = "SELECT ?e WHERE { ?e rdfs:label ?name }"
    odd = run(MINI, "--bind", f"name={ODD}", query, "-F", "csv")
    assert odd.exit_code == 0, odd.output
    assert odd.stdout.splitlines()[1].startswith("https://w3id.org/graphbuild/id/other/Caf%C3%A9")
    hostile = run(MINI, "--bind", 'name=x" } UNION { ?e ?p ?o } #', query, "-F", "csv")
    assert hostile.exit_code == 0, hostile.output
    assert hostile.stdout == "e\n"  # no rows, no syntax error
    by_iri = run(MINI, "-b", "who=gbid:person/Maria_Zakharova", "-F", "csv",
                 "SELECT ?l WHERE { ?who rdfs:label ?l }")
    assert by_iri.stdout == "l\nMaria Zakharova\n"
    bad = run(MINI, "--bind", "no-equals-sign", query)
    assert bad.exit_code == 2


def test_help_has_examples():
    result = run("--help")
    assert result.exit_code == 0
    assert "--example who-said-what" in result.stdout and "--list" in result.stdout


def test_console_script_reports_malformed_query_on_one_line():
    proc = subprocess.run(
        [sys.executable, "-m", "graphbuild", "query", MINI, "SELECT ?s WHERE { ?s ?p }"],
        capture_output=True, text=True, encoding="utf-8", timeout=120,
    )
    assert proc.returncode == 2
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("error: [GB301] malformed SPARQL at line 1, column 19: ")
