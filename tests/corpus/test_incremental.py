"""Incremental builds into one store: idempotent, a changed article replaces only its own
graph, input order does not matter, and ingest streams."""

from __future__ import annotations

import gzip
import json
import shutil
import tracemalloc
from pathlib import Path

from graphbuild.rdf.vocab import article_graph_iri
from tests.corpus.helpers import bbc_rows, by_graph, cli, store_quads, write_jsonl

SOURCE_PATH = "<https://w3id.org/graphbuild/ns#sourcePath>"


def _stats(store: Path) -> dict:
    done = cli("stats", "--store", str(store), "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_the_same_build_twice_adds_nothing(tmp_path: Path, corpus20: Path,
                                           built20: Path) -> None:
    store = tmp_path / "store"
    shutil.copytree(built20, store)
    before, stats = store_quads(store), _stats(store)
    done = cli("build", str(corpus20), "--store", str(store))
    assert done.returncode == 0, done.stderr
    assert "0 added, 0 replaced, 20 unchanged, 0 skipped" in done.stderr
    assert _stats(store) == stats and stats["articles"] == 20
    assert store_quads(store) == before


NEW_TEXT = ("The harbour board of Port Ellis approved a new ferry terminal on Thursday.\n\n"
            "Board chairman Tomas Lindqvist said the terminal would open in 2026 and would "
            "double the number of crossings to the islands.")


def test_a_changed_article_replaces_its_own_graph_only(tmp_path: Path, built20: Path) -> None:
    store = tmp_path / "store"
    shutil.copytree(built20, store)
    rows = bbc_rows(20, start=1000)
    changed = rows[7]["id"]
    old_graphs = by_graph(store_quads(store))
    g = f"<{article_graph_iri(changed)}>"
    rows[7] = {**rows[7], "text": NEW_TEXT}
    done = cli("build", str(write_jsonl(tmp_path / "bbc20.jsonl", rows)), "--store", str(store))
    assert done.returncode == 0, done.stderr
    assert "0 added, 1 replaced, 19 unchanged" in done.stderr
    new_graphs = by_graph(store_quads(store))
    new = "\n".join(new_graphs[g])
    assert "Tomas Lindqvist" in new and "Port Ellis" in new
    old_sentences = [q for q in old_graphs[g] if "<https://schema.org/text>" in q]
    assert old_sentences and not set(old_sentences) & new_graphs[g]  # old statements gone
    for other in old_graphs:  # every other article untouched
        if other != g and "/graph/article/" in other:
            assert new_graphs[other] == old_graphs[other], other


def test_input_order_does_not_change_the_store(tmp_path: Path, built20: Path) -> None:
    rows = bbc_rows(20, start=1000)[::-1]
    store = tmp_path / "store"
    done = cli("build", str(write_jsonl(tmp_path / "bbc20.jsonl", rows)), "--store", str(store),
               "--quiet", "--jobs", "2")
    assert done.returncode == 0, done.stderr

    def content(path: Path) -> set[str]:  # gb:sourcePath names the line: it differs
        return {q for q in store_quads(path) if SOURCE_PATH not in q}

    assert content(store) == content(built20)


def test_jsonl_is_streamed_not_read_whole(tmp_path: Path) -> None:
    from graphbuild.ingest import iter_articles

    big = tmp_path / "big.jsonl.gz"
    line = json.dumps({"text": "The mayor said the bridge would reopen on Monday. " * 40})
    with gzip.open(big, "wt", encoding="utf-8") as fh:
        for i in range(20_000):  # ~40 MB uncompressed
            fh.write(line.replace("mayor", f"mayor {i}") + "\n")
    tracemalloc.start()
    try:
        items = iter_articles([big])
        first = next(items)
        second = next(items)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert first.id == "big-1" and second.id == "big-2"
    assert peak < 2_000_000, peak
