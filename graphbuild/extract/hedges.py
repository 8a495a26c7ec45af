"""Hedges: words by which the text marks a claim as doubtful ("allegedly", "so-called",
"under the pretext", "it is thought", unattributed "reports", "X claimed", scare quotes) or
second-hand ("according to", "was quoted as saying", "cited"), each tied to the token it
qualifies and marked ``doubt`` or ``attribution``."""

from __future__ import annotations

import re

from graphbuild.extract import lexicon as lx
from graphbuild.extract._quotemarks import scan, scare_quotes
from graphbuild.extract._syntax import token_at
from graphbuild.extract.quotes import MIN_WORDS
from graphbuild.registry import extractor
from graphbuild.types import Findings, Hedge, ParsedDoc

#: phrases, and hedge words the tokenizer splits ("self-styled" is three tokens)
_MULTI = (*lx.HEDGE_PHRASES, *(w for w in lx.HEDGE_WORDS if not w.isalpha()))
_PHRASES = re.compile(
    r"\b(?:" + "|".join(re.escape(p) for p in sorted(_MULTI, key=len, reverse=True))
    + r")\b", re.IGNORECASE)
_DOUBT = re.compile(r"\b(?:" + "|".join(lx.HEDGE_PATTERNS) + r")\b", re.IGNORECASE)
_ATTRIBUTION = re.compile(r"\b(?:" + "|".join(lx.ATTRIBUTION_PATTERNS) + r")\b",
                          re.IGNORECASE)
_PINNING_DETS = {"the", "these", "those", "this", "that", "his", "her", "its", "their", "our",
                 "my", "your"}
_CREDIT = {"responsibility", "credit"}


def _unattributed_noun(doc: ParsedDoc, i: int) -> bool:
    """"reports that…", "amid speculation", "denied suggestions": no determiner, possessor,
    name or "by/from" source pins the reports down."""
    for c in doc.children[i]:
        t = doc.tokens[c]
        if t.dep == "poss" or (t.dep == "det" and t.text.lower() in _PINNING_DETS) \
                or (t.dep == "compound" and t.pos == "PROPN") \
                or (t.dep == "prep" and t.text.lower() in {"by", "from"}):
            return False
    return True


def _doubting_verb(doc: ParsedDoc, i: int) -> bool:
    """"X claimed (that)…", "firms speculate that…"; not "claimed responsibility"."""
    kids = [doc.tokens[c] for c in doc.children[i]]
    if any(k.dep == "nsubjpass" for k in kids):
        return False
    return not any(k.dep == "dobj" and k.lemma.lower() in _CREDIT for k in kids)


def _attach(doc: ParsedDoc, first: int, last: int) -> int:
    """The token outside the hedge's own tokens that the hedge hangs from."""
    inside = range(first, last + 1)
    j = first
    for i in inside:
        if doc.tokens[i].head not in inside or doc.tokens[i].head == i:
            j = i
            break
    head = doc.tokens[j].head
    if head not in inside:
        return head
    # a clausal hedge ("it is alleged that ...", "claims that ..."): the clause it governs
    for c in doc.children[j]:
        if c not in inside and doc.tokens[c].dep == "ccomp":
            return c
    return j


def _short_double_quotes(doc: ParsedDoc) -> list[tuple[int, int]]:
    """Words in double quotation marks too short to be a quotation (the "experts"): spans
    including the marks. A short utterance ("Never," she said) ends in punctuation: not one."""
    out = []
    for q in scan(doc.text, doc.paragraphs):
        inner = q.text(doc.text)
        if not q.closed or len(q.parts) > 1 or len(inner.split()) >= MIN_WORDS \
                or inner[-1:] in ".,;:!?\u2026":
            continue
        s, e = q.start, q.end
        while s > 0 and doc.text[s - 1].isspace():
            s -= 1
        while e < len(doc.text) and doc.text[e].isspace():
            e += 1
        out.append((s - 1, e + 1))
    return out


@extractor("hedges", provides="hedges")
def extract_hedges(doc: ParsedDoc, found: Findings) -> tuple[Hedge, ...]:
    starts = [t.start for t in doc.tokens]
    out: dict[tuple[int, int], Hedge] = {}
    for m in _PHRASES.finditer(doc.text):
        first, last = token_at(doc, starts, m.start()), token_at(doc, starts, m.end() - 1)
        out[(m.start(), m.end())] = Hedge(m.start(), m.end(), m.group(0).lower(),
                                          _attach(doc, first, last))
    for kind, rx in (("attribution", _ATTRIBUTION), ("doubt", _DOUBT)):
        for m in rx.finditer(doc.text):
            if any(s < m.end() and m.start() < e for s, e in out):
                continue
            first, last = token_at(doc, starts, m.start()), token_at(doc, starts, m.end() - 1)
            out[(m.start(), m.end())] = Hedge(m.start(), m.end(), m.group(0).lower(),
                                              _attach(doc, first, last), kind)
    taken = [range(s, e) for s, e in out]
    for tok in doc.tokens:
        low, lemma = tok.text.lower(), tok.lemma.lower()
        if any(tok.start in r for r in taken):
            continue
        if low in lx.HEDGE_WORDS or (
                tok.pos == "NOUN" and lemma in lx.HEDGE_NOUNS and _unattributed_noun(doc, tok.i)
        ) or (tok.pos == "VERB" and lemma in lx.HEDGE_VERBS and _doubting_verb(doc, tok.i)):
            out[(tok.start, tok.end)] = Hedge(tok.start, tok.end, low, _attach(doc, tok.i, tok.i))
    for s, e in scare_quotes(doc.text) + _short_double_quotes(doc):
        first, last = token_at(doc, starts, s), token_at(doc, starts, e - 1)
        out[(s, e)] = Hedge(s, e, doc.text[s:e], _attach(doc, first, last))
    return tuple(out[k] for k in sorted(out))
