"""``graphbuild settings`` prints the table; a bad value stops every other command."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from graphbuild.cli import cli
from graphbuild.settings import SETTINGS


def test_settings_lists_every_variable_with_value_in_force() -> None:
    got = CliRunner().invoke(cli, ["settings"], env={"GRAPHBUILD_STORE_RETRIES": "7"})
    assert got.exit_code == 0, got.output
    for s in SETTINGS:
        assert s.name in got.output
    assert "GRAPHBUILD_STORE_RETRIES=7  [set; default 5]" in got.output


def test_settings_json_hides_the_token() -> None:
    got = CliRunner().invoke(cli, ["settings", "--json"], env={"GRAPHBUILD_TOKEN": "s3cret"})
    rows = {r["name"]: r for r in json.loads(got.output)}
    assert rows["GRAPHBUILD_TOKEN"]["value"] == "(set)" and "s3cret" not in got.output
    assert rows["GRAPHBUILD_AUX_NER"]["changes_output"] is True


@pytest.mark.parametrize("args", [["settings"], ["query", "x.ttl"], ["stats", "nowhere"]])
def test_a_bad_value_is_reported_once_before_any_work(args: list[str]) -> None:
    got = CliRunner().invoke(cli, args, env={"GRAPHBUILD_STORE_BACKOFF": "soon"})
    assert got.exit_code != 0
    assert isinstance(got.exception, Exception) and "GB150" in str(got.exception)
    assert "GRAPHBUILD_STORE_BACKOFF" in str(got.exception)
