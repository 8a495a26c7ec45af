"""Sentence boundaries: a line goes on until a sentence's last mark, a wire dateline's dash or
a line break, whatever the parser proposes."""

from __future__ import annotations

import pytest

from graphbuild.nlp import parse
from graphbuild.types import Article


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the parser would start a sentence at the capitalised word; the line goes on
        ("Officials said that the rebels have reached the UNESCO World Heritage Site at "
         "Palmyra in Syria.", 1),
        ("The frigate FS Forbin joined the Navy's (NAVCENT) Task Force (CTF) 50 on Monday.", 1),
        ("CJTF-OIR has five training sites, which were instrumental.", 1),
        # after a sentence's last mark, a closing quote, or on a new line, a new sentence
        ("The talks ended. Officials left on Monday.", 2),
        ('"The talks ended," she said. Officials left.', 2),
        ("Officials met on Monday\nTory leader Michael Howard spoke.", 2),
        # a wire dateline's dash ends it
        ("Sofia, February 15 (BTA) -- Today the two main parties met in Sofia.", 2),
    ],
)
def test_sentences_end_at_a_sentence_mark(text: str, expected: int) -> None:
    (doc,) = parse([Article(id="t", text=text)])
    assert len(doc.sentences) == expected
