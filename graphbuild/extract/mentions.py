"""Entity mentions: NER spans plus what the context says about their type.

Each mention collects type *votes* rather than a final type: the named-entity recogniser's
label, the common noun it stands in apposition to ("social networks Facebook"), a job title
or honorific before it, being the subject of a verb of saying, the dateline. Coreference
tallies the votes over all mentions of an entity. Proper names the recogniser missed are added
when they are coordinated with a recognised one ("Facebook and Twitter"). Pronouns,
definite descriptions ("the ministry") and titles read as names ("FCO Minister") become
mentions for coreference to resolve.
"""

from __future__ import annotations

import re

from graphbuild.extract import _gazetteer_mentions as gz
from graphbuild.extract import _name_shape as shape
from graphbuild.extract import _name_spans as ns
from graphbuild.extract import _type_votes as tv
from graphbuild.extract import lexicon as lx
from graphbuild.extract._syntax import children, conjuncts
from graphbuild.registry import extractor
from graphbuild.types import Dateline, Findings, Mention, NerSpan, ParsedDoc

#: NER labels that name things graphbuild makes nodes for
ENTITY_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}
_TRIM_LEFT = {"the", "a", "an"}
#: NER labels of things that are no names of graphbuild's kinds
OTHER_LABELS = {"LANGUAGE", "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL",
                "CARDINAL"}


_ROYAL = {"king", "queen", "prince", "princess", "pope", "emperor", "empress", "sheikh"}


def _trimmed(doc: ParsedDoc, s: int, e: int, label: str = "") -> tuple[int, int]:
    """Drop articles, punctuation, a possessive and a parenthesis ("Institute for Fiscal
    Studies (IFS"); from a person's name also a leading honorific or job title ("Mr", "Rabbi"),
    which the roles extractor reads as a title."""
    toks = doc.tokens
    for i in range(s + 1, e):
        if toks[i].text in "([":
            e = i
            break
    while s < e - 1 and (toks[s].text.lower() in _TRIM_LEFT or toks[s].pos == "PUNCT"):
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
                toks[s].text.lower() in lx.TITLE_NOUNS and toks[s].text.lower() not in _ROYAL)):
            s += 1
    return s, e


def _plausible(doc: ParsedDoc, s: int, e: int, label: str) -> bool:
    """A name has a letter, does not start with a digit, and a person's or organisation's
    name has a proper noun in it ("Dubbed" tagged PERSON is a verb; "331bn" is a number)."""
    text = doc.text[doc.tokens[s].start:doc.tokens[e - 1].end]
    if not any(ch.isalpha() for ch in text) or text[:1].isdigit():
        return False
    if label in {"PERSON", "ORG"}:  # an acronym may be tagged an adjective ("CBI chief")
        return any(doc.tokens[i].pos == "PROPN" for i in range(s, e)) or (
            label == "ORG" and e - s == 1 and len(text) > 1 and text.isupper()
            and not _capitals_around(doc, s))
    return True


def _capitals_around(doc: ParsedDoc, i: int) -> bool:
    """A word next to token ``i`` is in capitals too (a headline or a line in capitals)."""
    return any(0 <= j < len(doc.tokens) and doc.tokens[j].text.isupper()
               and len(doc.tokens[j].text) > 1 for j in (i - 1, i + 1))


def _mention(doc: ParsedDoc, s: int, e: int, label: str, source: str,
             votes: list[tuple[str, float, str]]) -> Mention:
    start, end = doc.tokens[s].start, doc.tokens[e - 1].end
    return Mention(start, end, doc.text[start:end], label, s, e, source, tuple(votes))


#: labels of graphbuild's own recogniser (ParsedDoc.aux_ents) as NER labels; MISC is ignored
AUX_LABELS = {"PERSON": "PERSON", "ORG": "ORG", "LOC": "GPE"}
AUX_VOTE = 1.5  # a second opinion: outvotes the base NER alone, loses to context cues (3.0)


