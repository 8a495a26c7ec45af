"""Plain text: the headline rule, clean-up and read_text_article (with a Hypothesis test)."""

from __future__ import annotations

import hashlib
import logging
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graphbuild.errors import InputError
from graphbuild.ingest import read_text_article
from graphbuild.ingest.text import split_headline


def normalise(text: str) -> str:
    """The documented normalisations, written independently of the code under test."""
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(
        ch
        for ch in text
        if not (ord(ch) < 32 and ch not in "\n\t") and not 0xD800 <= ord(ch) <= 0xDFFF
    )


def test_headline_and_body():
    text = "Ferry Route Approved\n\n\nPORT ELLIS - The council voted.\n\nMore text.\n"
    article = read_text_article(text)
    assert article.title == "Ferry Route Approved"
    assert article.text == "PORT ELLIS - The council voted.\n\nMore text.\n"
    assert article.content_hash == hashlib.sha256(article.text.encode()).hexdigest()
    assert article.id == "text-" + hashlib.sha256(text.encode()).hexdigest()[:16]


@pytest.mark.parametrize(
    "text",
    [
        "The council voted on Tuesday.\n\nMore text.",  # ends with a full stop
        "Did the council vote?\n\nMore text.",
        'He said "yes"\n\nMore text.',
        "He said “yes”\n\nMore text.",
        "Ferry Route Approved\nPORT ELLIS - no blank line after it.",
        " ".join(["word"] * 31) + "\n\nMore text.",  # too many words
        "x" * 251 + "\n\nMore text.",  # too long
        "Only a headline\n\n\n",  # nothing after it
        "One single line",
    ],
)
def test_no_headline(text):
    assert split_headline(text) == (None, text)


def test_headline_after_leading_blank_lines_and_crlf():
    article = read_text_article("\r\n  Storm Warning  \r\n   \r\nGales are expected.\r\n")
    assert article.title == "Storm Warning"
    assert article.text == "Gales are expected.\n"


def test_markdown_heading():
    title, body = split_headline("# Is It Over?\nThe storm passed.\n", markdown=True)
    assert (title, body) == ("Is It Over?", "The storm passed.\n")
    assert split_headline("# Is It Over?\n\nThe storm passed.\n")[0] is None  # not markdown


def test_explicit_title_and_id_keep_whole_text():
    article = read_text_article("Headline\n\nBody.", id="a1", path="x.txt", title=" Given ")
    assert (article.id, article.title, article.text, article.path) == (
        "a1",
        "Given",
        "Headline\n\nBody.",
        "x.txt",
    )


def test_control_characters_removed_with_warning(caplog):
    with caplog.at_level(logging.WARNING, logger="graphbuild.ingest"):
        article = read_text_article("Bell\x07 and\x00 nul\tand tab\ud800", path="odd.txt")
    assert article.text == "Bell and nul\tand tab"
    assert any("odd.txt" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize("text", ["", "  \n\t\r\n", "\x00\x01"])
def test_empty_text_raises(text):
    with pytest.raises(InputError, match="empty text"):
        read_text_article(text)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.characters(exclude_categories=()),  # surrogates and controls included
            st.sampled_from(["\n", "\r", "\r\n", "\ufeff", " ", "\t", ".", "?", "”", "# "]),
            st.sampled_from(["Ferry Route Approved\n\n", "Storm Warning\r\n\r\n"]),
        )
    ).map("".join)
)
def test_round_trip(text):
    expected = normalise(text)
    if not expected.strip():
        with pytest.raises(InputError):
            read_text_article(text)
        return
    article = read_text_article(text)
    assert article == read_text_article(text)  # deterministic, id included
    assert article.id == "text-" + hashlib.sha256(expected.encode()).hexdigest()[:16]
    assert re.fullmatch(r"text-[0-9a-f]{16}", article.id)
    assert article.content_hash == hashlib.sha256(article.text.encode()).hexdigest()
    if article.title is None:
        assert article.text == expected
    else:
        head = expected[: len(expected) - len(article.text)]
        assert expected.endswith(article.text) and article.text.strip()
        assert [line.strip() for line in head.split("\n") if line.strip()] == [article.title]
