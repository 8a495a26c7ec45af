"""Colours, shapes and the type hierarchy used to draw graphbuild entities.

Everything here is a constant chosen by graphbuild, never text read from an article,
so the SVG legend swatches built here are safe to put into the page as markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Depth of each drawable class in its schema.org (or graphbuild) hierarchy: the most
# specific type of a node is the one with the greatest depth.
TYPE_DEPTH: dict[str, int] = {
    "Thing": 0,
    "Person": 1,
    "Organization": 1,
    "GovernmentOrganization": 2,
    "Corporation": 2,
    "NewsMediaOrganization": 2,
    "NGO": 2,
    "EducationalOrganization": 2,
    "PoliticalParty": 2,
    "SportsTeam": 2,
    "Place": 1,
    "AdministrativeArea": 2,
    "Country": 3,
    "State": 3,
    "City": 3,
    "Event": 1,
    "Product": 1,
    "CreativeWork": 1,
    "Legislation": 2,
    "Concept": 1,
    "UnspecifiedAgent": 1,
}

# Coarse kind per type (what ``gb:entityKind`` would say) when the graph does not say it.
TYPE_KIND: dict[str, str] = {
    "Person": "person",
    "Organization": "organization",
    "GovernmentOrganization": "organization",
    "Corporation": "organization",
    "NewsMediaOrganization": "organization",
    "NGO": "organization",
    "EducationalOrganization": "organization",
    "PoliticalParty": "organization",
    "SportsTeam": "organization",
    "Place": "place",
    "AdministrativeArea": "place",
    "Country": "place",
    "State": "place",
    "City": "place",
    "Concept": "concept",
    "UnspecifiedAgent": "agent",
}


@dataclass(frozen=True)
class Style:
    """How nodes of one type are drawn: a vis-network shape and a fill colour."""

    color: str
    shape: str


# Hues kept apart: people warm red, organisations blues/purples (government navy, companies
# teal), places greens, events gold, works pink/violet; concepts and agents greys.
_STYLES: dict[str, Style] = {
    "Person": Style("#e4572e", "dot"),
    "Organization": Style("#2e86ab", "square"),
    "GovernmentOrganization": Style("#1b3a8c", "square"),
    "Corporation": Style("#0e9aa7", "square"),
    "NewsMediaOrganization": Style("#8e44ad", "square"),
    "NGO": Style("#17a589", "square"),
    "EducationalOrganization": Style("#5b7fd6", "square"),
    "PoliticalParty": Style("#b03a2e", "square"),
    "SportsTeam": Style("#e67e22", "square"),
    "Place": Style("#27ae60", "triangle"),
    "AdministrativeArea": Style("#52be80", "triangle"),
    "Country": Style("#1e8449", "triangle"),
    "State": Style("#7dcea0", "triangle"),
    "City": Style("#8bc34a", "triangle"),
    "Event": Style("#f1c40f", "star"),
    "Product": Style("#a04000", "diamond"),
    "CreativeWork": Style("#d35d9b", "diamond"),
    "Legislation": Style("#6c3483", "diamond"),
    # not an entity type (not in TYPE_DEPTH, so no --types): drawn from query results only
    "NewsArticle": Style("#566573", "diamond"),
    "Concept": Style("#bdc3c7", "ellipse"),
    "UnspecifiedAgent": Style("#7f8c8d", "triangleDown"),
}
_FALLBACK = Style("#95a5a6", "dot")


def style_for(type_name: str) -> Style:
    """The drawing style of a node type (a grey dot for types graphbuild does not know)."""
    return _STYLES.get(type_name, _FALLBACK)


def type_depth(type_name: str) -> int:
    """How specific a type is; unknown schema.org types count as depth 1."""
    return TYPE_DEPTH.get(type_name, 1)


def kind_for(type_name: str) -> str:
    """The coarse kind of a type: person, organization, place, concept, agent or other."""
    return TYPE_KIND.get(type_name, "other")


_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def humanize(name: str) -> str:
    """``GovernmentOrganization`` -> ``Government organization``; ``NGO`` stays ``NGO``."""
    if name.isupper():
        return name
    words = _CAMEL.sub(" ", name).replace("_", " ").split()
    if not words:
        return name
    rest = [w if w.isupper() else w.lower() for w in words[1:]]
    return " ".join([words[0], *rest])


_SVG_SHAPES: dict[str, str] = {
    "dot": '<circle cx="8" cy="8" r="6" fill="{c}"/>',
    "ellipse": '<ellipse cx="8" cy="8" rx="7" ry="4.5" fill="{c}"/>',
    "square": '<rect x="2" y="2" width="12" height="12" fill="{c}"/>',
    "triangle": '<polygon points="8,1.5 15,14.5 1,14.5" fill="{c}"/>',
    "triangleDown": '<polygon points="1,1.5 15,1.5 8,14.5" fill="{c}"/>',
    "diamond": '<polygon points="8,1 15,8 8,15 1,8" fill="{c}"/>',
    "star": '<polygon points="8,1 10,6 15,6 11,9.5 12.5,15 8,11.5 3.5,15 5,9.5 1,6 6,6" '
            'fill="{c}"/>',
}

_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")


def swatch_svg(type_name: str) -> str:
    """A 16x16 inline SVG of the type's shape and colour, for the legend."""
    style = style_for(type_name)
    color = style.color if _COLOR.match(style.color) else _FALLBACK.color
    body = _SVG_SHAPES.get(style.shape, _SVG_SHAPES["dot"]).format(c=color)
    return (f'<svg class="gb-swatch" width="16" height="16" viewBox="0 0 16 16" '
            f'aria-hidden="true">{body}</svg>')


