"""Reported claims: indirect speech ("X said (that) …", "X accused Y of …", "X urged Y to …",
"…, X said", "according to X, …") as :class:`~graphbuild.types.Claim`.

A claim is a verb of saying, evaluating or directing (``lexicon.CLAIM_VERBS``) with a content:
its clausal complement (ccomp/xcomp), the clause of an "of/for/on…" phrase, or — for the
verbs whose object alone is a claim (``lexicon.CLAIM_OBJECT_VERBS``: "condemned the attack")
— its object with what hangs from it. "…, X said" after the clause it reports takes that
clause. The speaker is the verb's subject (or the "by" agent of a passive) resolved through
coreference; a content that is a direct quotation is left to the quotations. "According to X"
makes X the speaker of its sentence's clause, or the *source* of a verb of saying with its
own subject ("Y said, according to X").
"""

from __future__ import annotations

from graphbuild.extract import lexicon as lx
from graphbuild.extract._anaphora import SpeakerResolver
from graphbuild.extract._syntax import conj_root, np_span
from graphbuild.registry import extractor
from graphbuild.types import Claim, Findings, Kind, ParsedDoc, Sentence

_PREPS = {"of", "for", "on", "about", "over", "against"}
_SUBJ = {"nsubj", "nsubjpass", "csubj"}
_SPEAKER_KINDS = {Kind.PERSON, Kind.ORGANIZATION, Kind.PLACE}
_FIRST_PERSON = {"i", "we"}
_TRIM = " \t\n,.;:-\u2013\u2014\"'\u201c\u201d\u2018\u2019"


class _Index:
    """Entity keys by token, entity kinds, and direct-quotation spans of one article."""

    def __init__(self, doc: ParsedDoc, found: Findings) -> None:
        self.by_token: dict[int, tuple[str, ...]] = {}
        for m, keys in zip(found.mentions, found.mention_entity, strict=True):
            if keys:
                for t in range(m.token_start, m.token_end):
                    self.by_token.setdefault(t, keys)
        self.kinds = {e.key: e.kind for e in found.entities}
        self.quotes = [(q.start, q.end) for q in found.quotes]
        self.quote_speakers = [(q.start, q.end, q.speaker) for q in found.quotes if q.speaker]

    def quote_speaker(self, char: int) -> str | None:
        return next((k for s, e, k in self.quote_speakers if s <= char < e), None)

    def entities(self, toks: list[int] | range, kinds=_SPEAKER_KINDS) -> list[str]:  # noqa: ANN001
        out: list[str] = []
        for t in toks:
            for k in self.by_token.get(t, ()):
                if k not in out and self.kinds.get(k) in kinds:
                    out.append(k)
        return out

    def quoted(self, start: int, end: int) -> bool:
        """Is [start, end) (nearly) all inside a direct quotation?"""
        inside = sum(max(0, min(end, e) - max(start, s)) for s, e in self.quotes)
        return inside > 0.9 * max(1, end - start)


def _kids(doc: ParsedDoc, i: int, *deps: str) -> list[int]:
    return [c for c in doc.children[i] if doc.tokens[c].dep in deps]


def _content(doc: ParsedDoc, v: int) -> list[tuple[int, int]]:
    """Token spans [a, b) of what verb ``v`` reports."""
    lemma = doc.tokens[v].lemma.lower()
    spans = []
    for c in _kids(doc, v, "ccomp", "xcomp"):
        sub = doc.subtree(c)
        a = sub[0]
        while a < c and doc.tokens[a].dep == "mark" and doc.tokens[a].head == c:
            a += 1  # "said that …": the content without "that"
        spans.append((a, sub[-1] + 1))
    for c in _kids(doc, v, "advcl"):  # "pressed for Russia to use…"
        if any(doc.tokens[m].text.lower() in {"for", "that"} for m in _kids(doc, c, "mark")):
            sub = doc.subtree(c)
            spans.append((sub[0], sub[-1] + 1))
    if lemma in lx.CLAIM_CLAUSE_ONLY:
        return spans
    for p in _kids(doc, v, "prep"):
        if doc.tokens[p].text.lower() in _PREPS:
            for g in _kids(doc, p, "pcomp", "pobj"):
                if doc.tokens[g].dep == "pcomp" or lemma in lx.CLAIM_OBJECT_VERBS \
                        or lemma in {"call", "warn"}:
                    sub = doc.subtree(p)
                    spans.append((sub[0], sub[-1] + 1))
    if lemma in lx.CLAIM_OBJECT_VERBS:
        objs = _kids(doc, v, "dobj", "dative")
        if objs:
            toks = [t for o in objs for t in doc.subtree(o)]
            spans.append((min(toks), max(toks) + 1))
    if len(spans) > 1:  # "accused Y of Z", "urged Y to Z": the whole object and complement
        return [(min(a for a, _ in spans), max(b for _, b in spans))]
    return spans


