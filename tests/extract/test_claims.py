"""Reported claims: cue verbs with a clause or object, inverted and "according to" forms,
speakers resolved through pronouns, titles and first person, direct quotations left out."""

from __future__ import annotations


def _by_cue(found, cue):
    return [c for c in found.claims if c.cue == cue]


def _speaker_labels(found, claim):
    return {found.entity(k).label for k in claim.speakers}


def test_said_that_gives_a_claim_with_speaker_content_and_about(findings_of):
    f = findings_of("Acme Corp said that Globex had broken the contract signed in Paris.")
    (c,) = _by_cue(f, "say")
    assert "Acme" in " ".join(_speaker_labels(f, c))
    assert c.text.startswith("Globex had broken the contract")
    assert {f.entity(k).label for k in c.about} >= {"Globex", "Paris"}
    assert c.sentence.start == 0 and c.end <= c.sentence.end


def test_evaluative_verb_takes_its_object_and_of_phrase(findings_of):
    f = findings_of("Maria Lopez accused the mayor of hiding the report.")
    (c,) = _by_cue(f, "accuse")
    assert _speaker_labels(f, c) == {"Maria Lopez"}
    assert "the mayor of hiding the report" in c.text


def test_inverted_report_takes_the_clause_before_the_verb(findings_of):
    text = ("John Smith spoke in Leeds on Monday. The economy will grow by 3% next year, "
            "he said.")
    f = findings_of(text)
    (c,) = _by_cue(f, "say")
    assert _speaker_labels(f, c) == {"John Smith"}
    assert c.text == "The economy will grow by 3% next year"


def test_pronoun_naming_someone_in_the_content_falls_back_to_the_last_speaker(findings_of):
    text = ("Michael Howard said the country needed change. Mr Blair has failed to fix the "
            "railways, he claimed.")
    f = findings_of(text)
    (c,) = _by_cue(f, "claim")
    assert _speaker_labels(f, c) == {"Michael Howard"}


def test_according_to_makes_x_the_speaker(findings_of):
    f = findings_of("According to the United Nations, 300 people fled the city of Aleppo.")
    (c,) = _by_cue(f, "according_to")
    assert _speaker_labels(f, c) == {"United Nations"}
    assert c.attribution_cues == ("according to",)
    assert c.text.startswith("300 people fled")


def test_title_description_resolves_to_the_named_holder(findings_of):
    text = ("Health Minister Jane Doe visited the hospital. Later the minister said the "
            "wards would reopen in May.")
    f = findings_of(text)
    (c,) = _by_cue(f, "say")
    assert _speaker_labels(f, c) == {"Jane Doe"}


def test_first_person_after_x_said_colon_is_x(findings_of):
    text = ("Oil deal welcomed\n\nThe Foreign Secretary Philip Hammond said:\n\n"
            "I welcome the agreement between the two governments on oil exports.")
    f = findings_of(text)
    (c,) = _by_cue(f, "welcome")
    assert _speaker_labels(f, c) == {"Philip Hammond"}


def test_a_direct_quotation_is_not_repeated_as_a_claim(findings_of):
    f = findings_of('Jane Doe said: "We will build the new bridge over the river next year."')
    assert f.quotes and not _by_cue(f, "say")


def test_action_verbs_are_not_claims(findings_of):
    f = findings_of("The army captured the town and the police arrested three men.")
    assert f.claims == ()


def test_a_described_speaker_keeps_its_description(findings_of):
    f = findings_of("Opec members said on Tuesday that output would not be cut.")
    (c,) = _by_cue(f, "say")
    assert c.described and c.speaker_text == "Opec members"


def test_he_accused_is_the_last_speaker_not_the_last_name(findings_of):
    text = ("Michael Howard said the budget was a con. The chancellor Gordon Brown spoke "
            "after him. He also accused the government of wasting money.")
    f = findings_of(text)
    (c,) = _by_cue(f, "accuse")
    assert _speaker_labels(f, c) == {"Michael Howard"}


def test_it_said_reaches_back_to_the_organisation_that_spoke(findings_of):
    text = ("Manufacturers' organisation, the EEF, said it expected rates to hold. Output "
            "rose in March. It also said there was evidence that confidence was waning.")
    f = findings_of(text)
    said = [c for c in _by_cue(f, "say") if c.text.startswith("there was evidence")]
    assert said and _speaker_labels(f, said[0]) == {"EEF"}


def test_according_to_a_described_source_with_its_name_in_apposition(findings_of):
    f = findings_of("According to state statistics body INSEE, growth for the quarter was 0.7%.")
    (c,) = _by_cue(f, "according_to")
    assert "insee" in " ".join(_speaker_labels(f, c)).lower()
