"""Dates (issue 16): the publication date, time expressions and the verb each one modifies,
read through the real spaCy pipeline."""

from __future__ import annotations

from dataclasses import replace

import pytest

from graphbuild.extract.dates import date_of, normalise_metadata, predicate_token
from graphbuild.ingest import read_text_article
from graphbuild.pipeline import analyse
from graphbuild.types import ArticleResult

_CACHE: dict[tuple[str, str | None], ArticleResult] = {}


def _result(text: str, date: str | None) -> ArticleResult:
    if (text, date) not in _CACHE:
        art = replace(read_text_article(text, id="t"), date=date)
        _CACHE[text, date] = next(analyse([art]))
    return _CACHE[text, date]


def _claim_date(text: str, date: str | None) -> str | None:
    r = _result(text, date)
    from graphbuild.extract.dates import cue_token

    (claim,) = r.findings.claims
    t = date_of(r.doc, r.findings, cue_token(r.doc, claim.cue_start))
    return t and t.value


# 2019-09-03 is a Tuesday
@pytest.mark.parametrize(("text", "date", "expected"), [
    ("The minister said on Monday that the talks had failed.", "2019-09-03", "2019-09-02"),
    # the weekday of the article's own day is that day, not a week back
    ("The minister said on Tuesday that the talks had failed.", "2019-09-03", "2019-09-03"),
    ("The minister said Friday that the talks had failed.", "2019-09-03", "2019-08-30"),
    ("The company last week accused its rival of fraud.", "2019-09-03", "2019-08-27"),
    ("Officials said two days ago that the border was closed.", "2019-09-03", "2019-09-01"),
    ("Officials said yesterday that the border was closed.",
     "Tue, 03 Sep 2019 10:00:00 +0000", "2019-09-02"),
    ("In a statement on Friday, the ministry said the border was closed.",
     "2019-09-03T10:00:00Z", "2019-08-30"),
    # the article's own day where it was written: the 3rd in New York, the 4th in UTC
    ("The minister said yesterday that the talks had failed.", "2019-09-03T23:30:00-05:00",
     "2019-09-02"),
    # a full date needs no reference
    ("On 3 September 2019, the minister said the talks had failed.", None, "2019-09-03"),
    # the date belongs to the attack, not to the saying
    ("Police said the attack on Monday killed three people.", "2019-09-03", None),
    # vague: no day
    ("The bank said in recent years that prices rose.", "2019-09-03", None),
    ("The bank said last year that prices rose.", "2019-09-03", None),
    # no reference date: a weekday names no day (never the day the build runs)
    ("The minister said on Monday that the talks had failed.", None, None),
])
def test_a_claims_date_comes_from_the_expression_on_its_cue_verb(
        text: str, date: str | None, expected: str | None) -> None:
    assert _claim_date(text, date) == expected


def test_a_quotation_is_dated_by_its_cue_and_a_future_verb_looks_forward() -> None:
    r = _result('"We will win," Johnson said on Monday. Smith will visit Paris on Friday.',
                "2019-09-03")
    (q,) = r.findings.quotes
    from graphbuild.extract.dates import cue_token

    t = date_of(r.doc, r.findings, cue_token(r.doc, q.cue_start))
    assert (t.text, t.value, t.precision) == ("on Monday", "2019-09-02", "day")
    (st,) = [s for s in r.findings.statements if s.verb == "visit"]
    t = date_of(r.doc, r.findings, predicate_token(r.doc, st.start, st.end, st.verb))
    assert t.value == "2019-09-06"  # "will visit on Friday": the coming Friday


def test_last_week_has_week_precision_and_decades_none() -> None:
    r = _result("The company last week said the 1990s were hard.", "2019-09-03")
    by_text = {t.text: (t.value, t.precision) for t in r.findings.time_exprs}
    assert by_text["last week"] == ("2019-08-27", "week")
    assert by_text["the 1990s"][0] is None


