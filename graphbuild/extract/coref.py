"""Coreference within an article: mentions -> entities, with one type per entity.

Names are clustered when they are the same name, when a short name is the end of a longer
person's name ("Zakharova" / "Maria Zakharova") or the start of a longer organisation's name
("Twitter" / "Twitter Inc."), or when one is the acronym of the other (or stands in brackets
right after it); also a body named without its owner ("Security Council" / "UN Security
Council"), a kind of place alone ("the Gulf" / "Arabian Gulf") and a long name misspelt by one
letter. Definite descriptions ("the ministry") join the nearest earlier organisation whose
name ends in that noun; a title with no name ("FCO Minister") the person the article names
with that title; pronouns join the nearest earlier person (he/she) or group (they). Each
entity's type is the winner of the type votes of all its mentions, refined by name heads and
the gazetteer.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict

from graphbuild.extract import _anaphora as anaphora
from graphbuild.extract import lexicon as lx
from graphbuild.registry import extractor
from graphbuild.resolve import gazetteer
from graphbuild.types import Entity, Findings, Kind, Mention, ParsedDoc

#: vote reasons that come from a statistical recogniser rather than from the context
_RECOGNISERS = {"ner", "second recogniser", "second recogniser only"}
NAME_SOURCES = {"ner", "rule:conj", "rule:appos", "rule:repeat", "rule:acronym", "dateline",
                "rule:title", "rule:national", "rule:led"}
_COARSE = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE",
           "EVENT": "EVENT", "PRODUCT": "PRODUCT", "WORK_OF_ART": "WORK", "LAW": "LAW"}
_OTHER_TYPES = {"EVENT": "Event", "PRODUCT": "Product", "WORK": "CreativeWork",
                "LAW": "Legislation"}
_APOS = re.compile(r"[\u2019\u2018`]")
_POSS = re.compile(r"(?:'s|')$")
_SKIP_INITIAL = {"of", "the", "and", "for", "de", "du", "des", "la", "le", "on", "in", "&"}


def norm_name(text: str) -> str:
    t = _APOS.sub("'", " ".join(text.split()))
    t = _POSS.sub("", t)
    if t.lower().startswith("the "):
        t = t[4:]
    return t.strip(" .,;:-\u2013\u2014\"")


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w.lower() not in _SKIP_INITIAL and w[:1].isalpha())


def _coarse(votes: dict[str, float]) -> str:
    return max(sorted(votes), key=lambda k: votes[k]) if votes else "ORG"


class _Clusters:
    """Union-find over name mentions."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _vote_label(votes: tuple[tuple[str, float, str], ...]) -> str:
    tally: dict[str, float] = defaultdict(float)
    for label, w, _ in votes:
        tally[_COARSE.get(label.split("/")[0], "ORG")] += w
    return _coarse(tally)


def short_form_of(short: str, long: str, long_label: str, short_label: str | None = None
                  ) -> bool:
    """``short`` names the same thing as ``long``: a person's surname ("Zakharova" / "Maria
    Zakharova"), the start of a company's name ("Twitter" / "Twitter Inc."; when both are
    organisations, the first word of any capitalised name: "Pinewood" / "Pinewood Energy"),
    an acronym."""
    words, lw = short.split(), long.split()
    if long_label == "PERSON" and len(words) == 2 and len(lw) >= 2 \
            and words[0].lower().rstrip(".") in lx.HONORIFICS \
            and _surname(lw[-1]) == _surname(words[1]):
        return True  # "Mr Ebbers" / "Bernie Ebbers"
    if not words or len(lw) <= len(words):
        return False
    if len(lw) == len(words) + 1 and [w.casefold() for w in lw[:-1]] == \
            [w.casefold() for w in words] and words[0][:1].isupper() and long_label != "PERSON" \
            and (lw[-1].lower() in lx.PLACE_HEADS or lx.NAME_HEADS.get(lw[-1].lower())
                 in {"PoliticalParty", "Corporation"}):
        return True  # "Labour" / "Labour Party", "Guantanamo" / "Guantanamo Bay"
    if long_label == "PERSON" and len(words) == 1 and words[0][:1].isupper() \
            and _surname(lw[-1]) == _surname(words[0]):
        return True  # "Abadi" / "Haider al-Abadi"
    if long_label == "ORG" and _org_or_unknown_place(short, short_label) and len(words) >= 2 \
            and [w.casefold() for w in lw[:len(words)]] == [w.casefold() for w in words] \
            and all(w[:1].isupper() for w in words):
        return True  # a name cut short: "Kurdistan Regional" / "Kurdistan Regional Government"
    tail = [w.casefold() for w in lw[-len(words):]] == [w.casefold() for w in words]
    head = [w.casefold() for w in lw[:len(words)]] == [w.casefold() for w in words]
    if long_label == "PERSON" and tail and len(words) == 1 and words[0][:1].isupper():
        return True
    if long_label == short_label == "PLACE" and tail and len(words) == 1 \
            and words[0].lower() in lx.PLACE_HEADS:
        return True  # "the Gulf" / "Arabian Gulf"
    if long_label == short_label == "ORG" and tail and len(words) >= 2 \
            and all(w[:1].isupper() for w in words):
        return True  # a body without its owner: "Security Council" / "UN Security Council"
    nxt = lw[len(words)].lower().strip(".")
    if long_label == "ORG" and head and lx.NAME_HEADS.get(nxt) == "Corporation":
        return True
    if long_label == short_label == "ORG" and head and len(words) == 1 \
            and all(w[:1].isupper() or w in {"of", "for", "and", "the", "on"} for w in lw):
        return True  # "Pinewood" / "Pinewood Energy", "Bank" / "Bank of England"
    if len(words) == 1 and short[:1].isupper() and short[-1:].isupper() and len(short) >= 2:
        letters = short if short.isupper() else "".join(c for c in short if c.isupper())
        return _initials(long).upper() == letters and len(letters) >= 2  # "UN", "MoD"
    return False


