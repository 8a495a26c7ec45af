"""Typed relations (trained classifier): made-up sentences, the shipped model, the graph."""

from __future__ import annotations

import json
from importlib import resources

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF

from graphbuild.evaluate import mapping as mp
from graphbuild.evaluate.predict import facts
from graphbuild.extract import typed_relations as tr
from graphbuild.extract._relfeatures import LOC, ORG, PER, SIGNATURES, Arg, candidates
from graphbuild.rdf.convert import article_quads
from graphbuild.rdf.vocab import GB, REL, SDO


def _relations(findings_of, text: str) -> set[tuple[str, str, str]]:
    f = findings_of(text)
    label = {e.key: e.label for e in f.entities}
    return {(r.relation, label[r.head], label[r.tail]) for r in f.typed_relations}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Work_For: apposition with "at", a title before the name, "works for", "professor at"
        ("Jane Doe, a lawyer at Acme Group, said the deal was off.",
         {("Work_For", "Jane Doe", "Acme Group")}),
        # a head's title: Leads (issue 12), also as a verb of leading
        ("Acme Group chief executive Jane Doe said sales rose.",
         {("Leads", "Jane Doe", "Acme Group")}),
        ("The task force is led by Jane Doe of Acme Group.", set()),
        ("Acme Group is led by Jane Doe.", {("Leads", "Jane Doe", "Acme Group")}),
        ("Jane Doe heads the Ministry of Defence.",
         {("Leads", "Jane Doe", "Ministry of Defence")}),
        ("John Smith works for the Ministry of Defence.",
         {("Work_For", "John Smith", "Ministry of Defence")}),
        ("Laura Kim, a professor at Denver University, said the law was unfair.",
         {("Work_For", "Laura Kim", "Denver University")}),
        # Live_In: born in, resident of, mayor of
        ("Helen Ward was born in Cork in 1950.", {("Live_In", "Helen Ward", "Cork")}),
        ("Maria Lopez, who was born in Leeds, studied law.",
         {("Live_In", "Maria Lopez", "Leeds")}),
        ("Sam Jones, a resident of Denver, sued Globex Industries.",
         {("Live_In", "Sam Jones", "Denver")}),
        ("Ruth Kane, the mayor of Denver, opened the bridge.",
         {("Live_In", "Ruth Kane", "Denver")}),
        # OrgBased_In: based in, X-based
        ("Globex Industries, based in Boise, said profits rose.",
         {("OrgBased_In", "Globex Industries", "Boise")}),
        ("The Denver-based company Globex Industries hired 200 people.",
         {("OrgBased_In", "Globex Industries", "Denver")}),
        # Located_In: "City, State", "capital of"
        ("The plant in Boise, Idaho, will close next year.",
         {("Located_In", "Boise", "Idaho")}),
        ("The talks were held in Lisbon, the capital of Portugal.",
         {("Located_In", "Lisbon", "Portugal")}),
        ("Nairobi, the capital of Kenya, was quiet.", {("Located_In", "Nairobi", "Kenya")}),
        # Kill: active, passive (the agent is the killer), under a reporting verb
        ("Tom Reed shot Paul Grant outside a bar.", {("Kill", "Tom Reed", "Paul Grant")}),
        ("Paul Grant was killed by Tom Reed in 1990.", {("Kill", "Tom Reed", "Paul Grant")}),
        ("Police said Mark Tully assassinated Ruth Kane.",
         {("Kill", "Mark Tully", "Ruth Kane")}),
        ("Ruth Kane's assassin Mark Tully was hanged.", {("Kill", "Mark Tully", "Ruth Kane")}),
        # several relations in one sentence
        ("Jane Doe, a lawyer at Acme Group, said Tom Reed had left Globex Industries.",
         {("Work_For", "Jane Doe", "Acme Group")}),
        # a dateline's own places still relate; a speaker who talks of themself
        ("BOISE, Idaho, May 3 (Mountain News) - Jane Doe, a lawyer at Acme Group, said the "
         "deal was off.", {("Located_In", "Boise", "Idaho")}),
        ('Jane Doe said: "I work for Globex Industries in Lisbon."',
         {("Work_For", "Jane Doe", "Globex Industries"),
          ("OrgBased_In", "Globex Industries", "Lisbon")}),
    ],
)
def test_typed_relations_are_found(findings_of, text, expected):
    assert expected <= _relations(findings_of, text)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # two people in one sentence are not a killing
        ("Laura Kim thanked Tom Reed for his help.", {("Kill", "Laura Kim", "Tom Reed")}),
        ("Paul Grant praised Ruth Kane for her courage.", {("Kill", "Paul Grant", "Ruth Kane")}),
        # the victim did not kill the killer: one direction only
        ("Tom Reed shot Paul Grant outside a bar.", {("Kill", "Paul Grant", "Tom Reed")}),
        ("Paul Grant was killed by Tom Reed in 1990.", {("Kill", "Paul Grant", "Tom Reed")}),
        # a killing needs a killing word linking killer and victim, not a trial or a day
        ("Tom Reed will be sentenced following Paul Grant's trial.",
         {("Kill", "Tom Reed", "Paul Grant"), ("Kill", "Paul Grant", "Tom Reed")}),
        ("Tom Reed drove the car on the day Paul Grant was shot.",
         {("Kill", "Tom Reed", "Paul Grant")}),
        # listed names are not related: "Acme Group and Lisbon officials"
        ("Officials of Acme Group and Denver met.", {("OrgBased_In", "Acme Group", "Denver")}),
        # coordinated or travelled-between places are not inside one another
        ("Officials in Denver and Lisbon signed the treaty.",
         {("Located_In", "Lisbon", "Denver"), ("Located_In", "Denver", "Lisbon")}),
        ("Laura Kim flew from Denver to Lisbon on Monday.",
         {("Located_In", "Denver", "Lisbon"), ("Live_In", "Laura Kim", "Lisbon")}),
        # the lawyer works at Acme, not at the company another person left
        ("Jane Doe, a lawyer at Acme Group, said Tom Reed had left Globex Industries.",
         {("Work_For", "Jane Doe", "Globex Industries")}),
        # only the other way round: the city is in the state
        ("The plant in Boise, Idaho, will close next year.", {("Located_In", "Idaho", "Boise")}),
        # suing, merging or criticising is not working for
        ("Sam Jones, a resident of Denver, sued Globex Industries.",
         {("Work_For", "Sam Jones", "Globex Industries")}),
        ("Globex Industries and Acme Group agreed to merge, Jane Doe said.",
         {("Work_For", "Jane Doe", "Globex Industries"), ("Work_For", "Jane Doe", "Acme Group")}),
        # a wire dateline names where the story was filed, not where the agency is based
        ("PORT ELLIS, March 12 (Coastal Wire) - The harbour council accused Bluewater Ferries "
         "of cutting sailings.", {("OrgBased_In", "Coastal Wire", "Port Ellis")}),
        ("BOISE, Idaho, May 3 (Mountain News) - Jane Doe, a lawyer at Acme Group, said the "
         "deal was off.", {("OrgBased_In", "Mountain News", "Boise")}),
        # a place that qualifies another noun is not where the organisation is based
        ("The frigate joined U.S. ships and Acme Group vessels.",
         {("OrgBased_In", "Acme Group", "U.S.")}),
        # a minister's portfolio is not an organisation
        ("Education Secretary Jane Doe visited Acme Group.",
         {("Work_For", "Jane Doe", "Education"), ("Leads", "Jane Doe", "Education")}),
        # a verb of leading that is only planned or denied states no leadership
        ("Jane Doe will lead Acme Group.", {("Leads", "Jane Doe", "Acme Group")}),
        ("Jane Doe did not lead Acme Group.", {("Leads", "Jane Doe", "Acme Group")}),
        # the speaker and a name in what they said about someone else
        ('"Globex Industries is based in Lisbon," said Jane Doe, a lawyer at Acme Group.',
         {("Work_For", "Jane Doe", "Globex Industries")}),
    ],
)
def test_unrelated_pairs_are_left_out(findings_of, text, absent):
    assert not absent & _relations(findings_of, text)


