"""The pairwise test of narratives: (x, y, expected link kind) tables."""

from __future__ import annotations

import pytest

from graphbuild.narrative.similar import Appearance, band_keys, compare, normalise

SPOKESWOMAN = frozenset({"person/Maria_Zakharova"})
MINISTER = frozenset({"person/Sergei_Lavrov"})
TWITTER = frozenset({"organization/Twitter"})


def app(iri: str, article: str, text: str, speakers: frozenset[str] = frozenset(),
        about: frozenset[str] = frozenset()) -> Appearance:
    return Appearance(iri, article, article, text, speakers=speakers, about=about)


LONG = ("Facebook and Twitter once again blocked and then deleted accounts of allegedly "
        "Russian origin under the pretext of fighting disinformation")

CASES = [
    # verbatim repeats, punctuation and one word changed
    (LONG, LONG, SPOKESWOMAN, SPOKESWOMAN, "verbatim"),
    (LONG, LONG.replace("once again", "again") + ".", SPOKESWOMAN, frozenset(), "verbatim"),
    # a verbatim repeat under another name is kept: misattribution is what analysts look for
    (LONG, LONG, SPOKESWOMAN, MINISTER, "verbatim"),
    # ... but a short phrase under two names is a common phrase
    ("he would not apologise to anyone", "he would not apologise to anyone", SPOKESWOMAN,
     MINISTER, None),
    # a partial quote
    (LONG, "once again blocked and then deleted accounts of allegedly Russian origin",
     SPOKESWOMAN, frozenset(), "partial"),
    # ... but not across two different speakers
    (LONG, "once again blocked and then deleted accounts of allegedly Russian origin",
     SPOKESWOMAN, MINISTER, None),
    # a paraphrase by the same speaker
    ("Twitter must stop the censorship of Russian media accounts immediately",
     "Twitter should immediately stop its censorship of the accounts of Russian media",
     SPOKESWOMAN, SPOKESWOMAN, "paraphrase"),
    # the same words by someone else are not a paraphrase
    ("Twitter must stop the censorship of Russian media accounts immediately",
     "Twitter should immediately stop its censorship of the accounts of Russian media",
     SPOKESWOMAN, MINISTER, None),
    # the same words around another figure are another claim
    ("the number of blogs in existence has already exceeded five million and is growing",
     "the number of blogs in existence has exceeded 4.8 million and is growing fast",
     SPOKESWOMAN, SPOKESWOMAN, None),
    # an unrelated statement by the same speaker stays apart
    ("Twitter must stop the censorship of Russian media accounts immediately",
     "The ministry will hold a briefing on the situation in Belarus next week",
     SPOKESWOMAN, SPOKESWOMAN, None),
    # a shared reporting frame is not a shared claim
    ("On Thursday, Mr Howard told BBC Radio 4's Today programme",
     "The commissioner will have the powers police authorities have, he told BBC Radio 4's "
     "Today programme", SPOKESWOMAN, SPOKESWOMAN, None),
    # too short to say anything
    ("no comment", "no comment", SPOKESWOMAN, SPOKESWOMAN, None),
]


@pytest.mark.parametrize(("tx", "ty", "sx", "sy", "kind"), CASES)
def test_links(tx: str, ty: str, sx: frozenset[str], sy: frozenset[str],
               kind: str | None) -> None:
    x, y = app("q/1", "A", tx, sx), app("q/2", "B", ty, sy)
    got = compare(x, y)
    assert (got.kind if got else None) == kind
    back = compare(y, x)  # symmetric: the order of the two never matters
    assert back == got


def test_paraphrase_naming_another_entity_is_another_claim() -> None:
    x = app("q/1", "A", "Twitter must stop the censorship of Russian media accounts now",
            SPOKESWOMAN, TWITTER)
    y = app("q/2", "B", "Facebook must stop the censorship of Russian media accounts now",
            SPOKESWOMAN, frozenset({"organization/Facebook"}))
    assert compare(x, y) is None


def test_same_article_never_links() -> None:
    assert compare(app("q/1", "A", LONG), app("q/2", "A", LONG)) is None


def test_band_keys_find_near_repeats_and_only_them() -> None:
    near = band_keys(LONG + " on social networks")
    assert set(band_keys(LONG)) & set(near)
    assert not set(band_keys(LONG)) & set(band_keys(
        "The ministry will hold a briefing on the situation in Belarus next week"))
    assert band_keys("too short") == ()
    assert band_keys(LONG) == band_keys(LONG.upper())  # normalised, and deterministic


def test_normalise() -> None:
    assert normalise("“We’re  NOT,” she said.") == "we're not she said"


def test_a_paraphrase_gives_way_to_the_exact_counterpart() -> None:
    """Two sentences of one quotation, each quoted word for word in both articles: each is
    linked to its own copy, not to the other sentence by paraphrase; a reported claim keeps
    its paraphrase of a quotation."""
    from graphbuild.narrative.similar import Link, prefer_exact

    apps = {i: Appearance(i, i.split("/")[0], i.split("/")[0], "text",
                          kind="claim" if i.endswith("c") else "quotation")
            for i in ("A/1", "A/2", "A/3", "B/1", "B/2", "B/3", "A/1c", "B/1c")}
    links = [Link("A/1", "B/1", "verbatim", 1.0), Link("A/2", "B/2", "verbatim", 1.0),
             Link("A/1", "B/2", "paraphrase", 0.5), Link("A/3", "B/3", "paraphrase", 0.5),
             Link("A/1c", "B/1c", "verbatim", 1.0), Link("A/1c", "B/2", "paraphrase", 0.5)]
    kept = prefer_exact(links, apps)
    assert [(lk.a, lk.b) for lk in kept] == [("A/1", "B/1"), ("A/2", "B/2"), ("A/3", "B/3"),
                                              ("A/1c", "B/1c"), ("A/1c", "B/2")]
