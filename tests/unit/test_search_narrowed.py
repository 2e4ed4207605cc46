"""Searches narrowed to where a match can be (thru7): the same answers as the searches they replace."""

from __future__ import annotations

from hypothesis import example, given, settings, strategies as st

from checker import normalize
from checker.extract import patterns, sources
from checker.wordgroups import prefiltered

# the words of the end-anchored patterns searched from the last words of a verb's lead, in several cases, and the
# whitespace str.split and \s both split at
_LEAD_WORDS = st.sampled_from(
    ["who", "Which", "that", "also", "has", "had", "HAVE", "quickly", "be", "been", "was", "to", "an", "a", "The",
     "and", "but", "then", "now", "later", "Mayor", "Hale", ",", "(who", "—", "x", "5", "whose", "thatch", "\u0130s"]
)  # fmt: skip
_SPACES = st.sampled_from([" ", "  ", "\t", "\n", "\u2003", "\x1c", ""])


@settings(max_examples=600, deadline=None)
@given(st.lists(st.tuples(_LEAD_WORDS, _SPACES), max_size=10), _SPACES)
@example([("who", " "), ("also", " "), ("has", " "), ("quickly", " ")], " ")
@example([("Hale", " "), ("and", " "), ("then", " ")], "")
def test_end_anchored_lead_patterns_searched_from_the_last_words_find_what_the_search_finds(
    pieces: list[tuple[str, str]], end: str
) -> None:
    before = "".join(w + s for w, s in pieces) + end
    relative = prefiltered(sources._RELATIVE).search(before) or prefiltered(sources._PASSIVE).search(before)
    assert sources._relative_or_passive(before) is bool(relative)
    whole = sources._COORDINATED.search(before)
    narrowed = sources._conjunction(before)
    assert (narrowed.span() if narrowed else None) == (whole.span() if whole else None)


def test_last_words_is_where_they_begin() -> None:
    assert sources._last_words("the man who also  ", 2) == len("the man")
    assert sources._last_words("who also", 2) == 0
    assert sources._last_words("", 1) == 0


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["LONDON", "NEW YORK", ",", " ", "Jan", ". 9", "(Reuters)", "—", "-", " - ", "said",
                              "Acme", "x", "\n", "OSLO (AFP) — ", "UK-based"]), max_size=10).map("".join)
)  # fmt: skip
def test_a_dateline_cut_from_the_lead_as_sub_cuts_it(lead: str) -> None:
    assert patterns._without_dateline(lead) == sources.DATELINE.sub("", lead)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["jan", "jan.", "june", "sept.", "may", "x", "aged", "age", "5", "(", "mayor",
                                           "dec", "ajan", ","]), _SPACES), max_size=6))  # fmt: skip
def test_month_before_searched_from_the_last_word_finds_what_the_search_finds(pieces: list[tuple[str, str]]) -> None:
    before = "".join(w + s for w, s in pieces)
    whole = normalize._MONTH_BEFORE.search(before)
    narrowed = normalize._month_before(before)
    assert (narrowed.span() if narrowed else None) == (whole.span() if whole else None)
    assert not normalize._AGED_BEFORE.search(before) or "age" in before
