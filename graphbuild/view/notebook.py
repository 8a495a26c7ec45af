"""Notebook display: an iframe whose ``srcdoc`` is the (attribute-escaped) page."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import Graph

from graphbuild.view.render import as_networkx, html_string, render_html

__all__ = ["GraphView", "show", "iframe"]

DEFAULT_HEIGHT = 650


def iframe(page: str, *, height: int = DEFAULT_HEIGHT) -> str:
    """A ``<div>`` holding an ``<iframe>`` (a bare iframe makes IPython warn) that shows
    ``page``: the page goes into ``srcdoc`` fully escaped, and the frame is sandboxed
    (scripts allowed, no same-origin access to the notebook)."""
    return (f'<div class="graphbuild-view"><iframe srcdoc="{html.escape(page, quote=True)}" '
            f'sandbox="allow-scripts" '
            f'style="width:100%;height:{int(height)}px;border:1px solid #dde3e8" '
            f'title="graphbuild graph"></iframe></div>')


class GraphView:
    """A graph ready to display: ``_repr_html_`` for notebooks, ``save(path)`` for files.

    ``graph`` is an rdflib Graph/Dataset or the networkx graph from ``to_networkx``.
    """

    def __init__(self, graph: Graph | nx.MultiDiGraph, *, title: str = "graphbuild",
                 height: int = DEFAULT_HEIGHT, seed: int = 7) -> None:
        self.graph = as_networkx(graph)
        self.title = title
        self.height = height
        self.seed = seed

    @property
    def html(self) -> str:
        """The whole self-contained page."""
        return html_string(self.graph, title=self.title, seed=self.seed)

    def save(self, path: str | Path) -> Path:
        """Write the page to ``path`` and return it."""
        return render_html(self.graph, path, title=self.title, seed=self.seed)

    def _repr_html_(self) -> str:
        return iframe(self.html, height=self.height)

    def __repr__(self) -> str:
        return (f"GraphView({self.title!r}, {self.graph.number_of_nodes()} nodes, "
                f"{self.graph.number_of_edges()} edges)")


def show(graph: Graph | nx.MultiDiGraph, *, title: str = "graphbuild",
         height: int = DEFAULT_HEIGHT, seed: int = 7) -> Any:
    """Display the graph in a notebook: returns an ``IPython.display.HTML`` iframe."""
    try:
        from IPython.display import HTML
    except ImportError as exc:
        raise ImportError(
            "graphbuild.view.show() needs IPython (pip install ipython); outside a notebook "
            "use graphbuild.view.render_html(graph, 'graph.html') instead"
        ) from exc
    view = GraphView(graph, title=title, height=height, seed=seed)
    return HTML(view._repr_html_())
