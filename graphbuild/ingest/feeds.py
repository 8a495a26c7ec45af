"""RSS and Atom feeds (feedparser): one article per entry.

An entry's body is its content, else its summary, with HTML stripped; its title, published
(else updated) date as ISO 8601 UTC, link as url, and id = entry id, else link, else
``<file id>-<entry number>``. The feed's title is the articles' source.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

from graphbuild.ingest.html import paragraphs, strip_html
from graphbuild.ingest.ids import content_hash, record_id
from graphbuild.ingest.skipped import Skipped
from graphbuild.ingest.text import clean_text
from graphbuild.types import Article

NOT_A_FEED = "not an RSS or Atom feed"


def _plain(detail: Any, value: str) -> str:
    """Text of a feedparser text construct (HTML stripped when it is HTML)."""
    kind = (detail or {}).get("type", "text/html")
    return strip_html(value) if "html" in kind else paragraphs(value)


def _title(entry: Any, where: str) -> str | None:
    detail, value = entry.get("title_detail") or {}, entry.get("title") or ""
    text = strip_html(value) if "html" in detail.get("type", "text/plain") else value
    return _clean(" ".join(text.split()), where)


def _body(entry: Any) -> str:
    for content in entry.get("content") or ():
        text = _plain(content, content.get("value") or "")
        if text:
            return text
    return _plain(entry.get("summary_detail"), entry.get("summary") or "")


def _date(entry: Any) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return time.strftime("%Y-%m-%dT%H:%M:%S+00:00", parsed) if parsed else None


def _link(entry: Any) -> str:
    """The entry's web address (feedparser copies a non-URL id into ``link``: ignore that)."""
    for link in entry.get("links") or ():
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return link["href"]
    link = entry.get("link") or ""
    return link if link.startswith(("http://", "https://")) else ""


def _clean(value: str, where: str) -> str | None:
    return clean_text(value, where)[0].strip() or None


def iter_feed(data: bytes, *, path: str, base_id: str) -> Iterator[Article | Skipped]:
    """Articles of the entries of the feed file ``path`` (raw bytes: feedparser decodes)."""
    import feedparser  # slow to import: only when a feed is read

    feed = feedparser.parse(data)
    if not feed.get("version") and not feed.entries:
        reason = feed.get("bozo_exception")
        yield Skipped(path, NOT_A_FEED + (f" ({reason})" if reason else ""))
        return
    if not feed.entries:
        yield Skipped(path, "feed has no entries")
        return
    source = _clean(feed.feed.get("title") or "", path)
    for number, entry in enumerate(feed.entries, start=1):
        where = f"{path}:entry {number}"
        body, warnings = clean_text(_body(entry), where)
        if not body.strip():
            yield Skipped(where, "entry has no text")
            continue
        for warning in warnings:
            yield Skipped(where, warning, warning=True)
        url = _clean(_link(entry), where)
        yield Article(
            id=record_id(entry.get("id"), url, base_id, number),
            text=body,
            title=_title(entry, where),
            date=_date(entry),
            source=source,
            url=url,
            path=path,
            content_hash=content_hash(body),
        )
