"""Fixtures for the extractor tests: run the whole pipeline on a short text, once per text."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from graphbuild.ingest import read_text_article
from graphbuild.pipeline import analyse
from graphbuild.types import ArticleResult, Findings


@pytest.fixture(scope="session")
def result_of() -> Callable[[str], ArticleResult]:
    """``result_of(text)``: the parsed doc and findings of ``text`` (cached per session)."""
    cache: dict[str, ArticleResult] = {}

    def get(text: str) -> ArticleResult:
        if text not in cache:
            cache[text] = next(analyse([read_text_article(text)]))
        return cache[text]

    return get


@pytest.fixture(scope="session")
def findings_of(result_of: Callable[[str], ArticleResult]) -> Callable[[str], Findings]:
    """``findings_of(text)``: what the registered extractors found in ``text`` (cached)."""
    return lambda text: result_of(text).findings
