"""Dates you can sort by (issue 16): the article's publication date and the day each time
expression of the text names.

Parsing is dateparser's (https://github.com/scrapinghub/dateparser): it reads absolute dates in
every common English form and relative ones ("last week", "on Tuesday", "two days ago")
against a reference day (``RELATIVE_BASE``). It is only given short texts: spaCy DATE entity
spans, the dateline's date and the metadata date, with results cached.

Publication date, first found wins: the metadata date (ISO 8601, RFC 2822 from feeds, "3
September 2019"); the dateline's date ("MOSCOW, September 3"), its year from the dateline, a
metadata date that gives only its year, or the corpus date (``GRAPHBUILD_CORPUS_DATE``,
``build --corpus-date``); an explicit full date (day, month and year) in the article's first
sentence; the corpus date itself. Nothing depends on the day the build runs: an expression
that would need today's date is left without a day.
"""

from __future__ import annotations

import email.utils
import logging
import re
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache

from graphbuild import settings
from graphbuild.extract import lexicon as lx
from graphbuild.extract._modality import modality
from graphbuild.extract._syntax import token_at, token_index
from graphbuild.registry import extractor
from graphbuild.types import Findings, ParsedDoc, PublishedDate, TimeExpr

log = logging.getLogger(__name__)

#: a fixed reference for texts that must not need one (a full date with its year): any
#: dependence on it is rejected, so no result depends on the day the build runs
_NO_BASE = datetime(2000, 1, 1)
_YEAR = re.compile(r"\b(1[89]|20)\d\d\b")
_WEEKDAY = re.compile(r"^(?:on\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day"
                      r"(?:\s+(?:morning|afternoon|evening|night))?$", re.I)
_MONTH_NAME = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\b",
                         re.I)
_DAY_NUM = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\b")
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: dateparser's period -> the precision kept; a clock time ("time") of a DATE entity is
#: dateparser's guess for a decade ("the 1990s"): vague
_PRECISION = {"day": "day", "part_of_day": "day", "week": "week", "month": "month",
              "year": "year"}
#: the links a time expression may climb to reach the verb it modifies: "said Tuesday"
#: (npadvmod), "said on Tuesday" (pobj, prep), "in a statement on Tuesday" (pobj of a noun
#: that is itself the object of a preposition). A noun subject or object on the way ("the
#: attack on Tuesday") stops the climb: the date is then the noun's, not the verb's.
_CLIMB = {"npadvmod", "tmod", "pobj", "prep", "advmod", "obl", "nmod", "pcomp"}
_VERBS = {"VERB", "AUX"}


@lru_cache(maxsize=64)
def _parser(base: datetime, prefer: str, strict: bool):  # noqa: ANN202
    from dateparser.date import DateDataParser

    conf = {"PREFER_DATES_FROM": prefer, "RELATIVE_BASE": base, "RETURN_TIME_AS_PERIOD": True,
            "PREFER_DAY_OF_MONTH": "first"}
    if strict:
        conf["REQUIRE_PARTS"] = ["day", "month", "year"]
    return DateDataParser(languages=["en"], settings=conf)


@lru_cache(maxsize=8192)
def _parse(text: str, base: datetime, prefer: str = "past", strict: bool = False
           ) -> tuple[datetime, str] | None:
    """dateparser's reading of ``text`` against ``base``: (datetime, period) or None."""
    try:
        data = _parser(base, prefer, strict).get_date_data(text)
    except (ValueError, OverflowError, TypeError):  # dateparser on odd input
        return None
    if data is None or data.date_obj is None:
        return None
    return data.date_obj, data.period or "day"


def _absolute(text: str) -> tuple[datetime, str] | None:
    """A date that needs no reference: it has a year, day and month, and reads the same
    against two different reference days."""
    if not _YEAR.search(text):
        return None
    one = _parse(text, _NO_BASE, "past", True)
    two = _parse(text, _NO_BASE + timedelta(days=400), "past", True)
    if one is None or two is None or one[0] != two[0]:
        return None
    return one


def _stamp(when: datetime) -> str:
    """Canonical xsd:dateTime text: UTC with ``Z`` when the zone is known, no zero fraction."""
    if when.tzinfo is not None:
        when = when.astimezone(timezone.utc)
    stamp = when.replace(tzinfo=None).isoformat(timespec="microseconds").rstrip("0")
    return stamp.rstrip(".") + ("Z" if when.tzinfo is not None else "")


