"""Article ids and hashes."""

from __future__ import annotations

import hashlib
import os

from graphbuild.ingest.ids import content_hash, file_id, record_id, text_id


def test_text_id_and_hash():
    digest = hashlib.sha256(b"abc").hexdigest()
    assert content_hash("abc") == digest
    assert text_id("abc") == "text-" + digest[:16]


def test_file_id():
    assert file_id("news/a.txt") == "a"
    assert file_id(os.path.join("news", "sub", "b.md"), "news") == "sub/b"
    assert file_id(os.path.join("in", "wire.jsonl.gz"), "in") == "wire"
    assert file_id("archive.2024.txt") == "archive.2024"
    assert file_id("README") == "README"


def test_record_id():
    assert record_id("x1", "https://u", "f", 3) == "x1"
    assert record_id(7, None, "f", 3) == "7"
    assert record_id(" ", "https://u", "f", 3) == "https://u"
    assert record_id(None, None, "f", 3) == "f-3"
    assert record_id(True, None, "f", 3) == "f-3"
