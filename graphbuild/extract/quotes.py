"""Direct quotations and who said them.

A quotation is a stretch between quotation marks of at least three words (shorter ones are
scare quotes, handled as hedges). Its speaker is the subject of the verb of saying next to it
in the same sentence (“…,” she added / X said: “…”), resolved through coreference; failing
that, the subject of the clause the quotation is embedded in (X drew attention to the fact
that “…”); failing that, the speaker of a longer quotation it repeats (a teaser), or of the
quotation that ends the paragraph before it (news convention for a continued quote).
"""

from __future__ import annotations

from graphbuild.extract import lexicon as lx
from graphbuild.extract._anaphora import SpeakerResolver
from graphbuild.extract._quotemarks import QuoteSpan, scan
from graphbuild.extract._syntax import conj_root, token_at
from graphbuild.registry import extractor
from graphbuild.types import Findings, Kind, ParsedDoc, Quote

MIN_WORDS = 3


_SPEAKER_KINDS = {Kind.PERSON, Kind.ORGANIZATION}


class _Speakers:
    """Who a speaker phrase stands for (through :class:`SpeakerResolver`), and the history of
    who spoke where in the article (verbs of saying outside quotations, in text order)."""

    def __init__(self, doc: ParsedDoc, found: Findings, all_parts: list[tuple[int, int]]
                 ) -> None:
        self.doc = doc
        self.res = SpeakerResolver(doc, found)
        self.kinds = self.res.kinds
        self.events: list[tuple[int, str]] = []  # (character, entity key) of each "X said"
        for tok in doc.tokens:
            if tok.pos == "VERB" and tok.lemma.lower() in lx.SPEECH_VERBS \
                    and not _inside(tok.i, doc, all_parts):
                subj = _subject(doc, tok.i)
                if subj is not None:
                    keys = self.of(subj, tok.i)
                    if keys:
                        self.events.append((tok.start, keys))

    def of(self, subj: int, verb: int) -> str | None:
        """The one speaker entity of subject token ``subj`` of verb of saying ``verb``."""
        doc = self.doc
        keys = [k for k in self.res.resolve(subj) if self.kinds.get(k) in _SPEAKER_KINDS]
        low = doc.tokens[subj].text.lower()
        if len(keys) == 1 and low in lx.PERSON_PRONOUNS:
            # "Mr Blair's government was a "…," he added": he is the speaker so far, not
            # the name the sentence has just used
            sent = doc.sentence_of(verb)
            named_here = any(keys[0] in self.res.named.get(t, ())
                             for t in range(sent.token_start, subj))
            if named_here:
                prev = self.last_before(doc.tokens[verb].start, avoid=keys[0])
                keys = [prev] if prev else keys
        if not keys and doc.tokens[subj].pos in {"NOUN", "PROPN"} \
                and {doc.tokens[subj].lemma.lower(), low} & lx.TITLE_NOUNS:
            # "the Conservative leader said" with no stated holder: the person who spoke last
            prev = self.last_before(doc.tokens[verb].start, person=True)
            keys = [prev] if prev else []
        return keys[0] if len(keys) == 1 else None

    def last_before(self, char: int, avoid: str | None = None, person: bool = False
                    ) -> str | None:
        for pos, key in reversed(self.events):
            if pos < char and key != avoid and \
                    (not person or self.kinds.get(key) is Kind.PERSON):
                return key
        return None


def _subject(doc: ParsedDoc, verb: int) -> int | None:
    for c in doc.children[verb]:
        if doc.tokens[c].dep in {"nsubj", "nsubjpass"}:
            return c
    root = conj_root(doc, verb)
    if root != verb:
        return _subject(doc, root)
    return None


def _name_after(doc: ParsedDoc, verb: int, speakers: _Speakers) -> int | None:
    """"…," said CNOOC's chief executive and president Zhou Xinhuai: with no subject parsed,
    the first person named after the verb, before the clause ends."""
    sent = doc.sentence_of(verb)
    for t in range(verb + 1, sent.token_end):
        tok = doc.tokens[t]
        if tok.text in {".", ";", "\u201c", '"'} or tok.pos == "VERB":
            return None
        if any(speakers.kinds.get(k) is Kind.PERSON for k in speakers.res.named.get(t, ())):
            return t
    return None


def _inside(i: int, doc: ParsedDoc, spans: list[tuple[int, int]]) -> bool:
    pos = doc.tokens[i].start
    return any(s - 1 <= pos <= e for s, e in spans)


def _according(doc: ParsedDoc, sent, all_parts, speakers: _Speakers):  # noqa: ANN001, ANN202
    """(entity key of X, the "according" token) of an "according to X" in the sentence."""
    for i in range(sent.token_start, sent.token_end):
        if doc.tokens[i].text.lower() == "according" and not _inside(i, doc, all_parts):
            for c in doc.children[i]:
                for g in doc.children[c]:
                    if doc.tokens[g].dep == "pobj":
                        keys = [k for k in speakers.res.resolve(g)
                                if speakers.kinds.get(k) in _SPEAKER_KINDS]
                        if len(keys) == 1:
                            return keys[0], i
    return None, None


