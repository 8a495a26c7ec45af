"""Features of a candidate typed relation, shared by training and inference.

A candidate is an ordered pair of entity mentions of one sentence whose kinds fit a relation's
signature (:data:`SIGNATURES`). Its features are binary strings read from graphbuild's own
:class:`~graphbuild.types.ParsedDoc`: the dependency path between the two mentions' syntactic
heads (labels, lemmas, prepositions), the words between them and around them, their distance
and order, the kinds of the mentions in between, the heads' governors, the words of the
mentions, which of them is the nearest of its kind, a few word classes (job titles, killing
and residence words…) and, for places, their class and country in the shipped gazetteer
("Boise" a City in US, "Idaho" a State in US). Nothing here depends on spaCy: the same function
runs in ``scripts/train_relations.py`` (gold entity spans) and in
:mod:`graphbuild.extract.typed_relations` (predicted mentions).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from graphbuild.extract.lexicon import TITLE_NOUNS
from graphbuild.resolve.gazetteer import lookup_place
from graphbuild.types import ParsedDoc

PER, ORG, LOC = "PER", "ORG", "LOC"

#: relation -> (head kind, tail kind)
SIGNATURES: dict[str, tuple[str, str]] = {
    "Work_For": (PER, ORG),
    "Kill": (PER, PER),
    "OrgBased_In": (ORG, LOC),
    "Live_In": (PER, LOC),
    "Located_In": (LOC, LOC),
}
RELATIONS = tuple(SIGNATURES)

#: small word classes (general knowledge) that generalise beyond the lemmas seen in training
WORD_CLASSES: dict[str, frozenset[str]] = {
    "title": TITLE_NOUNS | {"employee", "worker", "staff", "aide", "chairman", "spokesman",
                            "head", "chief", "official", "scientist", "engineer", "astronaut",
                            "pilot", "player", "student", "teacher", "candidate", "nominee"},
    "work": frozenset({"work", "employ", "hire", "join", "serve", "lead", "head", "run", "chair",
                       "represent", "resign", "retire", "appoint", "name", "elect", "fire",
                       "quit", "manage", "direct", "found", "command"}),
    "kill": frozenset({"kill", "murder", "assassinate", "assassination", "assassin", "shoot",
                       "slay", "slaying", "stab", "strangle", "execute", "killer", "murderer",
                       "gunman", "death", "die", "slain", "convict", "accuse", "charge",
                       "sentence", "trial", "gun", "bomb", "poison", "behead", "beat"}),
    "live": frozenset({"live", "bear", "born", "native", "resident", "reside", "home", "grow",
                       "hometown", "citizen", "move", "settle", "raise", "return"}),
    "base": frozenset({"base", "headquarter", "headquarters", "office", "locate", "plant",
                       "branch", "bureau", "factory", "campus", "station"}),
    "place": frozenset({"capital", "city", "town", "village", "state", "county", "province",
                        "region", "district", "suburb", "near", "outside", "north", "south",
                        "east", "west", "northern", "southern", "eastern", "western",
                        "central", "border", "area", "island"}),
}
_LEMMA_CLASS: dict[str, tuple[str, ...]] = {}
for _cls, _words in WORD_CLASSES.items():
    for _w in _words:
        _LEMMA_CLASS[_w] = (*_LEMMA_CLASS.get(_w, ()), _cls)

_PREPLIKE = {"prep", "agent", "case", "dative"}


@dataclass(frozen=True, slots=True)
class Arg:
    """An entity mention as a relation argument: its token span (end exclusive) and kind."""

    token_start: int
    token_end: int
    kind: str  # PER | ORG | LOC


def candidates(args: list[Arg]) -> list[tuple[str, int, int]]:
    """(relation, head index, tail index) for every ordered pair of ``args`` whose kinds fit
    a relation's signature; overlapping spans are not paired."""
    out = []
    for rel, (hk, tk) in SIGNATURES.items():
        for h, a in enumerate(args):
            if a.kind != hk:
                continue
            for t, b in enumerate(args):
                if t != h and b.kind == tk and (a.token_end <= b.token_start
                                                or b.token_end <= a.token_start):
                    out.append((rel, h, t))
    return out


