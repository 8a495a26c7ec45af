"""The timeline page in headless Chromium: loads offline without console errors, runs no
injected code, and its kind filters hide and show cards."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphbuild.timeline import Event
from graphbuild.timeline.page import write_timeline

pytestmark = pytest.mark.browser
HOSTILE = "</script><img src=x onerror=alert(1)>"


def _events() -> list[Event]:
    def ev(date: str | None, kind: str, text: str) -> Event:
        return Event(date=date, kind=kind, who="Maria Zakharova", text=text,
                     headline=f"A <b>{kind}</b> headline", outlet="TASS",
                     url="https://example.org/a", article="https://w3id.org/graphbuild/id/a",
                     node=f"https://w3id.org/graphbuild/id/a/{kind}")
    return [ev("2020-09-03", "said", "first words"), ev("2020-09-04", "did", "an act"),
            ev(None, "said", HOSTILE)]


def test_page_loads_without_errors_and_filters(browser, tmp_path: Path):
    page_file = write_timeline(_events(), tmp_path / "t.html", title="Timeline: test")
    context = browser.new_context(viewport={"width": 1200, "height": 800}, bypass_csp=True)
    requests: list[str] = []
    context.route("**/*", lambda r: (requests.append(r.request.url), r.continue_()
                                     if r.request.url.startswith("file:") else r.abort()))
    page = context.new_page()
    errors: list[str] = []
    dialogs: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(page_file.as_uri())
    page.wait_for_load_state("load")
    assert errors == [] and dialogs == []
    assert [u for u in requests if not u.startswith("file:")] == []
    assert page.locator("img").count() == 0
    assert page.locator(".tl-card").count() == 3
    assert page.locator(".tl-card:visible").count() == 3
    page.locator('.tl-filter[value="said"]').uncheck()
    assert page.locator(".tl-card:visible").count() == 1
    assert page.locator(".tl-group:visible").count() == 1  # empty dates are hidden too
    page.locator('.tl-filter[value="said"]').check()
    assert page.locator(".tl-card:visible").count() == 3
    assert HOSTILE in page.locator(".tl-group.tl-undated .tl-text").inner_text()
    context.close()
