"""The :class:`Skipped` record and the ingest logger."""

from __future__ import annotations

import logging
from dataclasses import dataclass

#: Every ingest module logs here (skips at debug level, repairs of the input as warnings).
log = logging.getLogger("graphbuild.ingest")


@dataclass(frozen=True)
class Skipped:
    """An input that could not be read as an article, or a warning about one that was.

    ``problem`` is one line (``"empty file"``, ``"binary file (not text)"``). When ``warning``
    is true the input *was* read (for instance ``"not valid UTF-8; decoded as windows-1252 by
    detection"``) and its article follows this record in the stream.
    """

    path: str
    problem: str
    warning: bool = False

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}"
