"""The scorer on small hand-made gold and prediction tables."""

from __future__ import annotations

import pytest

from graphbuild.evaluate.scoring import Counts, Item, Scores, max_matching, overlap, score, strict


def ent(doc: str, typ: str, start: int, end: int, valid: bool = True) -> Item:
    return Item(doc, typ, ((start, end),), valid=valid)


def rel(typ: str, head: tuple[int, int], tail: tuple[int, int],
        types: tuple[str, str] = ("", "")) -> Item:
    return Item("d", typ, (head, tail), types)


def test_counts_precision_recall_f1():
    c = Counts(tp=3, fp=1, fn=2)
    assert (c.gold, c.pred) == (5, 4)
    assert c.precision == pytest.approx(0.75)
    assert c.recall == pytest.approx(0.6)
    assert c.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)


def test_strict_needs_exact_span_and_type_per_type_and_micro():
    gold = [ent("a", "Peop", 0, 2), ent("a", "Org", 3, 5), ent("b", "Loc", 0, 1)]
    pred = [ent("a", "Peop", 0, 2),  # right
            ent("a", "Org", 3, 4),  # span too short
            ent("b", "Peop", 0, 1),  # wrong type
            ent("b", "Loc", 0, 1)]  # right
    s = score(gold, pred, strict)
    assert s.per_type["Peop"] == Counts(tp=1, fp=1, fn=0)
    assert s.per_type["Org"] == Counts(tp=0, fp=1, fn=1)
    assert s.per_type["Loc"] == Counts(tp=1, fp=0, fn=0)
    assert s.micro() == Counts(tp=2, fp=2, fn=1)
    assert s.micro(["Peop", "Loc"]) == Counts(tp=2, fp=1, fn=0)


def test_same_span_in_another_document_does_not_match():
    s = score([ent("a", "Peop", 0, 2)], [ent("b", "Peop", 0, 2)], strict)
    assert s.per_type["Peop"] == Counts(tp=0, fp=1, fn=1)


def test_overlap_accepts_partial_spans_that_strict_rejects():
    gold = [ent("a", "Org", 0, 35)]  # "The Members of the Security Council"
    pred = [ent("a", "Org", 19, 35)]  # "Security Council"
    assert score(gold, pred, strict).micro().tp == 0
    assert score(gold, pred, overlap()).micro().tp == 1
    touching = [ent("a", "Org", 35, 40)]  # [0, 35) and [35, 40) share no character
    assert score(gold, touching, overlap()).micro().tp == 0


def test_one_prediction_overlapping_two_gold_items_counts_once():
    gold = [ent("a", "Loc", 0, 5), ent("a", "Loc", 6, 10)]
    s = score(gold, [ent("a", "Loc", 0, 10)], overlap())
    assert s.per_type["Loc"] == Counts(tp=1, fp=0, fn=1)


def test_two_predictions_of_one_gold_item_count_once():
    gold = [ent("a", "Loc", 0, 10)]
    s = score(gold, [ent("a", "Loc", 0, 4), ent("a", "Loc", 5, 10)], overlap())
    assert s.per_type["Loc"] == Counts(tp=1, fp=1, fn=0)
    dup = score(gold, [ent("a", "Loc", 0, 10)] * 2, strict)
    assert dup.per_type["Loc"] == Counts(tp=1, fp=1, fn=0)


def test_matching_is_maximal_not_greedy():
    # P1 overlaps both gold items, P2 only the first: the best pairing is P1-B, P2-A
    gold = [ent("a", "Loc", 0, 5), ent("a", "Loc", 5, 10)]
    pred = [ent("a", "Loc", 3, 7), ent("a", "Loc", 0, 4)]
    assert max_matching(gold, pred, overlap()) == 2
    assert score(gold, pred, overlap()).micro() == Counts(tp=2, fp=0, fn=0)


def test_empty_cases():
    assert score([], [], strict).micro() == Counts()
    none = score([], [], strict, types=["Peop"])
    assert none.per_type["Peop"].f1 == 0.0 and none.per_type["Peop"].precision == 0.0
    only_gold = score([ent("a", "Peop", 0, 1)], [], strict)
    assert only_gold.micro() == Counts(fn=1) and only_gold.micro().recall == 0.0
    only_pred = score([], [ent("a", "Peop", 0, 1)], strict)
    assert only_pred.micro() == Counts(fp=1) and only_pred.micro().precision == 0.0


def test_listed_types_are_reported_even_when_absent():
    s = score([ent("a", "Peop", 0, 1)], [ent("a", "Peop", 0, 1)], strict,
              types=["Peop", "Other"])
    assert set(s.per_type) == {"Peop", "Other"}
    assert s.per_type["Other"] == Counts()
    assert s.macro_f1() == pytest.approx(0.5)


def test_invalid_predictions_never_match():
    gold = [ent("a", "Loc", 0, 2)]
    pred = [ent("a", "Loc", 0, 2, valid=False)]
    assert score(gold, pred, strict).micro() == Counts(fp=1, fn=1)
    assert score(gold, pred, overlap()).micro() == Counts(fp=1, fn=1)


def test_strict_relations_need_spans_argument_types_and_order():
    gold = [rel("Kill", (0, 3), (6, 8), ("Peop", "Peop"))]
    right = rel("Kill", (0, 3), (6, 8), ("Peop", "Peop"))
    wrong_arg_type = rel("Kill", (0, 3), (6, 8), ("Peop", "Org"))
    reversed_args = rel("Kill", (6, 8), (0, 3), ("Peop", "Peop"))
    wrong_type = rel("Work_For", (0, 3), (6, 8), ("Peop", "Peop"))
    assert score(gold, [right], strict).micro().tp == 1
    for bad in (wrong_arg_type, reversed_args, wrong_type):
        assert score(gold, [bad], strict).micro() == Counts(fp=1, fn=1)


def test_overlap_relations_either_order_only_for_symmetric_types():
    gold = [rel("CommWith", (0, 10), (20, 30)), rel("Likes", (0, 10), (20, 30))]
    pred = [rel("CommWith", (22, 25), (2, 5)), rel("Likes", (22, 25), (2, 5))]
    s = score(gold, pred, overlap({"CommWith"}))
    assert s.per_type["CommWith"].tp == 1
    assert s.per_type["Likes"] == Counts(fp=1, fn=1)
    both = score(gold, [rel("Likes", (2, 5), (22, 25))], overlap({"CommWith"}))
    assert both.per_type["Likes"].tp == 1


def test_scores_add_per_type():
    a = Scores({"Peop": Counts(1, 0, 1)})
    b = Scores({"Peop": Counts(1, 1, 0), "Org": Counts(0, 0, 2)})
    total = a + b
    assert total.per_type == {"Org": Counts(0, 0, 2), "Peop": Counts(2, 1, 1)}
    assert Counts(2, 1, 1).as_dict()["f1"] == round(2 * (2 / 3) * (2 / 3) / (4 / 3), 4)
