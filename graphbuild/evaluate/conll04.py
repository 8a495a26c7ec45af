"""CoNLL04 (SpERT JSON): run graphbuild on each sentence and score it strictly.

Each sentence's tokens are joined with single spaces into an article text; a predicted span
becomes a token span only when it starts at a token's first character and ends at a token's
last (otherwise it is kept, marked ``"aligned": false``, and counts as wrong). Entities and
relations are matched strictly (see :mod:`graphbuild.evaluate.scoring`).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from graphbuild import nlp
from graphbuild.errors import InputError, InputNotFoundError
from graphbuild.evaluate import mapping as mp
from graphbuild.evaluate.predict import Index, PredSpan, entity_spans, facts, value_spans
from graphbuild.evaluate.scoring import Item, Scores, score, strict
from graphbuild.ingest import read_text_article
from graphbuild.types import ArticleResult

MATCH_RULE = ("STRICT: an entity is correct when its token span and type equal a gold "
              "entity's; a relation when its type and both arguments (token span and type) "
              "equal a gold relation's. One prediction matches at most one gold item; a "
              "prediction not aligned to the benchmark's tokens is wrong.")


def load(path: str | Path) -> list[dict]:
    """The sentences of a SpERT-format JSON file (``tokens``, ``entities``, ``relations``)."""
    p = Path(path)
    if not p.exists():
        raise InputNotFoundError(str(p), "no such file")
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise InputError(str(p), f"not a SpERT JSON file: {err}") from err
    if not isinstance(data, list) or any(not isinstance(s, dict) or "tokens" not in s
                                         for s in data):
        raise InputError(str(p), "not a SpERT JSON file: expected a list of sentences with "
                                 "'tokens'")
    return data


def save(sentences: list[dict], path: str | Path) -> None:
    """Write sentences in the SpERT JSON format."""
    Path(path).write_text(json.dumps(sentences, ensure_ascii=False, indent=1) + "\n",
                          encoding="utf-8")


@dataclass(frozen=True)
class Alignment:
    """A sentence's text and where each token starts and ends in it."""

    text: str
    starts: dict[int, int]  # char offset -> token index starting there
    ends: dict[int, int]  # char offset -> token index + 1 ending there

    @classmethod
    def of(cls, tokens: list[str]) -> Alignment:
        starts, ends, pos = {}, {}, 0
        for i, tok in enumerate(tokens):
            starts[pos] = i
            pos += len(tok)
            ends[pos] = i + 1
            pos += 1
        return cls(" ".join(tokens), starts, ends)

    def token_span(self, start: int, end: int) -> tuple[int, int, bool]:
        """(first token, end token, aligned) of the characters ``[start, end)``; when not
        aligned, the tokens that cover it. A span that stops short of its token's end only by
        punctuation the benchmark glued to the word ("Boise" in the token "Boise.") is
        aligned to the whole token."""
        if start in self.starts and end not in self.ends:
            nxt = min((c for c in self.ends if c > end), default=None)
            if nxt is not None and not any(ch.isalnum() for ch in self.text[end:nxt]) \
                    and " " not in self.text[end:nxt]:
                end = nxt
        if start in self.starts and end in self.ends:
            return self.starts[start], self.ends[end], True
        first = max((c for c in self.starts if c <= start), default=0)
        last = min((c for c in self.ends if c >= end), default=max(self.ends, default=0))
        return self.starts.get(first, 0), self.ends.get(last, len(self.starts)), False


def predict_sentence(sentence: dict, result: ArticleResult, other: str = "none") -> dict:
    """graphbuild's predictions for one sentence, in the SpERT format."""
    align = Alignment.of(sentence["tokens"])
    table = {**mp.CONLL04_BASE_ENTITIES, **mp.CONLL04_OTHER_POLICIES[other]}
    doc, found = result.doc, result.findings
    index = Index(doc, found)
    spans = entity_spans(index)
    if "value" in table or "date" in table:
        spans += value_spans(doc, found)
    entities: list[dict] = []
    where: dict[tuple[int, int], int] = {}  # char span -> index in entities
    for s in spans:
        label = mp.entity_label(s, table)
        if label is None or (s.start, s.end) in where:
            continue
        first, end, aligned = align.token_span(s.start, s.end)
        if label == "Peop" and aligned:
            first = _with_title(sentence["tokens"], first)
        ent = {"type": label, "start": first, "end": end}
        if not aligned:
            ent["aligned"] = False
        where[(s.start, s.end)] = len(entities)
        entities.append(ent)
    relations, seen = [], set()
    for f in facts(doc, found, index):
        h, t = _entity_at(f.head, where, index), _entity_at(f.tail, where, index)
        if h is None or t is None or h == t:
            continue
        for label, swap in mp.relation_labels(f, mp.CONLL04_RELATIONS, entities[h]["type"],
                                              entities[t]["type"], mp.CONLL04_SIGNATURES):
            key = (label, t, h) if swap else (label, h, t)
            if key not in seen:
                seen.add(key)
                relations.append({"type": label, "head": key[1], "tail": key[2]})
    out = {"tokens": sentence["tokens"], "entities": entities, "relations": relations}
    if "orig_id" in sentence:
        out["orig_id"] = sentence["orig_id"]
    return out


#: titles CoNLL04 puts inside a person's span more often than outside it, counted on the
#: TRAIN split ("President Kennedy" 43 times in, 17 out; "Judge X" 0 in, 9 out; "Sen." 5 in,
#: 9 out): honorifics, "President", "Gen.", "Officer" and royal/clerical titles
CONLL04_TITLES_IN_SPAN = {"mr", "mrs", "ms", "miss", "dr", "rev", "president", "gen", "officer",
                          "prince", "king", "queen", "lord", "dean", "sheik", "sir"}


