"""Read one input file with the reader its extension names."""

from __future__ import annotations

from collections.abc import Iterator

from graphbuild.errors import InputError
from graphbuild.ingest.decode import BINARY, EMPTY, decode_bytes
from graphbuild.ingest.feeds import iter_feed
from graphbuild.ingest.html import read_html
from graphbuild.ingest.jsonl import read_jsonl
from graphbuild.ingest.limits import read_capped
from graphbuild.ingest.screen import screen
from graphbuild.ingest.skipped import Skipped
from graphbuild.ingest.text import build_text_article
from graphbuild.ingest.walk import SUPPORTED, kind_of
from graphbuild.types import Article


def _bytes(path: str) -> bytes:
    """The file's bytes: a regular file within the size cap (:mod:`.limits`)."""
    return read_capped(path)


def _articles(path: str, kind: str, id: str) -> Iterator[Article | Skipped]:
    if kind in ("jsonl", "jsonl.gz"):  # streamed, one line at a time
        yield from read_jsonl(path, gzipped=kind == "jsonl.gz", base_id=id)
        return
    data = _bytes(path)
    if kind == "feed":
        if not data.strip():
            raise InputError(path, EMPTY)
        if b"\x00" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise InputError(path, BINARY)
        yield from iter_feed(data, path=path, base_id=id)
        return
    decoded = decode_bytes(data, path)
    for warning in decoded.warnings:
        yield Skipped(path, warning, warning=True)
    if kind == "html":
        article, warnings = read_html(decoded.text, id=id, path=path)
    else:
        article, warnings = build_text_article(
            decoded.text, id=id, path=path, markdown=kind == "markdown"
        )
    for warning in warnings:
        yield Skipped(path, warning, warning=True)
    yield article


def read_file(path: str, id: str) -> Iterator[Article | Skipped]:
    """Articles of one file, with a :class:`Skipped` for each problem (never raises InputError).

    An article that :func:`~graphbuild.ingest.screen.screen` rejects (too long, not English)
    becomes a ``Skipped`` naming it (``file``, or ``file:N`` for a JSONL line or feed entry).
    """
    kind = kind_of(path)
    if kind is None:
        yield Skipped(path, f"unsupported file type (expected {SUPPORTED})")
        return
    try:
        for item in _articles(path, kind, id):
            problem = screen(item) if isinstance(item, Article) else None
            yield Skipped(item.path or path, problem) if problem else item
    except InputError as exc:
        yield Skipped(exc.path, exc.problem)
