"""Statements: subject-verb-object over the dependency tree."""

from __future__ import annotations

import pytest

from graphbuild.extract.relations import find_statements
from graphbuild.types import Argument, Article, Findings, ParsedDoc, Sentence, Token

L, R = "\u201c", "\u201d"


def _arg(f: Findings, a: Argument | None) -> str | None:
    if a is None:
        return None
    ent = f.entity(a.entity)
    return ent.label if ent else a.text


def _svo(findings_of, text: str) -> list[tuple[str | None, str, str | None]]:
    f = findings_of(text)
    return [(_arg(f, s.subject), s.verb, _arg(f, s.object)) for s in f.statements]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Acme Group bought Bolt Airways.", [("Acme Group", "buy", "Bolt Airways")]),
        # coordination on both sides, and of the verbs
        ("Acme Group and Bolt Airways sued Jane Doe and Tom Reed.",
         [("Acme Group", "sue", "Jane Doe"), ("Acme Group", "sue", "Tom Reed"),
          ("Bolt Airways", "sue", "Jane Doe"), ("Bolt Airways", "sue", "Tom Reed")]),
        ("Acme Group and Bolt Airways sued and criticised the regulator.",
         [("Acme Group", "sue", "the regulator"), ("Bolt Airways", "sue", "the regulator"),
          ("Acme Group", "criticise", "the regulator"),
          ("Bolt Airways", "criticise", "the regulator")]),
        # right-node raising: the object is shared by both verbs
        ("The regulator blocked and then deleted 18 accounts.",
         [("The regulator", "block", "18 accounts"), ("The regulator", "delete", "18 accounts")]),
        # passive with a "by" agent: the agent is the subject
        ("The bridge was closed by police on Monday.",
         [("police", "close", "The bridge")]),
        ("The contract was awarded to Acme Group by the Ministry of Defence.",
         [("Ministry of Defence", "award", "The contract")]),
        # a passive conjoined to a clause takes its subject as the patient; a prepositional
        # phrase of a passive is not its object
        ("The drug is safe and was approved by regulators in 12 countries.",
         [("regulators", "approve", "The drug")]),
        # agentless passive: no subject
        ("The factory was closed on Monday.", [(None, "close", "The factory")]),
        # a prepositional verb joins its preposition; a dated "in 1990" is not an object
        ("The report is based on police data.", [("The report", "base_on", "police data")]),
        ("Acme Group looked after the workers.", [("Acme Group", "look_after", "the workers")]),
        # a particle joins the verb
        ("Acme Group gave up the plan.", [("Acme Group", "give_up", "the plan")]),
        # a relative pronoun stands for the noun it modifies
        ("Acme Group, which owns Bolt Airways, cut 300 jobs.",
         [("Acme Group", "own", "Bolt Airways"), ("Acme Group", "cut", "300 jobs")]),
        ("Police arrested two men who attacked Jane Doe.",
         [("Police", "arrest", "two men"), ("two men", "attack", "Jane Doe")]),
        # a hyphenated word split by the parser is one object; a relative pronoun after a
        # name in a prepositional phrase stands for that name
        ("Jane Doe discussed UK-France co-operation.",
         [("Jane Doe", "discuss", "UK-France co-operation")]),
        ("Jane Doe of Acme Group, which owns Bolt Airways, spoke.",
         [("Acme Group", "own", "Bolt Airways")]),
        # a relative pronoun stands for its noun, not the names coordinated with it
        ("Jane Doe, who sued Acme Group, and Tom Reed spoke.",
         [("Jane Doe", "sue", "Acme Group")]),
        # "which" after a place does not stand for the place: "the attack on Camp Hurriya
        # that killed…"; an object relative takes the noun it modifies as object
        ("The attack on Camp Hurriya that killed Jane Doe shocked Tom Reed.",
         [("The attack", "kill", "Jane Doe"), ("The attack", "shock", "Tom Reed")]),
        ("Jane Doe praised the contribution Acme Group will make.",
         [("Jane Doe", "praise", "the contribution"),
          ("Acme Group", "make", "the contribution")]),
        # "have" with an object is an action; a named agent's action without an object
        # has no object ("if Acme Group wins"), but a verb of saying is a claim
        ("Jane Doe had no idea.", [("Jane Doe", "have", "no idea")]),
        ("Acme Group won.", [("Acme Group", "win", None)]),
        ("Jane Doe spoke.", []),
        # a content clause is not an object relative; a participle's subject is its own
        ("Jane Doe noted the fact that Acme Group blocked and deleted 18 accounts.",
         [("Jane Doe", "note", "the fact"), ("Acme Group", "block", "18 accounts"),
          ("Acme Group", "delete", "18 accounts")]),
        # ", which" after a participle's object stands for the noun the participle describes
        ("Acme Group cited an inquiry carried out against Jane Doe, which is based on "
         "police data.", [("Acme Group", "cite", "an inquiry"),
                          (None, "carry_out", "an inquiry"),
                          ("an inquiry", "base_on", "police data")]),
        # an evidential passive frames its clause; a passive that acts on its subject stays
        ("Jane Doe is expected to sign the deal.", [("Jane Doe", "sign", "the deal")]),
        ("Jane Doe was forced to sign the deal.",
         [(None, "force", "Jane Doe"), ("Jane Doe", "sign", "the deal")]),
        # a pronoun subject resolved by coreference
        ("Jane Doe spoke on Monday. She criticised Acme Group.",
         [("Jane Doe", "criticise", "Acme Group")]),
        # wanted, not done: a statement of the controller, marked intended (test_modality);
        # speech verbs are not actions on their objects
        ("Acme Group wants to buy Bolt Airways.", [("Acme Group", "buy", "Bolt Airways")]),
        ("The regulator urged Acme Group to sell the plant.",
         [("The regulator", "urge", "Acme Group"), ("Acme Group", "sell", "the plant")]),
        # an agentless passive with a prepositional phrase: the patient is the object
        ("Jane Doe was selected for West Ham on Monday.", [(None, "select", "Jane Doe")]),
        ("Jane Doe said in January that sales rose.", []),
        ("The council met on Monday.", []),  # no named agent
        # a conjoined verb shares the subject of the conjunct it hangs on, not of the
        # first clause; a finite verb conjoined to an infinitive shares its governor's
        ("Tom Reed faces heavy debts and all his friends must work together to help him, "
         "pay the bank and find a buyer.",
         [("Tom Reed", "face", "heavy debts"), ("all his friends", "help", "Tom Reed"),
          ("all his friends", "pay", "the bank"), ("all his friends", "find", "a buyer")]),
        ("Jane Doe pressed for Acme Group to sell the plant and underlined the need for "
         "reform.", [("Acme Group", "sell", "the plant"), ("Jane Doe", "underline", "the need")]),
        # an object is shared by conjoined verbs only when nothing else follows the first
        ("Jane Doe wants to sell the plant but has no buyer.",
         [("Jane Doe", "sell", "the plant"), ("Jane Doe", "have", "no buyer")]),
        ("Acme Group delivers in the north and sees off Bolt Airways.",
         [("Acme Group", "deliver_in", "the north"), ("Acme Group", "see_off", "Bolt Airways")]),
        ("Customers will continue to use the service, but they will pay Acme Group.",
         [("Customers", "use", "the service")]),
    ],
)
def test_svo(findings_of, text: str, expected: list) -> None:
    assert _svo(findings_of, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a predicate adjective's phrase is not the verb's object
        ("Acme Group remains firm in its support for Jane Doe.", []),
        # a participle with a "by" agent is a passive of the noun it follows, wherever the
        # parser hangs it
        ("A letter sent to Tom Reed said his licence would not be renewed because of "
         "evidence gathered against him by Acme Group.",
         [(None, "send", "A letter"), (None, "renew", "his licence"),
          ("Acme Group", "gather", "evidence")]),
        # only a verb of making or asking someone do something hands its infinitive to
        # its object
        ("The list includes ten companies to watch Acme Group.",
         [("The list", "include", "ten companies")]),
        ("Jane Doe urged Acme Group to sell the plant.",
         [("Jane Doe", "urge", "Acme Group"), ("Acme Group", "sell", "the plant")]),
        # a repeated-noun adverbial joins the verb, the partner after it is the object
        ("Acme Group went head to head with Bolt Airways on prices.",
         [("Acme Group", "go_head_to_head_with", "Bolt Airways")]),
        ("Jane Doe met Tom Reed face to face in Geneva.", [("Jane Doe", "meet", "Tom Reed")]),
        # a name's thing stands for the name ("Acme Group's lawyers"), its event does not
        ("Acme Group's lawyers sued Bolt Airways.", [("Acme Group", "sue", "Bolt Airways")]),
        ("Acme Group's choice of a candidate proves the need for change.",
         [("Acme Group's choice", "prove", "the need")]),
        ("Tom Reed's death in custody fell within the Convention.",
         [("Tom Reed's death", "fall_within", "the Convention")]),
        ("The council condemned Jane Doe's arrest.",
         [("The council", "condemn", "Jane Doe's arrest")]),
        ("Jane Doe's statement was welcomed by Acme Group.",
         [("Acme Group", "welcome", "Jane Doe's statement")]),
        # a title holder's name the parser took into the title's phrase, after the
        # portfolio's name, is the subject; the person a spokesman speaks for is not
        ("Minister for the Middle East Tobias Ellwood calls the attack a tragedy",
         [("Tobias Ellwood", "call", "the attack a tragedy")]),
        ("A spokesman for Tom Reed criticised Acme Group.",
         [("A spokesman", "criticise", "Acme Group")]),
        # the object keeps what the verb makes of it; a hyphenated object stays whole
        ("Acme Group made school discipline one of its five priority areas.",
         [("Acme Group", "make", "school discipline one of its five priority areas")]),
        ("Jane Doe called the merger a disaster for Acme Group.",
         [("Jane Doe", "call", "the merger a disaster")]),
        # not an apposition the parser gave as a second object
        ("Mr Reed headed the Menatep group, the parent company of Zukos.",
         [("Reed", "head", "the Menatep group"), ("Reed", "head", "the parent company of Zukos")]),
        ("Jane Doe discussed UK-France co-operation with Tom Reed.",
         [("Jane Doe", "discuss", "UK-France co-operation")]),
        # "others" keeps the participle that restricts it, which is no verb of its own
        ("Acme Group said it will sue Bolt Airways and others involved in the sale of "
         "Tinplate for $20bn in damages.",
         [("Acme Group", "sue", "Bolt Airways"),
          ("Acme Group", "sue", "others involved in the sale of Tinplate")]),
    ],
)
def test_svo_arguments(findings_of, text: str, expected: list) -> None:
    assert _svo(findings_of, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a participle of where someone is keeps them as its subject
        ("The squadron is now commanded by Captain Tom Reed, head of the Coastal Patrol "
         "Group, embarked on the Dutch frigate HNLMS Vos.",
         [("Tom Reed", "command", "The squadron"), ("Tom Reed", "embark_on", "HNLMS Vos")]),
        # a verb of a value ("to $41.15") has no prepositional object after it
        ("A share of Acme Group closed up $2.10 to $41.15 in London on Monday.", []),
        # a phrasal verb of going on with an infinitive: the infinitive is the action
        ("Jane Doe went on to praise Acme Group.", [("Jane Doe", "praise", "Acme Group")]),
        # a passive of purpose says what a thing is for, designing it is no action
        ("The plan is intended to help Acme Group.", [("The plan", "help", "Acme Group")]),
        ("The raid was part of the larger Operation Bolt, designed to stop Acme Group from "
         "trading in the valley.",
         [("the larger Operation Bolt", "stop", "Acme Group"),
          ("Acme Group", "trade_in", "the valley")]),
        # a relative clause with a verb relating things describes its noun
        ("Jane Doe joined Acme Group, which includes Bolt Airways.",
         [("Jane Doe", "join", "Acme Group")]),
        ("Jane Doe joined Acme Group, which means 'Bolt Airways' in Latin.",
         [("Jane Doe", "join", "Acme Group")]),
        # a verb in a scare-quoted phrase names something: nobody pays here
        ("Howard attacks 'pay later' Budget", []),
        # a noun with a subject of its own is a misread verb: no argument ("which Acme
        # Group plans will be used": Acme Group neither is used nor provides)
        ("The box will come with a free Livebox, the broadband hub which Acme Group plans "
         "will be used in future to provide video services.",
         [("The box", "come_with", "Livebox")]),
    ],
)
def test_svo_non_actions(findings_of, text: str, expected: list) -> None:
    assert _svo(findings_of, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # coordinated subjects of a reciprocal verb act on each other; a partner with
        # "with" stays the object
        ("Jane Doe and President Tom Reed met on Friday for the Bolt Summit.",
         [("Jane Doe", "meet", "Tom Reed"), ("Tom Reed", "meet", "Jane Doe")]),
        ("Jane Doe met with Tom Reed.", [("Jane Doe", "meet_with", "Tom Reed")]),
        # a number after a name is part of it
        ("Captain Tom Reed now commands TF 60.", [("Tom Reed", "command", "TF 60")]),
        # a relative pronoun subject leaves the verb's own object, it is no object relative
        ("Critics say Acme Group, which adheres strictly to old rules, is secretive.",
         [("Acme Group", "adhere_to", "old rules")]),
        ("Jane Doe praised Bolt Airways, the state airline which opted out of the auction.",
         [("Jane Doe", "praise", "Bolt Airways")]),
        # a noun's "of" phrase with a name is part of the argument
        ("Police attacked the city of Bolton.", [("Police", "attack", "the city of Bolton")]),
        # a gerund after a verb's preposition: done by the verb's object after "of", "from"
        # (accuse X of, stop X from), else by its subject; "at the hands of" is an agent
        ("Jane Doe accused Acme Group of hiding its losses.",
         [("Jane Doe", "accuse", "Acme Group"), ("Acme Group", "hide", "its losses")]),
        ("Jane Doe stopped Acme Group from selling the plant.",
         [("Jane Doe", "stop", "Acme Group"), ("Acme Group", "sell", "the plant")]),
        ("Acme Group can cut costs without asking Bolt Airways for help.",
         [("Acme Group", "cut", "costs"), ("Acme Group", "ask", "Bolt Airways")]),
        # … but not what a verb of saying says ("talks of helping"), unless the
        # preposition is not one of content ("spoke after visiting")
        ("Jane Doe also talks of helping Acme Group.", []),
        ("Jane Doe spoke after visiting Acme Group.", [("Jane Doe", "visit", "Acme Group")]),
        ("Thousands of people were killed at the hands of Acme Group.",
         [("Acme Group", "kill", "Thousands")]),
        # a noun of intention's infinitive is done by its owner or by the subject of the
        # verb it hangs on
        ("Acme Group has plans to buy Bolt Airways.",
         [("Acme Group", "have", "plans"), ("Acme Group", "buy", "Bolt Airways")]),
        ("Jane Doe reaffirmed her commitment to support Acme Group.",
         [("Jane Doe", "reaffirm", "her commitment"), ("Jane Doe", "support", "Acme Group")]),
        ("Jane Doe cut taxes in a bid to help Acme Group.",
         [("Jane Doe", "cut", "taxes"), ("Jane Doe", "help", "Acme Group")]),
        # a participle after a comma describes the name just before it, not a noun the
        # parser hung it on further back
        ("I very much welcome the deal on 5 May between the Federal Government of "
         "Ruritania, led by President Tom Reed, and the Bolt Regional Government, "
         "represented by Jane Doe, on oil exports.",
         [("Tom Reed", "lead", "Federal Government of Ruritania"),
          ("Jane Doe", "represent", "Bolt Regional Government")]),
        # the noun of a relative clause of saying is the reported verb's object
        ("The court enforced a tax bill it says Acme Group owes.",
         [("The court", "enforce", "a tax bill"), ("Acme Group", "owe", "a tax bill")]),
    ],
)
def test_svo_partners(findings_of, text: str, expected: list) -> None:
    assert _svo(findings_of, text) == expected