def test_relations_carry_mention_spans_sentence_and_confidence(findings_of):
    text = "The weather was fine. Tom Reed shot Paul Grant outside a bar."
    (rel,) = [r for r in findings_of(text).typed_relations if r.relation == "Kill"]
    assert text[slice(*rel.head_span)] == "Tom Reed"
    assert text[slice(*rel.tail_span)] == "Paul Grant"
    assert text[rel.sentence.start:rel.sentence.end].startswith("Tom Reed shot")
    assert 0.5 < rel.confidence <= 1.0 and rel.extractor == tr.NAME


def test_candidates_follow_the_signatures_and_skip_overlaps():
    args = [Arg(0, 2, PER), Arg(3, 4, ORG), Arg(5, 6, LOC), Arg(7, 8, PER), Arg(1, 3, LOC)]
    cands = candidates(args)
    assert ("Work_For", 0, 1) in cands and ("Kill", 0, 3) in cands and ("Kill", 3, 0) in cands
    assert ("OrgBased_In", 1, 2) in cands and ("Live_In", 3, 2) in cands
    assert ("Work_For", 1, 0) not in cands  # an organisation does not work for a person
    assert all((h, t) != (0, 4) for _r, h, t in cands)  # overlapping spans
    for rel, h, t in cands:
        assert (args[h].kind, args[t].kind) == SIGNATURES[rel]


