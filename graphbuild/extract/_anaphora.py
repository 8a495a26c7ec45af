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


#: how far back (characters) "he said" looks for the last speaker
_SPEAKER_HORIZON = 1500


def _speaks(doc: ParsedDoc, i: int) -> bool:
    """Token ``i`` is the subject of a verb of saying ("Mr Howard said", "said Mr Howard")."""
    tok = doc.tokens[i]
    if tok.dep == "appos" and tok.head != i:  # "Manufacturers' organisation, the EEF, said"
        tok = doc.tokens[tok.head]
    head = doc.tokens[tok.head]
    return tok.dep == "nsubj" and head.pos == "VERB" and head.lemma.lower() in lx.CLAIM_VERBS


def pronoun_antecedent(doc, m, mentions, seen, kinds, regions, assign):  # noqa: ANN001, ANN202
    low = m.text.lower()
    in_quote = _inside(m.start, regions)
    sent_start = doc.sentence_of(m.token_start).start
    if low in lx.PERSON_PRONOUNS:
        if not in_quote and _speaks(doc, m.token_start):
            # "…, he said": the subject of a verb of saying is most often the person who
            # spoke last, not the last person named (often the one spoken about)
            for start, key, i in reversed(seen):
                if start < m.start - _SPEAKER_HORIZON:
                    break
                if kinds.get(key) is Kind.PERSON and _speaks(doc, mentions[i].token_end - 1) \
                        and not _inside(start, regions):
                    return key
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
                if _plural_pair_between(doc, mentions[i].token_end, m.token_start):
                    return None  # "give parents and teachers the skills they want"
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
        if subject_it and _speaks(doc, m.token_start):
            # "It also said…": the organisation that spoke last, in this sentence or the two
            # before
            for start, key, i in reversed(seen):
                if start < sent_start - 600:
                    break
                if kinds.get(key) is Kind.ORGANIZATION and _speaks(doc, mentions[i].token_end - 1):
                    return key
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


def _plural_pair_between(doc: ParsedDoc, start: int, end: int) -> bool:
    """Coordinated plural common nouns ("parents and teachers") between a name and a "they":
    they, not the name, are what the pronoun most likely stands for."""
    return any(doc.tokens[j].tag == "NNS" and doc.tokens[j].dep == "conj"
               and doc.tokens[doc.tokens[j].head].tag == "NNS" for j in range(start, end))


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


