"""Reading inputs within limits: regular files only, bounded lines, bounded decompression.

* :func:`open_regular` opens a path without blocking (a FIFO cannot hang it) and refuses
  anything but a regular file (devices, FIFOs, sockets, links to them) with
  :class:`~graphbuild.errors.InputNotRegularError` (GB160).
* :func:`read_capped` reads a whole file up to :data:`MAX_FILE_BYTES`.
* :func:`iter_lines` streams the lines of a (gzipped) file in fixed-size chunks: a line
  longer than :data:`MAX_LINE_BYTES` is skipped (reported by its number) without being held
  in memory, runs of blank lines are passed over at C speed, and decompression stops at
  :data:`MAX_DECOMPRESSED_BYTES`, or past 64 MB at a ratio over :data:`MAX_RATIO` (a gzip
  bomb), keeping every line read before.

The limits can be changed with the environment variables ``GRAPHBUILD_MAX_LINE_MB``,
``GRAPHBUILD_MAX_DECOMPRESSED_MB``, ``GRAPHBUILD_MAX_GZIP_RATIO`` and
``GRAPHBUILD_MAX_FILE_MB`` (docs/security.md).
"""

from __future__ import annotations

import os
import stat
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from graphbuild import settings
from graphbuild.errors import (
    InputError,
    InputNotRegularError,
    InputTooLargeError,
    SettingsError,
)

__all__ = ["MAX_LINE_BYTES", "MAX_DECOMPRESSED_BYTES", "MAX_FILE_BYTES", "Line",
           "open_regular", "read_capped", "iter_lines", "file_kind"]



def _mb(name: str, default: int) -> int:
    try:
        return max(1, int(settings.get(name) * 1024 * 1024))
    except SettingsError:  # reported by the command's own check of every setting
        return default * 1024 * 1024


#: one JSON line (one article) at most; longer lines are skipped
MAX_LINE_BYTES = _mb("GRAPHBUILD_MAX_LINE_MB", 8)
#: what one compressed input may expand to; the rest of the file is skipped
MAX_DECOMPRESSED_BYTES = _mb("GRAPHBUILD_MAX_DECOMPRESSED_MB", 512)
#: past this many decompressed bytes, a compression ratio above MAX_RATIO is a bomb
RATIO_FLOOR = 64 * 1024 * 1024
#: news JSONL compresses 3-10 times; zeros or newlines over a thousand times
try:
    MAX_RATIO = int(settings.get("GRAPHBUILD_MAX_GZIP_RATIO"))
except SettingsError:
    MAX_RATIO = 200
#: a text, HTML or feed file (read whole) at most
MAX_FILE_BYTES = _mb("GRAPHBUILD_MAX_FILE_MB", 64)

_CHUNK = 256 << 10
_SPACE = frozenset(b" \t\r\n")
_KINDS = ((stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISDIR, "a directory"))


