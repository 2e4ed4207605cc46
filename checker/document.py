"""Load drafts and find their parts: paragraphs, sentences, quotations, and verbatim quotes.

Every loader returns a ``Document`` whose ``text`` has the same length as the file as written, with
markup replaced by spaces, so an offset in ``text`` is an offset in the file (and so a line:column).
Markup is blanked by ``checker.markup``; suppression directives are read by ``checker.suppressions``.
"""

from __future__ import annotations

import bisect
import functools
import os
import re
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

from checker import invisible, lazy_re, suppressions as suppressions_mod
from checker.errors import DraftError
from checker.markup import blank_html, blank_markdown
from checker.models import Document, Span, SpanIndex

FORMATS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
}


def load(path: str, stdin_name: str = "") -> Document:
    """Read a draft from a path ("-" is stdin). Raises DraftError (an InputError) with a one-line reason.

    ``stdin_name`` (``--stdin-filename``) is the path shown for stdin, and its suffix gives the format.
    """
    if path == "-":
        if sys.stdin is None:  # fd 0 closed: Python sets no stdin at all
            raise DraftError("-", "stdin is closed")
        try:
            data = sys.stdin.buffer.read()
        except (OSError, ValueError) as exc:
            raise DraftError("-", f"cannot read stdin: {getattr(exc, 'strerror', None) or exc}") from None
        if stdin_name:
            return parse(data, stdin_name, format_of(stdin_name))
        return parse(data, "-", sniff(data))
    file = Path(path)
    try:
        mode = file.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        if os.path.islink(path):  # `ls` lists it: say why it cannot be read
            raise DraftError(path, f"a symbolic link to a missing file ({os.readlink(path)})") from None
        if any(c in path for c in "*?["):  # a glob quoted in a CI script or a shell that expands none (cmd.exe)
            raise DraftError(path, "no such file (globs are not expanded: name the folder, or unquote it)") from None
        raise DraftError(path, "no such file") from None
    except OSError as exc:  # a folder on the way that cannot be searched, a name too long, a symlink loop
        raise DraftError(path, f"cannot read: {exc.strerror or exc}") from None
    if stat.S_ISDIR(mode):
        raise DraftError(path, "no drafts found in this directory (none of its files matches include)")
    if not stat.S_ISREG(mode):  # a FIFO or a device would block or never end: not a draft
        raise DraftError(path, "not a regular file")
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise DraftError(path, f"cannot read: {exc.strerror or exc}") from None
    return parse(data, path, format_of(path))


def format_of(path: str) -> str:
    """The format a file name implies: by its suffix, plain text for any other."""
    return FORMATS.get(Path(path).suffix.lower(), "text")


def sniff(data: bytes) -> str:
    """Format of a draft with no file name (stdin): HTML if it opens like an HTML page, else plain text."""
    encoding = _bom_encoding(data)
    if encoding != "utf-8-sig":
        data = data[:2048].decode(encoding, errors="ignore").encode()
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return "html" if head.startswith((b"<!doctype html", b"<html")) else "text"


