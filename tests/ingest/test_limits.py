"""Readers with limits: regular files only, long lines skipped, decompression capped."""

from __future__ import annotations

import gzip
import io
import json
import os
import time
from pathlib import Path

import pytest

from graphbuild.errors import InputNotRegularError, InputTooLargeError
from graphbuild.ingest import iter_articles
from graphbuild.ingest.limits import iter_lines, open_regular, read_capped
from graphbuild.ingest.skipped import Skipped
from graphbuild.types import Article

TEXT = ("The city council in Leeds approved a new budget on Monday. Mayor John Smith said "
        "the plan would fund schools and roads for the next five years.")


def _line(n: int) -> bytes:
    return (json.dumps({"id": f"a{n}", "title": f"Story {n}", "text": TEXT}) + "\n").encode()


def _lines(data: bytes, **caps: int) -> list[tuple[int, bytes | None, str | None]]:
    return [(x.number, x.data, x.problem) for x in iter_lines(io.BytesIO(data), "f", **caps)]


def test_lines_are_numbered_and_blank_runs_skipped() -> None:
    got = _lines(b"a\n\n\n  \nb\r\nc")
    assert [(n, d) for n, d, _ in got] == [(1, b"a"), (5, b"b\r"), (6, b"c")]


def test_a_too_long_line_is_skipped_and_the_next_kept() -> None:
    data = b"good\n" + b"x" * 5000 + b"\nafter\n"
    got = _lines(data, max_line=1000)
    assert got[0][:2] == (1, b"good")
    assert got[1][0] == 2 and got[1][1] is None and "longer than" in (got[1][2] or "")
    assert got[2][:2] == (3, b"after")


def test_a_too_long_last_line_is_reported() -> None:
    got = _lines(b"ok\n" + b"y" * 3000, max_line=1000)
    assert got[-1][1] is None and got[-1][0] == 2


def test_decompression_stops_at_the_cap_keeping_what_came_before() -> None:
    got = _lines(b"first\n" + b"0" * 10_000 + b"\nlast\n", max_total=4000)
    assert got[0][:2] == (1, b"first")
    assert got[-1][1] is None and "GB161" in (got[-1][2] or "")
    assert all(d != b"last" for _, d, _ in got)


def test_gzip_bomb_keeps_the_good_lines_and_ends_fast(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """A line of zeros that expands past the cap: the article before it is read, the bomb
    reported by name, in bounded time (the cap is lowered so the test stays quick)."""
    import graphbuild.ingest.jsonl as jsonl
    import graphbuild.ingest.limits as limits

    monkeypatch.setattr(limits, "MAX_DECOMPRESSED_BYTES", 64 << 20)
    monkeypatch.setattr(limits, "MAX_LINE_BYTES", 1 << 20)
    monkeypatch.setattr(jsonl, "MAX_DECOMPRESSED_BYTES", 64 << 20)
    path = tmp_path / "bomb.jsonl.gz"
    with gzip.open(path, "wb", compresslevel=9) as out:
        out.write(_line(1))
        for _ in range(200):
            out.write(b"0" * (1 << 20))
        out.write(b"\n" + _line(2))
    start = time.perf_counter()
    items = list(iter_articles([path]))
    assert time.perf_counter() - start < 10
    assert [a.id for a in items if isinstance(a, Article)] == ["a1"]
    problems = [s for s in items if isinstance(s, Skipped)]
    assert len(problems) == 1 and "GB161" in problems[0].problem
    assert problems[0].path.startswith(str(path))


def test_a_high_compression_ratio_stops_early(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past the floor, output over MAX_RATIO times the compressed input is a bomb; ordinary
    text (ratio well under it) is read to the end."""
    import graphbuild.ingest.limits as limits

    monkeypatch.setattr(limits, "RATIO_FLOOR", 1 << 20)
    monkeypatch.setattr(limits, "_CHUNK", 1 << 18)
    bomb = gzip.compress(b"a\n" + b"\n" * (8 << 20) + b"b\n")
    raw = io.BytesIO(bomb)
    got = [(x.data, x.problem) for x in iter_lines(gzip.GzipFile(fileobj=raw), "f", raw=raw)]
    assert got[0] == (b"a", None) and got[-1][0] is None and "times its compressed" in got[-1][1]
    text = b"".join(os.urandom(40).hex().encode() + b"\n" for _ in range(40_000))
    raw = io.BytesIO(gzip.compress(text))
    got = list(iter_lines(gzip.GzipFile(fileobj=raw), "f", raw=raw))
    assert len(got) == 40_000 and all(x.data is not None for x in got)


def test_a_long_line_in_jsonl_is_skipped_by_name(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import graphbuild.ingest.limits as limits

    monkeypatch.setattr(limits, "MAX_LINE_BYTES", 4096)
    path = tmp_path / "wire.jsonl"
    path.write_bytes(_line(1) + b'{"text": "' + b"z" * 10_000 + b'"}\n' + _line(3))
    items = list(iter_articles([path]))
    assert [a.id for a in items if isinstance(a, Article)] == ["a1", "a3"]
    skipped = [s for s in items if isinstance(s, Skipped)]
    assert [s.path for s in skipped] == [f"{path}:line 2"]


@pytest.mark.parametrize("make", ["fifo", "device", "link"])
def test_only_regular_files_are_read(tmp_path: Path, make: str) -> None:
    path = tmp_path / "x.txt"
    if make == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero" if make == "link" else "/dev/null")
    start = time.perf_counter()
    with pytest.raises(InputNotRegularError, match="GB160"):
        open_regular(str(path))
    items = list(iter_articles([path]))
    assert time.perf_counter() - start < 5  # a FIFO does not hang the reader
    assert len(items) == 1 and isinstance(items[0], Skipped) and "GB160" in items[0].problem


def test_a_file_over_the_size_cap_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * 5000)
    with pytest.raises(InputTooLargeError):
        read_capped(str(path), limit=1000)
    assert read_capped(str(path), limit=5000) == b"a" * 5000
