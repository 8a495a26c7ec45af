"""re3d (Dstl, JSON lines): run graphbuild on each document and score by span overlap.

Gold items are the annotations with confidence >= :data:`MIN_CONFIDENCE`. A DIR is one subset
folder (it holds ``documents.json``) or a folder with subsets below it; scores are reported per
subset and summed over all of them.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path

from graphbuild import nlp
from graphbuild.errors import InputError, InputNotFoundError
from graphbuild.evaluate import mapping as mp
from graphbuild.evaluate.predict import NAMES, Index, entity_spans, facts, value_spans
from graphbuild.evaluate.scoring import Item, Scores, overlap, score
from graphbuild.ingest import read_text_article
from graphbuild.types import ArticleResult

MIN_CONFIDENCE = 0.5
MATCH_RULE = ("OVERLAP: an entity is correct when its type equals a gold entity's and its "
              "character span overlaps the gold span; a relation when its type equals a gold "
              "relation's and its source and target spans overlap the gold ones (either order "
              f"for {', '.join(sorted(mp.RE3D_SYMMETRIC))}). One prediction matches at most "
              f"one gold item. Gold: annotations with confidence >= {MIN_CONFIDENCE}.")
#: ``--mentions`` policies: which mentions of graphbuild's entities are predicted entities
MENTION_POLICIES = {
    "names": NAMES,
    # re3d also annotates pronouns ("we", "he") and descriptions ("the city")
    "all": NAMES | {"pronoun", "nominal"},
}


@dataclass
class Subset:
    """One re3d subset: its documents and gold annotations (confidence already applied)."""

    name: str
    path: Path
    documents: list[dict]
    entities: list[dict]
    relations: list[dict]


def read_jsonl(path: Path) -> list[dict]:
    rows = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as err:
                    raise InputError(f"{path}:{n}", f"not a JSON line: {err}") from err
    return rows


def write_jsonl(rows: list[dict], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                    encoding="utf-8")


def subset_dirs(root: str | Path) -> list[Path]:
    """``root`` itself when it is a subset, else every subset folder below it (sorted)."""
    root = Path(root)
    if not root.exists():
        raise InputNotFoundError(str(root), "no such folder")
    if (root / "documents.json").is_file():
        return [root]
    found = sorted(p.parent for p in root.rglob("documents.json"))
    if not found:
        raise InputError(str(root), "no re3d subset (a folder with documents.json) found")
    return found


def load(path: Path, min_confidence: float = MIN_CONFIDENCE, documents: bool = True) -> Subset:
    """A subset folder with its gold annotations of confidence >= ``min_confidence``."""
    def gold(name: str) -> list[dict]:
        f = path / name
        rows = read_jsonl(f) if f.is_file() else []
        return [r for r in rows if r.get("confidence", 1) >= min_confidence]

    docs = read_jsonl(path / "documents.json") if documents else []
    return Subset(path.name, path, docs, gold("entities.json"), gold("relations.json"))


def predict_document(doc_id: str, result: ArticleResult, mentions: str = "all"
                     ) -> tuple[list[dict], list[dict]]:
    """graphbuild's predicted entities and relations of one document, as re3d rows."""
    doc, found = result.doc, result.findings
    text = doc.text
    index = Index(doc, found)
    ents, seen = [], set()
    for s in entity_spans(index, MENTION_POLICIES[mentions]) + value_spans(doc, found):
        label = mp.entity_label(s, mp.RE3D_ENTITIES)
        if label is None or (s.start, s.end, label) in seen:
            continue
        seen.add((s.start, s.end, label))
        ents.append({"_id": f"{doc_id}-{s.start}-{s.end}-{label}", "documentId": doc_id,
                     "begin": s.start, "end": s.end, "type": label,
                     "value": text[s.start:s.end], "confidence": 1,
                     "graphbuildConfidence": s.confidence, "graphbuildSource": s.source})
    rels, rseen = [], set()
    for f in facts(doc, found, index):
        head_type = mp.entity_label(f.head, mp.RE3D_ENTITIES)
        tail_type = mp.entity_label(f.tail, mp.RE3D_ENTITIES)
        for label, swap in mp.relation_labels(f, mp.RE3D_RELATIONS, head_type, tail_type,
                                              mp.RE3D_SIGNATURES):
            h, t = (f.tail, f.head) if swap else (f.head, f.tail)
            key = (h.start, h.end, t.start, t.end, label)
            if key in rseen or (h.start, h.end) == (t.start, t.end):
                continue
            rseen.add(key)
            lo, hi = sorted([min(h.end, t.end), max(h.start, t.start)])
            rels.append({
                "_id": f"{doc_id}-{h.start}-{h.end}-{t.start}-{t.end}-{label}",
                "documentId": doc_id, "begin": lo, "end": hi,
                "sourceBegin": h.start, "sourceEnd": h.end, "source": text[h.start:h.end],
                "targetBegin": t.start, "targetEnd": t.end, "target": text[t.start:t.end],
                "type": label, "value": text[lo:hi], "confidence": 1,
                "graphbuildConfidence": f.confidence, "graphbuildFact": f.name,
            })
    return ents, rels


