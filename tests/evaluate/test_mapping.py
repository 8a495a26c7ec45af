"""The mapping tables: graphbuild types and fact names onto benchmark labels."""

from __future__ import annotations

from graphbuild.evaluate import mapping as mp
from graphbuild.evaluate.predict import Fact, PredSpan


def span(kind: str, schema_type: str) -> PredSpan:
    return PredSpan(0, 1, kind, schema_type, "ner")


def fact(name: str, qualifier: str = "") -> Fact:
    return Fact(name, span("person", "Person"), span("organization", "Organization"),
                qualifier)


def test_entity_label_prefers_the_schema_class_to_the_kind():
    assert mp.entity_label(span("place", "City"), mp.CONLL04_BASE_ENTITIES) == "Loc"
    assert mp.entity_label(span("organization", "GovernmentOrganization"),
                           mp.CONLL04_BASE_ENTITIES) == "Org"
    assert mp.entity_label(span("other", "Legislation"), mp.RE3D_ENTITIES) == \
        "DocumentReference"
    assert mp.entity_label(span("other", "Event"), mp.RE3D_ENTITIES) is None
    assert mp.entity_label(span("value", "MonetaryAmount"), mp.RE3D_ENTITIES) == "Money"


def test_other_policy_none_predicts_no_other():
    table = {**mp.CONLL04_BASE_ENTITIES, **mp.CONLL04_OTHER_POLICIES["none"]}
    assert mp.entity_label(span("other", "Event"), table) is None
    table = {**mp.CONLL04_BASE_ENTITIES, **mp.CONLL04_OTHER_POLICIES["entities"]}
    assert mp.entity_label(span("other", "Event"), table) == "Other"


def test_roles_map_to_work_for_and_leaders_to_in_charge_of():
    assert mp.relation_labels(fact("schema:worksFor", "spokesman"), mp.CONLL04_RELATIONS,
                              "Peop", "Org", mp.CONLL04_SIGNATURES) == [("Work_For", False)]
    assert mp.relation_labels(fact("schema:worksFor", "spokesman"), mp.RE3D_RELATIONS,
                              "Person", "Organisation", mp.RE3D_SIGNATURES) == \
        [("BelongsTo", False)]
    assert mp.relation_labels(fact("schema:worksFor", "chief executive"), mp.RE3D_RELATIONS,
                              "Person", "Organisation", mp.RE3D_SIGNATURES) == \
        [("InChargeOf", False)]


def test_signatures_drop_ill_typed_relations():
    kill = fact("rel:assassinate")
    assert mp.relation_labels(kill, mp.CONLL04_RELATIONS, "Peop", "Peop",
                              mp.CONLL04_SIGNATURES) == [("Kill", False)]
    assert mp.relation_labels(kill, mp.CONLL04_RELATIONS, "Peop", "Loc",
                              mp.CONLL04_SIGNATURES) == []
    located = fact("rel:locate_in")
    assert mp.relation_labels(located, mp.CONLL04_RELATIONS, "Org", "Loc",
                              mp.CONLL04_SIGNATURES) == [("OrgBased_In", False)]
    assert mp.relation_labels(located, mp.CONLL04_RELATIONS, "Loc", "Loc",
                              mp.CONLL04_SIGNATURES) == [("Located_In", False)]


def test_inverse_labels_swap_the_arguments():
    employs = fact("rel:employ")
    assert mp.relation_labels(employs, mp.CONLL04_RELATIONS, "Org", "Peop",
                              mp.CONLL04_SIGNATURES) == [("Work_For", True)]
    assert mp.relation_labels(fact("rel:include"), mp.RE3D_RELATIONS, "Organisation",
                              "Organisation", mp.RE3D_SIGNATURES) == [("BelongsTo", True)]


def test_unknown_facts_map_to_nothing():
    assert mp.relation_labels(fact("rel:eat"), mp.CONLL04_RELATIONS, "Peop", "Org",
                              mp.CONLL04_SIGNATURES) == []


def test_every_mapped_label_is_a_benchmark_label():
    for table, labels in ((mp.CONLL04_RELATIONS, mp.CONLL04_RELATION_TYPES),
                          (mp.RE3D_RELATIONS, mp.RE3D_RELATION_TYPES)):
        for value in table.values():
            for lab in (value,) if isinstance(value, str) else value:
                assert lab.lstrip("^") in labels, lab
    assert set(mp.CONLL04_BASE_ENTITIES.values()) <= set(mp.CONLL04_ENTITY_TYPES)
    assert set(mp.RE3D_ENTITIES.values()) <= set(mp.RE3D_ENTITY_TYPES)
    assert set(mp.RE3D_NOT_EXPRESSED) <= set(mp.RE3D_RELATION_TYPES)
