"""iter_articles: folders, skipped inputs, warnings, id stability, the seed article."""

from __future__ import annotations

import gzip
import logging
import shutil
from pathlib import Path

import pytest

from graphbuild.errors import InputNotFoundError
from graphbuild.ingest import Skipped, iter_articles
from graphbuild.types import Article

FIXTURES = Path(__file__).parent / "fixtures"
SEED = Path(__file__).parents[2] / "seeds" / "sputnik-2020-09-03-facebook-twitter.txt"


def split(items):
    arts = [i for i in items if isinstance(i, Article)]
    errors = [i for i in items if isinstance(i, Skipped) and not i.warning]
    warnings = [i for i in items if isinstance(i, Skipped) and i.warning]
    return arts, errors, warnings


def test_folder_walk():
    arts, errors, warnings = split(list(iter_articles([FIXTURES])))
    paths = [a.path for a in arts]
    assert not any("hidden" in p or ".note" in p for p in paths)
    assert not any("table.csv" in s.path for s in errors)  # unsupported: silent in a folder
    assert {a.id for a in arts if a.path.endswith((".txt", ".md", ".html"))} == {
        "bulletin",
        "cp1252",
        "harbour",
        "page",
        "sub/market",
    }
    files = [p.split(":")[0] for p in paths]
    assert files == sorted(files)  # sorted walk
    by_file = {Path(s.path).name: s.problem for s in errors}
    assert by_file["empty.txt"] == "empty file"
    assert by_file["blank.md"] == "empty file"
    assert by_file["image.txt"] == "binary file (not text)"
    assert [Path(w.path).name for w in warnings] == ["cp1252.txt"]


def test_bad_files_skipped_good_ones_still_read():
    names = ["empty.txt", "harbour.txt", "image.txt", "table.csv", "bulletin.txt"]
    items = list(iter_articles([FIXTURES / n for n in names]))
    assert [type(i).__name__ for i in items] == [
        "Skipped",
        "Article",
        "Skipped",
        "Skipped",
        "Article",
    ]
    assert items[0] == Skipped(str(FIXTURES / "empty.txt"), "empty file")
    assert items[2] == Skipped(str(FIXTURES / "image.txt"), "binary file (not text)")
    assert items[3].path == str(FIXTURES / "table.csv")
    assert items[3].problem.startswith("unsupported file type")


def test_non_utf8_file_decoded_with_warning(caplog):
    with caplog.at_level(logging.WARNING, logger="graphbuild.ingest"):
        items = list(iter_articles([FIXTURES / "cp1252.txt"]))
    warning, article = items
    assert warning == Skipped(
        str(FIXTURES / "cp1252.txt"),
        "not valid UTF-8; decoded as windows-1252 by detection",
        warning=True,
    )
    assert article.title == "Café Owners Protest New Harbour Tax"
    assert "naïve" in article.text and "\u2013" in article.text and "\r" not in article.text
    assert any(
        "cp1252.txt" in r.getMessage() and "windows-1252" in r.getMessage() for r in caplog.records
    )


def test_missing_input_raises_before_reading():
    items = iter_articles([FIXTURES / "harbour.txt", FIXTURES / "nope.txt"])
    with pytest.raises(InputNotFoundError) as info:
        next(items)
    assert info.value.path == str(FIXTURES / "nope.txt")
    assert info.value.problem == "no such file or directory"


def test_ids_do_not_depend_on_input_order(tmp_path):
    for name in ("harbour.txt", "bulletin.txt", "wire.jsonl", "harbour.rss", "page.html"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    (tmp_path / "deep" / "er").mkdir(parents=True)
    shutil.copy(FIXTURES / "sub" / "market.md", tmp_path / "deep" / "er" / "market.md")
    files = sorted(str(p) for p in tmp_path.rglob("*") if p.is_file())

    def ids(inputs):
        return {a.path: a.id for a in iter_articles(inputs) if isinstance(a, Article)}

    in_folder = ids([tmp_path])
    assert in_folder[str(tmp_path / "deep" / "er" / "market.md")] == "deep/er/market"
    assert in_folder[str(tmp_path / "wire.jsonl") + ":6"] == "wire-6"
    assert in_folder == ids([tmp_path])
    named = ids(files)
    assert named == ids(list(reversed(files)))
    assert named[str(tmp_path / "deep" / "er" / "market.md")] == "market"
    assert {k: v for k, v in named.items() if "market" not in k} == {
        k: v for k, v in in_folder.items() if "market" not in k
    }


def test_file_read_once(tmp_path):
    shutil.copy(FIXTURES / "harbour.txt", tmp_path / "a.txt")
    items = list(iter_articles([tmp_path, tmp_path / "a.txt"]))
    assert len(items) == 1


def test_broken_gzip(tmp_path):
    (tmp_path / "bad.jsonl.gz").write_bytes(b"not gzip at all")
    good = tmp_path / "good.jsonl.gz"
    good.write_bytes(gzip.compress(b'{"text": "Fine."}\n'))
    items = list(iter_articles([tmp_path]))
    assert items[0].path == str(tmp_path / "bad.jsonl.gz")
    assert items[0].problem.startswith("not a valid gzip file")
    assert items[1].text == "Fine." and items[1].id == "good-1"


def test_seed_article():
    [article] = list(iter_articles([SEED]))
    assert article.id == "sputnik-2020-09-03-facebook-twitter"
    assert article.title == (
        "Moscow Urges Facebook, Twitter to Reconsider Policy of Blocking Russian Accounts"
    )
    assert article.text.startswith("MOSCOW, September 3-")
    assert SEED.read_text(encoding="utf-8").endswith(article.text)
