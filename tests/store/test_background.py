"""The background store writer: order, bounded waiting, per-item and fatal failures, abort."""

from __future__ import annotations

import threading

import pytest
from rdflib import URIRef

from graphbuild.store.background import BackgroundWriter
from graphbuild.store.oxi import GraphStore, nquads


def test_writes_in_order_and_reports_each_item() -> None:
    seen: list[int] = []

    def write(n: int) -> None:
        if n % 5 == 0:
            raise ValueError(f"bad {n}")
        seen.append(n)

    writer: BackgroundWriter[int] = BackgroundWriter(write, depth=3, recoverable=(ValueError,))
    outcomes = []
    for n in range(1, 40):
        writer.submit(n)
        outcomes.extend(writer.finished())
    outcomes.extend(writer.close())
    assert [n for n, _ in outcomes] == list(range(1, 40))
    assert seen == [n for n in range(1, 40) if n % 5]
    failed = {n: str(err) for n, err in outcomes if err is not None}
    assert failed == {n: f"bad {n}" for n in range(5, 40, 5)}


def test_submit_blocks_while_depth_items_wait() -> None:
    gate = threading.Event()
    writer: BackgroundWriter[int] = BackgroundWriter(lambda n: gate.wait(), depth=2)
    writer.submit(1)  # taken by the thread, which waits on the gate
    writer.submit(2)
    writer.submit(3)  # the queue is full now
    blocked = threading.Thread(target=writer.submit, args=(4,))
    blocked.start()
    blocked.join(0.3)
    assert blocked.is_alive()
    gate.set()
    blocked.join(5)
    assert not blocked.is_alive()
    assert [n for n, _ in writer.close()] == [1, 2, 3, 4]


def test_a_fatal_error_reaches_the_caller_and_stops_writing() -> None:
    seen: list[int] = []

    def write(n: int) -> None:
        if n == 3:
            raise OSError("disk full")
        seen.append(n)

    writer: BackgroundWriter[int] = BackgroundWriter(write, depth=1)
    with pytest.raises(OSError, match="disk full"):
        for n in range(1, 100):
            writer.submit(n)
        list(writer.close())
    assert seen == [1, 2]


def test_abort_finishes_the_current_item_and_drops_the_rest() -> None:
    started, gate = threading.Event(), threading.Event()
    seen: list[int] = []

    def write(n: int) -> None:
        started.set()
        gate.wait()
        seen.append(n)

    writer: BackgroundWriter[int] = BackgroundWriter(write, depth=4)
    for n in (1, 2, 3):
        writer.submit(n)
    assert started.wait(5)
    threading.Timer(0.2, gate.set).start()
    writer.abort()
    assert seen == [1]


def test_writes_into_a_real_store_from_its_thread(tmp_path) -> None:  # noqa: ANN001
    graphs = [f"https://example.org/g{n}" for n in range(20)]
    with GraphStore(tmp_path / "store") as store:
        writer: BackgroundWriter[tuple[str, bytes]] = BackgroundWriter(
            lambda item: store.replace_nquads(*item), recoverable=(SyntaxError, ValueError))
        for n, g in enumerate(graphs):
            data, _ = nquads([(URIRef(f"https://example.org/s{n}"), URIRef("https://example.org/p"),
                               URIRef("https://example.org/o"), URIRef(g))])
            writer.submit((g, data))
        writer.submit(("https://example.org/bad", b"<not a quad\n"))
        outcomes = list(writer.close())
        assert [err is None for _, err in outcomes] == [True] * 20 + [False]
        assert sorted(q.graph_name.value for q in store.store) == sorted(graphs)


def test_abort_does_not_wait_long_for_a_write_that_hangs(caplog) -> None:  # noqa: ANN001
    started, gate = threading.Event(), threading.Event()

    def write(n: int) -> None:
        started.set()
        gate.wait(30)

    writer: BackgroundWriter[int] = BackgroundWriter(write, depth=2)
    writer.submit(1)
    writer.submit(2)
    assert started.wait(5)
    writer.abort(timeout=0.3)
    assert "still writing one article" in caplog.text
    gate.set()
