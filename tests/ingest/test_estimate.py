"""The progress bar's total, estimated from sizes without reading inputs through."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

from graphbuild.ingest.estimate import estimate_articles

TEXT = "The council approved the budget on Monday, the mayor said."


def _line(n: int) -> bytes:
    return (json.dumps({"id": f"a{n}", "text": TEXT}) + "\n").encode()


def test_the_estimate_reads_no_compressed_file(tmp_path: Path) -> None:
    plain = tmp_path / "a.jsonl"
    plain.write_bytes(b"".join(_line(i) for i in range(50)))
    assert estimate_articles([plain]) == 50
    (tmp_path / "b.txt").write_text(TEXT)
    assert estimate_articles([plain, tmp_path / "b.txt"]) == 51
    packed = tmp_path / "c.jsonl.gz"
    packed.write_bytes(gzip.compress(_line(1)))
    assert estimate_articles([packed]) is None


def test_a_fifo_is_not_opened(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "x.jsonl")
    (tmp_path / "b.txt").write_text(TEXT)
    assert estimate_articles([tmp_path]) == 1
