"""Date bounds of a view (``--since``/``--until``) and the type of a non-entity node from
its documented IRI pattern."""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["DateRange", "NO_DATES", "endpoint_type", "parse_day"]

_DAY = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def parse_day(text: str, *, end: bool = False) -> str:
    """``2020``, ``2020-09`` or ``2020-09-03`` -> a comparable ``YYYY-MM-DD`` string
    (the first day of the period, or with ``end`` its last)."""
    m = _DAY.match(text.strip())
    if not m:
        raise ValueError(f"{text!r}: expected a date as YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = m.group(1), m.group(2), m.group(3)
    if day:
        return f"{year}-{month}-{day}"
    if month:
        return f"{year}-{month}-{'31' if end else '01'}"
    return f"{year}-{'12-31' if end else '01-01'}"


@dataclass(frozen=True)
class DateRange:
    """Inclusive article-date bounds (``YYYY-MM-DD`` strings); both None = no bound."""

    since: str | None = None
    until: str | None = None

    @property
    def bounded(self) -> bool:
        return self.since is not None or self.until is not None

    def sparql(self, article: str = "a") -> str:
        """A graph pattern keeping ``?article`` only if its date is in range ('' if
        unbounded). Articles without ``schema:datePublished`` fail any bound."""
        if not self.bounded:
            return ""
        tests = []
        if self.since:
            tests.append(f'?day >= "{parse_day(self.since)}"')
        if self.until:
            tests.append(f'?day <= "{parse_day(self.until, end=True)}"')
        return (f"?{article} schema:datePublished ?date . "
                f"BIND(SUBSTR(STR(?date), 1, 10) AS ?day) FILTER({' && '.join(tests)})")


NO_DATES = DateRange()


def endpoint_type(iri: str) -> str:
    """The type of a non-entity edge end, from its documented IRI pattern."""
    if "/concept/" in iri:
        return "Concept"
    if "/agent/" in iri:
        return "UnspecifiedAgent"
    return "Thing"
