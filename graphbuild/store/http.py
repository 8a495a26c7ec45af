"""HTTP for remote stores: one request, sent again with exponential back-off when the
server is down or failing.

A request that cannot connect (refused, reset, timed out) or gets HTTP 408, 429 or 5xx is
sent again after 0.5 s, 1 s, 2 s, 4 s…; after the last attempt it raises
:class:`~graphbuild.errors.StoreUnavailableError`, one line naming what was being done
(e.g. ``writing article business/001``). Any other 4xx is not retried: 400 (a malformed
query or update) is :class:`SyntaxError`, like the embedded store's; the others are
:class:`~graphbuild.errors.StoreRequestError`. A request whose answer was lost may have
been applied: it is sent again all the same, so updates must be safe to repeat (reads and
article writes, ``DROP`` + ``INSERT DATA`` of the whole article, are).

Settings (environment): ``GRAPHBUILD_STORE_RETRIES`` attempts in all (default 5),
``GRAPHBUILD_STORE_BACKOFF`` the first delay in seconds (default 0.5, doubling, at most 8),
``GRAPHBUILD_STORE_TIMEOUT`` seconds a request may stay silent (default 300).

Credentials in the URL (``http://user:password@host/…``) are sent with HTTP Digest or Basic
authentication, as the server asks, and never appear in messages. Standard library only.
"""

from __future__ import annotations

import http.client
import logging
import re
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit, urlunsplit

from graphbuild.errors import (
    StoreRequestError,
    StoreSyntaxError,
    StoreUnavailableError,
)

__all__ = ["RetryPolicy", "HttpClient", "public_url"]

log = logging.getLogger("graphbuild.store")

#: answers worth waiting for: the server is busy, restarting or failing for a moment
RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})
#: a 5xx that will not go away by waiting (Virtuoso answers 500 to a missing permission)
_PERMANENT = re.compile(r"\bSECURITY\b|no permission|not authori[sz]ed", re.IGNORECASE)


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how patiently to send a request (see the module docstring)."""

    attempts: int = 5
    backoff: float = 0.5
    max_delay: float = 8.0
    timeout: float = 300.0

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> RetryPolicy:
        """The policy set by ``GRAPHBUILD_STORE_*`` variables (defaults for the others)."""
        from graphbuild import settings

        return cls(attempts=settings.get("GRAPHBUILD_STORE_RETRIES", env),
                   backoff=settings.get("GRAPHBUILD_STORE_BACKOFF", env),
                   timeout=settings.get("GRAPHBUILD_STORE_TIMEOUT", env))

    def delay(self, failed: int) -> float:
        """Seconds to wait after the ``failed``-th failed attempt (1-based)."""
        return min(self.backoff * 2 ** (failed - 1), self.max_delay)


def public_url(url: str) -> str:
    """``url`` without the user and password (for messages)."""
    parts = urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    netloc = host + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def _one_line(text: str, limit: int = 300) -> str:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    line = lines[0] if lines else ""
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _body(err: urllib.error.HTTPError) -> str:
    try:
        return err.read().decode("utf-8", errors="replace")
    except (OSError, http.client.HTTPException):
        return ""


def _reason(err: BaseException) -> str:
    reason = getattr(err, "reason", None)
    if isinstance(reason, BaseException):
        err = reason
    text = str(err) or type(err).__name__
    if isinstance(err, ConnectionRefusedError) or "refused" in text.lower():
        return "connection refused"
    if isinstance(err, (TimeoutError, http.client.RemoteDisconnected)):
        return f"{type(err).__name__}: {_one_line(text)}"
    return _one_line(text)


class HttpClient:
    """Requests to one server, with its credentials (if the URL has any) and retries."""

    def __init__(self, url: str, policy: RetryPolicy | None = None) -> None:
        parts = urlsplit(url)
        self.policy = policy or RetryPolicy.from_env()
        self.url = public_url(url)
        handlers: list[urllib.request.BaseHandler] = []
        if parts.username is not None:
            passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            public = urlsplit(self.url)  # the whole server: updates may go to another path
            passwords.add_password(None, f"{public.scheme}://{public.netloc}/",
                                   unquote(parts.username), unquote(parts.password or ""))
            handlers += [urllib.request.HTTPDigestAuthHandler(passwords),
                         urllib.request.HTTPBasicAuthHandler(passwords)]
        self._opener = urllib.request.build_opener(*handlers)

    def send(self, url: str, body: bytes | None, headers: Mapping[str, str],
             what: str) -> http.client.HTTPResponse:
        """POST ``body`` (GET when None) to ``url``; the open response of the first 2xx.
        ``what`` says what the request is for, in errors (``writing article X``)."""
        last, waited = "", 0.0
        for attempt in range(1, self.policy.attempts + 1):
            request = urllib.request.Request(url, data=body, headers=dict(headers),
                                             method="GET" if body is None else "POST")
            try:
                return self._opener.open(request, timeout=self.policy.timeout)
            except urllib.error.HTTPError as err:
                text = _one_line(_body(err))
                if err.code == 400:
                    raise StoreSyntaxError(f"{self.url}: {what}: HTTP 400: "
                                           f"{text or 'malformed request'}") from None
                if err.code not in RETRY_STATUSES or _PERMANENT.search(text):
                    raise StoreRequestError(
                        f"{self.url}: {what}: HTTP {err.code} {err.reason}"
                        + (f": {text}" if text else "")) from None
                last = f"HTTP {err.code} {err.reason}" + (f": {text}" if text else "")
            except (urllib.error.URLError, http.client.HTTPException, OSError) as err:
                last = _reason(err)
            if attempt < self.policy.attempts:
                delay = self.policy.delay(attempt)
                log.info("%s: %s failed (%s); attempt %d of %d in %.2g s", self.url, what,
                         last, attempt + 1, self.policy.attempts, delay)
                time.sleep(delay)
                waited += delay
        raise StoreUnavailableError(
            f"{self.url}: store unavailable while {what}: {last} "
            f"(gave up after {self.policy.attempts} attempts over {waited:.1f} s)")
