"""Namespaces and IRI rules of the graphbuild graph (documented in ontology.ttl and README)."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from importlib import resources
from urllib.parse import quote

from rdflib import Graph, Namespace
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

SDO = Namespace("https://schema.org/")
GB = Namespace("https://w3id.org/graphbuild/ns#")  # classes and properties
REL = Namespace("https://w3id.org/graphbuild/rel/")  # open verb relations: rel:urge
ID = Namespace("https://w3id.org/graphbuild/id/")  # data: entities, articles, statements
GRAPH = Namespace("https://w3id.org/graphbuild/graph/")  # named graphs

ENTITY_GRAPH = GRAPH["entities"]

PREFIXES = {
    "schema": SDO,
    "gb": GB,
    "rel": REL,
    "gbid": ID,
    # one prefix per entity kind, so entity IRIs read as person:Maria_Zakharova in Turtle and
    # can be written that way in SPARQL
    "person": ID["person/"],
    "organization": ID["organization/"],
    "place": ID["place/"],
    "thing": ID["other/"],
    "prov": PROV,
    "skos": SKOS,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "owl": OWL,
}

__all__ = ["SDO", "GB", "REL", "ID", "GRAPH", "ENTITY_GRAPH", "PREFIXES", "bind_prefixes",
           "slug", "entity_iri", "article_iri", "article_graph_iri", "relation_iri",
           "short_hash", "ontology"]


def bind_prefixes(graph: Graph) -> Graph:
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)
    return graph


_WS = re.compile(r"\s+")


def slug(text: str) -> str:
    """An IRI path segment for any text: NFC, spaces to ``_``, everything else outside
    ``[A-Za-z0-9_.-]`` percent-encoded (UTF-8), so quotes, ``<>``, accents and non-Latin
    letters all give valid IRIs."""
    norm = _WS.sub("_", unicodedata.normalize("NFC", text).strip())
    return quote(norm, safe="-._~") or "_"


def short_hash(*parts: object, n: int = 12) -> str:
    h = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8"))
    return h.hexdigest()[:n]


def entity_iri(kind: str, label: str):
    """Stable entity IRI: depends on the entity's kind and canonical label only."""
    return ID[f"{kind}/{slug(label)}"]


def article_iri(article_id: str):
    return ID[f"article/{slug(article_id)}"]


def article_graph_iri(article_id: str):
    return GRAPH[f"article/{slug(article_id)}"]


def relation_iri(verb: str):
    """``rel:urge``, ``rel:base_on``: the direct edge property for a verb lemma."""
    return REL[slug(verb.lower().replace(" ", "_"))]


def ontology() -> Graph:
    """The graphbuild vocabulary (classes and properties with rdfs:comment) as a Graph."""
    g = Graph()
    g.parse(data=resources.files("graphbuild.rdf").joinpath("ontology.ttl").read_text("utf-8"),
            format="turtle")
    return g
