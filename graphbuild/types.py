"""Plain typed data handed from stage to stage.

Every stage of graphbuild (ingest -> parse -> extract -> resolve -> rdf) receives and
returns these frozen dataclasses. None of them holds a spaCy object; every span is a pair
of character offsets into :attr:`Article.text` (end exclusive).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Kind(str, Enum):
    """Coarse kind of a named entity; decides the IRI path and the schema.org class family."""

    PERSON = "person"
    ORGANIZATION = "organization"
    PLACE = "place"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as read from its source.

    ``text`` is the body that is parsed; every offset in the graph points into it. ``title`` is
    the headline when the source gives one (for plain text: a short first line followed by a
    blank line).
    """

    id: str
    text: str
    title: str | None = None
    date: str | None = None
    source: str | None = None  # publisher name given by the input metadata
    url: str | None = None
    path: str | None = None  # file the article came from
    content_hash: str = ""


@dataclass(frozen=True, slots=True)
class Token:
    i: int
    text: str
    start: int
    end: int
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int
    ent_type: str
    ent_iob: str
    ws: str


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    token_start: int
    token_end: int  # exclusive


@dataclass(frozen=True, slots=True)
class NerSpan:
    start: int
    end: int
    token_start: int
    token_end: int
    label: str
    text: str


@dataclass(frozen=True)
class ParsedDoc:
    """A parsed article: tokens with their dependency heads, sentences, paragraphs, NER."""

    article: Article
    model: str
    tokens: tuple[Token, ...]
    sentences: tuple[Sentence, ...]
    ents: tuple[NerSpan, ...]
    paragraphs: tuple[tuple[int, int], ...]
    children: tuple[tuple[int, ...], ...] = field(repr=False, default=())
    #: entities of graphbuild's own recogniser (PERSON/ORG/LOC/MISC), a second opinion
    aux_ents: tuple[NerSpan, ...] = ()

    @property
    def text(self) -> str:
        return self.article.text

    def sentence_of(self, token_i: int) -> Sentence:
        for sent in self.sentences:
            if sent.token_start <= token_i < sent.token_end:
                return sent
        raise IndexError(token_i)

    def paragraph_of(self, char: int) -> int:
        for n, (start, end) in enumerate(self.paragraphs):
            if start <= char < end:
                return n
        return len(self.paragraphs) - 1

    def subtree(self, i: int) -> list[int]:
        """Token indices of the subtree rooted at ``i``, in document order."""
        out, stack = [], [i]
        while stack:
            j = stack.pop()
            out.append(j)
            stack.extend(self.children[j])
        return sorted(out)

    def span_text(self, start: int, end: int) -> str:
        return self.article.text[start:end]


@dataclass(frozen=True, slots=True)
class Dateline:
    """``MOSCOW, September 3 (Sputnik) –``: place, date text and source of a wire story."""

    start: int
    end: int
    place: str
    place_start: int
    place_end: int
    date_text: str | None
    source: str | None
    source_start: int | None
    source_end: int | None


@dataclass(frozen=True, slots=True)
class Mention:
    """A stretch of text that refers to an entity, with evidence for its type.

    ``votes`` holds (label, weight, reason) triples; the coreference stage tallies them for the
    whole chain of mentions, so one misread mention does not decide an entity's type.
    ``source`` says how the mention was found: ``ner``, ``rule:…``, ``dateline``, ``pronoun``,
    ``nominal``.
    """

    start: int
    end: int
    text: str
    label: str
    token_start: int
    token_end: int
    source: str
    votes: tuple[tuple[str, float, str], ...] = ()

    @property
    def head(self) -> int:
        return self.token_end - 1


@dataclass(frozen=True, slots=True)
class Entity:
    """An entity of one article: a chain of mentions resolved to one thing.

    ``key`` is unique within the article; resolution turns it into a stable IRI.
    ``schema_type`` is a schema.org class local name (``Person``, ``GovernmentOrganization``…).
    """

    key: str
    kind: Kind
    schema_type: str
    label: str
    aliases: tuple[str, ...]
    mentions: tuple[int, ...]  # indices into Findings.mentions
    confidence: float
    canonical: str | None = None  # a gazetteer's name when it recognised the entity


@dataclass(frozen=True, slots=True)
class Quantity:
    start: int
    end: int
    value: float | int
    unit: str
    text: str


@dataclass(frozen=True, slots=True)
class Hedge:
    start: int
    end: int
    text: str
    token: int  # the token the hedge attaches to (its syntactic head)
    kind: str = "doubt"  # "doubt" (allegedly, so-called…) or "attribution" (according to…)


@dataclass(frozen=True, slots=True)
class Argument:
    """One side of a statement: a resolved entity, or a plain noun phrase (a concept)."""

    text: str
    start: int
    end: int
    entity: str | None = None  # Entity.key
    head_lemma: str = ""
    quantity: Quantity | None = None
    #: every count of a list argument ("18 accounts and two pages"); empty: ``quantity`` only
    quantities: tuple[Quantity, ...] = ()


