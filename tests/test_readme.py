"""The README is the user's manual: its commands exist and its examples run."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from graphbuild.cli import cli
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", README, flags=re.S)


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_is_documented(name):
    assert f"graphbuild {name}" in README
    headings = [ln for ln in README.splitlines() if ln.startswith("#")]
    assert any(f"`graphbuild {name}`" in h for h in headings), f"no README section for {name}"


def test_every_command_has_useful_help():
    from click.testing import CliRunner

    runner = CliRunner()
    top = runner.invoke(cli, ["--help"])
    assert top.exit_code == 0
    for name, command in cli.commands.items():
        assert name in top.output
        result = runner.invoke(cli, [name, "--help"])
        assert result.exit_code == 0
        assert len(result.output.splitlines()) > 8, name
        assert command.help and len(command.help) > 40


def test_the_two_setup_commands_are_there():
    assert "pip install -e . && graphbuild build seeds/ --out out/" in README
    test_cmd = 'pip install -e ".[test]" && python -m pytest'
    assert test_cmd in README
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test_cmd in ci
    assert "upgrade pip" not in ci  # a fresh user's pip (what venv ships) must install it


def test_python_example_runs(tmp_path):
    (code,) = _blocks("python")
    (tmp_path / "seeds").symlink_to(ROOT / "seeds")
    (tmp_path / "out").mkdir()
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "Maria Zakharova - " in done.stdout
    page = (tmp_path / "out" / "python-view.html").read_text(encoding="utf-8")
    assert "Zakharova" in page and "<script src=" not in page


@pytest.mark.parametrize("query", _blocks("sparql"))
def test_sparql_examples_run_on_the_seed(seed_dataset, query):
    from graphbuild.query import run_query

    assert len(list(run_query(seed_dataset, query))) >= 1
