"""CONSTRUCT results as Turtle: the graph's prefixes, and percent-encoded IRIs written as
plain prefixed names (``person:A%22B``, not ``person:A\\%22B``), still the same triples."""

from __future__ import annotations

import pyoxigraph as ox

from graphbuild.server.jobs import PREFIX_MAP
from graphbuild.server.results import serialise_triples

ID = "https://w3id.org/graphbuild/id/"


def test_turtle_uses_prefixes_and_plain_percent_encodings() -> None:
    odd = ox.NamedNode(ID + "person/A%22B_%3Cimg%3E")
    triples = [
        ox.Triple(ox.NamedNode(ID + "person/Maria_Zakharova"),
                  ox.NamedNode("https://schema.org/worksFor"),
                  ox.NamedNode(ID + "organization/Russian_Foreign_Ministry")),
        ox.Triple(odd, ox.NamedNode("https://w3id.org/graphbuild/rel/urge"), odd),
        ox.Triple(odd, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
                  ox.Literal("back\\%22slash \\\\%41 %42")),
    ]
    body = serialise_triples(triples, "turtle", 10, 100_000, PREFIX_MAP).body
    text = body.decode("utf-8")
    assert "person:Maria_Zakharova schema:worksFor organization:Russian_Foreign_Ministry" \
        in text
    assert "person:A%22B_%3Cimg%3E" in text and "\\%" not in text.split('"')[0]
    assert {q.triple for q in ox.parse(body, format=ox.RdfFormat.TURTLE)} == set(triples)
