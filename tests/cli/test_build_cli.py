"""``graphbuild build`` end to end, as a user runs it: real files, a real subprocess."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from rdflib import Graph

from tests.conftest import SEED


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "graphbuild", *args], capture_output=True,
                          text=True, cwd=cwd, timeout=300)


def test_build_seed_writes_turtle_trig_and_html(tmp_path):
    done = run("build", str(SEED.parent), "--out", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    out = tmp_path / "out"
    g = Graph().parse(out / "graph.ttl")
    assert len(g) > 300
    html = (out / "graph.html").read_text(encoding="utf-8")
    assert "Maria Zakharova" in html
    assert "<script src=" not in html and "<link href=" not in html
    assert not [p for p in out.iterdir() if p.name.startswith(".")], "temporary files left"


def test_bad_files_are_named_skipped_and_reported_by_exit_code(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED, corpus / "good.txt")
    (corpus / "empty.txt").write_text("")
    (corpus / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (corpus / "latin1.txt").write_bytes(
        "Caf\xe9 owners in Lyon\n\nThe mayor of Lyon, Jean Dupont, said the caf\xe9 "
        "tax would rise.\n".encode("latin-1"))
    done = run("build", str(corpus), "--out", str(tmp_path / "out"), "--no-html")
    assert done.returncode == 1, done.stderr
    err = done.stderr
    assert err.count("empty.txt") == 1 and err.count("binary.txt") == 1
    assert "latin1.txt" in err  # decoded by detection, with a warning
    g = Graph().parse(tmp_path / "out" / "graph.ttl")
    headlines = {str(o) for o in g.objects(None, None) if "Facebook, Twitter" in str(o)
                 or "Lyon" in str(o)}
    assert any("Facebook" in h for h in headlines) and any("Lyon" in h for h in headlines)


def test_missing_input_is_one_line_error_and_nothing_is_overwritten(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.ttl").write_text("# previous graph\n")
    done = run("build", str(tmp_path / "nope"), "--out", str(out))
    assert done.returncode == 2
    lines = [ln for ln in done.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "nope" in lines[0] and lines[0].startswith("error:")
    assert (out / "graph.ttl").read_text() == "# previous graph\n"


def test_only_bad_inputs_write_nothing(tmp_path):
    (tmp_path / "empty.txt").write_text("  \n")
    out = tmp_path / "out"
    done = run("build", str(tmp_path / "empty.txt"), "--out", str(out))
    assert done.returncode == 2
    assert "empty.txt" in done.stderr
    assert not (out / "graph.ttl").exists()
