"""Roles: a person's job title and the organisation it is held in.

Patterns (over the dependency tree): a title noun compounded with or in apposition to the
person's name ("the ministry's spokeswoman Maria Zakharova", "Maria Zakharova, spokeswoman of
the ministry", "Microsoft chief executive Steve Ballmer"), or predicated of the person
("Zakharova is the ministry's spokeswoman"). The organisation is the title's possessor, its
"of/at/for" object, or an organisation name compounded with it.
"""

from __future__ import annotations

from graphbuild.extract import lexicon as lx
from graphbuild.extract._syntax import conj_root, conjuncts
from graphbuild.registry import extractor
from graphbuild.types import Findings, Kind, ParsedDoc, Role

_COPULAS = {"be", "become", "remain"}
_WHO = {"who", "that"}
#: verbs that give someone a position: "was named chief executive", "appointed her as chair"
_APPOINT = {"name", "appoint", "elect", "make", "promote", "nominate", "select", "choose"}


def _word(doc: ParsedDoc, i: int) -> str:
    return doc.tokens[i].text.lower().rstrip(".")


def _is_title(doc: ParsedDoc, i: int) -> bool:
    tok = doc.tokens[i]
    return tok.pos in {"NOUN", "PROPN"} and (
        tok.text.lower() in lx.TITLE_NOUNS or _word(doc, i) in lx.TITLE_ABBREVIATIONS)


def _titleish(doc: ParsedDoc, i: int) -> bool:
    """A word that can be part of a title before a name ("UK PM", "Lt Gen", "Commerce and
    Industry Minister", "Prime Minister-designate")."""
    w = _word(doc, i)
    return w in lx.TITLE_NOUNS or w in lx.TITLE_MODIFIERS or w in lx.TITLE_ABBREVIATIONS \
        or w in {"-", "and", "of", ""}


def _pre_name(doc: ParsedDoc, m, ents_of, kinds) -> tuple[int, int, str | None] | None:  # noqa: ANN001
    """The run of title words right before a person's name ("Foreign Secretary Jack Straw",
    "Lt Gen Sergei Rudskoi", "UK PM Rishi Sunak"): (first, last) tokens and the organisation
    or country named right before the run ("Labour MP", "Microsoft chief executive")."""
    sent = doc.sentence_of(m.token_start)
    lo = sent.token_start
    if lo >= 2 and doc.tokens[lo - 1].text == "." and _word(doc, lo - 2) in lx.TITLE_ABBREVIATIONS:
        lo = doc.sentence_of(lo - 1).token_start  # "Navy Capt. | Jeff Davis": a false split
    i = m.token_start - 1
    org_after = None
    if i >= lo and ents_of(i):
        # "spokeswoman of the Russian Foreign Ministry Maria Zakharova", "Permanent
        # Representative to the UN Vasily Nebenzya": title, preposition, organisation, name
        keys = [k for k in ents_of(i) if kinds.get(k) is Kind.ORGANIZATION]
        j = i
        while j >= lo and ents_of(j) and keys and keys[0] in ents_of(j):
            j -= 1
        if keys and j >= lo and doc.tokens[j].text.lower() == "the":
            j -= 1
        if keys and j - 1 >= lo and doc.tokens[j].text.lower() in {"of", "to", "at", "for"} \
                and _is_title(doc, j - 1):
            org_after, i = keys[0], j - 1
            last_title = i
    while i >= lo and _titleish(doc, i) and not ents_of(i):
        i -= 1
    first, last = i + 1, (last_title if org_after else m.token_start - 1)
    while first <= last and _word(doc, first) in {"-", "and", "of", ""}:
        first += 1
    if first > last or not any(_is_title(doc, j) or _word(doc, j) in lx.TITLE_NOUNS
                               for j in range(first, last + 1)):
        return None
    org = None
    j = first - 1
    while j >= lo and doc.tokens[j].tag == "POS":
        j -= 1
    for key in ents_of(j) if j >= lo else ():
        if kinds.get(key) in {Kind.ORGANIZATION, Kind.PLACE}:
            org = key
            break
    return first, last, org_after or org


def _whole(doc: ParsedDoc, t: int, first: int, ents_of, kinds) -> tuple[str, int]:  # noqa: ANN001
    """The title with the "of/for" phrases that complete it ("head of anti-virus team",
    "Secretary of State for Culture, Media and Sport", "MP for Ealing North"); a phrase that
    names an organisation is the role's organisation instead."""
    end = t
    for c in sorted(doc.children[t]):
        if c > t and doc.tokens[c].dep == "prep" and doc.tokens[c].text.lower() in {"of", "for"}:
            sub = doc.subtree(c)
            portfolio = len(sub) > 1 and _word(doc, sub[1]) in lx.TITLE_MODIFIERS  # "of State"
            if not portfolio and any(kinds.get(k) is Kind.ORGANIZATION
                                     for x in sub for k in ents_of(x)):
                break
            if any(doc.tokens[x].pos in {"PRON", "VERB"} for x in sub) or len(sub) > 8:
                break
            end = sub[-1]
    while end > t and doc.tokens[end].pos == "PUNCT":
        end -= 1
    return doc.text[doc.tokens[first].start:doc.tokens[end].end].lower(), end


