"""Entities across articles (in-process builds of made-up articles): a surname joins the one
full name with shared context, namesakes without it stay apart, legal suffixes do not split a
company, and the order of the articles does not change the store.

Every build reads the same files (gb:sourcePath records the path, so stores are comparable
only when built from the same paths).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graphbuild.corpus import build_store
from graphbuild.store.oxi import GraphStore
from tests.corpus.helpers import store_quads

ARTICLES = {
    "brennan-1": (
        "Acme Corp shares fall\n\n"
        "Helen Brennan, a spokeswoman for Acme Corp, said on Monday that the company would "
        "close two factories in Ohio. Acme Corp has cut 400 jobs this year, and its chief "
        "executive, Daniel Brooks, said further cuts were not planned."),
    "brennan-2": (
        "Acme Corp defends closures\n\n"
        "Brennan said on Wednesday that the closures at Acme Corp were needed to protect the "
        "rest of the business. Union leaders said they would meet Daniel Brooks next week."),
    "petrova-1": (
        "Acme Corp shares fall\n\n"
        "Maria Petrova, a spokeswoman for Acme Corp, said on Monday that the company would "
        "close two factories in Ohio. Acme Corp has cut 400 jobs this year, and its chief "
        "executive, Daniel Brooks, said further cuts were not planned."),
    "petrova-2": (
        "Acme Corp defends closures\n\n"
        "Petrova said on Wednesday that the closures at Acme Corp were needed to protect the "
        "rest of the business. Union leaders said they would meet Daniel Brooks next week."),
    "smith-kent": (
        "Farmers count flood losses\n\n"
        "John Smith, a farmer in Kent, said the floods had destroyed most of his wheat. The "
        "National Farmers Union said hundreds of farms in the county were affected."),
    "smith-leeds": (
        "Bank opens northern office\n\n"
        "Jane Smith, a banker in Leeds, said the new office of Northern Trust Bank would employ "
        "200 people. The bank said it expected to open a second office in York."),
    "smith-alone": (
        "Library reopens after repairs\n\n"
        "The village library reopened on Saturday after two years of repairs. Smith said the "
        "building was finally safe, and volunteers said they were glad to be back."),
    "twitter-1": (
        "Twitter reports higher revenue\n\n"
        "Twitter Inc. said on Thursday that its revenue rose 20% in the third quarter, helped "
        "by higher advertising sales in Europe and Asia."),
    "twitter-2": (
        "Twitter suspends accounts\n\n"
        "Twitter said it had suspended hundreds of accounts linked to a spam network, and that "
        "it would publish a report on the network next month."),
}


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """name -> the article's file (written once for every build of this module)."""
    folder = tmp_path_factory.mktemp("articles")
    out = {}
    for name, text in ARTICLES.items():
        out[name] = folder / f"{name}.txt"
        out[name].write_text(text, encoding="utf-8")
    return out


def _build(store: Path, inputs: list[Path], **kw: object) -> object:
    with GraphStore(store) as gs:
        return build_store(inputs, gs, **kw)


def _entities(store: Path) -> dict[str, dict[str, set[str]]]:
    """person/organization IRI -> {"label": {...}, "alias": {...}} in the entity graph."""
    out: dict[str, dict[str, set[str]]] = {}
    with GraphStore(store, read_only=True) as gs:
        for r in gs.query("""SELECT ?e ?l ?a WHERE { ?e gb:entityKind ?k ; rdfs:label ?l .
                               FILTER(?k IN ("person", "organization"))
                               OPTIONAL { ?e skos:altLabel ?a } }"""):
            e = out.setdefault(r["e"].value, {"label": set(), "alias": set()})
            e["label"].add(r["l"].value)
            if r["a"] is not None:
                e["alias"].add(r["a"].value)
    return out


def _with_label(ents: dict, label: str) -> list[str]:
    return [iri for iri, e in ents.items() if label in e["label"]]


@pytest.fixture(scope="module")
def all_in_one(tmp_path_factory: pytest.TempPathFactory, files: dict[str, Path]) -> Path:
    store = tmp_path_factory.mktemp("entities") / "store"
    _build(store, list(files.values()))
    return store


