"""Faults of a whole-corpus build, with real subprocesses and a real store: ``kill -9`` in the
middle, a second writer, bad inputs, an exception inside a worker."""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path

from graphbuild.rdf.vocab import article_graph_iri
from graphbuild.store.oxi import BUILD_GRAPH, GraphStore
from tests.corpus.helpers import (
    article_count,
    bbc_rows,
    by_graph,
    cli,
    start_cli,
    store_quads,
    wait_for,
    warning_lines,
    write_jsonl,
)

CONTENT_HASH = "<https://w3id.org/graphbuild/ns#contentHash>"
MERGED_FROM = "<https://w3id.org/graphbuild/ns#mergedFrom>"
ARTICLE_GRAPH = "<https://w3id.org/graphbuild/graph/article/"


def _merge_map(quads: set[str]) -> dict[str, str]:
    """src IRI -> dst IRI of the cross-article merges recorded in a store."""
    out = {}
    for q in quads:
        s, p, o, _ = q.split(" ", 3)
        if p == MERGED_FROM:
            out[o] = s
    return out


def _apply(merges: dict[str, str], quads: set[str]) -> set[str]:
    out = set()
    for q in quads:
        for src, dst in merges.items():
            q = q.replace(src, dst)
        out.add(q)
    return out


def test_kill_9_mid_build_leaves_whole_articles_and_the_same_build_completes(
        tmp_path: Path, corpus60: Path, clean60: set[str]) -> None:
    store = tmp_path / "store"
    proc = start_cli("build", str(corpus60), "--store", str(store), "--quiet")
    try:
        wait_for(lambda: (article_count(store) or 0) >= 4 or proc.poll() is not None, 240)
        assert proc.poll() is None, "the build ended before it could be killed"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        proc.kill()
        proc.communicate()
    assert proc.returncode == -signal.SIGKILL

    with GraphStore(store) as gs:  # opens for writing after the crash
        assert gs.merge_pending()  # the next build knows merging was not done
    killed = by_graph(store_quads(store))
    clean = by_graph(clean60)
    merges = _merge_map(clean60)
    present = [g for g in killed if g.startswith(ARTICLE_GRAPH)]
    assert 4 <= len(present) < 60
    for g in present:  # fully present: exactly the clean build's quads (before merging)
        assert any(CONTENT_HASH in q for q in killed[g]), g
        assert _apply(merges, killed[g]) == clean[g], g
    assert f"<{BUILD_GRAPH}>" in killed  # the pending-merge marker

    done = cli("build", str(corpus60), "--store", str(store), "--quiet")
    assert done.returncode == 0, done.stderr
    assert store_quads(store) == clean60


def test_second_build_on_a_store_in_use_fails_with_one_line(tmp_path: Path,
                                                            corpus20: Path) -> None:
    store = tmp_path / "store"
    first = start_cli("build", str(corpus20), "--store", str(store), "--quiet")
    try:
        assert wait_for(lambda: (store / "CURRENT").exists() or first.poll() is not None, 60)
        assert first.poll() is None
        second = cli("build", str(corpus20), "--store", str(store), "--quiet", "--jobs", "2")
        out, err = first.communicate(timeout=300)
    finally:
        first.kill()
    assert second.returncode == 2
    lines = [ln for ln in second.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, second.stderr
    assert lines[0].startswith("error: [GB411]") and "store is in use" in lines[0]
    assert str(store) in lines[0]
    assert first.returncode == 0 and err == "" and out == ""  # the first build went on

    again = cli("build", str(corpus20), "--store", str(store))
    assert again.returncode == 0
    assert "0 added, 0 replaced, 20 unchanged" in again.stderr
    graphs = by_graph(store_quads(store))
    articles = [g for g in graphs if g.startswith(ARTICLE_GRAPH)]
    assert len(articles) == 20
    assert all(any(CONTENT_HASH in q for q in graphs[g]) for g in articles)


ENGLISH = ("Health officials in Northfield said on Tuesday that the new clinic would open "
           "in March. The council's finance director, Laura Jensen, said the building had cost "
           "less than expected and that staff were being hired.")
GERMAN = ("Die Bundesregierung hat am Mittwoch neue Regeln für den Wohnungsbau beschlossen. "
          "Bauministerin Klara Weber sagte in Berlin, dass die Kosten für Familien sinken "
          "sollen. Die Opposition kritisierte den Entwurf als zu spät und zu wenig ehrgeizig.")
RUSSIAN = ("Правительство в среду объявило о новых правилах строительства жилья. Министр "
           "заявила в Москве, что расходы семей должны снизиться, а оппозиция назвала план "
           "запоздалым и недостаточно амбициозным. Решение вступит в силу в июле.")


def _bad_corpus(folder: Path) -> dict[str, str]:
    """Good and bad articles in ``folder``; returns name -> what must happen to it."""
    folder.mkdir()
    good = bbc_rows(3, start=1500)
    lines = [json.dumps({k: r[k] for k in ("id", "title", "text")}) for r in good]
    lines.append('{"id": "ctl-jsonl", "text": "Lone \\ud800 surrogates \\udfff and a bell '
                 '\\u0007 in a story. ' + ENGLISH + '"}')
    lines.append(json.dumps({"id": "de-jsonl", "text": GERMAN}))
    raw = "\n".join(lines).encode("utf-8") + b"\n"
    raw += (b'{"id": "cp1252-jsonl", "title": "Caf\xe9 owners \x96 \x93angry\x94", "text": "'
            + ENGLISH.encode() + b'"}\n')
    (folder / "wire.jsonl").write_bytes(raw)
    (folder / "empty.txt").write_text("")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 16)
    (folder / "latin1.txt").write_bytes(("Caf\xe9 tax\n\n" + ENGLISH).encode("latin-1"))
    (folder / "huge.txt").write_text(("\n\n".join([ENGLISH] * 20) + "\n\n") * 720)  # 3 MB
    (folder / "oneline.txt").write_text((ENGLISH + " ") * 1300)  # 300k chars, one line
    (folder / "controls.txt").write_text("Bells\x07 and\x1b escapes\x0c.\n\n" + ENGLISH)
    (folder / "surrogates.txt").write_bytes(
        ("Lone \ud800 surrogate.\n\n" + ENGLISH).encode("utf-8", "surrogatepass"))
    (folder / "german.txt").write_text(GERMAN)
    (folder / "russian.txt").write_text(RUSSIAN)
    return {
        "wire.jsonl:line 4": "in", "wire.jsonl:5": "out", "wire.jsonl:line 6": "in",
        "empty.txt": "out", "binary.txt": "out", "latin1.txt": "in", "huge.txt": "out",
        "oneline.txt": "out", "controls.txt": "in", "surrogates.txt": "in",
        "german.txt": "out", "russian.txt": "out",
    }


