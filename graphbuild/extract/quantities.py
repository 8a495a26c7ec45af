"""Counts and amounts: "18 accounts", "two pages", "£3.5m" as typed values with their unit."""

from __future__ import annotations

import re

from graphbuild.extract import lexicon as lx
from graphbuild.registry import extractor
from graphbuild.types import Findings, ParsedDoc, Quantity

_NUM = re.compile(r"^[£$€¥]?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(m|bn|k)?%?$", re.I)


def _word_value(word: str) -> int | None:
    """``"twenty-five"`` -> 25: a hyphenated tens-and-units number word."""
    tens, _, units = word.partition("-")
    if units and lx.NUMBER_WORDS.get(tens, 0) in range(20, 100, 10) \
            and 0 < lx.NUMBER_WORDS.get(units, 0) < 10:
        return lx.NUMBER_WORDS[tens] + lx.NUMBER_WORDS[units]
    return None


def parse_number(text: str) -> int | float | None:
    """``"18"`` -> 18, ``"two"`` -> 2, ``"twenty-five"`` -> 25, ``"1,200"`` -> 1200, ``"3.5"``
    -> 3.5, ``"£3.5m"`` -> 3500000.0; None when the text is not a number."""
    t = text.strip().lower()
    if t in lx.NUMBER_WORDS:
        return lx.NUMBER_WORDS[t]
    if (v := _word_value(t)) is not None:
        return v
    m = _NUM.match(t)
    if not m:
        return None
    whole = int(m.group(1).replace(",", ""))
    value: int | float = float(f"{whole}.{m.group(2)}") if m.group(2) else whole
    if m.group(3):
        value = value * lx.SCALE_WORDS[m.group(3).lower()]
    return value


_CURRENCY = frozenset("£$€¥")
_NOT_COUNTS = {"DATE", "TIME", "ORDINAL"}  # "the 2020 election", "at 10 pm"


def _is_number(tok) -> bool:  # noqa: ANN001 - a Token
    return tok.pos in {"NUM", "NOUN", "PROPN", "X", "ADJ"} and parse_number(tok.text) is not None


def _is_scale(tok) -> bool:  # noqa: ANN001
    return tok.text.lower() in lx.SCALE_WORDS and parse_number(tok.text) is None or \
        tok.text.lower() == "hundred"


def _group(doc: ParsedDoc, i: int) -> tuple[int, int | float]:
    """The last token and the value of the number that starts at token ``i``: number words
    and scale words that follow it ("twenty - five", "3.5 million", "two hundred thousand")."""
    toks = doc.tokens
    total: int | float = 0
    current = parse_number(toks[i].text) or 0
    j = i
    while j + 1 < len(toks):
        nxt = toks[j + 1]
        if _is_scale(nxt) and (not toks[j].ws or toks[j].head == j + 1
                               or nxt.head in (j, toks[j].head)):
            scale = lx.SCALE_WORDS.get(nxt.text.lower(), 100)
            current = (current or 1) * scale
            if scale >= 1000:
                total, current = total + current, 0
            j += 1
        elif nxt.text == "-" and j + 2 < len(toks) and not toks[j].ws and not nxt.ws \
                and _word_value(f"{toks[j].text}-{toks[j + 2].text}".lower()) is not None:
            current += parse_number(toks[j + 2].text) or 0
            j += 2
        else:
            break
    value = total + current
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return j, value


@extractor("quantities", provides="quantities")
def extract_quantities(doc: ParsedDoc, found: Findings) -> tuple[Quantity, ...]:
    """Numbers that count a noun (``nummod``: "18 accounts", with the noun as unit) and
    amounts of money ("£3.5m", "$40 million", with the currency sign as unit)."""
    out = []
    toks = doc.tokens
    i = 0
    while i < len(toks):
        tok = toks[i]
        if not _is_number(tok) or tok.ent_type in _NOT_COUNTS:
            i += 1
            continue
        last, value = _group(doc, i)
        group = range(i, last + 1)
        head = next((j for j in group if toks[j].head not in group or toks[j].head == j), last)
        prev = toks[i - 1] if i > 0 else None
        start, end = tok.start, toks[last].end
        if prev is not None and prev.text in _CURRENCY:
            start, unit = prev.start, prev.text
        elif toks[head].dep == "nummod" and toks[head].head not in group \
                and toks[toks[head].head].pos in {"NOUN", "PROPN", "SYM"}:
            noun = toks[toks[head].head]
            unit, start, end = noun.text, min(start, noun.start), max(end, noun.end)
        else:
            i = last + 1
            continue
        out.append(Quantity(start, end, value, unit, doc.text[start:end]))
        i = last + 1
    return tuple(out)
