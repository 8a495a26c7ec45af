"""Which files to read: folders walked in sorted order, hidden entries skipped."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator

from graphbuild.errors import InputNotFoundError
from graphbuild.ingest.skipped import log

#: File kind by extension (lower case). ``.jsonl.gz`` is checked before single suffixes.
KINDS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".jsonl.gz": "jsonl.gz",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
}
SUPPORTED = ", ".join(KINDS)


def kind_of(path: str) -> str | None:
    """The reader for ``path`` by its extension, or None when it is not supported."""
    name = os.path.basename(path).lower()
    if name.endswith(".jsonl.gz"):
        return "jsonl.gz"
    return KINDS.get(os.path.splitext(name)[1])


def _walk(folder: str) -> Iterator[str]:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        log.warning("%s: cannot list folder (%s)", folder, exc.strerror or exc)
        return
    for entry in entries:
        if entry.name.startswith("."):
            log.debug("%s: hidden, skipped", entry.path)
        elif entry.is_dir(follow_symlinks=False):
            yield from _walk(entry.path)
        elif kind_of(entry.name) is None:
            log.debug("%s: unsupported file type, skipped", entry.path)
        elif entry.is_file():
            yield entry.path


def expand(inputs: Iterable[str | os.PathLike[str]]) -> Iterator[tuple[str, str | None]]:
    """(file, folder it was found in or None) for each input, folders walked recursively.

    Every input is checked first: a missing one raises
    :class:`~graphbuild.errors.InputNotFoundError` before anything is read. A file reached
    twice is read once.
    """
    paths = [os.fspath(p) for p in inputs]
    for path in paths:
        if not os.path.exists(path):
            raise InputNotFoundError(path, "no such file or directory")
    seen: set[str] = set()
    for path in paths:
        found = _walk(path) if os.path.isdir(path) else iter([path])
        root = path if os.path.isdir(path) else None
        for file in found:
            real = os.path.realpath(file)
            if real in seen:
                log.debug("%s: already read, skipped", file)
                continue
            seen.add(real)
            yield file, root