def test_bad_inputs_are_named_once_skipped_or_repaired_and_the_rest_goes_in(
        tmp_path: Path) -> None:
    expected = _bad_corpus(tmp_path / "in")
    store = tmp_path / "store"
    done = cli("build", str(tmp_path / "in"), "--store", str(store))
    assert done.returncode == 1, done.stderr
    for name, lines in warning_lines(done.stderr, list(expected)).items():
        assert len(lines) == 1, (name, lines)
    reasons = "\n".join(done.stderr.splitlines())
    assert "huge.txt: article too long" in reasons and "oneline.txt: article too long" in reasons
    assert "german.txt: not English" in reasons and "russian.txt: not English" in reasons
    assert "7 input(s) skipped" in reasons

    graphs = by_graph(store_quads(store))
    ids = [r["id"] for r in bbc_rows(3, start=1500)] + [
        "ctl-jsonl", "cp1252-jsonl", "latin1", "controls", "surrogates"]
    assert {g for g in graphs if g.startswith(ARTICLE_GRAPH)} == {
        f"<{article_graph_iri(i)}>" for i in ids}
    for g, quads in graphs.items():  # never half-written
        if g.startswith(ARTICLE_GRAPH):
            assert any(CONTENT_HASH in q for q in quads), g
    text = "\n".join(q for qs in graphs.values() for q in qs)
    assert "\\u0007" not in text and "\\uD800" not in text.upper()
    assert '"Café owners – “angry”"' in text  # the windows-1252 line, decoded on its own


SITECUSTOMIZE = '''
"""Test hook (loaded by every Python process of the test build, workers included): the
extractors raise for the article with id "boom"."""
import graphbuild.registry as _registry

_run = _registry.run


def _failing_run(doc, pipe):
    if doc.article.id == "boom":
        raise RuntimeError("injected failure for the test")
    return _run(doc, pipe)


_registry.run = _failing_run
'''


def test_an_exception_in_a_worker_skips_that_article_only(tmp_path: Path) -> None:
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(SITECUSTOMIZE)
    rows = bbc_rows(5, start=1200)
    rows.insert(2, {"id": "boom", "text": ENGLISH})
    corpus = write_jsonl(tmp_path / "c.jsonl", rows)
    store = tmp_path / "store"
    done = cli("build", str(corpus), "--store", str(store), "--jobs", "2",
               env={"PYTHONPATH": str(hook)})
    assert done.returncode == 1, done.stderr
    named = [ln for ln in done.stderr.splitlines() if "boom" in ln]
    assert len(named) == 1, done.stderr
    assert "extraction failed (RuntimeError: injected failure for the test)" in named[0]
    assert "5 added" in done.stderr and "1 skipped" in done.stderr
    graphs = by_graph(store_quads(store))
    assert sum(g.startswith(ARTICLE_GRAPH) for g in graphs) == 5
    assert not any("boom" in g for g in graphs)


DYING_WORKER = '''
"""Test hook: a worker process dies abruptly on the article with id "die"."""
import multiprocessing
import os

import graphbuild.registry as _registry

_run = _registry.run


def _dying_run(doc, pipe):
    if doc.article.id == "die" and multiprocessing.parent_process() is not None:
        os._exit(9)
    return _run(doc, pipe)


_registry.run = _dying_run
'''


def test_a_worker_that_dies_stops_the_build_with_one_line_not_a_hang(tmp_path: Path) -> None:
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(DYING_WORKER)
    rows = bbc_rows(3, start=1200) + [{"id": "die", "text": ENGLISH}]
    corpus = write_jsonl(tmp_path / "c.jsonl", rows)
    store = tmp_path / "store"
    done = cli("build", str(corpus), "--store", str(store), "--jobs", "2", "--quiet",
               env={"PYTHONPATH": str(hook)}, timeout=180)
    assert done.returncode == 2, done.stderr
    lines = [ln for ln in done.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: [GB421] a worker process died")
    again = cli("build", str(corpus), "--store", str(store), "--quiet")  # no hook: completes
    assert again.returncode == 0, again.stderr
    assert sum("/graph/article/" in g for g in by_graph(store_quads(store))) == 4
