"""The attribution verb lists as ``sources`` builds them (an item given twice, or a speech verb the reporting verbs
give already, left out) match exactly as the lists joined whole, in the contexts ``sources`` uses them, on the
real corpora's paragraphs (read at test time from ``../shared/corpora``; skipped when absent)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

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
