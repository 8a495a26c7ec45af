"""Extraction on Dask (``--scheduler``, ``--emit``) with a real LocalCluster of worker
processes: the store equals a local single-process build of the same 100 BBC articles, a
rerun adds nothing, a worker killed mid-build changes nothing, emitted partitions load into
the same store, and bad scheduler values are one-line errors."""

from __future__ import annotations

import os
import signal
import socket
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from graphbuild.corpus import BATCH, CorpusReport, build_store
from graphbuild.distributed import Scheduler, encode_dask, parse_scheduler
from graphbuild.emit import bulk_load, partitions
from graphbuild.errors import SchedulerAddressError
from graphbuild.rdf.vocab import article_graph_iri
from graphbuild.store.oxi import GraphStore
from tests.corpus.helpers import bbc_rows, cli, store_quads, wait_for, write_jsonl

distributed = pytest.importorskip("distributed", reason="dask[distributed] not installed")

N = 100


@dataclass(frozen=True)
class Reference:
    """The local single-process build (``--jobs 1``) of the corpus, in a fresh process (a
    build in this process could see state that earlier tests left behind)."""

    ids: list[str]  # the articles stored, in input order
    unmerged: set[str]  # before cross-article merging (merging still pending)
    merged: set[str]  # after


@pytest.fixture(scope="module")
def corpus100(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("dask")
    return write_jsonl(folder / "bbc100.jsonl", bbc_rows(N))


@pytest.fixture(scope="module")
def reference(corpus100: Path) -> Reference:
    path = corpus100.parent / "local"
    done = cli("build", str(corpus100), "--store", str(path), "--quiet", "--no-merge",
               "--jobs", "1")
    assert done.returncode == 0, done.stderr
    unmerged = store_quads(path)
    done = cli("build", str(corpus100), "--store", str(path), "--quiet")  # only merges
    assert done.returncode == 0, done.stderr
    with GraphStore(path, read_only=True) as store:
        stored = set(store.article_graphs())
    ids = [row["id"] for row in bbc_rows(N) if str(article_graph_iri(row["id"])) in stored]
    assert len(ids) > 90
    return Reference(ids, unmerged, store_quads(path))


@pytest.fixture(scope="module")
def cluster() -> Iterator[distributed.LocalCluster]:
    """Two single-threaded worker processes, shared by the tests of this module."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as lc:
        yield lc


def _pids(address: str) -> dict[str, int]:
    with distributed.Client(address) as client:
        return client.run(os.getpid)


def _lines(stderr: str) -> list[str]:
    return [ln for ln in stderr.splitlines() if ln.strip()]


# ------------------------------------------------------------------ store builds

def test_cluster_build_equals_the_local_build_and_a_rerun_adds_nothing(
        tmp_path: Path, corpus100: Path, reference: Reference,
        cluster: distributed.LocalCluster) -> None:
    store = tmp_path / "store"
    done = cli("build", str(corpus100), "--store", str(store), "--quiet",
               "--scheduler", cluster.scheduler_address)
    assert done.returncode == 0, done.stderr
    assert done.stderr == "" and done.stdout == ""
    assert store_quads(store) == reference.merged

    again = cli("build", str(corpus100), "--store", str(store),
                "--scheduler", cluster.scheduler_address)
    assert again.returncode == 0, again.stderr
    assert f"0 added, 0 replaced, {len(reference.ids)} unchanged" in again.stderr
    assert store_quads(store) == reference.merged


def test_emitted_partitions_bulk_load_into_the_same_store(
        tmp_path: Path, corpus100: Path, reference: Reference) -> None:
    out = tmp_path / "nq"
    done = cli("build", str(corpus100), "--emit", str(out), "--scheduler", "local:2",
               "--quiet")
    assert done.returncode == 0, done.stderr
    parts = partitions(out)
    assert [p.name for p in parts] == [f"part-{i:05d}.nq" for i in range(-(-N // BATCH))]
    assert sorted(p.name for p in out.iterdir()) == [p.name for p in parts]  # no temp files

    store = tmp_path / "loaded"
    bulk_load(out, store)
    assert store_quads(store) == reference.unmerged  # with the "merging pending" marker
    bulk_load(out, store)  # loading again adds nothing
    assert store_quads(store) == reference.unmerged

    again = cli("build", str(corpus100), "--store", str(store))  # nothing to add; merges
    assert again.returncode == 0, again.stderr
    assert f"0 added, 0 replaced, {len(reference.ids)} unchanged" in again.stderr
    assert store_quads(store) == reference.merged


def test_an_emit_rewrites_its_partitions_and_drops_stale_ones(tmp_path: Path) -> None:
    from graphbuild.emit import PENDING, emit_partitions
    from tests.conftest import SEED

    out = tmp_path / "nq"
    out.mkdir()
    (out / "part-00007.nq").write_text("stale\n")  # from an earlier, larger emit
    report = emit_partitions([SEED], out, jobs=1)
    assert len(report.added) == 1 and not report.skipped
    assert [p.name for p in out.iterdir()] == ["part-00000.nq"]
    data = (out / "part-00000.nq").read_bytes()
    assert data.startswith(PENDING) and data.count(b"\n") == report.triples_written + 1
    emit_partitions([SEED], out, jobs=1)  # the same inputs: the same file
    assert (out / "part-00000.nq").read_bytes() == data


def test_a_worker_killed_mid_build_changes_nothing(
        tmp_path: Path, corpus100: Path, reference: Reference,
        cluster: distributed.LocalCluster) -> None:
    address = cluster.scheduler_address
    victim = next(iter(_pids(address).values()))
    killed: list[int] = []

    def kill_once(report: CorpusReport) -> None:
        if report.added and not killed:  # results are arriving: work is on both workers
            os.kill(victim, signal.SIGKILL)
            killed.append(len(report.added))

    store = tmp_path / "store"
    with GraphStore(store) as gs:  # merging (done here, not on the cluster) is left pending
        report = build_store([corpus100], gs, scheduler=address, progress=kill_once,
                             merge=False)
    assert killed and killed[0] < N - BATCH  # killed with batches still to do
    assert report.added == reference.ids  # each article once, in input order
    assert not report.replaced and not report.skipped
    assert store_quads(store) == reference.unmerged
    runs = Counter(entry[0] for entry in cluster.scheduler.transition_log
                   if entry[2] == "processing" and str(entry[0]).startswith("work-"))
    assert max(runs.values()) >= 2  # the scheduler re-ran the dead worker's batch elsewhere
    assert wait_for(lambda: len(_pids(address)) == 2, 60)  # the nanny restarted it
    assert victim not in _pids(address).values()


# ------------------------------------------------------------------ errors

@pytest.mark.parametrize("value", ["nonsense", "tcp://host-without-port", "local:0",
                                   "local:x", "http://example.org:8786", "tcp://h:99999"])
def test_bad_scheduler_values_are_refused(value: str) -> None:
    with pytest.raises(SchedulerAddressError) as err:
        parse_scheduler(value)
    assert str(err.value).startswith("[GB431] --scheduler")


def test_good_scheduler_values() -> None:
    assert parse_scheduler("tcp://10.0.0.5:8786") == Scheduler(address="tcp://10.0.0.5:8786")
    assert parse_scheduler("tcp://[::1]:8786").address == "tcp://[::1]:8786"
    assert parse_scheduler(" local:3 ") == Scheduler(local=3)


def test_nothing_to_encode_connects_to_nothing() -> None:
    assert list(encode_dask([], model="any", scheduler="tcp://127.0.0.1:1")) == []


@pytest.mark.parametrize("args, message", [
    (("--store", "STORE", "--scheduler", "tcp://nowhere"), "[GB431] --scheduler 'tcp://nowhere'"),
    (("--scheduler", "local:2"), "[GB431] --scheduler local:2 needs --store DIR or --emit DIR"),
    (("--store", "STORE", "--scheduler", "local:2", "--jobs", "2"), "[GB431] --jobs"),
])
def test_cli_misuse_is_one_line(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    args = tuple(str(tmp_path / "store") if a == "STORE" else a for a in args)
    done = cli("build", str(tmp_path / "never-read.jsonl"), *args)
    assert done.returncode == 2
    lines = _lines(done.stderr)
    assert len(lines) == 1 and lines[0].startswith(f"error: {message}"), done.stderr
    assert not (tmp_path / "store").exists()


def test_unreachable_scheduler_is_one_line(tmp_path: Path, corpus100: Path) -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    done = cli("build", str(corpus100), "--store", str(tmp_path / "store"), "--quiet",
               "--scheduler", f"tcp://127.0.0.1:{port}",
               env={"DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"}, timeout=60)
    assert done.returncode == 2
    lines = _lines(done.stderr)
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith(f"error: [GB430] cannot reach the Dask scheduler at "
                               f"tcp://127.0.0.1:{port}")
