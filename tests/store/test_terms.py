"""graphbuild/store/terms.py: the one place where terms and prefixes are converted."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from graphbuild.rdf.vocab import PREFIXES
from graphbuild.store import oxi, sparqltext, terms


@pytest.mark.parametrize("term", [
    URIRef("https://w3id.org/graphbuild/id/person/A%C3%A9"), Literal("plain"),
    Literal("hello", lang="en"), Literal("0.9", datatype=XSD.decimal), BNode("b1"),
    Literal('line\n"two"\\', datatype=XSD.string),
])
def test_terms_round_trip_between_rdflib_and_pyoxigraph(term) -> None:  # noqa: ANN001
    back = terms.to_rdflib(terms.to_ox(term))
    if isinstance(term, Literal) and term.datatype == XSD.string:
        assert back == Literal(str(term))  # RDF 1.1: the same literal
    else:
        assert back == term


def test_nquads_parse_back_in_oxigraph() -> None:
    g = URIRef("https://w3id.org/graphbuild/graph/article/a")
    quads = [(URIRef("http://a"), URIRef("http://p"), Literal('x\n"y"\\'), g),
             (URIRef("http://a"), URIRef("http://q"), Literal("1", datatype=XSD.decimal), g)]
    data, n = terms.nquads(quads)
    assert n == 2
    parsed = list(ox.parse(data, ox.RdfFormat.N_QUADS))
    assert [q.object.value for q in parsed] == ['x\n"y"\\', "1"]


def test_prologue_declares_every_prefix_and_callers_share_the_code() -> None:
    head = terms.prologue()
    for p, ns in PREFIXES.items():
        assert f"PREFIX {p}: <{ns}>\n" in head
    assert oxi.to_ox is terms.to_ox and oxi.nquads is terms.nquads
    assert sparqltext.term_text is terms.term_text
