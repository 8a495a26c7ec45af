"""``graphbuild export``: write a graph in another RDF format, or its entity graph for graph
tools (GraphML, GEXF, CSV)."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from graphbuild.cli._quiet import quiet_logs
from graphbuild.errors import UnsupportedFormatError
from graphbuild.export import ENTITY_FORMATS, EXPORT_FORMATS, export, format_for_path

__all__ = ["command"]

log = logging.getLogger("graphbuild")

_EPILOG = """\b
Examples:
  graphbuild export out/graph.ttl --format jsonld > graph.jsonld
  graphbuild export out/graph.trig --format nq --out graph.nq
  graphbuild export out/graph.ttl --out graph.graphml      # format from the extension
  graphbuild export --store out/store --format gexf --out news.gexf
  graphbuild export out/graph.ttl --format csv --out graph.csv   # graph.nodes/edges.csv

\b
Formats: ttl (Turtle), nt (N-Triples), nq (N-Quads), trig (TriG), jsonld (JSON-LD with
a compact @context), xml (RDF/XML). ttl, nt and xml merge all named graphs; nq, trig and
jsonld keep them. For graph tools (Gephi, yEd, Cytoscape, networkx): graphml, gexf and
csv write the entity graph: one node per named entity (label, one type, mentions,
first/last date) and one edge per (subject, relation, object) with its evidence count,
mean confidence, hedged flag and first/last date; --reified writes graphml of every
resource and link (statements, sentences, quotations...) instead.
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
@click.option("-o", "--out", type=click.Path(writable=True, path_type=Path),
              default=None, help="Write to FILE instead of standard output (csv: FILE.csv "
              "gives FILE.nodes.csv and FILE.edges.csv; a folder gets nodes.csv, edges.csv).")
@click.option("--reified", is_flag=True,
              help="graphml: every resource and link (the RDF as it is), not the entity graph.")
def command(graph: Path | None, fmt: str | None, out: Path | None, store_dir: str | None,
            quiet: bool, reified: bool) -> None:
    """Write GRAPH (.ttl, .nt, .nq, .trig, .jsonld or .rdf) or a store (--store DIR) in
    another format, to standard output or --out FILE."""
    quiet_logs(quiet)
    from graphbuild.store import load_graph_or_store

    fmt = output_format(fmt, out)
    if store_dir is not None and graph is None and fmt in {"ttl", "nt", "nq", "trig"}:
        _stream_store(store_dir, fmt, out)
        return
    if fmt in ENTITY_FORMATS and not reified:
        _entity_export(graph, store_dir, fmt, out)
        return
    dataset = load_graph_or_store(graph, store_dir, snapshot=True)
    if out is None:
        stream = sys.stdout.buffer  # UTF-8 bytes whatever the locale
        export(dataset, fmt, stream, reified=reified)
        stream.flush()
    else:
        export(dataset, fmt, out, reified=reified)
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
FOREIGN_SUFFIXES = frozenset({".gml", ".dot", ".gv", ".tsv", ".json",
                              ".html", ".htm", ".hdt", ".n3", ".owl"})


def _known_suffixes() -> set[str]:
    from graphbuild.export import _EXTENSIONS

    return set(_EXTENSIONS)


def _entity_export(graph: Path | None, store_dir: str | None, fmt: str,
                   out: Path | None) -> None:
    """The entity graph, read from an Oxigraph store (a file is parsed into one)."""
    from graphbuild import store as stores
    from graphbuild.errors import GraphFileError
    from graphbuild.view.entity_graph import entity_graph
    from graphbuild.view.sparql import open_file

    if (graph is None) == (store_dir is None):
        raise GraphFileError("give a graph file or --store DIR|URL (exactly one)")
    g = entity_graph(open_file(graph) if graph is not None
                     else stores.open(store_dir, "r").store)
    if out is None:
        stream = sys.stdout.buffer
        export(g, fmt, stream)
        stream.flush()
    else:
        export(g, fmt, out)
        log.info("wrote %s (%s: %d entities, %d relations)", out, fmt,
                 sum(1 for _, d in g.nodes(data=True) if d.get("entity")),
                 g.number_of_edges())


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
