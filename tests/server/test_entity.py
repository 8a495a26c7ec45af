"""Entity pages at their IRI paths: HTML for browsers, Turtle by Accept, 404 otherwise; the
graph view of a CONSTRUCT result and of an entity's neighbourhood."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from urllib.parse import urlencode

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS

from graphbuild.rdf.vocab import GB, ID, SDO
from graphbuild.server.web import VIEW_CSP
from graphbuild.view.style import style_for
from tests.server.conftest import EVIL_ENTITY_SLUG, IMG, SCRIPT, Server, http

MARIA = ID["person/Maria_Zakharova"]
BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def _page(server: Server, path: str, accept: str = BROWSER_ACCEPT):
    return http(server.url.rstrip("/") + path, headers={"Accept": accept})


def test_entity_html(server: Server) -> None:
    r = _page(server, "/id/person/Maria_Zakharova")
    assert r.status == 200 and r.content_type == "text/html"
    text = r.text
    assert "<title>Maria Zakharova · graphbuild</title>" in text
    assert "schema:Person" in text
    assert "Zakharova" in text  # alias
    assert "spokeswoman" in text  # role
    assert 'href="/id/organization/Russian_Foreign_Ministry"' in text
    assert "Quotations" in text and "We call on Internet platforms" in text
    assert "Moscow Urges Facebook" in text  # article headline
    assert "script-src 'none'" in r.headers["Content-Security-Policy"]


def test_statements_with_sentences(server: Server) -> None:
    text = _page(server, "/id/organization/Facebook").text
    assert "What it did" in text
    assert re.search(r'<a href="/id/article/[^"]+/statement/[0-9a-f]+">block</a>', text)
    assert "once again blocked and then deleted 18 accounts" in text
    assert "allegedly" in text  # hedge


def test_entity_turtle_by_accept(server: Server) -> None:
    r = _page(server, "/id/person/Maria_Zakharova", "text/turtle")
    assert r.status == 200 and r.content_type == "text/turtle"
    g = Graph().parse(data=r.text, format="turtle")
    assert (MARIA, RDF.type, SDO.Person) in g
    assert any(g.triples((None, SDO.spokenByCharacter, MARIA)))  # its quotations
    claimed = list(g.subjects(GB.claimedBy, MARIA))
    assert claimed and all((s, RDF.type, GB.Statement) in g for s in claimed)
    assert all((s, GB.sentence, None) in g for s in claimed)  # statements come whole


def test_statement_node_page(server: Server) -> None:
    turtle = _page(server, "/id/organization/Facebook", "text/turtle").text
    g = Graph().parse(data=turtle, format="turtle")
    st = next(g.subjects(RDF.subject, ID["organization/Facebook"]))
    r = _page(server, "/id/" + str(st)[len(str(ID)):])
    assert r.status == 200 and "gb:verb" in r.text


@pytest.mark.parametrize("path", ["/id/person/Nobody_At_All", "/id/", "/id/person/a%20b<c>"])
def test_unknown_entity_is_404(server: Server, path: str) -> None:
    assert _page(server, path).status == 404
    assert _page(server, path, "text/turtle").status == 404


class _Parsed(HTMLParser):
    """Tags and text of a page, as a browser's tokenizer sees them."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_hostile_names_are_escaped_in_entity_html(server: Server) -> None:
    r = _page(server, f"/id/person/{EVIL_ENTITY_SLUG}")
    assert r.status == 200
    assert IMG not in r.text and SCRIPT not in r.text
    page = _Parsed(r.text)
    assert "img" not in page.tags and "script" not in page.tags
    text = "".join(page.text)
    for shown in (f"Eve {IMG}", f"Evie {SCRIPT}", f"chief {IMG}", f"I said {SCRIPT} and {IMG}",
                  f"Headline {SCRIPT}"):
        assert shown in text  # shown as text, verbatim


def test_hostile_names_survive_turtle(server: Server) -> None:
    r = _page(server, f"/id/person/{EVIL_ENTITY_SLUG}", "text/turtle")
    g = Graph().parse(data=r.text, format="turtle")
    assert str(g.value(ID[f"person/{EVIL_ENTITY_SLUG}"], RDFS.label)) == f"Eve {IMG}"
    assert URIRef(ID[f"person/{EVIL_ENTITY_SLUG}"]) in set(g.subjects())


