"""``graphbuild remove``: delete articles from a store."""

from __future__ import annotations

import sys
from pathlib import Path

import click


@click.command(name="remove")
@click.argument("article_ids", nargs=-1, required=True)
@click.option("--store", "store_dir", required=True,
              type=click.Path(file_okay=False, path_type=Path), help="The store folder.")
@click.option("--quiet", is_flag=True, help="No summary.")
def command(article_ids: tuple[str, ...], store_dir: Path, quiet: bool) -> None:
    """Delete ARTICLE_IDS (as shown by schema:identifier) from a store, one transaction each.

    Entities that no remaining article mentions are dropped too. Exit status 1 when an id
    was not in the store.

    \b
    Example:
      graphbuild remove business/001 --store out/store
    """
    from graphbuild.rdf.vocab import article_graph_iri
    from graphbuild.store.oxi import GraphStore

    missing = []
    with GraphStore(store_dir, create=False) as store:
        for aid in article_ids:
            if not store.remove_article(article_graph_iri(aid)):
                missing.append(aid)
                click.echo(f"warning: {aid}: no such article in {store_dir}", err=True)
    if not quiet:
        click.echo(f"removed {len(article_ids) - len(missing)} article(s)", err=True)
    if missing:
        sys.exit(1)