def _one_node_with_alias(store: Path, full: str, short: str, articles: set[str]) -> None:
    ents = _entities(store)
    [node] = _with_label(ents, full)
    assert short in ents[node]["alias"]
    assert not _with_label(ents, short)  # no separate node for the short name left
    with GraphStore(store, read_only=True) as gs:
        mentioned = {r["a"].value for r in gs.query(
            "SELECT ?a ?e WHERE { ?a schema:mentions ?e }", {"e": _uri(node)})}
    assert {m.rsplit("/", 1)[1] for m in mentioned} == articles


def test_a_surname_joins_the_full_name_with_shared_context(all_in_one: Path) -> None:
    _one_node_with_alias(all_in_one, "Helen Brennan", "Brennan", {"brennan-1", "brennan-2"})


def test_petrova_joins_maria_petrova(all_in_one: Path) -> None:
    _one_node_with_alias(all_in_one, "Maria Petrova", "Petrova", {"petrova-1", "petrova-2"})


def test_namesakes_without_shared_context_stay_apart(all_in_one: Path) -> None:
    ents = _entities(all_in_one)
    john, jane = _with_label(ents, "John Smith"), _with_label(ents, "Jane Smith")
    assert len(john) == 1 and len(jane) == 1 and john != jane
    for iri in john + jane:
        assert "Smith" not in ents[iri]["alias"]


def test_a_legal_suffix_does_not_split_a_company(all_in_one: Path) -> None:
    ents = _entities(all_in_one)
    [twitter] = _with_label(ents, "Twitter") and [
        i for i in _with_label(ents, "Twitter") if "/organization/" in i]
    assert "Twitter Inc" in ents[twitter]["alias"]  # "Twitter Inc." is the company "Twitter"


def test_twitter_inc_and_twitter_are_one_node(all_in_one: Path) -> None:
    ents = _entities(all_in_one)
    assert len(_with_label(ents, "Twitter")) == 1


def test_article_order_does_not_change_the_store(tmp_path: Path, all_in_one: Path,
                                                 files: dict[str, Path]) -> None:
    reverse = tmp_path / "reverse"
    _build(reverse, list(files.values())[::-1])
    assert store_quads(reverse) == store_quads(all_in_one)


def test_separate_builds_in_either_order_give_the_same_store(
        tmp_path: Path, all_in_one: Path, files: dict[str, Path]) -> None:
    first = ["brennan-1", "petrova-1", "smith-kent", "twitter-1"]
    a = [files[n] for n in first]
    b = [p for n, p in files.items() if n not in first]
    ab, ba = tmp_path / "ab", tmp_path / "ba"
    _build(ab, a)
    _build(ab, b)
    _build(ba, b)
    _build(ba, a)
    assert store_quads(ab) == store_quads(ba) == store_quads(all_in_one)


TOM_BRENNAN = (
    "Acme Corp rival hires\n\n"
    "Tom Brennan, a former manager at Acme Corp, said on Friday that he would join a rival "
    "firm. Daniel Brooks said Acme Corp wished him well.")


def test_a_later_namesake_gives_the_store_of_a_single_build(
        tmp_path: Path, files: dict[str, Path]) -> None:
    tom = tmp_path / "tom-brennan.txt"
    tom.write_text(TOM_BRENNAN, encoding="utf-8")
    both = [files["brennan-1"], files["brennan-2"]]
    later, once = tmp_path / "later", tmp_path / "once"
    _build(later, both)
    _build(later, [tom])
    _build(once, [*both, tom])
    assert store_quads(later) == store_quads(once)


def test_removing_the_namesake_merges_again(tmp_path: Path, files: dict[str, Path]) -> None:
    from graphbuild.rdf.vocab import article_graph_iri
    from graphbuild.resolve.crossdoc import remove_articles

    tom = tmp_path / "tom-brennan.txt"
    tom.write_text(TOM_BRENNAN, encoding="utf-8")
    both = [files["brennan-1"], files["brennan-2"]]
    three, two = tmp_path / "three", tmp_path / "two"
    _build(three, [*both, tom])
    assert _with_label(_entities(three), "Brennan")  # two Brennans: "Brennan" stays apart
    _build(two, both)
    assert not _with_label(_entities(two), "Brennan")  # one Brennan: merged
    with GraphStore(three) as gs:
        [tom_graph] = [g for g in gs.article_graphs() if "tom" in g]
        missing = remove_articles(gs, [tom_graph, str(article_graph_iri("no-such-article"))])
        assert not gs.merge_pending()
    assert missing == [str(article_graph_iri("no-such-article"))]
    assert store_quads(three) == store_quads(two)


