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
@click.argument("graph", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--store", "store_dir", type=click.Path(file_okay=False), default=None,
              metavar="DIR|URL", help="Export a persistent store (a folder, or a SPARQL "
              "endpoint's http(s):// URL; streamed for ttl, nt, nq, trig).")
@click.option("--quiet", is_flag=True, help="No log output.")
@click.option("-F", "--format", "fmt", type=click.Choice(EXPORT_FORMATS, case_sensitive=False),
              default=None,
              help="Output format. Default: from the --out extension, else ttl.")
@click.option("-o", "--out", type=click.Path(dir_okay=False, writable=True, path_type=Path),
              default=None, help="Write to FILE instead of standard output.")
def command(graph: Path | None, fmt: str | None, out: Path | None, store_dir: str | None,
            quiet: bool) -> None:
    """Write GRAPH (.ttl, .nt, .nq, .trig, .jsonld or .rdf) or a store (--store DIR) in
    another format, to standard output or --out FILE."""
    from graphbuild.store import load_graph_or_store

    fmt = (fmt or (format_for_path(out) if out is not None else None) or "ttl").lower()
    if store_dir is not None and graph is None and fmt in {"ttl", "nt", "nq", "trig"}:
        _stream_store(store_dir, fmt, out)
        return
    dataset = load_graph_or_store(graph, store_dir, snapshot=True)
    if out is None:
        stream = sys.stdout.buffer  # UTF-8 bytes whatever the locale
        export(dataset, fmt, stream)
        stream.flush()
    else:
        export(dataset, fmt, out)
        log.info("wrote %s (%s)", out, fmt)


def _stream_store(store_dir: str, fmt: str, out: Path | None) -> None:
    """Dump the store quad by quad: memory stays flat whatever its size."""
    from graphbuild.atomic import atomic_write
    from graphbuild.store.oxi import GraphStore

    with GraphStore(store_dir, read_only=True) as store:
        if out is None:
            store.dump(sys.stdout.buffer, fmt)
            sys.stdout.buffer.flush()
        else:
            def write(tmp: str) -> None:
                with open(tmp, "wb") as fh:
                    store.dump(fh, fmt)

            atomic_write(out, write)
