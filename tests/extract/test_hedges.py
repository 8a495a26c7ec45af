"""Hedges: the words that mark a claim as doubtful, and the token each one qualifies."""

from __future__ import annotations

import pytest

LS, RS = "\u2018", "\u2019"


def _hedges(result_of, text: str) -> list[tuple[str, str]]:
    res = result_of(text)
    return [(h.text, res.doc.tokens[h.token].text) for h in res.findings.hedges]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # adverbs hang from the verb they qualify
        ("The man allegedly stole a car.", [("allegedly", "stole")]),
        ("Allegedly, the company hid its losses.", [("allegedly", "hid")]),
        ("Rebels reportedly seized the town.", [("reportedly", "seized")]),
        ("The firm supposedly paid the fine.", [("supposedly", "paid")]),
        # adjectives hang from their noun
        ("The so-called experts failed.", [("so-called", "experts")]),
        ("The officials used the so called loophole.", [("so called", "loophole")]),
        ("The alleged victim spoke to police.", [("alleged", "victim")]),
        ("The self-styled prophet was arrested.", [("self-styled", "prophet")]),
        # phrases
        ("Police detained the men under the pretext of a routine check.",
         [("under the pretext", "detained")]),
        ("He rejected what they called a fair offer.", [("what they called", "rejected")]),
        # a clausal hedge qualifies the clause it governs
        ("It is alleged that the firm paid bribes.", [("it is alleged", "paid")]),
        # scare quotes, single curly or short double quotes
        (f"These are {LS}strong{RS} arguments.", [(f"{LS}strong{RS}", "arguments")]),
        ('The "independent" panel met on Monday.', [('"independent"', "panel")]),
        # a hedge word inside a longer phrase is counted once
        ("The so-called experts allegedly lied.", [("so-called", "experts"),
                                                   ("allegedly", "lied")]),
    ],
)
def test_hedge_and_its_token(result_of, text: str, expected: list[tuple[str, str]]) -> None:
    assert _hedges(result_of, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The company denied the allegations.",
        "The council approved the budget on Monday.",
        "Shares of the company rose sharply.",
        '"Never," she said.',  # a short utterance is not a scare quote
        'He said "we will win the fight" today.',  # a quotation is not a scare quote
        "The ministry\u2019s staff were told.",  # an apostrophe is not a scare quote
    ],
)
def test_no_hedge(result_of, text: str) -> None:
    assert _hedges(result_of, text) == []


def test_hedge_offsets_point_at_the_text(findings_of) -> None:
    text = "Police detained the men under the pretext of a routine check."
    (h,) = findings_of(text).hedges
    assert text[h.start:h.end] == "under the pretext"


def test_case_is_folded(findings_of) -> None:
    (h,) = findings_of("REPORTEDLY, the mayor resigned.").hedges
    assert h.text == "reportedly"


@pytest.mark.parametrize(
    ("text", "cue", "kind"),
    [
        ("According to the ministry, the bridge will open in May.", "according to",
         "attribution"),
        ("The mayor was quoted as saying the bridge would open.", "was quoted as saying",
         "attribution"),
        ("It is thought the plans may change next year.", "it is thought", "doubt"),
        ("The virus is thought to have spread widely.", "is thought to", "doubt"),
        ("She denied reports that she would resign.", "reports", "doubt"),
        ("Shares fell amid speculation about a merger.", "amid speculation", "doubt"),
        ("Critics claimed the law would fail.", "claimed", "doubt"),
        ("Analysts speculate that prices will rise.", "speculate", "doubt"),
        ("If confirmed, that would be the best result in years.", "if confirmed", "doubt"),
        ("Bush to get 'tough' on the deficit", "'tough'", "doubt"),
    ],
)
def test_doubt_and_attribution_cues(findings_of, text: str, cue: str, kind: str) -> None:
    got = {(h.text, h.kind) for h in findings_of(text).hedges}
    assert (cue, kind) in got


@pytest.mark.parametrize(
    "text",
    [
        "The rebels claimed responsibility for the attack.",  # not a disputed claim
        "The ministry published its annual report on Monday.",  # a pinned-down report
        "The Tories' plan and the MPs' pay rise were approved.",  # apostrophes, not quotes
    ],
)
def test_no_doubt_cue(findings_of, text: str) -> None:
    assert findings_of(text).hedges == ()