def head_token(doc: ParsedDoc, a: Arg) -> int:
    """The syntactic head of a mention: its last token whose head lies outside the span."""
    best = a.token_end - 1
    for i in range(a.token_start, a.token_end):
        h = doc.tokens[i].head
        if h == i or not a.token_start <= h < a.token_end:
            best = i
    return best


def _ancestors(doc: ParsedDoc, i: int) -> list[int]:
    chain, seen = [i], {i}
    while doc.tokens[chain[-1]].head not in seen:
        nxt = doc.tokens[chain[-1]].head
        chain.append(nxt)
        seen.add(nxt)
    return chain


def _lemma(doc: ParsedDoc, i: int) -> str:
    tok = doc.tokens[i]
    return (tok.lemma or tok.text).lower()


def _label(doc: ParsedDoc, i: int) -> str:
    """A path step: the dependency label, with the word for prepositions and markers."""
    tok = doc.tokens[i]
    return f"{tok.dep}:{tok.text.lower()}" if tok.dep in _PREPLIKE else tok.dep


def path_features(doc: ParsedDoc, x: int, y: int) -> list[str]:
    """Features of the dependency path from token ``x`` up to the lowest common ancestor and
    down to token ``y``."""
    up, down = _ancestors(doc, x), _ancestors(doc, y)
    common = set(down)
    lca_pos = next((n for n, i in enumerate(up) if i in common), None)
    if lca_pos is None:  # different trees (a sentence split inside the pair)
        return ["path=none"]
    lca = up[lca_pos]
    up_part = up[:lca_pos]
    down_part = list(reversed(down[:down.index(lca)]))
    ups = [_label(doc, i) for i in up_part]
    downs = [_label(doc, i) for i in down_part]
    lca_lemma = _lemma(doc, lca)
    lca_tag = doc.tokens[lca].pos
    unlex = "^".join(ups) + f"|{lca_tag}|" + "v".join(downs)
    feats = [f"path={unlex}", f"pathx={'^'.join(ups)}|{lca_lemma}|{'v'.join(downs)}",
             f"plen={min(len(up_part) + len(down_part), 6)}", f"lca={lca_lemma}",
             f"lcapos={lca_tag}"]
    if lca == x:
        feats.append("head_dominates")
    elif lca == y:
        feats.append("tail_dominates")
    inner = [i for i in up_part[1:] + [lca] + down_part[:-1] if i not in (x, y)]
    for i in inner:
        lem = _lemma(doc, i)
        feats.append(f"pw={lem}")
        feats.extend(f"pcls={c}" for c in _LEMMA_CLASS.get(lem, ()))
    if ups:
        feats.append(f"pup1={ups[0]}")
    if downs:
        feats.append(f"pdown1={downs[-1]}")
    return feats


