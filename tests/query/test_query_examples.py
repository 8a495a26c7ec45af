"""Every shipped example query runs on tests/fixtures/mini.ttl and returns the expected rows."""

from __future__ import annotations

from rdflib import Literal, URIRef

from graphbuild.query import example, list_examples, run_query
from graphbuild.query.format import plain

GB = "https://w3id.org/graphbuild/ns#"
ID = "https://w3id.org/graphbuild/id/"
SDO = "https://schema.org/"
HEADLINE = "Moscow urges Facebook to reconsider its policy"
S1 = ('"We urged Facebook to reconsider its allegedly biased, so-called fact-checking policy," '
      "said Maria Zakharova, the spokeswoman of the Russian Foreign Ministry.")
S2 = '"Facebook reportedly did not block the 18 accounts," John Smith told reporters in Moscow.'
Q1 = "We urged Facebook to reconsider its allegedly biased, so-called fact-checking policy"
Q2 = "Facebook reportedly did not block the 18 accounts"
ODD = 'Café "Zoë" <Žurnal> Дело 東京'

REQUIRED = {"who-said-what", "who-did-what-to-whom", "roles", "mentions-by-article",
            "entities-by-type", "hedged-claims", "statement-provenance",
            "narrative-first-said", "narrative-repeats", "entity-claims-repeated",
            "outlets-shared-claims"}
NARRATIVE_EXAMPLES = ("narrative-first-said", "narrative-repeats", "entity-claims-repeated",
                      "outlets-shared-claims")


def rows(ds, name: str) -> list[tuple[str, ...]]:
    result = run_query(ds, example(name))
    return [tuple(plain(row.get(v)) for v in result.vars) for row in result.bindings]


def columns(ds, name: str) -> list[str]:
    return [str(v) for v in run_query(ds, example(name)).vars]


def split_hedges(row_value: str) -> set[str]:
    return {h.strip() for h in row_value.split(",") if h.strip()}


def test_all_required_examples_exist_with_descriptions():
    listed = dict(list_examples())
    assert set(listed) >= REQUIRED
    for name, description in listed.items():
        assert description, name
        assert "\n" not in description
        assert example(name).startswith(f"# {description}")


def test_who_said_what(mini):
    assert columns(mini, "who-said-what") == ["speaker", "kind", "text", "cue", "headline"]
    assert rows(mini, "who-said-what") == [
        ("Maria Zakharova", "direct", Q1, "said", HEADLINE),
        ("John Smith", "direct", Q2, "told", HEADLINE),
    ]


def test_who_said_what_lists_reported_claims_one_row_each(mini_copy):
    claim = URIRef(f"{ID}article/mini-1/claim/400-430")
    t = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    mini_copy.add((claim, URIRef(t), URIRef(SDO + "Claim")))
    mini_copy.add((claim, URIRef(SDO + "text"), Literal("the policy was biased")))
    mini_copy.add((claim, URIRef(GB + "cue"), Literal("claim")))
    mini_copy.add((claim, URIRef(GB + "attributionCue"), Literal("according to")))
    for who in ("person/Maria_Zakharova", "person/John_Smith"):  # two speakers, one row
        mini_copy.add((claim, URIRef(SDO + "author"), URIRef(ID + who)))
    described = URIRef(f"{ID}article/mini-1/claim/500-520")
    mini_copy.add((described, URIRef(t), URIRef(SDO + "Claim")))
    mini_copy.add((described, URIRef(SDO + "text"), Literal("prices will rise")))
    mini_copy.add((described, URIRef(GB + "cue"), Literal("warn")))
    mini_copy.add((described, URIRef(GB + "speakerText"), Literal("analysts")))
    got = {r[2]: r for r in rows(mini_copy, "who-said-what")}
    speaker, kind, _, cue, _ = got["the policy was biased"]
    assert (set(speaker.split(", ")), kind, cue) == ({"Maria Zakharova", "John Smith"},
                                                     "reported", "claim")
    assert got["prices will rise"][:2] == ("analysts", "reported")
    assert got[Q1][1] == "direct"


