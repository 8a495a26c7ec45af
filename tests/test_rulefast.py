"""The faster attribute ruler and lemmatizer give exactly spaCy's annotations."""

from __future__ import annotations

import gzip
import json

import pytest
import spacy

from graphbuild import nlp, rulefast
from tests.conftest import BBC, SEEDS


def _texts(n: int) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    if BBC.exists():
        with gzip.open(BBC, "rt", encoding="utf-8") as fh:
            for line, _ in zip(fh, range(n), strict=False):
                texts.append(json.loads(line)["text"])
    # rule edge cases: contractions, "ai n't", "y'all", spaces, pronouns as objects
    texts.append("I ain't sure y'all know it.\n\n  They gave it to me; "
                 "he'd've done  it, wouldn't he?")
    return texts


def _view(doc: spacy.tokens.Doc) -> list[tuple]:
    return [(t.text, t.pos_, t.tag_, t.lemma_, str(t.morph), t.dep_, t.head.i, t.ent_type_,
             t.ent_iob_) for t in doc]


@pytest.fixture(scope="module")
def pipelines() -> tuple[spacy.Language, spacy.Language]:
    return spacy.load(nlp.DEFAULT_MODEL), spacy.load(nlp.DEFAULT_MODEL)


def test_installs_on_the_default_model(pipelines) -> None:  # noqa: ANN001
    _plain, fast = pipelines
    assert rulefast.install(fast) == ["attribute_ruler", "lemmatizer"]
    fast_in_graphbuild = [n for n, p in nlp.load().pipeline if "pipe" in getattr(p, "__dict__", {})]
    assert fast_in_graphbuild == ["attribute_ruler", "lemmatizer"]


def test_same_annotations_as_spacy_across_memory_zones(pipelines) -> None:  # noqa: ANN001
    plain, fast = pipelines
    rulefast.install(fast)
    texts = _texts(120)
    for start in range(0, len(texts), 40):  # the caches outlive each zone's strings
        chunk = texts[start:start + 40]
        with plain.memory_zone(), fast.memory_zone():
            for a, b in zip(plain.pipe(chunk, batch_size=8), fast.pipe(chunk, batch_size=8),
                            strict=True):
                assert _view(b) == _view(a)


def test_bounded_caches_still_give_the_same_annotations(pipelines, monkeypatch) -> None:  # noqa: ANN001
    plain, fast = pipelines
    rulefast.install(fast)
    monkeypatch.setattr(rulefast._AttributeRuler, "CACHE", 5)
    texts = _texts(10)
    for a, b in zip(plain.pipe(texts), fast.pipe(texts), strict=True):
        assert _view(b) == _view(a)


def test_rules_that_set_other_attributes_keep_spacys_own_path() -> None:
    blank = spacy.blank("en")
    ruler = blank.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "x"}]], {"NORM": "ex"})
    lem = blank.add_pipe("lemmatizer", config={"mode": "lookup"})
    assert rulefast.install(blank) == []
    assert "pipe" not in vars(ruler) and "pipe" not in vars(lem)


def test_a_ruler_with_only_multi_token_rules() -> None:
    plain, fast = spacy.blank("en"), spacy.blank("en")
    for n in (plain, fast):
        n.add_pipe("attribute_ruler").add([[{"LOWER": "new"}, {"LOWER": "york"}]],
                                          {"TAG": "NNP", "POS": "PROPN"}, index=-1)
    assert rulefast.install(fast) == ["attribute_ruler"]
    texts = ["I moved to New York.", "new york, New York", ""]
    for a, b in zip(plain.pipe(texts), fast.pipe(texts), strict=True):
        assert [(t.tag_, t.pos_) for t in b] == [(t.tag_, t.pos_) for t in a]
    assert [t.pos_ for t in fast("to New York")] == ["", "", "PROPN"]


def _same_tags(build) -> None:  # noqa: ANN001
    plain, fast = spacy.blank("en"), spacy.blank("en")
    build(plain)
    build(fast)
    rulefast.install(fast)
    texts = ["I moved to New York.", "new york, New York", "", "Is it?"]
    for a, b in zip(plain.pipe(texts), fast.pipe(texts), strict=True):
        assert [(t.tag_, t.pos_, t.lemma_) for t in b] == [(t.tag_, t.pos_, t.lemma_) for t in a]


def test_a_rule_that_names_no_attribute_matches_every_token() -> None:
    _same_tags(lambda n: n.add_pipe("attribute_ruler").add([[{}]], {"TAG": "X"}))
    fast = spacy.blank("en")
    fast.add_pipe("attribute_ruler").add([[{}]], {"TAG": "X"})
    rulefast.install(fast)
    assert [t.tag_ for t in next(fast.pipe(["a b"]))] == ["X", "X"]


def test_rules_added_after_install_are_applied() -> None:
    fast = spacy.blank("en")
    ruler = fast.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "new"}]], {"TAG": "JJ"})
    assert rulefast.install(fast) == ["attribute_ruler"]
    ruler.add([[{"LOWER": "york"}]], {"TAG": "NNP"})
    assert [t.tag_ for t in next(fast.pipe(["new york"]))] == ["JJ", "NNP"]
    ruler.add([[{"LOWER": "city"}]], {"NORM": "town"})  # a rule only spaCy's own code sets
    doc = next(fast.pipe(["new york city"]))
    assert [t.tag_ for t in doc] == ["JJ", "NNP", ""] and doc[2].norm_ == "town"


def test_rules_reading_extension_attributes_keep_spacys_path() -> None:
    from spacy.tokens import Token

    Token.set_extension("gb_test_flag", default=False, force=True)
    fast = spacy.blank("en")
    fast.add_pipe("attribute_ruler").add([[{"_": {"gb_test_flag": True}}]], {"TAG": "X"})
    assert rulefast.install(fast) == []


def test_errors_go_to_the_components_error_handler() -> None:
    fast = spacy.blank("en")
    ruler = fast.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "new"}, {"LOWER": "york"}]], {"TAG": "NNP"}, index=2)  # outside
    rulefast.install(fast)
    with pytest.raises(ValueError, match="E1001"):
        list(fast.pipe(["new york"]))
    seen = []
    ruler.set_error_handler(lambda name, proc, docs, err: seen.append((name, type(err))))
    assert list(fast.pipe(["new york", "fine"])) and seen == [("attribute_ruler", ValueError)]
