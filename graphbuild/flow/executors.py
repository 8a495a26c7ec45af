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
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import chain, islice
from typing import Any

from graphbuild.errors import WorkerDiedError
from graphbuild.flow import worker
from graphbuild.flow.worker import BATCH, Encoded, Failed, batches
from graphbuild.gctune import long_lived_models
from graphbuild.types import Article

__all__ = ["BATCH", "batches", "encode_all"]

def _result(batch: list[Article], future: Future) -> list[Any]:
    try:
        return future.result()
    except BrokenProcessPool as err:
        ids = ", ".join(a.id for a in batch[:3]) + (" …" if len(batch) > 3 else "")
        raise WorkerDiedError(
            f"a worker process died (killed, or out of memory?) while parsing {ids}; the "
            "articles written so far are kept: run the same build again to continue") from err


def encode_all(articles: Iterable[Article], *, model: str, jobs: int = 1,
               extractors: list[str] | None = None, scheduler: str | None = None,
               overlap: bool = False) -> Iterator[Encoded | Failed]:
    """Parse, extract and encode articles, in input order: here (``jobs=1``; with
    ``overlap`` and at least :data:`PIPELINE_MIN` articles, parsing moves to one spawned
    process while the rest is done here, at the same time), in ``jobs`` spawned processes (at
    most ``2 * jobs`` batches in flight, each process doing everything), or on the Dask cluster
    ``scheduler`` (``tcp://HOST:PORT`` or ``local:N``; see :mod:`graphbuild.distributed`)."""
    if scheduler is not None:
        from graphbuild.distributed import encode_dask

        yield from encode_dask(articles, model=model, scheduler=scheduler,
                               extractors=extractors)
        return
    if jobs > 1:
        for encoded in _in_pool(articles, model, extractors, jobs, worker.work, extract=True):
            yield from encoded
        return
    if overlap:
        first, articles = _peek(articles, PIPELINE_MIN)
        if len(first) == PIPELINE_MIN:  # a small build is not worth starting a process
            worker.init(model, extractors, parse=False)
            with long_lived_models():
                for docs in _in_pool(articles, model, extractors, 1, worker.parse_only,
                                     extract=False):
                    yield from worker.finish(docs)
            return
    worker.init(model, extractors)
    with long_lived_models():
        for batch in batches(articles):
            yield from worker.work(batch)


#: with ``overlap``, a ``jobs=1`` build of at least this many articles parses in a process of
#: its own while this one runs the second recogniser, the extractors, the encoding and the
#: writes (see README "Measured figures"); a smaller one runs here, since starting a process
#: and loading the model in it costs about as much as parsing 16 articles
PIPELINE_MIN = 4 * BATCH


def _peek(items: Iterable[Article], n: int) -> tuple[list[Article], Iterator[Article]]:
    """The first ``n`` items, and an iterator over all of them (those first)."""
    it = iter(items)
    first = list(islice(it, n))
    return first, chain(first, it)


def _in_pool(articles: Iterable[Article], model: str, extractors: list[str] | None,
             jobs: int, task: Callable[[list[Article]], list[Any]], *, extract: bool
             ) -> Iterator[list[Any]]:
    """``task(batch)`` for each batch, in input order, run in ``jobs`` spawned processes
    (which load the extractors too only with ``extract``), at most ``2 * jobs`` batches in
    flight."""
    level = logging.getLogger("graphbuild").getEffectiveLevel()
    pool = ProcessPoolExecutor(jobs, mp_context=mp.get_context("spawn"),
                               initializer=worker.init_pool_worker,
                               initargs=(model, extractors, level, extract))
    window: deque[tuple[list[Article], Future]] = deque()
    try:
        for batch in batches(articles):
            window.append((batch, pool.submit(task, batch)))
            if len(window) >= 2 * jobs:
                yield _result(*window.popleft())
        while window:
            yield _result(*window.popleft())
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def results_here(articles: Iterable[Article], *, model: str,
                 extractors: list[str] | None = None) -> Iterator:
    """The worker's :func:`~graphbuild.flow.worker.results` in this process, unencoded (for
    a sink that keeps rdflib terms: files mode and ``graphbuild.build()``)."""
    worker.init(model, extractors)
    for batch in batches(articles):
        yield from worker.results(batch)
