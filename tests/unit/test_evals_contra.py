"""``evals.contra.compared``: the pairs of figures the rules set side by side."""

from __future__ import annotations

import pytest

from checker import config as config_mod, document
from checker.models import Report
from checker.pipeline import check_document
from evals.contra import compared


def report(text: str) -> Report:
    return check_document(document.from_text(text), config_mod.Config(extractor="offline"))


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        ("Fire killed 40 people, police said.\n\nOfficials said 38 people died.\n", 1),  # one quantity, two values
        ("Fire killed 40 people, police said.\n\nOfficials said 40 people died.\n", 0),  # the same value
        ("Fire killed 40 people, police said.\n\nOfficials said 12 children died.\n", 1),  # a part and its whole
        ("Fire killed 40 people, police said.\n\nThe lawyer of two women said nothing.\n", 0),  # no event: no pair
    ],
)
def test_pairs_compared(text: str, pairs: int) -> None:
    assert compared(report(text)) == pairs
