"""The dataset sink of the one build path (:mod:`graphbuild.flow`): files mode and
``graphbuild.build()`` get an rdflib Dataset, read, parsed and extracted by the same code as
a store build, with the same handling of a failing article (reported, skipped, the rest
built)."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator

from rdflib import Dataset, Graph

from graphbuild import nlp, registry
from graphbuild.flow.executors import results_here
from graphbuild.flow.report import BuildReport
from graphbuild.flow.sources import read_inputs
from graphbuild.flow.worker import Failed, failed
from graphbuild.ingest import Skipped
from graphbuild.rdf.convert import article_quads
from graphbuild.rdf.vocab import bind_prefixes
from graphbuild.types import Article, ArticleResult

__all__ = ["BuildReport", "analyse", "articles_from", "build", "to_dataset", "union_graph"]

log = logging.getLogger("graphbuild")


def articles_from(inputs: Iterable[str | os.PathLike], report: BuildReport) -> Iterator[Article]:
    """Articles from paths (files, folders) and raw texts; records skipped inputs
    (:func:`graphbuild.flow.sources.read_inputs`)."""
    return read_inputs(inputs, report)


def analyse(articles: Iterable[Article], model: str = nlp.DEFAULT_MODEL,
            extractors: list[str] | None = None) -> Iterator[ArticleResult]:
    """Parse and run the extractors on each article, one result per article in order (an
    exception propagates: for evaluation and scripts; builds use :func:`build`)."""
    pipe = registry.pipeline(extractors)
    for doc in nlp.parse(articles, model=model):
        yield ArticleResult(doc, registry.run(doc, pipe))


def to_dataset(results: Iterable[ArticleResult | Failed],
               report: BuildReport | None = None) -> Dataset:
    """A Dataset of the articles' graphs; a :class:`~graphbuild.flow.worker.Failed` article
    (or one whose graph cannot be made) is reported in ``report.skipped`` and logged."""
    ds = bind_prefixes(Dataset(default_union=True))
    for res in results:
        if not isinstance(res, Failed):
            try:
                quads = list(article_quads(res))
            except Exception as err:  # noqa: BLE001 - one bad article must not stop the build
                res = failed(res.doc.article, "extraction", err)
        if isinstance(res, Failed):
            log.warning("%s: %s", res.where, res.problem)
            if report is not None:
                report.skipped.append(Skipped(res.where, res.problem))
            continue
        graphs: dict = {}
        for s, p, o, g in quads:
            graph = graphs.get(g)
            if graph is None:
                graph = graphs[g] = ds.graph(g)
            graph.add((s, p, o))
        if report is not None:
            report.added.append(res.doc.article.id)
            report.words += len(res.doc.article.text.split())
            report.triples_written += len(quads)
    return ds


def build(inputs: Iterable[str | os.PathLike] | str, *, model: str = nlp.DEFAULT_MODEL,
          report: BuildReport | None = None, extractors: list[str] | None = None) -> Dataset:
    """Build the knowledge graph of ``inputs`` (paths to files or folders, or article texts).

    Returns an rdflib :class:`~rdflib.Dataset` with one named graph per article and a shared
    graph of entities; iterate or query it as a union (``default_union=True``). An input
    that cannot be read and an article whose parsing or extraction fails are skipped and
    listed in ``report.skipped``, as in a store build.
    """
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    report = report if report is not None else BuildReport()
    articles = read_inputs(inputs, report)
    ds = to_dataset(results_here(articles, model=model, extractors=extractors), report)
    from graphbuild.narrative.dataset import add_narratives

    report.narratives = add_narratives(ds)
    return ds


def union_graph(ds: Dataset) -> Graph:
    """All triples of a dataset in one Graph (what a Turtle file holds)."""
    g = bind_prefixes(Graph())
    for s, p, o, _c in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g