def test_a_scare_quoted_predicate_is_still_an_action(findings_of) -> None:
    # the quoted phrase is the clause's predicate, not a name for the noun after it
    rows = _svo(findings_of, "Mr Reed denied he had been 'playing politics' by raising the case.")
    assert ("Reed", "play", "politics") in rows


def test_a_name_before_a_split_hyphenated_noun_modifies_it(findings_of) -> None:
    rows = _svo(findings_of, "Tory Jane Doe, who won the 1904 Horsham by-election aged 21, "
                             "served in Parliament.")
    assert ("Tory Jane Doe", "win", "the 1904 Horsham by-election") in rows
    assert not any(o == "Horsham" for _s, _v, o in rows)


def test_a_title_holder_named_after_its_organisation_is_the_subject(findings_of) -> None:
    """The parser hangs the name on the organisation; the named person holds the title."""
    svo = _svo(findings_of, "A spokesman for Acme Group, Tom Reed, told the BBC the plant "
                            "would close.")
    assert ("Tom Reed", "tell", "BBC") in svo
    assert not [t for t in svo if t[1] == "tell" and t[0] != "Tom Reed"]


def test_an_object_pronoun_left_unresolved_is_no_intransitive(findings_of) -> None:
    assert _svo(findings_of, "Acme Group will not sell it.") == []


