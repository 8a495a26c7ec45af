"""What a SPARQL query or update may do: nothing outside the store. Checked by meaning.

Three things make a SPARQL engine reach outside its store: ``SERVICE`` (federated query),
``LOAD`` (fetch a document), and dataset clauses (``FROM``, ``FROM NAMED``, ``USING``,
``USING NAMED``, the protocol's ``default-graph-uri``/``named-graph-uri``), which some
engines dereference. :func:`check_sparql` refuses all three, judged on a real parse:

1. The text is capped (:data:`MAX_QUERY_CHARS`); a longer one is refused at once.
2. rdflib's SPARQL parser (parse only, nothing runs) reads it. A parse tree holding a
   ``ServiceGraphPattern`` or a ``Load``, or a dataset clause naming a graph outside the
   store's graph namespace (:data:`STORE_GRAPHS`), is refused.
3. Parsers differ at the edges (Oxigraph matches keywords without a word boundary:
   ``SERVICEex:x {…}`` is ``SERVICE ex:x {…}`` to it and a syntax error to rdflib). So when
   rdflib cannot parse the text, or when the text looks like a SERVICE/LOAD clause that the
   parse tree does not show, a conservative scan decides: any ``service`` or ``load``
   (any case, ``\\uXXXX`` escapes decoded) is refused, and so is ``from``/``using`` when
   rdflib could not parse the text. A refusal names the first place it saw the keyword.

rdflib's parser is not linear on every text (a FILTER of 10,000 ``||`` takes it seconds):
``graphbuild serve`` runs this parse in its query workers, under the query time limit, and
only the one-pass scans of :mod:`graphbuild.query.scan` in the server process. The query
workers also run without network where the OS allows it, a second defence (see
:mod:`graphbuild.server.worker`).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator
from typing import Any

from graphbuild.errors import QueryForbiddenError, QueryTooLongError
from graphbuild.query.scan import inside_token, looks_cheap, query_form, vendor_extension
from graphbuild.rdf.vocab import GRAPH, PREFIXES

__all__ = ["check_sparql", "check_graphs", "MAX_QUERY_CHARS", "STORE_GRAPHS",
           # one-pass scans, re-exported from graphbuild.query.scan
           "query_form", "looks_cheap", "vendor_extension"]

#: the longest query or update text accepted (characters)
MAX_QUERY_CHARS = 100_000
#: graph names inside the store: dataset clauses may name these only
STORE_GRAPHS = (str(GRAPH),)

_WHY = {
    "service": "SERVICE (federated query) is not allowed: only the store itself is queried "
               "and nothing remote is fetched",
    "load": "LOAD is not allowed: no document is ever fetched or read",
    "dataset": "a dataset clause (FROM, FROM NAMED, USING) may only name graphs of this "
               "store",
}
_UNICODE_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
# what a SERVICE or LOAD clause looks like in any parser's eyes: the keyword (no word
# boundary needed), optional SILENT, then an IRI, a variable or a prefixed name
_CLAUSE = re.compile(r"(service|load)\s*(?:#[^\n]*\n\s*)*(?:silent\s*(?:#[^\n]*\n\s*)*)?"
                     r"(?:<|[?$]|[a-z_][\w.-]*:)", re.IGNORECASE)
_KEYWORD = {"service": re.compile("service", re.IGNORECASE),
            "load": re.compile("load", re.IGNORECASE),
            "dataset": re.compile("from|using", re.IGNORECASE)}
_PARSE_LOCK = threading.Lock()  # pyparsing grammars are not thread-safe


def _decode(text: str) -> str:
    def repl(m: re.Match[str]) -> str:
        code = int(m.group(1) or m.group(2), 16)
        return chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else m.group(0)

    return _UNICODE_ESCAPE.sub(repl, text)


def _where(text: str, pos: int) -> str:
    line = text.count("\n", 0, pos) + 1
    col = pos - (text.rfind("\n", 0, pos) + 1) + 1
    return f"line {line}, column {col}"


def _refuse(kind: str, text: str, detail: str = "") -> QueryForbiddenError:
    m = _KEYWORD[kind].search(text)
    where = f" at {_where(text, m.start())}" if m else ""
    return QueryForbiddenError(f"{_WHY[kind]}{detail}{where}")


def _parse(text: str, update: bool) -> Any | None:
    """rdflib's parse tree of ``text``, or None when rdflib cannot parse it."""
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    with _PARSE_LOCK:
        try:
            return parseUpdate(text) if update else parseQuery(text)
        except (Exception, RecursionError):  # noqa: BLE001 - any failure: scan instead
            return None


