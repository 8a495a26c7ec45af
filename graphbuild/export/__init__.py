"""Write a graph in another format: ttl, nt, nq, trig, jsonld, xml (RDF/XML), or, for
graph tools, its entity graph as graphml, gexf or csv (``reified=True``: graphml of every
resource and link instead).

>>> from graphbuild.store import load_graph
>>> from graphbuild.export import export
>>> export(load_graph("out/graph.ttl"), "jsonld", "graph.jsonld")   # doctest: +SKIP
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import IO, Any

from graphbuild.atomic import atomic_write
from graphbuild.errors import CsvOutputError, GraphFileError, UnsupportedFormatError
from graphbuild.export.rdf import RDF_FORMATS, serialize_rdf

__all__ = ["EXPORT_FORMATS", "ENTITY_FORMATS", "export", "format_for_path", "serialize",
           "to_networkx", "to_dataframe"]

#: Formats that write the entity graph (graph tools), not RDF.
ENTITY_FORMATS: tuple[str, ...] = ("graphml", "gexf", "csv")
#: Every export format name.
EXPORT_FORMATS: tuple[str, ...] = (*RDF_FORMATS, *ENTITY_FORMATS)

_EXTENSIONS = {
    ".ttl": "ttl", ".nt": "nt", ".nq": "nq", ".trig": "trig", ".jsonld": "jsonld",
    ".rdf": "xml", ".xml": "xml", ".graphml": "graphml", ".gexf": "gexf", ".csv": "csv",
}


def to_networkx(source: Any) -> Any:
    """The entity graph (networkx MultiDiGraph) of an rdflib Graph/Dataset or a store:
    the graph ``graphbuild view`` draws and ``export --format graphml|gexf|csv`` writes."""
    from graphbuild.view.entity_graph import entity_graph

    return entity_graph(source)


def to_dataframe(result: Any) -> Any:
    """A SELECT result (rdflib ``Result``, or ``graphbuild.query.run_query``'s) as a pandas
    DataFrame: one column per variable, IRIs and literals as strings, unbound as None.
    Needs pandas (``pip install pandas``; it is not a graphbuild dependency)."""
    try:
        import pandas as pd
    except ImportError as exc:
        raise ImportError("to_dataframe needs pandas (pip install pandas)") from exc
    names = [str(v) for v in result.vars]
    rows = [[None if row[i] is None else str(row[i]) for i in range(len(names))]
            for row in result]
    return pd.DataFrame(rows, columns=names)


def format_for_path(path: str | os.PathLike[str]) -> str | None:
    """The export format a file name asks for (``graph.jsonld`` -> ``jsonld``), or None."""
    return _EXTENSIONS.get(Path(path).suffix.lower())


def _entity_graph(graph: Any) -> Any:
    import networkx as nx

    return graph if isinstance(graph, nx.Graph) else to_networkx(graph)


def serialize(graph: Any, fmt: str, *, reified: bool = False) -> str:
    """*graph* (a Graph or Dataset; for graphml/gexf also a store or an entity graph) as
    text in export format *fmt*. graphml and gexf write the entity graph (``reified``:
    graphml of every resource instead); csv has two tables, so it needs :func:`export`
    with a path."""
    fmt = fmt.lower()
    if fmt == "graphml" and reified:
        from graphbuild.export.graphml import serialize_graphml

        return serialize_graphml(graph)
    if fmt == "graphml":
        from graphbuild.export.entities import serialize_graphml_entities

        return serialize_graphml_entities(_entity_graph(graph))
    if fmt == "gexf":
        from graphbuild.export.entities import serialize_gexf

        return serialize_gexf(_entity_graph(graph))
    if fmt == "csv":
        raise CsvOutputError("csv writes two files (nodes and edges): give --out FILE.csv "
                             "(writes FILE.nodes.csv and FILE.edges.csv) or --out DIR/")
    if fmt not in RDF_FORMATS:
        raise UnsupportedFormatError(
            f"unknown export format {fmt!r} (expected one of {', '.join(EXPORT_FORMATS)})"
        )
    return serialize_rdf(graph, fmt)


def export(dataset: Any, fmt: str, out: IO[str] | IO[bytes] | str | os.PathLike[str], *,
           reified: bool = False) -> None:
    """Write *dataset* in format *fmt* to *out*: a path, a text stream or a binary stream
    (csv: a path only; it names two files, see :func:`graphbuild.export.entities.csv_paths`).

    A path is written atomically (temporary file in the same folder, then renamed), so a
    failed export never leaves half a file behind. Text is UTF-8.
    """
    if fmt.lower() == "csv" and isinstance(out, (str, os.PathLike)):
        from graphbuild.export.entities import write_csv

        write_csv(_entity_graph(dataset), out)
        return
    text = serialize(dataset, fmt, reified=reified)
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
