"""``graphbuild view`` from the command line."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from graphbuild.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
SMALL = str(FIXTURES / "small.ttl")


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    try:
        main(["view", *argv])
        code = 0
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    captured = capsys.readouterr()
    return code, captured.err + captured.out


def labels(page: Path) -> set[str]:
    """Labels of the nodes the page draws (hidden concepts and neighbours left out)."""
    match = re.search(r"var DATA = (\{.*?\});\n", page.read_text(encoding="utf-8"))
    assert match
    return {n["label"] for n in json.loads(match.group(1))["nodes"] if not n["hidden"]}


def test_writes_one_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "v.html"
    code, text = run([SMALL, "--out", str(out)], capsys)
    assert code == 0, text
    assert "showing 7 of 7 entities" in text and f"-> {out}" in text
    page = out.read_text(encoding="utf-8")
    assert "showing 7 of 7 entities" in page  # the page says what it shows
    assert "graphbuild: small.ttl" in page
    assert not re.search(r"<(script|link|img|iframe)\b[^>]*\b(src|href)\s*=", page, re.I)


def test_selection_options(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "v.html"
    assert run([SMALL, "--out", str(out), "--focus", "Zakharova", "--hops", "1"], capsys)[0] == 0
    assert labels(out) == {"Maria Zakharova", "Russian Foreign Ministry"}
    assert run([SMALL, "-o", str(out), "--types", "person, Country"], capsys)[0] == 0
    assert labels(out) == {"Maria Zakharova", "United States"}
    assert run([SMALL, "-o", str(out), "--since", "2021", "--min-mentions", "1"], capsys)[0] == 0
    assert labels(out) == {"Russian Foreign Ministry", "Facebook", "Twitter"}
    assert run([SMALL, "-o", str(out), "--top", "2", "--rank", "degree"], capsys)[0] == 0
    assert len(labels(out)) == 2
    query = tmp_path / "q.rq"
    query.write_text("CONSTRUCT { ?s rel:urge ?o } WHERE { ?s rel:urge ?o }", encoding="utf-8")
    assert run([SMALL, "-o", str(out), "--query", str(query)], capsys)[0] == 0
    assert labels(out) == {"Russian Foreign Ministry", "Facebook"}


def test_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = str(tmp_path / "v.html")
    code, text = run([SMALL, "-o", out, "--focus", "Zakarova"], capsys)
    assert code == 2 and "no entity called 'Zakarova'" in text and "'Zakharova'" in text
    code, text = run([SMALL, "-o", out, "--types", "Organisation"], capsys)
    assert code == 2 and "did you mean Organization" in text
    code, text = run(["-o", out], capsys)
    assert code == 2 and "exactly one of GRAPH" in text
    code, text = run([SMALL, "-o", out, "--since", "last year"], capsys)
    assert code == 2 and "YYYY" in text
    query = tmp_path / "q.rq"
    query.write_text("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", encoding="utf-8")
    code, text = run([SMALL, "-o", out, "--query", str(query), "--focus", "x"], capsys)
    assert code == 2 and "does not combine" in text
    code, text = run(["--store", str(tmp_path / "nothing"), "-o", out], capsys)
    assert code == 2 and "no graphbuild store here" in text
    assert not Path(out).exists()


def test_default_limit_message_on_the_page(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    from graphbuild.view.synthetic import write_synthetic

    ttl = write_synthetic(tmp_path / "s.ttl", 400, 600)
    out = tmp_path / "s.html"
    code, text = run([str(ttl), "--out", str(out)], capsys)
    assert code == 0, text
    assert len(labels(out)) == 300
    note = "showing 300 of 400 entities; the most central by PageRank (100 left out"
    assert note in text and note in out.read_text(encoding="utf-8")
    assert run([str(ttl), "--out", str(out), "--all"], capsys)[0] == 0
    assert len(labels(out)) == 400


def test_hostile_labels_through_the_cli(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "evil.html"
    code, text = run([str(FIXTURES / "malicious.ttl"), "--out", str(out),
                      "--focus", '"><img src=x onerror=alert(1)>', "--hops", "1"], capsys)
    assert code == 0, text
    page = out.read_text(encoding="utf-8")
    assert "<img" not in page.lower() and "<script>alert" not in page
    assert labels(out) == {'"><img src=x onerror=alert(1)>',
                           "</script><script>alert(1)</script>"}
