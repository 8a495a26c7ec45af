"""``graphbuild export``: write a graph file in another RDF format or as GraphML."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from graphbuild.export import EXPORT_FORMATS, export, format_for_path

__all__ = ["command"]

log = logging.getLogger("graphbuild")

_EPILOG = """\b
Examples:
  graphbuild export out/graph.ttl --format jsonld > graph.jsonld
  graphbuild export out/graph.trig --format nq --out graph.nq
  graphbuild export out/graph.ttl --out graph.graphml      # format from the extension

\b
Formats: ttl (Turtle), nt (N-Triples), nq (N-Quads), trig (TriG), jsonld (JSON-LD with
a compact @context), xml (RDF/XML), graphml (nodes and resource links for Gephi/yEd/
networkx). ttl, nt and xml merge all named graphs; nq, trig and jsonld keep them.
"""


@click.command(name="export", epilog=_EPILOG)
@click.argument("graph", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-F", "--format", "fmt", type=click.Choice(EXPORT_FORMATS, case_sensitive=False),
              default=None,
              help="Output format. Default: from the --out extension, else ttl.")
@click.option("-o", "--out", type=click.Path(dir_okay=False, writable=True, path_type=Path),
              default=None, help="Write to FILE instead of standard output.")
def command(graph: Path, fmt: str | None, out: Path | None) -> None:
    """Write GRAPH (.ttl, .nt, .nq, .trig, .jsonld or .rdf) in another format."""
    from graphbuild.store import load_graph

    fmt = (fmt or (format_for_path(out) if out is not None else None) or "ttl").lower()
    dataset = load_graph(graph)
    if out is None:
        stream = sys.stdout.buffer  # UTF-8 bytes whatever the locale
        export(dataset, fmt, stream)
        stream.flush()
    else:
        export(dataset, fmt, out)
        log.info("wrote %s (%s)", out, fmt)
