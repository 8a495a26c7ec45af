"""graphbuild's findings as benchmark-neutral predictions: typed spans and named facts.

A :class:`PredSpan` is a stretch of the article that graphbuild types: a mention of an entity
(typed by the entity's kind and schema.org class), a quantity, the dateline's date. A
:class:`Fact` is a binary relation between two spans, named as in graphbuild's graph:
``schema:worksFor`` (a role in an organisation), ``rel:<verb>`` (a subject–verb–object
statement, e.g. ``rel:kill``, ``rel:bear_in``), the typed relations of the trained classifier
(``schema:worksFor``, ``schema:homeLocation``, ``schema:location``, ``schema:containedInPlace``,
``rel:kill``), ``coref:sameAs`` (two different names of one
entity in one sentence). The benchmark modules map these names onto their labels through the
tables of :mod:`graphbuild.evaluate.mapping`.

Adding a source of facts (e.g. a trained relation classifier that fills a new ``Findings``
field) is one function ``(doc, found, index) -> Iterable[Fact]`` appended to
:data:`FACT_SOURCES`, plus a row per relation name in the mapping tables.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from graphbuild.extract.coref import NAME_SOURCES, norm_name
from graphbuild.extract.typed_relations import PROPERTIES as TYPED_PROPERTIES
from graphbuild.types import Argument, Findings, ParsedDoc

#: mention sources whose mentions are names (not pronouns or definite descriptions)
NAMES = frozenset(NAME_SOURCES)
CURRENCY = frozenset("£$€¥")


@dataclass(frozen=True, slots=True)
class PredSpan:
    """A typed stretch of text: ``kind`` is an entity kind (``person``, ``organization``,
    ``place``, ``other``), ``value`` (a quantity), ``date`` or ``concept`` (an argument that
    is no entity); ``schema_type`` the schema.org class (``City``, ``MonetaryAmount``…)."""

    start: int
    end: int
    kind: str
    schema_type: str
    source: str  # mention source (ner, rule:conj, pronoun…), quantity, dateline, argument
    entity: str | None = None
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class Fact:
    """A relation graphbuild states between two spans of one article."""

    name: str  # schema:worksFor, rel:<verb lemma>, coref:sameAs
    head: PredSpan
    tail: PredSpan
    qualifier: str = ""  # a role's title
    confidence: float = 1.0


class Index:
    """The mentions of an article by entity, to anchor facts on mention spans."""

    def __init__(self, doc: ParsedDoc, found: Findings) -> None:
        self.doc, self.found = doc, found
        self.entities = {e.key: e for e in found.entities}
        self.by_entity: dict[str, list[PredSpan]] = {}
        for m, keys in zip(found.mentions, found.mention_entity, strict=True):
            if len(keys) == 1 and keys[0] in self.entities:
                ent = self.entities[keys[0]]
                span = PredSpan(m.start, m.end, ent.kind.value, ent.schema_type, m.source,
                                ent.key, ent.confidence)
                self.by_entity.setdefault(ent.key, []).append(span)

    def names(self, key: str) -> list[PredSpan]:
        return [s for s in self.by_entity.get(key, []) if s.source in NAMES]

    def anchor(self, key: str, lo: int, hi: int, sent: tuple[int, int]) -> PredSpan | None:
        """The mention of entity ``key`` inside ``[lo, hi)``, else the nearest one in the
        sentence ``sent``; names are preferred to pronouns and descriptions."""
        cands = [s for s in self.by_entity.get(key, []) if sent[0] <= s.start < sent[1]]
        if not cands:
            return None

        def rank(s: PredSpan) -> tuple[int, int, int]:
            inside = lo <= s.start and s.end <= hi
            dist = 0 if inside else min(abs(s.start - hi), abs(lo - s.end))
            return (not inside, s.source not in NAMES, dist)

        return min(cands, key=rank)

    def argument(self, arg: Argument, sent: tuple[int, int]) -> PredSpan:
        """An argument as a span: its entity's mention when it is an entity, else itself."""
        if arg.entity and arg.entity in self.entities:
            ent = self.entities[arg.entity]
            found = self.anchor(arg.entity, arg.start, arg.end, sent)
            start, end = (found.start, found.end) if found else (arg.start, arg.end)
            source = found.source if found else "argument"
            return PredSpan(start, end, ent.kind.value, ent.schema_type, source, ent.key,
                            ent.confidence)
        kind, stype = ("value", _value_type(arg.quantity.unit)) if arg.quantity else \
            ("concept", "Thing")
        return PredSpan(arg.start, arg.end, kind, stype, "argument")


def _value_type(unit: str) -> str:
    return "MonetaryAmount" if unit in CURRENCY else "QuantitativeValue"


def entity_spans(index: Index, sources: frozenset[str] = NAMES) -> list[PredSpan]:
    """Mentions of entities whose source is in ``sources`` (default: names only), in text
    order, one per span and type. A mention that refers to several entities ("they") is
    left out."""
    out = {(s.start, s.end, s.kind): s for spans in index.by_entity.values()
           for s in spans if s.source in sources}
    return sorted(out.values(), key=lambda s: (s.start, s.end, s.kind))


