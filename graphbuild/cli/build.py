"""``graphbuild build``: articles in, knowledge graph out (files, or a persistent store)."""

from __future__ import annotations

import logging
import os
import sys
import tempfile
from pathlib import Path

import click

from graphbuild import nlp
from graphbuild.errors import GraphFileError

log = logging.getLogger("graphbuild")


def atomic_write(path: Path, write) -> None:  # noqa: ANN001
    """Write through a temporary file in the same folder and rename: never half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(fd)
    try:
        write(tmp)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _files(inputs: list[str], out: Path, model: str, no_html: bool) -> int:
    from graphbuild.pipeline import BuildReport, build, union_graph
    from graphbuild.rdf import serialize

    report = BuildReport()
    ds = build(inputs, model=model, report=report)
    if not report.articles:
        raise GraphFileError("no article could be read from the inputs; nothing written")
    graph = union_graph(ds)
    atomic_write(out / "graph.ttl",
                 lambda p: Path(p).write_text(serialize.turtle(graph), encoding="utf-8"))
    atomic_write(out / "graph.trig",
                 lambda p: Path(p).write_text(serialize.trig(ds), encoding="utf-8"))
    written = ["graph.ttl", "graph.trig"]
    if not no_html:
        from graphbuild.view import render_html

        atomic_write(out / "graph.html", lambda p: render_html(graph, Path(p)))
        written.append("graph.html")
    click.echo(f"{len(report.articles)} article(s), {len(graph)} triples: "
               + ", ".join(str(out / w) for w in written), err=True)
    return len(report.skipped)


def _store(inputs: list[str], path: Path, model: str, jobs: int, quiet: bool,
           merge: bool = True) -> int:
    from graphbuild.cli._progress import article_progress
    from graphbuild.corpus import build_store, count_articles
    from graphbuild.store.oxi import GraphStore

    with GraphStore(path) as store:
        total = None if quiet else count_articles(inputs)
        with article_progress(total, quiet) as tick:
            report = build_store(inputs, store, model=model, jobs=jobs, progress=tick,
                                 merge=merge)
        stats = store.stats()
    if not quiet:
        click.echo(f"{len(report.added)} added, {len(report.replaced)} replaced, "
                   f"{len(report.unchanged)} unchanged, {len(report.skipped)} skipped, "
                   f"{len(report.merges)} entities merged; store "
                   f"{path}: {stats['articles']} articles, {stats['triples']} triples", err=True)
    return len(report.skipped)


@click.command(name="build")
@click.argument("inputs", nargs=-1, required=True, type=click.Path())
@click.option("--out", "out_dir", default=None, type=click.Path(),
              help="Folder for graph.ttl, graph.trig and graph.html [default: out].")
@click.option("--store", "store_dir", default=None, type=click.Path(),
              help="Add to a persistent store (Oxigraph) in this folder instead.")
@click.option("--model", default=nlp.DEFAULT_MODEL, show_default=True,
              help="spaCy English pipeline to parse with (any installed one).")
@click.option("-j", "--jobs", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes (with --store).")
@click.option("--no-html", is_flag=True, help="Do not write the HTML view (files mode).")
@click.option("--no-merge", is_flag=True,
              help="Leave cross-article entity merging pending (with --store); the next build "
                   "without this flag merges.")
@click.option("--quiet", is_flag=True, help="No progress bar or summary.")
def command(inputs: tuple[str, ...], out_dir: str | None, store_dir: str | None, model: str,
            jobs: int, no_html: bool, no_merge: bool, quiet: bool) -> None:
    """Build the knowledge graph of INPUTS (files or folders of articles).

    Reads .txt/.md (first short line = headline), .html, .jsonl(.gz) (fields text, title,
    date, source, url, id) and RSS/Atom feeds; folders are read recursively.

    Files mode (default): writes OUT/graph.ttl (all triples), OUT/graph.trig (one named
    graph per article plus the shared entity graph) and OUT/graph.html (an offline view).

    Store mode (--store DIR): adds the articles to a persistent Oxigraph store, one named
    graph per article. Idempotent: an unchanged article is skipped, a changed one replaces
    its graph; entities are merged across articles. Safe to interrupt: each article is
    written in one transaction.

    Skipped (exit status 1, each named in one warning): unreadable inputs, articles over
    100,000 characters, articles not in English and, with --store, articles whose parsing or
    extraction fails; the others go in.

    Exit status: 0 all inputs read; 1 some inputs were skipped (each named in a warning);
    2 error.

    \b
    Examples:
      graphbuild build seeds/ --out out/
      graphbuild build corpus.jsonl.gz --store out/store --jobs 2
    """
    if quiet:
        logging.getLogger("graphbuild").setLevel(logging.ERROR)
    if store_dir and out_dir:
        raise click.UsageError("give --out or --store, not both")
    if store_dir:
        skipped = _store(list(inputs), Path(store_dir), model, jobs, quiet, merge=not no_merge)
    else:
        skipped = _files(list(inputs), Path(out_dir or "out"), model, no_html)
    if skipped:
        log.warning("%d input(s) skipped (see warnings above)", skipped)
        sys.exit(1)
