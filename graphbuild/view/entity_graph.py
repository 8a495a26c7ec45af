"""The entity graph: named entities joined by aggregated, evidence-counted edges.

ONE function, :func:`entity_graph`, builds it (from an Oxigraph store, or an rdflib Graph /
Dataset copied into one); the view, the exports and ``graphbuild.to_networkx`` all use it.

Nodes (keys: IRI strings) are the named entities (subjects of ``gb:entityKind``) and, with
``entity=False``, the concepts and unspecified agents that end an edge. Attributes:
``label``, ``type`` (most specific schema.org class), ``types``, ``kind``, ``entity``,
``aliases``, ``roles``, ``mentions`` (articles mentioning it), ``first``/``last`` (dates of
those articles), ``said`` (its quotations and claims: text, date, confidence, hedges).

Edges (keys: relation ids) aggregate every piece of evidence for one (subject, relation,
object):

* actions and typed relations: ``gb:Statement`` nodes (relation = the predicate IRI);
* roles: ``schema:OrganizationRole`` nodes (relation ``schema:worksFor``/``memberOf``);
* quotations and claims *about* an entity: speaker -> entity, relations :data:`QUOTED`
  and :data:`CLAIMED`. "About" is ``schema:about`` when the graph has it; a graph without
  any falls back to the entities a quotation's statements name and the names (label or
  alias, whole words) of the article's entities found in the quotation's text.

Edge attributes: ``relation``, ``label``, ``kind`` (action|relation|quote|claim),
``evidence`` (list of dicts), ``count``, ``confidence`` (mean, or None), ``hedged``
(every item hedged or modal), ``reported`` (every item told by someone else),
``negated`` (every item negated), ``weak`` (hedged, reported or mean confidence below
:data:`LOW_CONFIDENCE`), ``first``/``last`` (ISO dates of the articles).
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any
from urllib.parse import unquote

import networkx as nx
import pyoxigraph as ox
from rdflib import Graph

from graphbuild.gctune import fewer_collections
from graphbuild.rdf.vocab import GB, REL, SDO
from graphbuild.view import entity_rows as q
from graphbuild.view.skeleton import NO_DATES, DateRange, endpoint_type, parse_day
from graphbuild.view.style import TYPE_DEPTH, kind_for, type_depth

__all__ = ["entity_graph", "attach_texts", "QUOTED", "CLAIMED", "LOW_CONFIDENCE",
           "entity_subgraph", "mark_sentence"]

QUOTED = str(GB) + "quotedOn"
CLAIMED = str(GB) + "claimsAbout"
LOW_CONFIDENCE = 0.6
_LABELS = {QUOTED: "quoted on", CLAIMED: "claims about"}
_SDO = str(SDO)
_REL = str(REL)
_NOT_ENTITY_TYPES = {"NewsArticle", "Quotation", "OrganizationRole", "QuantitativeValue",
                     "Claim"}
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def _store(source: Any) -> Any:
    if isinstance(source, ox.Store):
        return source
    if isinstance(source, Graph):
        inner = getattr(source.store, "_inner", None)  # an oxrdflib store: query it in place
        if isinstance(inner, ox.Store):
            return inner
        from graphbuild.view.sparql import from_rdflib

        return from_rdflib(source)
    store = getattr(source, "store", None)  # a GraphStore
    if isinstance(store, ox.Store) or callable(getattr(store, "query", None)):
        return store
    if callable(getattr(source, "query", None)):  # a RemoteStore: the same query API
        return source
    raise TypeError(f"expected a pyoxigraph Store or an rdflib Graph, not {type(source)!r}")


def _float(text: str | None) -> float | None:
    try:
        return float(text) if text is not None else None
    except ValueError:
        return None



#: properties a more specific one is written with (gb:leads with schema:worksFor)
_GENERAL = frozenset({str(SDO.worksFor)})


def _prefer(new: str, old: str) -> bool:
    """Whether a statement's predicate ``new`` is drawn rather than ``old``: the specific
    one over the general one it is written with, else the first in sort order, so the
    drawing does not depend on the order a store returns rows in."""
    if (new in _GENERAL) != (old in _GENERAL):
        return old in _GENERAL
    return new < old


def _local(iri: str) -> str:
    """The last segment of an IRI after ``/`` or ``#``, percent-decoded."""
    return unquote(iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1])


