"""find_quote folds the text once per draft; it must find exactly what folding each region on its own finds."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from checker.document import _FOLD, find_quote
from checker.models import Span


def reference(text: str, quote: str, start: int, end: int) -> Span | None:
    """The old implementation: fold ``text[start:end]`` for every quote (quadratic over many quotes)."""

    def fold(part: str) -> tuple[str, list[int]]:
        chars, index, previous_space = [], [], False
        for i, ch in enumerate(part.translate(_FOLD)):
            if ch.isspace():
                if previous_space:
                    continue
                ch, previous_space = " ", True
            else:
                previous_space = False
            chars.append(ch)
            index.append(i)
        return "".join(chars), index

    needle, _ = fold(quote.strip())
    if not needle:
        return None
    hay, index = fold(text[start:end])
    at = hay.find(needle)
    if at < 0:
        at = hay.lower().find(needle.lower())
        if at < 0:
            return None
    return Span(start + index[at], start + index[at + len(needle) - 1] + 1)


ALPHABET = st.sampled_from(list("aAb 1\n\t\u00a0“”\"'’–-."))


@settings(max_examples=400, deadline=None)
@given(st.text(ALPHABET, max_size=40), st.text(ALPHABET, min_size=1, max_size=6), st.data())
def test_same_span_as_folding_the_region_alone(text: str, quote: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert find_quote(text, quote, start, end) == reference(text, quote, start, end)


def test_whitespace_runs_and_quote_marks_fold() -> None:
    text = "He said:  “twelve\n   Iraqi policemen” were   killed."
    found = find_quote(text, '"twelve Iraqi policemen"')
    assert found is not None and text[found.start : found.end] == "“twelve\n   Iraqi policemen”"
    assert find_quote(text, "were killed", 0, text.index("were")) is None
    assert find_quote(text, "WERE KILLED") == Span(text.index("were"), text.index("killed") + len("killed"))
