"""The data that flows through the pipeline: frozen, cheap to copy, no behaviour beyond small helpers.

load -> Document; extract -> Extraction (Claims, Quotations); rules -> Findings; all of it -> Report.
Offsets are character offsets into ``Document.text`` (which has the same length as ``Document.source``,
so an offset is also a position in the file as written).
"""

from __future__ import annotations

import bisect
import enum
import math
from collections.abc import Iterable, Iterator
from typing import Final, NamedTuple


class SourceKind(enum.StrEnum):
    PERSON = "person"
    ORGANISATION = "organisation"
    DOCUMENT = "document"
    VAGUE = "vague"
    NONE = "none"


class Severity(enum.IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        return cls[text.upper()]


class Span(NamedTuple):
    """Character offsets ``[start, end)`` into the text."""

    start: int
    end: int

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end


class SpanIndex:
    """Sorted spans that do not overlap each other (sentences, quotations), looked up by position in O(log n)."""

    def __init__(self, spans: Iterable[Span]) -> None:
        self.spans = sorted(spans)
        self._starts = [s.start for s in self.spans]
        self._ends = [s.end for s in self.spans]

    def overlapping(self, span: Span) -> list[Span]:
        return self.spans[bisect.bisect_right(self._ends, span.start) : bisect.bisect_left(self._starts, span.end)]

    def containing(self, span: Span) -> Span | None:
        found = [s for s in self.overlapping(span) if s.contains(span)]
        return found[0] if found else None


class Interval(NamedTuple):
    """The set of values a figure as written allows, and why (exact, rounded, lower bound …)."""

    low: float
    high: float
    low_open: bool = False
    high_open: bool = False
    reason: str = "exact"

    @classmethod
    def exact(cls, value: float) -> Interval:
        return cls(value, value)

    @property
    def is_exact(self) -> bool:
        return self.low == self.high and not (self.low_open or self.high_open)

    @property
    def midpoint(self) -> float:
        if math.isinf(self.high):
            return self.low
        return (self.low + self.high) / 2

    def overlaps(self, other: Interval) -> bool:
        return not (self.entirely_below(other) or other.entirely_below(self))

    def entirely_below(self, other: Interval) -> bool:
        """True when every value here is smaller than every value in ``other``."""
        if self.high < other.low:
            return True
        return self.high == other.low and (self.high_open or other.low_open)

    def __str__(self) -> str:
        return format_interval(self)


def _num(value: float) -> str:
    if math.isinf(value):
        return "∞"
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.6g}"


def format_interval(iv: Interval) -> str:
    if iv.is_exact:
        return _num(iv.low)
    if math.isinf(iv.high):
        return f"{'>' if iv.low_open else '≥'}{_num(iv.low)}"
    if iv.low <= 0 and not iv.low_open:
        return f"{'<' if iv.high_open else '≤'}{_num(iv.high)}"
    left = "(" if iv.low_open else "["
    right = ")" if iv.high_open else "]"
    return f"{left}{_num(iv.low)}, {_num(iv.high)}{right}"


class Source(NamedTuple):
    """Who a figure is attributed to. ``inherited`` marks a source carried over from an earlier sentence."""

    kind: SourceKind = SourceKind.NONE
    name: str = ""
    cue: str = ""
    span: Span | None = None
    inherited: bool = False

    @property
    def attributed(self) -> bool:
        return self.kind not in (SourceKind.NONE, SourceKind.VAGUE)

    def describe(self) -> str:
        if self.kind is SourceKind.NONE:
            return "no source"
        text = f"{self.name} ({self.kind.value}" if self.name else f"({self.kind.value}"
        if self.cue:
            text += f", “{self.cue}”"
        if self.inherited:
            text += ", from an earlier sentence"
        return text + ")"


class Claim(NamedTuple):
    """One quantitative claim: a figure, what it counts, what happened to it, where, when, and who says so.

    ``population`` holds canonical singular nouns; more than one means a union ("guards and inmates").
    An empty ``population`` means the figure counts no named group ("35 were killed"): everyone involved.
    """

    id: str
    quote: str
    span: Span
    figure: str
    figure_span: Span
    value: Interval
    counted: str = ""
    population: tuple[str, ...] = ()
    event: str = ""
    unit: str = ""
    scope: str = ""
    time: str = ""
    source: Source = Source()
    in_quote: bool = False
    base: Interval | None = None
    quantity: str = ""
    share_of: str = ""


class RelationKind(enum.StrEnum):
    PART_OF = "part_of"
    BREAKDOWN = "breakdown"