def _walk(node: Any) -> Iterator[Any]:
    """Every CompValue in a parse tree (iteratively: trees can be deep)."""
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, CompValue):
            yield item
            stack.extend(item.values())
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, (list, tuple)) or type(item).__name__ == "ParseResults":
            stack.extend(item)


def _prefixes(tree: Any) -> tuple[dict[str, str], str | None]:
    out = {p: str(ns) for p, ns in PREFIXES.items()}
    base = None
    for node in _walk(tree):
        if node.name == "PrefixDecl":
            out[str(dict.get(node, "prefix") or "")] = str(dict.get(node, "iri"))
        elif node.name == "Base":
            base = str(dict.get(node, "iri"))
    return out, base


def _graph_names(tree: Any) -> Iterator[Any]:
    for node in _walk(tree):
        if node.name in ("DatasetClause", "UsingClause"):
            for key in ("default", "named"):
                if dict.get(node, key) is not None:
                    yield dict.get(node, key)


def _resolve(term: Any, prefixes: dict[str, str], base: str | None) -> str | None:
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(term, CompValue) and term.name == "pname":
        ns = prefixes.get(str(dict.get(term, "prefix") or ""))
        return None if ns is None else ns + str(dict.get(term, "localname") or "")
    value = str(term)
    if re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", value):
        return value
    return base + value if base else None


def check_graphs(iris: Iterable[str]) -> None:
    """Refuse graph names (``default-graph-uri``/``named-graph-uri``) outside the store."""
    for iri in iris:
        if not iri.startswith(STORE_GRAPHS):
            raise QueryForbiddenError(f"{_WHY['dataset']} ({iri[:80]!r} is not one; "
                                      f"they start with {STORE_GRAPHS[0]})")


def check_sparql(text: str, *, update: bool = False,
                 limit: int | None = MAX_QUERY_CHARS) -> Any:
    """Raise :class:`~graphbuild.errors.QueryForbiddenError` if the query (or update) could
    reach outside the store, :class:`~graphbuild.errors.QueryTooLongError` if it is longer
    than ``limit`` characters (None: no cap, for the texts graphbuild writes itself).
    Nothing is executed; malformed text is left to the engine to report (unless it
    mentions SERVICE, LOAD, FROM or USING). Returns rdflib's parse tree, or None when
    rdflib could not parse the text."""
    if limit is not None and len(text) > limit:
        raise QueryTooLongError(f"the {'update' if update else 'query'} is {len(text):,} "
                                f"characters long; the limit is {limit:,}")
    decoded = _decode(text)
    tree = _parse(decoded, update)
    if tree is None:  # rdflib cannot read it: decide by the conservative scan
        for kind in ("service", "load", "dataset"):
            if _KEYWORD[kind].search(decoded):
                raise _refuse(kind, decoded, " (the query could not be fully parsed, so "
                                             f"any '{_KEYWORD[kind].pattern}' is refused)")
        return None
    names = {node.name for node in _walk(tree)}
    if "ServiceGraphPattern" in names:
        raise _refuse("service", decoded)
    if "Load" in names:
        raise _refuse("load", decoded)
    prefixes, base = _prefixes(tree)
    for term in _graph_names(tree):
        iri = _resolve(term, prefixes, base)
        if iri is None or not iri.startswith(STORE_GRAPHS):
            shown = (iri or str(term))[:80]
            raise _refuse("dataset", decoded, f" ({shown!r} is not one; they start with "
                                              f"{STORE_GRAPHS[0]})")
    clause = _CLAUSE.search(decoded)
    if clause and not inside_token(decoded, clause.start()):
        kind = clause.group(1).lower()
        raise _refuse(kind, decoded, " (the text reads as one to some SPARQL parsers)")
    return tree
