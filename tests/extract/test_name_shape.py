"""What a recognised name span may not contain (graphbuild.extract._name_shape)."""

from __future__ import annotations

import pytest

from graphbuild.extract import _name_shape as shape
from graphbuild.ingest import read_text_article
from graphbuild.pipeline import analyse


def _names(findings_of, text: str) -> list[str]:
    return [m.text for m in findings_of(text).mentions if m.source not in {"pronoun", "nominal"}]


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # a person's name stops at a possessive
        ("Mr Balls said Mr Brown's Budget would not put stability at risk.", ["Brown"],
         ["Mr Brown's Budget"]),
        # a minister's portfolio is no organisation
        ("Home Affairs spokesman Mark Oaten demanded assurances.", ["Mark Oaten"],
         ["Home Affairs"]),
        ("The Secretary of State for Culture, Media and Sport, Tessa Jowell, hit back.",
         ["Tessa Jowell"], ["State for Culture", "Media", "Sport"]),
        # titles in the plural after portfolio words are no organisation
        ("The Foreign, Home and Defence Secretaries also attended.", [],
         ["Home and Defence Secretaries", "Foreign, Home and Defence Secretaries"]),
        # a person's name does not start with an acronym in capitals
        ("The Envoy to Counter ISIL Brett McGurk will lead a delegation.", ["Brett McGurk"],
         ["ISIL Brett McGurk"]),
        # a name that ends in an abbreviated title is the title's organisation
        ("But Mr Balls, a prospective Labour MP, said he was confident.", ["Labour"],
         ["Labour MP"]),
    ],
)
def test_name_spans_are_cut(findings_of, text, present, absent):
    names = _names(findings_of, text)
    assert all(p in names for p in present)
    assert not [a for a in absent if a in names]


def test_labour_mp_is_an_organisation(findings_of):
    f = findings_of("But Mr Balls, a prospective Labour MP, said he was confident.")
    (m,) = [m for m in f.mentions if m.text == "Labour"]
    assert m.label == "ORG"


def _headline_names(title: str, body: str) -> list[str]:
    art = read_text_article(title + "\n\n" + body, title=title)
    res = next(analyse([art]))
    title_end = len(title)
    return [m.text for m in res.findings.mentions
            if m.source not in {"pronoun", "nominal"} and m.end <= title_end]


def test_title_case_headline_words_the_body_writes_in_lower_case_are_not_names():
    names = _headline_names(
        "Lopez, Chilean Prime Minister Discuss Next Moves in Arica Fight",
        "Defence Secretary Ana Lopez met the Chilean prime minister in Arica on Monday. "
        "They discussed the next phase of the fight for the port, where fighting goes on. "
        "Arica has been cut off for a week.")
    assert "Discuss Next Moves" not in names and "Arica Fight" not in names


@pytest.mark.parametrize(("word", "stem"), [("discussed", "discuss"), ("discuss", "discuss"),
                                            ("moves", "move"), ("fighting", "fight")])
def test_stem(word, stem):
    assert shape._stem(word) == stem
