"""The SPARQL reads behind the entity graph: one SELECT per kind of fact, ids and short
literals only (sentence texts are read later, for the edges a view draws).

Every query runs over the union of the store's graphs; rows come back as tuples of
strings (None when unbound). Nothing here builds a query from article text: the only
values pasted into a query are IRIs, through :func:`graphbuild.view.sparql.iri_values`.
"""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox

from graphbuild.view.sparql import chunks, iri_values, select

__all__ = ["ENTITIES", "ALIASES", "JOBS", "MENTIONS", "ARTICLES", "STATEMENTS", "ROLES",
           "QUOTES", "CLAIMS", "DIRECT", "OTHERS", "rows", "sentence_texts"]

ENTITIES = """SELECT ?e ?k ?t ?l WHERE { ?e gb:entityKind ?k .
  OPTIONAL { ?e a ?t } OPTIONAL { ?e rdfs:label ?l } }"""
ALIASES = "SELECT ?e ?a WHERE { ?e gb:entityKind ?k ; skos:altLabel ?a }"
JOBS = "SELECT ?e ?j WHERE { ?e gb:entityKind ?k ; schema:jobTitle ?j }"
MENTIONS = "SELECT ?a ?e WHERE { ?a schema:mentions ?e }"
ARTICLES = """SELECT ?a ?h ?d ?u ?dl WHERE { ?a a schema:NewsArticle .
  OPTIONAL { ?a schema:headline ?h } OPTIONAL { ?a schema:datePublished ?d }
  OPTIONAL { ?a schema:url ?u } OPTIONAL { ?a gb:datelineDate ?dl } }"""
STATEMENTS = """SELECT ?x ?s ?p ?o ?pl ?vt ?st ?ot ?conf ?neg ?claimer ?inq ?inc ?mod ?sent
  ?art ?h WHERE {
  ?x rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o . FILTER(isIRI(?s) && isIRI(?o))
  OPTIONAL { ?p rdfs:label ?pl } OPTIONAL { ?x gb:verbText ?vt }
  OPTIONAL { ?x gb:subjectText ?st } OPTIONAL { ?x gb:objectText ?ot }
  OPTIONAL { ?x gb:confidence ?conf } OPTIONAL { ?x gb:negated ?neg }
  OPTIONAL { ?x gb:claimedBy ?claimer } OPTIONAL { ?x gb:inQuotation ?inq }
  OPTIONAL { ?x gb:inClaim ?inc } OPTIONAL { ?x gb:modality ?mod }
  OPTIONAL { ?x gb:sentence ?sent } OPTIONAL { ?x gb:article ?art }
  OPTIONAL { ?x gb:hedge ?h } }"""
ROLES = """SELECT ?r ?h ?org ?name ?conf ?sent ?art ?p WHERE {
  ?r gb:roleHolder ?h ; gb:roleOrganization ?org .
  OPTIONAL { ?r schema:roleName ?name } OPTIONAL { ?r gb:confidence ?conf }
  OPTIONAL { ?r gb:sentence ?sent } OPTIONAL { ?r gb:article ?art }
  OPTIONAL { ?h ?p ?org FILTER(?p IN (schema:worksFor, schema:memberOf)) } }"""
QUOTES = """SELECT ?q ?sp ?text ?conf ?sent ?art ?h ?about WHERE { ?q a schema:Quotation .
  { ?q schema:spokenByCharacter ?sp } UNION { ?q schema:creator ?sp }
  OPTIONAL { ?q schema:text ?text } OPTIONAL { ?q gb:confidence ?conf }
  OPTIONAL { ?q gb:sentence ?sent } OPTIONAL { ?q gb:article ?art }
  OPTIONAL { ?q gb:hedge ?h } OPTIONAL { ?q schema:about ?about } }"""
CLAIMS = """SELECT ?c ?sp ?spt ?text ?conf ?sent ?art ?h ?about ?cue ?src WHERE {
  ?c a schema:Claim . FILTER NOT EXISTS { ?c a gb:Narrative }  # the article's own claims
  OPTIONAL { ?c schema:author ?sp } OPTIONAL { ?c gb:speakerText ?spt }
  OPTIONAL { ?c schema:text ?text } OPTIONAL { ?c gb:confidence ?conf }
  OPTIONAL { ?c gb:sentence ?sent } OPTIONAL { ?c gb:article ?art }
  OPTIONAL { { ?c gb:hedge ?h } UNION { ?c gb:doubtCue ?h } }
  OPTIONAL { ?c schema:about ?about } OPTIONAL { ?c gb:cue ?cue }
  OPTIONAL { ?c gb:source ?src } }"""


def direct_relation(var: str) -> str:
    """A SPARQL test that predicate ``?var`` is a direct relation the entity graph draws
    (a statement verb ``rel:…``, works for, member of, home, location, contained in)."""
    return (f"(STRSTARTS(STR(?{var}), STR(rel:)) || ?{var} IN (schema:worksFor, "
            "schema:memberOf, schema:homeLocation, schema:location, schema:containedInPlace))")


DIRECT = f"""SELECT DISTINCT ?s ?p ?o ?pl WHERE {{ ?s ?p ?o .
  FILTER(isIRI(?s) && isIRI(?o) && {direct_relation("p")})
  OPTIONAL {{ ?p rdfs:label ?pl }} }}"""
OTHERS = """SELECT ?c ?t ?l WHERE { VALUES ?t { gb:Concept gb:UnspecifiedAgent }
  ?c a ?t . OPTIONAL { ?c rdfs:label ?l } }"""
_SENTENCES = "SELECT ?s ?t WHERE { %s ?s schema:text ?t }"


def rows(store: ox.Store, query: str) -> Iterator[tuple[str | None, ...]]:
    """The rows of one of the queries above."""
    yield from select(store, query)


def sentence_texts(store: ox.Store, iris: set[str]) -> dict[str, str]:
    """``schema:text`` of each sentence IRI (chunks of ``VALUES``)."""
    out: dict[str, str] = {}
    for block in chunks(sorted(iris)):
        for s, t in select(store, _SENTENCES % iri_values("s", block)):
            out.setdefault(s, t)
    return out
