"""``graphbuild remove``: delete articles from a store."""

from __future__ import annotations

import sys

import click

from graphbuild.cli._quiet import quiet_logs


@click.command(name="remove")
@click.argument("article_ids", nargs=-1, required=True)
@click.option("--store", "store_dir", required=True, type=click.Path(file_okay=False),
              metavar="DIR|URL", help="The store folder, or a SPARQL endpoint's URL.")
@click.option("--quiet", is_flag=True, help="No summary.")
def command(article_ids: tuple[str, ...], store_dir: str, quiet: bool) -> None:
    """Delete ARTICLE_IDS (as shown by schema:identifier) from a store, one transaction each.

    Entities that no remaining article mentions are dropped too, and cross-article merges
    are planned again (an article that goes may have been what made a merge safe, or
    unsafe). Exit status 1 when an id was not in the store.

    \b
    Example:
      graphbuild remove business/001 --store out/store
    """
    quiet_logs(quiet)
    from graphbuild import store as stores
    from graphbuild.rdf.vocab import article_graph_iri
    from graphbuild.resolve.crossdoc import remove_articles

    with stores.open(store_dir, "r+") as store:
        graphs = {str(article_graph_iri(aid)): aid for aid in article_ids}
        missing = [graphs[g] for g in remove_articles(store, list(graphs))]
        for aid in missing:
            click.echo(f"warning: {aid}: no such article in {store.path}", err=True)
    if not quiet:
        click.echo(f"removed {len(article_ids) - len(missing)} article(s)", err=True)
    if missing:
        sys.exit(1)
