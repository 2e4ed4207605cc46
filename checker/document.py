"""Load drafts and find their parts: paragraphs, sentences, quotations, and verbatim quotes.

Every loader returns a ``Document`` whose ``text`` has the same length as the file as written, with
markup replaced by spaces, so an offset in ``text`` is an offset in the file (and so a line:column).

* text: as written, less the lines that are suppression directives (``factlint-ignore: FL101``).
* Markdown: front matter, code blocks and spans, HTML comments and tags, link targets, images and the marks
  of headings, lists, quotes, tables and emphasis are blanked; entities are decoded in place.
* HTML: only text content is kept (not ``head``, ``script``, ``style``…); block tags become line breaks so
  paragraphs split where the page's paragraphs do; a single newline in the source is just a space.

Suppressions: ``<!-- factlint-ignore FL101 FL202 -->`` (Markdown and HTML) or a line ``factlint-ignore: FL101``
(any format) silences those codes, or all codes when none are given, in the next paragraph;
``factlint-ignore-file`` does so for the whole draft.
"""

from __future__ import annotations

import html
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from markdown_it import MarkdownIt

from checker.errors import InputError
from checker.models import Document, Span

FORMATS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
}


def load(path: str) -> Document:
    """Read a draft from a path ("-" is stdin). Raises InputError with a one-line reason."""
    if path == "-":
        data = sys.stdin.buffer.read()
        return parse(data, "-", sniff(data))
    file = Path(path)
    if not file.exists():
        raise InputError(f"{path}: no such file")
    if file.is_dir():
        raise InputError(f"{path}: is a directory")
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return parse(data, path, FORMATS.get(file.suffix.lower(), "text"))


def sniff(data: bytes) -> str:
    """Format of a draft with no file name (stdin): HTML if it opens like an HTML page, else plain text."""
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return "html" if head.startswith((b"<!doctype html", b"<html")) else "text"


def parse(data: bytes, path: str, format: str = "text") -> Document:
    """Decode bytes as UTF-8 (BOM allowed), refusing binary data, and build the Document."""
    if b"\x00" in data[:8192]:
        raise InputError(f"{path}: looks like a binary file (NUL byte at offset {data.index(0)})")
    try:
        source = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path}: not UTF-8 text (invalid byte 0x{data[exc.start]:02x} at offset {exc.start})"
        ) from None
    source = source.replace("\r\n", " \n").replace("\r", "\n")
    return from_text(source, path, format)


def from_text(source: str, path: str = "<string>", format: str = "text") -> Document:
    """Build a Document from decoded text: blank the markup, find and apply suppression directives."""
    comments: list[Span] = []
    if format == "markdown":
        text, comments = blank_markdown(source)
    elif format == "html":
        text, comments = blank_html(source)
    elif format == "text":
        text = source
    else:
        raise InputError(f"{path}: unknown format {format!r} (expected text, markdown or html)")
    text, directives = _directive_lines(text)
    directives += [d for d in (_comment_directive(source, span) for span in comments) if d is not None]
    draft = Document.create(path, source, text, format)
    if not directives:
        return draft
    return Document.create(path, source, text, format, _suppressions(draft, directives))


# --- suppression directives -------------------------------------------------------------------------------

# A directive: where it ends, whether it covers the whole file, and the codes it names ("" = all codes).
_Directive = tuple[Span, bool, str]

_DIRECTIVE_LINE = re.compile(
    r"^[ \t]*factlint-ignore(?P<file>-file)?(?:[ \t]*:[ \t]*|[ \t]+|(?=[ \t]*$))(?P<codes>[^\n]*?)[ \t]*$",
    re.MULTILINE,
)
_DIRECTIVE_COMMENT = re.compile(
    r"<!--\s*factlint-ignore(?P<file>-file)?(?:\s*:\s*|\s+|(?=\s*-->))(?P<codes>.*?)\s*-->", re.S
)
_CODE = re.compile(r"[A-Z]{2,}[0-9]+")


def _directive_lines(text: str) -> tuple[str, list[_Directive]]:
    """Plain-text directives: each is a line of its own, blanked so it is not checked as prose."""
    found: list[_Directive] = []
    for match in _DIRECTIVE_LINE.finditer(text):
        found.append((Span(match.start(), match.end()), bool(match.group("file")), match.group("codes")))
    if found:
        text = _DIRECTIVE_LINE.sub(_blank, text)
    return text, found


def _comment_directive(source: str, span: Span) -> _Directive | None:
    match = _DIRECTIVE_COMMENT.fullmatch(source, span.start, span.end)
    if match is None:
        return None
    return span, bool(match.group("file")), match.group("codes")