def test_a_name_keeps_its_of_phrase(findings_of) -> None:
    f = findings_of("The Government of Bolt sold the plant.")
    assert [s.subject.text for s in f.statements] == ["The Government of Bolt"]


def _given_parse(rows: list[tuple[str, str, str, str, str, int]]) -> ParsedDoc:
    """A one-sentence doc with the parse given as (word, lemma, pos, tag, dep, head) rows."""
    tokens, pos = [], 0
    for i, (word, lemma, upos, tag, dep, head) in enumerate(rows):
        tokens.append(Token(i, word, pos, pos + len(word), lemma, upos, tag, dep, head,
                            "", "O", " "))
        pos += len(word) + 1
    text = " ".join(r[0] for r in rows)
    kids: list[list[int]] = [[] for _ in rows]
    for t in tokens:
        if t.head != t.i:
            kids[t.head].append(t.i)
    return ParsedDoc(Article("t", text), "given", tuple(tokens),
                     (Sentence(0, len(text), 0, len(rows)),), (), ((0, len(text)),),
                     tuple(tuple(k) for k in kids))


def _svo_given(rows: list) -> list[tuple[str | None, str, str | None]]:
    doc = _given_parse(rows)
    return [(s.subject.text if s.subject else None, s.verb, s.object.text if s.object else None)
            for s in find_statements(doc, Findings())]