def _spans_with_second_opinion(doc: ParsedDoc) -> list[tuple[int, int, str, list]]:
    """(token start, end, label, extra votes) of the names to consider: the base NER's spans,
    with the boundaries and a type vote of graphbuild's own recogniser where the two overlap,
    plus the names only the second recogniser found."""
    aux = _join_adjacent_people(doc, [a for a in doc.aux_ents if a.label in AUX_LABELS])
    used: set[int] = set()
    out = []
    for ent in doc.ents:
        label = ns.norp_label(doc, ent) if ent.label == "NORP" else ent.label
        if label not in ENTITY_LABELS:
            continue
        over = [n for n, a in enumerate(aux)
                if a.token_start < ent.token_end and ent.token_start < a.token_end]
        shared_types = label in {"PERSON", "ORG", "GPE", "LOC", "FAC"}
        if ent.label == "NORP" or not over or not shared_types:
            # a name only the base recogniser saw; for the types both know, say so (kept only
            # with other support); the types only the base one knows (LAW, EVENT…) stay as is
            out.append((ent.token_start, ent.token_end, label,
                        [("", 0.0, "base recogniser only")]
                        if aux and shared_types and ent.label != "NORP" else []))
            continue
        if _of_name(doc, ent.token_start, ent.token_end) and any(
                (aux[n].token_start, aux[n].token_end) != (ent.token_start, ent.token_end)
                for n in over):
            # "Gulf of Oman", "Government of Iraq": an "X of Y" name is one name, however
            # the second recogniser cuts it
            used.update(over)
            out.append((ent.token_start, ent.token_end, label, []))
            continue
        for n in over:  # the second recogniser's boundaries (it may split the span in two)
            if n in used:
                continue
            used.add(n)
            a = aux[n]
            same = (a.token_start, a.token_end) == (ent.token_start, ent.token_end)
            label = ent.label if same or len(over) == 1 else AUX_LABELS[a.label]
            out.append((a.token_start, a.token_end, label,
                        [(AUX_LABELS[a.label], AUX_VOTE, "second recogniser")]))
    words = {w for ent in doc.ents for w in ent.text.split() if len(ent.text.split()) > 1}
    for n, a in enumerate(aux):
        if n in used or any(s < a.token_end and a.token_start < e for s, e, _, _ in out):
            continue
        if a.text in words:
            continue  # a short form of a longer name: the repeat rule types it by that name
        if any(e.label in OTHER_LABELS and e.token_start < a.token_end
               and a.token_start < e.token_end for e in doc.ents):
            continue  # the base recogniser read it as a language, a date, a number ("Latin")
        out.append((a.token_start, a.token_end, AUX_LABELS[a.label],
                    [("", 0.0, "second recogniser only")]))
    return sorted(out, key=lambda x: (x[0], x[1]))


def _join_adjacent_people(doc: ParsedDoc, aux: list[NerSpan]) -> list[NerSpan]:
    """Two person names of the second recogniser with nothing between them ("Tony" "Blair")
    are one name."""
    out: list[NerSpan] = []
    for a in aux:
        prev = out[-1] if out else None
        if prev is not None and prev.label == a.label == "PERSON" \
                and prev.token_end == a.token_start and doc.text[prev.end:a.start] == " ":
            out[-1] = NerSpan(prev.start, a.end, prev.token_start, a.token_end, "PERSON",
                              doc.text[prev.start:a.end])
        else:
            out.append(a)
    return out


def _head_of_before(doc: ParsedDoc, s: int) -> int:
    """Start of "<Head> of" right before token ``s`` when the head is a capitalised place or
    organisation head word ("Gulf of Oman", "Department of Energy"), else ``s``."""
    toks = doc.tokens
    if s >= 2 and toks[s - 1].text == "of" and toks[s - 2].text[:1].isupper() and (
            toks[s - 2].text.lower() in lx.PLACE_HEADS or toks[s - 2].text.lower() in
            lx.NAME_HEADS) and doc.sentence_of(s - 2).token_start < s - 2:
        return s - 2
    return s


