"""``--quiet``, the same in every command: graphbuild logs only errors."""

from __future__ import annotations

import logging


def quiet_logs(quiet: bool) -> None:
    """With ``quiet``, graphbuild's warnings and notes are not printed (errors still are)."""
    if quiet:
        logging.getLogger("graphbuild").setLevel(logging.ERROR)
