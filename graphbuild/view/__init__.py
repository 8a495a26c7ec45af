"""Interactive view of a graphbuild graph: RDF -> networkx -> one self-contained HTML page.

>>> from graphbuild.view import to_networkx, render_html
>>> render_html(to_networkx(rdf_graph), "graph.html")  # doctest: +SKIP
"""

from graphbuild.view.netx import to_networkx
from graphbuild.view.notebook import GraphView, show
from graphbuild.view.render import html_string, render_html

__all__ = ["to_networkx", "render_html", "html_string", "show", "GraphView"]
