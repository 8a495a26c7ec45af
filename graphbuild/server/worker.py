"""Query workers: separate processes that run queries and are killed on timeout.

A pyoxigraph query cannot be interrupted from another thread, so every query runs in a
worker process; when it is not done in time the server kills the process (SIGKILL),
answers 504, and starts a fresh worker in the background. A worker that dies (e.g. out of
memory) is replaced the same way.

Read-only servers run ``size`` workers, each with the store opened read-only (any number of
readers may share a store with one writer). A server that accepts updates runs one worker
that opens the store read-write, so it holds the store's write lock: a ``graphbuild build``
cannot write the same store while such a server runs, and vice versa.

Each worker drops its network access at start (a new, empty network namespace, where the
kernel allows unprivileged user namespaces), so even a query that slipped past
:mod:`graphbuild.server.safety` could not fetch anything (not over a remote store, whose
workers need the network to reach it; the remote endpoint answers, and the safety check
still refuses SERVICE and LOAD); caps its own memory
(``RLIMIT_DATA``) when ``memory_mb`` is set; and asks the kernel to kill it when the server
dies, so a worker stuck in a query never outlives a server killed with SIGKILL.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import queue
import resource
import signal
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

__all__ = ["WorkerPool", "WorkerBusy", "WorkerTimeout", "WorkerDied", "JobFailed"]

log = logging.getLogger("graphbuild.server")

_CLONE_NEWUSER = 0x10000000
_CLONE_NEWNET = 0x40000000
_PR_SET_PDEATHSIG = 1


class WorkerBusy(Exception):
    """No worker became free in time."""


class WorkerTimeout(Exception):
    """The job ran past its time limit; its worker was killed."""


class WorkerDied(Exception):
    """The worker process exited while running the job."""


class JobFailed(Exception):
    """The job raised: ``kind`` is its exception class name, ``message`` its text."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(f"{kind}: {message}")
        self.kind = kind
        self.message = message


def _isolate(memory_mb: int, parent: int, network: bool = False) -> str:
    """Drop network access (unless ``network``), cap memory, and die with the server (even
    one killed with SIGKILL, even in the middle of a query); say what was done."""
    done = []
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if not network and libc.unshare(_CLONE_NEWUSER | _CLONE_NEWNET) == 0:
            done.append("no network")
        # after unshare, which resets it: SIGKILL when the spawning thread's process dies
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the server died before prctl took effect
        os._exit(1)
    if memory_mb > 0:
        limit = memory_mb * 1024 * 1024
        try:
            resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))
            done.append(f"memory {memory_mb} MB")
        except (ValueError, OSError):
            pass
    return ", ".join(done) or "no isolation available"


def worker_main(conn: Connection, store: str, read_only: bool, memory_mb: int,
                parent: int, nice: int = 0) -> None:
    """Worker process: open the store, then run jobs from ``conn`` until it closes."""
    from graphbuild.store.location import is_remote

    # first, while the process has a single thread
    isolation = _isolate(memory_mb, parent, network=is_remote(store))
    if nice:  # a lower CPU priority than the server and its cheap-query worker
        with contextlib.suppress(OSError):
            os.nice(nice)
    from graphbuild.server.jobs import JOBS, StoreHandle

    try:
        handle = StoreHandle(store, read_only)
    except Exception as err:  # noqa: BLE001 - reported to the parent
        conn.send(("failed", f"{type(err).__name__}: {err}"))
        return
    import rdflib.plugins.sparql.parser  # noqa: F401 - the guard's parser, built once now
    conn.send(("ready", isolation))
    while True:
        try:
            name, kwargs = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        try:
            reply: tuple = ("ok", JOBS[name](handle, **kwargs))
        except OSError as err:
            reply = ("error", "OSError", str(err))
            if handle.read_only:  # store files compacted away under a reader: reopen, retry
                try:
                    handle.open()
                    reply = ("ok", JOBS[name](handle, **kwargs))
                except Exception as err2:  # noqa: BLE001
                    reply = ("error", type(err2).__name__, str(err2) or str(err))
        except Exception as err:  # noqa: BLE001 - every failure goes back to the server
            reply = ("error", type(err).__name__, str(err))
        conn.send(reply)


class _Worker:
    def __init__(self, proc: subprocess.Popen, conn: Connection) -> None:
        self.proc = proc
        self.conn = conn

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:  # pragma: no cover - a kill that did not take
            log.error("query worker %s did not exit after SIGKILL", self.proc.pid)
        self.conn.close()