def _is_title(token: str) -> bool:
    return token[:1].isupper() and token.lower().rstrip(".") in CONLL04_TITLES_IN_SPAN


def _with_title(tokens: list[str], first: int) -> int:
    """CoNLL04 convention: a person's span often includes the title right before the name
    ("President Kennedy", "Mrs. Parks"); graphbuild keeps titles as the person's role, so the
    titles the benchmark usually includes are added back here for scoring."""
    while first > 0 and _is_title(tokens[first - 1]):
        first -= 1
    return first


def _entity_at(span: PredSpan, where: dict[tuple[int, int], int], index: Index) -> int | None:
    """The predicted entity a fact's argument is: the one at its span, else (an argument
    that is a pronoun: "he shot X") the nearest name mention of the same entity."""
    if (span.start, span.end) in where:
        return where[(span.start, span.end)]
    if span.entity is None:
        return None
    names = [s for s in index.names(span.entity) if (s.start, s.end) in where]
    if not names:
        return None
    near = min(names, key=lambda s: min(abs(s.start - span.end), abs(span.start - s.end)))
    return where[(near.start, near.end)]


def run(sentences: list[dict], model: str = nlp.DEFAULT_MODEL,
        other: str = "none") -> Iterator[dict]:
    """graphbuild's pipeline over every sentence; yields the predicted sentences in order."""
    from graphbuild.pipeline import analyse

    articles = (read_text_article(" ".join(s["tokens"]) or " ", id=f"conll04-{n}",
                                  title="")
                for n, s in enumerate(sentences))
    for sent, result in zip(sentences, analyse(articles, model=model), strict=True):
        if result.doc.text != " ".join(sent["tokens"]):
            raise InputError(f"sentence {sent.get('orig_id', '?')}",
                             "text changed by clean-up; offsets would not align")
        yield predict_sentence(sent, result, other)


def items(sentences: Iterable[dict]) -> tuple[list[Item], list[Item]]:
    """Entity and relation items of SpERT sentences (document id = position)."""
    ents: list[Item] = []
    rels: list[Item] = []
    for n, s in enumerate(sentences):
        doc = str(n)
        es = s.get("entities", [])
        for e in es:
            ents.append(Item(doc, e["type"], ((e["start"], e["end"]),),
                             valid=e.get("aligned", True)))
        for r in s.get("relations", []):
            h, t = es[r["head"]], es[r["tail"]]
            rels.append(Item(doc, r["type"], ((h["start"], h["end"]), (t["start"], t["end"])),
                             (h["type"], t["type"]),
                             valid=h.get("aligned", True) and t.get("aligned", True)))
    return ents, rels


def score_files(gold: list[dict], pred: list[dict]) -> tuple[Scores, Scores]:
    """(entity scores, relation scores) of predicted sentences against gold ones."""
    if len(gold) != len(pred) or any(g["tokens"] != p["tokens"]
                                     for g, p in zip(gold, pred, strict=True)):
        raise InputError("predictions", "the sentences or tokens differ from the gold file")
    ge, gr = items(gold)
    pe, pr = items(pred)
    return (score(ge, pe, strict, mp.CONLL04_ENTITY_TYPES),
            score(gr, pr, strict, mp.CONLL04_RELATION_TYPES))


def report(ents: Scores, rels: Scores, **meta: object) -> dict:
    """The machine-readable report of a CoNLL04 evaluation."""
    return {
        "benchmark": "conll04",
        **meta,
        "match": MATCH_RULE,
        "entities": {
            "per_type": {t: c.as_dict() for t, c in ents.per_type.items()},
            "micro_core": ents.micro(mp.CONLL04_CORE_TYPES).as_dict(),
            "micro_all": ents.micro(mp.CONLL04_ENTITY_TYPES).as_dict(),
        },
        "relations": {
            "per_type": {t: c.as_dict() for t, c in rels.per_type.items()},
            "micro": rels.micro(mp.CONLL04_RELATION_TYPES).as_dict(),
            "macro_f1": round(rels.macro_f1(mp.CONLL04_RELATION_TYPES), 4),
        },
    }


def evaluate(path: str | Path, *, model: str = nlp.DEFAULT_MODEL, limit: int | None = None,
             other: str = "none", predictions: str | Path | None = None
             ) -> tuple[dict, list[dict]]:
    """Run graphbuild on the file's sentences (or read its ``predictions`` from a SpERT file
    written earlier); return (report, predicted sentences)."""
    if other not in mp.CONLL04_OTHER_POLICIES:
        raise InputError("--other", f"unknown policy {other!r}")
    gold = load(path)
    if limit is not None:
        gold = gold[:limit]
    t0 = time.perf_counter()
    if predictions is None:
        pred = list(run(gold, model=model, other=other))
        meta: dict[str, object] = {"model": model, "model_id": nlp.model_id(model)}
    else:
        pred = load(predictions)[:len(gold)]
        meta = {"model": f"predictions file {predictions}", "model_id": "unknown"}
    seconds = time.perf_counter() - t0
    ents, rels = score_files(gold, pred)
    misaligned = sum(1 for s in pred for e in s["entities"] if not e.get("aligned", True))
    meta.update({"file": str(path), "sentences": len(gold), "other_policy": other,
                 "misaligned_predictions": misaligned, "seconds": round(seconds, 2)})
    return report(ents, rels, **meta), pred