def test_shipped_model_is_small_and_complete():
    path = resources.files("graphbuild").joinpath("data", tr.MODEL_FILE)
    raw = path.read_bytes()
    assert len(raw) < 3_000_000
    data = json.loads(raw)
    assert set(data["relations"]) == set(SIGNATURES) <= set(tr.PROPERTIES)
    assert data["parser"] and data["trained_on"].startswith("CoNLL04 train")
    model = tr.load_model()
    for rel in SIGNATURES:
        assert 0.0 < model.threshold(rel) < 1.0
        assert len(model.relations[rel][2]) > 100
    # a lexical cue moves the probability the right way
    assert model.probability("Kill", ["bw=shoot"]) > model.probability("Kill", ["bw=thank"])


def test_graph_has_direct_edges_and_statements_with_provenance(result_of):
    res = result_of("Tom Reed shot Paul Grant outside a bar. Helen Ward was born in Cork.")
    quads = list(article_quads(res))
    triples = {(s, p, o) for s, p, o, _g in quads}
    by_label = {str(o): s for s, p, o in triples if p == SDO.name}
    reed, grant = by_label["Tom Reed"], by_label["Paul Grant"]
    ward, cork = by_label["Helen Ward"], by_label["Cork"]
    assert (reed, REL.kill, grant) in triples and (ward, SDO.homeLocation, cork) in triples
    stmts = [s for s, p, o in triples if p == RDF.predicate and o == SDO.homeLocation]
    assert len(stmts) == 1
    props = {p for s, p, _o in triples if s == stmts[0]}
    assert {RDF.subject, RDF.object, GB.sentence, GB.article, GB.startOffset, GB.endOffset,
            GB.extractor, GB.confidence} <= props
    assert (stmts[0], GB.extractor, URIRef(f"https://w3id.org/graphbuild/id/extractor/{tr.NAME}")
            ) in triples
    (event,) = [s for s, p, o in triples if p == RDF.type and o == GB.Killing]
    assert (event, SDO.agent, reed) in triples and (event, GB.victim, grant) in triples
    assert (event, RDF.type, SDO.Event) in triples
    assert any(p == GB.subjectText and o == Literal("Tom Reed") for s, p, o in triples)


@pytest.mark.parametrize(("relation", "label"), [
    ("Work_For", "Work_For"), ("Live_In", "Live_In"), ("OrgBased_In", "OrgBased_In"),
    ("Located_In", "Located_In"), ("Kill", "Kill")])
