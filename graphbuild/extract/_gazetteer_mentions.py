"""Mention rules that use the gazetteer (general knowledge of places and acronyms).

* A name span that starts with a known place followed by an agency acronym or a title and a
  person's name is two names: "Moscow ITAR-TASS", "Beijing XINHUA Domestic Service", "Texas
  Gov. John Connally".
* A well-known acronym NER missed ("AFP", "XINHUA") is an organisation mention.
* A name NER read as an organisation that the gazetteer knows as a country, state or city
  gets a vote for a place ("Oxford", "Crimea", "ADDIS ABABA").
"""

from __future__ import annotations

from graphbuild.extract import lexicon as lx
from graphbuild.resolve import gazetteer
from graphbuild.types import ParsedDoc

PLACE_VOTE = 1.5  # beats a lone NER "ORG" (1.0), loses to an apposition or name-head cue (3.0)


def _is_agency_token(text: str) -> bool:
    core = text.replace("-", "").replace(".", "")
    return len(core) >= 2 and core.isupper() and core.isalpha()


def _is_title_token(text: str) -> bool:
    low = text.lower().rstrip(".")
    return text[:1].isupper() and (low in lx.TITLE_ABBREVIATIONS or low in lx.TITLE_NOUNS
                                   or low in lx.HONORIFICS)


def split_leading_place(doc: ParsedDoc, s: int, e: int) -> list[tuple[int, int, str | None]]:
    """``[(start, end, forced label or None)]``: the span, or a leading place and the rest."""
    toks = doc.tokens
    if gazetteer.lookup_place(doc.text[toks[s].start:toks[e - 1].end]) is not None:
        return [(s, e, None)]  # "MEXICO CITY" is one place
    for k in range(min(e - 1, s + 3), s, -1):  # longest place prefix first, leaving a rest
        name = doc.text[toks[s].start:toks[k - 1].end]
        hit = gazetteer.lookup_place(name)
        if hit is None or hit.schema_type not in {"Country", "State", "City"}:
            continue
        rest = toks[k].text
        if _is_agency_token(rest):
            return [(s, k, "GPE"), (k, e, "ORG")]
        if _is_title_token(rest):
            return [(s, k, "GPE"), (k, e, "PERSON")]
        return [(s, e, None)]
    return [(s, e, None)]


def _word(doc: ParsedDoc, i: int) -> str:
    return doc.tokens[i].text.lower().rstrip(".")


def _title_word(doc: ParsedDoc, i: int) -> bool:
    return doc.tokens[i].text[:1].isupper() and (
        _word(doc, i) in lx.TITLE_NOUNS or _word(doc, i) in lx.TITLE_ABBREVIATIONS) \
        and _word(doc, i) not in {"king", "queen", "prince", "princess", "pope"}


def _title_part(doc: ParsedDoc, s: int, e: int) -> bool:
    """Tokens [s, e) are all words of a title ("Commerce and Industry", "State")."""
    return all(_word(doc, i) in lx.TITLE_MODIFIERS or _word(doc, i) in lx.TITLE_NOUNS
               or _word(doc, i) in {"and", "of", "&", "-"} for i in range(s, e))


def is_title_span(doc: ParsedDoc, s: int, e: int) -> bool:
    """Tokens [s, e) are title words ending in a title ("Industry Minister", "Commerce")
    or modifiers of one that follows."""
    if not _title_part(doc, s, e):
        return False
    after = range(e, min(e + 4, len(doc.tokens)))
    return _title_word(doc, e - 1) or any(_title_word(doc, i) for i in after)


