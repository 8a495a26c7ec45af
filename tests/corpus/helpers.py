"""Helpers for the whole-corpus tests: BBC subsets written to temporary JSONL files (read
from ../shared at test time, never copied into the repository), the CLI run as a real
subprocess, and a store's content as a set of N-Quads lines."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

import pyoxigraph as ox
import pytest

from tests.conftest import BBC

ROOT = Path(__file__).resolve().parents[2]


def bbc_rows(n: int, start: int = 0) -> list[dict]:
    """The BBC articles ``start`` to ``start + n`` (in file order)."""
    if not BBC.exists():
        pytest.skip(f"BBC corpus not found at {BBC} (../shared/data is read at test time)")
    rows = []
    with gzip.open(BBC, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i >= start + n:
                break
            if i >= start:
                rows.append(json.loads(line))
    return rows


def write_jsonl(path: Path, rows: Iterable[dict]) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps({k: row[k] for k in ("id", "title", "text") if k in row}) + "\n")
    return path


def cli(*args: str, env: dict[str, str] | None = None, timeout: float = 300,
        cwd: Path | None = None) -> subprocess.CompletedProcess:
    """``python -m graphbuild ARGS`` in a subprocess, output captured as text."""
    return subprocess.run([sys.executable, "-m", "graphbuild", *args], capture_output=True,
                          text=True, timeout=timeout, env=_env(env), cwd=cwd)


def start_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "graphbuild", *args], text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env(env))


def _env(extra: dict[str, str] | None) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (*(extra or {}).get("PYTHONPATH", "").split(os.pathsep), str(ROOT)) if p)
    env.update({k: v for k, v in (extra or {}).items() if k != "PYTHONPATH"})
    return env


def store_quads(path: Path) -> set[str]:
    """Every quad of the store at ``path`` as an N-Quads line (read-only open)."""
    store = ox.Store.read_only(str(path))
    try:
        return {f"{q.subject} {q.predicate} {q.object} {q.graph_name} ."
                for q in store.quads_for_pattern(None, None, None, None)}
    finally:
        del store


def by_graph(quads: Iterable[str]) -> dict[str, set[str]]:
    """N-Quads lines grouped by their graph IRI (the last term)."""
    out: dict[str, set[str]] = defaultdict(set)
    for q in quads:
        out[q.rsplit(" ", 2)[1]].add(q)
    return out


def article_count(path: Path) -> int | None:
    """Article graphs in a store being written (read-only open; None when it cannot be read
    at this moment)."""
    try:
        store = ox.Store.read_only(str(path))
    except (OSError, RuntimeError):  # not created yet, or still being created
        return None
    try:
        return sum(1 for g in store.named_graphs()
                   if isinstance(g, ox.NamedNode) and "/graph/article/" in g.value)
    except (OSError, RuntimeError):
        return None
    finally:
        del store


def wait_for(predicate, timeout: float, every: float = 0.2) -> bool:  # noqa: ANN001
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(every)
    return False


def warning_lines(stderr: str, names: Sequence[str]) -> dict[str, list[str]]:
    """For each name, the stderr lines that mention it."""
    lines = stderr.splitlines()
    return {name: [ln for ln in lines if name in ln] for name in names}