def _suppressions(doc: Document, directives: list[_Directive]) -> tuple[tuple[Span, frozenset[str]], ...]:
    blocks = paragraphs(doc)
    out: list[tuple[Span, frozenset[str]]] = []
    for where, whole_file, raw in sorted(directives, key=lambda d: d[0]):
        codes: set[str] = set()
        codes_part = raw.split("--", 1)[0]  # "FL101 -- checked with the ministry": the rest is a reason
        for token in re.split(r"[\s,]+", codes_part.strip()):
            if not token:
                continue
            if not _CODE.fullmatch(token.upper()):
                line, _ = doc.position(where.start)
                raise InputError(
                    f"{doc.path}:{line}: factlint-ignore: {token!r} is not a rule code (write e.g. FL101 FL202)"
                )
            codes.add(token.upper())
        if whole_file:
            span = Span(0, len(doc.text))
        else:
            span = next((p for p in blocks if p.start >= where.end), Span(len(doc.text), len(doc.text)))
        out.append((span, frozenset(codes)))
    return tuple(out)


# --- HTML -------------------------------------------------------------------------------------------------

# Elements whose content is not article text.
_SKIP = {"head", "script", "style", "template", "noscript", "svg", "math", "iframe", "object", "canvas", "select"}
# Elements that start a new paragraph; table cells and <br> only start a new line.
_BLOCK = {
    "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "dialog", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup",
    "hr", "html", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "tfoot", "thead",
    "ul",
}  # fmt: skip
_LINE = {"br", "td", "th", "tr"}
_HTML_TOKEN = re.compile(
    r"""(?P<comment><!--.*?(?:-->|\Z))
      | (?P<other><!\[CDATA\[.*?(?:\]\]>|\Z) | <![^>]*>? | <\?.*?(?:>|\Z))
      | (?P<tag></?(?P<name>[A-Za-z][A-Za-z0-9:-]*)(?:[^>"']|"[^"]*"|'[^']*')*>)
      | (?P<entity>&(?:\#[0-9]{1,7}|\#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?)""",
    re.S | re.X,
)


_BLANK_LINES = re.compile(r"\n(?:[ \t]*\n)+")


def _newlines(run: str) -> list[int]:
    return [i for i, ch in enumerate(run) if ch == "\n"]


def blank_html(source: str, start: int = 0, end: int | None = None) -> tuple[str, list[Span]]:
    """Text content of HTML (of ``source[start:end]``, the rest as is); also the spans of its comments."""
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
            if not closing and name in _SKIP and not match.group(0).endswith("/>"):
                close = re.compile(rf"</{name}\s*>", re.I).search(source, b, end)
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

_FRONT_MATTER = re.compile(r"\A(?:---[ \t]*\n.*?\n(?:---|\.\.\.)|\+\+\+[ \t]*\n.*?\n\+\+\+)[ \t]*(?:\n|\Z)", re.S)
_INLINE_CODE = re.compile(r"(?<![`\\])(`+)(?!`)(?:(?!\n[ \t]*\n).)+?(?<!`)\1(?!`)", re.S)
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>@]+)>")
_IMAGE = re.compile(r"!\[[^\]\n]*\](?:\([^)\n]*\)|\[[^\]\n]*\])")
_LINK = re.compile(r"(?<![\\!])\[(?=[^\]\n]*\](?:\(|\[))|\](?:\([^)\n]*\)|\[[^\]\n]*\])")
_FOOTNOTE = re.compile(r"\[\^[^\]\s]+\](?::)?")
_LINK_DEFINITION = re.compile(
    r"^ {0,3}\[[^\]\n]+\]:[ \t]*\S+(?:[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^)\n]*\)))?[ \t]*$", re.M
)
_INLINE_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s(?:[^<>\"']|\"[^\"]*\"|'[^']*')*)?/?>")
_EMPHASIS = re.compile(r"(?<![\\\w*~])(?:\*+|_+|~~)(?=[^\s*_~])|(?<=[^\s*_~\\])(?:\*+|_+|~~)(?![\w*~])")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])(?=(\w?))")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_LIST_MARKER = re.compile(r"[ \t]*(?:[-*+]|[0-9]{1,9}[.)])(?:[ \t]+\[[ xX]\](?=[ \t]))?(?=[ \t]|$)")
_QUOTE_MARKS = re.compile(r"^(?:[ \t]*>)+")
_TABLE_RULE = re.compile(r"^[ \t|:-]*-[ \t|:-]*$")


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def _in_place(decoded: str, width: int, before: str, after: str) -> str:
    """An entity's text padded to the entity's width, on the side away from the word it is attached to.

    ``&ldquo;Friday&rdquo;`` reads ``     “Friday”      ``, not ``“      Friday”      ``.
    """
    decoded = decoded[:width]
    if before.isspace() and not after.isspace():
        return decoded.rjust(width)
    return decoded.ljust(width)


