"""graphbuild.store.files.load_graph: formats by extension, union default graph, errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDFS, Literal, URIRef

from graphbuild.errors import GraphFileError, InputNotFoundError, UnsupportedFormatError
from graphbuild.export import serialize
from graphbuild.store import GRAPH_FILE_FORMATS, format_for_path, load_graph

MINI = Path(__file__).parents[1] / "fixtures" / "mini.ttl"
MARIA = URIRef("https://w3id.org/graphbuild/id/person/Maria_Zakharova")


def test_loads_fixture_into_default_union_dataset():
    ds = load_graph(MINI)
    assert ds.default_union is True
    assert len(ds) == 140
    assert (MARIA, RDFS.label, Literal("Maria Zakharova")) in ds
    assert dict(ds.namespaces())["schema"] == URIRef("https://schema.org/")


@pytest.mark.parametrize("ext", [".ttl", ".nt", ".nq", ".trig", ".jsonld", ".rdf", ".xml"])
def test_every_extension_loads_the_same_triples(tmp_path, ext):
    source = load_graph(MINI)
    fmt = {".rdf": "xml"}.get(ext, ext[1:])
    path = tmp_path / f"graph{ext}"
    path.write_text(serialize(source, fmt), encoding="utf-8")
    loaded = load_graph(path)
    assert set(loaded.triples((None, None, None))) == set(source.triples((None, None, None)))


def test_named_graphs_are_kept_and_queries_see_their_union(tmp_path):
    path = tmp_path / "g.trig"
    path.write_text(
        "@prefix ex: <http://example.org/> .\n"
        "ex:g1 { ex:a ex:p ex:b . }\n"
        "ex:g2 { ex:b ex:p ex:c . }\n",
        encoding="utf-8",
    )
    ds = load_graph(path)
    names = {str(g.identifier) for g in ds.graphs() if len(g)}
    assert names == {"http://example.org/g1", "http://example.org/g2"}
    rows = list(ds.query("SELECT ?x ?y WHERE { ?x <http://example.org/p> ?y }"))
    assert len(rows) == 2


def test_format_for_path():
    assert format_for_path("a/b/Graph.TTL") == "turtle"
    assert set(GRAPH_FILE_FORMATS) >= {".ttl", ".nt", ".nq", ".trig", ".jsonld", ".rdf", ".xml"}
    with pytest.raises(UnsupportedFormatError):
        format_for_path("graph.csv")


def test_missing_file(tmp_path):
    with pytest.raises(InputNotFoundError) as info:
        load_graph(tmp_path / "nope.ttl")
    assert "no such file" in str(info.value)


def test_directory_is_rejected(tmp_path):
    with pytest.raises(GraphFileError):
        load_graph(tmp_path)


def test_unknown_extension(tmp_path):
    path = tmp_path / "graph.csv"
    path.write_text("a,b\n", encoding="utf-8")
    with pytest.raises(UnsupportedFormatError):
        load_graph(path)


@pytest.mark.parametrize(
    ("name", "text", "line"),
    [
        ("bad.ttl", "@prefix a: <http://a/> .\na:x a:y a:z .\na:x a:y .\n", 3),
        ("bad.nt", "<http://a> <http://b> <http://c> .\n<http://a> <http://b> .\n", 2),
        ("bad.nq", "<http://a> <http://b> <http://c> .\n\n<http://a> <http://b> .\n", 3),
        ("bad.trig", "@prefix a: <http://a/> .\na:g {\n a:x a:y }\n", 3),
        ("bad.jsonld", '{\n  "@id": \n', 3),
        ("bad.rdf", '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="x">\n<a>\n', 4),
    ],
)
def test_parse_errors_are_one_line_with_file_and_line(tmp_path, name, text, line):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GraphFileError) as info:
        load_graph(path)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(f"[GB401] {path}: line {line}: ")
    assert len(message.split(": line ", 1)[1]) > len(f"{line}: ")  # a problem is described


def test_not_utf8(tmp_path):
    path = tmp_path / "latin1.ttl"
    path.write_bytes('<http://a> <http://b> "caf\u00e9" .\n'.encode("latin-1"))
    with pytest.raises(GraphFileError) as info:
        load_graph(path)
    assert "\n" not in str(info.value)
