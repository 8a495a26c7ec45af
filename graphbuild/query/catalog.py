"""Named example queries shipped in ``graphbuild/query/examples/*.rq``.

Each file's first line is a comment with a one-line description (``# Who said what ...``);
the name of an example is its file name without ``.rq``.
"""

from __future__ import annotations

from importlib import resources
from typing import TYPE_CHECKING

from graphbuild.errors import UnknownExampleError

if TYPE_CHECKING:  # importlib.resources.abc is Python 3.11+; graphbuild runs on 3.10 too
    from importlib.resources.abc import Traversable

__all__ = ["list_examples", "example"]


def _examples_dir() -> Traversable:
    return resources.files("graphbuild.query").joinpath("examples")


def _files() -> dict[str, Traversable]:
    return {
        f.name[: -len(".rq")]: f
        for f in _examples_dir().iterdir()
        if f.is_file() and f.name.endswith(".rq")
    }


def _description(text: str) -> str:
    first = text.lstrip("\ufeff").splitlines()[0] if text.strip() else ""
    return first.lstrip("#").strip() if first.startswith("#") else ""


def list_examples() -> list[tuple[str, str]]:
    """``(name, description)`` of every example query, sorted by name."""
    return [
        (name, _description(f.read_text(encoding="utf-8")))
        for name, f in sorted(_files().items())
    ]


def example(name: str) -> str:
    """The SPARQL text of example *name*; :class:`UnknownExampleError` lists valid names."""
    files = _files()
    if name not in files:
        valid = ", ".join(sorted(files))
        raise UnknownExampleError(f"no example query named {name!r} (examples: {valid})")
    return files[name].read_text(encoding="utf-8")
