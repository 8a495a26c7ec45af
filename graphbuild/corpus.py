"""Whole corpora into the persistent store: streaming, idempotent, in parallel.

The main process reads articles (ingest, which also screens out over-long and non-English
ones), skips those whose content hash the store already holds, and hands the rest in batches
to ``jobs`` worker processes. A worker parses a batch with ``nlp.pipe`` inside a spaCy memory
zone, runs the extractors, and returns each article's quads already serialised as N-Quads.
The main process writes each article atomically (see :meth:`GraphStore.replace_nquads`), so a
crash leaves every article fully present or fully absent; it writes on a thread of its own
(:mod:`graphbuild.store.background`), in order, while the next articles are parsed. Memory
stays flat: nothing but the current batches is held (at most ``2 * jobs`` batches are in
flight, and 8 articles wait for the writer). With ``scheduler`` the batches go to a Dask
cluster instead (:mod:`graphbuild.distributed`); the main process still writes every article.

Faults are contained per article: an exception while parsing or extracting one article is
reported (a :class:`Failed`, logged as one warning naming the article) and the build goes on.
A worker process that dies (killed, out of memory) stops the build with a
:class:`WorkerDiedError` instead of hanging; what was written stays, and the same build again
carries on.

Cross-article merging runs after the articles are written. The store records that merging is
pending before the first write of a build and clears it when merging is done, so a build
interrupted before or during merging merges on the next run even when no article changed.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing as mp
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from itertools import islice
from typing import Any

from graphbuild import nlp, registry
from graphbuild.errors import ModelError, WorkerDiedError
from graphbuild.fingerprint import article_key, build_fingerprint, key_nquad
from graphbuild.ingest import Skipped, iter_articles
from graphbuild.rdf.vocab import article_graph_iri, article_iri
from graphbuild.store.background import BackgroundWriter
from graphbuild.store.oxi import GraphStore, nquads
from graphbuild.types import Article, ArticleResult

log = logging.getLogger("graphbuild.corpus")

BATCH = 16

Progress = Callable[["CorpusReport"], None]


@dataclass
class CorpusReport:
    """What a build did: article ids per outcome, skipped inputs (with reasons), merges."""

    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[Skipped] = field(default_factory=list)
    merges: list[Any] = field(default_factory=list)  # graphbuild.resolve.crossdoc.Merge
    words: int = 0
    triples_written: int = 0


@dataclass(frozen=True)
class Encoded:
    """One article's graph as N-Quads, ready for :meth:`GraphStore.replace_nquads`."""

    article_id: str
    graph: str
    nquads: bytes
    words: int
    triples: int


@dataclass(frozen=True)
class Failed:
    """An article whose parsing or extraction raised: named, with the error, and skipped."""

    article_id: str
    where: str
    problem: str


def encode(result: ArticleResult) -> Encoded:
    """Serialise an article's quads as N-Quads."""
    from graphbuild.rdf.convert import article_quads

    data, n = nquads(article_quads(result))
    art = result.doc.article
    return Encoded(art.id, str(article_graph_iri(art.id)), data, len(art.text.split()), n)


def _failed(article: Article, stage: str, err: BaseException) -> Failed:
    where = f"{article.path} ({article.id})" if article.path else article.id
    text = " ".join(str(err).split())[:200]
    return Failed(article.id, where, f"{stage} failed ({type(err).__name__}: {text}): skipped")


# ------------------------------------------------------------------ workers

_WORKER: dict[str, Any] = {}


def _init_worker(model: str, extractors: list[str] | None) -> None:
    _WORKER["model"] = model
    _WORKER["pipe"] = registry.pipeline(extractors)
    nlp.load(model)
    if nlp.aux_ner_enabled():
        nlp.load_aux_ner()


def _freeze_models() -> tuple[int, int, int]:
    """Keep the garbage collector off the loaded models while articles stream through: what
    exists now (the spaCy pipelines) is frozen out of collections, and the young generation
    is collected less often (a build allocates many short-lived objects and few cycles).
    Returns the thresholds it replaced."""
    old = gc.get_threshold()
    gc.collect()
    gc.freeze()
    gc.set_threshold(5000, 20, 20)
    return old


@contextmanager
def _long_lived_models() -> Iterator[None]:
    """:func:`_freeze_models` for the length of a build in this process, then undone (the
    thresholds restored; ``gc.unfreeze`` also releases anything the caller had frozen)."""
    old = _freeze_models()
    try:
        yield
    finally:
        gc.set_threshold(*old)
        gc.unfreeze()


