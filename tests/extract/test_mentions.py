"""Mentions: names from NER and from rules, trimmed, with type votes; pronouns and nominals."""

from __future__ import annotations

import pytest


def _names(findings_of, text: str) -> list[str]:
    f = findings_of(text)
    return [m.text for m in f.mentions if m.source not in {"pronoun", "nominal"}]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # honorifics and leading job titles are not part of a person's name
        ("Mr Smith said the plan would fail.", ["Smith"]),
        ("Dr. Jane Brown said the vaccine was safe.", ["Jane Brown"]),
        ("Mrs Green and Ms Patel signed the letter.", ["Green", "Patel"]),
        # articles and possessives are trimmed
        ("The Bank of England raised rates.", ["Bank of England"]),
        ("Acme Group's chief executive Jane Doe spoke.", ["Acme Group", "Jane Doe"]),
        # an acronym in parentheses is a mention of its own
        ("The Northern Rail Workers Union (NRWU) called a strike.",
         ["Northern Rail Workers Union", "NRWU"]),
        # the second recogniser's cut after "of" is no name's end: the whole name stays
        ("The minister asked the Government of Chile to release the figures.",
         ["Government of Chile"]),
        # an "X of Y" name cut at "and" goes on over a capitalised word read as an adjective
        ("Troops held their positions against Islamic State of Iraq and the Levant fighters "
         "near the river.", ["Islamic State of Iraq and the Levant"]),
        # a place and, after a comma, its country are two names
        ("Archaeologists returned to Palmyra, Syria in March.", ["Palmyra", "Syria"]),
        # an NER span that runs over a clause's verb is cut into two names
        ("The Ministry of Health urged Acme Group to recall the drug.",
         ["Ministry of Health", "Acme Group"]),
        # a name NER missed, called an organisation by its apposition
        ("Milo, the social network, said its users had doubled.", ["Milo"]),
    ],
)
def test_name_mentions(findings_of, text: str, expected: list[str]) -> None:
    assert _names(findings_of, text) == expected


def test_mention_offsets_match_text(findings_of) -> None:
    text = "Dr. Jane Brown met Acme Group officials in London on Monday."
    f = findings_of(text)
    assert f.mentions
    for m in f.mentions:
        assert text[m.start:m.end] == m.text
        assert m.token_start < m.token_end


@pytest.mark.parametrize(
    ("text", "name", "vote"),
    [
        ("The social network Milo said its users had doubled.", "Milo", "ORG/Organization"),
        ("Fenwick, the company, said profits fell.", "Fenwick", "ORG/Corporation"),
        ("The Department of Transport closed the bridge.", "Department of Transport",
         "ORG/GovernmentOrganization"),
        ("Apex Motors cut jobs.", "Apex Motors", "ORG/Corporation"),
        ("Mr Smith said the plan would fail.", "Smith", "PERSON"),  # honorific
        ("Jane Doe, the mayor, spoke on Monday.", "Jane Doe", "PERSON"),  # title apposition
        ("BRISTOL, May 4 (Wexford Wire) - The council met.", "Wexford Wire",
         "ORG/NewsMediaOrganization"),
        # a name before a job title and a person's name is the title's organisation
        ("Yukos spokesman Mike Lake told reporters the sale was illegal.", "Yukos", "ORG"),
        ("They wanted to meet Labour party chairman Ian McCartney.", "Labour",
         "ORG/PoliticalParty"),
        # a name after a preposition of place
        ("Troops captured tanks near Palmyra on Sunday.", "Palmyra", "GPE"),
    ],
)
def test_context_votes(findings_of, text: str, name: str, vote: str) -> None:
    (m,) = [m for m in findings_of(text).mentions if m.text == name]
    assert vote in {label for label, _w, _why in m.votes if _why != "ner"}


def test_pronouns_and_definite_descriptions_are_mentions(findings_of) -> None:
    f = findings_of("Acme Group said it would close the plant. Its workers said they were angry.")
    by_source = {(m.text, m.source) for m in f.mentions}
    assert {("it", "pronoun"), ("Its", "pronoun"), ("they", "pronoun"),
            ("the plant", "nominal")} <= by_source
    assert ("Acme Group", "ner") in by_source