def test_who_did_what_to_whom(mini):
    assert columns(mini, "who-did-what-to-whom") == [
        "subject", "verb", "object", "modality", "voice", "confidence", "hedges", "sentence"]
    got = rows(mini, "who-did-what-to-whom")
    assert [(s, v, o, c, split_hedges(h), t) for s, v, o, _m, _v, c, h, t in got] == [
        ("Russian Foreign Ministry", "urge", "Facebook", "0.8", {"allegedly", "so-called"}, S1),
        ("Facebook", "not block", "the 18 accounts", "0.75", {"reportedly"}, S2),  # a concept
    ]


def test_who_did_what_to_whom_one_row_per_fact_above_the_threshold(mini_copy):
    # a second label of the subject does not add a row; ?minConfidence leaves out the
    # less confident statement; a statement without a named participant is left out
    ministry = URIRef(ID + "organization/Russian_Foreign_Ministry")
    mini_copy.add((ministry, URIRef("http://www.w3.org/2000/01/rdf-schema#label"),
                   Literal("Russian MFA")))
    assert len(rows(mini_copy, "who-did-what-to-whom")) == 2
    text = example("who-did-what-to-whom")
    got = run_query(mini_copy, text, init_bindings={"minConfidence": Literal(0.78)})
    assert [str(r["verb"]) for r in got.bindings] == ["urge"]
    stmt = URIRef(ID + "article/mini-1/statement/dbfa621520d7")
    mini_copy.add((stmt, URIRef(GB + "namedParticipant"), Literal(False)))
    assert [r[1] for r in rows(mini_copy, "who-did-what-to-whom")] == ["urge"]


def test_roles(mini):
    assert columns(mini, "roles") == ["person", "title", "organization"]
    assert rows(mini, "roles") == [("Maria Zakharova", "spokeswoman", "Russian Foreign Ministry")]


def test_roles_include_job_titles_without_role_node(mini_copy):
    john = URIRef(ID + "person/John_Smith")
    mini_copy.add((john, URIRef(SDO + "jobTitle"), Literal("analyst")))
    assert ("John Smith", "analyst", "") in rows(mini_copy, "roles")
    assert len(rows(mini_copy, "roles")) == 2  # Maria's role node is not listed twice


def test_mentions_by_article(mini):
    # one row per mentioned entity: the ministry's generic schema:Organization is left out
    assert columns(mini, "mentions-by-article") == ["headline", "entity", "type"]
    assert sorted(rows(mini, "mentions-by-article")) == sorted([
        (HEADLINE, "Maria Zakharova", SDO + "Person"),
        (HEADLINE, "John Smith", SDO + "Person"),
        (HEADLINE, "Russian Foreign Ministry", SDO + "GovernmentOrganization"),
        (HEADLINE, "Facebook", SDO + "Corporation"),
        (HEADLINE, "Moscow", SDO + "City"),
        (HEADLINE, ODD, SDO + "CreativeWork"),
    ])


def test_entities_by_type(mini):
    assert columns(mini, "entities-by-type") == ["type", "kind", "entity", "label"]
    got = rows(mini, "entities-by-type")
    assert [(t, k, label) for t, k, _, label in got] == [
        (SDO + "City", "place", "Moscow"),
        (SDO + "Corporation", "organization", "Facebook"),
        (SDO + "CreativeWork", "other", ODD),
        (SDO + "GovernmentOrganization", "organization", "Russian Foreign Ministry"),
        (SDO + "Organization", "organization", "Russian Foreign Ministry"),  # every type
        (SDO + "Person", "person", "John Smith"),
        (SDO + "Person", "person", "Maria Zakharova"),
    ]
    assert got[0][2] == ID + "place/Moscow"


