"""The page in a real headless Chromium: draws, makes no request, runs no injected code."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph

from graphbuild.view import render_html, to_networkx

CHROMIUM = Path("/usr/bin/chromium")
FIXTURES = Path(__file__).parent / "fixtures"
SCREENSHOT = Path("/tmp/graphbuild-view.png")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} not installed "
                       "(apt-get install chromium) - browser tests skipped"),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright not installed")


@dataclass
class Opened:
    """A loaded page plus everything it tried to do."""

    page: Any
    url: str
    blocked: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)


def _open(browser: Any, html_file: Path, *, bypass_csp: bool = False,
          timeout: float = 15000) -> Opened:
    """Load the page, recording requests, errors and dialogs. With ``bypass_csp`` the
    page's Content-Security-Policy is ignored, so anything injected would really run or
    fetch (and be caught here) instead of being silently stopped by the CSP."""
    context = browser.new_context(viewport={"width": 1400, "height": 850},
                                  bypass_csp=bypass_csp)
    page = context.new_page()
    url = html_file.resolve().as_uri()
    opened = Opened(page=page, url=url)

    def route(r: Any) -> None:
        req_url = r.request.url
        if req_url == url or req_url.startswith(("data:", "about:")):
            r.continue_()
        else:
            opened.blocked.append(req_url)
            r.abort()

    context.route("**/*", route)
    page.on("request", lambda req: opened.requests.append(req.url))
    page.on("pageerror", lambda exc: opened.errors.append(str(exc)))
    page.on("console", lambda msg: msg.type == "error" and opened.console_errors.append(msg.text))

    def on_dialog(dialog: Any) -> None:
        opened.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.goto(url)
    # a selector, not wait_for_function: polling a JS predicate needs eval, which the
    # page's CSP forbids
    try:
        page.wait_for_selector("body[data-gb-ready='1']", state="attached", timeout=timeout)
    except sync_api.TimeoutError:
        pytest.fail(f"page never became ready: errors={opened.errors} "
                    f"dialogs={opened.dialogs} blocked={opened.blocked} "
                    f"console={opened.console_errors}")
    return opened


def _assert_clean(o: Opened) -> None:
    assert o.blocked == [], f"external requests attempted: {o.blocked}"
    assert all(u == o.url or u.startswith(("data:", "about:")) for u in o.requests), o.requests
    assert o.errors == [], o.errors
    assert o.console_errors == [], o.console_errors
    assert o.dialogs == [], f"a dialog fired: {o.dialogs}"


def _screen_point(o: Opened, js_canvas_point: str) -> tuple[float, float]:
    """Page coordinates of a point given in vis canvas coordinates."""
    box = o.page.locator("#gb-network canvas").bounding_box()
    dom = o.page.evaluate(f"(() => gbNetwork.canvasToDOM({js_canvas_point}))()")
    return box["x"] + dom["x"], box["y"] + dom["y"]


def _node_point(o: Opened, node_id: str) -> tuple[float, float]:
    return _screen_point(o, f"gbNetwork.getPositions([{node_id!r}])[{node_id!r}]")


def _edge_point(o: Opened, edge_id: str) -> tuple[float, float]:
    return _screen_point(o, f"gbNetwork.body.edges[{edge_id!r}].edgeType.getPoint(0.5)")


_EDGE_POINTS = """(id) => {
  const net = gbNetwork, edge = net.body.edges[id], out = [];
  for (const t of [0.5, 0.4, 0.6, 0.3, 0.7, 0.25, 0.75, 0.2, 0.8, 0.15, 0.85]) {
    const dom = net.canvasToDOM(edge.edgeType.getPoint(t));
    if (net.getEdgeAt(dom) === id && net.getNodeAt(dom) === undefined) { out.push(dom); }
  }
  return out;
}"""


def _click_edge(o: Opened, edge_id: str) -> None:
    """Click the edge with the mouse, like a person would: at its midpoint, or, where
    another edge or label lies over that, at the next point along it that selects it."""
    box = o.page.locator("#gb-network canvas").bounding_box()
    for dom in o.page.evaluate(_EDGE_POINTS, edge_id):
        o.page.mouse.click(box["x"] + dom["x"], box["y"] + dom["y"])
        if o.page.evaluate("gbNetwork.getSelectedEdges()") == [edge_id]:
            return
    pytest.fail(f"edge {edge_id} could not be clicked alone")


def _edge_id(o: Opened, label: str) -> str:
    return o.page.evaluate(
        "(label) => gbNetwork.body.data.edges.get({filter: e => e.label === label})[0].id",
        label)


def _panel(o: Opened) -> str:
    return o.page.locator("#gb-panel").text_content()


@pytest.fixture(scope="module")
def small(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Opened]:
    g = to_networkx(Graph().parse(FIXTURES / "small.ttl", format="turtle"))
    path = render_html(g, tmp_path_factory.mktemp("view") / "small.html", title="Small graph")
    o = _open(browser, path)
    o.page.g = g  # type: ignore[attr-defined]
    yield o
    o.page.context.close()


def test_draws_without_requests_or_errors(small: Opened) -> None:
    page, g = small.page, small.page.g  # type: ignore[attr-defined]
    assert page.locator("#gb-network canvas").count() == 1
    assert page.evaluate("document.querySelector('#gb-network canvas').width") > 0
    assert page.evaluate("gbNetwork.body.data.nodes.length") == g.number_of_nodes()
    assert page.evaluate("gbNetwork.body.data.edges.length") == g.number_of_edges()
    legend = page.locator("#gb-legend").text_content()
    for name in ["Person", "Government organization", "Corporation", "Country", "City",
                 "Concept", "Unspecified agent"]:
        assert name in legend
    _assert_clean(small)


def test_edge_panel_shows_evidence(small: Opened) -> None:
    edge = _edge_id(small, "urge")
    assert small.page.evaluate("(id) => gbShowEdge(id)", edge) is True
    text = _panel(small)
    assert "The Russian Foreign Ministry urged Facebook to reconsider such policy." in text
    assert "The ministry again urged Facebook to act." in text
    assert "Moscow urges Facebook to reconsider" in text
    assert "allegedly" in text and "claimed by Maria Zakharova" in text
    assert "2020-09-03" in text and "2021-02-10" in text  # article dates


def test_real_clicks(small: Opened) -> None:
    page = small.page
    page.evaluate("gbClearPanel()")
    x, y = _node_point(small, "https://w3id.org/graphbuild/id/person/Maria_Zakharova")
    page.mouse.click(x, y)
    text = _panel(small)
    assert "Maria Zakharova" in text and "Person" in text
    assert "Zakharova" in text and "spokeswoman" in text and "2 quotation(s)" in text

    # "block" ends on a concept: hidden until the concepts box is ticked
    assert page.evaluate("(id) => gbNetwork.body.data.edges.get(id).hidden",
                         _edge_id(small, "block")) is True
    page.locator("#gb-concepts").check()
    x, y = _edge_point(small, _edge_id(small, "block"))
    page.mouse.click(x, y)
    assert "Facebook blocked 18 accounts, the ministry said." in _panel(small)
    page.locator("#gb-concepts").uncheck()


def test_hover_tooltip_and_screenshot(small: Opened) -> None:
    page = small.page
    x, y = _edge_point(small, _edge_id(small, "urge"))
    page.mouse.move(x - 3, y - 3)
    page.mouse.move(x, y)
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5000)
    assert "The Russian Foreign Ministry urged Facebook" in tooltip.text_content()
    page.evaluate("(id) => gbShowEdge(id)", _edge_id(small, "urge"))
    page.screenshot(path=str(SCREENSHOT))
    assert SCREENSHOT.stat().st_size > 10_000
    _assert_clean(small)


def test_malicious_page_runs_no_injected_code(browser: Any, tmp_path: Path) -> None:
    g = to_networkx(Graph().parse(FIXTURES / "malicious.ttl", format="turtle"))
    path = render_html(g, tmp_path / "evil.html", title='"><img src=x onerror=alert(1)>')
    o = _open(browser, path, bypass_csp=True)
    page = o.page
    try:
        assert page.evaluate("gbNetwork.body.data.nodes.length") == 2
        edge = _edge_id(o, "urge</script><script>alert(1)</script>")
        x, y = _edge_point(o, edge)
        page.mouse.move(x, y)
        page.locator("div.vis-tooltip").wait_for(state="visible", timeout=5000)
        page.mouse.click(x, y)
        assert "</script><script>alert(1)</script>" in _panel(o)  # shown as text
        node = "https://w3id.org/graphbuild/id/person/%22%3E%3Cimg_src%3Dx_onerror%3Dalert%281%29%3E"
        page.evaluate("(id) => gbShowNode(id)", node)
        assert '"><img src=x onerror=alert(1)>' in _panel(o)
        page.wait_for_timeout(300)
        search = page.locator("#gb-search")
        for needle in ("<img", "</script>", "<b onmouseover"):
            search.fill(needle)
            assert page.locator("#gb-results button").count() >= 1
        search.fill("img src")
        assert '"><img src=x onerror=alert(1)>' in page.locator("#gb-results").text_content()
        search.press("Enter")  # focuses + highlights the node, panel shows it as text
        assert '"><img src=x onerror=alert(1)>' in _panel(o)
        rel = page.locator("#gb-filter-list").text_content()
        assert "urge</script><script>alert(1)</script>" in rel
        page.locator("#gb-filter-list input").first.uncheck()
        page.wait_for_timeout(300)
        assert page.evaluate("document.querySelectorAll('img').length") == 0
        assert page.evaluate("document.querySelectorAll('b').length") == 0
        assert page.evaluate("document.scripts.length") == 2
        assert page.title() == '"><img src=x onerror=alert(1)>'
        _assert_clean(o)
    finally:
        page.context.close()

