"""Roles: a person's title and the organisation it is held in."""

from __future__ import annotations

import pytest

RS = "\u2019"


def _roles(findings_of, text: str) -> set[tuple[str, str, str | None]]:
    f = findings_of(text)
    label = {e.key: e.label for e in f.entities}
    return {(label[r.person], r.title, label.get(r.organization)) for r in f.roles}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the organisation's possessive or name before the title
        ("Acme Group's chief executive Jane Doe said sales rose.",
         {("Jane Doe", "chief executive", "Acme Group")}),
        (f"Acme Group{RS}s chief executive Jane Doe said sales rose.",
         {("Jane Doe", "chief executive", "Acme Group")}),
        ("Acme Group chief executive Jane Doe said sales rose.",
         {("Jane Doe", "chief executive", "Acme Group")}),
        ("The Bank of England governor Mark Lane spoke on Monday.",
         {("Mark Lane", "governor", "Bank of England")}),
        # a department named by its portfolio word in the title, when the article names it
        ("Defense Secretary Ash Carter met troops, according to a Defense Department release.",
         {("Ash Carter", "defense secretary", "Defense Department")}),
        # not another country's minister, nor a party spokesman's brief
        ("Russian Foreign Minister Sergei Lavrov met officials, a Foreign Office spokesman "
         "said.", {("Sergei Lavrov", "foreign minister", None)}),
        # the title in apposition, with an of/for/at phrase
        ("Jane Doe, the chief executive of Acme Group, said sales rose.",
         {("Jane Doe", "chief executive", "Acme Group")}),
        ("Jane Doe, a spokeswoman for the Ministry of Health, said the rules would change.",
         {("Jane Doe", "spokeswoman", "Ministry of Health")}),
        ("\u201cThe market is weak,\u201d said John Smith, an analyst at Acme Group.",
         {("John Smith", "analyst", "Acme Group")}),
        # a title before the name, with no organisation
        ("Foreign Secretary John Smith arrived in Paris.",
         {("John Smith", "foreign secretary", None)}),
        ("Prime Minister Jane Doe visited the plant.", {("Jane Doe", "prime minister", None)}),
        # a title predicated of the person
        ("John Smith is the chairman of Acme Group.", {("John Smith", "chairman", "Acme Group")}),
        ("Jane Doe became chairman of Acme Group in 2019.",
         {("Jane Doe", "chairman", "Acme Group")}),
        ("Jane Doe, who is chief executive of Acme Group, resigned.",
         {("Jane Doe", "chief executive", "Acme Group")}),
        ("Jane Doe was named chief executive of Acme Group on Monday.",
         {("Jane Doe", "chief executive", "Acme Group")}),
        ("Acme Group appointed Jane Doe as chief executive.",
         {("Jane Doe", "chief executive", "Acme Group")}),
        # coordinated titles share the organisation
        ("Jane Doe, chairman and chief executive of Acme Group, said sales rose.",
         {("Jane Doe", "chairman", "Acme Group"), ("Jane Doe", "chief executive", "Acme Group")}),
        # the organisation through a definite description ("the ministry's")
        (f"The Health Ministry will change the rules, the ministry{RS}s spokeswoman Jane Doe "
         "said.", {("Jane Doe", "spokeswoman", "Health Ministry")}),
        # "its" reaching back to the organisation of the sentence before; the whole title
        ("The plan was criticised by the Transport Workers Union. Its regional secretary, "
         "Paul Grant, called it a betrayal.",
         {("Paul Grant", "regional secretary", "Transport Workers Union")}),
    ],
)
def test_roles(findings_of, text: str, expected: set) -> None:
    assert _roles(findings_of, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Jane Doe met the chairman of Acme Group.",  # someone else is the chairman
        f"Jane Doe criticised Acme Group{RS}s chief executive.",
        "Jane Doe said sales rose at Acme Group.",
    ],
)
def test_no_role(findings_of, text: str) -> None:
    assert _roles(findings_of, text) == set()