@dataclass(frozen=True, slots=True)
class Statement:
    """Who did what to whom, in which sentence."""

    subject: Argument | None
    verb: str  # predicate lemma, with particle/preposition: "urge", "base_on"
    verb_text: str
    object: Argument | None
    start: int  # the predicate's clause span
    end: int
    sentence: Sentence
    extractor: str
    confidence: float
    voice: str = "active"
    negated: bool = False
    complement: str | None = None
    hedges: tuple[str, ...] = ()
    quote: int | None = None  # index into Findings.quotes when said inside a quotation
    #: future | possible | conditional | intended; None when stated as done (issue 12)
    modality: str | None = None
    #: other sentences that state the same fact (a headline, a repeated lead paragraph)
    also_in: tuple[Sentence, ...] = ()
    #: how the statement was read ("subject=relative", "object=prep"…): calibration input
    cues: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Quote:
    start: int  # offsets of the quoted text, quotation marks excluded
    end: int
    text: str
    speaker: str | None  # Entity.key
    cue: str | None  # the attribution verb: "said", "added"
    cue_start: int | None
    confidence: float
    hedges: tuple[str, ...] = ()
    parts: tuple[tuple[int, int], ...] = ()  # paragraph pieces of a multi-paragraph quote
    source: str | None = None  # Entity.key of an "according to X" when X is not the speaker
    about: tuple[str, ...] = ()  # Entity.keys named inside the quotation


@dataclass(frozen=True, slots=True)
class Claim:
    """Reported (indirect) speech: who claimed what ("X said that…", "according to X, …").

    ``start``/``end`` delimit the claimed content; ``speakers`` are entity keys (several for
    "X and Y said"); ``speaker_text`` is the speaker as written, ``source`` the entity of an
    "according to X" when X is a source rather than the speaker."""

    start: int
    end: int
    text: str
    cue: str  # lemma of the cue verb, or "according_to"
    cue_start: int
    cue_end: int
    speakers: tuple[str, ...]
    speaker_text: str | None
    about: tuple[str, ...]  # entity keys named inside the content
    sentence: Sentence
    extractor: str
    confidence: float
    source: str | None = None
    hedges: tuple[str, ...] = ()  # doubt cues in its sentence
    attribution_cues: tuple[str, ...] = ()  # "according to", "was quoted as saying"…
    described: bool = False  # the speaker is a description ("Opec members", "the minister")


@dataclass(frozen=True, slots=True)
class Role:
    """A person holding a position (``spokeswoman``) in an organisation."""

    person: str  # Entity.key
    title: str
    organization: str | None
    start: int
    end: int
    sentence: Sentence
    extractor: str
    confidence: float
    former: bool = False  # "former/ex-/then- chief executive"


@dataclass(frozen=True, slots=True)
class TypedRelation:
    """A typed relation between two entities of one sentence (works for, lives in, based in,
    located in, killed), found by a trained classifier."""

    relation: str  # Work_For | Live_In | OrgBased_In | Located_In | Kill
    head: str  # Entity.key
    tail: str  # Entity.key
    head_span: tuple[int, int]  # character offsets of the mentions used
    tail_span: tuple[int, int]
    sentence: Sentence
    confidence: float
    extractor: str
    #: evidence the calibration weighs: "in_quote" (both names inside one quotation), "far"
    #: (more than FAR_WORDS words between them)
    cues: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TimeExpr:
    """A time expression of the text ("on Tuesday", "last week", "3 September 2019") and the
    day it names, resolved against the article's date (issue 16).

    ``value`` is ``YYYY-MM-DD`` when the expression names a day (``precision`` "day") or a
    week ("week": the day dateparser gives, a week before the reference for "last week");
    None for a month, a year or a vague span ("recent years"). ``anchor`` is the verb the
    expression modifies in the dependency tree ("said on Tuesday" -> "said"), if any."""

    start: int  # a leading preposition included: "on Tuesday"
    end: int
    text: str
    token_start: int
    token_end: int
    value: str | None
    precision: str  # day | week | month | year | vague
    anchor: int | None = None


@dataclass(frozen=True, slots=True)
class PublishedDate:
    """The article's normalised publication date and where it came from (issue 16)."""

    value: str  # YYYY-MM-DD, or an ISO dateTime in UTC ("2019-09-03T10:00:00Z")
    datatype: str  # "date" | "dateTime"
    source: str  # "metadata" | "dateline" | "text" | "corpus"
    text: str  # the words it was read from


@dataclass(frozen=True)
class Findings:
    """Everything the extractors found in one article; each extractor fills its own fields."""

    dateline: Dateline | None = None
    mentions: tuple[Mention, ...] = ()
    entities: tuple[Entity, ...] = ()
    #: for each mention, the keys of the entities it refers to ("they" may refer to several)
    mention_entity: tuple[tuple[str, ...], ...] = ()
    quantities: tuple[Quantity, ...] = ()
    hedges: tuple[Hedge, ...] = ()
    quotes: tuple[Quote, ...] = ()
    claims: tuple[Claim, ...] = ()
    roles: tuple[Role, ...] = ()
    statements: tuple[Statement, ...] = ()
    typed_relations: tuple[TypedRelation, ...] = ()
    published: PublishedDate | None = None
    time_exprs: tuple[TimeExpr, ...] = ()

    def entity(self, key: str | None) -> Entity | None:
        if key is None:
            return None
        for ent in self.entities:
            if ent.key == key:
                return ent
        return None


@dataclass(frozen=True)
class ArticleResult:
    """An article after extraction: what the RDF stage turns into triples."""

    doc: ParsedDoc
    findings: Findings