class Quantity(NamedTuple):
    """One thing a draft gives figures for: what is measured, in which unit, whether it only ever grows.

    Claims name their quantity by ``id``. Two claims with one quantity and one ``as_of`` (``Claim.time``) must
    agree; claims of different quantities are related only through ``Relation``s. ``running_total`` marks a
    count that updates can only raise (a death toll), which is what FL107 checks.
    """

    id: str
    description: str
    unit: str = ""
    running_total: bool = False


class Relation(NamedTuple):
    """How quantities relate. ``part_of``: each part is a subgroup of ``whole`` (parts may overlap each other).
    ``breakdown``: the parts are disjoint pieces of ``whole``; ``complete`` when together they are all of it."""

    kind: RelationKind
    whole: str
    parts: tuple[str, ...]
    complete: bool = False


class Quotation(NamedTuple):
    """A passage in quotation marks and who (if anyone) the text says spoke it."""

    span: Span
    speaker: Source = Source()


class ExtractionStats(NamedTuple):
    """What an extraction took: LLM calls, cache hits, tokens, retries, and what was dropped."""

    calls: int = 0
    cache_hits: int = 0
    tokens_in: int = 0
    tokens_out: int = 0
    retries: int = 0
    dropped_claims: int = 0
    dropped_quotations: int = 0


class Extraction(NamedTuple):
    """What an extractor returns. ``unreviewed`` lists figure spans no claim covers (LLM coverage guard)."""

    extractor: str
    claims: tuple[Claim, ...]
    quotations: tuple[Quotation, ...] = ()
    unreviewed: tuple[Span, ...] = ()
    stats: ExtractionStats = ExtractionStats()
    model: str = ""  # which model and endpoint, for the LLM extractor
    quantities: tuple[Quantity, ...] = ()
    relations: tuple[Relation, ...] = ()


class Finding(NamedTuple):
    """One problem: a stable rule code, a severity, a message, where, and the claims involved."""

    code: str
    rule: str
    severity: Severity
    message: str
    span: Span
    claims: tuple[Claim, ...] = ()
    quantity: str = ""
    explanation: str = ""


class Moved(NamedTuple):
    """A word or number whose invisible characters were moved to its end: where it is, and where in the file
    each of its visible characters stands (``visible[j]`` is the file offset of its ``j``-th visible one)."""

    run: Span
    visible: tuple[int, ...]


class Document(NamedTuple):
    """A loaded draft. ``text`` is ``source`` with markup blanked out, character for character.

    ``moved`` lists the words and numbers whose invisible characters were moved to their end in ``text``
    (``checker.invisible``); spans found in ``text`` are mapped back to ``source`` before they are reported.
    """

    path: str
    source: str
    text: str
    format: str = "text"
    line_starts: tuple[int, ...] = ()
    suppressions: tuple[tuple[Span, frozenset[str]], ...] = ()
    moved: tuple[Moved, ...] = ()

    @classmethod
    def create(
        cls,
        path: str,
        source: str,
        text: str | None = None,
        format: str = "text",
        suppressions: tuple[tuple[Span, frozenset[str]], ...] = (),
        moved: tuple[Moved, ...] = (),
    ) -> Document:
        starts = [0] + [i + 1 for i in _newlines(source)]
        return cls(path, source, source if text is None else text, format, tuple(starts), suppressions, moved)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset."""
        index = bisect.bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    def line_text(self, line: int) -> str:
        start = self.line_starts[line - 1]
        end = self.line_starts[line] - 1 if line < len(self.line_starts) else len(self.source)
        return self.source[start:end]


class Report:
    """One draft's result. ``error`` is set when the draft could not be read (its one finding says why).

    A plain class with ``__slots__``, not a named tuple (a report can be watched with a weak reference, as the
    streaming tests do through a subclass; a tuple's subclass cannot take the slot) nor a dataclass
    (``dataclasses`` imports ``inspect``: ~5 ms of a one-line check).
    """

    __slots__ = ("document", "error", "extraction", "findings", "read")

    def __init__(
        self,
        document: Document,
        extraction: Extraction,
        findings: tuple[Finding, ...],
        error: str = "",
        read: bool = True,
    ) -> None:
        self.document: Final = document
        self.extraction: Final = extraction
        self.findings: Final = findings
        self.error: Final = error
        self.read: Final = read  # False: the draft's text could not be read (an error, with read: not checked)

    @property
    def claims(self) -> tuple[Claim, ...]:
        return self.extraction.claims


def _newlines(text: str) -> Iterator[int]:
    """Offsets of the newlines in ``text`` (str.find runs in C; a loop over every character did not)."""
    at = text.find("\n")
    while at >= 0:
        yield at
        at = text.find("\n", at + 1)
