"""Findings of one article -> RDF quads (schema.org + PROV-O + the graphbuild vocabulary).

Entities (types, labels, aliases) go into the shared entity graph; everything the article
says (statements, quotations, roles, direct edges, mentions) goes into the article's own
named graph. Every node gets an IRI; there are no blank nodes. See docs/graph-shape.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime, timezone
from decimal import Decimal

from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD

from graphbuild import calibration as cal
from graphbuild.rdf.vocab import (
    ENTITY_GRAPH,
    GB,
    ID,
    SDO,
    article_graph_iri,
    article_iri,
    entity_iri,
    relation_iri,
    short_hash,
    slug,
)
from graphbuild.types import ArticleResult, Entity, Findings, Kind, Sentence, Statement

Quad = tuple[URIRef, URIRef, object, URIRef]

_ORG_TYPES = {"GovernmentOrganization", "Corporation", "NewsMediaOrganization", "NGO",
              "EducationalOrganization", "PoliticalParty", "SportsTeam", "Organization"}


def entity_node(ent: Entity) -> URIRef:
    return entity_iri(ent.kind.value, ent.canonical or ent.label)


def _dec(x: float, places: int | None = 2) -> Literal:
    """``x`` as an xsd:decimal in canonical form ("0.9", "1", "5000000": no trailing zeros,
    no ".0"), rounded to ``places`` (None: as given), so rdflib and Oxigraph (which stores
    decimals canonically) hold the same literal."""
    d = Decimal(f"{x:.{places}f}") if places is not None else Decimal(repr(float(x)))
    text = format(d.normalize(), "f")
    return Literal("0" if text in {"-0", ""} else text, datatype=XSD.decimal, normalize=False)


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _date(text: str) -> tuple[Literal, Literal | None]:
    """A publication date as a literal in canonical form: xsd:date for ``YYYY-MM-DD``,
    xsd:dateTime (UTC, ``Z``, no zero fraction) for an ISO 8601 date and time, the text
    as given otherwise; and the xsd:dateTime for ``prov:generatedAtTime`` when the time is
    known."""
    raw = text.strip()
    try:
        if _ISO_DATE.match(raw):
            day = date.fromisoformat(raw).isoformat()
            return Literal(day, datatype=XSD.date, normalize=False), None
        when = datetime.fromisoformat(raw[:-1] + "+00:00" if raw.endswith("Z") else raw)
    except ValueError:
        return Literal(text), None
    if when.tzinfo is not None:
        when = when.astimezone(timezone.utc)
    stamp = when.replace(tzinfo=None).isoformat(timespec="microseconds").rstrip("0")
    stamp = stamp.rstrip(".") + ("Z" if when.tzinfo is not None else "")
    lit = Literal(stamp, datatype=XSD.dateTime, normalize=False)  # rdflib would write +00:00
    return lit, lit


def _int(x: int) -> Literal:
    return Literal(x, datatype=XSD.integer)


class _Writer:
    def __init__(self, result: ArticleResult) -> None:
        self.doc, self.found = result.doc, result.findings
        art = self.doc.article
        self.article = article_iri(art.id)
        self.graph = article_graph_iri(art.id)
        self.nodes = {e.key: entity_node(e) for e in self.found.entities}
        self.quads: list[Quad] = []
        self.sentences: set[Sentence] = set()
        self.concepts: set[URIRef] = set()

    def add(self, s, p, o, g=None) -> None:  # noqa: ANN001
        self.quads.append((s, p, o, g or self.graph))

    def prov(self, node: URIRef, sent: Sentence, start: int, end: int, extractor: str,
             confidence: float) -> None:
        """Where ``node`` came from, in graphbuild's terms and, beside them, in plain PROV-O
        (for PROV tools that do not reason over gb:'s subproperties)."""
        sentence, agent = self.sentence_iri(sent), ID[f"extractor/{extractor}"]
        self.sentences.add(sent)
        self.add(node, GB.sentence, sentence)
        self.add(node, GB.article, self.article)
        self.add(node, GB.startOffset, _int(start))
        self.add(node, GB.endOffset, _int(end))
        self.add(node, GB.extractor, agent)
        self.add(node, GB.confidence, _dec(confidence))
        self.add(node, PROV.wasDerivedFrom, sentence)
        self.add(node, PROV.hadPrimarySource, self.article)
        self.add(node, PROV.wasAttributedTo, agent)
        self.add(agent, RDF.type, GB.Extractor, ENTITY_GRAPH)
        self.add(agent, RDF.type, PROV.SoftwareAgent, ENTITY_GRAPH)
        self.add(agent, RDFS.label, Literal(extractor), ENTITY_GRAPH)

    def hedge_cues(self, node: URIRef, sent: Sentence) -> None:
        """Every hedge of the sentence on the fact read from it: gb:hedge, and gb:doubtCue or
        gb:attributionCue by its kind."""
        for h in self.found.hedges:
            if sent.start <= h.start < sent.end:
                self.add(node, GB.hedge, Literal(h.text))
                self.add(node, GB.attributionCue if h.kind == "attribution" else GB.doubtCue,
                         Literal(h.text))

    def sentence_iri(self, sent: Sentence) -> URIRef:
        return URIRef(f"{self.article}/sentence/{sent.start}-{sent.end}")


def _entities(w: _Writer) -> None:
    for ent in w.found.entities:
        node = w.nodes[ent.key]
        w.add(node, RDF.type, SDO[ent.schema_type], ENTITY_GRAPH)
        if ent.schema_type in _ORG_TYPES and ent.schema_type != "Organization":
            w.add(node, RDF.type, SDO.Organization, ENTITY_GRAPH)
        if ent.kind is Kind.PLACE and ent.schema_type != "Place":
            w.add(node, RDF.type, SDO.Place, ENTITY_GRAPH)
        w.add(node, RDFS.label, Literal(ent.label), ENTITY_GRAPH)
        w.add(node, SDO.name, Literal(ent.label), ENTITY_GRAPH)
        w.add(node, GB.entityKind, Literal(ent.kind.value), ENTITY_GRAPH)
        for alias in ent.aliases:  # the names this article uses: in its own graph, so a
            w.add(node, SKOS.altLabel, Literal(alias))  # changed article takes its own away
        w.add(w.article, SDO.mentions, node)


def _article(w: _Writer) -> None:
    art, found, a = w.doc.article, w.found, w.article
    w.add(a, RDF.type, SDO.NewsArticle)
    w.add(a, SDO.identifier, Literal(art.id))
    if art.title:
        w.add(a, SDO.headline, Literal(art.title))
    _published(w)
    if art.url:
        w.add(a, SDO.url, Literal(art.url, datatype=XSD.anyURI))
    if art.path:
        w.add(a, GB.sourcePath, Literal(art.path))
    if art.content_hash:
        w.add(a, GB.contentHash, Literal(art.content_hash))
    w.add(a, GB.model, Literal(w.doc.model))
    d = found.dateline
    by_span = _entity_at(found)
    if d is not None:
        if d.date_text:
            w.add(a, GB.datelineDate, Literal(d.date_text))
        place = by_span(d.place_start, d.place_end)
        if place:
            w.add(a, SDO.locationCreated, w.nodes[place])
        if d.source_start is not None:
            pub = by_span(d.source_start, d.source_end)
            if pub:
                w.add(a, SDO.publisher, w.nodes[pub])
                w.add(a, PROV.wasAttributedTo, w.nodes[pub])
    if art.source and (d is None or d.source_start is None):
        # the publisher named by the input's metadata (JSONL "source", a feed's title)
        pub = entity_iri(Kind.ORGANIZATION.value, art.source)
        w.add(pub, RDF.type, SDO.NewsMediaOrganization, ENTITY_GRAPH)
        w.add(pub, RDF.type, SDO.Organization, ENTITY_GRAPH)
        w.add(pub, RDFS.label, Literal(art.source), ENTITY_GRAPH)
        w.add(pub, SDO.name, Literal(art.source), ENTITY_GRAPH)
        w.add(pub, GB.entityKind, Literal(Kind.ORGANIZATION.value), ENTITY_GRAPH)
        w.add(a, SDO.publisher, pub)
        w.add(a, PROV.wasAttributedTo, pub)


def _published(w: _Writer) -> None:
    """schema:datePublished, normalised by the dates extractor, with gb:dateSource (issue 16);
    without it (extractor not run), an ISO metadata date as before."""
    art, a, pub = w.doc.article, w.article, w.found.published
    if pub is not None:
        lit = Literal(pub.value, datatype=XSD.dateTime if pub.datatype == "dateTime"
                      else XSD.date, normalize=False)
        w.add(a, SDO.datePublished, lit)
        w.add(a, GB.dateSource, Literal(pub.source))
        if pub.text != pub.value:
            w.add(a, GB.dateText, Literal(pub.text))
        if pub.datatype == "dateTime":
            w.add(a, PROV.generatedAtTime, lit)
    elif art.date:
        published, stamp = _date(art.date)
        if published.datatype is None:
            return  # not a date: left out rather than written unsortable
        w.add(a, SDO.datePublished, published)
        w.add(a, GB.dateSource, Literal("metadata"))
        if stamp is not None:
            w.add(a, PROV.generatedAtTime, stamp)


def _date_created(w: _Writer, node: URIRef, token: int | None) -> None:
    """schema:dateCreated and gb:dateText when a time expression modifies ``token`` (the cue
    verb or predicate): "said on Tuesday" (issue 16)."""
    from graphbuild.extract.dates import date_of

    t = date_of(w.doc, w.found, token)
    if t is None:
        return
    w.add(node, SDO.dateCreated, Literal(t.value, datatype=XSD.date, normalize=False))
    w.add(node, GB.dateText, Literal(t.text))
    if t.precision != "day":
        w.add(node, GB.datePrecision, Literal(t.precision))


def _entity_at(found: Findings):  # noqa: ANN202
    def at(start: int, end: int) -> str | None:
        for m, keys in zip(found.mentions, found.mention_entity, strict=True):
            if keys and m.start < end and start < m.end:
                return keys[0]
        return None

    return at


def _argument_node(w: _Writer, arg) -> URIRef:  # noqa: ANN001
    if arg is None:
        node = URIRef(f"{w.article}/agent/unspecified")
        w.add(node, RDF.type, GB.UnspecifiedAgent)
        w.add(node, RDFS.label, Literal("unspecified agent"))
        return node
    if arg.entity:
        return w.nodes[arg.entity]
    node = URIRef(f"{w.article}/concept/{slug(arg.head_lemma or arg.text.lower())}")
    if node in w.concepts:  # one node per noun phrase, labelled once ("18 accounts",
        return node         # "the deleted accounts": the first wording names it)
    w.concepts.add(node)
    w.add(node, RDF.type, GB.Concept)
    w.add(node, RDFS.label, Literal(arg.text))
    w.add(node, GB.headLemma, Literal(arg.head_lemma))
    return node


def _stated_as_leading(w: _Writer, st: Statement) -> bool:
    from graphbuild.extract.typed_relations import LEAD_NAME

    if st.subject is None or st.object is None:
        return False
    return any(r.extractor == LEAD_NAME and r.head == st.subject.entity
               and r.tail == st.object.entity and r.sentence == st.sentence
               for r in w.found.typed_relations)


def _statement(w: _Writer, st: Statement) -> None:
    if _stated_as_leading(w, st):
        return  # "X is led by Y": the typed relation gb:leads, not an action
    named = cal.has_named_participant(st, w.found)
    if not named and cal.named_only():
        return  # build --named-only
    confidence = cal.statement_confidence(st, w.found)
    if confidence < cal.min_confidence():
        return
    s = _argument_node(w, st.subject)
    o = _argument_node(w, st.object) if st.object is not None else None  # None: intransitive
    p = relation_iri(st.verb)
    if o is not None:
        w.add(s, p, o)
    w.add(p, RDF.type, GB.VerbRelation, ENTITY_GRAPH)
    w.add(p, RDFS.label, Literal(st.verb.replace("_", " ")), ENTITY_GRAPH)
    node = URIRef(f"{w.article}/statement/" + short_hash(
        st.start, st.end, st.verb, st.subject and st.subject.start,
        st.subject and st.subject.entity, st.object and st.object.start,
        st.object and st.object.entity))
    w.add(node, RDF.type, GB.Statement)
    w.add(node, RDF.subject, s)
    w.add(node, RDF.predicate, p)
    if o is not None:
        w.add(node, RDF.object, o)
    w.add(node, GB.verb, Literal(st.verb))
    w.add(node, GB.verbText, Literal(st.verb_text))
    w.add(node, GB.voice, Literal(st.voice))
    # the view and the example queries show the statements with a named participant
    w.add(node, GB.namedParticipant, Literal(named))
    if st.negated:
        w.add(node, GB.negated, Literal(True))
    if st.modality:
        w.add(node, GB.modality, Literal(st.modality))
    if st.subject is not None:
        w.add(node, GB.subjectText, Literal(st.subject.text))
    if st.object is not None:
        w.add(node, GB.objectText, Literal(st.object.text))
    if st.complement:
        w.add(node, GB.complement, Literal(st.complement))
    for h in st.hedges:
        w.add(node, GB.hedge, Literal(h))
    w.hedge_cues(node, st.sentence)
    counts = () if st.object is None else \
        st.object.quantities or ((st.object.quantity,) if st.object.quantity else ())
    for q in counts:  # "18 accounts and two pages": both counts
        qn = URIRef(f"{node}/quantity/{q.start}-{q.end}")
        w.add(node, GB.quantity, qn)
        w.add(qn, RDF.type, SDO.QuantitativeValue)
        w.add(qn, SDO.value, _int(q.value) if isinstance(q.value, int) else _dec(q.value, None))
        w.add(qn, SDO.unitText, Literal(q.unit))
    if st.quote is not None:
        quote = w.found.quotes[st.quote]
        w.add(node, GB.inQuotation, _quote_iri(w, quote))
        if quote.speaker:
            w.add(node, GB.claimedBy, w.nodes[quote.speaker])
    w.prov(node, st.sentence, st.start, st.end, st.extractor, confidence)
    if w.found.time_exprs:
        from graphbuild.extract.dates import predicate_token

        _date_created(w, node, predicate_token(w.doc, st.start, st.end, st.verb))
    for sent in st.also_in:  # the same fact stated again (headline, repeated lead)
        w.sentences.add(sent)
        w.add(node, GB.alsoStatedIn, w.sentence_iri(sent))
        w.add(node, PROV.wasDerivedFrom, w.sentence_iri(sent))


def _quote_iri(w: _Writer, q) -> URIRef:  # noqa: ANN001
    return URIRef(f"{w.article}/quote/{q.start}-{q.end}")


def _quotes(w: _Writer) -> None:
    starts = [t.start for t in w.doc.tokens]
    from graphbuild.extract._syntax import token_at

    for q in w.found.quotes:
        confidence = cal.quote_confidence(q)  # calibrated (issue 12)
        if confidence < cal.min_confidence():
            continue
        node = _quote_iri(w, q)
        w.add(node, RDF.type, SDO.Quotation)
        w.add(node, SDO.text, Literal(q.text))
        w.add(node, SDO.isPartOf, w.article)
        if q.speaker:
            w.add(node, SDO.spokenByCharacter, w.nodes[q.speaker])
            w.add(node, SDO.creator, w.nodes[q.speaker])
        if q.cue:
            w.add(node, GB.attributionCue, Literal(q.cue))
        if q.source:
            w.add(node, GB.source, w.nodes[q.source])
        for k in q.about:
            w.add(node, SDO.about, w.nodes[k])
        for h in q.hedges:
            w.add(node, GB.hedge, Literal(h))
        sent = w.doc.sentence_of(token_at(w.doc, starts, q.start))
        w.hedge_cues(node, sent)
        w.prov(node, sent, q.start, q.end, "quotes", confidence)
        if q.cue_start is not None:
            _date_created(w, node, token_at(w.doc, starts, q.cue_start))


def _speaker_concept(w: _Writer, text: str) -> URIRef:
    words = text.split()
    if words and words[0].lower() in {"a", "an", "the", "some", "several", "many", "other"}:
        words = words[1:]
    node = URIRef(f"{w.article}/concept/{slug(' '.join(words).lower() or text)}")
    w.add(node, RDF.type, GB.Concept)
    w.add(node, RDFS.label, Literal(" ".join(words) or text))
    return node


def _claims(w: _Writer) -> None:
    """Reported claims (schema:Claim), shape in docs/graph-shape.md: speaker, content, cue,
    the entities it is about, its source, hedges, and provenance as statements."""
    from graphbuild.extract.dates import cue_token

    for c in w.found.claims:
        confidence = cal.claim_confidence(c)  # calibrated (issue 12)
        if confidence < cal.min_confidence():
            continue
        node = URIRef(f"{w.article}/claim/{c.start}-{c.end}")
        w.add(node, RDF.type, SDO.Claim)
        w.add(node, SDO.text, Literal(c.text))
        w.add(node, GB.cue, Literal(c.cue))
        w.add(node, SDO.appearance, w.article)
        for k in c.speakers:
            w.add(node, SDO.author, w.nodes[k])
        if c.speaker_text:
            w.add(node, GB.speakerText, Literal(c.speaker_text))
            if not c.speakers or c.described:  # "security firms": a concept, as statements do
                w.add(node, GB.speaker, _speaker_concept(w, c.speaker_text))
        for k in c.about:
            w.add(node, SDO.about, w.nodes[k])
        if c.source:
            w.add(node, GB.source, w.nodes[c.source])
        for h in c.hedges:
            w.add(node, GB.hedge, Literal(h))
            w.add(node, GB.doubtCue, Literal(h))
        for h in c.attribution_cues:
            w.add(node, GB.hedge, Literal(h))
            w.add(node, GB.attributionCue, Literal(h))
        w.hedge_cues(node, c.sentence)
        w.prov(node, c.sentence, c.start, c.end, c.extractor, confidence)
        if c.cue != "according_to":
            _date_created(w, node, cue_token(w.doc, c.cue_start))


def _roles(w: _Writer) -> None:
    for r in w.found.roles:
        person = w.nodes[r.person]
        org = w.nodes[r.organization] if r.organization else None
        node = URIRef(f"{w.article}/role/{short_hash(r.person, r.title, r.organization)}")
        w.add(node, RDF.type, SDO.OrganizationRole)
        w.add(node, SDO.roleName, Literal(r.title))
        if r.former:
            w.add(node, GB.former, Literal(True))
        w.add(node, GB.roleHolder, person)
        w.add(person, SDO.jobTitle, Literal(r.title))
        w.add(person, GB.hasRole, node)
        if org is not None:
            w.add(node, GB.roleOrganization, org)
            w.add(person, SDO.worksFor, org)
        w.prov(node, r.sentence, r.start, r.end, r.extractor, r.confidence)


def _typed_relations(w: _Writer) -> None:
    """Each typed relation: the direct edge with its schema.org property (``rel:kill`` for
    Kill, plus a ``gb:Killing`` event with ``schema:agent`` and ``gb:victim``) and a
    ``gb:Statement`` node with the evidence."""
    from graphbuild.extract.typed_relations import PROPERTIES

    for r in w.found.typed_relations:
        if r.head not in w.nodes or r.tail not in w.nodes:
            continue
        if not cal.asserted(r):
            continue
        confidence = cal.relation_confidence(r)
        s, o = w.nodes[r.head], w.nodes[r.tail]
        prefix, name = PROPERTIES[r.relation].split(":")
        p = SDO[name] if prefix == "schema" else GB[name] if prefix == "gb" else \
            relation_iri(name)
        w.add(s, p, o)
        if p == GB.leads:  # gb:leads is a sub-property of schema:worksFor: stated as well
            w.add(s, SDO.worksFor, o)
        if prefix == "rel":
            w.add(p, RDF.type, GB.VerbRelation, ENTITY_GRAPH)
            w.add(p, RDFS.label, Literal(name.replace("_", " ")), ENTITY_GRAPH)
        key = short_hash("typed", r.relation, r.head, r.tail, *r.head_span, *r.tail_span)
        node = URIRef(f"{w.article}/statement/{key}")
        w.add(node, RDF.type, GB.Statement)
        w.add(node, RDF.subject, s)
        w.add(node, RDF.predicate, p)
        if p == GB.leads:
            w.add(node, RDF.predicate, SDO.worksFor)
        w.add(node, RDF.object, o)
        w.add(node, GB.subjectText, Literal(w.doc.text[slice(*r.head_span)]))
        w.add(node, GB.objectText, Literal(w.doc.text[slice(*r.tail_span)]))
        start, end = min(r.head_span[0], r.tail_span[0]), max(r.head_span[1], r.tail_span[1])
        w.prov(node, r.sentence, start, end, r.extractor, confidence)
        w.hedge_cues(node, r.sentence)
        if r.relation == "Kill":
            event = URIRef(f"{w.article}/event/killing/{key}")
            w.add(event, RDF.type, GB.Killing)
            w.add(event, RDF.type, SDO.Event)
            w.add(event, SDO.agent, s)
            w.add(event, GB.victim, o)
            w.add(node, GB.event, event)
            w.prov(event, r.sentence, start, end, r.extractor, confidence)


def _sentences(w: _Writer) -> None:
    for sent in sorted(w.sentences, key=lambda s: s.start):
        node = w.sentence_iri(sent)
        w.add(node, RDF.type, GB.Sentence)
        w.add(node, SDO.text, Literal(w.doc.text[sent.start:sent.end].strip()))
        w.add(node, GB.startOffset, _int(sent.start))
        w.add(node, GB.endOffset, _int(sent.end))
        w.add(node, GB.article, w.article)
        w.add(node, PROV.wasDerivedFrom, w.article)


def article_quads(result: ArticleResult) -> Iterator[Quad]:
    """All quads for one article (entity-graph quads included)."""
    w = _Writer(result)
    _article(w)
    _entities(w)
    for st in w.found.statements:
        _statement(w, st)
    _quotes(w)
    _claims(w)
    _roles(w)
    _typed_relations(w)
    _sentences(w)
    return iter(w.quads)
