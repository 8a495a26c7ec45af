"""``graphbuild query``: run SPARQL (inline, from a file, or a named example) over a graph."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import click
from rdflib import Literal, URIRef
from rdflib.term import Identifier

from graphbuild.cli._files import read_query_file
from graphbuild.cli._quiet import quiet_logs
from graphbuild.query import OUTPUT_FORMATS, example, format_result, list_examples, run_query
from graphbuild.rdf.vocab import PREFIXES

__all__ = ["command", "parse_binding"]

_EPILOG = """\b
Examples:
  graphbuild query --list
  graphbuild query out/graph.ttl --example who-said-what
  graphbuild query out/graph.ttl --example roles --format csv > roles.csv
  graphbuild query out/graph.ttl 'SELECT ?p ?name WHERE { ?p a schema:Person ; rdfs:label ?name }'
  graphbuild query out/graph.ttl --file my.rq --format json
  graphbuild query out/graph.ttl --bind name="Maria Zakharova" \\
      'SELECT ?quote WHERE { ?q schema:spokenByCharacter/rdfs:label ?name ; schema:text ?quote }'

\b
Prefixes schema: gb: rel: gbid: person: organization: place: thing: prov: skos: rdf:
  rdfs: xsd: owl: are pre-declared.
Entities have their own prefixes: person:Maria_Zakharova, organization:Facebook,
place:Moscow, thing:... Article-local nodes (statements, quotations) contain "/":
write them in full, <https://w3id.org/graphbuild/id/article/...>, or --bind them.
"""


def parse_binding(text: str) -> tuple[str, Identifier]:
    """``NAME=VALUE`` -> (name, term). VALUE ``<iri>`` or ``prefix:rest`` (a pre-declared
    prefix) is an IRI; anything else is a plain string literal. The value is passed to
    SPARQL as a bound variable, never pasted into the query text."""
    name, sep, value = text.partition("=")
    name = name.strip().lstrip("?$")
    if not sep or not name or not name.replace("_", "").isalnum():
        raise click.BadParameter(f"{text!r}: expected NAME=VALUE, e.g. name=\"Maria Zakharova\"",
                                 param_hint="--bind")
    if value.startswith("<") and value.endswith(">") and len(value) > 2:
        return name, URIRef(value[1:-1])
    prefix, colon, rest = value.partition(":")
    if colon and prefix in PREFIXES and not rest.startswith("//"):
        return name, URIRef(str(PREFIXES[prefix]) + rest)
    return name, Literal(value)


def _examples_text() -> str:
    items = list_examples()
    width = max((len(name) for name, _ in items), default=0)
    return "".join(f"{name.ljust(width)}  {desc}\n" for name, desc in items)


def _table_width() -> int:
    return shutil.get_terminal_size((120, 24)).columns if sys.stdout.isatty() else 160


@click.command(name="query", epilog=_EPILOG)
@click.argument("graph", required=False, type=click.Path(dir_okay=False))
@click.argument("sparql", required=False)
@click.option("-f", "--file", "query_file", type=click.Path(exists=True, dir_okay=False,
              path_type=Path), help="Read the SPARQL query from this file (.rq).")
@click.option("-e", "--example", "example_name", metavar="NAME",
              help="Run a named example query (see --list).")
@click.option("-l", "--list", "list_only", is_flag=True,
              help="List the example queries with their descriptions and exit.")
@click.option("--show", "show_name", metavar="NAME", default=None,
              help="Print the SPARQL of a named example and exit (to edit it, e.g. to "
                   "raise its page LIMIT).")
@click.option("-F", "--format", "fmt", type=click.Choice(OUTPUT_FORMATS, case_sensitive=False),
              default="table", show_default=True,
              help="Output: a table for reading; csv, tsv or json (SPARQL JSON) for scripts; "
                   "turtle for CONSTRUCT/DESCRIBE.")
@click.option("-b", "--bind", "bindings", multiple=True, metavar="NAME=VALUE",
              help="Pre-bind ?NAME to VALUE (repeatable). <iri> or prefix:name is an IRI, "
                   "anything else a string.")
@click.option("--store", "store_dir", type=click.Path(file_okay=False), default=None,
              metavar="DIR|URL",
              help="Query a persistent store (built with build --store): a folder, or a "
                   "SPARQL endpoint's http(s):// URL.")
@click.option("--json", "as_json", is_flag=True, help="Same as --format json.")
@click.option("--quiet", is_flag=True, help="Print only the results.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=None,
              help="With --example: only facts at least this confident [default: the "
                   "calibrated threshold of 0.85 dev precision].")
def command(graph: str | None, sparql: str | None, query_file: Path | None,
            example_name: str | None, list_only: bool, show_name: str | None, fmt: str,
            bindings: tuple[str, ...], store_dir: str | None, as_json: bool,
            quiet: bool, min_confidence: float | None = None) -> None:
    """Run a SPARQL query over GRAPH (a .ttl, .nt, .nq, .trig, .jsonld or .rdf file) or
    over a store (--store DIR or URL; then SPARQL may come first).

    Give the query in exactly one way: inline as SPARQL, with --file, or with --example.
    """
    quiet_logs(quiet)
    if as_json:
        if fmt.lower() not in {"table", "json"}:
            raise click.UsageError(f"--json and --format {fmt} ask for two formats")
        fmt = "json"
    if list_only:
        click.echo(_examples_text(), nl=False)
        return
    if show_name is not None:
        click.echo(example(show_name), nl=False)
        return
    if store_dir is not None and graph is not None and sparql is None:
        graph, sparql = None, str(graph)  # "query --store DIR 'SELECT ...'"
    if graph is None and store_dir is None:
        raise click.UsageError("missing GRAPH: the graph file to query, or --store DIR "
                               "(or use --list)")
    given = [x for x in (sparql, query_file, example_name) if x is not None]
    if len(given) != 1:
        what = "no query given" if not given else "more than one query given"
        raise click.UsageError(
            f"{what}: pass exactly one of SPARQL (inline), --file FILE or --example NAME"
        )
    if query_file is not None:
        text = read_query_file(query_file, "--file")
    elif example_name is not None:
        text = example(example_name)
    else:
        text = sparql or ""
    init = dict(parse_binding(b) for b in bindings)
    if example_name is not None and "minConfidence" not in init \
            and "?minConfidence" in text:  # issue 12: only examples that read it
        from graphbuild.calibration import min_confidence_binding

        init["minConfidence"] = min_confidence_binding(min_confidence)

    from graphbuild.store import load_graph_or_store

    result = run_query(load_graph_or_store(graph, store_dir), text, init_bindings=init or None)
    click.echo(format_result(result, fmt.lower(), width=_table_width()), nl=False)
