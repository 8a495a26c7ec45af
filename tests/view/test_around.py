"""Drawings of part of a store (graphbuild.view.around): a CONSTRUCT result named from the
store, and one entity's neighbourhood, the same as the whole entity graph focused on it."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from graphbuild.rdf.vocab import ID
from graphbuild.view.around import (
    neighbourhood_graph,
    node_facts,
    result_graph,
    select_result,
)
from graphbuild.view.pipeline import make_view
from graphbuild.view.select import Selection
from graphbuild.view.sparql import PROLOGUE, open_file

SMALL = Path(__file__).parent / "fixtures" / "small.ttl"
ZAK, MIN = str(ID["person/Maria_Zakharova"]), str(ID["organization/Russian_Foreign_Ministry"])
FB = str(ID["organization/Facebook"])


@pytest.fixture(scope="module")
def store() -> ox.Store:
    return open_file(SMALL)


def _construct(store: ox.Store, text: str) -> list[ox.Triple]:
    return list(store.query(PROLOGUE + text, use_default_graph_as_union=True))


def test_node_facts_read_names_types_kinds_and_mentions(store: ox.Store) -> None:
    facts = node_facts(store, [ZAK, FB, "https://example.org/unknown"], limit=100)
    got = {(t.subject.value, t.predicate.value, t.object.value) for t in facts.triples}
    assert (ZAK, "http://www.w3.org/2000/01/rdf-schema#label", "Maria Zakharova") in got
    assert (ZAK, "https://w3id.org/graphbuild/ns#entityKind", "person") in got
    assert (FB, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
            "https://schema.org/Corporation") in got
    assert facts.mentions[ZAK] >= 1 and not facts.truncated
    cut = node_facts(store, [ZAK, FB], limit=2)
    assert cut.rows == 2 and cut.truncated


def test_bare_mentions_are_drawn_with_the_stores_labels_and_types(store: ox.Store) -> None:
    triples = _construct(store, "CONSTRUCT { ?s schema:mentions ?o } WHERE "
                                "{ ?s schema:mentions ?o }")
    assert triples and all(t.predicate.value == "https://schema.org/mentions"
                           for t in triples)
    g, _ = result_graph(store, triples, limit=1000)
    assert g.nodes[ZAK]["label"] == "Maria Zakharova" and g.nodes[ZAK]["type"] == "Person"
    assert g.nodes[FB]["type"] == "Corporation" and g.nodes[ZAK]["mentions"] >= 1
    article = sorted(t.subject.value for t in triples if t.object.value == ZAK)[0]
    assert g.nodes[article]["type"] == "NewsArticle"
    headlines = ("Moscow urges Facebook", "Ministry repeats call")
    assert g.nodes[article]["label"].startswith(headlines)  # the article's headline
    assert g.has_edge(article, ZAK, key="https://schema.org/mentions")


@pytest.mark.parametrize("iri", [ZAK, MIN, FB])
def test_neighbourhood_is_the_entity_graph_focused_on_the_entity(store: ox.Store,
                                                                 iri: str) -> None:
    g, message, truncated = neighbourhood_graph(store, iri, limit=10_000)
    whole, _ = make_view(store, Selection(focus=(iri,), hops=1, limit=41))

    def drawn(x):
        shown = {n for n, d in x.nodes(data=True) if d.get("shown")}
        return shown, {(u, k, v, d["count"]) for u, v, k, d in x.edges(keys=True, data=True)
                       if u in shown and v in shown}

    assert drawn(g) == drawn(whole)
    assert g.nodes[iri]["rank"] == 0 and len(g) > 1
    assert message.startswith(g.nodes[iri]["label"] + " and its ") and not truncated
    assert any(i.get("sentence") for _, _, d in g.edges(data=True) for i in d["evidence"])


def test_neighbourhood_keeps_the_strongest_neighbours(store: ox.Store) -> None:
    g, message, _ = neighbourhood_graph(store, MIN, limit=10_000, neighbours=1)
    shown = [n for n, d in g.nodes(data=True) if d.get("shown")]
    assert len(shown) == 2 and MIN in shown
    assert g.nodes[MIN]["rank"] == 0
    assert "1 of its 2 neighbours" in message and "most central" in message


def test_neighbourhood_cap_is_reported(store: ox.Store) -> None:
    _, message, truncated = neighbourhood_graph(store, ZAK, limit=5)
    assert truncated and "cut at 5 rows" in message


def test_result_labels_go_to_entities_first(store: ox.Store) -> None:
    triples = _construct(store, "CONSTRUCT { ?s schema:mentions ?o } WHERE "
                                "{ ?s schema:mentions ?o }")
    view, message = select_result(result_graph(store, triples, limit=1000)[0])
    order = sorted((d["rank"], n) for n, d in view.nodes(data=True) if d.get("shown"))
    kinds = [bool(view.nodes[n].get("result_only")) for _, n in order]
    assert kinds == sorted(kinds) and kinds[0] is False and kinds[-1] is True  # articles last
    assert message.startswith("showing ")
