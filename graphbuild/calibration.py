"""Calibrated confidence: the probability, measured on the hand-made news gold, that a fact
of a given kind is right.

The extractors give raw scores (the typed-relation classifier's probability on CoNLL04, a
statement's count of resolved arguments, the quotation finder's rule score). Those are not
probabilities on news. A small logistic model per kind of fact (``statement``,
``relation``, ``quotation``, ``claim``) maps the raw score and a few binary features of the
fact to the precision measured on the development gold; its weights are shipped as
``graphbuild/data/calibration.json`` and fitted by ``scripts/calibrate.py`` (which also
writes the reliability table of docs/evaluation.md). Applying it is pure Python.

The table also records ``default_min_confidence``: the lowest confidence at which the facts
kept had a measured precision of at least 0.85 on the development gold. The view and the
example queries default to it; the graph itself keeps every fact with its confidence.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

from rdflib import Literal

from graphbuild import settings
from graphbuild.errors import SettingsError
from graphbuild.extract import lexicon as lx
from graphbuild.types import Claim, Findings, Quote, Statement, TypedRelation

TABLE_FILE = "calibration.json"
#: environment settings the build reads (set by ``build --min-confidence`` and
#: ``build --named-only``, inherited by worker processes)
MIN_CONFIDENCE_ENV = "GRAPHBUILD_MIN_CONFIDENCE"
NAMED_ONLY_ENV = "GRAPHBUILD_NAMED_ONLY"


@lru_cache(maxsize=1)
def load_table() -> dict:
    """The shipped calibration table (read once per process)."""
    text = resources.files("graphbuild").joinpath("data", TABLE_FILE).read_text("utf-8")
    return json.loads(text)


def _logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


def calibrated(kind: str, raw: float, feats: Iterable[str] = (),
               table: dict | None = None) -> float:
    """The calibrated confidence (two decimals) of a fact of ``kind`` with raw score ``raw``
    and binary features ``feats``; the raw score when the table has no model for ``kind``."""
    model = (table or load_table()).get("models", {}).get(kind)
    if model is None:
        return round(raw, 2)
    z = model["bias"] + model["raw"] * _logit(raw)
    weights = model["weights"]
    z += sum(weights.get(f, 0.0) for f in set(feats))
    return round(1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))), 2)


def default_min_confidence(kind: str | None = None) -> float:
    """The confidence at which the development gold's precision reached 0.85 for facts of
    ``kind`` (``statement``, ``relation``, ``quotation``), or for statements and relations
    pooled: the default of the view and the example queries."""
    table = load_table()
    if kind is not None and kind in table.get("thresholds", {}):
        # None: no confidence reached 0.85 on dev; every fact is shown with its confidence
        return float(table["thresholds"][kind] or 0.0)
    return float(table.get("default_min_confidence", 0.0))


def set_build_filters(min_conf: float | None, named: bool) -> None:
    """Set the build's filters for this process and the worker processes it starts."""
    if min_conf is not None:
        os.environ[MIN_CONFIDENCE_ENV] = str(min_conf)
    if named:
        os.environ[NAMED_ONLY_ENV] = "1"


def min_confidence() -> float:
    """The build's threshold: ``GRAPHBUILD_MIN_CONFIDENCE`` (``build --min-confidence``),
    else 0 (the graph keeps every fact with its confidence)."""
    try:
        return float(settings.get(MIN_CONFIDENCE_ENV))
    except SettingsError:
        return 0.0


def named_only() -> bool:
    """``build --named-only``: leave statements without a named participant out of the
    graph (the view and the example queries leave them out by default)."""
    try:
        return bool(settings.get(NAMED_ONLY_ENV))
    except SettingsError:
        return False


def _named(found: Findings, key: str | None) -> bool:
    ent = found.entity(key)
    return ent is not None and ent.kind.value in {"person", "organization", "place"}


def has_named_participant(st: Statement, found: Findings) -> bool:
    """Either side is a named person, organisation or place (directly, or a pronoun or
    description resolved to one), or a phrase about one ("three ISIL tactical units",
    "Yukos' most lucrative asset")."""
    for a in (st.subject, st.object):
        if a is None:
            continue
        if _named(found, a.entity) or any(
                keys and a.start <= m.start and m.end <= a.end and _named(found, keys[0])
                for m, keys in zip(found.mentions, found.mention_entity, strict=True)):
            return True
    return False


def statement_features(st: Statement, found: Findings) -> list[str]:
    """Binary features of a statement that its precision depends on."""
    s, o = st.subject, st.object
    feats = [f"named={sum(1 for a in (s, o) if a is not None and _named(found, a.entity))}",
             *st.cues]
    if s is None:
        feats.append("agentless")
    if o is not None and not o.entity and o.quantity is not None:
        feats.append("counted_object")
    base = st.verb.split("_")[0]
    if base in lx.REPORTING_VERBS:
        feats.append("claim_verb")
    if "_" in st.verb:
        feats.append("prepositional")
    if st.voice == "passive":
        feats.append("passive")
    if st.quote is not None:
        feats.append("in_quote")
    if st.modality:
        feats.append(f"modality={st.modality}")
    if st.negated:
        feats.append("negated")
    if st.also_in:
        feats.append("repeated")
    if any(a is not None and a.entity and _resolved(found, a.start, a.end) for a in (s, o)):
        feats.append("pronoun")
    return feats