class SpeakerResolver:
    """Who a speaker phrase stands for, in one article (used for quotations and claims).

    In order: the entities coreference gave the phrase's head; an apposition's ("the
    regulator's commissioner, Sarah Lund"); for a description headed by a title ("the
    minister", "Scotland's justice minister", "the culture secretary"), the named person the
    article gives that title (nearest before, else first after); for an unnamed member or
    spokesperson of a named organisation ("a CRE spokesman", "members of the Security
    Council", "a spokesman for X"), that organisation.
    """

    def __init__(self, doc: ParsedDoc, found) -> None:  # noqa: ANN001 - Findings
        self.doc = doc
        self.by_token: dict[int, tuple[str, ...]] = {}
        self.named: dict[int, tuple[str, ...]] = {}  # names only (no pronoun, description)
        for m, keys in zip(found.mentions, found.mention_entity, strict=True):
            if keys:
                for t in range(m.token_start, m.token_end):
                    self.by_token.setdefault(t, keys)
                    if m.source not in {"pronoun", "nominal"}:
                        self.named.setdefault(t, keys)
        self.kinds = {e.key: e.kind for e in found.entities}
        self.roles = sorted(found.roles, key=lambda r: r.start)

    def entities(self, toks, kinds=(Kind.PERSON, Kind.ORGANIZATION, Kind.PLACE)) -> list[str]:  # noqa: ANN001
        out: list[str] = []
        for t in toks:
            for k in self.by_token.get(t, ()):
                if k not in out and self.kinds.get(k) in kinds:
                    out.append(k)
        return out

    def _titled(self, h: int) -> str | None:
        """The named person the article calls by the title that heads token ``h``."""
        doc = self.doc
        tok = doc.tokens[h]
        words = {tok.text.lower(), tok.lemma.lower()}
        if not words & lx.TITLE_NOUNS:
            return None
        mods = {doc.tokens[c].lemma.lower() for c in doc.children[h]
                if doc.tokens[c].dep in {"compound", "amod"} and doc.tokens[c].pos != "PROPN"}
        orgs = set(self.entities([t for c in doc.children[h]
                                  if doc.tokens[c].dep in {"poss", "compound"}
                                  for t in doc.subtree(c)], (Kind.ORGANIZATION, Kind.PLACE)))
        fits = []
        for r in self.roles:
            tw = r.title.lower().split()
            if tw[-1] not in words or (mods and not mods & set(tw)):
                continue  # "the justice minister" is not the First Minister
            if orgs and r.organization and r.organization not in orgs:
                continue
            fits.append(r)
        before = [r for r in fits if r.start < tok.start]
        pick = before[-1] if before else (fits[0] if fits else None)
        return pick.person if pick else None

    def _described_person(self, h: int) -> str | None:
        """"the billionaire entrepreneur tweeted", "Russia's top diplomat noted": a singular
        definite description of a person (not an organisation word) stands for the person
        named last, in this sentence or the two before."""
        doc = self.doc
        tok = doc.tokens[h]
        if tok.pos != "NOUN" or tok.tag != "NN" or tok.lemma.lower() in lx.ORG_NOUNS:
            return None
        if not any(doc.tokens[c].dep in {"det", "poss"} and doc.tokens[c].text.lower() not in
                   {"a", "an", "some", "any", "no", "every", "each"} for c in doc.children[h]):
            return None
        sent = doc.sentence_of(h)
        horizon = sent.start - 400
        for t in range(h - 1, -1, -1):
            if doc.tokens[t].start < horizon:
                break
            people = [k for k in self.named.get(t, ()) if self.kinds.get(k) is Kind.PERSON]
            if people:
                return people[0]
        return None

    def _named_in_title(self, h: int) -> str | None:
        """"Permanent Representative to the UN Vasily Nebenzya said": a title phrase that ends
        in a person's name stands for that person."""
        doc = self.doc
        if not {doc.tokens[h].text.lower(), doc.tokens[h].lemma.lower()} & lx.TITLE_NOUNS:
            return None
        sub = doc.subtree(h)
        last = sub[-1]
        while last > h and doc.tokens[last].pos == "PUNCT":
            last -= 1
        people = [k for k in self.named.get(last, ()) if self.kinds.get(k) is Kind.PERSON]
        return people[0] if last > h and people else None

    def _org_of_description(self, h: int) -> list[str]:
        doc = self.doc
        tok = doc.tokens[h]
        if tok.pos not in {"NOUN", "PROPN"}:
            return []
        toks = [t for c in doc.children[h] if doc.tokens[c].dep in {"compound", "poss"}
                for t in doc.subtree(c)]
        for p in doc.children[h]:
            if doc.tokens[p].dep == "prep" and doc.tokens[p].text.lower() in {"of", "for", "at"}:
                toks += [t for g in doc.children[p] if doc.tokens[g].dep == "pobj"
                         for t in range(*_np(doc, g))]
        return self.entities(toks, (Kind.ORGANIZATION,))

    def resolve(self, head: int) -> list[str]:
        """Entity keys the speaker phrase headed by ``head`` (with its conjuncts) stands for."""
        doc = self.doc
        keys: list[str] = []
        for h in conjuncts(doc, head):
            got = self.entities([h])
            if not got:
                got = self.entities([a for a in doc.children[h] if doc.tokens[a].dep == "appos"])
            if not got and (p := self._named_in_title(h)):
                got = [p]
            if not got and (p := self._titled(h)):
                got = [p]
            if not got:
                got = self._org_of_description(h)
            if not got and (p := self._described_person(h)):
                got = [p]
            keys += [k for k in got if k not in keys]
        return keys


def _np(doc: ParsedDoc, i: int) -> tuple[int, int]:
    from graphbuild.extract._syntax import np_span

    return np_span(doc, i)