def test_merging_left_pending_is_done_by_the_next_build(
        tmp_path: Path, all_in_one: Path, files: dict[str, Path]) -> None:
    """What makes a build killed during merging complete on the next run."""
    store = tmp_path / "store"
    inputs = list(files.values())
    report = _build(store, inputs, merge=False)
    assert not report.merges
    with GraphStore(store, read_only=True) as gs:
        assert gs.merge_pending()
    assert _with_label(_entities(store), "Brennan")
    report = _build(store, inputs)
    assert not report.added and len(report.unchanged) == len(ARTICLES)
    assert sorted((m.src_label, m.dst_label) for m in report.merges) == [
        ("Brennan", "Helen Brennan"), ("Petrova", "Maria Petrova")]
    assert store_quads(store) == store_quads(all_in_one)
    assert not _build(store, inputs).merges  # nothing pending any more


def _uri(iri: str):  # noqa: ANN202
    from rdflib import URIRef

    return URIRef(iri)


def test_an_id_given_twice_in_one_build_keeps_the_later_text(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir()
    two.mkdir()
    (one / "story.txt").write_text(ARTICLES["brennan-1"], encoding="utf-8")
    (two / "story.txt").write_text(ARTICLES["twitter-1"], encoding="utf-8")
    (two / "same.txt").write_text(ARTICLES["smith-kent"], encoding="utf-8")
    (one / "same.txt").write_text(ARTICLES["smith-kent"], encoding="utf-8")
    report = _build(tmp_path / "store", [one, two])
    assert sorted(report.added) == ["same", "story"] and report.replaced == ["story"]
    assert report.unchanged == ["same"]  # the identical second copy is not parsed again
    assert "'story' was read before in this build with another text" in caplog.text
    ents = _entities(tmp_path / "store")
    assert _with_label(ents, "Twitter") and not _with_label(ents, "Helen Brennan")


def test_a_changed_article_leaves_nothing_of_its_old_text(tmp_path: Path) -> None:
    """Its aliases, verb relations and entities go with its old graph."""
    old = ("Ministry rebukes platform\n\n"
           "Maria Zakharova, the Russian Foreign Ministry spokeswoman, criticised Facebook on "
           "Monday. Zakharova said the platform had blocked dozens of accounts.")
    new = ("Ministry rebukes platform\n\n"
           "Maria Zakharova, the Russian Foreign Ministry spokeswoman, praised Twitter on "
           "Monday.")
    art = tmp_path / "in" / "zakharova.txt"
    art.parent.mkdir()
    changed, fresh = tmp_path / "changed", tmp_path / "fresh"
    art.write_text(old, encoding="utf-8")
    _build(changed, [art])
    assert "Zakharova" in _entities(changed)[
        _with_label(_entities(changed), "Maria Zakharova")[0]]["alias"]
    art.write_text(new, encoding="utf-8")
    report = _build(changed, [art])
    assert report.replaced == ["zakharova"]
    _build(fresh, [art])
    assert store_quads(changed) == store_quads(fresh)


def test_an_id_given_twice_in_different_batches_ends_with_the_later_text(
        tmp_path: Path) -> None:
    """The store already holds the later text; the earlier one ends the batch before it. The
    store's answer for the second copy would depend on how far the writer has got, so the
    second copy is judged against the first, never against the store."""
    import json

    from graphbuild.corpus import BATCH

    later, earlier = ARTICLES["twitter-1"], ARTICLES["brennan-1"]
    store, fresh = tmp_path / "store", tmp_path / "fresh"
    first = tmp_path / "first.jsonl"
    first.write_text(json.dumps({"id": "x", "text": later}) + "\n", encoding="utf-8")
    _build(store, [first])
    rows = [{"id": f"f{n}", "text": f"Filler story number {n} about nothing much."}
            for n in range(BATCH - 1)]
    # the last article of the first batch, then the first of the second
    rows += [{"id": "x", "text": earlier}, {"id": "x", "text": later}]
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    report = _build(store, [corpus])
    assert report.replaced == ["x", "x"] and "x" not in report.unchanged
    _build(fresh, [first, corpus])
    assert store_quads(store) == store_quads(fresh)
    ents = _entities(store)
    assert _with_label(ents, "Twitter") and not _with_label(ents, "Helen Brennan")
