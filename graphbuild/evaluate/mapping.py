"""The tables that map graphbuild's types and relation names onto each benchmark's labels.

Entity tables are keyed by a schema.org class (``Legislation``, ``MonetaryAmount``) or, failing
that, by a graphbuild kind (``person``, ``organization``, ``place``, ``other``, ``value``,
``date``); the more specific key wins. Relation tables are keyed by the fact names of
:mod:`graphbuild.evaluate.predict` (``schema:worksFor``, ``rel:<verb>``, ``coref:sameAs``); a
key may end in ``+<qualifier>`` (``schema:worksFor+leader``: a role whose title is a leading
one), and a value may name several labels, of which those whose argument signature fits the
mapped argument types are kept. A label written ``^Label`` (SPARQL's inverse path) takes the
fact's arguments in the other order: "X includes Y" is ``Y BelongsTo X``. To map a new
graphbuild relation (say a trained ``gb:basedIn``) add one row.
docs/evaluation.md shows these tables and the reasons behind them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from graphbuild.evaluate.predict import Fact, PredSpan

# --------------------------------------------------------------------------- CoNLL04
CONLL04_ENTITY_TYPES = ("Peop", "Org", "Loc", "Other")
CONLL04_CORE_TYPES = ("Peop", "Org", "Loc")
CONLL04_RELATION_TYPES = ("Work_For", "Kill", "OrgBased_In", "Live_In", "Located_In")

#: ``--other`` policies: which graphbuild spans are predicted as CoNLL04 ``Other``
CONLL04_OTHER_POLICIES: dict[str, dict[str, str]] = {
    # nothing is predicted as Other: scores of Other are recall 0 (the default)
    "none": {},
    # graphbuild's own entities of kind other (events, products, works, laws)
    "entities": {"other": "Other"},
    # ... and its quantities and dateline dates
    "entities+values": {"other": "Other", "value": "Other", "date": "Other"},
}
CONLL04_BASE_ENTITIES: dict[str, str] = {"person": "Peop", "organization": "Org",
                                         "place": "Loc"}

_KILL = ("kill", "murder", "assassinate", "shoot", "slay", "stab", "strangle", "execute",
         "behead", "gun_down", "poison")
_WORK = ("work_for", "work_at", "work_with", "join", "lead", "head", "chair", "represent",
         "run", "serve_in", "serve_on", "serve_with")
_LIVE = ("live_in", "bear_in", "bear_near", "reside_in", "grow_up_in", "settle_in",
         "live_near", "move_to")
CONLL04_RELATIONS: dict[str, str | tuple[str, ...]] = {
    "schema:worksFor": ("Work_For", "Live_In"),  # Live_In: an office in a place (issue 12)
    **{f"rel:{v}": "Work_For" for v in _WORK},
    "rel:employ": "^Work_For",
    "rel:hire": "^Work_For",
    **{f"rel:{v}": "Kill" for v in _KILL},
    **{f"rel:{v}": "Live_In" for v in _LIVE},
    "rel:base_in": "OrgBased_In",
    "rel:headquarter_in": "OrgBased_In",
    "rel:locate_in": ("OrgBased_In", "Located_In"),
    # the trained typed-relation classifier (graphbuild.extract.typed_relations); its
    # Work_For and Kill come as schema:worksFor and rel:kill (rows above)
    "schema:homeLocation": "Live_In",
    "schema:location": "OrgBased_In",
    "schema:containedInPlace": "Located_In",
    # affiliations read from titles and verbs of leading (issue 12): CoNLL04 counts a
    # country's leader as living there, a member as working for the organisation
    "gb:leads": ("Work_For", "Live_In"),
    "schema:memberOf": "Work_For",
}
#: (head type, tail type) each CoNLL04 relation takes; other predictions are dropped
CONLL04_SIGNATURES: dict[str, tuple[str, str]] = {
    "Work_For": ("Peop", "Org"), "Kill": ("Peop", "Peop"), "OrgBased_In": ("Org", "Loc"),
    "Live_In": ("Peop", "Loc"), "Located_In": ("Loc", "Loc"),
}

# --------------------------------------------------------------------------- re3d
RE3D_ENTITY_TYPES = ("Organisation", "Location", "Person", "Nationality", "Temporal",
                     "Quantity", "Weapon", "Vehicle", "MilitaryPlatform", "DocumentReference",
                     "Money", "Coordinate", "CommsIdentifier", "Frequency")
RE3D_RELATION_TYPES = ("CoLocated", "FightingAgainst", "BelongsTo", "CommWith", "HasAttrOf",
                       "IsSynonymOf", "InChargeOf", "AlliesOf", "Likes", "Dislikes", "Apart")
#: relation types matched in either argument order
RE3D_SYMMETRIC = frozenset({"CoLocated", "CommWith", "AlliesOf", "IsSynonymOf"})

RE3D_ENTITIES: dict[str, str] = {
    "person": "Person",
    "organization": "Organisation",
    "place": "Location",
    "Legislation": "DocumentReference",
    "QuantitativeValue": "Quantity",
    "MonetaryAmount": "Money",
    "Date": "Temporal",
}

#: role titles that put their holder in charge of the organisation
LEADER_TITLES = frozenset({
    "leader", "head", "chief", "commander", "president", "chairman", "chairwoman", "chair",
    "chairperson", "director", "governor", "mayor", "king", "queen", "emir", "sultan",
    "premier", "chancellor", "boss", "executive", "founder", "owner", "captain", "general",
    "administrator", "superintendent", "dean", "principal",
})

_FIGHT = ("attack", "fight", "fight_against", "kill", "strike", "target", "bomb", "shell",
          "destroy", "defeat", "engage", "raid", "ambush", "battle", "combat", "clash_with",
          "degrade", "besiege", "capture", "assault", "invade", "wound", "execute", "behead",
          "murder", "shoot", "threaten", "terrorise", "terrorize")
_COMM = ("meet", "meet_with", "talk_to", "talk_with", "speak_to", "speak_with", "consult",
         "consult_with", "tell", "urge", "call_on", "discuss_with", "host", "brief", "ask",
         "phone", "call", "contact", "negotiate_with", "inform", "write_to", "invite",
         "thank", "warn", "receive")
_LIKE = ("welcome", "praise", "commend", "congratulate", "applaud", "endorse", "admire",
         "salute", "value", "appreciate", "honour", "honor", "stand_with")
_DISLIKE = ("condemn", "criticise", "criticize", "denounce", "deplore", "oppose", "reject",
            "blame", "accuse", "sanction", "abhor", "decry", "protest", "reproach")
_ALLY = ("support", "assist", "aid", "help", "back", "ally_with", "cooperate_with",
         "partner_with", "coordinate_with", "train", "advise", "equip", "arm", "work_with",
         "reinforce")
_CHARGE = ("lead", "command", "control", "head", "run", "govern", "chair", "direct",
           "oversee", "manage", "use", "operate", "own", "hold", "rule")
_BELONG = ("belong_to", "work_for", "serve_in", "serve_with", "join")
RE3D_RELATIONS: dict[str, str | tuple[str, ...]] = {
    "schema:worksFor": "BelongsTo",
    "schema:worksFor+leader": "InChargeOf",
    "coref:sameAs": "IsSynonymOf",
    **{f"rel:{v}": "FightingAgainst" for v in _FIGHT},
    **{f"rel:{v}": "CommWith" for v in _COMM},
    **{f"rel:{v}": "Likes" for v in _LIKE},
    **{f"rel:{v}": "Dislikes" for v in _DISLIKE},
    **{f"rel:{v}": "AlliesOf" for v in _ALLY},
    **{f"rel:{v}": "InChargeOf" for v in _CHARGE},
    **{f"rel:{v}": "BelongsTo" for v in _BELONG},
    **{f"rel:{v}": "^BelongsTo" for v in ("include", "comprise", "employ", "hire")},
    **{f"rel:{v}": "CoLocated" for v in ("locate_in", "base_in", "station_in", "deploy_to",
                                         "arrive_in", "live_in", "operate_in", "visit")},
    # the trained typed-relation classifier: a home, a base or a containing place
    "schema:homeLocation": "CoLocated",
    "schema:location": "CoLocated",
    "schema:containedInPlace": "CoLocated",
}
#: argument types a re3d relation needs, when graphbuild knows them ("" = any)
RE3D_SIGNATURES: dict[str, tuple[str, str]] = {
    "CoLocated": ("", "Location"),
    "CommWith": ("", ""),
}

#: the re3d relations graphbuild does not express, with the reason (shown in the docs)
RE3D_NOT_EXPRESSED = {
    "HasAttrOf": "no attribute facts (counts are kept on statements, not on entities)",
    "Apart": "no facts about separation or absence",
}


def entity_label(span: PredSpan, table: Mapping[str, str]) -> str | None:
    """The benchmark label of a predicted span: by schema.org class, else by kind."""
    return table.get(span.schema_type) or table.get(span.kind)


def fact_keys(fact: Fact) -> Iterator[str]:
    """Table keys for a fact, most specific first."""
    if fact.qualifier:
        yield f"{fact.name}+{fact.qualifier}"
        words = fact.qualifier.split()
        if fact.name == "schema:worksFor" and words and words[-1] in LEADER_TITLES:
            yield f"{fact.name}+leader"
    yield fact.name


def relation_labels(fact: Fact, table: Mapping[str, str | tuple[str, ...]],
                    head_type: str | None, tail_type: str | None,
                    signatures: Mapping[str, tuple[str, str]]) -> list[tuple[str, bool]]:
    """(benchmark label, swapped) for each label of ``fact`` whose signature fits the mapped
    argument types (``None``: the argument has no benchmark type); ``swapped`` means the
    relation's head is the fact's tail."""
    for key in fact_keys(fact):
        if key in table:
            value = table[key]
            out = []
            for lab in (value,) if isinstance(value, str) else value:
                swap = lab.startswith("^")
                lab = lab.lstrip("^")
                args = (tail_type, head_type) if swap else (head_type, tail_type)
                if _fits(signatures.get(lab), *args):
                    out.append((lab, swap))
            return out
    return []


def _fits(sig: tuple[str, str] | None, head: str | None, tail: str | None) -> bool:
    if sig is None:
        return True
    return all(want == "" or got == want for want, got in zip(sig, (head, tail), strict=True))