def test_first_person_pronouns_are_not_mentions(findings_of) -> None:
    f = findings_of("“We will fight this,” I said to you.")
    assert [m for m in f.mentions if m.source == "pronoun"] == []


def test_mentions_are_sorted(findings_of) -> None:
    f = findings_of("Apex Motors and Bolt Airways said they would cut jobs in Leeds.")
    starts = [m.start for m in f.mentions]
    assert starts == sorted(starts)


def test_nationality_adjectives_are_not_mentions(findings_of):
    f = findings_of("Iraqi forces and European officials met in Baghdad on Monday.")
    names = {m.text for m in f.mentions if m.source == "ner"}
    assert "Iraqi" not in names and "European" not in names
    assert "Baghdad" in names


def test_organisation_name_cut_at_and_goes_on(findings_of):
    f = findings_of("Troops fought the Islamic State of Iraq and the Levant near Mosul.")
    labels = {e.label for e in f.entities}
    assert "Islamic State of Iraq and the Levant" in labels


def test_name_span_loses_its_title(findings_of):
    f = findings_of("Commerce and Industry Minister Kamal Nath announced the decision.")
    people = {e.label for e in f.entities if e.kind.value == "person"}
    assert people == {"Kamal Nath"}


def test_political_groups_are_organisations_nationalities_are_not(findings_of):
    f = findings_of("The Tories said the plan would fail, and Tory leader Michael Howard agreed. "
                    "Iraqis were not consulted.")
    orgs = {e.label for e in f.entities if e.kind.value == "organization"}
    assert {"Tories", "Tory"} <= orgs
    names = {m.text for m in f.mentions if m.source == "ner"}
    assert "Iraqis" not in names


def test_a_known_place_before_a_title_gets_no_organisation_vote(findings_of) -> None:
    (m,) = [m for m in findings_of("France president Jacques Chirac spoke.").mentions
            if m.text == "France"]
    assert "names the organisation of the title after it" not in {why for *_, why in m.votes}


def test_a_bracketed_short_form_does_not_take_the_title_it_hangs_on(findings_of) -> None:
    text = ("Ravi Kumar, general secretary of the Centre of Indian Trade Unions (CITU), "
            "said the plan was wrong.")
    (m,) = [m for m in findings_of(text).mentions if m.text == "CITU"]
    assert all(label != "PERSON" for label, *_ in m.votes)


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        # a name NER missed before a title and a person's name: the title's organisation
        ("But Green MSP Mark Ballard fears voters may miss out.", "Green", "ORG"),
        # an acronym tagged as an adjective is still a name
        ("CBI chief economist Ian McCafferty said the economy had slowed.", "CBI", "ORG"),
    ],
)
def test_organisation_before_a_title(findings_of, text: str, name: str, label: str) -> None:
    f = findings_of(text)
    (m,) = [m for m in f.mentions if m.text == name]
    assert m.label == label
    (role,) = f.roles
    assert role.organization is not None and f.entity(role.organization).label == name


def test_a_line_in_capitals_gives_no_acronym_names(findings_of) -> None:
    assert "SHARES" not in _names(findings_of, "SHARES FALL AS Acme Group cuts jobs.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an "X of Y" name stays whole, however the second recogniser cuts it
        ("Ships patrol the Gulf of Oman and the Gulf of Aden.", ["Gulf of Oman", "Gulf of Aden"]),
        ("We urge the Government of Iraq to protect the camp.", ["Government of Iraq"]),
        # "<place or organisation head> of" before a name is part of it
        ("NAVCENT covers the Arabian Gulf, Gulf of Oman, North Arabian Sea and Gulf of Aden.",
         ["NAVCENT", "Arabian Gulf", "Gulf of Oman", "North Arabian Sea", "Gulf of Aden"]),
        # the extension over "and the ..." takes a capitalised word the tagger read as an
        # adjective
        ("They freed the city from Islamic State of Iraq and the Levant terrorists.",
         ["Islamic State of Iraq and the Levant"]),
        # "and the <organisation name>" after an "X of Y" name is a second name
        ("The deal between the Federal Government of Iraq and the Kurdistan Regional Government "
         "holds.", ["Federal Government of Iraq", "Kurdistan Regional Government"]),
    ],
)
def test_of_names(findings_of, text: str, expected: list[str]) -> None:
    assert _names(findings_of, text) == expected


