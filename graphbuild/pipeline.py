"""The whole flow for a batch of inputs: ingest -> parse -> extract -> RDF."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from rdflib import Dataset, Graph

from graphbuild import nlp, registry
from graphbuild.ingest import Skipped, iter_articles, read_text_article
from graphbuild.rdf.convert import article_quads
from graphbuild.rdf.vocab import bind_prefixes
from graphbuild.types import Article, ArticleResult

log = logging.getLogger("graphbuild")


@dataclass
class BuildReport:
    """What a build read: article ids in, inputs skipped (with the reason)."""

    articles: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[Skipped] = field(default_factory=list)


def articles_from(inputs: Iterable[str | os.PathLike], report: BuildReport) -> Iterator[Article]:
    """Articles from paths (files, folders) and raw texts; records skipped inputs."""
    paths: list[str | os.PathLike] = []
    texts: list[str] = []
    for item in inputs:
        if isinstance(item, os.PathLike) or (isinstance(item, str) and (
                os.path.exists(item) or ("\n" not in item and len(item) < 4096
                                         and os.sep in item and not item.strip().count(" ")))):
            paths.append(item)
        else:
            texts.append(str(item))
    for got in iter_articles(paths):
        if isinstance(got, Skipped):
            (report.warnings if got.warning else report.skipped).append(got)
            if not got.warning:  # repairs were already logged by ingest
                log.warning("%s: %s", got.path, got.problem)
            continue
        yield got
    for text in texts:
        yield read_text_article(text)


def analyse(articles: Iterable[Article], model: str = nlp.DEFAULT_MODEL,
            extractors: list[str] | None = None) -> Iterator[ArticleResult]:
    """Parse and run the extractors on each article."""
    pipe = registry.pipeline(extractors)
    for doc in nlp.parse(articles, model=model):
        yield ArticleResult(doc, registry.run(doc, pipe))


def to_dataset(results: Iterable[ArticleResult], report: BuildReport | None = None) -> Dataset:
    ds = bind_prefixes(Dataset(default_union=True))
    for res in results:
        graphs: dict = {}
        for s, p, o, g in article_quads(res):
            graph = graphs.get(g)
            if graph is None:
                graph = graphs[g] = ds.graph(g)
            graph.add((s, p, o))
        if report is not None:
            report.articles.append(res.doc.article.id)
    return ds


def build(inputs: Iterable[str | os.PathLike] | str, *, model: str = nlp.DEFAULT_MODEL,
          report: BuildReport | None = None) -> Dataset:
    """Build the knowledge graph of ``inputs`` (paths to files or folders, or article texts).

    Returns an rdflib :class:`~rdflib.Dataset` with one named graph per article and a shared
    graph of entities; iterate or query it as a union (``default_union=True``).
    """
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    report = report if report is not None else BuildReport()
    return to_dataset(analyse(articles_from(inputs, report), model=model), report)


def union_graph(ds: Dataset) -> Graph:
    """All triples of a dataset in one Graph (what a Turtle file holds)."""
    g = bind_prefixes(Graph())
    for s, p, o, _c in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g
