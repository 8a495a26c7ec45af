"""The server's pages: the query page (``/``), the graph view (``/view``), entity pages
(``/id/…``) and the service description (``/service-description``, ``GET /sparql``)."""

from __future__ import annotations

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS

from graphbuild.query import example, list_examples
from graphbuild.rdf.vocab import PREFIXES
from graphbuild.server.assets import CSS, INDEX_JS
from graphbuild.server.config import ServerConfig
from graphbuild.server.entity import (
    CONSTRUCT_ENTITY,
    ENTITY_QUERIES,
    EXISTS_QUERY,
    ID_BASE,
    entity_view,
    iri_for_path,
    store_iri,
)
from graphbuild.server.negotiate import GRAPH_FORMATS, PAGE_FORMATS, negotiate
from graphbuild.server.protocol import result_headers, run_job
from graphbuild.server.safety import ForbiddenQuery, check_length, query_form
from graphbuild.server.templates import render
from graphbuild.server.web import (
    VIEW_CSP,
    HttpError,
    Request,
    Response,
    html_response,
    new_nonce,
    page_csp,
)
from graphbuild.server.worker import WorkerPool
from graphbuild.view.render import safe_json

__all__ = ["Pages", "PAGE_EXAMPLES"]

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")

#: examples of the query page besides graphbuild.query's: CONSTRUCTs for the graph view
PAGE_EXAMPLES = {
    "graph-whole": ("Whole graph: every triple as a CONSTRUCT result, drawn as a graph "
                    "(capped at --max-rows triples).",
                    "# Whole graph: every triple (CONSTRUCT results are drawn as a graph).\n"
                    "CONSTRUCT { ?s ?p ?o }\nWHERE { ?s ?p ?o }\n"),
}
INITIAL_EXAMPLE = "who-said-what"
_ENTITY_ROWS = 500


