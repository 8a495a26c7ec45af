"""``graphbuild stats``: what a store holds."""

from __future__ import annotations

import json

import click

from graphbuild.cli._quiet import quiet_logs


@click.command(name="stats")
@click.option("--store", "store_dir", required=True, type=click.Path(file_okay=False),
              metavar="DIR|URL", help="The store folder, or a SPARQL endpoint's URL.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--quiet", is_flag=True, help="No warnings; only the counts.")
def command(store_dir: str, as_json: bool, quiet: bool) -> None:
    """Count the articles, entities, statements, quotations, roles and triples in a store.

    \b
    Example:
      graphbuild stats --store out/store
      graphbuild stats --store http://127.0.0.1:7878/query
    """
    quiet_logs(quiet)
    from graphbuild import store as stores

    with stores.open(store_dir, "r") as store:
        stats = store.stats()
    if as_json:
        click.echo(json.dumps(stats))
    else:
        width = max(map(len, stats))
        for key, value in stats.items():
            click.echo(f"{key:<{width}}  {value:>12,}")
