"""HTML: the main text of a web page (trafilatura) and plain text of an HTML fragment.

Paragraphs of the text made from HTML are separated by one blank line (``\\n\\n``), as in
the plain-text articles.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from graphbuild.errors import InputError
from graphbuild.ingest.ids import content_hash
from graphbuild.ingest.text import clean_text
from graphbuild.types import Article

NO_TEXT = "no article text found in the HTML page"

_SPACES = re.compile(r"[ \t\f\v\u00a0]+")
_BLOCKS = frozenset(
    {"address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption"}
    | {"figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main"}
    | {"nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul"}
)
_SKIP = frozenset({"script", "style", "template", "noscript", "head", "title"})


def paragraphs(text: str) -> str:
    """Join the non-blank lines of ``text``, each stripped and space-collapsed, by ``\\n\\n``."""
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n\n".join(line for line in lines if line)


class _Stripper(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skipping += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data.replace("\n", " "))


def strip_html(fragment: str) -> str:
    """Plain text of an HTML fragment: tags dropped, entities decoded, one paragraph per block."""
    stripper = _Stripper()
    stripper.feed(fragment)
    stripper.close()
    return paragraphs("".join(stripper.parts))


def read_html(text: str, *, id: str, path: str) -> tuple[Article, list[str]]:
    """Article of a decoded HTML page: main text, title, date, url and site name.

    Raises ``InputError(path, ...)`` when trafilatura finds no main text.
    """
    import trafilatura  # slow to import: only when a page is read

    try:
        doc = trafilatura.bare_extraction(
            text, with_metadata=True, include_comments=False, include_tables=False
        )
    except Exception as exc:  # trafilatura/lxml on malformed pages: report, don't crash
        raise InputError(path, f"cannot parse HTML ({type(exc).__name__}: {exc})") from None
    body = paragraphs(doc.text or "") if doc is not None else ""
    if not body:
        raise InputError(path, NO_TEXT)
    title = (doc.title or "").strip() or None
    if title is not None:
        first, _, rest = body.partition("\n\n")
        if first == title and rest:
            body = rest  # the page's <h1> repeats the title
    body, warnings = clean_text(body, path)
    article = Article(
        id=id,
        text=body,
        title=title,
        date=doc.date or None,
        source=doc.sitename or None,
        url=doc.url or None,
        path=path,
        content_hash=content_hash(body),
    )
    return article, warnings
