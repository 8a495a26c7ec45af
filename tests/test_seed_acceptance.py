"""Acceptance: what the graph must say about the seed article, asked in SPARQL."""

from __future__ import annotations

import pytest
from rdflib import URIRef
from rdflib.namespace import XSD

from tests.sparql import one, rows

ENTITY = """
SELECT ?e WHERE { ?e a ?type ; rdfs:label|skos:altLabel ?name } """


def nodes_named(graph, name: str, type_: URIRef) -> set:
    return {r[0] for r in rows(graph, ENTITY, name=name, type=type_)}


SDO = "https://schema.org/"


@pytest.mark.parametrize(
    ("names", "schema_type"),
    [
        (["Maria Zakharova", "Zakharova"], "Person"),
        (["Russian Foreign Ministry", "the ministry"], "GovernmentOrganization"),
        (["Facebook"], "Organization"),
        (["Twitter"], "Organization"),
        (["FBI"], "GovernmentOrganization"),
        (["Moscow", "MOSCOW"], "City"),
        (["United States", "US"], "Country"),
        (["Sputnik"], "NewsMediaOrganization"),
    ],
)
def test_entities_one_node_each_with_type(seed_graph, names, schema_type):
    found = [nodes_named(seed_graph, n, URIRef(SDO + schema_type)) for n in names]
    assert all(len(f) == 1 for f in found), (names, found)
    assert len(set().union(*found)) == 1, f"{names} should be one node, got {found}"


def test_no_entity_typed_wrongly(seed_graph):
    wrong = rows(seed_graph, """
        SELECT ?e WHERE { ?e a schema:Person ; rdfs:label ?l .
                          FILTER(?l IN ("Twitter", "Sputnik", "Facebook")) }""")
    assert wrong == []
    assert rows(seed_graph, """SELECT ?e WHERE { ?e a schema:Organization ;
                                 rdfs:label|skos:altLabel "Zakharova" }""") == []


def test_every_entity_has_label_and_aliases_are_surface_forms(seed_graph, seed_body):
    for (label,) in rows(seed_graph, "SELECT ?l WHERE { ?e gb:entityKind ?k ; rdfs:label ?l }"):
        assert str(label)
    from graphbuild.resolve import gazetteer

    for (alias,) in rows(seed_graph, "SELECT ?a WHERE { ?e skos:altLabel ?a }"):
        a = str(alias)
        # a surface form of the text, or the gazetteer's canonical name of the entity
        assert a.lower() in seed_body.lower() or gazetteer.lookup_org_name(a) \
            or gazetteer.lookup_place(a), a


def test_spokeswoman_role(seed_graph):
    one(seed_graph, """
        SELECT ?p ?org WHERE {
          ?p a schema:Person ; rdfs:label "Maria Zakharova" ;
             schema:jobTitle "spokeswoman" ; schema:worksFor ?org .
          ?org rdfs:label "Russian Foreign Ministry" .
          ?p gb:hasRole ?r . ?r schema:roleName "spokeswoman" ; gb:roleOrganization ?org ;
             gb:sentence ?s ; gb:extractor ?x ; gb:confidence ?c .
        }""")


STATEMENT = """
SELECT DISTINCT ?st ?s ?o WHERE {
  ?s rdfs:label ?sl . ?o rdfs:label ?ol .
  ?s ?p ?o .
  ?st a gb:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; gb:verb ?verb ;
      gb:sentence ?sent ; gb:article ?art ; gb:startOffset ?b ; gb:endOffset ?e ;
      gb:extractor ?x ; gb:confidence ?c .
  ?sent schema:text ?text .
  ?art a schema:NewsArticle .
  ?x a gb:Extractor .
}"""


@pytest.mark.parametrize("target", ["Facebook", "Twitter"])
def test_ministry_urged_networks_to_reconsider(seed_graph, target):
    found = rows(seed_graph, STATEMENT, sl="Russian Foreign Ministry", ol=target, verb="urge")
    assert found, f"no urge statement to {target}"
    complements = rows(seed_graph, """SELECT ?c WHERE { ?st gb:complement ?c }""",
                       st=found[0][0])
    assert any("reconsider" in str(c) for (c,) in complements)


@pytest.mark.parametrize("verb", ["block", "delete"])
@pytest.mark.parametrize("actor", ["Facebook", "Twitter"])
def test_networks_blocked_and_deleted_counted_accounts_and_pages(seed_graph, verb, actor):
    counts = rows(seed_graph, """
        SELECT ?n ?unit WHERE {
          ?s rdfs:label ?sl .
          ?st a gb:Statement ; rdf:subject ?s ; gb:verb ?verb ; gb:quantity ?q .
          ?q schema:value ?n ; schema:unitText ?unit .
        }""", sl=actor, verb=verb)
    got = {(int(n), str(u)) for n, u in counts}
    assert {(18, "accounts"), (2, "pages")} <= got
    assert all(n.datatype == XSD.integer for n, _ in counts)


