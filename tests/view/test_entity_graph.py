"""The entity graph: speaker -> entity edges from quotations and claims, aggregation,
styling flags and the marked sentence, on hand-written graphs in the documented shape."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from rdflib import RDF, Graph

import graphbuild
from graphbuild.rdf.vocab import ID, REL, SDO
from graphbuild.view.entity_graph import CLAIMED, QUOTED, entity_graph, mark_sentence
from graphbuild.view.skeleton import DateRange
from graphbuild.view.sparql import open_file

FIXTURES = Path(__file__).parent / "fixtures"
ZAK, FB = str(ID["person/Maria_Zakharova"]), str(ID["organization/Facebook"])
TW, US = str(ID["organization/Twitter"]), str(ID["place/United_States"])
MIN = str(ID["organization/Russian_Foreign_Ministry"])


@pytest.fixture(scope="module")
def claims() -> nx.MultiDiGraph:
    return entity_graph(open_file(FIXTURES / "claims.ttl"))


def test_claims_and_quotations_join_speaker_to_entities(claims: nx.MultiDiGraph) -> None:
    claim = claims.edges[ZAK, FB, CLAIMED]
    assert claim["label"] == "claims about" and claim["kind"] == "claim"
    assert claim["count"] == 2 and claim["confidence"] == 0.75
    assert claim["first"] == "2020-09-03" and claim["last"] == "2020-10-01"
    assert claim["hedged"] is False  # one of the two claims is not hedged
    assert [e["text"] for e in claim["evidence"]] == [
        "Facebook of allegedly blocking accounts", "Facebook deleted the pages"]
    assert claim["evidence"][0]["hedges"] == ["allegedly"]
    assert claim["evidence"][0]["url"] == "https://example.org/news/c1"
    assert claim["evidence"][1]["url"] == ""  # a javascript: URL is never kept
    quote = claims.edges[ZAK, US, QUOTED]
    assert quote["count"] == 1 and quote["evidence"][0]["sentence"].startswith("“The US side")
    # schema:about present in the graph: no text matching ("Twitter did the same.")
    assert not claims.has_edge(ZAK, TW)
    said = {s["text"]: s for s in claims.nodes[ZAK]["said"]}
    assert said["Twitter did the same."]["about"] == []
    assert said["The US side keeps its favourite topic afloat,"]["about"] == ["United States"]
    assert claims.nodes[ZAK]["quotes"] == 4


def test_statement_evidence_marks_subject_verb_object(claims: nx.MultiDiGraph) -> None:
    (item,) = claims.edges[MIN, FB, str(REL.accuse)]["evidence"]
    assert item["marked"] == [["The ministry", "s"], [" ", ""], ["accused", "v"], [" ", ""],
                              ["Facebook", "o"],
                              [" of allegedly blocking accounts, Zakharova said.", ""]]


def test_mark_sentence_skips_missing_and_overlapping_parts() -> None:
    assert mark_sentence("A met B.", [("A", "s"), ("zzz", "v"), ("A met", "o")]) == [
        ["A", "s"], [" met B.", ""]]
    assert mark_sentence("", [("A", "s")]) == []


def test_dates_keep_only_evidence_in_range() -> None:
    g = entity_graph(open_file(FIXTURES / "claims.ttl"), dates=DateRange(since="2020-10"))
    assert [e["date"] for e in g.edges[ZAK, FB, CLAIMED]["evidence"]] == ["2020-10-01"]
    assert not g.has_edge(MIN, FB)


def test_quotation_text_fallback_without_schema_about() -> None:
    """A graph without schema:about: entities named (label or alias) in a quotation of an
    article that mentions them become its speaker's targets."""
    rdf = Graph().parse(FIXTURES / "claims.ttl", format="turtle")
    rdf.remove((None, SDO.about, None))
    for claim in list(rdf.subjects(RDF.type, SDO.Claim)):
        rdf.remove((claim, None, None))
    g = entity_graph(rdf)
    assert g.has_edge(ZAK, US, QUOTED)  # "The US side ...": the alias "US"
    assert g.has_edge(ZAK, TW, QUOTED)  # "Twitter did the same."
    assert not g.has_edge(ZAK, FB, QUOTED)


def test_top_level_to_networkx_is_the_entity_graph() -> None:
    g = graphbuild.to_networkx(Graph().parse(FIXTURES / "claims.ttl", format="turtle"))
    assert g.has_edge(ZAK, FB, CLAIMED) and g.nodes[US]["type"] == "Country"
