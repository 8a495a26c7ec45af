"""Ingest: read news articles from files, folders, JSONL and feeds.

:func:`iter_articles` yields an :class:`~graphbuild.types.Article` per article found and a
:class:`Skipped` per input (or JSONL line, or feed entry) that could not be read; a
``Skipped`` with ``warning=True`` reports a repair (e.g. a non-UTF-8 file decoded by
detection) and is followed by the article. :func:`read_text_article` makes an article of a
string.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator

from graphbuild.ingest.files import read_file
from graphbuild.ingest.ids import file_id
from graphbuild.ingest.skipped import Skipped
from graphbuild.ingest.text import read_text_article
from graphbuild.ingest.walk import expand
from graphbuild.types import Article

__all__ = ["Skipped", "iter_articles", "read_text_article"]


def iter_articles(inputs: Iterable[str | os.PathLike[str]]) -> Iterator[Article | Skipped]:
    """Articles of the given files and folders, in input order (folders: sorted, recursive).

    Supported: ``.txt .text .md`` (plain text, headline rule), ``.html .htm`` (trafilatura),
    ``.jsonl .jsonl.gz`` (one article per line), ``.rss .atom .xml`` (feeds). Hidden files and
    folders, and unsupported files inside folders, are skipped silently; an unsupported file
    named directly gives a ``Skipped``. A missing input raises
    :class:`~graphbuild.errors.InputNotFoundError` before anything is read.
    """
    for path, root in expand(inputs):
        yield from read_file(path, file_id(path, root))
