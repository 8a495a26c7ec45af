"""The HTTP layer: an ASGI application served by uvicorn, with limits on everything a client
controls.

* **Connections**: at most :attr:`Limits.max_connections` open at once (more are answered
  503 and closed); a connection must send its request headers within
  :attr:`Limits.header_timeout` seconds (:mod:`graphbuild.server.http11`), its body within
  :attr:`Limits.body_timeout`, and may idle :attr:`Limits.keep_alive` seconds between
  requests. Request bodies are capped at ``ServerConfig.max_body`` bytes.
* **Work**: requests run on bounded thread pools (short requests on their own, so they
  never queue behind long texts being parsed); the query workers admit a small queue and
  answer 503 at once beyond it (see :class:`~graphbuild.server.worker.WorkerPool`), and a
  reserved worker answers cheap queries (a priority lane, see
  :func:`graphbuild.query.guard.is_cheap`), so ``ASK {}`` and ``/health`` are answered
  during a flood of slow queries. ``/health`` never leaves the event loop.
* **Answers** are sent in 64 KB pieces, each waiting for the client to read (back-pressure,
  :attr:`Limits.send_timeout` seconds at most per piece); answers larger than 1 MB share a
  budget of :attr:`Limits.bytes_in_flight` bytes, so clients that never read cannot make
  the server hold more than that. Every answer carries ``X-Content-Type-Options: nosniff``
  and a Content-Security-Policy, errors included.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from graphbuild.server.web import HttpError, Request, Response, text_response

__all__ = ["Limits", "AsgiApp"]

log = logging.getLogger("graphbuild.server")
access_log = logging.getLogger("graphbuild.server.access")

_PIECE = 64 * 1024
_BIG = 1 << 20
_SHORT = 4096  # request bytes (query string and body) of a short request


@dataclass(frozen=True)
class Limits:
    """How much one client, and all of them, may hold (seconds, bytes, counts)."""

    max_connections: int = 2048
    header_timeout: float = 10.0
    body_timeout: float = 30.0
    keep_alive: float = 5.0
    send_timeout: float = 30.0
    bytes_in_flight: int = 128 * 1024 * 1024
    threads: int = 16


class _Budget:
    """Bytes of large answers held at once; waiting callers are woken as bytes return."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.used = 0
        self._cond: asyncio.Condition | None = None

    async def acquire(self, n: int, wait: float) -> bool:
        n = min(n, self.total)
        if self._cond is None:
            self._cond = asyncio.Condition()
        async with self._cond:
            try:
                await asyncio.wait_for(
                    self._cond.wait_for(lambda: self.used + n <= self.total), wait)
            except TimeoutError:
                return False
            self.used += n
            return True

    async def release(self, n: int) -> None:
        n = min(n, self.total)
        assert self._cond is not None
        async with self._cond:
            self.used -= n
            self._cond.notify_all()


class _Disconnected(Exception):
    pass


