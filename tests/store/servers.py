"""Real SPARQL servers for the remote-store tests, on free 127.0.0.1 ports in temporary
folders, always stopped: Oxigraph's server (``oxigraph serve``, PyPI ``oxigraph``) and
Virtuoso (Debian ``virtuoso-opensource``: ``virtuoso-t`` and ``isql-vt``), plus a small HTTP
proxy that fails chosen requests (503, a dropped connection, or going down for good)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox

__all__ = ["free_port", "Server", "start_oxigraph", "start_virtuoso", "virtuoso_missing",
           "oxigraph_missing", "FlakyProxy", "remote_quads", "is_update", "parse_nquads"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    """A running server: ``url`` is the store URL to give graphbuild."""

    name: str
    url: str
    proc: subprocess.Popen
    log: Path
    extra: dict = field(default_factory=dict)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def _wait(server: Server, probe: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.proc.poll() is not None:
            raise RuntimeError(f"{server.name} exited ({server.proc.returncode}):\n"
                               f"{server.output()[-2000:]}")
        try:
            with urllib.request.urlopen(probe, timeout=2) as resp:
                if resp.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            time.sleep(0.1)
    server.stop()
    raise RuntimeError(f"{server.name} not ready after {timeout:g} s:\n{server.output()[-2000:]}")


def _oxigraph() -> str | None:
    found = shutil.which("oxigraph")
    if found:
        return found
    local = Path(sys.executable).parent / "oxigraph"
    return str(local) if local.exists() else None


def oxigraph_missing() -> str | None:
    """Why Oxigraph's server cannot run here, or None."""
    if _oxigraph() is None:
        return "Oxigraph's server is not installed (pip install oxigraph: the test extra)"
    return None


def start_oxigraph(folder: Path, *args: str) -> Server:
    """``oxigraph serve --location FOLDER/db --bind 127.0.0.1:PORT ARGS``."""
    port = free_port()
    folder.mkdir(parents=True, exist_ok=True)
    log = folder / f"oxigraph-{port}.log"
    cmd = [_oxigraph() or "oxigraph", "serve", "--location", str(folder / "db"),
           "--bind", f"127.0.0.1:{port}", *args]
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    server = Server("oxigraph", f"{base}/query", proc, log)
    _wait(server, f"{base}/query?query=ASK%7B%7D", 30)
    return server


def virtuoso_missing() -> str | None:
    """Why Virtuoso cannot run here, or None."""
    missing = [p for p in ("virtuoso-t", "isql-vt") if shutil.which(p) is None]
    if missing:
        return (f"Virtuoso is not installed ({', '.join(missing)} not found; "
                "apt-get install virtuoso-opensource)")
    return None


_VIRTUOSO_INI = """\
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
[Parameters]
ServerPort = {sql}
DisableUnixSocket = 1
CheckpointInterval = 60
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = .
[HTTPServer]
ServerPort = {http}
ServerRoot = {d}
ServerThreads = 10
MaxClientConnections = 10
[SPARQL]
ResultSetMaxRows = {max_rows}
MaxQueryExecutionTime = 600
"""


def start_virtuoso(folder: Path, *, max_rows: int = 10_000_000) -> Server:
    """A fresh Virtuoso database in FOLDER; the anonymous SPARQL user may update (granted
    with isql-vt). ``url`` is ``http://127.0.0.1:PORT/sparql``; ``extra["auth_url"]`` is
    ``/sparql-auth`` with the dba's credentials (digest authentication)."""
    folder.mkdir(parents=True, exist_ok=True)
    sql, http = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(_VIRTUOSO_INI.format(d=folder, sql=sql, http=http, max_rows=max_rows),
                   encoding="utf-8")
    log = folder / "virtuoso-out.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(["virtuoso-t", "-f", "-c", str(ini)], cwd=folder, stdout=out,
                                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{http}"
    server = Server("virtuoso", f"{base}/sparql", proc, log,
                    {"auth_url": f"http://dba:dba@127.0.0.1:{http}/sparql-auth"})
    _wait(server, f"{base}/sparql?query=ASK%7B%7D", 90)
    done = subprocess.run(["isql-vt", str(sql), "dba", "dba",
                           'exec=GRANT SPARQL_UPDATE TO "SPARQL";'],
                          capture_output=True, text=True, timeout=60)
    if done.returncode != 0:
        server.stop()
        raise RuntimeError(f"isql-vt GRANT failed: {done.stdout}{done.stderr}")
    return server


