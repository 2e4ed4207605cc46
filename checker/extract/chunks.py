"""Split a draft into chunks of whole paragraphs, each with a window of the text before it.

The model extracts claims from a chunk's paragraphs only; the window is shown so it can tell who is speaking
("the mayor said:" closing the previous paragraph) and which incident a figure belongs to. A claim the model
takes from the window anyway is still grounded (the window is real text) and de-duplicated by the extractor.

Chunks never split a paragraph, so editing one paragraph changes only its chunk (and the window of the
next chunk when the edited paragraph is inside it): the cache reuses every other answer.
"""

from __future__ import annotations

from dataclasses import dataclass

from checker.document import paragraphs, sentences
from checker.models import Document, Span

CONTEXT_CHARS = 600


@dataclass(frozen=True, slots=True)
class Chunk:
    index: int
    span: Span
    context: Span | None = None

    @property
    def region(self) -> Span:
        """Where this chunk's quotes may be found: the window and the paragraphs."""
        return Span(self.context.start if self.context else self.span.start, self.span.end)

    def text(self, doc: Document) -> str:
        return doc.text[self.span.start : self.span.end]

    def context_text(self, doc: Document) -> str:
        return doc.text[self.context.start : self.context.end] if self.context else ""


def split(doc: Document, max_chars: int, context_chars: int | None = None) -> list[Chunk]:
    """Greedy packing of whole paragraphs up to ``max_chars`` (a longer paragraph is a chunk on its own)."""
    window = min(CONTEXT_CHARS, max_chars // 2) if context_chars is None else context_chars
    paras = paragraphs(doc)
    groups: list[list[Span]] = []
    for para in paras:
        if groups and para.end - groups[-1][0].start <= max_chars:
            groups[-1].append(para)
        else:
            groups.append([para])
    chunks = []
    for index, group in enumerate(groups):
        before = [p for p in paras if p.end <= group[0].start]
        chunks.append(Chunk(index, Span(group[0].start, group[-1].end), _window(doc, before, window)))
    return chunks


def _window(doc: Document, before: list[Span], limit: int) -> Span | None:
    """The last sentences before a chunk, at most ``limit`` characters (but always the last sentence)."""
    if not before or limit <= 0:
        return None
    end = before[-1].end
    start = end
    for para in reversed(before):
        for sent in reversed(sentences(doc.text, para)):
            if start != end and end - sent.start > limit:
                return Span(start, end)
            start = sent.start
    return Span(start, end)
