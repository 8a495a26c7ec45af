"""networkx (or RDF) graph -> ONE self-contained HTML page (vis-network inlined).

The page loads nothing from anywhere: vis-network's JS and CSS are read from the pyvis
package and inlined, the legend swatches are inline SVG, fonts are system fonts.
Article text reaches the page only (a) HTML-escaped by Jinja2's autoescape, or (b) inside
the JSON data block, where ``<``, ``>``, ``&``, U+2028 and U+2029 are written as
``\\uXXXX`` escapes so no ``</script>`` or ``<!--`` can appear in it.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx
from jinja2 import Environment
from markupsafe import Markup
from rdflib import Graph

from graphbuild.gctune import fewer_collections
from graphbuild.view.choose import select_view
from graphbuild.view.community import add_communities
from graphbuild.view.entity_graph import entity_graph
from graphbuild.view.select import DEFAULT_LIMIT, Selection
from graphbuild.view.style import edge_swatch_svg, humanize, swatch_svg
from graphbuild.view.visdata import EDGE_STYLES, WEAK_OPACITY, vis_data

__all__ = ["html_string", "render_html", "safe_json", "as_networkx", "page_js", "vis_assets"]

VIS_VERSION = "vis-9.1.2"
_SOURCE_MAP = re.compile(r"^\s*//[#@]\s*sourceMappingURL=.*$", re.MULTILINE)
_CSS_SOURCE_MAP = re.compile(r"/\*[#@]\s*sourceMappingURL=.*?\*/", re.DOTALL)
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                 "\u2028": "\\u2028", "\u2029": "\\u2029"}
_JSON_UNSAFE = re.compile("[<>&\u2028\u2029]")


def safe_json(value: Any) -> Markup:
    """JSON for a ``<script>`` block: ``<``, ``>``, ``&`` and line separators escaped."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return Markup(_JSON_UNSAFE.sub(lambda m: _JSON_ESCAPES[m.group(0)], text))


def _vis_file(name: str) -> str:
    pkg = resources.files("pyvis")
    for folder in (pkg / "lib" / VIS_VERSION, pkg / "templates" / "lib" / VIS_VERSION):
        candidate = folder / name
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8")
    raise FileNotFoundError(f"{VIS_VERSION}/{name} not found in the pyvis package")


@lru_cache(maxsize=1)
def vis_assets() -> tuple[Markup, Markup]:
    """vis-network's (JS, CSS), source-map comments removed, checked safe to inline."""
    js = _SOURCE_MAP.sub("", _vis_file("vis-network.min.js"))
    css = _CSS_SOURCE_MAP.sub("", _vis_file("vis-network.css"))
    if "</script" in js.lower() or "<!--" in js:
        raise RuntimeError("vis-network.min.js cannot be inlined safely")
    if "</style" in css.lower():
        raise RuntimeError("vis-network.css cannot be inlined safely")
    return Markup(js), Markup(css)


@lru_cache(maxsize=1)
def page_js() -> Markup:
    """graphbuild's own page script (``page.js``), checked safe to inline."""
    js = resources.files("graphbuild.view").joinpath("page.js").read_text(encoding="utf-8")
    if "</script" in js.lower() or "<!--" in js:
        raise RuntimeError("page.js cannot be inlined safely")
    return Markup(js)


@lru_cache(maxsize=1)
def _template():
    env = Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True)
    source = resources.files("graphbuild.view").joinpath("template.html")
    return env.from_string(source.read_text(encoding="utf-8"))


def as_networkx(graph: Graph | nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Accept an rdflib Graph/Dataset (-> its entity graph) or a networkx graph."""
    if isinstance(graph, nx.Graph):
        return graph if isinstance(graph, nx.MultiDiGraph) else nx.MultiDiGraph(graph)
    if isinstance(graph, Graph):
        return entity_graph(graph)
    raise TypeError(f"expected an rdflib Graph or a networkx graph, not {type(graph)!r}")


@fewer_collections()
def html_string(graph: Graph | nx.MultiDiGraph, *, title: str = "graphbuild",
                seed: int = 7, note: str = "", limit: int = DEFAULT_LIMIT,
                rank: str = "pagerank") -> str:
    """The whole page as a string. ``graph``: networkx MultiDiGraph from
    :func:`to_networkx`, or an rdflib Graph/Dataset (converted first). A graph of more
    than ``limit`` nodes (0: no limit) is cut to the ``limit`` most central ones by
    ``rank`` and the page says so; ``note`` is shown above the graph (plain text)."""
    g = as_networkx(graph)
    cut = ""
    if not any("shown" in d for _, d in g.nodes(data=True)):
        g, cut = select_view(g, Selection(limit=limit, rank=rank))
    add_communities(g)
    data = vis_data(g, seed=seed)
    legend = [{"swatch": Markup(swatch_svg(t)), "label": humanize(t), "type": t,
               "count": n or "hidden"} for t, n in data["types"].items()]
    edge_legend = [{"swatch": Markup(edge_swatch_svg(c)), "label": text, "kind": k,
                    "count": data["kinds"].get(k, 0)} for k, (c, text) in EDGE_STYLES.items()]
    edge_legend += [
        {"swatch": Markup(edge_swatch_svg("#5d6d7e", dashed=True, opacity=WEAK_OPACITY)),
         "label": "dashed, lighter: hedged, reported or confidence < 0.6", "kind": "weak",
         "count": None},
        {"swatch": Markup(edge_swatch_svg("#5d6d7e", width=6)),
         "label": "thicker: more evidence sentences", "kind": "width", "count": None}]
    payload = {k: data[k] for k in ("nodes", "edges", "options", "details", "dates")}
    js, css = vis_assets()
    return _template().render(
        title=title, vis_js=js, vis_css=css, data_json=safe_json(payload), legend=legend,
        edge_legend=edge_legend, n_nodes=sum(1 for n in data["nodes"] if not n["hidden"]),
        n_edges=sum(1 for e in data["edges"] if not e.get("hidden")), note=note or cut,
        page_js=page_js(),
    )


def render_html(graph: Graph | nx.MultiDiGraph, path: str | Path, *,
                title: str = "graphbuild", seed: int = 7, note: str = "",
                limit: int = DEFAULT_LIMIT, rank: str = "pagerank") -> Path:
    """Write the self-contained page to ``path`` (UTF-8) and return the path."""
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(html_string(graph, title=title, seed=seed, note=note, limit=limit,
                               rank=rank), encoding="utf-8")
    return out
