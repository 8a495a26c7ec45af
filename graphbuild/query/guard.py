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

Every step is linear in the capped length. The query workers of ``graphbuild serve`` run
without network where the OS allows it, a second defence (see
:mod:`graphbuild.server.worker`).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator
from typing import Any

from graphbuild.errors import QueryForbiddenError, QueryTooLongError
from graphbuild.rdf.vocab import GRAPH, PREFIXES

__all__ = ["check_sparql", "check_graphs", "query_form", "looks_cheap", "MAX_QUERY_CHARS",
           "STORE_GRAPHS"]

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
    if clause and not _inside_token(decoded, clause.start()):
        kind = clause.group(1).lower()
        raise _refuse(kind, decoded, " (the text reads as one to some SPARQL parsers)")
    return tree


_IRI_CHAR = re.compile(r'[^<>"{}|^`\\\x00-\x20]')
_NAME_CHAR = re.compile(r"[\w.:%-]")


def _token_end(text: str, i: int) -> tuple[int, bool]:
    """(end, skipped) of what starts at ``i``: a string, IRI, comment, variable or prefixed
    name is skipped (True); a bare word or one other character is code (False). An
    unterminated string runs to the end of the text, so no position is read twice."""
    ch, n = text[i], len(text)
    if ch == "#":
        end = text.find("\n", i)
        return (n if end < 0 else end), True
    if ch in "'\"":
        quote = ch * 3 if text.startswith(ch * 3, i) else ch
        j = i + len(quote)
        while j < n:
            if text[j] == "\\":
                j += 2
            elif text.startswith(quote, j):
                return j + len(quote), True
            elif len(quote) == 1 and text[j] in "\r\n":
                return j, True
            else:
                j += 1
        return n, True
    if ch == "<":
        j = i + 1
        while j < n and _IRI_CHAR.match(text, j):
            j += 1
        return (j + 1, True) if j < n and text[j] == ">" else (i + 1, False)
    if ch in "?$" or ch.isalpha() or ch == "_":
        j = i + 1
        while j < n and _NAME_CHAR.match(text, j):
            j += 1
        return j, ch in "?$" or ":" in text[i:j]
    return i + 1, False


def _inside_token(text: str, pos: int) -> bool:
    """True when ``pos`` lies inside a string, IRI, comment, variable or prefixed name, the
    text read from the start in one forward pass (linear: a failed IRI stops at the first
    character an IRI cannot hold and is read again as code from the next character)."""
    i = 0
    while i <= pos:
        end, skipped = _token_end(text, i)
        if i <= pos < end:
            return skipped
        i = end
    return False


#: code words that make a query costly (joins of groups, negation, sorting, grouping,
#: subqueries, text search, federation)
_COSTLY_WORDS = {"optional", "union", "minus", "order", "group", "having", "exists",
                 "regex", "replace", "service", "values", "graph", "describe", "construct",
                 "count", "sum", "min", "max", "avg", "sample", "group_concat", "distinct",
                 "reduced", "lateral"}
_CHEAP_CHARS = 300


def looks_cheap(text: str) -> bool:
    """True for a short query whose cost is bounded by one index scan, judged in one linear
    pass (no parse): at most 300 characters, one SELECT or ASK, at most three terms (one
    triple pattern), no property-path operators and none of the costly keywords (``ASK {}``,
    ``SELECT * WHERE { ?s a ?t } LIMIT 5``). Such queries may use the server's reserved
    worker; one misjudged still stops at the time limit."""
    if len(text) > _CHEAP_CHARS:
        return False
    i, n, terms, forms, prev = 0, len(text), 0, 0, ""
    while i < n:
        end, skipped = _token_end(text, i)
        token = text[i:end]
        low = token.lower()
        if skipped and not token.startswith("#"):
            terms += 1
        elif not skipped and not token.isspace():
            if low in _COSTLY_WORDS or token in ("+", "/", "|", "^", "!") or (
                    token == "*" and prev != "select"):
                return False
            if low in ("select", "ask"):
                forms += 1
            elif low == "a":
                terms += 1
            prev = low
        if terms > 3 or forms > 1:
            return False
        i = end
    return True


_FORMS = ("select", "construct", "describe", "ask")


def query_form(text: str) -> str | None:
    """``select``/``construct``/``describe``/``ask`` of a query, from its first keyword
    after the prologue (outside strings, IRIs and comments); None when it has none.
    One forward pass, like :func:`_inside_token`."""
    i, n = 0, len(text)
    while i < n:
        end, skipped = _token_end(text, i)
        word = text[i:end].lower()
        if not skipped and word[:1].isalpha() and word not in ("prefix", "base"):
            return next((form for form in _FORMS if word.startswith(form)), None)
        i = end
    return None


_VENDOR = ("bif:", "sql:")  # Virtuoso's functions, as an IRI or a prefixed name
_PRAGMAS = {"define", "option"}  # Virtuoso's pragmas and query options


def vendor_extension(text: str) -> str | None:
    """The first server extension in ``text`` outside strings and comments (Virtuoso's
    ``bif:``/``sql:`` functions, ``DEFINE``, ``OPTION``), or None. One forward pass, like
    :func:`query_form` (the store's own check runs later, under the query timeout)."""
    i, n = 0, len(text)
    while i < n:
        end, skipped = _token_end(text, i)
        token = text[i:end]
        low = token.lower()
        if token.startswith("<") and skipped and low[1:].lstrip().startswith(_VENDOR):
            return token
        if token[:1].isalpha() and (low.startswith(_VENDOR) or low in _PRAGMAS):
            return token
        i = end
    return None