def _capitalised_before(doc: ParsedDoc, s: int, spans: list) -> int:
    """Start of an organisation's name taken over one capitalised word right before it that
    the recogniser left out ("The Liberal Democrats"): not a sentence's first word, a
    nationality, a title word nor another name."""
    if s == 0:
        return s
    tok = doc.tokens[s - 1]
    low = tok.text.lower()
    if not tok.text[:1].isupper() or tok.pos not in {"ADJ", "PROPN"} \
            or doc.sentence_of(s - 1).token_start == s - 1 or ns.demonym(doc, s - 1, s) \
            or low in lx.TITLE_MODIFIERS or low in lx.TITLE_NOUNS or low in lx.HONORIFICS \
            or any(a <= s - 1 < b for a, b, _, _ in spans) or gz.major_place(tok.text):
        return s
    return s - 1


def _place_pair(name: str) -> bool:
    """Two places joined by a hyphen ("U.S.-Iraq", "UK-France"): a modifier, not a name."""
    parts = name.split("-")
    return len(parts) == 2 and all(gz.known_place(p) for p in parts)


def _of_name(doc: ParsedDoc, s: int, e: int) -> bool:
    """The span is a name of the form "X of Y" (capitalised words on both sides of "of")."""
    toks = doc.tokens
    return any(toks[i].text == "of" and toks[i - 1].text[:1].isupper()
               and toks[i + 1].text[:1].isupper() for i in range(s + 1, e - 1))


def _ner_mentions(doc: ParsedDoc, dateline: Dateline | None) -> list[Mention]:
    out = []
    spans = _spans_with_second_opinion(doc)
    group_words = {e.text for e in doc.ents if e.label == "NORP" and " " not in e.text}
    extended = [(s, ns.extend_of_and(doc, s, e, lab)) for s, e, lab, _ in spans]
    for n, ((start, end, ner_label, extra), (_, end2)) in enumerate(
            zip(spans, extended, strict=True)):
        if any(m != n and a <= start and end <= b and b > e0
               for m, ((a, b), (_, e0, _, _)) in enumerate(zip(extended, spans, strict=True))):
            continue  # swallowed by another name's extension
        end = end2
        if _title_description(doc, start, end):
            s, e = _trimmed(doc, start, end)
            out.append(_mention(doc, s, e, "TITLE", "title", []))
            continue
        if ns.demonym(doc, start, end) or gz.is_title_span(doc, start, end) \
                or _place_pair(doc.text[doc.tokens[start].start:doc.tokens[end - 1].end]):
            continue  # "Iraqi forces"; "Permanent Representative"; "U.S.-Iraq relations"
        parts = [(s2, e2, forced or f2, f2 is not None and (s2, e2) != (s1, e1))
                 for sc, ec in _split_place_and_country(doc, start, end)
                 for s0, e0 in _split_at_clause_verbs(doc, sc, ec)
                 for s1, e1, forced in gz.split_leading_place(doc, s0, e0)
                 for s2, e2, f2 in gz.split_title(doc, s1, e1)]
        for s0, e0, forced, split in parts:
            if (forced or ner_label) == "ORG":
                s0 = _capitalised_before(doc, s0, spans)  # "the Liberal" + "Democrats"
            elif any(v[0].startswith("ORG") for v in tv.context_votes(doc, s0, e0)):
                # "of CB Richard Ellis - an international real estate company": a name the
                # words around call an organisation is one with the capitalised word before
                s1 = _capitalised_before(doc, s0, spans)
                s0, forced = s1, ("ORG" if s1 != s0 else forced)
            s1 = _head_of_before(doc, s0)  # "Gulf of" + "Oman"
            if s1 != s0 and not any(a <= s1 < b for a, b, _, _ in spans if (a, b) != (start, end)):
                s0, forced = s1, ("LOC" if doc.tokens[s1].text.lower() in lx.PLACE_HEADS
                                  else "ORG")
            e1 = shape.possessive_cut(doc, s0, e0)  # "Mr Brown's Budget"
            if e1 != e0:
                e0, forced = e1, "PERSON"
            e1 = shape.title_tail(doc, s0, e0)  # "a prospective Labour MP"
            if e1 != e0:
                e0, split = e1, True
                forced = "GPE" if gz.major_place(doc.text[doc.tokens[s0].start:
                                                          doc.tokens[e1 - 1].end]) else "ORG"
            label = forced or ner_label
            if label == "PERSON":
                s0 = shape.leading_acronym(doc, s0, e0)
                if e0 - s0 >= 3 and doc.tokens[s0].text in group_words:
                    s0 += 1  # "Tory Edward Turnour": a group the article names elsewhere
            s, e = shape.headline_cut(doc, *_trimmed(doc, s0, e0, label))
            if s >= e or shape.is_portfolio(doc, s, e) or not _plausible(doc, s, e, label):
                continue
            name = doc.text[doc.tokens[s].start:doc.tokens[e - 1].end]
            reasons = {v[2] for v in extra}
            context = tv.context_votes(doc, s, e)
            dated = tv.dateline_votes(doc.tokens[s].start, doc.tokens[e - 1].end, dateline)
            if "base recogniser only" in reasons and not (
                    context or gz.place_votes(name, label) or dated):
                continue  # only one recogniser saw a name here, and nothing else supports it
            only_second = "second recogniser only" in reasons
            second = [v for v in extra if v[0]] if not forced else []
            places = [] if any(v[0] == "ORG" for v in second) else gz.place_votes(name, label)
            first = (label, AUX_VOTE - 0.5 if only_second else 1.0,
                     "second recogniser" if only_second else "ner")
            split_vote = [(label, 5.0, "name split from its title")] if split else []
            votes = [first, *split_vote, *second, *context, *places, *dated,
                     *tv.unknown_place_speaks(doc, s, e, label, name)]
            out.append(_mention(doc, s, e, label, "ner", votes))
    return out