def remote_quads(url: str) -> set[str]:
    """Every quad of the graphbuild graphs at ``url``, as N-Quads lines."""
    from graphbuild.store.remote import RemoteStore

    return {f"{q.subject} {q.predicate} {q.object} {q.graph_name} ."
            for q in RemoteStore(url, read_only=True).quads_for_pattern(None, None, None, None)}


# ---------------------------------------------------------------------- failing proxy

#: decide(n, method, path, body) -> "forward" | "drop" | "down" | an HTTP status to answer
Decide = Callable[[int, str, str, bytes], "str | int"]


class FlakyProxy:
    """An HTTP proxy in front of ``target`` (``http://127.0.0.1:PORT``) that asks
    ``decide`` what to do with each request: forward it, answer with an error status, drop
    the connection without an answer, or go down (stop listening: every later connection
    is refused). ``log`` records (n, method, path, action)."""

    def __init__(self, target: str, decide: Decide) -> None:
        self.target = target.rstrip("/")
        self.decide = decide
        self.log: list[tuple[int, str, str, str | int]] = []
        self._lock = threading.Lock()
        self._count = 0
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802
                proxy._handle(self)

            def do_POST(self) -> None:  # noqa: N802
                proxy._handle(self)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.httpd.timeout = 0.2
        self.port = self.httpd.server_address[1]
        self.down = False
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self.down:
            try:
                self.httpd.handle_request()
            except (OSError, ValueError):  # the socket was closed: down
                return

    def url(self, path: str = "/query") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def _handle(self, req: BaseHTTPRequestHandler) -> None:
        body = req.rfile.read(int(req.headers.get("Content-Length") or 0))
        with self._lock:
            self._count += 1
            n = self._count
            action = "drop" if self.down else self.decide(n, req.command, req.path, body)
            self.log.append((n, req.command, req.path, action))
        if action == "down":
            self.stop()
            action = "drop"
        if action == "drop":
            req.close_connection = True
            return
        if isinstance(action, int):
            data = f"proxy says {action}".encode()
            req.send_response(action)
            req.send_header("Content-Type", "text/plain")
            req.send_header("Content-Length", str(len(data)))
            req.end_headers()
            req.wfile.write(data)
            return
        self._forward(req, body)

    def _forward(self, req: BaseHTTPRequestHandler, body: bytes) -> None:
        headers = {k: v for k, v in req.headers.items()
                   if k.lower() in ("accept", "content-type", "authorization")}
        upstream = urllib.request.Request(self.target + req.path, method=req.command,
                                          data=body if req.command == "POST" else None,
                                          headers=headers)
        try:
            with urllib.request.urlopen(upstream, timeout=120) as resp:
                status, rheaders, data = resp.status, resp.headers, resp.read()
        except urllib.error.HTTPError as err:
            status, rheaders, data = err.code, err.headers, err.read()
        req.send_response(status)
        for key in ("Content-Type", "X-SPARQL-MaxRows"):
            if rheaders.get(key):
                req.send_header(key, rheaders[key])
        req.send_header("Content-Length", str(len(data)))
        req.end_headers()
        req.wfile.write(data)

    def stop(self) -> None:
        """Stop listening (connections are refused from now on)."""
        if not self.down:
            self.down = True
            self.httpd.socket.close()

    def actions(self) -> list[str | int]:
        return [a for *_, a in self.log]


def is_update(method: str, path: str, body: bytes) -> bool:
    """An update request (graphbuild sends queries as forms, ``query=…``, and updates as
    ``application/sparql-update``: to ``/update`` on Oxigraph, ``/sparql`` on Virtuoso)."""
    return method == "POST" and (urllib.parse.urlsplit(path).path.endswith("/update")
                                 or not body.startswith(b"query="))


_BOOLEAN = ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean")
_CANONICAL = {"1": "true", "0": "false"}


def _canonical(term: ox.Literal) -> ox.Literal:
    if isinstance(term, ox.Literal) and term.datatype == _BOOLEAN and term.value in _CANONICAL:
        return ox.Literal(_CANONICAL[term.value], datatype=_BOOLEAN)
    return term


def parse_nquads(lines: set[str]) -> set[ox.Quad]:
    """N-Quads lines as quads, booleans in canonical form (Virtuoso answers
    ``"true"^^xsd:boolean`` as ``"1"^^xsd:boolean``: the same value)."""
    return {ox.Quad(q.subject, q.predicate, _canonical(q.object), q.graph_name)
            for q in ox.parse("\n".join(lines).encode(), format=ox.RdfFormat.N_QUADS)}