def test_hedged_claims(mini):
    assert columns(mini, "hedged-claims") == ["subject", "verb", "object", "hedges",
                                              "claimedBy", "sentence"]
    got = rows(mini, "hedged-claims")
    assert [(s, v, o, split_hedges(h), c, t) for s, v, o, h, c, t in got] == [
        ("Russian Foreign Ministry", "urge", "Facebook", {"allegedly", "so-called"},
         "Maria Zakharova", S1),
        ("Facebook", "not block", "the 18 accounts", {"reportedly"}, "John Smith", S2),
    ]


def test_hedged_claims_leave_out_unhedged_statements(mini_copy):
    stmt = URIRef(ID + "article/mini-1/statement/000000000000")
    mini_copy.add((stmt, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                   URIRef(GB + "Statement")))
    mini_copy.add((stmt, URIRef(GB + "verb"), Literal("say")))
    assert len(rows(mini_copy, "who-did-what-to-whom")) == 3
    assert len(rows(mini_copy, "hedged-claims")) == 2


def test_statement_provenance(mini):
    assert columns(mini, "statement-provenance") == [
        "statement", "verb", "headline", "start", "end", "sentences", "extractor",
        "confidence", "quotation"]
    assert rows(mini, "statement-provenance") == [
        (ID + "article/mini-1/statement/33d2f3391ab1", "urge", HEADLINE, "1", "85", S1,
         "relations.svo", "0.8", Q1),
        (ID + "article/mini-1/statement/dbfa621520d7", "block", HEADLINE, "160", "209", S2,
         "relations.svo", "0.75", Q2),
    ]


def test_every_example_runs_and_returns_rows(mini, mini_narratives):
    for name, _ in list_examples():
        if name in NARRATIVE_EXAMPLES:  # a graph without narratives: they run, empty
            assert rows(mini, name) == [], name
        assert rows(mini_narratives, name), name


def test_examples_return_one_page_of_a_large_result(mini_copy):
    # 150 more quotations and hedged statements: each example answers with one page
    for i in range(150):
        quote = URIRef(f"{ID}article/mini-1/quote/{1000 + i}-{1010 + i}")
        mini_copy.add((quote, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                       URIRef(SDO + "Quotation")))
        mini_copy.add((quote, URIRef(SDO + "text"), Literal(f"quote number {i}")))
        stmt = URIRef(f"{ID}article/mini-1/statement/{i:012d}")
        mini_copy.add((stmt, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                       URIRef(GB + "Statement")))
        mini_copy.add((stmt, URIRef(GB + "verb"), Literal("say")))
        mini_copy.add((stmt, URIRef(GB + "hedge"), Literal("reportedly")))
    assert len(rows(mini_copy, "who-said-what")) == 100
    assert len(rows(mini_copy, "who-did-what-to-whom")) == 100
    assert len(rows(mini_copy, "hedged-claims")) == 100
    assert len(rows(mini_copy, "statement-provenance")) == 100
    without_limit = example("who-said-what").replace("LIMIT 100", "")
    assert len(run_query(mini_copy, without_limit).bindings) == 152


def test_hedged_claims_include_reported_claims(mini_copy):
    claim = URIRef(f"{ID}article/mini-1/claim/400-430")
    mini_copy.add((claim, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                   URIRef(SDO + "Claim")))
    mini_copy.add((claim, URIRef(SDO + "text"), Literal("the accounts were fake")))
    mini_copy.add((claim, URIRef(GB + "cue"), Literal("claim")))
    mini_copy.add((claim, URIRef(SDO + "author"), URIRef(ID + "person/John_Smith")))
    mini_copy.add((claim, URIRef(GB + "hedge"), Literal("reportedly")))
    got = rows(mini_copy, "hedged-claims")
    assert ("John Smith", "claim", "the accounts were fake", "reportedly") in \
        [r[:4] for r in got]
    assert len(got) == 3


