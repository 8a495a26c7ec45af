"""Names the recognisers missed, found by rules over the parse and the recognised names: a
proper name coordinated with a recognised one ("Facebook and Twitter") or in apposition to an
organisation noun, the organisation before a job title and a person's name ("Green MSP Mark
Ballard"), a nationality and the body it qualifies ("the Iraqi government"), a name inside a
hyphenated word ("U.S.-led"), a repeat of a recognised name, the dateline's place and source,
and well-known acronyms. Each rule adds mentions with type votes, as the recognisers' do.
"""

from __future__ import annotations

import re

from graphbuild.extract import _gazetteer_mentions as gz
from graphbuild.extract import _name_shape as shape
from graphbuild.extract import _name_spans as ns
from graphbuild.extract import _type_votes as tv
from graphbuild.extract import lexicon as lx
from graphbuild.extract._syntax import conjuncts
from graphbuild.types import Dateline, Mention, ParsedDoc


def mention(doc: ParsedDoc, s: int, e: int, label: str, source: str,
             votes: list[tuple[str, float, str]]) -> Mention:
    start, end = doc.tokens[s].start, doc.tokens[e - 1].end
    return Mention(start, end, doc.text[start:end], label, s, e, source, tuple(votes))


def covered_tokens(known: list[Mention]) -> set[int]:
    """The token indices the mentions ``known`` cover."""
    return {i for m in known for i in range(m.token_start, m.token_end)}


def acronym_mentions(doc: ParsedDoc, known: list[Mention]) -> list[Mention]:
    """Well-known organisation acronyms NER missed ("AFP", "XINHUA")."""
    covered = covered_tokens(known)
    return [mention(doc, s, e, "ORG", "rule:acronym",
                     [("ORG", 1.0, "gazetteer acronym"), (f"ORG/{stype}", 2.0, "gazetteer")])
            for s, e, stype in gz.acronym_spans(doc, covered)]


def _name_span(doc: ParsedDoc, i: int) -> tuple[int, int]:
    """The run of proper-noun tokens around ``i`` ("New York Times")."""
    s = e = i
    while s > 0 and doc.tokens[s - 1].pos == "PROPN" and doc.tokens[s - 1].dep == "compound":
        s -= 1
    while e + 1 < len(doc.tokens) and doc.tokens[e].dep == "compound" \
            and doc.tokens[e + 1].pos == "PROPN":
        e += 1
    return s, e + 1


def conj_mentions(doc: ParsedDoc, known: list[Mention]) -> list[Mention]:
    """Proper names coordinated with a recognised name but missed by NER."""
    covered = covered_tokens(known)
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
            out.append(mention(doc, s, e, partner.label, "rule:conj", votes))
            covered.update(range(s, e))
    return out


def appos_mentions(doc: ParsedDoc, known: list[Mention]) -> list[Mention]:
    """Proper names NER missed that an apposition calls an organisation ("Milo, the social
    network, said")."""
    covered = covered_tokens(known)
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
        out.append(mention(doc, s, e, "ORG", "rule:appos", votes))
        covered.update(range(s, e))
    return out


def title_org_mentions(doc: ParsedDoc, known: list[Mention]) -> list[Mention]:
    """Names NER missed just before a job title and a person's name ("Green MSP Mark
    Ballard", "Labour backbencher Stephen Pound"): the organisation the title belongs to
    (or the place, when the gazetteer knows it as one: "Ohio senator X")."""
    covered = covered_tokens(known)
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
        out.append(mention(doc, s, e, label, "rule:title", votes))
        covered.update(range(s, e))
    return out


#: bodies a nationality adjective names ("the Iraqi government", "Syrian army"): the
#: guidelines count them as organisations, the adjective alone is no mention
NATIONAL_BODIES = {"government": "GovernmentOrganization", "army": "GovernmentOrganization",
                   "navy": "GovernmentOrganization", "police": "GovernmentOrganization",
                   "forces": "GovernmentOrganization", "military": "GovernmentOrganization",
                   "authorities": "GovernmentOrganization", "parliament":
                   "GovernmentOrganization", "opposition": "Organization"}


def national_body_mentions(doc: ParsedDoc, known: list[Mention]) -> list[Mention]:
    """"The Iraqi government", "Iraqi security forces": a nationality adjective and the body
    it qualifies, as one organisation mention."""
    covered = covered_tokens(known)
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
        out.append(mention(doc, tok.i, h + 1, "ORG", "rule:national", votes))
        covered.update(range(tok.i, h + 1))
    return out


_LED = re.compile(r"^(?P<name>[A-Z][\w.]*?)-(?:led|backed|based|owned|run|funded|sponsored|"
                  r"brokered|controlled|held)$")


def led_mentions(doc: ParsedDoc, known: list[Mention]) -> list[Mention]:
    """A country or a known organisation inside one hyphenated word ("the U.S.-led
    coalition", "UN-brokered talks"): a mention of the name part."""
    covered = covered_tokens(known)
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


def repeat_mentions(doc: ParsedDoc, known: list[Mention]) -> list[Mention]:
    """Proper names NER missed that repeat a recognised person's or organisation's name, or
    its short form ("Harlow Holdings ... Harlow said")."""
    from graphbuild.extract.coref import _vote_label, norm_name, short_form_of

    labels = {norm_name(m.text): _vote_label(m.votes) for m in known}
    names = {n: lab for n, lab in labels.items() if lab in {"PERSON", "ORG"}}
    covered = covered_tokens(known)
    out = []
    for tok in doc.tokens:
        if tok.i in covered or tok.pos != "PROPN" or not tok.text[:1].isupper():
            continue
        s, e = _name_span(doc, tok.i)
        if any(i in covered for i in range(s, e)):
            continue
        s, e = shape.trimmed(doc, s, e, "PERSON")  # "Ms Marsh" is "Marsh"
        text = norm_name(doc.text[doc.tokens[s].start:doc.tokens[e - 1].end])
        for name, label in names.items():
            if text == name or short_form_of(text, name, label, label):
                votes = [(label, 1.0, f"repeats {name!r}"), *tv.context_votes(doc, s, e)]
                out.append(mention(doc, s, e, label, "rule:repeat", votes))
                covered.update(range(s, e))
                break
    return out


def dateline_mentions(doc: ParsedDoc, d: Dateline | None, known: list[Mention]) -> list[Mention]:
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
            out.append(mention(doc, toks[0], toks[-1] + 1, label, "dateline", votes))
        else:  # "/TASS/." is one token: the mention is the name inside it
            over = [t.i for t in doc.tokens if t.start < end and start < t.end]
            if over:
                out.append(Mention(start, end, doc.text[start:end], label, over[0],
                                   over[-1] + 1, "dateline", tuple(votes)))
    return out