def _inverted(doc: ParsedDoc, v: int, sent: Sentence) -> tuple[int, int] | None:
    """"<clause>, X said" / "<clause>, X said, <clause>": the clause that governs the verb of
    saying, without the verb's own words."""
    tok = doc.tokens[v]
    if tok.dep not in {"ccomp", "parataxis", "advcl", "conj"} or tok.head == v \
            or _kids(doc, v, "ccomp", "xcomp"):
        return None
    if tok.dep in {"advcl", "conj"} and tok.head > v:
        return None
    mine = set(doc.subtree(v))
    toks = [t for t in doc.subtree(tok.head) if t not in mine]
    if len(toks) < 3:
        return None
    return max(sent.token_start, min(toks)), min(sent.token_end, max(toks) + 1)


def _announced(doc: ParsedDoc, v: int, sent: Sentence) -> tuple[int, int] | None:
    """"X said:" ending its sentence: the next sentence is what X said."""
    end = sent.token_end - 1
    while end > sent.token_start and doc.tokens[end].pos == "SPACE":
        end -= 1
    if doc.tokens[end].text != ":" or any(doc.tokens[t].dep in {"ccomp", "xcomp"}
                                          for t in doc.children[v]):
        return None
    nxt = [s for s in doc.sentences if s.token_start >= sent.token_end
           and doc.text[s.start:s.end].strip()][:1]
    return (nxt[0].token_start, nxt[0].token_end) if nxt else None


def _speaker_head(doc: ParsedDoc, v: int) -> int | None:
    """The subject of ``v``: its own, its first conjunct's, the governing verb's for a
    participle or infinitive ("went on to accuse", "praising X, she said", "by saying"), the
    "by" agent of a passive, or failing all (a misparse) a name right before the verb."""
    seen = set()
    j = v
    while j not in seen:
        seen.add(j)
        if subj := _kids(doc, j, "nsubj", "csubj"):
            return subj[0]
        if _kids(doc, j, "nsubjpass"):
            for a in _kids(doc, j, "agent"):
                for g in _kids(doc, a, "pobj"):
                    return g
            return None
        tok = doc.tokens[j]
        if tok.head == j:
            break
        if tok.dep == "conj":
            j = conj_root(doc, j)
        elif tok.dep in {"xcomp", "advcl", "pcomp"} and not _kids(doc, j, "mark"):
            j = tok.head
            if doc.tokens[j].pos == "ADP":  # "by saying": through the preposition
                j = doc.tokens[j].head
        else:
            break
    k = v - 1  # "giant ISP AOL announced" misparsed: the name right before the verb
    while k >= 0 and doc.tokens[k].dep in {"aux", "advmod", "neg"} and doc.tokens[k].head == v:
        k -= 1
    if k >= 0 and doc.tokens[k].pos == "PROPN" and doc.tokens[k].ent_type:
        return k
    return None


def _speakers(doc: ParsedDoc, res: SpeakerResolver, head: int) -> tuple[list[str], str]:
    """Entity keys of the speaker phrase headed by ``head`` and the phrase as written."""
    keys = res.resolve(head)
    s, e = np_span(doc, head)
    return keys, doc.text[doc.tokens[s].start:doc.tokens[e - 1].end]


def _according(doc: ParsedDoc, sent: Sentence) -> list[tuple[int, int]]:
    """(the "according" token, the head of X) of each "according to X" in the sentence."""
    out = []
    for i in range(sent.token_start, sent.token_end - 1):
        if doc.tokens[i].text.lower() == "according" and \
                doc.tokens[i + 1].text.lower() == "to":
            objs = [g for g in doc.children[i + 1] if doc.tokens[g].dep == "pobj"] or \
                [g for c in doc.children[i] for g in doc.children[c]
                 if doc.tokens[g].dep == "pobj"]
            if objs:
                out.append((i, objs[0]))
    return out


def _span_text(doc: ParsedDoc, a: int, b: int) -> tuple[int, int, str]:
    s, e = doc.tokens[a].start, doc.tokens[b - 1].end
    text = doc.text[s:e]
    left = len(text) - len(text.lstrip(_TRIM))
    text = text.strip(_TRIM)
    return s + left, s + left + len(text), text


def _about(idx: _Index, a: int, b: int, speakers: list[str]) -> tuple[str, ...]:
    return tuple(k for k in idx.entities(range(a, b), set(Kind)) if k not in speakers)


