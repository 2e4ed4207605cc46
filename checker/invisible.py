"""Invisible characters inside words and numbers: read past them, keep offsets exact.

A zero-width space, joiner or other format character inside a figure splits it for every scanner
(``3\u200d5 were killed`` read as 5, ``4\u200b2`` as 4 and 2) while a reader sees one number. So in the text
that both extractors read (``Document.text``), the visible characters of a word or number that holds such
characters are moved together and the invisible ones become spaces at its end: ``3\u200d5 were`` reads
``35  were``. Combining marks are dropped the same way inside a run that holds a digit (``4\u03012`` is 42),
and kept in words, where they are accents. The text keeps its length, so every offset outside such a run is
unchanged, and ``exact`` maps a span found in the text back to the characters of the file as written
(``35`` -> ``3\u200d5``) before anything is reported.
"""

from __future__ import annotations

import bisect
import re

from checker import lazy_re
from checker.models import Extraction, Moved, Source, Span

# Format characters that render as nothing: soft hyphen, Mongolian vowel separator, zero-width space,
# non-joiner and joiner, LRM/RLM, bidi embeddings and isolates, word joiner and invisible operators, BOM.
INVISIBLE = "\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
COMBINING = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_RUN = lazy_re.compile(rf"[\w{INVISIBLE}{COMBINING}]+")
_ANY = re.compile(rf"[{INVISIBLE}{COMBINING}]")
_INVISIBLE = lazy_re.compile(rf"[{INVISIBLE}]")


def is_invisible(text: str) -> bool:
    """Every character of ``text`` renders as nothing."""
    return bool(_INVISIBLE.fullmatch(text[:1])) and all(_INVISIBLE.match(c) for c in text)


def _hidden(char: str, numeric: bool) -> bool:
    return bool(_INVISIBLE.match(char) if not numeric else _ANY.match(char))


def shift(text: str) -> tuple[str, tuple[Moved, ...]]:
    """``text`` with invisible characters moved to the end of each word or number holding them (as spaces),
    and the runs that were changed."""
    if not _ANY.search(text):
        return text, ()
    out: list[str] = []
    moved: list[Moved] = []
    last = 0
    for match in _RUN.finditer(text):
        run = match.group(0)
        numeric = any(c.isdigit() for c in run)
        visible = [i for i, c in enumerate(run, match.start()) if not _hidden(c, numeric)]
        if len(visible) == len(run):
            continue
        out.append(text[last : match.start()])
        out.append("".join(text[i] for i in visible) + " " * (len(run) - len(visible)))
        moved.append(Moved(Span(match.start(), match.end()), tuple(visible)))
        last = match.end()
    out.append(text[last:])
    return "".join(out), tuple(moved)


def exact(span: Span, moved: tuple[Moved, ...], ends: list[int] | None = None) -> Span:
    """The span of the file as written that holds what ``span`` holds in the shifted text.

    Only the runs holding the span's first and last characters matter; they are found by bisection over the
    runs' ends (``ends``, computed here when not given), so mapping every span of a draft stays linear-ish.
    """
    ends = [m.run.end for m in moved] if ends is None else ends
    start, end = span.start, span.end
    i = bisect.bisect_right(ends, span.start)  # the first run that ends after the span starts
    if i < len(moved) and moved[i].run.start <= span.start:
        run, positions = moved[i].run, moved[i].visible
        if span.start < run.start + len(positions):
            start = positions[span.start - run.start]
    j = bisect.bisect_left(ends, span.end)  # the first run that ends at or after the span's end
    if span.end > span.start and j < len(moved) and moved[j].run.start < span.end:
        run, positions = moved[j].run, moved[j].visible
        last = span.end - run.start - 1  # the last character of the span, in the run
        end = positions[last] + 1 if last < len(positions) - 1 else run.end
    return Span(start, end)


def exact_extraction(extraction: Extraction, moved: tuple[Moved, ...]) -> Extraction:
    """``extraction`` with every span mapped to the file as written (nothing to do for most drafts)."""
    if not moved:
        return extraction

    ends = [m.run.end for m in moved]

    def fix(span: Span) -> Span:
        return exact(span, moved, ends)

    def fix_source(who: Source) -> Source:
        return who._replace(span=fix(who.span)) if who.span else who

    claims = tuple(
        c._replace(span=fix(c.span), figure_span=fix(c.figure_span), source=fix_source(c.source))
        for c in extraction.claims
    )
    quotations = tuple(q._replace(span=fix(q.span), speaker=fix_source(q.speaker)) for q in extraction.quotations)
    unreviewed = tuple(fix(s) for s in extraction.unreviewed)
    return extraction._replace(claims=claims, quotations=quotations, unreviewed=unreviewed)