def split_title(doc: ParsedDoc, s: int, e: int) -> list[tuple[int, int, str | None]]:
    """A name span that swallowed a title is split: the person's name after the title, and
    before it a place or organisation when it is one ("Commerce and Industry Minister Kamal
    Nath" -> "Kamal Nath"; "Labour MP Stephen Pound" -> "Labour", "Stephen Pound"), or after
    "<title> of/for" a place or title words ("Minister for the Middle East Tobias Ellwood",
    "Secretary of State Antony Blinken")."""
    toks = doc.tokens
    propn = [toks[i].pos == "PROPN" or toks[i].text == "." for i in range(s, e)]
    nxt = e + 1 if e < len(toks) and toks[e].text == "." else e
    if _title_word(doc, e - 1) and nxt < len(toks) and toks[nxt].pos == "PROPN":
        # "Navy Capt" before "Jeff Davis": a title (and what precedes it), not a name
        k = e - 1
        while k > s and (_title_word(doc, k - 1) or _word(doc, k - 1) in lx.TITLE_MODIFIERS):
            k -= 1
        if k > s and not _title_part(doc, s, k):
            place = gazetteer.lookup_place(doc.text[toks[s].start:toks[k - 1].end])
            return [(s, k, "GPE" if place is not None else "ORG")]
        return []
    for j in range(e - 2, s - 1, -1):  # the last title word with only proper nouns after it
        if _title_word(doc, j) and all(propn[j + 1 - s:]):
            k = j
            while k > s and (_title_word(doc, k - 1) or _word(doc, k - 1) in lx.TITLE_MODIFIERS):
                k -= 1
            out: list[tuple[int, int, str | None]] = []
            if k > s and not _title_part(doc, s, k):
                place = gazetteer.lookup_place(doc.text[toks[s].start:toks[k - 1].end])
                out.append((s, k, "GPE" if place is not None else "ORG"))
            return [*out, (j + 1, e, "PERSON")]
    if _word(doc, s) == "the" and e - s > 1:
        s += 1
        propn = propn[1:]
    p = s - 1
    if p >= 0 and _word(doc, p) == "the":
        p -= 1
    if p >= 1 and _word(doc, p) in {"of", "for", "to"} and _title_word(doc, p - 1) and e - s >= 3:
        if all(propn[1:]) and (gazetteer.lookup_acronym(toks[s].text)
                               or gazetteer.lookup_org_name(toks[s].text)):
            return [(s, s + 1, "ORG"), (s + 1, e, "PERSON")]  # "to the UN Vasily Nebenzya"
        for k in range(e - 2, s, -1):  # the longest head that is a place or title words
            head = doc.text[toks[s].start:toks[k - 1].end]
            if all(propn[k - s:]) and (_title_part(doc, s, k) or known_place(head)):
                return ([] if _title_part(doc, s, k) else [(s, k, "GPE")]) + \
                    [(k, e, "PERSON")]
        if e - s >= 4 and all(propn):  # "Minister for the Middle East Tobias Ellwood": the
            return [(s, e - 2, "LOC"), (e - 2, e, "PERSON")]  # name is its last two words
    return [(s, e, None)]


def place_votes(name: str, label: str) -> list[tuple[str, float, str]]:
    """A place vote for a name NER called an organisation when the gazetteer knows it as a
    place (and not as an organisation's acronym)."""
    if label != "ORG" or gazetteer.lookup_acronym(name) or gazetteer.lookup_org_name(name):
        return []
    if name.isupper() and " " not in name and len(name) <= 4:
        return []  # "ICO", "BTA": acronyms, not the towns that share the letters
    hit = gazetteer.lookup_place(name)
    if hit is None or hit.schema_type not in {"Country", "State", "City", "Continent"}:
        return []
    return [("GPE", PLACE_VOTE, f"gazetteer {hit.schema_type}")]


def major_place(name: str) -> bool:
    """Whether the gazetteer knows ``name`` as a country, a state or a city of a million
    people (a small town's name is as often a word or a surname: "Green")."""
    hit = gazetteer.lookup_place(name)
    return hit is not None and (hit.schema_type in {"Country", "State"} or (
        hit.schema_type == "City" and hit.population >= 1_000_000))


def acronym_org(name: str) -> bool:
    """Whether the gazetteer knows ``name`` as an organisation's acronym ("UN", "NATO")."""
    hit = gazetteer.lookup_acronym(name)
    return hit is not None and hit.kind == "organization"


def known_place(name: str) -> bool:
    """Whether the gazetteer knows ``name`` as a place."""
    return gazetteer.lookup_place(name) is not None


def acronym_spans(doc: ParsedDoc, covered: set[int]) -> list[tuple[int, int, str]]:
    """(start, end, schema type) of known acronyms NER did not cover."""
    out = []
    for tok in doc.tokens:
        if tok.i in covered or not _is_agency_token(tok.text):
            continue
        hit = gazetteer.lookup_acronym(tok.text)
        if hit is not None and hit.kind == "organization":
            out.append((tok.i, tok.i + 1, hit.schema_type))
    return out
