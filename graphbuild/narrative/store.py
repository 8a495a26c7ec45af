"""Narratives in a store, kept up to date incrementally (:func:`update_narratives`).

The store keeps, in the named graph ``GRAPH:narrative-index``, the LSH band keys of every
appearance (``<appearance> gb:shingleBand "3:9f…"``, ``gb:indexedArticle <article>``) and,
for each indexed article, the build key it was indexed at (``gb:indexedKey``). After a
build or a removal, :func:`update_narratives`

1. compares the articles' build keys (``gb:buildKey``) with the indexed ones: new and
   changed articles are (re)indexed, articles no longer stored are taken out — whatever
   command changed the store, and after an interrupted run;
2. drops the index entries and links of those articles, indexes the new appearances, and
   compares each new appearance only with its candidates (appearances sharing a band key
   or a speaker, found through the store's indexes): the cost of an added article depends
   on how many candidates it has, not on the size of the store;
3. writes an article's ``gb:indexedKey`` last, after its links: killed before, the next run
   redoes that article;
4. rewrites the narrative nodes (``GRAPH:narratives``) from all the links: connected
   components, cheap next to extraction, and independent of the order of the builds.
"""

from __future__ import annotations

import logging
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import Literal, URIRef

from graphbuild.narrative.cluster import Narrative, link_triples, narrative_triples, narratives
from graphbuild.narrative.read import appearances
from graphbuild.narrative.similar import (
    Appearance,
    Link,
    band_keys,
    compare,
    link_all,
    prefer_exact,
)
from graphbuild.rdf.vocab import GB, GRAPH
from graphbuild.store.terms import chunks, iri_values, prologue, to_ox

__all__ = ["NARRATIVE_GRAPH", "INDEX_GRAPH", "NarrativeReport", "update_narratives"]

log = logging.getLogger("graphbuild.narrative")

NARRATIVE_GRAPH = GRAPH["narratives"]
INDEX_GRAPH = GRAPH["narrative-index"]
#: part of every indexed key: a new linking method re-indexes every article
METHOD = "n4"
BATCH = 200


@dataclass
class NarrativeReport:
    indexed: int = 0  # articles (re)indexed
    removed: int = 0  # articles taken out
    links: int = 0  # links written
    narratives: list[Narrative] = field(default_factory=list)  # those (re)written
    seconds: float = 0.0


def _ox(term):  # noqa: ANN001, ANN202 - an rdflib or pyoxigraph term, as pyoxigraph's
    return term if isinstance(term, (ox.NamedNode, ox.Literal)) else to_ox(term)


_INDEXED_ARTICLE, _SHINGLE_BAND = ox.NamedNode(str(GB.indexedArticle)), ox.NamedNode(
    str(GB.shingleBand))


#: from this many quads an insert into an embedded store is a bulk load
BULK = 50_000


class _Io:
    """Reads and writes of the narrative layer over a GraphStore (embedded or remote)."""

    def __init__(self, store) -> None:  # noqa: ANN001 - a GraphStore
        self.store = store

    def rows(self, sparql: str) -> Iterable[tuple[str | None, ...]]:
        for sol in self.store.query(sparql):  # by position: much faster than by name
            yield tuple(None if t is None else t.value for t in sol)

    def update(self, sparql: str) -> None:
        self.store.update(prologue() + sparql)

    def insert(self, graph, triples: Iterable[tuple]) -> None:  # noqa: ANN001
        """Add rdflib triples to ``graph`` (pyoxigraph quads: one write for an embedded
        store, ``INSERT DATA`` requests for a remote one)."""
        g = ox.NamedNode(str(graph))
        quads = [ox.Quad(_ox(s), _ox(p), _ox(o), g) for s, p, o in triples]
        target = self.store.store
        if len(quads) >= BULK and isinstance(target, ox.Store):
            # a first indexing (hundreds of thousands of quads): written as new files, several
            # times faster than transactions; not atomic, but the pending mark set before
            # (update_narratives) makes an interrupted update start again
            target.bulk_extend(quads)
            return
        for block in chunks(quads, 5000):  # a remote store: one INSERT DATA each
            target.extend(block)




