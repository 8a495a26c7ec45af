"""The worker pool on its own: busy, out of memory, fresh answers while a build writes."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from graphbuild.server.worker import WorkerBusy, WorkerDied, WorkerPool, WorkerTimeout

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
HUNGRY = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i"


def _query(text: str) -> dict:
    return {"text": text, "result_format": "csv", "graph_format": "turtle", "max_rows": 10,
            "max_bytes": 10**6}


def _count(pool: WorkerPool, timeout: float = 10) -> int:
    return int(pool.run("query", _query(COUNT), timeout)["body"].split()[1])


def test_busy_pool_says_so_then_recovers(store_dir: Path) -> None:
    pool = WorkerPool(store_dir, size=1)
    try:
        errors: list[Exception] = []

        def hog() -> None:
            try:
                pool.run("query", _query(CARTESIAN), 2)
            except WorkerTimeout as err:
                errors.append(err)

        thread = threading.Thread(target=hog)
        thread.start()
        threading.Event().wait(0.3)
        with pytest.raises(WorkerBusy, match="busy"):
            pool.run("query", _query(COUNT), 0.5)
        thread.join()
        assert errors and isinstance(errors[0], WorkerTimeout)
        assert _count(pool) > 0  # the replacement worker answers
    finally:
        pool.close()


def test_worker_out_of_memory_is_replaced(store_dir: Path) -> None:
    pool = WorkerPool(store_dir, size=1, memory_mb=400)
    try:
        with pytest.raises(WorkerDied):
            pool.run("query", _query(HUNGRY), 20)
        assert _count(pool) > 0
    finally:
        pool.close()


def test_read_only_workers_see_writes_made_meanwhile(store_dir: Path, tmp_path: Path) -> None:
    from rdflib import Literal, URIRef

    from graphbuild.store.oxi import GraphStore

    copy = tmp_path / "store"
    shutil.copytree(store_dir, copy)
    pool = WorkerPool(copy, size=1)
    try:
        before = _count(pool)
        graph = URIRef("https://w3id.org/graphbuild/graph/article/extra")
        with GraphStore(copy) as writer:  # a build writing while the server reads
            writer.replace_article(graph, [(URIRef("http://example.org/a"),
                                            URIRef("http://example.org/p"), Literal("x"),
                                            graph)])
        assert _count(pool) == before + 1
    finally:
        pool.close()
