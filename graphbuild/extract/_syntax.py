"""Small helpers over the plain dependency tree of a :class:`ParsedDoc`."""

from __future__ import annotations

from bisect import bisect_right

from graphbuild.types import ParsedDoc

_NP_LEFT = {"det", "amod", "compound", "nummod", "poss", "case", "nmod", "quantmod", "advmod",
            "predet", "punct", "npadvmod"}


_GLUE_POS = {"NOUN", "PROPN", "ADJ", "NUM"}


def glued(doc: ParsedDoc, heads: list[int]) -> list[int]:
    """``heads`` without the pieces of a hyphenated word the parser split into several
    heads ("co", "-", "operation" -> "operation")."""
    hs = set(heads)
    return [h for h in heads if not (h + 1 in hs and not doc.tokens[h].ws)]


def children(doc: ParsedDoc, i: int, *deps: str) -> list[int]:
    kids = doc.children[i]
    return [c for c in kids if doc.tokens[c].dep in deps] if deps else list(kids)


def conjuncts(doc: ParsedDoc, i: int) -> list[int]:
    """``i`` and the tokens coordinated with it ("Facebook and Twitter" -> both)."""
    out, stack = [], [i]
    while stack:
        j = stack.pop()
        out.append(j)
        stack.extend(children(doc, j, "conj"))
    return sorted(out)


def conj_root(doc: ParsedDoc, i: int) -> int:
    """The first conjunct of a coordination that ``i`` is part of."""
    while doc.tokens[i].dep == "conj" and doc.tokens[i].head != i:
        i = doc.tokens[i].head
    return i


def np_span(doc: ParsedDoc, i: int) -> tuple[int, int]:
    """Token span ``[start, end)`` of the noun phrase headed by ``i``: its left modifiers and
    itself (no relative clauses or prepositional phrases)."""
    start = i
    for c in sorted(doc.children[i]):
        if c < i and doc.tokens[c].dep in _NP_LEFT:
            sub = doc.subtree(c)
            start = min(start, sub[0])
            break
    while start < i and doc.tokens[start].pos == "PUNCT":
        start += 1
    # a hyphenated word split into tokens ("UK-France co-operation"): one phrase
    while start > 0 and not doc.tokens[start - 1].ws and (
            doc.tokens[start - 1].text == "-" or doc.tokens[start - 1].pos in _GLUE_POS):
        start -= 1
        if doc.tokens[start].text != "-":
            start = min(start, np_span(doc, start)[0])
    end = i + 1
    # keep a possessive "'s" or flat name continuation that follows the head
    for c in doc.children[i]:
        if c > i and doc.tokens[c].dep in {"case", "flat"}:
            end = max(end, c + 1)
    return start, end


def char_span(doc: ParsedDoc, tok_start: int, tok_end: int) -> tuple[int, int]:
    return doc.tokens[tok_start].start, doc.tokens[tok_end - 1].end


def token_index(doc: ParsedDoc) -> list[int]:
    return [t.start for t in doc.tokens]


def token_at(doc: ParsedDoc, starts: list[int], char: int) -> int:
    """Index of the token covering character ``char`` (or the last before it)."""
    return max(0, bisect_right(starts, char) - 1)


def verb_ancestor(doc: ParsedDoc, i: int, skip: range | None = None) -> int | None:
    """The nearest verb at or above ``i`` (tokens in ``skip`` are passed over)."""
    seen = set()
    j = i
    while j not in seen:
        seen.add(j)
        tok = doc.tokens[j]
        if tok.pos in {"VERB", "AUX"} and (skip is None or j not in skip) and tok.dep != "amod":
            return j
        if tok.head == j:
            return j if tok.pos in {"VERB", "AUX"} else None
        j = tok.head
    return None


def has_to_infinitive(doc: ParsedDoc, i: int) -> bool:
    """``to reconsider``: the verb has an infinitival ``to``."""
    return any(doc.tokens[c].dep == "aux" and doc.tokens[c].text.lower() == "to"
               for c in doc.children[i])
