"""Every ``GRAPHBUILD_*`` environment variable, in one table: name, default, help, parser.

Code reads a setting with :func:`get` (parsed by the table's parser, the default when the
variable is unset or empty); :func:`load` parses them all, so the command line checks every
variable once at start and a bad value stops it with :class:`SettingsError` naming the variable
before any work is done. ``graphbuild settings`` prints the table with the values in force.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from graphbuild.errors import CorpusDateError, SettingsError

__all__ = ["Setting", "SETTINGS", "get", "load", "output_settings", "unknown"]

log = logging.getLogger("graphbuild.settings")

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def parse_bool(text: str) -> bool:
    low = text.strip().lower()
    if low in _TRUE:
        return True
    if low in _FALSE:
        return False
    raise ValueError("not one of 1/true/yes/on or 0/false/no/off")


def _number(kind: Callable[[str], Any], minimum: float, what: str) -> Callable[[str], Any]:
    def parse(text: str) -> Any:
        try:
            value = kind(text.strip())
        except ValueError:
            raise ValueError(f"not {what}") from None
        if value < minimum:
            raise ValueError(f"below {minimum:g}")
        return value

    return parse


def _text(text: str) -> str:
    return text


def parse_corpus_date(text: str) -> str:
    """``YYYY-MM-DD`` as given (a real calendar day), else :class:`CorpusDateError`."""
    from datetime import date

    raw = text.strip()
    try:
        if len(raw) != 10:
            raise ValueError
        return date.fromisoformat(raw).isoformat()
    except ValueError:
        raise CorpusDateError(f"corpus date {text!r} is not a calendar date YYYY-MM-DD "
                              "(--corpus-date / GRAPHBUILD_CORPUS_DATE)") from None


@dataclass(frozen=True)
class Setting:
    """One environment variable: its default, what it does, how its text is parsed, and
    whether it changes what a build writes (then it is part of the build fingerprint)."""

    name: str
    default: Any
    help: str
    parser: Callable[[str], Any]
    changes_output: bool = False
    secret: bool = False


SETTINGS: tuple[Setting, ...] = (
    Setting("GRAPHBUILD_AUX_NER", True,
            "Run graphbuild's own second entity recogniser beside the spaCy pipeline's "
            "(0/false/no/off turns it off).", parse_bool, changes_output=True),
    Setting("GRAPHBUILD_STORE_RETRIES", 5,
            "Attempts in all for a request to a remote store (--store URL).",
            _number(int, 1, "a whole number")),
    Setting("GRAPHBUILD_STORE_BACKOFF", 0.5,
            "Seconds before the first retry of a remote-store request (doubling, at most 8).",
            _number(float, 0, "a number of seconds")),
    Setting("GRAPHBUILD_STORE_TIMEOUT", 300.0,
            "Seconds a remote-store request may stay silent before it is given up.",
            _number(float, 0.001, "a number of seconds")),
    Setting("GRAPHBUILD_STORE_MAX_REQUEST", 4_000_000,
            "Largest SPARQL update request in bytes; a larger article is staged in parts.",
            _number(int, 1024, "a number of bytes")),
    Setting("GRAPHBUILD_TOKEN", None,
            "Bearer token that `graphbuild serve --allow-update` requires of updates (same "
            "as --token, kept out of the process list).", _text, secret=True),
    Setting("GRAPHBUILD_MIN_CONFIDENCE", 0.0,
            "Leave facts whose calibrated confidence is below this out of the graph (set by "
            "build --min-confidence; 0 keeps every fact).",
            _number(float, 0, "a number from 0 to 1"),
            changes_output=True),
    Setting("GRAPHBUILD_NAMED_ONLY", False,
            "Leave statements with no named participant out of the graph (set by build "
            "--named-only).", parse_bool, changes_output=True),
    Setting("GRAPHBUILD_CORPUS_DATE", None,
            "Day the corpus was collected, YYYY-MM-DD (set by build --corpus-date): gives a "
            "dateline without a year (\"MOSCOW, September 3\") its year, and is the "
            "publication date (gb:dateSource \"corpus\") of an article with no other.",
            parse_corpus_date, changes_output=True),
    Setting("GRAPHBUILD_MAX_LINE_MB", 8.0,
            "Longest JSONL line (one article) read, in MB; a longer line is skipped by number.",
            _number(float, 0.001, "a number of MB")),
    Setting("GRAPHBUILD_MAX_DECOMPRESSED_MB", 512.0,
            "What one compressed input may expand to, in MB; the rest is skipped by name.",
            _number(float, 0.001, "a number of MB")),
    Setting("GRAPHBUILD_MAX_GZIP_RATIO", 200,
            "Past 64 MB of output, a compression ratio above this is a gzip bomb (rest skipped).",
            _number(int, 1, "a whole number")),
    Setting("GRAPHBUILD_MAX_FILE_MB", 64.0,
            "Largest text, HTML or feed file read whole, in MB.",
            _number(float, 0.001, "a number of MB")),
    Setting("GRAPHBUILD_REGEN_GOLDEN", False,
            "Tests only: rewrite tests/rdf/golden from the current build instead of "
            "comparing with it.", parse_bool),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def _parse(setting: Setting, env: Mapping[str, str]) -> Any:
    text = env.get(setting.name, "")
    if not text.strip():
        return setting.default
    try:
        return setting.parser(text)
    except ValueError as err:
        raise SettingsError(f"{setting.name}={text!r}: {err} ({setting.help})") from None


def get(name: str, env: Mapping[str, str] | None = None) -> Any:
    """The value of setting ``name`` (from ``env``, default the process environment)."""
    try:
        setting = _BY_NAME[name]
    except KeyError:
        raise SettingsError(f"{name}: no such setting") from None
    return _parse(setting, os.environ if env is None else env)


def unknown(env: Mapping[str, str] | None = None) -> list[str]:
    """``GRAPHBUILD_*`` variables set in ``env`` that are not in the table (misspelt?)."""
    env = os.environ if env is None else env
    return sorted(k for k in env if k.startswith("GRAPHBUILD_") and k not in _BY_NAME)


def load(env: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Every setting's value; raises :class:`SettingsError` for the first bad one. A
    ``GRAPHBUILD_*`` variable not in the table is named in a warning (a misspelt name would
    otherwise be ignored without a word)."""
    env = os.environ if env is None else env
    for name in unknown(env):
        log.warning("%s is set but is no graphbuild setting (see graphbuild settings)", name)
    return {s.name: _parse(s, env) for s in SETTINGS}


def output_settings(env: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The settings that change what a build writes (for the build fingerprint)."""
    env = os.environ if env is None else env
    return {s.name: _parse(s, env) for s in SETTINGS if s.changes_output}
