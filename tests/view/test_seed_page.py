"""The page ``graphbuild build`` writes, opened in headless Chromium with no network."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SEED, SEEDS
from tests.view.test_browser import (
    CHROMIUM,
    _assert_clean,
    _click_edge,
    _edge_id,
    _open,
    _panel,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} not installed"),
]
pytest.importorskip("playwright.sync_api", reason="playwright not installed")

EVIL = (
    'Acme Corp Sues Globex "><img src=x onerror=alert(1)>\n\n'
    "LONDON, May 2 (Reuters) - Acme Corp sued Globex Inc on Monday over "
    "</script><script>alert(1)</script> patents, the company said.\n\n"
    '"We will win </script><script>alert(1)</script> this case," Acme chief executive '
    'John Smith said. "Globex copied <img src=x onerror=alert(1)> our design," he added.\n'
)


def _build(inputs: list[Path], out: Path) -> Path:
    done = subprocess.run([sys.executable, "-m", "graphbuild", "build", *map(str, inputs),
                           "--out", str(out)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return out / "graph.html"


@pytest.fixture(scope="module")
def seed_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``graphbuild build seeds/ --out DIR``, once for the module."""
    out = tmp_path_factory.mktemp("seed") / "out"
    _build([SEEDS], out)
    return out


def test_seed_page_draws_and_edges_carry_their_sentence(browser: Any, seed_out: Path):
    assert SEED.parent == SEEDS
    o = _open(browser, seed_out / "graph.html")
    try:
        page = o.page
        assert page.evaluate("gbNetwork.body.data.nodes.length") >= 8
        labels = page.evaluate("gbNetwork.body.data.nodes.get().map(n => n.label)")
        assert {"Maria Zakharova", "Russian Foreign Ministry", "Facebook", "Twitter"} <= set(
            labels)
        legend = page.locator("#gb-legend").text_content()
        assert "Person" in legend and "Government organization" in legend
        edge = _edge_id(o, "urge")
        assert page.evaluate("(id) => gbShowEdge(id)", edge) is True
        assert "The Russian Foreign Ministry urged Facebook and Twitter" in _panel(o)
        titles = page.evaluate("gbNetwork.body.data.edges.get().map(e => e.title || '')")
        assert titles and all(t.strip() for t in titles), "every edge has a tooltip"
        _assert_clean(o)
    finally:
        o.page.context.close()


def test_hostile_article_text_never_becomes_markup(browser: Any, tmp_path: Path):
    art = tmp_path / "evil.txt"
    art.write_text(EVIL, encoding="utf-8")
    html_file = _build([art], tmp_path / "out")
    raw = html_file.read_text(encoding="utf-8")
    assert "<img src=x" not in raw and "<script>alert(1)" not in raw
    o = _open(browser, html_file, bypass_csp=True)
    try:
        page = o.page
        edge = _edge_id(o, "sue")
        page.evaluate("(id) => gbShowEdge(id)", edge)
        assert "</script><script>alert(1)</script> patents" in _panel(o)  # shown as text
        assert page.locator("img").count() == 0
        assert page.locator("script").count() == 2
        _assert_clean(o)
    finally:
        o.page.context.close()


def test_view_of_seed_graph_search_and_edge_click(browser: Any, seed_out: Path) -> None:
    """``graphbuild view DIR/graph.ttl``: the search box finds Zakharova, a real click on
    an edge shows its sentence."""
    from graphbuild.cli import main

    page_file = seed_out / "view.html"
    main(["view", str(seed_out / "graph.ttl"), "--out", str(page_file)])
    o = _open(browser, page_file)
    try:
        page = o.page
        search = page.locator("#gb-search")
        search.fill("Zakharova")
        assert "Maria Zakharova" in page.locator("#gb-results").text_content()
        search.press("Enter")
        zak = page.evaluate("gbNetwork.getSelectedNodes()")
        assert len(zak) == 1 and zak[0].endswith("/person/Maria_Zakharova")
        assert page.locator("#gb-panel-title").text_content() == "Maria Zakharova"
        assert "spokeswoman" in _panel(o)
        dimmed = page.evaluate("gbNetwork.body.data.nodes.get().filter(n => n.gbDim).length")
        assert dimmed > 0  # her neighbourhood is highlighted, the rest dimmed
        page.evaluate("gbClearHighlight()")
        page.evaluate("gbNetwork.fit({animation: false})")
        edge = page.evaluate("""() => gbNetwork.body.data.edges.get().find(e => e.label === "urge"
            && gbNetwork.body.data.nodes.get(e.to).label === "Facebook").id""")
        _click_edge(o, edge)
        text = _panel(o)
        assert "The Russian Foreign Ministry urged Facebook and Twitter" in text
        assert "September 3" in text  # the article's (dateline) date
        _assert_clean(o)
    finally:
        o.page.context.close()