_BOMS = (  # UTF-32 first: its little-endian BOM starts like UTF-16's
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def _bom_encoding(data: bytes) -> str:
    """UTF-16 or UTF-32 when the data opens with its byte-order mark, else UTF-8 (with or without a BOM)."""
    return next((encoding for bom, encoding in _BOMS if data.startswith(bom)), "utf-8-sig")


def _utf16_order(data: bytes) -> str | None:
    """ "little-endian" or "big-endian" when ``data`` opens as mostly-Latin UTF-16 text does (a NUL as every
    second byte, and only there), else None: what a save from some Windows editors gives, named in the error."""
    sample = data[:4096]
    for order, zeros, rest in (
        ("little-endian", sample[1::2], sample[0::2]),
        ("big-endian", sample[0::2], sample[1::2]),
    ):
        if len(sample) >= 4 and zeros.count(0) >= 0.9 * len(zeros) and 0 not in rest:
            return order
    return None


# What an editor may name instead of a draft saved as text: the error says how to give factlint one.
_DOCUMENTS = {".docx": "a Word document", ".doc": "a Word document", ".odt": "an OpenDocument text", ".pdf": "a PDF"}


def _save_as(path: str) -> str:
    kind = _DOCUMENTS.get(Path(path).suffix.lower())
    return f"; {kind} is not text: save the draft as Markdown, plain text or HTML" if kind else ""


def parse(data: bytes, path: str, format: str = "text") -> Document:
    """Decode bytes as UTF-8, or UTF-16/32 with a BOM, refusing binary data (a NUL anywhere), and build the Document."""
    encoding = _bom_encoding(data)
    if encoding == "utf-8-sig" and b"\x00" in data:  # anywhere, not only in the first 8 KiB
        if (order := _utf16_order(data)) is not None:  # refused still: guessing an encoding would misread some
            raise DraftError(
                path, f"looks like UTF-16 ({order}) with no byte-order mark: save it as UTF-8, or UTF-16 with one"
            )
        raise DraftError(path, f"looks like a binary file (NUL byte at offset {data.index(0)}){_save_as(path)}")
    try:
        source = data.decode(encoding)
    except UnicodeDecodeError as exc:
        name = "UTF-8" if encoding == "utf-8-sig" else encoding.upper()
        at = exc.start + len(data) - len(exc.object)  # utf-8-sig counts from after the byte-order mark it drops
        raise DraftError(
            path, f"not {name} text (invalid byte 0x{data[at]:02x} at offset {at}){_save_as(path)}"
        ) from None
    if "\x00" in source:
        raise DraftError(path, f"looks like a binary file (NUL character at offset {source.index(chr(0))})")
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
        raise DraftError(path, f"unknown format {format!r} (expected text, markdown or html)")
    text, moved = invisible.shift(text)  # "3\u200d5" reads as 35, at the offsets of the file
    text, directives = suppressions_mod.directive_lines(text)
    directives += [d for d in (suppressions_mod.comment_directive(source, s) for s in comments) if d is not None]
    draft = Document.create(path, source, text, format, moved=moved)
    if not directives:
        return draft
    found = suppressions_mod.suppressions(draft, directives, paragraphs(draft))
    return Document.create(path, source, text, format, found, moved)


_ENTITY = lazy_re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def source_span(doc: Document, span: Span) -> Span:
    """``span`` widened to whole HTML entities in the file as written.

    A decoded entity keeps its width, with its character at one end (``&rdquo;`` reads ``”      ``), so a span
    found in the text can start or end inside one; a report's region must cover the whole entity.
    """
    if doc.format == "text" or "&" not in doc.source:
        return span
    start, end = span.start, span.end
    for match in _ENTITY.finditer(doc.source, max(0, start - 40), min(len(doc.source), end + 40)):
        if match.start() < start < match.end():
            start = match.start()
        if match.start() < end < match.end():
            end = match.end()
    return Span(start, end)


# what a paragraph is (the definition ``paragraphs`` finds faster, and its tests hold it to)
_PARAGRAPH = lazy_re.compile(r"\S(?:.*?\S)?(?=[ \t]*\n[ \t]*\n|\s*\Z)", re.DOTALL)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")  # (opens with a character, which the engine skips to)
_NON_SPACE = re.compile(r"\S")
_PARAGRAPHS: tuple[str, list[Span]] = ("", [])  # the last text's: a check asks for them three times


def paragraphs(doc: Document) -> list[Span]:
    """Spans of the non-blank blocks separated by blank lines, trimmed of surrounding whitespace."""
    global _PARAGRAPHS
    text, spans = _PARAGRAPHS
    if text is not doc.text:
        spans = _paragraph_spans(doc.text)
        _PARAGRAPHS = (doc.text, spans)
    return list(spans)


def _paragraph_spans(text: str) -> list[Span]:
    """``_PARAGRAPH.finditer``'s spans: a paragraph ends at the first non-space character followed by a blank line
    (``[ \\t]*\\n[ \\t]*\\n``) or by nothing but whitespace. ``_PARAGRAPH`` tries its lookahead after every
    character (~3% of a check); here the blank lines are found first and each is walked back to its paragraph's
    last character."""
    ends: list[int] = []
    for match in _BLANK_LINE.finditer(text):  # the first newline after a paragraph's last character opens its own
        end = match.start()
        while end and text[end - 1] in " \t":
            end -= 1
        if end and not text[end - 1].isspace():
            ends.append(end)
    last = len(text.rstrip())
    if last and (not ends or ends[-1] != last):
        ends.append(last)
    spans: list[Span] = []
    start = -1
    for at, end in enumerate(ends):
        if start < 0:
            first = _NON_SPACE.search(text, spans[-1].end if spans else 0, end)  # (the character before ``end`` is one)
            start = first.start() if first else end - 1
        if end == start + 1 and at + 1 < len(ends):
            continue  # the pattern's ``(?:.*?\S)?`` tries a longer match first: "a\n\nb" is one paragraph
        spans.append(Span(start, end))
        start = -1
    return spans


def headline(doc: Document) -> Span | None:
    """The draft's headline: its first paragraph when that is a heading, else None.

    A Markdown ``#`` or underlined heading, an HTML ``<h1>``…``<h6>``, or in plain text a first line of its
    own with no closing punctuation followed by more paragraphs.
    """
    found = paragraphs(doc)
    if not found:
        return None
    first = found[0]
    line_start = doc.source.rfind("\n", 0, first.start) + 1
    if doc.format == "markdown":
        underlined = re.match(r"[^\n]*\n[ \t]*(=+|-+)[ \t]*(\n|$)", doc.source[line_start:])
        return first if doc.source[line_start:].lstrip().startswith("#") or underlined else None
    if doc.format == "html":
        tags = re.findall(r"<\s*(/?)\s*([a-zA-Z0-9]+)", doc.source[: first.start])
        opened = next((name.lower() for slash, name in reversed(tags) if not slash), "")
        return first if re.fullmatch(r"h[1-6]", opened) else None
    line = doc.text[first.start : first.end]
    if len(found) > 1 and "\n" not in line and not re.search(r"[.!?:;,\"”’)]$", line):
        return first
    return None


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
    # titles before a name in US copy ("Sen. Ted Cruz", "Sens. Ivo Marsh and Ana Ruiz", "Rep. Lacy Clay")
    "sen",
    "sens",
    "rep",
    "reps",
    "rev",
    "capt",
    "maj",
}
# a sentence ends at a stop and its closing marks, before a capital, a digit or an opening mark; two apostrophes
# are a double mark in some feeds (``_MARKS``): "…back,'' Ms. Ruiz said. ''It works.''"
_SENTENCE_END = lazy_re.compile(r"[.!?]+(?:''|[\"”’)])*(?=\s+(?:''|[\"“‘(…])?[A-Z0-9…]|\s*$)|\n")
# The same matches, opening with one character class (``[.!?]+`` is ``[.!?][.!?]*``): the engine skips to the
# characters in it, where it entered both alternatives at every character (a test holds it to _SENTENCE_END)
_SENTENCE_END_FAST = re.compile(
    r"[.!?\n](?:(?<=[.!?])[.!?]*(?:''|[\"”’)])*(?=\s+(?:''|[\"“‘(…])?[A-Z0-9…]|\s*$)|(?<=\n))"
)


