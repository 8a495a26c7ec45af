"""``graphbuild evaluate``: extraction quality of graphbuild's own pipeline on benchmarks."""

from __future__ import annotations

import json

import click

from graphbuild import nlp
from graphbuild.evaluate import mapping as mp

_MODEL = click.option("--model", default=nlp.DEFAULT_MODEL, show_default=True,
                      help="spaCy English pipeline to parse with (any installed one).")
_JSON = click.option("--json", "as_json", is_flag=True,
                     help="Print a machine-readable JSON report instead of tables.")


@click.group(name="evaluate")
def command() -> None:
    """Score graphbuild's extraction on benchmarks (CoNLL04, re3d, news gold).

    Runs graphbuild's own pipeline (spaCy parse and every extractor) on the benchmark's
    texts, maps its entities and facts onto the benchmark's types (tables in
    docs/evaluation.md), and prints precision, recall and F1 per type and micro-averaged,
    with the spaCy model that produced the figures. CoNLL04 is scored STRICTLY (exact token
    spans and types); re3d by span OVERLAP and type.

    \b
    Examples:
      graphbuild evaluate conll04 conll04_dev.json
      graphbuild evaluate conll04 conll04_dev.json --predictions pred.json --json
      graphbuild evaluate re3d re3d/ --predictions re3d-pred/
    """


@command.command(name="conll04")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--predictions", "out", type=click.Path(dir_okay=False),
              help="Write graphbuild's predictions here, in the input's SpERT JSON format.")
@_JSON
@_MODEL
@click.option("--limit", type=click.IntRange(min=1), help="Only the first N sentences.")
@click.option("--other", type=click.Choice(sorted(mp.CONLL04_OTHER_POLICIES)),
              default="none", show_default=True,
              help="What graphbuild predicts as CoNLL04 'Other' (see docs/evaluation.md).")
@click.option("--from-predictions", "scored", type=click.Path(exists=True, dir_okay=False),
              help="Do not run graphbuild: score this SpERT JSON file of predictions.")
def conll04_command(file: str, out: str | None, as_json: bool, model: str, limit: int | None,
                    other: str, scored: str | None) -> None:
    """Score graphbuild on a CoNLL04 file in SpERT JSON format (strict matching).

    Each sentence's tokens are joined with single spaces and run through graphbuild; names
    of people, organisations and places become Peop/Org/Loc, roles and statements become
    Work_For, Kill, Live_In… relations. A predicted span that does not fall on the
    benchmark's token boundaries counts as wrong.
    """
    from graphbuild.evaluate import conll04, report

    rep, pred = conll04.evaluate(file, model=model, limit=limit, other=other,
                                 predictions=scored)
    if out:
        conll04.save(pred, out)
    click.echo(json.dumps(rep, indent=2) if as_json else report.conll04_text(rep))


@command.command(name="re3d")
@click.argument("directory", metavar="DIR", type=click.Path(file_okay=False))
@click.option("--predictions", "out", type=click.Path(file_okay=False),
              help="Write predictions here as <subset>/entities.json and relations.json "
                   "(re3d's JSON-lines format).")
@_JSON
@_MODEL
@click.option("--mentions", type=click.Choice(["all", "names"]),
              default="all", show_default=True,
              help="Predict every resolved mention (names, pronouns, descriptions) or names "
                   "only.")
@click.option("--from-predictions", "scored", type=click.Path(exists=True, file_okay=False),
              help="Do not run graphbuild: score the predictions written to this folder.")
def re3d_command(directory: str, out: str | None, as_json: bool, model: str, mentions: str,
                 scored: str | None) -> None:
    """Score graphbuild on re3d: DIR is one subset folder or a folder of subsets.

    Gold annotations are those with confidence >= 0.5. Entities and relations count as
    correct when their type matches and their spans overlap the gold spans. Scores are
    printed per subset and, for several subsets, overall.
    """
    from graphbuild.evaluate import re3d, report

    rep, preds = re3d.evaluate(directory, model=model, mentions=mentions, predictions=scored)
    if out:
        for name, (ents, rels) in preds.items():
            re3d.write_predictions(out, name, ents, rels)
    click.echo(json.dumps(rep, indent=2) if as_json else report.re3d_text(rep))


@command.command(name="news")
@click.argument("gold", type=click.Path(dir_okay=False))
@click.option("--details", is_flag=True, help="List each miss and each wrong node per document.")
@_JSON
@_MODEL
@click.option("--doc", "ids", multiple=True, metavar="ID",
              help="Only this gold document (repeatable).")
@click.option("--data", "data_dir", type=click.Path(file_okay=False),
              help="Folder holding bbc_news/ and re3d/ [default: the gold folder's parent].")
@click.option("--scorer", type=click.Path(dir_okay=False),
              help="The reference scorer [default: score.py beside GOLD].")
@click.option("--graph", type=click.Path(exists=True, dir_okay=False),
              help="Do not build: score this TriG/Turtle graph.")
@click.option("--keep", type=click.Path(file_okay=False),
              help="Keep the built graph (graph.trig) and its input JSONL in this folder.")
def news_command(gold: str, details: bool, as_json: bool, model: str, ids: tuple[str, ...],
                 data_dir: str | None, scorer: str | None, graph: str | None,
                 keep: str | None) -> None:
    """Score graphbuild on a news-facts gold (news_gold/gold.json).

    Builds the gold's articles as its make_jsonl.py does (title, blank line, body), runs
    the same pipeline as `graphbuild build`, and scores the graph with the gold's own
    score.py (imported, so the figures are its figures): entities, quotations and their
    speakers, reported claims, roles, actions, relations and hedges, per document and in
    total; the last line is score.py's last line.

    \b
    Examples:
      graphbuild evaluate news ../shared/data/news_gold/gold.json
      graphbuild evaluate news ../shared/data/news_gold/gold.json --details --doc politics/318
    """
    from graphbuild.evaluate import news

    rep = news.evaluate(gold, ids=list(ids) or None, data_dir=data_dir, scorer=scorer,
                        model=model, graph=graph, keep=keep)
    click.echo(json.dumps(rep.to_json(), indent=2) if as_json else
               news.text_report(rep, details=details))
