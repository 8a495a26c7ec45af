"""Numbers and amounts: ``parse_number`` and the quantities extractor."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graphbuild.extract.quantities import parse_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # digits, thousands separators, decimals
        ("18", 18),
        ("0", 0),
        ("1,200", 1200),
        ("1,234,567", 1234567),
        ("3.5", 3.5),
        ("0.75", 0.75),
        ("40,000.50", 40000.5),
        (" 7 ", 7),
        # words
        ("two", 2),
        ("Twenty", 20),
        ("dozen", 12),
        ("twenty-five", 25),
        ("Ninety-nine", 99),
        # scale suffixes and currency signs
        ("£3.5m", 3_500_000),
        ("$2bn", 2_000_000_000),
        ("2bn", 2_000_000_000),
        ("€40k", 40_000),
        ("3.5M", 3_500_000),
        ("12%", 12),
        # not numbers
        ("abc", None),
        ("", None),
        ("1,20", None),  # a misplaced thousands separator
        ("1.2.3", None),
        ("18th", None),
        ("seven-day", None),
        ("twenty-twenty-five", None),
        ("five-twenty", None),
        ("m", None),
    ],
)
def test_parse_number(text: str, expected: float | None) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize(("text", "kind"), [("18", int), ("1,200", int), ("two", int),
                                            ("3.5", float), ("40,000.50", float)])
def test_parse_number_type(text: str, kind: type) -> None:
    assert type(parse_number(text)) is kind


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The company will sell 12 stores.", [(12, "stores", "12 stores")]),
        ("The group deleted 1,200 posts and two pages.",
         [(1200, "posts", "1,200 posts"), (2, "pages", "two pages")]),
        ("About 40,000 people marched on Sunday.", [(40000, "people", "40,000 people")]),
        ("Police arrested twenty-five people.", [(25, "people", "twenty-five people")]),
        ("The bank lent two hundred thousand pounds.",
         [(200_000, "pounds", "two hundred thousand pounds")]),
        ("Officers seized 3.5 million cigarettes.",
         [(3_500_000, "cigarettes", "3.5 million cigarettes")]),
        # money: the currency sign is the unit
        ("The firm paid \u00a33.5m to settle the case.", [(3_500_000, "\u00a3", "\u00a33.5m")]),
        ("The bank lost $2bn last year.", [(2_000_000_000, "$", "$2bn")]),
        ("The fund raised $40 million from investors.",
         [(40_000_000, "$", "$40 million")]),
        # dates and ordinals are not counts
        ("The 2020 election was close.", []),
        ("She finished third in the race on May 4.", []),
        ("The council met again.", []),
    ],
)
def test_quantities_in_text(findings_of, text: str, expected: list) -> None:
    got = [(q.value, q.unit, q.text) for q in findings_of(text).quantities]
    assert got == expected
    for q in findings_of(text).quantities:
        assert text[q.start:q.end] == q.text


def test_quantity_values_are_ints_when_whole(findings_of) -> None:
    (q,) = findings_of("The firm paid \u00a33.5m to settle the case.").quantities
    assert q.value == 3_500_000 and isinstance(q.value, int)


@given(st.integers(min_value=0, max_value=10**12))
def test_parse_number_reads_formatted_integers(n: int) -> None:
    assert parse_number(str(n)) == n
    assert parse_number(f"{n:,}") == n


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=1, max_value=99))
def test_parse_number_reads_decimals(whole: int, frac: int) -> None:
    assert parse_number(f"{whole}.{frac:02d}") == pytest.approx(whole + frac / 100)
