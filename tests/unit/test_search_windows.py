"""Searches narrowed to where a match can be (thru5): the same answers as searching everywhere."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings, strategies as st

from checker import document
from checker.document import all_sentences
from checker.extract import patterns, sources
from checker.models import Span
from checker.wordgroups import prefiltered
from evals.corpus import load_corpus
from evals.real import CorpusMissing, corpora_dir

_WORDS = ["rose", "risen", "now", "stood", "up", "sharply", "to", "at", "the", "toll", "x-rose", "(rose", "stands",
          "Rose", "grew"]  # fmt: skip
_SPACES = [" ", "  ", "\t", "\n", "\u3000", "\xa0", "\u2009"]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from(_SPACES)), max_size=9),
    st.sampled_from(["", " ", "  ", "\u3000"]),
    st.integers(0, 4),
    st.integers(1, 5),
)
def test_last_words_start_a_search_that_finds_what_a_whole_search_finds(
    words: list[tuple[str, str]], tail: str, cut: int, n: int
) -> None:
    text = "".join(w + s for w, s in words) + tail
    start = min(cut, len(text))
    pattern = re.compile(r"\b(?:rose|risen|now|stood|stands|grew)\b(?:\s+(?:up|sharply))?\s+(?:to|at)?\s*$", re.I)
    whole = pattern.search(text, start)
    at = patterns._last_words(text, start, len(text), 3)
    assert start <= at <= len(text)
    narrowed = pattern.search(text, at)
    assert (narrowed.span() if narrowed else None) == (whole.span() if whole else None)
    # and the window never holds more than the last ``n`` words
    assert len(text[patterns._last_words(text, start, len(text), n) :].split()) <= n


def test_every_contest_word_passes_the_gate() -> None:
    what = re.search(r"\(\?P<what>(.*)\)\\b$", patterns._CONTEST.pattern)
    assert what
    alternatives = re.sub(r"\(\?:\w+\)\?|\w\?", "", what.group(1).replace("\n", "")).split("|")
    assert len(alternatives) >= 20
    for word in alternatives:
        assert patterns._CONTEST_WORD.search(word), word
        assert patterns._CONTEST.search(f"in the Harbour Day {word}"), word


_BREAK_TEXT = [",", ";", "-", "–", "—", " ", "\t", "\n", "\u3000", "\xa0", "\x1c", "a", "1", "\u0663", "²", "x"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_BREAK_TEXT), max_size=40).map("".join), st.integers(0, 6), st.integers(0, 6))
def test_breaks_are_the_break_patterns_matches(text: str, cut_start: int, cut_end: int) -> None:
    start, end = min(cut_start, len(text)), max(min(cut_start, len(text)), len(text) - cut_end)
    found = patterns._breaks(text, Span(start, end))
    assert found == [m.span() for m in patterns._BREAK.finditer(text, start, end)]


def test_breaks_on_the_eval_articles() -> None:
    texts = [article.text for article in load_corpus()]
    assert texts
    for text in texts:
        for _, sentence in all_sentences(document.from_text(text, "x.txt")):
            expected = [m.span() for m in patterns._BREAK.finditer(text, sentence.start, sentence.end)]
            assert patterns._breaks(text, sentence) == expected


_MARK_TEXT = ["'", "''", "'''", "“", "”", '"', "«", "»", " ", "(", "—", "-", "a", "\n"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_MARK_TEXT), max_size=30))
def test_quotation_marks_found_behind_their_lookahead_as_without_it(pieces: list[str]) -> None:
    text = "".join(pieces)
    fast = prefiltered(document._MARKS)
    assert fast is not document._MARKS
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in document._MARKS.finditer(text)]


_BEFORE_QUOTE = ["the spokesman", ", who said", " who told", "said", " added", " saying", ", adding", "quoted", " as",
                 " that", ":", " ", "  ", "\n", ".", "3", "2.5", ";", "!", "?", "“", "”", '"', ",", "put", " it at",
                 " $4", "Mr.", "was saying", "who"]  # fmt: skip


def _same_search(pattern: re.Pattern[str], before: str, start: int) -> None:
    whole, narrowed = pattern.search(before), pattern.search(before, start)
    assert (whole.span(), whole.groupdict()) == (narrowed.span(), narrowed.groupdict()) if whole else narrowed is None


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_BEFORE_QUOTE), max_size=14).map("".join))
def test_the_speaker_patterns_before_a_quotation_match_from_their_last_clause(before: str) -> None:
    _same_search(sources._SAYING, before, sources._last_clause(before))
    _same_search(sources._WHO_SAID, before, sources._last_clause(before))
    _same_search(sources._SPEAKER_BEFORE, before, sources._last_sentence_part(before))


def _befores(texts: list[str]) -> list[str]:
    """The text before each quotation that starts inside a sentence, as ``quotation_speaker`` reads it."""
    found = []
    for text in texts:
        doc = document.from_text(text, "x.txt")
        quotes = document.quotation_spans(doc)
        for _, sentence in all_sentences(doc):
            found += [text[sentence.start : q.start] for q in quotes if sentence.start < q.start <= sentence.end]
    return found


def _check_befores(befores: list[str]) -> None:
    for before in befores:
        _same_search(sources._SAYING, before, sources._last_clause(before))
        _same_search(sources._WHO_SAID, before, sources._last_clause(before))
        _same_search(sources._SPEAKER_BEFORE, before, sources._last_sentence_part(before))


def test_the_speaker_patterns_on_the_text_before_the_eval_articles_quotations() -> None:
    befores = _befores([article.text for article in load_corpus()])
    assert len(befores) >= 5
    _check_befores(befores)


def test_the_speaker_patterns_on_the_text_before_the_real_corpora_quotations() -> None:
    try:
        folder = corpora_dir()
    except CorpusMissing:
        pytest.skip("no real corpora")
    paths = [p for name in ("polnear-train", "bbc-news") for p in (folder / name).rglob("*.txt")]
    texts = [p.read_text(encoding="utf-8") for p in paths]
    befores = _befores(texts)
    assert len(befores) > 500
    _check_befores(befores)


_SENTENCE_TEXT = ["''", ".", "!", "?", "...", '"', "”", "’", ")", " ", "\n", "\t", "(", "“", "…", "A", "a", "7", "Mr"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_SENTENCE_TEXT), max_size=30).map("".join))
def test_sentence_ends_found_from_one_character_class_as_by_the_pattern(text: str) -> None:
    fast = [m.span() for m in document._SENTENCE_END_FAST.finditer(text)]
    assert fast == [m.span() for m in document._SENTENCE_END.finditer(text)]


def test_sentence_ends_on_the_eval_articles() -> None:
    for article in load_corpus():
        fast = [m.span() for m in document._SENTENCE_END_FAST.finditer(article.text)]
        assert fast == [m.span() for m in document._SENTENCE_END.finditer(article.text)]


_OR_TEXT = ["or", " or ", ",", " ", "\n", "\u3000", "a", "x", ".", "3", "2.5", "Or", "for"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_OR_TEXT), max_size=14))
def test_every_match_of_or_ends_with_or_and_whitespace(pieces: list[str]) -> None:
    text = "".join(pieces)
    if patterns._OR.fullmatch(text):
        assert patterns._ends_with_or(text, 0, len(text))
    assert not patterns._ends_with_or(text, 0, len(text)) or (text.rstrip().endswith("or") and text[-1:].isspace())
