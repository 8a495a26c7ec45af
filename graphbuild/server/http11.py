"""uvicorn's HTTP/1.1 protocol with a request-header deadline and safe error answers.

uvicorn times out idle keep-alive connections but not a client that trickles its request
headers a byte at a time (slowloris): any data resets its timer. Here each connection must
deliver complete request headers within ``header_timeout`` seconds of connecting (or of
its previous answer), whatever it sends meanwhile; else it is closed. uvicorn's own answer
to a malformed request carries the same security headers as every other answer.
"""

from __future__ import annotations

import asyncio
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from graphbuild.server.web import BASE_HEADERS, DATA_CSP

__all__ = ["GuardedH11Protocol"]

_SAFE_HEADERS = [(k.lower().encode(), v.encode()) for k, v in
                 {**BASE_HEADERS, "Content-Security-Policy": DATA_CSP}.items()]


class GuardedH11Protocol(H11Protocol):
    """:class:`H11Protocol` whose connections must send their headers in time."""

    header_timeout: float = 10.0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._header_timer: asyncio.TimerHandle | None = None

    def _arm(self) -> None:
        self._disarm()
        self._header_timer = self.loop.call_later(self.header_timeout, self._header_expired)

    def _disarm(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _header_expired(self) -> None:
        self._header_timer = None
        if self.cycle is not None and not self.cycle.response_complete:
            return  # a request is being answered: not waiting for headers
        if not self.transport.is_closing():
            self.transport.close()

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def handle_events(self) -> None:
        before = self.cycle
        super().handle_events()
        if self.cycle is not before:  # a request's headers arrived
            self._disarm()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._arm()  # the next request's headers are due in time too

    def send_400_response(self, msg: str) -> None:
        headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"connection", b"close"),
                   *_SAFE_HEADERS]
        try:
            output = self.conn.send(h11.Response(status_code=400, headers=headers,
                                                 reason=b"Bad Request"))
            output += self.conn.send(h11.Data(data=msg.encode("ascii")))
            output += self.conn.send(h11.EndOfMessage())
            self.transport.write(output)
        except h11.LocalProtocolError:
            pass
        self.transport.close()
