"""GraphStore on its own (no spaCy): atomic article writes, one writer, merge bookkeeping,
pruning, N-Quads encoding, dumps."""

from __future__ import annotations

import io
import subprocess
import sys
import textwrap
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, Literal, URIRef

from graphbuild.rdf.vocab import ENTITY_GRAPH, GB, SDO, article_graph_iri, article_iri
from graphbuild.store.oxi import (
    GraphStore,
    StoreInUseError,
    StoreNotFoundError,
    nquads,
    nt_term,
    to_ox,
    to_rdflib,
)

RDFS_LABEL = URIRef("http://www.w3.org/2000/01/rdf-schema#label")
_XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_DECIMAL, XSD_STRING, XSD_INTEGER = (URIRef(_XSD + n) for n in ("decimal", "string", "integer"))


def _article(aid: str, text_hash: str, mentions: list[str], extra: str = "") -> bytes:
    """An article's quads the way the builder writes them (article graph + entity graph)."""
    a, g = article_iri(aid), article_graph_iri(aid)
    quads = [(a, GB.contentHash, Literal(text_hash), g), (a, SDO.headline, Literal(extra), g)]
    for name in mentions:
        e = URIRef(f"https://w3id.org/graphbuild/id/person/{name}")
        quads += [(a, SDO.mentions, e, g), (e, GB.entityKind, Literal("person"), ENTITY_GRAPH),
                  (e, RDFS_LABEL, Literal(name.replace("_", " ")), ENTITY_GRAPH)]
    return nquads(quads)[0]


def _count(store: GraphStore, graph: URIRef) -> int:
    return sum(1 for _ in store.store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))


def test_replace_writes_and_replaces_one_article(tmp_path: Path) -> None:
    with GraphStore(tmp_path / "s") as st:
        st.replace_nquads(str(article_graph_iri("a")), _article("a", "h1", ["Ann_Lee"], "one"))
        st.replace_nquads(str(article_graph_iri("b")), _article("b", "h2", ["Bo_Chan"], "two"))
        assert st.article_hash(article_graph_iri("a"), article_iri("a")) == "h1"
        assert st.article_hash(article_graph_iri("c"), article_iri("c")) is None
        st.replace_nquads(str(article_graph_iri("a")), _article("a", "h3", [], "new"))
        assert st.article_hash(article_graph_iri("a"), article_iri("a")) == "h3"
        assert _count(st, article_graph_iri("a")) == 2  # the old mention is gone
        assert _count(st, article_graph_iri("b")) == 3  # the other article is untouched
        assert st.article_graphs() == sorted([str(article_graph_iri("a")),
                                              str(article_graph_iri("b"))])


def test_a_malformed_load_writes_nothing(tmp_path: Path) -> None:
    with GraphStore(tmp_path / "s") as st:
        good = _article("a", "h1", ["Ann_Lee"])
        st.replace_nquads(str(article_graph_iri("a")), good)
        before = set(map(str, st.quads()))
        with pytest.raises(SyntaxError):
            st.replace_nquads(str(article_graph_iri("b")),
                              _article("b", "h2", ["Bo_Chan"]) + b'<a:x> <a:y> "unterminated .\n')
        assert set(map(str, st.quads())) == before  # all or nothing


def test_nquads_escape_what_turtle_would_write_as_long_strings(tmp_path: Path) -> None:
    tricky = [Literal('two\nlines "quoted" back\\slash\r'), Literal("Zoë", lang="en"),
              Literal("0.8", datatype=XSD_DECIMAL), Literal("plain", datatype=XSD_STRING),
              Literal("tab\there")]
    g = URIRef("https://example.org/g")
    data, n = nquads((URIRef("https://example.org/s"), URIRef(f"https://example.org/p{i}"), t, g)
                     for i, t in enumerate(tricky))
    assert n == len(tricky) and data.count(b"\n") == n
    store = ox.Store()
    store.load(data, ox.RdfFormat.N_QUADS)
    back = {to_rdflib(q.object) for q in store}
    assert back == {Literal('two\nlines "quoted" back\\slash\r'), Literal("Zoë", lang="en"),
                    Literal("0.8", datatype=XSD_DECIMAL), Literal("plain"), Literal("tab\there")}
    assert nt_term(URIRef("https://example.org/x")) == "<https://example.org/x>"
    with pytest.raises(TypeError):
        nt_term(42)


def test_terms_round_trip_between_rdflib_and_oxigraph() -> None:
    for term in (URIRef("https://example.org/x"), Literal("x"), Literal("x", lang="de"),
                 Literal("3", datatype=XSD_INTEGER)):
        assert to_rdflib(to_ox(term)) == term


def test_a_second_writer_is_refused_in_the_same_process(tmp_path: Path) -> None:
    with GraphStore(tmp_path / "s"), pytest.raises(StoreInUseError) as err:
        GraphStore(tmp_path / "s")
    assert "store is in use" in str(err.value) and str(err.value).startswith("[GB411]")


