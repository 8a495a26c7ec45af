"""Routing, and the server: uvicorn over :mod:`graphbuild.server.asgi` (limits on
connections, headers, bodies and answers) and the query workers.

Routes: ``/`` query page · ``/sparql`` SPARQL protocol (service description without a
query) · ``/service-description`` · ``/view?query=`` graph view · ``/view/entity?iri=``
graph view of an entity's neighbourhood · ``/id/…`` entity pages · ``/health``. A server
bound to a loopback address only answers requests whose ``Host`` is a loopback name, so
web pages cannot reach it through DNS rebinding.
"""

from __future__ import annotations

import logging
import re
import resource
import socket

from graphbuild.errors import ServerStartError, StoreInUseError
from graphbuild.server.asgi import AsgiApp, Limits
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


class App:
    """Request -> Response, with no I/O of its own besides the worker pool."""

    def __init__(self, config: ServerConfig, pool: WorkerPool, port: int,
                 fast_pool: WorkerPool | None = None) -> None:
        self.config = config
        self.port = port
        self.sparql = SparqlEndpoint(config, pool, fast_pool)
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
        if path == "/view/entity":
            return self.pages.entity_graph(req)
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


class GraphbuildServer:
    """The listening socket, the query workers and the HTTP server (uvicorn) over them;
    :meth:`server_close` stops the workers."""

    def __init__(self, config: ServerConfig, pool: WorkerPool,
                 fast_pool: WorkerPool | None = None, limits: Limits | None = None) -> None:
        import uvicorn

        from graphbuild.server.http11 import GuardedH11Protocol

        self.config = config
        self.pool = pool
        self.fast_pool = fast_pool
        self.limits = limits or Limits()
        self.socket = _listen(config.host, config.port)
        self.server_address = self.socket.getsockname()[:2]
        self.app = App(config, pool, self.server_address[1], fast_pool)
        self.asgi = AsgiApp(self.app, config.max_body, self.limits)
        protocol = type("Protocol", (GuardedH11Protocol,),
                        {"header_timeout": self.limits.header_timeout})
        self.uvicorn = uvicorn.Server(uvicorn.Config(
            self.asgi, http=protocol, loop="asyncio", lifespan="off", ws="none",
            interface="asgi3", timeout_keep_alive=int(self.limits.keep_alive),
            backlog=_BACKLOG, access_log=False, log_config=None, server_header=False,
            h11_max_incomplete_event_size=16 * 1024, timeout_graceful_shutdown=2))

    @property
    def url(self) -> str:
        host = self.config.host
        return f"http://{f'[{host}]' if ':' in host else host}:{self.server_address[1]}/"

    def serve_forever(self) -> None:
        """Serve until SIGINT/SIGTERM (uvicorn's handlers) or :meth:`shutdown`."""
        self.uvicorn.run(sockets=[self.socket])

    def shutdown(self) -> None:
        self.uvicorn.should_exit = True

    def server_close(self) -> None:
        self.socket.close()
        self.asgi.close()
        self.pool.close()
        if self.fast_pool is not None:
            self.fast_pool.close()


_BACKLOG = 2048


def _listen(host: str, port: int) -> socket.socket:
    """A listening socket (the OS's full backlog); a taken port is a one-line error."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    family = infos[0][0]
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(infos[0][4])
        sock.listen(_BACKLOG)
    except OSError as err:
        sock.close()
        raise ServerStartError(f"cannot listen on {host}:{port}: {err.strerror or err}") \
            from None
    sock.set_inheritable(False)
    return sock


def _raise_open_files() -> None:
    """Let the process hold as many connections as the hard limit allows."""
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        if soft < hard:
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    except (ValueError, OSError):
        pass


def _start_pool(config: ServerConfig, size: int, queue: int, nice: int = 0) -> WorkerPool:
    try:
        return WorkerPool(config.store, size=size, read_only=not config.allow_update,
                          memory_mb=config.memory_mb, max_waiting=queue, nice=nice)
    except RuntimeError as err:
        if "lock" in str(err).lower():
            raise StoreInUseError(
                f"{config.store}: store is in use by another graphbuild process (a build, "
                "or a server with --allow-update): stop it first, or serve read-only") \
                from None
        raise ServerStartError(f"cannot start the query workers: {err}") from None


def make_server(config: ServerConfig, limits: Limits | None = None) -> GraphbuildServer:
    """Start the query workers (they open the store: errors surface here) and bind."""
    from graphbuild import store as stores

    if config.remote:  # a remote store that does not answer: one line, not a worker's death
        stores.open(config.store, "r+" if config.allow_update else "r").close()
    elif config.allow_update:  # a build holding the store: GB411 now, not a worker's death
        stores.open(config.store, "r+").close()
    _raise_open_files()
    # general workers run niced, so the server and the cheap-query worker keep the CPU
    pool = _start_pool(config, config.workers, queue=2 * config.workers,
                       nice=0 if config.allow_update else 10)
    fast = None
    try:
        if not config.allow_update:  # the priority lane: one worker for cheap queries
            fast = _start_pool(config, 1, queue=4)
        return GraphbuildServer(config, pool, fast, limits)
    except BaseException:
        pool.close()
        if fast is not None:
            fast.close()
        raise


def serve(config: ServerConfig) -> None:
    """Serve until interrupted (Ctrl+C or SIGTERM)."""
    server = make_server(config)
    mode = "read-write (updates need the token)" if config.allow_update else "read-only"
    lane = " + 1 for cheap queries" if server.fast_pool is not None else ""
    log.info("serving %s %s at %s (SPARQL endpoint %ssparql; %d query worker(s)%s, %s)",
             config.store_label, mode, server.url, server.url, server.pool.size, lane,
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
        pass
    finally:
        log.info("stopping")
        server.server_close()
