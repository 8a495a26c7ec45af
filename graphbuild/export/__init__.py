"""Write a graph in another format: ttl, nt, nq, trig, jsonld, xml (RDF/XML) or graphml.

>>> from graphbuild.store import load_graph
>>> from graphbuild.export import export
>>> export(load_graph("out/graph.ttl"), "jsonld", "graph.jsonld")   # doctest: +SKIP
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import IO

from rdflib import Graph

from graphbuild.atomic import atomic_write
from graphbuild.errors import GraphFileError, UnsupportedFormatError
from graphbuild.export.rdf import RDF_FORMATS, serialize_rdf

__all__ = ["EXPORT_FORMATS", "export", "format_for_path", "serialize"]

#: Every export format name.
EXPORT_FORMATS: tuple[str, ...] = (*RDF_FORMATS, "graphml")

_EXTENSIONS = {
    ".ttl": "ttl", ".nt": "nt", ".nq": "nq", ".trig": "trig", ".jsonld": "jsonld",
    ".rdf": "xml", ".xml": "xml", ".graphml": "graphml",
}


def format_for_path(path: str | os.PathLike[str]) -> str | None:
    """The export format a file name asks for (``graph.jsonld`` -> ``jsonld``), or None."""
    return _EXTENSIONS.get(Path(path).suffix.lower())


def serialize(graph: Graph, fmt: str) -> str:
    """*graph* (a Graph or Dataset) as text in export format *fmt*."""
    fmt = fmt.lower()
    if fmt == "graphml":
        from graphbuild.export.graphml import serialize_graphml

        return serialize_graphml(graph)
    if fmt not in RDF_FORMATS:
        raise UnsupportedFormatError(
            f"unknown export format {fmt!r} (expected one of {', '.join(EXPORT_FORMATS)})"
        )
    return serialize_rdf(graph, fmt)


def export(dataset: Graph, fmt: str, out: IO[str] | IO[bytes] | str | os.PathLike[str]) -> None:
    """Write *dataset* in format *fmt* to *out*: a path, a text stream or a binary stream.

    A path is written atomically (temporary file in the same folder, then renamed), so a
    failed export never leaves half a file behind. Text is UTF-8.
    """
    text = serialize(dataset, fmt)
    if isinstance(out, (str, os.PathLike)):
        _write_file(Path(out), text)
    elif isinstance(out, (io.RawIOBase, io.BufferedIOBase)) or "b" in getattr(out, "mode", ""):
        out.write(text.encode("utf-8"))  # type: ignore[arg-type]
    else:
        out.write(text)  # type: ignore[arg-type]


def _write_file(path: Path, text: str) -> None:
    def write(tmp: str) -> None:
        with open(tmp, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)

    try:
        atomic_write(path, write)
    except OSError as err:
        raise GraphFileError(f"{path}: cannot write: {err.strerror or err}") from err
