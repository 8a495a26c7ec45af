"""What a query may do: nothing outside the store (the server's names for the guard).

The check itself is :mod:`graphbuild.query.guard`: a real SPARQL parse (rdflib's, parse
only) refuses ``SERVICE``, ``LOAD`` and dataset clauses naming graphs outside the store,
with a conservative scan where parsers may disagree; bounded in length and linear in time.
The same guard runs in ``graphbuild query``, ``view --query`` and before a remote store.
"""

from __future__ import annotations

from typing import Any

from graphbuild.errors import QueryForbiddenError
from graphbuild.query.guard import check_graphs, check_sparql, query_form

__all__ = ["ForbiddenQuery", "check_query", "check_update", "check_graphs", "query_form"]

ForbiddenQuery = QueryForbiddenError


def check_query(text: str) -> Any:
    """Raise :class:`ForbiddenQuery` if the query could reach outside the store; return
    its parse tree (None when rdflib could not parse it)."""
    return check_sparql(text)


def check_update(text: str) -> None:
    """Raise :class:`ForbiddenQuery` if the update could reach outside the store."""
    check_sparql(text, update=True)
