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
