"""Timeline rows read from a store with SPARQL; the entity or narrative is a bound value
(pyoxigraph substitutions), never pasted into the query text.

Date of a row: the fact's ``schema:dateCreated`` (when the text says when), else its
article's ``schema:datePublished``, else none ("undated", sorted last). Outlet: the
article's publisher (``schema:publisher`` label), else its ``gb:sourcePath``.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox

from graphbuild.errors import TimelineEntityError, TimelineNarrativeError
from graphbuild.view.sparql import select

__all__ = ["Event", "KINDS", "entity_timeline", "narrative_timeline", "resolve_entity"]

#: what a row is, seen from the entity
KINDS = ("said", "said about", "did", "done to")


@dataclass(frozen=True)
class Event:
    """One row of a timeline."""

    date: str | None  # YYYY-MM-DD (or the store's lexical form); None: undated
    kind: str  # said / said about / did / done to / first / repeat
    who: str  # speaker (said, said about, appearances) or subject (did, done to)
    text: str  # quotation text, claim content, or subject-verb-object
    headline: str
    outlet: str
    url: str
    article: str  # the article's IRI
    node: str  # the quotation's, claim's or statement's IRI
    start: int = 0  # character offset in the article (order within an article)

    def as_dict(self) -> dict[str, str]:
        """The row for JSON/CSV output (``undated`` for no date)."""
        return {"date": self.date or "undated", "kind": self.kind, "who": self.who,
                "text": self.text, "headline": self.headline, "outlet": self.outlet,
                "url": self.url, "article": self.article, "node": self.node}


#: what every row reads of its node and of its article (both queries)
_NODE_FIELDS = """  OPTIONAL { ?node gb:article ?article }
  OPTIONAL { ?node schema:text ?text }
  OPTIONAL { ?node schema:dateCreated ?created }
  OPTIONAL { ?node gb:startOffset ?start }
  OPTIONAL { ?node schema:spokenByCharacter|schema:author ?agent . ?agent rdfs:label ?speaker }
  OPTIONAL { ?node gb:speakerText ?speakerText }
"""
_ARTICLE_FIELDS = """  OPTIONAL { ?article schema:datePublished ?published }
  OPTIONAL { ?article schema:headline ?headline }
  OPTIONAL { ?article schema:url ?url }
  OPTIONAL { ?article schema:publisher/rdfs:label ?publisher }
  OPTIONAL { ?article gb:sourcePath ?path }
"""

_RESOLVE = """
SELECT DISTINCT ?entity ?wanted WHERE {
  ?entity gb:entityKind ?kind ; rdfs:label|skos:altLabel|schema:name ?name .
  FILTER (LCASE(STR(?name)) = ?wanted)
} ORDER BY ?entity
"""

_IS_ENTITY = "SELECT ?k ?e WHERE { ?e gb:entityKind ?k } LIMIT 1"

_NAMES = """
SELECT DISTINCT ?name WHERE { ?entity gb:entityKind ?kind ; rdfs:label|skos:altLabel ?name }
"""


def resolve_entity(store: ox.Store, name: str) -> list[str]:
    """IRIs of the entities whose label or alias is ``name`` (case-insensitive; an IRI
    of an entity is itself). None: :class:`TimelineEntityError` naming close matches."""
    text = name.strip()
    if text.startswith(("http://", "https://")):
        try:
            node = ox.NamedNode(text.strip("<>"))
        except ValueError:
            node = None
        if node is not None and list(select(store, _IS_ENTITY, {"e": node})):
            return [node.value]
    hits = [row[0] for row in select(store, _RESOLVE, {"wanted": ox.Literal(text.lower())})]
    if hits:
        return hits
    names = sorted({row[0] for row in select(store, _NAMES) if row[0]})
    lower: dict[str, str] = {}
    for n in names:
        lower.setdefault(n.lower(), n)
    low = text.lower()
    close = [lower[c] for c in difflib.get_close_matches(low, list(lower), n=6, cutoff=0.6)]
    close += [n for n in names if low and low in n.lower() and n not in close][:6]
    hint = f"; close matches: {', '.join(repr(c) for c in close[:8])}" if close else ""
    raise TimelineEntityError(f"no entity called {name!r} (label, alias or IRI){hint}")


# Oxigraph substitutes only projected variables: the bound one is the last column.
# One row per (fact, kind); several speakers, labels or publishers give several rows,
# merged in Python
_ENTITY = """
SELECT ?node ?kind ?article ?created ?published ?headline ?url ?publisher ?path ?start
       ?text ?speaker ?speakerText ?subject ?subjectText ?verb ?negated ?object ?objectText
       ?entity
