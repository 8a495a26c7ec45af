"""``graphbuild view``: one self-contained HTML page showing a readable part of a graph."""

from __future__ import annotations

import difflib
from pathlib import Path

import click

from graphbuild.cli._files import read_query_file
from graphbuild.cli._quiet import quiet_logs
from graphbuild.errors import UnsupportedFormatError
from graphbuild.view.select import DEFAULT_LIMIT, RANKS, Selection
from graphbuild.view.skeleton import parse_day
from graphbuild.view.style import TYPE_DEPTH, canonical_type

__all__ = ["command", "parse_types"]

_EPILOG = """\b
Examples:
  graphbuild view out/graph.ttl --out view.html
  graphbuild view out/graph.ttl --focus "Maria Zakharova" --hops 2 --out zakharova.html
  graphbuild view --store store/ --top 100 --rank degree --out top.html
  graphbuild view --store store/ --types Person,Organization --min-mentions 3 --out people.html
  graphbuild view --store store/ --since 2020-09 --until 2020-12 --out autumn.html
  graphbuild view out/graph.ttl --query who-urged-whom.rq --out q.html

\b
Without --top a view draws at most 300 entities (the most central by --rank, ranked
on the entity graph, so connected ones first) and says on the page what it left
out; --all draws everything. Dates are the articles'
schema:datePublished (YYYY, YYYY-MM or YYYY-MM-DD, inclusive): with --since or
--until, edges count only if an article in range backs them, and articles without
a date are left out; without them every article counts.
"""


def parse_types(values: tuple[str, ...]) -> tuple[str, ...]:
    """``("Person,Organization", "City")`` -> canonical schema.org names (subclasses are
    added later); an unknown name is an error naming the close ones."""
    out: list[str] = []
    for value in values:
        for part in filter(None, (p.strip() for p in value.split(","))):
            name = canonical_type(part)
            if name is None:
                close = difflib.get_close_matches(part, list(TYPE_DEPTH), n=4, cutoff=0.5)
                hint = f" (did you mean {', '.join(close)}?)" if close else \
                    f" (known: {', '.join(sorted(TYPE_DEPTH))})"
                raise click.BadParameter(f"unknown type {part!r}{hint}", param_hint="--types")
            if name not in out:
                out.append(name)
    return tuple(out)


def _store_name(location: str) -> str:
    """A store's name for a page title: its folder's name, or its URL (no password)."""
    from graphbuild.store.http import public_url
    from graphbuild.store.location import is_remote

    return public_url(location) if is_remote(location) else Path(location).name


def _day(value: str | None, option: str) -> str | None:
    if value is None:
        return None
    try:
        parse_day(value)
    except ValueError as err:
        raise click.BadParameter(str(err), param_hint=option) from err
    return value.strip()


@click.command(name="view", epilog=_EPILOG)
@click.argument("graph", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--store", "store_dir", type=click.Path(file_okay=False), metavar="DIR|URL",
              help="Read a persistent store (graphbuild build --store DIR) instead of a file: "
                   "a folder, or a SPARQL endpoint's http(s):// URL.")
@click.option("-o", "--out", "out", default="view.html", show_default=True,
              type=click.Path(dir_okay=False, path_type=Path), help="The HTML file to write.")
@click.option("--title", default=None, help="Page title (default: the input's name).")
@click.option("--focus", multiple=True, metavar="NAME",
              help="Draw the neighbourhood of this entity (label, alias or IRI; repeatable).")
@click.option("--hops", default=2, show_default=True, type=click.IntRange(0, 6),
              help="How far from --focus to go.")
@click.option("--top", type=click.IntRange(1), default=None,
              help="Draw the N most central nodes (see --rank).")
@click.option("--rank", type=click.Choice(RANKS), default="pagerank", show_default=True,
              help="Centrality used by --top and the default limit.")
@click.option("--types", "types", multiple=True, metavar="T1,T2",
              help="Only these schema.org types, subclasses included (Organization includes "
                   "GovernmentOrganization).")
@click.option("--since", default=None, metavar="DATE", help="Articles published on or after.")
@click.option("--until", default=None, metavar="DATE", help="Articles published on or before.")
@click.option("--min-mentions", default=0, type=click.IntRange(0), metavar="K",
              help="Only entities mentioned in at least K articles.")
@click.option("-f", "--file", "--query", "query_file",
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Draw the result of the CONSTRUCT (or SELECT ?s ?p ?o) in this file (as "
                   "query --file; --query is the older name).")
@click.option("--all", "draw_all", is_flag=True,
              help=f"No limit: draw every selected node (default limit {DEFAULT_LIMIT}).")
@click.option("--quiet", is_flag=True, help="No summary.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=None,
              help="Draw only facts at least this confident (graph files) [default: the "
                   "calibrated thresholds of 0.85 dev precision; 0 draws everything].")
def command(graph: Path | None, store_dir: str | None, out: Path, title: str | None,
            focus: tuple[str, ...], hops: int, top: int | None, rank: str,
            types: tuple[str, ...], since: str | None, until: str | None, min_mentions: int,
            query_file: Path | None, draw_all: bool, quiet: bool,
            min_confidence: float | None = None) -> None:
    """Write an interactive, self-contained HTML view of GRAPH (.ttl, .nt, .nq, .trig,
    .jsonld, .rdf) or of a --store: its entity graph (who did, said or claimed what about
    whom; edges as thick as their evidence, hedged ones dashed), with a search box, the
    sentences behind each edge, quotations per entity, confidence and date sliders, a
    relation filter and a legend. Concepts are one click away. The page needs no
    network."""
    quiet_logs(quiet)
    if (graph is None) == (store_dir is None):
        raise click.UsageError("give exactly one of GRAPH (a graph file) or --store DIR")
    if out.suffix.lower() not in {".html", ".htm"}:
        raise UnsupportedFormatError(f"{out}: view writes an HTML page; name it .html")
    if query_file and (focus or types or since or until or min_mentions):
        raise click.UsageError("--query draws its own result: it does not combine with "
                               "--focus, --types, --since, --until or --min-mentions")
    query = None
    if query_file is not None:
        query = read_query_file(query_file, "--query")
    sel = Selection(focus=tuple(f for f in focus if f.strip()), hops=hops, top=top,
                    rank=rank, types=parse_types(types), since=_day(since, "--since"),
                    until=_day(until, "--until"), min_mentions=min_mentions, query=query,
                    limit=0 if draw_all else DEFAULT_LIMIT)

    from graphbuild import store as stores
    from graphbuild.view.pipeline import write_view
    from graphbuild.view.sparql import open_file

    store = open_file(graph) if graph is not None else stores.open(store_dir, "r").store
    if graph is not None and min_confidence != 0:  # issue 12: a store is drawn whole
        from graphbuild.calibration import prune_store, view_thresholds

        prune_store(store, *view_thresholds(min_confidence))
    name = graph.name if graph is not None else _store_name(str(store_dir))
    path, message, g = write_view(store, sel, out, title=title or f"graphbuild: {name}")
    if not quiet:
        click.echo(message, err=True)
        drawn = {n for n, d in g.nodes(data=True) if d.get("shown", True)}
        edges = sum(1 for u, v in g.edges() if u in drawn and v in drawn)
        hidden = g.number_of_nodes() - len(drawn)
        extra = f" (+{hidden:,} hidden: concepts, neighbours)" if hidden else ""
        click.echo(f"{len(drawn):,} nodes{extra}, {edges:,} edges -> {path}", err=True)
