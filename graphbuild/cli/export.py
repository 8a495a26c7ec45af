"""``graphbuild export``: write a graph file in another RDF format or as GraphML."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from graphbuild.cli._quiet import quiet_logs
from graphbuild.errors import UnsupportedFormatError
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
              help="Output format. Default: from the --out extension (an extension that "
                   "names no format written here is refused), else ttl.")
@click.option("-o", "--out", type=click.Path(dir_okay=False, writable=True, path_type=Path),
              default=None, help="Write to FILE instead of standard output.")
def command(graph: Path | None, fmt: str | None, out: Path | None, store_dir: str | None,
            quiet: bool) -> None:
    """Write GRAPH (.ttl, .nt, .nq, .trig, .jsonld or .rdf) or a store (--store DIR) in
    another format, to standard output or --out FILE."""
    quiet_logs(quiet)
    from graphbuild.store import load_graph_or_store

    fmt = output_format(fmt, out)
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


def output_format(fmt: str | None, out: Path | None) -> str:
    """The format to write: ``--format``, else the one ``--out``'s extension names, else
    Turtle on standard output. An extension that names no format graphbuild writes (``.gexf``)
    or another format than ``--format`` is refused (GB402) rather than filled with Turtle."""
    inferred = format_for_path(out) if out is not None else None
    if out is not None and inferred is None:
        suffix = out.suffix.lower() or "(none)"
        if fmt is None or suffix in FOREIGN_SUFFIXES:
            raise UnsupportedFormatError(
                f"{out}: graphbuild writes no {suffix!r} files; use one of "
                + ", ".join(sorted(_known_suffixes())) + " (or --format FMT with another name)")
    if fmt is not None and inferred is not None and fmt.lower() != inferred:
        raise UnsupportedFormatError(f"{out}: the extension asks for {inferred}, --format for "
                                     f"{fmt.lower()}: give one, or make them agree")
    return (fmt or inferred or "ttl").lower()


#: graph formats graphbuild does not write: a file named so is never filled with another one
FOREIGN_SUFFIXES = frozenset({".gexf", ".gml", ".dot", ".gv", ".csv", ".tsv", ".json",
                              ".html", ".htm", ".hdt", ".n3", ".owl"})


def _known_suffixes() -> set[str]:
    from graphbuild.export import _EXTENSIONS

    return set(_EXTENSIONS)


def _stream_store(store_dir: str, fmt: str, out: Path | None) -> None:
    """Dump the store quad by quad: memory stays flat whatever its size."""
    from graphbuild import store as stores
    from graphbuild.atomic import atomic_write

    with stores.open(store_dir, "r") as store:
        if out is None:
            store.dump(sys.stdout.buffer, fmt)
            sys.stdout.buffer.flush()
        else:
            def write(tmp: str) -> None:
                with open(tmp, "wb") as fh:
                    store.dump(fh, fmt)

            atomic_write(out, write)
