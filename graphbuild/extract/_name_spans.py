"""Name-span rules for the mentions extractor: group names NER calls NORP, nationality
adjectives that are not names, and organisation names NER cut at "and"."""

from __future__ import annotations

from graphbuild.extract import _gazetteer_mentions as gz
from graphbuild.extract import lexicon as lx
from graphbuild.types import NerSpan, ParsedDoc


def norp_label(doc: ParsedDoc, ent: NerSpan) -> str | None:
    """A "nationality, religious or political group" name that is a group, not an adjective
    of nationality: a place NER mislabelled ("Aleppo") is a place; a capitalised proper noun
    that is no demonym ("Tories", "Liberal Democrats", "Tory", "Marines") is an organisation;
    "Iraqi", "British", "Syrians" stay out (guidelines: nationality adjectives are not
    mentions)."""
    last = doc.tokens[ent.token_end - 1]
    if gz.known_place(ent.text):
        return "GPE"
    low = last.text.lower()
    if last.tag not in {"NNP", "NNPS"} or not last.text[:1].isupper() \
            or low.endswith(("i", "is", "an", "ans", "ese", "ish", "ic", "ics", "ch")):
        return None
    group = last.tag == "NNPS" and last.dep in {"nsubj", "nsubjpass", "dobj", "pobj", "conj"}
    titled = last.dep == "compound" and doc.tokens[last.head].text.lower() in lx.TITLE_NOUNS
    return "ORG" if group or titled else None  # "the Tories said", "Tory leader"


_DEMONYM_ENDINGS = ("i", "an", "ese", "ish", "ic")


def demonym(doc: ParsedDoc, s: int, e: int) -> bool:
    """"Iraqi forces", "European officials": a one-word nationality adjective before its noun,
    not a name (guidelines: nationality adjectives are not mentions)."""
    if e - s != 1:
        return False
    tok = doc.tokens[s]
    low = tok.text.lower()
    modifies = tok.pos == "ADJ" or (tok.dep in {"amod", "compound"} and tok.head > s
                                    and doc.tokens[tok.head].pos in {"NOUN", "PROPN", "ADJ"})
    return low.endswith(_DEMONYM_ENDINGS) and tok.text[1:].islower() and modifies \
        and not gz.known_place(tok.text)


def extend_of_and(doc: ParsedDoc, s: int, e: int, label: str) -> int:
    """"Islamic State of Iraq" + "and the Levant": an organisation's "X of Y" name that the
    recogniser cut at "and" goes on over "and (the) Capitalised…" (a capitalised word the
    tagger read as an adjective or a noun too: "the Levant fighters")."""
    toks = doc.tokens
    if label != "ORG" or not any(toks[i].text == "of" for i in range(s, e)) \
            or e >= len(toks) or toks[e].text != "and":
        return e
    j = e + 1
    if j < len(toks) and toks[j].text.lower() == "the":
        j += 1
    k = j
    while k < len(toks) and toks[k].text[:1].isupper() and (toks[k].pos == "PROPN" or (
            toks[k].pos == "ADJ" and not demonym(doc, k, k + 1))):  # "the Levant" as ADJ
        k += 1
    if k - j > 1 and toks[k - 1].text.lower() in lx.NAME_HEADS:
        return e  # "... of Iraq and the Kurdistan Regional Government": a second name
    return k if k > j else e