def test_a_second_writer_is_refused_in_another_process(tmp_path: Path) -> None:
    store = tmp_path / "s"
    with GraphStore(store):
        code = textwrap.dedent(f"""
            from graphbuild.store.oxi import GraphStore, StoreInUseError
            try:
                GraphStore({str(store)!r})
            except StoreInUseError as err:
                print(err)
            """)
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              timeout=60)
    assert "[GB411]" in done.stdout and "store is in use" in done.stdout, done.stderr


def test_read_only_needs_an_existing_store(tmp_path: Path) -> None:
    with pytest.raises(StoreNotFoundError):
        GraphStore(tmp_path / "nothing", read_only=True)
    with pytest.raises(StoreNotFoundError):
        GraphStore(tmp_path / "nothing", create=False)
    assert not (tmp_path / "nothing").exists()


def test_merge_pending_marker(tmp_path: Path) -> None:
    with GraphStore(tmp_path / "s") as st:
        assert not st.merge_pending()
        st.set_merge_pending()
        st.set_merge_pending()
        assert st.merge_pending()
    with GraphStore(tmp_path / "s") as st:  # persisted
        assert st.merge_pending()
        st.clear_merge_pending()
        assert not st.merge_pending() and len(st.store) == 0


def test_remove_and_prune_keep_entities_other_articles_mention(tmp_path: Path) -> None:
    with GraphStore(tmp_path / "s") as st:
        st.replace_nquads(str(article_graph_iri("a")), _article("a", "h1", ["Ann_Lee", "Bo_Chan"]))
        st.replace_nquads(str(article_graph_iri("b")), _article("b", "h2", ["Bo_Chan"]))
        assert st.remove_article(article_graph_iri("a"))
        assert not st.remove_article(article_graph_iri("a"))
        labels = {str(o) for _, _, o, _ in
                  (map(to_rdflib, (q.subject, q.predicate, q.object, q.graph_name))
                   for q in st.store.quads_for_pattern(None, to_ox(RDFS_LABEL), None, None))}
        assert labels == {"Bo Chan"}
        assert st.stats()["articles"] == 1 and st.stats()["entities"] == 1


def test_stats_counts(tmp_path: Path) -> None:
    with GraphStore(tmp_path / "s") as st:
        st.replace_nquads(str(article_graph_iri("a")), _article("a", "h1", ["Ann_Lee"]))
        stats = st.stats()
    assert stats == {"articles": 1, "entities": 1, "statements": 0, "quotes": 0, "roles": 0,
                     "narratives": 0,
                     "triples": 5}


@pytest.mark.parametrize("fmt", ["nq", "trig", "ttl", "nt"])
def test_dumps_parse_back(tmp_path: Path, fmt: str) -> None:
    with GraphStore(tmp_path / "s") as st:
        st.replace_nquads(str(article_graph_iri("a")), _article("a", "h1", ["Ann_Lee"], "x\ny"))
        st.replace_nquads(str(article_graph_iri("b")), _article("b", "h2", ["Ann_Lee"]))
        quads = {tuple(map(to_rdflib, (q.subject, q.predicate, q.object, q.graph_name)))
                 for q in st.quads()}
        out = io.BytesIO()
        st.dump(out, fmt)
    rdf_format = {"nq": "nquads", "trig": "trig", "ttl": "turtle", "nt": "nt"}[fmt]
    if fmt in {"nq", "trig"}:
        ds = Dataset()
        ds.parse(data=out.getvalue(), format=rdf_format)
        got = {(s, p, o, g) for s, p, o, g in ds.quads((None, None, None, None))}
        assert got == quads
    else:
        g = Graph().parse(data=out.getvalue(), format=rdf_format)
        assert set(g) == {(s, p, o) for s, p, o, _ in quads}


def test_the_writers_memory_stays_flat_as_articles_are_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """RocksDB keeps written data in memory until a flush (~4 bytes of RSS per byte loaded);
    GraphStore flushes every FLUSH_BYTES, so the writer does not grow with the corpus."""
    import psutil

    import graphbuild.store.oxi as oxi

    monkeypatch.setattr(oxi, "FLUSH_BYTES", 2 * 2**20)
    me = psutil.Process()
    with GraphStore(tmp_path / "s") as st:
        base = me.memory_info().rss
        peak = 0
        for i in range(120):  # 120 articles, ~15 MB of N-Quads
            g = article_graph_iri(f"a{i}")
            data = "".join(f'<{g}/s{j}> <https://schema.org/text> "Sentence {j} of article {i}, '
                           f'long enough to weigh something." <{g}> .\n' for j in range(1200))
            st.replace_nquads(str(g), data.encode())
            peak = max(peak, me.memory_info().rss - base)
    assert peak < 50 * 2**20, f"writer grew by {peak / 2**20:.0f} MB"
