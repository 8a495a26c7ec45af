"""Narratives in a real store built from real BBC articles (read from ../shared at test
time): independent of the order of builds, incremental, removable, equal to files mode."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graphbuild import store as stores
from graphbuild.corpus import build_store
from graphbuild.narrative.store import INDEX_GRAPH, NARRATIVE_GRAPH, update_narratives
from graphbuild.pipeline import build
from graphbuild.rdf.vocab import GB

#: pairs of BBC articles that tell one story twice (same quotations, some reworded)
PAIRS = [("business/138", "business/152"), ("business/260", "business/354"),
         ("business/209", "business/229"), ("business/242", "sport/124")]
IDS = [i for pair in PAIRS for i in pair]

NARRATIVES = """SELECT ?n ?a ?f WHERE { GRAPH ?g { ?n a gb:Narrative ;
    schema:appearance ?a ; schema:firstAppearance ?f } }"""


def _jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _rows(bbc: dict[str, dict], ids: list[str], dates: dict[str, str] | None = None
          ) -> list[dict]:
    out = []
    for i in ids:
        row = {"id": i, "title": bbc[i]["title"], "text": bbc[i]["text"]}
        if dates and i in dates:
            row["date"] = dates[i]
        out.append(row)
    return out


def _narratives(rows) -> set[tuple[frozenset[str], str]]:  # noqa: ANN001
    by: dict[str, tuple[set[str], str]] = {}
    for n, a, f in rows:
        by.setdefault(str(n), (set(), str(f)))[0].add(str(a))
    return {(frozenset(apps), first) for apps, first in by.values()}


def _in_store(path: Path) -> set[tuple[frozenset[str], str]]:
    with stores.open(path, "r") as st:
        return _narratives((r["n"].value, r["a"].value, r["f"].value)
                           for r in st.query(NARRATIVES))


@pytest.fixture(scope="module")
def built(bbc_articles: dict[str, dict], tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    tmp = tmp_path_factory.mktemp("narr")
    src = _jsonl(tmp / "all.jsonl", _rows(bbc_articles, IDS))
    with stores.open(tmp / "one", "w") as st:
        build_store([src], st)
    return tmp, src


def test_stories_told_twice_give_narratives_across_both(built) -> None:  # noqa: ANN001
    tmp, _ = built
    found = _in_store(tmp / "one")
    assert len(found) >= len(PAIRS)
    pair_of = {i: n for n, pair in enumerate(PAIRS) for i in pair}
    for apps, first in found:
        assert first in apps
        articles = {a.split("/quote/")[0].split("/claim/")[0] for a in apps}
        assert len(articles) >= 2  # a narrative spans articles
        # and stays within one story: no link between the four unrelated stories
        assert len({pair_of[a.rsplit("article/", 1)[1].replace("%2F", "/")]
                    for a in articles}) == 1


def test_order_and_batches_do_not_change_the_narratives(built, bbc_articles, tmp_path
                                                        ) -> None:  # noqa: ANN001
    tmp, _ = built
    back = list(reversed(IDS))
    first = _jsonl(tmp_path / "b1.jsonl", _rows(bbc_articles, back[:5]))
    rest = _jsonl(tmp_path / "b2.jsonl", _rows(bbc_articles, back[5:]))
    with stores.open(tmp_path / "two", "w") as st:
        build_store([first], st)
        build_store([rest], st)
    assert _in_store(tmp_path / "two") == _in_store(tmp / "one")


def test_bulk_loaded_index_gives_the_same_narratives(built, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A first indexing of a big store is bulk-loaded (not in transactions): same result."""
    from graphbuild.narrative import store as narrative_store

    tmp, src = built
    monkeypatch.setattr(narrative_store, "BULK", 1)
    with stores.open(tmp_path / "bulk", "w") as st:
        build_store([src], st)
        index = st.query(f"ASK {{ GRAPH <{narrative_store.INDEX_GRAPH}> {{ ?a ?p ?b }} }}")
    assert index
    assert _in_store(tmp_path / "bulk") == _in_store(tmp / "one")


def test_files_mode_finds_the_same_narratives(built) -> None:  # noqa: ANN001
    tmp, src = built
    ds = build([src])
    got = _narratives(ds.query("""PREFIX gb: <https://w3id.org/graphbuild/ns#>
        PREFIX schema: <https://schema.org/>
        SELECT ?n ?a ?f WHERE { ?n a gb:Narrative ; schema:appearance ?a ;
                                   schema:firstAppearance ?f }"""))
    assert got == _in_store(tmp / "one")


def test_removing_an_article_takes_its_appearances_out_and_adding_it_back_restores(
        built, bbc_articles, tmp_path) -> None:  # noqa: ANN001
    tmp, src = built
    path = tmp_path / "st"
    with stores.open(path, "w") as st:
        build_store([src], st)
    before = _in_store(path)
    from graphbuild.rdf.vocab import article_graph_iri
    from graphbuild.resolve.crossdoc import remove_articles

    gone = "business/152"
    with stores.open(path, "r+") as st:
        remove_articles(st, [str(article_graph_iri(gone))])
    after = _in_store(path)
    assert after and after != before
    assert not any("business%2F152" in a for apps, _ in after for a in apps)
    # narratives of the other stories are untouched
    assert {n for n in before if not any("business%2F1" in a for a in n[0])} == \
        {n for n in after if not any("business%2F1" in a for a in n[0])}
    with stores.open(path, "r+") as st:
        build_store([_jsonl(tmp_path / "back.jsonl", _rows(bbc_articles, [gone]))], st)
    assert _in_store(path) == before


