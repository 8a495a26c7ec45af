"""Interactive view of a graphbuild graph: RDF -> networkx -> one self-contained HTML page.

>>> from graphbuild.view import to_networkx, render_html
>>> render_html(to_networkx(rdf_graph), "graph.html")  # doctest: +SKIP

A chosen part of a big graph or store (what ``graphbuild view`` does):

>>> from graphbuild import store as stores
>>> from graphbuild.view import Selection, write_view
>>> store = stores.open("store/", "r").store  # or view.sparql.open_file(FILE)  # doctest: +SKIP
>>> write_view(store, Selection(focus=("Maria Zakharova",), hops=2), "z.html")  # doctest: +SKIP
"""

from graphbuild.view.entity_graph import entity_graph
from graphbuild.view.notebook import GraphView, show
from graphbuild.view.pipeline import make_view, write_view
from graphbuild.view.render import html_string, render_html
from graphbuild.view.select import Selection, ViewSelectionError

#: The entity graph of an rdflib Graph/Dataset or a store (see :mod:`.entity_graph`).
to_networkx = entity_graph

__all__ = ["to_networkx", "entity_graph", "render_html", "html_string", "show", "GraphView",
           "Selection", "ViewSelectionError", "make_view", "write_view"]
