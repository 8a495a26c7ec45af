"""Actions between entities: subject–verb–object statements over the dependency tree.

For every content verb: its subjects (``nsubj``, or the ``by`` agent of a passive), its objects
(``dobj``; failing that the object of its first preposition, which joins the verb: ``base_on``),
coordination expanded on both sides ("Facebook and Twitter blocked and then deleted 18
accounts and two pages" gives eight statements). Subjects and objects shared by coordinated
verbs are shared; relative pronouns are replaced by the noun they modify; agentless passives
get no subject (the RDF stage gives them the article's unspecified agent). Arguments become
entities when a mention covers them (or their apposition: "social networks Facebook"), and
article-local concepts otherwise, with counts attached. Hedges, negation, an infinitival
complement ("urged X to reconsider…") and the quotation the verb sits in are recorded.
"""

from __future__ import annotations

from dataclasses import replace

from graphbuild.extract import lexicon as lx
from graphbuild.extract._arguments import (
    CLAUSES,
    LIGHT,
    PURPOSE_PASSIVES,
    RECIPROCAL,
    RELATING,
    STATIVE,
    SUBJ,
    WH,
    Clause,
)
from graphbuild.extract._modality import modality
from graphbuild.extract._modality import negated as is_negated
from graphbuild.extract._syntax import (
    conj_root,
    conjuncts,
    glued,
    has_to_infinitive,
    np_span,
)
from graphbuild.registry import extractor
from graphbuild.types import Argument, Findings, Kind, ParsedDoc, Statement, Token


def _verb_text(doc: ParsedDoc, v: int, prep: str | None) -> str:
    keep = [v] + [c for c in doc.children[v]
                  if doc.tokens[c].dep in {"aux", "auxpass", "neg", "prt"}
                  or (doc.tokens[c].dep == "advmod" and doc.tokens[c].text.lower()
                      in lx.HEDGE_WORDS)]
    words = [doc.tokens[i].text for i in sorted(keep)]
    return " ".join(words + ([prep] if prep else []))


