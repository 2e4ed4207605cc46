"""Sentence splitting: hard-wrapped lines continue a sentence; short lines and finished sentences do not."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from checker import document
from checker.models import Span


def split(text: str) -> list[str]:
    return [text[s.start : s.end] for s in document.sentences(text, Span(0, len(text)))]


def test_hard_wrapped_sentence_is_one_sentence() -> None:
    text = "According to the regional health office, forty-two people\nwere taken to hospital on Friday night."
    assert split(text) == [text]


def test_line_that_ends_a_sentence_splits() -> None:
    assert split("Forty people were injured in the blast on Friday.\nPolice said twelve were children.") == [
        "Forty people were injured in the blast on Friday.",
        "Police said twelve were children.",
    ]


def test_short_line_such_as_a_heading_splits() -> None:
    assert split("Flood toll rises\nTwelve people died on Friday.") == [
        "Flood toll rises",
        "Twelve people died on Friday.",
    ]


def test_abbreviations_do_not_end_sentences() -> None:
    assert split("Mr. Khadrane said 12 died. Dr. Lee agreed.") == ["Mr. Khadrane said 12 died.", "Dr. Lee agreed."]


def test_two_apostrophes_close_and_open_sentences_as_a_double_mark_does() -> None:
    # feeds that write a straight double mark as two apostrophes: the quotation's marks are read as marks
    # (document._MARKS), and a sentence ends and starts at them as at ” and “
    assert split(
        "Fees rose by 12 percent. ''We get that back,'' Ms. Ruiz said. (She called it ''fair.'') Then 40 quit."
    ) == [
        "Fees rose by 12 percent.",
        "''We get that back,'' Ms. Ruiz said.",
        "(She called it ''fair.'')",
        "Then 40 quit.",
    ]


def test_source_names_fold_blanked_markup() -> None:
    doc = document.from_text("According to **the Health   Ministry**, 40 people were injured.\n", format="markdown")
    from checker import config as config_mod
    from checker.extract.patterns import PatternExtractor

    [claim] = PatternExtractor(config_mod.Config().taxonomy).extract(doc).claims
    assert claim.source.name == "the Health Ministry"


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["Mr", "U.S", ".", "word", "x" * 70, "”", ")", '"', " ", "\n", "?", "a", "é_9", "’", "("]),
        max_size=30,
    ).map("".join),
    st.integers(min_value=0, max_value=200),
)
def test_the_word_before_a_stop_is_read_from_the_stretchs_end(text: str, start: int) -> None:
    from checker.document import _WORD_BEFORE, _word_before

    start = min(start, len(text))
    expected = _WORD_BEFORE.search(text[start:])
    found = _word_before(text, start, len(text))
    assert found == (expected and expected.group(1))


# paragraph-ish text: one-letter paragraphs, blank lines with spaces and tabs, and whitespace other than them
_PARAGRAPHISH = st.sampled_from(["a", "b.", " ", "\t", "\n", "\r", "\u3000", "\x0c", "\n\n", " \n \t\n", "\u2028"])


@settings(max_examples=500, deadline=None)
@given(st.lists(_PARAGRAPHISH, max_size=40).map("".join))
def test_paragraphs_are_the_paragraph_patterns_matches(text: str) -> None:
    from checker.document import _PARAGRAPH, _paragraph_spans

    assert [(s.start, s.end) for s in _paragraph_spans(text)] == [m.span() for m in _PARAGRAPH.finditer(text)]
