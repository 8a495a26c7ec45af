"""Fewer garbage collections: while a big structure is built, and while a build streams
articles past loaded models.

Building a view of thousands of entities allocates millions of short-lived objects (networkx
dicts, rows, JSON) and creates almost no reference cycles, so Python's default collector (a
young-generation pass every 700 allocations, each older pass scanning everything alive)
spends a good share of the time finding nothing: 15% of a 5,000-entity page
(``benchmarks/view_scale.py``: 3.11-3.34 s against 2.65-2.87 s). :func:`fewer_collections`
raises the thresholds for the length of a call and restores them after; it works as a
context manager or a decorator, and nests.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["fewer_collections", "freeze_models", "long_lived_models", "THRESHOLDS"]

#: (young, middle, old) collection thresholds while building (Python's default: 700, 10, 10)
THRESHOLDS = (50_000, 20, 100)


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Run the body with :data:`THRESHOLDS`, then put back the thresholds it found."""
    old = gc.get_threshold()
    gc.set_threshold(*THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*old)


def freeze_models() -> tuple[int, int, int]:
    """Keep the garbage collector off the loaded models while articles stream through: what
    exists now (the spaCy pipelines) is frozen out of collections, and the young generation
    is collected less often (a build allocates many short-lived objects and few cycles).
    Returns the thresholds it replaced."""
    old = gc.get_threshold()
    gc.collect()
    gc.freeze()
    gc.set_threshold(5000, 20, 20)
    return old


@contextmanager
def long_lived_models() -> Iterator[None]:
    """:func:`freeze_models` for the length of a build in this process, then undone (the
    thresholds restored; ``gc.unfreeze`` also releases anything the caller had frozen)."""
    old = freeze_models()
    try:
        yield
    finally:
        gc.set_threshold(*old)
        gc.unfreeze()
