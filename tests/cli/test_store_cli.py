"""The store commands as a user runs them (real subprocesses): ``build --store --quiet``,
``stats``, ``export --store`` (every RDF format, stdout and --out, parsed back with rdflib),
``query --store`` and ``remove``."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph

from graphbuild.narrative.store import INDEX_GRAPH, NARRATIVE_GRAPH
from graphbuild.rdf.vocab import ENTITY_GRAPH, article_graph_iri
from graphbuild.store.oxi import to_rdflib
from tests.corpus.helpers import bbc_rows, cli, write_jsonl


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Eight BBC articles built with --jobs 2 --quiet, which must print nothing at all."""
    folder = tmp_path_factory.mktemp("store_cli")
    corpus = write_jsonl(folder / "bbc8.jsonl", bbc_rows(8, start=1320))
    done = cli("build", str(corpus), "--store", str(folder / "store"), "--quiet", "--jobs", "2")
    assert done.returncode == 0, done.stderr
    assert done.stderr == "" and done.stdout == ""
    return folder / "store"


def _store_quads(path: Path) -> set[tuple]:
    st = ox.Store.read_only(str(path))
    try:
        return {tuple(map(to_rdflib, (q.subject, q.predicate, q.object, q.graph_name)))
                for q in st}
    finally:
        del st


def test_stats_prints_the_counts(store: Path) -> None:
    done = cli("stats", "--store", str(store))
    assert done.returncode == 0, done.stderr
    rows = dict(line.split() for line in done.stdout.splitlines())
    assert rows["articles"] == "8"
    assert set(rows) == {"articles", "entities", "statements", "quotes", "roles", "narratives",
                         "triples"}
    as_json = json.loads(cli("stats", "--store", str(store), "--json").stdout)
    assert as_json["articles"] == 8
    assert as_json["triples"] == int(rows["triples"].replace(",", "")) == len(_store_quads(store))


@pytest.mark.parametrize("fmt", ["nq", "trig", "ttl", "jsonld"])
@pytest.mark.parametrize("to_file", [False, True])
def test_export_parses_back_to_the_stores_quads(store: Path, tmp_path: Path, fmt: str,
                                                to_file: bool) -> None:
    args = [sys.executable, "-m", "graphbuild", "export", "--store", str(store), "--format", fmt]
    out = tmp_path / f"export.{fmt}"
    if to_file:
        args += ["--out", str(out)]
    done = subprocess.run(args, capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr
    data = out.read_bytes() if to_file else done.stdout
    assert data and (not to_file or not done.stdout)
    expected = _store_quads(store)
    parser = {"nq": "nquads", "trig": "trig", "ttl": "turtle", "jsonld": "json-ld"}[fmt]
    if fmt == "ttl":  # Turtle holds the union of the graphs
        assert set(Graph().parse(data=data, format=parser)) == {q[:3] for q in expected}
    else:
        ds = Dataset()
        ds.parse(data=data, format=parser)
        assert set(ds.quads((None, None, None, None))) == expected


def test_query_store_with_an_example(store: Path) -> None:
    done = cli("query", "--store", str(store), "--example", "who-said-what", "--format", "csv")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert len(lines) > 1 and "," in lines[0]


def test_query_store_with_a_bound_variable_outside_the_projection(store: Path) -> None:
    """Oxigraph substitutes only projected variables; graphbuild projects them and drops the
    column again, so --bind works on a store as on a file."""
    done = cli("query", "--store", str(store), "--bind", "name=Tony Blair", "--format", "csv",
               "SELECT ?quote WHERE { ?q schema:spokenByCharacter/rdfs:label ?name ; "
               "schema:text ?quote }")
    assert done.returncode == 0, done.stderr
    header = done.stdout.splitlines()[0]
    assert header.strip() == "quote"


def test_remove_deletes_an_article_and_the_entities_only_it_mentions(store: Path,
                                                                     tmp_path: Path) -> None:
    copy = tmp_path / "store"
    shutil.copytree(store, copy)
    before = _store_quads(copy)
    victim = bbc_rows(1, start=1320)[0]["id"]
    graph = article_graph_iri(victim)
    mentions = {(g, o) for s, p, o, g in before if str(p) == "https://schema.org/mentions"}
    own = {o for g, o in mentions if g == graph}
    shared = {o for g, o in mentions if g != graph}
    alone, kept = own - shared, own & shared

    done = cli("remove", victim, "--store", str(copy))
    assert done.returncode == 0, done.stderr
    assert "removed 1 article(s)" in done.stderr
    after = _store_quads(copy)
    assert not [q for q in after if q[3] == graph]
    entity_subjects = {s for s, _, _, g in after if g == ENTITY_GRAPH}
    assert alone and not alone & entity_subjects
    assert kept <= entity_subjects
    narrative = {NARRATIVE_GRAPH, INDEX_GRAPH}  # the removed article's appearances leave
    assert {q for q in before if q[3] not in {graph, ENTITY_GRAPH} | narrative} == {
        q for q in after if q[3] not in {ENTITY_GRAPH} | narrative}  # other articles untouched
    assert not [q for q in after if q[3] in narrative and str(graph).replace(
        "/graph/", "/id/") + "/" in " ".join(map(str, q[:3]))]

    missing = cli("remove", "no/such-article", "--store", str(copy))
    assert missing.returncode == 1 and "no/such-article" in missing.stderr
