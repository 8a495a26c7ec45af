"""The partitions sink of the one build path (:mod:`graphbuild.flow`): N-Quads files for a
bulk load, instead of writing to a store.

``graphbuild build CORPUS --emit DIR`` (locally, with ``--jobs``, or on Dask with
``--scheduler``) writes the articles' quads to ``DIR/part-00000.nq``, ``part-00001.nq``, …:
one file per partition of :data:`graphbuild.flow.worker.BATCH` encoded articles, each
written to a temporary file and renamed, so a file is either whole or absent. Every file
also holds the store's "merging pending" marker, and each article its build key, so after a
bulk load of any of them into a graphbuild store (:func:`bulk_load`, or ``oxigraph load
--location STORE --file DIR/*.nq``) the same
``graphbuild build CORPUS --store STORE`` finds every article unchanged and only does the
cross-article merge.

Emitting needs no store and is a snapshot of the inputs: every readable article is written,
and the same inputs give the same files (a rerun rewrites them and removes partitions a
larger earlier run left over). The graphs hold no blank nodes, so loading a partition twice
adds nothing. Bulk-load into a fresh store (or one holding only earlier emits of the same
articles): an article whose text changed since it was stored would keep its old quads too.
An id read twice with different texts keeps its first text here (a ``--store`` build keeps
the last), with a warning.
"""

from __future__ import annotations

import logging
import os
import re
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path

from graphbuild import nlp
from graphbuild.atomic import atomic_write
from graphbuild.errors import GraphFileError
from graphbuild.fingerprint import article_key, build_fingerprint, next_key, with_key
from graphbuild.flow.executors import BATCH, encode_all
from graphbuild.flow.report import BuildReport
from graphbuild.flow.sources import Progress, read_inputs
from graphbuild.flow.worker import Encoded, Failed
from graphbuild.ingest import Skipped
from graphbuild.rdf.vocab import GB, GRAPH
from graphbuild.types import Article

log = logging.getLogger("graphbuild.emit")

_PART = re.compile(r"^part-(\d{5,})\.nq$")
_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"
#: the store's "cross-article merging pending" marker (see graphbuild.store.oxi)
PENDING = (f'<{GRAPH["build"]}> <{GB.mergePending}> "true"^^<{_BOOLEAN}> '
           f'<{GRAPH["build"]}> .\n').encode()


def part_name(index: int) -> str:
    return f"part-{index:05d}.nq"


def partitions(folder: str | os.PathLike) -> list[Path]:
    """The partition files in ``folder``, in order."""
    found = [p for p in Path(folder).iterdir() if _PART.match(p.name)]
    return sorted(found, key=lambda p: int(_PART.match(p.name).group(1)))


def _readable(inputs: Iterable[str | os.PathLike], report: BuildReport,
              progress: Progress | None, fingerprint: str,
              keys: dict[str, deque[str]]) -> Iterator[Article]:
    """The articles to emit: ingest's screening, each id once; each one's build key queued
    in ``keys``."""
    seen: dict[str, str] = {}
    for got in read_inputs(inputs, report, progress, texts=False):
        first = seen.get(got.id)
        if first is not None:
            if first != got.content_hash:
                log.warning("%s: article id %r was read before in this build with another "
                            "text; --emit keeps the first text", got.path or got.id, got.id)
            report.unchanged.append(got.id)
            if progress is not None:
                progress(report)
            continue
        seen[got.id] = got.content_hash
        keys.setdefault(got.id, deque()).append(article_key(got, fingerprint))
        yield got


def _write(path: Path, chunks: list[bytes]) -> None:
    def write(tmp: str) -> None:
        with open(tmp, "wb") as fh:
            fh.write(PENDING)
            for chunk in chunks:
                fh.write(chunk)

    atomic_write(path, write)


def emit_partitions(inputs: Iterable[str | os.PathLike], folder: str | os.PathLike, *,
                    model: str = nlp.DEFAULT_MODEL, jobs: int = 1, scheduler: str | None = None,
                    extractors: list[str] | None = None, progress: Progress | None = None,
                    size: int = BATCH, overlap: bool = False) -> BuildReport:
    """Write the articles of ``inputs`` as N-Quads partitions of ``size`` articles into
    ``folder``; ``report.added`` lists the articles written, ``report.skipped`` the others.
    ``progress`` is called after each article, and ``overlap`` means what it means for
    :func:`graphbuild.corpus.build_store`."""
    out = Path(folder)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise GraphFileError(f"{out}: cannot write partitions here: {err.strerror}") from err
    report = BuildReport()
    keys: dict[str, deque[str]] = {}
    todo = _readable(inputs, report, progress, build_fingerprint(model, extractors), keys)
    encoded = encode_all(todo, model=model, jobs=jobs, extractors=extractors,
                         scheduler=scheduler, overlap=overlap)
    written, in_part = 0, 0
    chunks: list[bytes] = []
    for enc in encoded:
        key = next_key(keys, enc.article_id)
        if isinstance(enc, Failed):
            report.skipped.append(Skipped(enc.where, enc.problem))
            log.warning("%s: %s", enc.where, enc.problem)
        else:
            enc = with_key(enc, key)
            chunks.append(enc.nquads)
            _count(report, enc)
        in_part += 1
        if in_part == size:
            _write(out / part_name(written), chunks)
            written, in_part, chunks = written + 1, 0, []
        if progress is not None:
            progress(report)
    if in_part:
        _write(out / part_name(written), chunks)
        written += 1
    for stale in partitions(out)[written:]:  # left by an earlier, larger emit
        stale.unlink()
    return report


def _count(report: BuildReport, enc: Encoded) -> None:
    report.added.append(enc.article_id)
    report.words += enc.words
    report.triples_written += enc.triples


def bulk_load(folder: str | os.PathLike, store: str | os.PathLike) -> int:
    """Load every partition of ``folder`` into the Oxigraph store at ``store`` with
    Oxigraph's bulk loader (fast, not transactional: load into a store nobody else has
    open); returns the number of quads in the store afterwards."""
    import pyoxigraph as ox

    db = ox.Store(str(store))
    try:
        for part in partitions(folder):
            db.bulk_load(path=str(part), format=ox.RdfFormat.N_QUADS)
        db.flush()
        return len(db)
    finally:
        del db
