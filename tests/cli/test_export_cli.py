"""``graphbuild export`` through click's CliRunner, plus one run of the real console script."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from graphbuild.cli import cli
from graphbuild.errors import InputNotFoundError
from graphbuild.store import load_graph

MINI = Path(__file__).parents[1] / "fixtures" / "mini.ttl"
RDFLIB_NAMES = {"ttl": "turtle", "nt": "nt", "nq": "nquads", "trig": "trig",
                "jsonld": "json-ld", "xml": "xml"}


def union(ds: Graph) -> Graph:
    g = Graph()
    for triple in ds.triples((None, None, None)):
        g.add(triple)
    return g


def run(*args: str):
    return CliRunner().invoke(cli, ["export", *args])


@pytest.mark.parametrize("fmt", sorted(RDFLIB_NAMES))
def test_export_to_stdout_round_trips(fmt):
    result = run(str(MINI), "--format", fmt)
    assert result.exit_code == 0, result.output
    back = Dataset(default_union=True)
    back.parse(data=result.stdout_bytes.decode("utf-8"), format=RDFLIB_NAMES[fmt])
    assert isomorphic(union(back), union(load_graph(MINI)))


def test_export_graphml_to_file_infers_format_from_extension(tmp_path):
    out = tmp_path / "mini.graphml"
    result = run(str(MINI), "--out", str(out), "--reified")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    g = nx.read_graphml(out)
    assert (g.number_of_nodes(), g.number_of_edges()) == (21, 44)


def test_default_format_is_turtle():
    result = run(str(MINI))
    assert result.exit_code == 0
    assert len(Graph().parse(data=result.stdout, format="turtle")) == 140


def test_unknown_format_is_a_usage_error():
    result = run(str(MINI), "--format", "yaml")
    assert result.exit_code == 2
    assert "yaml" in result.output


def test_missing_graph_file(tmp_path):
    result = run(str(tmp_path / "nope.ttl"))
    assert isinstance(result.exception, InputNotFoundError)


def test_console_script_writes_utf8_jsonld():
    proc = subprocess.run(
        [sys.executable, "-m", "graphbuild", "export", str(MINI), "--format", "jsonld"],
        capture_output=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Дело 東京".encode() in proc.stdout
    back = Graph().parse(data=proc.stdout.decode("utf-8"), format="json-ld")
    assert len(back) == 140
