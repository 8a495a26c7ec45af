"""The quick tier (``-m "not slow"``): what tests/conftest.py marks slow still exists."""

from __future__ import annotations

import ast

from tests.conftest import ROOT, SLOW_FIXTURES, SLOW_PATHS, is_slow


def test_every_slow_path_names_a_file_or_test_that_exists() -> None:
    for entry in SLOW_PATHS:
        path, _, name = entry.partition("::")
        target = ROOT / path
        assert target.exists(), f"{entry}: no such file or folder (renamed? update SLOW_PATHS)"
        if name:
            tree = ast.parse(target.read_text(encoding="utf-8"))
            tests = {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
            assert name in tests, f"{entry}: no such test"


def test_slow_fixtures_are_defined_somewhere() -> None:
    defined: set[str] = set()
    for conf in ROOT.joinpath("tests").rglob("*.py"):
        tree = ast.parse(conf.read_text(encoding="utf-8"))
        defined |= {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
    assert defined >= SLOW_FIXTURES, f"no such fixture: {SLOW_FIXTURES - defined}"


def test_is_slow_by_fixture_and_by_path() -> None:
    assert is_slow("tests/extract/test_quotes.py::test_x", ["browser"])
    assert is_slow("tests/corpus/test_faults.py::test_x", [])
    assert not is_slow("tests/extract/test_quotes.py::test_x", ["tmp_path", "seed_graph"])
