"""The ``jobs=1`` executor with ``overlap`` (what ``graphbuild build --store`` asks for): a
build of :data:`PIPELINE_MIN` articles or more parses in one spawned process while this one
runs the second recogniser, the extractors and the writes. It must give the very store the
all-here path gives, and lose only a failing article."""

from __future__ import annotations

import resource
from pathlib import Path

import pytest

from graphbuild.corpus import build_store
from graphbuild.flow import executors, worker
from graphbuild.store.oxi import GraphStore
from tests.corpus.helpers import bbc_rows, store_quads, write_jsonl

pytestmark = pytest.mark.slow


def _build(tmp: Path, name: str, corpus: Path, overlap: bool) -> tuple[set[str], list]:
    store = tmp / name
    with GraphStore(store) as gs:
        report = build_store([corpus], gs, overlap=overlap)
    return store_quads(store), report.skipped


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_jsonl(tmp_path_factory.mktemp("c") / "bbc12.jsonl", bbc_rows(12, start=300))


def test_split_build_gives_the_same_store(tmp_path: Path, corpus: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(executors, "PIPELINE_MIN", 1)  # 12 articles are enough to split
    here, skipped_here = _build(tmp_path, "here", corpus, overlap=False)
    before = _children_cpu()
    split, skipped_split = _build(tmp_path, "split", corpus, overlap=True)
    assert _children_cpu() - before > 1.0  # the parsing ran in a process of its own
    assert not skipped_here and not skipped_split
    people = [q for q in split if "<https://schema.org/Person>" in q]
    assert len(people) >= 5  # the second recogniser and the extractors ran
    assert split == here


def test_split_build_loses_only_the_failing_article(tmp_path: Path, corpus: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    bad = bbc_rows(12, start=300)[4]["id"]
    run = worker.registry.run

    def failing(doc, pipe):  # noqa: ANN001, ANN202 - an extractor that raises on one article
        if doc.article.id == bad:
            raise RuntimeError("boom")
        return run(doc, pipe)

    monkeypatch.setattr(worker.registry, "run", failing)
    monkeypatch.setattr(executors, "PIPELINE_MIN", 1)
    quads, skipped = _build(tmp_path, "store", corpus, overlap=True)
    assert [s.problem.split(" (")[0] for s in skipped] == ["extraction failed"]
    assert bad in skipped[0].path
    graphs = {q.rsplit(" ", 2)[-2] for q in quads}
    assert sum("/graph/article/" in g for g in graphs) == 11