def find_statements(doc: ParsedDoc, found: Findings) -> tuple[Statement, ...]:
    ctx = Clause(doc, found)
    out: list[Statement] = []
    for tok in doc.tokens:
        v = tok.i
        if tok.pos != "VERB" or tok.dep in {"amod", "aux", "auxpass"} \
                or tok.lemma.lower() in LIGHT or tok.start in ctx.cues \
                or (tok.dep == "relcl" and tok.lemma.lower() in RELATING) \
                or _adjectival(doc, v) or _second_of_pair(doc, v) or v in ctx.restricting:
            continue
        subj, voice, patient = ctx.subjects(v)
        if ctx.mentioned(v, subj):
            continue
        if voice == "passive" and tok.lemma.lower() in lx.RAISING_PASSIVES | PURPOSE_PASSIVES \
                and any(doc.tokens[c].dep == "xcomp" for c in doc.children[v]):
            continue  # "is expected to announce", "is thought to have spread": not an action
        obj, prep = ctx.objects(v)
        pair = _word_pair(doc, v)
        if pair is not None and (not obj or obj == [pair]):  # "goes head to head with BT"
            obj, prep = _pair_object(doc, pair)
        else:
            obj, pair = [o for o in obj if o != pair], None
        if voice == "passive" and not subj:
            if prep and patient and tok.lemma.lower() in STATIVE:
                subj, patient = patient, []  # "X is based on Y": X base_on Y
            else:
                obj, prep = patient, None
        elif voice == "passive":  # the patient is the object, not a prepositional object
            obj, prep = patient, None
        subj_args = list(dict.fromkeys(a for h in glued(doc, subj) for a in ctx.arguments(h)))
        preds = _object_predicates(doc, v, obj) if voice == "active" else []
        obj = [o for o in obj if o not in preds]
        obj_args = list(dict.fromkeys(a for h in glued(doc, obj) for a in ctx.arguments(h)))
        if preds and obj:
            obj_args = _with_predicate(doc, preds[0], obj_args)
        if voice == "passive" and not subj and obj_args:
            subj_args = [None]  # type: ignore[list-item]
        if _reciprocal(tok, voice, subj_args, obj, prep):
            obj, prep, obj_args = [], None, subj_args  # "X and Y met": each met the other
        if not obj_args and subj_args and _intransitive(doc, v, ctx, subj_args):
            obj_args = [None]  # type: ignore[list-item]  # "Labour wins", "Blair has failed"
        if not subj_args or not obj_args or (tok.lemma.lower() == "have" and (
                obj_args == [None] or _causative(doc, obj))):
            continue
        lemma = tok.lemma.lower()
        for c in doc.children[v]:
            if doc.tokens[c].dep == "prt":
                lemma += "_" + doc.tokens[c].text.lower()
        if pair is not None:
            lemma += "_" + "_".join(doc.tokens[j].text.lower() for j in range(pair, pair + 3))
        if prep:
            lemma += "_" + prep
        hedges = list(ctx.hedges_by_verb.get(v, []))
        for rel in conjuncts(doc, conj_root(doc, v)):
            hedges += [h for h in ctx.hedges_by_verb.get(rel, []) if h not in hedges]
        negated = is_negated(doc, v)
        mode = modality(doc, v)
        last_obj = max(obj) if obj else v
        complement = ctx.complement(v, last_obj) if tok.lemma.lower() in lx.DIRECTIVE_VERBS \
            else None
        quote = ctx.quote_of.get(v)
        sent = doc.sentence_of(v)
        cues = _cues(doc, v, subj, obj, prep, sent)
        if tok.lemma.lower() in lx.KILLING_WORDS:
            subj_args = [_named_only(a, ctx) for a in subj_args]
            obj_args = [_named_only(a, ctx) for a in obj_args]
        for s_arg in subj_args:
            for o_arg in obj_args:
                if s_arg is o_arg or (s_arg is not None and o_arg is not None and o_arg.entity
                                      and s_arg.entity == o_arg.entity):
                    continue
                ents = sum(1 for a in (s_arg, o_arg) if a is not None and a.entity)
                conf = 0.5 if ents == 0 and s_arg is not None else 0.6 + 0.1 * ents
                if any(a is not None and a.entity and a.start <= doc.tokens[h].start < a.end
                       for a in (s_arg, o_arg) for h in ctx.pronoun):
                    conf -= 0.1
                span = [x for a in (s_arg, o_arg) if a is not None for x in (a.start, a.end)]
                span += [tok.start, tok.end]
                out.append(Statement(
                    subject=s_arg, verb=lemma, verb_text=_verb_text(doc, v, prep),
                    object=o_arg, start=min(span), end=max(span), sentence=sent,
                    extractor="relations.svo", confidence=round(conf, 2), voice=voice,
                    negated=negated, modality=mode, complement=complement,
                    hedges=tuple(hedges), quote=quote, cues=cues,
                ))
    return _merge_repeats(out)


def _object_predicates(doc: ParsedDoc, v: int, obj: list[int]) -> list[int]:
    """What a verb makes of its object ("made school discipline one of their five priority
    areas", "calls ISIL's presence a tragedy"): an ``oprd`` after the object, or a second
    direct object the parser gave for it."""
    if not obj:
        return []
    direct = sorted(c for c in doc.children[v] if doc.tokens[c].dep == "dobj")
    return [c for c in doc.children[v] if c > min(obj) and (
        doc.tokens[c].dep == "oprd" or (doc.tokens[c].dep == "dobj" and c != direct[0]
                                        and _own_phrase(doc, c)))]


def _own_phrase(doc: ParsedDoc, c: int) -> bool:
    """A second object is a phrase of its own, opened by a determiner or a number ("a
    tragedy", "one of…"), not a piece of the first ("UK-France co-operation", "the UNESCO
    World Heritage Site") nor its apposition ("headed the Menatep group, the parent company
    of Yukos")."""
    start = np_span(doc, c)[0]
    first = doc.tokens[start]
    return start > 0 and doc.tokens[start - 1].ws and doc.tokens[start - 1].text not in {"-", ","} \
        and (first.pos in {"DET", "NUM"} or doc.tokens[c].pos == "NUM")


