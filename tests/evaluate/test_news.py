"""News gold: the articles are built as make_jsonl.py builds them, the figures equal the
reference score.py's on the same graph, and a fast subset keeps its floors."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from click.testing import CliRunner

from graphbuild.cli import cli
from graphbuild.errors import InputError
from graphbuild.evaluate import news

#: a few documents (BBC with quotes and claims, a government statement): fast, varied
SUBSET = ["politics/005", "business/324", "uk_government/78C6FA20C3559F23A36974F2B22BC73A"]

#: just under the figures measured on SUBSET (README: news gold); a drop is a regression
FLOORS = {"entities R": 0.91, "entities P": 0.89, "quotes R": 0.97, "attribution": 0.97,
          "claims R": 0.85, "roles R": 0.89, "hedges R": 0.85}


@pytest.fixture(scope="module")
def subset_run(news_gold, tmp_path_factory):
    keep = tmp_path_factory.mktemp("news")
    rep = news.evaluate(news_gold, ids=SUBSET, keep=keep)
    return rep, keep


def test_articles_are_built_as_make_jsonl_builds_them(news_gold, tmp_path):
    out = tmp_path / "dev.jsonl"
    subprocess.run([sys.executable, str(news_gold.parent / "make_jsonl.py"), str(news_gold),
                    str(news_gold.parent.parent), str(out)], check=True)
    want = [json.loads(x) for x in out.read_text().splitlines()]
    assert news.article_rows(news.load_gold(news_gold), news_gold.parent.parent) == want


def test_figures_equal_the_reference_scorer_on_the_same_graph(news_gold, subset_run, tmp_path):
    rep, keep = subset_run
    gold = news.load_gold(news_gold)
    sub = {"documents": [d for d in gold["documents"] if d["id"] in SUBSET]}
    (tmp_path / "gold.json").write_text(json.dumps(sub))
    ref = subprocess.run([sys.executable, str(news_gold.parent / "score.py"),
                          str(tmp_path / "gold.json"), str(keep / "graph.trig")],
                         check=True, capture_output=True, text=True).stdout
    assert ref.strip().splitlines()[-1] == rep.last_line()
    # the per-document recall columns too (score.py prints two decimals)
    for d in rep.docs:
        row = next(x for x in ref.splitlines() if x.startswith(d.id[:46]))
        ent_r = row[47:].split()[0]
        f = rep.figures(d.counts)["entities R"]
        assert ent_r == (f"{f:.2f}" if f is not None else "-")


def test_subset_keeps_its_floors(subset_run):
    rep, _ = subset_run
    got = rep.figures()
    low = {k: round(got[k], 3) for k, v in FLOORS.items() if got[k] is None or got[k] < v}
    assert not low, f"below floor: {low}"


def test_cli_prints_every_figure_and_the_misses(news_gold, subset_run):
    _, keep = subset_run
    res = CliRunner().invoke(cli, ["evaluate", "news", str(news_gold), "--doc", SUBSET[0],
                                   "--graph", str(keep / "graph.trig"), "--details"])
    assert res.exit_code == 0, res.output
    assert SUBSET[0] in res.output
    for name, *_ in news.RATIOS:
        assert re.search(rf"^  {re.escape(name)}\s", res.output, re.M), name
    assert re.search(r"^entities R [\d.]+ P [\d.]+ dup", res.output, re.M)
    js = CliRunner().invoke(cli, ["evaluate", "news", str(news_gold), "--doc", SUBSET[0],
                                  "--graph", str(keep / "graph.trig"), "--json"])
    data = json.loads(js.output)
    assert [d["id"] for d in data["documents"]] == [SUBSET[0]]
    assert data["last_line"].startswith("entities R")


def test_unknown_document_is_a_named_error(news_gold):
    with pytest.raises(InputError, match="no gold document"):
        news.evaluate(news_gold, ids=["politics/nope"])
