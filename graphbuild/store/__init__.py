"""Reading graph files (Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML) into a Dataset."""

from __future__ import annotations

from graphbuild.store.files import GRAPH_FILE_FORMATS, format_for_path, load_graph

__all__ = ["GRAPH_FILE_FORMATS", "format_for_path", "load_graph"]