def _keys(io: _Io) -> tuple[dict[str, str], dict[str, str]]:
    stored = dict(io.rows("""SELECT ?a ?k WHERE { GRAPH ?g { ?a a schema:NewsArticle ;
                                                               gb:buildKey ?k } }"""))
    indexed = dict(io.rows(f"""SELECT ?a ?k WHERE {{ GRAPH <{INDEX_GRAPH}> {{
                                 ?a gb:indexedKey ?k }} }}"""))
    return {a: f"{k}|{METHOD}" for a, k in stored.items()}, indexed


def _touched(io: _Io, articles: list[str]) -> set[str]:
    """The appearances of ``articles`` as indexed, and the other ends of their links: the
    narratives they were in must be rewritten."""
    out: set[str] = set()
    for block in chunks(articles):
        vals = iri_values("art", block)
        out.update(x for (x,) in io.rows(f"""SELECT ?x WHERE {{ {vals}
            GRAPH <{INDEX_GRAPH}> {{ ?x gb:indexedArticle ?art }} }}"""))
        for a, b in io.rows(f"""SELECT ?a ?b WHERE {{ {vals} GRAPH <{NARRATIVE_GRAPH}> {{
                ?l gb:linkArticle ?art ; gb:linkFrom ?a ; gb:linkTo ?b }} }}"""):
            out.update((a, b))
    return out


def _drop(io: _Io, articles: list[str]) -> None:
    """Index entries, indexed keys and links of ``articles``."""
    for block in chunks(articles):
        vals = iri_values("art", block)
        io.update(f"""DELETE {{ GRAPH <{INDEX_GRAPH}> {{ ?x ?p ?o }} }}
            WHERE {{ {vals} GRAPH <{INDEX_GRAPH}> {{ ?x gb:indexedArticle ?art . ?x ?p ?o }} }}""")
        io.update(f"""DELETE {{ GRAPH <{INDEX_GRAPH}> {{ ?art gb:indexedKey ?k }} }}
            WHERE {{ {vals} GRAPH <{INDEX_GRAPH}> {{ ?art gb:indexedKey ?k }} }}""")
        io.update(f"""DELETE {{ GRAPH <{NARRATIVE_GRAPH}> {{ ?l ?p ?o . ?x gb:sameClaimAs ?y .
                                                             ?y gb:sameClaimAs ?x }} }}
            WHERE {{ {vals} GRAPH <{NARRATIVE_GRAPH}> {{ ?l gb:linkArticle ?art ;
                       gb:linkFrom ?x ; gb:linkTo ?y . ?l ?p ?o }} }}""")


def _candidates(io: _Io, new: list[Appearance], keys: dict[str, tuple[str, ...]]
                ) -> dict[str, set[str]]:
    """For each new appearance, the IRIs of indexed ones sharing a band key or a speaker.
    Only indexed ones: an article indexed later in the same update finds this one then, so
    all the links between two articles are made in one step (:func:`prefer_exact`)."""
    by_key: dict[str, set[str]] = defaultdict(set)
    for a in new:
        for k in keys[a.iri]:
            by_key[k].add(a.iri)
    out: dict[str, set[str]] = defaultdict(set)
    for block in chunks(sorted(by_key), 500):
        vals = "VALUES ?k { " + " ".join(str(ox.Literal(k)) for k in block) + " }"
        for other, k in io.rows(f"""SELECT ?x ?k WHERE {{ {vals}
                GRAPH <{INDEX_GRAPH}> {{ ?x gb:shingleBand ?k }} }}"""):
            for a in by_key[k]:
                out[a].add(other)
    by_speaker: dict[str, set[str]] = defaultdict(set)
    for a in new:
        for s in a.speakers:
            by_speaker[s].add(a.iri)
    for block in chunks(sorted(by_speaker)):
        for other, s in io.rows(f"""SELECT ?x ?s WHERE {{ {iri_values("s", block)}
                {{ ?x schema:spokenByCharacter ?s }} UNION {{ ?x schema:author ?s }}
                GRAPH <{INDEX_GRAPH}> {{ ?x gb:indexedArticle ?art }} }}"""):
            for a in by_speaker[s]:
                out[a].add(other)
    return out


