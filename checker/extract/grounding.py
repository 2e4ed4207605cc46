"""Turn what an extractor says about a claim (a ClaimSpec) into a Claim anchored in the text.

Offsets are always computed here from the verified quote, never taken from an extractor (an LLM's offsets
are guesses). A spec whose quote is not in the text, or whose figure is not in its quote, is rejected.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from checker.document import find_quote, quotation_index
from checker.models import Claim, Document, Interval, Source, SourceKind, Span
from checker.normalize import DEFAULT_TOLERANCE, Tolerance, parse_figure, parse_share
from checker.taxonomy import Taxonomy


@dataclass(frozen=True, slots=True)
class ClaimSpec:
    """A claim as an extractor or a hand-written gold file states it, before it is found in the text."""

    quote: str
    figure: str
    counted: str = ""
    population: tuple[str, ...] = ()
    event: str = ""
    scope: str = ""
    time: str = ""
    source_kind: str = "none"
    source_name: str = ""
    source_cue: str = ""
    source_inherited: bool = False
    low: float | None = None
    high: float | None = None
    unit: str = ""
    base: float | None = None
    quantity: str = ""
    share_of: str = ""
    model_value: bool = False  # low/high are a model's reading of the figure, checked against factlint's own
    extra: dict[str, object] = field(default_factory=dict)


class GroundingError(ValueError):
    """The spec's quote or figure is not in the text."""


def locate(doc: Document, spec: ClaimSpec, region: Span | None = None) -> tuple[Span, Span]:
    """Spans of the quote and of the figure inside it. Raises GroundingError if either is missing."""
    start, end = (region.start, region.end) if region else (0, len(doc.text))
    quote_span = find_quote(doc.text, spec.quote, start, end)
    if quote_span is None:
        raise GroundingError(f"quote not found in the text: {spec.quote!r}")
    figure_span = _whole_token(doc.text, spec.figure, quote_span)
    if figure_span is None:
        raise GroundingError(f"figure {spec.figure!r} is not inside its quote {spec.quote!r}")
    return quote_span, figure_span


def _whole_token(text: str, figure: str, within: Span) -> Span | None:
    """Where the figure stands in its quote: the first occurrence that is not part of a longer token ("21"
    in "won 21 seats", not in "2021"), else the first occurrence."""
    first = find_quote(text, figure, within.start, within.end)
    found = first
    while found is not None:
        before = text[found.start - 1] if found.start > 0 else " "
        after = text[found.end] if found.end < len(text) else " "
        if not (before.isalnum() or after.isdigit() or (after.isalpha() and figure[-1:].isdigit())):
            return found
        found = find_quote(text, figure, found.start + 1, within.end)
    return first


def ground(
    doc: Document,
    spec: ClaimSpec,
    claim_id: str,
    taxonomy: Taxonomy,
    tolerance: Tolerance = DEFAULT_TOLERANCE,
    region: Span | None = None,
) -> Claim:
    quote_span, figure_span = locate(doc, spec, region)
    figure_text = doc.text[figure_span.start : figure_span.end]
    value, unit = _value(figure_text, spec, tolerance)
    population = tuple(taxonomy.canonical_population(p) for p in spec.population if p.strip())
    if not population and spec.counted.strip():
        population = tuple(taxonomy.canonical_population(p) for p in split_union(spec.counted, taxonomy))
    in_quote = quotation_index(doc).containing(figure_span) is not None
    return Claim(
        id=claim_id,
        quote=doc.text[quote_span.start : quote_span.end],
        span=quote_span,
        figure=figure_text,
        figure_span=figure_span,
        value=value,
        counted=spec.counted,
        population=population,
        event=taxonomy.canonical_event(spec.event) if spec.event else "",
        unit=spec.unit or unit,
        scope=spec.scope.strip(),
        time=spec.time.strip(),
        source=source_of(doc, spec, quote_span),
        in_quote=in_quote,
        base=Interval.exact(spec.base) if spec.base is not None else None,
        quantity=spec.quantity,
        share_of=spec.share_of,
    )


