"""Synthetic graphs in the documented RDF shape (docs/graph-shape.md), for benchmarks and
scale tests: entities with types, labels and aliases; articles with dates and mentions;
verb edges each backed by a statement with a sentence. Degrees are skewed (a few hubs,
many leaves) like real news graphs. Deterministic for a seed."""

from __future__ import annotations

import itertools
import random
from pathlib import Path

__all__ = ["synthetic_turtle", "write_synthetic"]

_TYPES = [("Person", "person"), ("Person", "person"), ("Organization", "organization"),
          ("GovernmentOrganization", "organization"), ("Corporation", "organization"),
          ("Country", "place"), ("City", "place")]
_VERBS = ["urge", "accuse", "meet", "sue", "criticize", "support", "sign", "block",
          "visit", "fund", "warn", "praise", "join", "investigate", "sanction", "acquire"]
_ID = "https://w3id.org/graphbuild/id/"
_HEAD = """@prefix schema: <https://schema.org/> .
@prefix gb: <https://w3id.org/graphbuild/ns#> .
@prefix rel: <https://w3id.org/graphbuild/rel/> .
@prefix gbid: <https://w3id.org/graphbuild/id/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
"""


def _entity(i: int) -> tuple[str, str, str, str]:
    """(iri, label, type, kind) of entity ``i``."""
    stype, kind = _TYPES[i % len(_TYPES)]
    label = f"{stype} {i}"
    return f"<{_ID}{kind}/{stype}_{i}>", label, stype, kind


def synthetic_turtle(n_nodes: int, n_edges: int | None = None, *, seed: int = 1) -> str:
    """Turtle text of a graph with ``n_nodes`` entities and about ``n_edges`` (default
    2 x nodes) distinct verb edges."""
    rng = random.Random(seed)
    n_edges = 2 * n_nodes if n_edges is None else n_edges
    n_articles = max(1, n_nodes // 5)
    lines = [_HEAD]
    for v in _VERBS:
        lines.append(f'rel:{v} a gb:VerbRelation ; rdfs:label "{v}" .')
    for i in range(n_nodes):
        iri, label, stype, kind = _entity(i)
        alias = f' ; skos:altLabel "{stype[0]}{i}"' if i % 3 == 0 else ""
        lines.append(f'{iri} a schema:{stype} ; rdfs:label "{label}" ; '
                     f'gb:entityKind "{kind}"{alias} .')
    for a in range(n_articles):
        lines.append(f'<{_ID}article/a{a}> a schema:NewsArticle ; schema:identifier "a{a}" ; '
                     f'schema:headline "Synthetic story {a}" ; '
                     f'schema:datePublished "2020-{1 + a % 12:02d}-{1 + a % 28:02d}" .')
    cum = list(itertools.accumulate(1.0 / (k + 1) ** 0.9 for k in range(n_nodes)))
    seen: set[tuple[int, str, int]] = set()
    attempts = 0
    while len(seen) < n_edges and attempts < n_edges * 5:
        attempts += 1
        s = rng.choices(range(n_nodes), cum_weights=cum)[0] if rng.random() < 0.5 \
            else rng.randrange(n_nodes)
        o = rng.randrange(n_nodes)
        verb = rng.choice(_VERBS)
        if s == o or (s, verb, o) in seen:
            continue
        seen.add((s, verb, o))
        k = len(seen)
        art = rng.randrange(n_articles)
        (si, sl, _, _), (oi, ol, _, _) = _entity(s), _entity(o)
        art_iri = f"<{_ID}article/a{art}>"
        st = f"<{_ID}article/a{art}/statement/s{k}>"
        sent = f"<{_ID}article/a{art}/sentence/{k}-{k + 1}>"
        lines.append(f"{si} rel:{verb} {oi} .")
        lines.append(f'{sent} a gb:Sentence ; schema:text "{sl} said it would {verb} {ol}." ;'
                     f" gb:article {art_iri} .")
        lines.append(f"{st} a gb:Statement ; rdf:subject {si} ; rdf:predicate rel:{verb} ; "
                     f'rdf:object {oi} ; gb:verb "{verb}" ; gb:sentence {sent} ; '
                     f"gb:article {art_iri} ; gb:confidence 0.8"
                     + (' ; gb:hedge "reportedly"' if k % 7 == 0 else "") + " .")
        lines.append(f"{art_iri} schema:mentions {si} , {oi} .")
    return "\n".join(lines) + "\n"


def write_synthetic(path: str | Path, n_nodes: int, n_edges: int | None = None, *,
                    seed: int = 1) -> Path:
    """Write :func:`synthetic_turtle` to ``path`` and return it."""
    out = Path(path)
    out.write_text(synthetic_turtle(n_nodes, n_edges, seed=seed), encoding="utf-8")
    return out
