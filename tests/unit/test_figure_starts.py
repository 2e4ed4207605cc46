"""``normalize._possible_starts`` searches the lower-cased text with case-sensitive copies of its word patterns:
the same places as the patterns with re.IGNORECASE on the text as written, whatever the case and script."""

from __future__ import annotations

from hypothesis import example, given, settings, strategies as st

from checker import normalize

PIECES = st.sampled_from(
    [
        "About", "ABOUT", "about", "hundreds", "HUNDREDS of thousands", "Dozens", "a Dozen", "Nearly", "between",
        "FROM", "up to", "Twelve", "\u212a", "\u017f", "\u0131", "\u0130", "SIX", "\u017fix", "s\u0131x", " ", "  ",
        "\n", ",", "(", "“", "$", "40", "x", "é", "Ünd", "ǅ",
    ]
)  # fmt: skip


def reference(text: str) -> list[int]:
    found = {m.start() for m in normalize._START_SIGN.finditer(text)}
    found.update(m.start() - 2 for m in normalize._DOLLAR.finditer(text) if m.start() >= 2)
    found.update(m.end() for m in normalize._START_WORD.finditer(text))
    found.update(len(text) - m.end() for m in normalize._START_QUALIFIER_REVERSED.finditer(text[::-1]))
    return sorted(found)


@settings(max_examples=500, deadline=None)
@given(st.lists(PIECES, max_size=14).map("".join))
@example(" \u017fix people")  # re.IGNORECASE reads "\u017fix" as "six"; str.lower leaves it
@example(" s\u0131x people")
@example(" \u0130 About 40")  # "\u0130" lower-cases to two characters
def test_the_possible_starts_are_the_patterns_places(text: str) -> None:
    assert normalize._possible_starts(text) == reference(text)
