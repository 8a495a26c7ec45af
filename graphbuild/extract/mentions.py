"""Entity mentions: NER spans plus what the context says about their type.

Each mention collects type *votes* rather than a final type: the named-entity recogniser's
label, the common noun it stands in apposition to ("social networks Facebook"), a job title
or honorific before it, being the subject of a verb of saying, the dateline. Coreference
tallies the votes over all mentions of an entity (the votes: :mod:`._type_votes`). Proper names
the recognisers missed are added by rules (:mod:`._rule_mentions`: "Facebook and Twitter", "Green
MSP Mark Ballard", "the Iraqi government"…). Pronouns, definite descriptions ("the ministry")
and titles read as names ("FCO Minister") become mentions for coreference to resolve.
"""

from __future__ import annotations

from graphbuild.extract import _gazetteer_mentions as gz
from graphbuild.extract import _name_shape as shape
from graphbuild.extract import _name_spans as ns
from graphbuild.extract import _rule_mentions as rm
from graphbuild.extract import _type_votes as tv
from graphbuild.extract import lexicon as lx
from graphbuild.extract._syntax import children
from graphbuild.registry import extractor
from graphbuild.types import Dateline, Findings, Mention, NerSpan, ParsedDoc

#: NER labels that name things graphbuild makes nodes for
ENTITY_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}
#: NER labels of things that are no names of graphbuild's kinds
OTHER_LABELS = {"LANGUAGE", "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL",
                "CARDINAL"}




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
            s, e = shape.trimmed(doc, start, end)
            out.append(rm.mention(doc, s, e, "TITLE", "title", []))
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
            elif (s1 := _capitalised_before(doc, s0, spans)) != s0 and any(
                    v[0].startswith("ORG") for v in tv.context_votes(doc, s0, e0)):
                # "of CB Richard Ellis - an international real estate company": a name the
                # words around call an organisation is one with the capitalised word before
                s0, forced = s1, "ORG"
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
            s, e = shape.headline_cut(doc, *shape.trimmed(doc, s0, e0, label))
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
            out.append(rm.mention(doc, s, e, label, "ner", votes))
    return out


def _title_description(doc: ParsedDoc, s: int, e: int) -> bool:
    """A name span that ends in a job title with no name after it ("FCO Minister expresses
    concern", "DoD Spokesman Says") describes a person by their title: it is no name."""
    toks = doc.tokens
    last = toks[e - 1].text.lower().rstrip(".")
    if e - s < 2 or last not in lx.TITLE_NOUNS or last in shape.ROYAL or last in lx.NAME_HEADS \
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


def _other_mentions(doc: ParsedDoc, covered: set[int]) -> list[Mention]:
    """Pronouns and definite descriptions ("the ministry") for coreference to resolve."""
    out = []
    for tok in doc.tokens:
        if tok.i in covered:
            continue
        low = tok.text.lower()
        if tok.pos == "PRON" and (low in lx.PERSON_PRONOUNS or low in lx.PLURAL_PRONOUNS
                                  or low in lx.ORG_PRONOUNS):
            out.append(rm.mention(doc, tok.i, tok.i + 1, "PRON", "pronoun", []))
        elif tok.pos == "NOUN" and tok.tag in {"NN", "NNS"}:
            dets = children(doc, tok.i, "det")
            if dets and doc.tokens[dets[0]].text.lower() in {"the", "this", "that"}:
                s = dets[0]
                out.append(rm.mention(doc, s, tok.i + 1, "NOMINAL", "nominal", []))
    return out


def find_mentions(doc: ParsedDoc, dateline: Dateline | None) -> tuple[Mention, ...]:
    found = _ner_mentions(doc, dateline)
    titles = [m for m in found if m.source == "title"]
    ner = [m for m in found if m.source != "title"]
    names = ner + rm.conj_mentions(doc, ner)
    names += rm.appos_mentions(doc, names)
    names += rm.title_org_mentions(doc, names)
    names += rm.national_body_mentions(doc, names)
    names += rm.led_mentions(doc, names)
    names += rm.repeat_mentions(doc, names)
    names += rm.dateline_mentions(doc, dateline, names)
    names += rm.acronym_mentions(doc, names + titles)
    covered = rm.covered_tokens(names + titles)
    allm = names + titles + _other_mentions(doc, covered)
    return tuple(sorted(allm, key=lambda m: (m.start, -m.end)))


@extractor("mentions", provides="mentions", requires=("dateline",))
def extract_mentions(doc: ParsedDoc, found: Findings) -> tuple[Mention, ...]:
    return find_mentions(doc, found.dateline)


__all__ = ["ENTITY_LABELS", "find_mentions", "NerSpan"]
