"""JSON Lines (optionally gzipped): one article per line.

Fields: ``text`` (required), ``title``, ``date``, ``source``, ``url``, ``id``; others are
ignored. A bad line gives a :class:`Skipped` for ``file:line N``; the other lines still go
through. Blank lines are ignored.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from graphbuild.errors import InputError
from graphbuild.ingest.ids import content_hash, record_id
from graphbuild.ingest.skipped import Skipped
from graphbuild.ingest.text import clean_text
from graphbuild.types import Article

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


def iter_jsonl(text: str, *, path: str, base_id: str) -> Iterator[Article | Skipped]:
    """Articles of a decoded JSONL file; ``base_id`` makes ids of records without id or url."""
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{path}:line {number}"
        try:
            fields, raw_id, warnings = _record(line, where)
        except InputError as exc:
            yield Skipped(where, exc.problem)
            continue
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