def _entity(match: re.Match[str]) -> str:
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
    text = _FRONT_MATTER.sub(_blank, source)
    starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def line_span(first: int, last: int) -> tuple[int, int]:
        end = starts[last] - 1 if last < len(starts) else len(text)
        return starts[first], max(starts[first], end)

    chars = list(text)
    comments: list[Span] = []
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
    text = _INLINE_CODE.sub(_blank, text)
    comments += [Span(m.start(), m.end()) for m in _COMMENT.finditer(text)]
    text = _COMMENT.sub(_blank, text)
    for pattern in (_AUTOLINK, _IMAGE, _FOOTNOTE, _LINK, _LINK_DEFINITION, _INLINE_TAG, _EMPHASIS):
        text = pattern.sub(_blank, text)
    text = _ESCAPE.sub(_unescape, text)
    text = _ENTITY.sub(_entity, text)
    return text, sorted(comments)


def paragraphs(doc: Document) -> list[Span]:
    """Spans of the non-blank blocks separated by blank lines, trimmed of surrounding whitespace."""
    spans = []
    for match in re.finditer(r"\S(?:.*?\S)?(?=[ \t]*\n[ \t]*\n|\s*\Z)", doc.text, re.DOTALL):
        spans.append(Span(match.start(), match.end()))
    return spans


_ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "st",
    "gen",
    "col",
    "sgt",
    "lt",
    "no",
    "vs",
    "etc",
    "jan",
    "feb",
    "aug",
    "sept",
    "oct",
    "nov",
    "dec",
    "u.s",
    "u.n",
    "inc",
    "co",
    "corp",
    "ltd",
    "jr",
    "sr",
    "prof",
    "gov",
}
_SENTENCE_END = re.compile(r"[.!?]+[\"”’)]*(?=\s+[\"“‘(…]?[A-Z0-9…]|\s*$)|\n")


def sentences(text: str, span: Span) -> list[Span]:
    """Split a paragraph into sentence spans (abbreviation- and quotation-aware enough for news copy)."""
    out: list[Span] = []
    start = span.start
    chunk = text[span.start : span.end]
    for match in _SENTENCE_END.finditer(chunk):
        end = span.start + match.end()
        word = re.search(r"([\w.]+)\.?[\"”’)]*$", text[start : span.start + match.start() + 1])
        if match.group(0) != "\n" and word and word.group(1).lower().rstrip(".") in _ABBREVIATIONS:
            continue
        if match.group(0) == "\n" and _hard_wrapped(text, span.start + match.start()):
            continue
        if text[start:end].strip():
            out.append(_trim(text, Span(start, end)))
        start = end
    if text[start : span.end].strip():
        out.append(_trim(text, Span(start, span.end)))
    return out


def _hard_wrapped(text: str, newline: int) -> bool:
    """A line break inside a sentence: a long line that ends mid-sentence, continued on the next line."""
    line_start = text.rfind("\n", 0, newline) + 1
    line = text[line_start:newline].rstrip()
    following = text[newline + 1 : newline + 2]
    return len(line) >= 40 and not re.search(r"[.!?:\"”’)]$", line) and bool(following) and not following.isspace()


def _trim(text: str, span: Span) -> Span:
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def all_sentences(doc: Document) -> Iterator[tuple[Span, Span]]:
    """(paragraph, sentence) pairs in document order."""
    for para in paragraphs(doc):
        for sent in sentences(doc.text, para):
            yield para, sent


_QUOTE_PAIRS = re.compile(r"“[^“”]*”|\"[^\"\n]*\"|«[^«»]*»")


def quotation_spans(doc: Document) -> list[Span]:
    """Spans of passages in quotation marks, marks included (straight, curly and guillemets)."""
    return [Span(m.start(), m.end()) for m in _QUOTE_PAIRS.finditer(doc.text)]


_FOLD = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "„": '"',
        "«": '"',
        "»": '"',
        "‘": "'",
        "’": "'",
        "‛": "'",
        "–": "-",
        "—": "-",
        "\u00a0": " ",
    }
)


def _normalised(text: str) -> tuple[str, list[int]]:
    """Fold quote marks and dashes, collapse whitespace; return the folded text and an index map."""
    chars: list[str] = []
    index: list[int] = []
    previous_space = False
    for i, ch in enumerate(text.translate(_FOLD)):
        if ch.isspace():
            if previous_space:
                continue
            ch, previous_space = " ", True
        else:
            previous_space = False
        chars.append(ch)
        index.append(i)
    return "".join(chars), index


def find_quote(text: str, quote: str, start: int = 0, end: int | None = None) -> Span | None:
    """Locate ``quote`` verbatim in ``text[start:end]``, ignoring whitespace and quote-mark differences."""
    region = text[start:end]
    needle, _ = _normalised(quote.strip())
    if not needle:
        return None
    hay, index = _normalised(region)
    at = hay.find(needle)
    if at < 0:
        at = hay.lower().find(needle.lower())
        if at < 0:
            return None
    last = at + len(needle) - 1
    return Span(start + index[at], start + index[last] + 1)