NARRATIVE = ID + "narrative/0f1e2d3c4b5a"
OUTLET_1 = "tests/fixtures/mini.txt"  # mini-1 has no publisher: its source path stands in


def test_narrative_first_said(mini_narratives):
    assert columns(mini_narratives, "narrative-first-said") == [
        "text", "firstSaidBy", "date", "outlet", "headline", "url", "appearances", "articles",
        "narrative"]
    assert rows(mini_narratives, "narrative-first-said") == [
        (Q1, "Maria Zakharova", "2020-09-03", OUTLET_1, HEADLINE, "", "2", "2", NARRATIVE)]


def test_narrative_first_said_sorts_undated_last(mini_narratives):
    late = URIRef(ID + "narrative/late")
    undated = URIRef(ID + "narrative/undated")
    t = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    label = URIRef("http://www.w3.org/2000/01/rdf-schema#label")
    for node, first, text in ((undated, ID + "article/mini-1/quote/160-209", "undated one"),
                              (late, ID + "article/mini-2/quote/10-94", "later one")):
        mini_narratives.add((node, t, URIRef(GB + "Narrative")))
        mini_narratives.add((node, label, Literal(text)))
        mini_narratives.add((node, URIRef(SDO + "firstAppearance"), URIRef(first)))
    mini_narratives.remove((URIRef(ID + "article/mini-1"), URIRef(SDO + "datePublished"),
                            None))
    got = [(r[0], r[2]) for r in rows(mini_narratives, "narrative-first-said")]
    # mini-2's quotation has its own dateCreated; mini-1's quotations are now undated
    assert got == [("later one", "2020-09-04"), (Q1, "undated"), ("undated one", "undated")]


def test_narrative_repeats_first_then_repeats_by_date(mini_narratives):
    got = rows(mini_narratives, "narrative-repeats")
    assert [(r[1], r[2], r[3], r[4], r[6], r[7]) for r in got] == [
        ("2020-09-03", "first", "Maria Zakharova", OUTLET_1, HEADLINE, ""),
        ("2020-09-04", "repeat", "Maria Zakharova", "TASS",
         "Ministry repeats its call to Facebook", "https://example.org/mini-2"),
    ]


def test_entity_claims_repeated_binds_the_entity(mini_narratives):
    text = example("entity-claims-repeated")
    facebook = run_query(mini_narratives, text, init_bindings={
        "entity": URIRef(ID + "organization/Facebook")})
    got = [tuple(plain(r.get(v)) for v in facebook.vars) for r in facebook.bindings]
    assert [(r[0], r[1], r[2], r[3], set(r[4].split(", ")), r[5]) for r in got] == [
        ("Facebook", Q1, "2", "2", {OUTLET_1, "TASS"}, "2020-09-03")]
    smith = run_query(mini_narratives, text, init_bindings={
        "entity": URIRef(ID + "person/John_Smith")})
    assert list(smith.bindings) == []


def test_entity_claims_repeated_most_repeated_first(mini_narratives):
    other = URIRef(ID + "narrative/more")
    t = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    mini_narratives.add((other, t, URIRef(GB + "Narrative")))
    mini_narratives.add((other, URIRef(SDO + "about"), URIRef(ID + "organization/Facebook")))
    mini_narratives.add((other, URIRef(SDO + "appearance"),
                         URIRef(ID + "article/mini-1/quote/160-209")))
    mini_narratives.add((other, URIRef(GB + "appearanceCount"), Literal(5)))
    got = rows(mini_narratives, "entity-claims-repeated")
    assert [r[2] for r in got] == ["5", "2"]


def test_outlets_shared_claims_counts_pairs_once(mini_narratives):
    assert columns(mini_narratives, "outlets-shared-claims") == [
        "outletA", "outletB", "sharedNarratives", "example"]
    assert rows(mini_narratives, "outlets-shared-claims") == [
        ("TASS", OUTLET_1, "1", Q1)]
