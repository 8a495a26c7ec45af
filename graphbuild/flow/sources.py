"""Where articles come from, the same for every mode: paths (files and folders, read and
screened by :mod:`graphbuild.ingest`) and article texts given directly.

What ingest skips (unreadable, binary, over-long, not English…) goes to the report's
``skipped`` and is logged once; repairs (a guessed encoding) go to ``warnings``. Empty
articles are dropped."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator

from graphbuild.flow.report import BuildReport
from graphbuild.ingest import Skipped, iter_articles, read_text_article
from graphbuild.types import Article

__all__ = ["Progress", "read_inputs", "count_articles", "split_inputs"]

log = logging.getLogger("graphbuild.flow")

#: called after each article with the report so far (for a progress bar)
Progress = Callable[[BuildReport], None]


def split_inputs(inputs: Iterable[str | os.PathLike]) -> tuple[list[str | os.PathLike],
                                                                list[str]]:
    """Paths (existing, or path-like one-line strings) and article texts, as given."""
    paths: list[str | os.PathLike] = []
    texts: list[str] = []
    for item in inputs:
        if isinstance(item, os.PathLike) or (isinstance(item, str) and (
                os.path.exists(item) or ("\n" not in item and len(item) < 4096
                                         and os.sep in item and not item.strip().count(" ")))):
            paths.append(item)
        else:
            texts.append(str(item))
    return paths, texts


def read_inputs(inputs: Iterable[str | os.PathLike], report: BuildReport,
                progress: Progress | None = None, *, texts: bool = True) -> Iterator[Article]:
    """The non-empty articles of ``inputs`` that ingest's screening lets through (with
    ``texts``, a string that is not a path is an article's text); what it skips goes to
    ``report`` and is logged once."""
    if texts:
        paths, bodies = split_inputs(inputs)
    else:
        paths, bodies = list(inputs), []
    for got in iter_articles(paths):
        if isinstance(got, Skipped):
            (report.warnings if got.warning else report.skipped).append(got)
            if not got.warning:  # repairs were already logged by ingest
                log.warning("%s: %s", got.path, got.problem)
                if progress is not None:
                    progress(report)
            continue
        if got.text.strip():
            yield got
    for body in bodies:  # an empty text is an InputError, as from read_text_article
        yield read_text_article(body)


def count_articles(inputs: Iterable[str | os.PathLike]) -> int | None:
    """How many articles the inputs hold (for a progress bar's ETA); None if unknown."""
    import gzip

    from graphbuild.ingest.walk import expand, kind_of

    total = 0
    for path, _root in expand(inputs):
        kind = kind_of(path)
        if kind == "feed":
            return None
        if kind in {"jsonl", "jsonl.gz"}:
            opener = gzip.open if kind == "jsonl.gz" else open
            try:
                with opener(path, "rb") as fh:
                    total += sum(1 for line in fh if line.strip())
            except OSError:
                continue
        else:
            total += 1
    return total
