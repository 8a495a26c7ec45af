"""SHACL shapes (graphbuild/rdf/shapes.ttl) and ``graphbuild validate``."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal
from rdflib.namespace import PROV

from graphbuild.cli import cli
from graphbuild.rdf import serialize
from graphbuild.rdf.validate import shapes, validate
from graphbuild.rdf.vocab import GB


def test_shapes_parse_and_cover_the_vocabulary() -> None:
    g = shapes()
    text = g.serialize(format="turtle")
    for term in ("NewsArticle", "Sentence", "Statement", "Quotation", "OrganizationRole",
                 "wasDerivedFrom", "wasAttributedTo", "hadPrimarySource", "confidence"):
        assert term in text


def test_the_seed_build_conforms(seed_graph: Graph, seed_dataset) -> None:
    report = validate(seed_graph)
    assert report.conforms, "\n".join(map(str, report.violations[:10]))
    assert validate(seed_dataset).conforms  # the union of its named graphs


def _copy(g: Graph) -> Graph:
    out = Graph()
    for t in g:
        out.add(t)
    return out


def test_a_node_without_prov_triples_is_a_violation(seed_graph: Graph) -> None:
    broken = _copy(seed_graph)
    node = next(broken.subjects(GB.extractor, None))
    broken.remove((node, PROV.wasDerivedFrom, None))
    report = validate(broken)
    assert not report.conforms
    assert [v.focus for v in report.violations] == [str(node)]
    assert report.violations[0].path == str(PROV.wasDerivedFrom)


def test_a_confidence_out_of_range_or_not_decimal_is_a_violation(seed_graph: Graph) -> None:
    broken = _copy(seed_graph)
    node = next(broken.subjects(GB.extractor, None))
    broken.set((node, GB.confidence, Literal("high")))
    report = validate(broken)
    assert not report.conforms and report.violations[0].path == str(GB.confidence)


@pytest.mark.parametrize("suffix", ["ttl", "trig"])
def test_cli_validate_files(tmp_path: Path, seed_dataset, seed_graph, suffix: str) -> None:
    path = tmp_path / f"graph.{suffix}"
    text = serialize.turtle(seed_graph) if suffix == "ttl" else serialize.trig(seed_dataset)
    path.write_text(text, encoding="utf-8")
    got = CliRunner().invoke(cli, ["validate", str(path)])
    assert got.exit_code == 0, got.output
    assert "conforms" in got.output


def test_cli_validate_refuses_a_broken_graph(tmp_path: Path, seed_graph: Graph) -> None:
    broken = _copy(seed_graph)
    for node in list(broken.subjects(GB.extractor, None))[:3]:
        broken.remove((node, PROV.hadPrimarySource, None))
    path = tmp_path / "bad.ttl"
    path.write_text(serialize.turtle(broken), encoding="utf-8")
    got = CliRunner().invoke(cli, ["validate", str(path)])
    assert got.exit_code != 0
    assert "3 violation(s)" in got.output and "GB330" in str(got.exception)


def test_cli_validate_a_store(tmp_path: Path) -> None:
    from tests.conftest import SEED

    store = tmp_path / "store"
    built = CliRunner().invoke(cli, ["build", str(SEED), "--store", str(store), "--quiet"])
    assert built.exit_code == 0, built.output
    got = CliRunner().invoke(cli, ["validate", "--store", str(store), "--json"])
    assert got.exit_code == 0, got.output
    assert '"conforms": true' in got.output
