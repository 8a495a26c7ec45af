"""The extractor registry: registration checks, ordering by requirements, running."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from graphbuild import registry
from graphbuild.errors import MissingRequirementError, RegistryError, UnknownExtractorError
from graphbuild.ingest import read_text_article
from graphbuild.pipeline import analyse
from graphbuild.types import Findings, Hedge, Quantity

BUILTIN = {"dateline", "mentions", "coref", "roles", "quotes", "hedges", "quantities",
           "relations.svo"}


@pytest.fixture
def scratch() -> Iterator[list[str]]:
    """Names registered by a test; removed from the registry afterwards."""
    names: list[str] = []
    registry.registered()  # load the built-in extractors first
    yield names
    for name in names:
        registry._REGISTRY.pop(name, None)


def test_builtin_extractors_are_registered() -> None:
    assert set(registry.registered()) >= BUILTIN


def test_pipeline_order_satisfies_requires() -> None:
    order = registry.pipeline()
    assert {e.name for e in order} >= BUILTIN
    done: set[str] = set()
    providers = {p for e in order for p in e.provides}
    for ext in order:
        missing = [r for r in ext.requires if r in providers and r not in done]
        assert not missing, f"{ext.name} runs before {missing} are filled"
        done.update(ext.provides)
    names = [e.name for e in order]
    assert names.index("dateline") < names.index("mentions") < names.index("coref")
    assert names.index("coref") < names.index("roles")
    assert names.index("quotes") < names.index("relations.svo")


def test_pipeline_of_named_extractors() -> None:
    names = ["relations.svo", "hedges", "quantities", "quotes", "roles", "coref", "mentions",
             "dateline"]
    order = [e.name for e in registry.pipeline(names)]
    assert set(order) == set(names)  # the rest (claims, relations.typed) are not chosen
    assert order[-1] == "relations.svo"  # needs all the others
    assert order.index("dateline") < order.index("mentions") < order.index("coref")


def test_pipeline_refuses_a_missing_requirement() -> None:
    with pytest.raises(MissingRequirementError, match="'quotes' requires 'mentions'") as err:
        registry.pipeline(["quotes"])
    assert isinstance(err.value, RegistryError)
    assert err.value.code == "GB520" and "'mentions'" in str(err.value)
    with pytest.raises(MissingRequirementError, match="requires 'dateline'"):
        registry.pipeline(["mentions"])


def test_pipeline_refuses_an_unknown_name() -> None:
    with pytest.raises(UnknownExtractorError, match="'no.such'") as err:
        registry.pipeline(["dateline", "no.such"])
    assert err.value.code == "GB521" and "dateline" in str(err.value)


def test_pipeline_order_is_deterministic() -> None:
    assert [e.name for e in registry.pipeline()] == [e.name for e in registry.pipeline()]


@pytest.mark.parametrize(
    ("provides", "requires"),
    [
        ("no_such_field", ()),
        ("hedges", ("no_such_field",)),
        (("hedges", "nope"), ()),
    ],
)
def test_unknown_field_raises(provides, requires) -> None:
    with pytest.raises(RegistryError, match="no field"):
        registry.extractor("test.unknown", provides=provides, requires=requires)(
            lambda doc, found: None)
    assert "test.unknown" not in registry._REGISTRY


def test_duplicate_name_raises(scratch: list[str]) -> None:
    with pytest.raises(RegistryError, match="twice"):
        registry.extractor("dateline", provides="dateline")(lambda doc, found: None)

    def once(doc, found):  # noqa: ANN001, ANN202
        return ()

    scratch.append("test.once")
    registry.extractor("test.once", provides="hedges")(once)
    registry.extractor("test.once", provides="hedges")(once)  # the same function again: fine
    with pytest.raises(RegistryError):
        registry.extractor("test.once", provides="hedges")(lambda doc, found: ())


def test_circular_requirements_raise(scratch: list[str]) -> None:
    scratch += ["test.a", "test.b"]
    registry.extractor("test.a", provides="hedges", requires=("quantities",))(
        lambda doc, found: ())
    registry.extractor("test.b", provides="quantities", requires=("hedges",))(
        lambda doc, found: ())
    with pytest.raises(RegistryError, match="circular"):
        registry.pipeline(["test.a", "test.b"])


def test_decorator_returns_the_function(scratch: list[str]) -> None:
    def fn(doc, found):  # noqa: ANN001, ANN202
        return ()

    scratch.append("test.same")
    assert registry.extractor("test.same", provides="hedges")(fn) is fn


def test_several_fields_from_one_extractor(scratch: list[str]) -> None:
    scratch.append("test.pair")
    q = Quantity(0, 1, 1, "x", "1")
    registry.extractor("test.pair", provides=("quantities", "hedges"))(
        lambda doc, found: ((q,), ()))
    ext = registry.registered()["test.pair"]
    out = ext(None, Findings())  # type: ignore[arg-type]
    assert out.quantities == (q,) and out.hedges == ()


def test_new_extractor_runs_in_the_pipeline(scratch: list[str]) -> None:
    """A new extractor that fills ``hedges`` from what coreference found: it runs after the
    extractors it requires, and its value reaches the findings."""
    seen: list[int] = []

    def person_hedges(doc, found: Findings) -> tuple[Hedge, ...]:  # noqa: ANN001
        seen.append(len(found.entities))
        return tuple(Hedge(doc.tokens[m.token_start].start, doc.tokens[m.token_end - 1].end,
                           "person", m.token_start)
                     for m, keys in zip(found.mentions, found.mention_entity, strict=True)
                     if any(k.startswith("person:") for k in keys))

    scratch.append("test.person_hedges")
    registry.extractor("test.person_hedges", provides="hedges",
                       requires=("mentions", "entities", "mention_entity"))(person_hedges)
    names = sorted(BUILTIN - {"hedges"} | {"test.person_hedges"})
    order = [e.name for e in registry.pipeline(names)]
    assert order.index("coref") < order.index("test.person_hedges") < order.index("quotes")

    text = "Jane Doe said Acme Corp allegedly hid its losses."
    res = next(analyse([read_text_article(text)], extractors=names))
    assert seen == [len(res.findings.entities)] and seen[0] >= 2
    assert [text[h.start:h.end] for h in res.findings.hedges] == ["Jane Doe"]
    # the statements extractor saw the new hedges, not the built-in "allegedly"
    assert [s.verb for s in res.findings.statements] == ["hide"]
    assert res.findings.statements[0].hedges == ()
