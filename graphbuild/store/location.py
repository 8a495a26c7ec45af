"""Where a store is: a folder (the embedded Oxigraph store) or a URL (a remote SPARQL 1.1
endpoint, see :mod:`graphbuild.store.remote`), and which class opens it (:data:`BACKENDS`,
named as ``module:Class`` so this module imports none of them)."""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from typing import Any

__all__ = ["BACKENDS", "backend_for", "is_remote", "store_location"]


def is_remote(location: str | os.PathLike | None) -> bool:
    """True for ``http://…`` and ``https://…`` (case-insensitive)."""
    return isinstance(location, str) and location[:8].lower().startswith(("http://",
                                                                           "https://"))


def store_location(location: str | os.PathLike) -> str | Path:
    """A ``--store`` value as given on the command line: a URL stays a string (``Path``
    would fold its ``//``), anything else is a folder."""
    return str(location) if is_remote(str(location)) else Path(location)


#: The store backends, first match wins: (name, does this location belong to it, class).
BACKENDS: tuple[tuple[str, Any, str], ...] = (
    ("sparql-endpoint", lambda loc: is_remote(str(loc)),
     "graphbuild.store.remote_graph:RemoteGraphStore"),
    ("oxigraph-folder", lambda loc: True, "graphbuild.store.oxi:GraphStore"),
)


def backend_for(location: str | os.PathLike) -> type:
    """The class that opens a store at ``location`` (see :data:`BACKENDS`)."""
    for _name, matches, target in BACKENDS:
        if matches(location):
            module, _, attr = target.partition(":")
            return getattr(importlib.import_module(module), attr)
    raise LookupError(location)  # unreachable: the last backend takes anything
