"""Issue 13's bars, measured in headless Chromium on real pages.

* the seed article's view: Maria Zakharova joined by quotation/claim edges to Facebook,
  Twitter and the United States; no concept drawn; her panel shows her quotations' text;
* a 150-article BBC store's default view (slow): at least 95% of the drawn nodes are named
  entities, at least 85% have an edge, and the labels of the 30 highest-ranked nodes are
  drawn at 12 px or more with no two overlapping (vis-network's own positions and label
  boxes).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from rdflib import Dataset, URIRef

from tests.conftest import SEEDS
from tests.corpus.helpers import bbc_rows, write_jsonl
from tests.view.test_browser import CHROMIUM, _assert_clean, _open, _panel

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} not installed"),
]
pytest.importorskip("playwright.sync_api", reason="playwright not installed")

SDO = "https://schema.org/"
ZAK = "https://w3id.org/graphbuild/id/person/Maria_Zakharova"

# Drawn-node, edge and label figures of the page, from vis-network's own state.
STATS = """() => {
  const net = gbNetwork, scale = net.getScale();
  const drawn = net.body.data.nodes.get({filter: n => !n.hidden});
  const ids = new Set(drawn.map(n => n.id));
  const edges = net.body.data.edges.get({filter: e => !e.hidden && ids.has(e.from)
                                                       && ids.has(e.to)});
  const ends = new Set(); edges.forEach(e => { ends.add(e.from); ends.add(e.to); });
  const top = drawn.filter(n => n.gbRank < 30).map(n => n.id);
  const labels = top.map(id => {
    const node = net.body.nodes[id], box = node.labelModule.size;
    const px = Math.min(node.options.font.size * scale,
                        node.options.scaling.label.maxVisible);
    return {id: id, px: px, left: box.left, top: box.top, width: box.width,
            height: box.height, drawn: px >= node.options.scaling.label.drawThreshold - 1};
  });
  return {drawn: drawn.length, entities: drawn.filter(n => n.gbEntity).length,
          withEdge: drawn.filter(n => ends.has(n.id)).length, labels: labels, scale: scale};
}"""


def _overlaps(labels: list[dict]) -> list[tuple[str, str]]:
    out = []
    for i, a in enumerate(labels):
        for b in labels[i + 1:]:
            if (a["left"] < b["left"] + b["width"] and b["left"] < a["left"] + a["width"]
                    and a["top"] < b["top"] + b["height"]
                    and b["top"] < a["top"] + a["height"]):
                out.append((a["id"], b["id"]))
    return out


def _run(*args: str, timeout: float = 900) -> None:
    done = subprocess.run([sys.executable, "-m", "graphbuild", *args], capture_output=True,
                          text=True, timeout=timeout)
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def seed_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("seedbar") / "out"
    _run("build", str(SEEDS), "--out", str(out))
    return out


def _quotations(trig: Path, speaker: str) -> list[str]:
    ds = Dataset(default_union=True)
    ds.parse(trig, format="trig")
    return [str(t) for q in ds.subjects(URIRef(SDO + "spokenByCharacter"), URIRef(speaker))
            for t in ds.objects(q, URIRef(SDO + "text"))]


def test_seed_view_shows_who_said_what_to_whom(browser: Any, seed_out: Path) -> None:
    o = _open(browser, seed_out / "graph.html")
    try:
        page = o.page
        said = page.evaluate("""(zak) => gbNetwork.body.data.edges.get({filter: e =>
            !e.hidden && e.from === zak && (e.gbKind === 'quote' || e.gbKind === 'claim')})
            .map(e => gbNetwork.body.data.nodes.get(e.to).label)""", ZAK)
        assert {"Facebook", "Twitter", "United States"} <= set(said)
        concepts = page.evaluate("gbNetwork.body.data.nodes.get({filter: n => !n.hidden "
                                 "&& !n.gbEntity}).length")
        assert concepts == 0
        assert page.evaluate("gbNetwork.body.data.nodes.get({filter: n => !n.gbEntity})"
                             ".length") > 0  # carried, one click away
        page.evaluate("(id) => gbShowNode(id)", ZAK)
        panel = " ".join(_panel(o).split())
        quotes = _quotations(seed_out / "graph.trig", ZAK)
        assert len(quotes) >= 5
        for text in quotes:
            assert " ".join(text.split()) in panel
        page.locator("#gb-concepts").check()
        assert page.evaluate("gbNetwork.body.data.nodes.get({filter: n => !n.hidden "
                             "&& !n.gbEntity}).length") > 0
        stats = page.evaluate(STATS)
        assert all(label["px"] >= 12 for label in stats["labels"])
        _assert_clean(o)
    finally:
        o.page.context.close()


@pytest.mark.slow
def test_bbc_store_default_view_is_readable(browser: Any,
                                            tmp_path_factory: pytest.TempPathFactory) -> None:
    folder = tmp_path_factory.mktemp("bbc150")
    corpus = write_jsonl(folder / "bbc150.jsonl", bbc_rows(150))
    _run("build", str(corpus), "--store", str(folder / "store"))
    page_file = folder / "view.html"
    _run("view", "--store", str(folder / "store"), "--out", str(page_file))
    o = _open(browser, page_file, timeout=60_000)
    try:
        stats = o.page.evaluate(STATS)
        figures = {k: stats[k] for k in ("drawn", "entities", "withEdge")}
        print("bbc150 view:", json.dumps(figures))
        assert stats["drawn"] == 300
        assert stats["entities"] / stats["drawn"] >= 0.95, figures
        assert stats["withEdge"] / stats["drawn"] >= 0.85, figures
        labels = stats["labels"]
        assert len(labels) == 30
        assert min(label["px"] for label in labels) >= 12
        assert all(label["drawn"] and label["width"] > 0 for label in labels)
        assert _overlaps(labels) == []
        _assert_clean(o)
    finally:
        o.page.context.close()
