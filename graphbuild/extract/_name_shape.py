"""What a recognised name span may not contain: the cuts applied before it becomes a mention.

* A title-case headline capitalises common words: at the edges of a name in the headline, a
  word the article's body writes in lower case is not part of the name ("Mosul Fight" ->
  "Mosul"; "Discuss Next Moves" is no name at all).
* A person's name stops at a possessive: "Mr Brown's Budget" is Mr Brown's.
* A minister's portfolio is not an organisation: "Home Affairs" before "spokesman", "State
  for Culture" after "Secretary of" (words of :data:`PORTFOLIO_WORDS` only).
* A name that ends in an abbreviated title with no name after it ("a prospective Labour MP")
  is the title's organisation.
* Articles, punctuation, a possessive and a parenthesis are trimmed; from a person's name
  also a leading honorific or job title (:func:`trimmed`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from graphbuild.extract import lexicon as lx
from graphbuild.types import ParsedDoc

#: the words of a portfolio ("Home Affairs", "Culture, Media and Sport")
PORTFOLIO_WORDS = lx.TITLE_MODIFIERS | {"affairs", "sport", "culture", "media", "state", "for",
                                        "and", "of", "the", ","}


@lru_cache(maxsize=8)
def _lower_words(body: str) -> frozenset[str]:
    """The stems of the words the text writes in lower case."""
    return frozenset(_stem(w) for w in re.findall(r"\b[a-z][a-z'-]+\b", body))


def _in_title_case_headline(doc: ParsedDoc, s: int) -> bool:
    title = doc.article.title
    if not title or not doc.text.startswith(title) or doc.tokens[s].start >= len(title):
        return False
    words = [w for w in re.findall(r"[A-Za-z][\w'-]*", title) if len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def headline_cut(doc: ParsedDoc, s: int, e: int) -> tuple[int, int]:
    """The span without its edge words that the body writes in lower case (empty when all
    of them are), for a span in a title-case headline; else the span."""
    if not _in_title_case_headline(doc, s):
        return s, e
    body = doc.text[len(doc.article.title or ""):]
    lower = _lower_words(body)

    def common(i: int) -> bool:
        return _stem(doc.tokens[i].text.lower()) in lower and doc.tokens[i].text[:1].isupper()

    s0, e0 = s, e
    while s < e and common(s):
        s += 1
    while e > s and common(e - 1):
        e -= 1
    if (s, e) != (s0, e0) and s < e and \
            doc.text[doc.tokens[s].start:doc.tokens[e - 1].end] not in body:
        return s, s  # what is left of "Discuss Next Moves" is not named in the article
    return s, e


def _stem(word: str) -> str:
    """A crude stem, enough to match "Discuss" with "discussed" and "Moves" with "move"."""
    if word.endswith(("ss", "us", "is")):
        return word
    for suffix in ("ing", "ed", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[:-len(suffix)]
    return word


def possessive_cut(doc: ParsedDoc, s: int, e: int) -> int:
    """End of a span that starts with an honorific, cut before a possessive inside it."""
    if doc.tokens[s].text.lower().rstrip(".") not in lx.HONORIFICS:
        return e
    return next((i for i in range(s + 1, e - 1) if doc.tokens[i].tag == "POS"), e)


def _title_noun(word: str) -> bool:
    """A job title, singular or plural ("Secretaries")."""
    return word in lx.TITLE_NOUNS or (word.endswith("ies") and word[:-3] + "y" in lx.TITLE_NOUNS) \
        or (word.endswith("s") and word[:-1] in lx.TITLE_NOUNS)


def is_portfolio(doc: ParsedDoc, s: int, e: int) -> bool:
    """The span is a minister's portfolio or titles: portfolio words only, ending in a title
    ("Home and Defence Secretaries"), or with a title right after it ("Home Affairs
    spokesman") or "<title> of/for" right before it ("Secretary of State for Culture")."""
    toks = doc.tokens
    if not all(toks[i].text.lower() in PORTFOLIO_WORDS for i in range(s, e - 1)):
        return False
    if e - s > 1 and _title_noun(toks[e - 1].text.lower()):
        return True
    if toks[e - 1].text.lower() not in PORTFOLIO_WORDS:
        return False
    if e < len(toks) and toks[e].text.lower() in lx.TITLE_NOUNS:
        return True
    return s >= 2 and toks[s - 1].text.lower() in {"of", "for"} \
        and toks[s - 2].text.lower() in lx.TITLE_NOUNS


def leading_acronym(doc: ParsedDoc, s: int, e: int) -> int:
    """Start of a person's name of three words or more that begins with an acronym in
    capitals ("ISIL Brett McGurk" -> "Brett McGurk"), else ``s``."""
    first = doc.tokens[s].text
    if e - s >= 3 and len(first) > 1 and first.isalpha() and first.isupper() \
            and not doc.tokens[s + 1].text.isupper():
        return s + 1
    return s


def title_tail(doc: ParsedDoc, s: int, e: int) -> int:
    """End of the name before an abbreviated title that ends the span with no name after it
    ("Labour MP" -> "Labour"), else ``e``."""
    last = doc.tokens[e - 1].text
    after = doc.tokens[e] if e < len(doc.tokens) else None
    if e - s >= 2 and last.isupper() and len(last) <= 4 and last.lower() in lx.TITLE_NOUNS \
            and (after is None or after.pos != "PROPN"):
        return e - 1
    return e


#: articles dropped from the left of a name
TRIM_LEFT = {"the", "a", "an"}
#: titles that are part of a name ("King Abdullah")
ROYAL = {"king", "queen", "prince", "princess", "pope", "emperor", "empress", "sheikh"}


def trimmed(doc: ParsedDoc, s: int, e: int, label: str = "") -> tuple[int, int]:
    """Drop articles, punctuation, a possessive and a parenthesis ("Institute for Fiscal
    Studies (IFS"); from a person's name also a leading honorific or job title ("Mr", "Rabbi"),
    which the roles extractor reads as a title."""
    toks = doc.tokens
    for i in range(s + 1, e):
        if toks[i].text in "([":
            e = i
            break
    while s < e - 1 and (toks[s].text.lower() in TRIM_LEFT or toks[s].pos == "PUNCT"):
        s += 1
    while e > s + 1 and (toks[e - 1].tag == "POS" or toks[e - 1].pos == "PUNCT"):
        e -= 1
    if label == "PERSON":
        for i in range(s + 1, e):  # "Kamal Nath, Commerce and Industry": a name has no comma
            if toks[i].text == ",":
                e = i
                break
        while e - s > 1 and (toks[s].text.lower().rstrip(".") in lx.HONORIFICS
                             or toks[s].text.lower().rstrip(".") in lx.TITLE_ABBREVIATIONS or (
                toks[s].text.lower() in lx.TITLE_NOUNS and toks[s].text.lower() not in ROYAL)):
            s += 1
    return s, e