def _attribute(doc: ParsedDoc, q: QuoteSpan, all_parts: list[tuple[int, int]],
               starts: list[int], speakers: _Speakers):
    """(speaker key, cue verb token, confidence, source key) for one quotation, or Nones.
    "according to X" gives the speaker only when no verb of saying has one ("…," Rouhani
    said, according to IRIB: Rouhani speaks, IRIB is the source)."""
    sent_ids = []
    for s, e in q.parts:
        for pos in (s, e - 1):
            sent = doc.sentence_of(token_at(doc, starts, pos))
            if sent not in sent_ids:
                sent_ids.append(sent)
    # 1. a verb of saying outside the quotation, nearest to it
    cands = []
    source, acc = None, None
    for sent in sent_ids:
        for i in range(sent.token_start, sent.token_end):
            tok = doc.tokens[i]
            if tok.pos == "VERB" and tok.lemma.lower() in lx.SPEECH_VERBS \
                    and not _inside(i, doc, all_parts):
                dist = min(abs(tok.start - q.end), abs(tok.start - q.start))
                cands.append((dist, i))
        if source is None:
            source, acc = _according(doc, sent, all_parts, speakers)
    for _dist, verb in sorted(cands):
        subj = _subject(doc, verb)
        if subj is None:
            subj = _name_after(doc, verb, speakers)
        if subj is not None and (who := speakers.of(subj, verb)):
            return who, verb, 0.9, (source if source != who else None)
    if source is not None:
        return source, acc, 0.85, None
    # 2. the clause the quotation is embedded in: the root verb outside the quote
    for sent in sent_ids:
        for i in range(sent.token_start, sent.token_end):
            tok = doc.tokens[i]
            if tok.head == i and tok.pos == "VERB" and not _inside(i, doc, all_parts):
                subj = _subject(doc, i)
                if subj is not None and (who := speakers.of(subj, i)):
                    return who, i, 0.7, None
    return None, None, 0.0, None


def _about(found: Findings, q: QuoteSpan, speaker: str | None) -> tuple[str, ...]:
    """Entities named inside the quotation (not pronouns or descriptions)."""
    out: list[str] = []
    for m, keys in zip(found.mentions, found.mention_entity, strict=True):
        if m.source in {"pronoun", "nominal"} or not any(s <= m.start < e for s, e in q.parts):
            continue
        out += [k for k in keys if k != speaker and k not in out]
    return tuple(out)


def find_quotes(doc: ParsedDoc, found: Findings) -> tuple[Quote, ...]:
    spans = [q for q in scan(doc.text, doc.paragraphs)
             if len(q.text(doc.text).split()) >= MIN_WORDS]
    all_parts = [p for q in spans for p in q.parts]
    starts = [t.start for t in doc.tokens]
    speakers = _Speakers(doc, found, all_parts)
    hedges = found.hedges
    attributed: list[tuple[QuoteSpan, str | None, int | None, float, str | None]] = []
    for q in spans:
        attributed.append((q, *_attribute(doc, q, all_parts, starts, speakers)))
    out = []
    for n, (q, speaker, cue, conf, source) in enumerate(attributed):
        text = q.text(doc.text)
        if speaker is None:
            speaker, conf = _fallback(doc, n, attributed, speakers)
        cue_tok = doc.tokens[cue] if cue is not None else None
        hedge = tuple(h.text for h in hedges if q.start <= h.start < q.end)
        out.append(Quote(q.start, q.end, text, speaker,
                         cue_tok.text if cue_tok else None,
                         cue_tok.start if cue_tok else None, conf, hedge, q.parts,
                         source=source, about=_about(found, q, speaker)))
    return tuple(out)


def _fallback(doc: ParsedDoc, n: int, attributed, speakers: _Speakers  # noqa: ANN001
              ) -> tuple[str | None, float]:
    q = attributed[n][0]
    text = q.text(doc.text).rstrip(".\u2026 ")
    # a teaser that repeats the start of a longer, attributed quotation
    for other, speaker, _cue, _c, _s in attributed:
        if other is not q and speaker and len(text) > 20 and \
                other.text(doc.text).startswith(text):
            return speaker, 0.6
    # a quotation right after an attributed one in the same paragraph ("…," X said. "…"), or
    # filling a paragraph right after a paragraph that ends in one
    para = doc.paragraph_of(q.start)
    for other, speaker, _cue, _c, _s in reversed(attributed[:n]):
        if speaker and doc.paragraph_of(other.end) == para:
            return speaker, 0.6
        if speaker and doc.paragraph_of(other.end) == para - 1:
            pstart, pend = doc.paragraphs[para]
            if q.start - pstart <= 2 and pend - q.end <= 2:
                return speaker, 0.5
        break
    # the last one who spoke ("X said" or an attributed quotation) in this paragraph or the
    # one before: news goes on quoting the same speaker without repeating "he said"
    said = [(pos, k) for pos, k in speakers.events if pos < q.start]
    said += [(other.start, speaker) for other, speaker, *_ in attributed[:n] if speaker]
    if said:
        pos, key = max(said)
        if para - doc.paragraph_of(pos) <= 1:
            return key, 0.5
    return None, 0.0


@extractor("quotes", provides="quotes", requires=("mentions", "entities", "mention_entity",
                                                 "hedges", "roles"))
def extract_quotes(doc: ParsedDoc, found: Findings) -> tuple[Quote, ...]:
    return find_quotes(doc, found)
