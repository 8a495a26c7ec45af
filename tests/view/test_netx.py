"""to_networkx (the entity graph) on hand-written graphs in the documented shape."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from rdflib import Dataset, Graph, URIRef

from graphbuild.rdf.vocab import ENTITY_GRAPH, GRAPH, ID, REL, SDO
from graphbuild.view import to_networkx

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def small() -> Graph:
    return Graph().parse(FIXTURES / "small.ttl", format="turtle")


@pytest.fixture(scope="module")
def g(small: Graph) -> nx.MultiDiGraph:
    return to_networkx(small)


ZAK = str(ID["person/Maria_Zakharova"])
MIN = str(ID["organization/Russian_Foreign_Ministry"])
FB = str(ID["organization/Facebook"])
US = str(ID["place/United_States"])
ACCOUNTS = str(ID["article/seed-1/concept/account"])
AGENT = str(ID["article/seed-1/agent/unspecified"])


def test_nodes(g: nx.MultiDiGraph) -> None:
    assert set(g.nodes) == {
        ZAK, MIN, FB, US, ACCOUNTS, AGENT,
        str(ID["organization/Twitter"]), str(ID["organization/Sputnik"]),
        str(ID["place/Moscow"]),
    }
    # a concept without edges, articles, sentences, statements, roles... are not drawn
    assert str(ID["article/seed-1/concept/investigation"]) not in g
    assert str(ID["article/seed-1"]) not in g


def test_node_attributes(g: nx.MultiDiGraph) -> None:
    zak = g.nodes[ZAK]
    assert {k: zak[k] for k in ("label", "type", "types", "kind", "aliases", "roles",
                                "mentions", "quotes", "entity")} == {
        "label": "Maria Zakharova", "type": "Person", "types": ["Person"], "kind": "person",
        "aliases": ["Maria V. Zakharova", "Zakharova"], "roles": ["spokeswoman"],
        "mentions": 1, "quotes": 2, "entity": True,
    }
    assert sorted(s["text"] for s in zak["said"]) == ["It is unacceptable.",
                                                      "We drew attention to this."]
    assert zak["first"] == zak["last"] == "2020-09-03"
    assert g.nodes[ACCOUNTS]["entity"] is False
    assert g.nodes[MIN]["type"] == "GovernmentOrganization"  # most specific of two types
    assert g.nodes[MIN]["types"] == ["GovernmentOrganization", "Organization"]
    assert g.nodes[MIN]["mentions"] == 2
    assert g.nodes[US]["type"] == "Country"  # Place > AdministrativeArea > Country
    assert g.nodes[US]["aliases"] == ["US"]
    assert g.nodes[ACCOUNTS]["type"] == "Concept"
    assert g.nodes[ACCOUNTS]["kind"] == "concept"
    assert g.nodes[ACCOUNTS]["label"] == "18 accounts"
    assert g.nodes[AGENT]["type"] == "UnspecifiedAgent"
    assert g.nodes[FB]["quotes"] == 0


def test_edges(g: nx.MultiDiGraph) -> None:
    assert sorted((u, v, k) for u, v, k in g.edges(keys=True)) == sorted([
        (MIN, FB, str(REL.urge)),
        (FB, ACCOUNTS, str(REL.block)),
        (AGENT, FB, str(REL.accuse)),
        (ZAK, MIN, str(SDO.worksFor)),
    ])
    assert g.edges[FB, ACCOUNTS, str(REL.block)]["label"] == "block"  # local name fallback
    assert g.edges[ZAK, MIN, str(SDO.worksFor)]["label"] == "works for"


def test_statement_evidence(g: nx.MultiDiGraph) -> None:
    urge = g.edges[MIN, FB, str(REL.urge)]
    assert urge["predicate"] == str(REL.urge)
    assert urge["label"] == "urge"
    ev = {e["headline"]: e for e in urge["evidence"]}
    assert set(ev) == {"Moscow urges Facebook to reconsider", "Ministry repeats call to Facebook"}
    first = ev["Moscow urges Facebook to reconsider"]
    assert first["sentence"] == (
        "The Russian Foreign Ministry urged Facebook to reconsider such policy.")
    assert first["hedges"] == ["allegedly"]
    assert first["source"] == "Maria Zakharova"
    assert first["confidence"] == 0.8
    assert urge["count"] == 2 and urge["hedged"] is True  # every sentence hedged
    assert urge["first"] == "2020-09-03" and urge["last"] == "2021-02-10"
    assert ev["Ministry repeats call to Facebook"]["hedges"] == ["reportedly", "so-called"]


def test_role_evidence(g: nx.MultiDiGraph) -> None:
    (item,) = g.edges[ZAK, MIN, str(SDO.worksFor)]["evidence"]
    assert item["role"] == "spokeswoman"
    assert item["headline"] == "Moscow urges Facebook to reconsider"
    assert item["sentence"].startswith("The Russian Foreign Ministry urged")


def test_dataset_union_equals_graph(small: Graph, g: nx.MultiDiGraph) -> None:
    ds = Dataset()
    entities = ds.graph(ENTITY_GRAPH)
    article = ds.graph(GRAPH["article/seed-1"])
    for s, p, o in small:
        target = entities if str(s).startswith((str(ID["person/"]), str(ID["organization/"]),
                                                str(ID["place/"]))) else article
        target.add((s, p, o))
    from_ds = to_networkx(ds)
    assert set(from_ds.nodes) == set(g.nodes)
    assert set(from_ds.edges(keys=True)) == set(g.edges(keys=True))
    assert dict(from_ds.nodes(data=True)) == dict(g.nodes(data=True))


def test_empty_graph() -> None:
    assert to_networkx(Graph()).number_of_nodes() == 0


def test_untyped_edge_endpoint_gets_fallback() -> None:
    g = Graph()
    g.add((URIRef("http://example.org/a_b"), REL.meet, URIRef("http://example.org/c")))
    out = to_networkx(g)
    assert out.nodes["http://example.org/a_b"]["label"] == "a b"
    assert out.nodes["http://example.org/a_b"]["type"] == "Thing"
    assert out.nodes["http://example.org/a_b"]["kind"] == "other"
