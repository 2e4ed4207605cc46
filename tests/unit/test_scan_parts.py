"""A part of a scanned sentence read from the sentence's scan (``normalize.scan_spans``): the figures its own
scan finds."""

from __future__ import annotations

import itertools

from hypothesis import given, settings, strategies as st

from checker import document, normalize
from checker.document import all_sentences
from checker.models import Span
from evals.corpus import load_corpus

_TOKENS = ["3", "12", "1,200", "4.5", "2016", "$", "£", "%", " per cent", " million", "bn", "m", "-", "–", " to ",
           " and ", "between ", "from ", "about ", "at least ", "over ", "one", "two", "thirty-six", "dozens",
           " scores", " of ", " or so", ".", ",", ";", " ", "  ", "\n", "people", " rose", "a", "x", "G7",
           "th"]  # fmt: skip


def _own_scan(text: str, part: Span) -> list[normalize.Figure]:
    matches = normalize.figure_matches(text, part.start, part.end)
    made = (normalize._figure(text, m, normalize.DEFAULT_TOLERANCE) for m in matches)
    return [f for f in made if f is not None]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(_TOKENS), min_size=1, max_size=40).map("".join),
    st.lists(st.integers(0, 200), min_size=2, max_size=8),
    st.lists(st.tuples(st.integers(0, 200), st.integers(0, 200)), max_size=6),
)
def test_a_part_is_read_as_its_own_scan_reads_it(text: str, cuts: list[int], parts: list[tuple[int, int]]) -> None:
    bounds = sorted({min(c, len(text)) for c in cuts})
    spans = [Span(a, b) for a, b in itertools.pairwise(bounds) if a < b][::2]  # (gaps between some)
    assert normalize.scan_spans(text, spans) == [_own_scan(text, s) for s in spans]
    for span in spans:
        size = span.end - span.start + 1
        inside = [Span(span.start + x % size, span.start + y % size) for x, y in parts]
        inside += [Span(span.start, at) for at in range(span.start, span.end + 1)]  # every end, every start
        inside += [Span(at, span.end) for at in range(span.start, span.end + 1)]
        for part in inside:
            known = normalize._known_part(text, part, normalize.DEFAULT_TOLERANCE)
            assert known is None or known == _own_scan(text, part), part
            assert list(normalize.figures(text, part)) == _own_scan(text, part), part


def test_the_parts_the_extractor_reads_on_the_eval_articles() -> None:
    texts = [article.text for article in load_corpus()]
    assert texts
    read = 0
    for text in texts:
        spans = [s for _, s in all_sentences(document.from_text(text, "x.txt"))]
        for span, found in zip(spans, normalize.scan_spans(text, spans), strict=True):
            for figure in found:  # from each figure's end to the sentence's end or a break before it
                for end in {span.end, *(i for i in range(figure.span.end, span.end) if text[i] in ";—")}:
                    part = Span(figure.span.end, end)
                    known = normalize._known_part(text, part, normalize.DEFAULT_TOLERANCE)
                    read += known is not None
                    assert known is None or known == _own_scan(text, part)
    assert read > 100