def edge_swatch_svg(color: str, *, dashed: bool = False, width: float = 2.0,
                    opacity: float = 1.0) -> str:
    """A 28x12 inline SVG line for the edge legend (graphbuild's own constants only)."""
    color = color if _COLOR.match(color) else _FALLBACK.color
    dash = ' stroke-dasharray="5,3"' if dashed else ""
    return (f'<svg class="gb-swatch" width="28" height="12" viewBox="0 0 28 12" '
            f'aria-hidden="true"><line x1="1" y1="6" x2="27" y2="6" stroke="{color}" '
            f'stroke-width="{float(width):.1f}" stroke-opacity="{float(opacity):.2f}"{dash}/>'
            f'</svg>')


# Direct superclass of each drawable class (schema.org's hierarchy, cut to what graphbuild
# draws); every chain ends at Thing.
PARENT: dict[str, str] = {
    "Person": "Thing", "Organization": "Thing", "Place": "Thing", "Event": "Thing",
    "Product": "Thing", "CreativeWork": "Thing", "Concept": "Thing",
    "UnspecifiedAgent": "Thing",
    **{t: "Organization" for t in ("GovernmentOrganization", "Corporation",
                                   "NewsMediaOrganization", "NGO", "EducationalOrganization",
                                   "PoliticalParty", "SportsTeam")},
    "AdministrativeArea": "Place",
    **{t: "AdministrativeArea" for t in ("Country", "State", "City")},
    "Legislation": "CreativeWork",
}


def ancestors(type_name: str) -> list[str]:
    """``type_name`` and its superclasses, most specific first (unknown types: [t, Thing])."""
    chain = [type_name]
    while chain[-1] != "Thing":
        chain.append(PARENT.get(chain[-1], "Thing"))
    return chain


def subtypes(names: set[str] | list[str] | tuple[str, ...]) -> set[str]:
    """The given type names plus every known subclass of them."""
    wanted = set(names)
    return wanted | {t for t in TYPE_DEPTH if wanted & set(ancestors(t))}


def canonical_type(name: str) -> str | None:
    """A known type name for ``name`` matched case-insensitively (None if unknown)."""
    known = {t.lower(): t for t in TYPE_DEPTH}
    return known.get(name.strip().lower())