def test_evaluator_maps_each_property_back_to_its_conll04_label(relation, label):
    fact_name = tr.PROPERTIES[relation]
    value = mp.CONLL04_RELATIONS[fact_name]
    assert label in ((value,) if isinstance(value, str) else value)


def test_evaluator_reads_typed_relations_as_facts(result_of):
    res = result_of("Helen Ward was born in Cork in 1950.")
    names = {(f.name, res.doc.text[f.head.start:f.head.end], res.doc.text[f.tail.start:f.tail.end])
             for f in facts(res.doc, res.findings)}
    assert ("schema:homeLocation", "Helen Ward", "Cork") in names


def test_leading_is_a_typed_relation_not_an_action(result_of):
    quads = list(article_quads(result_of("Acme Group is led by Jane Doe.")))
    statements = [s for s, p, o, _g in quads if p == RDF.type and o == GB.Statement]
    (st,) = statements
    preds = {o for s, p, o, _g in quads if s == st and p == RDF.predicate}
    assert preds == {GB.leads, SDO.worksFor}  # scored as an affiliation, named as leading
    assert not [s for s, p, o, _g in quads if s == st and p == GB.verb]
    direct = {p for s, p, o, _g in quads if str(s).endswith("Jane_Doe") and
              str(o).endswith("Acme_Group")}
    assert {GB.leads, SDO.worksFor} <= direct


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("\u201cThe Vantor Group in Chicago is failing,\u201d said Tom Reed.", "in_quote"),
        ("The Vantor Group, which last year sold most of its shares and closed two of its "
         "four plants, is in Chicago.", "far"),
    ],
)
def test_classifier_relations_record_their_evidence_cues(findings_of, text, cue):
    rels = [r for r in findings_of(text).typed_relations if r.extractor == tr.NAME]
    assert rels and all(cue in r.cues for r in rels)


def test_a_near_pair_outside_quotations_has_no_cues(findings_of):
    rels = [r for r in findings_of("The Vantor Group in Chicago cut jobs.").typed_relations
            if r.extractor == tr.NAME]
    assert rels and all(r.cues == () for r in rels)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a place in apposition to another, with a compass word between
        ("The fire in Camden, north London, spread overnight.",
         {("Located_In", "Camden", "London")}),
        ("The bombing in Ankara, Turkey, killed two.", {("Located_In", "Ankara", "Turkey")}),
        # a person "from" a place
        ("Mr Okafor, 31, from Croydon, was released.", {("Live_In", "Okafor", "Croydon")}),
    ],
)
def test_places_stated_outright(findings_of, text, expected):
    got = {(r.relation, *names) for r in findings_of(text).typed_relations
           if r.extractor == "relations.pattern"
           for names in [_labels(findings_of(text), r)]}
    assert expected <= got


def _labels(f, r):
    label = {e.key: e.label for e in f.entities}
    return label[r.head], label[r.tail]


def test_a_place_the_gazetteer_puts_in_another_country_is_not_located_there(findings_of):
    rels = findings_of("Officials met in Berlin, Zambia, on Monday.").typed_relations
    assert not [r for r in rels if r.relation == "Located_In"]


def test_a_list_of_places_is_no_location(findings_of):
    rels = findings_of("The virus spread in Peru, Italy, Spain and Hungary.").typed_relations
    assert not [r for r in rels if r.extractor == "relations.pattern"]


@pytest.mark.parametrize(
    ("title", "expected"),
    [("chief executive", "Leads"), ("prime minister", "Leads"), ("deputy leader", "Work_For"),
     # a chancellor heads a government in some countries and is its finance minister in
     # others ("UK Chancellor Gordon Brown"): the title alone says no one leads
     ("chancellor", "Work_For"), ("mp", "Member_Of")],
)
def test_affiliation_of_a_title(title: str, expected: str) -> None:
    from graphbuild.extract.typed_relations import _affiliation

    assert _affiliation(title, "Country") == expected
