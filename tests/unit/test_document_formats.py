"""Loading Markdown and HTML drafts: markup blanked, prose kept, every offset still a position in the file."""

from __future__ import annotations

import io
import re
import sys

import pytest
from hypothesis import given, strategies as st

from checker import document
from checker.document import from_text, paragraphs, sentences
from checker.errors import InputError


def prose(doc: document.Document) -> str:
    """The checked text with whitespace collapsed: what the extractor effectively reads."""
    return " ".join(doc.text.split())


def at(doc: document.Document, needle: str) -> tuple[int, int]:
    """Line and column (from the source) of ``needle`` as it appears in the checked text."""
    return doc.position(doc.text.index(needle))


# --- Markdown ---------------------------------------------------------------------------------------------


def test_markdown_front_matter_is_not_checked() -> None:
    doc = from_text("---\ntitle: 12 dead\nwords: 640\n---\n\nFive people died.\n", "a.md", "markdown")
    assert prose(doc) == "Five people died."
    assert at(doc, "Five") == (6, 1)


def test_markdown_toml_front_matter_is_not_checked() -> None:
    doc = from_text("+++\nwords = 640\n+++\nFive people died.\n", "a.md", "markdown")
    assert prose(doc) == "Five people died."


def test_a_rule_later_in_the_draft_is_not_front_matter() -> None:
    doc = from_text("Five people died.\n\n---\n\nSix were hurt.\n", "a.md", "markdown")
    assert prose(doc) == "Five people died. Six were hurt."


@pytest.mark.parametrize(
    "block",
    [
        "```\n42 prisoners\n```",
        "~~~python\nx = 42\n~~~",
        "```\n42 prisoners never closed",
        "    42 prisoners in an indented code block",
        "- a list\n\n  ```\n  42 in a fence inside a list item\n  ```",
    ],
)
def test_markdown_code_blocks_are_not_checked(block: str) -> None:
    doc = from_text(f"Five people died.\n\n{block}\n\nSix were hurt.\n", "a.md", "markdown")
    assert "42" not in doc.text
    assert "Five people died." in doc.text


def test_markdown_inline_code_comments_and_urls_are_not_checked() -> None:
    source = "Police said `x=42` that <!-- 17 --> [50 prisoners](https://x.test/2024/99) escaped ![photo 7](p.jpg).\n"
    doc = from_text(source, "a.md", "markdown")
    assert prose(doc) == "Police said that 50 prisoners escaped ."


def test_markdown_marks_are_blanked_but_words_kept() -> None:
    source = (
        "# Jailbreak in *Al Khalis* #\n\n"
        "> **Fifty** prisoners\n"
        "> - and __twelve__ guards\n\n"
        "1. first item with snake_case and 5*3\n"
        "2) second with \\*stars\\* and AT&amp;T &mdash; done\n\n"
        "| place | dead |\n|---|---:|\n| Al Khalis | 35 |\n\n"
        "Setext heading\n==============\n\n"
        "[ref]: https://example.test/77\n"
    )
    doc = from_text(source, "a.md", "markdown")
    assert prose(doc) == (
        "Jailbreak in Al Khalis Fifty prisoners and twelve guards first item with snake_case and 5*3 "
        "second with *stars* and AT& T — done place dead Al Khalis 35 Setext heading"  # an entity keeps its width
    )


def test_markdown_offsets_map_to_source_lines_and_columns() -> None:
    source = "---\ntitle: x\n---\n# Head\n\nThe **mayor** said [42](http://a.test) escaped.\n"
    doc = from_text(source, "a.md", "markdown")
    assert len(doc.text) == len(doc.source)
    offset = doc.text.index("42")
    assert doc.source[offset : offset + 2] == "42"
    assert doc.position(offset) == (6, 21)


def test_markdown_headings_and_paragraphs_split() -> None:
    doc = from_text("# Head  \n\nFirst para.  \n\n> Quoted para.\n", "a.md", "markdown")
    assert [doc.text[p.start : p.end].strip() for p in paragraphs(doc)] == ["Head", "First para.", "Quoted para."]


def test_markdown_html_block_keeps_its_text_only() -> None:
    doc = from_text('<div class="box">\n<p>Police said <b>five</b> died.</p>\n</div>\n', "a.md", "markdown")
    assert prose(doc) == "Police said five died."