def test_adjacent_person_names_of_the_second_recogniser_are_one(result_of) -> None:
    from graphbuild.extract.mentions import _join_adjacent_people
    from graphbuild.types import NerSpan

    doc = result_of("Tony Blair and Gordon Brown met, Blair said.").doc
    t = doc.tokens
    spans = [NerSpan(t[i].start, t[i].end, i, i + 1, "PERSON", t[i].text) for i in (0, 1, 3, 4)]
    joined = _join_adjacent_people(doc, spans)
    assert [s.text for s in joined] == ["Tony Blair", "Gordon Brown"]
    apart = [spans[0], NerSpan(t[2].start, t[2].end, 2, 3, "ORG", "and")]
    assert _join_adjacent_people(doc, apart) == apart


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Iraqi government and Iraqi security forces must protect the camp.",
         ["Iraqi government", "Iraqi security forces"]),
        ("The Syrian army took the city.", ["Syrian army"]),
        # a nationality adjective alone is no mention
        ("Iraqi officials met British diplomats.", []),
    ],
)
def test_a_nationality_and_its_government_or_army_are_an_organisation(findings_of, text,
                                                                      expected):
    assert _names(findings_of, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # two person spans side by side are one name
        ("Anna Petrova met the envoy.", ["Anna Petrova"]),
        # ... not across a comma or a line break
        ("Anna, Petrova and the envoy met.", ["Anna", "Petrova"]),
        ("Anna\nPetrova met the envoy.", ["Anna", "Petrova"]),
    ],
)
def test_second_recogniser_people_side_by_side(result_of, text: str,
                                               expected: list[str]) -> None:
    from graphbuild.extract.mentions import _join_adjacent_people
    from graphbuild.types import NerSpan

    doc = result_of(text).doc
    words = [t for t in doc.tokens if t.text in {"Anna", "Petrova"}]
    aux = [NerSpan(t.start, t.end, t.i, t.i + 1, "PERSON", t.text) for t in words]
    assert [a.text for a in _join_adjacent_people(doc, aux)] == expected


def test_a_surname_that_is_also_a_title_is_a_name(findings_of) -> None:
    """"DoD Spokesman" describes a person by a body's title; "Julie Bishop" is a person."""
    assert "Julie Bishop" in _names(findings_of, "Foreign Minister Julie Bishop met the envoy.")


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # an organisation's name takes a capitalised word the recogniser left out
        ("The Liberal Democrats say they suspect the move.", ["Liberal Democrats"],
         ["Democrats"]),
        # ... and so does a name the words around it call an organisation
        ("Profits fell at HL Anthony Burke, a construction company, the firm said.",
         ["HL Anthony Burke"], ["Anthony Burke"]),
        ("Tom Baker, chief economist, of CB Henry Morgan - an American investment bank - "
         "told the BBC rates would rise.", ["CB Henry Morgan"], ["Henry Morgan"]),
        # two places joined by a hyphen are a modifier
        ("Carter discussed U.S.-Iraq relations with the envoy.", [], ["U.S.-Iraq"]),
        # what the base recogniser read as a language is no place
        ("The motto means Work of God in Latin.", [], ["Latin"]),
    ],
)
def test_name_edges(findings_of, text: str, present: list[str], absent: list[str]) -> None:
    names = _names(findings_of, text)
    assert all(p in names for p in present) and not [a for a in absent if a in names]


def test_a_person_span_does_not_start_with_a_group_the_article_names(findings_of) -> None:
    text = ("The Tory party chose well. The youngest was Tory Edward Turnour, who won a "
            "by-election aged 21.")
    names = _names(findings_of, text)
    assert "Edward Turnour" in names and "Tory Edward Turnour" not in names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The U.S.-led coalition struck targets near the river.", ["U.S."]),
        ("The U.K.-backed plan failed in the vote.", ["U.K."]),
        # a word that is no place nor known organisation
        ("The Acme-led consortium bid for the plant.", []),
    ],
)
def test_a_name_inside_a_hyphenated_word(findings_of, text: str, expected: list[str]) -> None:
    f = findings_of(text)
    assert [m.text for m in f.mentions if m.source == "rule:led"] == expected
    for m in f.mentions:
        assert text[m.start:m.end] == m.text
