"""Load a graph file into an :class:`rdflib.Dataset`, choosing the parser by file extension.

Parse errors become a one-line :class:`~graphbuild.errors.GraphFileError`
(``graph.ttl: line 3: problem``); a missing file is an
:class:`~graphbuild.errors.InputNotFoundError`.
"""

from __future__ import annotations

import os
import re
import warnings
from pathlib import Path

from rdflib import Dataset

from graphbuild.errors import GraphFileError, InputNotFoundError, UnsupportedFormatError
from graphbuild.ingest.rdfsafe import graph_source
from graphbuild.rdf.vocab import bind_prefixes

#: File extension -> rdflib parser name.
GRAPH_FILE_FORMATS: dict[str, str] = {
    ".ttl": "turtle",
    ".nt": "nt",
    ".nq": "nquads",
    ".trig": "trig",
    ".jsonld": "json-ld",
    ".rdf": "xml",
    ".xml": "xml",
}

# rdflib parser name -> pyoxigraph format name (used only to locate a parse error precisely).
_OX_FORMATS = {
    "turtle": "TURTLE",
    "nt": "N_TRIPLES",
    "nquads": "N_QUADS",
    "trig": "TRIG",
    "json-ld": "JSON_LD",
    "xml": "RDF_XML",
}


def format_for_path(path: str | os.PathLike[str]) -> str:
    """The rdflib parser name for *path*'s extension, or :class:`UnsupportedFormatError`."""
    ext = Path(path).suffix.lower()
    try:
        return GRAPH_FILE_FORMATS[ext]
    except KeyError:
        known = ", ".join(GRAPH_FILE_FORMATS)
        raise UnsupportedFormatError(
            f"{path}: unknown graph file extension {ext or '(none)'!r} (expected one of {known})"
        ) from None


def load_graph(path: str | os.PathLike[str]) -> Dataset:
    """Read a graph file into a Dataset whose default graph is the union of all graphs.

    Triples-only formats (Turtle, N-Triples, JSON-LD without graphs, RDF/XML) land in the
    default graph; TriG and N-Quads keep their named graphs. With ``default_union=True``
    a SPARQL query over the Dataset sees every triple.
    """
    p = Path(path)
    if not p.exists():
        raise InputNotFoundError(str(path), "no such file")
    if p.is_dir():
        raise GraphFileError(f"{path}: is a directory, expected a graph file")
    fmt = format_for_path(p)
    dataset = Dataset(default_union=True)
    bind_prefixes(dataset)
    source = graph_source(p, fmt)  # regular, no entities, no fetched contexts (GB470/GB471)
    try:
        with warnings.catch_warnings():  # rdflib's parsers use its own deprecated APIs
            warnings.simplefilter("ignore", DeprecationWarning)
            dataset.parse(**source, format=fmt)
    except OSError as err:
        raise GraphFileError(f"{path}: cannot read: {err.strerror or err}") from err
    except Exception as err:  # rdflib parsers raise many unrelated exception types
        raise GraphFileError(f"{path}: {_describe_parse_error(err, p, fmt)}") from err
    return dataset


def _one_line(text: str, limit: int = 200) -> str:
    text = re.sub(r"\s+", " ", str(text)).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _describe_parse_error(err: Exception, path: Path, fmt: str) -> str:
    """``line N: problem`` for a parse error, as precise as the parsers allow."""
    located = _locate_with_oxigraph(path, fmt)
    if located:
        return located
    line = _line_from_rdflib_error(err)
    problem = _problem_from_rdflib_error(err)
    if isinstance(err, UnicodeDecodeError):
        problem = "not UTF-8 text"
    return f"line {line}: {problem}" if line else problem


def _line_from_rdflib_error(err: Exception) -> int | None:
    for attr in ("lineno", "_linenum"):
        value = getattr(err, attr, None)
        if isinstance(value, int) and value > 0:
            return value
    lines = getattr(err, "lines", None)  # notation3.BadSyntax: 0-based line index
    if isinstance(lines, int):
        return lines + 1
    return None


def _problem_from_rdflib_error(err: Exception) -> str:
    for attr in ("_why", "_msg", "msg"):
        value = getattr(err, attr, None)
        if isinstance(value, str) and value:
            return _one_line(value)
    return _one_line(str(err) or type(err).__name__)


def _locate_with_oxigraph(path: Path, fmt: str) -> str | None:
    """Ask pyoxigraph where the file is broken: its errors carry line and column."""
    try:
        import pyoxigraph
    except ImportError:  # pragma: no cover - pyoxigraph is a dependency
        return None
    ox_format = getattr(pyoxigraph.RdfFormat, _OX_FORMATS.get(fmt, ""), None)
    if ox_format is None:
        return None
    try:
        for _ in pyoxigraph.parse(path=str(path), format=ox_format):
            pass
    except SyntaxError as err:
        if not err.lineno:
            return None
        message = str(err.msg or err)
        message = re.sub(r"^Parser error at line \d+ column \d+: ", "", message)
        message = re.sub(r" \([^()]*, line \d+\)$", "", message)
        return f"line {err.lineno}: {_one_line(message)}"
    except Exception:
        return None
    return None
