"""One meaning per option across commands: -o/--out, --format, --quiet, --json; formats from
the output's extension or refused; options that would do nothing refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph

from graphbuild.cli import cli
from tests.conftest import ROOT, SEED

MINI = ROOT / "tests" / "fixtures" / "mini.ttl"


def invoke(*args: str):  # noqa: ANN201
    return CliRunner().invoke(cli, list(args))


@pytest.mark.parametrize("args", [
    ["--jobs", "2"],
    ["--force"],
    ["--no-merge"],
    ["--emit", "EMIT", "--no-html"],
    ["--out", "OUT/graph.ttl", "--no-html"],
])
def test_build_refuses_options_that_do_nothing(tmp_path: Path, args: list[str]) -> None:
    args = [a.replace("EMIT", str(tmp_path / "nq")).replace("OUT", str(tmp_path)) for a in args]
    got = invoke("build", str(SEED), *args)
    assert got.exit_code == 2, got.output
    assert "Error:" in got.output
    assert not list(tmp_path.iterdir())


def test_build_quiet_prints_nothing(tmp_path: Path) -> None:
    got = invoke("build", str(SEED), "--out", str(tmp_path / "out"), "--no-html", "--quiet")
    assert got.exit_code == 0
    assert got.output == ""
    assert (tmp_path / "out" / "graph.ttl").exists()


def test_build_json_summary_and_one_file_out(tmp_path: Path) -> None:
    out = tmp_path / "graph.nq"
    got = invoke("build", str(SEED), "-o", str(out), "--json")
    assert got.exit_code == 0, got.output
    summary = json.loads(got.stdout)
    assert summary["articles"] == 1 and summary["written"] == [str(out)]
    ds = Dataset()
    ds.parse(out, format="nquads")
    assert len(list(ds.quads())) > 300 and len({q[3] for q in ds.quads()}) >= 2


def test_no_readable_input_has_its_own_code(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    got = invoke("build", str(empty), "--out", str(tmp_path / "out"))
    assert got.exit_code != 0
    assert "GB151" in str(got.exception) and "GB401" not in str(got.exception)
    assert not (tmp_path / "out" / "graph.ttl").exists()


@pytest.mark.parametrize(("name", "fmt", "problem"), [
    ("x.dot", None, "writes no '.dot' files"),
    ("x.dot", "ttl", "writes no '.dot' files"),
    ("x.gexf", "ttl", "the extension asks for gexf"),
    ("x.nt", "ttl", "the extension asks for nt"),
    ("x.noext", None, "writes no '.noext' files"),
])
def test_export_never_writes_another_format_than_the_file_name_says(
        tmp_path: Path, name: str, fmt: str | None, problem: str) -> None:
    out = tmp_path / name
    got = invoke("export", str(MINI), "--out", str(out), *(["--format", fmt] if fmt else []))
    assert got.exit_code != 0
    assert "GB402" in str(got.exception) and problem in str(got.exception)
    assert not out.exists()


def test_export_format_from_extension_or_given_for_an_unknown_name(tmp_path: Path) -> None:
    assert invoke("export", str(MINI), "--out", str(tmp_path / "g.gexf")).exit_code == 0
    import networkx as nx

    assert nx.read_gexf(tmp_path / "g.gexf").number_of_nodes() > 0
    assert invoke("export", str(MINI), "--out", str(tmp_path / "g.nt")).exit_code == 0
    assert Graph().parse(tmp_path / "g.nt", format="nt")
    assert invoke("export", str(MINI), "--out", str(tmp_path / "g.txt"), "-F", "nt").exit_code == 0
    assert len(Graph().parse(tmp_path / "g.txt", format="nt")) == len(Graph().parse(MINI))


def test_query_json_is_format_json() -> None:
    q = "SELECT ?s WHERE { ?s a ?t } ORDER BY ?s LIMIT 3"
    one, two = invoke("query", str(MINI), q, "--json"), invoke("query", str(MINI), q, "-F",
                                                                "json")
    assert one.exit_code == 0 and one.stdout == two.stdout
    assert json.loads(one.stdout)["head"]["vars"] == ["s"]
    assert invoke("query", str(MINI), q, "--json", "--format", "csv").exit_code == 2


def test_view_out_must_be_html(tmp_path: Path) -> None:
    got = invoke("view", str(MINI), "-o", str(tmp_path / "v.png"))
    assert got.exit_code != 0 and "GB402" in str(got.exception)
    assert not (tmp_path / "v.png").exists()


@pytest.mark.parametrize("name", ["build", "query", "export", "view", "stats", "remove",
                                  "validate"])
def test_every_writing_command_takes_quiet(name: str) -> None:
    assert "--quiet" in invoke(name, "--help").output


@pytest.mark.parametrize("name", ["build", "query", "stats", "validate", "settings"])
def test_json_means_json_on_stdout(name: str) -> None:
    assert "--json" in invoke(name, "--help").output


@pytest.mark.parametrize("args", [
    ["query", str(MINI), "ASK { ?s ?p ?o }"],
    ["export", str(MINI), "-F", "nt"],
    ["validate", str(MINI), "--json"],
])
def test_quiet_silences_warnings_in_every_command(args: list[str]) -> None:
    import logging

    logger = logging.getLogger("graphbuild")
    logger.setLevel(logging.WARNING)
    invoke(*args)
    assert logger.level == logging.WARNING
    invoke(*args, "--quiet")
    assert logger.level == logging.ERROR  # warnings off; errors still print
