"""One registry for the extractors.

An extractor is a pure function ``(doc: ParsedDoc, found: Findings) -> value`` that declares
which :class:`~graphbuild.types.Findings` fields it needs and the one field it fills. Adding an
extractor is one new module in :mod:`graphbuild.extract` that decorates its function with
:func:`extractor`; :func:`pipeline` orders them by what they need.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from typing import Any

from graphbuild.errors import MissingRequirementError, RegistryError, UnknownExtractorError
from graphbuild.types import Findings, ParsedDoc

ExtractFn = Callable[[ParsedDoc, Findings], Any]

_FIELDS = {f.name for f in fields(Findings)}


@dataclass(frozen=True)
class Extractor:
    name: str
    provides: tuple[str, ...]
    requires: tuple[str, ...]
    fn: ExtractFn

    def __call__(self, doc: ParsedDoc, found: Findings) -> Findings:
        value = self.fn(doc, found)
        if len(self.provides) == 1:
            return replace(found, **{self.provides[0]: value})
        return replace(found, **dict(zip(self.provides, value, strict=True)))


_REGISTRY: dict[str, Extractor] = {}


def extractor(name: str, *, provides: str | tuple[str, ...], requires: tuple[str, ...] = ()
              ) -> Callable[[ExtractFn], ExtractFn]:
    """Register ``fn`` as the extractor ``name`` that fills ``Findings.<provides>`` (several
    fields: ``fn`` returns a tuple of values in the same order)."""
    provided = (provides,) if isinstance(provides, str) else tuple(provides)

    def wrap(fn: ExtractFn) -> ExtractFn:
        for f in (*provided, *requires):
            if f not in _FIELDS:
                raise RegistryError(f"extractor {name!r}: Findings has no field {f!r}")
        if name in _REGISTRY and _REGISTRY[name].fn is not fn:
            raise RegistryError(f"extractor {name!r} is registered twice")
        _REGISTRY[name] = Extractor(name, provided, tuple(requires), fn)
        return fn

    return wrap


def _load_all() -> None:
    import graphbuild.extract as pkg

    for mod in pkgutil.iter_modules(pkg.__path__):
        if not mod.name.startswith("_"):
            importlib.import_module(f"{pkg.__name__}.{mod.name}")


def registered() -> dict[str, Extractor]:
    _load_all()
    return dict(_REGISTRY)


def pipeline(names: list[str] | None = None) -> list[Extractor]:
    """The registered extractors (or those named) in an order that satisfies ``requires``."""
    table = registered()
    unknown = [n for n in (names or ()) if n not in table]
    if unknown:
        raise UnknownExtractorError(f"no extractor named {', '.join(map(repr, unknown))}; "
                                    "registered: " + ", ".join(sorted(table)))
    chosen = [table[n] for n in (names or sorted(table))]
    providers = {p: e for e in chosen for p in e.provides}
    _check_requirements(chosen, providers, table)
    ordered: list[Extractor] = []
    done: set[str] = set()
    pending = list(chosen)
    while pending:
        progressed = False
        for ext in list(pending):
            missing = [r for r in ext.requires if r in providers and r not in done]
            if not missing:
                ordered.append(ext)
                done.update(ext.provides)
                pending.remove(ext)
                progressed = True
        if not progressed:
            names_left = ", ".join(e.name for e in pending)
            raise RegistryError(f"extractors with circular requirements: {names_left}")
    return ordered


def _check_requirements(chosen: list[Extractor], providers: dict[str, Extractor],
                        table: dict[str, Extractor]) -> None:
    """Every field a chosen extractor requires must be filled by another chosen one."""
    for ext in chosen:
        for field_name in ext.requires:
            if field_name in providers:
                continue
            offer = sorted(e.name for e in table.values() if field_name in e.provides)
            hint = f"add {' or '.join(map(repr, offer))}" if offer else "nothing provides it"
            raise MissingRequirementError(
                f"extractor {ext.name!r} requires {field_name!r}, which no chosen extractor "
                f"provides ({hint})")


def run(doc: ParsedDoc, extractors: list[Extractor] | None = None) -> Findings:
    found = Findings()
    for ext in extractors or pipeline():
        found = ext(doc, found)
    return found
