"""Word lists grouped by first letter match exactly as the plain alternation they replace: made-up items, random
word lists (many of them prefixes of one another), and the real lists on the corpora's text (read at test time from
``../shared/corpora``, skipped when absent)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings, strategies as st

from checker import wordgroups
from checker.extract import sources
from checker.taxonomy import Taxonomy, _escape
from checker.wordgroups import grouped

CORPORA = Path(__file__).parents[3] / "shared" / "corpora"

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


# words of a few letters, so that many are prefixes of others ("a", "ab", "abb"), with spaces, apostrophes and
# capitals; as they are (a space and an apostrophe are literal) or escaped as taxonomy and normalize escape them
_WORDS = st.lists(st.text(alphabet="abAB '", max_size=5), min_size=1, max_size=15)
_WORD_TEXT = st.lists(st.sampled_from(["a", "b", "ab", "ba", "abb", "A", "B", "'", " ", "  ", "x", "\n"]), max_size=25)
# a list in the shapes sources.py and taxonomy.py put one: whole words, a word with a plural after it, or bare
_CONTEXTS = [r"\b(?:{})\b", r"(?:{})", r"(?:{})(?:'s|s)?(?=\s|$)"]


def _matches(pattern: str, text: str, flags: int) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(pattern, text, flags)]


@settings(max_examples=400, deadline=None)
@given(_WORDS, _WORD_TEXT.map("".join), st.booleans(), st.booleans())
@example(["abb", "b", "ab", "a"], "abb ab a", False, False)  # a longer word first: "a(?:bb|b|)"
@example(["ab", "a", "A b", "a'b"], "A b a'b ab", True, True)
@example(["aa", "Ab", "abb"], "abb", True, False)  # grouped "a(?:a|bb)|Ab" would try "abb" before "Ab"
def test_random_word_lists_match_as_the_plain_ones(words: list[str], text: str, ignore: bool, escape: bool) -> None:
    items = [re.escape(w) if escape else w for w in words]
    flags = re.IGNORECASE if ignore else 0
    for context in _CONTEXTS:
        plain, fast = context.format("|".join(items)), context.format(grouped(items))
        assert _matches(fast, text, flags) == _matches(plain, text, flags), context


def _corpus_text() -> str:
    files = sorted((CORPORA / "bbc-news").glob("*.txt"))[:150] + sorted((CORPORA / "polnear-train").glob("*.txt"))[:50]
    if not files:
        pytest.skip(f"no corpora at {CORPORA}")
    return "\n".join(f.read_text(encoding="utf-8") for f in files)


def _real_lists() -> dict[str, list[str]]:
    lists = {name: items for name, items in sources._WORDS.items() if isinstance(items, list)}
    taxonomy = Taxonomy.default()
    for name, words in (("events", taxonomy._event_words), ("populations", taxonomy._population_words)):
        lists[name] = [_escape(w) for w in sorted(words, key=len, reverse=True)]  # as taxonomy._alternation has it
    return lists


def test_the_real_lists_match_as_the_plain_ones_on_the_corpora() -> None:
    text = _corpus_text()
    lists = _real_lists()
    assert len(lists) > 10 and all(lists.values())
    found = 0
    for name, items in lists.items():
        for flags in (0, re.IGNORECASE):
            plain = _matches(rf"\b(?:{'|'.join(items)})\b", text, flags)
            assert _matches(rf"\b(?:{grouped(items)})\b", text, flags) == plain, (name, flags)
            found += len(plain)
    assert found > 1000  # the lists do match the corpora: the comparison is not of two empty lists


def test_the_spaces_are_what_backslash_s_matches() -> None:
    """``_first_chars`` reads ``\\s`` as these characters: every code point ``\\s`` matches, and no other."""
    space = re.compile(r"\s")
    assert {chr(c) for c in range(0x110000) if space.match(chr(c))} == wordgroups._SPACES
