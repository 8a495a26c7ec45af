"""Modality of statements: what a clause states as done, or as wanted, possible, future."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        # the that-clause of an infinitive of purpose is wanted, not done
        ("Ministers met Jane Doe to ensure that Acme Group pays the workers.", "intended"),
        # ... but not the that-clause of a verb of saying
        ("Jane Doe rang Bolt Airways to say that Acme Group had paid the workers.", None),
    ],
)
def test_willed_content(findings_of, text: str, modality: str | None) -> None:
    got = [s.modality for s in findings_of(text).statements if s.verb == "pay"]
    assert got == [modality]
