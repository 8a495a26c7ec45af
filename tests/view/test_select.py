"""View selection on the fixture graph: each option changes the node set as expected."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from graphbuild.rdf.vocab import ENTITY_GRAPH, GRAPH, ID
from graphbuild.view import to_networkx
from graphbuild.view.fetch import details
from graphbuild.view.pipeline import make_view, open_source
from graphbuild.view.select import Selection, ViewSelectionError, cap_graph, choose
from graphbuild.view.skeleton import parse_day
from graphbuild.view.sparql import from_rdflib, open_file
from graphbuild.view.synthetic import synthetic_turtle

FIXTURES = Path(__file__).parent / "fixtures"
SMALL = FIXTURES / "small.ttl"


def _id(path: str) -> str:
    return str(ID[path])


ZAK, MIN = _id("person/Maria_Zakharova"), _id("organization/Russian_Foreign_Ministry")
FB, TW = _id("organization/Facebook"), _id("organization/Twitter")
SPUT, US, MOS = _id("organization/Sputnik"), _id("place/United_States"), _id("place/Moscow")
ACC, AGENT = _id("article/seed-1/concept/account"), _id("article/seed-1/agent/unspecified")
ALL = {ZAK, MIN, FB, TW, SPUT, US, MOS, ACC, AGENT}


@pytest.fixture(scope="module")
def store():
    return open_file(SMALL)


def nodes(store, **kw) -> set[str]:
    return set(choose(store, Selection(**kw)).nodes)


def test_default_draws_everything_small(store) -> None:
    chosen = choose(store, Selection())
    assert set(chosen.nodes) == ALL and len(chosen.edges) == 4
    assert chosen.message.startswith("showing 7 of 7 entities (+ 2 concepts/agents)")


def test_same_graph_as_to_networkx(store) -> None:
    g = details(store, choose(store, Selection()))
    ref = to_networkx(Graph().parse(SMALL, format="turtle"))
    assert dict(g.nodes(data=True)) == dict(ref.nodes(data=True))
    assert {e: g.edges[e] for e in g.edges(keys=True)} == {
        e: ref.edges[e] for e in ref.edges(keys=True)}
    urge = g.edges[MIN, FB, "https://w3id.org/graphbuild/rel/urge"]["evidence"]
    assert {e["date"] for e in urge} == {"2020-09-03", "2021-02-10"}


def test_types_include_subclasses(store) -> None:
    assert nodes(store, types=("Organization",)) == {MIN, FB, TW, SPUT}
    assert nodes(store, types=("GovernmentOrganization",)) == {MIN}
    assert nodes(store, types=("Person", "Place")) == {ZAK, US, MOS}
    assert nodes(store, types=("Concept",)) == {ACC}


def test_focus_and_hops(store) -> None:
    assert nodes(store, focus=("Maria Zakharova",), hops=0) == {ZAK}
    assert nodes(store, focus=("zakharova",), hops=1) == {ZAK, MIN}  # alias, any case
    assert nodes(store, focus=(ZAK,), hops=2) == {ZAK, MIN, FB}  # IRI
    assert nodes(store, focus=("person:Maria_Zakharova",), hops=3) == {ZAK, MIN, FB, ACC, AGENT}
    # the focus stays even when a type filter would drop it
    assert nodes(store, focus=("Zakharova",), hops=2, types=("Organization",)) == {ZAK, MIN, FB}


def test_unknown_focus_names_close_matches(store) -> None:
    with pytest.raises(ViewSelectionError, match="no entity called 'Zakarova'") as err:
        choose(store, Selection(focus=("Zakarova",)))
    assert "Zakharova" in str(err.value) and "GB620" in str(err.value)


def test_min_mentions(store) -> None:
    assert nodes(store, min_mentions=2) == {MIN, FB}
    assert nodes(store, min_mentions=1) == {ZAK, MIN, FB, TW, US, ACC, AGENT}


def test_dates(store) -> None:
    # seed-2 (2021-02-10) backs one urge edge and mentions the ministry, Facebook, Twitter
    assert nodes(store, since="2021") == {MIN, FB, TW}
    assert nodes(store, until="2020-12") == {ZAK, MIN, FB, US, ACC, AGENT}
    assert nodes(store, since="2020-09-03", until="2020-09-03") == nodes(store, until="2020")
    assert nodes(store, since="2022") == set()
    g, message = make_view(store, Selection(since="2021-01-01"))
    (edge,) = g.edges(data=True)
    assert [e["date"] for e in edge[2]["evidence"]] == ["2021-02-10"]  # only in-range evidence
    assert "undated articles left out" in message


def test_parse_day() -> None:
    assert parse_day("2020") == "2020-01-01" and parse_day("2020", end=True) == "2020-12-31"
    assert parse_day("2020-09", end=True) == "2020-09-31"
    with pytest.raises(ValueError):
        parse_day("Sept 2020")


def test_top_and_rank(store) -> None:
    top = choose(store, Selection(top=3))
    assert set(top.nodes) == {MIN, FB, ZAK}
    assert "top 3 of 9 by PageRank" in top.message
    assert len(nodes(store, top=2, rank="degree")) == 2
    assert FB in nodes(store, top=1, rank="degree")  # Facebook has 3 edges


def test_query_construct_and_select(store) -> None:
    construct = "CONSTRUCT { ?s rel:urge ?o } WHERE { ?s rel:urge ?o }"
    g, message = make_view(store, Selection(query=construct))
    assert set(g.nodes) == {MIN, FB}
    (edge,) = g.edges(data=True)
    assert edge[2]["label"] == "urge" and len(edge[2]["evidence"]) == 2
    assert g.nodes[MIN]["label"] == "Russian Foreign Ministry"
    select = "SELECT ?s ?p ?o WHERE { ?s schema:worksFor ?o BIND(schema:worksFor AS ?p) }"
    g, _ = make_view(store, Selection(query=select))
    assert set(g.nodes) == {ZAK, MIN}
    generic = "CONSTRUCT { ?a schema:mentions ?e } WHERE { ?a schema:mentions ?e }"
    g, message = make_view(store, Selection(query=generic))
    assert _id("article/seed-2") in g and g.number_of_edges() == 7
    assert message.startswith("showing 7 of 7 nodes")  # 2 articles, 5 entities


def test_query_errors(store) -> None:
    from graphbuild.errors import QueryError

    with pytest.raises(QueryError):
        make_view(store, Selection(query="SELECT ?x WHERE { ?x ?y ?z }"))
    with pytest.raises(QueryError):
        make_view(store, Selection(query="CONSTRUCT { nonsense"))


def test_default_limit_and_message() -> None:
    store = from_rdflib(Graph().parse(data=synthetic_turtle(400, 600), format="turtle"))
    chosen = choose(store, Selection())
    assert len(chosen.nodes) == 300
    assert chosen.message.startswith("showing 300 of 400 entities; the 300 most central of "
                                     "400 by PageRank; 100 left out")
    assert len(choose(store, Selection(limit=0)).nodes) == 400
    assert len(choose(store, Selection(top=350)).nodes) == 350


def test_cap_graph() -> None:
    g = to_networkx(Graph().parse(data=synthetic_turtle(50, 80), format="turtle"))
    small, note = cap_graph(g, 10)
    assert small.number_of_nodes() == 10 and note.startswith("showing 10 of 50 entities")
    assert cap_graph(g, 0) == (g, "")


def test_store_folder_gives_the_same_view(tmp_path: Path, store) -> None:
    from graphbuild.store.oxi import GraphStore

    graph = Graph().parse(SMALL, format="turtle")
    quads = [(s, p, o, ENTITY_GRAPH if str(s).startswith(_id("person/")) else
              GRAPH["article/seed-1"]) for s, p, o in graph]
    with GraphStore(tmp_path / "store") as gs:
        gs.replace_article(GRAPH["article/seed-1"], quads)
    on_disk = open_source(store_dir=tmp_path / "store")
    for sel in (Selection(), Selection(types=("Organization",)), Selection(since="2021"),
                Selection(focus=("Zakharova",), hops=1), Selection(top=3)):
        assert set(choose(on_disk, sel).nodes) == set(choose(store, sel).nodes), sel