def normalise_metadata(text: str) -> tuple[str, str] | None:
    """A metadata date as (value, "date"|"dateTime"): ISO 8601, RFC 2822 ("Tue, 03 Sep 2019
    10:00:00 +0000") or any full English date dateparser reads ("3 September 2019"); None
    when it gives no day with its year."""
    raw = text.strip()
    if _ISO_DAY.match(raw):
        try:
            return date.fromisoformat(raw).isoformat(), "date"
        except ValueError:
            return None
    try:
        return _stamp(datetime.fromisoformat(raw[:-1] + "+00:00" if raw.endswith("Z")
                                             else raw)), "dateTime"
    except ValueError:
        pass
    try:
        return _stamp(email.utils.parsedate_to_datetime(raw)), "dateTime"
    except (TypeError, ValueError, IndexError):
        pass
    found = _absolute(raw)
    if found is None:
        return None
    when, period = found
    if period == "time":
        return _stamp(when), "dateTime"
    return when.date().isoformat(), "date"


def _day_of(pub: PublishedDate) -> datetime:
    """The reference day of a publication date: the day as written in its own time zone
    ("2019-09-03T23:30:00-05:00" is the 3rd there, the 4th in UTC), at midnight."""
    raw = pub.text.strip()
    for text in (raw, raw[:-1] + "+00:00" if raw.endswith("Z") else None):
        try:
            return datetime.fromisoformat(text).replace(tzinfo=None, hour=0, minute=0,
                                                        second=0, microsecond=0)
        except (TypeError, ValueError):
            continue
    try:
        return email.utils.parsedate_to_datetime(raw).replace(
            tzinfo=None, hour=0, minute=0, second=0, microsecond=0)
    except (TypeError, ValueError, IndexError):
        return datetime.fromisoformat(pub.value[:10])


def _resolve(text: str, base: datetime | None, prefer: str = "past"
             ) -> tuple[str | None, str]:
    """(YYYY-MM-DD or None, precision) of a time expression's text."""
    found = _absolute(text)
    if found is None and base is not None:
        if _WEEKDAY.match(text):
            # "on Tuesday" in a Tuesday article is that day: the last such day on or before
            # the reference (dateparser alone would go a week back)
            shift = timedelta(days=1) if prefer == "past" else timedelta(days=-1)
            found = _parse(text, base + shift, prefer)
        else:
            found = _parse(text, base, prefer)
    if found is None:
        return None, "vague"
    when, period = found
    precision = _PRECISION.get(period, "vague")
    if precision in {"day", "week"}:
        return when.date().isoformat(), precision
    return None, precision


def _dateline_date(found: Findings, corpus: str | None, year: int | None = None
                   ) -> PublishedDate | None:
    """The dateline's day: its own year, else ``year`` (a metadata date that gives only its
    year), else the last such day on or before the corpus date."""
    d = found.dateline
    if d is None or not d.date_text or not (_MONTH_NAME.search(d.date_text)
                                            and _DAY_NUM.search(d.date_text)):
        return None  # "MOSCOW, Tuesday": no day without a month
    hit = _absolute(d.date_text)
    if hit is None and (year or corpus):
        base = datetime(year + 1, 1, 1) if year else \
            datetime.fromisoformat(corpus) + timedelta(days=1)  # on or before it
        hit = _parse(d.date_text, base, "past")
    if hit is None or _PRECISION.get(hit[1]) != "day":
        return None
    return PublishedDate(hit[0].date().isoformat(), "date", "dateline", d.date_text)


def _root(doc: ParsedDoc, ts: int, te: int) -> int:
    for i in range(ts, te):
        h = doc.tokens[i].head
        if h == i or not ts <= h < te:
            return i
    return te - 1


def _anchor(doc: ParsedDoc, root: int) -> int | None:
    """The verb the time expression rooted at ``root`` modifies (see ``_CLIMB``)."""
    j = root
    for _ in range(8):
        tok = doc.tokens[j]
        if tok.dep not in _CLIMB or tok.head == j:
            return None
        if tok.dep == "prep" and tok.text.lower() not in lx.TEMPORAL_PREPS:
            return None  # "by Monday", "to just 21 days": a deadline or a value
        j = tok.head
        head = doc.tokens[j]
        if head.pos in _VERBS and head.dep != "amod":
            return j
    return None


def _continues_deadline(doc: ParsedDoc, ts: int) -> bool:
    """"by midday on Monday": the date finishes a time phrase after a deadline preposition
    (the parser hangs "on Monday" on the verb, "midday" on "by")."""
    k = ts - 1
    if k < 0 or doc.tokens[k].ent_type not in {"TIME", "DATE"}:
        return False
    while doc.tokens[k].dep != "pobj" and doc.tokens[k].head != k \
            and doc.tokens[doc.tokens[k].head].ent_type in {"TIME", "DATE"}:
        k = doc.tokens[k].head
    prep = doc.tokens[doc.tokens[k].head]
    return doc.tokens[k].dep == "pobj" and prep.text.lower() not in lx.TEMPORAL_PREPS


def _duration(doc: ParsedDoc, ts: int, te: int) -> bool:
    """"21 days", "two weeks": a length of time, not a day, unless counted back ("ago")."""
    words = [doc.tokens[i] for i in range(ts, te)]
    if any(t.lemma.lower() == "ago" for t in words):
        return False
    return any(a.pos == "NUM" and b.text.lower() in lx.TIME_UNITS
               for a, b in zip(words, words[1:], strict=False))


