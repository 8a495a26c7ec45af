"""Reading a verb's arguments off the dependency tree, for the statements extractor: its
subjects (own, shared with a coordinated verb, the antecedent of a relative pronoun, the doer
of a reduced passive, the controller of an infinitive), its objects (direct, prepositional,
raised) and what each argument stands for (an entity a mention covers, its apposition or
owner, or an article-local concept with its count).
"""


from __future__ import annotations

from collections import defaultdict

from graphbuild.extract import lexicon as lx
from graphbuild.extract._syntax import (
    conj_root,
    conjuncts,
    glued,
    has_to_infinitive,
    np_span,
    verb_ancestor,
)
from graphbuild.types import Argument, Findings, Kind, ParsedDoc

SUBJ = {"nsubj", "csubj"}
_VALUE_TYPES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"}
#: "have" is an action with an object ("has no idea", "had the chance"), unlike "be"
LIGHT = lx.LIGHT_VERBS - {"have"}
#: verbs relating things, not anyone's doing: in a relative clause they describe the noun
#: ("Opus Dei, which means 'Work of God'", "targets, which include three units")
RELATING = frozenset({"mean", "include", "comprise", "contain", "consist", "constitute",
                       "equal", "cost", "resemble", "signify"})
#: what may follow a verb whose object is raised from the next conjunct
_COORD = {"cc", "conj", "advmod", "punct", "preconj"}
#: verbs whose object does what their infinitive says ("urged X to cut", "helped X to win")
_OBJECT_CONTROL = lx.DIRECTIVE_VERBS | {
    "help", "assist", "support", "teach", "equip", "enable", "cause", "lead", "get", "want",
    "need", "expect", "invite", "inspire", "train", "prompt", "empower", "entitle", "mandate",
    "commission", "appoint", "elect", "leave", "recruit", "hire", "assign", "task",
    "challenge", "dare", "drive", "motivate"}
#: participles stating where something is ("based in", "embarked on"): the patient stays
#: the subject and the preposition joins the verb
STATIVE = lx.STATIVE_PASSIVES | {"embark", "station", "anchor", "moor", "dock"}
#: verbs whose coordinated subjects act on each other
RECIPROCAL = frozenset({"meet", "marry", "clash", "merge", "negotiate", "collaborate",
                         "cooperate", "confer", "wed"})
#: prepositions whose gerund the governing verb's object does ("accused X of giving")
_OBJECT_PREPS = frozenset({"of", "from", "for", "with", "into"})
#: nouns of intention: their infinitive is what their owner means to do ("plans to launch")
_INTENT_NOUNS = frozenset({"plan", "bid", "effort", "attempt", "decision", "intention",
                           "commitment", "determination", "resolve", "ambition", "pledge",
                           "promise", "offer", "readiness", "willingness", "drive", "move"})
#: passives of purpose: "designed to prevent X" says what the thing is for, the designing
#: is no action
PURPOSE_PASSIVES = frozenset({"design", "intend", "mean", "aim"})
_FINITE = {"VBD", "VBZ", "VBP"}
CLAUSES = {"ROOT", "conj", "relcl", "advcl", "xcomp", "ccomp", "acl"}
WH = {"which", "who", "that", "whom", "whose"}
_SKIP_PRONOUNS = {"i", "me", "we", "us", "you", "it", "this", "these", "those", "that",
                  "something", "everything", "nothing", "anything", "themselves", "itself",
                  "one", "what", "which", "who", "there", "here", "all", "both", "each",
                  "myself", "ourselves", "yourself", "himself", "herself", "some", "many"}


_QUOTE_MARKS = frozenset("'\"\u2018\u201c")


