"""View selection on the fixture graph's entity graph: each option changes the set of
drawn nodes as expected (concepts and agents are carried hidden, never ranked)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from graphbuild.rdf.vocab import ENTITY_GRAPH, GRAPH, ID
from graphbuild.view import to_networkx
from graphbuild.view.choose import select_view
from graphbuild.view.pipeline import make_view
from graphbuild.view.select import Selection, ViewSelectionError
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


def shown(store, sel: Selection) -> set[str]:
    g, _ = make_view(store, sel)
    return {n for n, d in g.nodes(data=True) if d.get("shown")}


def nodes(store, **kw) -> set[str]:
    return shown(store, Selection(**kw))


def test_default_draws_every_entity_concepts_hidden(store) -> None:
    g, message = make_view(store, Selection())
    assert set(g) == ALL and g.number_of_edges() == 4
    assert {n for n, d in g.nodes(data=True) if d["shown"]} == ALL - {ACC, AGENT}
    assert message.startswith("showing 7 of 7 entities")
    assert "2 concepts/agents hidden" in message


def test_same_graph_as_to_networkx(store) -> None:
    g, _ = make_view(store, Selection())
    ref = to_networkx(Graph().parse(SMALL, format="turtle"))
    assert set(g.edges(keys=True)) == set(ref.edges(keys=True))
    for e in ref.edges(keys=True):
        assert g.edges[e]["evidence"] == ref.edges[e]["evidence"]
    urge = g.edges[MIN, FB, "https://w3id.org/graphbuild/rel/urge"]["evidence"]
    assert {e["date"] for e in urge} == {"2020-09-03", "2021-02-10"}


def test_types_include_subclasses(store) -> None:
    assert nodes(store, types=("Organization",)) == {MIN, FB, TW, SPUT}
    assert nodes(store, types=("GovernmentOrganization",)) == {MIN}
    assert nodes(store, types=("Person", "Place")) == {ZAK, US, MOS}
    assert nodes(store, types=("Concept",)) == set()  # concepts are never ranked


def test_focus_and_hops(store) -> None:
    assert nodes(store, focus=("Maria Zakharova",), hops=0) == {ZAK}
    assert nodes(store, focus=("zakharova",), hops=1) == {ZAK, MIN}  # alias, any case
    assert nodes(store, focus=(ZAK,), hops=2) == {ZAK, MIN, FB}  # IRI
    # hops run over entities: concepts and agents do not join the neighbourhood
    assert nodes(store, focus=("person:Maria_Zakharova",), hops=3) == {ZAK, MIN, FB}
    # the focus stays even when a type filter would drop it
    assert nodes(store, focus=("Zakharova",), hops=2, types=("Organization",)) == {ZAK, MIN, FB}


def test_unknown_focus_names_close_matches(store) -> None:
    with pytest.raises(ViewSelectionError, match="no entity called 'Zakarova'") as err:
        make_view(store, Selection(focus=("Zakarova",)))
    assert "Zakharova" in str(err.value) and "GB620" in str(err.value)


def test_min_mentions(store) -> None:
    assert nodes(store, min_mentions=2) == {MIN, FB}
    assert nodes(store, min_mentions=1) == {ZAK, MIN, FB, TW, US}


def test_dates(store) -> None:
    # seed-2 (2021-02-10) backs one urge edge and mentions the ministry, Facebook, Twitter
    assert nodes(store, since="2021") == {MIN, FB, TW}
    assert nodes(store, until="2020-12") == {ZAK, MIN, FB, US}
    assert nodes(store, since="2020-09-03", until="2020-09-03") == nodes(store, until="2020")
    assert nodes(store, since="2022") == set()
    g, message = make_view(store, Selection(since="2021-01-01"))
    (edge,) = g.subgraph([n for n, d in g.nodes(data=True) if d["shown"]]).edges(data=True)
    assert [e["date"] for e in edge[2]["evidence"]] == ["2021-02-10"]  # only in-range evidence
    assert "undated articles left out" in message


def test_parse_day() -> None:
    assert parse_day("2020") == "2020-01-01" and parse_day("2020", end=True) == "2020-12-31"
    assert parse_day("2020-09", end=True) == "2020-09-31"
    with pytest.raises(ValueError):
        parse_day("Sept 2020")


def test_top_and_rank(store) -> None:
    g, message = make_view(store, Selection(top=3))
    assert {n for n, d in g.nodes(data=True) if d["shown"]} == {MIN, FB, ZAK}  # connected
    assert "the most central by PageRank (4 left out" in message
    assert len(nodes(store, top=2, rank="degree")) == 2
    assert nodes(store, top=1, rank="degree") == {MIN}  # urges Facebook, employs Zakharova


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
    g, message = make_view(store, Selection())
    assert len([n for n, d in g.nodes(data=True) if d["shown"]]) == 300
    assert message.startswith("showing 300 of 400 entities; the most central by PageRank "
                              "(100 left out")
    assert len(shown(store, Selection(limit=0))) == 400
    assert len(shown(store, Selection(top=350))) == 350


def test_select_view_ranks_connected_entities_first() -> None:
    g = to_networkx(Graph().parse(data=synthetic_turtle(50, 80), format="turtle"))
    small, note = select_view(g, Selection(limit=10))
    drawn = [n for n, d in small.nodes(data=True) if d["shown"]]
    assert len(drawn) == 10 and note.startswith("showing 10 of 50 entities")
    assert sorted(small.nodes[n]["rank"] for n in drawn) == list(range(10))
    assert all(g.degree(n) > 0 for n in drawn)


def test_store_folder_gives_the_same_view(tmp_path: Path, store) -> None:
    from graphbuild import store as stores

    graph = Graph().parse(SMALL, format="turtle")
    quads = [(s, p, o, ENTITY_GRAPH if str(s).startswith(_id("person/")) else
              GRAPH["article/seed-1"]) for s, p, o in graph]
    with stores.open(tmp_path / "store", "w") as gs:
        gs.replace_article(GRAPH["article/seed-1"], quads)
    on_disk = stores.open(tmp_path / "store", "r").store
    for sel in (Selection(), Selection(types=("Organization",)), Selection(since="2021"),
                Selection(focus=("Zakharova",), hops=1), Selection(top=3)):
        assert shown(on_disk, sel) == shown(store, sel), sel
