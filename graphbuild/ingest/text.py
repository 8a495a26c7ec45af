"""Plain-text articles: text clean-up, the headline rule and :func:`read_text_article`.

Normalisations applied to every text (and nothing else; offsets point into the result):

* a leading byte-order mark (U+FEFF) is removed;
* ``\\r\\n`` and lone ``\\r`` become ``\\n``;
* C0 control characters other than ``\\n`` and ``\\t`` are removed, and so are lone
  surrogates (a warning naming the input is logged when that happens).
"""

from __future__ import annotations

import re

from graphbuild.errors import InputError
from graphbuild.ingest.ids import content_hash, text_id
from graphbuild.ingest.skipped import log
from graphbuild.types import Article

_NEWLINES = re.compile(r"\r\n?")
_UNWANTED = re.compile(r"[\x00-\x08\x0b-\x1f\ud800-\udfff]")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$")

#: A headline does not end like a sentence or a quotation.
_SENTENCE_END = (".", "!", "?", "…", '"', "'", "”", "’", "»", "›")
MAX_TITLE_WORDS = 30
MAX_TITLE_CHARS = 250


def clean_text(text: str, where: str) -> tuple[str, list[str]]:
    """Apply the documented normalisations; return the text and warnings (already logged)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    text = _NEWLINES.sub("\n", text)
    text, removed = _UNWANTED.subn("", text)
    warnings = []
    if removed:
        what = "character" if removed == 1 else "characters"
        warnings.append(f"removed {removed} control or surrogate {what}")
        log.warning("%s: %s", where, warnings[-1])
    return text, warnings


def _is_headline(line: str) -> bool:
    line = line.strip()
    return (
        0 < len(line) <= MAX_TITLE_CHARS
        and len(line.split()) <= MAX_TITLE_WORDS
        and not line.endswith(_SENTENCE_END)
    )


def split_headline(text: str, *, markdown: bool = False) -> tuple[str | None, str]:
    """Split ``text`` into (title, body) by the headline rule.

    The first non-empty line is the title when it is short (at most 30 words and 250
    characters), does not end with ``. ! ? …`` or a closing quote, and is followed by a blank
    line; the body is the rest with its leading blank lines removed. With ``markdown=True`` a
    first line that is an ATX heading (``# Title``) is the title whatever it ends with and
    need not be followed by a blank line. Otherwise the title is None and the body is
    ``text`` unchanged.
    """
    pos = 0
    while True:
        end = text.find("\n", pos)
        if end < 0:
            return None, text  # a single line is never a headline
        line = text[pos:end]
        if line.strip():
            break
        pos = end + 1
    title: str | None = None
    heading = _MD_HEADING.match(line) if markdown else None
    if heading and heading.group(1).strip():
        title = heading.group(1).strip()
    elif _is_headline(line) and text[end + 1 :].split("\n", 1)[0].strip() == "":
        title = line.strip()
    if title is None:
        return None, text
    rest = end + 1
    while True:
        nxt = text.find("\n", rest)
        if text[rest : nxt if nxt >= 0 else len(text)].strip():
            return title, text[rest:]
        if nxt < 0:
            return None, text  # nothing after the headline: keep the text whole
        rest = nxt + 1


def build_text_article(
    text: str,
    *,
    id: str | None = None,
    path: str | None = None,
    title: str | None = None,
    markdown: bool = False,
) -> tuple[Article, list[str]]:
    """Make an article of a plain text; return it with the clean-up warnings."""
    where = path or "<text>"
    text, warnings = clean_text(text, where)
    if not text.strip():
        raise InputError(where, "empty text")
    body = text
    if title is None:
        title, body = split_headline(text, markdown=markdown)
    else:
        title = title.strip() or None
    article = Article(
        id=id if id is not None else text_id(text),
        text=body,
        title=title,
        path=path,
        content_hash=content_hash(body),
    )
    return article, warnings


def read_text_article(
    text: str, *, id: str | None = None, path: str | None = None, title: str | None = None
) -> Article:
    """Make an :class:`Article` of a plain-text news story.

    The text is normalised (see the module docstring). When ``title`` is not given, the
    headline rule of :func:`split_headline` may take the first line as the title. Without
    ``id`` the id is ``text-`` + the first 16 hex chars of the sha256 of the normalised text.
    Raises :class:`~graphbuild.errors.InputError` when the text is empty or only whitespace.
    """
    return build_text_article(text, id=id, path=path, title=title)[0]
