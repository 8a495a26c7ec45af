"""The SPARQL 1.1 Protocol at ``/sparql``: queries, updates, errors as HTTP statuses.

* query: ``GET ?query=``, ``POST`` form ``query=``, ``POST application/sparql-query``;
  ``default-graph-uri``/``named-graph-uri`` choose the dataset (default: the union of all
  graphs). Answer format by ``Accept`` (406 when none fits).
* update: ``POST`` form ``update=`` or ``application/sparql-update``; 403 unless the server
  allows updates and the request carries ``Authorization: Bearer <token>``.
* 400 malformed or refused query (one line, with line and column), 503 no free worker or
  worker died, 504 timeout, 502 a remote store (``--store URL``) failed. Answers carry
  ``X-Graphbuild-Rows``, ``X-Graphbuild-Truncated`` and ``X-Graphbuild-Max-Rows``.
"""

from __future__ import annotations

import hmac
import logging
import re
from typing import Any
from urllib.parse import parse_qs

from graphbuild.query.guard import MAX_QUERY_CHARS, looks_cheap, vendor_extension
from graphbuild.server.config import ServerConfig
from graphbuild.server.negotiate import GRAPH_FORMATS, RESULT_FORMATS, Format, negotiate
from graphbuild.server.safety import ForbiddenQuery, check_graphs, check_length, query_form
from graphbuild.server.web import HttpError, Request, Response
from graphbuild.server.worker import (
    JobFailed,
    WorkerBusy,
    WorkerDied,
    WorkerPool,
    WorkerTimeout,
)

__all__ = ["SparqlEndpoint", "run_job", "syntax_message", "read_operation"]

log = logging.getLogger("graphbuild.server")

_OX_ERROR = re.compile(r"error at (\d+):(\d+):\s*(.*)", re.DOTALL)
_FORMATS_BY_KEY = {f.key: f for f in (*RESULT_FORMATS, *GRAPH_FORMATS)}


def syntax_message(text: str, error: str, what: str = "query") -> str:
    """Oxigraph's ``error at L:C: expected …`` as one line with the text before the spot."""
    m = _OX_ERROR.search(error)
    if not m:
        return f"malformed SPARQL {what}: {' '.join(error.split())[:200]}"
    line, col, detail = int(m.group(1)), int(m.group(2)), " ".join(m.group(3).split())
    if len(detail) > 160:
        detail = detail[:159] + "…"
    lines = text.splitlines() or [""]
    before = lines[line - 1][: max(col - 1, 0)].strip()[-25:] if line <= len(lines) else ""
    where = f' (after "{before}")' if before else ""
    return f"malformed SPARQL {what} at line {line}, column {col}{where}: {detail}"


def run_job(pool: WorkerPool, config: ServerConfig, job: str, kwargs: dict[str, Any],
            text: str = "", what: str = "query") -> Any:
    """Run a worker job; turn its failures into HTTP errors."""
    try:
        return pool.run(job, kwargs, config.timeout)
    except WorkerTimeout:
        raise HttpError(504, f"query timed out: it ran longer than the server's limit of "
                             f"{config.timeout:g} s (graphbuild serve --timeout) and was "
                             "stopped") from None
    except WorkerBusy as err:
        raise HttpError(503, f"server busy: {err}; try again", {"Retry-After": "2"}) from None
    except WorkerDied as err:
        raise HttpError(503, f"{err}; try a smaller query", {"Retry-After": "2"}) from None
    except JobFailed as err:
        if err.kind in ("QueryForbiddenError", "QueryTooLongError"):  # the guard, in the worker
            raise HttpError(400, err.message) from None
        if err.kind == "QueryRefusedError":
            raise HttpError(403, err.message) from None
        if err.kind in ("SyntaxError", "StoreSyntaxError"):
            raise HttpError(400, syntax_message(text, err.message, what)) from None
        if err.kind == "NotAcceptable":
            raise HttpError(406, err.message) from None
        if err.kind == "OSError":
            log.error("store error: %s", err.message)
            raise HttpError(500, f"store error: {err.message}") from None
        if err.kind in ("StoreUnavailableError", "StoreRequestError"):  # a remote store
            log.error("remote store error: %s", err.message)
            raise HttpError(502, f"remote store error: {err.message}") from None
        raise HttpError(400, f"{what} failed: {' '.join(err.message.split())[:300]}") from None


def _one(values: dict[str, list[str]], name: str) -> str | None:
    got = values.get(name, [])
    if len(got) > 1:
        raise HttpError(400, f"more than one '{name}' parameter")
    return got[0] if got else None


