"""Blank markup out of Markdown and HTML drafts, character for character, so offsets stay offsets in the file.

* Markdown: front matter, code blocks and spans, HTML comments and tags, link targets, images and the marks
  of headings, lists, quotes, tables and emphasis are blanked; entities are decoded in place.
* HTML: only text content is kept (not ``head``, ``script``, ``style``, form controls, code…); block tags become
  line breaks so paragraphs split where the page's paragraphs do; a single newline in the source is just a space.

Both return the blanked text and the spans of HTML comments (where suppression directives may live).
"""

from __future__ import annotations

import re

from checker import invisible, lazy_re
from checker.models import Span

# --- HTML -------------------------------------------------------------------------------------------------

# Elements whose content is not article text: the page's machinery, embeds, and a form's controls (a draft exported
# from a CMS may carry a comment box, a menu or a button: "Load 20 more comments" is no figure of the story's).
_SKIP = {
    "head", "script", "style", "template", "noscript", "svg", "math", "iframe", "object", "canvas", "select",
    "datalist", "textarea", "button",
}  # fmt: skip
# ... and computer code, skipped as Markdown's code spans and blocks are, but inside a sentence (``Run <code>ls</code>
# now``) and so no paragraph break: ``<pre>`` alone is preformatted prose, read; ``<pre><code>`` is a code block.
_SKIP_INLINE = {"code", "kbd", "samp"}
# skipped only up to their closing tag: one never closed (a stray <button> in an export) is its tag alone, not the
# rest of the draft; a textarea, whose text is raw, runs to the end as a browser reads it
_UNTIL_CLOSED = {"button", "datalist", *_SKIP_INLINE}
# Elements that start a new paragraph; table cells and <br> only start a new line.
_BLOCK = {
    "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "dialog", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup",
    "hr", "html", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "tfoot", "thead",
    "ul",
}  # fmt: skip
_LINE = {"br", "td", "th", "tr"}
_HTML_TOKEN = lazy_re.compile(
    r"""(?P<comment><!--.*?(?:-->|\Z))
      | (?P<other><!\[CDATA\[.*?(?:\]\]>|\Z) | <![^>]*>? | <\?.*?(?:>|\Z))
      | (?P<tag></?(?P<name>[A-Za-z][A-Za-z0-9:-]*)(?:[^>"']|"[^"]*"|'[^']*')*>)
      | (?P<entity>&(?:\#[0-9]{1,7}|\#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?)""",
    re.S | re.X,
)


_BLANK_LINES = lazy_re.compile(r"\n(?:[ \t]*\n)+")


def _newlines(run: str) -> list[int]:
    return [i for i, ch in enumerate(run) if ch == "\n"]


def blank_html(source: str, start: int = 0, end: int | None = None) -> tuple[str, list[Span]]:
    """Text content of HTML (of ``source[start:end]``, the rest as is); also the spans of its comments."""
    import html  # for HTML and Markdown drafts only (with html.entities, ~1 ms of start-up)

    end = len(source) if end is None else end
    chars = list(source)
    comments: list[Span] = []
    # HTML whitespace is insignificant: a lone newline is a space. Blank lines still part paragraphs.
    kept = {m.start() + i for m in _BLANK_LINES.finditer(source, start, end) for i in _newlines(m.group(0))}
    for i in range(start, end):
        if source[i] == "\n" and i not in kept:
            chars[i] = " "
    pos = start
    while (match := _HTML_TOKEN.search(source, pos, end)) is not None:
        a, b = match.span()
        pos = b
        if match.group("comment"):
            comments.append(Span(a, b))
            _fill(chars, a, b)
        elif match.group("entity"):
            decoded = html.unescape(match.group(0))
            if decoded != match.group(0) and len(decoded) <= b - a:
                after = source[b] if b < end and source[b] != "<" else " "
                chars[a:b] = list(_in_place(decoded, b - a, chars[a - 1] if a > start else " ", after))
        elif match.group("tag"):
            name = match.group("name").lower()
            closing = source.startswith("</", a)
            if not closing and (name in _SKIP or name in _SKIP_INLINE) and not match.group(0).endswith("/>"):
                close = re.compile(rf"</{name}\s*>", re.I).search(source, b, end)
                if close or name not in _UNTIL_CLOSED:
                    b = pos = close.end() if close else end
            _fill(chars, a, b)
            if name in _BLOCK or name in _SKIP:
                chars[a : a + 2] = ["\n", "\n"]
            elif name in _LINE:
                chars[a] = "\n"
        else:
            _fill(chars, a, b)
    return "".join(chars), comments


# --- Markdown ---------------------------------------------------------------------------------------------

