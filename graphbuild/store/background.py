"""Store writes on one background thread, in order, so parsing does not wait for them.

A build parses article *n + 1* while article *n* is written. Oxigraph parses and indexes
N-Quads, and a remote store answers, without holding Python's GIL, so the two overlap. The
writer keeps every guarantee of a write in the caller's thread:

* one thread writes, in submission order, one article per atomic write, exactly as before;
* at most ``depth`` articles wait (memory stays flat; :meth:`BackgroundWriter.submit` blocks);
* a per-article failure (``recoverable``) is handed back as that article's outcome; any other
  exception (the store failed) stops the writer and is raised in the caller's thread at its
  next call, after which nothing more is written;
* :meth:`BackgroundWriter.close` waits for what was submitted; :meth:`BackgroundWriter.abort`
  (when the caller itself fails or is interrupted) lets the article being written finish
  (waiting for it a few seconds at most) and drops the rest, which the next build parses
  again.
"""

from __future__ import annotations

import contextlib
import logging
import queue
import threading
from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

T = TypeVar("T")

_STOP = object()
log = logging.getLogger("graphbuild.store")


class BackgroundWriter(Generic[T]):
    """Apply ``write`` to each submitted item on one thread, in order.

    Iterate :meth:`finished` (or :meth:`close`) for ``(item, error)`` pairs in submission
    order: ``error`` is ``None`` when written, or the ``recoverable`` exception ``write`` raised
    for that item.
    """

    def __init__(self, write: Callable[[T], None], *, depth: int = 8,
                 recoverable: tuple[type[BaseException], ...] = (),
                 name: str = "graphbuild-writer") -> None:
        self._write = write
        self._recoverable = recoverable
        self._todo: queue.Queue = queue.Queue(maxsize=max(1, depth))
        self._done: queue.Queue = queue.Queue()
        self._fatal: BaseException | None = None
        self._abort = threading.Event()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while True:
            item = self._todo.get()
            if item is _STOP or self._abort.is_set():
                return
            try:
                self._write(item)
            except self._recoverable as err:
                self._done.put((item, err))
            except BaseException as err:  # noqa: BLE001 - handed to the caller's thread
                self._fatal = err
                return
            else:
                self._done.put((item, None))

    def _check(self) -> None:
        if self._fatal is not None:
            raise self._fatal

    def _put(self, item: object) -> bool:
        """Queue ``item`` unless the writer has stopped (then False)."""
        while self._thread.is_alive():
            try:
                self._todo.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def submit(self, item: T) -> None:
        """Queue ``item`` (blocks while ``depth`` items wait); raises the writer's failure."""
        self._check()
        if not self._put(item):
            self._check()
            raise RuntimeError("the store writer has stopped")

    def finished(self) -> Iterator[tuple[T, BaseException | None]]:
        """The outcomes ready now (does not wait); raises the writer's failure."""
        while True:
            try:
                yield self._done.get_nowait()
            except queue.Empty:
                self._check()
                return

    def close(self) -> Iterator[tuple[T, BaseException | None]]:
        """Wait until everything submitted is written; yield the outcomes not yet taken."""
        self._put(_STOP)
        self._thread.join()
        yield from self.finished()

    def abort(self, timeout: float = 10.0) -> None:
        """Stop after the item being written; drop what still waits (no exception). Waits at
        most ``timeout`` seconds for that item (a remote store may be retrying for minutes):
        after that the write is left to finish or fail on its own, whole or not at all."""
        self._abort.set()
        while True:
            try:
                self._todo.get_nowait()
            except queue.Empty:
                break
        with contextlib.suppress(queue.Full):
            self._todo.put_nowait(_STOP)
        self._thread.join(timeout)
        if self._thread.is_alive():
            log.warning("the store writer is still writing one article; not waiting for it "
                        "(it is stored whole or not at all)")
