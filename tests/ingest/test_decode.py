"""Bytes to text: UTF-8, BOMs, detection with a warning, binary and empty inputs."""

from __future__ import annotations

import codecs
import logging
from pathlib import Path

import pytest

from graphbuild.errors import InputError
from graphbuild.ingest.decode import decode_bytes

FIXTURES = Path(__file__).parent / "fixtures"


def test_utf8_with_bom_and_crlf():
    decoded = decode_bytes(codecs.BOM_UTF8 + "Caf\u00e9\r\nline\rend".encode(), "a.txt")
    assert decoded.text == "Caf\u00e9\nline\nend"
    assert decoded.encoding == "utf-8"
    assert decoded.warnings == ()


def test_cp1252_detected_with_warning(caplog):
    data = (FIXTURES / "cp1252.txt").read_bytes()
    with caplog.at_level(logging.WARNING, logger="graphbuild.ingest"):
        decoded = decode_bytes(data, "cp1252.txt")
    assert "café" in decoded.text and "naïve" in decoded.text and "\u2013" in decoded.text
    assert "€2,000" in decoded.text and "\r" not in decoded.text
    assert decoded.encoding == "windows-1252"
    assert decoded.warnings == ("not valid UTF-8; decoded as windows-1252 by detection",)
    [record] = [r for r in caplog.records if r.name == "graphbuild.ingest"]
    assert record.levelno == logging.WARNING
    assert "cp1252.txt" in record.getMessage() and "windows-1252" in record.getMessage()


def test_short_cp1252_phrase():
    decoded = decode_bytes("The café – naïve plan\n".encode("cp1252"), "short.txt")
    assert decoded.text == "The café – naïve plan\n"


def test_utf16_with_bom():
    decoded = decode_bytes("\ufeffStorm warning issued\n".encode("utf-16"), "u16.txt")
    assert decoded.text == "Storm warning issued\n"
    assert "utf-16" in decoded.warnings[0]


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "empty file"),
        (b" \n\t\r\n", "empty file"),
        (codecs.BOM_UTF8 + b"\n", "empty file"),
        (b"GIF89a\x00\x01\x02", "binary file (not text)"),
        (bytes(range(1, 9)) * 20 + b"some text", "binary file (not text)"),
    ],
)
def test_unreadable(data, problem):
    with pytest.raises(InputError) as info:
        decode_bytes(data, "bad.txt")
    assert (info.value.path, info.value.problem) == ("bad.txt", problem)


def test_stray_control_removed_with_warning(caplog):
    with caplog.at_level(logging.WARNING, logger="graphbuild.ingest"):
        decoded = decode_bytes(b"A long enough line of text with one bell\x07 in it.", "b.txt")
    assert decoded.text == "A long enough line of text with one bell in it."
    assert decoded.warnings == ("removed 1 control or surrogate character",)
    assert "b.txt" in caplog.text
