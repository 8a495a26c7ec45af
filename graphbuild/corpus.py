"""Whole corpora into the persistent store: streaming, idempotent, in parallel.

The main process reads articles (ingest), skips those whose content hash the store already
holds, and hands the rest in batches to ``jobs`` worker processes. A worker parses a batch with
``nlp.pipe`` inside a spaCy memory zone, runs the extractors, and returns each article's quads
already serialised (N-Triples terms, grouped by graph). The main process writes each article
in one transaction, so a crash leaves every article fully present or fully absent. Memory stays
flat: nothing but the current batches is held.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from graphbuild import nlp, registry
from graphbuild.ingest import Skipped, iter_articles
from graphbuild.rdf.vocab import article_graph_iri, article_iri
from graphbuild.store.oxi import GraphStore
from graphbuild.types import Article, ArticleResult

log = logging.getLogger("graphbuild.corpus")

BATCH = 16


@dataclass
class CorpusReport:
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[Skipped] = field(default_factory=list)
    words: int = 0
    triples_written: int = 0


@dataclass(frozen=True)
class Encoded:
    """One article's graph, ready for :meth:`GraphStore.replace_update`."""

    article_id: str
    graph: str
    blocks: dict[str, list[str]]
    words: int
    triples: int


def encode(result: ArticleResult) -> Encoded:
    from graphbuild.rdf.convert import article_quads
    from graphbuild.store.oxi import to_ox

    blocks: dict[str, list[str]] = {}
    n = 0
    for s, p, o, g in article_quads(result):
        blocks.setdefault(str(g), []).append(f"{to_ox(s)} {to_ox(p)} {to_ox(o)} .")
        n += 1
    art = result.doc.article
    return Encoded(art.id, str(article_graph_iri(art.id)), blocks, len(art.text.split()), n)


# ------------------------------------------------------------------ workers

_WORKER: dict = {}


def _init_worker(model: str, extractors: list[str] | None) -> None:
    _WORKER["model"] = model
    _WORKER["pipe"] = registry.pipeline(extractors)
    nlp.load(model)


def _work(batch: list[Article]) -> list[Encoded]:
    model, pipe = _WORKER["model"], _WORKER["pipe"]
    return [encode(ArticleResult(doc, registry.run(doc, pipe)))
            for doc in nlp.parse(batch, model=model, batch_size=len(batch))]


def _batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def encode_all(articles: Iterable[Article], *, model: str, jobs: int,
               extractors: list[str] | None = None) -> Iterator[Encoded]:
    """Parse, extract and encode articles; in ``jobs`` processes when ``jobs > 1``."""
    if jobs <= 1:
        _init_worker(model, extractors)
        for batch in _batches(articles, BATCH):
            yield from _work(batch)
        return
    ctx = mp.get_context("spawn")
    with ctx.Pool(jobs, initializer=_init_worker, initargs=(model, extractors)) as pool:
        for encoded in pool.imap(_work, _batches(articles, BATCH)):
            yield from encoded


# ------------------------------------------------------------------ the build

def _todo(store: GraphStore, inputs: Iterable[str | os.PathLike], report: CorpusReport,
          replaced: set[str], progress) -> Iterator[Article]:  # noqa: ANN001
    for got in iter_articles(inputs):
        if isinstance(got, Skipped):
            (report.warnings if got.warning else report.skipped).append(got)
            if not got.warning:  # repairs were already logged by ingest
                log.warning("%s: %s", got.path, got.problem)
            continue
        if not got.text.strip():
            continue
        known = store.article_hash(article_graph_iri(got.id), article_iri(got.id))
        if known == got.content_hash:
            report.unchanged.append(got.id)
            if progress is not None:
                progress(report)
            continue
        if known is not None:
            replaced.add(got.id)
        yield got


def build_store(inputs: Iterable[str | os.PathLike], store: GraphStore, *,
                model: str = nlp.DEFAULT_MODEL, jobs: int = 1, progress=None,  # noqa: ANN001
                extractors: list[str] | None = None, merge: bool = True) -> CorpusReport:
    """Add the articles of ``inputs`` to ``store``; returns what happened to each.

    ``progress`` is called after each article with ``(report)`` (for a progress bar).
    """
    report = CorpusReport()
    replaced: set[str] = set()
    todo = _todo(store, inputs, report, replaced, progress)
    for enc in encode_all(todo, model=model, jobs=jobs, extractors=extractors):
        store.replace_blocks(enc.graph, enc.blocks)
        (report.replaced if enc.article_id in replaced else report.added).append(enc.article_id)
        report.words += enc.words
        report.triples_written += enc.triples
        if progress is not None:
            progress(report)
    if report.replaced:
        store.prune_entities()
    if merge and (report.added or report.replaced):
        from graphbuild.resolve.crossdoc import merge_entities

        merge_entities(store)
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
