"""One-pass scans of SPARQL text: no parse, linear in its length, safe to run on anything
a client sends (:mod:`graphbuild.query.guard` parses; these do not).

A small forward lexer (:func:`_token_end`) tells code from strings, IRIs, comments,
variables and prefixed names; on it: the query's form (:func:`query_form`), whether a query
is cheap enough for the server's reserved worker (:func:`looks_cheap`), and server
extensions a remote store must not see (:func:`vendor_extension`).
"""

from __future__ import annotations

import re

__all__ = ["query_form", "looks_cheap", "vendor_extension", "inside_token"]

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


def inside_token(text: str, pos: int) -> bool:
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
