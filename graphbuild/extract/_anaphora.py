"""Anaphora: definite descriptions ("the ministry") and pronouns (he/she/they/its) resolved to
the entities coreference found by name, within one article."""

from __future__ import annotations

from graphbuild.extract import lexicon as lx
from graphbuild.extract._quotemarks import scan
from graphbuild.extract._syntax import conjuncts
from graphbuild.types import Entity, Kind, Mention, ParsedDoc


def quote_regions(doc: ParsedDoc) -> list[tuple[int, int]]:
    return [(p0, p1) for q in scan(doc.text, doc.paragraphs) for p0, p1 in q.parts]


def _inside(pos: int, regions: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in regions)


def _name_head(name: str) -> str:
    """The head noun of an organisation's name: the word before its first "of"/"for"
    ("Ministry of Defence" -> "ministry"), else its last word."""
    words = name.lower().split()
    for k, w in enumerate(words[1:], 1):
        if w in {"of", "for"}:
            return words[k - 1]
    return words[-1] if words else ""


def nominal_antecedent(doc: ParsedDoc, m: Mention, seen: list[tuple[int, str, int]],
                        entities: list[Entity]) -> str | None:
    head = doc.tokens[m.token_end - 1]
    word, lemma = head.text.lower(), head.lemma.lower()
    by_key = {e.key: e for e in entities}
    # "the administration of the networks" is specified by its own complement: not an anaphor
    specified = any(doc.tokens[c].dep in {"prep", "relcl", "acl"}
                    for c in doc.children[m.token_end - 1])
    for _start, key, _i in reversed(seen):
        ent = by_key.get(key)
        if ent is None or ent.kind is not Kind.ORGANIZATION:
            continue
        # the name's head noun: its last word, or the word before "of" ("Ministry of Defence")
        heads = {_name_head(n) for n in (ent.label, *ent.aliases)} if not specified else set()
        if ent.label.split()[-1].lower() in {word, lemma} or heads & {word, lemma}:
            return key
    # "the company" -> the nearest earlier company, in the last few sentences
    kind = lx.ORG_NOUNS.get(lemma)
    if kind == "Corporation" and not specified and lemma not in {"group", "unit", "owner",
                                                                 "rival", "business"}:
        horizon = doc.sentence_of(m.token_start).start - 600
        for start, key, _i in reversed(seen):
            if start < horizon:
                break
            ent = by_key.get(key)
            # a company, or an organisation of no known kind
            if ent and ent.schema_type in {kind, "Organization"}:
                return key
    return None


def _in_apposition_of(doc: ParsedDoc, i: int, head: int) -> bool:
    """Token ``i`` lies in an apposition to ``head`` ("Anna Baker, his sister": "his" is not
    Anna Baker)."""
    seen = set()
    while i not in seen and doc.tokens[i].head != i:
        seen.add(i)
        if doc.tokens[i].dep == "appos" and doc.tokens[i].head == head:
            return True
        i = doc.tokens[i].head
    return False


def pronoun_antecedent(doc, m, mentions, seen, kinds, regions, assign):  # noqa: ANN001, ANN202
    low = m.text.lower()
    in_quote = _inside(m.start, regions)
    sent_start = doc.sentence_of(m.token_start).start
    if low in lx.PERSON_PRONOUNS:
        for start, key, i in reversed(seen):
            if kinds.get(key) is Kind.PERSON and (in_quote or not _inside(start, regions)) \
                    and not _in_apposition_of(doc, m.token_start, mentions[i].token_end - 1):
                return key
        return None
    if in_quote:
        return None  # "they"/"it" inside a quotation: too ambiguous for rules
    if low in lx.PLURAL_PRONOUNS:
        for start, key, i in reversed(seen):
            if start < sent_start - 400:
                break
            if kinds.get(key) in {Kind.ORGANIZATION, Kind.PERSON}:
                group = _coordinated(doc, mentions, i, assign)
                return group if len(group) > 1 else (
                    key if kinds.get(key) is Kind.ORGANIZATION else None)
        return None
    tok = doc.tokens[m.token_start]
    # "it" as the subject of a content verb ("Acme said it would cut jobs"), not the empty
    # subject of "it is clear", "it seems"
    subject_it = low == "it" and tok.dep in {"nsubj", "nsubjpass"} \
        and doc.tokens[tok.head].lemma.lower() not in lx.LIGHT_VERBS
    if low == "its" or subject_it:
        # "its" may reach back into the sentence before ("... the union. Its secretary said")
        horizon = sent_start
        if low == "its" and m.token_start > 0:
            prev = doc.sentence_of(doc.sentence_of(m.token_start).token_start - 1) \
                if doc.sentence_of(m.token_start).token_start > 0 else None
            horizon = prev.start if prev is not None else sent_start
        for start, key, _i in reversed(seen):
            if start < horizon:
                break
            if kinds.get(key) is Kind.ORGANIZATION:
                return key
    return None


def _coordinated(doc: ParsedDoc, mentions, i: int, assign) -> tuple[str, ...]:  # noqa: ANN001
    """Entity keys of the names coordinated with mention ``i`` ("Facebook and Twitter")."""
    head = mentions[i].token_end - 1
    root = head
    # "the National Cyber Security Centre (NCSC)": an apposition stands for its head
    while doc.tokens[root].dep in {"conj", "appos"} and doc.tokens[root].head != root:
        root = doc.tokens[root].head
    toks = set(conjuncts(doc, root))
    keys = []
    for j, other in enumerate(mentions):
        if other.token_end - 1 in toks and assign[j]:
            keys.extend(k for k in assign[j] if k not in keys)
    return tuple(keys)