def _with_predicate(doc: ParsedDoc, p: int, args: list[Argument]) -> list[Argument]:
    """A described object keeps what the verb makes of it ("made school discipline one of
    their five priority areas": it made no school discipline). Named objects stay names."""
    last_tok = np_span(doc, p)[1] - 1
    for c in doc.children[p]:  # "one of their five priority areas"
        if c > p and doc.tokens[c].dep == "prep" and doc.tokens[c].text.lower() == "of":
            pobj = [g for g in doc.children[c] if doc.tokens[g].dep == "pobj"]
            if pobj:
                last_tok = max(last_tok, np_span(doc, pobj[0])[1] - 1)
    first, end = np_span(doc, p)[0], doc.tokens[last_tok].end
    return [replace(a, text=doc.text[a.start:end], end=end)
            if a is not None and a.entity is None and a.end <= doc.tokens[first].start else a
            for a in args]


#: the middle word of a repeated-noun adverbial ("head to head", "side by side", "hand in hand")
_PAIR_LINKS = frozenset({"to", "by", "in"})


def _word_pair(doc: ParsedDoc, v: int) -> int | None:
    """The first token of a repeated-noun adverbial right after the verb ("goes head to head
    with", "met face to face"): an idiom of the verb, not its object."""
    toks = doc.tokens
    for c in doc.children[v]:
        if c > v and c + 2 < len(toks) and toks[c].pos == "NOUN" \
                and toks[c + 1].text.lower() in _PAIR_LINKS \
                and toks[c + 2].text.lower() == toks[c].text.lower():
            return c
    return None


def _second_of_pair(doc: ParsedDoc, i: int) -> bool:
    """The second noun of "head to head", which the parser may read as a verb."""
    toks = doc.tokens
    return i >= 2 and toks[i - 1].text.lower() in _PAIR_LINKS \
        and toks[i - 2].text.lower() == toks[i].text.lower()


def _pair_object(doc: ParsedDoc, pair: int) -> tuple[list[int], str | None]:
    """The object of a verb whose object the parser took from a repeated-noun adverbial: the
    partner after it ("head to head with BT" -> BT, "with")."""
    toks = doc.tokens
    after = pair + 3
    if after < len(toks) and toks[after].dep == "prep" \
            and toks[after].text.lower() in {"with", "against"}:
        pobj = [c for c in doc.children[after] if toks[c].dep == "pobj"]
        if pobj:
            return conjuncts(doc, pobj[0]), toks[after].text.lower()
    return [], None


def _adjectival(doc: ParsedDoc, v: int) -> bool:
    """A bare participle right before the noun the parser made its object describes that
    noun ("action against UK or allied targets")."""
    tok = doc.tokens[v]
    kids = list(doc.children[v])
    if tok.dep == "conj":  # "have killed… and injured scores": the first verb's auxiliary
        kids += [c for c in doc.children[tok.head] if doc.tokens[c].dep in {"aux", "auxpass"}]
    return tok.tag == "VBN" and v + 1 in doc.children[v] and doc.tokens[v + 1].dep == "dobj" \
        and not any(doc.tokens[c].dep in SUBJ | {"nsubjpass", "aux", "auxpass"} for c in kids)


def _reciprocal(tok: Token, voice: str, subj_args: list, obj: list[int],
                prep: str | None) -> bool:
    """Coordinated subjects of a reciprocal verb without a partner ("The Prime Minister and
    President Hollande met on 3 March for the summit"): each acts on the other."""
    return tok.lemma.lower() in RECIPROCAL and voice == "active" and len(subj_args) > 1 \
        and (not obj or prep is not None) and prep != "with"


def _causative(doc: ParsedDoc, obj: list[int]) -> bool:
    """"have Baikal assets frozen": the participle after the object is the action, having
    it done is not one."""
    return any(doc.tokens[c].dep in {"acl", "ccomp", "xcomp"} and doc.tokens[c].tag == "VBN"
               and c > o for o in obj for c in doc.children[o])