def test_having_something_done_is_not_an_action() -> None:
    rows = [("lawyers", "lawyer", "NOUN", "NNS", "nsubj", 1),
            ("had", "have", "VERB", "VBD", "ROOT", 1), ("the", "the", "DET", "DT", "det", 3),
            ("assets", "asset", "NOUN", "NNS", "dobj", 1),
            ("frozen", "freeze", "VERB", "VBN", "acl", 3)]
    assert _svo_given(rows) == [(None, "freeze", "the assets")]


def test_an_object_after_a_clause_of_the_verb_is_a_misparse() -> None:
    rows = [("ministers", "minister", "NOUN", "NNS", "nsubj", 1),
            ("attended", "attend", "VERB", "VBD", "ROOT", 1), (",", ",", "PUNCT", ",", "punct", 1),
            ("meeting", "meet", "VERB", "VBG", "advcl", 1),
            ("colleagues", "colleague", "NOUN", "NNS", "dobj", 3),
            (",", ",", "PUNCT", ",", "punct", 1), ("the", "the", "DET", "DT", "det", 7),
            ("crisis", "crisis", "NOUN", "NN", "dobj", 1)]
    assert ("ministers", "attend", "the crisis") not in _svo_given(rows)


@pytest.mark.parametrize(
    ("text", "voice"),
    [
        ("Acme Group bought Bolt Airways.", "active"),
        ("The bridge was closed by police on Monday.", "passive"),
        ("The factory was closed on Monday.", "passive"),
    ],
)
def test_voice(findings_of, text: str, voice: str) -> None:
    assert [s.voice for s in findings_of(text).statements] == [voice]


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("Acme Group did not buy Bolt Airways.", True),
        ("Acme Group has never sold the plant.", True),
        ("Acme Group didn't sell the plant.", True),
        ("Acme Group bought Bolt Airways.", False),
    ],
)
def test_negation(findings_of, text: str, negated: bool) -> None:
    (s,) = findings_of(text).statements
    assert s.negated is negated


