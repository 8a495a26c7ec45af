"""``graphbuild timeline`` on a real store: the seed article, a second article repeating one
of its quotations (built from the seed's own paragraph at test time), BBC articles (read from
../shared at test time) and a hostile article, built with ``graphbuild build --store``; the
build's own narrative layer links the repeated quotation."""

from __future__ import annotations

import csv
import gzip
import io
import json
import subprocess
import sys
from itertools import islice
from pathlib import Path

import pyoxigraph as ox
import pytest

from graphbuild import store as stores
from graphbuild.cli import main
from graphbuild.query import example
from graphbuild.view.sparql import select
from tests.conftest import BBC, SEED

ID = "https://w3id.org/graphbuild/id/"
HOSTILE = "</script><img src=x onerror=alert(1)>"


def _articles() -> list[dict]:
    title, _, body = SEED.read_text(encoding="utf-8").partition("\n")
    quote = next(p for p in body.split("\n") if "Zakharova said" in p)
    rows = [
        {"id": "seed", "title": title.strip(), "text": body.strip(), "date": "2020-09-03",
         "source": "Sputnik", "url": "https://example.org/seed"},
        {"id": "repeat", "title": "Ministry repeats complaint about social networks",
         "date": "2020-09-05", "source": "TASS",
         "text": f"Officials in Moscow returned to the dispute on Saturday.\n\n{quote}\n\n"
                 "The companies did not comment."},
        {"id": "hostile", "title": "A <b>bold</b> headline", "source": "Evil <i>Outlet</i>",
         "url": "javascript:alert(2)",
         "text": f'"The attack is {HOSTILE} here," Maria Zakharova said on Friday. '
                 "Maria Zakharova criticised Facebook."},
    ]
    if BBC.exists():
        with gzip.open(BBC, "rt", encoding="utf-8") as fh:
            bbc = [json.loads(line) for line in islice(fh, 40)]
        rows += [{"id": r["id"], "title": r["title"], "text": r["text"], "source": "BBC"}
                 for r in bbc if "Time Warner" in r["text"]][:2]
    return rows


def _run(capsys: pytest.CaptureFixture, *args: str) -> str:
    main(["timeline", *args])
    return capsys.readouterr().out


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("timeline")
    src = root / "in.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in _articles()), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "graphbuild", "build", str(src), "--store",
                           str(root / "store"), "--quiet"], capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr
    return root / "store"


def _json(capsys: pytest.CaptureFixture, store: Path, *args: str) -> list[dict]:
    return json.loads(_run(capsys, "--store", str(store), "--format", "json", "--quiet",
                           *args))


def test_entity_timeline_in_date_order_with_sources(store, capsys):
    rows = _json(capsys, store, "--entity", "maria zakharova")  # case-insensitive
    dates = [r["date"] for r in rows]
    dated = [d for d in dates if d != "undated"]
    assert dated == sorted(dated) and dated[0] == "2020-09-03" and dated[-1] == "2020-09-05"
    assert dates[len(dated):] == ["undated"] * (len(dates) - len(dated))  # undated last
    seed = [r for r in rows if r["date"] == "2020-09-03"]
    assert {r["outlet"] for r in seed} == {"Sputnik"}
    assert {r["url"] for r in seed} == {"https://example.org/seed"}
    assert any(r["kind"] == "said" and "inadmissibility of foreign interference" in r["text"]
               and r["who"] == "Maria Zakharova" for r in seed)
    repeat = [r for r in rows if r["date"] == "2020-09-05"]
    assert [(r["kind"], r["outlet"], r["headline"]) for r in repeat] == [
        ("said", "TASS", "Ministry repeats complaint about social networks")]
    assert ("did", "Maria Zakharova criticise Facebook") in {
        (r["kind"], r["text"]) for r in rows if r["date"] == "undated"}


def test_an_alias_and_an_iri_give_the_same_timeline(store, capsys):
    by_name = _json(capsys, store, "--entity", "Maria Zakharova")
    assert _json(capsys, store, "--entity", "Zakharova") == by_name
    assert _json(capsys, store, "--entity", ID + "person/Maria_Zakharova") == by_name


def test_what_was_said_about_and_done_to_an_entity(store, capsys, tmp_path):
    rows = _json(capsys, store, "--entity", "Facebook", "--out", str(tmp_path / "f.html"))
    # the entity only, not the hostile article's concept "Facebook" (no gb:entityKind)
    assert "/concept/" not in (tmp_path / "f.html").read_text(encoding="utf-8")
    kinds = {r["kind"] for r in rows}
    assert {"said about", "done to", "did"} <= kinds
    assert ("2020-09-03", "Russian Foreign Ministry", "Russian Foreign Ministry urge Facebook"
            ) in {(r["date"], r["who"], r["text"]) for r in rows if r["kind"] == "done to"}
    assert any(r["kind"] == "said about" and r["who"] == "Maria Zakharova" for r in rows)


@pytest.mark.skipif(not BBC.exists(), reason="BBC corpus not found (../shared/data)")
def test_bbc_articles_without_a_date_are_undated(store, capsys):
    rows = _json(capsys, store, "--entity", "Time Warner")
    assert rows and {r["date"] for r in rows} == {"undated"}
    assert {r["outlet"] for r in rows} == {"BBC"}
    assert any(r["kind"] == "said" and r["who"] == "Time Warner" for r in rows)


