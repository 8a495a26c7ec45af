"""The one worker: parse a batch of articles, run the extractors, contain failures.

The same code runs in this process (files mode, ``graphbuild.build()``, ``--jobs 1``), in
spawned pool processes (``--jobs N``) and on Dask workers (``--scheduler``). A batch is
parsed with ``nlp.parse``; if that raises, its articles are parsed one at a time, so only
the article that fails is lost; an exception in the extractors loses that article only.
Either way the article becomes a :class:`Failed` (named, with the error), which every sink
reports as a skipped article and logs once.
"""

from __future__ import annotations

import gc
import logging
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from typing import Any

from graphbuild import nlp, registry
from graphbuild.errors import ModelError, WorkerDiedError
from graphbuild.rdf.vocab import article_graph_iri
from graphbuild.types import Article, ArticleResult

__all__ = ["BATCH", "Encoded", "Failed", "batches", "encode", "failed", "init", "results",
           "work"]

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
    from graphbuild.store.terms import nquads

    data, n = nquads(article_quads(result))
    art = result.doc.article
    return Encoded(art.id, str(article_graph_iri(art.id)), data, len(art.text.split()), n)


def failed(article: Article, stage: str, err: BaseException) -> Failed:
    """The :class:`Failed` of ``article`` after ``err`` in ``stage``."""
    where = f"{article.path} ({article.id})" if article.path else article.id
    text = " ".join(str(err).split())[:200]
    return Failed(article.id, where, f"{stage} failed ({type(err).__name__}: {text}): skipped")


# ------------------------------------------------------------------ batches

#: articles per batch handed to a worker
BATCH = 16


def batches(items: Iterable[Article], size: int = BATCH) -> Iterator[list[Article]]:
    """``items`` in lists of ``size`` (the last one shorter)."""
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


# ------------------------------------------------------------------ the worker's state

_WORKER: dict[str, Any] = {}


def init(model: str, extractors: list[str] | None) -> None:
    """Load the model (and the second recogniser) and order the extractors, once per
    process and setting (the loads are cached)."""
    key = (model, tuple(extractors) if extractors is not None else None, nlp.aux_ner_enabled())
    if _WORKER.get("key") == key and "error" not in _WORKER:
        return
    _WORKER.clear()
    _WORKER["pipe"] = registry.pipeline(extractors)
    _WORKER["model"] = model
    nlp.load(model)
    if nlp.aux_ner_enabled():
        nlp.load_aux_ner()
    _WORKER["key"] = key


def freeze_models() -> tuple[int, int, int]:
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
def long_lived_models() -> Iterator[None]:
    """:func:`freeze_models` for the length of a build in this process, then undone (the
    thresholds restored; ``gc.unfreeze`` also releases anything the caller had frozen)."""
    old = freeze_models()
    try:
        yield
    finally:
        gc.set_threshold(*old)
        gc.unfreeze()


def init_pool_worker(model: str, extractors: list[str] | None, log_level: int) -> None:
    """Initialiser of a spawned worker: logging like the parent; errors kept for
    :func:`work`, which reports them in the parent."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s",
                        stream=sys.stderr, force=True)
    logging.getLogger("graphbuild").setLevel(log_level)
    try:
        init(model, extractors)
    except Exception as err:  # noqa: BLE001 - reported by the first task, in the parent
        _WORKER["error"] = err
    else:  # this process only parses: its models stay frozen out of collections
        freeze_models()


# ------------------------------------------------------------------ the work

def _parse_each(batch: list[Article]) -> list[Any]:
    """Parse one article at a time (after a batch failed): ParsedDoc or Failed each."""
    out: list[Any] = []
    for art in batch:
        try:
            out.extend(nlp.parse([art], model=_WORKER["model"], batch_size=1))
        except Exception as err:  # noqa: BLE001 - one bad article must not stop the build
            out.append(failed(art, "parsing", err))
    return out


def results(batch: list[Article]) -> list[ArticleResult | Failed]:
    """Parse a batch and run the extractors (after :func:`init`); an article that raises
    becomes a :class:`Failed`, the others go on."""
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
    out: list[ArticleResult | Failed] = []
    for doc in docs:
        if isinstance(doc, Failed):
            out.append(doc)
            continue
        try:
            out.append(ArticleResult(doc, registry.run(doc, pipe)))
        except Exception as err:  # noqa: BLE001 - one bad article must not stop the build
            out.append(failed(doc.article, "extraction", err))
    return out


def work(batch: list[Article]) -> list[Encoded | Failed]:
    """:func:`results`, each article's graph encoded as N-Quads (what crosses a process or
    machine boundary, and what a store or partition file takes)."""
    out: list[Encoded | Failed] = []
    for res in results(batch):
        if isinstance(res, Failed):
            out.append(res)
            continue
        try:
            out.append(encode(res))
        except Exception as err:  # noqa: BLE001 - one bad article must not stop the build
            out.append(failed(res.doc.article, "extraction", err))
    return out