@pytest.mark.parametrize(
    ("text", "verb", "negated"),
    [
        ("Acme Group refused to sell the plant.", "sell", True),
        ("Acme Group failed to pay the workers.", "pay", True),
        ("Jane Doe has yet to name the date.", "name", True),
        ("Not even a single example was cited by Jane Doe.", "cite", True),
        ("Acme Group agreed to sell the plant.", "sell", False),
        ("Acme Group can cut costs without asking Bolt Airways for help.", "ask", True),
        ("Acme Group can cut costs without asking Bolt Airways for help.", "cut", False),
    ],
)
def test_negation_from_governor_or_subject(findings_of, text: str, verb: str,
                                           negated: bool) -> None:
    got = {s.verb: s.negated for s in findings_of(text).statements}
    assert got[verb] is negated


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("Acme Group will buy Bolt Airways.", "future"),
        ("Acme Group is going to buy Bolt Airways.", "future"),
        ("Acme Group could buy Bolt Airways.", "possible"),
        ("Acme Group may buy Bolt Airways.", "possible"),
        ("If prices fall, Acme Group will sell the plant.", "conditional"),
        ("Acme Group plans to buy Bolt Airways.", "intended"),
        ("Acme Group wants to buy Bolt Airways.", "intended"),
        ("Acme Group must pay the workers.", "intended"),
        ("Acme Group bought Bolt Airways.", None),
        ("Jane Doe said Acme Group had bought Bolt Airways.", None),
    ],
)
def test_modality(findings_of, text: str, modality: str | None) -> None:
    got = [s.modality for s in findings_of(text).statements if s.verb in {"buy", "sell", "pay"}]
    assert got == [modality]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a list of unnamed things is one object (coordination splits named conjuncts only)
        ("The group deleted 1,200 posts and two pages.",
         [("1,200 posts and two pages", 1200, "posts")]),  # every count: test below
        ("Acme Group allegedly paid \u00a33.5m to officials.",
         [("\u00a33.5m", 3_500_000, "\u00a3")]),
        ("The fund raised $40 million.", [("$40 million", 40_000_000, "$")]),
        ("Acme Group bought Bolt Airways.", [("Bolt Airways", None, None)]),
    ],
)
def test_quantities_on_objects(findings_of, text: str, expected: list) -> None:
    f = findings_of(text)
    got = [(s.object.text, s.object.quantity and s.object.quantity.value,
            s.object.quantity and s.object.quantity.unit) for s in f.statements]
    assert got == expected