def _former(title: str) -> tuple[str, bool]:
    """"former chief economic adviser" / "ex-chief…": the title without the word, and True."""
    words = title.replace("ex-", "ex ").split()
    if words and words[0] in lx.FORMER_MODIFIERS:
        return " ".join(words[1:]).lstrip("- "), True
    return title, False


def _title_text(doc: ParsedDoc, t: int) -> tuple[str, int]:
    """The title with its title-word modifiers ("chief executive"), and its first token."""
    first = t
    for c in sorted(doc.children[t], reverse=True):
        tok = doc.tokens[c]
        if c < t and c == first - 1 and tok.dep in {"compound", "amod"} and (
                tok.text.lower() in lx.TITLE_MODIFIERS or tok.text.lower() in lx.TITLE_NOUNS):
            first = c
    words = [doc.tokens[i].text.lower() for i in range(first, t + 1)]
    return " ".join(words), first


def _org_of(doc: ParsedDoc, t: int, ents_of, kinds) -> str | None:  # noqa: ANN001
    for c in doc.children[t]:
        dep = doc.tokens[c].dep
        cands = []
        if dep in {"poss", "compound", "nmod"}:
            cands.append(c)
        elif dep == "prep" and doc.tokens[c].text.lower() in {"of", "at", "for", "with", "to"}:
            cands.extend(g for g in doc.children[c] if doc.tokens[g].dep == "pobj")
        for cand in cands:
            for key in ents_of(cand):
                if kinds.get(key) is Kind.ORGANIZATION:
                    return key
    return None


def _org_among(doc: ParsedDoc, toks: list[int], ents_of, kinds) -> str | None:  # noqa: ANN001
    """The organisation that one of ``toks`` (a possessive, compound or subject) names."""
    for c in toks:
        if doc.tokens[c].dep in {"poss", "compound", "nmod", "nsubj"}:
            for key in ents_of(c):
                if kinds.get(key) is Kind.ORGANIZATION:
                    return key
    return None


#: words naming a government department around its portfolio ("Department of Defense",
#: "Home Office", "Ministry of Defence")
_DEPARTMENT_NOUNS = frozenset({"department", "ministry", "office", "dept"})
_DEPARTMENT_WORDS = _DEPARTMENT_NOUNS | {"of", "the"}


def _departments(found: Findings) -> dict[str, str]:
    """The article's departments by their one portfolio word: "defense" -> the Department
    of Defense, the title word that names it in "Defense Secretary Ash Carter"."""
    out: dict[str, str] = {}
    for e in found.entities:
        if e.kind is not Kind.ORGANIZATION:
            continue
        for name in (e.label, *e.aliases):
            words = name.lower().split()
            rest = [w for w in words if w not in _DEPARTMENT_WORDS]
            if len(rest) == 1 and len(words) > 1 and set(words) & _DEPARTMENT_NOUNS:
                out.setdefault(rest[0], e.key)
    return out


