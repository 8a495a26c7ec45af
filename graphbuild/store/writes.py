"""An article's quads as SPARQL Update requests for a remote store.

An article is written in **one request** when it fits in ``max_bytes``::

    DROP SILENT GRAPH <article> ;
    INSERT DATA { GRAPH <article> { … } GRAPH <entities> { … } }

Oxigraph's server runs a request in one transaction: the article is replaced entirely or
not at all. (Virtuoso commits each operation of a request by itself, so at worst the DROP
happens and the INSERT fails: the article is absent, never half-present, and the next build
adds it again.)

Servers limit the size of one request. Virtuoso 7's parser runs out of stack ("SP030 memory
exhausted") at about 5,000 triples in one ``GRAPH`` block, so a graph's triples go in blocks
of at most 1,000 (``GRAPH <g> {…} GRAPH <g> {…}``); it also fails at about 6 MB of text in
all, and refuses any text over 10 MB (SR578). An article that does not fit in ``max_bytes``
(``GRAPHBUILD_STORE_MAX_REQUEST``, default 4,000,000) is **staged**: its quads go, in
requests of at most ``max_bytes``, into staging graphs (``…/graph/staging/…``, left over
from a failed earlier attempt dropped first), and one last small request moves them in::

    ADD SILENT <staged entities> TO <entities> ;
    DROP SILENT GRAPH <article> ; ADD SILENT <staged article> TO <article> ;
    DROP SILENT GRAPH <staged …> …

so the article graph again changes in one step. While a staged write runs, queries over the
union of all graphs also see the staged copy.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable

import pyoxigraph as ox

from graphbuild.rdf.vocab import GRAPH

__all__ = ["article_requests", "insert_data", "graph_blocks", "staging_graph",
           "STAGING_PREFIX", "DEFAULT_MAX_BYTES"]

#: Virtuoso 7 copes with about 6 MB in one update: stay well under it
DEFAULT_MAX_BYTES = 4_000_000
#: triples in one GRAPH block (Virtuoso 7 fails at about 5,000)
BLOCK_TRIPLES = 1_000
STAGING_PREFIX = str(GRAPH["staging/"])

Blocks = dict[str | None, list[str]]  # graph IRI (None: default graph) -> "s p o ." lines


def graph_blocks(quads: Iterable[ox.Quad]) -> Blocks:
    """Quads as triple lines in SPARQL syntax, grouped by graph (in order of appearance)."""
    out: Blocks = defaultdict(list)
    for q in quads:
        g = q.graph_name
        key = None if isinstance(g, ox.DefaultGraph) else g.value
        out[key].append(f"{q.subject} {q.predicate} {q.object} .")
    return dict(out)


def insert_data(blocks: Blocks) -> str:
    """One ``INSERT DATA`` of ``blocks`` (empty string when there is nothing to insert)."""
    parts = []
    for graph, lines in blocks.items():
        for start in range(0, len(lines), BLOCK_TRIPLES):
            body = "\n".join(lines[start:start + BLOCK_TRIPLES])
            parts.append(body if graph is None
                         else f"GRAPH {ox.NamedNode(graph)} {{\n{body}\n}}")
    return f"INSERT DATA {{\n{chr(10).join(parts)}\n}}" if parts else ""


def staging_graph(article_graph: str, graph: str | None) -> str:
    """The staging graph of ``graph``'s part of an article (stable per article)."""
    a = hashlib.sha1(article_graph.encode("utf-8")).hexdigest()[:16]
    g = hashlib.sha1((graph or "").encode("utf-8")).hexdigest()[:8]
    return f"{STAGING_PREFIX}{a}/{g}"


def article_requests(article_graph: str, quads: Iterable[ox.Quad],
                     max_bytes: int = DEFAULT_MAX_BYTES) -> list[str]:
    """The update requests that replace ``article_graph`` with ``quads`` (which may also
    hold quads of other graphs, e.g. the entity graph), in order."""
    blocks = graph_blocks(quads)
    drop = f"DROP SILENT GRAPH {ox.NamedNode(article_graph)}"
    # and what an earlier staged write of this article left, if it stopped half-way
    drop += "".join(f" ;\nDROP SILENT GRAPH {ox.NamedNode(staging_graph(article_graph, g))}"
                    for g in blocks)
    single = drop + " ;\n" + insert_data(blocks) if blocks else drop
    if len(single.encode("utf-8")) <= max_bytes:
        return [single]
    return _staged(article_graph, blocks, max_bytes)


def _staged(article_graph: str, blocks: Blocks, max_bytes: int) -> list[str]:
    stage = {g: staging_graph(article_graph, g) for g in blocks}
    drops = [f"DROP SILENT GRAPH {ox.NamedNode(s)}" for s in stage.values()]
    requests = [" ;\n".join(drops)]
    budget = max(max_bytes - 1000, 1)  # room for INSERT DATA and the GRAPH headers
    chunk: Blocks = defaultdict(list)
    size = 0
    for graph, lines in blocks.items():
        for line in lines:
            n = len(line.encode("utf-8")) + 1
            if size and size + n > budget:
                requests.append(insert_data(chunk))
                chunk, size = defaultdict(list), 0
            chunk[stage[graph]].append(line)
            size += n
    if chunk:
        requests.append(insert_data(chunk))
    others = [f"ADD SILENT {ox.NamedNode(s)} TO {_add_target(g)}"
              for g, s in stage.items() if g != article_graph]
    mine = [f"DROP SILENT GRAPH {ox.NamedNode(article_graph)}"]
    if article_graph in stage:
        # the old article goes only while its staged copy is there: this last request may be
        # sent again (its answer lost after it was applied), and then must change nothing
        art, staged = ox.NamedNode(article_graph), ox.NamedNode(stage[article_graph])
        mine = [f"DELETE {{ GRAPH {art} {{ ?s ?p ?o }} }} WHERE {{ GRAPH {art} {{ ?s ?p ?o }} "
                f"FILTER EXISTS {{ GRAPH {staged} {{ ?x ?y ?z }} }} }}",
                f"ADD SILENT {staged} TO {art}"]
    requests.append(" ;\n".join(others + mine + drops))
    return requests


def _add_target(graph: str | None) -> str:
    return "DEFAULT" if graph is None else str(ox.NamedNode(graph))