@pytest.mark.parametrize(
    ("text", "hedges"),
    [
        ("Jane Doe reportedly criticised Acme Group.", ("reportedly",)),
        ("The man allegedly stole a car.", ("allegedly",)),
        ("Police detained the men under the pretext of a routine check.",
         ("under the pretext",)),
        ("It is alleged that the firm paid bribes.", ("it is alleged",)),
        # a hedge on one of two coordinated verbs is recorded on both
        ("The regulator allegedly blocked and deleted 18 accounts.",
         ("allegedly",)),
        ("Acme Group bought Bolt Airways.", ()),
    ],
)
def test_hedges_recorded(findings_of, text: str, hedges: tuple[str, ...]) -> None:
    statements = findings_of(text).statements
    assert statements
    assert {s.hedges for s in statements} == {hedges}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The regulator urged Acme Group and Bolt Airways to cut prices.",
         [("Acme Group", "to cut prices"), ("Bolt Airways", "to cut prices")]),
        ("The regulator asked Acme Group to explain the losses.",
         [("Acme Group", "to explain the losses")]),
        ("The Ministry of Health urged Acme Group to recall the drug.",
         [("Acme Group", "to recall the drug")]),
        # not a directive verb: no complement
        ("Acme Group bought Bolt Airways to expand.", [("Bolt Airways", None)]),
    ],
)
def test_directive_complement(findings_of, text: str, expected: list) -> None:
    f = findings_of(text)
    assert [(_arg(f, s.object), s.complement) for s in f.statements
            if s.verb in {"urge", "ask", "buy"}] == expected


def test_statements_inside_quotes_carry_the_quote_index(findings_of) -> None:
    text = (f"{L}We lost the vote,{R} said Jane Doe. Police arrested two men. "
            f"{L}Acme Group destroyed the documents and hid 12 boxes,{R} said Tom Reed.")
    f = findings_of(text)
    assert len(f.quotes) == 2
    got = [(_arg(f, s.subject), s.verb, _arg(f, s.object), s.quote) for s in f.statements]
    assert got == [
        ("Police", "arrest", "two men", None),
        ("Acme Group", "destroy", "the documents", 1),
        ("Acme Group", "hide", "12 boxes", 1),
    ]


