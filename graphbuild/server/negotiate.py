"""Content negotiation: pick a response format from an ``Accept`` header.

Formats are offered in the server's order of preference; the first one wins ties and is
the answer for a missing header or ``*/*``. A media type may have aliases (clients send
``application/json`` for SPARQL JSON results, SPARQLWrapper sends ``application/turtle``);
the response is always labelled with the canonical type.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Format", "RESULT_FORMATS", "GRAPH_FORMATS", "PAGE_FORMATS", "negotiate",
           "parse_accept"]


@dataclass(frozen=True)
class Format:
    key: str  # short name used inside the server: json, xml, csv, tsv, turtle, ...
    media_type: str  # canonical, sent as Content-Type
    aliases: tuple[str, ...] = ()
    text: bool = True  # add "; charset=utf-8"

    @property
    def content_type(self) -> str:
        return f"{self.media_type}; charset=utf-8" if self.text else self.media_type

    def names(self) -> tuple[str, ...]:
        return (self.media_type, *self.aliases)


#: SELECT and ASK results
RESULT_FORMATS = (
    Format("json", "application/sparql-results+json", ("application/json",), text=False),
    Format("xml", "application/sparql-results+xml", ("application/xml", "text/xml")),
    Format("csv", "text/csv"),
    Format("tsv", "text/tab-separated-values"),
)
#: CONSTRUCT and DESCRIBE results
GRAPH_FORMATS = (
    Format("turtle", "text/turtle", ("application/turtle", "application/x-turtle")),
    Format("ntriples", "application/n-triples"),
    Format("jsonld", "application/ld+json", ("application/json",), text=False),
)
#: entity pages and the service description
PAGE_FORMATS = (Format("html", "text/html"), *GRAPH_FORMATS)


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """``Accept`` -> [(media range, q)], lower-cased; malformed q values count as 0."""
    ranges = []
    for part in (header or "").split(","):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        ranges.append((media, q))
    return ranges


def _quality(name: str, ranges: list[tuple[str, float]]) -> tuple[int, float]:
    """(specificity, q) of the most specific range matching media type ``name``."""
    kind = name.split("/", 1)[0]
    best = (-1, 0.0)
    for media, q in ranges:
        if media == name:
            spec = 2
        elif media == f"{kind}/*":
            spec = 1
        elif media in ("*/*", "*"):
            spec = 0
        else:
            continue
        if spec > best[0]:
            best = (spec, q)
    return best


def negotiate(header: str | None, offers: tuple[Format, ...]) -> Format | None:
    """The offered format the client accepts best, or None (answer 406)."""
    ranges = parse_accept(header)
    if not ranges:
        return offers[0]
    best: Format | None = None
    best_key = (0.0, -1)
    for fmt in offers:
        for name in fmt.names():
            spec, q = _quality(name, ranges)
            if name != fmt.media_type and spec < 2:
                continue  # an alias counts only when named exactly, never via a wildcard
            if spec >= 0 and q > 0 and (q, spec) > best_key:
                best, best_key = fmt, (q, spec)
    return best
