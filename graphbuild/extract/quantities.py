"""Counts and amounts: "18 accounts", "two pages", "£3.5m" as typed values with their unit."""

from __future__ import annotations

import re

from graphbuild.extract import lexicon as lx
from graphbuild.registry import extractor
from graphbuild.types import Findings, ParsedDoc, Quantity

_NUM = re.compile(r"^[£$€¥]?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(m|bn|k)?%?$", re.I)


def parse_number(text: str) -> int | float | None:
    """``"18"`` -> 18, ``"two"`` -> 2, ``"1,200"`` -> 1200, ``"3.5"`` -> 3.5, ``"£3.5m"`` ->
    3500000.0; None when the text is not a number."""
    t = text.strip().lower()
    if t in lx.NUMBER_WORDS:
        return lx.NUMBER_WORDS[t]
    m = _NUM.match(t)
    if not m:
        return None
    whole = int(m.group(1).replace(",", ""))
    value: int | float = float(f"{whole}.{m.group(2)}") if m.group(2) else whole
    if m.group(3):
        value = value * lx.SCALE_WORDS[m.group(3).lower()]
    return value


@extractor("quantities", provides="quantities")
def extract_quantities(doc: ParsedDoc, found: Findings) -> tuple[Quantity, ...]:
    """Every number that counts a noun (``nummod``), with the noun as unit."""
    out = []
    toks = doc.tokens
    for tok in toks:
        if tok.dep != "nummod" or tok.head == tok.i:
            continue
        value = parse_number(tok.text)
        if value is None:
            continue
        # "3.5 million": a following scale word multiplies
        nxt = toks[tok.i + 1] if tok.i + 1 < len(toks) else None
        end_tok = tok.i
        if nxt is not None and nxt.text.lower() in lx.SCALE_WORDS and nxt.head == tok.head \
                and nxt.i != tok.head:
            value = value * lx.SCALE_WORDS[nxt.text.lower()]
            end_tok = nxt.i
        unit = toks[tok.head]
        if unit.pos not in {"NOUN", "PROPN", "SYM"}:
            continue
        start = tok.start
        end = max(unit.end, toks[end_tok].end)
        if unit.i < tok.i:  # "£ 3.5": the unit precedes
            start = unit.start
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        out.append(Quantity(start, end, value, unit.text, doc.text[start:end]))
    return tuple(out)