def _value(figure: str, spec: ClaimSpec, tolerance: Tolerance) -> tuple[Interval, str]:
    """The interval a figure allows, read by factlint; an extractor's own reading only where factlint has none.

    A model's value (``spec.model_value``) is a plain number; qualifiers and ranges always come from the figure
    as written. When the two disagree -- "5m dinars" read as 5 metres, "a third" read as 1 -- the model's number
    wins and the figure's qualifier is kept around it.
    """
    share = parse_share(figure, tolerance) if spec.share_of or spec.unit == "%" else None
    if share is not None:
        parsed: tuple[Interval, str] | None = (share, "%")
    else:
        try:
            parsed = parse_figure(figure, tolerance)
        except ValueError:
            share = parse_share(figure, tolerance)
            parsed = (share, "%") if share is not None else None
    stated = spec.low if spec.low is not None else spec.high
    if parsed is not None:
        interval, unit = parsed
        if not spec.model_value or stated is None or interval.low <= stated <= interval.high:
            return interval, unit
        return _rescaled(interval, stated), spec.unit
    if spec.low is None and spec.high is None:
        if spec.model_value:  # "several", "a few": a figure with no number, which no other figure can contradict
            return Interval(0, math.inf, reason="no number given"), spec.unit
        raise GroundingError(f"cannot read a value from figure {spec.figure!r}")
    low = spec.low if spec.low is not None else 0.0
    high = spec.high if spec.high is not None else math.inf
    return Interval(low, high, reason="as stated by the extractor"), spec.unit


def _rescaled(interval: Interval, value: float) -> Interval:
    """``interval``'s shape (exact, rounded, a bound) moved to ``value``: "about 5m" read as 5 becomes ~5,000,000."""
    anchor = interval.low if interval.low > 0 else interval.high
    if interval.is_exact or not math.isfinite(anchor) or anchor <= 0:
        return Interval(value, value, reason="as read by the extractor")
    factor = value / anchor
    high = interval.high * factor if math.isfinite(interval.high) else math.inf
    return Interval(interval.low * factor, high, interval.low_open, interval.high_open, interval.reason)


def source_of(doc: Document, spec: ClaimSpec, near: Span) -> Source:
    kind = SourceKind(spec.source_kind) if spec.source_kind else SourceKind.NONE
    if kind is SourceKind.NONE:
        return Source()
    span = None
    if spec.source_name:
        window = Span(max(0, near.start - 1500), min(len(doc.text), near.end + 600))
        span = find_quote(doc.text, spec.source_name, window.start, window.end)
    return Source(kind, spec.source_name, spec.source_cue, span, spec.source_inherited)


def split_union(counted: str, taxonomy: Taxonomy) -> list[str]:
    """ "guards and inmates" -> ["guards", "inmates"] when both parts are known groups; else [counted]."""
    parts = [p.strip() for p in counted.replace(" or ", " and ").split(" and ")]
    if len(parts) > 1 and all(taxonomy.population_of(p) for p in parts):
        return parts
    match = taxonomy.population_pattern.search(counted)
    return [match.group(0)] if match else [counted]


class Grounded:
    """Each claim spec grounded once per region, however often validation, coverage and assembly ask.

    The LLM path validates an answer (instructor's re-ask needs the errors), then counts what it covers, then
    assembles it: without this each step grounded every claim again. Failures are remembered too.
    """

    def __init__(self, doc: Document, taxonomy: Taxonomy, tolerance: Tolerance = DEFAULT_TOLERANCE) -> None:
        self.doc, self.taxonomy, self.tolerance = doc, taxonomy, tolerance
        self._seen: dict[tuple[object, ...], Claim | GroundingError] = {}

    def __call__(self, spec: ClaimSpec, region: Span | None = None) -> Claim:
        key = (region, *(getattr(spec, f) for f in _SPEC_KEY))
        found = self._seen.get(key)
        if found is None:
            try:
                found = ground(self.doc, spec, "", self.taxonomy, self.tolerance, region=region)
            except GroundingError as exc:
                found = exc
            self._seen[key] = found
        if isinstance(found, GroundingError):
            raise found
        return found


_SPEC_KEY = tuple(f for f in ClaimSpec.__dataclass_fields__ if f != "extra")
