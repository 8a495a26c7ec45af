"""Real servers and real processes for the attack replays: everything on 127.0.0.1, every
process stopped by the test that started it, every wait bounded."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "security-token-7c1e"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Listener:
    """An HTTP listener on 127.0.0.1 that counts every connection made to it."""

    def __init__(self) -> None:
        self.hits: list[str] = []
        hits = self.hits

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                hits.append(self.path)
                body = b"LEAKED-BODY"
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_POST = do_GET  # noqa: N815

            def log_message(self, *args: object) -> None:
                pass

        self.srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.srv.server_address[1]}/x"
        threading.Thread(target=self.srv.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.srv.shutdown()
        self.srv.server_close()


@dataclass
class Served:
    url: str
    proc: subprocess.Popen
    log: Path

    @property
    def endpoint(self) -> str:
        return self.url + "sparql"

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def peak_rss_mb(self) -> float:
        """The server process's peak resident memory so far (VmHWM), in MB."""
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        raise AssertionError("no VmHWM")


@contextmanager
def serve(store: str | Path, log_dir: Path, *args: str, token: str | None = None
          ) -> Iterator[Served]:
    """``graphbuild serve`` on a free loopback port, stopped on exit."""
    port = free_port()
    log = log_dir / f"serve-{port}.log"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.pop("GRAPHBUILD_TOKEN", None)
    if token:
        env["GRAPHBUILD_TOKEN"] = token
    with log.open("wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "graphbuild", "serve", "--store",
                                 str(store), "--port", str(port), *args], stdout=out,
                                stderr=subprocess.STDOUT, cwd=ROOT, env=env)
    served = Served(f"http://127.0.0.1:{port}/", proc, log)
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"server exited:\n{served.output()}")
            try:
                with urllib.request.urlopen(served.url + "health", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"server not ready:\n{served.output()}") from None
                time.sleep(0.2)
        yield served
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(5)


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes
    seconds: float


def http(url: str, *, data: bytes | None = None, headers: dict[str, str] | None = None,
         method: str | None = None, timeout: float = 30) -> Reply:
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            body = resp.read()
            return Reply(resp.status, dict(resp.headers), body, time.perf_counter() - start)
    except urllib.error.HTTPError as err:
        return Reply(err.code, dict(err.headers), err.read(), time.perf_counter() - start)


def run_cli(*args: str, cwd: Path | None = None, timeout: float = 120,
            env: dict[str, str] | None = None) -> tuple[int, str, float, float]:
    """``graphbuild ARGS``: (exit code, stderr, seconds, peak memory in MB of the process).
    The peak is the process's own VmHWM: ``ru_maxrss`` would carry the parent's peak over
    (a subprocess started by vfork inherits the high-water mark of pytest's memory at exec)."""
    code = ("import resource, runpy, sys\n"
            f"sys.argv = ['graphbuild', *{list(args)!r}]\n"
            "try:\n    runpy.run_module('graphbuild', run_name='__main__')\n"
            "finally:\n"
            "    peak = [ln.split()[1] for ln in open('/proc/self/status')\n"
            "            if ln.startswith('VmHWM:')][0]\n"
            "    print(f'PEAK-KB {peak}', file=sys.stderr)\n")
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=cwd or ROOT, timeout=timeout, env={**os.environ, **(env or {})})
    seconds = time.perf_counter() - start
    peak = 0.0
    lines = []
    for line in proc.stderr.splitlines():
        if line.startswith("PEAK-KB "):
            peak = int(line.split()[1]) / 1024
        else:
            lines.append(line)
    return proc.returncode, "\n".join(lines), seconds, peak


def raw_request(url: str, request: bytes, timeout: float = 10) -> tuple[str, float]:
    """Send raw bytes (a server may answer and close before all are sent) and return the
    answer's head and body as text, and the seconds it took."""
    host, port = url.split("//", 1)[1].strip("/").split(":")
    start = time.perf_counter()
    with socket.create_connection((host, int(port)), timeout=timeout) as sock:
        with suppress(OSError):
            sock.sendall(request)
        chunks = []
        try:
            while True:
                chunk = sock.recv(65536)
                if not chunk:
                    break
                chunks.append(chunk)
        except OSError:
            pass
    return b"".join(chunks).decode("latin-1"), time.perf_counter() - start