def _org_or_unknown_place(name: str, label: str | None) -> bool:
    """An organisation's name, or a "place" that is neither known to the gazetteer nor named
    as one: the start of an organisation's name read as a place ("Kurdistan Regional"), unlike
    "New York" of "New York Times" or "Edinburgh City" of "Edinburgh City Council"."""
    return label == "ORG" or label == "PLACE" and gazetteer.lookup_place(name) is None \
        and name.split()[-1].lower() not in lx.PLACE_HEADS


_ORG_HEADS_OF = {"department", "ministry", "office", "agency", "secretariat", "bureau"}
_SPELLING = {"defence": "defense", "labour": "labor", "centre": "center",
             "organisation": "organization", "programme": "program"}


def _org_key(low: str) -> str:
    """One key for spelling and word-order variants of a name: "Defence Ministry" ->
    "ministry of defense", "Defense Department" -> "department of defense"."""
    words = [_SPELLING.get(w, w) for w in low.split()]
    if len(words) == 2 and words[1] in _ORG_HEADS_OF:
        words = [words[1], "of", words[0]]
    return " ".join(words)


def _surname(word: str) -> str:
    """A surname without its particle: "al-Abadi" -> "abadi"."""
    w = word.casefold().strip(".,")
    for p in ("al-", "el-", "ad-", "as-", "an-", "ash-", "bin-", "ibn-"):
        if w.startswith(p) and len(w) > len(p) + 2:
            return w[len(p):]
    return w


def _short_label(m: Mention, label: str) -> str:
    """The label a name has as the short form of a longer one: a one-word "person" only the
    recognisers read as one, with no cue in its context, may be an organisation's first word
    ("Baikal" of "Baikal Finance Group")."""
    if label == "PERSON" and " " not in m.text.strip() \
            and all(why in _RECOGNISERS for _, _, why in m.votes):
        return "ORG"
    return label


def _bracketed_short_form(long: Mention, short: Mention, long_label: str, text: str) -> bool:
    """``short`` is an acronym in brackets right after the organisation name ``long``: the
    text's own short form for it, even where the name was cut short or its initials differ
    ("the Office for National (ONS) statistics")."""
    word = norm_name(short.text)
    return bool(text) and long_label == "ORG" and " " in long.text.strip() \
        and word.isupper() and word.isalpha() and len(word) >= 2 \
        and text[long.end:short.start].strip() == "(" and text[short.end:short.end + 1] == ")"


