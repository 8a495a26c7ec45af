"""Every RDF export format re-parses into a graph isomorphic to the source."""

from __future__ import annotations

import io
import json

import pyoxigraph
import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from graphbuild.errors import UnsupportedFormatError
from graphbuild.export import EXPORT_FORMATS, export, format_for_path, serialize
from graphbuild.rdf.vocab import PREFIXES
from graphbuild.store import load_graph

from .conftest import graph_names, same_dataset, union

RDFLIB_NAMES = {"ttl": "turtle", "nt": "nt", "nq": "nquads", "trig": "trig",
                "jsonld": "json-ld", "xml": "xml"}
QUAD_FORMATS = ("nq", "trig", "jsonld")
ODD = 'Café "Zoë" <Žurnal> Дело 東京'


def reparse(text: str, fmt: str) -> Dataset:
    ds = Dataset(default_union=True)
    ds.parse(data=text, format=RDFLIB_NAMES[fmt])
    return ds


def test_formats():
    assert set(EXPORT_FORMATS) == {"ttl", "nt", "nq", "trig", "jsonld", "xml", "graphml",
                                   "gexf", "csv"}
    assert format_for_path("x/graph.JSONLD") == "jsonld"
    assert format_for_path("graph.rdf") == "xml"
    assert format_for_path("graph.txt") is None
    with pytest.raises(UnsupportedFormatError):
        serialize(Graph(), "yaml")


@pytest.mark.parametrize("fmt", sorted(RDFLIB_NAMES))
def test_round_trip_of_fixture_is_isomorphic(mini, fmt):
    text = serialize(mini, fmt)
    back = reparse(text, fmt)
    assert isomorphic(union(back), union(mini))
    assert len(union(back)) == 140
    assert ODD in {str(o) for o in back.objects()}


@pytest.mark.parametrize("fmt", QUAD_FORMATS)
def test_quad_formats_keep_named_graphs(mini_named, fmt):
    back = reparse(serialize(mini_named, fmt), fmt)
    assert graph_names(back) == graph_names(mini_named)
    assert same_dataset(back, mini_named)


@pytest.mark.parametrize("fmt", ["ttl", "nt", "xml"])
def test_triple_formats_write_the_union(mini_named, fmt):
    back = reparse(serialize(mini_named, fmt), fmt)
    assert isomorphic(union(back), union(mini_named))


def test_turtle_reparses_with_pyoxigraph(mini_named):
    text = serialize(mini_named, "ttl")
    quads = list(pyoxigraph.parse(text.encode("utf-8"), format=pyoxigraph.RdfFormat.TURTLE))
    assert len(quads) == len(union(mini_named))
    trig = serialize(mini_named, "trig")
    assert len(list(pyoxigraph.parse(trig.encode("utf-8"),
                                     format=pyoxigraph.RdfFormat.TRIG))) == len(quads)


def test_jsonld_has_compact_context(mini):
    doc = json.loads(serialize(mini, "jsonld"))
    assert doc["@context"] == {prefix: str(ns) for prefix, ns in PREFIXES.items()}
    text = json.dumps(doc)
    assert "schema:Person" in text and "https://schema.org/Person" not in text


def test_export_to_path_text_and_binary_streams(mini, tmp_path):
    path = tmp_path / "out.nt"
    export(mini, "nt", path)
    assert isomorphic(union(load_graph(path)), union(mini))
    assert [p.name for p in tmp_path.iterdir()] == ["out.nt"]  # no temporary file left
    text_out = io.StringIO()
    export(mini, "ttl", text_out)
    binary_out = io.BytesIO()
    export(mini, "ttl", binary_out)
    assert binary_out.getvalue().decode("utf-8") == text_out.getvalue()
    assert "<Žurnal> Дело 東京" in text_out.getvalue()  # written as UTF-8, not escaped


def test_export_of_plain_graph(mini):
    g = union(mini)
    back = reparse(serialize(g, "trig"), "trig")
    assert isomorphic(union(back), g)