def _previous_speaker(idx: _Index, claims: list[Claim], before: int,
                      avoid: set[str]) -> str | None:
    """The person who last spoke (a quotation or a claim) before character ``before``."""
    said = [(s, k) for s, _e, k in idx.quote_speakers] + \
        [(c.cue_start, k) for c in claims for k in c.speakers]
    for _pos, k in sorted((x for x in said if x[0] < before), reverse=True):
        if idx.kinds.get(k) is Kind.PERSON and k not in avoid:
            return k
    return None


def find_claims(doc: ParsedDoc, found: Findings) -> tuple[Claim, ...]:
    idx = _Index(doc, found)
    res = SpeakerResolver(doc, found)
    out: dict[tuple[int, int], Claim] = {}

    def claims_so_far() -> list[Claim]:
        return list(out.values())

    announcer: list[str] = []  # the speaker of the last "X said:" (an unquoted statement)
    for sent in doc.sentences:
        according = _according(doc, sent)
        sources: dict[int, str] = {}  # verb of saying -> "according to" source entity
        for acc, x in according:
            head = doc.tokens[acc].head
            if doc.tokens[head].lemma.lower() in lx.CLAIM_VERBS and _speaker_head(doc, head):
                keys = idx.entities(range(*np_span(doc, x)))
                if keys:
                    sources[head] = keys[0]
        for v in range(sent.token_start, sent.token_end):
            tok = doc.tokens[v]
            lemma = tok.lemma.lower()
            if tok.pos != "VERB" or lemma not in lx.CLAIM_VERBS:
                continue
            spans, conf, announced = _content(doc, v), 0.8, False
            if not spans and (inv := _inverted(doc, v, sent)):
                spans, conf = [inv], 0.7
            if not spans and (ann := _announced(doc, v, sent)):
                spans, conf = [ann], 0.7
                announced = True
            subj = _speaker_head(doc, v)
            if not spans or subj is None:
                continue
            speakers, written = _speakers(doc, res, subj)
            if doc.tokens[subj].text.lower() in _FIRST_PERSON and not speakers:
                # "I welcome…": inside a quotation its speaker; in a statement introduced by
                # "X said:", X
                q = idx.quote_speaker(doc.tokens[subj].start)
                speakers = [q] if q else list(announcer)
            if doc.tokens[subj].pos == "PRON" and not speakers:
                continue  # "they said…" with no one to resolve it to
            if doc.tokens[subj].text.lower() in lx.PERSON_PRONOUNS and len(speakers) == 1:
                # "<clause naming Y>, he said": he is rarely the Y of his own words; the
                # speaker so far is likelier than the nearest name
                named = {k for a, b in spans for t in range(a, b)
                         for k in res.named.get(t, ())}  # names only, not "he" itself
                if speakers[0] in named:
                    prev = _previous_speaker(idx, claims_so_far(), tok.start, named)
                    speakers = [prev] if prev else speakers
            if announced and speakers:
                announcer = list(speakers)
            for a, b in spans:
                s, e, text = _span_text(doc, a, b)
                if not text or idx.quoted(s, e) or len(text.split()) < 2:
                    continue
                out.setdefault((s, e), Claim(
                    s, e, text, lemma, tok.start, tok.end, tuple(speakers), written,
                    _about(idx, a, b, speakers), sent, "claims",
                    conf if speakers else conf - 0.2, sources.get(v),
                    described=doc.tokens[subj].pos == "NOUN"))
        for acc, x in according:
            if doc.tokens[acc].head in sources:
                continue
            keys = idx.entities(range(*np_span(doc, x))) or res.resolve(x)  # "body INSEE"
            xs, xe = np_span(doc, x)
            phrase_end = max(doc.subtree(x)) + 1
            if acc - sent.token_start <= 1:  # "According to X, <clause>"
                a, b = phrase_end, sent.token_end
            else:  # "<clause>, according to X"
                a, b = sent.token_start, acc
            if b - a < 3:
                continue
            s, e, text = _span_text(doc, a, b)
            if not text or idx.quoted(s, e):
                continue
            written = doc.text[doc.tokens[xs].start:doc.tokens[xe - 1].end]
            out.setdefault((s, e), Claim(
                s, e, text, "according_to", doc.tokens[acc].start, doc.tokens[acc + 1].end,
                tuple(keys), written, _about(idx, a, b, keys), sent, "claims",
                0.75 if keys else 0.55, None, (), ("according to",)))
    return tuple(out[k] for k in sorted(out))


@extractor("claims", provides="claims",
           requires=("mentions", "entities", "mention_entity", "quotes", "hedges", "roles"))
def extract_claims(doc: ParsedDoc, found: Findings) -> tuple[Claim, ...]:
    return find_claims(doc, found)