def _cluster_names(names: list[Mention], text: str = "") -> _Clusters:
    uf = _Clusters(len(names))
    keys = [norm_name(m.text) for m in names]
    low = [k.casefold() for k in keys]
    labels = [_vote_label(m.votes) for m in names]
    as_short = [_short_label(m, lab) for m, lab in zip(names, labels, strict=True)]
    places = [_place(k, any(v[0] == "GPE" for v in m.votes)) if lab == "PLACE" else None
              for k, m, lab in zip(keys, names, labels, strict=True)]
    # a short form joins the one longer name it abbreviates that is nearest: the latest before
    # it, else the first after it. So "Baker" after "Tom Baker" and "Anna Baker" goes to Anna
    # and the two Bakers stay two people.
    target: dict[int, int] = {}
    for i, short in enumerate(keys):
        n_words = short.count(" ") + 1
        if n_words == 2 and short.split()[0].lower().rstrip(".") in lx.HONORIFICS:
            n_words = 1  # "Mr Balls" is as short as "Balls": it may join "Ed Balls"
        cands = [j for j, long in enumerate(keys)
                 if j != i and long.count(" ") + 1 > n_words and low[j] != low[i]
                 and short_form_of(short, long, labels[j], as_short[i])]
        if cands:
            before = [j for j in cands if j < i]
            target[i] = max(before) if before else min(cands)
        elif i > 0 and _bracketed_short_form(names[i - 1], names[i], labels[i - 1], text):
            target[i] = i - 1
    # the same short name where it was not recognised as one ("Pinewood" read as a person)
    # goes where the nearest such short form went
    for i in range(len(keys)):
        same = [j for j in target if low[j] == low[i] and j != i]
        if i not in target and same:
            before = [j for j in same if j < i]
            target[i] = target[max(before) if before else min(same)]
    first: dict[str, int] = {}
    for i, k in enumerate(low):
        if i in target:
            continue
        key = places[i].name.casefold() if places[i] else _org_key(k)
        if key in first:
            uf.union(first[key], i)
        else:
            first[key] = i
    for i, j in target.items():
        uf.union(i, j)
    for a, b in _misspellings(list(first)):
        uf.union(first[a], first[b])
    return uf


#: a one-word name this long or longer that differs from another by one letter (left out,
#: added, changed or two swapped) is the same name misspelt
MISSPELLING_MIN_LETTERS = 10


