"""``graphbuild build``: articles in, knowledge graph out (files, or a persistent store)."""

from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path

import click

from graphbuild import nlp
from graphbuild.atomic import atomic_write
from graphbuild.cli._quiet import quiet_logs
from graphbuild.errors import NoInputError

log = logging.getLogger("graphbuild")


def _one_file(out: str | Path | None) -> bool:
    """Whether ``--out`` names one graph file (an extension an export format has) rather
    than a folder."""
    from graphbuild.export import format_for_path

    return out is not None and format_for_path(out) is not None


def _files(inputs: list[str], out: Path, model: str, no_html: bool, quiet: bool = False,
           as_json: bool = False) -> int:
    from graphbuild.pipeline import BuildReport, build, union_graph
    from graphbuild.rdf import serialize

    report = BuildReport()
    ds = build(inputs, model=model, report=report)
    if not report.articles:
        raise NoInputError("no article could be read from the inputs; nothing written")
    if _one_file(out):  # one file, in the format its name asks
        from graphbuild.export import export, format_for_path

        export(ds, format_for_path(out) or "ttl", out)
        _summary(quiet, as_json, f"{len(report.articles)} article(s): {out}",
                 articles=len(report.articles), written=[str(out)],
                 skipped=len(report.skipped))
        return len(report.skipped)
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
    _summary(quiet, as_json, f"{len(report.articles)} article(s), {len(graph)} triples: "
             + ", ".join(str(out / w) for w in written), articles=len(report.articles),
             triples=len(graph), written=[str(out / w) for w in written],
             skipped=len(report.skipped))
    return len(report.skipped)


def _summary(quiet: bool, as_json: bool, line: str, **fields: object) -> None:
    """The build's summary: one line on stderr, JSON on stdout (--json), or nothing."""
    if as_json:
        click.echo(json.dumps(fields))
    elif not quiet:
        click.echo(line, err=True)


def _store(inputs: list[str], path: Path | str, model: str, jobs: int, quiet: bool,
           merge: bool = True, scheduler: str | None = None, force: bool = False,
           as_json: bool = False) -> int:
    from graphbuild import store as stores
    from graphbuild.cli._progress import article_progress
    from graphbuild.corpus import build_store
    from graphbuild.ingest.estimate import estimate_articles as count_articles

    with stores.open(path, "w") as store:
        total = None if quiet else count_articles(inputs)
        with article_progress(total, quiet) as tick:
            report = build_store(inputs, store, model=model, jobs=jobs, progress=tick,
                                 merge=merge, scheduler=scheduler, force=force, overlap=True)
        if quiet and not as_json:  # no summary: no counting over the whole store
            return len(report.skipped)
        stats = store.stats()
    _summary(quiet, as_json,
             f"{len(report.added)} added, {len(report.replaced)} replaced, "
             f"{len(report.unchanged)} unchanged, {len(report.skipped)} skipped, "
             f"{len(report.merges)} entities merged; store "
             f"{path}: {stats['articles']} articles, {stats['narratives']} narratives, "
             f"{stats['triples']} triples",
             added=len(report.added), replaced=len(report.replaced),
             unchanged=len(report.unchanged), skipped=len(report.skipped),
             merged=len(report.merges), store=str(path), articles=stats["articles"],
             narratives=stats["narratives"], triples=stats["triples"])
    return len(report.skipped)


def _emit(inputs: list[str], folder: Path, model: str, jobs: int, quiet: bool,
          scheduler: str | None, as_json: bool = False) -> int:
    from graphbuild.cli._progress import article_progress
    from graphbuild.emit import emit_partitions, partitions
    from graphbuild.ingest.estimate import estimate_articles as count_articles

    total = None if quiet else count_articles(inputs)
    with article_progress(total, quiet) as tick:
        report = emit_partitions(inputs, folder, model=model, jobs=jobs, scheduler=scheduler,
                                 progress=tick, overlap=True)
    parts = len(partitions(folder))
    _summary(quiet, as_json,
             f"{len(report.added)} articles ({report.triples_written} quads) in "
             f"{parts} partitions in {folder}, {len(report.skipped)} skipped; load them "
             f"with: oxigraph load --location STORE --file {folder}/part-*.nq",
             articles=len(report.added), quads=report.triples_written, partitions=parts,
             folder=str(folder), skipped=len(report.skipped))
    return len(report.skipped)