def _predicate_label(iri: str, label: str | None) -> str:
    if label:
        return label
    if iri in _LABELS:
        return _LABELS[iri]
    return _CAMEL.sub(" ", _local(iri).replace("_", " ")).lower()


def _most_specific(types: set[str]) -> str:
    if not types:
        return "Thing"
    return sorted(types, key=lambda n: (-type_depth(n), n not in TYPE_DEPTH, n))[0]


class _Builder:
    """Reads the rows and aggregates them; :meth:`graph` returns the networkx graph."""

    def __init__(self, store: ox.Store, dates: DateRange) -> None:
        self.store = store
        self.dates = dates
        self.lo = parse_day(dates.since) if dates.since else None
        self.hi = parse_day(dates.until, end=True) if dates.until else None
        self.nodes: dict[str, dict[str, Any]] = {}
        self.edges: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
        self.pred_labels: dict[str, str] = {}
        self.articles: dict[str, dict[str, str]] = {}
        self.mentioned: dict[str, set[str]] = defaultdict(set)  # article -> entities
        self.patterns: dict[str, re.Pattern[str] | None] = {}

    # ------------------------------------------------------------------ basics
    def in_range(self, article: str | None) -> bool:
        if not self.dates.bounded:
            return True
        day = self.articles.get(article or "", {}).get("date", "")
        if not day:
            return False
        return (self.lo is None or day >= self.lo) and (self.hi is None or day <= self.hi)

    def read_articles(self) -> None:
        for a, h, d, u, dl in q.rows(self.store, q.ARTICLES):
            info = self.articles.setdefault(a, {"headline": "", "date": "", "url": "",
                                                "dateline": dl or ""})
            # several values (rare): the first in sort order, whatever the row order
            if h and (not info["headline"] or h < info["headline"]):
                info["headline"] = h
            if d and _ISO.match(d) and (not info["date"] or d[:10] < info["date"]):
                info["date"] = d[:10]
            if u and u.startswith(("http://", "https://")) and (not info["url"]
                                                                 or u < info["url"]):
                info["url"] = u
            if dl and dl < (info["dateline"] or "\uffff"):
                info["dateline"] = dl

    def read_entities(self) -> None:
        types: dict[str, set[str]] = defaultdict(set)
        labels: dict[str, list[str]] = defaultdict(list)
        kinds: dict[str, str] = {}
        for e, k, t, label in q.rows(self.store, q.ENTITIES):
            kinds.setdefault(e, k or "")
            if t and t.startswith(_SDO) and t[len(_SDO):] not in _NOT_ENTITY_TYPES:
                types[e].add(t[len(_SDO):])
            if label:
                labels[e].append(label)
        for e, kind in kinds.items():
            ntype = _most_specific(types[e])
            self.nodes[e] = {
                "label": sorted(labels[e])[0] if labels[e] else _local(e).replace("_", " "),
                "type": ntype,
                "types": sorted(types[e], key=lambda n: (-type_depth(n), n)) or [ntype],
                "kind": kind or kind_for(ntype), "entity": True, "aliases": set(),
                "roles": set(), "mentions": 0, "first": "", "last": "", "said": []}
        for e, a in q.rows(self.store, q.ALIASES):
            if e in self.nodes and a != self.nodes[e]["label"]:
                self.nodes[e]["aliases"].add(a)
        for e, j in q.rows(self.store, q.JOBS):
            if e in self.nodes:
                self.nodes[e]["roles"].add(j)
        seen: dict[str, set[str]] = defaultdict(set)
        for a, e in q.rows(self.store, q.MENTIONS):
            self.mentioned[a].add(e)
            if e in self.nodes and self.in_range(a):
                seen[e].add(a)
        for e, arts in seen.items():
            days = sorted(d for d in (self.articles.get(a, {}).get("date") for a in arts) if d)
            self.nodes[e].update(mentions=len(arts), first=days[0] if days else "",
                                 last=days[-1] if days else "")

    def add_other(self, iri: str, labels: dict[str, tuple[str, str]]) -> None:
        if iri in self.nodes:
            return
        ntype, label = labels.get(iri, (endpoint_type(iri), ""))
        # a resource of unknown type (a hand-written graph, a query result) is drawn like
        # an entity; only concepts and unspecified agents are hidden by default
        self.nodes[iri] = {"label": label or _local(iri).replace("_", " "), "type": ntype,
                           "types": [ntype], "kind": kind_for(ntype),
                           "entity": ntype not in ("Concept", "UnspecifiedAgent"),
                           "aliases": set(), "roles": set(), "mentions": 0, "first": "",
                           "last": "", "said": []}

    def item(self, kind: str, iri: str, article: str | None, sentence: str | None,
             conf: str | None) -> dict[str, Any]:
        info = self.articles.get(article or "", {})
        return {"kind": kind, "id": iri, "article": article or "", "sentence_id": sentence or "",
                "date": info.get("date", ""), "headline": info.get("headline", ""),
                "url": info.get("url", ""), "dateline": info.get("dateline", ""),
                "confidence": _float(conf), "hedges": [],
                "negated": False, "modality": "", "source": "", "text": "", "subject": "",
                "verb": "", "object": "", "role": ""}

    # ------------------------------------------------------------------ facts
    def read_statements(self, others: dict[str, tuple[str, str]]
                        ) -> dict[str, set[str]]:
        """Action / typed-relation edges; returns quotation -> entities its statements name."""
        items: dict[str, dict[str, Any]] = {}
        keys: dict[str, tuple[str, str, str]] = {}
        in_quote: dict[str, set[str]] = defaultdict(set)
        for (x, s, p, o, pl, vt, st, ot, conf, neg, claimer, inq, inc, mod, sent, art,
             h) in q.rows(self.store, q.STATEMENTS):
            for quote in (inq, inc):
                if quote:
                    in_quote[quote].update(e for e in (s, o) if e in self.nodes
                                           and self.nodes[e]["entity"])
            if x not in items:
                if not self.in_range(art):
                    continue
                it = self.item("action" if p.startswith(_REL) else "relation", x, art, sent,
                               conf)
                it.update(subject=st or "", verb=vt or "", object=ot or "",
                          negated=neg in ("true", "1"), modality=mod or "")
                it["reported"] = bool(claimer or inq or inc)
                if claimer:
                    it["source"] = self.nodes.get(claimer, {}).get("label", _local(claimer))
                items[x], keys[x] = it, (s, p, o)
                if pl and (p not in self.pred_labels or pl < self.pred_labels[p]):
                    self.pred_labels[p] = pl
            elif keys[x][1] != p and _prefer(p, keys[x][1]):
                keys[x] = (keys[x][0], p, keys[x][2])  # a statement naming two properties
                if pl and (p not in self.pred_labels or pl < self.pred_labels[p]):
                    self.pred_labels[p] = pl
            if h and h not in items[x]["hedges"]:
                items[x]["hedges"].append(h)
        for x, (s, p, o) in keys.items():
            for end in (s, o):
                self.add_other(end, others)
            self.edges[(s, p, o)].append(items[x])
        return in_quote

    def read_roles(self) -> None:
        items: dict[str, tuple[tuple[str, str, str], dict[str, Any]]] = {}
        for r, h, org, name, conf, sent, art, p in q.rows(self.store, q.ROLES):
            if h not in self.nodes or org not in self.nodes or not self.in_range(art):
                continue
            if r not in items:
                it = self.item("role", r, art, sent, conf)
                it["role"] = name or ""
                items[r] = ((h, p or str(SDO.worksFor), org), it)
        for key, it in items.values():
            self.edges[key].append(it)

    def read_direct(self, others: dict[str, tuple[str, str]]) -> None:
        """Direct edges of a graph without statements (hand-written graphs, query
        results): drawn without evidence. A built graph backs every edge with a statement
        or a role, so this full scan is skipped there (and when dates are bounded:
        nothing dates a bare edge)."""
        if self.dates.bounded or self.edges:
            return
        for s, p, o, pl in q.rows(self.store, q.DIRECT):
            if pl and (p not in self.pred_labels or pl < self.pred_labels[p]):
                self.pred_labels[p] = pl
            if (s, p, o) not in self.edges:
                for end in (s, o):
                    self.add_other(end, others)
                self.edges[(s, p, o)] = []

    def read_said(self, in_quote: dict[str, set[str]]) -> None:
        said: dict[str, dict[str, Any]] = {}
        speakers: dict[str, set[str]] = defaultdict(set)
        about: dict[str, set[str]] = defaultdict(set)
        has_about = False
        for row in q.rows(self.store, q.QUOTES):
            qi, sp, text, conf, sent, art, h, ab = row
            self._said_row(said, speakers, about, "quote", qi, sp, text, conf, sent, art, h, ab)
            has_about = has_about or ab is not None
        for row in q.rows(self.store, q.CLAIMS):
            c, sp, spt, text, conf, sent, art, h, ab, cue, src = row
            self._said_row(said, speakers, about, "claim", c, sp, text, conf, sent, art, h, ab)
            has_about = has_about or ab is not None
            if c in said:
                said[c]["source"] = said[c]["source"] or spt or ""
                said[c]["verb"] = cue or ""
                if src:
                    said[c]["according_to"] = src
        for x, it in said.items():
            targets = set(about[x]) if has_about else \
                in_quote.get(x, set()) | self._named_in(it)
            for sp in speakers[x]:
                if sp in self.nodes:
                    self.nodes[sp]["said"].append({**it, "about": sorted(
                        self.nodes[t]["label"] for t in targets if t in self.nodes)})
                rel = QUOTED if it["kind"] == "quote" else CLAIMED
                for t in sorted(targets):
                    if t != sp and t in self.nodes and self.nodes[t]["entity"] \
                            and sp in self.nodes:
                        self.edges[(sp, rel, t)].append(it)

    def _said_row(self, said: dict, speakers: dict, about: dict, kind: str, x: str,
                  sp: str | None, text: str | None, conf: str | None, sent: str | None,
                  art: str | None, h: str | None, ab: str | None) -> None:
        if x not in said:
            if not self.in_range(art):
                return
            said[x] = self.item(kind, x, art, sent, conf)
            said[x]["text"] = text or ""
        it = said[x]
        if sp:
            speakers[x].add(sp)
            if sp in self.nodes and not it["source"]:
                it["source"] = self.nodes[sp]["label"]
        if h and h not in it["hedges"]:
            it["hedges"].append(h)
        if ab:
            about[x].add(ab)

    def _pattern(self, e: str) -> re.Pattern[str] | None:
        """Whole-word pattern of an entity's label and aliases (compiled once, on demand)."""
        if e not in self.patterns:
            info = self.nodes.get(e)
            names = [n for n in {info["label"], *info["aliases"]} if len(n) >= 2] \
                if info and info["entity"] else []
            alt = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
            self.patterns[e] = re.compile(rf"(?<!\w)(?:{alt})(?!\w)") if names else None
        return self.patterns[e]

    def _named_in(self, it: dict[str, Any]) -> set[str]:
        text = it.get("text") or ""
        if not text:
            return set()
        found = set()
        for e in self.mentioned.get(it["article"], ()):
            pat = self._pattern(e)
            if pat is not None and pat.search(text):
                found.add(e)
        return found

    # ------------------------------------------------------------------ result
    def graph(self) -> nx.MultiDiGraph:
        out = nx.MultiDiGraph()
        on_edge = {x for s, _, o in self.edges for x in (s, o)}
        for n, info in self.nodes.items():
            if not info["entity"] and n not in on_edge:
                continue
            if self.dates.bounded and info["entity"] and not info["mentions"] \
                    and n not in on_edge:
                continue
            out.add_node(n, **{**info, "aliases": sorted(info["aliases"]),
                               "roles": sorted(info["roles"]), "quotes": len(info["said"])})
        for (s, p, o), items in sorted(self.edges.items()):
            out.add_edge(s, o, key=p, **_aggregate(p, self.pred_labels.get(p), items))
        return out