def _load(io: _Io, iris: Iterable[str]) -> dict[str, Appearance]:
    out: dict[str, Appearance] = {}
    for block in chunks(sorted(set(iris))):
        for a in appearances(io.rows, iri_values("a", block)):
            out[a.iri] = a
    return out


def _index_triples(apps: Iterable[Appearance], keys: dict[str, tuple[str, ...]]
                   ) -> Iterable[tuple]:
    for a in apps:  # pyoxigraph terms: hundreds of thousands of them on a first build
        node = ox.NamedNode(a.iri)
        yield node, _INDEXED_ARTICLE, ox.NamedNode(a.article)
        for k in keys[a.iri]:
            yield node, _SHINGLE_BAND, ox.Literal(k)


def _link_everything(io: _Io, report: NarrativeReport) -> None:
    """Index and link every appearance of the store at once (a first build, or a new
    linking method): the candidates are grouped in memory instead of looked up one article
    at a time — the same links, several times faster."""
    apps = {a.iri: a for a in appearances(io.rows)}
    keys = {i: band_keys(a.text) for i, a in apps.items()}
    io.insert(INDEX_GRAPH, _index_triples(apps.values(), keys))
    links = link_all(apps, keys)
    io.insert(NARRATIVE_GRAPH, (t for lk in links for t in link_triples(lk)))
    report.links += len(links)


def _link_new(io: _Io, articles: list[str], report: NarrativeReport) -> set[str]:
    """Index the appearances of ``articles`` and link them; returns their IRIs."""
    new: list[Appearance] = []
    for block in chunks(articles):
        new.extend(appearances(io.rows, iri_values("art", block)))
    keys = {a.iri: band_keys(a.text) for a in new}
    io.insert(INDEX_GRAPH, _index_triples(new, keys))
    cands = _candidates(io, new, keys)
    others = _load(io, {c for cs in cands.values() for c in cs})
    links: dict[tuple[str, str], Link] = {}
    for a in new:
        for c in sorted(cands.get(a.iri, ())):
            other = others.get(c)
            if other is None:
                continue
            lk = compare(a, other)
            if lk is not None:
                links[(lk.a, lk.b)] = lk
    kept = prefer_exact(list(links.values()), {a.iri: a for a in new} | others)
    io.insert(NARRATIVE_GRAPH, (t for lk in kept for t in link_triples(lk)))
    report.links += len(kept)
    return {a.iri for a in new}


_LINKS = """SELECT ?l ?a ?b ?kind ?sim WHERE { %s GRAPH <%s> {
    %s ?l a gb:NarrativeLink ; gb:linkFrom ?a ; gb:linkTo ?b ; gb:linkKind ?kind ;
          gb:similarity ?sim } }"""


def _closure(io: _Io, seeds: set[str]) -> tuple[set[str], list[Link]]:
    """The appearances linked to ``seeds`` directly or not, and the links among them."""
    seen, frontier, links = set(seeds), set(seeds), {}
    while frontier:
        new: set[str] = set()
        for block in chunks(sorted(frontier)):
            for lnode, a, b, kind, sim in io.rows(_LINKS % (
                    iri_values("x", block), NARRATIVE_GRAPH,
                    "{ ?l gb:linkFrom ?x } UNION { ?l gb:linkTo ?x }")):
                links[lnode] = Link(a, b, kind, float(sim))
                new.update(y for y in (a, b) if y not in seen)
        seen |= new
        frontier = new
    return seen, list(links.values())


