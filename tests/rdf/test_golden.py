"""Golden RDF: a small made-up wire story gives exactly the expected graph (compared with
``rdflib.compare.isomorphic``). After an intended change to extraction, regenerate with
``GRAPHBUILD_REGEN_GOLDEN=1 python -m pytest tests/rdf/test_golden.py`` and review the diff."""

from __future__ import annotations

import os
from pathlib import Path

from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

import graphbuild
from graphbuild.pipeline import union_graph
from graphbuild.rdf import serialize
from graphbuild.rdf.vocab import GB

HERE = Path(__file__).parent / "golden"


def test_wire_story_matches_golden_graph():
    got = union_graph(graphbuild.build([str(HERE / "wire.txt")]))
    # the article id is the file name; the model name is recorded but not what is tested
    golden_file = HERE / "wire.ttl"
    if os.environ.get("GRAPHBUILD_REGEN_GOLDEN"):
        golden_file.write_text(serialize.turtle(got), encoding="utf-8")
    golden = Graph().parse(golden_file)
    for g in (got, golden):  # the file path is where this checkout lives, not extraction
        g.remove((None, GB.sourcePath, None))
    if not isomorphic(got, golden):
        _both, only_got, only_golden = graph_diff(to_isomorphic(got), to_isomorphic(golden))
        raise AssertionError(
            "graph differs from golden\nonly in build:\n"
            + "\n".join(sorted(f"  {t}" for t in only_got)[:40])
            + "\nonly in golden:\n" + "\n".join(sorted(f"  {t}" for t in only_golden)[:40]))
