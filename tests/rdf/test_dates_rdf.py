"""Dates in RDF (issue 16, CONTRACT16.md): the article's normalised schema:datePublished with
gb:dateSource, and schema:dateCreated + gb:dateText on the quotations, claims and statements
whose date the text gives; none on the others; the graph conforms to the shapes."""

from __future__ import annotations

import json
from pathlib import Path

from rdflib import Literal
from rdflib.namespace import RDF, XSD

import graphbuild
from graphbuild.pipeline import union_graph
from graphbuild.rdf.validate import validate
from graphbuild.rdf.vocab import GB, SDO

TEXT = ('"We will not give up," Jane Doe said on Monday. The council last week accused '
        "Acme Corp of fraud. Police said the fire destroyed two houses.")


def _graph(tmp_path: Path, date: str):  # noqa: ANN202
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps({"id": "a1", "date": date, "text": TEXT}) + "\n")
    return union_graph(graphbuild.build([str(src)]))


def test_dates_of_article_quotation_claim_and_statement(tmp_path: Path) -> None:
    g = _graph(tmp_path, "Tue, 03 Sep 2019 10:00:00 +0000")
    (art,) = g.subjects(RDF.type, SDO.NewsArticle)
    published = g.value(art, SDO.datePublished)
    assert (str(published), published.datatype) == ("2019-09-03T10:00:00Z", XSD.dateTime)
    assert g.value(art, GB.dateSource) == Literal("metadata")
    (quote,) = g.subjects(RDF.type, SDO.Quotation)
    assert g.value(quote, SDO.dateCreated) == Literal("2019-09-02", datatype=XSD.date)
    assert g.value(quote, GB.dateText) == Literal("on Monday")
    assert g.value(quote, GB.article) == art  # readers reach the article's date this way
    claims = {str(g.value(c, GB.cue)): c for c in g.subjects(RDF.type, SDO.Claim)}
    accused = claims["accuse"]
    assert g.value(accused, SDO.dateCreated) == Literal("2019-08-27", datatype=XSD.date)
    assert g.value(accused, GB.dateText) == Literal("last week")
    assert g.value(accused, GB.datePrecision) == Literal("week")
    # "Police said …" gives no date: no dateCreated (readers fall back to datePublished)
    assert g.value(claims["say"], SDO.dateCreated) is None
    dated = [s for s in g.subjects(RDF.type, GB.Statement) if g.value(s, SDO.dateCreated)]
    assert [str(g.value(s, GB.verb)) for s in dated] == ["accuse"]
    report = validate(g)
    assert report.conforms, report.violations[:3]


def test_no_date_no_reference_no_created_dates(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("GRAPHBUILD_CORPUS_DATE", raising=False)
    g = _graph(tmp_path, "")
    (art,) = g.subjects(RDF.type, SDO.NewsArticle)
    assert g.value(art, SDO.datePublished) is None and g.value(art, GB.dateSource) is None
    assert not list(g.subjects(SDO.dateCreated, None))  # "on Monday" of which week?


def test_corpus_date_is_the_last_resort(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("GRAPHBUILD_CORPUS_DATE", "2020-02-01")
    g = _graph(tmp_path, "")
    (art,) = g.subjects(RDF.type, SDO.NewsArticle)
    assert g.value(art, SDO.datePublished) == Literal("2020-02-01", datatype=XSD.date)
    assert g.value(art, GB.dateSource) == Literal("corpus")
    # the corpus day is no reference for "on Monday": the article's own day is unknown
    assert not list(g.subjects(SDO.dateCreated, None))
