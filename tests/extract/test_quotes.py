"""Direct quotations and their speakers."""

from __future__ import annotations

import pytest

L, R = "\u201c", "\u201d"


def _quotes(findings_of, text: str) -> list[tuple[str, str | None, str | None]]:
    """(quoted text, speaker label, cue) per quotation."""
    f = findings_of(text)
    label = {e.key: e.label for e in f.entities}
    return [(q.text, label.get(q.speaker), q.cue) for q in f.quotes]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the speaker after the quotation
        (f"{L}We will not back down from this fight,{R} Jane Doe said on Monday.",
         [("We will not back down from this fight,", "Jane Doe", "said")]),
        (f"{L}The vote was a disaster for us,{R} said Jane Doe.",
         [("The vote was a disaster for us,", "Jane Doe", "said")]),
        (f"{L}It is a dark day for our city,{R} Mayor Jane Doe said.",
         [("It is a dark day for our city,", "Jane Doe", "said")]),
        # a pronoun speaker, resolved to the person before
        (f"Jane Doe spoke to reporters. {L}The deal is good for everyone,{R} she added.",
         [("The deal is good for everyone,", "Jane Doe", "added")]),
        # the speaker before the quotation
        (f"Jane Doe said: {L}The deal is good for everyone.{R}",
         [("The deal is good for everyone.", "Jane Doe", "said")]),
        (f"Jane Doe told reporters that {L}the plan will not work at all.{R}",
         [("the plan will not work at all.", "Jane Doe", "told")]),
        ('Jane Doe said: "The deal is good for everyone."',
         [("The deal is good for everyone.", "Jane Doe", "said")]),
        # an honorific and surname that NER missed, after the full name
        (f"Helen Marsh spoke first. {L}Nobody wanted this outcome, but we have no choice,{R} "
         "Ms Marsh told staff in an email.",
         [("Nobody wanted this outcome, but we have no choice,", "Helen Marsh", "told")]),
        # the subject is a title with the speaker's name in apposition
        (f"{L}This was a serious failure for all of us,{R} the regulator's deputy "
         "commissioner, Sarah Lund, said.",
         [("This was a serious failure for all of us,", "Sarah Lund", "said")]),
        # an organisation speaks too
        (f"Acme Group said in a statement: {L}Our products are safe to use.{R}",
         [("Our products are safe to use.", "Acme Group", "said")]),
        (f"{L}The market is weak,{R} according to John Smith, an analyst at Acme Group.",
         [("The market is weak,", "John Smith", "according")]),
        # a quotation embedded in the clause of a non-speech verb
        (f"Jane Doe drew attention to the fact that {L}the accounts were closed without "
         f"warning.{R}",
         [("the accounts were closed without warning.", "Jane Doe", "drew")]),
        # two speakers in one paragraph
        (f"{L}We lost the vote,{R} said Jane Doe. {L}We will win it back,{R} said Tom Reed.",
         [("We lost the vote,", "Jane Doe", "said"),
          ("We will win it back,", "Tom Reed", "said")]),
        # an unattributed quotation right after an attributed one in the same paragraph
        (f"{L}The vote was a disaster for us,{R} said Jane Doe. "
         f"{L}We must rebuild the party from the ground up.{R}",
         [("The vote was a disaster for us,", "Jane Doe", "said"),
          ("We must rebuild the party from the ground up.", "Jane Doe", None)]),
        # no one to attribute it to
        (f"The sign on the door read {L}No entry for anyone here.{R}",
         [("No entry for anyone here.", None, None)]),
        (f"{L}We will not give up,{R} she said.", [("We will not give up,", None, None)]),
        # fewer than three words: a scare quote, not a quotation
        ('Officials called the vote a "sham" on Monday, Jane Doe said.', []),
    ],
)
def test_quote_speaker(findings_of, text: str, expected: list) -> None:
    assert _quotes(findings_of, text) == expected


def test_quote_over_paragraphs(findings_of) -> None:
    text = (f"Jane Doe, the mayor, spoke on Monday.\n\n{L}We have waited too long for this "
            f"bridge.\n\n{L}Now it is finally open to everyone,{R} she said.")
    f = findings_of(text)
    (q,) = f.quotes
    assert [text[s:e] for s, e in q.parts] == ["We have waited too long for this bridge.",
                                              "Now it is finally open to everyone,"]
    assert q.text == ("We have waited too long for this bridge.\n\n"
                      "Now it is finally open to everyone,")
    assert f.entity(q.speaker).label == "Jane Doe"
    assert q.cue == "said" and text[q.cue_start:q.cue_start + 4] == "said"