def sentences(text: str, span: Span) -> list[Span]:
    """Split a paragraph into sentence spans (abbreviation- and quotation-aware enough for news copy)."""
    out: list[Span] = []
    start = span.start
    chunk = text[span.start : span.end]
    for match in _SENTENCE_END_FAST.finditer(chunk):
        end = span.start + match.end()
        word = _word_before(text, start, span.start + match.start() + 1)
        if match.group(0) != "\n" and word and word.lower().rstrip(".") in _ABBREVIATIONS:
            continue
        if match.group(0) == "\n" and _hard_wrapped(text, span.start + match.start()):
            continue
        if text[start:end].strip():
            out.append(_trim(text, Span(start, end)))
        start = end
    if text[start : span.end].strip():
        out.append(_trim(text, Span(start, span.end)))
    return out


_WORD_BEFORE = lazy_re.compile(r"([\w.]+)\.?[\"”’)]*$")  # what _word_before stands for (its test)
_WORD_CHARS = lazy_re.compile(r"[\w.\"”’)]*\n?")  # what the word and its closers are made of ($ allows a last \n)


_WORD_BEFORE_REVERSED = re.compile(r"[\"”’)]*([\w.]+)")


def _word_before(text: str, start: int, end: int) -> str | None:
    """``_WORD_BEFORE.search(text[start:end]).group(1)``, reading only the stretch's last characters when that is
    enough (it was a search through the whole sentence so far at every full stop), and backwards: the search
    tried every word of the stretch against its end; the reversed stretch opens with the closers, then the word.
    ``$`` also matches before a last newline."""
    tail = max(start, end - 64)
    if tail > start and _WORD_CHARS.fullmatch(text, tail, end):
        tail = start  # the word may begin before the tail
    if end > tail and text[end - 1] == "\n":
        end -= 1
    found = _WORD_BEFORE_REVERSED.match(text[tail:end][::-1])
    return found.group(1)[::-1] if found else None


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
    global _ALL_SENTENCES
    text, pairs = _ALL_SENTENCES
    if text is not doc.text:  # (the extractor and the attribution rules both read them: split once)
        pairs = [(para, sent) for para in paragraphs(doc) for sent in sentences(doc.text, para)]
        _ALL_SENTENCES = (doc.text, pairs)
    yield from pairs


