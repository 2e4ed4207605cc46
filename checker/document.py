"""Load drafts and find their parts: paragraphs, sentences, quotations, and verbatim quotes.

Every loader returns a ``Document`` whose ``text`` has the same length as the file as written, with
markup replaced by spaces, so an offset in ``text`` is an offset in the file (and so a line:column).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

from checker.errors import InputError
from checker.models import Document, Span

FORMATS = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown"}


def load(path: str) -> Document:
    """Read a draft from a path ("-" is stdin). Raises InputError with a one-line reason."""
    if path == "-":
        data = sys.stdin.buffer.read()
        return parse(data, "-", "text")
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
    text = source
    if format == "markdown":
        text = blank_markdown(source)
    return Document.create(path, source, text, format)


_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
_FENCE = re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.DOTALL | re.MULTILINE)
_MD_MARKS = re.compile(r"^(#{1,6} |> ?|[-*+] |\d+\. )|\*\*|__|`|!?\[|\]\([^)]*\)", re.MULTILINE)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def blank_markdown(source: str) -> str:
    """Blank front matter, fenced code, comments and inline markup, keeping every offset."""
    text = _FRONT_MATTER.sub(_blank, source)
    text = _FENCE.sub(_blank, text)
    text = _COMMENT.sub(_blank, text)
    return _MD_MARKS.sub(_blank, text)


def paragraphs(doc: Document) -> list[Span]:
    """Spans of the non-blank blocks separated by blank lines, trimmed of surrounding whitespace."""
    spans = []
    for match in re.finditer(r"\S(?:.*?\S)?(?=\n[ \t]*\n|\s*\Z)", doc.text, re.DOTALL):
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
        if text[start:end].strip():
            out.append(_trim(text, Span(start, end)))
        start = end
    if text[start : span.end].strip():
        out.append(_trim(text, Span(start, span.end)))
    return out


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