def _check_scheduler(scheduler: str | None, store_dir: str | None, emit_dir: str | None,
                     jobs: int) -> None:
    """One-line errors (GB431) for a --scheduler that is malformed or cannot be used here."""
    if scheduler is None:
        return
    from graphbuild.distributed import parse_scheduler
    from graphbuild.errors import SchedulerAddressError

    parse_scheduler(scheduler)
    import distributed  # noqa: F401 - its import sets its loggers' levels: override them after

    level = logging.getLogger("graphbuild").getEffectiveLevel()  # Dask's INFO lines only at -vv
    logging.getLogger("distributed").setLevel(
        logging.INFO if level <= logging.DEBUG else max(logging.WARNING, level))
    if not (store_dir or emit_dir):
        raise SchedulerAddressError(f"--scheduler {scheduler} needs --store DIR or --emit DIR "
                                    "(files mode builds in this process)")
    if jobs != 1:
        raise SchedulerAddressError("--jobs is for worker processes on this machine; with "
                                    "--scheduler use local:N, or the cluster's workers")


def _check_options(store_dir: str | None, out_dir: str | None, emit_dir: str | None,
                   jobs: int, force: bool, no_merge: bool, no_html: bool) -> None:
    """Refuse options that would do nothing in the mode chosen."""
    if sum(bool(x) for x in (store_dir, out_dir, emit_dir)) > 1:
        raise click.UsageError("give one of --out, --store or --emit")
    if jobs != 1 and not (store_dir or emit_dir):
        raise click.UsageError("--jobs is for --store and --emit builds (files mode builds "
                               "in this process)")
    if force and not store_dir:
        raise click.UsageError("--force is for --store builds (files and --emit write every "
                               "article anyway)")
    if no_merge and not store_dir:
        raise click.UsageError("--no-merge is for --store builds")
    if no_html and (store_dir or emit_dir or _one_file(out_dir)):
        raise click.UsageError("--no-html is for builds into an --out folder (the only mode "
                               "that writes graph.html)")


@click.command(name="build")
@click.argument("inputs", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--out", "out_dir", default=None, type=click.Path(),
              help="Where to write: a folder for graph.ttl, graph.trig and graph.html "
                   "[default: out], or one graph file whose extension names its format "
                   "(.ttl, .nt, .nq, .trig, .jsonld, .rdf, .graphml).")
@click.option("--store", "store_dir", default=None, type=click.Path(),
              help="Add to a persistent store (Oxigraph) in this folder instead, or to a "
                   "SPARQL 1.1 endpoint with Update at this http(s):// URL.")
@click.option("--model", default=nlp.DEFAULT_MODEL, show_default=True,
              help="spaCy English pipeline to parse with (any installed one).")
@click.option("-j", "--jobs", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes (with --store or --emit); with 1, a build of 64 "
                   "articles or more parses in one worker while this process extracts.")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Parse on a Dask cluster (with --store or --emit): tcp://HOST:PORT of a "
                   "running scheduler, or local:N to start N worker processes here.")
@click.option("--emit", "emit_dir", default=None, type=click.Path(),
              help="Instead of a store, write N-Quads partitions (part-00000.nq, …) to this "
                   "folder for a bulk load.")
@click.option("--no-html", is_flag=True, help="Do not write the HTML view (files mode).")
@click.option("--no-merge", is_flag=True,
              help="Leave cross-article entity merging pending (with --store); the next build "
                   "without this flag merges.")
@click.option("--force", is_flag=True,
              help="Re-extract every article (with --store), even those stored already with "
                   "the same text, metadata and build fingerprint.")
@click.option("--quiet", is_flag=True, help="No progress bar, summary or warnings.")
@click.option("--json", "as_json", is_flag=True,
              help="Print the summary as JSON on standard output (no progress bar).")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=None,
              help="Leave out statements, relations and quotations whose calibrated "
                   "confidence is below this [default: keep every fact].")