def value_spans(doc: ParsedDoc, found: Findings) -> list[PredSpan]:
    """Quantities (``QuantitativeValue`` or, with a currency sign, ``MonetaryAmount``) and
    the dateline's date (``Date``)."""
    out = [PredSpan(q.start, q.end, "value", _value_type(q.unit), "quantity")
           for q in found.quantities]
    d = found.dateline
    if d is not None and d.date_text:
        at = doc.text.find(d.date_text, d.start, d.end)
        if at >= 0:
            out.append(PredSpan(at, at + len(d.date_text), "date", "Date", "dateline"))
    return sorted(out, key=lambda s: (s.start, s.end))


def role_facts(doc: ParsedDoc, found: Findings, index: Index) -> Iterable[Fact]:
    """``schema:worksFor`` person -> organisation, for each role with an organisation."""
    for r in found.roles:
        if not r.organization:
            continue
        sent = (r.sentence.start, r.sentence.end)
        person = index.anchor(r.person, r.start, r.end, sent)
        org = index.anchor(r.organization, r.start, r.end, sent)
        if person and org:
            yield Fact("schema:worksFor", person, org, r.title, r.confidence)


def statement_facts(doc: ParsedDoc, found: Findings, index: Index) -> Iterable[Fact]:
    """``rel:<verb>`` subject -> object, for each affirmative statement with a subject."""
    for st in found.statements:
        if st.subject is None or st.object is None or st.negated:
            continue
        sent = (st.sentence.start, st.sentence.end)
        yield Fact(f"rel:{st.verb}", index.argument(st.subject, sent),
                   index.argument(st.object, sent), st.verb, st.confidence)


def claim_facts(doc: ParsedDoc, found: Findings, index: Index) -> Iterable[Fact]:
    """``rel:<cue>`` speaker -> each entity the claim is about: "X urged Y to…" and "X
    condemned Y" are reported claims, not statements, since the verbs of saying became claims
    (issue 12); data sets that count them as relations (re3d's CommWith, Likes, Dislikes)
    read them from here."""
    for c in found.claims:
        sent = (c.sentence.start, c.sentence.end)
        for speaker in c.speakers:
            head = index.anchor(speaker, c.cue_start, c.cue_end, sent)
            for key in c.about:
                tail = index.anchor(key, c.start, c.end, sent)
                if head and tail and key != speaker:
                    yield Fact(f"rel:{c.cue}", head, tail, c.cue, c.confidence)


def typed_relation_facts(doc: ParsedDoc, found: Findings, index: Index) -> Iterable[Fact]:
    """The trained classifier's typed relations, named by their graph property
    (``schema:homeLocation``, ``rel:kill``…), on the mentions the classifier paired."""
    for r in found.typed_relations:
        head, tail = index.entities.get(r.head), index.entities.get(r.tail)
        if head is None or tail is None:
            continue
        yield Fact(TYPED_PROPERTIES[r.relation],
                   PredSpan(*r.head_span, head.kind.value, head.schema_type, "typed", head.key,
                            head.confidence),
                   PredSpan(*r.tail_span, tail.kind.value, tail.schema_type, "typed", tail.key,
                            tail.confidence),
                   confidence=r.confidence)


def alias_facts(doc: ParsedDoc, found: Findings, index: Index) -> Iterable[Fact]:
    """``coref:sameAs`` between two differently written names of one entity in one
    sentence ("the Islamic State of Iraq and the Levant (ISIL)")."""
    for key in index.by_entity:
        names = sorted(index.names(key), key=lambda s: s.start)
        for a, b in zip(names, names[1:], strict=False):
            same_sentence = doc.sentence_of(_token_at(doc, a.start)) == \
                doc.sentence_of(_token_at(doc, b.start))
            if same_sentence and norm_name(doc.text[a.start:a.end]).casefold() != \
                    norm_name(doc.text[b.start:b.end]).casefold():
                ent = index.entities[key]
                yield Fact("coref:sameAs", a, b, confidence=ent.confidence)


def _token_at(doc: ParsedDoc, char: int) -> int:
    for t in doc.tokens:
        if t.start <= char < t.end:
            return t.i
    return 0


FactSource = Callable[[ParsedDoc, Findings, Index], Iterable[Fact]]

#: every function that turns findings into facts; add one here for a new kind of finding
FACT_SOURCES: tuple[FactSource, ...] = (role_facts, statement_facts, claim_facts,
                                         typed_relation_facts, alias_facts)


def facts(doc: ParsedDoc, found: Findings, index: Index | None = None) -> list[Fact]:
    """All facts of an article, from every source in :data:`FACT_SOURCES`."""
    index = index or Index(doc, found)
    return [f for source in FACT_SOURCES for f in source(doc, found, index)]


__all__ = ["FACT_SOURCES", "Fact", "Index", "PredSpan", "entity_spans", "facts", "value_spans"]
