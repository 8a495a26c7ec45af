"""When two appearances state the same thing: candidate keys and the pairwise test.

An *appearance* is a quotation (``schema:Quotation``) or a reported claim (``schema:Claim``)
of one article. Two appearances of different articles are linked when one of these holds
(:func:`compare`; the thresholds were set on the BBC corpus by reading the links they make,
see ``docs/narratives.md``):

* **verbatim**: the normalised texts are near-identical (rapidfuzz ``ratio`` >= 90): a
  repeat, with at most a few words changed ("said"/"says", punctuation, one word);
* **partial**: the shorter text (at least 6 words) lies almost verbatim inside the longer
  (``partial_ratio`` >= 95): a partial quote;
* **paraphrase**: the same speaker (an entity both name), and their content words (words
  not capitalised in the text and not stop words: names and reporting frames such as "told
  BBC Radio 4's Today programme" do not count) overlap with a Jaccard index >= 0.4, at
  least 4 on each side, with no entity named by one side and missing from the other, the
  same numbers, and, for two quotations, neither linked verbatim or partially to another
  quotation of the other's article (:func:`prefer_exact`).

Appearances whose speakers are both known and disjoint are linked only verbatim and only
when at least 8 words long (a quotation repeated under another name is what an analyst
wants to see; a short phrase, a partial or a reworded match across speakers is usually a
common phrase: "he would not apologise", said of two people in one BBC story).

Candidates come from two blocking keys, both order-independent: MinHash LSH bands of word
3-shingles (datasketch; 64 permutations in 16 bands of 4 rows: pairs with Jaccard similarity
0.5 are candidates with probability 0.66, 0.8 with 0.9999) and the speaker entity.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz
from spacy.lang.en.stop_words import STOP_WORDS

__all__ = ["Appearance", "Link", "band_keys", "compare", "content_words", "normalise",
           "link_all", "prefer_exact"]

#: MinHash: permutations, bands (rows per band = PERMUTATIONS // BANDS), fixed seed
PERMUTATIONS = 64
BANDS = 16
SEED = 1

VERBATIM = 90.0
PARTIAL = 95.0
PARTIAL_MIN_WORDS = 6
PARAPHRASE = 0.4  # Jaccard index of content words
PARAPHRASE_MIN_WORDS = 4
MIN_WORDS = 4  # shorter texts ("no comment", "very pleased") never link
#: a verbatim repeat under two different speakers needs this many words: "he would not
#: apologise" said of two people is a common phrase, not one claim misattributed
CROSS_SPEAKER_WORDS = 8

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*", re.UNICODE)

#: function words left out of the paraphrase test: spaCy's English stop words, and verbs
#: of saying (a reworded claim often changes "said" to "told"/"added")
_STOP = frozenset(STOP_WORDS) | {"said", "says", "saying", "told", "tells", "added", "adds",
                                 "according"}


@dataclass(frozen=True, slots=True)
class Appearance:
    """A quotation or claim as the narrative layer reads it from the graph."""

    iri: str
    article: str  # article IRI
    article_id: str
    text: str
    start: int = 0
    date: str | None = None  # xsd:date / xsd:dateTime lexical form; None: undated
    speakers: frozenset[str] = frozenset()  # entity IRIs
    about: frozenset[str] = frozenset()  # entity IRIs named inside
    kind: str = "quotation"  # quotation (schema:Quotation) | claim (schema:Claim)

    def order_key(self) -> tuple[str, str, int, str]:
        """Earliest first: dated before undated, then article id and offset."""
        return (self.date or "\uffff", self.article_id, self.start, self.iri)


@dataclass(frozen=True, slots=True)
class Link:
    a: str  # the smaller IRI
    b: str
    kind: str  # verbatim | partial | paraphrase
    similarity: float  # 0..1
    articles: tuple[str, ...] = ()  # the articles of a and b (IRIs)


@lru_cache(maxsize=65536)  # each appearance is compared with many: normalise it once
def normalise(text: str) -> str:
    """Lower case words separated by single spaces (NFKC; curly apostrophes made straight)."""
    text = unicodedata.normalize("NFKC", text).replace("\u2019", "'").casefold()
    return " ".join(_WORD.findall(text))


@lru_cache(maxsize=65536)
def content_words(text: str) -> frozenset[str]:
    """Lower-case words not capitalised in ``text`` (not names, not a sentence's first word),
    not stop words, not numbers."""
    text = unicodedata.normalize("NFKC", text).replace("\u2019", "'")
    return frozenset(w.casefold() for w in _WORD.findall(text)
                     if not w[0].isupper() and not w[0].isdigit() and w.casefold() not in _STOP)


@lru_cache(maxsize=1)
def _blank():  # noqa: ANN202 - a datasketch MinHash with the fixed permutations
    from datasketch import MinHash

    return MinHash(num_perm=PERMUTATIONS, seed=SEED)


def band_keys(text: str) -> tuple[str, ...]:
    """The LSH band keys of ``text``: ``"band:hash"`` strings; two texts sharing one key are
    candidates. Empty for texts shorter than :data:`MIN_WORDS` words."""
    words = normalise(text).split()
    if len(words) < MIN_WORDS:
        return ()
    shingles = {" ".join(words[i:i + 3]).encode("utf-8") for i in range(len(words) - 2)}
    m = _blank().copy()
    m.update_batch(sorted(shingles))
    rows = PERMUTATIONS // BANDS
    keys = []
    for b in range(BANDS):
        band = m.hashvalues[b * rows:(b + 1) * rows].astype("<u8").tobytes()
        keys.append(f"{b}:{hashlib.sha1(band).hexdigest()[:16]}")
    return tuple(keys)


def _speakers_conflict(x: Appearance, y: Appearance) -> bool:
    return bool(x.speakers) and bool(y.speakers) and not (x.speakers & y.speakers)


def compare(x: Appearance, y: Appearance) -> Link | None:
    """The link between two appearances of different articles, or None (symmetric: the
    result does not depend on the order of ``x`` and ``y``)."""
    if x.article == y.article:
        return None
    if y.iri < x.iri:
        x, y = y, x
    arts = (x.article, y.article)
    nx_, ny = normalise(x.text), normalise(y.text)
    wx, wy = nx_.split(), ny.split()
    if min(len(wx), len(wy)) < MIN_WORDS:
        return None
    ratio = fuzz.ratio(nx_, ny)
    conflict = _speakers_conflict(x, y)
    if ratio >= VERBATIM and (not conflict or min(len(wx), len(wy)) >= CROSS_SPEAKER_WORDS):
        return Link(x.iri, y.iri, "verbatim", round(ratio / 100, 3), arts)
    if conflict:
        return None
    short, long_ = (nx_, ny) if len(wx) <= len(wy) else (ny, nx_)
    if len(short.split()) >= PARTIAL_MIN_WORDS:
        partial = fuzz.partial_ratio(short, long_)
        if partial >= PARTIAL:
            return Link(x.iri, y.iri, "partial", round(partial / 100, 3), arts)
    if not (x.speakers & y.speakers):
        return None
    cx, cy = content_words(x.text), content_words(y.text)
    if min(len(cx), len(cy)) < PARAPHRASE_MIN_WORDS:
        return None
    if x.about != y.about and (x.about or y.about):
        return None  # one names an entity the other does not: another claim
    if _NUMBER.findall(x.text) != _NUMBER.findall(y.text):
        return None  # "exceeded five million" is not "exceeded 4.8 million"
    score = len(cx & cy) / len(cx | cy)
    if score >= PARAPHRASE:
        return Link(x.iri, y.iri, "paraphrase", round(score, 3), arts)
    return None


def prefer_exact(links: list[Link], apps: dict[str, Appearance]) -> list[Link]:
    """``links`` without the paraphrases an exact counterpart makes wrong: when a quotation
    has a verbatim or partial link into the other article, its paraphrase link there to
    another quotation pairs two sentences of one speech ("I'll keep fighting…" with "It's
    taken a lot of fighting…", both quoted word for word in both articles). A reported claim
    keeps its paraphrase of a quotation: that is how a report restates it. All links between
    two articles are made in one step, so this does not depend on the order of the builds."""
    exact = set()
    for lk in links:
        if lk.kind != "paraphrase":
            exact.add((lk.a, apps[lk.b].article))
            exact.add((lk.b, apps[lk.a].article))

    def taken(lk: Link) -> bool:
        x, y = apps[lk.a], apps[lk.b]
        return (lk.kind == "paraphrase" and x.kind == y.kind == "quotation"
                and ((x.iri, y.article) in exact or (y.iri, x.article) in exact))

    return [lk for lk in links if not taken(lk)]


def link_all(apps: dict[str, Appearance], keys: dict[str, tuple[str, ...]] | None = None
             ) -> list[Link]:
    """Every link among ``apps`` (IRI -> appearance) at once, in memory: each appearance is
    compared with those sharing a band key or a speaker (``keys``: the band keys when
    already computed). The same links as the store's incremental update makes."""
    blocks: dict[str, list[str]] = {}
    for a in apps.values():
        for k in (keys[a.iri] if keys is not None else band_keys(a.text)):
            blocks.setdefault(k, []).append(a.iri)
        for sp in a.speakers:
            blocks.setdefault("speaker " + sp, []).append(a.iri)
    pairs = {(x, y) if x < y else (y, x) for members in blocks.values()
             for i, x in enumerate(members) for y in members[i + 1:]}
    return prefer_exact([lk for x, y in sorted(pairs)
                         if (lk := compare(apps[x], apps[y])) is not None], apps)