@click.option("--named-only", is_flag=True,
              help="Leave out statements with no named participant.")
@click.option("--corpus-date", default=None, metavar="YYYY-MM-DD",
              help="Day the corpus was collected: the year of a dateline without one "
                   "(\"MOSCOW, September 3\") and the publication date of an article with no "
                   "other (gb:dateSource \"corpus\") [GRAPHBUILD_CORPUS_DATE].")
def command(inputs: tuple[str, ...], out_dir: str | None, store_dir: str | None, model: str,
            jobs: int, scheduler: str | None, emit_dir: str | None, no_html: bool,
            no_merge: bool, force: bool, quiet: bool, as_json: bool,
            min_confidence: float | None = None, named_only: bool = False,
            corpus_date: str | None = None) -> None:
    """Build the knowledge graph of INPUTS (files or folders of articles).

    Reads .txt/.md (first short line = headline), .html, .jsonl(.gz) (fields text, title,
    date, source, url, id) and RSS/Atom feeds; folders are read recursively.

    Files mode (default): writes OUT/graph.ttl (all triples), OUT/graph.trig (one named
    graph per article plus the shared entity graph) and OUT/graph.html (an offline view).

    Store mode (--store DIR): adds the articles to a persistent Oxigraph store, one named
    graph per article. Idempotent: an unchanged article is skipped, a changed one replaces
    its graph; entities are merged across articles. Unchanged means the same text, title,
    date, source and url, built by the same graphbuild version with the same model (name and
    version), extractors and output settings (graphbuild settings); --force rebuilds all.
    Safe to interrupt: each article is written in one transaction. --store
    http://HOST:PORT/… writes to a SPARQL 1.1 endpoint with Update instead (Oxigraph's
    server, Virtuoso), one request per article.

    On a Dask cluster (--scheduler tcp://HOST:PORT, or local:N for N worker processes
    here): the workers parse and extract, this process writes the store as above, so the
    store and its idempotence are the same. --emit DIR writes N-Quads partition files
    instead of a store, for a bulk load (oxigraph load --location STORE --file DIR/*.nq);
    the same build with --store STORE afterwards finds every article and only merges.

    Skipped (exit status 1, each named in one warning): unreadable inputs, articles over
    100,000 characters, articles not in English and articles whose parsing or extraction
    fails, the same in every mode (one build path); the others go in.

    Exit status: 0 all inputs read; 1 some inputs were skipped (each named in a warning);
    2 error.

    \b
    Examples:
      graphbuild build seeds/ --out out/
      graphbuild build corpus.jsonl.gz --store out/store --jobs 2
      graphbuild build corpus.jsonl.gz --store out/store --scheduler tcp://10.0.0.5:8786
      graphbuild build corpus.jsonl.gz --emit out/nq --scheduler local:4
    """
    quiet_logs(quiet)
    _check_options(store_dir, out_dir, emit_dir, jobs, force, no_merge, no_html)
    from graphbuild.calibration import set_build_filters  # worker processes too

    set_build_filters(min_confidence, named_only)
    if corpus_date is not None:  # checked here, inherited by worker processes
        from graphbuild.settings import parse_corpus_date

        os.environ["GRAPHBUILD_CORPUS_DATE"] = parse_corpus_date(corpus_date)
    _check_scheduler(scheduler, store_dir, emit_dir, jobs)
    bar_off = quiet or as_json
    if emit_dir:
        skipped = _emit(list(inputs), Path(emit_dir), model, jobs, bar_off, scheduler,
                        as_json)
    elif store_dir:
        from graphbuild.store.location import store_location

        skipped = _store(list(inputs), store_location(store_dir), model, jobs, bar_off,
                         merge=not no_merge, scheduler=scheduler, force=force,
                         as_json=as_json)
    else:
        skipped = _files(list(inputs), Path(out_dir or "out"), model, no_html, quiet, as_json)
    if skipped:
        log.warning("%d input(s) skipped (see warnings above)", skipped)
        sys.exit(1)