def test_statement_span_and_sentence(findings_of) -> None:
    text = "Jane Doe spoke on Monday. Acme Group bought Bolt Airways."
    (s,) = findings_of(text).statements
    assert text[s.start:s.end] == "Acme Group bought Bolt Airways"
    assert text[s.sentence.start:s.sentence.end] == "Acme Group bought Bolt Airways."
    assert s.verb_text == "bought"
    assert s.extractor == "relations.svo"


def test_confidence_grows_with_resolved_arguments(findings_of) -> None:
    both = findings_of("Acme Group bought Bolt Airways.").statements[0]
    one = findings_of("Acme Group bought the plant.").statements[0]
    none = findings_of("The company bought the plant.").statements[0]
    assert both.confidence > one.confidence > none.confidence


def test_a_repeated_sentence_gives_one_statement_with_both_sentences(findings_of) -> None:
    text = ("Acme Group bought Bolt Airways.\n\nThe deal was large. "
            "Acme Group bought Bolt Airways.")
    (s,) = findings_of(text).statements
    assert text[s.sentence.start:s.sentence.end] == "Acme Group bought Bolt Airways."
    assert [text[x.start:x.end] for x in s.also_in] == ["Acme Group bought Bolt Airways."]
    assert s.also_in[0].start > s.sentence.start


def test_a_list_object_keeps_every_count(findings_of) -> None:
    (s,) = findings_of("The group deleted 1,200 posts and two pages.").statements
    assert [(q.value, q.unit) for q in s.object.quantities] == [(1200, "posts"), (2, "pages")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a killing is pinned on a person only where the sentence names them
        ("Tom Reed left the bar at midnight. Later he shot Paul Grant.",
         [("he", "shoot", "Paul Grant")]),
        ("Tom Reed shot Paul Grant.", [("Tom Reed", "shoot", "Paul Grant")]),
        # other verbs still resolve the pronoun
        ("Tom Reed left the bar at midnight. Later he called Paul Grant.",
         [("Tom Reed", "leave", "the bar"), ("Tom Reed", "call", "Paul Grant")]),
    ],
)
def test_killing_needs_named_arguments(findings_of, text: str, expected: list) -> None:
    got = _svo(findings_of, text)
    assert [x for x in got if x[1] in {"shoot", "call"}] == \
        [x for x in expected if x[1] in {"shoot", "call"}]


def test_a_bare_participle_before_its_noun_is_an_adjective() -> None:
    rows = [("Reed", "Reed", "PROPN", "NNP", "nsubj", 1), ("was", "be", "AUX", "VBD", "ROOT", 1),
            ("likely", "likely", "ADJ", "JJ", "acomp", 1), ("or", "or", "CCONJ", "CC", "cc", 1),
            ("allied", "ally", "VERB", "VBN", "conj", 1),
            ("targets", "target", "NOUN", "NNS", "dobj", 4)]
    assert _svo_given(rows) == []


def test_a_phrase_after_an_object_predicate_is_not_an_object() -> None:
    rows = [("Reed", "Reed", "PROPN", "NNP", "nsubj", 1),
            ("called", "call", "VERB", "VBD", "ROOT", 1),
            ("Bolt", "Bolt", "PROPN", "NNP", "oprd", 1), ("in", "in", "ADP", "IN", "prep", 1),
            ("Spain", "Spain", "PROPN", "NNP", "pobj", 3)]
    assert _svo_given(rows) == []


def test_a_phrase_run_across_a_comma_is_no_argument() -> None:
    rows = [("Voip", "Voip", "PROPN", "NNP", "nsubj", 1),
            ("seeps", "seep", "VERB", "VBZ", "ROOT", 1), ("into", "into", "ADP", "IN", "prep", 1),
            ("the", "the", "DET", "DT", "det", 7),
            ("mainstream", "mainstream", "ADJ", "JJ", "amod", 7),
            (",", ",", "PUNCT", ",", "punct", 7), ("giant", "giant", "ADJ", "JJ", "amod", 7),
            ("Acme", "Acme", "PROPN", "NNP", "pobj", 2)]
    assert _svo_given(rows) == []
