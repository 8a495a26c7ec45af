"""Type votes: what the words around a name say about what it names.

A mention collects votes (label, weight, reason) rather than a type; coreference tallies them
over every mention of an entity. The votes here come from the name's own head word ("...
Ministry", "University of ..."), honorifics and job titles before it, the common noun it is in
apposition to ("social networks Facebook"), a title it is the organisation of ("Yukos
spokesman Mike Lake"), a preposition of place ("near Palmyra"), being the subject of a verb of
saying, and the dateline.
"""

from __future__ import annotations

from graphbuild.extract import _gazetteer_mentions as gz
from graphbuild.extract import lexicon as lx
from graphbuild.extract._syntax import children
from graphbuild.types import Dateline, ParsedDoc

#: weight of a place vote after a preposition of place
SPATIAL_VOTE = 1.0


def context_votes(doc: ParsedDoc, s: int, e: int) -> list[tuple[str, float, str]]:
    """Type evidence from the words around the name ``doc.tokens[s:e]``."""
    toks = doc.tokens
    head = e - 1
    for i in range(s, e):  # the syntactic head of the span is the token whose head is outside
        if not s <= toks[i].head < e or toks[i].head == i:
            head = i
            break
    votes: list[tuple[str, float, str]] = []
    # the name's head word: the word before "of" ("Department of Energy", "University of
    # Leeds"), else its last word ("... Ministry", "... Inc")
    last = toks[e - 1].text.lower()
    of_head = next((toks[i - 1].text.lower() for i in range(s + 1, e - 1)
                    if toks[i].text.lower() == "of" and toks[i - 1].text[:1].isupper()), None)
    if of_head in lx.NAME_HEADS:
        votes.append((f"ORG/{lx.NAME_HEADS[of_head]}", 3.0, f"name headed by {of_head!r}"))
    elif last in lx.NAME_HEADS and (e - s > 1 or lx.NAME_HEADS[last] == "GovernmentOrganization"
                                    and toks[e - 1].text[:1].isupper()):
        votes.append((f"ORG/{lx.NAME_HEADS[last]}", 3.0, f"name ends in {last!r}"))
    words = [toks[i].text.lower() for i in range(s, e)]
    while len(words) > 1 and words[-1] in lx.COMPASS:
        words.pop()
    if len(words) > 1 and words[-1] in lx.PLACE_HEADS and of_head is None:
        votes.append(("LOC", 3.0, f"name ends in {words[-1]!r}"))
    # words before the name: honorifics, titles, org nouns ("social networks Facebook")
    nouns = []
    if s > 0:
        prev = toks[s - 1]
        if prev.text.lower().rstrip(".") in lx.HONORIFICS:
            votes.append(("PERSON", 3.0, "honorific"))
        nouns.append(prev)
    # apposition / compound links to a common noun (either direction); coordinated names share
    # the apposition of their first conjunct
    first = head
    while toks[first].dep == "conj" and toks[first].head != first:
        first = toks[first].head
    if toks[first].dep == "appos" and toks[first].head != first:
        nouns.append(toks[toks[first].head])
    if first != head:  # "Dexter and Sheila, the social networks": a plural apposition
        nouns += [toks[c] for c in children(doc, first, "appos") if toks[c].tag == "NNS"]
    for c in children(doc, head, "appos", "compound", "nmod", "amod"):
        if not s <= c < e:
            nouns.append(toks[c])
    # "director Navy Capt. Jeff Davis": a title right after the name means the titles
    # before it belong to the next name, and this one is its organisation
    titled_after = e < len(toks) and (toks[e].text.lower().rstrip(".") in lx.TITLE_ABBREVIATIONS
                                      or toks[e].text.lower() in lx.TITLE_NOUNS)
    # "secretary of the Centre of Indian Trade Unions (CITU)": a name in brackets after
    # another is its short form, and the title it hangs on is not its own
    acronym = s > 0 and toks[s - 1].text == "(" and s > 1 and toks[s - 2].pos == "PROPN"
    for tok in nouns:
        if tok.pos != "NOUN":
            continue
        lemma = tok.lemma.lower()
        if lemma in lx.TITLE_NOUNS and (titled_after or acronym):
            continue
        if lemma in lx.TITLE_NOUNS:
            votes.append(("PERSON", 4.0, f"title {lemma!r}"))
        elif lemma in lx.ORG_NOUNS:
            votes.append((f"ORG/{lx.ORG_NOUNS[lemma]}", 4.0, f"apposition {lemma!r}"))
    votes += organisation_of_title(doc, s, e)
    votes += _spatial_votes(doc, s, e, head)
    # subject of a verb of saying: people and organisations speak, places rarely do
    if toks[head].dep == "nsubj":
        verb = toks[toks[head].head]
        if verb.lemma.lower() in lx.SPEECH_VERBS:
            votes.append(("PERSON", 0.75, f"subject of {verb.lemma!r}"))
            if e - s == 1 and _calls_itself_it(doc, verb.i):
                votes.append(("ORG", 3.5, f"{verb.lemma!r} that it/its …"))
    return votes