def _resolved(found: Findings, start: int, end: int) -> bool:
    """The argument is a pronoun or a description resolved to an entity ("he", "the
    ministry")."""
    return any(m.source in {"pronoun", "nominal"} and start <= m.start and m.end <= end
               for m in found.mentions)


def relation_features(r: TypedRelation) -> list[str]:
    return [f"rel={r.relation}", f"by={r.extractor}", *r.cues]


def claim_features(c: Claim) -> list[str]:
    """Binary features of a reported claim that its precision depends on."""
    feats = ["speaker" if c.speakers else "no_speaker"]
    if c.cue == "according_to":
        feats.append("according_to")
    elif c.cue not in lx.SPEECH_VERBS:
        feats.append("other_cue")  # "accuse", "urge", "believe"…
    if c.described:
        feats.append("described")
    if c.hedges:
        feats.append("hedged")
    return feats


def quote_features(q: Quote) -> list[str]:
    return ["speaker" if q.speaker else "no_speaker", "cue" if q.cue else "no_cue"]


def statement_confidence(st: Statement, found: Findings) -> float:
    return calibrated("statement", st.confidence, statement_features(st, found))


def relation_confidence(r: TypedRelation) -> float:
    return calibrated("relation", r.confidence, relation_features(r))


#: a typed relation is stated in the graph only when it is at least this likely to be right
#: on news. The classifier was trained on CoNLL04, whose annotators read nationality ("U.S.
#: Naval Forces"), meetings ("met ... in Baghdad") and lists as Live_In/OrgBased_In: on the
#: news gold 11 of its 73 relations are right (titles: 26 of 30, place patterns: 8 of 8).
#: Cross-validated over the dev documents (scripts/calibrate.py), the relations at 0.5 or
#: more were right 42 times in 49 (0.86), against 46 of 112 for all of them.
#: ``graphbuild evaluate conll04`` scores the extractors' decisions, before this rule.
ASSERT_MIN_RELATION = 0.5


def asserted(r: TypedRelation) -> bool:
    """Whether the graph states the typed relation (its calibrated confidence reaches
    :data:`ASSERT_MIN_RELATION` and the build's ``--min-confidence``)."""
    return relation_confidence(r) >= max(ASSERT_MIN_RELATION, min_confidence())


def claim_confidence(c: Claim) -> float:
    return calibrated("claim", c.confidence, claim_features(c))


def quote_confidence(q: Quote) -> float:
    return calibrated("quotation", q.confidence, quote_features(q))


def min_confidence_binding(value: float | None) -> Literal:
    """``?minConfidence`` for the example queries: ``value``, or the statements' calibrated
    threshold."""
    from rdflib.namespace import XSD

    chosen = default_min_confidence("statement") if value is None else value
    return Literal(f"{chosen:.2f}", datatype=XSD.decimal)


_PRUNE = """
PREFIX gb: <https://w3id.org/graphbuild/ns#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
DELETE { GRAPH ?g { ?s ?p ?o } } WHERE {
  GRAPH ?g { ?st a gb:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o . ?s ?p ?o }
  %(weak)s
  FILTER NOT EXISTS {
    GRAPH ?g2 { ?st2 a gb:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o }
    %(strong)s
  }
} ;
DELETE { GRAPH ?g { ?st ?x ?y } } WHERE {
  GRAPH ?g { ?st a gb:Statement . ?st ?x ?y }
  %(weak)s
}
"""
_WEAK = """OPTIONAL { GRAPH ?g { ?st gb:confidence ?c } }
  OPTIONAL { GRAPH ?g { ?st gb:verb ?verb } }
  OPTIONAL { GRAPH ?g { ?st gb:namedParticipant ?named } }
  FILTER (!COALESCE(?named, true) || COALESCE(?c < IF(BOUND(?verb), %(s)s, %(r)s), false))"""
_STRONG = """OPTIONAL { GRAPH ?g2 { ?st2 gb:confidence ?c2 } }
    OPTIONAL { GRAPH ?g2 { ?st2 gb:verb ?verb2 } }
    OPTIONAL { GRAPH ?g2 { ?st2 gb:namedParticipant ?named2 } }
    FILTER (COALESCE(?named2, true) && COALESCE(?c2 >= IF(BOUND(?verb2), %(s)s, %(r)s), true))"""


def prune_store(store, statement_min: float, relation_min: float) -> None:  # noqa: ANN001
    """Remove from an in-memory Oxigraph store the statements (and the direct edges only
    they support) below the thresholds, and the statements without a named participant:
    what the view leaves out by default. Never used on a persistent store."""
    nums = {"s": f"{float(statement_min):.4f}", "r": f"{float(relation_min):.4f}"}
    weak, strong = _WEAK % nums, _STRONG % nums
    store.update(_PRUNE % {"weak": weak, "strong": strong})


def view_thresholds(value: float | None) -> tuple[float, float]:
    """(statement, relation) thresholds of the view: ``value`` for both, or the calibrated
    ones."""
    if value is not None:
        return value, value
    return default_min_confidence("statement"), default_min_confidence("relation")
