"""Where a store is: a folder (the embedded Oxigraph store) or a URL (a remote SPARQL 1.1
endpoint, see :mod:`graphbuild.store.remote`)."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["is_remote", "store_location"]


def is_remote(location: str | os.PathLike | None) -> bool:
    """True for ``http://…`` and ``https://…`` (case-insensitive)."""
    return isinstance(location, str) and location[:8].lower().startswith(("http://",
                                                                           "https://"))


def store_location(location: str | os.PathLike) -> str | Path:
    """A ``--store`` value as given on the command line: a URL stays a string (``Path``
    would fold its ``//``), anything else is a folder."""
    return str(location) if is_remote(str(location)) else Path(location)