def test_quote_continued_in_next_paragraph(findings_of) -> None:
    """A paragraph that is all quotation, after a paragraph ending in an attributed one."""
    text = (f"{L}The plan is dead and buried,{R} Jane Doe said.\n\n"
            f"{L}We will start again next year with a new team.{R}")
    first, second = findings_of(text).quotes
    assert second.speaker == first.speaker is not None
    assert second.cue is None
    assert second.confidence < first.confidence


def test_teaser_takes_the_speaker_of_the_quote_it_repeats(findings_of) -> None:
    text = (f"{L}We will not back down from this fight against the plan\u2026\n\n"
            f"Jane Doe spoke to reporters on Monday.\n\n"
            f"{L}We will not back down from this fight against the plan,{R} she said.")
    teaser, full = findings_of(text).quotes
    assert full.speaker is not None and full.cue == "said"
    assert teaser.speaker == full.speaker and teaser.cue is None


def test_quote_records_its_hedges(findings_of) -> None:
    text = f"{L}The so-called experts allegedly got it wrong,{R} Jane Doe said."
    (q,) = findings_of(text).quotes
    assert q.hedges == ("so-called", "allegedly")


def test_quote_offsets(findings_of) -> None:
    text = f"Jane Doe said: {L}The deal is good for everyone.{R}"
    (q,) = findings_of(text).quotes
    assert text[q.start:q.end] == q.text
    assert q.confidence == pytest.approx(0.9)


def _speaker_of(findings_of, text: str, start: str) -> str | None:
    f = findings_of(text)
    label = {e.key: e.label for e in f.entities}
    (q,) = [q for q in f.quotes if q.text.startswith(start)]
    return label.get(q.speaker)


def test_according_to_x_is_the_source_when_a_verb_names_the_speaker(findings_of):
    text = ('"They will fail through slander and lies," Hassan Rouhani said, according to '
            "state broadcaster IRIB.")
    f = findings_of(text)
    (q,) = f.quotes
    assert f.entity(q.speaker).label == "Hassan Rouhani"
    assert q.source is not None and "IRIB" in f.entity(q.source).label


def test_he_said_after_a_clause_naming_someone_else_is_the_last_speaker(findings_of):
    text = ("Michael Howard said the country needed a change. Mr Blair's government was a "
            '"bossy, interfering government that takes decisions for people," he added.')
    assert _speaker_of(findings_of, text, "bossy") == "Michael Howard"


def test_unattributed_paragraph_quote_takes_the_last_speaker(findings_of):
    text = ("The disaster overshadowed the new year, Mr Howard said.\n\n"
            '"We watched the scenes of destruction with a sense of disbelief."')
    assert _speaker_of(findings_of, text, "We watched") == "Howard"


def test_title_description_resolves_to_its_named_holder(findings_of):
    text = ("Justice Minister Cathy Jamieson visited Glasgow on Monday. "
            '"We will ban them from the matches," the minister said.')
    assert _speaker_of(findings_of, text, "We will ban") == "Cathy Jamieson"


def test_quotation_records_the_entities_it_names(findings_of):
    f = findings_of('"Acme Corp must leave Paris by May," Jane Doe said.')
    (q,) = f.quotes
    assert {f.entity(k).label for k in q.about} >= {"Paris"}
    assert q.speaker not in q.about


@pytest.mark.parametrize(
    ("text", "start", "speaker"),
    [
        ('"We will not accept this deal at all," said CNOOC\'s chief executive and president '
         "Zhou Xinhuai.", "We will not", "Zhou Xinhuai"),
        ('Elon Musk spoke on Friday. "The platform will stay open to everyone," the '
         "billionaire entrepreneur tweeted.", "The platform", "Elon Musk"),
        ('Sergei Lavrov met reporters. "The West is playing with fire here," Russia\'s top '
         "diplomat noted.", "The West", "Sergei Lavrov"),
    ],
)
def test_inverted_and_described_speakers(findings_of, text, start, speaker):
    assert _speaker_of(findings_of, text, start) == speaker


def test_a_described_title_needs_its_modifier(findings_of):
    text = ("First Minister Jack McConnell met the clubs. Justice Minister Cathy Jamieson "
            'spoke later. "We will hit them where it hurts most," the justice minister said.')
    assert _speaker_of(findings_of, text, "We will hit") == "Cathy Jamieson"
