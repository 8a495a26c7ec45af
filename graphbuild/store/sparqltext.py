"""SPARQL text for a remote store: what a query returns, its prefixes, and bound values.

pyoxigraph takes ``prefixes`` and ``substitutions`` as arguments; the SPARQL 1.1 Protocol
has neither, so a remote store writes them into the text. Bound values go in as a
``VALUES`` block of terms serialised by pyoxigraph (an IRI is validated, a literal escaped),
put first in the query's outermost ``WHERE`` group, so every pattern of the query sees
the variables bound, as with pyoxigraph's substitutions. Untrusted text is never pasted in.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

import pyoxigraph as ox

from graphbuild.errors import QueryRefusedError
from graphbuild.query.guard import check_sparql
from graphbuild.store.terms import term_text, with_prefixes  # noqa: F401 - re-exported

__all__ = ["query_form", "with_prefixes", "bind_values", "term_text", "FORMS",
           "check_standard"]

FORMS = ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")

_TOKEN = re.compile(r"""
    (?P<skip> \#[^\n]*
            | '''(?:[^'\\]|\\.|'(?!''))*''' | \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
            | '(?:[^'\\\n]|\\.)*' | "(?:[^"\\\n]|\\.)*"
            | <[^<>"{}|^`\\\x00-\x20]*> | [?$]\w+ )
  | (?P<word> [A-Za-z_][\w.-]*(?::[\w.:%-]*)? )
  | (?P<punct> [{}()] )
  | (?P<other> . )
""", re.VERBOSE | re.DOTALL)


def _tokens(text: str) -> Iterator[tuple[int, str, str]]:
    """(position, kind, text) of the query's tokens, comments, strings and IRIs skipped."""
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "other"
        if kind in ("word", "punct"):
            yield m.start(), kind, m.group()


def query_form(text: str) -> str:
    """``SELECT``, ``CONSTRUCT``, ``DESCRIBE`` or ``ASK`` (SELECT when it cannot tell)."""
    for _, kind, tok in _tokens(text):
        if kind == "word" and tok.upper() in FORMS:
            return tok.upper()
    return "SELECT"




def _where_brace(text: str) -> int | None:
    """The index just after the ``{`` opening the query's outermost WHERE group (a
    CONSTRUCT template, the ``{`` right after CONSTRUCT, is skipped); None when there is
    none, or it may hold only triples (``CONSTRUCT WHERE { … }``)."""
    form, depth, parens, prev, template = None, 0, 0, "", False
    for pos, kind, tok in _tokens(text):
        if form is None:
            if kind == "word" and tok.upper() in FORMS:
                form = prev = tok.upper()
            continue
        if tok == "(":
            parens += 1
        elif tok == ")":
            parens -= 1
        elif tok == "{":
            if depth == 0 and parens == 0:
                if form == "CONSTRUCT" and prev == form:
                    template = True
                elif form == "CONSTRUCT" and not template:
                    return None
                else:
                    return pos + 1
            depth += 1
        elif tok == "}":
            depth -= 1
        prev = tok.upper()
    return None


def bind_values(text: str, bindings: Mapping[Any, Any] | None) -> str:
    """``text`` with ``bindings`` (variable -> IRI or literal) bound by a VALUES block."""
    if not bindings:
        return text
    names, terms = [], []
    for var, term in bindings.items():
        name = var.value if isinstance(var, ox.Variable) else str(var).lstrip("?$")
        names.append(str(ox.Variable(name)))
        terms.append(term_text(term))
    block = f" VALUES ({' '.join(names)}) {{ ({' '.join(terms)}) }} "
    # inside every subquery too: one that picks a page (LIMIT) must pick it among the bound
    # rows, as Oxigraph's own substitutions do, not before the outer join
    for at in sorted(_subquery_braces(text), reverse=True):
        text = text[:at] + block + text[at:]
    at = _where_brace(text)
    if at is None:  # DESCRIBE without WHERE, CONSTRUCT WHERE: a trailing VALUES clause
        return f"{text}\n{block}"
    return text[:at] + block + text[at:]


def _subquery_braces(text: str) -> list[int]:
    """The indexes just after the ``{`` opening each subquery's WHERE group."""
    out, parens, pending, seen_form = [], 0, None, False
    for pos, kind, tok in _tokens(text):
        if tok == "(":
            parens += 1
        elif tok == ")":
            parens -= 1
        elif kind == "word" and tok.upper() in FORMS:
            if seen_form and tok.upper() == "SELECT":
                pending = parens
            seen_form = True
        elif tok == "{" and pending is not None and parens == pending:
            out.append(pos + 1)
            pending = None
    return out


_VENDOR = ("bif:", "sql:")  # Virtuoso's functions (an IRI or a prefixed name)
_PRAGMAS = {"define", "option"}  # Virtuoso's pragmas and query options
_EMPTY: list[Any] = []  # an empty in-memory store to parse queries with, made once


def _extension(text: str) -> str | None:
    """The first server extension in ``text`` (outside strings and comments), or None."""
    for m in _TOKEN.finditer(text):
        tok = m.group()
        if m.lastgroup == "skip" and tok.startswith("<"):
            if tok[1:].lstrip().lower().startswith(_VENDOR):
                return tok
        elif m.lastgroup == "word" and (tok.lower().startswith(_VENDOR)
                                        or tok.lower() in _PRAGMAS):
            return tok
    return None


def check_standard(text: str, *, update: bool = False) -> None:
    """Refuse what is not standard SPARQL 1.1 before it reaches a remote endpoint: any
    server extension (Virtuoso's ``bif:``/``sql:`` functions, ``DEFINE`` pragmas, ``OPTION
    (get:soft …)``, which can make the server fetch URLs or run its own code) is a
    :class:`QueryRefusedError`; a query Oxigraph's parser rejects, a ``SyntaxError``."""
    found = _extension(text)
    if found is not None:
        shown = found if len(found) <= 40 else found[:39] + "…"
        raise QueryRefusedError(f"not standard SPARQL 1.1: {shown!r} (server extensions are "
                                "refused)")
    if not update:
        check_sparql(text, limit=None)  # SERVICE/LOAD/dataset refused before the parse below
        if not _EMPTY:
            _EMPTY.append(ox.Store())
        _EMPTY[0].query(text)  # parses (SyntaxError) without reading anything