def features(doc: ParsedDoc, args: list[Arg], h: int, t: int) -> list[str]:
    """The binary features of the candidate ``args[h] -> args[t]``."""
    a, b = args[h], args[t]
    first, second = (a, b) if a.token_start < b.token_start else (b, a)
    order = "ht" if first is a else "th"
    between = range(first.token_end, second.token_start)
    lemmas = [_lemma(doc, i) for i in between]
    n = len(lemmas)
    feats = [f"order={order}", f"dist={_bucket(n)}|{order}"]
    feats += [f"bw={w}" for w in set(lemmas)]
    feats += [f"bwo={w}|{order}" for w in set(lemmas)]
    feats += [f"bwcls={c}" for w in set(lemmas) for c in _LEMMA_CLASS.get(w, ())]
    if n <= 4:
        feats.append(f"bwseq={' '.join(lemmas)}|{order}")
    if n:
        feats += [f"bw1={lemmas[0]}|{order}", f"bwL={lemmas[-1]}|{order}"]
    feats += [f"bwverb={_lemma(doc, i)}" for i in between if doc.tokens[i].pos == "VERB"]
    if any(doc.tokens[i].pos in {"VERB", "AUX"} for i in between):
        feats.append("verb_between")
    pre = first.token_start - 1
    post = second.token_end
    sent = doc.sentence_of(a.token_start)
    feats.append(f"pre1={_lemma(doc, pre) if pre >= sent.token_start else '<s>'}|{order}")
    feats.append(f"post1={_lemma(doc, post) if post < sent.token_end else '</s>'}|{order}")
    mid = [c for c in args if first.token_end <= c.token_start and c.token_end
           <= second.token_start]
    feats.append(f"mid_n={min(len(mid), 3)}")
    feats += [f"mid_kind={k}" for k in sorted({c.kind for c in mid})]
    hx, tx = head_token(doc, a), head_token(doc, b)
    feats += path_features(doc, hx, tx)
    for side, i in (("h", hx), ("t", tx)):
        tok = doc.tokens[i]
        gov = tok.head
        feats.append(f"{side}dep={tok.dep}")
        feats.append(f"{side}gov={tok.dep}:{_lemma(doc, gov) if gov != i else '<root>'}")
        feats += [f"{side}govcls={c}" for c in _LEMMA_CLASS.get(_lemma(doc, gov), ())]
    feats += _nearest(args, h, t)
    feats += [f"hin={_lemma(doc, i)}" for i in range(a.token_start, a.token_end - 1)]
    feats += [f"tin={_lemma(doc, i)}" for i in range(b.token_start, b.token_end - 1)]
    # the words of the mentions themselves
    feats.append(f"hword={_lemma(doc, a.token_end - 1)}")
    feats.append(f"tword={_lemma(doc, b.token_end - 1)}")
    if a.token_start > sent.token_start and _lemma(doc, a.token_start - 1) in TITLE_NOUNS:
        feats.append("h_title_before")
    feats += place_features(doc, a, b)
    return feats


@lru_cache(maxsize=4096)
def _place(text: str) -> tuple[str, str]:
    """(schema type, country code) of a place name in the shipped gazetteer, or ("", "")."""
    entry = lookup_place(text.split(",")[0].strip())
    return (entry.schema_type, entry.country or "") if entry else ("", "")


def place_features(doc: ParsedDoc, a: Arg, b: Arg) -> list[str]:
    """Gazetteer knowledge about place arguments: their class (Country, State, City) and
    whether two places lie in the same country."""
    types = [_place(doc.text[doc.tokens[x.token_start].start:doc.tokens[x.token_end - 1].end])
             if x.kind == LOC else ("", "") for x in (a, b)]
    feats = [f"{side}place={t[0] or 'unknown'}" for side, t, x in
             zip("ht", types, (a, b), strict=True) if x.kind == LOC]
    if a.kind == LOC and b.kind == LOC:
        feats.append(f"places={types[0][0] or 'unknown'}>{types[1][0] or 'unknown'}")
        if types[0][1] and types[1][1]:
            feats.append("same_country" if types[0][1] == types[1][1] else "other_country")
    return feats


def _nearest(args: list[Arg], h: int, t: int) -> list[str]:
    """Whether the tail is the head's nearest argument of its kind (and the other way)."""
    def gap(x: Arg, y: Arg) -> int:
        return max(y.token_start - x.token_end, x.token_start - y.token_end)

    a, b = args[h], args[t]
    feats = []
    if all(gap(a, b) <= gap(a, c) for n, c in enumerate(args) if n not in (h, t)
           and c.kind == b.kind):
        feats.append("nearest_tail")
    if all(gap(a, b) <= gap(c, b) for n, c in enumerate(args) if n not in (h, t)
           and c.kind == a.kind):
        feats.append("nearest_head")
    return feats


def _bucket(n: int) -> str:
    return str(n) if n < 5 else "5-9" if n < 10 else "10+"