def _future(doc: ParsedDoc, verb: int) -> bool:
    """"will visit on Friday", "plans to visit on Friday": the coming Friday."""
    return modality(doc, verb) in {"future", "intended"}


def time_expressions(doc: ParsedDoc, base: datetime | None) -> tuple[TimeExpr, ...]:
    """Every spaCy DATE entity, with the verb it modifies and the day it names."""
    out = []
    for ent in doc.ents:
        if ent.label != "DATE":
            continue
        ts, te = ent.token_start, ent.token_end
        root = _root(doc, ts, te)
        anchor = _anchor(doc, root)
        start = ent.start
        if ts > 0 and doc.tokens[root].head == ts - 1 and doc.tokens[ts - 1].dep == "prep":
            ts, start = ts - 1, doc.tokens[ts - 1].start  # "on Tuesday"
        if anchor is not None and _continues_deadline(doc, ts):
            anchor = None
        prefer = "future" if anchor is not None and _future(doc, anchor) else "past"
        value, precision = (None, "vague") if _duration(doc, ent.token_start, te) else \
            _resolve(ent.text, base, prefer)
        out.append(TimeExpr(start, ent.end, doc.text[start:ent.end], ts, te, value, precision,
                            anchor))
    return tuple(out)


def _from_text(doc: ParsedDoc) -> PublishedDate | None:
    """An explicit full date (day, month, year) in the first sentence of the body: a news
    lead tells the news of its day, so this is the conservative last resort. Not a date in
    brackets (an aside: "(died 4 February 2015)") nor one of a future action ("will host …
    on July 21, 2016": the article came out before it)."""
    if not doc.sentences:
        return None
    first = doc.sentences[0]
    if doc.article.title and doc.text[first.start:first.end].strip() == doc.article.title:
        first = doc.sentences[1] if len(doc.sentences) > 1 else first
    for ent in doc.ents:
        if ent.label != "DATE" or not first.start <= ent.start < first.end:
            continue
        before = doc.text[first.start:ent.start]
        if before.count("(") > before.count(")"):
            continue
        anchor = _anchor(doc, _root(doc, ent.token_start, ent.token_end))
        if anchor is not None and modality(doc, anchor) == "future":
            continue
        hit = _absolute(ent.text)
        if hit is not None and _PRECISION.get(hit[1]) == "day":
            return PublishedDate(hit[0].date().isoformat(), "date", "text", ent.text)
    return None


def corpus_date() -> str | None:
    try:
        return settings.get("GRAPHBUILD_CORPUS_DATE")
    except settings.SettingsError:
        return None


def published_date(doc: ParsedDoc, found: Findings, corpus: str | None
                   ) -> PublishedDate | None:
    art, year = doc.article, None
    if art.date:
        norm = normalise_metadata(art.date)
        if norm is not None:
            return PublishedDate(norm[0], norm[1], "metadata", art.date)
        log.debug("%s: metadata date %r not read as a date", art.id, art.date)
        found_year = _YEAR.search(art.date)
        year = int(found_year.group()) if found_year else None
    pub = _dateline_date(found, corpus, year) or _from_text(doc)
    if pub is None and corpus:
        pub = PublishedDate(corpus, "date", "corpus", corpus)
    return pub


def date_of(doc: ParsedDoc, found: Findings, token: int | None) -> TimeExpr | None:
    """The first time expression with a day that modifies the verb ``token``."""
    if token is None:
        return None
    for t in found.time_exprs:
        if t.anchor == token and t.value is not None:
            return t
    return None


def cue_token(doc: ParsedDoc, char: int | None) -> int | None:
    if char is None:
        return None
    return token_at(doc, token_index(doc), char)


@extractor("dates", provides=("published", "time_exprs"), requires=("dateline",))
def extract_dates(doc: ParsedDoc, found: Findings) -> tuple[PublishedDate | None,
                                                              tuple[TimeExpr, ...]]:
    """The publication date and the time expressions; a relative expression is resolved
    against the publication date only when it is the article's own (metadata, dateline)."""
    pub = published_date(doc, found, corpus_date())
    base = _day_of(pub) if pub and pub.source in {"metadata", "dateline"} else None
    return pub, time_expressions(doc, base)


def predicate_token(doc: ParsedDoc, start: int, end: int, verb: str) -> int | None:
    """The predicate of a statement spanning ``[start, end)`` whose lemma is ``verb``
    ("base_on" -> "base")."""
    lemma = verb.split("_")[0].lower()
    starts = token_index(doc)
    for i in range(token_at(doc, starts, start), len(doc.tokens)):
        tok = doc.tokens[i]
        if tok.start >= end:
            break
        if tok.pos in _VERBS and tok.lemma.lower() == lemma:
            return i
    return None
