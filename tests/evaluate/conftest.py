"""Benchmark data is read from ../shared at test time (never copied into the repository)."""

from __future__ import annotations

import pytest

from tests.conftest import SHARED

CONLL04_DEV = SHARED / "data" / "conll04" / "conll04_dev.json"
RE3D = SHARED / "data" / "re3d"
RE3D_SMALL = RE3D / "australian_dfat"


@pytest.fixture(scope="session")
def conll04_dev():
    if not CONLL04_DEV.exists():
        pytest.skip(f"CoNLL04 not found at {CONLL04_DEV}")
    return CONLL04_DEV


@pytest.fixture(scope="session")
def re3d_small():
    if not (RE3D_SMALL / "documents.json").exists():
        pytest.skip(f"re3d not found at {RE3D_SMALL}")
    return RE3D_SMALL

#: the news gold, read from ../shared at test time
NEWS_GOLD = SHARED / "data" / "news_gold" / "gold.json"


@pytest.fixture(scope="session")
def news_gold():
    if not (NEWS_GOLD.exists() and (NEWS_GOLD.parent / "score.py").exists()):
        pytest.skip(f"news gold not found at {NEWS_GOLD}")
    return NEWS_GOLD
