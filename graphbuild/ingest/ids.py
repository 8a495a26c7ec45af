"""Deterministic article ids and content hashes.

Ids never depend on the order in which inputs are given: a file's id comes from its path
relative to the folder named on the command line, a record's id from its own fields.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import PurePath

#: Extensions removed from a file name to make its id (longest first).
_COMPOUND_SUFFIXES = (".jsonl.gz",)


def content_hash(text: str) -> str:
    """Full sha256 hex digest of ``text`` (UTF-8, surrogates escaped)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def text_id(text: str) -> str:
    """Id of a text given without one: ``text-`` + 16 hex chars of its sha256."""
    return "text-" + content_hash(text)[:16]


def strip_suffix(name: str) -> str:
    """``name`` without its extension (``news.jsonl.gz`` -> ``news``, ``a.b.txt`` -> ``a.b``)."""
    lower = name.lower()
    for suffix in _COMPOUND_SUFFIXES:
        if lower.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    stem = PurePath(name).stem
    return stem or name


def file_id(path: str | os.PathLike[str], root: str | os.PathLike[str] | None = None) -> str:
    """Id of a file: its path relative to ``root`` without extension, ``/``-separated.

    With no ``root`` (a file named directly) the id is the file's stem.
    """
    path = os.fspath(path)
    if root is None:
        return strip_suffix(os.path.basename(path))
    rel = os.path.relpath(path, os.fspath(root))
    parts = list(PurePath(rel).parts)
    parts[-1] = strip_suffix(parts[-1])
    return "/".join(parts)


def record_id(given: object, url: str | None, base: str, number: int) -> str:
    """Id of a JSONL record or feed entry: its own id, else its url, else ``base-number``."""
    if isinstance(given, (str, int)) and not isinstance(given, bool) and str(given).strip():
        return str(given).strip()
    if url and url.strip():
        return url.strip()
    return f"{base}-{number}"
