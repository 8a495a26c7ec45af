"""News-facts gold (``news_gold``): build its articles with the normal pipeline, score the graph.

The gold folder holds ``gold.json``, ``make_jsonl.py`` and the reference scorer ``score.py``
(see its GUIDELINES.md). This module

* builds each gold article exactly as ``make_jsonl.py`` does (title, blank line, body; re3d
  lines cleaned of CSV quoting), reading the texts from the data folder next to the gold's
  folder (``../bbc_news``, ``../re3d``) at run time;
* runs the same :func:`graphbuild.pipeline.build` and TriG writer as ``graphbuild build``
  into a temporary folder;
* imports ``score.py`` from the gold's folder and calls its own ``Graph`` and ``score_doc``,
  so every figure is the reference scorer's by construction; only the totals' ratios are
  computed here, with the same formulas as its ``main``.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import logging
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from graphbuild import nlp
from graphbuild.errors import InputError, InputNotFoundError

log = logging.getLogger("graphbuild")

#: per-document columns and total figures, in score.py's order: (name, numerator, denominator)
RATIOS = (
    ("entities R", "ent_found", "ent_gold"),
    ("entities P", "ent_pred_ok", "ent_pred"),
    ("dup", "ent_dup", "ent_found"),
    ("type", "type_coarse", "ent_found"),
    ("type fine", "type_fine", "ent_found"),
    ("quotes R", "q_found", "q_gold"),
    ("quotes P", "q_pred_ok", "q_pred"),
    ("attribution", "attr_ok", "attr_n"),
    ("claims R", "claim_found", "claim_gold"),
    ("roles R", "role_found", "role_gold"),
    ("roles strict R", "role_strict", "role_gold"),
    ("actions R", "act_found", "act_gold"),
    ("actions P", "actp_ok", "actp_pred"),
    ("redundancy", "actp_ok", "actp_distinct"),
    ("modality R", "mod_found", "mod_gold"),
    ("negation R", "neg_found", "neg_gold"),
    ("relations R", "rel_found", "rel_gold"),
    ("relations P", "rel_pred_ok", "rel_pred"),
    ("hedges R", "hedge_found", "hedge_gold"),
    ("hedges doubt R", "hedge_doubt_found", "hedge_doubt_gold"),
    ("hedges attribution R", "hedge_attr_found", "hedge_attr_gold"),
)


@dataclass
class DocScore:
    id: str
    counts: dict[str, int]
    misses: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class NewsReport:
    gold: str
    model: str
    docs: list[DocScore]

    @property
    def totals(self) -> dict[str, int]:
        tot: dict[str, int] = defaultdict(int)
        for d in self.docs:
            for k, v in d.counts.items():
                tot[k] += v
        return dict(tot)

    def figures(self, counts: dict[str, int] | None = None) -> dict[str, float | None]:
        """Every ratio of ``counts`` (default: the totals); None where its denominator is 0."""
        c = self.totals if counts is None else counts
        out: dict[str, float | None] = {}
        for name, num, den in RATIOS:
            out[name] = c.get(num, 0) / c[den] if c.get(den) else None
        qp, qr = out["quotes P"] or 0.0, out["quotes R"] or 0.0
        out["quotes F1"] = 2 * qp * qr / (qp + qr) if qp + qr else 0.0
        er, ep = out["entities R"] or 0.0, out["entities P"] or 0.0
        out["entities F1"] = 2 * er * ep / (er + ep) if er + ep else 0.0
        return out

    def last_line(self) -> str:
        """The total line exactly as score.py prints it last."""
        t, f = self.totals, self.figures()

        def z(x: float | None) -> float:
            return x or 0.0

        def f3(name: str, den: str) -> str:
            return f"{z(f[name]):.3f}" if t.get(den) else "-"

        return (f"entities R {z(f['entities R']):.3f} P {z(f['entities P']):.3f} "
                f"dup {z(f['dup']):.3f} type {z(f['type']):.3f} "
                f"quotes F1 {z(f['quotes F1']):.3f} attribution {z(f['attribution']):.3f} "
                f"claims R {f3('claims R', 'claim_gold')} roles R {z(f['roles R']):.3f} "
                f"actions R {z(f['actions R']):.3f} P {f3('actions P', 'actp_pred')} "
                f"redundancy {f3('redundancy', 'actp_distinct')} "
                f"modality R {f3('modality R', 'mod_gold')} "
                f"negation R {f3('negation R', 'neg_gold')} "
                f"relations R {f3('relations R', 'rel_gold')} "
                f"P {f3('relations P', 'rel_pred')} hedges R {z(f['hedges R']):.3f}")

    def to_json(self) -> dict:
        return {"gold": self.gold, "model": self.model, "totals": self.totals,
                "figures": self.figures(), "last_line": self.last_line(),
                "documents": [{"id": d.id, "counts": d.counts, "figures": self.figures(d.counts),
                               "misses": d.misses} for d in self.docs]}


def load_gold(path: str | Path) -> dict:
    p = Path(path)
    if not p.exists():
        raise InputNotFoundError(str(p), "no such file")
    try:
        gold = json.loads(p.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise InputError(str(p), f"not a news gold JSON file: {err}") from err
    if not isinstance(gold, dict) or not isinstance(gold.get("documents"), list):
        raise InputError(str(p), "not a news gold file: expected {\"documents\": [...]}")
    return gold


def load_scorer(path: str | Path) -> ModuleType:
    """The reference ``score.py`` imported from its file (its ``main`` is not run)."""
    p = Path(path)
    if not p.exists():
        raise InputNotFoundError(str(p), "the reference scorer score.py is not there "
                                         "(give --scorer PATH)")
    spec = importlib.util.spec_from_file_location("news_gold_score", p)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


def _clean_re3d(text: str) -> str:
    """re3d's CSV quoting removed line by line, as make_jsonl.py does."""
    lines = []
    for ln in text.split("\n"):
        s = ln.strip()
        if len(s) > 1 and s.startswith('"') and s.endswith('"'):
            s = s[1:-1]
        lines.append(s.replace('""', '"'))
    return "\n".join(lines)