def _init_pool_worker(model: str, extractors: list[str] | None, log_level: int) -> None:
    """Initialiser of a spawned worker: logging like the parent; errors kept for ``_work``."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s",
                        stream=sys.stderr, force=True)
    logging.getLogger("graphbuild").setLevel(log_level)
    try:
        _init_worker(model, extractors)
    except Exception as err:  # noqa: BLE001 - reported by the first task, in the parent
        _WORKER["error"] = err
    else:  # this process only parses: its models stay frozen out of collections
        _freeze_models()


def _parse_each(batch: list[Article]) -> list[Any]:
    """Parse one article at a time (after a batch failed): ParsedDoc or Failed each."""
    out: list[Any] = []
    for art in batch:
        try:
            out.extend(nlp.parse([art], model=_WORKER["model"], batch_size=1))
        except Exception as err:  # noqa: BLE001 - one bad article must not stop the build
            out.append(_failed(art, "parsing", err))
    return out


def _work(batch: list[Article]) -> list[Encoded | Failed]:
    """Parse, extract and encode a batch; an article that raises becomes a :class:`Failed`."""
    err = _WORKER.get("error")
    if err is not None:
        if isinstance(err, ModelError):
            raise ModelError(err.message)
        raise WorkerDiedError(f"a worker could not start: {type(err).__name__}: {err}")
    model, pipe = _WORKER["model"], _WORKER["pipe"]
    try:
        docs: list[Any] = list(nlp.parse(batch, model=model, batch_size=len(batch)))
    except Exception:  # noqa: BLE001 - find the article that fails
        docs = _parse_each(batch)
    out: list[Encoded | Failed] = []
    for doc in docs:
        if isinstance(doc, Failed):
            out.append(doc)
            continue
        try:
            out.append(encode(ArticleResult(doc, registry.run(doc, pipe))))
        except Exception as err:  # noqa: BLE001 - one bad article must not stop the build
            out.append(_failed(doc.article, "extraction", err))
    return out


def _batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _result(batch: list[Article], future: Future) -> list[Encoded | Failed]:
    try:
        return future.result()
    except BrokenProcessPool as err:
        ids = ", ".join(a.id for a in batch[:3]) + (" …" if len(batch) > 3 else "")
        raise WorkerDiedError(
            f"a worker process died (killed, or out of memory?) while parsing {ids}; the "
            "articles written so far are kept: run the same build again to continue") from err


def encode_all(articles: Iterable[Article], *, model: str, jobs: int,
               extractors: list[str] | None = None,
               scheduler: str | None = None) -> Iterator[Encoded | Failed]:
    """Parse, extract and encode articles, in input order; in ``jobs`` spawned processes
    when ``jobs > 1`` (at most ``2 * jobs`` batches in flight, so memory stays flat), or on
    the Dask cluster ``scheduler`` (``tcp://HOST:PORT`` or ``local:N``; see
    :mod:`graphbuild.distributed`)."""
    if scheduler is not None:
        from graphbuild.distributed import encode_dask

        yield from encode_dask(articles, model=model, scheduler=scheduler,
                               extractors=extractors)
        return
    if jobs <= 1:
        _init_worker(model, extractors)
        with _long_lived_models():
            for batch in _batches(articles, BATCH):
                yield from _work(batch)
        return
    level = logging.getLogger("graphbuild").getEffectiveLevel()
    pool = ProcessPoolExecutor(jobs, mp_context=mp.get_context("spawn"),
                               initializer=_init_pool_worker,
                               initargs=(model, extractors, level))
    window: deque[tuple[list[Article], Future]] = deque()
    try:
        for batch in _batches(articles, BATCH):
            window.append((batch, pool.submit(_work, batch)))
            if len(window) >= 2 * jobs:
                yield from _result(*window.popleft())
        while window:
            yield from _result(*window.popleft())
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


# ------------------------------------------------------------------ the build

def readable(inputs: Iterable[str | os.PathLike], report: CorpusReport,
             progress: Progress | None) -> Iterator[Article]:
    """The non-empty articles of ``inputs`` that ingest's screening lets through; what it
    skips goes to ``report`` (and is logged once)."""
    for got in iter_articles(inputs):
        if isinstance(got, Skipped):
            (report.warnings if got.warning else report.skipped).append(got)
            if not got.warning:  # repairs were already logged by ingest
                log.warning("%s: %s", got.path, got.problem)
                if progress is not None:
                    progress(report)
            continue
        if got.text.strip():
            yield got


def _todo(store: GraphStore, inputs: Iterable[str | os.PathLike], report: CorpusReport,
          replaced: set[str], progress: Progress | None, fingerprint: str,
          keys: dict[str, deque[str]], force: bool = False) -> Iterator[Article]:
    """The articles to (re)build: new ones, and those whose build key (text, metadata and
    build fingerprint, see :mod:`graphbuild.fingerprint`) differs from the stored one (all
    of them with ``force``). Each one's key is queued in ``keys`` for the writer."""
    seen: dict[str, str] = {}  # id -> its build key, for ids read by this build
    for got in readable(inputs, report, progress):
        key = article_key(got, fingerprint)
        first = seen.get(got.id)
        seen[got.id] = key
        if first is None:  # the store says whether it is new, unchanged or replaced
            graph, node = article_graph_iri(got.id), article_iri(got.id)
            known = store.article_key(graph, node)
            unchanged = known == key and not force
            if not unchanged and (known is not None or store.article_hash(graph, node)):
                replaced.add(got.id)
        else:  # read before in this build: the store may not have its earlier text yet
            unchanged = first == key
            if not unchanged:
                log.warning("%s: article id %r was read before in this build with another "
                            "text; this later text replaces it", got.path or got.id, got.id)
        if unchanged:
            report.unchanged.append(got.id)
            if progress is not None:
                progress(report)
            continue
        keys.setdefault(got.id, deque()).append(key)
        yield got


