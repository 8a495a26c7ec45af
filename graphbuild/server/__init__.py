"""A SPARQL endpoint with a web page over a graphbuild store (``graphbuild serve``).

>>> from graphbuild.server import ServerConfig, make_server
>>> server = make_server(ServerConfig(store="out/store", port=0))   # doctest: +SKIP
>>> server.serve_forever()                                           # doctest: +SKIP
"""

from __future__ import annotations

from typing import Any

__all__ = ["ServerConfig", "ServerConfigError", "make_server", "serve"]


def __getattr__(name: str) -> Any:
    # lazy, so that a query worker (python -m graphbuild.server.worker) imports little
    if name in ("ServerConfig", "ServerConfigError"):
        from graphbuild.server import config

        return getattr(config, name)
    if name in ("make_server", "serve"):
        from graphbuild.server import app

        return getattr(app, name)
    raise AttributeError(name)
