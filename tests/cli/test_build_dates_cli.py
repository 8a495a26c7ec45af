"""``graphbuild build --corpus-date`` (issue 16): the year of a dateline without one, and a
bad value refused on one line with its code."""

from __future__ import annotations

import shutil

from rdflib import Graph
from rdflib.namespace import XSD

from graphbuild.rdf.vocab import GB, SDO
from tests.cli.test_build_cli import run
from tests.conftest import SEED


def _published(tmp_path, *opts: str) -> set[tuple[str, str]]:
    src = tmp_path / "in"
    src.mkdir(exist_ok=True)
    shutil.copy(SEED, src / "seed.txt")
    out = tmp_path / "out.ttl"
    done = run("build", str(src), "--out", str(out), "--quiet", *opts)
    assert done.returncode == 0, done.stderr
    g = Graph().parse(out)
    dates = set(g.subject_objects(SDO.datePublished))
    assert all(d.datatype == XSD.date for _a, d in dates)
    return {(str(d), str(g.value(a, GB.dateSource))) for a, d in dates}


def test_corpus_date_gives_the_seed_dateline_its_year(tmp_path) -> None:
    assert _published(tmp_path) == set()  # "MOSCOW, September 3": no year, no date
    assert _published(tmp_path, "--corpus-date", "2019-09-10") == {("2019-09-03", "dateline")}
    assert _published(tmp_path, "--corpus-date", "2019-06-01") == {("2018-09-03", "dateline")}


def test_bad_corpus_date_is_one_line_with_its_code(tmp_path) -> None:
    done = run("build", str(SEED), "--out", str(tmp_path / "o"), "--corpus-date", "2019-02-30")
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "[GB180]" in lines[0] and "2019-02-30" in lines[0]
    assert not (tmp_path / "o").exists()
