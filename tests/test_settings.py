"""The settings table: every GRAPHBUILD_* variable the code reads, parsed one way."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graphbuild import settings
from graphbuild.errors import SettingsError

ROOT = Path(__file__).resolve().parent.parent
VAR = re.compile(r"\bGRAPHBUILD_[A-Z_]*[A-Z]\b")


def test_every_variable_read_anywhere_is_in_the_table() -> None:
    used: set[str] = set()
    for folder in ("graphbuild", "tests", "scripts", "benchmarks"):
        for path in (ROOT / folder).rglob("*.py"):
            used |= set(VAR.findall(path.read_text(encoding="utf-8")))
    used -= {"GRAPHBUILD_X", "GRAPHBUILD_NO_SUCH", "GRAPHBUILD_AUX_NR"}  # this file's examples
    names = {s.name for s in settings.SETTINGS}
    assert used - names == set(), f"variables missing from graphbuild/settings.py: {used - names}"


def test_defaults_when_unset_or_empty() -> None:
    assert settings.get("GRAPHBUILD_STORE_RETRIES", {}) == 5
    assert settings.get("GRAPHBUILD_STORE_RETRIES", {"GRAPHBUILD_STORE_RETRIES": " "}) == 5
    assert settings.get("GRAPHBUILD_AUX_NER", {}) is True
    assert settings.get("GRAPHBUILD_TOKEN", {}) is None


@pytest.mark.parametrize(("name", "text", "value"), [
    ("GRAPHBUILD_AUX_NER", "off", False),
    ("GRAPHBUILD_AUX_NER", "YES", True),
    ("GRAPHBUILD_STORE_RETRIES", "3", 3),
    ("GRAPHBUILD_STORE_BACKOFF", "0", 0.0),
    ("GRAPHBUILD_STORE_TIMEOUT", "2.5", 2.5),
    ("GRAPHBUILD_STORE_MAX_REQUEST", "5000", 5000),
])
def test_values_are_parsed(name: str, text: str, value: object) -> None:
    assert settings.get(name, {name: text}) == value


@pytest.mark.parametrize(("name", "text", "problem"), [
    ("GRAPHBUILD_AUX_NER", "maybe", "not one of"),
    ("GRAPHBUILD_STORE_RETRIES", "abc", "not a whole number"),
    ("GRAPHBUILD_STORE_RETRIES", "0", "below 1"),
    ("GRAPHBUILD_STORE_BACKOFF", "-1", "below 0"),
    ("GRAPHBUILD_STORE_MAX_REQUEST", "4MB", "not a number of bytes"),
])
def test_bad_values_are_a_named_error(name: str, text: str, problem: str) -> None:
    with pytest.raises(SettingsError, match=problem) as err:
        settings.load({name: text})
    assert err.value.code == "GB150" and name in str(err.value)


def test_unknown_variables_are_named(caplog: pytest.LogCaptureFixture) -> None:
    env = {"GRAPHBUILD_AUX_NR": "0", "GRAPHBUILD_STORE_RETRIES": "2"}
    assert settings.unknown(env) == ["GRAPHBUILD_AUX_NR"]
    assert settings.load(env)["GRAPHBUILD_STORE_RETRIES"] == 2
    assert "GRAPHBUILD_AUX_NR" in caplog.text
    with pytest.raises(SettingsError, match="no such setting"):
        settings.get("GRAPHBUILD_NO_SUCH")


def test_output_settings_are_those_that_change_the_graph() -> None:
    out = settings.output_settings({"GRAPHBUILD_AUX_NER": "0", "GRAPHBUILD_NAMED_ONLY": "1",
                                    "GRAPHBUILD_CORPUS_DATE": "2019-09-10"})
    assert out == {"GRAPHBUILD_AUX_NER": False, "GRAPHBUILD_MIN_CONFIDENCE": 0.0,
                   "GRAPHBUILD_NAMED_ONLY": True, "GRAPHBUILD_CORPUS_DATE": "2019-09-10"}


@pytest.mark.parametrize("bad", ["2019-02-30", "yesterday", "2019-9-3", "03/09/2019"])
def test_a_bad_corpus_date_is_its_own_error(bad: str) -> None:
    from graphbuild.errors import CorpusDateError

    with pytest.raises(CorpusDateError, match="YYYY-MM-DD") as err:
        settings.load({"GRAPHBUILD_CORPUS_DATE": bad})
    assert err.value.code == "GB180" and isinstance(err.value, SettingsError)


def test_readers_go_through_the_table(monkeypatch: pytest.MonkeyPatch) -> None:
    from graphbuild import nlp
    from graphbuild.store.http import RetryPolicy

    monkeypatch.setenv("GRAPHBUILD_AUX_NER", "no")
    assert nlp.aux_ner_enabled() is False
    monkeypatch.setenv("GRAPHBUILD_STORE_RETRIES", "x")
    with pytest.raises(SettingsError):
        RetryPolicy.from_env()


def test_readme_documents_every_setting() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [s.name for s in settings.SETTINGS if f"| `{s.name}` |" not in readme]
    assert not missing, f"README's settings table lacks {missing}"