def test_investigation_based_on_fbi_data_is_hedged(seed_graph):
    found = rows(seed_graph, """
        SELECT ?st ?h WHERE {
          ?fbi rdfs:label|skos:altLabel "FBI" .
          ?st a gb:Statement ; gb:verb "base_on" ; rdf:object ?fbi ; gb:hedge ?h .
          ?s ?p ?fbi .
          ?st rdf:subject ?s ; rdf:predicate ?p .
        }""")
    assert {str(h) for _, h in found} >= {"allegedly"}


def test_authors_of_accounts_are_accused(seed_graph):
    found = rows(seed_graph, """
        SELECT ?st ?ot WHERE {
          ?st a gb:Statement ; gb:verb "accuse" ; gb:voice "passive" ; gb:objectText ?ot ;
              rdf:subject ?agent ; rdf:object ?o ; rdf:predicate ?p .
          ?agent a gb:UnspecifiedAgent .
          ?agent ?p ?o .
        }""")
    assert any("authors" in str(ot) for _, ot in found)


def test_statement_offsets_point_at_their_sentence(seed_graph, seed_body):
    found = rows(seed_graph, """
        SELECT ?b ?e ?sb ?se ?text WHERE {
          ?st a gb:Statement ; gb:startOffset ?b ; gb:endOffset ?e ; gb:sentence ?s .
          ?s schema:text ?text ; gb:startOffset ?sb ; gb:endOffset ?se .
        }""")
    assert len(found) >= 10
    for b, e, sb, se, text in found:
        assert int(sb) <= int(b) < int(e) <= int(se)
        assert seed_body[int(sb):int(se)] == str(text)


def test_hedges_recorded_on_statements(seed_graph):
    hedges = {str(h) for (h,) in rows(seed_graph,
                                       "SELECT ?h WHERE { ?st a gb:Statement ; gb:hedge ?h }")}
    assert {"allegedly", "so-called", "under the pretext"} <= hedges


def test_quotes_are_attributed_to_zakharova(seed_graph, seed_body):
    quotes = rows(seed_graph, """
        SELECT ?q ?text ?who ?b ?e WHERE {
          ?q a schema:Quotation ; schema:text ?text ; schema:isPartOf ?art ;
             gb:startOffset ?b ; gb:endOffset ?e .
          ?art a schema:NewsArticle .
          OPTIONAL { ?q schema:spokenByCharacter ?p . ?p rdfs:label ?who }
        }""")
    assert len(quotes) >= 6
    assert {str(w) for _, _, w, _, _ in quotes} == {"Maria Zakharova"}
    for _, text, _, b, e in quotes:
        assert seed_body[int(b):int(e)] == str(text)
    texts = [str(t) for _, t, _, _, _ in quotes]
    for start in ("We drew attention", "the authors of the accounts", "Allegedly, the fact",
                  "These are, of course", "It seems like the US side", "We call on Internet"):
        assert any(t.startswith(start) for t in texts), start


def test_quote_cues(seed_graph):
    cues = {str(c) for (c,) in rows(seed_graph,
                                     "SELECT ?c WHERE { ?q a schema:Quotation ; "
                                     "gb:attributionCue ?c }")}
    assert {"said", "added", "concluded"} <= cues


def test_statements_inside_quotes_are_claimed_by_the_speaker(seed_graph):
    found = rows(seed_graph, """
        SELECT ?st WHERE { ?st gb:verb "delete" ; gb:inQuotation ?q ; gb:claimedBy ?p .
                           ?p rdfs:label "Maria Zakharova" . ?q a schema:Quotation }""")
    assert found


HEADLINE = "Moscow Urges Facebook, Twitter to Reconsider Policy of Blocking Russian Accounts"


def test_article_node(seed_graph):
    art, = one(seed_graph, """
        SELECT ?a WHERE {
          ?a a schema:NewsArticle ;
             schema:headline ?headline ;
             gb:datelineDate "September 3" ;
             schema:locationCreated ?place ; schema:publisher ?pub .
          ?place rdfs:label "Moscow" . ?pub rdfs:label "Sputnik" .
        }""", headline=HEADLINE)
    entities = {e for (e,) in rows(seed_graph, "SELECT ?e WHERE { ?e gb:entityKind ?k }")}
    mentioned = {e for (e,) in rows(seed_graph, "SELECT ?e WHERE { ?a schema:mentions ?e }",
                                    a=art)}
    assert entities and entities == mentioned


def test_no_blank_nodes(seed_graph):
    from rdflib import BNode

    assert not any(isinstance(t, BNode) for triple in seed_graph for t in triple)
