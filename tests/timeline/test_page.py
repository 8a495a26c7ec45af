"""The timeline page: grouped by date (undated last), escaped, links only to http(s)."""

from __future__ import annotations

import json

from graphbuild.timeline import Event, timeline_html
from graphbuild.timeline.page import safe_link

HOSTILE = "</script><img src=x onerror=alert(1)>"


def _event(date: str | None, text: str, *, url: str = "https://example.org/a",
           kind: str = "said") -> Event:
    return Event(date=date, kind=kind, who="Maria Zakharova", text=text, headline="Headline",
                 outlet="TASS", url=url, article="https://w3id.org/graphbuild/id/article/a",
                 node="https://w3id.org/graphbuild/id/article/a/quote/1-9")


def test_safe_link_keeps_only_http_urls():
    assert safe_link("https://example.org/x?a=1") == "https://example.org/x?a=1"
    assert safe_link(" http://example.org ") == "http://example.org"
    for bad in ("javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<b>",
                "//example.org", "example.org", "", "http://"):
        assert safe_link(bad) == "", bad


def test_groups_by_date_undated_last():
    html = timeline_html([_event("2020-09-03", "one"), _event("2020-09-03", "two"),
                          _event("2020-09-05", "three"), _event(None, "four")], title="T")
    dates = [g.split("</div>")[0] for g in html.split('class="tl-date">')[1:]]
    assert dates == ["2020-09-03", "2020-09-05", "undated"]
    assert html.index("one") < html.index("two") < html.index("three") < html.index("four")
    assert "4 appearances, 2020-09-03 – 2020-09-05, 1 undated" in html


def test_every_text_is_escaped():
    html = timeline_html([_event(None, HOSTILE, url="javascript:alert(1)")],
                         title=f"T {HOSTILE}", subtitle=HOSTILE)
    assert "<img" not in html
    assert html.count("<script") == 2  # the data block and the filter script, no more
    assert 'href="javascript' not in html
    data = html.split('id="tl-data">')[1].split("</script>")[0]
    assert json.loads(data)[0]["text"] == HOSTILE and "<" not in data


def test_an_empty_timeline_says_so():
    assert "Nothing to show." in timeline_html([], title="T")
