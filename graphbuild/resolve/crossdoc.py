"""Entities across articles: conservative merging in the store.

Most cross-article identity needs no merging: an entity's IRI depends only on its kind and
canonical name, so "Maria Zakharova" in two articles is one node already, company names are
canonicalised without legal suffixes ("Twitter Inc." -> "Twitter"), and gazetteer names make
"US"/"United States" and "FBI"/"Federal Bureau of Investigation" one node. What remains are
short names an article never expands ("Zakharova" alone). Such an entity is merged into a
longer-named one only when all of these hold:

* same kind (person with person, organisation with organisation);
* compatible names: a one-word person name equal to the last word of exactly one stored
  person's name; an all-capitals organisation name (not one the gazetteer already resolves)
  equal to an acronym that exactly one stored organisation was given in its own article
  ("the Office for National Statistics (ONS)") — initials alone are not enough;
* a plausible full name to merge into (two to four capitalised words, no comma, not headed by
  a title);
* shared context: the two entities' articles mention at least one other person or
  organisation in common, not counting those in more than 2% of all articles.

Two different people who share a surname in different stories are therefore not merged
(either there are two candidates, or there is no shared context). Every merge keeps the
merged name as an alias and is recorded as ``?dst gb:mergedFrom ?src`` in the entity graph.

Merges are revisited on every build that writes: a merge is undone before new articles are
written and planned again afterwards (see :mod:`graphbuild.resolve.mergelog`), so a namesake
arriving in a later build undoes a merge that is no longer unambiguous, and the store does
not depend on the order of the builds.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass

from graphbuild.extract import lexicon as lx
from graphbuild.rdf.vocab import GB
from graphbuild.resolve import gazetteer, mergelog
from graphbuild.store.oxi import GraphStore

log = logging.getLogger("graphbuild.resolve")

@dataclass(frozen=True)
class Merge:
    src: str
    dst: str
    src_label: str
    dst_label: str
    kind: str
    shared: tuple[str, ...]  # labels of the context entities both sides share


def _entities(store: GraphStore) -> dict[str, dict]:
    out: dict[str, dict] = {}
    rows = store.query("""
        SELECT ?e ?kind ?label ?alias WHERE {
          VALUES ?kind { "person" "organization" }
          ?e gb:entityKind ?kind ; rdfs:label ?label .
          OPTIONAL { ?e skos:altLabel ?alias } }""")
    for iri, kind, label, alias in rows:  # by position: much faster than by name
        e = out.setdefault(iri.value, {"kind": kind.value, "label": label.value,
                                       "aliases": set()})
        if alias is not None:
            e["aliases"].add(alias.value)
    return out


def _context(store: GraphStore) -> dict[str, set[str]]:
    """For each person/organisation, the other persons/organisations its articles mention."""
    by_article: dict[str, set[str]] = defaultdict(set)
    for r in store.query("""
        SELECT ?a ?e WHERE { VALUES ?k { "person" "organization" }  # 2.5x a FILTER
                             ?e gb:entityKind ?k . ?a schema:mentions ?e }"""):
        by_article[r[0].value].add(r[1].value)
    # an entity in more than 2% of the articles (the outlet itself, a big party) says
    # nothing about which of two namesakes an article means: it is not context
    freq: dict[str, int] = defaultdict(int)
    for ents in by_article.values():
        for e in ents:
            freq[e] += 1
    common = {e for e, n in freq.items() if n > max(5, 0.02 * len(by_article))}
    ctx: dict[str, set[str]] = defaultdict(set)
    for ents in by_article.values():
        for e in ents:
            ctx[e] |= ents - {e} - common
    return ctx


def _plausible_full_name(label: str) -> bool:
    """A longer person name worth merging into: two to four capitalised words, no comma or
    possessive, not headed by a title ("Deputy Prime Minister", "Chris Martin, Dido")."""
    words = label.split()
    if not 2 <= len(words) <= 4 or "," in label or "'" in label or "\u2019" in label:
        return False
    first = words[0].lower().rstrip(".")
    if first in lx.TITLE_NOUNS or first in lx.TITLE_MODIFIERS or first in lx.HONORIFICS:
        return False
    return all(w[:1].isupper() for w in words)


def plan_merges(store: GraphStore) -> list[Merge]:
    """The merges the rules allow, in a deterministic order."""
    ents = _entities(store)
    ctx = _context(store)
    by_last: dict[str, list[str]] = defaultdict(list)
    by_acronym: dict[str, list[str]] = defaultdict(list)
    for iri, e in ents.items():
        words = e["label"].split()
        if e["kind"] == "person" and _plausible_full_name(e["label"]):
            by_last[words[-1].casefold()].append(iri)
        if e["kind"] == "organization" and len(words) > 1:
            # only acronyms an article itself gave for the name ("the Office for National
            # Statistics (ONS)"): initials alone merged "EU" into "Edinburgh University"
            keys = {a for a in e["aliases"] if a.isupper()}
            for k in keys:
                if len(k) >= 2:
                    by_acronym[k].append(iri)
    merges = []
    for iri in sorted(ents):
        e = ents[iri]
        label = e["label"]
        if " " in label:
            continue
        if e["kind"] == "person":
            if label.lower() in lx.TITLE_NOUNS:
                continue  # "Minister" is a title, not a surname
            cands = by_last.get(label.casefold(), [])
        elif label.isupper() and len(label) >= 2 and gazetteer.lookup_acronym(label) is None:
            cands = by_acronym.get(label, [])  # a gazetteer acronym is already canonical
        else:
            continue
        if len(cands) != 1:
            continue
        dst = cands[0]
        shared = (ctx[iri] & ctx[dst]) - {iri, dst}
        if not shared:
            continue
        merges.append(Merge(iri, dst, label, ents[dst]["label"], e["kind"],
                            tuple(sorted(ents[s]["label"] for s in shared if s in ents))))
    return merges


def apply_merge(store: GraphStore, m: Merge, order: int = 0) -> None:
    """Move every triple of ``m.src`` onto ``m.dst`` (in every graph), in one transaction,
    recording what changed so that it can be undone (:mod:`graphbuild.resolve.mergelog`)."""
    mergelog.apply_recorded(store, order, m.src, m.dst, m.src_label)


def begin_writes(store: GraphStore) -> None:
    """Before a build writes articles: mark merging pending, then undo every recorded merge
    (articles are written into an unmerged store; merging is redone after the writes)."""
    pending = (f"INSERT DATA {{ GRAPH <{mergelog.BUILD_GRAPH}> {{ <{mergelog.BUILD_GRAPH}> "
               f"<{GB.mergePending}> true }} }}")
    mergelog.undo_all(store, then=pending)


def merge_entities(store: GraphStore) -> list[Merge]:
    """Undo the recorded merges, plan them again from scratch and apply them; returns them
    (for reports)."""
    mergelog.undo_all(store)  # plan from the unmerged store: merges are revisited
    merges = plan_merges(store)
    for n, m in enumerate(merges):
        apply_merge(store, m, n)
        log.info("merged %s into %s (shared context: %s)", m.src_label, m.dst_label,
                 ", ".join(m.shared[:3]))
    return merges


def remove_articles(store: GraphStore, article_graphs: list[str]) -> list[str]:
    """Delete articles' named graphs, then merge again (an article that goes may have been
    the shared context of a merge, or its namesake's only rival); returns the graphs that
    were not in the store. Merges are undone first: their records name the removed quads."""
    from rdflib import URIRef

    begin_writes(store)
    from graphbuild.narrative.store import update_narratives

    missing = [g for g in article_graphs if not store.remove_article(URIRef(g))]
    update_narratives(store)  # the removed articles' appearances leave their narratives
    merge_entities(store)
    store.clear_merge_pending()
    return missing
