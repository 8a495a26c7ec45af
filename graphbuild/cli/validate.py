"""``graphbuild validate``: check a graph file or a store against graphbuild's SHACL shapes."""

from __future__ import annotations

import json
from pathlib import Path

import click

from graphbuild.cli._quiet import quiet_logs
from graphbuild.errors import ShapeViolationError

LIMIT = 20


@click.command(name="validate")
@click.argument("graph", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--store", "store_dir", type=click.Path(file_okay=False), default=None,
              metavar="DIR|URL", help="Validate a persistent store (a folder, or a SPARQL "
              "endpoint's http(s):// URL) instead of a graph file; read into memory whole.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@click.option("--quiet", is_flag=True, help="Print nothing; the exit status tells.")
def command(graph: Path | None, store_dir: str | None, as_json: bool, quiet: bool) -> None:
    """Check GRAPH (.ttl, .trig, .nq…) or a store (--store DIR|URL) against the SHACL shapes
    shipped with graphbuild (graphbuild/rdf/shapes.ttl, run by pyshacl): articles, sentences,
    the provenance of every extracted node (gb: and PROV-O), statements, quotations, roles,
    quantities and entities.

    Exit status: 0 the graph conforms; 2 it does not (error GB330, the first violations
    listed).

    \b
    Examples:
      graphbuild validate out/graph.ttl
      graphbuild validate --store out/store --json
    """
    quiet_logs(quiet)
    from graphbuild.rdf.validate import validate
    from graphbuild.store import load_graph_or_store

    dataset = load_graph_or_store(graph, store_dir, snapshot=True)
    report = validate(dataset)
    where = str(graph) if graph is not None else str(store_dir)
    if as_json and not quiet:
        click.echo(json.dumps({"conforms": report.conforms, "triples": report.triples,
                               "violations": [vars(v) for v in report.violations]}, indent=2))
    elif not quiet:
        click.echo(f"{where}: {report.triples} triples, "
                   + ("conforms to graphbuild's shapes" if report.conforms
                      else f"{len(report.violations)} violation(s)"))
        for v in report.violations[:LIMIT]:
            click.echo(f"  {v}")
    if not report.conforms:
        raise ShapeViolationError(f"{where} does not conform to graphbuild's SHACL shapes "
                                  f"({len(report.violations)} violation(s))")
