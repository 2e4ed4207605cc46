"""Searches skipped where a cheap test shows they cannot match (thru6): the same answers as searching always."""

from __future__ import annotations

import re

from hypothesis import given, settings, strategies as st

from checker.extract import sources

_HELD_WORDS = ["his", "Her", "their", "the", "mayor's", "Hale’s", "earlier", "claim", "claims", "estimate",
               "pledges", "contention", "forecast", "that", "in", "May", "a", "ago", "Claim", "reclaims"]  # fmt: skip


def _held(body: str) -> list[tuple[int, int]]:
    return [m.span() for m in sources._held_that(body)]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_HELD_WORDS), max_size=12).map(" ".join))
def test_held_that_gate_finds_what_the_search_finds(body: str) -> None:
    assert _held(body) == [m.span() for m in sources._HELD_THAT.finditer(body)]


def test_every_held_cue_passes_the_gate() -> None:
    cues = re.search(r"\(\?P<cue>([^)]*)\)", sources._HELD_THAT.pattern)
    assert cues
    alternatives = cues.group(1).split("|")
    words = [w for a in alternatives for w in (a.rstrip("?"), a.replace("s?", "s"))]
    assert len(words) >= 18
    for word in words:
        body = f"the mayor's earlier {word} that"
        assert sources._HELD_THAT.search(body), word
        assert _held(body), word
