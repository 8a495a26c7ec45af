"""Check a graph against graphbuild's SHACL shapes (``graphbuild/rdf/shapes.ttl``) with
pyshacl."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rdflib import Dataset, Graph, Literal
from rdflib.namespace import SH, XSD

log = logging.getLogger("graphbuild.rdf")

__all__ = ["Violation", "ValidationReport", "shapes", "validate"]


@dataclass(frozen=True)
class Violation:
    """One result of the SHACL report: the node, the property path and the message."""

    focus: str
    path: str
    message: str
    shape: str

    def __str__(self) -> str:
        return f"{self.focus} {self.path}: {self.message}"


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    violations: tuple[Violation, ...]
    triples: int


@lru_cache(maxsize=1)
def shapes() -> Graph:
    """The shapes shipped with graphbuild."""
    text = resources.files("graphbuild.rdf").joinpath("shapes.ttl").read_text(encoding="utf-8")
    return Graph().parse(data=text, format="turtle")


def validate(graph: Graph) -> ValidationReport:
    """Validate ``graph`` (a Graph, or the union of a Dataset's graphs) against :func:`shapes`. No
    inference: the shapes ask for what graphbuild writes, the PROV-O triples included."""
    from pyshacl import validate as shacl

    data = _union(graph) if isinstance(graph, Dataset) else graph
    conforms, report, _text = shacl(data, shacl_graph=shapes(), inference="none",
                                    advanced=False, allow_warnings=False)
    out = []
    for result in report.subjects(SH.resultSeverity, SH.Violation):
        out.append(Violation(str(report.value(result, SH.focusNode)),
                             str(report.value(result, SH.resultPath) or ""),
                             str(report.value(result, SH.resultMessage) or ""),
                             str(report.value(result, SH.sourceShape) or "")))
    out.sort(key=lambda v: (v.focus, v.path, v.message))
    return ValidationReport(bool(conforms), tuple(out), len(data))


def _union(ds: Dataset) -> Graph:
    """All triples of a dataset in one graph: a node's type may live in another named graph
    (the entity graph) than the facts about it."""
    g = Graph()
    for s, p, o, _c in ds.quads((None, None, None, None)):
        if isinstance(o, Literal) and o.datatype == XSD.string:  # as a store gives them
            o = Literal(str(o))  # RDF 1.1: the same literal as a plain one
        g.add((s, p, o))
    return g