def _rewrite(io: _Io, report: NarrativeReport, seeds: set[str] | None = None) -> None:
    """The narrative nodes again: those of the groups the ``seeds`` are (or were) in, or all
    of them (``seeds`` None). A narrative is fixed by its set of appearances, so rewriting
    only the touched groups gives the same graph as rewriting all."""
    if seeds is None:
        links = [Link(a, b, kind, float(sim))
                 for _l, a, b, kind, sim in io.rows(_LINKS % ("", NARRATIVE_GRAPH, ""))]
        members = {x for lk in links for x in (lk.a, lk.b)}
        io.update(f"""DELETE {{ GRAPH <{NARRATIVE_GRAPH}> {{ ?n ?p ?o . ?x gb:narrative ?n }} }}
            WHERE {{ GRAPH <{NARRATIVE_GRAPH}> {{ ?n a gb:Narrative ; ?p ?o .
                     OPTIONAL {{ ?x gb:narrative ?n }} }} }}""")
    else:
        members, links = _closure(io, seeds)
        for block in chunks(sorted(members | seeds)):
            io.update(f"""DELETE {{ GRAPH <{NARRATIVE_GRAPH}> {{ ?n ?p ?o . ?y gb:narrative ?n }} }}
                WHERE {{ {iri_values("x", block)} GRAPH <{NARRATIVE_GRAPH}> {{
                  ?x gb:narrative ?n . ?n ?p ?o . ?y gb:narrative ?n }} }}""")
    found = narratives(_load(io, members), links)
    io.insert(NARRATIVE_GRAPH, (t for n in found for t in narrative_triples(n)))
    report.narratives = found


def update_narratives(store) -> NarrativeReport:  # noqa: ANN001 - a GraphStore
    """Bring the store's narratives up to date with its articles (see the module doc)."""
    started = time.perf_counter()
    io = _Io(store)
    report = NarrativeReport()
    stored, indexed = _keys(io)
    gone = sorted(set(indexed) - set(stored))
    changed = sorted(a for a, k in stored.items() if indexed.get(a) != k)
    pending = any(True for _ in io.rows(f"""SELECT ?x WHERE {{ GRAPH <{INDEX_GRAPH}> {{
        <{INDEX_GRAPH}> gb:narrativesPending ?x }} }}"""))
    if not (gone or changed or pending):
        return report
    io.insert(INDEX_GRAPH, [(INDEX_GRAPH, GB.narrativesPending, Literal(True))])
    # an interrupted update, or most of the store changed: all narratives again
    everything = pending or len(gone) + len(changed) > len(stored) // 2
    seeds = set() if everything else _touched(io, gone + changed)
    _drop(io, gone + changed)
    if everything and len(changed) == len(stored):  # every article: all at once, in memory
        _link_everything(io, report)
        io.insert(INDEX_GRAPH, ((URIRef(a), GB.indexedKey, Literal(k)) for a, k in stored.items()))
        report.indexed = len(changed)
    else:
        for block in chunks(changed, BATCH):
            seeds |= _link_new(io, block, report)
            io.insert(INDEX_GRAPH, ((URIRef(a), GB.indexedKey, Literal(stored[a]))
                                    for a in block))
            report.indexed += len(block)
    report.removed = len(gone)
    _rewrite(io, report, None if everything else seeds)
    io.update(f"""DELETE WHERE {{ GRAPH <{INDEX_GRAPH}> {{
        <{INDEX_GRAPH}> gb:narrativesPending ?x }} }}""")
    report.seconds = time.perf_counter() - started
    log.info("narratives: %d article(s) indexed, %d removed, %d link(s), %d narrative(s)",
             report.indexed, report.removed, report.links, len(report.narratives))
    return report