def _title_description(doc: ParsedDoc, s: int, e: int) -> bool:
    """A name span that ends in a job title with no name after it ("FCO Minister expresses
    concern", "DoD Spokesman Says") describes a person by their title: it is no name."""
    toks = doc.tokens
    last = toks[e - 1].text.lower().rstrip(".")
    if e - s < 2 or last not in lx.TITLE_NOUNS or last in _ROYAL or last in lx.NAME_HEADS \
            or last in lx.ORG_NOUNS:
        return False  # "Scottish Executive": a word of titles that also heads bodies' names
    if shape.title_tail(doc, s, e) != e:
        return False  # "a prospective Labour MP": the organisation of an abbreviated title
    if e < len(toks) and (toks[e].pos == "PROPN" or toks[e].text == "."
                          or toks[e].text.lower() in {"of", "for", "to", "at"}):
        return False  # "Navy Capt. Jeff Davis", "Representative to the UN Vasily Nebenzya"
    if any(toks[i].text.lower() in {"of", "for", "and"} or toks[i].tag == "POS"
           for i in range(s, e)):
        return False
    # what precedes the title names a body ("FCO", "DoD", "Foreign Office"), not a first
    # name: "Julie Bishop", "Ann Judge" are people
    return any(_body_word(toks[i].text) for i in range(s, e - 1))


def _body_word(word: str) -> bool:
    low = word.lower()
    return (len(word) > 1 and any(c.isupper() for c in word[1:])) or low in lx.NAME_HEADS \
        or low in lx.TITLE_MODIFIERS


def _acronym_mentions(doc: ParsedDoc, known: list[Mention]) -> list[Mention]:
    """Well-known organisation acronyms NER missed ("AFP", "XINHUA")."""
    covered = {i for m in known for i in range(m.token_start, m.token_end)}
    return [_mention(doc, s, e, "ORG", "rule:acronym",
                     [("ORG", 1.0, "gazetteer acronym"), (f"ORG/{stype}", 2.0, "gazetteer")])
            for s, e, stype in gz.acronym_spans(doc, covered)]


def _split_place_and_country(doc: ParsedDoc, s: int, e: int) -> list[tuple[int, int]]:
    """"Palmyra, Syria": a place and, after a comma, the country it is in are two
    names."""
    toks = doc.tokens
    for k in range(s + 1, e - 1):
        if toks[k].text == ",":
            hit = gz.gazetteer.lookup_place(doc.text[toks[k + 1].start:toks[e - 1].end])
            if hit is not None and hit.schema_type == "Country":
                return [(s, k), (k + 1, e)]
            break
    return [(s, e)]