class Clause:
    def __init__(self, doc: ParsedDoc, found: Findings) -> None:
        self.doc, self.found = doc, found
        self.by_token: dict[int, tuple[str, ...]] = {}
        self.pronoun: set[int] = set()
        for m, keys in zip(found.mentions, found.mention_entity, strict=True):
            if keys:
                for t in range(m.token_start, m.token_end):
                    self.by_token.setdefault(t, keys)
                if m.source in {"pronoun", "nominal"}:
                    self.pronoun.update(range(m.token_start, m.token_end))
        self.kinds = {e.key: e.kind for e in found.entities}
        self.qty_of: dict[int, object] = {}  # token -> the quantity that covers it
        for q in found.quantities:
            for t in doc.tokens:
                if q.start <= t.start < q.end:
                    self.qty_of.setdefault(t.i, q)
        self.quote_of: dict[int, int] = {}
        for n, q in enumerate(found.quotes):
            for s, e in q.parts or ((q.start, q.end),):
                for t in doc.tokens:
                    if s <= t.start < e:
                        self.quote_of[t.i] = n
        self.cues = {q.cue_start for q in found.quotes if q.cue_start is not None}
        #: participles right after "others", which restrict it ("others involved in…"):
        #: part of that argument, no verb of their own
        self.restricting = {t.i + 1 for t in doc.tokens[:-1] if t.text.lower() == "others"
                            and doc.tokens[t.i + 1].tag in {"VBN", "VBG"}}
        #: phrases of two or more words in scare quotes that modify the noun after them
        #: ("attacks 'pay later' Budget"): words mentioned as a name for something, not
        #: said of anyone (unlike "denied he had been 'playing politics'")
        self.quoted_phrases = [(h.start, h.end) for h in found.hedges
                               if h.text[:1] in _QUOTE_MARKS and len(h.text.split()) >= 2
                               and self._noun_after(h.end)]
        self.hedges_by_verb: dict[int, list[str]] = defaultdict(list)
        for h in found.hedges:
            first = next((t.i for t in doc.tokens if t.start >= h.start), h.token)
            last = next((t.i for t in reversed(doc.tokens) if t.end <= h.end), first)
            v = verb_ancestor(doc, h.token, skip=range(first, last + 1))
            if v is not None and h.text not in self.hedges_by_verb[v]:
                self.hedges_by_verb[v].append(h.text)

    def _noun_after(self, end: int) -> bool:
        """Whether the word right after character ``end`` is a noun."""
        nxt = next((t for t in self.doc.tokens if t.start >= end and not t.text.isspace()),
                   None)
        return nxt is not None and nxt.pos in {"NOUN", "PROPN"}

    def mentioned(self, v: int, subj: list[int]) -> bool:
        """Whether verb ``v`` is a word of a scare-quoted phrase its subject is not in
        ("Howard attacks 'pay later' Budget"): a name for something, no action."""
        start = self.doc.tokens[v].start
        return any(s < start < e and not any(s < self.doc.tokens[h].start < e for h in subj)
                   for s, e in self.quoted_phrases)

    # ------------------------------------------------------------------ arguments
    def arguments(self, i: int) -> list[Argument]:
        """The arguments a head token stands for (several when coordinated)."""
        out: list[Argument] = []
        for j in glued(self.doc, conjuncts(self.doc, i)):
            out.extend(self._one(j))
        if len(out) > 1 and not any(a.entity for a in out):
            # a list of things, none of them named, is one argument ("mass unemployment,
            # 15% interest rates and the poll tax"): coordination splits named conjuncts only
            start, end = min(a.start for a in out), max(a.end for a in out)
            counts = tuple(a.quantity for a in out if a.quantity)
            return [Argument(self.doc.text[start:end], start, end, None,
                             " and ".join(dict.fromkeys(a.head_lemma for a in out)),
                             counts[0] if counts else None, counts)]
        return out

    def _antecedent(self, wh: int, head: int) -> int:
        """The noun a relative pronoun stands for: the parser's antecedent, or the nearer
        name inside its prepositional phrase ("Ashok Vishwanathan of Operation Black Vote,
        which aims…" -> Operation Black Vote)."""
        doc = self.doc
        h = doc.tokens[head]
        if h.dep == "pobj" and doc.tokens[wh - 1].text == ",":
            prep = doc.tokens[h.head]
            verb = doc.tokens[prep.head]
            if prep.dep == "prep" and verb.dep == "acl" and verb.pos == "VERB" \
                    and doc.tokens[verb.head].pos in {"NOUN", "PROPN"}:
                # "an investigation carried out against the accounts, which is based on…":
                # the noun the participle describes
                return verb.head
        j = wh - 1
        while j > head and doc.tokens[j].pos == "PUNCT":
            j -= 1
        if j > head and doc.tokens[j].dep == "pobj" and doc.tokens[j].pos == "PROPN" \
                and j in self.by_token and j in doc.subtree(head):
            # "which" does not stand for a person, "who" stands for one
            person = {i: any(self.kinds.get(k) is Kind.PERSON for k in self.by_token.get(i, ()))
                      for i in (j, head)}
            who = doc.tokens[wh].text.lower() in {"who", "whom"}
            if (who and person[j] and not person[head]) or \
                    (not who and person[head] and not person[j]):
                return j
        return head

    def _one(self, i: int) -> list[Argument]:
        doc = self.doc
        tok = doc.tokens[i]
        if tok.text.lower() in WH and doc.tokens[tok.head].dep == "relcl":
            # the noun itself, not the names coordinated with it ("Jack Ruby, who killed
            # Oswald, and Jim and Tammy Bakker": only Ruby killed)
            return self._one(self._antecedent(i, doc.tokens[tok.head].head))
        s, e = np_span(doc, i)
        if self._split_by_comma(s, i) or (tok.pos in {"NOUN", "PROPN"} and any(
                doc.tokens[c].dep in SUBJ for c in doc.children[i])):
            # a noun with a subject of its own is a verb the parser misread ("the hub which
            # Wanadoo plans will be used…"): no argument is readable from it
            return []
        e = self._restricted(i, self._of_name(i, self._numbered(i, e)))
        text = doc.text[doc.tokens[s].start:doc.tokens[e - 1].end]
        keys = self.by_token.get(i)
        last = self._hyphenated_head(e)
        if last is not None:
            # "won the 1904 Horsham by-election": the name before a hyphenated noun the
            # tokenizer split off is its modifier; the phrase is the noun's
            end, lemma = doc.tokens[last].end, doc.tokens[last].lemma.lower()
            owners = [k for k in keys or () if self.kinds.get(k) in {Kind.ORGANIZATION,
                                                                      Kind.PERSON}]
            if owners and lemma not in lx.EVENT_NOUNS:
                return [Argument(doc.text[doc.tokens[s].start:end], doc.tokens[s].start, end,
                                 k, lemma) for k in owners]
            return [Argument(doc.text[doc.tokens[s].start:end], doc.tokens[s].start, end,
                             None, lemma)]
        if keys:
            return [Argument(text, doc.tokens[s].start, doc.tokens[e - 1].end, k,
                             tok.lemma.lower()) for k in keys]
        # a common noun in apposition to names: "social networks Facebook and Twitter"
        apps = [c for c in doc.children[i] if doc.tokens[c].dep == "appos"]
        ents = [k for a in apps for j in conjuncts(doc, a) for k in self.by_token.get(j, ())]
        if not ents and tok.lemma.lower() in lx.TITLE_NOUNS:
            ents = self._holder_after_organisation(i)
        if ents:
            return [Argument(text, doc.tokens[s].start, doc.tokens[e - 1].end, k,
                             tok.lemma.lower()) for k in dict.fromkeys(ents)]
        # an organisation's or person's thing: "FBI data" -> the FBI; not an event of theirs
        for c in doc.children[i] if tok.lemma.lower() not in lx.EVENT_NOUNS else ():
            if doc.tokens[c].dep in {"compound", "poss"} and c in self.by_token:
                keys = [k for k in self.by_token[c]
                        if self.kinds.get(k) in {Kind.ORGANIZATION, Kind.PERSON}]
                if keys and doc.tokens[c].pos == "PROPN":
                    return [Argument(text, doc.tokens[s].start, doc.tokens[e - 1].end, k,
                                     tok.lemma.lower()) for k in keys]
        qty = self.qty_of.get(i)
        if tok.pos not in {"NOUN", "PROPN"}:
            if qty is None or tok.text.lower() in _SKIP_PRONOUNS:
                return []
            # a bare number is an argument only as an amount: "paid £3.5m" ("m" may be
            # parsed as a word of its own), the whole amount is the argument
            return [Argument(qty.text, qty.start, qty.end, None, qty.unit.lower(), qty)]
        if tok.text.lower() in _SKIP_PRONOUNS:
            return []
        return [Argument(text, doc.tokens[s].start, doc.tokens[e - 1].end, None,
                         tok.lemma.lower(), qty)]

    def _holder_after_organisation(self, i: int) -> list[str]:
        """"A spokesman for DLF Builders, Dr Vancheshwar, told…": the parser hangs the name
        on the organisation of the title; the person named there holds the title."""
        doc = self.doc
        for p in doc.children[i]:
            if doc.tokens[p].dep != "prep" or doc.tokens[p].text.lower() not in {"for", "of", "at"}:
                continue
            for o in doc.children[p]:
                if doc.tokens[o].dep != "pobj":
                    continue
                people = [k for k in self.by_token.get(o, ()) if self.kinds.get(k) is Kind.PERSON]
                if people and self._name_after_name(o, people[0]):
                    # "Minister for the Middle East Tobias Ellwood calls…": the parser took the
                    # holder's name into the title's phrase, right after the portfolio's name
                    return people
                if not any(self.kinds.get(k) is Kind.ORGANIZATION
                           for k in self.by_token.get(o, ())):
                    continue
                return [k for a in doc.children[o] if doc.tokens[a].dep == "appos"
                        for k in self.by_token.get(a, ()) if self.kinds.get(k) is Kind.PERSON]
        return []

    def _name_after_name(self, i: int, key: str) -> bool:
        """Whether the name ``key`` that token ``i`` ends follows right after another
        capitalised name in the same phrase ("the Middle East Tobias Ellwood")."""
        doc = self.doc
        j = i
        while j - 1 >= 0 and key in self.by_token.get(j - 1, ()):
            j -= 1
        before = j - 1
        return before >= 0 and doc.tokens[before].head == i and doc.tokens[before].pos == "PROPN" \
            and key not in self.by_token.get(before, ())

    def _restricted(self, i: int, end: int) -> int:
        """"others" says nothing without the participle that restricts it, wherever the
        parser hung it ("sue Baikal and others involved in the sale of Yuganskneftegas"):
        the participle and its first phrase join it."""
        doc = self.doc
        if end != i + 1 or end not in self.restricting:
            return end
        preps = sorted(c for c in doc.children[end] if c > end and doc.tokens[c].dep == "prep")
        if not preps or preps[0] != end + 1:
            return end + 1
        return doc.subtree(preps[0])[-1] + 1

    def _hyphenated_head(self, end: int) -> int | None:
        """The last token of a hyphenated noun right after a phrase ending before token
        ``end`` ("Horsham | by-election": the tokenizer splits it and the parser hangs its
        parts elsewhere), or None."""
        doc = self.doc
        toks = doc.tokens
        if end + 2 >= len(toks) or toks[end + 1].text != "-" or toks[end].ws \
                or toks[end + 1].ws or not toks[end - 1].ws or toks[end + 2].pos != "NOUN" \
                or not toks[end].text.isalpha() or toks[end].text[:1].isupper():
            return None
        return end + 2

    def _split_by_comma(self, start: int, i: int) -> bool:
        """A phrase whose modifiers run across a comma without a coordination is two phrases
        the parser joined ("seeping into the mainstream, giant ISP AOL announced…")."""
        doc = self.doc
        span = range(start, i)
        return any(doc.tokens[j].text == "," for j in span) and not any(
            doc.tokens[j].dep in {"conj", "cc", "appos"} for j in span)

    def _numbered(self, i: int, end: int) -> int:
        """A number right after a name is part of it: "CTF 50", "Flight 370"."""
        doc = self.doc
        if doc.tokens[i].pos == "PROPN" and end < len(doc.tokens) and end == i + 1 \
                and doc.tokens[end].dep == "nummod" and doc.tokens[end].head == i:
            return end + 1
        return end

    def _of_name(self, i: int, end: int) -> int:
        """A name's "of" phrase is part of it: "the Government of Iraq", "the Bank of
        England", "the city of Husaybah" (a noun followed by "of" and a name)."""
        doc = self.doc
        if doc.tokens[i].pos not in {"PROPN", "NOUN"} or end >= len(doc.tokens) \
                or doc.tokens[end].text.lower() != "of" or doc.tokens[end].head != i:
            return end
        pobj = [g for g in doc.children[end] if doc.tokens[g].dep == "pobj"
                and doc.tokens[g].pos == "PROPN"]
        return np_span(doc, pobj[0])[1] if pobj else end

    # ------------------------------------------------------------------ verbs
    def subjects(self, v: int) -> tuple[list[int], str, list[int]]:
        """(subject heads, voice, patient heads) of verb ``v``, inheriting along conj."""
        doc = self.doc
        subj = [c for c in doc.children[v] if doc.tokens[c].dep in SUBJ]
        patient = [c for c in doc.children[v] if doc.tokens[c].dep == "nsubjpass"]
        for c in doc.children[v]:
            if doc.tokens[c].dep == "agent":
                subj += [g for g in doc.children[c] if doc.tokens[g].dep == "pobj"]
        voice = "passive" if patient or any(doc.tokens[c].dep == "auxpass"
                                            for c in doc.children[v]) else "active"
        if voice == "passive" and not subj:
            subj = self._at_the_hands_of(v)
        if not subj and not patient:
            if doc.tokens[v].dep == "conj" and doc.tokens[v].head != v:
                return self.subjects(self._conjoined_to(v))
            if doc.tokens[v].dep == "acl" and doc.tokens[v].tag == "VBN":
                return [], "passive", [doc.tokens[v].head]
            if has_to_infinitive(doc, v) or self._gerund(v):
                ctrl = self.controller(v) if has_to_infinitive(doc, v) else self.doer(v)
                return (ctrl, voice, []) if voice == "active" else ([], voice, ctrl)
        if subj and not patient and doc.tokens[v].dep == "acl" and doc.tokens[v].tag == "VBN" \
                and not any(doc.tokens[c].dep in SUBJ for c in doc.children[v]):
            # "the government, led by X"
            return subj, "passive", [self._described(v)]
        if subj and not patient and self._reduced_passive(v):
            # "evidence gathered against him by the US": the noun the participle describes
            if doc.tokens[v].dep == "acl":
                return subj, "passive", [doc.tokens[v].head]
            noun = v - 1 if v > 0 and doc.tokens[v - 1].pos in {"NOUN", "PROPN"} else None
            return subj, "passive", [noun] if noun is not None else []
        if voice == "passive" and not patient and conj_root(doc, v) != v:
            # "The drug is safe and was approved by regulators": the shared subject
            root_subj, _voice, root_patient = self.subjects(conj_root(doc, v))
            patient = root_patient or root_subj
        return subj, voice, patient

    def _at_the_hands_of(self, v: int) -> list[int]:
        """The agent of a passive "killed at the hands of Assad and ISIL"."""
        doc = self.doc
        for c in doc.children[v]:
            if doc.tokens[c].dep != "prep" or doc.tokens[c].text.lower() != "at":
                continue
            for h in doc.children[c]:
                if doc.tokens[h].lemma.lower() == "hand" and doc.tokens[h].dep == "pobj":
                    return [g for o in doc.children[h] if doc.tokens[o].text.lower() == "of"
                            for g in doc.children[o] if doc.tokens[g].dep == "pobj"]
        return []

    def _described(self, v: int) -> int:
        """The noun a participle after a comma describes: the name just before the comma
        (climbing its "of": "the agreement between the Federal Government of Iraq, led by
        X") when the parser hung it on a common noun or a date further back."""
        doc = self.doc
        head = doc.tokens[v].head
        j = v - 1
        if j <= head or doc.tokens[j].text != "," or (doc.tokens[head].pos != "NOUN"
                                                       and doc.tokens[head].ent_type
                                                       not in _VALUE_TYPES):
            return head
        j -= 1
        while doc.tokens[j].dep == "pobj" and doc.tokens[doc.tokens[j].head].text.lower() == "of" \
                and doc.tokens[doc.tokens[doc.tokens[j].head].head].pos == "PROPN":
            j = doc.tokens[doc.tokens[j].head].head
        return j if doc.tokens[j].pos == "PROPN" and j in self.by_token else head

    def _reduced_passive(self, v: int) -> bool:
        """A participle (or one tagged as a past tense) with a "by" agent and no auxiliary
        or subject of its own, whatever clause the parser hung it on: a passive."""
        doc = self.doc
        kids = [doc.tokens[c].dep for c in doc.children[v]]
        return doc.tokens[v].tag in {"VBN", "VBD"} and "agent" in kids and not any(
            d in SUBJ | {"aux", "auxpass"} for d in kids)

    def _conjoined_to(self, v: int) -> int:
        """The verb a conjoined verb shares its subject with: the conjunct it hangs on (the
        nearest one with a subject of its own: "X faces challenges and Y must cooperate,
        assist… and provide…" -> Y), but the governor of an infinitive a finite verb is
        wrongly conjoined to ("X pressed for Y to use… and underlined…" -> X)."""
        doc = self.doc
        head = doc.tokens[v].head
        h = doc.tokens[head]
        if doc.tokens[v].tag in _FINITE and h.tag == "VB" and has_to_infinitive(doc, head) \
                and h.head != head and h.dep != "conj":
            return h.head
        return head

    def _gerund(self, v: int) -> bool:
        """"accused X of giving…", "by banning them": a gerund after a verb's preposition."""
        doc = self.doc
        tok = doc.tokens[v]
        return tok.tag == "VBG" and tok.dep == "pcomp" and doc.tokens[tok.head].dep == "prep" \
            and doc.tokens[doc.tokens[tok.head].head].pos == "VERB"

    def doer(self, v: int) -> list[int]:
        """Who does what a gerund after a verb's preposition says: the verb's object after
        "of", "from", "for", "with" ("accused X of running out of…", "prevent X from
        operating"), else its subject ("hit them by banning them")."""
        doc = self.doc
        prep = doc.tokens[v].head
        gov = doc.tokens[prep].head
        if doc.tokens[gov].lemma.lower() in lx.SPEECH_VERBS | {"talk", "speak"} \
                and doc.tokens[prep].text.lower() in {"of", "about", "on"}:
            return []  # "talks of improving discipline": what is said, not done
        if doc.tokens[prep].text.lower() in _OBJECT_PREPS:
            objs = [c for c in doc.children[gov] if doc.tokens[c].dep in {"dobj", "dative"}]
            if objs:
                return objs
        subj, _voice, patient = self.subjects(gov)
        return subj or patient

    def controller(self, v: int) -> list[int]:
        """Who does what a "to"-infinitive says: the object of an object-control verb ("urged
        X to cut"), else the subject (or passive patient) of the governing verb ("X wants to
        buy", "the exercise is intended to enhance"); for a noun of intention, whose it is
        (:meth:`_intender`); nobody for another noun's infinitive ("the campaign to defeat
        X")."""
        doc = self.doc
        tok = doc.tokens[v]
        head = tok.head
        if head != v and doc.tokens[head].pos == "NOUN" \
                and doc.tokens[head].lemma.lower() in _INTENT_NOUNS:
            return self._intender(head)
        if head == v or doc.tokens[head].pos not in {"VERB", "AUX", "ADJ"}:
            return []
        if tok.dep == "xcomp":
            objs = [c for c in doc.children[head] if doc.tokens[c].dep in {"dobj", "dative"}]
            if objs and doc.tokens[head].lemma.lower() not in _OBJECT_CONTROL:
                return []  # "targets, which include X … to isolate Y": not X's doing
            if objs:
                return objs
        subj, _voice, patient = self.subjects(head)
        return subj or patient

    def _intender(self, n: int) -> list[int]:
        """Whose plan, bid or effort a noun of intention is: its possessor or name ("its
        commitment to support…", "Iraq's efforts to destroy…"), its "of" phrase ("the
        decision of X to nominate…"), else the subject of the verb it is the object of or
        hangs on ("had plans to launch…", "in a bid to halve…")."""
        doc = self.doc
        for c in doc.children[n]:
            d = doc.tokens[c].dep
            if d == "poss" or (d == "compound" and c in self.by_token):
                return [c]
            if d == "prep" and doc.tokens[c].text.lower() == "of":
                pobj = [g for g in doc.children[c] if doc.tokens[g].dep == "pobj"]
                if pobj:
                    return pobj
        j = doc.tokens[n]
        if j.dep == "pobj" and doc.tokens[j.head].dep == "prep":
            j = doc.tokens[j.head]
        gov = j.head
        if j.dep in {"dobj", "prep"} and doc.tokens[gov].pos == "VERB":
            subj, _voice, patient = self.subjects(gov)
            return subj or patient
        return []

    def objects(self, v: int) -> tuple[list[int], str | None]:
        doc = self.doc
        clause = min((c for c in doc.children[v] if c > v
                      and doc.tokens[c].dep in {"advcl", "xcomp", "ccomp"}), default=None)
        # an object after a clause of the verb's own is a misparse ("also attended, meeting
        # their counterparts to discuss…, the migration crisis")
        objs = [c for c in doc.children[v] if doc.tokens[c].dep in {"dobj", "dative"}
                and (clause is None or c < clause)]
        if objs:
            return objs, None
        tok = doc.tokens[v]
        shared = self._raised_object(v)
        if shared:
            return shared, None
        if tok.dep == "relcl" and any(doc.tokens[c].dep == "nsubj"
                                      and doc.tokens[c].text.lower() not in WH
                                      for c in doc.children[v]) \
                and doc.tokens[tok.head].pos in {"NOUN", "PROPN"} \
                and tok.lemma.lower() not in lx.SPEECH_VERBS \
                and not any(doc.tokens[c].dep in {"mark", "ccomp", "xcomp"}
                            or doc.tokens[c].text.lower() == "that"
                            for c in doc.children[v]):
            # an object relative: "the contribution she will make" (she makes it); not a
            # content clause ("the fact that X blocked…") nor a subject relative ("the
            # organisation, which adheres to…")
            return [tok.head], None
        gap = self._reported_gap(v)
        if gap is not None:
            return [gap], None
        if doc.tokens[v].lemma.lower() in lx.SPEECH_VERBS:
            return [], None  # "said in January": not an action on January
        if any(doc.tokens[c].dep in {"acomp", "attr", "oprd"} for c in doc.children[v]):
            # "remains steadfast in its commitment", "called 'Q-West' in northern Iraq": the
            # phrase belongs to the predicate
            return [], None
        for c in sorted(doc.children[v]):
            if doc.tokens[c].dep == "prep":
                pobj = [g for g in doc.children[c] if doc.tokens[g].dep == "pobj"]
                if any(doc.tokens[g].ent_type == "MONEY" for g in pobj):
                    return [], None  # "closed up $2.80 to $51.15 in New York": a value's verb
                pobj = [g for g in pobj if doc.tokens[g].ent_type not in _VALUE_TYPES]
                if pobj:
                    return pobj, doc.tokens[c].text.lower()
        return [], None

    def _reported_gap(self, v: int) -> int | None:
        """The noun of a relative clause of saying is the object of the reported verb when
        that verb has none: "a tax bill it says the company owes" (the company owes it)."""
        doc = self.doc
        tok = doc.tokens[v]
        rel = doc.tokens[tok.head]
        if tok.dep != "ccomp" or rel.dep != "relcl" or rel.lemma.lower() not in lx.CLAIM_VERBS \
                or doc.tokens[rel.head].pos not in {"NOUN", "PROPN"} or any(
                    doc.tokens[c].dep in {"dobj", "ccomp", "xcomp"} for c in doc.children[v]) \
                or not any(doc.tokens[c].dep == "nsubj" for c in doc.children[v]):
            return None
        return rel.head

    def _raised_object(self, v: int) -> list[int]:
        """Right-node raising: "blocked and then deleted 18 accounts" (the conjoined verb's
        object is this verb's too), only where nothing but the coordination follows this
        verb and the conjoined verb has no subject of its own (not "wants to ditch X but has
        no idea", "delivers in the third term and sees off Y")."""
        doc = self.doc
        after = [c for c in doc.children[v] if c > v]
        if any(doc.tokens[c].dep not in _COORD for c in after):
            return []
        for c in after:
            if doc.tokens[c].dep == "conj" and doc.tokens[c].pos == "VERB" and not any(
                    doc.tokens[g].dep in SUBJ | {"nsubjpass"} for g in doc.children[c]):
                shared = [g for g in doc.children[c] if doc.tokens[g].dep == "dobj"]
                if shared:
                    return shared
        return []

    def complement(self, v: int, after: int) -> str | None:
        doc = self.doc
        for c in doc.subtree(v):
            if c > after and doc.tokens[c].dep in {"xcomp", "advcl", "ccomp"} \
                    and has_to_infinitive(doc, c) and self.quote_of.get(c) == \
                    self.quote_of.get(v):
                sub = doc.subtree(c)
                return doc.text[doc.tokens[sub[0]].start:doc.tokens[sub[-1]].end]
        return None
