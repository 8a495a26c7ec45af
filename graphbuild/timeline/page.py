"""A timeline as ONE self-contained, offline HTML page (the graph view's page rules, see
docs/security.md): no network assets, a Content-Security-Policy meta, every text
HTML-escaped by Jinja2's autoescape, the data block JSON-encoded with ``<``, ``>`` and ``&``
escaped, and links only to ``http(s)`` URLs (anything else is shown as text)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from itertools import groupby
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment

from graphbuild.timeline.events import Event
from graphbuild.view.render import safe_json

__all__ = ["timeline_html", "write_timeline", "safe_link"]


def safe_link(url: str) -> str:
    """``url`` when it is an absolute http(s) URL, else "" (no ``javascript:`` links)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return ""
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else ""


@lru_cache(maxsize=1)
def _template():  # noqa: ANN202
    env = Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True)
    source = resources.files("graphbuild.timeline").joinpath("template.html")
    return env.from_string(source.read_text(encoding="utf-8"))


def timeline_html(events: Sequence[Event], *, title: str, subtitle: str = "") -> str:
    """The page: appearances grouped by date on a vertical time axis, undated last."""
    groups = [{"date": date or "undated", "events": [
        {**e.as_dict(), "link": safe_link(e.url)} for e in items]}
        for date, items in groupby(events, key=lambda e: e.date)]
    kinds = sorted({e.kind for e in events})
    dated = [e.date for e in events if e.date]
    span = f"{min(dated)} – {max(dated)}" if dated else ""
    return _template().render(
        title=title, subtitle=subtitle, groups=groups, kinds=kinds, n=len(events),
        n_undated=sum(1 for e in events if not e.date), span=span,
        data_json=safe_json([e.as_dict() for e in events]))


def write_timeline(events: Sequence[Event], path: str | Path, *, title: str,
                   subtitle: str = "") -> Path:
    """Write the page to ``path`` (UTF-8) and return the path."""
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(timeline_html(events, title=title, subtitle=subtitle), encoding="utf-8")
    return out