def _one_edit(a: str, b: str) -> bool:
    """``a`` and ``b`` differ by one letter left out, added or changed, or two neighbours
    swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = next((k for k in range(len(a)) if a[k] != b[k]), len(a))
    if len(a) < len(b):
        return a[i:] == b[i + 1:]
    return a[i + 1:] == b[i + 1:] or a[i + 2:] == b[i + 2:] and a[i:i + 2] == b[i:i + 2][::-1]


def _misspellings(keys: list[str]) -> list[tuple[str, str]]:
    """Pairs of one-word names in ``keys`` that are the same long name misspelt, not two
    places the gazetteer knows."""
    words = [k for k in keys if k.isalpha() and len(k) >= MISSPELLING_MIN_LETTERS]
    return [(a, b) for n, a in enumerate(words) for b in words[n + 1:]
            if _one_edit(a, b) and not (gazetteer.lookup_place(a) and gazetteer.lookup_place(b))]


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold())
                   if c.isalnum())


def _place(name: str, gpe: bool = True):  # noqa: ANN202
    """A gazetteer place for ``name``. Countries and states match any of their names; a city
    by its own name, or by an alternate name only when it has a million people (GeoNames'
    alternate names collide: "St James" is also a Vietnamese city's old name), and only when
    NER read the name as a geopolitical entity."""
    if name.lower() in lx.PLACE_HEADS:
        return None  # "the Gulf", "the Bay": a word for a kind of place, named by the article
    hit = gazetteer.lookup_place(name)
    if hit is None or hit.schema_type in {"Country", "State"}:
        return hit
    if not gpe:
        return None
    if _fold(hit.name) != _fold(norm_name(name)) and hit.population < 1_000_000:
        return None  # another city's alternate name: trusted only for big cities (Calcutta)
    return hit


#: the recognisers' readings of a name count as this many mentions' worth at most: they
#: read the same name the same way each time it recurs, while each context cue ("Yukos
#: spokesman", "said it…") is fresh evidence
RECOGNISER_SHARE = 2
#: mentions from which a one-word name without a person cue counts as recurring
RECURRING = 3

#: weight of the gazetteer's word on a cluster's kind: above one recogniser's reading (1.0) and
#: a subject-of-"said" cue, below a title or apposition cue (4.0)
GAZETTEER_VOTE = 2.5
#: a city votes only from this size: smaller cities share their names with many people
#: (CoNLL04 dev entities: 0.850 at 1,000,000, 0.835 at 300,000, 0.827 at 100,000)
CITY_VOTE_POPULATION = 1_000_000


def _gazetteer_votes(surface: list[str]) -> list[tuple[str, float]]:
    """Coarse-kind votes from the gazetteer for a cluster's names: a known organisation name
    or acronym ("Reuters"), or — when every name of the cluster is one — a known country,
    state or city of a million people ("Glasgow" read as a person)."""
    if any(gazetteer.lookup_org_name(n) or gazetteer.lookup_acronym(n) for n in surface):
        return [("ORG", GAZETTEER_VOTE)]
    if any(n.isupper() and len(n) <= 3 for n in surface):
        return []  # "BT", "ICO": an acronym shared with a country code or a town
    hits = [gazetteer.lookup_place(n) for n in surface]
    if hits and all(h is not None and (h.schema_type in {"Country", "State"} or (
            _fold(h.name) == _fold(n) and h.population >= CITY_VOTE_POPULATION))
            for h, n in zip(hits, surface, strict=True)):
        return [("PLACE", GAZETTEER_VOTE)]
    return []


def _type_of(label: str, names: list[str], votes: list[tuple[str, float, str]]):
    """(kind, schema type, canonical name or None) of a cluster."""
    if label == "PERSON":
        return Kind.PERSON, "Person", None
    if label == "PLACE":
        gpe = any(lab == "GPE" for lab, _, _ in votes)
        for n in names:
            hit = _place(n, gpe)
            if hit:
                return Kind.PLACE, hit.schema_type, hit.name
        return Kind.PLACE, "Place", None
    if label == "ORG":
        sub: dict[str, float] = defaultdict(float)
        for lab, w, _ in votes:
            if lab.startswith("ORG/"):
                sub[lab[4:]] += w
        canonical = None
        for n in names:
            hit = gazetteer.lookup_acronym(n) or gazetteer.lookup_org_name(n)
            if hit:
                sub[hit.schema_type] += 4.0
                canonical = hit.expansion or hit.name
                break
        return Kind.ORGANIZATION, (_coarse(sub) if sub else "Organization"), canonical
    return Kind.OTHER, _OTHER_TYPES.get(label, "Thing"), None


#: legal-form suffixes left off an organisation's canonical name ("Twitter Inc." -> "Twitter"),
#: so the same company is one node whichever form an article uses; the full form stays an alias
LEGAL_SUFFIXES = {"inc", "ltd", "plc", "corp", "llc", "co", "ag", "sa", "nv", "gmbh", "limited",
                  "llp", "lp", "bv", "spa", "ab", "asa", "oyj", "se", "kk", "pty"}


def strip_legal_suffix(name: str) -> str:
    words = name.replace(",", " ").split()
    while len(words) > 1 and words[-1].lower().replace(".", "") in LEGAL_SUFFIXES:
        words.pop()
    return " ".join(words)


def _label(kind: Kind, names: list[str], canonical: str | None) -> str:
    if kind is Kind.PLACE and canonical:
        return canonical
    best = max(names, key=lambda n: (len(n.split()), not n.isupper(), -names.index(n)))
    if best.isupper() and len(best) > 4 and " " not in best or best.isupper() and " " in best:
        best = best.title()
    if kind is Kind.ORGANIZATION:
        best = strip_legal_suffix(best)
    return best


def resolve(doc: ParsedDoc, mentions: tuple[Mention, ...]) -> tuple[tuple[Entity, ...],
                                                                      tuple[tuple[str, ...], ...]]:
    name_idx = [i for i, m in enumerate(mentions) if m.source in NAME_SOURCES]
    names = [mentions[i] for i in name_idx]
    uf = _cluster_names(names, doc.text)
    groups: dict[int, list[int]] = defaultdict(list)
    for local, i in enumerate(name_idx):
        groups[uf.find(local)].append(i)
    regions = anaphora.quote_regions(doc)

    entities: list[Entity] = []
    assign: list[tuple[str, ...]] = [()] * len(mentions)
    cluster_kind: dict[str, Kind] = {}
    ent_subtype: dict[str, str] = {}
    for members in groups.values():
        votes = [v for i in members for v in mentions[i].votes]
        single = all(mentions[i].token_end - mentions[i].token_start == 1 for i in members)
        cues = [why for lab, _, why in votes if lab == "PERSON" and why not in _RECOGNISERS]
        cue = bool(cues)
        # a one-word name an article repeats without ever a first name, honorific or title
        # (saying things is no such cue: organisations speak too) is rarely a person's:
        # articles introduce people by their full names
        recurring = single and len(members) >= RECURRING \
            and all(why.startswith("subject of") for why in cues)
        tally: dict[str, float] = defaultdict(float)
        for lab, w, why in votes:
            coarse = _COARSE.get(lab.split("/")[0], "ORG")
            if coarse == "PERSON" and ((why == "ner" and single and not cue) or (
                    why == "second recogniser" and recurring)):
                w *= 0.4  # a lone one-word "person" with no person cue is often an organisation
            if why in _RECOGNISERS or why.startswith("repeats "):
                w *= RECOGNISER_SHARE / max(RECOGNISER_SHARE, len(members))
            tally[coarse] += w
        surface = [norm_name(mentions[i].text) for i in members]
        for coarse, w in _gazetteer_votes(surface):
            tally[coarse] += w
        label = _coarse(tally)
        kind, stype, canonical = _type_of(label, surface, votes)
        name = _label(kind, surface, canonical)
        key = f"{kind.value}:{canonical or name}"
        aliases = tuple(sorted({s for s in surface if s != name} |
                               ({canonical} if canonical and canonical != name else set())))
        conf = round(max(tally.values()) / (sum(tally.values()) or 1.0), 3)
        entities.append(Entity(key, kind, stype, name, aliases, tuple(sorted(members)), conf,
                               canonical))
        cluster_kind[key] = kind
        ent_subtype[key] = stype
        for i in members:
            assign[i] = (key,)
    # merge entities that ended with the same key (e.g. "US" and "United States")
    entities = _merge_same_key(entities)

    # definite descriptions and pronouns, in document order
    last_seen: list[tuple[int, str, int]] = []  # (mention start, entity key, mention index)
    for i, m in enumerate(mentions):
        if assign[i]:
            last_seen.append((m.start, assign[i][0], i))
            continue
        if m.source == "nominal":
            key = anaphora.nominal_antecedent(doc, m, last_seen, entities)
        elif m.source == "title":
            key = _titled_person(doc, m, mentions, assign, cluster_kind)
        elif m.source == "pronoun":
            key = anaphora.pronoun_antecedent(doc, m, mentions, last_seen, cluster_kind,
                                              regions, assign)
        else:
            key = None
        if key:
            assign[i] = key if isinstance(key, tuple) else (key,)
    entities = _add_resolved(entities, mentions, assign)
    return tuple(sorted(entities, key=lambda e: e.key)), tuple(assign)


def _titled_person(doc: ParsedDoc, m: Mention, mentions: tuple[Mention, ...],
                   assign: list[tuple[str, ...]], kinds: dict[str, Kind]) -> str | None:
    """The person a title description stands for ("FCO Minister"): the one the article
    names right after that title ("Foreign Office Minister Tobias Ellwood"), nearest before
    it, else first after it; else the one person the article names, if it names one."""
    title = doc.tokens[m.token_end - 1].text.lower().rstrip(".")
    named = [(n.start, assign[i][0]) for i, n in enumerate(mentions)
             if n.source in NAME_SOURCES and len(assign[i]) == 1
             and kinds.get(assign[i][0]) is Kind.PERSON and n.token_start > 0
             and doc.tokens[n.token_start - 1].text.lower().rstrip(".") == title]
    before = [k for start, k in named if start < m.start]
    after = [k for start, k in named if start > m.start]
    if before or after:
        return before[-1] if before else after[0]
    people = {k for i, n in enumerate(mentions) if n.source in NAME_SOURCES
              for k in assign[i] if kinds.get(k) is Kind.PERSON}
    return people.pop() if len(people) == 1 else None  # the one person the article names


def _merge_same_key(entities: list[Entity]) -> list[Entity]:
    by_key: dict[str, Entity] = {}
    for e in entities:
        if e.key in by_key:
            o = by_key[e.key]
            aliases = tuple(sorted((set(o.aliases) | set(e.aliases) | {e.label}) - {o.label}))
            by_key[e.key] = Entity(o.key, o.kind, o.schema_type, o.label, aliases,
                                   tuple(sorted(o.mentions + e.mentions)),
                                   max(o.confidence, e.confidence), o.canonical)
        else:
            by_key[e.key] = e
    return list(by_key.values())


def _add_resolved(entities: list[Entity], mentions: tuple[Mention, ...],
                  assign: list[tuple[str, ...]]) -> list[Entity]:
    out = []
    for e in entities:
        extra = [i for i, keys in enumerate(assign) if e.key in keys and i not in e.mentions]
        nominal = {norm_name(mentions[i].text).lower() for i in extra
                   if mentions[i].source == "nominal"}
        titles = {norm_name(mentions[i].text) for i in extra if mentions[i].source == "title"}
        aliases = tuple(sorted(set(e.aliases) | {f"the {n}" for n in nominal} | titles))
        out.append(Entity(e.key, e.kind, e.schema_type, e.label, aliases,
                          tuple(sorted(e.mentions + tuple(extra))), e.confidence, e.canonical))
    return out


@extractor("coref", provides=("entities", "mention_entity"), requires=("mentions",))
def extract_entities(doc: ParsedDoc, found: Findings):  # noqa: ANN201
    """Entities of the article and, for each mention, the entities it refers to."""
    return resolve(doc, found.mentions)
