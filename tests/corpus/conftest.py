"""Session fixtures of the whole-corpus tests: BBC subsets as JSONL files and one clean build
of 60 articles (the reference the fault tests compare with)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.corpus.helpers import bbc_rows, cli, store_quads, write_jsonl


@pytest.fixture(scope="session")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("corpus")


@pytest.fixture(scope="session")
def corpus60(corpus_dir: Path) -> Path:
    """60 BBC articles (business and entertainment) in a temporary JSONL file."""
    return write_jsonl(corpus_dir / "bbc60.jsonl", bbc_rows(30) + bbc_rows(30, start=510))


@pytest.fixture(scope="session")
def corpus20(corpus_dir: Path) -> Path:
    return write_jsonl(corpus_dir / "bbc20.jsonl", bbc_rows(20, start=1000))


@pytest.fixture(scope="session")
def clean60(corpus60: Path, corpus_dir: Path) -> set[str]:
    """The quads of an uninterrupted build of ``corpus60`` into a fresh store."""
    store = corpus_dir / "clean60"
    done = cli("build", str(corpus60), "--store", str(store), "--quiet")
    assert done.returncode == 0, done.stderr
    return store_quads(store)


@pytest.fixture(scope="session")
def built20(corpus20: Path, corpus_dir: Path) -> Path:
    """A store of ``corpus20`` built with --quiet (which must print nothing at all)."""
    store = corpus_dir / "built20"
    done = cli("build", str(corpus20), "--store", str(store), "--quiet")
    assert done.returncode == 0, done.stderr
    assert done.stderr == "" and done.stdout == ""
    return store
