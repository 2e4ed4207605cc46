"""Inline suppression: ``<!-- factlint-ignore FL101 -->`` and ``factlint-ignore: FL101`` silence the next paragraph."""

from __future__ import annotations

import pytest

from checker import config as config_mod
from checker.document import from_text, paragraphs
from checker.errors import InputError
from checker.models import Document, Span
from checker.pipeline import check_document

CONFIG = config_mod.Config(extractor="offline")
UNSOURCED = "Some 300 men were convicted of terrorism."
OTHER = "About 80 guards work at the prison."


def suppressed_text(doc: Document) -> list[tuple[str, frozenset[str]]]:
    return [(doc.text[span.start : span.end], codes) for span, codes in doc.suppressions]


def codes_by_line(doc: Document) -> set[tuple[str, int]]:
    return {(f.code, doc.position(f.span.start)[0]) for f in check_document(doc, CONFIG).findings}


@pytest.mark.parametrize(
    ("fmt", "directive"),
    [
        ("markdown", "<!-- factlint-ignore FL201 -->"),
        ("html", "<!-- factlint-ignore FL201 -->"),
        ("text", "factlint-ignore: FL201"),
        ("markdown", "factlint-ignore: FL201"),
        ("text", "factlint-ignore FL201"),
    ],
)
def test_directive_silences_the_next_paragraph_only(fmt: str, directive: str) -> None:
    if fmt == "html":
        source = f"<p>{OTHER}</p>\n{directive}\n<p>{UNSOURCED}</p>\n<p>{OTHER}</p>\n"
    else:
        source = f"{OTHER}\n\n{directive}\n{UNSOURCED}\n\n{OTHER}\n"
    doc = from_text(source, "draft", fmt)
    assert suppressed_text(doc) == [(UNSOURCED, frozenset({"FL201"}))]
    found = codes_by_line(doc)
    assert ("FL201", 3) not in found  # the silenced paragraph
    assert ("FL201", 1) in found  # the paragraphs around it still report
    assert any(line >= 4 for _, line in found)


@pytest.mark.parametrize(
    ("fmt", "source"),
    [
        ("markdown", f"{OTHER}\n\n{UNSOURCED} <!-- factlint-ignore FL201 -->\n\n{OTHER}\n"),
        ("markdown", f"{OTHER}\n\n{UNSOURCED}<!-- factlint-ignore FL201 -- checked -->\n\n{OTHER}\n"),
        ("html", f"<p>{OTHER}</p>\n<p>{UNSOURCED} <!-- factlint-ignore FL201 --></p><p>{OTHER}</p>\n"),
        ("markdown", f"{OTHER}\n\n{UNSOURCED[:8]} <!-- factlint-ignore FL201 --> {UNSOURCED[9:]}\n\n{OTHER}\n"),
    ],
)
def test_a_comment_ending_a_paragraphs_line_silences_that_paragraph(fmt: str, source: str) -> None:
    """As ``# noqa`` ends the line of code it speaks of: silencing the next paragraph instead hid a finding the
    editor never looked at and left the one meant."""
    doc = from_text(source, "draft", fmt)
    [(span, codes)] = doc.suppressions
    assert codes == {"FL201"} and "convicted of terrorism" in doc.text[span.start : span.end]
    findings = [f for f in check_document(doc, CONFIG).findings if f.code == "FL201"]
    assert not any(span.start <= f.span.start < span.end for f in findings)
    assert len(findings) == 2  # the paragraphs around it (the 80 guards) still report


@pytest.mark.parametrize(
    "source",
    [
        f"<p>{OTHER}</p><!-- factlint-ignore FL201 --><p>{UNSOURCED}</p><p>{OTHER}</p>",
        f"<!-- factlint-ignore FL201 --> {UNSOURCED}\n\n{OTHER}",
    ],
)
def test_a_comment_between_paragraphs_on_one_line_silences_the_next(source: str) -> None:
    doc = from_text(source, "draft", "html" if source.startswith("<p>") else "markdown")
    assert suppressed_text(doc) == [(UNSOURCED, frozenset({"FL201"}))]