WHERE {
  { ?node a schema:Quotation ; schema:spokenByCharacter ?entity . BIND ("said" AS ?kind) }
  UNION { ?node a schema:Claim ; schema:author ?entity . BIND ("said" AS ?kind) }
  UNION { ?node schema:about ?entity .
          { ?node a schema:Quotation } UNION { ?node a schema:Claim }
          FILTER NOT EXISTS { ?node schema:spokenByCharacter|schema:author ?entity }
          BIND ("said about" AS ?kind) }
  UNION { ?node a gb:Statement ; rdf:subject ?entity . BIND ("did" AS ?kind) }
  UNION { ?node a gb:Statement ; rdf:object ?entity . BIND ("done to" AS ?kind) }
  FILTER NOT EXISTS { ?node a gb:Narrative }
""" + _NODE_FIELDS + """  OPTIONAL { ?node rdf:subject/rdfs:label ?subject }
  OPTIONAL { ?node gb:subjectText ?subjectText }
  OPTIONAL { ?node gb:verb ?lemma }
  OPTIONAL { ?node rdf:predicate ?predicate }
  OPTIONAL { ?node rdf:predicate/rdfs:label ?property }
  BIND (COALESCE(?lemma, ?property, ?predicate) AS ?verb)
  OPTIONAL { ?node gb:negated ?negated }
  OPTIONAL { ?node rdf:object/rdfs:label ?object }
  OPTIONAL { ?node gb:objectText ?objectText }
""" + _ARTICLE_FIELDS + "}\n"

_NARRATIVE = """
SELECT ?node ?kind ?article ?created ?published ?headline ?url ?publisher ?path ?start
       ?text ?speaker ?speakerText ?subject ?subjectText ?verb ?negated ?object ?objectText
       ?narrative
WHERE {
  ?narrative a gb:Narrative ; schema:appearance ?node .
  OPTIONAL { ?narrative schema:firstAppearance ?first }
  BIND (IF(COALESCE(?node = ?first, false), "first", "repeat") AS ?kind)
""" + _NODE_FIELDS + _ARTICLE_FIELDS + "}\n"

_COLS = ("node", "kind", "article", "created", "published", "headline", "url", "publisher",
         "path", "start", "text", "speaker", "speakerText", "subject", "subjectText", "verb",
         "negated", "object", "objectText")


def _file(path: str) -> str:
    """A source path without the line of a JSONL file ("corpus.jsonl:12" -> "corpus.jsonl"):
    the file stands for the outlet, not each of its lines."""
    return re.sub(r":[0-9]+$", "", path)


def _first(values: set[str]) -> str:
    return min(values) if values else ""


def _events(rows: Iterable[tuple]) -> list[Event]:
    merged: dict[tuple[str, str], dict[str, set[str]]] = {}
    for row in rows:
        rec = dict(zip(_COLS, row[:len(_COLS)], strict=True))
        slot = merged.setdefault((rec["node"], rec["kind"]), {c: set() for c in _COLS})
        for col, value in rec.items():
            if value is not None:
                slot[col].add(str(value))
    out = []
    for (node, kind), v in merged.items():
        date = _first(v["created"]) or _first(v["published"]) or None
        if kind in ("did", "done to"):
            subject = _first(v["subject"]) or _first(v["subjectText"])
            verb = _verb(_first(v["verb"]))
            if v["negated"] & {"true", "1"}:  # Virtuoso answers xsd:boolean true as 1
                verb = f"not {verb}"
            obj = _first(v["object"]) or _first(v["objectText"])
            who, text = subject, " ".join(p for p in (subject, verb, obj) if p)
        else:
            who = ", ".join(sorted(v["speaker"])) or _first(v["speakerText"])
            text = _first(v["text"])
        start = min((int(s) for s in v["start"] if s.lstrip("-").isdigit()), default=0)
        out.append(Event(date=date[:10] if date else None, kind=kind, who=who, text=text,
                         headline=_first(v["headline"]),
                         outlet=", ".join(sorted(v["publisher"])) or _file(_first(v["path"])),
                         url=_first(v["url"]), article=_first(v["article"]), node=node,
                         start=start))
    return _unrepeated(sorted(out, key=_order))


def _verb(value: str) -> str:
    """A lemma or property label as is; a property IRI without a label by its local name
    (``https://schema.org/worksFor`` -> ``works for``)."""
    if "/" not in value and "#" not in value:
        return value
    local = re.split(r"[/#]", value.rstrip("/#"))[-1]
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", local).replace("_", " ").lower()


def _unrepeated(events: list[Event]) -> list[Event]:
    """One row per (article, kind, text): a quotation is often also written as the claim it
    reports, with the same words."""
    seen: set[tuple[str, str, str]] = set()
    out = []
    for e in events:
        key = (e.article, e.kind, " ".join(re.findall(r"\w+", e.text.lower())))
        if e.text and key in seen:
            continue
        seen.add(key)
        out.append(e)
    return out


def _order(e: Event) -> tuple:
    return (e.date is None, e.date or "", e.article, e.start, KINDS.index(e.kind)
            if e.kind in KINDS else -1 if e.kind == "first" else 9, e.node)


def entity_timeline(store: ox.Store, entities: str | Iterable[str]) -> list[Event]:
    """Every quotation and claim the entity said or that is about it, and every statement
    it is the subject or object of, in date order (undated last)."""
    iris = [entities] if isinstance(entities, str) else list(entities)
    rows: list[tuple] = []
    for iri in iris:
        rows += select(store, _ENTITY, {"entity": ox.NamedNode(iri)})
    return _events(rows)


def narrative_timeline(store: ox.Store, narrative: str) -> list[Event]:
    """The appearances of a narrative (kind ``first`` or ``repeat``), in date order."""
    try:
        node = ox.NamedNode(narrative.strip().strip("<>"))
    except ValueError as err:
        raise TimelineNarrativeError(f"{narrative!r} is not an IRI") from err
    rows = list(select(store, _NARRATIVE, {"narrative": node}))
    if not rows:
        raise TimelineNarrativeError(
            f"no narrative {node.value} in the store (graphbuild query --example "
            "narrative-first-said lists them)")
    return _events(rows)