class WorkerPool:
    """``size`` worker processes over the store at ``store``; :meth:`run` a job on one."""

    def __init__(self, store: str | Path, *, size: int = 2, read_only: bool = True,
                 memory_mb: int = 0, start_timeout: float = 60.0,
                 max_waiting: int | None = None, nice: int = 0) -> None:
        self.store = str(store)
        self.nice = nice
        self.max_waiting = max_waiting  # callers queued for a worker beyond it: busy at once
        self._waiting = 0
        self.read_only = read_only
        self.size = size if read_only else 1
        self.memory_mb = memory_mb
        self.start_timeout = start_timeout
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._closed = False
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        # workers are started from one long-lived thread: the kernel's parent-death signal
        # (see _isolate) fires when the thread that started a process ends
        self._spawner = ThreadPoolExecutor(1, thread_name_prefix="graphbuild-spawner")
        self.isolation = ""
        for _ in range(self.size):
            self._idle.put(self._start())

    def _spawn(self) -> _Worker:
        ours, theirs = socket.socketpair()
        with theirs:
            proc = subprocess.Popen(
                [sys.executable, "-m", "graphbuild.server.worker", str(theirs.fileno()),
                 self.store, "ro" if self.read_only else "rw", str(self.memory_mb),
                 str(os.getpid()), str(self.nice)],
                pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL)
        return _Worker(proc, Connection(ours.detach()))

    def _start(self) -> _Worker:
        """A new worker (``python -m graphbuild.server.worker``, talking over a socket
        pair), once it has opened the store."""
        worker = self._spawner.submit(self._spawn).result()
        with self._lock:
            self._all.add(worker)
        try:
            if not worker.conn.poll(self.start_timeout):
                raise RuntimeError(f"did not start within {self.start_timeout:g} s")
            status, detail = worker.conn.recv()
            if status != "ready":
                raise RuntimeError(f"cannot open the store: {detail}")
        except (EOFError, OSError, RuntimeError) as err:
            self._discard(worker)
            raise RuntimeError(f"query worker failed: {err or 'exited'}") from err
        self.isolation = detail
        log.debug("query worker %s ready (%s)", worker.proc.pid, detail)
        return worker

    def _discard(self, worker: _Worker) -> None:
        worker.kill()
        with self._lock:
            self._all.discard(worker)

    def _replace(self, worker: _Worker) -> None:
        """Kill ``worker`` and start another in the background."""
        self._discard(worker)

        def restart() -> None:
            for attempt in range(3):
                if self._closed:
                    return
                try:
                    self._idle.put(self._start())
                    return
                except Exception as err:  # noqa: BLE001 - logged, retried
                    log.error("cannot restart query worker (attempt %d): %s", attempt + 1, err)
                    time.sleep(1)

        threading.Thread(target=restart, name="graphbuild-worker-restart", daemon=True).start()

    def run(self, job: str, kwargs: dict[str, Any], timeout: float) -> Any:
        """Run ``job`` on a free worker within ``timeout`` seconds (waiting for a free
        worker also counts against at most ``timeout``; with ``max_waiting`` callers
        already waiting, :class:`WorkerBusy` at once: a small queue, not a pile-up)."""
        with self._lock:
            if self.max_waiting is not None and self._idle.empty() \
                    and self._waiting >= self.max_waiting:
                raise WorkerBusy(f"all {self.size} query workers are busy and "
                                 f"{self._waiting} queries are waiting")
            self._waiting += 1
        try:
            worker = self._idle.get(timeout=timeout)
        except queue.Empty:
            raise WorkerBusy(f"all {self.size} query workers are busy") from None
        finally:
            with self._lock:
                self._waiting -= 1
        healthy = False
        try:
            worker.conn.send((job, kwargs))
            if not worker.conn.poll(timeout):
                log.warning("query timed out after %g s; killing worker %s", timeout,
                            worker.proc.pid)
                raise WorkerTimeout(f"query took longer than {timeout:g} s")
            reply = worker.conn.recv()
            healthy = True
        except (EOFError, OSError, BrokenPipeError) as err:
            log.error("query worker %s died: %s", worker.proc.pid, err)
            raise WorkerDied("query worker stopped unexpectedly (out of memory?)") from err
        finally:
            if healthy:
                self._idle.put(worker)
            else:
                self._replace(worker)
        if reply[0] == "error":
            raise JobFailed(reply[1], reply[2])
        return reply[1]

    def close(self) -> None:
        """Kill every worker (busy ones too)."""
        self._closed = True
        with self._lock:
            workers, self._all = list(self._all), set()
        for worker in workers:
            worker.kill()
        self._spawner.shutdown(wait=False)


def _main(argv: list[str]) -> None:
    """Entry point of a worker process: ``FD STORE ro|rw MEMORY_MB SERVER_PID NICE``."""
    fd, store, mode, memory_mb, parent, nice = argv
    worker_main(Connection(int(fd)), store, mode == "ro", int(memory_mb), int(parent),
                int(nice))


if __name__ == "__main__":
    _main(sys.argv[1:])
