"""rdflib's Turtle and TriG writers, with literals that span lines written safely.

rdflib 7 writes a literal holding a line break as a long string (``\"\"\"…\"\"\"``) and escapes
its backslashes before looking at its last character, so a text ending in a backslash and a
quote (``…\\"``) comes out as ``\"\"\"…\\\\\"\"\"\"`` - which rdflib reads back but conforming
Turtle parsers (Oxigraph, Jena) reject. graphbuild's writers, registered as the rdflib
serializer plugins ``graphbuild-turtle`` and ``graphbuild-trig``, write such literals as
one-line strings with ``\\n``/``\\r`` escapes instead, which every Turtle parser reads, and
an integer-valued ``xsd:decimal`` in its canonical form (``"1"^^xsd:decimal``, which
rdflib's shorthand would turn into ``1.0``); all other terms are written by rdflib exactly
as before.
"""

from __future__ import annotations

from rdflib import XSD, Literal
from rdflib.plugin import Serializer, register
from rdflib.plugins.serializers.trig import TrigSerializer
from rdflib.plugins.serializers.turtle import _GEN_QNAME_FOR_DT, TurtleSerializer

#: rdflib serializer names of graphbuild's writers
TURTLE, TRIG = "graphbuild-turtle", "graphbuild-trig"

_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def literal_n3(node: Literal, qname: object = None) -> str:
    """``node`` as a one-line Turtle string literal; ``qname(datatype)`` may shorten the
    datatype IRI to a prefixed name (or return None)."""
    text = '"' + str(node).translate(_ESCAPES) + '"'
    if node.language:
        return f"{text}@{node.language}"
    if node.datatype is not None:
        short = qname(node.datatype) if callable(qname) else None
        return f"{text}^^{short or node.datatype.n3()}"
    return text


class _SafeLiterals:
    def label(self, node, position):  # noqa: ANN001, ANN201 - rdflib's signature
        if isinstance(node, Literal) and ("\n" in node or "\r" in node or (
                node.datatype == XSD.decimal and "." not in node)):
            # also an integer-valued decimal in its canonical form ("1"): rdflib would
            # write the shorthand 1.0, which readers keep as another lexical form
            return literal_n3(node, lambda dt: self.get_pname(dt, _GEN_QNAME_FOR_DT))
        return super().label(node, position)


class SafeTurtleSerializer(_SafeLiterals, TurtleSerializer):
    """rdflib's Turtle writer; literals holding line breaks on one line."""


class SafeTrigSerializer(_SafeLiterals, TrigSerializer):
    """rdflib's TriG writer; literals holding line breaks on one line."""


register(TURTLE, Serializer, __name__, "SafeTurtleSerializer")
register(TRIG, Serializer, __name__, "SafeTrigSerializer")
