"""``graphbuild serve``: a SPARQL endpoint and a query page over a store."""

from __future__ import annotations

import logging

import click

__all__ = ["command"]

_EPILOG = """\b
Examples:
  graphbuild serve --store out/store
  graphbuild serve --store out/store --port 8080 --timeout 30 --max-rows 50000
  graphbuild serve --store http://127.0.0.1:7878/query
  GRAPHBUILD_TOKEN=s3cret-token graphbuild serve --store out/store --allow-update

\b
Then open http://127.0.0.1:8000/ (query page), point SPARQL clients at
http://127.0.0.1:8000/sparql, and open entity pages at their IRI paths, e.g.
http://127.0.0.1:8000/id/person/Maria_Zakharova (Accept: text/turtle for Turtle).

\b
Safe by default: binds 127.0.0.1, read-only, SERVICE, LOAD and graphs outside the store
refused (checked on a real parse), every query runs in a worker process that is killed
after --timeout seconds, answers capped at --max-rows; headers due within 10 s, bodies
within 30 s, at most 2048 requests at once, cheap queries on a reserved worker
(docs/security.md lists every limit).
With --allow-update the server opens the store read-write and holds its write lock: a
'graphbuild build --store' on the same store cannot run at the same time (stop one first).
With --store URL the workers query the remote endpoint (so they keep network access; SERVICE
and LOAD are still refused) and there is no lock.
"""


@click.command(name="serve", epilog=_EPILOG)
@click.option("--store", "store", required=True, type=click.Path(file_okay=False),
              metavar="DIR|URL",
              help="The store directory (graphbuild build CORPUS --store DIR), or the URL of "
                   "a SPARQL endpoint holding one (queries are passed on to it).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but a loopback address exposes the store.")
@click.option("--port", default=8000, show_default=True, type=int,
              help="TCP port (0: any free port; the URL is logged).")
@click.option("--timeout", default=10.0, show_default=True, type=float,
              help="Seconds a query may run before it is stopped (answer 504).")
@click.option("--max-rows", default=10_000, show_default=True, type=int,
              help="Most rows (or triples) in one answer; cut answers say "
                   "X-Graphbuild-Truncated: true.")
@click.option("--workers", default=2, show_default=True, type=int,
              help="Query worker processes (1 with --allow-update).")
@click.option("--memory-limit", "memory_mb", default=2048, show_default=True, type=int,
              help="Memory cap per query worker, in MB (0: none).")
@click.option("--allow-update", is_flag=True,
              help="Accept SPARQL Update from requests with 'Authorization: Bearer TOKEN'.")
@click.option("--token", envvar="GRAPHBUILD_TOKEN", metavar="TOKEN",
              help="The bearer token for updates (or set GRAPHBUILD_TOKEN, which keeps it "
                   "out of the process list).")
def command(store: str, host: str, port: int, timeout: float, max_rows: int, workers: int,
            memory_mb: int, allow_update: bool, token: str | None) -> None:
    """Serve STORE over HTTP: SPARQL 1.1 Protocol at /sparql, a query page at /,
    entity pages at /id/…."""
    from graphbuild.server import ServerConfig, serve

    ctx = click.get_current_context()
    quiet = bool(ctx.parent and ctx.parent.params.get("quiet"))
    server_log = logging.getLogger("graphbuild.server")
    if not quiet and server_log.getEffectiveLevel() > logging.INFO:
        server_log.setLevel(logging.INFO)  # the start-up line; -v adds the access log
        logging.getLogger("graphbuild.server.access").setLevel(logging.WARNING)
    config = ServerConfig(store=store, host=host, port=port, timeout=timeout,
                          max_rows=max_rows, allow_update=allow_update, token=token,
                          workers=workers, memory_mb=memory_mb)
    serve(config)