def test_without_directive_the_figure_is_reported() -> None:
    doc = from_text(f"{OTHER}\n\n{UNSOURCED}\n", "draft.txt", "text")
    assert ("FL201", 3) in codes_by_line(doc)


def test_no_codes_means_every_code() -> None:
    doc = from_text(f"<!-- factlint-ignore -->\n{UNSOURCED}\n", "a.md", "markdown")
    assert suppressed_text(doc) == [(UNSOURCED, frozenset())]
    assert codes_by_line(doc) == set()


def test_several_codes_commas_and_a_reason() -> None:
    doc = from_text(f"factlint-ignore: fl201, FL202 FL101 -- checked with the ministry\n{UNSOURCED}\n", "a.txt")
    assert suppressed_text(doc) == [(UNSOURCED, frozenset({"FL201", "FL202", "FL101"}))]


def test_the_plain_directive_line_is_not_checked_as_prose() -> None:
    doc = from_text(f"factlint-ignore: FL101\n{UNSOURCED}\n", "a.txt")
    assert doc.text.startswith(" " * len("factlint-ignore: FL101") + "\n")
    assert len(doc.text) == len(doc.source)
    assert [doc.text[p.start : p.end] for p in paragraphs(doc)] == [UNSOURCED]


def test_ignore_file_covers_the_whole_draft() -> None:
    doc = from_text(f"{OTHER}\n\n{UNSOURCED}\n\n<!-- factlint-ignore-file FL201 -->\n", "a.md", "markdown")
    assert doc.suppressions == ((Span(0, len(doc.text)), frozenset({"FL201"})),)
    assert codes_by_line(doc) == set()


def test_a_directive_at_the_end_silences_nothing() -> None:
    doc = from_text(f"{UNSOURCED}\n\nfactlint-ignore\n", "a.txt")
    assert [span.start == span.end for span, _ in doc.suppressions] == [True]
    assert ("FL201", 1) in codes_by_line(doc)


def test_a_bad_code_is_an_input_error_with_its_line() -> None:
    with pytest.raises(InputError, match=r"a\.md:3: factlint-ignore: 'because' is not a rule code"):
        from_text(f"{OTHER}\n\n<!-- factlint-ignore because it is fine -->\n{UNSOURCED}\n", "a.md", "markdown")


@pytest.mark.parametrize("code", ["FL9999", "FL2", "FL001", "XY101"])
def test_a_code_that_is_no_rule_is_an_input_error_not_a_silent_no_op(code: str) -> None:
    """A typo or a prefix would silence nothing while the editor believes the finding is dealt with."""
    with pytest.raises(InputError, match=rf"a\.md:3: factlint-ignore: '{code}' is not a rule code"):
        from_text(f"{OTHER}\n\n<!-- factlint-ignore FL201 {code} -->\n{UNSOURCED}\n", "a.md", "markdown")


@pytest.mark.parametrize(
    "source",
    [
        "```\n<!-- factlint-ignore FL201 -->\n```\n\n" + UNSOURCED,
        "`<!-- factlint-ignore FL201 -->`\n\n" + UNSOURCED,
        "    factlint-ignore: FL201\n\n" + UNSOURCED,
        "Text mentioning factlint-ignore: FL201 inline is not a directive.\n\n" + UNSOURCED,
    ],
)
def test_directives_in_code_or_mid_sentence_do_not_count(source: str) -> None:
    doc = from_text(source, "a.md", "markdown")
    assert doc.suppressions == ()


def test_the_examples_silence_their_background_paragraph() -> None:
    from checker import document

    for name in ("examples/al-khalis.md", "examples/al-khalis.html"):
        doc = document.load(name)
        [(text, codes)] = suppressed_text(doc)
        assert codes == frozenset({"FL201"})
        assert " ".join(text.split()).startswith("The breakouts are common in the country")