def test_table_and_csv(store, capsys, monkeypatch):
    monkeypatch.delenv("COLUMNS", raising=False)  # not a terminal: every column
    table = _run(capsys, "--store", str(store), "--entity", "Maria Zakharova", "--quiet")
    lines = table.splitlines()
    assert lines[0].split() == ["date", "kind", "who", "text", "headline", "outlet", "url"]
    assert lines[2].startswith("2020-09-03") and lines[-1].startswith("undated")
    got = list(csv.DictReader(io.StringIO(_run(
        capsys, "--store", str(store), "--entity", "Maria Zakharova", "-F", "csv"))))
    assert got and got[0]["outlet"] == "Sputnik" and got[-1]["date"] == "undated"


def test_a_narrow_table_keeps_the_outlet(store, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "110")
    table = _run(capsys, "--store", str(store), "--entity", "Maria Zakharova", "--quiet")
    lines = table.splitlines()
    assert lines[0].split() == ["date", "kind", "who", "text", "outlet"]
    assert max(map(len, lines)) <= 110
    assert lines[2].endswith("Sputnik")


def test_unknown_entity_is_one_line_with_close_matches(store):
    done = subprocess.run([sys.executable, "-m", "graphbuild", "timeline", "--store",
                           str(store), "--entity", "Maria Zakarova"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1
    assert done.stderr.startswith("error: [GB630] no entity called 'Maria Zakarova'")
    assert "'Maria Zakharova'" in done.stderr


def test_a_name_is_bound_not_pasted_into_the_query(store, capsys):
    hostile = 'x" ) } SELECT * WHERE { ?s ?p ?o } #'
    with pytest.raises(SystemExit) as exit_:
        main(["timeline", "--store", str(store), "--entity", hostile])
    assert exit_.value.code == 2
    assert "[GB630]" in capsys.readouterr().err


def test_hostile_text_is_escaped_in_the_page(store, capsys, tmp_path):
    page = tmp_path / "z.html"
    _run(capsys, "--store", str(store), "--entity", "Maria Zakharova", "--out", str(page))
    html = page.read_text(encoding="utf-8")
    assert "&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;" in html  # shown, as text
    assert "<img" not in html and "<b>" not in html and "<i>" not in html
    assert html.count("<script") == 2 and html.count("</script>") == 2
    assert "href=\"javascript:" not in html and "(javascript:alert(2))" in html  # text only
    assert 'href="https://example.org/seed"' in html
    assert "Content-Security-Policy" in html and "http://" not in html.replace(
        "http://www.w3.org", "")
    data = html.split('id="tl-data">')[1].split("</script>")[0]
    assert HOSTILE not in data and "\\u003c/script\\u003e" in data
    assert any(r["text"].startswith("The attack is </script>") for r in json.loads(data))
    dates = [g.split("</div>")[0] for g in html.split('class="tl-date">')[1:]]
    assert dates == ["2020-09-03", "2020-09-05", "undated"]  # grouped by date, undated last


def test_out_must_be_html(store):
    with pytest.raises(SystemExit) as exit_:
        main(["timeline", "--store", str(store), "--entity", "Facebook", "--out", "x.png"])
    assert exit_.value.code == 2


@pytest.fixture(scope="module")
def narrative(store: Path) -> str:
    """The narrative the build found: the seed's quotation, repeated in the TASS article."""
    rows = list(select(stores.open(store, "r").store, example("narrative-first-said")))
    assert len(rows) == 1, rows
    return rows[0][-1]


def test_narrative_timeline(store, narrative, capsys, tmp_path):
    page = tmp_path / "n.html"
    rows = _json(capsys, store, "--narrative", narrative, "--out", str(page))
    # the seed states the quotation twice (its lead, shortened, and its body), TASS once
    assert [(r["date"], r["kind"], r["who"], r["outlet"]) for r in rows] == [
        ("2020-09-03", "first", "Maria Zakharova", "Sputnik"),
        ("2020-09-03", "repeat", "Maria Zakharova", "Sputnik"),
        ("2020-09-05", "repeat", "Maria Zakharova", "TASS")]
    assert all("We drew attention" in r["text"] for r in rows)
    assert "Narrative: We drew attention" in page.read_text(encoding="utf-8")


def test_unknown_narrative(store, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["timeline", "--store", str(store), "--narrative", ID + "narrative/no"])
    assert exit_.value.code == 2
    assert "[GB631]" in capsys.readouterr().err


def test_narrative_examples_on_the_real_store(store, narrative):
    db = stores.open(store, "r").store
    first = list(select(db, example("narrative-first-said")))
    assert [(r[1], r[2], r[3], r[6], r[7]) for r in first] == [
        ("Maria Zakharova", "2020-09-03", "Sputnik", "3", "2")]
    repeats = list(select(db, example("narrative-repeats")))
    assert [(r[1], r[2], r[4]) for r in repeats] == [("2020-09-03", "first", "Sputnik"),
                                                    ("2020-09-03", "repeat", "Sputnik"),
                                                    ("2020-09-05", "repeat", "TASS")]
    pairs = list(select(db, example("outlets-shared-claims")))
    assert [r[:3] for r in pairs] == [("Sputnik", "TASS", "1")]
    facebook = list(select(db, example("entity-claims-repeated"),
                           {"entity": ox.NamedNode(ID + "organization/Facebook")}))
    assert [(r[0], r[2], set(r[4].split(", ")), r[6]) for r in facebook] == [
        ("Facebook", "3", {"Sputnik", "TASS"}, narrative)]  # GROUP_CONCAT's order is the store's
