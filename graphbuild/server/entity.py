"""Entity pages: what the store says about one ``gbid:`` IRI, for the HTML page.

``GET /id/person/Maria_Zakharova`` is the IRI ``https://w3id.org/graphbuild/id/person/
Maria_Zakharova``. The IRI is always *bound* as ``?e`` (an Oxigraph substitution), never
pasted into query text. Works for any node under ``/id/``: entities get labels, roles,
statements, quotations and articles; statements, quotations and articles get their
property tables.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode

from graphbuild.query.format import shorten
from graphbuild.rdf.vocab import ID

__all__ = ["ID_BASE", "iri_for_path", "path_for_iri", "href_for", "ENTITY_QUERIES",
           "CONSTRUCT_ENTITY", "EXISTS_QUERY", "entity_view", "graph_href", "store_iri"]

ID_BASE = str(ID)
_IRI_TAIL = re.compile(r"[^\x00-\x20<>\"{}|^`\\]+")
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
ENTITY_KIND = "https://w3id.org/graphbuild/ns#entityKind"
#: the graph view of an entity's neighbourhood (``Pages.entity_graph``)
GRAPH_VIEW_PATH = "/view/entity"

_STATEMENTS = """
SELECT ?e ?st ?position ?s ?slabel ?stext ?verb ?negated ?o ?olabel ?otext ?complement
       ?hedge ?sentence ?article ?headline WHERE {
  { ?st rdf:subject ?e BIND("subject" AS ?position) }
  UNION { ?st rdf:object ?e BIND("object" AS ?position) }
  UNION { ?st gb:claimedBy ?e BIND("claimed" AS ?position) }
  ?st gb:verb ?verb .
  OPTIONAL { ?st rdf:subject ?s OPTIONAL { ?s rdfs:label ?slabel } }
  OPTIONAL { ?st gb:subjectText ?stext }
  OPTIONAL { ?st rdf:object ?o OPTIONAL { ?o rdfs:label ?olabel } }
  OPTIONAL { ?st gb:objectText ?otext }
  OPTIONAL { ?st gb:complement ?complement }
  OPTIONAL { ?st gb:negated ?negated }
  OPTIONAL { ?st gb:hedge ?hedge }
  OPTIONAL { ?st gb:sentence/schema:text ?sentence }
  OPTIONAL { ?st gb:article ?article OPTIONAL { ?article schema:headline ?headline } }
} ORDER BY ?position ?article ?st"""

#: name -> SELECT with ?e bound (and projected: Oxigraph substitutes projected variables)
ENTITY_QUERIES = {
    "out": "SELECT ?e ?p ?o ?olabel WHERE { ?e ?p ?o OPTIONAL { ?o rdfs:label ?olabel } }"
           " ORDER BY ?p ?o",
    "in": """SELECT ?e ?s ?p ?slabel WHERE { ?s ?p ?e
        FILTER (?p NOT IN (rdf:subject, rdf:object, gb:roleHolder, gb:roleOrganization,
                           schema:spokenByCharacter, schema:mentions, gb:claimedBy))
        OPTIONAL { ?s rdfs:label ?slabel } } ORDER BY ?p ?s""",
    "statements": _STATEMENTS,
    "roles": """SELECT ?e ?role ?name ?holder ?hlabel ?org ?orglabel ?sentence WHERE {
        { ?role gb:roleHolder ?e } UNION { ?role gb:roleOrganization ?e }
        ?role schema:roleName ?name .
        OPTIONAL { ?role gb:roleHolder ?holder OPTIONAL { ?holder rdfs:label ?hlabel } }
        OPTIONAL { ?role gb:roleOrganization ?org OPTIONAL { ?org rdfs:label ?orglabel } }
        OPTIONAL { ?role gb:sentence/schema:text ?sentence } } ORDER BY ?role""",
    "quotes": """SELECT ?e ?q ?text ?cue ?article ?headline WHERE {
        ?q schema:spokenByCharacter ?e ; schema:text ?text .
        OPTIONAL { ?q gb:attributionCue ?cue }
        OPTIONAL { ?q gb:article ?article OPTIONAL { ?article schema:headline ?headline } }
        } ORDER BY ?article ?q""",
    "articles": """SELECT ?e ?article ?headline WHERE { ?article schema:mentions ?e
        OPTIONAL { ?article schema:headline ?headline } } ORDER BY ?article""",
}

#: the entity's own triples (its CBD: the graph has no blank nodes) plus the statements,
#: roles and quotations about it
CONSTRUCT_ENTITY = """CONSTRUCT { ?e ?p ?o . ?x ?xp ?xo . } WHERE {
  { ?e ?p ?o }
  UNION { ?x rdf:subject ?e . ?x ?xp ?xo }
  UNION { ?x rdf:object ?e . ?x ?xp ?xo }
  UNION { ?x gb:claimedBy ?e . ?x ?xp ?xo }
  UNION { ?x gb:roleHolder ?e . ?x ?xp ?xo }
  UNION { ?x schema:spokenByCharacter ?e . ?x ?xp ?xo }
}"""

EXISTS_QUERY = "SELECT ?e ?s WHERE { { ?e ?p ?s } UNION { ?s ?p ?e } } LIMIT 1"


def iri_for_path(path: str) -> str | None:
    """``/id/person/X`` (as sent, percent-encoded) -> the entity IRI, or None."""
    tail = path[len("/id/"):] if path.startswith("/id/") else ""
    return ID_BASE + tail if tail and _IRI_TAIL.fullmatch(tail) else None


def path_for_iri(iri: str) -> str:
    return "/id/" + iri[len(ID_BASE):]


def store_iri(text: str) -> str | None:
    """``text`` if it is an IRI an entity page could have (``gbid:`` and a well-formed
    tail, as :func:`iri_for_path` accepts), else None."""
    if not text.startswith(ID_BASE):
        return None
    return text if iri_for_path(path_for_iri(text)) == text else None


def graph_href(iri: str) -> str:
    """The graph view of ``iri``'s neighbourhood: ``/view/entity?iri=…`` (encoded)."""
    return GRAPH_VIEW_PATH + "?" + urlencode({"iri": iri})


