"""The store sink of the one build path (:mod:`graphbuild.flow`): whole corpora into the
persistent store, streaming, idempotent, in parallel.

The main process reads articles (:mod:`graphbuild.flow.sources`: ingest, which also screens
out over-long and non-English ones), skips those whose build key the store already holds
(:mod:`graphbuild.fingerprint`), and hands the rest in batches to the worker
(:mod:`graphbuild.flow.worker`) here or in ``jobs`` processes
(:mod:`graphbuild.flow.executors`). A worker parses a batch with ``nlp.pipe`` inside a spaCy
memory zone, runs the extractors, and returns each article's quads serialised as N-Quads.
The main process writes each article atomically (see :meth:`GraphStore.replace_nquads`), so a
crash leaves every article fully present or fully absent; it writes on a thread of its own
(:mod:`graphbuild.store.background`), in order, while the next articles are parsed. Memory
stays flat: nothing but the current batches is held (at most ``2 * jobs`` batches are in
flight, and 8 articles wait for the writer). With ``scheduler`` the batches go to a Dask
cluster instead (:mod:`graphbuild.distributed`); the main process still writes every article.

Faults are contained per article: an exception while parsing or extracting one article is
reported (a :class:`Failed`, logged as one warning naming the article) and the build goes on,
as in every mode. A worker process that dies (killed, out of memory) stops the build with a
:class:`~graphbuild.errors.WorkerDiedError` instead of hanging; what was written stays, and
the same build again carries on.

After the articles are written the narratives are brought up to date
(:mod:`graphbuild.narrative.store`: only new and changed articles are compared), then
entities are merged across articles.
The store records that merging is pending before the first write of a build and clears it
when merging is done, so a build interrupted before or during merging merges on the next
run even when no article changed.
"""

from __future__ import annotations

import logging
import os
from collections import deque
from collections.abc import Iterable, Iterator

from graphbuild import nlp
from graphbuild.fingerprint import article_key, build_fingerprint, next_key, with_key
from graphbuild.flow.executors import BATCH, encode_all
from graphbuild.flow.report import BuildReport
from graphbuild.flow.sources import Progress, count_articles, read_inputs
from graphbuild.flow.worker import Encoded, Failed, encode
from graphbuild.ingest import Skipped
from graphbuild.rdf.vocab import article_graph_iri, article_iri
from graphbuild.store.background import BackgroundWriter
from graphbuild.store.oxi import GraphStore
from graphbuild.types import Article

__all__ = ["BATCH", "CorpusReport", "Encoded", "Failed", "Progress", "build_store",
           "count_articles", "encode", "encode_all", "next_key", "readable", "with_key"]

log = logging.getLogger("graphbuild.corpus")

#: what a store build did (the one report of every mode)
CorpusReport = BuildReport


def readable(inputs: Iterable[str | os.PathLike], report: BuildReport,
             progress: Progress | None) -> Iterator[Article]:
    """The non-empty articles of the paths ``inputs`` that ingest's screening lets through
    (:func:`graphbuild.flow.sources.read_inputs`)."""
    return read_inputs(inputs, report, progress, texts=False)


def _todo(store: GraphStore, inputs: Iterable[str | os.PathLike], report: BuildReport,
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




def build_store(inputs: Iterable[str | os.PathLike], store: GraphStore, *,
                model: str = nlp.DEFAULT_MODEL, jobs: int = 1, progress: Progress | None = None,
                extractors: list[str] | None = None, merge: bool = True,
                scheduler: str | None = None, force: bool = False,
                overlap: bool = False) -> BuildReport:
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

    ``overlap`` (what ``graphbuild build --store`` sets): with ``jobs=1``, a build of 64
    articles or more parses in one spawned process while this one runs the rest, at the same
    time (about 1.4x faster on two cores; the CPU time is the same). From a script, like
    ``jobs > 1``, it needs the ``if __name__ == "__main__":`` guard.
    """
    report = BuildReport()
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
                              scheduler=scheduler, overlap=overlap):
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
    if merge:  # narratives before merging, on the unmerged store as every build sees it, so
        # that the merges (which move the narratives' entities too) are the same in any order
        from graphbuild.narrative.store import update_narratives

        done = update_narratives(store)
        report.narratives, report.narrative_seconds = done.narratives, done.seconds
    if merge and (marked or was_pending):
        from graphbuild.resolve.crossdoc import merge_entities

        report.merges = merge_entities(store)
        store.clear_merge_pending()
    return report


