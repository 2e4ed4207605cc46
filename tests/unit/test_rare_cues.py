"""``sources._candidates`` searches for its vague, "according to", shows and announces cues only in a sentence that
``_may_have_rare_cue`` lets through, each (and the document participles) only when ``_rare_cues`` says it may match,
and for inverted speech verbs only at the start and after commas: all must find every match the patterns find
(made-up sentences, and the real corpora's paragraphs read at test time from ``../shared/corpora``, skipped when
absent)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given, settings, strategies as st

from checker.extract import sources
from checker.wordgroups import prefiltered

CORPORA = Path(__file__).parents[3] / "shared" / "corpora"
GATED = [sources._VAGUE_CUES, sources._FORWARD, sources._SHOWS, sources._ANNOUNCES]
EACH = [*GATED, sources._DOCUMENT_SHOWING]  # in the order of ``_rare_cues``'s answers

# pieces of sentences: the cues in several cases, characters re.IGNORECASE matches as ASCII letters ("\u0130",
# "\u0131", the Kelvin sign, the long s), commas and quotation marks before inverted verbs, and filler
PIECES = st.sampled_from(
    [
        "reportedly", "REPORTEDLY", "It was thought", "sources said", "Sources Say", "\u017fources say", "is said to",
        "rumours suggest", "according to reports", "word on the street", "According to", "ACCORDING TO", "citing",
        "as reported by", "data from", "Figures From", "figures released by", "a report by", "a statement by",
        "attributed to", "c\u0130ting", "c\u0131ting", "\u212a", "shows", "found", "gave", "Shows", "is to cut",
        "plans to lay off", "has agreed to sell", "is set to Cut", "a Harbour Post poll showing",
        "the Ledger survey giving", "records finding", "Poll Indicating", "studies suggesting", ",", ", said",
        ",” said", " said the mayor", " told the", "said", " the ", " Ms Ruiz", " ", "x", "The company", "42", ".",
    ]
)  # fmt: skip


def _corpus_paragraphs() -> list[str]:
    files = sorted((CORPORA / "bbc-news").glob("*.txt")) + sorted((CORPORA / "polnear-train").glob("*.txt"))[:300]
    if not files:
        pytest.skip(f"no corpora at {CORPORA}")
    return [p for f in files for p in f.read_text(encoding="utf-8").split("\n") if p.strip()]


def _gated_matches(body: str) -> int:
    return sum(1 for pattern in GATED for _ in prefiltered(pattern).finditer(body))


def _each_is_let_through(body: str) -> bool:
    return all(may or pattern.search(body) is None for may, pattern in zip(sources._rare_cues(body), EACH, strict=True))


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, max_size=12).map("".join))
@example("C\u0130TING 40 officials")
def test_a_sentence_with_a_rare_cue_is_let_through(body: str) -> None:
    assert sources._may_have_rare_cue(body) or not _gated_matches(body)
    assert _each_is_let_through(body)


@pytest.mark.parametrize(
    "body",
    ["It is understood that 40 left", "according to some", "as reported by Ana", "figures released by the board",
     "a statement from Hale", "polls show 40%", "a survey gave her 12%", "a Harbour Post poll giving Moss a lead",
     "records finding that 3 were paid", "word on the street is 40"],
)  # fmt: skip
def test_each_rare_cue_is_let_through_by_its_own_words(body: str) -> None:
    assert any(pattern.search(body) for pattern in EACH)  # (a cue it holds)
    assert _each_is_let_through(body)
    assert not all(sources._rare_cues(body)) or "\u0130" in body  # and it turns the others away


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, max_size=12).map("".join))
@example("x, said the mayor")
@example(",, said the mayor")
def test_inverted_verbs_are_found_as_finditer_finds_them(body: str) -> None:
    assert [m.span() for m in sources._inverted(body)] == [m.span() for m in sources._INVERTED.finditer(body)]


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, max_size=12).map("".join))
@example(",\u201d\u3000said the mayor")
@example("\u2019’ said Ms Ruiz")
@example(", is saying the mayor")
@example(",added the mayor")
def test_a_sentence_with_an_inverted_verb_is_searched_before_the_pattern_is_compiled(body: str) -> None:
    assert sources._speech_may_follow(body) or not any(sources._INVERTED.finditer(body))


def test_the_openings_of_the_speech_items_that_are_not_words_are_known() -> None:
    """Some letters, not None: else every sentence would pass ``_speech_may_follow``."""
    openings = sources._other_speech_openings()
    assert openings is not None and "a" in openings and "t" not in openings  # ("added…"; no "t…" item but words)


def test_on_the_corpora_every_rare_cue_is_let_through_and_every_inverted_verb_found() -> None:
    paragraphs = _corpus_paragraphs()
    cued = [p for p in paragraphs if _gated_matches(p)]
    assert len(cued) > 100  # the cues do occur
    assert all(sources._may_have_rare_cue(p) for p in cued)
    assert all(_each_is_let_through(p) for p in paragraphs)
    assert sum(any(pattern.search(p) for pattern in EACH[:2]) for p in paragraphs) > 50
    assert sum(not sources._may_have_rare_cue(p) for p in paragraphs) > len(paragraphs) / 10  # and it turns some away
    inverted = [[m.span() for m in sources._INVERTED.finditer(p)] for p in paragraphs]
    assert sum(map(len, inverted)) > 50
    assert [[m.span() for m in sources._inverted(p)] for p in paragraphs] == inverted
    assert all(sources._speech_may_follow(p) for p, found in zip(paragraphs, inverted, strict=True) if found)
    assert sum(not sources._speech_may_follow(p) for p in paragraphs) > len(paragraphs) / 10  # some are not searched