# ---------------------------------------------------------------- graph views


def _view_data(html: str) -> dict:
    """The graph view page's data block (``var DATA = {…};``)."""
    m = re.search(r"^var DATA = (\{.*\});$", html, re.MULTILINE)
    assert m, "no data block in the page"
    return json.loads(m.group(1))


def _labels(data: dict) -> dict[str, dict]:
    return {n["id"]: n for n in data["nodes"]}


def test_view_of_bare_mentions_has_the_stores_labels(server: Server) -> None:
    """A CONSTRUCT of only schema:mentions edges: names, types and colours come from the
    store (one more query), not grey unlabelled nodes."""
    query = "CONSTRUCT { ?s schema:mentions ?o } WHERE { ?s schema:mentions ?o }"
    r = http(server.url + "view?" + urlencode({"query": query}))
    assert r.status == 200 and r.content_type == "text/html"
    data = _view_data(r.text)
    nodes = _labels(data)
    maria = nodes[str(MARIA)]
    assert maria["label"] == "Maria Zakharova" and not maria["hidden"]
    assert maria["color"] == style_for("Person").color
    assert data["details"]["nodes"][str(MARIA)]["type_label"] == "Person"
    assert nodes[str(ID["organization/Facebook"])]["color"] != style_for("Thing").color
    article = nodes[str(ID["article/sputnik-2020-09-03-facebook-twitter"])]
    assert article["label"].startswith("Moscow Urges Facebook")  # its headline
    assert any(e["from"] == article["id"] and e["to"] == str(MARIA) and e["label"] == "mentions"
               for e in data["edges"])


def test_entity_page_embeds_its_neighbourhood(server: Server) -> None:
    r = _page(server, "/id/person/Maria_Zakharova")
    href = "/view/entity?" + urlencode({"iri": str(MARIA)})
    assert f'<iframe id="gb-entity-graph" class="entity-graph" src="{href}" ' \
           'sandbox="allow-scripts"' in r.text.replace("&amp;", "&")
    assert f'<a href="{href}">open the graph view</a>' in r.text
    csp = r.headers["Content-Security-Policy"]
    assert "frame-src 'self'" in csp and "script-src 'none'" in csp
    # a statement's page has no neighbourhood drawing (it is not an entity)
    assert "<iframe" not in _page(server, "/id/article/handmade").text


def test_neighbourhood_view_draws_the_entity_and_its_neighbours(server: Server) -> None:
    r = http(server.url + "view/entity?" + urlencode({"iri": str(MARIA)}))
    assert r.status == 200 and r.content_type == "text/html"
    assert r.headers["Content-Security-Policy"] == VIEW_CSP
    data = _view_data(r.text)
    nodes = _labels(data)
    drawn = {n["label"] for n in data["nodes"] if not n["hidden"]}
    assert nodes[str(MARIA)]["gbRank"] == 0 and "Maria Zakharova" in drawn
    assert {"Russian Foreign Ministry", "Facebook"} <= drawn
    assert nodes[str(MARIA)]["color"] == style_for("Person").color
    assert any(str(MARIA) in (e["from"], e["to"]) and not e["hidden"] for e in data["edges"])
    assert "Maria Zakharova and its " in r.text  # the note says what is drawn


def test_neighbourhood_view_escapes_hostile_names(server: Server) -> None:
    evil = str(ID[f"person/{EVIL_ENTITY_SLUG}"])
    r = http(server.url + "view/entity?" + urlencode({"iri": evil}))
    assert r.status == 200
    assert IMG not in r.text and SCRIPT not in r.text
    assert f"Eve {IMG}" in {n["label"] for n in _view_data(r.text)["nodes"]}


@pytest.mark.parametrize("iri", [str(ID["person/Nobody_At_All"]), "https://example.org/x",
                                 str(ID) + "person/a b<c>", str(ID), "urn:x"])
def test_neighbourhood_view_of_unknown_iri_is_404(server: Server, iri: str) -> None:
    assert http(server.url + "view/entity?" + urlencode({"iri": iri})).status == 404


@pytest.mark.parametrize("query", ["", "iri=", "iri=a&iri=b"])
def test_neighbourhood_view_needs_one_iri(server: Server, query: str) -> None:
    assert http(server.url + "view/entity?" + query).status == 400
