"""What the benchmark scripts share: the BBC corpus's path and a JSONL subset of it."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "data" / "bbc_news" / "bbc_news_2225.jsonl.gz"


def write_subset(corpus: Path, limit: int | None, path: Path) -> tuple[int, int]:
    """The first ``limit`` articles as JSONL (id, title, text); (articles, words)."""
    n = words = 0
    with gzip.open(corpus, "rt", encoding="utf-8") as src, path.open("w", encoding="utf-8") as dst:
        for line in src:
            if limit is not None and n >= limit:
                break
            row = json.loads(line)
            dst.write(json.dumps({k: row[k] for k in ("id", "title", "text") if k in row}) + "\n")
            n += 1
            words += len(row["text"].split())
    return n, words
