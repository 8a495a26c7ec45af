"""RDF terms and SPARQL prefixes in one place: rdflib <-> pyoxigraph terms, N-Triples /
N-Quads text, SPARQL term text and the ``PREFIX`` header of graphbuild's prefixes. The
embedded store (:mod:`graphbuild.store.oxi`), the remote store
(:mod:`graphbuild.store.remote`, :mod:`graphbuild.store.sparqltext`) and their callers all
use these."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from graphbuild.rdf.vocab import PREFIXES

__all__ = ["chunks", "iri_values", "nquads", "nt_term", "prologue", "term_text", "to_ox",
           "to_rdflib", "with_prefixes"]


def to_ox(term: Any) -> Any:
    """An rdflib term as a pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def to_rdflib(term: Any) -> Any:
    """A pyoxigraph term as an rdflib term."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        if dt == "http://www.w3.org/2001/XMLSchema#string":
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(dt))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.DefaultGraph):
        return None
    raise TypeError(f"not an RDF term: {term!r}")


_XSD_STRING = str(XSD.string)
_ECHAR = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def nt_term(term: Any) -> str:
    """An rdflib term in N-Triples/N-Quads syntax (rdflib's ``n3()`` is Turtle: it writes
    multi-line strings as triple-quoted literals, which N-Quads does not allow). IRIs are
    written as they are: graphbuild makes them from percent-encoded slugs."""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Literal):
        lex = str(term).translate(_ECHAR)
        if term.language:
            return f'"{lex}"@{term.language}'
        if term.datatype is not None and str(term.datatype) != _XSD_STRING:
            return f'"{lex}"^^<{term.datatype}>'
        return f'"{lex}"'
    if isinstance(term, BNode):
        return f"_:{term}"
    raise TypeError(f"not an RDF term: {term!r}")


def nquads(quads: Iterable[tuple]) -> tuple[bytes, int]:
    """Quads ``(s, p, o, g)`` of rdflib terms as N-Quads bytes, and how many there were."""
    lines = [f"{nt_term(s)} {nt_term(p)} {nt_term(o)} {nt_term(g)} .\n" for s, p, o, g in quads]
    return "".join(lines).encode("utf-8"), len(lines)


def prologue() -> str:
    """``PREFIX`` lines for graphbuild's prefixes (sorted), to put before a query."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in sorted(PREFIXES.items()))


def with_prefixes(text: str, prefixes: Mapping[str, str] | None) -> tuple[str, int]:
    """``text`` with ``PREFIX`` declarations put before it, on its first line (so error
    line numbers stay right), and how many characters were put there."""
    if not prefixes:
        return text, 0
    if any(not re.fullmatch(r"[A-Za-z][\w.-]*|", p) for p in prefixes):
        raise ValueError(f"not a SPARQL prefix name among {sorted(prefixes)}")
    head = "".join(f"PREFIX {p}: {ox.NamedNode(str(ns))} " for p, ns in prefixes.items())
    return head + text, len(head)


def term_text(term: Any) -> str:
    """An IRI or literal in SPARQL syntax (pyoxigraph's N-Triples form: safe to embed)."""
    if isinstance(term, (ox.NamedNode, ox.Literal)):
        return str(term)
    raise ValueError(f"only IRIs and literals can be bound in a remote query, not {term!r}")


def iri_values(var: str, iris: Iterable[str]) -> str:
    """A ``VALUES ?var { <a> <b> }`` block; each IRI checked by pyoxigraph (raises ValueError
    on an invalid one: never pasted raw)."""
    return "VALUES ?" + var + " { " + " ".join(str(ox.NamedNode(i)) for i in iris) + " }"


def chunks(items: list[Any], size: int = 2000) -> Iterator[list[Any]]:
    """``items`` in slices of at most ``size`` (VALUES blocks, write batches)."""
    for start in range(0, len(items), size):
        yield items[start:start + size]
