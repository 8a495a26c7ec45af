"""Routing and the HTTP server (the standard library's ``ThreadingHTTPServer``).

Routes: ``/`` query page · ``/sparql`` SPARQL protocol (service description without a
query) · ``/service-description`` · ``/view?query=`` graph view · ``/id/…`` entity pages ·
``/health``. A server bound to a loopback address only answers requests whose ``Host`` is
a loopback name, so web pages cannot reach it through DNS rebinding.
"""

from __future__ import annotations

import logging
import re
import signal
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from graphbuild.server.config import ServerConfig, is_loopback
from graphbuild.server.pages import Pages
from graphbuild.server.protocol import SparqlEndpoint, read_operation
from graphbuild.server.web import HttpError, Request, Response, text_response
from graphbuild.server.worker import WorkerPool

__all__ = ["App", "GraphbuildServer", "make_server", "serve"]

log = logging.getLogger("graphbuild.server")
access_log = logging.getLogger("graphbuild.server.access")

_HOST = re.compile(r"^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$")


def _hostname(host: str) -> str:
    """``[::1]:8000`` -> ``::1``; ``localhost:8000`` -> ``localhost``."""
    if host.startswith("["):
        return host[1:].partition("]")[0]
    return host.partition(":")[0]


def _stop(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


class App:
    """Request -> Response, with no I/O of its own besides the worker pool."""

    def __init__(self, config: ServerConfig, pool: WorkerPool, port: int) -> None:
        self.config = config
        self.port = port
        self.sparql = SparqlEndpoint(config, pool)
        self.pages = Pages(config, pool)

    def handle(self, req: Request) -> Response:
        try:
            self._check_host(req)
            return self._route(req)
        except HttpError as err:
            return text_response(err.status, err.message, err.headers)
        except Exception:
            log.exception("error answering %s %s", req.method, req.path)
            return text_response(500, "internal server error (see the server log)")

    def _check_host(self, req: Request) -> None:
        host = req.header("host")
        if host is None:
            return
        if not _HOST.match(host):
            raise HttpError(400, "malformed Host header")
        if self.config.loopback and not is_loopback(_hostname(host)):
            raise HttpError(403, "this server answers requests to localhost only "
                                 f"(Host: {host[:60]} is not a loopback name)")

    def endpoint(self, req: Request) -> str:
        host = req.header("host")
        if not host or not _HOST.match(host):
            name = f"[{self.config.host}]" if ":" in self.config.host else self.config.host
            host = f"{name}:{self.port}"
        return f"http://{host}/sparql"

    def _route(self, req: Request) -> Response:
        path = req.path
        if path == "/sparql":
            _allow(req, "GET", "HEAD", "POST")
            query, update, params = read_operation(req)
            if update is not None:
                return self.sparql.update(req, update)
            if query is None:
                return self.pages.service_description(req, self.endpoint(req), html_ok=True)
            return self.sparql.query(req, query, params)
        _allow(req, "GET", "HEAD")
        if path == "/":
            return self.pages.index(req, self.endpoint(req))
        if path == "/view":
            return self.pages.view(req)
        if path.startswith("/id/"):
            return self.pages.entity(req)
        if path == "/service-description":
            return self.pages.service_description(req, self.endpoint(req), html_ok=False)
        if path == "/health":
            return text_response(200, "ok")
        raise HttpError(404, "not found")


def _allow(req: Request, *methods: str) -> None:
    if req.method not in methods:
        raise HttpError(405, f"method {req.method} not allowed here",
                        {"Allow": ", ".join(methods)})


class _Handler(BaseHTTPRequestHandler):
    server_version = "graphbuild"

    def version_string(self) -> str:
        return self.server_version
    protocol_version = "HTTP/1.1"
    timeout = 60  # seconds a connection may sit idle or trickle its request

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self._serve()

    do_HEAD = do_POST = do_PUT = do_DELETE = do_PATCH = do_GET  # noqa: N815

    def _serve(self) -> None:
        server: GraphbuildServer = self.server  # type: ignore[assignment]
        target = self.path
        if "://" in target.split("?", 1)[0]:  # absolute-form request target
            target = "/" + target.split("://", 1)[1].partition("/")[2]
        path, _, query_string = target.partition("?")
        try:
            body = self._body(server.config.max_body)
        except HttpError as err:
            self.close_connection = True
            self._send(text_response(err.status, err.message, err.headers))
            return
        headers = {k.lower(): v for k, v in self.headers.items()}
        self._send(server.app.handle(Request(self.command, path, query_string, headers, body)))

    def _body(self, limit: int) -> bytes:
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            raise HttpError(411, "send the request body with a Content-Length")
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            raise HttpError(400, "bad Content-Length") from None
        if length < 0 or length > limit:
            raise HttpError(413, f"request body larger than {limit} bytes")
        return self.rfile.read(length) if length else b""

    def _send(self, resp: Response) -> None:
        try:
            self.send_response(resp.status)
            for name, value in resp.all_headers().items():
                self.send_header(name, value)
            if resp.status != 204:
                self.send_header("Content-Type", resp.content_type)
                self.send_header("Content-Length", str(len(resp.body)))
            if self.close_connection:
                self.send_header("Connection", "close")
            self.end_headers()
            if self.command != "HEAD" and resp.status != 204:
                self.wfile.write(resp.body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        access_log.info("%s %s", self.address_string(), format % args)


class GraphbuildServer(ThreadingHTTPServer):
    """The HTTP server; owns the worker pool (closed by :meth:`server_close`)."""

    daemon_threads = True
    block_on_close = False

    def __init__(self, config: ServerConfig, pool: WorkerPool) -> None:
        infos = socket.getaddrinfo(config.host, config.port, type=socket.SOCK_STREAM)
        self.address_family = infos[0][0]
        self.config = config
        self.pool = pool
        super().__init__((config.host, config.port), _Handler)
        self.app = App(config, pool, self.server_address[1])

    @property
    def url(self) -> str:
        host = self.config.host
        return f"http://{f'[{host}]' if ':' in host else host}:{self.server_address[1]}/"

    def server_close(self) -> None:
        super().server_close()
        self.pool.close()


def make_server(config: ServerConfig) -> GraphbuildServer:
    """Start the query workers (they open the store: errors surface here) and bind."""
    if config.remote:  # a remote store that does not answer: one line, not a worker's death
        from graphbuild.store import connect

        connect(config.store, read_only=not config.allow_update).close()
    pool = WorkerPool(config.store, size=config.workers, read_only=not config.allow_update,
                      memory_mb=config.memory_mb)
    try:
        return GraphbuildServer(config, pool)
    except Exception:
        pool.close()
        raise


def serve(config: ServerConfig) -> None:
    """Serve until interrupted (Ctrl+C or SIGTERM)."""
    server = make_server(config)
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _stop)
    mode = "read-write (updates need the token)" if config.allow_update else "read-only"
    log.info("serving %s %s at %s (SPARQL endpoint %ssparql; %d query worker(s), %s)",
             config.store_label, mode, server.url, server.url, server.pool.size,
             server.pool.isolation)
    if not config.remote and "no network" not in server.pool.isolation:
        log.warning("QUERY WORKERS HAVE NETWORK ACCESS: this system refuses unprivileged user "
                    "namespaces, so the second defence against SERVICE/LOAD is missing (the "
                    "query guard still refuses them); allow them with "
                    "'sysctl kernel.unprivileged_userns_clone=1' where available")
    if not config.loopback:
        log.warning("listening on %s: anyone who can reach this address can query the store",
                    config.host)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        log.info("stopping")
    finally:
        server.server_close()
