"""Turn a SPARQL result into text: a readable table, CSV, TSV, SPARQL JSON, or Turtle.

* ``table``: for people. IRIs as prefixed names (``schema:Person``,
  ``gbid:person/Maria_Zakharova``), literals as their plain text, long cells truncated.
* ``csv``: SPARQL 1.1 CSV results: header of variable names, full IRIs, literals as text.
* ``tsv``: the same values tab-separated; tab, newline, CR and backslash in a value are
  written ``\\t``, ``\\n``, ``\\r``, ``\\\\`` so every row stays on one line.
* ``json``: SPARQL 1.1 Query Results JSON (``head`` / ``results.bindings`` or ``boolean``).
* ``turtle``: for CONSTRUCT / DESCRIBE results (which ``table`` also prints as Turtle).

ASK results print ``true`` or ``false`` (``json``: ``{"head": {}, "boolean": true}``).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.query import Result
from rdflib.term import Node

from graphbuild.errors import UnsupportedFormatError
from graphbuild.rdf.turtle import TURTLE
from graphbuild.rdf.vocab import PREFIXES, bind_prefixes

__all__ = ["OUTPUT_FORMATS", "format_result", "shorten", "plain"]

OUTPUT_FORMATS = ("table", "csv", "tsv", "json", "turtle")

#: Cells longer than this are cut (table format only).
DEFAULT_MAX_CELL = 60

# Longest namespace first so gbid: wins over a shorter overlapping namespace.
_NAMESPACES = sorted(((str(ns), p) for p, ns in PREFIXES.items()), key=lambda x: -len(x[0]))


def shorten(iri: str) -> str:
    """``https://schema.org/Person`` -> ``schema:Person``; unknown namespaces stay whole."""
    for ns, prefix in _NAMESPACES:
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def plain(term: Node | None, *, short: bool = False) -> str:
    """A term as plain text: literal lexical form, IRI (shortened if *short*), ``_:id``."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return shorten(str(term)) if short else str(term)
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def format_result(
    result: Result, fmt: str = "table", *, width: int | None = None,
    max_cell: int = DEFAULT_MAX_CELL,
) -> str:
    """Render *result* as text in *fmt* (one of :data:`OUTPUT_FORMATS`).

    *width* is the table width in characters (default 100); *max_cell* the longest cell
    shown in a table before it is cut with ``…``. Other formats never truncate.
    """
    if fmt not in OUTPUT_FORMATS:
        raise UnsupportedFormatError(
            f"unknown output format {fmt!r} (expected one of {', '.join(OUTPUT_FORMATS)})"
        )
    if result.type == "ASK":
        return _format_ask(bool(result.askAnswer), fmt)
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return _format_graph(result.graph, fmt)
    if fmt == "turtle":
        raise UnsupportedFormatError(
            "turtle output is for CONSTRUCT and DESCRIBE queries; "
            "use table, csv, tsv or json for SELECT"
        )
    names = [str(v) for v in result.vars or []]
    rows = [[row.get(v) for v in result.vars or []] for row in result.bindings]
    if fmt == "csv":
        return _format_csv(names, rows)
    if fmt == "tsv":
        return _format_tsv(names, rows)
    if fmt == "json":
        return _format_json(names, rows)
    return _format_table(names, rows, width=width, max_cell=max_cell)


def _format_ask(answer: bool, fmt: str) -> str:
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": answer}) + "\n"
    return ("true" if answer else "false") + "\n"


def _format_graph(graph: Graph | None, fmt: str) -> str:
    g = bind_prefixes(graph if graph is not None else Graph())
    if fmt in ("table", "turtle"):
        return g.serialize(format=TURTLE)
    if fmt == "json":
        context = {p: str(ns) for p, ns in PREFIXES.items()}
        return g.serialize(format="json-ld", context=context, auto_compact=True) + "\n"
    raise UnsupportedFormatError(
        f"{fmt} output is for SELECT queries; use turtle, table or json for CONSTRUCT/DESCRIBE"
    )


def _format_csv(names: Sequence[str], rows: Iterable[Sequence[Node | None]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(names)
    for row in rows:
        writer.writerow([plain(t) for t in row])
    return out.getvalue()


_TSV_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _format_tsv(names: Sequence[str], rows: Iterable[Sequence[Node | None]]) -> str:
    lines = ["\t".join(names)]
    lines += ["\t".join(plain(t).translate(_TSV_ESCAPES) for t in row) for row in rows]
    return "\n".join(lines) + "\n"


def _json_term(term: Node) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    if isinstance(term, Literal):
        out = {"type": "literal", "value": str(term)}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype:
            out["datatype"] = str(term.datatype)
        return out
    return {"type": "literal", "value": str(term)}  # pragma: no cover - other node kinds


def _format_json(names: Sequence[str], rows: Iterable[Sequence[Node | None]]) -> str:
    bindings = [
        {name: _json_term(term) for name, term in zip(names, row, strict=True)
         if term is not None}
        for row in rows
    ]
    doc = {"head": {"vars": list(names)}, "results": {"bindings": bindings}}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _cut(text: str, max_cell: int) -> str:
    text = " ".join(text.split())  # newlines and runs of spaces would break the table
    return text if len(text) <= max_cell else text[: max(max_cell - 1, 1)] + "…"


def _format_table(
    names: Sequence[str], rows: Sequence[Sequence[Node | None]], *, width: int | None,
    max_cell: int,
) -> str:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(show_header=True, header_style="bold", show_lines=False)
    for name in names:
        table.add_column(Text(name), overflow="fold")
    for row in rows:
        # Text(...) keeps "[b]" and other rich markup in labels from being interpreted.
        table.add_row(*(Text(_cut(plain(t, short=True), max_cell)) for t in row))
    out = io.StringIO()
    console = Console(file=out, width=width or 100, force_terminal=False, color_system=None,
                      highlight=False, emoji=False, soft_wrap=False)
    console.print(table)
    console.print(Text(f"{len(rows)} row{'s' if len(rows) != 1 else ''}"))
    return out.getvalue()
