"""Bytes to text: UTF-8 first, then byte-order marks, then charset detection.

:func:`decode_bytes` refuses empty and binary inputs with :class:`InputError` and returns the
text already cleaned by :func:`graphbuild.ingest.text.clean_text` (newlines normalised,
control characters removed).
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

import charset_normalizer

from graphbuild.errors import InputError
from graphbuild.ingest.skipped import log
from graphbuild.ingest.text import clean_text

EMPTY = "empty file"
BINARY = "binary file (not text)"

#: Above this share of control characters (besides whitespace) a decoded text is binary.
MAX_CONTROL_SHARE = 0.05

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_TEXT_CONTROLS = frozenset("\t\n\r\f\v")


@dataclass(frozen=True)
class Decoded:
    """A decoded, cleaned text, the encoding it was read with, and warnings about it."""

    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


def encoding_label(codec: str) -> str:
    """A readable name for a Python codec name (``cp1252`` -> ``windows-1252``)."""
    name = codecs.lookup(codec).name
    if name.startswith("cp125") and len(name) == 6:
        return "windows-" + name[2:]
    return name.replace("_", "-")


def _detect(data: bytes) -> str | None:
    """The encoding charset_normalizer finds for ``data``; cp1252 wins ties (English news)."""
    matches = list(charset_normalizer.from_bytes(data))
    if not matches:
        return None
    best = matches[0]
    tied = [
        m
        for m in matches
        if abs(m.chaos - best.chaos) < 1e-9 and abs(m.coherence - best.coherence) < 1e-9
    ]
    if any(codecs.lookup(m.encoding).name == "cp1252" for m in tied):
        return "cp1252"
    try:
        if data.decode("cp1252") == data.decode(best.encoding):
            return "cp1252"  # same text either way: name the commoner encoding
    except (UnicodeDecodeError, LookupError):
        pass
    return best.encoding


def _looks_binary(text: str) -> bool:
    controls = sum(1 for ch in text if ch < " " and ch not in _TEXT_CONTROLS)
    return controls > MAX_CONTROL_SHARE * len(text)


def decode_bytes(data: bytes, where: str) -> Decoded:
    """Decode the bytes of a text file named ``where`` (used in messages).

    Raises ``InputError(where, "empty file")`` or ``InputError(where, "binary file (not
    text)")``. When the bytes are not UTF-8, the encoding found by a byte-order mark or by
    detection is used and a warning naming the file and the encoding is logged and returned.
    """
    if not data.strip():
        raise InputError(where, EMPTY)
    warnings: list[str] = []
    encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), None)
    if encoding is not None:
        text = data[len(codecs.BOM_UTF16_LE) if "16" in encoding else 4 :].decode(
            encoding, "replace"
        )
        how = "by its byte-order mark"
    elif b"\x00" in data:
        raise InputError(where, BINARY)
    else:
        try:
            text, encoding, how = data.decode("utf-8-sig"), "utf-8", ""
        except UnicodeDecodeError:
            encoding = _detect(data)
            if encoding is None:
                raise InputError(where, BINARY) from None
            text, how = data.decode(encoding, "replace"), "by detection"
    if _looks_binary(text):
        raise InputError(where, BINARY)
    if how:
        warnings.append(f"not valid UTF-8; decoded as {encoding_label(encoding)} {how}")
        log.warning("%s: %s", where, warnings[-1])
    text, cleaned = clean_text(text, where)
    if not text.strip():
        raise InputError(where, EMPTY)
    return Decoded(text, encoding_label(encoding), tuple(warnings + cleaned))
