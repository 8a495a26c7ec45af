"""Wire-story datelines: place, date and source at the start of a paragraph."""

from __future__ import annotations

import pytest

from graphbuild.extract.dateline import find_datelines
from graphbuild.nlp import paragraphs


def _first(text: str):
    found = find_datelines(text, paragraphs(text))
    return found[0] if found else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("LONDON, May 4 (Reuters) - The bank raised rates.", ("LONDON", "May 4", "Reuters")),
        ("WASHINGTON (AP) \u2014 Lawmakers voted on the bill.", ("WASHINGTON", None, "AP")),
        ("PARIS, Tuesday - Rail workers went on strike.", ("PARIS", "Tuesday", None)),
        ("NEW YORK, March 3, 2021 (Bloomberg) -- Stocks rose.",
         ("NEW YORK", "March 3, 2021", "Bloomberg")),
        ("BERLIN, Sept. 9 (Wexford Wire) \u2013 The talks ended.",
         ("BERLIN", "Sept. 9", "Wexford Wire")),
        ("ROME, Friday, Oct. 2 - The vote was delayed.", ("ROME", "Friday, Oct. 2", None)),
        ("OSLO (Nordic Post): Officials met on Monday.", ("OSLO", None, "Nordic Post")),
        # state abbreviations, with and without a date
        ("PORTLAND, Ore., Jan. 12 (AP) - Rain fell all day.",
         ("PORTLAND, Ore.", "Jan. 12", "AP")),
        ("SPRINGFIELD, Ill. (Reuters) \u2013 The vote passed.",
         ("SPRINGFIELD, Ill.", None, "Reuters")),
        ("LOS ANGELES, CA, July 4 (AP) - Fireworks were banned.",
         ("LOS ANGELES, CA", "July 4", "AP")),
        ("SAN DIEGO, Calif., June 5 \u2014 The port reopened.",
         ("SAN DIEGO, Calif.", "June 5", None)),
        ("ST. PAUL, Minn. (AP) - Snow closed schools.", ("ST. PAUL, Minn.", None, "AP")),
        # a country after the city
        ("KYIV, Ukraine, Feb. 24 (Reuters) - Sirens sounded.",
         ("KYIV, Ukraine", "Feb. 24", "Reuters")),
        ("SEOUL, South Korea (AP) \u2014 Exports fell.", ("SEOUL, South Korea", None, "AP")),
    ],
)
def test_dateline_fields(text: str, expected: tuple[str, str | None, str | None] | None) -> None:
    d = _first(text)
    if expected is None:
        assert d is None
        return
    assert d is not None
    assert (d.place, d.date_text, d.source) == expected
    assert text[d.place_start:d.place_end] == d.place
    if d.source:
        assert text[d.source_start:d.source_end] == d.source
    assert text[d.end - 1] in "-\u2013\u2014:"


@pytest.mark.parametrize(
    "text",
    [
        "LONDON - Prices rose again.",  # no date and no source: could be any capitalised word
        "BREAKING: The minister resigned.",
        "NATO said on Monday - without giving details - that it would meet.",
        "The CEO said: we will grow.",
        "Sept. 3 (Reuters) - The talks ended.",  # no place
        "US-CHINA TALKS: Officials met on Monday.",
        "Acme Group (Reuters) - Shares fell.",  # a name in mixed case is not a dateline place
        "CJTF-OIR has five training sites.",  # a hyphen inside a name is no dateline's dash
        "He flew to LONDON, May 4 (Reuters) - and back.",  # not at a paragraph start
        "",
    ],
)
def test_not_a_dateline(text: str) -> None:
    assert _first(text) is None


def test_only_the_first_paragraphs_are_searched() -> None:
    text = "\n\n".join(["Intro paragraph one."] * 5 + ["LONDON, May 4 (Reuters) - Late."])
    assert _first(text) is None
    text = "\n\n".join(["Intro paragraph one."] * 2 + ["LONDON, May 4 (Reuters) - Early."])
    assert _first(text) is not None


def test_dateline_with_source_beats_teaser(findings_of) -> None:
    text = ("LONDON, May 4- The bank raised rates again, its fourth rise this year.\n\n"
            "LONDON, May 4 (Wexford Wire) - The bank raised rates again on Thursday.")
    d = findings_of(text).dateline
    assert d is not None
    assert d.source == "Wexford Wire"
    assert d.start == text.index("LONDON, May 4 (")


def test_dateline_without_source_is_kept(findings_of) -> None:
    text = "PARIS, Tuesday - Rail workers went on strike over pay."
    d = findings_of(text).dateline
    assert d is not None and d.place == "PARIS" and d.source is None


def test_dateline_is_its_own_sentence(result_of) -> None:
    text = "LONDON, May 4 (Reuters) - The bank raised rates."
    doc = result_of(text).doc
    assert [text[s.start:s.end] for s in doc.sentences] == [
        "LONDON, May 4 (Reuters) -", "The bank raised rates."]


def test_dateline_place_and_source_become_entities(findings_of) -> None:
    f = findings_of("BRISTOL, May 4 (Wexford Wire) - The council approved the budget.")
    by_label = {e.label: e for e in f.entities}
    assert by_label["Wexford Wire"].schema_type == "NewsMediaOrganization"
    assert by_label["Bristol"].kind.value == "place"


@pytest.mark.parametrize(
    ("text", "place", "source"),
    [
        ("MOSCOW, December 3. /TASS/. Russia said the talks would go on.", "MOSCOW", "TASS"),
        ("DAMASCUS, SANA \u2013 The army said it had advanced.", "DAMASCUS", "SANA"),
        ("Damascus, SANA- The army said it had advanced.", "Damascus", "SANA"),
    ],
)
def test_state_agency_datelines(text, place, source):
    (d,) = find_datelines(text, paragraphs(text))
    assert (d.place, d.source) == (place, source)
    assert text[d.source_start:d.source_end] == source


@pytest.mark.parametrize("text", ["NATO - the alliance met on Monday.",
                                  "The US said the talks would go on."])
def test_no_agency_dateline(text):
    assert find_datelines(text, paragraphs(text)) == []


def test_agency_in_slashes_is_the_publisher(findings_of):
    f = findings_of("Talks go on\n\nMOSCOW, December 3. /TASS/. Russia said the talks go on.")
    assert f.dateline is not None and f.dateline.source == "TASS"
    assert any(m.source == "dateline" and m.text == "TASS" for m in f.mentions)