def _split_at_clause_verbs(doc: ParsedDoc, s: int, e: int) -> list[tuple[int, int]]:
    """An NER span that runs over the verb of a clause ("Ministry of Health urged Acme Corp")
    is two names: cut it at every verb that has a subject."""
    parts, start = [], s
    for i in range(s, e):
        tok = doc.tokens[i]
        if tok.pos in {"VERB", "AUX"} and any(
                doc.tokens[c].dep in {"nsubj", "nsubjpass"} for c in doc.children[i]):
            if i > start:
                parts.append((start, i))
            start = i + 1
    if start < e:
        parts.append((start, e))
    return parts


def _name_span(doc: ParsedDoc, i: int) -> tuple[int, int]:
    """The run of proper-noun tokens around ``i`` ("New York Times")."""
    s = e = i
    while s > 0 and doc.tokens[s - 1].pos == "PROPN" and doc.tokens[s - 1].dep == "compound":
        s -= 1
    while e + 1 < len(doc.tokens) and doc.tokens[e].dep == "compound" \
            and doc.tokens[e + 1].pos == "PROPN":
        e += 1
    return s, e + 1


def _conj_mentions(doc: ParsedDoc, known: list[Mention]) -> list[Mention]:
    """Proper names coordinated with a recognised name but missed by NER."""
    covered = {i for m in known for i in range(m.token_start, m.token_end)}
    by_token = {i: m for m in known for i in range(m.token_start, m.token_end)}
    out = []
    for m in known:
        for j in conjuncts(doc, m.head) + [doc.tokens[m.head].head]:
            tok = doc.tokens[j]
            related = tok.dep == "conj" or doc.tokens[m.head].dep == "conj"
            if j in covered or tok.pos != "PROPN" or not related or not tok.text[:1].isupper():
                continue
            if j not in conjuncts(doc, m.head) and m.head not in conjuncts(doc, j):
                continue
            s, e = _name_span(doc, j)
            if any(i in covered for i in range(s, e)) or gz.is_title_span(doc, s, e):
                continue  # "Commerce and Industry Minister": words of a title
            partner = by_token[m.head]
            votes = [(partner.label, 0.5, "coordinated with a name"), *tv.context_votes(doc, s, e)]
            out.append(_mention(doc, s, e, partner.label, "rule:conj", votes))
            covered.update(range(s, e))
    return out


def _appos_mentions(doc: ParsedDoc, known: list[Mention]) -> list[Mention]:
    """Proper names NER missed that an apposition calls an organisation ("Milo, the social
    network, said")."""
    covered = {i for m in known for i in range(m.token_start, m.token_end)}
    out = []
    for tok in doc.tokens:
        if tok.i in covered or tok.pos != "PROPN" or not tok.text[:1].isupper() \
                or tok.dep in {"compound", "flat"}:
            continue
        if not any(doc.tokens[c].dep == "appos" and doc.tokens[c].pos == "NOUN"
                   and doc.tokens[c].lemma.lower() in lx.ORG_NOUNS for c in doc.children[tok.i]):
            continue
        s, e = _name_span(doc, tok.i)
        if any(i in covered for i in range(s, e)):
            continue
        votes = [("ORG", 0.5, "apposition to an organisation noun"), *tv.context_votes(doc, s, e)]
        out.append(_mention(doc, s, e, "ORG", "rule:appos", votes))
        covered.update(range(s, e))
    return out


