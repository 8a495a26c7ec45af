"""The id-only skeleton a view is chosen from, read with SPARQL filters pushed to the store.

Nothing here loads article text: entities come back as IRI + types + number of articles
mentioning them, edges as (subject, predicate, object) IRIs. Date bounds are applied in
SPARQL through the statements/roles that back each edge (their ``gb:article``'s
``schema:datePublished``); a type filter becomes a ``VALUES`` block; a focus is expanded hop
by hop with ``VALUES`` frontiers, so a focused view of a big store never reads all edges.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pyoxigraph as ox

from graphbuild.rdf.vocab import REL, SDO
from graphbuild.view.sparql import chunks, iri_values, select
from graphbuild.view.style import subtypes

__all__ = ["DateRange", "NO_DATES", "entities", "edges", "edges_around", "endpoint_type",
           "entity_count", "parse_day"]

EDGE_FILTER = (f'FILTER(isIRI(?o) && (STRSTARTS(STR(?p), "{REL}") || '
               f"?p = schema:worksFor || ?p = schema:memberOf))")
_DAY = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def parse_day(text: str, *, end: bool = False) -> str:
    """``2020``, ``2020-09`` or ``2020-09-03`` -> a comparable ``YYYY-MM-DD`` string
    (the first day of the period, or with ``end`` its last)."""
    m = _DAY.match(text.strip())
    if not m:
        raise ValueError(f"{text!r}: expected a date as YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = m.group(1), m.group(2), m.group(3)
    if day:
        return f"{year}-{month}-{day}"
    if month:
        return f"{year}-{month}-{'31' if end else '01'}"
    return f"{year}-{'12-31' if end else '01-01'}"


@dataclass(frozen=True)
class DateRange:
    """Inclusive article-date bounds (``YYYY-MM-DD`` strings); both None = no bound."""

    since: str | None = None
    until: str | None = None

    @property
    def bounded(self) -> bool:
        return self.since is not None or self.until is not None

    def sparql(self, article: str = "a") -> str:
        """A graph pattern keeping ``?article`` only if its date is in range ('' if
        unbounded). Articles without ``schema:datePublished`` fail any bound."""
        if not self.bounded:
            return ""
        tests = []
        if self.since:
            tests.append(f'?day >= "{parse_day(self.since)}"')
        if self.until:
            tests.append(f'?day <= "{parse_day(self.until, end=True)}"')
        return (f"?{article} schema:datePublished ?date . "
                f"BIND(SUBSTR(STR(?date), 1, 10) AS ?day) FILTER({' && '.join(tests)})")


NO_DATES = DateRange()


def entity_count(store: ox.Store) -> int:
    """How many entities (subjects of ``gb:entityKind``) the store holds."""
    (row,) = select(store, "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e gb:entityKind ?k }")
    return int(row[0])


def _local(iri: str) -> str:
    return iri[len(str(SDO)):] if iri.startswith(str(SDO)) else ""


def entities(store: ox.Store, *, only: list[str] | None = None,
             types: set[str] | None = None, dates: DateRange = NO_DATES
             ) -> dict[str, dict]:
    """``{iri: {"types": set of schema local names, "mentions": n}}`` for every entity (or
    those in ``only``), restricted to the schema types ``types`` (subclasses included) if
    given. ``mentions`` counts distinct articles mentioning it, within ``dates``."""
    wanted = subtypes(types) if types else None
    out: dict[str, dict] = {}
    blocks = [None] if only is None else list(chunks(sorted(only)))
    for block in blocks:
        head = iri_values("e", block) if block is not None else ""
        kind = "?e gb:entityKind ?k ."
        if wanted is not None:
            kind += " ?e a ?want . " + iri_values("want", (str(SDO[t]) for t in sorted(wanted)))
        for e, t in select(store, f"SELECT ?e ?t WHERE {{ {head} {kind} "
                                  f"OPTIONAL {{ ?e a ?t }} }}"):
            out.setdefault(e, {"types": set(), "mentions": 0})
            if t and _local(t):
                out[e]["types"].add(_local(t))
        if not out:
            continue
        query = (f"SELECT ?e (COUNT(DISTINCT ?a) AS ?n) WHERE {{ {head} ?a schema:mentions ?e . "
                 f"{dates.sparql()} }} GROUP BY ?e")
        for e, n in select(store, query):
            if e in out:
                out[e]["mentions"] = int(n)
    return out


def _edge_query(dates: DateRange, head: str = "") -> str:
    if not dates.bounded:
        return f"SELECT DISTINCT ?s ?p ?o WHERE {{ {head} ?s ?p ?o . {EDGE_FILTER} }}"
    return f"""SELECT DISTINCT ?s ?p ?o WHERE {{ {head}
      {{ ?x rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; gb:article ?a . }}
      UNION {{ ?x gb:roleHolder ?s ; gb:roleOrganization ?o ; gb:article ?a .
               VALUES ?p {{ schema:worksFor schema:memberOf }} }}
      {dates.sparql()}
      ?s ?p ?o . {EDGE_FILTER} }}"""


def edges(store: ox.Store, dates: DateRange = NO_DATES) -> set[tuple[str, str, str]]:
    """Every drawable edge (``rel:`` verbs, worksFor, memberOf) backed by an article within
    ``dates`` (every edge, backed or not, when unbounded)."""
    return {tuple(row) for row in select(store, _edge_query(dates))}  # type: ignore[misc]


def edges_around(store: ox.Store, nodes: list[str], dates: DateRange = NO_DATES
                 ) -> set[tuple[str, str, str]]:
    """The drawable edges with at least one end in ``nodes``."""
    out: set[tuple[str, str, str]] = set()
    for block in chunks(sorted(nodes)):
        for end in ("s", "o"):
            query = _edge_query(dates, iri_values(end, block))
            out.update(tuple(row) for row in select(store, query))  # type: ignore[misc]
    return out


def endpoint_type(iri: str) -> str:
    """The type of a non-entity edge end, from its documented IRI pattern."""
    if "/concept/" in iri:
        return "Concept"
    if "/agent/" in iri:
        return "UnspecifiedAgent"
    return "Thing"