_ALL_SENTENCES: tuple[str, list[tuple[Span, Span]]] = ("", [])  # the last text's


# Two apostrophes stand for a straight double mark in some feeds ("''She would have hated it,'' Ms. Moss said");
# of three, an inner quotation's single mark is the last after a word ("call it 'old-fashioned,''' said") and the
# first before one ("say to him, '''Sir, we stay")
_MARKS = lazy_re.compile(r"(?<![^\s([{—–/-])''(?=')|''(?!')|[“”\"«»]")
# _MARKS written so that every alternative opens with its mark (the lookbehind read from after the first "'", over
# it), which gives the engine the marks to skip to: a lookahead or lookbehind first makes it try each character
_MARKS_FIRST = lazy_re.compile(r"'(?<![^\s([{—–/-].)'(?=')|''(?!')|“|”|\"|«|»")
_OPENING_CONTEXT = "([{—–-/"


def quotation_spans(doc: Document) -> list[Span]:
    """Spans of passages in quotation marks, marks included (straight, curly and guillemets), paragraph by
    paragraph. A straight mark opens after a space and before a word, and closes after a word. A quotation still
    open when another opens, or at the end of its paragraph, ends there with no closing mark: news style
    continues a quotation into the next paragraph by opening it again, with no mark at the end of the first. A
    paragraph after one left open that closes a quotation before opening any (a paragraph break inside a
    quotation) is quoted from its start to that mark. With no quotation open, a closing mark before a word (after
    a space or punctuation: 'read:"We', 'so ”appeared'), or before a space with another closing mark next, opens."""
    out: list[Span] = []
    continued = False
    for para in paragraphs(doc):
        spans, continued = _paired(doc.text, para, continued)
        out.extend(spans)
    return out


def _role(text: str, para: Span, match: re.Match[str]) -> str:
    """What a mark can do by its neighbours alone: "open", "close", or "either" (a straight mark between spaces)."""
    at, end = match.span()
    before = text[at - 1] if at > para.start else " "
    after = text[end] if end < para.end else " "
    mark = match.group(0)
    after_space = before.isspace() or before in _OPENING_CONTEXT
    if mark in "“«":
        # a stray “ closing a quotation ("“It's unusual,“ said Noble"): after a word, before a space
        return "close" if not after_space and after.isspace() else "open"
    if mark in "”»":
        return "close"
    if after_space:
        return "either" if after.isspace() else "open"
    return "close"


def _paired(text: str, para: Span, continued: bool = False) -> tuple[list[Span], bool]:
    """The quotations of one paragraph, and whether the last is left open. ``continued``: the paragraph before
    left one open."""
    out: list[Span] = []
    open_at: int | None = None
    marks = list(_MARKS_FIRST.finditer(text, para.start, para.end))  # (_MARKS's lookbehind was tried everywhere)
    roles = [_role(text, para, match) for match in marks]
    for i, match in enumerate(marks):
        at, end = match.span()
        role = roles[i]
        if role == "close" and open_at is None:
            if continued and i == 0 and at > para.start:
                # the paragraph break fell inside a quotation: it closes here
                out.append(_trim(text, Span(para.start, end)))
                continue
            before = text[at - 1] if at > para.start else " "
            after = text[end] if end < para.end else " "
            if match.group(0) in "“«" or ((before.isspace() or before in ",.!?;:") and after.isalnum()):
                # a stray “ with nothing open opens; so does a closing mark after a space or punctuation, before a
                # word ("so ”appeared", 'the authorities."We basically')
                role = "open"
            elif (before.isspace() or before in ",.!?;:") and after.isspace() and roles[i + 1 : i + 2] == ["close"]:
                # a closing mark used to open, before a space ('He says,” there are …”', a paragraph's '” … they')
                role = "open"
        opens = role == "open" or (role == "either" and open_at is None)
        if opens:
            if open_at is not None:
                out.append(_trim(text, Span(open_at, at)))
            open_at = at
        elif open_at is not None:
            out.append(Span(open_at, end))
            open_at = None
    left_open = open_at is not None
    if open_at is not None:
        out.append(_trim(text, Span(open_at, para.end)))
    return [s for s in out if s.end - s.start > 1], left_open