def find_roles(doc: ParsedDoc, found: Findings) -> tuple[Role, ...]:
    kinds = {e.key: e.kind for e in found.entities}
    by_token: dict[int, tuple[str, ...]] = {}
    for m, keys in zip(found.mentions, found.mention_entity, strict=True):
        if keys:
            for t in range(m.token_start, m.token_end):
                by_token.setdefault(t, keys)

    def ents_of(i: int) -> tuple[str, ...]:
        return by_token.get(i, ())

    departments = _departments(found)
    roles: dict[tuple[str, str, str | None], Role] = {}
    for m, keys in zip(found.mentions, found.mention_entity, strict=True):
        if m.source not in {"ner", "rule:conj", "rule:repeat"} or len(keys) != 1 \
                or kinds.get(keys[0]) is not Kind.PERSON:
            continue
        person = keys[0]
        h = m.token_end - 1
        cands = [c for c in doc.children[h] if doc.tokens[c].dep in {"compound", "appos", "nmod"}
                 and not m.token_start <= c < m.token_end and _is_title(doc, c)]
        tok = doc.tokens[h]
        if tok.dep == "appos" and _is_title(doc, tok.head):
            cands.append(tok.head)
        elif tok.dep == "appos" and doc.tokens[tok.head].dep == "pobj":
            # "a local physician from Husaybah, Zahid Rawi": the apposition hangs off the
            # place of the title's phrase
            prep = doc.tokens[tok.head].head
            if doc.tokens[prep].dep == "prep" and _is_title(doc, doc.tokens[prep].head):
                cands.append(doc.tokens[prep].head)
        if tok.dep == "nsubj" and doc.tokens[tok.head].lemma in _COPULAS:
            cands += [c for c in doc.children[tok.head]
                      if doc.tokens[c].dep in {"attr", "oprd", "xcomp"} and _is_title(doc, c)]
            for c in doc.children[tok.head]:  # "is to become chairman and chief executive"
                if doc.tokens[c].dep == "xcomp" and doc.tokens[c].lemma in _COPULAS:
                    cands += [g for g in doc.children[c]
                              if doc.tokens[g].dep in {"attr", "oprd"} and _is_title(doc, g)]
        for c in doc.children[h]:  # "Jane Doe, who is chief executive of X,"
            if doc.tokens[c].dep == "relcl" and doc.tokens[c].lemma in _COPULAS and any(
                    doc.tokens[g].dep == "nsubj" and doc.tokens[g].text.lower() in _WHO
                    for g in doc.children[c]):
                cands += [g for g in doc.children[c]
                          if doc.tokens[g].dep in {"attr", "oprd"} and _is_title(doc, g)]
        appointer = None  # "X appointed Jane Doe as chief executive", "Doe was named chief …"
        if tok.dep in {"nsubjpass", "dobj"} and doc.tokens[tok.head].lemma in _APPOINT:
            verb = tok.head
            for c in doc.children[verb]:
                if doc.tokens[c].dep in {"oprd", "attr"} and _is_title(doc, c):
                    cands.append(c)
                elif doc.tokens[c].dep == "prep" and doc.tokens[c].text.lower() == "as":
                    cands += [g for g in doc.children[c]
                              if doc.tokens[g].dep == "pobj" and _is_title(doc, g)]
                elif doc.tokens[c].dep == "nsubj":
                    appointer = c
        cands += [j for c in cands for j in conjuncts(doc, c) if j != c and _is_title(doc, j)]
        pre = _pre_name(doc, m, ents_of, kinds)
        if pre is not None:
            first, last, org = pre
            if org is None:  # "Defense Secretary X" in an article naming the Defense Department
                portfolio = [_word(doc, j) for j in range(first, last + 1)
                             if doc.tokens[j].text[:1].isupper()
                             and _word(doc, j) not in lx.TITLE_NOUNS]
                foreign = first > 0 and doc.tokens[first - 1].ent_type in {"NORP", "GPE"}
                if len(portfolio) == 1 and not foreign:  # not "Russian Foreign Minister",
                    # "Home Affairs spokesman"
                    org = departments.get(portfolio[0])
            title, former = _former(doc.text[doc.tokens[first].start:doc.tokens[last].end]
                                    .lower())
            key = (person, title, org)
            if title and key not in roles:
                roles[key] = Role(person, title, org, doc.tokens[first].start,
                                  doc.tokens[m.token_end - 1].end, doc.sentence_of(h),
                                  "roles", 0.85 if org else 0.75, former)
            cands = [c for c in cands if not first <= c <= last]
        for t in cands:
            title, first = _title_text(doc, t)
            if t > h or doc.tokens[t].dep == "appos" or doc.tokens[h].dep == "appos":
                title = _whole(doc, t, first, ents_of, kinds)[0]
            title, former = _former(title)
            if not former and first >= 2 and doc.tokens[first - 1].text == "-" \
                    and _word(doc, first - 2) in lx.FORMER_MODIFIERS:
                former = True  # "ex-chief economic adviser": "ex" and "-" are tokens
            org = _org_of(doc, t, ents_of, kinds)
            if org is None:  # "Microsoft chief executive": the org may hang off the modifier
                org = _org_of(doc, first, ents_of, kinds) if first != t else None
            for j in conjuncts(doc, conj_root(doc, t)):  # "chairman and chief executive of X"
                if org is None and j != t:
                    org = _org_of(doc, j, ents_of, kinds)
            if org is None and doc.tokens[t].head == h and t < m.token_start:
                # "Acme Corp's chief executive Jane Doe": the organisation is the name's
                # possessive or compound, before the title
                org = _org_among(doc, [c for c in doc.children[h] if c < first], ents_of, kinds)
            if org is None and appointer is not None:
                org = _org_among(doc, [appointer], ents_of, kinds)
            lo = min(first, m.token_start, t)
            hi = max(m.token_end - 1, t)
            sent = doc.sentence_of(h)
            key = (person, title, org)
            if key not in roles:
                roles[key] = Role(person, title, org, doc.tokens[lo].start, doc.tokens[hi].end,
                                  sent, "roles", 0.85 if org else 0.7, former)
    return tuple(roles.values())


@extractor("roles", provides="roles", requires=("mentions", "entities", "mention_entity"))
def extract_roles(doc: ParsedDoc, found: Findings) -> tuple[Role, ...]:
    return find_roles(doc, found)
