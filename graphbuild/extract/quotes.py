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
from graphbuild.extract._quotemarks import QuoteSpan, scan
from graphbuild.extract._syntax import conj_root, token_at
from graphbuild.registry import extractor
from graphbuild.types import Findings, Kind, ParsedDoc, Quote

MIN_WORDS = 3


class _Speakers:
    """Maps a token to the entity keys of the mention that covers it."""

    def __init__(self, found: Findings) -> None:
        self.by_token: dict[int, tuple[str, ...]] = {}
        for m, keys in zip(found.mentions, found.mention_entity, strict=True):
            if keys:
                for t in range(m.token_start, m.token_end):
                    self.by_token.setdefault(t, keys)
        self.kinds = {e.key: e.kind for e in found.entities}

    def of(self, tok: int, doc: ParsedDoc | None = None) -> str | None:
        keys = self.by_token.get(tok, ())
        if not keys and doc is not None:  # "the regulator's commissioner, Sarah Lund, said"
            keys = tuple(k for c in doc.children[tok] if doc.tokens[c].dep == "appos"
                         for k in self.by_token.get(c, ()))
        speakers = [k for k in keys if self.kinds.get(k) in {Kind.PERSON, Kind.ORGANIZATION}]
        return speakers[0] if len(speakers) == 1 else None


def _subject(doc: ParsedDoc, verb: int) -> int | None:
    for c in doc.children[verb]:
        if doc.tokens[c].dep in {"nsubj", "nsubjpass"}:
            return c
    root = conj_root(doc, verb)
    if root != verb:
        return _subject(doc, root)
    return None


def _inside(i: int, doc: ParsedDoc, spans: list[tuple[int, int]]) -> bool:
    pos = doc.tokens[i].start
    return any(s - 1 <= pos <= e for s, e in spans)


def _attribute(doc: ParsedDoc, q: QuoteSpan, all_parts: list[tuple[int, int]],
               starts: list[int], speakers: _Speakers):
    """(speaker key, cue verb token, confidence) for one quotation, or Nones."""
    sent_ids = []
    for s, e in q.parts:
        for pos in (s, e - 1):
            sent = doc.sentence_of(token_at(doc, starts, pos))
            if sent not in sent_ids:
                sent_ids.append(sent)
    # 1. a verb of saying outside the quotation, nearest to it
    cands = []
    for sent in sent_ids:
        for i in range(sent.token_start, sent.token_end):
            tok = doc.tokens[i]
            if tok.pos == "VERB" and tok.lemma.lower() in lx.SPEECH_VERBS \
                    and not _inside(i, doc, all_parts):
                dist = min(abs(tok.start - q.end), abs(tok.start - q.start))
                cands.append((dist, i))
        for i in range(sent.token_start, sent.token_end):
            if doc.tokens[i].text.lower() == "according" and not _inside(i, doc, all_parts):
                for c in doc.children[i]:
                    for g in doc.children[c]:
                        if doc.tokens[g].dep == "pobj" and speakers.of(g):
                            return speakers.of(g), i, 0.85
    for _dist, verb in sorted(cands):
        subj = _subject(doc, verb)
        if subj is not None and speakers.of(subj, doc):
            return speakers.of(subj, doc), verb, 0.9
    # 2. the clause the quotation is embedded in: the root verb outside the quote
    for sent in sent_ids:
        for i in range(sent.token_start, sent.token_end):
            tok = doc.tokens[i]
            if tok.head == i and tok.pos == "VERB" and not _inside(i, doc, all_parts):
                subj = _subject(doc, i)
                if subj is not None and speakers.of(subj):
                    return speakers.of(subj), i, 0.7
    return None, None, 0.0


def find_quotes(doc: ParsedDoc, found: Findings) -> tuple[Quote, ...]:
    spans = [q for q in scan(doc.text, doc.paragraphs)
             if len(q.text(doc.text).split()) >= MIN_WORDS]
    all_parts = [p for q in spans for p in q.parts]
    starts = [t.start for t in doc.tokens]
    speakers = _Speakers(found)
    hedges = found.hedges
    attributed: list[tuple[QuoteSpan, str | None, int | None, float]] = []
    for q in spans:
        attributed.append((q, *_attribute(doc, q, all_parts, starts, speakers)))
    out = []
    for n, (q, speaker, cue, conf) in enumerate(attributed):
        text = q.text(doc.text)
        if speaker is None:
            speaker, conf = _fallback(doc, n, attributed)
        cue_tok = doc.tokens[cue] if cue is not None else None
        hedge = tuple(h.text for h in hedges if q.start <= h.start < q.end)
        out.append(Quote(q.start, q.end, text, speaker,
                         cue_tok.text if cue_tok else None,
                         cue_tok.start if cue_tok else None, conf, hedge, q.parts))
    return tuple(out)


def _fallback(doc: ParsedDoc, n: int, attributed) -> tuple[str | None, float]:  # noqa: ANN001
    q = attributed[n][0]
    text = q.text(doc.text).rstrip(".\u2026 ")
    # a teaser that repeats the start of a longer, attributed quotation
    for other, speaker, _cue, _c in attributed:
        if other is not q and speaker and len(text) > 20 and \
                other.text(doc.text).startswith(text):
            return speaker, 0.6
    # a quotation right after an attributed one in the same paragraph ("…," X said. "…"), or
    # filling a paragraph right after a paragraph that ends in one
    para = doc.paragraph_of(q.start)
    for other, speaker, _cue, _c in reversed(attributed[:n]):
        if speaker and doc.paragraph_of(other.end) == para:
            return speaker, 0.6
        if speaker and doc.paragraph_of(other.end) == para - 1:
            pstart, pend = doc.paragraphs[para]
            if q.start - pstart <= 2 and pend - q.end <= 2:
                return speaker, 0.5
        break
    return None, 0.0


@extractor("quotes", provides="quotes", requires=("mentions", "entities", "mention_entity",
                                                 "hedges"))
def extract_quotes(doc: ParsedDoc, found: Findings) -> tuple[Quote, ...]:
    return find_quotes(doc, found)
