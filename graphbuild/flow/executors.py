"""Where the worker runs: here, in ``jobs`` spawned processes, or on a Dask cluster.

Every executor hands batches of :data:`~graphbuild.flow.worker.BATCH` articles to
:func:`graphbuild.flow.worker.work` and yields its :class:`~graphbuild.flow.worker.Encoded`
or :class:`~graphbuild.flow.worker.Failed` results in input order, with a bounded number of
batches in flight, so memory stays flat whatever the corpus size. A worker process that dies
stops the build with :class:`~graphbuild.errors.WorkerDiedError` instead of hanging.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from graphbuild.errors import WorkerDiedError
from graphbuild.flow import worker
from graphbuild.flow.worker import BATCH, Encoded, Failed, batches
from graphbuild.types import Article

__all__ = ["BATCH", "batches", "encode_all"]

def _result(batch: list[Article], future: Future) -> list[Encoded | Failed]:
    try:
        return future.result()
    except BrokenProcessPool as err:
        ids = ", ".join(a.id for a in batch[:3]) + (" …" if len(batch) > 3 else "")
        raise WorkerDiedError(
            f"a worker process died (killed, or out of memory?) while parsing {ids}; the "
            "articles written so far are kept: run the same build again to continue") from err


def encode_all(articles: Iterable[Article], *, model: str, jobs: int = 1,
               extractors: list[str] | None = None,
               scheduler: str | None = None) -> Iterator[Encoded | Failed]:
    """Parse, extract and encode articles, in input order: here (``jobs=1``), in ``jobs``
    spawned processes (at most ``2 * jobs`` batches in flight), or on the Dask cluster
    ``scheduler`` (``tcp://HOST:PORT`` or ``local:N``; see :mod:`graphbuild.distributed`)."""
    if scheduler is not None:
        from graphbuild.distributed import encode_dask

        yield from encode_dask(articles, model=model, scheduler=scheduler,
                               extractors=extractors)
        return
    if jobs <= 1:
        worker.init(model, extractors)
        with worker.long_lived_models():
            for batch in batches(articles):
                yield from worker.work(batch)
        return
    level = logging.getLogger("graphbuild").getEffectiveLevel()
    pool = ProcessPoolExecutor(jobs, mp_context=mp.get_context("spawn"),
                               initializer=worker.init_pool_worker,
                               initargs=(model, extractors, level))
    window: deque[tuple[list[Article], Future]] = deque()
    try:
        for batch in batches(articles):
            window.append((batch, pool.submit(worker.work, batch)))
            if len(window) >= 2 * jobs:
                yield from _result(*window.popleft())
        while window:
            yield from _result(*window.popleft())
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def results_here(articles: Iterable[Article], *, model: str,
                 extractors: list[str] | None = None) -> Iterator:
    """The worker's :func:`~graphbuild.flow.worker.results` in this process, unencoded (for
    a sink that keeps rdflib terms: files mode and ``graphbuild.build()``)."""
    worker.init(model, extractors)
    for batch in batches(articles):
        yield from worker.results(batch)
