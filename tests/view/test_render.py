"""The HTML page: self-contained, and every article text escaped."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from rdflib import Graph

from graphbuild.view import GraphView, html_string, render_html, show, to_networkx
from graphbuild.view.render import safe_json, vis_assets

FIXTURES = Path(__file__).parent / "fixtures"
PAYLOADS = [
    '"><img src=x onerror=alert(1)>',
    "</script><script>alert(1)</script>",
    "<b onmouseover=alert(1)>",
]


def _page(name: str, **kw: object) -> str:
    return html_string(to_networkx(Graph().parse(FIXTURES / name, format="turtle")), **kw)


@pytest.fixture(scope="module")
def small_html() -> str:
    return _page("small.ttl", title="Small test graph")


@pytest.fixture(scope="module")
def evil_html() -> str:
    return _page("malicious.ttl", title='</title><script>alert(1)</script>')


def _data(page: str) -> dict:
    match = re.search(r"var DATA = (\{.*?\});\n", page)
    assert match, "data block not found"
    return json.loads(match.group(1))


def test_self_contained(small_html: str) -> None:
    assert not re.search(r"<(script|link|img|iframe)\b[^>]*\b(src|href)\s*=", small_html, re.I)
    assert "<link" not in small_html.lower()
    assert "bootstrap" not in small_html.lower()
    assert "sourceMappingURL" not in small_html
    assert "vis.Network" in small_html and "vis-network" in small_html  # inlined library
    assert "default-src 'none'" in small_html  # CSP forbids any fetch


def test_page_content(small_html: str) -> None:
    assert "<title>Small test graph</title>" in small_html
    data = _data(small_html)
    assert len(data["nodes"]) == 9 and len(data["edges"]) == 4
    for node in data["nodes"]:
        assert isinstance(node["x"], float) and isinstance(node["y"], float)
    labels = {e["label"] for e in data["edges"]}
    assert labels == {"urge", "block", "accuse", "works for"}
    urge = next(e for e in data["edges"] if e["label"] == "urge")
    assert "The Russian Foreign Ministry urged Facebook" in urge["title"]
    assert "Moscow urges Facebook to reconsider" in urge["title"]
    assert "hedges: allegedly" in urge["title"]
    legend = re.search(r'<section id="gb-legend">(.*?)</section>', small_html, re.S).group(1)
    for name in ["Person", "Government organization", "Corporation", "Country", "City",
                 "Concept", "Unspecified agent", "News media organization"]:
        assert f'<span class="gb-type">{name}</span>' in legend
    assert "Event" not in legend  # only types present


def test_layout_is_deterministic(small_html: str) -> None:
    again = _page("small.ttl", title="Small test graph")
    assert _data(again)["nodes"] == _data(small_html)["nodes"]


def test_payloads_escaped(evil_html: str) -> None:
    for raw in PAYLOADS:
        assert raw not in evil_html
    assert "<img" not in evil_html.lower()
    assert "<b " not in evil_html.lower()
    assert "<!-- " not in evil_html
    # two script elements (vis-network + ours), nothing injected; vis-network itself has a
    # "<script>" inside a JS string (core-js), which is harmless: only "</script" closes.
    vis_js = str(vis_assets()[0]).lower()
    assert evil_html.lower().count("<script") == 2 + vis_js.count("<script")
    assert evil_html.lower().count("</script") == 2 and "</script" not in vis_js
    assert "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in evil_html


def test_payloads_survive_as_text(evil_html: str) -> None:
    """Escaping must not lose data: the JSON gives back the exact strings."""
    data = _data(evil_html)
    node_labels = {n["label"] for n in data["nodes"]}
    assert set(PAYLOADS[:2]) <= node_labels
    (edge,) = data["details"]["edges"].values()
    assert edge["evidence"][0]["hedges"] == [PAYLOADS[0]]
    assert PAYLOADS[1] in edge["evidence"][0]["sentence"]


def test_safe_json() -> None:
    value = {"a": "</script><!-- & \u2028 \u2029 >"}
    text = str(safe_json(value))
    assert not set("<>&\u2028\u2029") & set(text)
    assert json.loads(text) == value


def test_render_html_writes_file(tmp_path: Path) -> None:
    g = Graph().parse(FIXTURES / "small.ttl", format="turtle")
    out = render_html(g, tmp_path / "sub" / "g.html", title="x")  # rdflib graph accepted
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_empty_graph_page() -> None:
    page = html_string(Graph())
    assert "Nothing to draw" in page
    assert _data(page)["nodes"] == []


def test_graph_view_and_show(tmp_path: Path) -> None:
    g = to_networkx(Graph().parse(FIXTURES / "malicious.ttl", format="turtle"))
    view = GraphView(g, title="evil", height=400)
    frame = view._repr_html_()
    assert frame.startswith('<div class="graphbuild-view"><iframe srcdoc="')
    assert 'sandbox="allow-scripts"' in frame
    assert frame.count("<") == 4  # div + iframe tags only: the page is attribute-escaped
    assert "height:400px" in frame
    assert view.save(tmp_path / "v.html").exists()
    pytest.importorskip("IPython")
    shown = show(g, title="evil")
    assert '<iframe srcdoc="' in shown.data


def test_show_without_ipython(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "IPython", None)
    monkeypatch.setitem(sys.modules, "IPython.display", None)
    with pytest.raises(ImportError, match="needs IPython"):
        show(Graph())


def test_note_is_escaped_and_limit_applies() -> None:
    g = to_networkx(Graph().parse(FIXTURES / "small.ttl", format="turtle"))
    page = html_string(g, note="<img src=x onerror=alert(1)> & more")
    assert '<div id="gb-note">&lt;img src=x onerror=alert(1)&gt; &amp; more</div>' in page
    capped = html_string(g, limit=3)
    drawn = [n for n in _data(capped)["nodes"] if not n["hidden"]]
    assert len(drawn) == 3 and all(n["gbEntity"] for n in drawn)
    assert "showing 3 of 7 entities; the most central by PageRank (4 left out" in capped
    everything = _data(html_string(g, limit=0))["nodes"]
    assert len(everything) == 9  # 7 entities drawn + 2 concepts/agents, hidden
    assert sorted(n["label"] for n in everything if n["hidden"]) == ["18 accounts",
                                                                   "unspecified agent"]


def test_large_graph_options() -> None:
    from graphbuild.view.visdata import options_for

    assert options_for(10)["physics"]["enabled"] is False  # positions come from Python
    assert options_for(10)["interaction"]["hover"] is True
    big = options_for(5000)
    assert big["edges"]["smooth"] == {"enabled": False}
    assert big["interaction"]["hideEdgesOnDrag"] is True and big["interaction"]["hover"] is False