def quotation_index(doc: Document) -> SpanIndex:
    """``quotation_spans`` found once per draft text, for position look-ups (grounding asks for every claim)."""
    found = _QUOTATIONS.get(doc.text)
    if found is None:
        found = SpanIndex(quotation_spans(doc))
        if len(_QUOTATIONS) >= 8:
            _QUOTATIONS.clear()
        _QUOTATIONS[doc.text] = found
    return found


_QUOTATIONS: dict[str, SpanIndex] = {}  # by draft text (quotation_spans reads nothing else)


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


class _Haystack:
    """A text folded once (quote marks, dashes, whitespace runs) so that every quote is found in O(quote + matches).

    Only the positions of collapsed whitespace runs are kept, not a per-character index map, so a 10 MB draft
    costs a few lists of run boundaries. ``find`` gives the same answer as folding ``text[start:end]`` on its own
    and searching that (quotes are stripped, so a run cut by the region's edge never matters).
    """

    def __init__(self, text: str) -> None:
        folded = text.translate(_FOLD)
        self.folded = _SPACE_RUN.sub(" ", folded)
        lowered = self.folded.lower()
        if len(lowered) != len(self.folded):  # a few characters lower-case to two ('İ'): keep those as they are
            lowered = "".join(c if len(low := c.lower()) != 1 else low for c in self.folded)
        self.lowered = lowered
        # Each collapsed run: where it starts in the original text, how many characters were dropped up to and
        # including it, and the folded position just after its kept space.
        self.run_starts: list[int] = []
        self.dropped: list[int] = []
        self.folded_after: list[int] = []
        total = 0
        for match in _SPACE_RUN.finditer(folded):
            if match.end() - match.start() < 2:
                continue
            self.run_starts.append(match.start())
            self.folded_after.append(match.start() - total + 1)
            total += match.end() - match.start() - 1
            self.dropped.append(total)

    def folded_position(self, original: int) -> int:
        """How many folded characters come from ``text[:original]``."""
        i = bisect.bisect_left(self.run_starts, original) - 1  # the last run starting before ``original``
        if i < 0:
            return original
        before = self.dropped[i - 1] if i else 0
        run_length = self.dropped[i] - before + 1
        inside = min(original - self.run_starts[i], run_length)  # characters of that run before ``original``
        return original - before - max(0, inside - 1)

    def original_position(self, folded: int) -> int:
        """Where the ``folded``-th folded character is in the original text."""
        i = bisect.bisect_right(self.folded_after, folded) - 1
        return folded + (self.dropped[i] if i >= 0 else 0)

    def find(self, needle: str, start: int, end: int) -> Span | None:
        low, high = self.folded_position(start), self.folded_position(end)
        at = self.folded.find(needle, low, high)
        if at < 0:
            at = self.lowered.find(needle.lower(), low, high)
            if at < 0:
                return None
        first, last = self.original_position(at), self.original_position(at + len(needle) - 1)
        return Span(first, last + 1)


_SPACE_RUN = re.compile(r"\s+")


@functools.lru_cache(maxsize=8)
def _haystack(text: str) -> _Haystack:
    return _Haystack(text)


def find_quote(text: str, quote: str, start: int = 0, end: int | None = None) -> Span | None:
    """Locate ``quote`` verbatim in ``text[start:end]``, ignoring whitespace and quote-mark differences.

    The text is folded once and kept (``_haystack``), so grounding many quotes in one draft is linear.
    """
    needle = _SPACE_RUN.sub(" ", quote.strip().translate(_FOLD))
    if not needle:
        return None
    stop = len(text) if end is None else min(max(end, 0), len(text))
    begin = min(max(start, 0), stop)
    return _haystack(text).find(needle, begin, stop)
