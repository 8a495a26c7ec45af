"""``graphbuild stats``: what a store holds."""

from __future__ import annotations

import json
from pathlib import Path

import click


@click.command(name="stats")
@click.option("--store", "store_dir", required=True,
              type=click.Path(file_okay=False, path_type=Path), help="The store folder.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--quiet", is_flag=True, help="(accepted for symmetry; stats prints no log)")
def command(store_dir: Path, as_json: bool, quiet: bool) -> None:
    """Count the articles, entities, statements, quotations, roles and triples in a store.

    \b
    Example:
      graphbuild stats --store out/store
    """
    from graphbuild.store.oxi import GraphStore

    with GraphStore(store_dir, read_only=True) as store:
        stats = store.stats()
    if as_json:
        click.echo(json.dumps(stats))
    else:
        width = max(map(len, stats))
        for key, value in stats.items():
            click.echo(f"{key:<{width}}  {value:>12,}")
