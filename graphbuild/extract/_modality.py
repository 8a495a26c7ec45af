"""Modality and polarity of a verb in the dependency tree: is the action stated as done, or
as future ("will"), possible ("could"), conditional ("if"), intended ("plans to"), or denied
("not", "never", "refused to")?

Read from the verb's own auxiliaries and markers, then up the chain of clauses that govern it
without a subject of their own ("wants to buy", "was not tempted to use"): a governing verb's
negation or modality carries down to its infinitival complement.
"""

from __future__ import annotations

from graphbuild.extract import lexicon as lx
from graphbuild.types import ParsedDoc

_CLAUSE_DEPS = {"xcomp", "ccomp", "advcl", "acl", "relcl", "conj"}


def _aux(doc: ParsedDoc, v: int) -> list[str]:
    return [doc.tokens[c].text.lower() for c in doc.children[v]
            if doc.tokens[c].dep in {"aux", "auxpass"}]


def _own_modality(doc: ParsedDoc, v: int) -> str | None:
    """What the verb's own words say: a conditional clause, a modal auxiliary."""
    kids = doc.children[v]
    if any(doc.tokens[c].dep == "mark" and doc.tokens[c].text.lower() in lx.CONDITIONAL_MARKERS
           for c in kids):
        return "conditional"
    for a in _aux(doc, v):
        if a in lx.FUTURE_AUX:
            return "future"
        if a in lx.POSSIBLE_AUX:
            return "possible"
        if a in lx.OBLIGATION_AUX:
            return "intended"
    return None


def _has_if_clause(doc: ParsedDoc, v: int) -> bool:
    """The main clause of "If it exports that oil, it will be marketing…"."""
    return any(doc.tokens[c].dep == "advcl" and any(
        doc.tokens[g].dep == "mark" and doc.tokens[g].text.lower() in lx.CONDITIONAL_MARKERS
        for g in doc.children[c]) for c in doc.children[v])


def _to_infinitive(doc: ParsedDoc, v: int) -> bool:
    return any(doc.tokens[c].dep == "aux" and doc.tokens[c].text.lower() == "to"
               for c in doc.children[v])


def _willed_content(doc: ParsedDoc, v: int) -> bool:
    """The that-clause of an infinitive that is no verb of saying ("to ensure that the
    government renders aid"): what someone means to bring about, not yet done."""
    tok = doc.tokens[v]
    head = doc.tokens[tok.head]
    return tok.dep == "ccomp" and _to_infinitive(doc, tok.head) \
        and head.lemma.lower() not in lx.SPEECH_VERBS and head.lemma.lower() not in lx.CLAIM_VERBS


def modality(doc: ParsedDoc, v: int) -> str | None:
    """``future`` | ``possible`` | ``conditional`` | ``intended`` | None (stated as fact)."""
    seen: set[int] = set()
    j = v
    while j not in seen:
        seen.add(j)
        if _has_if_clause(doc, j):
            return "conditional"
        own = _own_modality(doc, j)
        if own:
            return own
        tok = doc.tokens[j]
        if _to_infinitive(doc, j):
            head = doc.tokens[tok.head]
            hl = head.lemma.lower()
            if hl in lx.FUTURE_GOVERNORS or head.text.lower() in lx.FUTURE_GOVERNORS:
                return "future"
            if hl in lx.POSSIBLE_GOVERNORS:
                return "possible"
            return "intended"
        if tok.dep not in _CLAUSE_DEPS or tok.head == j:
            return None
        if tok.dep in {"ccomp", "advcl", "acl", "relcl"} and any(
                doc.tokens[c].dep in {"nsubj", "nsubjpass"} for c in doc.children[j]) \
                and not _willed_content(doc, j):
            return None  # a clause of its own ("said it had sold"): its own modality only
        j = tok.head
    return None


def negated(doc: ParsedDoc, v: int) -> bool:
    """The verb is negated ("did not buy", "never sold", "without asking"), denied by its
    governor ("refused to serve", "failed to pay", "has yet to name", "was not tempted to
    use"), or its subject is ("not even a single example was cited", "no one attended")."""
    seen: set[int] = set()
    j = v
    while j not in seen:
        seen.add(j)
        kids = doc.children[j]
        if any(doc.tokens[c].dep == "neg" for c in kids):
            return True
        tok = doc.tokens[j]
        if tok.dep == "pcomp" and doc.tokens[tok.head].text.lower() == "without":
            return True  # "without asking people"
        for c in kids:
            t = doc.tokens[c]
            if t.dep in {"nsubj", "nsubjpass"} and (
                    t.text.lower() in lx.NEGATIVE_PRONOUNS
                    or any(doc.tokens[g].dep in {"neg", "det", "preconj"}
                           and doc.tokens[g].text.lower() in {"not", "no", "neither"}
                           for g in doc.children[c])):
                return True
        if j != v and tok.lemma.lower() in lx.DENIAL_GOVERNORS:
            return True
        if not _to_infinitive(doc, j) or tok.head == j:
            return False
        head = doc.tokens[tok.head]
        if head.lemma.lower() in lx.DENIAL_GOVERNORS or (
                head.lemma.lower() == "yet" or any(doc.tokens[c].text.lower() == "yet"
                                                  for c in doc.children[tok.head])):
            return True
        j = tok.head
    return False
