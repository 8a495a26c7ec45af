"""The one worker: parse a batch of articles, run the extractors, contain failures.

The same code runs in this process (files mode, ``graphbuild.build()``, a small store build),
in spawned pool processes (``--jobs N``) and on Dask workers (``--scheduler``). A larger
``--jobs 1`` store build splits it in two (:func:`parse_only` in one spawned process, the
second recogniser, extractors and encoding here: :func:`finish`), so parsing and the rest
overlap. A batch is
parsed with ``nlp.parse``; if that raises, its articles are parsed one at a time, so only
the article that fails is lost; an exception in the extractors loses that article only.
Either way the article becomes a :class:`Failed` (named, with the error), which every sink
reports as a skipped article and logs once.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from graphbuild import nlp, registry
from graphbuild.errors import ModelError, WorkerDiedError
from graphbuild.gctune import freeze_models
from graphbuild.rdf.vocab import article_graph_iri
from graphbuild.types import Article, ArticleResult

__all__ = ["BATCH", "Encoded", "Failed", "batches", "encode", "failed", "finish", "init",
           "parse_only", "results", "work"]

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


def init(model: str, extractors: list[str] | None, *, parse: bool = True,
         extract: bool = True) -> None:
    """Load the model (``parse``), the second recogniser and the extractors (``extract``),
    once per process and setting (the loads are cached)."""
    aux = nlp.aux_ner_enabled()
    key = (model, tuple(extractors) if extractors is not None else None, aux, parse, extract)
    if _WORKER.get("key") == key and "error" not in _WORKER:
        return
    _WORKER.clear()
    _WORKER["model"] = model
    if extract:
        _WORKER["pipe"] = registry.pipeline(extractors)
        if aux:
            nlp.load_aux_ner()
    if parse:
        nlp.load(model)
    _WORKER["aux"] = aux and extract  # the second recogniser runs where the extractors do
    _WORKER["key"] = key


def init_pool_worker(model: str, extractors: list[str] | None, log_level: int,
                     extract: bool = True) -> None:
    """Initialiser of a spawned worker (``extract=False``: one that only parses): logging
    like the parent; errors kept for :func:`work`, which reports them in the parent."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s",
                        stream=sys.stderr, force=True)
    logging.getLogger("graphbuild").setLevel(log_level)
    try:
        init(model, extractors, extract=extract)
    except Exception as err:  # noqa: BLE001 - reported by the first task, in the parent
        _WORKER["error"] = err
    else:  # this process only parses: its models stay frozen out of collections
        freeze_models()


# ------------------------------------------------------------------ the work

def _batch_or_each(items: list[Any], run: Callable[[list[Any]], list[Any]],
                   article: Callable[[Any], Article]) -> list[Any]:
    """``run(items)``; if that raises, ``run`` on one item at a time, so only the article
    that fails is lost (a :class:`Failed` of parsing in its place)."""
    try:
        return run(items)
    except Exception:  # noqa: BLE001 - find the article that fails
        pass
    out: list[Any] = []
    for item in items:
        try:
            out.extend(run([item]))
        except Exception as err:  # noqa: BLE001 - one bad article must not stop the build
            out.append(failed(article(item), "parsing", err))
    return out


def _check_started() -> None:
    err = _WORKER.get("error")
    if err is not None:
        if isinstance(err, ModelError):
            raise ModelError(err.message)
        raise WorkerDiedError(f"a worker could not start: {type(err).__name__}: {err}")


def _parse(batch: list[Article], aux: bool) -> list[Any]:
    """ParsedDoc or Failed for each article of a batch (parsed together; if that raises, one
    at a time)."""
    return _batch_or_each(batch, lambda arts: list(nlp.parse(
        arts, model=_WORKER["model"], batch_size=len(arts), aux_ner=aux)), lambda a: a)


def _extract(docs: list[Any]) -> list[ArticleResult | Failed]:
    """Run the extractors over parsed docs; an article that raises becomes a Failed."""
    pipe = _WORKER["pipe"]
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


def _encode_all(results: list[ArticleResult | Failed]) -> list[Encoded | Failed]:
    out: list[Encoded | Failed] = []
    for res in results:
        if isinstance(res, Failed):
            out.append(res)
            continue
        try:
            out.append(encode(res))
        except Exception as err:  # noqa: BLE001 - one bad article must not stop the build
            out.append(failed(res.doc.article, "extraction", err))
    return out


def results(batch: list[Article]) -> list[ArticleResult | Failed]:
    """Parse a batch and run the extractors (after :func:`init`); an article that raises
    becomes a :class:`Failed`, the others go on."""
    _check_started()
    return _extract(_parse(batch, _WORKER["aux"]))


def work(batch: list[Article]) -> list[Encoded | Failed]:
    """:func:`results`, each article's graph encoded as N-Quads (what crosses a process or
    machine boundary, and what a store or partition file takes)."""
    return _encode_all(results(batch))


def parse_only(batch: list[Article]) -> list[Any]:
    """The first half of :func:`work`, for a worker started with ``extract=False``: the
    batch parsed by the model alone (ParsedDoc or Failed each)."""
    _check_started()
    return _parse(batch, aux=False)


def finish(docs: list[Any]) -> list[Encoded | Failed]:
    """The second half of :func:`work` (after ``init(..., parse=False)``): the second
    recogniser over :func:`parse_only`'s docs, the extractors, the encoding."""
    if _WORKER["aux"]:
        docs = _with_aux(docs)
    return _encode_all(_extract(docs))


def _with_aux(docs: list[Any]) -> list[Any]:
    """The second recogniser over a batch's parsed docs (Failed ones passed through)."""
    ok = [d for d in docs if not isinstance(d, Failed)]
    done = iter(_batch_or_each(ok, lambda ds: nlp.with_aux_ents(ds, len(ds)),
                               lambda d: d.article))
    return [d if isinstance(d, Failed) else next(done) for d in docs]