def test_an_interrupted_update_is_finished_by_the_next_one(built, tmp_path) -> None:  # noqa: ANN001
    tmp, src = built
    path = tmp_path / "st"
    with stores.open(path, "w") as st:
        build_store([src], st)
    before = _in_store(path)
    with stores.open(path, "r+") as st:
        # as if killed after indexing an article and before its key and the narratives
        st.update(f"DELETE WHERE {{ GRAPH <{INDEX_GRAPH}> {{ ?a <{GB.indexedKey}> ?k }} }}")
        st.update(f"DROP GRAPH <{NARRATIVE_GRAPH}>")
        assert update_narratives(st).indexed == len(IDS)
    assert _in_store(path) == before
    with stores.open(path, "r+") as st:  # nothing changed: nothing to do
        assert update_narratives(st).indexed == 0


def test_first_appearance_is_the_earliest_and_carries_its_date(bbc_articles, tmp_path
                                                                ) -> None:  # noqa: ANN001
    pair = PAIRS[0]
    dates = {pair[0]: "2005-01-20", pair[1]: "2005-01-18"}
    src = _jsonl(tmp_path / "d.jsonl", _rows(bbc_articles, list(pair), dates))
    with stores.open(tmp_path / "st", "w") as st:
        build_store([src], st)
        rows = list(st.query("""SELECT ?n ?d ?a ?first ?id ?own WHERE { ?n a gb:Narrative ;
            schema:dateCreated ?d ; schema:firstAppearance ?first ; schema:appearance ?a .
            ?a gb:article/schema:identifier ?id . OPTIONAL { ?a schema:dateCreated ?own } }"""))
    assert rows
    by: dict[str, list] = {}
    for r in rows:
        by.setdefault(r["n"].value, []).append(r)
    for apps in by.values():
        # an appearance's date: its own when the text gives one ("said on Tuesday"),
        # else its article's; the first appearance is the earliest, ties by article id
        def when(r):  # noqa: ANN001, ANN202
            return (r["own"].value if r["own"] is not None else dates[r["id"].value],
                    r["id"].value)
        first = next(r for r in apps if r["a"].value == r["first"].value)
        assert when(first) == min(when(r) for r in apps)
        assert first["d"].value == when(first)[0] == "2005-01-18"


def test_unrelated_quotations_of_one_speaker_stay_apart(built) -> None:  # noqa: ANN001
    tmp, _ = built
    with stores.open(tmp / "one", "r") as st:
        rows = list(st.query("""SELECT ?n ?t WHERE { ?n a gb:Narrative ;
            schema:appearance/schema:text ?t }"""))
    texts: dict[str, set[str]] = {}
    for r in rows:
        texts.setdefault(r["n"].value, set()).add(r["t"].value)
    # two things the same OPEC minister said in both articles: two narratives, not one
    first = {n for n, ts in texts.items() if any("as much as this" in t for t in ts)}
    second = {n for n, ts in texts.items() if any("below $35" in t for t in ts)}
    assert first and second and not first & second


#: one BBC story over four articles and five days (dates given as the articles' metadata):
#: Ken Livingstone likening a reporter to a "concentration camp guard"
STORY = {"politics/154": "2005-02-10", "politics/186": "2005-02-11",
         "politics/075": "2005-02-14", "politics/316": "2005-02-15"}


def test_one_statement_quoted_verbatim_partially_and_reworded_is_one_narrative(
        bbc_articles, tmp_path) -> None:  # noqa: ANN001
    src = _jsonl(tmp_path / "story.jsonl", _rows(bbc_articles, list(STORY), STORY))
    with stores.open(tmp_path / "st", "w") as st:
        build_store([src], st)
        rows = list(st.query("""SELECT ?n ?t ?id ?first ?d WHERE { ?n a gb:Narrative ;
            schema:appearance ?a ; schema:firstAppearance/gb:article/schema:identifier ?first ;
            schema:dateCreated ?d . ?a schema:text ?t ; gb:article/schema:identifier ?id }"""))
        kinds: dict[str, set[str]] = {}
        for r in st.query("""SELECT ?n ?k WHERE { ?n a gb:Narrative ; schema:appearance ?a .
                             ?l gb:linkFrom|gb:linkTo ?a ; gb:linkKind ?k }"""):
            kinds.setdefault(r["n"].value, set()).add(r["k"].value)
    by: dict[str, dict] = {}
    for r in rows:
        n = by.setdefault(r["n"].value, {"texts": set(), "ids": set(),
                                         "first": r["first"].value, "date": r["d"].value})
        n["texts"].add(r["t"].value)
        n["ids"].add(r["id"].value)
    guard = [k for k, n in by.items() if any("concentration camp guard" in t for t in n["texts"])]
    assert len(guard) == 1  # the quotation, its repeats and the reworded claims: one narrative
    n = by[guard[0]]
    assert {"politics/154", "politics/186", "politics/075"} <= n["ids"]
    assert {"verbatim", "paraphrase"} <= kinds[guard[0]]
    assert n["first"] == "politics/154" and n["date"] == "2005-02-10"  # the earliest article
    # a partial quotation joins its full quotation, first appearance the earlier article
    partial = [k for k, ks in kinds.items() if "partial" in ks]
    assert partial
    assert all(by[k]["first"] == min(by[k]["ids"], key=STORY.get) for k in partial)
    # another thing the same man said in the same articles stays apart
    racist = [k for k, n in by.items() if any("think they are racist" in t for t in n["texts"])]
    assert racist and not set(racist) & set(guard)
