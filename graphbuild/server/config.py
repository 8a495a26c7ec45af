"""Settings of ``graphbuild serve``, checked once at start."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from pathlib import Path

from graphbuild.errors import ServerConfigError
from graphbuild.store.http import public_url
from graphbuild.store.location import is_remote

__all__ = ["ServerConfig", "ServerConfigError", "is_loopback"]


def is_loopback(host: str) -> bool:
    """True for ``localhost``, 127.0.0.0/8 and ::1."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class ServerConfig:
    """What to serve and how. ``timeout`` is per query, in seconds; ``max_rows`` caps the
    solutions (or triples) of one answer; ``workers`` query processes run in parallel
    (one when updates are allowed); ``memory_mb`` caps each worker's memory (0: no cap).
    ``store`` is a folder, or the URL of a remote SPARQL endpoint (kept as a string)."""

    store: Path | str
    host: str = "127.0.0.1"
    port: int = 8000
    timeout: float = 10.0
    max_rows: int = 10_000
    allow_update: bool = False
    token: str | None = field(default=None, repr=False)
    workers: int = 2
    memory_mb: int = 2048
    max_body: int = 1_000_000
    max_bytes: int = 64_000_000

    def __post_init__(self) -> None:
        if is_remote(str(self.store)):
            object.__setattr__(self, "store", str(self.store))
        else:
            object.__setattr__(self, "store", Path(self.store))
        if isinstance(self.store, Path) and not (self.store / "CURRENT").exists():
            raise ServerConfigError(f"{self.store}: no graphbuild store here (build one with: "
                                    "graphbuild build CORPUS --store DIR)")
        if self.timeout <= 0:
            raise ServerConfigError("--timeout must be a positive number of seconds")
        if self.max_rows < 1:
            raise ServerConfigError("--max-rows must be at least 1")
        if self.workers < 1:
            raise ServerConfigError("--workers must be at least 1")
        if not 0 <= self.port <= 65535:
            raise ServerConfigError(f"--port {self.port}: not a TCP port")
        if self.allow_update and not self.token:
            raise ServerConfigError("--allow-update needs --token T (or GRAPHBUILD_TOKEN): "
                                    "updates must carry 'Authorization: Bearer T'")
        if self.token is not None and len(self.token) < 8:
            raise ServerConfigError("--token must be at least 8 characters")

    @property
    def remote(self) -> bool:
        """True when the store is a remote SPARQL endpoint."""
        return isinstance(self.store, str)

    @property
    def store_label(self) -> str:
        """The store's name for pages and logs: its folder's name, or its URL (no password)."""
        return public_url(self.store) if isinstance(self.store, str) else self.store.name

    @property
    def loopback(self) -> bool:
        return is_loopback(self.host)
