"""graphbuild's own entity recogniser (graphbuild/data/ner) run on top of the base pipeline."""

from __future__ import annotations

from importlib import resources

import pytest

from graphbuild import nlp
from graphbuild.types import Article

TEXT = ("Maria Gonzalez, a spokeswoman for the World Health Organization, said on Tuesday in "
        "Geneva that the agency would send doctors to Kenya.")


def _parse(text: str = TEXT, **kw) -> object:
    return next(nlp.parse([Article(id="a1", text=text)], **kw))


@pytest.fixture(autouse=True)
def _aux_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(nlp.AUX_NER_ENV, raising=False)


def test_loads_from_package_data() -> None:
    root = resources.files("graphbuild").joinpath("data", "ner")
    assert root.joinpath("config.cfg").is_file()
    aux = nlp.load_aux_ner()
    assert aux is nlp.load_aux_ner()  # loaded once
    assert aux.pipe_names == ["ner"]
    assert set(aux.get_pipe("ner").labels) == set(nlp.AUX_NER_LABELS)


def test_aux_ents_on_default_pipeline() -> None:
    doc = _parse()
    assert doc.model.startswith("en_")  # the default base pipeline
    found = {(e.text, e.label) for e in doc.aux_ents}
    assert ("Maria Gonzalez", "PERSON") in found
    assert ("World Health Organization", "ORG") in found
    assert ("Geneva", "LOC") in found
    for e in doc.aux_ents:
        assert e.label in nlp.AUX_NER_LABELS
        assert doc.text[e.start:e.end] == e.text
        assert doc.tokens[e.token_start].start == e.start
        assert doc.tokens[e.token_end - 1].end == e.end
    assert doc.ents  # the base pipeline's own entities are still there


def test_disabled_by_env_var(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(nlp.AUX_NER_ENV, "0")
    doc = _parse()
    assert doc.aux_ents == ()
    assert doc.ents


def test_disabled_by_parameter() -> None:
    assert _parse(aux_ner=False).aux_ents == ()


def test_deterministic_and_batch_independent() -> None:
    arts = [Article(id=f"a{n}", text=t) for n, t in enumerate(
        [TEXT, "Boeing hired John Smith in Chicago.\n\nHe moved to Seattle.", " "])]
    first = [d.aux_ents for d in nlp.parse(arts, batch_size=2)]
    again = [d.aux_ents for d in nlp.parse(arts, batch_size=1)]
    assert first == again
    assert first[0] == _parse().aux_ents


def test_numpy_arithmetic_finds_the_same_entities_as_spacys_own() -> None:
    """The recogniser runs its matrix products through numpy's BLAS, not thinc's BLIS: on real
    news sentences it must find exactly what the same model finds with spaCy's defaults."""
    import gzip
    import json

    import spacy

    from tests.conftest import BBC

    if not BBC.exists():
        pytest.skip(f"{BBC} is not there")
    with gzip.open(BBC, "rt", encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line, _ in zip(fh, range(40), strict=False)]
    root = resources.files("graphbuild").joinpath("data", "ner")
    with resources.as_file(root) as path:
        plain = spacy.load(path)
    fast = nlp.load_aux_ner()
    assert all(not n.ops.use_blis for n in fast.get_pipe("ner").model.walk())
    sents = [s.text for d in nlp.load().pipe(texts) for s in d.sents if s.text.strip()]
    assert len(sents) > 400
    for a, b in zip(plain.pipe(sents), fast.pipe(sents), strict=True):
        assert [(e.start, e.end, e.label_) for e in b.ents] == \
            [(e.start, e.end, e.label_) for e in a.ents]