def test_role_span_and_confidence(findings_of) -> None:
    text = "Jane Doe, the chief executive of Acme Group, said sales rose."
    (role,) = findings_of(text).roles
    assert text[role.start:role.end] == "Jane Doe, the chief executive"
    assert role.confidence > 0.7  # an organisation was found
    (bare,) = findings_of("Foreign Secretary John Smith arrived in Paris.").roles
    assert bare.confidence < role.confidence


@pytest.mark.parametrize(
    ("text", "person", "title"),
    [
        # a title run before the name, with abbreviations, with or without an organisation
        ("Lt Gen Sergei Rudskoi briefed reporters in Moscow.", "Sergei Rudskoi", "lt gen"),
        ("UK PM Rishi Sunak visited Kyiv on Monday.", "Rishi Sunak", "pm"),
        ("Maj. Gen. Gary Volesky said the attack failed.", "Gary Volesky", "maj. gen."),
        # the whole title, with its "of/for" complement
        ("The Secretary of State for Culture, Tessa Jowell, defended the bill.", "Tessa Jowell",
         "secretary of state for culture"),
        # a name span that swallowed its title
        ("Commerce and Industry Minister Kamal Nath announced the decision.", "Kamal Nath",
         "commerce and industry minister"),
    ],
)
def test_titles_before_the_name(findings_of, text, person, title):
    f = findings_of(text)
    got = {(f.entity(r.person).label, r.title) for r in f.roles}
    assert (person, title) in got


def test_former_titles_are_marked(findings_of):
    f = findings_of("Former chief executive John Smith criticised the board.")
    (r,) = [r for r in f.roles if f.entity(r.person).label == "John Smith"]
    assert r.former and r.title == "chief executive"
    f = findings_of("Ed Balls, ex-chief economic adviser to the Treasury, said no.")
    (r,) = [r for r in f.roles if f.entity(r.person).label == "Ed Balls"]
    assert r.former and r.title == "chief economic adviser"
    assert f.entity(r.organization).label == "Treasury"
    f = findings_of("Chief executive Jane Doe praised the board.")
    (r,) = [r for r in f.roles if f.entity(r.person).label == "Jane Doe"]
    assert not r.former


def test_title_across_a_false_sentence_break_after_an_abbreviation(findings_of):
    f = findings_of("Pentagon press operations director Navy Capt. Jeff Davis said today.")
    got = {(f.entity(r.person).label, r.title) for r in f.roles}
    assert ("Jeff Davis", "capt.") in got
    assert "Navy" not in {e.label for e in f.entities if e.kind.value == "person"}


def test_title_with_a_place_phrase_and_the_name_in_apposition(findings_of):
    f = findings_of("A local physician from Husaybah, Zahid Mohammed Rawi, said 97 died.")
    got = {(f.entity(r.person).label, r.title) for r in f.roles}
    assert ("Zahid Mohammed Rawi", "local physician") in got


def test_title_for_a_region_then_the_name(findings_of):
    f = findings_of("Minister for the Middle East Tobias Ellwood visited the camp.")
    people = {e.label for e in f.entities if e.kind.value == "person"}
    assert people == {"Tobias Ellwood"}


@pytest.mark.parametrize(
    ("text", "person", "title", "org"),
    [
        ("The official spokeswoman of the Russian Foreign Ministry Maria Zakharova said the "
         "claims were groundless.", "Maria Zakharova", "official spokeswoman",
         "Russian Foreign Ministry"),
        ("Russia's Permanent Representative to the UN Vasily Nebenzya said the plan would "
         "fail.", "Vasily Nebenzya", "permanent representative", "UN"),
    ],
)
def test_inverted_title_organisation_name(findings_of, text, person, title, org):
    assert (person, title, org) in _roles(findings_of, text)
    f = findings_of(text)
    assert person in {f.entity(k).label for c in f.claims for k in c.speakers}
