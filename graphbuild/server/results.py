"""Serialise Oxigraph results (run inside a query worker), stopping at a row cap.

SELECT/ASK: SPARQL 1.1 Query Results JSON, XML, CSV and TSV. CONSTRUCT/DESCRIBE:
Turtle (with the graphbuild prefixes), N-Triples, JSON-LD. At most ``max_rows``
solutions or triples, and about ``max_bytes`` of text, are written; ``Serialised.truncated``
says whether more were left out.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

__all__ = ["Serialised", "serialise_solutions", "serialise_boolean", "serialise_triples",
           "term_json"]

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_GRAPH_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES,
                  "jsonld": ox.RdfFormat.JSON_LD}


@dataclass
class Serialised:
    body: bytes
    rows: int
    truncated: bool


def term_json(term: Any) -> dict[str, Any]:
    """A term as a SPARQL JSON results binding."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {"subject": term_json(term.subject),
                                            "predicate": term_json(term.predicate),
                                            "object": term_json(term.object)}}
    raise TypeError(f"not an RDF term: {term!r}")


def _xml_text(text: str) -> str:
    text = _XML_INVALID.sub("\ufffd", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") \
        .replace('"', "&quot;")


def _xml_term(term: Any) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{_xml_text(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{_xml_text(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return (f'<literal xml:lang="{_xml_text(term.language)}">'
                    f"{_xml_text(term.value)}</literal>")
        if term.datatype.value != XSD_STRING:
            return (f'<literal datatype="{_xml_text(term.datatype.value)}">'
                    f"{_xml_text(term.value)}</literal>")
        return f"<literal>{_xml_text(term.value)}</literal>"
    if isinstance(term, ox.Triple):
        return (f"<triple><subject>{_xml_term(term.subject)}</subject><predicate>"
                f"{_xml_term(term.predicate)}</predicate><object>{_xml_term(term.object)}"
                "</object></triple>")
    raise TypeError(f"not an RDF term: {term!r}")


def _csv_value(term: Any) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, (ox.NamedNode, ox.Literal)):
        return term.value
    return str(term)


def _tsv_value(term: Any) -> str:
    # N-Triples syntax; a literal's tab/newline must not break the row
    return "" if term is None else str(term).replace("\t", "\\t").replace("\n", "\\n") \
        .replace("\r", "\\r")


def serialise_solutions(solutions: Any, fmt: str, max_rows: int,
                        max_bytes: int) -> Serialised:
    """SELECT solutions in ``fmt`` (json, xml, csv, tsv), capped."""
    names = [v.value for v in solutions.variables]
    rows: list[list[Any]] = []
    size = 0
    truncated = False
    for solution in solutions:
        if len(rows) >= max_rows or size > max_bytes:
            truncated = True
            break
        row = [solution[name] for name in names]
        size += sum(len(t.value) if hasattr(t, "value") else 8 for t in row if t is not None)
        rows.append(row)
    return Serialised(_SOLUTION_WRITERS[fmt](names, rows), len(rows), truncated)


def _json_solutions(names: list[str], rows: list[list[Any]]) -> bytes:
    bindings = [{n: term_json(t) for n, t in zip(names, row, strict=True) if t is not None}
                for row in rows]
    return json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}},
                      ensure_ascii=False).encode("utf-8")


def _xml_solutions(names: list[str], rows: list[list[Any]]) -> bytes:
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n'
           '<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>']
    out += [f'<variable name="{_xml_text(n)}"/>' for n in names]
    out.append("</head>\n<results>\n")
    for row in rows:
        out.append("<result>")
        out += [f'<binding name="{_xml_text(n)}">{_xml_term(t)}</binding>'
                for n, t in zip(names, row, strict=True) if t is not None]
        out.append("</result>\n")
    out.append("</results>\n</sparql>\n")
    return "".join(out).encode("utf-8")


def _csv_solutions(names: list[str], rows: list[list[Any]]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(names)
    writer.writerows([_csv_value(t) for t in row] for row in rows)
    return buf.getvalue().encode("utf-8")


def _tsv_solutions(names: list[str], rows: list[list[Any]]) -> bytes:
    lines = ["\t".join(f"?{n}" for n in names)]
    lines += ["\t".join(_tsv_value(t) for t in row) for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


_SOLUTION_WRITERS = {"json": _json_solutions, "xml": _xml_solutions, "csv": _csv_solutions,
                     "tsv": _tsv_solutions}


def serialise_boolean(answer: bool, fmt: str) -> bytes:
    """An ASK answer; CSV and TSV (which the standard leaves open) get ``true``/``false``."""
    word = "true" if answer else "false"
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": answer}).encode()
    if fmt == "xml":
        return ('<?xml version="1.0" encoding="UTF-8"?>\n<sparql xmlns='
                f'"http://www.w3.org/2005/sparql-results#">\n<head/>\n<boolean>{word}'
                "</boolean>\n</sparql>\n").encode()
    return (word + "\n").encode()


def serialise_triples(triples: Iterable[Any], fmt: str, max_rows: int, max_bytes: int,
                      prefixes: dict[str, str] | None = None) -> Serialised:
    """CONSTRUCT/DESCRIBE triples in ``fmt`` (turtle, ntriples, jsonld), capped."""
    kept: list[Any] = []
    size = 0
    truncated = False
    for triple in triples:
        if len(kept) >= max_rows or size > max_bytes:
            truncated = True
            break
        kept.append(triple)
        size += len(str(triple))
    body = ox.serialize(kept, format=_GRAPH_FORMATS[fmt],
                        prefixes=prefixes if fmt == "turtle" else None) or b""
    if fmt == "turtle":
        body = _PERCENT_ESCAPE.sub(b"%", body)
    return Serialised(body, len(kept), truncated)


# Oxigraph writes a percent-encoding in a prefixed name as ``person:A\%22B``; Turtle's
# PN_LOCAL takes ``%22`` as it is (the same IRI), so the backslash only makes IRIs look
# escaped. Inside string literals a backslash is always doubled (``\\``), and an odd
# one never precedes ``%``, so only prefixed names match.
_PERCENT_ESCAPE = re.compile(rb"(?<!\\)\\%(?=[0-9A-Fa-f]{2})")