def _title_org_mentions(doc: ParsedDoc, known: list[Mention]) -> list[Mention]:
    """Names NER missed just before a job title and a person's name ("Green MSP Mark
    Ballard", "Labour backbencher Stephen Pound"): the organisation the title belongs to
    (or the place, when the gazetteer knows it as one: "Ohio senator X")."""
    covered = {i for m in known for i in range(m.token_start, m.token_end)}
    toks = doc.tokens
    out = []
    for m in known:
        if m.label != "PERSON":
            continue
        j, titles = m.token_start - 1, 0
        while j >= 0 and (toks[j].text == "." or tv.is_title(toks[j].text.lower().rstrip("."))
                          or toks[j].text.lower() in lx.TITLE_MODIFIERS):
            titles += tv.is_title(toks[j].text.lower().rstrip("."))
            j -= 1
        if not titles or j < 0 or j in covered:
            continue
        e, s = j + 1, j
        while s >= 0 and s not in covered and toks[s].text[:1].isupper() and (
                toks[s].pos == "PROPN" or toks[s].text.isupper() and len(toks[s].text) > 1):
            s -= 1
        s += 1
        if s >= e or ns.demonym(doc, s, e) or gz.is_title_span(doc, s, e):
            continue
        name = doc.text[toks[s].start:toks[e - 1].end]
        label = "GPE" if gz.major_place(name) else "ORG"
        votes = [(label, 1.0, "names the organisation of the title after it")]
        out.append(_mention(doc, s, e, label, "rule:title", votes))
        covered.update(range(s, e))
    return out


#: bodies a nationality adjective names ("the Iraqi government", "Syrian army"): the
#: guidelines count them as organisations, the adjective alone is no mention
NATIONAL_BODIES = {"government": "GovernmentOrganization", "army": "GovernmentOrganization",
                   "navy": "GovernmentOrganization", "police": "GovernmentOrganization",
                   "forces": "GovernmentOrganization", "military": "GovernmentOrganization",
                   "authorities": "GovernmentOrganization", "parliament":
                   "GovernmentOrganization", "opposition": "Organization"}


def _national_body_mentions(doc: ParsedDoc, known: list[Mention]) -> list[Mention]:
    """"The Iraqi government", "Iraqi security forces": a nationality adjective and the body
    it qualifies, as one organisation mention."""
    covered = {i for m in known for i in range(m.token_start, m.token_end)}
    toks = doc.tokens
    out = []
    for tok in toks:
        h = tok.head
        if tok.i in covered or h <= tok.i or not ns.demonym(doc, tok.i, tok.i + 1):
            continue
        body = toks[h].text.lower()
        if body not in NATIONAL_BODIES or toks[h].text[:1].isupper() \
                or any(toks[j].pos not in {"NOUN", "ADJ"} or j in covered
                       for j in range(tok.i + 1, h + 1)):
            continue
        votes = [("ORG", 2.0, "a nationality's " + body),
                 (f"ORG/{NATIONAL_BODIES[body]}", 3.0, "a nationality's " + body)]
        out.append(_mention(doc, tok.i, h + 1, "ORG", "rule:national", votes))
        covered.update(range(tok.i, h + 1))
    return out


_LED = re.compile(r"^(?P<name>[A-Z][\w.]*?)-(?:led|backed|based|owned|run|funded|sponsored|"
                  r"brokered|controlled|held)$")


def _led_mentions(doc: ParsedDoc, known: list[Mention]) -> list[Mention]:
    """A country or a known organisation inside one hyphenated word ("the U.S.-led
    coalition", "UN-brokered talks"): a mention of the name part."""
    covered = {i for m in known for i in range(m.token_start, m.token_end)}
    out = []
    for tok in doc.tokens:
        m = _LED.match(tok.text)
        if tok.i in covered or m is None:
            continue
        name = m.group("name")
        if gz.major_place(name):
            label, votes = "GPE", [("GPE", 2.0, "a place in a hyphenated word")]
        elif gz.acronym_org(name):
            label, votes = "ORG", [("ORG", 2.0, "an organisation in a hyphenated word")]
        else:
            continue
        out.append(Mention(tok.start, tok.start + len(name), name, label, tok.i, tok.i + 1,
                           "rule:led", tuple(votes)))
    return out


