"""The page's controls in headless Chromium, on the claims fixture (dated articles, a
javascript: URL, claims and quotations): confidence and date sliders, concepts and
double-click expansion, community colours, the claim/edge panels and "save as PNG"."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph

from graphbuild.view import Selection, render_html, to_networkx
from graphbuild.view.choose import select_view
from tests.view.test_browser import CHROMIUM, FIXTURES, Opened, _assert_clean, _open, _panel

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} not installed"),
]
pytest.importorskip("playwright.sync_api", reason="playwright not installed")

ID = "https://w3id.org/graphbuild/id/"
ZAK, FB, US = ID + "person/Maria_Zakharova", ID + "organization/Facebook", \
    ID + "place/United_States"
VISIBLE = "gbNetwork.body.data.edges.get({filter: e => !e.hidden}).map(e => e.label).sort()"


@pytest.fixture(scope="module")
def claims(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Opened]:
    g = to_networkx(Graph().parse(FIXTURES / "claims.ttl", format="turtle"))
    path = render_html(g, tmp_path_factory.mktemp("claims") / "c.html", title="claims")
    o = _open(browser, path)
    yield o
    o.page.context.close()


def test_claim_edge_panel_and_safe_links(claims: Opened) -> None:
    page = claims.page
    edge = page.evaluate("gbNetwork.body.data.edges.get({filter: e => e.label === "
                         "'claims about'})[0].id")
    assert page.evaluate("(id) => gbNetwork.body.data.edges.get(id).gbKind", edge) == "claim"
    page.evaluate("(id) => gbShowEdge(id)", edge)
    text = _panel(claims)
    assert "Facebook of allegedly blocking accounts" in text and "allegedly" in text
    assert "confidence 0.70" in text and "2020-10-01" in text
    hrefs = page.evaluate("Array.from(document.querySelectorAll('#gb-panel a'))"
                          ".map(a => a.getAttribute('href'))")
    assert hrefs == ["https://example.org/news/c1"]  # the javascript: URL is plain text
    accuse = page.evaluate("gbNetwork.body.data.edges.get({filter: e => e.label === "
                           "'accuse'})[0].id")
    page.evaluate("(id) => gbShowEdge(id)", accuse)
    marks = page.evaluate("Array.from(document.querySelectorAll('#gb-panel mark'))"
                          ".map(m => [m.className, m.textContent])")
    assert marks == [["gb-s", "The ministry"], ["gb-v", "accused"], ["gb-o", "Facebook"]]
    _assert_clean(claims)


def test_confidence_and_date_sliders(claims: Opened) -> None:
    page = claims.page
    before = page.evaluate(VISIBLE)
    assert "claims about" in before and "quoted on" in before
    page.evaluate("gbSetMinConfidence(0.85)")  # claims 0.75, accuse 0.8: hidden
    assert page.evaluate(VISIBLE) == ["quoted on"]
    page.locator("#gb-conf").fill("0")
    page.locator("#gb-conf").dispatch_event("input")
    assert page.evaluate(VISIBLE) == before
    assert page.locator("#gb-dates").is_visible()
    page.evaluate("gbSetDates('2020-09-15', '')")  # only the October claim is in range
    assert page.evaluate(VISIBLE) == ["claims about"]
    page.evaluate("gbSetDates('', '')")
    assert page.evaluate(VISIBLE) == before


def test_community_colours_and_png(claims: Opened, tmp_path: Path) -> None:
    page = claims.page
    colours = "gbNetwork.body.data.nodes.get().map(n => n.color).join()"
    by_type = page.evaluate(colours)
    page.locator("#gb-community").check()
    assert page.evaluate(colours) != by_type
    page.locator("#gb-community").uncheck()
    assert page.evaluate(colours) == by_type
    with page.expect_download() as info:
        page.click("#gb-png")
    png = tmp_path / "g.png"
    info.value.save_as(png)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 2000
    _assert_clean(claims)


def test_concepts_box_and_double_click_expand(browser: Any, tmp_path: Path) -> None:
    g = to_networkx(Graph().parse(FIXTURES / "small.ttl", format="turtle"))
    view, _ = select_view(g, Selection(limit=2))  # 2 drawn, neighbours carried hidden
    o = _open(browser, render_html(view, tmp_path / "s.html"))
    try:
        page = o.page
        drawn = "gbNetwork.body.data.nodes.get({filter: n => !n.hidden}).length"
        assert page.evaluate(drawn) == 2
        hidden = page.evaluate("gbNetwork.body.data.nodes.get({filter: n => n.hidden})"
                               ".map(n => n.id)")
        shown = page.evaluate("gbNetwork.body.data.nodes.get({filter: n => !n.hidden})"
                              ".map(n => n.id)")
        assert hidden
        others = [h for h in hidden if "/concept/" in h or "/agent/" in h]
        page.locator("#gb-concepts").check()
        assert page.evaluate(drawn) == 2 + len(others)
        page.locator("#gb-concepts").uncheck()
        assert page.evaluate(drawn) == 2
        neighbours = set(page.evaluate("(id) => gbNetwork.getConnectedNodes(id)", shown[0]))
        added = page.evaluate("(id) => gbExpand(id)", shown[0])
        now = set(page.evaluate("gbNetwork.body.data.nodes.get({filter: n => !n.hidden})"
                                ".map(n => n.id)"))
        assert added >= 1 and len(now) == 2 + added
        assert now - set(shown) <= neighbours | set(page.evaluate(
            "(id) => gbNetwork.body.data.edges.get({filter: e => e.from === id || "
            "e.to === id}).map(e => e.from === id ? e.to : e.from)", shown[0]))
        _assert_clean(o)
    finally:
        o.page.context.close()
