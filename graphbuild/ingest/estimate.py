"""How many articles the inputs hold, estimated without reading them through.

The progress bar's total used to come from a pass over every input (every line of every
``.jsonl.gz`` decompressed): a gzip bomb blew up there before any reader limit applied, and
large corpora were read twice. Now: one article per text/HTML file, and for a JSONL file its
size times the lines per byte of its first 64 KB; compressed files and feeds are unknown
(None: the bar counts up without a total). Non-regular files are not opened.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable

from graphbuild.ingest.walk import expand, kind_of

__all__ = ["estimate_articles"]

_SAMPLE = 1 << 16


def _jsonl_lines(path: str, size: int) -> int:
    from graphbuild.ingest.limits import open_regular

    with open_regular(path) as handle:
        head = handle.read(_SAMPLE)
    lines = sum(1 for line in head.split(b"\n") if line.strip())
    if len(head) >= size:
        return lines
    return max(1, round(lines * size / max(len(head), 1)))


def estimate_articles(inputs: Iterable[str | os.PathLike[str]]) -> int | None:
    """An estimate of the articles in ``inputs`` (for a progress bar); None if unknown."""
    total = 0
    for path, _root in expand(inputs):
        kind = kind_of(path)
        if kind in ("feed", "jsonl.gz"):
            return None
        try:
            info = os.stat(path)
            if not stat.S_ISREG(info.st_mode):
                continue
            total += _jsonl_lines(path, info.st_size) if kind == "jsonl" else 1
        except Exception:  # noqa: BLE001 - only an estimate; the reader reports the file
            continue
    return total
