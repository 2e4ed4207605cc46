"""A pattern behind a lookahead for its first characters (``wordgroups.prefiltered``) matches as the pattern."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings, strategies as st

from checker.config import Config
from checker.extract import patterns, sources
from checker.wordgroups import prefiltered
from evals.corpus import load_corpus

_PER_FIGURE = ["_SUBORDINATE", "_SCOPE", "_TIME", "_EXPECTED_BEFORE", "_CLAUSE_BREAK", "_BASE_OF", "_MORE_BEFORE",
               "_EACH", "_CONDITION", "_INCLUDING", "_AGE_LIMIT", "_DEFINITE", "_SAID_NAME", "_NAME_BEFORE", "_RANK",
               "_NAME_OPENERS", "_CONTEST", "_UPDATE"]  # fmt: skip
_CUES = ["_VAGUE_CUES", "_FORWARD", "_BACKWARD", "_SHOWS", "_ANNOUNCES", "_INVERTED", "_SAYING_CLAUSE"]


def _lookahead(pattern: re.Pattern[str]) -> str:
    fast = prefiltered(pattern)
    return fast.pattern[: fast.pattern.index(")(?:") + 1] if fast is not pattern else ""


def test_the_lookahead_holds_every_first_character_and_no_more() -> None:
    assert _lookahead(re.compile(r"\b(?:said|told|(?:some )?sources|[x-z]\d)\b")) == "(?=[stxyz])"
    assert _lookahead(re.compile(r"\b(?:a?dded|k+illed)")) == "(?=[adk])"
    assert _lookahead(re.compile(r"(?<=\s)(?=[A-Z])\b(?:Kim|Lee)")) == "(?=[KL])"
    assert _lookahead(re.compile(r"\b(?i:said)|Told")) == "(?=[T]|(?i:[s]))"  # the engine folds the case of "s"
    assert set(_lookahead(re.compile(r"\s?x"))) >= {" ", "\t", "\n", "\u3000", "x"}


@pytest.mark.parametrize(
    "pattern",
    [r"\b\w+", r".said", r"[^a]b", r"(?:x)?", r"(?i)said", r"(a)?\1", r"\d*said", r"(?:said)*"],
)
def test_a_pattern_whose_first_characters_are_not_known_is_left_as_it_is(pattern: str) -> None:
    compiled = re.compile(pattern)
    assert prefiltered(compiled) is compiled


def test_the_projects_patterns_match_as_before_on_the_eval_articles() -> None:
    texts = [article.text for article in load_corpus()]
    taxonomy = Config().taxonomy
    assert texts
    served = {name: getattr(sources, name) for name in _CUES}
    served |= {name: getattr(patterns, name) for name in _PER_FIGURE}
    served |= {"events": taxonomy.event_pattern, "populations": taxonomy.population_pattern}
    for name, pattern in served.items():
        assert prefiltered(pattern) is not pattern or name == "_INVERTED"
        found = [(m.span(), m.groupdict()) for text in texts for m in prefiltered(pattern).finditer(text)]
        assert found == [(m.span(), m.groupdict()) for text in texts for m in pattern.finditer(text)], name
        assert found or name in (*_PER_FIGURE, "_SAYING_CLAUSE")  # (some are for a window: "$" ends them)


_ITEMS = ["said", "Said", "ſaid", "KILLED", "killed", "é", "[a-c]x", "(?:some )?sources", "a?dded", "st[ao]od", "x*y",
          "(?i:kill)", "(?-i:Said)", "\\s+said", "(?i:ſ)", "K"]  # fmt: skip
_TEXT = ["said", "SAID", "ſaid", "Killed", "kill", "é", "É", "bx", "Bx", "some", "sources", "dded", "stood", "y", " ",
         "\u212a", "S", "\u3000", "\n"]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(_ITEMS), min_size=1, max_size=8),
    st.lists(st.sampled_from(_TEXT), max_size=30).map("".join),
    st.booleans(),
)
def test_prefiltered_matches_as_the_pattern(items: list[str], text: str, ignore_case: bool) -> None:
    pattern = re.compile(rf"\b(?P<cue>{'|'.join(items)})\b", re.IGNORECASE if ignore_case else 0)
    assert [m.span() for m in prefiltered(pattern).finditer(text)] == [m.span() for m in pattern.finditer(text)]
