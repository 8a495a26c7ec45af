"""Scanning quotation marks: quoted stretches per paragraph, continuation, scare quotes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graphbuild.extract._quotemarks import scan, scare_quotes
from graphbuild.nlp import paragraphs

L, R = "\u201c", "\u201d"  # curly double quotes
LS, RS = "\u2018", "\u2019"  # curly single quotes (RS is also the apostrophe)


def _scan(text: str) -> list[tuple[str, bool]]:
    return [(q.text(text), q.closed) for q in scan(text, paragraphs(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # curly and straight marks
        (f"He said {L}we will win the vote{R} on Monday.", [("we will win the vote", True)]),
        ('He said "we will win the vote" on Monday.', [("we will win the vote", True)]),
        ("\u00abWe start again tomorrow\u00bb, she said.", [("We start again tomorrow", True)]),
        # two quotations in one paragraph
        (f"{L}The plan is dead,{R} she said. {L}We start again.{R}",
         [("The plan is dead,", True), ("We start again.", True)]),
        ('She said: "It is over." Then: "We go home."',
         [("It is over.", True), ("We go home.", True)]),
        # spaces just inside the marks are trimmed
        (f"He said {L} we will win {R} today.", [("we will win", True)]),
        # no quotation at all
        ("The council approved the budget on Monday.", []),
        # an opening mark while one is open: the earlier quotation was never closed
        (f"{L}We never closed this one {L}but this one is closed,{R} he said.",
         [("We never closed this one", False), ("but this one is closed,", True)]),
    ],
)
def test_scan_one_paragraph(text: str, expected: list[tuple[str, bool]]) -> None:
    assert _scan(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a quotation continued into the next paragraph leaves its closing mark off
        (f"{L}We waited too long for this.\n\n{L}Now the bridge is open,{R} she said.",
         [("We waited too long for this.\n\nNow the bridge is open,", True)]),
        (f"{L}One.\n\n{L}Two.\n\n{L}Three,{R} he said.", [("One.\n\nTwo.\n\nThree,", True)]),
        ('"We waited too long.\n\n"Now it is open," she said.',
         [("We waited too long.\n\nNow it is open,", True)]),
        # an unterminated teaser: the paragraph ends open and the next does not reopen
        (f"{L}A teaser quote that is cut off\n\nThe story goes on here.",
         [("A teaser quote that is cut off", False)]),
        (f"{L}Cut off teaser\u2026\n\nThe story goes on. {L}A real quote,{R} he said.",
         [("Cut off teaser\u2026", False), ("A real quote,", True)]),
        # a continued quotation whose next paragraph does not reopen ends with its paragraph
        (f"{L}First part\n\n{L}second part\n\nNarration follows here.",
         [("First part\n\nsecond part", False)]),
    ],
)
def test_scan_across_paragraphs(text: str, expected: list[tuple[str, bool]]) -> None:
    assert _scan(text) == expected


def test_parts_point_into_each_paragraph() -> None:
    text = f"{L}We waited too long.\n\n{L}Now it is open,{R} she said."
    (q,) = scan(text, paragraphs(text))
    assert [text[s:e] for s, e in q.parts] == ["We waited too long.", "Now it is open,"]
    assert text[q.start:q.end] == "We waited too long.\n\n\u201cNow it is open,"


@pytest.mark.parametrize(
    "text",
    [
        "Tom's dog isn't barking, and the company's shares didn't move.",
        f"The company{RS}s shares rose. It{RS}s fine, the ministry{RS}s aide said.",
        'A 6" screen costs more than a 5" one.',  # inch marks after a digit do not open
        f"The rock{RS}n{RS}roll band played in the {RS}90s.",
    ],
)
def test_apostrophes_and_primes_are_not_quotations(text: str) -> None:
    assert _scan(text) == []
    assert scare_quotes(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"These are, of course, {LS}strong{RS} arguments.", [f"{LS}strong{RS}"]),
        (f"He called the inquiry a {LS}witch hunt{RS} on Monday.", [f"{LS}witch hunt{RS}"]),
        (f"The ministry{RS}s {LS}rule{RS} was ignored.", [f"{LS}rule{RS}"]),
        (f"Its {LS}experts{RS} and {LS}independent{RS} panel met.",
         [f"{LS}experts{RS}", f"{LS}independent{RS}"]),
        # a quoted stretch longer than three words is a quotation, not a scare quote
        (f"He said {LS}we will never give up the fight{RS} today.", []),
        # a single opening mark with no closing mark
        (f"The {LS}rule was ignored.", []),
    ],
)
def test_scare_quotes(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in scare_quotes(text)] == expected


_ALPHABET = "ab ,.\n\u201c\u201d\"\u2018\u2019'\u00ab\u00bb"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=80))
def test_scan_parts_stay_inside_paragraphs_in_order(text: str) -> None:
    paras = paragraphs(text)
    last_end = -1
    for q in scan(text, paras):
        assert q.parts
        for s, e in q.parts:
            assert s < e and s >= last_end
            assert any(ps <= s and e <= pe for ps, pe in paras)
            assert text[s:e] == text[s:e].strip()
            last_end = e
    for s, e in scare_quotes(text):  # curly or straight single marks, the same on each side
        assert (text[s], text[e - 1]) in {(LS, RS), ("'", "'")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a closing mark dropped between two quoted sentences: two quotations, not one
        # quotation and a stretch of narrative
        ('"It was correct," said Ann Lee. "But rates may fall. "Sales are weak."',
         ["It was correct,", "But rates may fall.", "Sales are weak."]),
        # a line whose opening mark was stripped: the quotation starts with the line
        ('The ship sailed.\nWe are proud to join the force," said Capt. Ann Lee. "It helps.',
         ["We are proud to join the force,", "It helps."]),
        # a hard wrap inside a sentence is not a paragraph break
        ('He said "we will win the\nvote on Monday" and left.',
         ["we will win the\nvote on Monday"]),
    ],
)
def test_corpus_conventions_for_dropped_marks(text, expected):
    assert [t for t, _closed in _scan(text)] == expected