def article_rows(gold: dict, data_dir: str | Path) -> list[dict]:
    """The gold's articles as make_jsonl.py writes them: ``{id, title, text}``."""
    data = Path(data_dir)
    docs = gold["documents"]
    bbc: dict[str, dict] = {}
    if any(d.get("source") != "re3d" for d in docs):
        path = data / "bbc_news" / "bbc_news_2225.jsonl.gz"
        if not path.exists():
            raise InputNotFoundError(str(path), "BBC texts of the gold not found")
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                r = json.loads(line)
                bbc[r["id"]] = r
    re3d: dict[str, dict] = {}
    for p in (data / "re3d").glob("*/documents.json"):
        with open(p, encoding="utf-8") as fh:
            for line in fh:
                d = json.loads(line)
                re3d[f"{p.parent.name}/{d['_id']}"] = d
    rows = []
    for doc in docs:
        src = re3d if doc.get("source") == "re3d" else bbc
        if doc["id"] not in src:
            raise InputError(doc["id"], f"gold document not found under {data}")
        d = src[doc["id"]]
        if doc.get("source") == "re3d":
            title, body = d.get("title", ""), _clean_re3d(d["text"])
        else:
            title, body = d["title"], d["text"]
        rows.append({"id": doc["id"], "title": title, "text": title + "\n\n" + body})
    return rows


def build_graph(rows: list[dict], folder: Path, model: str = nlp.DEFAULT_MODEL) -> Path:
    """``graphbuild build`` on the rows (same pipeline and TriG writer): the TriG file."""
    from graphbuild.pipeline import BuildReport, build
    from graphbuild.rdf import serialize

    jsonl = folder / "news_gold.jsonl"
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    ds = build([str(jsonl)], model=model, report=BuildReport())
    trig = folder / "graph.trig"
    trig.write_text(serialize.trig(ds), encoding="utf-8")
    return trig


def evaluate(gold_path: str | Path, *, ids: list[str] | None = None,
             data_dir: str | Path | None = None, scorer: str | Path | None = None,
             model: str = nlp.DEFAULT_MODEL, graph: str | Path | None = None,
             keep: str | Path | None = None) -> NewsReport:
    """Build the gold's articles (or only ``ids``) and score them with the gold's score.py.

    ``data_dir`` defaults to the gold folder's parent, ``scorer`` to ``score.py`` beside the
    gold; ``graph`` scores an existing TriG/Turtle file instead of building; ``keep`` keeps
    the built graph in that folder.
    """
    gpath = Path(gold_path).resolve()
    gold = load_gold(gpath)
    if ids:
        known = {d["id"] for d in gold["documents"]}
        unknown = [i for i in ids if i not in known]
        if unknown:
            raise InputError(str(gpath), f"no gold document {', '.join(unknown)}")
        gold = {**gold, "documents": [d for d in gold["documents"] if d["id"] in ids]}
    score = load_scorer(scorer or gpath.parent / "score.py")
    if graph is None:
        rows = article_rows(gold, data_dir or gpath.parent.parent)
        with tempfile.TemporaryDirectory(prefix="gb-news-") as tmp:
            folder = Path(keep) if keep else Path(tmp)
            folder.mkdir(parents=True, exist_ok=True)
            trig = build_graph(rows, folder, model)
            G = score.Graph(str(trig))
    else:
        G = score.Graph(str(graph))
    docs = []
    for doc in gold["documents"]:
        counts, misses = score.score_doc(G, doc, True)
        docs.append(DocScore(doc["id"], dict(counts), {k: list(v) for k, v in misses.items()}))
    return NewsReport(str(gpath), model, docs)


_COLUMNS = (("entR", "entities R"), ("entP", "entities P"), ("dup", "ent_dup"),
            ("typeC", "type"), ("qR", "quotes R"), ("qP", "quotes P"),
            ("attr", "attribution"), ("claimR", "claims R"), ("roleR", "roles R"),
            ("actR", "actions R"), ("hedR", "hedges R"))


def text_report(rep: NewsReport, details: bool = False) -> str:
    """Per-document table (with each miss under its document when ``details``), then every
    total figure and score.py's last line."""
    head = f"{'document':46} " + " ".join(f"{c:>6}" for c, _ in _COLUMNS)
    lines = [f"news gold {rep.gold} (model {rep.model})", head]
    for d in rep.docs:
        f = rep.figures(d.counts)
        cells = [f"{d.counts.get('ent_dup', 0):>6}" if key == "ent_dup" else
                 (f"{f[key]:6.2f}" if f[key] is not None else f"{'-':>6}") for _, key in _COLUMNS]
        lines.append(f"{d.id[:46]:46} " + " ".join(cells))
        if details:
            for kind, items in d.misses.items():
                lines.extend(f"    - {kind}: {x}" for x in items)
    t, f = rep.totals, rep.figures()
    lines.append("")
    lines.append("total:")
    for name, num, den in RATIOS:
        val = f"{f[name]:.3f}" if f[name] is not None else "-"
        lines.append(f"  {name:22} {val:>6}  ({t.get(num, 0)}/{t.get(den, 0)})")
    lines.append(f"  {'quotes F1':22} {f['quotes F1']:.3f}")
    lines.append(f"  {'entities F1':22} {f['entities F1']:.3f}")
    lines.append("")
    lines.append(rep.last_line())
    return "\n".join(lines)
