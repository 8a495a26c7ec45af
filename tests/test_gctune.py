"""graphbuild.gctune: collection thresholds raised for a call and put back after."""

from __future__ import annotations

import gc

import pytest

from graphbuild.gctune import THRESHOLDS, fewer_collections, long_lived_models


@pytest.fixture(autouse=True)
def _default_thresholds():  # noqa: ANN202
    old = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield
    gc.set_threshold(*old)


def test_thresholds_raised_inside_and_restored_after_even_on_error() -> None:
    with fewer_collections():
        assert gc.get_threshold() == THRESHOLDS
    assert gc.get_threshold() == (700, 10, 10)
    with pytest.raises(RuntimeError), fewer_collections():
        raise RuntimeError("boom")
    assert gc.get_threshold() == (700, 10, 10)


def test_works_as_a_decorator_and_nests() -> None:
    @fewer_collections()
    def inner() -> tuple[int, int, int]:
        return gc.get_threshold()

    with fewer_collections():
        assert inner() == THRESHOLDS
        assert gc.get_threshold() == THRESHOLDS  # the inner call put back the outer's
    assert inner() == THRESHOLDS and gc.get_threshold() == (700, 10, 10)


def test_long_lived_models_freezes_and_undoes() -> None:
    with long_lived_models():
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold() != (700, 10, 10)
    assert gc.get_freeze_count() == 0 and gc.get_threshold() == (700, 10, 10)
