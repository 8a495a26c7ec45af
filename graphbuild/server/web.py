"""Plain request/response objects and the security headers every response carries."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from urllib.parse import parse_qs

__all__ = ["Request", "Response", "HttpError", "text_response", "html_response",
           "new_nonce", "page_csp", "VIEW_CSP"]

#: sent with every response
BASE_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}
#: data responses (results, Turtle, errors): nothing in them may run or load
DATA_CSP = "default-src 'none'; frame-ancestors 'none'; sandbox"
#: the graph view page (graphbuild.view's template has inline scripts without a nonce);
#: shown in a sandboxed iframe of the index page
VIEW_CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
            "img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'")


def new_nonce() -> str:
    return secrets.token_urlsafe(18)


def page_csp(nonce: str, *, scripts: bool) -> str:
    """CSP for our own pages: only the inline script/style carrying ``nonce`` may run."""
    script = f"'nonce-{nonce}'" if scripts else "'none'"
    return (f"default-src 'none'; script-src {script}; style-src 'nonce-{nonce}'; "
            "connect-src 'self'; frame-src 'self'; img-src 'self' data:; base-uri 'none'; "
            "form-action 'self'; frame-ancestors 'none'")


class HttpError(Exception):
    """Answer ``status`` with a one-line plain-text ``message``."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


@dataclass
class Request:
    method: str
    path: str  # as sent, still percent-encoded, without the query string
    query_string: str = ""
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names
    body: bytes = b""

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())

    @property
    def params(self) -> dict[str, list[str]]:
        return parse_qs(self.query_string, keep_blank_values=True)

    @property
    def media_type(self) -> str:
        """The request body's media type, without parameters, lower-case."""
        return (self.header("content-type") or "").split(";", 1)[0].strip().lower()


@dataclass
class Response:
    status: int
    body: bytes = b""
    content_type: str = "text/plain; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)

    def all_headers(self) -> dict[str, str]:
        out = {**BASE_HEADERS, "Content-Security-Policy": DATA_CSP}
        out.update(self.headers)
        return out


def text_response(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    """A one-line plain-text answer (newlines in ``message`` are folded)."""
    line = " ".join(message.split())
    return Response(status, (line + "\n").encode("utf-8"), headers=dict(headers or {}))


def html_response(html: str, csp: str, status: int = 200,
                  headers: dict[str, str] | None = None) -> Response:
    return Response(status, html.encode("utf-8"), "text/html; charset=utf-8",
                    {"Content-Security-Policy": csp, **(headers or {})})
