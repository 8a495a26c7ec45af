"""Find quoted stretches of text by their quotation marks, paragraph by paragraph.

News convention: a quotation that goes on into the next paragraph leaves its closing mark
off and opens the next paragraph with a fresh opening mark. A quotation whose paragraph ends
without a closing mark, and whose next paragraph does not open one, ends with its paragraph
(a truncated teaser quote).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

OPENERS = {"\u201c": "\u201d", "\u00ab": "\u00bb", "\u201e": "\u201d"}
CLOSERS = {"\u201d", "\u00bb"}
STRAIGHT = '"'


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    parts: tuple[tuple[int, int], ...]  # text inside the marks, per paragraph
    closed: bool

    @property
    def start(self) -> int:
        return self.parts[0][0]

    @property
    def end(self) -> int:
        return self.parts[-1][1]

    def text(self, doc_text: str) -> str:
        return "\n\n".join(doc_text[s:e] for s, e in self.parts)


def _opens_at(text: str, i: int) -> bool:
    ch = text[i]
    if ch in OPENERS:
        return True
    if ch == STRAIGHT:
        prev = text[i - 1] if i > 0 else " "
        return prev.isspace() or prev in "([{\u2014\u2013-:,"
    return False


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


@lru_cache(maxsize=16)
def scan(text: str, paragraphs: tuple[tuple[int, int], ...]) -> tuple[QuoteSpan, ...]:
    """All double-quoted stretches (“…”, "…", «…») in document order (cached: several
    extractors ask for the same article's quotations)."""
    return tuple(_scan(text, paragraphs))


def _lines(text: str, paragraphs: tuple[tuple[int, int], ...]) -> list[tuple[int, int]]:
    """Paragraphs, split further at single line breaks that end a sentence (texts that put
    one paragraph per line); a break inside a sentence is a hard wrap, not a paragraph."""
    out = []
    for ps, pe in paragraphs:
        start = ps
        for i in range(ps, pe):
            if text[i] == "\n" and i > start and text[i - 1] in '.!?:"\u201d' \
                    and text[start:i].strip():
                out.append((start, i))
                start = i + 1
        out.append((start, pe))
    return [(s, e) for s, e in out if text[s:e].strip()]


def _reopens_at(text: str, i: int, open_at: int) -> bool:
    """A straight mark after a sentence end and a space, before a word, while a quotation is
    open: the corpus dropped the closing mark of the sentence before ("…rates. "Dismal…")."""
    if text[i] != STRAIGHT or i + 1 >= len(text) or i - 2 < open_at:
        return False
    return text[i - 1] == " " and text[i - 2] in ".!?" and text[i + 1].isalnum()


def _closes_unopened(text: str, i: int, ps: int) -> bool:
    """A closing mark with no opening one in its paragraph, after punctuation and before
    "said"-like text (the opening mark was stripped with the line's CSV quoting)."""
    ch = text[i]
    if ch not in CLOSERS and ch != STRAIGHT:
        return False
    after = text[i + 1:i + 3]
    return i - 1 > ps and text[i - 1] in ",.!?" and after[:1] == " " \
        and after[1:2].islower() and len(text[ps:i].split()) >= 3


def _scan(text: str, paragraphs: tuple[tuple[int, int], ...]) -> list[QuoteSpan]:
    out: list[QuoteSpan] = []
    carried: list[tuple[int, int]] = []  # parts of a quote still open from earlier paragraphs
    paragraphs = tuple(_lines(text, paragraphs))
    for n, (ps, pe) in enumerate(paragraphs):
        open_at: int | None = None
        seen_mark = False
        i = ps
        while i < pe:
            ch = text[i]
            if open_at is None:
                if not seen_mark and not carried and _closes_unopened(text, i, ps):
                    s, e = _trim(text, ps, i)
                    out.append(QuoteSpan(((s, e),), True))
                elif _opens_at(text, i):
                    open_at = i + 1
                seen_mark = seen_mark or ch in CLOSERS or ch == STRAIGHT or ch in OPENERS
            elif _reopens_at(text, i, open_at):
                s, e = _trim(text, open_at, i)
                if e > s:
                    out.append(QuoteSpan(tuple(carried) + ((s, e),), False))
                carried, open_at = [], i + 1
            elif ch in CLOSERS or ch == STRAIGHT:
                s, e = _trim(text, open_at, i)
                if e > s:
                    out.append(QuoteSpan(tuple(carried) + ((s, e),), True))
                carried, open_at = [], None
            elif ch in OPENERS and i > open_at:
                # a new opening mark while one is open: the earlier one was never closed
                s, e = _trim(text, open_at, i)
                if e > s:
                    out.append(QuoteSpan(tuple(carried) + ((s, e),), False))
                carried, open_at = [], i + 1
            i += 1
        if carried and open_at is None:
            # a carried quote whose continuation paragraph did not reopen: it ended before
            out.append(QuoteSpan(tuple(carried), False))
            carried = []
        if open_at is not None:
            part = _trim(text, open_at, pe)
            nxt = paragraphs[n + 1][0] if n + 1 < len(paragraphs) else None
            if nxt is not None and _opens_at(text, nxt):
                if part[1] > part[0]:
                    carried.append(part)
            elif part[1] > part[0]:
                out.append(QuoteSpan(tuple(carried) + (part,), False))
                carried = []
    if carried:
        out.append(QuoteSpan(tuple(carried), False))
    return out


_STRAIGHT_SINGLE = re.compile(r"(?<![\w'])'([A-Za-z][^'\n]{0,40}?[A-Za-z.!?])'(?![\w'])")


def scare_quotes(text: str) -> list[tuple[int, int]]:
    """Short phrases (one to three words) in single quotes, curly (‘strong’) or straight
    ('tough', not the apostrophes of "the Tories' plan"): spans including the marks."""
    out = [(m.start(), m.end()) for m in _STRAIGHT_SINGLE.finditer(text)
           if len(m.group(1).split()) <= 3]
    i = text.find("\u2018")
    while i != -1:
        j = text.find("\u2019", i + 1)
        # an apostrophe inside a word ("ministry’s") is not a closing mark
        while j != -1 and j + 1 < len(text) and text[j + 1].isalpha():
            j = text.find("\u2019", j + 1)
        if j == -1:
            break
        inner = text[i + 1:j]
        if 0 < len(inner.split()) <= 3 and "\n" not in inner:
            out.append((i, j + 1))
        i = text.find("\u2018", j + 1)
    return sorted(out)