def _aggregate(rel: str, label: str | None, items: list[dict[str, Any]]) -> dict[str, Any]:
    items = sorted(items, key=lambda i: (i["date"], i["article"], i["id"]))
    for i in items:
        i["hedges"].sort()
    confs = [i["confidence"] for i in items if i["confidence"] is not None]
    dates = [i["date"] for i in items if i["date"]]
    conf = round(sum(confs) / len(confs), 3) if confs else None
    hedged = bool(items) and all(bool(i["hedges"] or i["modality"]) for i in items)
    reported = bool(items) and all(i.get("reported", False) for i in items)
    negated = bool(items) and all(i["negated"] for i in items)
    kind = "quote" if rel == QUOTED else "claim" if rel == CLAIMED else \
        "action" if rel.startswith(_REL) else "relation"
    text = _predicate_label(rel, label)
    if negated and kind == "action":
        text = "not " + text
    weak = hedged or reported or (conf is not None and conf < LOW_CONFIDENCE)
    return {"relation": rel, "predicate": rel, "label": text, "kind": kind, "evidence": items,
            "count": len(items), "confidence": conf, "hedged": hedged, "reported": reported,
            "negated": negated, "weak": weak, "first": dates[0] if dates else "",
            "last": dates[-1] if dates else ""}


@fewer_collections()
def entity_graph(source: Any, *, dates: DateRange = NO_DATES, texts: bool = True
                 ) -> nx.MultiDiGraph:
    """The entity graph of ``source`` (a pyoxigraph Store, a GraphStore, or an rdflib
    Graph/Dataset). ``dates`` keeps only evidence from articles dated within it;
    ``texts`` reads the evidence sentences' text too (views read them later, only for
    the edges they draw: :func:`attach_texts`)."""
    store = _store(source)
    b = _Builder(store, dates)
    b.read_articles()
    b.read_entities()
    others: dict[str, tuple[str, str]] = {}
    for c, t, label in q.rows(store, q.OTHERS):  # several labels: the first in sort order
        prev = others.get(c)
        if prev is None or (label or "") < prev[1] or not prev[1]:
            others[c] = (_local(t), label or (prev[1] if prev else ""))
    in_quote = b.read_statements(others)
    b.read_roles()
    b.read_direct(others)
    b.read_said(in_quote)
    g = b.graph()
    if texts:
        attach_texts(store, g)
    return g