def _repeat_mentions(doc: ParsedDoc, known: list[Mention]) -> list[Mention]:
    """Proper names NER missed that repeat a recognised person's or organisation's name, or
    its short form ("Harlow Holdings ... Harlow said")."""
    from graphbuild.extract.coref import _vote_label, norm_name, short_form_of

    labels = {norm_name(m.text): _vote_label(m.votes) for m in known}
    names = {n: lab for n, lab in labels.items() if lab in {"PERSON", "ORG"}}
    covered = {i for m in known for i in range(m.token_start, m.token_end)}
    out = []
    for tok in doc.tokens:
        if tok.i in covered or tok.pos != "PROPN" or not tok.text[:1].isupper():
            continue
        s, e = _name_span(doc, tok.i)
        if any(i in covered for i in range(s, e)):
            continue
        s, e = _trimmed(doc, s, e, "PERSON")  # "Ms Marsh" is "Marsh"
        text = norm_name(doc.text[doc.tokens[s].start:doc.tokens[e - 1].end])
        for name, label in names.items():
            if text == name or short_form_of(text, name, label, label):
                votes = [(label, 1.0, f"repeats {name!r}"), *tv.context_votes(doc, s, e)]
                out.append(_mention(doc, s, e, label, "rule:repeat", votes))
                covered.update(range(s, e))
                break
    return out


def _dateline_mentions(doc: ParsedDoc, d: Dateline | None, known: list[Mention]) -> list[Mention]:
    """The dateline's place and source as mentions, when NER did not already cover them."""
    if d is None:
        return []
    out = []
    spans = [(d.place_start, d.place_end, "GPE", [("GPE", 5.0, "dateline place")])]
    if d.source_start is not None:
        spans.append((d.source_start, d.source_end, "ORG",
                      [("ORG/NewsMediaOrganization", 5.0, "dateline source")]))
    starts = [t.start for t in doc.tokens]
    for start, end, label, votes in spans:
        if any(m.start <= start < m.end or start <= m.start < end for m in known):
            continue
        toks = [i for i, s in enumerate(starts) if start <= s < end]
        if toks:
            out.append(_mention(doc, toks[0], toks[-1] + 1, label, "dateline", votes))
        else:  # "/TASS/." is one token: the mention is the name inside it
            over = [t.i for t in doc.tokens if t.start < end and start < t.end]
            if over:
                out.append(Mention(start, end, doc.text[start:end], label, over[0],
                                   over[-1] + 1, "dateline", tuple(votes)))
    return out


def _other_mentions(doc: ParsedDoc, covered: set[int]) -> list[Mention]:
    """Pronouns and definite descriptions ("the ministry") for coreference to resolve."""
    out = []
    for tok in doc.tokens:
        if tok.i in covered:
            continue
        low = tok.text.lower()
        if tok.pos == "PRON" and (low in lx.PERSON_PRONOUNS or low in lx.PLURAL_PRONOUNS
                                  or low in lx.ORG_PRONOUNS):
            out.append(_mention(doc, tok.i, tok.i + 1, "PRON", "pronoun", []))
        elif tok.pos == "NOUN" and tok.tag in {"NN", "NNS"}:
            dets = children(doc, tok.i, "det")
            if dets and doc.tokens[dets[0]].text.lower() in {"the", "this", "that"}:
                s = dets[0]
                out.append(_mention(doc, s, tok.i + 1, "NOMINAL", "nominal", []))
    return out


def find_mentions(doc: ParsedDoc, dateline: Dateline | None) -> tuple[Mention, ...]:
    found = _ner_mentions(doc, dateline)
    titles = [m for m in found if m.source == "title"]
    ner = [m for m in found if m.source != "title"]
    names = ner + _conj_mentions(doc, ner)
    names += _appos_mentions(doc, names)
    names += _title_org_mentions(doc, names)
    names += _national_body_mentions(doc, names)
    names += _led_mentions(doc, names)
    names += _repeat_mentions(doc, names)
    names += _dateline_mentions(doc, dateline, names)
    names += _acronym_mentions(doc, names + titles)
    covered = {i for m in names + titles for i in range(m.token_start, m.token_end)}
    allm = names + titles + _other_mentions(doc, covered)
    return tuple(sorted(allm, key=lambda m: (m.start, -m.end)))


@extractor("mentions", provides="mentions", requires=("dateline",))
def extract_mentions(doc: ParsedDoc, found: Findings) -> tuple[Mention, ...]:
    return find_mentions(doc, found.dateline)


__all__ = ["ENTITY_LABELS", "find_mentions", "NerSpan"]
