"""Reading appearances (quotations and reported claims) from a graph, store or Dataset.

One SPARQL text serves both the embedded/remote store and an rdflib Dataset (files mode).
An appearance's date is its own ``schema:dateCreated`` when the text gave one, otherwise its
article's ``schema:datePublished`` (only normalised ``xsd:date``/``xsd:dateTime`` values
count: a date as free text cannot be sorted).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from graphbuild.narrative.similar import Appearance

__all__ = ["APPEARANCES", "appearances", "Rows"]

#: run a SELECT, yield rows of plain values (IRIs and literals as str, unbound as None)
Rows = Callable[[str], Iterable[tuple[str | None, ...]]]

#: ``%s``: a VALUES block restricting ?a or ?art (or nothing)
APPEARANCES = """
SELECT ?a ?art ?id ?text ?start ?dc ?dp ?sp ?about ?type WHERE {
  %s
  ?a gb:article ?art ; schema:text ?text ; a ?type .
  FILTER(?type IN (schema:Quotation, schema:Claim))
  OPTIONAL { ?art schema:identifier ?id }
  OPTIONAL { ?a gb:startOffset ?start }
  OPTIONAL { ?a schema:dateCreated ?dc }
  OPTIONAL { ?art schema:datePublished ?dp }
  OPTIONAL { { ?a schema:spokenByCharacter ?sp } UNION { ?a schema:author ?sp } }
  OPTIONAL { ?a schema:about ?about }
}"""

_SORTABLE = re.compile(r"^\d{4}-\d{2}-\d{2}(T[0-9:.]+(Z|[+-]\d{2}:\d{2})?)?$")


def _sortable(value: str | None) -> str | None:
    return value if value and _SORTABLE.match(value) else None


def appearances(rows: Rows, values: str = "") -> Iterator[Appearance]:
    """The appearances the query finds (restricted by the ``values`` block), one each."""
    found: dict[str, dict] = {}
    for a, art, aid, text, start, dc, dp, sp, about, kind in rows(APPEARANCES % values):
        got = found.get(a)
        if got is None:
            got = found[a] = {"iri": a, "article": art, "article_id": aid or art, "text": text,
                              "start": int(start) if start else 0,
                              "date": _sortable(dc) or _sortable(dp),
                              "speakers": set(), "about": set(),
                              "kind": "claim" if kind.endswith("Claim") else "quotation"}
        if sp:
            got["speakers"].add(sp)
        if about:
            got["about"].add(about)
    for got in found.values():
        yield Appearance(got["iri"], got["article"], got["article_id"], got["text"],
                         got["start"], got["date"], frozenset(got["speakers"]),
                         frozenset(got["about"]), got["kind"])
