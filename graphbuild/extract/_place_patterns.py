"""Where things are, as news writes it: two patterns that state a place outright.

* "Croydon, south London", "Istanbul, Turkey", "West Ham, east London": a place with another
  place in apposition (only a comma and a compass word between) is located in it, unless the
  gazetteer puts the first in another country than the second one names.
* "Mr Abbasi, 23, from Croydon": a person "from" a place (a preposition on the person's own
  name) lives there.

These are read from the parse, not weighed by the CoNLL04 classifier, whose news precision
on home and location pairs is low (:data:`graphbuild.calibration.ASSERT_MIN_RELATION`).
"""

from __future__ import annotations

from graphbuild.extract import lexicon as lx
from graphbuild.extract._relfeatures import LOC, PER, Arg, head_token
from graphbuild.resolve import gazetteer
from graphbuild.types import ParsedDoc

NAME = "relations.pattern"
#: a rule's fixed score, as for the relations a title states
CONFIDENCE = 0.85


def _between_is_glue(doc: ParsedDoc, a: Arg, b: Arg) -> bool:
    words = [doc.tokens[i].text.lower() for i in range(a.token_end, b.token_start)]
    return words[:1] == [","] and all(w in lx.COMPASS for w in words[1:])


def contradicts(doc: ParsedDoc, inner: Arg, outer: Arg) -> bool:
    """The gazetteer puts ``inner`` in a country other than the one ``outer`` names."""
    def text(a: Arg) -> str:
        return doc.text[doc.tokens[a.token_start].start:doc.tokens[a.token_end - 1].end]

    x, y = gazetteer.lookup_place(text(inner)), gazetteer.lookup_place(text(outer))
    if x is None or y is None:
        return False
    if x.schema_type == "Country":
        return True  # a country is not inside another place named beside it
    return y.schema_type == "Country" and x.country != y.country


def located_pairs(doc: ParsedDoc, args: list[Arg]) -> list[tuple[int, int]]:
    """(inner, outer) indexes of places in apposition ("Boise, Idaho")."""
    out = []
    for i, a in enumerate(args):
        for j, b in enumerate(args):
            if a.kind != LOC or b.kind != LOC or b.token_start <= a.token_start:
                continue
            hb = head_token(doc, b)
            if doc.tokens[hb].dep == "appos" and doc.tokens[hb].head == head_token(doc, a) \
                    and _between_is_glue(doc, a, b) and not contradicts(doc, a, b):
                out.append((i, j))
    return out


def home_pairs(doc: ParsedDoc, args: list[Arg]) -> list[tuple[int, int]]:
    """(person, place) indexes where the place follows "from" on the person's name."""
    heads = {head_token(doc, a): n for n, a in enumerate(args)}
    out = []
    for n, a in enumerate(args):
        if a.kind != PER:
            continue
        for c in doc.children[head_token(doc, a)]:
            if doc.tokens[c].dep != "prep" or doc.tokens[c].text.lower() != "from":
                continue
            for obj in doc.children[c]:
                m = heads.get(obj)
                if doc.tokens[obj].dep == "pobj" and m is not None and args[m].kind == LOC:
                    out.append((n, m))
    return out