class AsgiApp:
    """ASGI adapter around :class:`graphbuild.server.app.App` (which maps a
    :class:`Request` to a :class:`Response` and may block on a query worker)."""

    def __init__(self, app: Any, max_body: int, limits: Limits) -> None:
        self.app = app
        self.max_body = max_body
        self.limits = limits
        # short requests (an ASK {}, a page) never queue behind long texts being parsed
        self.executor = ThreadPoolExecutor(limits.threads, thread_name_prefix="graphbuild-req")
        self.short = ThreadPoolExecutor(limits.threads, thread_name_prefix="graphbuild-short")
        self.budget = _Budget(limits.bytes_in_flight)
        self.active = 0

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        if self.active >= self.limits.max_connections:
            await self._send(scope, send, text_response(
                503, "server busy: too many requests at once; try again",
                {"Retry-After": "2", "Connection": "close"}))
            return
        self.active += 1
        try:
            resp = await self._answer(scope, receive)
            await self._send(scope, send, resp)
        except _Disconnected:
            pass
        finally:
            self.active -= 1

    async def _answer(self, scope: dict, receive: Any) -> Response:
        headers: dict[str, str] = {}
        for name, value in scope["headers"]:
            headers[name.decode("latin-1").lower()] = value.decode("latin-1")
        try:
            body = await self._body(headers, receive)
        except HttpError as err:
            return text_response(err.status, err.message, {**err.headers, "Connection": "close"})
        path = scope.get("raw_path", scope["path"].encode()).decode("latin-1")
        if "://" in path:  # absolute-form request target
            path = "/" + path.split("://", 1)[1].partition("/")[2]
        req = Request(scope["method"], path, scope["query_string"].decode("latin-1"),
                      headers, body)
        if path == "/health":  # answered in the event loop: never queued behind queries
            return self.app.handle(req)
        loop = asyncio.get_running_loop()
        short = len(body) + len(req.query_string) <= _SHORT
        return await loop.run_in_executor(self.short if short else self.executor,
                                          self.app.handle, req)

    async def _body(self, headers: dict[str, str], receive: Any) -> bytes:
        if "chunked" in headers.get("transfer-encoding", "").lower():
            raise HttpError(411, "send the request body with a Content-Length")
        try:
            length = int(headers.get("content-length") or 0)
        except ValueError:
            raise HttpError(400, "bad Content-Length") from None
        if length < 0 or length > self.max_body:
            raise HttpError(413, f"request body larger than {self.max_body} bytes")
        if not length:
            return b""

        async def read() -> bytes:
            parts, size = [], 0
            while True:
                message = await receive()
                if message["type"] == "http.disconnect":
                    raise _Disconnected
                parts.append(message.get("body", b""))
                size += len(parts[-1])
                if size > self.max_body:
                    raise HttpError(413, f"request body larger than {self.max_body} bytes")
                if not message.get("more_body"):
                    return b"".join(parts)

        try:
            return await asyncio.wait_for(read(), self.limits.body_timeout)
        except TimeoutError:
            raise HttpError(408, f"request body not received within "
                                 f"{self.limits.body_timeout:g} s") from None

    async def _send(self, scope: dict, send: Any, resp: Response) -> None:
        head = scope["method"] == "HEAD" or resp.status in (204, 304)
        raw = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in resp.all_headers().items()]
        if resp.status != 204:
            raw.append((b"content-type", resp.content_type.encode("latin-1")))
            raw.append((b"content-length", str(len(resp.body)).encode()))
        size = 0 if head else len(resp.body)
        held = size > _BIG and await self.budget.acquire(size, 0.5)
        if size > _BIG and not held:
            resp = text_response(503, "server busy: too many large answers being sent; try "
                                      "again", {"Retry-After": "5"})
            await self._send(scope, send, resp)
            return
        try:
            await self._piece(send, {"type": "http.response.start", "status": resp.status,
                                     "headers": raw})
            view = memoryview(resp.body) if not head else memoryview(b"")
            for start in range(0, len(view), _PIECE):
                await self._piece(send, {"type": "http.response.body",
                                         "body": bytes(view[start:start + _PIECE]),
                                         "more_body": True})
            await self._piece(send, {"type": "http.response.body", "body": b""})
            access_log.info("%s %s %s %d %d", (scope.get("client") or ("-",))[0],
                            scope["method"], scope["path"], resp.status, size)
        finally:
            if held:
                await self.budget.release(size)

    async def _piece(self, send: Any, message: dict) -> None:
        """Send one message; a client that does not read it in time is cut off."""
        try:
            await asyncio.wait_for(send(message), self.limits.send_timeout)
        except TimeoutError:
            log.info("client did not read the answer within %g s: connection closed",
                     self.limits.send_timeout)
            raise _Disconnected from None
        except OSError:
            raise _Disconnected from None

    def close(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.short.shutdown(wait=False, cancel_futures=True)