@pytest.mark.parametrize(("text", "expected"), [
    ("2019-09-03", ("2019-09-03", "date")),
    ("2019-09-03T12:30:00+02:00", ("2019-09-03T10:30:00Z", "dateTime")),
    ("Tue, 03 Sep 2019 10:00:00 +0000", ("2019-09-03T10:00:00Z", "dateTime")),
    ("3 September 2019", ("2019-09-03", "date")),
    ("September 3, 2019", ("2019-09-03", "date")),
    # nothing that depends on the day the build runs, nothing without a day
    ("yesterday", None),
    ("September 3", None),
    ("2019", None),
    ("2019-02-30", None),
    ("soon", None),
])
def test_metadata_dates_are_normalised(text: str, expected: tuple[str, str] | None) -> None:
    assert normalise_metadata(text) == expected


_WIRE = "MOSCOW, September 3 (Sputnik) - The ministry urged Facebook to act."


@pytest.mark.parametrize(("text", "date", "corpus", "expected"), [
    (_WIRE, "2020-01-05", None, ("2020-01-05", "metadata")),  # metadata wins
    (_WIRE, None, "2019-09-10", ("2019-09-03", "dateline")),
    (_WIRE, None, "2019-09-03", ("2019-09-03", "dateline")),  # on or before the corpus day
    (_WIRE, None, "2019-06-01", ("2018-09-03", "dateline")),
    (_WIRE, None, None, None),  # no year anywhere: nothing
    (_WIRE, "2017", "2019-09-10", ("2017-09-03", "dateline")),  # the metadata's year first
    ("MOSCOW, September 3, 2019 (Sputnik) - The ministry urged Facebook to act.", None, None,
     ("2019-09-03", "dateline")),
    ("The talks ended on 3 September 2019 in Geneva. Both sides left.", None, None,
     ("2019-09-03", "text")),
    # nor a future one, nor an aside in brackets
    ("Ministers will meet in Paris on 21 July 2016 to discuss the war.", None, None, None),
    ("John Smith (died 4 February 2015) was a farmer.", None, None, None),
    # a full date after the first sentence is not the article's
    ("Both sides left. The talks began on 3 September 2019 in Geneva.", None, None, None),
    ("Both sides left. The talks began on 3 September 2019 in Geneva.", None, "2020-01-01",
     ("2020-01-01", "corpus")),
])
def test_publication_date_order(monkeypatch: pytest.MonkeyPatch, text: str, date: str | None,
                                corpus: str | None, expected: tuple[str, str] | None) -> None:
    if corpus:
        monkeypatch.setenv("GRAPHBUILD_CORPUS_DATE", corpus)
    else:
        monkeypatch.delenv("GRAPHBUILD_CORPUS_DATE", raising=False)
    art = replace(read_text_article(text, id="w"), date=date)
    pub = next(analyse([art])).findings.published
    assert (pub and (pub.value, pub.source)) == expected


@pytest.mark.parametrize(("text", "words", "expected"), [
    # a deadline after "by" is not when the action was taken
    ("The union told the managers to withdraw the notice by midday on Monday.", "Monday",
     (None, None)),
    # a duration names no day
    ("The waiting time fell last year from 36 to just 21 days.", "21 days", (None, None)),
    ("Officials said two days ago that the border was closed.", "two days ago",
     ("said", "2019-09-01")),
    # an intended action looks forward too
    ("The minister plans to visit Paris on Friday.", "Friday", ("visit", "2019-09-06")),
])
def test_anchor_and_value_of_an_expression(text: str, words: str,
                                           expected: tuple[str | None, str | None]) -> None:
    r = _result(text, "2019-09-03")
    (t,) = [t for t in r.findings.time_exprs if words in t.text]
    verb = r.doc.tokens[t.anchor].text if t.anchor is not None else None
    assert (verb, t.value if verb else None) == expected
    if words == "21 days":
        assert t.value is None
