"""Entity-graph exports for graph tools: GraphML and GEXF read back by networkx with one
type per node and evidence counts on edges, CSV node/edge tables, and a view built from
the GraphML; the CLI writes them, ``--reified`` keeps the full graph."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib import Graph

from graphbuild.cli import cli
from graphbuild.errors import CsvOutputError
from graphbuild.export import export, serialize, to_dataframe, to_networkx
from graphbuild.export.entities import csv_paths
from graphbuild.view import render_html

CLAIMS = Path(__file__).parents[1] / "view" / "fixtures" / "claims.ttl"
ID = "https://w3id.org/graphbuild/id/"
ZAK, FB = ID + "person/Maria_Zakharova", ID + "organization/Facebook"
CLAIMED = "https://w3id.org/graphbuild/ns#claimsAbout"


@pytest.fixture(scope="module")
def rdf() -> Graph:
    return Graph().parse(CLAIMS, format="turtle")


def _check(g: nx.MultiDiGraph, ref: nx.MultiDiGraph) -> None:
    entities = {n for n, d in ref.nodes(data=True) if d["entity"]}
    assert set(g) == entities
    for n, d in g.nodes(data=True):
        assert isinstance(d["type"], str) and " " not in d["type"] and d["type"]
        assert d["type"] == ref.nodes[n]["type"]
        assert int(d["mentions"]) == ref.nodes[n]["mentions"]
    assert g.nodes[FB]["type"] == "Corporation"
    for s, o, d in g.edges(data=True):
        key = d.get("relation")
        assert int(d["evidence"]) == ref.edges[s, o, key]["count"] >= 1
    claim = [d for s, o, d in g.edges(data=True) if (s, o) == (ZAK, FB)
             and d["relation"] == CLAIMED]
    assert len(claim) == 1 and int(claim[0]["evidence"]) == 2
    assert float(claim[0]["confidence"]) == 0.75
    assert claim[0]["first"] == "2020-09-03" and claim[0]["last"] == "2020-10-01"
    assert str(claim[0]["hedged"]).lower() == "false"


def test_graphml_reads_back_one_type_per_node(rdf: Graph, tmp_path: Path) -> None:
    ref = to_networkx(rdf)
    path = tmp_path / "g.graphml"
    export(rdf, "graphml", path)
    _check(nx.read_graphml(path), ref)


def test_gexf_reads_back_one_type_per_node(rdf: Graph, tmp_path: Path) -> None:
    ref = to_networkx(rdf)
    path = tmp_path / "g.gexf"
    path.write_text(serialize(rdf, "gexf"), encoding="utf-8")
    g = nx.read_gexf(path)
    assert g.nodes[ZAK]["label"] == "Maria Zakharova"
    _check(g, ref)


def test_a_view_is_built_from_the_graphml(rdf: Graph, tmp_path: Path) -> None:
    path = tmp_path / "g.graphml"
    export(rdf, "graphml", path)
    page = render_html(nx.read_graphml(path), tmp_path / "v.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r"var DATA = (\{.*?\});\n", page).group(1))
    labels = {n["label"] for n in data["nodes"] if not n["hidden"]}
    assert {"Maria Zakharova", "Facebook", "United States"} <= labels
    claim = [e for e in data["edges"] if e["label"] == "claims about"]
    assert len(claim) == 1 and claim[0]["gbCount"] == 2 and claim[0]["gbKind"] == "claim"
    assert claim[0]["width"] > min(e["width"] for e in data["edges"])  # more evidence


def test_csv_tables(rdf: Graph, tmp_path: Path) -> None:
    export(rdf, "csv", tmp_path / "news.csv")
    nodes_path, edges_path = csv_paths(tmp_path / "news.csv")
    assert nodes_path.name == "news.nodes.csv" and edges_path.name == "news.edges.csv"
    nodes = list(csv.DictReader(nodes_path.open(encoding="utf-8")))
    edges = list(csv.DictReader(edges_path.open(encoding="utf-8")))
    assert {n["id"]: n["type"] for n in nodes}[FB] == "Corporation"
    claim = [e for e in edges if e["relation"] == CLAIMED]
    assert claim[0]["source"] == ZAK and claim[0]["evidence"] == "2"
    assert claim[0]["example"] == "Facebook of allegedly blocking accounts"
    with pytest.raises(CsvOutputError, match="GB700"):
        serialize(rdf, "csv")


def test_cli_entity_graph_by_default_reified_on_request(tmp_path: Path) -> None:
    out = tmp_path / "g.graphml"
    result = CliRunner().invoke(cli, ["export", str(CLAIMS), "--out", str(out)])
    assert result.exit_code == 0, result.output
    entity = nx.read_graphml(out)
    assert set(entity) == {n for n, d in to_networkx(Graph().parse(CLAIMS)).nodes(data=True)
                           if d["entity"]}
    result = CliRunner().invoke(cli, ["export", str(CLAIMS), "--out", str(out), "--reified"])
    assert result.exit_code == 0, result.output
    full = nx.read_graphml(out)
    assert full.number_of_nodes() > entity.number_of_nodes()
    assert any(d.get("type") == "schema:Claim" for _, d in full.nodes(data=True))
    result = CliRunner().invoke(cli, ["export", str(CLAIMS), "--format", "gexf"])
    assert result.exit_code == 0 and "<gexf" in result.stdout
    result = CliRunner().invoke(cli, ["export", str(CLAIMS), "--format", "csv"])
    assert isinstance(result.exception, CsvOutputError) and "GB700" in str(result.exception)


def test_query_results_to_dataframe(rdf: Graph) -> None:
    pd = pytest.importorskip("pandas")
    result = rdf.query("SELECT ?c ?t WHERE { ?c a <https://schema.org/Claim> ; "
                       "<https://schema.org/text> ?t } ORDER BY ?t")
    frame = to_dataframe(result)
    assert isinstance(frame, pd.DataFrame) and list(frame.columns) == ["c", "t"]
    assert frame["t"].tolist() == ["Facebook deleted the pages",
                                   "Facebook of allegedly blocking accounts"]
