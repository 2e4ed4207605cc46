"""Searches narrowed to where a match can be (thru7): the same answers as the searches they replace."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings, strategies as st

from checker import normalize
from checker.extract import patterns, sources
from checker.models import Span
from checker.wordgroups import prefiltered

# the words of the end-anchored patterns searched from the last words of a verb's lead, in several cases, and the
# whitespace str.split and \s both split at
_LEAD_WORDS = st.sampled_from(
    ["who", "Which", "that", "also", "has", "had", "HAVE", "quickly", "be", "been", "was", "to", "an", "a", "The",
     "and", "but", "then", "now", "later", "Mayor", "Hale", ",", "(who", "—", "x", "5", "whose", "thatch", "\u0130s",
     "quick", "at pains", "went on"]
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
    passive = prefiltered(sources._PASSIVE).search(before) and not sources._KEEN_TO.search(before)
    relative = prefiltered(sources._RELATIVE).search(before) or passive
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


def test_the_gate_words_letters_are_matched_ignoring_case_by_their_own_cases_only() -> None:
    """What re.IGNORECASE matches to a letter of the words looked for in a lower-cased stretch lower-cases to that
    letter; to "i" (in "if"), what does not holds one of the words listed for it."""
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    for letter in set("".join(patterns._EACH_WORDS + patterns._CONDITION_WORDS[:2])) - {"i"}:
        assert set(re.findall(letter, every, re.IGNORECASE)) == {letter, letter.upper()}
    dotted = set(re.findall("i", every, re.IGNORECASE)) - {"i", "I"}
    assert dotted and all(any(w in c.lower() for w in patterns._CONDITION_WORDS[2:]) for c in dotted)


_APART_WORDS = st.sampled_from(
    ["another", "An", "additional", "further", "extra", "including", "among", "them", "each", "EACH", "apiece",
     "ApIece", "in", "for", "at", "goal", "targets", "aimed", "pledged", "to", "of", "if", "If", "unless", "UNLESS",
     "\u0130f", "\u0131f", "x", "5", ",", ";", "jobs", "the"]
)  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(st.lists(st.tuples(_APART_WORDS, _SPACES), max_size=10), st.integers(0, 30), st.integers(0, 80))
@example([("an", " "), ("additional", " ")], 0, 80)
@example([("pledged", " "), ("to", " "), ("cut", " "), ("more", " ")], 0, 80)
def test_apart_searches_narrowed_find_what_the_searches_find(
    pieces: list[tuple[str, str]], start: int, end: int
) -> None:
    text = "".join(w + s for w, s in pieces)
    start, end = sorted((min(start, len(text)), min(end, len(text))))
    assert patterns._for_each(text, start, end) is (patterns._EACH.search(text, start, end) is not None)
    assert patterns._condition(text, start, end) is (patterns._CONDITION.search(text, start, end) is not None)
    target = patterns._TARGET.search(text, patterns._last_words(text, start, end, 4), end)
    whole = patterns._TARGET.search(text, start, end)
    assert (target.span() if target else None) == (whole.span() if whole else None)


_SHARE_PIECES = st.sampled_from(
    ["a third", "Two-Thirds", "half", "one in four", "3 out of every 10", "nearly", " ", "  ", "\n", "of", "OF",
     "the", "its", "all", "the city's", "Hale’s", "900", "1.2 million", "twelve", "staff", "x", ",", "4"]
)  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(st.lists(_SHARE_PIECES, max_size=12).map(" ".join), st.integers(0, 6))
@example("a third of its 900 staff", 0)
@example("one in four of the twelve", 0)
def test_a_share_of_a_base_holds_a_base(text: str, cut: int) -> None:
    end = max(0, len(text) - cut)
    if patterns._OF_A_BASE.search(text, 0, end) is None:
        assert patterns._SHARE_OF_BASE.search(text, 0, end) is None


def test_shares_of_a_base_in_the_corpora_all_hold_one() -> None:
    files = sorted((Path(__file__).parents[3] / "shared" / "corpora").glob("*/*.txt"))
    if not files:
        pytest.skip("no corpora in ../shared")
    texts = [f.read_text(encoding="utf-8") for f in files]
    shares = [m for text in texts for m in patterns._SHARE_OF_BASE.finditer(text)]
    assert len(shares) >= 10
    assert all(patterns._OF_A_BASE.search(m.string, m.start(), m.end() + 20) for m in shares)  # (its lookahead)
    # and it turns most sentences away: most of the corpora's paragraphs with "of" hold no base
    paragraphs = [p for text in texts for p in text.split("\n") if " of " in p]
    assert sum(patterns._OF_A_BASE.search(p) is None for p in paragraphs) > len(paragraphs) / 2


_AT_END = [v for v in vars(patterns).values() if isinstance(v, patterns._AtEnd)]
_LEAD_PIECES = st.sampled_from(
    ["she", "He", "who", "was", "is", "the", "The", "age", "ages", "of", "died", "passed", "away", "at", "aged",
     "Sperling,", "then", "now", "a", "retired", "nurse,", "v.", "Version", "Channel", "Radio", "Monday", "said.",
     "“", ":", "ranked", "Number", "No.", "No", "#", "everyone", "Adults", "those", "an", "additional", "another",
     "including", "among", "them", "x", "5", "O'Neil", "x-Ray", ",", "In", "About"]
)  # fmt: skip


@settings(max_examples=800, deadline=None)
@given(st.lists(st.tuples(_LEAD_PIECES, _SPACES), max_size=9), _SPACES)
@example([("passed", " "), ("away", " "), ("at", " ")], "")
@example([("the", " "), ("retired", " "), ("nurse,", " ")], "")
@example([("x", " "), ("ranked", " "), ("at", " ")], "")
@example([("Sperling,", " "), ("then", " ")], "")
def test_end_anchored_searches_of_a_figure_lead_find_what_the_searches_find(
    pieces: list[tuple[str, str]], end: str
) -> None:
    before = "".join(w + s for w, s in pieces) + end
    assert len(_AT_END) >= 14
    for narrowed in _AT_END:
        found, whole = narrowed.search(before), narrowed.pattern.search(before)
        assert (found.span() if found else None) == (whole.span() if whole else None), (narrowed, before)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["In", "the", "Green", "primary", ",", "5", "40", "were", "killed", "attack", "x"]),
                max_size=12).map(" ".join), st.integers(0, 40), st.integers(0, 40))  # fmt: skip
def test_a_sentence_holds_a_contest_word_as_searched_each_time(text: str, a: int, b: int) -> None:
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    for sentence in (Span(start, end), Span(0, len(text)), Span(start, end)):  # (asked again: the kept answer)
        found = patterns._CONTEST_WORD.search(text, sentence.start, sentence.end) is not None
        assert patterns._holds_contest_word(text, sentence) is found


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["$", "4", "1,200", ".5", "bn", "m", "k", "Million", "billion", " ", "  ", "\t", "tn",
                                 "thousand", "x", "km"]), min_size=1, max_size=6).map("".join))  # fmt: skip
def test_a_number_read_with_its_scale_as_by_the_search_from_the_start(number: str) -> None:
    match, narrowed = normalize._SCALE_AT_END.search(number), normalize._scale_at_end(number)
    assert (narrowed.span() if narrowed else None) == (match.span() if match else None)


_BREAK_PIECES = st.sampled_from(
    ["but", "But", "BUT", "however", "While", "whereas", "meanwhile", "whilst", "rebut", "butter", ";", "—", " - ",
     " – ", "-", " ", "\t", "x", "5", ",", "\u017f", "\u0131", "\u0130", "é"]
)  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(st.lists(_BREAK_PIECES, max_size=16).map("".join), st.integers(0, 40), st.integers(0, 60), st.booleans())
@example("rebut but", 0, 9, False)
@example("x - y", 0, 5, True)
def test_the_first_clause_break_is_the_search_s(body: str, a: int, b: int, long: bool) -> None:
    text = ("y " * 10_000 if long else "") + body  # a long draft is searched lower-cased (``_lower_cased``)
    offset = len(text) - len(body)
    start, end = sorted((offset + min(a, len(body)), offset + min(b, len(body))))
    whole = patterns._CLAUSE_BREAK.search(text, start, end)
    assert patterns._first_clause_break(text, start, end) == (whole.start() if whole else None)
