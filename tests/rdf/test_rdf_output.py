"""Quality bars of the RDF output: re-parsable, deterministic, stable IRIs, valid IRIs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import RDF, BNode, Graph, URIRef
from rdflib.compare import isomorphic

import graphbuild
from graphbuild.pipeline import union_graph
from graphbuild.rdf import serialize
from graphbuild.rdf.vocab import ENTITY_GRAPH, entity_iri, ontology, slug
from tests.conftest import ROOT, SEED

FIXTURES = ROOT / "tests" / "ingest" / "fixtures"


def test_turtle_reparses_isomorphically_in_rdflib_and_oxigraph(seed_graph):
    text = serialize.turtle(seed_graph)
    again = Graph().parse(data=text, format="turtle")
    assert isomorphic(seed_graph, again)
    ox = Graph()
    for q in pyoxigraph.parse(text.encode("utf-8"), format=pyoxigraph.RdfFormat.TURTLE):
        ox.add(tuple(_to_rdflib(t) for t in (q.subject, q.predicate, q.object)))
    assert isomorphic(seed_graph, ox)


def _to_rdflib(term):  # noqa: ANN001, ANN202
    from rdflib import Literal

    if isinstance(term, pyoxigraph.NamedNode):
        return URIRef(term.value)
    if isinstance(term, pyoxigraph.BlankNode):
        return BNode(term.value)
    dt = URIRef(term.datatype.value) if term.datatype else None
    if term.language:
        return Literal(term.value, lang=term.language)
    if dt is not None and str(dt) == "http://www.w3.org/2001/XMLSchema#string":
        return Literal(term.value)
    return Literal(term.value, datatype=dt, normalize=False)  # Oxigraph's form, untouched


def test_trig_keeps_one_graph_per_article_and_the_entity_graph(seed_dataset):
    from rdflib import Dataset

    ds = Dataset()
    ds.parse(data=serialize.trig(seed_dataset), format="trig")
    names = {str(g.identifier) for g in ds.graphs() if len(g)}
    assert str(ENTITY_GRAPH) in names
    assert any(n.endswith("article/sputnik-2020-09-03-facebook-twitter") for n in names)
    assert sum(len(g) for g in ds.graphs()) == sum(len(g) for g in seed_dataset.graphs())


def _build_ttl(out: Path, *inputs: str, seed: str) -> bytes:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    subprocess.run([sys.executable, "-m", "graphbuild", "build", *inputs, "--out", str(out),
                    "--no-html"], check=True, env=env, capture_output=True)
    return (out / "graph.ttl").read_bytes()


def test_building_twice_gives_the_same_turtle(tmp_path):
    a = _build_ttl(tmp_path / "a", str(SEED), seed="1")
    b = _build_ttl(tmp_path / "b", str(SEED), seed="2")
    assert a == b
    assert (tmp_path / "a" / "graph.trig").read_bytes() == \
        (tmp_path / "b" / "graph.trig").read_bytes()


def test_entity_iris_do_not_depend_on_article_order():
    texts = [str(FIXTURES / "harbour.txt"), str(SEED)]
    one = union_graph(graphbuild.build(texts))
    two = union_graph(graphbuild.build(list(reversed(texts))))
    assert isomorphic(one, two)
    entities = {s for s in one.subjects() if "/id/person/" in str(s)}
    assert entities and entities == {s for s in two.subjects() if "/id/person/" in str(s)}


def test_no_blank_nodes_anywhere(seed_dataset):
    assert not any(isinstance(t, BNode) for q in seed_dataset.quads() for t in q[:3])


NASTY = ['Jean "Le Grand" <Dupont>', "São Paulo Café", "Владимир Путин", "习近平", "a/b?c#d",
         "100% Real & True", "  spaced   out  ", "O'Brien", "tab\there"]


@pytest.mark.parametrize("name", NASTY)
def test_names_give_valid_iris(name):
    iri = entity_iri("person", name)
    pyoxigraph.NamedNode(str(iri))  # raises on an invalid IRI
    line = f"<{iri}> <http://example.org/p> \"x\" .\n"
    assert len(Graph().parse(data=line, format="nt")) == 1
    assert not any(c in str(iri) for c in ' "<>{}|\\^`\t')


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=40))
def test_slug_is_always_a_valid_iri_segment(text):
    iri = entity_iri("organization", text)
    pyoxigraph.NamedNode(str(iri))
    assert "/" not in slug(text)
    # the same name always gives the same IRI, whatever the surrounding whitespace
    assert entity_iri("organization", f"  {text} ") == iri or text.strip() != text


def test_ontology_documents_every_gb_term_used(seed_graph):
    onto = ontology()
    from rdflib.namespace import RDFS

    from graphbuild.rdf.vocab import GB

    used = {t for triple in seed_graph for t in triple
            if isinstance(t, URIRef) and str(t).startswith(str(GB))}
    documented = {s for s in onto.subjects(RDFS.comment, None)}
    assert used, "the seed graph uses graphbuild terms"
    assert used <= documented, sorted(used - documented)


def _oxigraph_store_graph(text: str) -> Graph:
    """The Turtle loaded into an Oxigraph store (which keeps literals in canonical form) and
    read back."""
    store = pyoxigraph.Store()
    store.load(text.encode("utf-8"), pyoxigraph.RdfFormat.TURTLE)
    g = Graph()
    for q in store:
        g.add(tuple(_to_rdflib(t) for t in (q.subject, q.predicate, q.object)))
    return g


def test_turtle_reads_the_same_in_rdflib_and_an_oxigraph_store(seed_graph):
    from rdflib.namespace import XSD

    text = serialize.turtle(seed_graph)
    assert any(getattr(o, "datatype", None) == XSD.decimal for o in seed_graph.objects())
    assert isomorphic(Graph().parse(data=text, format="turtle"), _oxigraph_store_graph(text))


@pytest.mark.parametrize("value", [0.9, 0.90, 1.0, 0.0, 0.855, 0.05, 0.123, 2.0])
def test_confidences_are_canonical_decimals(value: float) -> None:
    from graphbuild.rdf.convert import _dec

    lit = _dec(value)
    assert not str(lit).endswith("0") or str(lit) == "0"
    g = Graph()
    g.add((URIRef("http://a"), URIRef("http://p"), lit))
    text = serialize.turtle(g)  # graphbuild's writer keeps the canonical form ("1", not 1.0)
    (stored,) = _oxigraph_store_graph(text).objects()
    (read,) = Graph().parse(data=text, format="turtle").objects()
    assert str(stored) == str(read) == str(lit)
    assert float(str(lit)) == pytest.approx(round(value, 2))


@pytest.mark.parametrize(("text", "datatype", "stamp"), [
    ("2024-03-01", "date", None),
    ("2024-03-01T09:30:00+01:00", "dateTime", "2024-03-01T08:30:00Z"),
    ("2024-03-01T08:30:00.250Z", "dateTime", "2024-03-01T08:30:00.25Z"),
    ("2024-03-01 08:30", "dateTime", "2024-03-01T08:30:00"),
    # issue 16: written dates and feeds' RFC 2822 dates are normalised too (dateparser)
    ("1 March 2024", "date", None),
    ("Fri, 01 Mar 2024 09:30:00 +0100", "dateTime", "2024-03-01T08:30:00Z"),
])
def test_dates_are_canonical_and_timed_ones_give_generated_at_time(
        tmp_path: Path, text: str, datatype: str | None, stamp: str | None) -> None:
    import json

    from rdflib.namespace import PROV, SDO, XSD

    src = tmp_path / "dated.jsonl"
    src.write_text(json.dumps({"id": "d1", "date": text,
                               "text": "The mayor opened the bridge on Monday."}) + "\n")
    g = union_graph(graphbuild.build([str(src)]))
    (published,) = g.objects(None, SDO.datePublished)
    assert published.datatype == XSD[datatype]
    nt = f"<http://a> <http://p> {published.n3()} ."
    (stored,) = _oxigraph_store_graph(nt).objects()
    assert str(stored) == str(published)  # what Oxigraph's store keeps
    assert [str(t) for t in g.objects(None, PROV.generatedAtTime)] == ([stamp] if stamp else [])


def test_prov_o_triples_stand_beside_the_gb_ones(seed_graph):
    from rdflib.namespace import PROV

    from graphbuild.rdf.vocab import GB

    store = pyoxigraph.Store()
    store.load(serialize.turtle(seed_graph).encode("utf-8"), pyoxigraph.RdfFormat.TURTLE)
    (row,) = store.query("PREFIX prov: <http://www.w3.org/ns/prov#> "
                         "SELECT (COUNT(*) AS ?n) { ?s prov:wasDerivedFrom ?o }")
    assert int(row[0].value) > 0
    pairs = [(GB.sentence, PROV.wasDerivedFrom), (GB.article, PROV.hadPrimarySource),
             (GB.extractor, PROV.wasAttributedTo)]
    nodes = set(seed_graph.subjects(GB.extractor, None))
    assert nodes
    for node in nodes:
        for gb_term, prov_term in pairs:
            assert set(seed_graph.objects(node, gb_term)) <= set(
                seed_graph.objects(node, prov_term)), (node, prov_term)
    for agent in set(seed_graph.objects(None, GB.extractor)):
        assert (agent, RDF.type, PROV.SoftwareAgent) in seed_graph
    for sentence in set(seed_graph.objects(None, GB.sentence)):
        assert set(seed_graph.objects(sentence, PROV.wasDerivedFrom)) == set(
            seed_graph.objects(sentence, GB.article))
