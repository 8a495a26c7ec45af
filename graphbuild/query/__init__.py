"""SPARQL over graphbuild graphs: run a query, format its result, and named example queries.

>>> from graphbuild.store import load_graph
>>> from graphbuild.query import run_query, format_result, example
>>> ds = load_graph("out/graph.ttl")                       # doctest: +SKIP
>>> print(format_result(run_query(ds, example("who-said-what")), "table"))  # doctest: +SKIP
"""

from __future__ import annotations

from graphbuild.query.catalog import example, list_examples
from graphbuild.query.format import OUTPUT_FORMATS, format_result, plain, shorten
from graphbuild.query.run import run_query

__all__ = [
    "OUTPUT_FORMATS",
    "example",
    "format_result",
    "list_examples",
    "plain",
    "run_query",
    "shorten",
]