def href_for(iri: str) -> str | None:
    """Where a link to ``iri`` goes: our entity page, the IRI itself if http(s), or None."""
    if iri.startswith(ID_BASE) and len(iri) > len(ID_BASE):
        return path_for_iri(iri)
    if iri.startswith(("http://", "https://")):
        return iri
    return None


def _value(term: Any) -> str | None:
    return term[1] if term else None


def _node(term: Any, label: Any = None, fallback: str | None = None) -> dict[str, Any]:
    """A term for the template: {text, href}."""
    if term is None:
        return {"text": fallback or "", "href": None}
    if term[0] == "uri":
        return {"text": _value(label) or fallback or shorten(term[1]), "href": href_for(term[1])}
    return {"text": term[1], "href": None}


def _statements(rows: list[dict]) -> list[dict[str, Any]]:
    groups: dict[str, dict[str, Any]] = {}
    for r in rows:
        st = r["st"][1]
        key = f"{r['position'][1]} {st}"
        g = groups.get(key)
        if g is None:
            verb = r["verb"][1]
            if _value(r["negated"]) in ("true", "1"):
                verb = f"not {verb}"
            if r["complement"]:
                verb = f"{verb} … {r['complement'][1]}"
            g = groups[key] = {
                "position": r["position"][1], "href": href_for(st), "verb": verb,
                "subject": _node(r["s"], r["slabel"], _value(r["stext"])),
                "object": _node(r["o"], r["olabel"], _value(r["otext"])),
                "sentence": _value(r["sentence"]) or "",
                "article": _node(r["article"], r["headline"]), "hedge_set": []}
        hedge = _value(r["hedge"])
        if hedge and hedge not in g["hedge_set"]:
            g["hedge_set"].append(hedge)
    for g in groups.values():
        g["hedges"] = ", ".join(g.pop("hedge_set"))
    return list(groups.values())


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def entity_view(iri: str, rows: dict[str, list[dict]], limit: int) -> dict[str, Any]:
    """The template's ``e``: everything the page shows, as plain strings and links."""
    out = rows["out"]

    def values(prop: str) -> list[str]:
        return _unique([r["o"][1] for r in out if r["p"][1] == prop])

    labels = values("http://www.w3.org/2000/01/rdf-schema#label")
    statements = _statements(rows["statements"])
    seen: set[tuple] = set()
    outgoing, incoming = [], []
    for r in out:
        key = ("o", r["p"][1], r["o"])
        if key not in seen:
            seen.add(key)
            outgoing.append({"prop": shorten(r["p"][1]), "value": _node(r["o"], r["olabel"])})
    for r in rows["in"]:
        key = ("i", r["p"][1], r["s"])
        if key not in seen:
            seen.add(key)
            incoming.append({"prop": shorten(r["p"][1]), "value": _node(r["s"], r["slabel"])})
    roles = {r["role"][1]: {"name": r["name"][1], "holder": _node(r["holder"], r["hlabel"]),
                            "org": _node(r["org"], r["orglabel"]),
                            "sentence": _value(r["sentence"]) or ""} for r in rows["roles"]}
    quotes = {r["q"][1]: {"text": r["text"][1], "cue": _value(r["cue"]) or "",
                          "href": href_for(r["q"][1]),
                          "article": _node(r["article"], r["headline"])}
              for r in rows["quotes"]}
    articles = {r["article"][1]: _node(r["article"], r["headline"]) for r in rows["articles"]}
    headings = (("subject", "What it did"), ("object", "What was done to it"),
                ("claimed", "What it claimed (in quotations)"))
    groups = [{"heading": heading, "rows": [s for s in statements if s["position"] == pos]}
              for pos, heading in headings]
    return {
        "iri": iri, "path": path_for_iri(iri),
        "graph": graph_href(iri) if values(ENTITY_KIND) else None,
        "title": labels[0] if labels else shorten(iri),
        "labels": labels,
        "types": [shorten(t) for t in values(RDF_TYPE)],
        "aliases": values("http://www.w3.org/2004/02/skos/core#altLabel"),
        "job_titles": values("https://schema.org/jobTitle"),
        "roles": list(roles.values()), "quotes": list(quotes.values()),
        "articles": list(articles.values()),
        "statement_groups": [g for g in groups if g["rows"]],
        "outgoing": outgoing, "incoming": incoming,
        "truncated": any(len(v) >= limit for v in rows.values()), "limit": limit,
    }
