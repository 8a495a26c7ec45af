"""graphbuild: a knowledge-graph builder for English news.

>>> import graphbuild
>>> ds = graphbuild.build(["seeds/"])           # rdflib Dataset, one named graph per article
>>> graphbuild.view(ds)                         # interactive view in a notebook

Every fact in the graph points back to the sentence it came from (PROV-O + the graphbuild
vocabulary in ``graphbuild/rdf/ontology.ttl``).
"""

from __future__ import annotations

from typing import Any

__version__ = "0.2.0"
__all__ = ["build", "view", "open_store", "to_networkx", "BuildReport", "__version__"]


def build(inputs: Any, *, model: str | None = None, report: Any = None,  # noqa: ANN201
          extractors: list[str] | None = None):
    """Build the knowledge graph of ``inputs``: paths (files or folders) or article texts.

    Returns an :class:`rdflib.Dataset` (``default_union=True``) with a named graph per
    article and one shared graph of entities. Skipped inputs and articles (with the reason)
    are listed in ``report`` (a :class:`BuildReport`) when one is given.
    """
    from graphbuild import nlp, pipeline

    return pipeline.build(inputs, model=model or nlp.DEFAULT_MODEL, report=report,
                          extractors=extractors)


def open_store(path: Any, *, read_only: bool = True):  # noqa: ANN201
    """The rdflib door to a store: an rdflib Dataset (``default_union=True``, through
    oxrdflib) over the store built with ``graphbuild build CORPUS --store DIR`` (or
    ``--store URL``: a SPARQL endpoint works the same), read-only by default so it can be
    opened while a build writes (``read_only=False`` opens it ``"w"``). It is
    ``graphbuild.store.dataset(graphbuild.store.open(path, mode))``: open stores with
    :func:`graphbuild.store.open` for anything else."""
    from graphbuild import store

    return store.dataset(store.open(path, "r" if read_only else "w"))


def view(graph: Any, **kwargs: Any):  # noqa: ANN201
    """An interactive view of ``graph`` for a notebook (``GraphView``, shows itself as HTML)."""
    from graphbuild.view import GraphView

    return GraphView(graph, **kwargs)


def to_networkx(graph: Any):  # noqa: ANN201
    """The entity graph (networkx MultiDiGraph) of a built Dataset, rdflib graph or store."""
    from graphbuild.export import to_networkx as _to_networkx

    return _to_networkx(graph)


def __getattr__(name: str) -> Any:
    if name == "BuildReport":
        from graphbuild.pipeline import BuildReport

        return BuildReport
    raise AttributeError(name)
