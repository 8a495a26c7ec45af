"""What a query may do: nothing outside the store (the server's names for the guard).

The check itself is :mod:`graphbuild.query.guard`: a real SPARQL parse (rdflib's, parse
only) refuses ``SERVICE``, ``LOAD`` and dataset clauses naming graphs outside the store,
with a conservative scan where parsers may disagree. rdflib's parser is not linear (a
FILTER of 10,000 ``||`` takes it seconds), so the server process only runs the linear
checks (:func:`check_length`, the protocol's graph names, the lane heuristic); the parse runs
in the query worker, before the query, under the query's time limit (a worker still parsing
at the limit is killed like any other). The same guard runs in ``graphbuild query``,
``view --query`` and before a remote store.
"""

from __future__ import annotations

from typing import Any

from graphbuild.errors import QueryForbiddenError, QueryTooLongError
from graphbuild.query.guard import MAX_QUERY_CHARS, check_graphs, check_sparql, query_form

__all__ = ["ForbiddenQuery", "check_query", "check_update", "check_graphs", "check_length",
           "query_form"]

ForbiddenQuery = QueryForbiddenError


def check_query(text: str) -> Any:
    """Raise :class:`ForbiddenQuery` if the query could reach outside the store; return
    its parse tree (None when rdflib could not parse it)."""
    return check_sparql(text)


def check_update(text: str) -> None:
    """Raise :class:`ForbiddenQuery` if the update could reach outside the store."""
    check_sparql(text, update=True)


def check_length(text: str, what: str = "query") -> None:
    """The server process's own check: refuse a text the guard would not read (linear)."""
    if len(text) > MAX_QUERY_CHARS:
        raise QueryTooLongError(f"the {what} is {len(text):,} characters long; the limit is "
                                f"{MAX_QUERY_CHARS:,}")
