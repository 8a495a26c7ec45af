"""Generality: real BBC articles (politics and business, read from ../shared at test time)
come out with the same quality as the seed — people, organisations, roles, quotes, actions.

The texts are never copied into this repository (the BBC keeps its rights)."""

from __future__ import annotations

import pytest

from tests.sparql import rows

IDS = ["business/053", "business/154", "business/216", "politics/018"]


@pytest.fixture(scope="module")
def bbc_graph(bbc_articles):
    from graphbuild.ingest import read_text_article
    from graphbuild.pipeline import analyse, to_dataset, union_graph

    arts = [read_text_article(bbc_articles[i]["text"], id=i, title=bbc_articles[i]["title"])
            for i in IDS]
    return union_graph(to_dataset(analyse(arts)))


def labels_of(graph, type_local: str) -> set[str]:
    from rdflib import URIRef

    q = "SELECT ?l WHERE { ?e a ?t ; rdfs:label ?l }"
    return {str(r[0]) for r in rows(graph, q, t=URIRef("https://schema.org/" + type_local))}


@pytest.mark.parametrize("person", ["Tom Glocer", "Carlos Ghosn", "Toshiyuki Shiga",
                                    "Gordon Brown", "Oliver Letwin", "Jonathan Loynes",
                                    "Jack Straw", "Michael Ancram"])
def test_people_are_persons_one_node_each(bbc_graph, person):
    assert person in labels_of(bbc_graph, "Person")
    surname = person.split()[-1]
    nodes = rows(bbc_graph, """SELECT DISTINCT ?e WHERE { ?e a schema:Person ;
                                 rdfs:label|skos:altLabel ?n }""", n=surname)
    assert len(nodes) <= 1, f"{surname} split over {nodes}"


@pytest.mark.parametrize("org", ["Reuters", "Nissan", "Renault", "Capital Economics",
                                 "Office for National Statistics", "Treasury"])
def test_organisations_are_organisations(bbc_graph, org):
    assert org in labels_of(bbc_graph, "Organization")
    assert org not in labels_of(bbc_graph, "Person")


def test_acronym_and_definite_description_join_their_organisation(bbc_graph):
    ons = rows(bbc_graph, """SELECT ?e WHERE { ?e rdfs:label "Office for National Statistics" ;
                               skos:altLabel "ONS" }""")
    assert len(ons) == 1
    assert labels_of(bbc_graph, "GovernmentOrganization") >= {"Treasury"}
    company = rows(bbc_graph, """SELECT ?e WHERE { ?e rdfs:label "Reuters" ;
                                   skos:altLabel "the company" }""")
    assert len(company) == 1


@pytest.mark.parametrize(("person", "title", "org"), [
    ("Tom Glocer", "chief executive", None),
    ("Carlos Ghosn", "chief executive", "Renault"),
    ("Carlos Ghosn", "chairman", "Renault"),
    ("Carlos Ghosn", "boss", "Nissan"),
    ("Gordon Brown", "chancellor", None),
    ("Oliver Letwin", "shadow chancellor", None),
    ("Jonathan Loynes", "economist", "Capital Economics"),
    ("Jack Straw", "foreign secretary", None),
    ("Michael Ancram", "shadow foreign secretary", None),
])
def test_roles(bbc_graph, person, title, org):
    found = rows(bbc_graph, """
        SELECT ?r ?org WHERE { ?p rdfs:label ?person ; schema:jobTitle ?title ; gb:hasRole ?r .
                            ?r schema:roleName ?title ; gb:sentence ?s .
                            OPTIONAL { ?r gb:roleOrganization/rdfs:label ?org } }""",
                 person=person, title=title)
    assert found, (person, title)  # (rdflib drops rows whose projection is all unbound)
    if org:
        assert org in {str(o) for (_r, o) in found if o is not None}


@pytest.mark.parametrize(("speaker", "start"), [
    ("Tom Glocer", "Improving customer relationships"),
    ("Carlos Ghosn", "I need a leadership team"),
    ("Carlos Ghosn", "I have full confidence"),  # continues after "…," Mr Ghosn said.
    ("Oliver Letwin", "At best the timing"),
    ("Oliver Letwin", "This is a very murky area"),
    ("Jonathan Loynes", "None of this changes"),
    ("Michael Ancram", "I am glad the foreign secretary"),
])
def test_quotes_are_attributed(bbc_graph, speaker, start):
    found = rows(bbc_graph, """
        SELECT ?text WHERE { ?q a schema:Quotation ; schema:text ?text ;
                             schema:spokenByCharacter/rdfs:label ?speaker ; gb:sentence ?s }""",
                 speaker=speaker)
    assert any(str(t).startswith(start) for (t,) in found), (speaker, found)


@pytest.mark.parametrize(("subject", "verb", "obj"), [
    ("Carlos Ghosn", "transform", "Nissan"),
    ("Toshiyuki Shiga", "run", "Nissan"),
    ("Jack Straw", "visit", "Auschwitz"),
])
def test_actions_between_entities(bbc_graph, subject, verb, obj):
    found = rows(bbc_graph, """
        SELECT ?st WHERE { ?s rdfs:label ?subject . ?o rdfs:label ?obj . ?s ?p ?o .
                           ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
                               gb:verb ?verb ; gb:sentence/schema:text ?t ; gb:confidence ?c }""",
                 subject=subject, verb=verb, obj=obj)
    assert found


def test_company_actions_on_things(bbc_graph):
    found = rows(bbc_graph, """
        SELECT ?ot WHERE { ?st rdf:subject/rdfs:label "Reuters" ; gb:verb "beat" ;
                                gb:objectText ?ot }""")
    assert any("target" in str(ot) for (ot,) in found)