# --- HTML -------------------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html><head><title>62 dead</title><style>p { margin: 0 } /* 12 */</style>
<script>var words = 640; document.write("<p>42</p>");</script></head>
<body>
<h1>Jailbreak</h1>
<p>Police said <b>50</b> prisoners
escaped on &ldquo;Friday&rdquo; &amp; 12 guards&#8217; weapons were taken.</p>
<script type="module">const x = "<!-- factlint-ignore -->";</script>
<p>Second <a href="https://x.test/77">para</a>.<br>New line.</p>
<ul><li>one</li><li>two</li></ul>
</body></html>
"""


def test_html_keeps_text_content_only() -> None:
    doc = from_text(PAGE, "a.html", "html")
    assert len(doc.text) == len(doc.source)
    assert prose(doc) == (
        "Jailbreak Police said 50 prisoners escaped on “Friday” & 12 guards’ weapons were taken. "
        "Second para . New line. one two"
    )
    assert doc.suppressions == ()  # the comment inside <script> is not a directive


CMS_EXPORT = """<html><body><p>Police said 50 people died.</p>
<form><textarea name="c">Readers say <b>70</b> died</textarea> <select><option>12 items</option></select>
<input list="n"><datalist id="n"><option value="3">3 nights</option></datalist><button>Load 20 more comments</button>
</form>
<noscript>Enable JavaScript to see 9 comments</noscript><template><p>13 hidden</p></template>
<svg viewBox="0 0 9 9"><text>44 bars</text></svg>
<p>Type <kbd>F5</kbd> or run <code>curl -d 30</code> to get <samp>200 OK</samp> now, 4 officials said.</p>
<pre>Results: 5 wins, 2 losses</pre><pre><code>x = 99</code></pre>
<p>A stray <code>tag, and 8 more after it.</p>
<p>A stray <button>button, and 9 more after it.</p>
</body></html>
"""


def test_html_form_controls_embeds_and_code_are_not_prose_and_offsets_stay() -> None:
    """What an editor reads in a draft exported from a CMS: not a comment box, a menu or a button (a textarea was read
    as prose), not code (skipped as Markdown's code is; inside a sentence, which stays one), but ``<pre>`` text."""
    doc = from_text(CMS_EXPORT, "a.html", "html")
    assert len(doc.text) == len(doc.source)
    assert prose(doc) == (
        "Police said 50 people died. Type or run to get now, 4 officials said. "
        "Results: 5 wins, 2 losses A stray tag, and 8 more after it. A stray button, and 9 more after it."
    )
    said = next(p for p in paragraphs(doc) if "officials" in doc.text[p.start : p.end])
    assert "Type" in doc.text[said.start : said.end] and len(sentences(doc.text, said)) == 1
    line = CMS_EXPORT.split("\n")[6]
    assert doc.position(doc.text.index("4 officials")) == (7, line.index("4 officials") + 1)
    assert doc.position(doc.text.index("8 more")) == (9, CMS_EXPORT.split("\n")[8].index("8 more") + 1)


def test_html_block_tags_split_paragraphs_and_source_newlines_do_not_split_sentences() -> None:
    doc = from_text(PAGE, "a.html", "html")
    paras = [" ".join(doc.text[p.start : p.end].split()) for p in paragraphs(doc)]
    assert paras[:2] == ["Jailbreak", "Police said 50 prisoners escaped on “Friday” & 12 guards’ weapons were taken."]
    second = paragraphs(doc)[1]
    assert len(sentences(doc.text, second)) == 1  # the hard wrap after "prisoners" is only a space
    assert any("New line." in doc.text[p.start : p.end] for p in paragraphs(doc))


def test_html_entity_is_decoded_in_place_next_to_its_word() -> None:
    doc = from_text("<p>A&amp;B &ldquo;x&rdquo; y</p>", "a.html", "html")
    offset = doc.text.index("&")
    assert doc.source[offset : offset + 5] == "&amp;"
    assert doc.text[offset : offset + 5] == "&    "  # between two words: at the entity's first character
    assert "“x”" in doc.text  # an opening quote moves to the entity's end, a closing one stays at its start
    assert doc.position(doc.text.index("“")) == (1, 18)
    assert doc.source[doc.text.index("”")] == "&"


def test_html_positions_come_from_the_source() -> None:
    doc = from_text(PAGE, "a.html", "html")
    line = PAGE.split("\n")[6]
    assert "12 guards" in line
    assert doc.position(doc.text.index("12 guards")) == (7, line.index("12 guards") + 1)


markup = st.text(alphabet="ab 19x\n\t<>/!-*_#`~[]()&;:=\"'|>\\", max_size=80)


@given(markup)
def test_markdown_blanking_keeps_length_and_newlines(source: str) -> None:
    doc = from_text(source, "a.md", "markdown")
    assert len(doc.text) == len(source)
    assert [i for i, ch in enumerate(source) if ch == "\n"] == [i for i, ch in enumerate(doc.text) if ch == "\n"]


@given(markup)
def test_html_blanking_keeps_length_and_only_writes_what_is_there(source: str) -> None:
    doc = from_text(source, "a.html", "html")
    assert len(doc.text) == len(source)
    for i, ch in enumerate(doc.text):
        if ch.isspace() or ch == source[i]:
            continue
        entity = source.rfind("&", 0, i + 1)  # a decoded character lies inside its entity
        assert entity >= 0 and ";" not in source[entity:i], (i, ch, source)


# --- loading ----------------------------------------------------------------------------------------------


def test_load_picks_the_format_from_the_suffix(tmp_path) -> None:  # type: ignore[no-untyped-def]
    for name, expected in [("a.md", "markdown"), ("a.HTM", "html"), ("a.html", "html"), ("a.txt", "text")]:
        (tmp_path / name).write_text("<p>Five</p>\n", encoding="utf-8")
        assert document.load(str(tmp_path / name)).format == expected


def test_stdin_html_page_is_recognised(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"\xef\xbb\xbf<!DOCTYPE html><p>Five</p>")))
    doc = document.load("-")
    assert doc.format == "html"
    assert prose(doc) == "Five"


def test_stdin_plain_text_stays_text(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Five <b>people</b>")))
    assert document.load("-").format == "text"


def test_crlf_drafts_still_split_into_paragraphs() -> None:
    doc = document.parse(b"First para.\r\n\r\nSecond para.\r\n", "a.txt")
    assert [doc.text[p.start : p.end] for p in paragraphs(doc)] == ["First para.", "Second para."]


def test_unknown_format_is_an_input_error() -> None:
    with pytest.raises(InputError, match="unknown format 'pdf'"):
        from_text("x", "a.pdf", "pdf")


def test_no_markup_reaches_the_text_of_the_examples() -> None:
    for name in ("examples/al-khalis.md", "examples/al-khalis.html"):
        doc = document.load(name)
        assert not re.search(r"[<>*#\[\]|`]|&\w+;|https?:", doc.text), name
