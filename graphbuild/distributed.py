"""Extraction on a Dask cluster: the same per-article work as a local build, on many machines.

``graphbuild build CORPUS --store DIR --scheduler tcp://HOST:8786`` hands batches of
articles (:data:`graphbuild.flow.worker.BATCH` each) to the workers of a running Dask scheduler;
``--scheduler local:N`` starts a :class:`~distributed.LocalCluster` of N single-threaded
worker processes first. A worker loads the spaCy model once (on its first batch, cached in
the worker process by :func:`graphbuild.flow.worker.init`) and returns each article's
quads already serialised as N-Quads (:class:`~graphbuild.flow.worker.Encoded`), so the main
process writes them exactly as a local build does, one transaction per article.

Results come back in input order with at most ``2 x`` (worker threads) batches in flight,
so memory stays flat. A task is retried (``retries``) if it raises, and re-run elsewhere by
the scheduler if its worker dies; since the main process writes only when a future's result
arrives, and each future's result arrives once, a retried batch is never stored twice. A
batch whose workers keep dying stops the build with
:class:`~graphbuild.errors.WorkerDiedError` (what was written stays: the same build again
carries on).

Workers of a remote cluster need graphbuild and its model installed (the same versions as
the main process) and should run one thread each (``dask worker ADDRESS --nthreads 1``):
a worker process parses one batch at a time whatever its thread count.
"""

from __future__ import annotations

import logging
import re
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain
from typing import Any

from graphbuild.errors import (
    ClusterTaskError,
    GraphbuildError,
    SchedulerAddressError,
    SchedulerUnreachableError,
    WorkerDiedError,
)
from graphbuild.flow import worker
from graphbuild.flow.worker import BATCH, Encoded, Failed, batches
from graphbuild.types import Article

log = logging.getLogger("graphbuild.distributed")

#: how many times a batch is run again after it raised (worker deaths are counted by the
#: scheduler's ``distributed.scheduler.allowed-failures`` instead)
RETRIES = 2

_ADDRESS = re.compile(r"^(tcp|tls)://(\[[0-9a-fA-F:]+\]|[A-Za-z0-9._-]+):(\d{1,5})$")
_LOCAL = re.compile(r"^local:(\d+)$")


@dataclass(frozen=True)
class Scheduler:
    """Where to run: a scheduler's ``address``, or ``local`` worker processes to start."""

    address: str | None = None
    local: int = 0

    def __str__(self) -> str:
        return self.address or f"local:{self.local}"


def parse_scheduler(spec: str) -> Scheduler:
    """``tcp://HOST:PORT`` (or ``tls://…``) or ``local:N`` (N worker processes here)."""
    text = spec.strip()
    if m := _LOCAL.match(text):
        n = int(m.group(1))
        if not 1 <= n <= 256:
            raise SchedulerAddressError(f"--scheduler {spec!r}: local:N needs 1 <= N <= 256")
        return Scheduler(local=n)
    if m := _ADDRESS.match(text):
        if not 1 <= int(m.group(3)) <= 65535:
            raise SchedulerAddressError(f"--scheduler {spec!r}: port out of range")
        return Scheduler(address=text)
    raise SchedulerAddressError(
        f"--scheduler {spec!r}: expected tcp://HOST:PORT (a running Dask scheduler, "
        "e.g. tcp://10.0.0.5:8786) or local:N (N worker processes on this machine)")


