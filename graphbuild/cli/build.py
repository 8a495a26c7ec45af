"""``graphbuild build``: articles in, knowledge graph out (Turtle, TriG and an HTML view)."""

from __future__ import annotations

import logging
import os
import sys
import tempfile
from pathlib import Path

import click

from graphbuild import nlp
from graphbuild.errors import GraphFileError
from graphbuild.pipeline import BuildReport, build, union_graph
from graphbuild.rdf import serialize

log = logging.getLogger("graphbuild")


def _atomic_write(path: Path, write) -> None:  # noqa: ANN001
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


@click.command(name="build")
@click.argument("inputs", nargs=-1, required=True, type=click.Path())
@click.option("--out", "out_dir", default="out", show_default=True, type=click.Path(),
              help="Folder for graph.ttl, graph.trig and graph.html.")
@click.option("--model", default=nlp.DEFAULT_MODEL, show_default=True,
              help="spaCy English pipeline to parse with (any installed one).")
@click.option("--no-html", is_flag=True, help="Do not write the HTML view.")
def command(inputs: tuple[str, ...], out_dir: str, model: str, no_html: bool) -> None:
    """Build the knowledge graph of INPUTS (files or folders of articles).

    Reads .txt/.md (first short line = headline), .html, .jsonl(.gz) and RSS/Atom feeds;
    folders are read recursively. Writes OUT/graph.ttl (all triples, Turtle), OUT/graph.trig
    (one named graph per article plus the shared entity graph) and OUT/graph.html (an
    interactive view that works offline).

    Exit status: 0 all inputs read; 1 the graph was written but some inputs were skipped
    (each named in a warning); 2 nothing could be built.

    \b
    Example:
      graphbuild build seeds/ --out out/
    """
    report = BuildReport()
    ds = build(list(inputs), model=model, report=report)
    if not report.articles:
        raise GraphFileError("no article could be read from the inputs; nothing written")
    out = Path(out_dir)
    graph = union_graph(ds)
    _atomic_write(out / "graph.ttl", lambda p: Path(p).write_text(serialize.turtle(graph),
                                                                   encoding="utf-8"))
    _atomic_write(out / "graph.trig", lambda p: Path(p).write_text(serialize.trig(ds),
                                                                    encoding="utf-8"))
    written = ["graph.ttl", "graph.trig"]
    if not no_html:
        from graphbuild.view import render_html

        _atomic_write(out / "graph.html", lambda p: render_html(graph, Path(p)))
        written.append("graph.html")
    log.info("%d articles, %d triples -> %s", len(report.articles), len(graph),
             ", ".join(str(out / w) for w in written))
    click.echo(f"{len(report.articles)} article(s), {len(graph)} triples: "
               + ", ".join(str(out / w) for w in written), err=True)
    if report.skipped:
        click.echo(f"{len(report.skipped)} input(s) skipped (see warnings above)", err=True)
        sys.exit(1)
