"""Named exceptions. The library raises these; the CLI turns them into one-line messages.

Each error carries a short code (``GB1xx`` input, ``GB2xx`` model, ``GB3xx`` query,
``GB4xx`` store/output) so users can search for it in the README.
"""

from __future__ import annotations


class GraphbuildError(Exception):
    """Base class of every error graphbuild raises on purpose."""

    code = "GB000"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class InputError(GraphbuildError):
    """An input file or text cannot be read as an article."""

    code = "GB101"

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class InputNotFoundError(InputError):
    code = "GB102"


class ModelError(GraphbuildError):
    """The spaCy pipeline asked for cannot be loaded."""

    code = "GB201"


class QueryError(GraphbuildError):
    """A SPARQL query is malformed or cannot run."""

    code = "GB301"

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        where = f" at line {line}, column {column}" if line is not None else ""
        super().__init__(f"malformed SPARQL{where}: {message}")
        self.line = line
        self.column = column


class UnknownExampleError(GraphbuildError):
    code = "GB302"


class GraphFileError(GraphbuildError):
    """A graph file (Turtle, TriG…) cannot be read or written."""

    code = "GB401"


class UnsupportedFormatError(GraphbuildError):
    code = "GB402"


class StoreError(GraphbuildError):
    """A persistent store cannot be opened or written."""

    code = "GB410"


class StoreInUseError(StoreError):
    """Another process holds the store open for writing."""

    code = "GB411"


class StoreNotFoundError(StoreError):
    """No store at the path given."""

    code = "GB412"


class StoreUnavailableError(StoreError):
    """A remote store did not answer (down, unreachable, or answering 5xx), even after
    retrying with back-off."""

    code = "GB413"


class StoreRequestError(StoreError):
    """A remote store refused a request (HTTP 4xx other than a malformed query: wrong URL,
    no permission, request too large), or cut its answer short."""

    code = "GB414"


class StoreSyntaxError(StoreRequestError, SyntaxError):
    """A remote store refused a request as malformed (HTTP 400); a ``SyntaxError`` too, so
    ``graphbuild query`` reports it with its line and column."""


class QueryRefusedError(StoreRequestError):
    """A query or update uses a server extension (Virtuoso's ``bif:``/``sql:``, ``DEFINE``,
    ``OPTION``): refused before it reaches a remote store."""


class RegistryError(GraphbuildError):
    """An extractor is registered twice, or requires something nobody provides."""

    code = "GB501"


class CsvOutputError(GraphbuildError):
    """``export --format csv`` without ``--out``: the node and edge tables are two files."""

    code = "GB700"
