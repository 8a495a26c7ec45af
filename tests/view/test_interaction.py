"""Interaction in a real headless Chromium: highlight, search box, relation filter, and a
2,000-node page that becomes ready."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph

from graphbuild.view import render_html, to_networkx
from tests.view.test_browser import (
    CHROMIUM,
    FIXTURES,
    Opened,
    _assert_clean,
    _node_point,
    _open,
    _panel,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} not installed"),
]
pytest.importorskip("playwright.sync_api", reason="playwright not installed")


@pytest.fixture(scope="module")
def small(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Opened]:
    g = to_networkx(Graph().parse(FIXTURES / "small.ttl", format="turtle"))
    path = render_html(g, tmp_path_factory.mktemp("view") / "small.html", title="Small graph")
    o = _open(browser, path)
    yield o
    o.page.context.close()


ZAK = "https://w3id.org/graphbuild/id/person/Maria_Zakharova"
MIN = "https://w3id.org/graphbuild/id/organization/Russian_Foreign_Ministry"


def _dimmed(o: Opened) -> dict[str, bool]:
    return o.page.evaluate(
        "Object.fromEntries(gbNetwork.body.data.nodes.get().map(n => [n.id, !!n.gbDim]))")


def test_click_node_highlights_neighbourhood(small: Opened) -> None:
    page = small.page
    page.evaluate("gbClearHighlight()")
    x, y = _node_point(small, ZAK)
    page.mouse.click(x, y)
    dimmed = _dimmed(small)
    assert not dimmed[ZAK] and not dimmed[MIN]  # the node and its neighbour
    assert sum(dimmed.values()) == len(dimmed) - 2  # everything else is dimmed
    edges = page.evaluate("gbNetwork.body.data.edges.get().map(e => [e.label, !!e.gbDim])")
    assert dict(edges)["works for"] is False and dict(edges)["urge"] is True
    assert "spokeswoman" in _panel(small)
    box = page.locator("#gb-network canvas").bounding_box()
    page.mouse.click(box["x"] + 5, box["y"] + 5)  # empty canvas: back to normal
    assert not any(_dimmed(small).values())


def test_search_box_finds_and_focuses(small: Opened) -> None:
    page = small.page
    search = page.locator("#gb-search")
    search.fill("zakh")  # substring of the label, prefix of an alias, any case
    results = page.locator("#gb-results button")
    assert results.first.text_content().startswith("Maria Zakharova")
    search.fill("the min")  # alias "the ministry"
    assert "Russian Foreign Ministry" in results.first.text_content()
    results.first.click()
    assert page.evaluate("gbNetwork.getSelectedNodes()") == [MIN]
    assert "Russian Foreign Ministry" in page.locator("#gb-panel-title").text_content()
    assert not _dimmed(small)[MIN] and _dimmed(small)[ZAK] is False  # neighbour stays lit
    search.fill("nobody at all")
    assert "no match" in page.locator("#gb-results").text_content()
    page.evaluate("gbClearHighlight()")


def test_relation_filter_hides_unchecked_edges(small: Opened) -> None:
    page = small.page
    items = page.locator("#gb-filter-list label")
    assert items.count() == 4
    assert {i.text_content() for i in items.all()} == {"urge1", "block1", "accuse1",
                                                       "works for1"}
    hidden = "gbNetwork.body.data.edges.get().filter(e => e.hidden).map(e => e.label)"
    concept_edges = ["accuse", "block"]  # they end on a concept / unspecified agent
    assert sorted(page.evaluate(hidden)) == concept_edges
    page.locator("#gb-concepts").check()
    assert page.evaluate(hidden) == []
    page.locator("#gb-filter-list input[data-relation='urge']").uncheck()
    assert page.evaluate(hidden) == ["urge"]
    page.click("#gb-filter-none")
    assert sorted(page.evaluate(hidden)) == ["accuse", "block", "urge", "works for"]
    page.click("#gb-filter-all")
    assert page.evaluate(hidden) == []
    page.locator("#gb-concepts").uncheck()
    assert sorted(page.evaluate(hidden)) == concept_edges
    assert page.locator("#gb-filter-list input:checked").count() == 4


def test_large_synthetic_page_becomes_ready(browser: Any, tmp_path: Path) -> None:
    from graphbuild.view.pipeline import make_view
    from graphbuild.view.select import Selection
    from graphbuild.view.sparql import open_file
    from graphbuild.view.synthetic import write_synthetic

    store = open_file(write_synthetic(tmp_path / "big.ttl", 2000))
    g, _ = make_view(store, Selection(limit=0))
    path = render_html(g, tmp_path / "big.html", title="2,000 nodes", limit=0)
    o = _open(browser, path, timeout=90_000)
    try:
        page = o.page
        assert page.evaluate("gbNetwork.body.data.nodes.length") == 2000
        assert page.evaluate("gbNetwork.body.data.edges.length") == g.number_of_edges()
        assert page.evaluate("gbNetwork.physics.options.enabled") is False
        labelled = "gbNetwork.body.data.nodes.get({filter: n => n.label !== undefined}).length"
        assert page.evaluate(labelled) == 30  # the others wait for a zoom-in
        page.locator("#gb-search").fill("person 7")  # exact match before "Person 70..."
        page.locator("#gb-search").press("Enter")
        assert page.locator("#gb-panel-title").text_content() == "Person 7"
        assert page.evaluate(labelled) == 2000  # zoomed in on Person 7: every label
        assert page.evaluate("gbNetwork.body.edges['e0'].options.arrows.to.enabled") is True
        _assert_clean(o)
    finally:
        page.context.close()
