"""Zero-width and combining characters inside numbers (issue 13 #15): read as one figure, offsets exact."""

from __future__ import annotations

from hypothesis import given, strategies as st

from checker.config import Config
from checker.document import from_text
from checker.invisible import exact, shift
from checker.models import Span
from checker.pipeline import check_document

CONFIG = Config(extractor="offline")


def figures(text: str, format: str = "text") -> list[tuple[str, str]]:
    """(figure as read, the file's characters at its span) for each claim of the offline extractor."""
    doc = from_text(text, "d.txt", format)
    report = check_document(doc, CONFIG)
    return [(c.figure, doc.source[c.figure_span.start : c.figure_span.end]) for c in report.claims]


def codes(text: str) -> list[str]:
    return [f.code for f in check_document(from_text(text, "d.txt"), CONFIG).findings]


def test_a_zero_width_joiner_inside_a_number_is_read_past() -> None:
    text = "Officials said 3\u200d5 people were killed."
    assert figures(text) == [("35", "3\u200d5")]  # was 5, at the 5


def test_no_false_contradiction_from_a_zero_width_character() -> None:
    text = "Officials said 3\u200d5 people were killed. Police said 35 people were killed."
    assert "FL101" not in codes(text) and "FL105" not in codes(text)
    text = "Officials said 4\u200b2 prisoners escaped. Police said 42 prisoners escaped."
    assert figures(text) == [("42", "4\u200b2"), ("42", "42")]  # was 4 and 2


def test_a_real_conflict_behind_zero_width_characters_is_still_found() -> None:
    assert "FL101" in codes("Officials said 3\u200b5 people were killed. Police said 53 people were killed.")


def test_combining_marks_inside_a_number_are_dropped_but_accents_in_words_kept() -> None:
    assert figures("Officials said 4\u03012 prisoners escaped.") == [("42", "4\u03012")]
    doc = from_text("The cafe\u0301 owner said 12 people were hurt.")
    assert doc.text.startswith("The cafe\u0301 owner") and doc.moved == ()


def test_word_joiners_and_grouping() -> None:
    assert figures("Officials said 4,\u2060200 people were evacuated.") == [("4,200", "4,\u2060200")]
    assert figures("Officials said fif\u200bty people were killed.") == [("fifty", "fif\u200bty")]


def test_markdown_and_html_keep_exact_offsets() -> None:
    assert figures("Officials said **3\u200b5** people were killed.\n", "markdown") == [("35", "3\u200b5")]
    assert figures("<p>Officials said <b>3\u200b5</b> people were killed.</p>", "html") == [("35", "3\u200b5")]
    assert figures("<p>Officials said 3&#8203;5 people were killed.</p>", "html") == [("35", "3&#8203;5")]
    assert figures("Officials said 4&zwj;2 people were killed.\n", "markdown") == [("42", "4&zwj;2")]


def test_text_without_invisible_characters_is_untouched() -> None:
    text = "Officials said 35 people were killed."
    assert shift(text) == (text, ())


@given(st.text(alphabet="12ab ,.\u200b\u200d\u0301\u00ad", max_size=40))
def test_shift_keeps_length_and_everything_outside_the_runs(text: str) -> None:
    shifted, moved = shift(text)
    assert len(shifted) == len(text)
    inside = {i for m in moved for i in range(m.run.start, m.run.end)}
    assert all(shifted[i] == text[i] for i in range(len(text)) if i not in inside)
    for run in (m.run for m in moved):
        visible = shifted[run.start : run.end].rstrip(" ")
        if not visible:  # only invisible characters: blanked
            continue
        original = text[run.start : run.end]
        hidden = "\u200b\u200d\u00ad" + ("\u0301" if any(c.isdigit() for c in original) else "")
        assert sorted(visible) == sorted(c for c in original if c not in hidden)
        whole = exact(Span(run.start, run.start + len(visible)), moved)
        assert whole == Span(run.start, run.end) or text[whole.end : run.end].strip("\u200b\u200d\u0301\u00ad") == ""
