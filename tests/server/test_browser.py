"""The server's pages in headless Chromium, over a store holding HTML/JS payloads in names,
quotes and headlines: no dialog fires and no injected element appears.

Pages are loaded with the Content-Security-Policy *bypassed*, so the test checks the
escaping itself (the CSP is a second line that would otherwise hide a failure)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import pytest

from tests.server.conftest import EVIL_ENTITY_SLUG, IMG, SCRIPT, Server

pytestmark = pytest.mark.browser

HOSTILE_SELECT = """SELECT ?node ?text WHERE {
  { ?node rdfs:label|skos:altLabel|schema:headline|schema:jobTitle ?text }
  UNION { ?node a schema:Quotation ; schema:text ?text }
  FILTER(CONTAINS(?text, "<img") || CONTAINS(?text, "</script>"))
} ORDER BY ?node ?text"""

HOSTILE_CONSTRUCT = """CONSTRUCT { ?s ?p ?o } WHERE {
  ?s ?p ?o . ?s rdfs:label ?l FILTER(CONTAINS(?l, "<img") || CONTAINS(?l, "</script>")) }"""


@dataclass
class Watch:
    page: Any
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)


@pytest.fixture
def watch(browser: Any, server: Server) -> Iterator[Watch]:
    context = browser.new_context(bypass_csp=True, viewport={"width": 1300, "height": 900})
    page = context.new_page()
    w = Watch(page)

    def on_dialog(dialog: Any) -> None:
        w.dialogs.append(dialog.message)
        dialog.dismiss()

    def route(r: Any) -> None:
        url = r.request.url
        if url.startswith((server.url, "data:", "about:")):
            r.continue_()
        else:
            w.outside.append(url)
            r.abort()

    context.route("**/*", route)
    page.on("dialog", on_dialog)
    page.on("pageerror", lambda exc: w.errors.append(str(exc)))
    yield w
    context.close()


def _injected(frame: Any) -> dict[str, int]:
    return frame.evaluate("""() => ({
        img: document.querySelectorAll('img').length,
        handlers: document.querySelectorAll('[onerror],[onload],[onclick]').length,
        scripts: document.querySelectorAll('script').length })""")


def _assert_clean(w: Watch) -> None:
    assert w.dialogs == [], f"a dialog fired: {w.dialogs}"
    assert w.errors == [], w.errors
    assert w.outside == [], f"requests outside the server: {w.outside}"


def test_query_page_shows_hostile_results_as_text(server: Server, watch: Watch) -> None:
    page = watch.page
    page.goto(server.url + "?" + urlencode({"query": HOSTILE_SELECT, "run": "1"}))
    page.wait_for_selector("#gb-results table tbody tr")
    cells = page.locator("#gb-results td").all_text_contents()
    text = "\n".join(cells)
    assert f"Eve {IMG}" in text and f"Evie {SCRIPT}" in text
    assert any(SCRIPT in c for c in cells) and any(IMG in c for c in cells)
    page.wait_for_timeout(300)  # give an injected onerror handler time to fire
    assert _injected(page) == {"img": 0, "handlers": 0, "scripts": 2}
    link = page.locator("#gb-results a", has_text=f"person:{EVIL_ENTITY_SLUG}").first
    assert link.get_attribute("href") == f"/id/person/{EVIL_ENTITY_SLUG}"
    _assert_clean(watch)


def test_query_page_graph_view_of_hostile_construct(server: Server, watch: Watch) -> None:
    page = watch.page
    page.goto(server.url)
    page.fill("#gb-query", HOSTILE_CONSTRUCT)
    page.click("#gb-run")
    page.wait_for_selector("#gb-raw:not([hidden])")
    assert SCRIPT in page.locator("#gb-raw").text_content()
    page.wait_for_selector("#gb-view:not([hidden])")
    frame = page.frame_locator("#gb-view")
    frame.locator("#gb-network canvas").wait_for(timeout=15000)
    page.wait_for_timeout(300)
    view = next(f for f in page.frames if "/view?" in f.url)
    found = _injected(view)
    assert found["img"] == 0 and found["handlers"] == 0
    assert _injected(page) == {"img": 0, "handlers": 0, "scripts": 2}
    _assert_clean(watch)


def test_error_message_with_payload_is_text(server: Server, watch: Watch) -> None:
    page = watch.page
    page.goto(server.url)
    page.fill("#gb-query", f"SELECT * WHERE {{ ?s ?p {IMG} {SCRIPT}")
    page.click("#gb-run")
    page.wait_for_selector("#gb-error:not([hidden])")
    assert "400" in page.locator("#gb-error").text_content()
    page.wait_for_timeout(200)
    assert _injected(page) == {"img": 0, "handlers": 0, "scripts": 2}
    _assert_clean(watch)


@pytest.mark.parametrize("path", [f"/id/person/{EVIL_ENTITY_SLUG}", "/id/article/handmade",
                                  "/id/article/evil", "/id/person/Smith",
                                  "/id/other/Globex"])
def test_entity_pages_with_hostile_text(server: Server, watch: Watch, path: str) -> None:
    page = watch.page
    resp = page.goto(server.url.rstrip("/") + path)
    assert resp is not None and resp.status == 200
    page.wait_for_timeout(200)
    assert _injected(page) == {"img": 0, "handlers": 0, "scripts": 0}
    body = page.locator("main").text_content()
    assert IMG in body or SCRIPT in body  # the payload is shown, as text
    _assert_clean(watch)


def test_view_endpoint_alone(server: Server, watch: Watch) -> None:
    page = watch.page
    page.goto(server.url + "view?" + urlencode({"query": HOSTILE_CONSTRUCT}))
    page.wait_for_selector("#gb-network canvas", timeout=15000)
    page.wait_for_timeout(200)
    found = _injected(page)
    assert found["img"] == 0 and found["handlers"] == 0
    _assert_clean(watch)


def test_page_works_under_its_own_csp(browser: Any, server: Server) -> None:
    """Without bypassing the CSP: examples load, queries run, the graph view draws, and
    the browser refuses nothing."""
    from graphbuild.query import example

    context = browser.new_context()
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda msg: console.append(msg.text) if msg.type == "error" else None)
    try:
        page.goto(server.url + "?example=roles")
        assert page.input_value("#gb-query") == example("roles")
        page.select_option("#gb-example", "who-said-what")
        assert page.input_value("#gb-query") == example("who-said-what")
        page.click("#gb-run")
        page.wait_for_selector("#gb-results table tbody tr")
        assert "Maria Zakharova" in page.locator("#gb-results").text_content()
        page.select_option("#gb-example", "graph-whole")
        page.click("#gb-run")
        page.frame_locator("#gb-view").locator("#gb-network canvas").wait_for(timeout=15000)
        assert "truncated" in page.locator("#gb-status").text_content()  # 500-row cap
        assert console == [], console
    finally:
        context.close()


def test_entity_page_draws_its_neighbourhood_under_its_own_csp(browser: Any,
                                                                server: Server) -> None:
    """The entity page's sandboxed iframe draws the neighbourhood (the graph view page):
    the entity and its neighbours with labels; nothing leaves the host and the browser
    reports no error (a CSP refusal would be one)."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    console: list[str] = []
    outside: list[str] = []

    def route(r: Any) -> None:
        if r.request.url.startswith((server.url, "data:", "about:")):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page.on("console", lambda msg: console.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: console.append(str(exc)))
    try:
        resp = page.goto(server.url + "id/person/Maria_Zakharova")
        assert resp is not None and resp.status == 200
        page.frame_locator("#gb-entity-graph").locator("#gb-network canvas").wait_for(
            timeout=15000)
        page.wait_for_timeout(300)
        frame = next(f for f in page.frames if "/view/entity?" in f.url)
        drawn = frame.evaluate(
            "() => DATA.nodes.filter(n => !n.hidden).map(n => n.label)")
        assert "Maria Zakharova" in drawn and "Russian Foreign Ministry" in drawn
        assert "Maria Zakharova and its" in frame.locator("#gb-note").text_content()
        link = page.locator("a", has_text="open the graph view")
        assert link.get_attribute("href") == frame.url[len(server.url) - 1:]
        assert console == [], console
        assert outside == [], outside
    finally:
        context.close()


def test_neighbourhood_of_hostile_entity(server: Server, watch: Watch) -> None:
    page = watch.page
    page.goto(server.url.rstrip("/") + f"/id/person/{EVIL_ENTITY_SLUG}")
    page.frame_locator("#gb-entity-graph").locator("#gb-network canvas").wait_for(
        timeout=15000)
    page.wait_for_timeout(300)
    frame = next(f for f in page.frames if "/view/entity?" in f.url)
    found = _injected(frame)
    assert found["img"] == 0 and found["handlers"] == 0
    assert f"Eve {IMG}" in frame.evaluate("() => DATA.nodes.map(n => n.label)")
    _assert_clean(watch)
