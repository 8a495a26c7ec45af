"""Shared fixtures: the seed article built once per session, and BBC articles read from
../shared at test time (never copied into the repository)."""

from __future__ import annotations

import gzip
import json
import logging
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED = SEEDS / "sputnik-2020-09-03-facebook-twitter.txt"
SHARED = ROOT.parent / "shared"
BBC = SHARED / "data" / "bbc_news" / "bbc_news_2225.jsonl.gz"
CHROMIUM = Path("/usr/bin/chromium")

# The quick tier (``python -m pytest -m "not slow"``) leaves out what is slow by nature:
# whole-corpus and BBC builds, end-to-end builds in subprocesses, Dask clusters, headless
# browsers, graphbuild's server and remote stores (Oxigraph's server, Virtuoso). A test is slow
# when it uses one of these fixtures, or lives in (or is) one of these paths. The quick tier
# still runs tests of every module; the full suite (``python -m pytest``) runs everything.
SLOW_FIXTURES = frozenset({
    "browser", "oxigraph", "virtuoso", "server", "server_factory", "bbc_articles",
    "corpus20", "corpus60", "clean60", "built20", "seed_out",
})
SLOW_PATHS = (
    "tests/corpus/",
    "tests/test_distributed.py",
    "tests/test_bbc_generality.py",
    "tests/cli/test_remote_cli.py",
    "tests/cli/test_store_cli.py",
    "tests/store/test_remote.py",
    "tests/server/test_browser.py",
    "tests/view/test_browser.py",
    "tests/view/test_interaction.py",
    "tests/view/test_seed_page.py",
    "tests/cli/test_build_cli.py::test_bad_files_are_named_skipped_and_reported_by_exit_code",
    "tests/rdf/test_rdf_output.py::test_building_twice_gives_the_same_turtle",
    "tests/security/test_server_attacks.py",  # graphbuild's server, attacked for real
    "tests/cli/test_build_dates_cli.py::test_corpus_date_gives_the_seed_dateline_its_year",
    "tests/test_rulefast.py::test_same_annotations_as_spacy_across_memory_zones",  # BBC text
    "tests/test_nlp_aux_ner.py::test_numpy_arithmetic_finds_the_same_entities_as_spacys_own",
)


def is_slow(nodeid: str, fixturenames: Iterable[str]) -> bool:
    """Whether a test belongs to the slow tier (see :data:`SLOW_FIXTURES`, :data:`SLOW_PATHS`)."""
    return bool(SLOW_FIXTURES.intersection(fixturenames)) or nodeid.startswith(SLOW_PATHS)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if is_slow(item.nodeid, getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def _keep_log_levels() -> Iterator[None]:
    """A command run in-process (``--quiet``, ``-v``) sets graphbuild's log level; put it
    back, so later tests see the warnings they check."""
    logger = logging.getLogger("graphbuild")
    level = logger.level
    yield
    logger.setLevel(level)


@pytest.fixture(scope="session")
def seed_dataset():
    import graphbuild

    return graphbuild.build([str(SEED)])


@pytest.fixture(scope="session")
def seed_graph(seed_dataset):
    from graphbuild.pipeline import union_graph

    return union_graph(seed_dataset)


@pytest.fixture(scope="session")
def seed_body() -> str:
    from graphbuild.ingest import iter_articles

    (article,) = [a for a in iter_articles([SEED]) if hasattr(a, "text")]
    return article.text


@pytest.fixture(scope="session")
def bbc_articles() -> dict[str, dict]:
    if not BBC.exists():
        pytest.skip(f"BBC corpus not found at {BBC} (../shared/data is read at test time)")
    with gzip.open(BBC, "rt", encoding="utf-8") as fh:
        return {row["id"]: row for row in map(json.loads, fh)}


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's headless Chromium driven by Playwright, with no background networking."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright not installed")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run"],
        )
        yield b
        b.close()


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Oxigraph's server (``oxigraph serve``) on 127.0.0.1, one per test module."""
    from tests.store.servers import oxigraph_missing, start_oxigraph

    reason = oxigraph_missing()
    if reason:
        pytest.skip(reason)
    server = start_oxigraph(tmp_path_factory.mktemp("oxigraph"))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Virtuoso on 127.0.0.1 with a fresh database, one per test module (skips when it is
    not installed)."""
    from tests.store.servers import start_virtuoso, virtuoso_missing

    reason = virtuoso_missing()
    if reason:
        pytest.skip(reason)
    server = start_virtuoso(tmp_path_factory.mktemp("virtuoso"))
    yield server
    server.stop()
