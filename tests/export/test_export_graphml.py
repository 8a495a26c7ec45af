"""Reified GraphML export (``--reified``): loadable by networkx, every resource a node,
every resource link an edge."""

from __future__ import annotations

import networkx as nx
from rdflib import RDFS, Literal, URIRef

from graphbuild.export import export, serialize
from graphbuild.export.graphml import to_networkx

ID = "https://w3id.org/graphbuild/id/"
MARIA = ID + "person/Maria_Zakharova"
MINISTRY = ID + "organization/Russian_Foreign_Ministry"
FACEBOOK = ID + "organization/Facebook"
ODD = 'Café "Zoë" <Žurnal> Дело 東京'

# 6 entities + article + 2 sentences + 2 statements + quantity + concept + 2 quotations
# + role + 3 extractors + rel:urge + rel:block
NODES = 21
# Maria 2, article 7, sentences 2, direct edge 1, statements 8 + 9, quotations 2 x 5, role 5
EDGES = 44


def test_graphml_loads_with_networkx(mini, tmp_path):
    path = tmp_path / "mini.graphml"
    export(mini, "graphml", path, reified=True)
    g = nx.read_graphml(path)
    assert g.is_directed() and g.is_multigraph()
    assert g.number_of_nodes() == NODES
    assert g.number_of_edges() == EDGES


def test_nodes_have_label_and_type(mini, tmp_path):
    path = tmp_path / "mini.graphml"
    path.write_text(serialize(mini, "graphml", reified=True), encoding="utf-8")
    g = nx.read_graphml(path)
    assert g.nodes[MARIA] == {"label": "Maria Zakharova", "type": "schema:Person"}
    assert g.nodes[MINISTRY]["type"] == "schema:GovernmentOrganization schema:Organization"
    odd = [n for n, data in g.nodes(data=True) if data["label"] == ODD]
    assert len(odd) == 1 and g.nodes[odd[0]]["type"] == "schema:CreativeWork"
    sentence = g.nodes[ID + "article/mini-1/sentence/0-158"]
    assert sentence == {"label": "gbid:article/mini-1/sentence/0-158", "type": "gb:Sentence"}
    # literal values other than rdfs:label / rdf:type are not exported
    assert all(set(data) == {"label", "type"} for _, data in g.nodes(data=True))
    assert "https://schema.org/Person" not in g  # classes are attributes, not nodes


def test_edges_carry_predicate_and_short_label(mini):
    g = to_networkx(mini)
    [urge] = g.get_edge_data(MINISTRY, FACEBOOK).values()
    assert urge == {"predicate": "https://w3id.org/graphbuild/rel/urge", "label": "urge"}
    works_for = g.get_edge_data(MARIA, MINISTRY)
    assert {d["label"] for d in works_for.values()} == {"worksFor"}
    labels = {d["label"] for _, _, d in g.edges(data=True)}
    assert {"mentions", "sentence", "subject", "predicate", "spokenByCharacter"} <= labels
    assert "block" not in labels  # the negated statement has no direct rel:block edge


def test_xml_illegal_characters_do_not_break_the_file(mini, tmp_path):
    mini.add((URIRef(MARIA), RDFS.label, Literal("A\x00B\x1f")))  # sorts first: "A..."
    path = tmp_path / "x.graphml"
    export(mini, "graphml", path, reified=True)
    g = nx.read_graphml(path)
    assert g.nodes[MARIA]["label"] == "A\ufffdB\ufffd"
    export(mini, "graphml", path)  # the entity graph too
    assert nx.read_graphml(path).nodes[MARIA]["label"] == "A\ufffdB\ufffd"
