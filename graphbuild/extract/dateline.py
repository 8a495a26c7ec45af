"""Wire-story datelines: ``MOSCOW, September 3 (Sputnik) –`` gives place, date and source."""

from __future__ import annotations

import re

from graphbuild.registry import extractor
from graphbuild.types import Dateline, Findings, ParsedDoc

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"

#: a state or country after the place: "Ore.", "CA", "Ukraine", "South Korea" (not a date)
_REGION = (r"(?:[A-Z][A-Z.]+|[A-Z][a-z]{1,4}\.|(?!(?:" + _MONTH + "|" + _DAY + r")(?![a-z]))"
           r"[A-Z][a-z]+(?: [A-Z][a-z]+)?)")

#: place in capitals (optionally ", State"), a date, an optional (SOURCE), then a dash or colon.
DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Z.'\u2019-]+(?: [A-Z][A-Z.'\u2019-]+){0,3}(?:, " + _REGION + r")?)"
    r"(?:\s*,\s*"
    r"(?P<date>(?:" + _DAY + r",?\s+)?" + _MONTH + r"\s+\d{1,2}(?:,?\s+\d{4})?|" + _DAY + r"))?"
    r"\s*(?:\((?P<source>[^()\n]{2,60})\))?"
    r"\s*(?:[-\u2013\u2014]+|:)(?!\w)"  # not a hyphen inside a word: "CJTF-OIR", "UK-France"
)


#: state-agency styles: "MOSCOW, December 3. /TASS/." and "DAMASCUS, SANA –": the agency in
#: slashes, or in capitals right before the dash
AGENCY_DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Za-z.'’-]+(?: [A-Z][A-Za-z.'’-]+){0,3})"
    r"(?:\s*,\s*(?P<date>(?:" + _DAY + r",?\s+)?" + _MONTH + r"\s+\d{1,2}(?:,?\s+\d{4})?))?"
    r"\s*[.,]?\s*(?:/(?P<source>[A-Z][A-Za-z -]{1,30})/\s*[.:]?"
    r"|(?P<caps>[A-Z][A-Z]{1,11})\s*(?:[-–—]+|:))"
)


def _agency(text: str, start: int) -> re.Match | None:
    m = AGENCY_DATELINE.match(text, start)
    if m and m.group("caps") and "," not in text[m.end("place"):m.start("caps")]:
        return None  # "NATO - the alliance…" is no dateline: the agency follows "PLACE,"
    if m and (m.group("source") or m.group("caps")):
        return m
    return None


def find_datelines(text: str, paragraphs: tuple[tuple[int, int], ...]) -> list[Dateline]:
    found = []
    for start, _end in paragraphs[:4]:
        m = DATELINE.match(text, start)
        if not m or not (m.group("date") or m.group("source")):
            a = _agency(text, start)
            if a is not None:
                g = "source" if a.group("source") else "caps"
                found.append(Dateline(
                    start=a.start(), end=a.end(), place=a.group("place"),
                    place_start=a.start("place"), place_end=a.end("place"),
                    date_text=a.group("date"), source=a.group(g).strip(),
                    source_start=a.start(g), source_end=a.start(g) + len(a.group(g).strip())))
            continue
        src = m.group("source")
        found.append(Dateline(
            start=m.start(), end=m.end(), place=m.group("place"),
            place_start=m.start("place"), place_end=m.end("place"),
            date_text=m.group("date"),
            source=src.strip() if src else None,
            source_start=m.start("source") if src else None,
            source_end=m.end("source") if src else None,
        ))
    return found


@extractor("dateline", provides="dateline")
def extract_dateline(doc: ParsedDoc, found: Findings) -> Dateline | None:
    """The article's dateline; when a teaser repeats it, the one naming a source wins."""
    lines = find_datelines(doc.text, doc.paragraphs)
    if not lines:
        return None
    with_source = [d for d in lines if d.source]
    return (with_source or lines)[0]
