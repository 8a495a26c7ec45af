"""Reported claims and hedge cues in RDF: the shape of CONTRACT.md (schema:Claim with author,
text, cue, about, appearance, provenance) and doubt/attribution cues on the facts of their
sentence."""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import RDF

import graphbuild
from graphbuild.pipeline import union_graph
from graphbuild.rdf.vocab import GB, SDO

TEXT = ("Port talks\n\nThe mayor of Leeds, Jane Doe, said the Acme Corp deal had allegedly "
        "cost Leeds millions. According to the Leeds Herald, the council lost three votes.")


def test_claim_shape_and_hedge_cues():
    g = union_graph(graphbuild.build(TEXT))
    claims = set(g.subjects(RDF.type, SDO.Claim))
    said = [c for c in claims if g.value(c, GB.cue) == Literal("say")]
    assert len(said) == 1
    c = said[0]
    author = g.value(c, SDO.author)
    assert g.value(author, URIRef("http://www.w3.org/2000/01/rdf-schema#label")) == \
        Literal("Jane Doe")
    assert str(g.value(c, SDO.text)).startswith("the Acme Corp deal")
    assert g.value(c, SDO.appearance) is not None
    assert set(g.objects(c, SDO.about))  # Acme Corp, Leeds
    for p in (GB.sentence, GB.article, GB.startOffset, GB.endOffset, GB.extractor,
              GB.confidence):
        assert g.value(c, p) is not None, p
    assert str(c).endswith(f"/claim/{g.value(c, GB.startOffset)}-{g.value(c, GB.endOffset)}")
    assert Literal("allegedly") in set(g.objects(c, GB.doubtCue))
    assert Literal("allegedly") in set(g.objects(c, GB.hedge))
    acc = [c for c in claims if g.value(c, GB.cue) == Literal("according_to")]
    assert acc and Literal("according to") in set(g.objects(acc[0], GB.attributionCue))
    # statements of the hedged sentence carry the cue too (score.py reads gb:hedge there)
    for st in g.subjects(RDF.type, GB.Statement):
        if g.value(st, GB.sentence) == g.value(c, GB.sentence):
            assert Literal("allegedly") in set(g.objects(st, GB.doubtCue))