def _named_only(a: Argument | None, ctx: Clause) -> Argument | None:
    """A killing is pinned on a person only where the sentence names them: "he shot X"
    keeps "he" unresolved (CoNLL04 dev: Kill precision 0.929 -> 0.962, recall 0.619 ->
    0.595; the one wrong killing read through a pronoun was a character's own version of a
    story)."""
    if a is None or not a.entity or not any(a.start <= ctx.doc.tokens[h].start < a.end
                                            for h in ctx.pronoun):
        return a
    return replace(a, entity=None)


def _intransitive(doc: ParsedDoc, v: int, ctx: Clause, subj_args: list) -> bool:
    """An action without an object by a named agent: "if Labour wins", "Blair has failed"
    (not a verb of saying, not one whose clause complement is what it reports)."""
    tok = doc.tokens[v]
    if tok.dep not in {"ROOT", "conj", "ccomp"} or tok.lemma.lower() in lx.REPORTING_VERBS or any(
            doc.tokens[c].dep in {"ccomp", "xcomp", "attr", "acomp", "oprd"}
            for c in doc.children[v]):
        return False
    if any(doc.tokens[c].dep == "dobj" for c in doc.children[v]):
        return False  # "don't let the Tories wreck it": an object we could not name
    kids = [doc.tokens[c] for c in doc.children[v]]
    if any(k.dep == "prt" for k in kids) and any(
            k.dep == "advcl" and has_to_infinitive(doc, k.i) for k in kids):
        return False  # "He went on to accuse…": the infinitive is what was done
    return any(a is not None and ctx.kinds.get(a.entity) in
               {Kind.PERSON, Kind.ORGANIZATION, Kind.PLACE} for a in subj_args)


def _cues(doc: ParsedDoc, v: int, subj: list[int], obj: list[int], prep: str | None,
          sent) -> tuple[str, ...]:  # noqa: ANN001
    """How the statement was read (for its calibrated confidence): where the subject came
    from (its own clause, a relative pronoun, a governing verb, a coordinated verb), whether
    the object is a prepositional one, how long the sentence is."""
    tok = doc.tokens[v]
    own = [c for c in doc.children[v] if doc.tokens[c].dep in SUBJ | {"nsubjpass", "agent"}]
    if not subj:
        via = "none"
    elif any(doc.tokens[h].text.lower() in WH for h in subj):
        via = "relative"
    elif own:
        via = "own"
    elif tok.dep == "conj":
        via = "coordinated"
    else:
        via = "governor"
    n = sent.token_end - sent.token_start
    far = min(abs(h - v) for h in subj + obj) if subj or obj else 0
    return (f"subject={via}", "object=prep" if prep else "object=direct",
            "sentence=" + ("short" if n < 20 else "medium" if n < 40 else "long"),
            "distance=" + ("near" if far <= 3 else "mid" if far <= 8 else "far"),
            f"clause={tok.dep if tok.dep in CLAUSES else 'other'}")


def _key(a: Argument | None) -> str | None:
    return None if a is None else a.entity or a.head_lemma or a.text.lower()


def _merge_repeats(statements: list[Statement]) -> tuple[Statement, ...]:
    """One statement per fact: the same agent, verb and patient (with the same polarity and
    modality) stated again in the article (a headline, a lead repeated as a teaser) is the
    first statement with the other sentences as further evidence."""
    first: dict[tuple, int] = {}
    out: list[Statement] = []
    for st in statements:
        key = (_key(st.subject), st.verb, _key(st.object), st.negated, st.modality)
        n = first.get(key)
        if n is None:
            first[key] = len(out)
            out.append(st)
            continue
        kept = out[n]
        if st.sentence != kept.sentence and st.sentence not in kept.also_in:
            out[n] = replace(kept, also_in=(*kept.also_in, st.sentence),
                             confidence=max(kept.confidence, st.confidence))
    return tuple(out)


@extractor("relations.svo", provides="statements",
           requires=("mentions", "entities", "mention_entity", "quantities", "hedges", "quotes"))
def extract_statements(doc: ParsedDoc, found: Findings) -> tuple[Statement, ...]:
    return find_statements(doc, found)
