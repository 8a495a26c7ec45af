"""Plain-text rendering of the evaluation reports (the JSON reports are the source)."""

from __future__ import annotations

import textwrap

_HEAD = f"{'':24}{'gold':>6}{'pred':>6}{'tp':>6}{'P':>8}{'R':>8}{'F1':>8}"


def _row(name: str, c: dict) -> str:
    return (f"  {name:22}{c['gold']:>6}{c['pred']:>6}{c['tp']:>6}"
            f"{100 * c['precision']:>8.2f}{100 * c['recall']:>8.2f}{100 * c['f1']:>8.2f}")


def table(title: str, per_type: dict[str, dict], totals: list[tuple[str, dict]]) -> list[str]:
    """A per-type P/R/F1 table (percentages) followed by its micro rows."""
    lines = [f"{title:24}" + _HEAD[24:]]
    lines += [_row(t, c) for t, c in per_type.items()]
    lines += [_row(name, c) for name, c in totals]
    return lines


def _wrap(label: str, text: str) -> list[str]:
    return textwrap.wrap(text, width=96, initial_indent=f"{label}: ",
                         subsequent_indent=" " * (len(label) + 2))


def conll04_text(rep: dict) -> str:
    ents, rels = rep["entities"], rep["relations"]
    lines = [
        f"CoNLL04: {rep['file']} ({rep['sentences']} sentences, {rep['seconds']} s)",
        f"spaCy model: {rep['model']} ({rep['model_id']})",
        *_wrap("Match", rep["match"]),
        f"Other: policy {rep['other_policy']!r} (see docs/evaluation.md); "
        f"misaligned predictions: {rep['misaligned_predictions']}",
        "",
        *table("Entities", ents["per_type"], [("micro Peop/Org/Loc", ents["micro_core"]),
                                              ("micro all types", ents["micro_all"])]),
        "",
        *table("Relations", rels["per_type"], [("micro", rels["micro"])]),
        f"  macro F1 {100 * rels['macro_f1']:.2f}",
    ]
    return "\n".join(lines)


def re3d_text(rep: dict) -> str:
    lines = [
        f"re3d: {rep['dir']} ({rep['documents']} documents, {len(rep['subsets'])} subset(s), "
        f"{rep['seconds']} s)",
        f"spaCy model: {rep['model']} ({rep['model_id']})",
        *_wrap("Match", rep["match"]),
        f"Mentions: policy {rep['mentions_policy']!r} (see docs/evaluation.md)",
    ]
    parts = [("overall", rep["overall"])] if len(rep["subsets"]) > 1 else []
    parts += list(rep["subsets"].items())
    for name, sc in parts:
        lines += ["", f"== {name}",
                  *table("Entities", sc["entities"]["per_type"],
                         [("micro", sc["entities"]["micro"])]),
                  *table("Relations", sc["relations"]["per_type"],
                         [("micro", sc["relations"]["micro"])])]
    return "\n".join(lines)
