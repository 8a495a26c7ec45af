"""Small parts without a server: Accept negotiation, error lines, settings, the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphbuild.cli import main
from graphbuild.server.config import ServerConfig, ServerConfigError, is_loopback
from graphbuild.server.entity import href_for, iri_for_path
from graphbuild.server.negotiate import GRAPH_FORMATS, PAGE_FORMATS, RESULT_FORMATS, negotiate
from graphbuild.server.protocol import syntax_message
from tests.server.conftest import Server


@pytest.mark.parametrize(("accept", "offers", "key"), [
    (None, RESULT_FORMATS, "json"),
    ("", GRAPH_FORMATS, "turtle"),
    ("*/*", RESULT_FORMATS, "json"),
    ("text/*", RESULT_FORMATS, "csv"),
    ("text/csv;q=0.5, text/tab-separated-values", RESULT_FORMATS, "tsv"),
    ("application/json", GRAPH_FORMATS, "jsonld"),
    ("application/turtle,text/turtle", GRAPH_FORMATS, "turtle"),
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", PAGE_FORMATS, "html"),
    ("text/turtle", PAGE_FORMATS, "turtle"),
    ("text/csv;q=0", RESULT_FORMATS, None),
    ("image/png", RESULT_FORMATS, None),
    ("TEXT/CSV", RESULT_FORMATS, "csv"),
])
def test_negotiate(accept: str | None, offers: tuple, key: str | None) -> None:
    got = negotiate(accept, offers)
    assert (got.key if got else None) == key


def test_syntax_message_is_one_line_with_position() -> None:
    msg = syntax_message("SELECT *\nWHERE { ?s ?p }", "error at 2:15: expected one of\n a, b")
    assert msg == ('malformed SPARQL query at line 2, column 15 (after "WHERE { ?s ?p"): '
                   "expected one of a, b")


def test_entity_paths() -> None:
    assert iri_for_path("/id/person/Maria_Zakharova") == \
        "https://w3id.org/graphbuild/id/person/Maria_Zakharova"
    assert iri_for_path("/id/person/Jos%C3%A9") == "https://w3id.org/graphbuild/id/person/Jos%C3%A9"
    assert iri_for_path("/id/") is None
    assert iri_for_path('/id/a"b') is None
    assert href_for("https://w3id.org/graphbuild/id/place/Moscow") == "/id/place/Moscow"
    assert href_for("javascript:alert(1)") is None
    assert href_for("https://schema.org/Person") == "https://schema.org/Person"


def test_config_defaults_are_safe(store_dir: Path) -> None:
    config = ServerConfig(store=store_dir)
    assert config.host == "127.0.0.1" and config.loopback
    assert not config.allow_update and config.timeout == 10 and config.max_rows == 10_000
    assert is_loopback("::1") and is_loopback("localhost") and not is_loopback("0.0.0.0")


def test_config_refuses_update_without_token(store_dir: Path) -> None:
    with pytest.raises(ServerConfigError, match="--allow-update needs --token"):
        ServerConfig(store=store_dir, allow_update=True)
    with pytest.raises(ServerConfigError, match="at least 8"):
        ServerConfig(store=store_dir, allow_update=True, token="short")


def test_cli_errors(store_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GRAPHBUILD_TOKEN", raising=False)
    with pytest.raises(SystemExit) as exit_info:
        main(["serve", "--store", str(store_dir), "--allow-update"])
    assert exit_info.value.code == 2
    assert "--allow-update needs --token" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        main(["serve", "--store", str(tmp_path)])
    assert exit_info.value.code == 2
    assert "no graphbuild store here" in capsys.readouterr().err


def test_cli_help_lists_the_options(capsys: pytest.CaptureFixture[str]) -> None:
    try:
        main(["serve", "--help"])
    except SystemExit as err:
        assert err.code in (0, None)
    out = capsys.readouterr().out
    for option in ("--store", "--host", "--port", "--timeout", "--max-rows", "--allow-update",
                   "--token", "cannot run at the same time"):
        assert option in out


def test_server_logs_its_loopback_address(server: Server) -> None:
    assert f"at {server.url} " in server.output()
    assert "no network" in server.output() or "isolation" in server.output()