@contextmanager
def connect(scheduler: Scheduler) -> Iterator[Any]:
    """A :class:`distributed.Client` of ``scheduler`` (with its LocalCluster, for
    ``local:N``), closed on exit. The connect timeout is Dask's
    ``distributed.comm.timeouts.connect`` (env ``DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT``)."""
    from distributed import Client, LocalCluster

    if scheduler.local:
        quiet = logging.getLogger("graphbuild").getEffectiveLevel() > logging.WARNING
        try:
            cluster = LocalCluster(n_workers=scheduler.local, threads_per_worker=1,
                                   processes=True, dashboard_address=None,
                                   silence_logs=logging.ERROR if quiet else logging.WARNING)
        except (OSError, RuntimeError, TimeoutError) as err:
            raise SchedulerUnreachableError(
                f"cannot start a local Dask cluster of {scheduler.local} worker processes "
                f"({_short(err)})") from err
        try:
            with Client(cluster) as client:
                yield client
        finally:
            cluster.close()
        return
    try:
        client = Client(scheduler.address)
    except (OSError, TimeoutError) as err:
        raise SchedulerUnreachableError(
            f"cannot reach the Dask scheduler at {scheduler.address} ({_short(err)}); start "
            "one with: dask scheduler (and workers: dask worker ADDRESS --nthreads 1)") from err
    with client:
        yield client


def _short(err: BaseException) -> str:
    return " ".join(str(err).split())[:160] or type(err).__name__


# ------------------------------------------------------------------ on the workers

_LOCK = threading.Lock()


def work(batch: list[Article], model: str, extractors: list[str] | None) -> list[Encoded | Failed]:
    """A Dask task: parse, extract and encode one batch (the model is loaded once per worker
    process; a multi-threaded worker runs one batch at a time)."""
    with _LOCK:
        worker.init(model, extractors)  # loads once per worker process and setting
        return worker.work(batch)


# ------------------------------------------------------------------ in the main process

def _threads(client: Any) -> int:
    """Worker threads of the cluster now (workers may join or leave during a build)."""
    return sum(client.nthreads().values())


def _result(client: Any, batch: list[Article], future: Any) -> list[Encoded | Failed]:
    from distributed import KilledWorker

    try:
        return future.result()
    except KilledWorker as err:
        raise WorkerDiedError(
            f"Dask workers kept dying (killed, or out of memory?) while parsing {_ids(batch)}; "
            "the articles written so far are kept: run the same build again to continue"
        ) from err
    except GraphbuildError:
        raise
    except Exception as err:  # noqa: BLE001 - named for the user below
        if client.status != "running":
            raise SchedulerUnreachableError(
                f"lost the connection to the Dask scheduler ({_short(err)}); the articles "
                "written so far are kept: run the same build again to continue") from err
        raise ClusterTaskError(
            f"a batch ({_ids(batch)}) failed on the Dask cluster: {type(err).__name__}: "
            f"{_short(err)} (do the workers have the same graphbuild and spaCy model as "
            "this machine?)") from err


def _ids(batch: list[Article]) -> str:
    return ", ".join(a.id for a in batch[:3]) + (" …" if len(batch) > 3 else "")


def encode_dask(articles: Iterable[Article], *, model: str, scheduler: str | Scheduler,
                extractors: list[str] | None = None, batch: int = BATCH,
                retries: int = RETRIES) -> Iterator[Encoded | Failed]:
    """Parse, extract and encode articles on a Dask cluster, in input order (what
    :func:`graphbuild.flow.executors.encode_all` does locally). Connects only when there is an
    article to encode; at most ``2 x`` (worker threads) batches are in flight."""
    where = parse_scheduler(scheduler) if isinstance(scheduler, str) else scheduler
    chunks = batches(articles, batch)
    first = next(chunks, None)
    if first is None:
        return
    with connect(where) as client:
        threads = _threads(client)
        log.info("extracting on Dask: %s (%d worker threads)", where, threads)
        if not threads:
            log.warning("the Dask scheduler at %s has no workers yet: waiting for some "
                        "(dask worker %s --nthreads 1)", where, where)
        window: deque[tuple[list[Article], Any]] = deque()
        try:
            for chunk in chain([first], chunks):
                window.append((chunk, client.submit(work, chunk, model, extractors,
                                                    pure=False, retries=retries)))
                while len(window) >= max(2, 2 * _threads(client)):
                    yield from _result(client, *window.popleft())
            while window:
                yield from _result(client, *window.popleft())
        finally:
            for _chunk, future in window:
                future.cancel()