_FRONT_MATTER = lazy_re.compile(r"\A(?:---[ \t]*\n.*?\n(?:---|\.\.\.)|\+\+\+[ \t]*\n.*?\n\+\+\+)[ \t]*(?:\n|\Z)", re.S)
_INLINE_CODE = lazy_re.compile(r"(?<![`\\])(`+)(?!`)(?:(?!\n[ \t]*\n).)+?(?<!`)\1(?!`)", re.S)
_COMMENT = lazy_re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_AUTOLINK = lazy_re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>@]+)>")
_IMAGE = lazy_re.compile(r"!\[[^\]\n]*\](?:\([^)\n]*\)|\[[^\]\n]*\])")
_LINK = lazy_re.compile(r"(?<![\\!])\[(?=[^\]\n]*\](?:\(|\[))|\](?:\([^)\n]*\)|\[[^\]\n]*\])")
_FOOTNOTE = lazy_re.compile(r"\[\^[^\]\s]+\](?::)?")
_LINK_DEFINITION = lazy_re.compile(
    r"^ {0,3}\[[^\]\n]+\]:[ \t]*\S+(?:[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^)\n]*\)))?[ \t]*$", re.M
)
_INLINE_TAG = lazy_re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s(?:[^<>\"']|\"[^\"]*\"|'[^']*')*)?/?>")
_EMPHASIS = lazy_re.compile(r"(?<![\\\w*~])(?:\*+|_+|~~)(?=[^\s*_~])|(?<=[^\s*_~\\])(?:\*+|_+|~~)(?![\w*~])")
_ESCAPE = lazy_re.compile(r"\\([!-/:-@\[-`{-~])(?=(\w?))")
_ENTITY = lazy_re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_LIST_MARKER = lazy_re.compile(r"[ \t]*(?:[-*+]|[0-9]{1,9}[.)])(?:[ \t]+\[[ xX]\](?=[ \t]))?(?=[ \t]|$)")
_QUOTE_MARKS = lazy_re.compile(r"^(?:[ \t]*>)+")
_TABLE_RULE = lazy_re.compile(r"^[ \t|:-]*-[ \t|:-]*$")


def blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def _in_place(decoded: str, width: int, before: str, after: str) -> str:
    """An entity's text padded to the entity's width, on the side away from the word it is attached to.

    ``&ldquo;Friday&rdquo;`` reads ``     “Friday”      ``, not ``“      Friday”      ``. An invisible character
    (``3&#8203;5``) fills the whole width instead, so the number still reads as one (``checker.invisible``).
    """
    decoded = decoded[:width]
    if decoded and invisible.is_invisible(decoded):
        return (decoded * width)[:width]
    if before.isspace() and not after.isspace():
        return decoded.rjust(width)
    return decoded.ljust(width)


def _entity(match: re.Match[str]) -> str:
    import html

    text, a, b = match.string, match.start(), match.end()
    return _in_place(html.unescape(match.group(0)), b - a, text[a - 1] if a else " ", text[b] if b < len(text) else " ")


def _unescape(match: re.Match[str]) -> str:
    """``\\*`` is a literal star: keep it next to the word it belongs to, blank the backslash."""
    return " " + match.group(1) if match.group(2) else match.group(1) + " "


def _fill(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if chars[i] != "\n":
            chars[i] = " "


def blank_markdown(source: str) -> tuple[str, list[Span]]:
    """Markdown's prose, markup blanked, every offset kept; also the spans of HTML comments outside code."""
    text = _FRONT_MATTER.sub(blank, source)
    starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def line_span(first: int, last: int) -> tuple[int, int]:
        end = starts[last] - 1 if last < len(starts) else len(text)
        return starts[first], max(starts[first], end)

    chars = list(text)
    comments: list[Span] = []
    from markdown_it import MarkdownIt  # imported for Markdown drafts only (it is a third of start-up)

    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    for token in tokens:
        if token.map is None:
            continue
        first, last = token.map
        a, b = line_span(first, last)
        if token.type in ("fence", "code_block", "hr"):
            _fill(chars, a, b)
        elif token.type == "html_block":
            blanked, found = blank_html("".join(chars), a, b)
            chars[a:b] = list(blanked[a:b])
            comments += found
        elif token.type == "heading_open" and token.markup in ("=", "-"):
            _fill(chars, *line_span(last - 1, last))
        elif token.type == "heading_open":
            line_a, line_b = line_span(first, first + 1)
            line = "".join(chars[line_a:line_b])
            marks = re.match(r"[ \t]*#{1,6}", line)
            closing = re.search(r"(?:^|[ \t])#+[ \t]*$", line[marks.end() if marks else 0 :])
            if closing:
                _fill(chars, line_b - len(closing.group(0)), line_b)
            if marks:
                _fill(chars, line_a, line_a + marks.end())
        elif token.type == "blockquote_open":
            for n in range(first, last):
                line_a, line_b = line_span(n, n + 1)
                marks = _QUOTE_MARKS.match("".join(chars[line_a:line_b]))
                if marks:
                    _fill(chars, line_a, line_a + marks.end())
        elif token.type == "list_item_open":
            line_a, line_b = line_span(first, first + 1)
            marker = _LIST_MARKER.match("".join(chars[line_a:line_b]))
            if marker:
                _fill(chars, line_a, line_a + marker.end())
        elif token.type == "table_open":
            for n in range(first, last):
                line_a, line_b = line_span(n, n + 1)
                line = "".join(chars[line_a:line_b])
                if n == first + 1 and _TABLE_RULE.match(line):
                    _fill(chars, line_a, line_b)
                for pipe in re.finditer(r"(?<!\\)\|", line):
                    chars[line_a + pipe.start()] = " "
    text = "".join(chars)
    text = _INLINE_CODE.sub(blank, text)
    comments += [Span(m.start(), m.end()) for m in _COMMENT.finditer(text)]
    text = _COMMENT.sub(blank, text)
    for pattern in (_AUTOLINK, _IMAGE, _FOOTNOTE, _LINK, _LINK_DEFINITION, _INLINE_TAG, _EMPHASIS):
        text = pattern.sub(blank, text)
    text = _ESCAPE.sub(_unescape, text)
    text = _ENTITY.sub(_entity, text)
    return text, sorted(comments)
