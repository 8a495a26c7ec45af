"""Timeline rows from tests/fixtures/mini.ttl plus the narratives fixture, in an in-memory
Oxigraph store: kinds, date precedence (dateCreated, then datePublished, then undated),
outlets, entity resolution."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from graphbuild.errors import TimelineEntityError, TimelineNarrativeError
from graphbuild.timeline import entity_timeline, narrative_timeline, resolve_entity
from graphbuild.timeline.events import _verb

FIXTURES = Path(__file__).parents[1] / "fixtures"
ID = "https://w3id.org/graphbuild/id/"
ZAKHAROVA = ID + "person/Maria_Zakharova"
FACEBOOK = ID + "organization/Facebook"
Q1 = "We urged Facebook to reconsider its allegedly biased, so-called fact-checking policy"


@pytest.fixture
def store() -> ox.Store:
    st = ox.Store()
    st.bulk_load(path=str(FIXTURES / "mini.ttl"), format=ox.RdfFormat.TURTLE,
                 to_graph=ox.NamedNode("https://w3id.org/graphbuild/graph/article/mini-1"))
    st.bulk_load(path=str(FIXTURES / "narratives.ttl"), format=ox.RdfFormat.TURTLE,
                 to_graph=ox.NamedNode("https://w3id.org/graphbuild/graph/narratives"))
    return st


def test_resolve_by_label_alias_or_iri(store):
    assert resolve_entity(store, "maria ZAKHAROVA") == [ZAKHAROVA]
    assert resolve_entity(store, "Zakharova") == [ZAKHAROVA]
    assert resolve_entity(store, ZAKHAROVA) == [ZAKHAROVA]
    assert resolve_entity(store, "the ministry") == [ID + "organization/Russian_Foreign_Ministry"]
    with pytest.raises(TimelineEntityError, match="close matches: 'Facebook'"):
        resolve_entity(store, "Facebok")
    with pytest.raises(TimelineEntityError):  # a concept is not an entity
        resolve_entity(store, "the 18 accounts")


def test_said_uses_the_facts_own_date_before_the_articles(store):
    got = [(e.date, e.kind, e.outlet, e.text) for e in entity_timeline(store, ZAKHAROVA)]
    # mini-2 was published 2020-09-05 but its quotation says when: 2020-09-04
    assert got == [("2020-09-03", "said", "tests/fixtures/mini.txt", Q1),
                   ("2020-09-04", "said", "TASS", Q1)]


def test_undated_rows_come_last(store):
    store.update("DELETE WHERE { GRAPH ?g { <https://w3id.org/graphbuild/id/article/mini-1> "
                 "<https://schema.org/datePublished> ?d } }")
    assert [e.date for e in entity_timeline(store, ZAKHAROVA)] == ["2020-09-04", None]
    assert entity_timeline(store, ZAKHAROVA)[-1].as_dict()["date"] == "undated"


def test_kinds_seen_from_the_entity(store):
    facebook = {(e.kind, e.who, e.text) for e in entity_timeline(store, FACEBOOK)}
    assert facebook == {
        ("done to", "Russian Foreign Ministry", "Russian Foreign Ministry urge Facebook"),
        ("did", "Facebook", "Facebook not block the 18 accounts"),
        ("said about", "Maria Zakharova", Q1),  # mini-2's quotation is about Facebook
    }


def test_narrative_appearances_first_then_repeats(store):
    rows = narrative_timeline(store, ID + "narrative/0f1e2d3c4b5a")
    assert [(e.kind, e.date, e.outlet, e.url) for e in rows] == [
        ("first", "2020-09-03", "tests/fixtures/mini.txt", ""),
        ("repeat", "2020-09-04", "TASS", "https://example.org/mini-2")]
    with pytest.raises(TimelineNarrativeError):
        narrative_timeline(store, ZAKHAROVA)  # an entity, not a narrative
    with pytest.raises(TimelineNarrativeError):
        narrative_timeline(store, "not an iri <>")


def test_verb_of_a_property_without_label():
    assert _verb("urge") == "urge"
    assert _verb("https://schema.org/worksFor") == "works for"
    assert _verb("https://w3id.org/graphbuild/ns#leads") == "leads"


@pytest.mark.parametrize(("path", "outlet"), [
    ("corpus/tass.jsonl:12", "corpus/tass.jsonl"),  # a JSONL line: its file is the outlet
    ("feeds/rt.xml", "feeds/rt.xml"),
    ("C:/news/a.txt", "C:/news/a.txt"),  # a drive letter is no line number
])
def test_the_outlet_of_an_article_without_publisher_is_its_file(path: str, outlet: str) -> None:
    from graphbuild.timeline.events import _file

    assert _file(path) == outlet
