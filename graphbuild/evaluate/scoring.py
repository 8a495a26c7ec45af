"""Precision, recall and F1 of predicted items against gold items, per type and micro.

An :class:`Item` is an entity (one span) or a relation (two argument spans, head first) of one
document. Matching is one-to-one: each gold item is matched by at most one prediction and each
prediction matches at most one gold item (a maximum bipartite matching within each document and
type), so a prediction that overlaps two gold items is counted once, and a duplicate prediction
is a false positive.

Two match rules:

* :func:`strict` — same type, the same spans, and (relations) the same argument types;
* :func:`overlap` — same type and every span overlaps the gold one by at least one character
  (or token); for a relation type listed as symmetric the arguments may come in either order.

A prediction marked ``valid=False`` (it did not align with the benchmark's tokens) never
matches: it is always a false positive.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Item:
    """One gold or predicted entity (one span) or relation (head and tail spans)."""

    doc: str
    type: str
    spans: tuple[Span, ...]
    arg_types: tuple[str, ...] = ()  # relations: types of head and tail ("" when unknown)
    valid: bool = True


Matcher = Callable[[Item, Item], bool]


def strict(gold: Item, pred: Item) -> bool:
    """Exact spans, same type, same argument types."""
    return pred.valid and gold.type == pred.type and gold.spans == pred.spans \
        and gold.arg_types == pred.arg_types


def spans_overlap(a: Span, b: Span) -> bool:
    """Half-open spans ``[start, end)`` share at least one position."""
    return a[0] < b[1] and b[0] < a[1]


def overlap(symmetric: Collection[str] = ()) -> Matcher:
    """A matcher: same type, each span overlaps the gold one (either order for ``symmetric``
    relation types)."""

    def match(gold: Item, pred: Item) -> bool:
        if not pred.valid or gold.type != pred.type or len(gold.spans) != len(pred.spans):
            return False
        if all(spans_overlap(g, p) for g, p in zip(gold.spans, pred.spans, strict=True)):
            return True
        return gold.type in symmetric and len(gold.spans) == 2 and all(
            spans_overlap(g, p) for g, p in zip(gold.spans, reversed(pred.spans), strict=True))

    return match


@dataclass
class Counts:
    """True positives, false positives and false negatives of one type (or summed)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def gold(self) -> int:
        return self.tp + self.fn

    @property
    def pred(self) -> int:
        return self.tp + self.fp

    @property
    def precision(self) -> float:
        return self.tp / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def as_dict(self) -> dict[str, float | int]:
        return {"gold": self.gold, "pred": self.pred, "tp": self.tp, "fp": self.fp,
                "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass
class Scores:
    """Counts per type; :meth:`micro` sums them over all or some types."""

    per_type: dict[str, Counts] = field(default_factory=dict)

    def micro(self, types: Iterable[str] | None = None) -> Counts:
        total = Counts()
        for t in (self.per_type if types is None else types):
            total = total + self.per_type.get(t, Counts())
        return total

    def macro_f1(self, types: Iterable[str] | None = None) -> float:
        chosen = list(self.per_type if types is None else types)
        if not chosen:
            return 0.0
        return sum(self.per_type.get(t, Counts()).f1 for t in chosen) / len(chosen)

    def __add__(self, other: Scores) -> Scores:
        out = {t: Counts() for t in {*self.per_type, *other.per_type}}
        for t in out:
            out[t] = self.per_type.get(t, Counts()) + other.per_type.get(t, Counts())
        return Scores(dict(sorted(out.items())))


def max_matching(gold: list[Item], pred: list[Item], match: Matcher) -> int:
    """Size of a maximum one-to-one matching between ``gold`` and ``pred`` (Kuhn's
    augmenting paths; the groups are one document and one type, so small)."""
    edges = [[g for g, gi in enumerate(gold) if match(gi, p)] for p in pred]
    owner: dict[int, int] = {}  # gold index -> pred index

    def augment(p: int, seen: set[int]) -> bool:
        for g in edges[p]:
            if g in seen:
                continue
            seen.add(g)
            if g not in owner or augment(owner[g], seen):
                owner[g] = p
                return True
        return False

    for p in range(len(pred)):
        if edges[p]:
            augment(p, set())
    return len(owner)


def score(gold: Iterable[Item], pred: Iterable[Item], match: Matcher = strict,
          types: Iterable[str] = ()) -> Scores:
    """Per-type counts of ``pred`` against ``gold``. ``types`` are reported even when neither
    side has an item of that type (all zeros)."""
    groups: dict[tuple[str, str], tuple[list[Item], list[Item]]] = defaultdict(
        lambda: ([], []))
    for it in gold:
        groups[(it.doc, it.type)][0].append(it)
    for it in pred:
        groups[(it.doc, it.type)][1].append(it)
    per_type: dict[str, Counts] = {t: Counts() for t in types}
    for (_doc, typ), (g, p) in groups.items():
        tp = max_matching(g, p, match)
        c = per_type.setdefault(typ, Counts())
        c.tp += tp
        c.fp += len(p) - tp
        c.fn += len(g) - tp
    return Scores(dict(sorted(per_type.items())))
