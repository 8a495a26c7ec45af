"""Cheap checks that keep an article away from the parser: too long, or not English.

:func:`screen` returns a one-line reason to skip an article, or None. Both checks are
deliberately simple and cheap (no language model):

* **Too long.** spaCy refuses texts over ``nlp.max_length`` (1,000,000 characters) and needs
  roughly 1 GB of memory per 300,000 characters of a single text, so an article longer than
  :data:`MAX_CHARS` (100,000 characters, four times the longest BBC story) is skipped with its
  length in the reason, not split: a "news article" that long is almost always several stories
  or a dump glued together, and splitting it would give its parts' statements one article id.
* **Not English.** Outside the Latin script (under half the letters Latin), or, with at least
  :data:`MIN_WORDS` words, fewer than :data:`MIN_FUNCTION_SHARE` of the words are English
  function words ("the", "of", "said"…). English news stays above 12% even for sports
  results tables (lowest of the 2,225 BBC articles: 12.6%); German, French, Spanish or
  Dutch prose stays under 5%. Short texts are never judged.
"""

from __future__ import annotations

import re

from graphbuild.types import Article

#: Longest article text (characters) that is parsed.
MAX_CHARS = 100_000
#: Fewer words than this: too little text to judge the language.
MIN_WORDS = 25
#: Minimum share of English function words among the words of an English text.
MIN_FUNCTION_SHARE = 0.08
#: Minimum share of Latin-script letters among the letters.
MIN_LATIN_SHARE = 0.5

_SAMPLE = 20_000  # characters looked at for the language checks
_WORD = re.compile(r"[^\W\d_]+")
# Words frequent in English and rare as words of other Latin-script languages ("a", "in",
# "an", "so", "die"… are left out on purpose).
_FUNCTION_WORDS = frozenset((
    "the", "and", "or", "but", "of", "to", "on", "at", "by", "for", "from", "with", "as", "into",
    "about", "over", "after", "before", "is", "are", "was", "were", "be", "been", "being", "has",
    "have", "had", "does", "did", "will", "would", "can", "could", "should", "may", "might",
    "must", "it", "its", "he", "she", "his", "her", "him", "they", "them", "their", "we", "our",
    "you", "your", "this", "that", "these", "those", "which", "who", "whom", "what", "when",
    "where", "not", "than", "also", "said", "says", "there", "here", "up", "out", "if",
))


def _latin_share(sample: str) -> float:
    letters = [c for c in sample if c.isalpha()]
    if not letters:
        return 1.0
    return sum(1 for c in letters if c < "\u0250") / len(letters)  # Latin up to IPA


def screen(article: Article) -> str | None:
    """Why ``article`` should not be parsed (one line), or None when it should."""
    n = len(article.text)
    if n > MAX_CHARS:
        return (f"article too long ({n:,} characters; at most {MAX_CHARS:,} are parsed): "
                "skipped, split it into several articles")
    sample = article.text[:_SAMPLE]
    if len(sample) >= 200 and _latin_share(sample) < MIN_LATIN_SHARE:
        return "not English (mostly non-Latin script): skipped"
    words = _WORD.findall(sample.lower())
    if len(words) >= MIN_WORDS:
        share = sum(1 for w in words if w in _FUNCTION_WORDS) / len(words)
        if share < MIN_FUNCTION_SHARE:
            return (f"not English (only {share:.0%} of its words are English function words): "
                    "skipped")
    return None


__all__ = ["MAX_CHARS", "MIN_FUNCTION_SHARE", "MIN_LATIN_SHARE", "MIN_WORDS", "screen"]