def entity_subgraph(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Only the named entities of an entity graph (concepts and agents left out)."""
    return g.subgraph([n for n, d in g.nodes(data=True) if d.get("entity")]).copy()


def mark_sentence(sentence: str, parts: list[tuple[str, str]]) -> list[list[str]]:
    """``sentence`` cut into ``[text, role]`` pieces, the first occurrence of each part
    (in order, each after the previous when possible) given its role (``s``/``v``/``o``)."""
    spans: list[tuple[int, int, str]] = []
    pos = 0
    for text, role in parts:
        if not text:
            continue
        at = sentence.find(text, pos)
        if at < 0:
            at = sentence.find(text)
        if at < 0 or any(a < at + len(text) and at < b for a, b, _ in spans):
            continue
        spans.append((at, at + len(text), role))
        pos = at + len(text)
    out, cur = [], 0
    for a, b, role in sorted(spans):
        if a > cur:
            out.append([sentence[cur:a], ""])
        out.append([sentence[a:b], role])
        cur = b
    if cur < len(sentence):
        out.append([sentence[cur:], ""])
    return out


@fewer_collections()
def attach_texts(store: Any, g: nx.MultiDiGraph) -> None:
    """Give every evidence item of ``g``'s edges its sentence text (``sentence``) and, for
    statements, the sentence cut into subject/verb/object pieces (``marked``)."""
    ids = {i["sentence_id"] for _, _, d in g.edges(data=True) for i in d.get("evidence", ())
           if i.get("sentence_id") and "sentence" not in i}
    texts = q.sentence_texts(_store(store), ids) if ids else {}
    for _, _, d in g.edges(data=True):
        for i in d.get("evidence", ()):
            if "sentence" in i:
                continue
            i["sentence"] = texts.get(i.get("sentence_id", ""), "")
            if i["kind"] in ("action", "relation") and i["sentence"]:
                i["marked"] = mark_sentence(i["sentence"], [(i["subject"], "s"),
                                                            (i["verb"], "v"),
                                                            (i["object"], "o")])
