"""Small helpers the commands share for reading user files."""

from __future__ import annotations

from pathlib import Path

import click


def read_query_file(path: Path, param_hint: str) -> str:
    """The text of a .rq file; a click error naming the option when it cannot be read."""
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise click.BadParameter(f"cannot read {path}: {err}", param_hint=param_hint) from err
