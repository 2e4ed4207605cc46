"""The attribution verb lists as ``sources`` builds them (an item given twice, or a speech verb the reporting verbs
give already, left out) match exactly as the lists joined whole, in the contexts ``sources`` uses them, on the
real corpora's paragraphs (read at test time from ``../shared/corpora``; skipped when absent)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings, strategies as st

from checker.extract import sources
from checker.wordgroups import grouped

CORPORA = Path(__file__).parents[3] / "shared" / "corpora"
WHOLE_SPEECH = grouped(sources._WORDS["speech_verbs"])
WHOLE_VERBS = f"{grouped(sources._WORDS['reporting_verbs'])}|{WHOLE_SPEECH}"

# (template with {V}, flags, the verb list it takes): shapes of sources.py's patterns (cue group, what follows)
CONTEXTS = [
    (r"\b(?P<cue>(?:{V})(?:\s+in\s+a\s+statement)?)\b", 0, "verbs"),
    (r"(?:{V})\s+that\b", re.IGNORECASE, "verbs"),
    (r"(?P<cue>{V})\b(?:[^.!?“”\"]|\.(?=\d)){{0,80}}?[:,]?\s*(?:that\s*)?(?=[“\"]|$)", 0, "verbs"),
    (r"\s*(?:{V})(?:\s+in\s+a\s+(?:joint\s+|written\s+)?statement)?\s*(?:[,;.!?]|$)", 0, "speech"),
    (r"(?:^|,)['’\"”]*\s*(?P<cue>{V})\s+(?P<np>(?:the|a|an)\b[^.;:!?“”\"]+)", 0, "speech"),
    (r"\b(?:{V})\b", re.IGNORECASE, "speech"),
]


def _paragraphs() -> list[str]:
    files = sorted((CORPORA / "bbc-news").glob("*.txt")) + sorted((CORPORA / "polnear-train").glob("*.txt"))[:150]
    if not files:
        pytest.skip(f"no corpora at {CORPORA}")
    return [p for f in files for p in f.read_text(encoding="utf-8").split("\n") if p.strip()]


def _found(pattern: re.Pattern[str], paragraphs: list[str]) -> list[tuple[int, int, int, dict[str, str | None]]]:
    return [(i, *m.span(), m.groupdict()) for i, p in enumerate(paragraphs) for m in pattern.finditer(p)]


def test_the_lists_without_repeats_are_shorter() -> None:
    assert len(sources._VERBS) < len(WHOLE_VERBS)
    assert len(sources._SPEECH) <= len(WHOLE_SPEECH)


@pytest.mark.parametrize(("template", "flags", "words"), CONTEXTS)
def test_the_verb_lists_match_as_the_whole_lists_do(template: str, flags: int, words: str) -> None:
    paragraphs = _paragraphs()
    built, whole = (sources._VERBS, WHOLE_VERBS) if words == "verbs" else (sources._SPEECH, WHOLE_SPEECH)
    new = _found(re.compile(template.format(V=built), flags), paragraphs)
    old = _found(re.compile(template.format(V=whole), flags), paragraphs)
    assert new == old
    assert len(old) > 50  # the context does occur in the corpora


# The two patterns with the speech verbs inside that sources now answers with word look-ups (_speech_cue, _closing):
# as they were, read whole, with the list as sources builds it.
SPEECH_CUE = re.compile(
    rf"(?!(?:reports|claims|notes|comments|estimates|states|forecasts|replies|counters|posts)\b)(?:{sources._SPEECH})"
    r"(?:\s+in\s+a\s+statement)?"
)
CLOSING = re.compile(
    rf"\s*(?:{sources._SPEECH})(?:\s+in\s+a\s+(?:joint\s+|written\s+)?statement)?{sources._SAID_WHEN}\s*(?:[,;.!?]|$)"
)

# pieces of sentences: every speech item (plain words, and the ones with a lookahead), items that are prefixes of
# others ("told", "told reporters"; "contend", "contends"), the nouns among them, what a closing verb may be followed
# by, and filler
PIECES = st.sampled_from(
    [
        *sources._SPEECH_ITEMS[:8], "told", "told reporters", "contend", "contends", "says", "reports", "claims",
        "added", "adds", "put", "continued", "went on", "is saying", "were warning", "denied claims", " in a statement",
        " in a joint statement", " in a written statement",
        " Tuesday", " on Monday evening", " last week", " ", "  ", "\n", "\u3000", ",", ".", ":", ";", "?", "!",
        " $5", " at 40", " about $3", "x", "ed", "s", "the mayor", "Said", "42",
    ]
)  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(st.lists(PIECES, max_size=8).map("".join), st.integers(0, 40), st.integers(0, 60))
@example("told reporters, x", 0, 60)
@example("contends.", 0, 60)
@example(" added $5", 0, 60)
@example(" said in a", 0, 60)
@example(" said.", 0, 5)
def test_speech_cues_and_closing_verbs_are_found_as_the_patterns_found_them(text: str, at: int, end: int) -> None:
    at, end = min(at, len(text)), min(end, len(text))
    assert sources._speech_cue(text, at) == bool(SPEECH_CUE.match(text, at))
    if at <= end:
        assert sources._closing(text, at, end) == bool(CLOSING.match(text, at, end))


def test_on_the_corpora_speech_cues_and_closing_verbs_are_found_as_the_patterns_found_them() -> None:
    paragraphs = _paragraphs()
    cues = closings = 0
    for text in paragraphs:
        ends = sorted({len(text), *(m.end() for m in re.finditer(r"[.!?]", text))})
        for word in re.finditer(r"\s*\b", text):  # each word's start, and the spaces before it
            for at in {word.start(), word.end()}:
                expected = bool(SPEECH_CUE.match(text, at))
                assert sources._speech_cue(text, at) == expected, (text, at)
                cues += expected
                end = next(e for e in ends if e >= at)
                expected = bool(CLOSING.match(text, at, end))
                assert sources._closing(text, at, end) == expected, (text, at, end)
                closings += expected
    assert cues > 1000 and closings > 100  # both occur in the corpora


def test_no_speech_item_opens_with_a_space() -> None:
    """``_closing`` skips the spaces first: an item that could start with one would be missed."""
    assert all(not item[0].isspace() and not item.startswith(("\\s", "[", ".")) for item in sources._SPEECH_ITEMS)
