"""Run SPARQL over a graphbuild graph, with the graphbuild prefixes pre-bound.

User-supplied values go into a query only as *bound values* (``init_bindings``), never by
string formatting, so quotes or braces in a label cannot change the query.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Mapping

from pyparsing import ParseBaseException
from rdflib import Graph, Variable
from rdflib.query import Result
from rdflib.term import Identifier

from graphbuild.errors import QueryError
from graphbuild.query.guard import check_sparql
from graphbuild.rdf.vocab import PREFIXES

__all__ = ["run_query"]

#: plain-string namespaces: rdflib accepts them, and so does Oxigraph behind oxrdflib
_NS = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
_OX_POSITION = re.compile(r"(?:error )?at (\d+):(\d+)")
_UNKNOWN_PREFIX = re.compile(r"Unknown namespace prefix\s*:\s*(\S+)")


def run_query(
    dataset_or_graph: Graph,
    sparql: str,
    init_bindings: Mapping[str | Variable, Identifier] | None = None,
) -> Result:
    """Run *sparql* (SELECT, ASK, CONSTRUCT or DESCRIBE) and return the rdflib result.

    ``schema:``, ``gb:``, ``rel:``, ``gbid:``, ``prov:``, ``skos:``, ``rdf:``, ``rdfs:``,
    ``xsd:`` and ``owl:`` need no PREFIX lines. *init_bindings* maps variable names (without
    ``?``) to RDF terms; the query runs as if those variables were already bound (SPARQL
    pre-binding: bind variables that occur in required patterns, not only in OPTIONAL).

    A query that could reach outside the store (``SERVICE``, ``LOAD``, ``FROM`` another
    graph) raises :class:`~graphbuild.errors.QueryForbiddenError` before anything runs
    (:mod:`graphbuild.query.guard`).

    SELECT results are fully evaluated before returning, so an evaluation error is raised
    here as :class:`~graphbuild.errors.QueryError`, not later while printing.
    """
    check_sparql(sparql)  # SERVICE, LOAD, graphs outside the store: refused, nothing runs
    bindings = {Variable(str(k).lstrip("?$")): v for k, v in (init_bindings or {}).items()}
    try:
        with warnings.catch_warnings():  # rdflib's Dataset uses its own deprecated APIs
            warnings.simplefilter("ignore", DeprecationWarning)
            try:
                result = _query(dataset_or_graph, sparql, bindings)
            except Exception as err:
                if bindings and _NOT_PROJECTED in str(err):
                    result = _query_projecting(dataset_or_graph, sparql, bindings)
                else:
                    raise
    except ParseBaseException as err:
        raise _parse_error(err) from err
    except SyntaxError as err:  # Oxigraph's parser (a store's Dataset: graphbuild.store.dataset)
        text = _clean(str(err))
        pos = _OX_POSITION.search(text)
        line, col = (int(pos.group(1)), int(pos.group(2))) if pos else (None, None)
        raise QueryError(_OX_POSITION.sub("", text).strip(" :"), line, col) from err
    except QueryError:
        raise
    except Exception as err:  # rdflib raises plain Exception for e.g. an unknown prefix
        raise QueryError(_describe(err)) from err
    return result


#: Oxigraph (behind a store's Dataset, graphbuild.store.dataset) substitutes only projected
#: variables
_NOT_PROJECTED = "in its SELECT projection"
_SELECT = re.compile(r"\bSELECT(\s+(?:DISTINCT|REDUCED))?\s", re.IGNORECASE)


def _query(graph: Graph, sparql: str, bindings: dict) -> Result:
    result = graph.query(sparql, initNs=_NS, initBindings=bindings)
    if result.type == "SELECT":
        _ = result.bindings  # materialise now: rdflib evaluates SELECT lazily
    return result


def _query_projecting(graph: Graph, sparql: str, bindings: dict) -> Result:
    """Run again with the bound variables added to the SELECT projection (their names are
    SPARQL variables, checked by rdflib's Variable; their values still go in as bindings),
    then drop those columns from the result."""
    added = [v for v in bindings if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", str(v))]
    head = " ".join(f"?{v}" for v in added)
    text = _SELECT.sub(lambda m: f"{m.group(0)}{head} ", sparql, count=1)
    result = _query(graph, text, bindings)
    result.vars = [v for v in result.vars if v not in added]
    result.bindings = [{k: val for k, val in row.items() if k not in added}
                       for row in result.bindings]
    return result


def _parse_error(err: ParseBaseException) -> QueryError:
    """A one-line QueryError with the line and column pyparsing reports (both 1-based)."""
    text = err.pstr or ""
    loc = min(max(err.loc, 0), len(text))
    found = _token_at(text, loc)
    line_text = err.line.strip() if text else ""
    if len(line_text) > 60:
        line_text = line_text[:59] + "…"
    message = f"{_clean(err.msg)}, found {found}"
    if line_text:
        message += f" in {line_text!r}"
    return QueryError(message, err.lineno, err.col)


def _token_at(text: str, loc: int) -> str:
    rest = text[loc:]
    if not rest.strip():
        return "end of query"
    match = re.match(r"\S+", rest.lstrip())
    token = match.group(0) if match else rest[:1]
    return repr(token[:20])


def _clean(message: str) -> str:
    return re.sub(r"\s+", " ", str(message)).strip()


def _describe(err: Exception) -> str:
    text = _clean(str(err) or type(err).__name__)
    match = _UNKNOWN_PREFIX.search(text)
    if match:
        known = ", ".join(sorted(PREFIXES))
        return (f"unknown prefix {match.group(1)!r} "
                f"(pre-bound prefixes: {known}; declare others with PREFIX)")
    return text
