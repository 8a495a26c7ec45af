"""The file attacks of issue 15 replayed through the real CLI and readers: bombs end fast
in bounded memory keeping the good articles, nothing is fetched, non-regular files and
hostile text are one-line coded errors, never tracebacks."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.security.conftest import make_store
from tests.security.helpers import TOKEN, Listener, run_cli

TEXT = ("The city council in Leeds approved a new budget on Monday. Mayor John Smith said the "
        "plan would fund schools and roads for the next five years.")
LAUGHS = ('<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
          + "".join(f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 2 else "") + ";") * 10}">\n'
                    for i in range(2, 10))
          + ']>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
          'xmlns:ex="http://e.org/">\n <rdf:Description rdf:about="http://e.org/a">'
          "<ex:p>&lol9;</ex:p></rdf:Description>\n</rdf:RDF>\n")
ALL = "SELECT * WHERE { ?s ?p ?o }"


def _line(n: int) -> bytes:
    return (json.dumps({"id": f"good{n}", "title": f"Story {n}", "text": TEXT}) + "\n").encode()


def _one_line_error(err: str, code: str) -> None:
    lines = [x for x in err.splitlines() if x.strip()]
    assert "Traceback" not in err, err
    assert any(code in x for x in lines), err


def test_billion_laughs(tmp_path: Path) -> None:
    """Issue 15: 407 s and 9.2 GB."""
    (tmp_path / "laughs.rdf").write_text(LAUGHS)
    code, err, seconds, peak = run_cli("query", str(tmp_path / "laughs.rdf"), ALL)
    print(f"FIGURE billion laughs: {seconds:.2f} s, peak {peak:.0f} MB, exit {code}")
    assert code == 2 and seconds < 10 and peak < 500
    _one_line_error(err, "GB470")


def _gzip_bomb(path: Path, body: bytes, megabytes: int) -> None:
    with gzip.open(path, "wb", compresslevel=9) as out:
        out.write(_line(1))
        piece = body * (1 << 20)
        for _ in range(megabytes):
            out.write(piece)
        out.write(b"\n" + _line(2))


@pytest.mark.parametrize(("body", "megabytes"), [(b"0", 700), (b"\n", 500)])
def test_gzip_bombs_in_the_reader(tmp_path: Path, body: bytes, megabytes: int) -> None:
    """A 700 MB line of zeros and 500 MB of newlines (each over 1,000 times its compressed
    size): the reader stops at 64 MB, in seconds and bounded memory, keeping the article
    before the bomb and naming the bomb."""
    path = tmp_path / "bomb.jsonl.gz"
    _gzip_bomb(path, body, megabytes)
    code = ("import resource, sys, time\n"
            "from graphbuild.ingest import iter_articles\n"
            "from graphbuild.types import Article\n"
            "t = time.perf_counter()\n"
            f"items = list(iter_articles([{str(path)!r}]))\n"
            "print([a.id for a in items if isinstance(a, Article)])\n"
            "print([str(a) for a in items if not isinstance(a, Article)])\n"
            "hwm = [ln.split()[1] for ln in open('/proc/self/status') if ln.startswith('VmHWM:')]\n"
            "print(time.perf_counter() - t, hwm[0])\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=120, cwd=Path(__file__).resolve().parents[2])
    ids, skipped, figures = out.stdout.splitlines()
    seconds, peak_kb = figures.split()
    print(f"FIGURE gzip bomb {body!r} x {megabytes} MB ({path.stat().st_size} bytes): "
          f"{float(seconds):.2f} s, peak {int(peak_kb) / 1024:.0f} MB, kept {ids}")
    assert float(seconds) < 10 and int(peak_kb) / 1024 < 500
    assert "good1" in ids and "GB161" in skipped and "bomb.jsonl.gz:line" in skipped


@pytest.mark.slow
def test_gzip_bomb_through_build(tmp_path: Path) -> None:
    """The issue's case through ``graphbuild build``: the good article before the bomb is
    stored, the bomb reported in one line, no pre-count pass over the input."""
    path = tmp_path / "zeros.jsonl.gz"
    _gzip_bomb(path, b"0", 700)
    code, err, seconds, peak = run_cli("build", str(path), "--store", str(tmp_path / "st"))
    print(f"FIGURE build of a gzip bomb: {seconds:.2f} s, peak {peak:.0f} MB, exit {code}")
    assert seconds < 20 and peak < 500  # spaCy's start-up is part of it
    assert "GB161" in err and "Traceback" not in err
    assert "1 added" in err


@pytest.mark.parametrize("make", ["device", "fifo"])
def test_devices_and_fifos(tmp_path: Path, make: str) -> None:
    for name in ("z.txt", "z.ttl"):
        path = tmp_path / name
        if make == "fifo":
            os.mkfifo(path)
        else:
            path.symlink_to("/dev/zero")
    code, err, seconds, _ = run_cli("build", str(tmp_path / "z.txt"), "--out",
                                    str(tmp_path / "out"), "--no-html", timeout=60)
    assert seconds < 30 and "GB160" in err and "Traceback" not in err
    code, err, seconds, peak = run_cli("query", str(tmp_path / "z.ttl"), ALL, timeout=60)
    assert code == 2 and seconds < 10 and peak < 500
    _one_line_error(err, "GB471")


@pytest.mark.parametrize("context", ["{url}", "file:///etc/hostname", ["{url}"],
                                     {"@import": "{url}"}])
def test_jsonld_contexts_are_never_fetched(tmp_path: Path, listener: Listener,
                                           context: object) -> None:
    doc = json.dumps({"@context": context, "@id": "http://e.org/a", "b": "c"})
    (tmp_path / "doc.jsonld").write_text(doc.replace("{url}", listener.url))
    for args in (("query", str(tmp_path / "doc.jsonld"), ALL),
                 ("export", str(tmp_path / "doc.jsonld"), "--format", "nt", "--out",
                  str(tmp_path / "out.nt"))):
        code, err, _, _ = run_cli(*args, timeout=60)
        assert code == 2
        _one_line_error(err, "GB470")
    assert listener.hits == []


def test_turtle_surrogate_escape(tmp_path: Path) -> None:
    (tmp_path / "s.ttl").write_text('<http://a> <http://b> "x\\ud800y" .\n')
    code, err, _, _ = run_cli("query", str(tmp_path / "s.ttl"), ALL, timeout=60)
    assert code == 2
    _one_line_error(err, "GB470")


def test_serve_on_a_store_a_build_holds(tmp_path: Path) -> None:
    store = make_store(tmp_path / "held", 10, 5)
    from graphbuild.store.oxi import GraphStore

    with GraphStore(store):
        code, err, seconds, _ = run_cli("serve", "--store", str(store), "--allow-update",
                                        "--port", "0", env={"GRAPHBUILD_TOKEN": TOKEN},
                                        timeout=60)
    assert code == 2 and seconds < 30
    _one_line_error(err, "GB411")


def test_disk_full_is_one_line(tmp_path: Path) -> None:
    """A 64 KB tmpfs (root only: skipped where mounting is not allowed)."""
    full = tmp_path / "full"
    full.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(full)],
                      capture_output=True).returncode != 0:
        pytest.skip("cannot mount a small tmpfs here")
    try:
        corpus = tmp_path / "c.txt"
        corpus.write_text("Council approves budget\n\n" + TEXT)
        code, err, _, _ = run_cli("build", str(corpus), "--out", str(full / "out"),
                                  timeout=120)
        assert code == 2
        _one_line_error(err, "GB472")
    finally:
        subprocess.run(["umount", str(full)], capture_output=True)


def test_a_hung_reader_is_not_possible_through_a_fifo_in_a_folder(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Council approves budget\n\n" + TEXT)
    os.mkfifo(tmp_path / "b.txt")
    done = threading.Event()

    def run() -> None:
        from graphbuild.ingest import iter_articles

        list(iter_articles([tmp_path]))
        done.set()

    threading.Thread(target=run, daemon=True).start()
    start = time.perf_counter()
    assert done.wait(20), "the reader hung on a FIFO"
    assert time.perf_counter() - start < 20