def read_operation(req: Request) -> tuple[str | None, str | None, dict[str, list[str]]]:
    """(query, update, parameters) of a protocol request; 415/400 for bad requests."""
    params = req.params
    if req.method in ("GET", "HEAD"):
        if "update" in params:
            raise HttpError(400, "SPARQL Update must be sent with POST")
        return _one(params, "query"), None, params
    try:
        body = req.body.decode("utf-8")
    except UnicodeDecodeError:
        raise HttpError(400, "request body is not UTF-8") from None
    media = req.media_type
    if media == "application/x-www-form-urlencoded":
        form = parse_qs(body, keep_blank_values=True)
        params = {**params, **form}
        query, update = _one(form, "query"), _one(form, "update")
    elif media == "application/sparql-query":
        query, update = body, None
    elif media == "application/sparql-update":
        query, update = None, body
    else:
        raise HttpError(415, "POST a SPARQL query as application/sparql-query or "
                             "application/x-www-form-urlencoded (query=…), an update as "
                             "application/sparql-update or form update=…")
    if query is not None and update is not None:
        raise HttpError(400, "send either query or update, not both")
    if query is None and update is None:
        raise HttpError(400, "missing 'query' (or 'update') parameter")
    return query, update, params


def _not_acceptable(form: str, offers: tuple[Format, ...]) -> HttpError:
    kinds = ", ".join(f.media_type for f in offers)
    return HttpError(406, f"cannot answer a {form.upper()} query in the accepted formats; "
                          f"available: {kinds}")


class SparqlEndpoint:
    """Queries and updates; cheap queries (:func:`looks_cheap`) go to ``fast_pool`` when
    there is one, so they are answered during a flood of slow ones. The guard's parse runs
    in the worker (the ``query``/``update`` jobs), under the time limit."""

    def __init__(self, config: ServerConfig, pool: WorkerPool,
                 fast_pool: WorkerPool | None = None) -> None:
        self.config = config
        self.pool = pool
        self.fast_pool = fast_pool

    def _lane(self, text: str) -> WorkerPool:
        if self.fast_pool is not None and looks_cheap(text):
            return self.fast_pool
        return self.pool

    def query(self, req: Request, text: str, params: dict[str, list[str]]) -> Response:
        if self.config.remote:  # as the remote store itself would refuse it: 403
            found = vendor_extension(text[:MAX_QUERY_CHARS])
            if found is not None:
                raise HttpError(403, f"not standard SPARQL 1.1: {found[:40]!r} (server "
                                     "extensions are refused)")
        try:
            check_length(text)
            check_graphs([*params.get("default-graph-uri", []),
                          *params.get("named-graph-uri", [])])
        except ForbiddenQuery as err:
            raise HttpError(400, str(err)) from None
        accept = req.header("accept")
        result_fmt = negotiate(accept, RESULT_FORMATS)
        graph_fmt = negotiate(accept, GRAPH_FORMATS)
        form = query_form(text)
        if form in ("select", "ask") and result_fmt is None:
            raise _not_acceptable(form, RESULT_FORMATS)
        if form in ("construct", "describe") and graph_fmt is None:
            raise _not_acceptable(form, GRAPH_FORMATS)
        if result_fmt is None and graph_fmt is None:
            raise HttpError(406, "none of the accepted formats can carry SPARQL results")
        out = run_job(self._lane(text), self.config, "query", {
            "text": text, "result_format": result_fmt.key if result_fmt else None,
            "graph_format": graph_fmt.key if graph_fmt else None,
            "max_rows": self.config.max_rows, "max_bytes": self.config.max_bytes,
            "default_graphs": params.get("default-graph-uri") or None,
            "named_graphs": params.get("named-graph-uri") or None}, text)
        if out["truncated"]:
            log.info("answer truncated at %d rows", out["rows"])
        return Response(200, out["body"], _FORMATS_BY_KEY[out["format"]].content_type,
                        {"Vary": "Accept", **result_headers(out, self.config)})

    def update(self, req: Request, text: str) -> Response:
        if not self.config.allow_update:
            raise HttpError(403, "this endpoint is read-only: SPARQL Update is refused "
                                 "(start graphbuild serve with --allow-update --token T)")
        auth = req.header("authorization") or ""
        scheme, _, given = auth.partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(
                given.strip().encode(), (self.config.token or "").encode()):
            raise HttpError(403, "SPARQL Update needs the header 'Authorization: Bearer "
                                 "<token>' with the server's --token")
        try:
            check_length(text, "update")
        except ForbiddenQuery as err:
            raise HttpError(400, str(err)) from None
        run_job(self.pool, self.config, "update", {"text": text}, text, "update")
        log.info("update applied (%d characters)", len(text))
        return Response(204)


def result_headers(out: dict[str, Any], config: ServerConfig) -> dict[str, str]:
    return {"X-Graphbuild-Rows": str(out["rows"]),
            "X-Graphbuild-Truncated": "true" if out["truncated"] else "false",
            "X-Graphbuild-Max-Rows": str(config.max_rows)}
