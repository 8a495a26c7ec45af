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

    code = "GB440"


class QueryRefusedError(StoreRequestError):
    """A query or update uses a server extension (Virtuoso's ``bif:``/``sql:``, ``DEFINE``,
    ``OPTION``): refused before it reaches a remote store."""

    code = "GB441"


class RegistryError(GraphbuildError):
    """An extractor is registered twice, or requires something nobody provides."""

    code = "GB501"


class MissingRequirementError(RegistryError):
    """A chosen extractor requires a field that no chosen extractor provides."""

    code = "GB520"


class UnknownExtractorError(RegistryError):
    """An extractor asked for by name is not registered."""

    code = "GB521"


class WorkerDiedError(GraphbuildError):
    """A worker process ended abruptly (killed, out of memory, crashed)."""

    code = "GB421"


class SchedulerUnreachableError(GraphbuildError):
    """The Dask scheduler cannot be reached, or the connection to it was lost."""

    code = "GB430"


class SchedulerAddressError(GraphbuildError):
    """A ``--scheduler`` value that is neither ``tcp://HOST:PORT`` nor ``local:N``, or one
    given where it cannot be used."""

    code = "GB431"


class ClusterTaskError(GraphbuildError):
    """A batch raised on the Dask cluster even after its retries (e.g. a worker without
    graphbuild installed)."""

    code = "GB432"


class ServerConfigError(GraphbuildError):
    """``graphbuild serve`` was started with settings it cannot use."""

    code = "GB601"


class ViewSelectionError(GraphbuildError):
    """A view selection that cannot be made (unknown focus, bad option)."""

    code = "GB620"


class TimelineEntityError(GraphbuildError):
    """``graphbuild timeline --entity NAME``: no entity has NAME as label or alias (the
    message names close matches)."""

    code = "GB630"


class TimelineNarrativeError(GraphbuildError):
    """``graphbuild timeline --narrative IRI``: not a narrative IRI of the store."""

    code = "GB631"


class SettingsError(GraphbuildError):
    """A ``GRAPHBUILD_*`` environment variable holds a value its setting cannot use."""

    code = "GB150"


class CorpusDateError(SettingsError):
    """``--corpus-date`` / ``GRAPHBUILD_CORPUS_DATE`` is not a calendar date YYYY-MM-DD."""

    code = "GB180"


class NoInputError(GraphbuildError):
    """None of the inputs held a readable article: nothing to build."""

    code = "GB151"


class ShapeViolationError(GraphbuildError):
    """A graph does not conform to graphbuild's SHACL shapes (``graphbuild validate``)."""

    code = "GB330"
# ---------------------------------------------------------------- hostile input (issue 15)

class QueryForbiddenError(GraphbuildError, ValueError):
    """A query or update would reach outside the store (SERVICE, LOAD, a dataset clause
    naming another graph): refused before anything runs (graphbuild.query.guard)."""

    code = "GB340"


class QueryTooLongError(QueryForbiddenError):
    """A query or update is longer than the guard reads (graphbuild.query.guard)."""

    code = "GB341"


class InputNotRegularError(InputError):
    """An input path is a device, FIFO, socket or a link to one: only regular files are
    read."""

    code = "GB160"


class InputTooLargeError(InputError):
    """A compressed input expands past the decompressed-size cap (a gzip bomb)."""

    code = "GB161"


class GraphFileUnsafeError(GraphFileError):
    """A graph file asks for something a reader refuses: DTD entities in RDF/XML, a JSON-LD
    context that is not shipped, a lone surrogate (``\\ud800``)."""

    code = "GB470"


class GraphFileUnreadableError(GraphFileError):
    """A graph file cannot be read (no permission, not a regular file, I/O error)."""

    code = "GB471"


class DiskFullError(StoreError):
    """The disk (or quota) is full: nothing was half-written."""

    code = "GB472"


class ServerStartError(GraphbuildError):
    """``graphbuild serve`` cannot start (port taken, store held by another process)."""

    code = "GB610"


def disk_full(err: BaseException) -> DiskFullError | None:
    """A :class:`DiskFullError` for an ``OSError`` that says the disk or quota is full
    (errno ENOSPC/EDQUOT, or a store's "No space left on device"), else None."""
    import errno

    if not isinstance(err, OSError):
        return None
    text = str(err)
    if err.errno in (errno.ENOSPC, errno.EDQUOT) or "No space left on device" in text:
        where = f"{err.filename}: " if getattr(err, "filename", None) else ""
        return DiskFullError(f"{where}no space left on device: free some space and run the "
                             "command again (files are written whole or not at all)")
    return None
class CsvOutputError(GraphbuildError):
    """``export --format csv`` without ``--out``: the node and edge tables are two files."""

    code = "GB700"
