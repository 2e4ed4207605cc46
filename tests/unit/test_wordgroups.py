"""Word lists grouped by first letter match exactly as the plain alternation they replace."""

from __future__ import annotations

import re

from hypothesis import given, settings, strategies as st

from checker.extract import sources
from checker.wordgroups import grouped

_ITEMS = ["said", "says", "say", "s", "told", "told reporters", "told the \\w+", "Said", "(?:is|are) saying",
          "continued(?=\\s*[,:])", "a?dded", "added", "ſaid", "kill", "killed", "a|b", "st[ao]od", "é", "",
          "k[|]ill", "ad[]d]ed", "k[^]|x]ill", "added(?![$\\d])"]  # fmt: skip
_TEXT = ["said", "says", "Said", "SAYS", "told", "reporters", "the", "police", "is", "are", "saying", "continued",
         ",", " ", "added", "dded", "ſaid", "kill", "killed", "a", "b", "stood", "é", "x", "k|ill", "ad]ed", "k]ill",
         "$", "3"]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(_ITEMS), min_size=1, max_size=12),
    st.lists(st.sampled_from(_TEXT), max_size=30).map(" ".join),
    st.booleans(),
)
def test_grouped_alternatives_match_as_the_plain_ones(items: list[str], text: str, ignore_case: bool) -> None:
    flags = re.IGNORECASE if ignore_case else 0
    plain = re.compile(rf"\b(?:{'|'.join(items)})(?:\s+in\s+a\s+statement)?\b", flags)
    fast = re.compile(rf"\b(?:{grouped(items)})(?:\s+in\s+a\s+statement)?\b", flags)
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_grouping_groups() -> None:
    assert grouped(["said", "says", "told", "said so"]) == "s(?:aid|ays|aid so)|told"
    assert grouped(["said", "(?:is|are) saying", "says"]) == "said|(?:is|are) saying|says"  # never reordered
    assert grouped(["Said", "said"]) == "Said|said"
    assert "|" in sources._SPEECH and sources._SPEECH.startswith("s(?:")


def test_a_bar_inside_a_class_is_no_alternative() -> None:
    assert grouped(["k[|]ill", "kept", "said"]) == "k(?:[|]ill|ept)|said"
    assert grouped(["k[]|]ill", "kept"]) == "k(?:[]|]ill|ept)"  # "]" first in a class is one of its characters
    assert grouped(["k[^]|]ill", "kept"]) == "k(?:[^]|]ill|ept)"
    assert grouped(["a[b]|c", "at"]) == "a[b]|c|at"  # a bar outside the class: several alternatives, left alone
