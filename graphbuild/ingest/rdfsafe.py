"""Graph files (Turtle, TriG, N-Triples, N-Quads, JSON-LD, RDF/XML) checked before rdflib
reads them, so that a hostile file cannot make a reader fetch, expand or crash.

:func:`graph_source` returns the arguments for :meth:`rdflib.Dataset.parse`, or raises a
one-line error:

* not a regular file, or unreadable: :class:`~graphbuild.errors.GraphFileUnreadableError`
  (GB471);
* RDF/XML with a DTD declaring entities (the "billion laughs"), or any external entity:
  :class:`~graphbuild.errors.GraphFileUnsafeError` (GB470) — checked by a full parse with
  defusedxml, which never expands an entity;
* JSON-LD whose ``@context`` (or ``@import``) names a document: only the contexts shipped in
  :data:`KNOWN_CONTEXTS` are used (inlined); any other is refused (GB470): nothing is ever
  fetched over the network or read from a file;
* a lone surrogate (a ``\\ud800`` escape in Turtle-family text, an unpaired ``\\ud800`` in
  JSON-LD strings): refused (GB470) with its line, instead of a ``UnicodeEncodeError`` later.
"""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path
from typing import Any

from graphbuild.errors import GraphFileUnreadableError, GraphFileUnsafeError
from graphbuild.rdf.vocab import PREFIXES

__all__ = ["graph_source", "KNOWN_CONTEXTS", "check_regular"]

#: JSON-LD contexts known without fetching: URL -> the context (inlined when named)
KNOWN_CONTEXTS: dict[str, dict[str, Any]] = {
    "https://w3id.org/graphbuild/context.jsonld": {
        "@context": {p: str(ns) for p, ns in PREFIXES.items()}},
}

_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F][0-9a-fA-F]{2}"
                               rb"|\\U0000[dD][89a-fA-F][0-9a-fA-F]{2}")
_CHUNK = 1 << 22


def check_regular(path: Path) -> None:
    """Refuse a path that is not a regular file (after links) or cannot be opened."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise GraphFileUnreadableError(f"{path}: cannot read ({exc.strerror or exc})") from None
    try:
        mode = os.fstat(fd).st_mode
    finally:
        os.close(fd)
    if not stat.S_ISREG(mode):
        from graphbuild.ingest.limits import file_kind

        raise GraphFileUnreadableError(f"{path}: {file_kind(mode)}, not a regular file: only "
                                       "regular files are read")


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise GraphFileUnreadableError(f"{path}: cannot read ({exc.strerror or exc})") from None


def _line_of(data: bytes, pos: int) -> int:
    return data.count(b"\n", 0, pos) + 1


def _check_escapes(path: Path) -> None:
    """Refuse surrogate ``\\u`` escapes (UTF-16 halves are not characters in RDF)."""
    try:
        with open(path, "rb") as handle:
            tail, line = b"", 1
            while True:
                chunk = handle.read(_CHUNK)
                if not chunk:
                    return
                data = tail + chunk
                m = _SURROGATE_ESCAPE.search(data)
                if m:
                    at = line + data.count(b"\n", 0, m.start())
                    raise GraphFileUnsafeError(
                        f"{path}: line {at}: the escape {m.group().decode()} is a lone "
                        "surrogate (half of a UTF-16 pair), not a character: refused")
                keep = data[-10:]
                line += data[:len(data) - len(keep)].count(b"\n")
                tail = keep
    except OSError as exc:
        raise GraphFileUnreadableError(f"{path}: cannot read ({exc.strerror or exc})") from None


def _check_xml(path: Path) -> None:
    """A full parse with defusedxml: entity declarations and external references refused."""
    from xml.sax import SAXParseException
    from xml.sax.handler import ContentHandler

    import defusedxml
    import defusedxml.sax

    data = _read(path)
    try:
        defusedxml.sax.parseString(data, ContentHandler(), forbid_dtd=False,
                                   forbid_entities=True, forbid_external=True)
    except defusedxml.DTDForbidden:  # pragma: no cover - DTDs themselves are allowed
        raise GraphFileUnsafeError(f"{path}: a DTD: refused") from None
    except defusedxml.EntitiesForbidden as err:
        raise GraphFileUnsafeError(f"{path}: declares the XML entity {err.name!r} (entities "
                                   "are never expanded: a file may not define any)") from None
    except defusedxml.ExternalReferenceForbidden as err:
        raise GraphFileUnsafeError(f"{path}: refers to the external document "
                                   f"{str(err.sysid)[:80]!r} (nothing is fetched)") from None
    except SAXParseException:
        return  # malformed: rdflib's parser reports it with its line


def _no_surrogate(value: str, path: Path) -> None:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise GraphFileUnsafeError(f"{path}: a string holds a lone surrogate (an unpaired "
                                   "\\ud800-\\udfff escape), not a character: refused") from None


def _inline(node: Any, path: Path, depth: int = 0) -> Any:
    """``node`` with every ``@context``/``@import`` that names a document replaced by the
    shipped context; any other named context refused. Strings checked for surrogates."""
    if depth > 200:
        raise GraphFileUnsafeError(f"{path}: JSON nested more than 200 levels deep: refused")
    if isinstance(node, str):
        _no_surrogate(node, path)
        return node
    if isinstance(node, list):
        return [_inline(item, path, depth + 1) for item in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        _no_surrogate(key, path)
        if key in ("@context", "@import"):
            value = _context(value, path, depth)
        out[key] = _inline(value, path, depth + 1)
    return out


def _context(value: Any, path: Path, depth: int) -> Any:
    if isinstance(value, list):
        return [_context(item, path, depth + 1) for item in value]
    if isinstance(value, str):
        known = KNOWN_CONTEXTS.get(value)
        if known is None:
            raise GraphFileUnsafeError(
                f"{path}: the JSON-LD context {value[:80]!r} is not one of the contexts "
                f"graphbuild ships ({', '.join(KNOWN_CONTEXTS)}); contexts are never fetched "
                "or read from files: put the context inline")
        return known["@context"]
    return value


def _jsonld(path: Path) -> str:
    try:
        doc = json.loads(_read(path))
    except (ValueError, RecursionError):
        return ""  # malformed: rdflib's parser reports it
    return json.dumps(_inline(doc, path))


def graph_source(path: str | os.PathLike[str], fmt: str) -> dict[str, Any]:
    """Arguments for ``Dataset.parse(**graph_source(path, fmt), format=fmt)``: the file
    checked as above (one-line GB470/GB471 errors), JSON-LD with its contexts inlined."""
    p = Path(path)
    check_regular(p)
    if fmt == "xml":
        _check_xml(p)
    elif fmt == "json-ld":
        text = _jsonld(p)
        if text:
            return {"data": text, "publicID": p.resolve().as_uri()}
    else:
        _check_escapes(p)
    return {"source": str(p)}
