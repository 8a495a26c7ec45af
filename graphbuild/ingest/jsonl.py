"""JSON Lines (optionally gzipped): one article per line.

Fields: ``text`` (required), ``title``, ``date``, ``source``, ``url``, ``id``; others are
ignored. A bad line gives a :class:`Skipped` for ``file:line N``; the other lines still go
through. Blank lines are ignored.

:func:`read_jsonl` streams the file line by line (memory does not grow with the corpus) and
decodes each line on its own: a line that is not valid UTF-8 is decoded as windows-1252 (else
by detection) with a warning for that line only, so one bad byte does not re-decode (and
change) every other article of the file.
"""

from __future__ import annotations

import codecs
import gzip
import json
import zlib
from collections.abc import Iterator
from contextlib import nullcontext

from graphbuild.errors import InputError, InputTooLargeError
from graphbuild.ingest.decode import (
    BINARY,
    EMPTY,
    _detect,
    _looks_binary,
    decode_bytes,
    encoding_label,
)
from graphbuild.ingest.ids import content_hash, record_id
from graphbuild.ingest.limits import MAX_DECOMPRESSED_BYTES, iter_lines, open_regular
from graphbuild.ingest.skipped import Skipped, log
from graphbuild.ingest.text import clean_text
from graphbuild.types import Article

_SNIFF = 8192  # bytes looked at to tell a binary file
_WIDE_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE,
              codecs.BOM_UTF16_BE)

_OPTIONAL = ("title", "date", "source", "url")


def _record(line: str, where: str) -> tuple[dict[str, str | None], object, list[str]]:
    """Check one JSON line; return its string fields, its raw id and clean-up warnings."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(where, f"invalid JSON: {exc.msg} (column {exc.colno})") from None
    if not isinstance(record, dict):
        raise InputError(where, f"not a JSON object but {type(record).__name__}")
    text = record.get("text")
    if text is None:
        raise InputError(where, "no 'text' field")
    if not isinstance(text, str):
        raise InputError(where, f"'text' is {type(text).__name__}, not a string")
    text, warnings = clean_text(text, where)
    if not text.strip():
        raise InputError(where, "'text' is empty")
    fields: dict[str, str | None] = {"text": text}
    for name in _OPTIONAL:
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            raise InputError(where, f"'{name}' is {type(value).__name__}, not a string")
        fields[name] = (clean_text(value, where)[0].strip() or None) if value else None
    raw_id = record.get("id")
    if raw_id is not None and (isinstance(raw_id, bool) or not isinstance(raw_id, (str, int))):
        raise InputError(where, f"'id' is {type(raw_id).__name__}, not a string")
    return fields, raw_id, warnings


def _line_article(line: str, number: int, *, path: str, base_id: str
                  ) -> Iterator[Article | Skipped]:
    where = f"{path}:line {number}"
    try:
        fields, raw_id, warnings = _record(line, where)
    except InputError as exc:
        yield Skipped(where, exc.problem)
        return
    for warning in warnings:
        yield Skipped(where, warning, warning=True)
    body = fields["text"] or ""
    yield Article(
        id=record_id(raw_id, fields["url"], base_id, number),
        text=body,
        title=fields["title"],
        date=fields["date"],
        source=fields["source"],
        url=fields["url"],
        path=f"{path}:{number}",
        content_hash=content_hash(body),
    )


def iter_jsonl(text: str, *, path: str, base_id: str) -> Iterator[Article | Skipped]:
    """Articles of a decoded JSONL file; ``base_id`` makes ids of records without id or url."""
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            yield from _line_article(line, number, path=path, base_id=base_id)


def _decode_line(raw: bytes, where: str) -> tuple[str, list[str]]:
    """One line as text: UTF-8, else the encoding detection finds (with a warning)."""
    try:
        text, warnings = raw.decode("utf-8"), []
    except UnicodeDecodeError:
        # one line is too little for detection to beat the likeliest legacy encoding of
        # English news; detection only when windows-1252 cannot decode it
        try:
            text, encoding, how = raw.decode("cp1252"), "cp1252", "(likeliest for English)"
        except UnicodeDecodeError:
            encoding = _detect(raw) or "cp1252"
            text, how = raw.decode(encoding, "replace"), "by detection"
        warnings = [f"not valid UTF-8; decoded as {encoding_label(encoding)} {how}"]
        log.warning("%s: %s", where, warnings[0])
    text, cleaned = clean_text(text, where)  # raw control characters outside the strings
    return text, warnings + cleaned


def read_jsonl(path: str, *, gzipped: bool, base_id: str) -> Iterator[Article | Skipped]:
    """Stream the articles of a ``.jsonl`` (``gzipped``: ``.jsonl.gz``) file, line by line.

    Raises :class:`InputError` for a file that cannot be read, is not a regular file, is
    empty, binary or not valid gzip (articles of the lines before a gzip error have been
    yielded already). A line longer than the line cap is skipped (a ``Skipped`` naming it)
    and the lines after it are read; past the decompressed-size cap the rest of the file is
    skipped (:mod:`graphbuild.ingest.limits`). A file with a UTF-16/32 byte-order mark is
    decoded whole (within the same cap).
    """
    raw = open_regular(path)
    with raw, (gzip.GzipFile(fileobj=raw, mode="rb") if gzipped else nullcontext(raw)) \
            as handle:
        try:
            head = handle.read(_SNIFF)
            handle.seek(0)
        except (OSError, EOFError, zlib.error) as exc:
            raise InputError(path, f"not a valid gzip file ({exc})") from None
        if head.startswith(_WIDE_BOMS):  # rare: UTF-16/32 JSONL, read whole
            data = handle.read(MAX_DECOMPRESSED_BYTES + 1)
            if len(data) > MAX_DECOMPRESSED_BYTES:
                raise InputTooLargeError(path, "[GB161] expands past the decompressed-size "
                                               "cap (GRAPHBUILD_MAX_DECOMPRESSED_MB)")
            decoded = decode_bytes(data, path)
            for warning in decoded.warnings:
                yield Skipped(path, warning, warning=True)
            yield from iter_jsonl(decoded.text, path=path, base_id=base_id)
            return
        if b"\x00" in head or _looks_binary(head.decode("latin-1")):
            raise InputError(path, BINARY)
        found = False
        for line in iter_lines(handle, path, raw=raw if gzipped else None):
            where = f"{path}:line {line.number}"
            if line.data is None:
                found = True
                yield Skipped(where, line.problem or "skipped")
                continue
            raw_line = line.data.removeprefix(codecs.BOM_UTF8) if line.number == 1 \
                else line.data
            if not raw_line.strip():
                continue
            found = True
            text, warnings = _decode_line(raw_line, where)
            for warning in warnings:
                yield Skipped(where, warning, warning=True)
            yield from _line_article(text, line.number, path=path, base_id=base_id)
        if not found:
            raise InputError(path, EMPTY)