class Pages:
    def __init__(self, config: ServerConfig, pool: WorkerPool) -> None:
        self.config = config
        self.pool = pool

    def _subtitle(self) -> str:
        return f"SPARQL over {self.config.store_label}" + (
            "" if self.config.allow_update else " (read-only)")

    # ---------------------------------------------------------------- query page
    def index(self, req: Request, endpoint: str) -> Response:
        items = list_examples()
        texts = {name: example(name) for name, _ in items}
        items += [(name, desc) for name, (desc, _) in PAGE_EXAMPLES.items()]
        texts.update({name: text for name, (_, text) in PAGE_EXAMPLES.items()})
        data = {"examples": texts, "prefixes": {p: str(ns) for p, ns in PREFIXES.items()},
                "idBase": ID_BASE,
                "initial": INITIAL_EXAMPLE if INITIAL_EXAMPLE in texts else items[0][0]}
        nonce = new_nonce()
        html = render("index", nonce=nonce, css=CSS, js=INDEX_JS, data_json=safe_json(data),
                      examples=[{"name": n, "description": d} for n, d in items],
                      subtitle=self._subtitle(), endpoint=endpoint,
                      prefixes=", ".join(f"{p}:" for p in PREFIXES),
                      timeout=f"{self.config.timeout:g}", max_rows=self.config.max_rows)
        return html_response(html, page_csp(nonce, scripts=True))

    # ---------------------------------------------------------------- graph view
    def view(self, req: Request) -> Response:
        text = (req.params.get("query") or [""])[0]
        if not text.strip():
            raise HttpError(400, "missing 'query': /view?query=CONSTRUCT …")
        try:
            check_length(text)  # the guard's parse runs in the worker (the "view" job)
        except ForbiddenQuery as err:
            raise HttpError(400, str(err)) from None
        if query_form(text) not in ("construct", "describe", None):
            raise HttpError(400, "the graph view draws CONSTRUCT or DESCRIBE results only")
        out = run_job(self.pool, self.config, "view", {
            "text": text, "max_rows": self.config.max_rows,
            "title": "graphbuild: CONSTRUCT result"}, text)
        return html_response(out["html"], VIEW_CSP,
                             headers=result_headers(out, self.config))

    def entity_graph(self, req: Request) -> Response:
        """``/view/entity?iri=…``: the graph view of an entity and its strongest
        neighbours (shown in the entity page's sandboxed iframe)."""
        given = req.params.get("iri", [])
        if len(given) != 1 or not given[0]:
            raise HttpError(400, "give one 'iri': /view/entity?iri=https://w3id.org/"
                                 "graphbuild/id/…")
        iri = store_iri(given[0])
        if iri is None:
            raise HttpError(404, "no such entity (an IRI under " + ID_BASE + " is needed)")
        self._require(iri)
        out = run_job(self.pool, self.config, "entity_view", {
            "iri": iri, "max_rows": self.config.max_rows})
        return html_response(out["html"], VIEW_CSP, headers=result_headers(out, self.config))

    # ---------------------------------------------------------------- entity pages
    def entity(self, req: Request) -> Response:
        iri = iri_for_path(req.path)
        if iri is None:
            raise HttpError(404, "no such entity")
        fmt = negotiate(req.header("accept"), PAGE_FORMATS)
        if fmt is None:
            raise HttpError(406, "entity pages are text/html, text/turtle, "
                                 "application/n-triples or application/ld+json")
        bindings = {"e": iri}
        if fmt.key != "html":
            out = run_job(self.pool, self.config, "query", {
                "text": CONSTRUCT_ENTITY, "result_format": None, "graph_format": fmt.key,
                "max_rows": self.config.max_rows, "max_bytes": self.config.max_bytes,
                "bindings": bindings}, CONSTRUCT_ENTITY)
            if out["rows"] == 0:
                self._require(iri)
            return Response(200, out["body"], fmt.content_type,
                            {"Vary": "Accept", **result_headers(out, self.config)})
        rows = run_job(self.pool, self.config, "rows", {
            "queries": ENTITY_QUERIES, "bindings": bindings, "limit": _ENTITY_ROWS})
        if not rows["out"] and not rows["in"] and not rows["statements"]:
            raise HttpError(404, f"nothing is known about {iri}")
        nonce = new_nonce()
        html = render("entity", nonce=nonce, css=CSS, subtitle=self._subtitle(),
                      e=entity_view(iri, rows, _ENTITY_ROWS))
        return html_response(html, page_csp(nonce, scripts=False), headers={"Vary": "Accept"})

    def _require(self, iri: str) -> None:
        rows = run_job(self.pool, self.config, "rows", {
            "queries": {"exists": EXISTS_QUERY}, "bindings": {"e": iri}, "limit": 1})
        if not rows["exists"]:
            raise HttpError(404, f"nothing is known about {iri}")

    # ---------------------------------------------------------------- service description
    def service_description(self, req: Request, endpoint: str, *, html_ok: bool) -> Response:
        offers = (*GRAPH_FORMATS, PAGE_FORMATS[0]) if html_ok else GRAPH_FORMATS
        fmt = negotiate(req.header("accept"), offers)
        if fmt is None:
            raise HttpError(406, "the service description is text/turtle, "
                                 "application/n-triples or application/ld+json")
        if fmt.key == "html":
            nonce = new_nonce()
            mode = "read-write with a token" if self.config.allow_update else "read-only"
            html = render("service", nonce=nonce, css=CSS, subtitle=self._subtitle(),
                          endpoint=endpoint, mode=mode)
            return html_response(html, page_csp(nonce, scripts=False),
                                 headers={"Vary": "Accept"})
        fmt_name = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld"}[fmt.key]
        body = self._sd_graph(endpoint).serialize(format=fmt_name)
        return Response(200, body.encode("utf-8"), fmt.content_type, {"Vary": "Accept"})

    def _sd_graph(self, endpoint: str) -> Graph:
        g = Graph()
        g.bind("sd", SD)
        g.bind("formats", FORMATS)
        service = URIRef(endpoint)
        g.add((service, RDF.type, SD.Service))
        g.add((service, SD.endpoint, service))
        g.add((service, SD.supportedLanguage, SD.SPARQL11Query))
        if self.config.allow_update:
            g.add((service, SD.supportedLanguage, SD.SPARQL11Update))
        for name in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV",
                     "SPARQL_Results_TSV", "Turtle", "N-Triples", "JSON-LD"):
            g.add((service, SD.resultFormat, FORMATS[name]))
        g.add((service, SD.feature, SD.UnionDefaultGraph))
        g.add((service, RDFS.comment, Literal(
            f"graphbuild knowledge graph. The default graph is the union of all named graphs; "
            f"prefixes {', '.join(PREFIXES)} are pre-declared. Each query may run "
            f"{self.config.timeout:g} s and returns at most {self.config.max_rows} rows. "
            "SERVICE and LOAD are refused.")))
        return g