#: prepositions of place: what follows them is somewhere ("near Palmyra", "throughout Al
#: Anbar"); "in" also governs organisations ("a stake in Yukos"), so it votes only for names
#: the gazetteer knows as places
SPATIAL_PREPS = frozenset({"near", "throughout", "across", "outside", "inside", "around",
                           "within", "towards", "toward", "into"})


def _spatial_votes(doc: ParsedDoc, s: int, e: int, head: int) -> list[tuple[str, float, str]]:
    """A place vote for a name after a preposition of place ("near Palmyra")."""
    tok = doc.tokens[head]
    if tok.dep != "pobj" or tok.head == head:
        return []
    prep = doc.tokens[tok.head].text.lower()
    if prep in SPATIAL_PREPS or (prep == "in" and gz.known_place(
            doc.text[doc.tokens[s].start:doc.tokens[e - 1].end])):
        return [("GPE", SPATIAL_VOTE, f"after {prep!r}")]
    return []


def is_title(word: str) -> bool:
    return word in lx.TITLE_NOUNS or word in lx.TITLE_ABBREVIATIONS


def organisation_of_title(doc: ParsedDoc, s: int, e: int) -> list[tuple[str, float, str]]:
    """A name just before a job title and a person's name ("Yukos spokesman Mike Lake",
    "Labour backbencher Stephen Pound", "CBI chief economist Ian McCafferty"), or before
    "party", names the organisation the title belongs to: an organisation, unless the
    gazetteer knows it as a place ("US president", "Idaho Gov.")."""
    toks = doc.tokens
    if e >= len(toks) or gz.known_place(doc.text[toks[s].start:toks[e - 1].end]):
        return []
    if toks[e].text.lower() == "party":
        return [("ORG/PoliticalParty", 3.0, "name before 'party'")]
    j, titles = e, 0
    while j < len(toks) and (toks[j].text.lower().rstrip(".") in lx.TITLE_MODIFIERS
                             or is_title(toks[j].text.lower().rstrip("."))):
        titles += is_title(toks[j].text.lower().rstrip("."))
        j += 1
    if j < len(toks) and toks[j].text == ".":
        j += 1
    if titles and j < len(toks) and toks[j].pos == "PROPN" and toks[j].text[:1].isupper():
        return [("ORG", 3.0, "names the organisation of the title after it")]
    return []


#: verbs whose subject "it" is usually a dummy ("it was", "it seems", "it takes time")
_DUMMY_IT_VERBS = {"be", "seem", "appear", "take", "make", "mean", "matter", "rain",
                   "remain", "look", "sound", "feel", "happen", "cost", "become", "get"}


def _calls_itself_it(doc: ParsedDoc, verb: int) -> bool:
    """Whether the clause a speaker reports has "it" doing something to something ("Twitter
    said it had suspended hundreds of accounts") or "its" ("... said its revenue rose"):
    a speaker that calls itself "it" is an organisation, not a one-word person name."""
    toks = doc.tokens
    for clause in children(doc, verb, "ccomp"):
        for subj in children(doc, clause, "nsubj"):
            word = toks[subj].text.lower()
            if word == "it" and toks[clause].lemma.lower() not in _DUMMY_IT_VERBS \
                    and children(doc, clause, "dobj"):
                return True
            if any(toks[c].text.lower() == "its" for c in children(doc, subj, "poss")):
                return True
    return False


def unknown_place_speaks(doc: ParsedDoc, s: int, e: int, label: str, name: str
                          ) -> list[tuple[str, float, str]]:
    """A one-word "place" the gazetteer does not know that says something ("Petrova said")
    is most likely a surname: places that speak are countries and cities, which it knows."""
    if label not in {"GPE", "LOC"} or e - s != 1 or gz.known_place(name):
        return []
    tok = doc.tokens[s]
    if tok.dep != "nsubj" or doc.tokens[tok.head].lemma.lower() not in lx.SPEECH_VERBS:
        return []
    return [("PERSON", 2.5, "speaks, and is no known place")]


def dateline_votes(start: int, end: int, d: Dateline | None) -> list[tuple[str, float, str]]:
    if d is None:
        return []
    if d.source_start is not None and start >= d.source_start and end <= d.source_end:
        return [("ORG/NewsMediaOrganization", 5.0, "dateline source")]
    if start >= d.place_start and end <= d.place_end:
        return [("GPE", 5.0, "dateline place")]
    return []