def run(subset: Subset, model: str = nlp.DEFAULT_MODEL, mentions: str = "all"
        ) -> tuple[list[dict], list[dict]]:
    """graphbuild's pipeline over a subset's documents: (entity rows, relation rows)."""
    from graphbuild.pipeline import analyse

    docs = [d for d in subset.documents if d.get("text", "").strip()]
    articles = (read_text_article(d["text"], id=d["_id"], title=d.get("title") or "")
                for d in docs)
    ents: list[dict] = []
    rels: list[dict] = []
    for d, result in zip(docs, analyse(articles, model=model), strict=True):
        if result.doc.text != d["text"]:
            raise InputError(f"{subset.path}/documents.json",
                             f"document {d['_id']}: text changed by clean-up; offsets would "
                             "not align")
        e, r = predict_document(d["_id"], result, mentions)
        ents += e
        rels += r
    return ents, rels


def entity_items(rows: list[dict]) -> list[Item]:
    return [Item(r["documentId"], r["type"], ((r["begin"], r["end"]),)) for r in rows]


def relation_items(rows: list[dict]) -> list[Item]:
    return [Item(r["documentId"], r["type"], ((r["sourceBegin"], r["sourceEnd"]),
                                              (r["targetBegin"], r["targetEnd"])))
            for r in rows]


def score_rows(gold: Subset, ents: list[dict], rels: list[dict]) -> tuple[Scores, Scores]:
    """(entity scores, relation scores) of predicted rows against a subset's gold."""
    match = overlap(mp.RE3D_SYMMETRIC)
    return (score(entity_items(gold.entities), entity_items(ents), match,
                  mp.RE3D_ENTITY_TYPES),
            score(relation_items(gold.relations), relation_items(rels), match,
                  mp.RE3D_RELATION_TYPES))


def _scores(ents: Scores, rels: Scores) -> dict:
    return {
        "entities": {"per_type": {t: c.as_dict() for t, c in ents.per_type.items()},
                     "micro": ents.micro().as_dict()},
        "relations": {"per_type": {t: c.as_dict() for t, c in rels.per_type.items()},
                      "micro": rels.micro().as_dict()},
    }


def evaluate(root: str | Path, *, model: str = nlp.DEFAULT_MODEL, mentions: str = "all",
             predictions: str | Path | None = None,
             ) -> tuple[dict, dict[str, tuple[list[dict], list[dict]]]]:
    """Run graphbuild on every subset under ``root`` (or read its predictions from
    ``predictions``/<subset>/ written earlier); return the report (overall and per subset)
    and each subset's predicted (entity rows, relation rows)."""
    if mentions not in MENTION_POLICIES:
        raise InputError("--mentions", f"unknown policy {mentions!r}")
    total_e, total_r = Scores(), Scores()
    subsets: dict[str, dict] = {}
    preds: dict[str, tuple[list[dict], list[dict]]] = {}
    t0 = time.perf_counter()
    for path in subset_dirs(root):
        subset = load(path)
        if path != Path(root):  # subsets below the root are named by their relative path
            subset.name = path.relative_to(root).as_posix()
        if predictions is None:
            ents, rels = run(subset, model=model, mentions=mentions)
        else:
            got = load_predictions(Path(predictions) / subset.name)
            ents, rels = got.entities, got.relations
        se, sr = score_rows(subset, ents, rels)
        total_e, total_r = total_e + se, total_r + sr
        subsets[subset.name] = {"documents": len(subset.documents), **_scores(se, sr)}
        preds[subset.name] = (ents, rels)
    if predictions is None:
        meta = {"model": model, "model_id": nlp.model_id(model)}
    else:
        meta = {"model": f"predictions in {predictions}", "model_id": "unknown"}
    report = {"benchmark": "re3d", "dir": str(root), **meta,
              "documents": sum(s["documents"] for s in subsets.values()),
              "min_confidence": MIN_CONFIDENCE, "mentions_policy": mentions,
              "seconds": round(time.perf_counter() - t0, 2), "match": MATCH_RULE,
              "overall": _scores(total_e, total_r), "subsets": subsets}
    return report, preds


def load_predictions(folder: Path) -> Subset:
    """Predicted rows of one subset (``entities.json``, ``relations.json``; no confidence
    threshold; a missing file is no predictions)."""
    if not folder.is_dir():
        raise InputNotFoundError(str(folder), "no predictions folder for this subset")
    return load(folder, min_confidence=float("-inf"), documents=False)


def write_predictions(out_dir: str | Path, name: str, ents: list[dict],
                      rels: list[dict]) -> Path:
    """Write a subset's predictions as OUT/<name>/entities.json and relations.json (``name``
    is the subset folder's path relative to the root DIR, or its name when DIR is the
    subset)."""
    folder = Path(out_dir) / name
    write_jsonl(ents, folder / "entities.json")
    write_jsonl(rels, folder / "relations.json")
    return folder