def file_kind(mode: int) -> str:
    """``a character device``, ``a FIFO (named pipe)``… for a non-regular ``st_mode``."""
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def open_regular(path: str) -> IO[bytes]:
    """Open ``path`` for reading if it is a regular file (after links); never blocks."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise InputError(path, f"cannot read ({exc.strerror or exc})") from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise InputNotRegularError(path, f"[GB160] {file_kind(mode)}, not a regular file: "
                                         "only regular files are read")
    os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def read_capped(path: str, limit: int | None = None) -> bytes:
    """The bytes of a regular file, refused when longer than ``limit``."""
    limit = MAX_FILE_BYTES if limit is None else limit
    with open_regular(path) as handle:
        try:
            data = handle.read(limit + 1)
        except OSError as exc:
            raise InputError(path, f"cannot read ({exc.strerror or exc})") from None
    if len(data) > limit:
        raise InputTooLargeError(path, f"[GB161] larger than {limit // (1024 * 1024)} MB "
                                       "(GRAPHBUILD_MAX_FILE_MB): skipped")
    return data


@dataclass(frozen=True)
class Line:
    """A non-blank line (``data``), or a problem: ``data`` None and ``problem`` set (a
    too-long line, skipped; or the decompression cap, after which nothing follows)."""

    number: int
    data: bytes | None
    problem: str | None = None


def _chunks(handle: IO[bytes], path: str, cap: int, raw: IO[bytes] | None
            ) -> Iterator[bytes | None]:
    """Decompressed chunks; None once ``cap`` bytes were read, or once more than
    :data:`RATIO_FLOOR` bytes came out at over :data:`MAX_RATIO` times the compressed bytes
    of ``raw`` (then stops)."""
    total = 0
    while True:
        try:
            chunk = handle.read(_CHUNK)
        except (OSError, EOFError, zlib.error) as exc:
            raise InputError(path, f"not a valid gzip file ({exc})") from None
        if not chunk:
            return
        total += len(chunk)
        if raw is not None and total > RATIO_FLOOR and total > MAX_RATIO * max(raw.tell(), 1):
            yield None
            return
        if total > cap:
            keep = len(chunk) - (total - cap)
            yield chunk[:keep]
            yield None
            return
        yield chunk


def _skip_blank(chunk: bytes, pos: int, number: int) -> tuple[int, int]:
    """Past the blank run at ``pos``: (new position, line number). Windows doubling in
    size, so a run of n bytes costs O(n) however it is laid out."""
    window, size = 64, len(chunk)
    while True:
        end = min(pos + window, size)
        piece = chunk[pos:end]
        rest = piece.lstrip(b" \t\r\n")
        skipped = len(piece) - len(rest)
        number += piece.count(b"\n", 0, skipped)
        pos += skipped
        if rest or end == size:
            return pos, number
        window *= 2


def iter_lines(handle: IO[bytes], path: str, *, max_line: int | None = None,
               max_total: int | None = None, raw: IO[bytes] | None = None) -> Iterator[Line]:
    """The non-blank lines of ``handle`` (numbered from 1), within the limits; ``raw`` is
    the compressed file under a decompressing ``handle`` (for the ratio check)."""
    max_line = MAX_LINE_BYTES if max_line is None else max_line
    max_total = MAX_DECOMPRESSED_BYTES if max_total is None else max_total
    number = 1
    pending: list[bytes] = []
    pending_len = 0
    too_long = False
    for chunk in _chunks(handle, path, max_total, raw):
        if chunk is None:
            if pending and not too_long:
                yield Line(number, b"".join(pending))
            yield Line(number, None, f"[GB161] expands past {max_total // (1024 * 1024)} MB, "
                                     f"or more than {MAX_RATIO} times its compressed size "
                                     "(a gzip bomb; GRAPHBUILD_MAX_DECOMPRESSED_MB, "
                                     "GRAPHBUILD_MAX_GZIP_RATIO): the rest of the file is "
                                     "skipped")
            return
        pos, size = 0, len(chunk)
        while pos < size:
            if not pending and not too_long and chunk[pos] in _SPACE:
                pos, number = _skip_blank(chunk, pos, number)
                continue
            end = chunk.find(b"\n", pos)
            piece = chunk[pos:size if end < 0 else end]
            if not too_long:
                pending_len += len(piece)
                if pending_len > max_line:
                    too_long, pending, pending_len = True, [], 0
                else:
                    pending.append(piece)
            if end < 0:
                break
            if too_long:
                yield Line(number, None, f"line longer than {max_line // (1024 * 1024)} MB "
                                         "(GRAPHBUILD_MAX_LINE_MB): skipped")
            elif pending:
                yield Line(number, b"".join(pending))
            number += 1
            pending, pending_len, too_long = [], 0, False
            pos = end + 1
    if too_long:
        yield Line(number, None, f"line longer than {max_line // (1024 * 1024)} MB "
                                 "(GRAPHBUILD_MAX_LINE_MB): skipped")
    elif pending and b"".join(pending).strip():
        yield Line(number, b"".join(pending))
