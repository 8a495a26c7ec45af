"""What a query may do: refuse SPARQL that would reach outside the store.

The server only answers from the local store. Two SPARQL features make Oxigraph fetch
from the network: ``SERVICE`` (federated query, in queries and in update ``WHERE``
clauses) and ``LOAD`` (update). Both are refused before anything runs.
``FROM``/``FROM NAMED``/``USING`` are allowed: Oxigraph reads those graphs from the
store and never dereferences them. SPARQL has no function that reads files.

The check is lexical, done with a tokenizer that knows SPARQL strings (short and long),
IRIs and comments, so ``"SERVICE"`` in a literal or ``# LOAD`` in a comment is fine.
It is deliberately stricter than a word match, because Oxigraph's parser matches
keywords without a word boundary (``SERVICEex:x {…}`` is ``SERVICE ex:x {…}``,
``LOADSILENT<…>`` is ``LOAD SILENT <…>``): every bare word that *contains*
``service`` or ``load``, and every prefixed name whose prefix contains them, is refused.
The text is checked twice, as written and with ``\\uXXXX`` escapes decoded.
As a second line of defence the query workers run without network where the OS allows
it (see :mod:`graphbuild.server.worker`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["ForbiddenQuery", "Token", "tokenize", "check_query", "check_update",
           "query_form", "FORBIDDEN"]

#: keyword -> why it is refused
FORBIDDEN = {
    "service": "SERVICE (federated query) is not allowed: this endpoint only answers from "
               "its own store and never fetches remote data",
    "load": "LOAD is not allowed: this endpoint never fetches or reads documents",
}

_TOKEN = re.compile(r"""
  (?P<ws>\s+)
| (?P<comment>\#[^\n\r]*)
| (?P<lstring>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\")
| (?P<string>'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
| (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
| (?P<var>[?$][\w\u00B7\u0300-\u036F\u203F\u2040]*)
| (?P<number>(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?)
| (?P<word>(?:[^\W\d]|:)(?:[\w\-.:\u00B7\u0300-\u036F\u203F\u2040]
    |\\[_~.\-!$&'()*+,;=/?\#@%]|%[0-9A-Fa-f]{2})*)
| (?P<other>.)
""", re.VERBOSE | re.DOTALL)

_UNICODE_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_FORMS = ("select", "construct", "describe", "ask")


class ForbiddenQuery(ValueError):
    """The query uses a feature the server refuses (the message says which and where)."""


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    pos: int


def tokenize(text: str) -> list[Token]:
    """SPARQL text -> tokens, whitespace and comments dropped (a lexer good enough to tell
    code from strings, IRIs and comments; it does not validate the grammar)."""
    out = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "other"
        if kind not in ("ws", "comment"):
            out.append(Token(kind, m.group(), m.start()))
    return out


def _decode_escapes(text: str) -> str:
    def repl(m: re.Match[str]) -> str:
        code = int(m.group(1) or m.group(2), 16)
        return chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else m.group(0)

    return _UNICODE_ESCAPE.sub(repl, text)


def _where(text: str, pos: int) -> str:
    line = text.count("\n", 0, pos) + 1
    col = pos - (text.rfind("\n", 0, pos) + 1) + 1
    return f"line {line}, column {col}"


def _scan(text: str) -> None:
    for tok in tokenize(text):
        if tok.kind != "word":
            continue
        head = tok.text.split(":", 1)[0].lower() if ":" in tok.text else tok.text.lower()
        for keyword, why in FORBIDDEN.items():
            if keyword in head:
                shown = tok.text if len(tok.text) <= 40 else tok.text[:39] + "…"
                raise ForbiddenQuery(f"{why} (found {shown!r} at {_where(text, tok.pos)})")


def check_query(text: str) -> None:
    """Raise :class:`ForbiddenQuery` if the query (or update) uses SERVICE or LOAD."""
    _scan(text)
    decoded = _decode_escapes(text)
    if decoded != text:
        _scan(decoded)


check_update = check_query


def query_form(text: str) -> str | None:
    """``select``/``construct``/``describe``/``ask`` of a query, from its first keyword
    after the prologue (outside strings/IRIs/comments); None when it has none."""
    for tok in tokenize(text):
        if tok.kind != "word" or ":" in tok.text:
            continue
        word = tok.text.lower()
        if word in ("prefix", "base"):
            continue
        return next((form for form in _FORMS if word.startswith(form)), None)
    return None