def next_key(keys: dict[str, deque[str]], article_id: str) -> str:
    """The build key queued for ``article_id`` by the reader (taken off the queue)."""
    queue = keys[article_id]
    key = queue.popleft()
    if not queue:
        del keys[article_id]
    return key


def with_key(enc: Encoded, key: str) -> Encoded:
    """``enc`` with the quad recording its build key added."""
    return replace(enc, nquads=enc.nquads + key_nquad(enc.article_id, key),
                   triples=enc.triples + 1)


def build_store(inputs: Iterable[str | os.PathLike], store: GraphStore, *,
                model: str = nlp.DEFAULT_MODEL, jobs: int = 1, progress: Progress | None = None,
                extractors: list[str] | None = None, merge: bool = True,
                scheduler: str | None = None, force: bool = False) -> CorpusReport:
    """Add the articles of ``inputs`` to ``store``; returns what happened to each.

    Parsing runs here (``jobs=1``), in ``jobs`` local processes, or on the Dask cluster
    ``scheduler`` (``tcp://HOST:PORT``, or ``local:N`` to start N worker processes here);
    either way this process writes every article, so the store is the same.

    ``progress`` is called after each article with ``(report)`` (for a progress bar). An
    article that cannot be read, is screened out, or fails in parsing or extraction is in
    ``report.skipped`` (and logged once). With ``merge=False`` cross-article merging is left
    pending: the next build with merging does it. An article whose build key (its text,
    metadata and the build fingerprint: :mod:`graphbuild.fingerprint`) is stored already is
    left as it is (``report.unchanged``), unless ``force``.
    """
    report = CorpusReport()
    fingerprint = build_fingerprint(model, extractors)
    keys: dict[str, deque[str]] = {}
    replaced: set[str] = set()  # ids the store held when they were read
    written: set[str] = set()  # ids written by this build
    was_pending = store.merge_pending()
    marked = False

    def outcome(enc: Encoded | Failed, err: BaseException | None = None) -> None:
        if err is not None:  # a malformed term: this article only
            enc = Failed(enc.article_id, enc.article_id,
                         f"could not be stored ({type(err).__name__}: {err}): skipped")
        if isinstance(enc, Failed):
            report.skipped.append(Skipped(enc.where, enc.problem))
            log.warning("%s: %s", enc.where, enc.problem)
        else:
            again = enc.article_id in replaced or enc.article_id in written
            (report.replaced if again else report.added).append(enc.article_id)
            written.add(enc.article_id)
            report.words += enc.words
            report.triples_written += enc.triples
        if progress is not None:
            progress(report)

    # the store is written on a thread of its own while the next articles are parsed
    writer: BackgroundWriter[Encoded] = BackgroundWriter(
        lambda enc: store.replace_nquads(enc.graph, enc.nquads),
        recoverable=(SyntaxError, ValueError))
    try:
        todo = _todo(store, inputs, report, replaced, progress, fingerprint, keys, force)
        for enc in encode_all(todo, model=model, jobs=jobs, extractors=extractors,
                              scheduler=scheduler):
            key = next_key(keys, enc.article_id)
            if isinstance(enc, Failed):
                outcome(enc)
            else:
                enc = with_key(enc, key)
                if not marked:  # undo the merges (redone below) and mark merging pending
                    from graphbuild.resolve.crossdoc import begin_writes

                    begin_writes(store)
                    marked = True
                writer.submit(enc)
            for done, err in writer.finished():
                outcome(done, err)
        for done, err in writer.close():
            outcome(done, err)
    except BaseException:
        writer.abort()
        raise
    if report.replaced or was_pending:  # a replaced article may leave entities unmentioned
        store.prune_entities()
    if merge and (marked or was_pending):
        from graphbuild.resolve.crossdoc import merge_entities

        report.merges = merge_entities(store)
        store.clear_merge_pending()
    return report


def count_articles(inputs: Iterable[str | os.PathLike]) -> int | None:
    """How many articles the inputs hold (for a progress bar's ETA); None if unknown."""
    import gzip

    from graphbuild.ingest.walk import expand, kind_of

    total = 0
    for path, _root in expand(inputs):
        kind = kind_of(path)
        if kind == "feed":
            return None
        if kind in {"jsonl", "jsonl.gz"}:
            opener = gzip.open if kind == "jsonl.gz" else open
            try:
                with opener(path, "rb") as fh:
                    total += sum(1 for line in fh if line.strip())
            except OSError:
                continue
        else:
            total += 1
    return total
