"""Turn what an extractor says about a claim (a ClaimSpec) into a Claim anchored in the text.

Offsets are always computed here from the verified quote, never taken from an extractor (an LLM's offsets
are guesses). A spec whose quote is not in the text, or whose figure is not in its quote, is rejected.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from checker.document import find_quote, quotation_index
from checker.models import Claim, Document, Interval, Source, SourceKind, Span
from checker.normalize import DEFAULT_TOLERANCE, Tolerance, parse_figure
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
    extra: dict[str, object] = field(default_factory=dict)


class GroundingError(ValueError):
    """The spec's quote or figure is not in the text."""


def locate(doc: Document, spec: ClaimSpec, region: Span | None = None) -> tuple[Span, Span]:
    """Spans of the quote and of the figure inside it. Raises GroundingError if either is missing."""
    start, end = (region.start, region.end) if region else (0, len(doc.text))
    quote_span = find_quote(doc.text, spec.quote, start, end)
    if quote_span is None:
        raise GroundingError(f"quote not found in the text: {spec.quote!r}")
    figure_span = find_quote(doc.text, spec.figure, quote_span.start, quote_span.end)
    if figure_span is None:
        raise GroundingError(f"figure {spec.figure!r} is not inside its quote {spec.quote!r}")
    return quote_span, figure_span


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
    try:
        value, unit = parse_figure(figure_text, tolerance)
    except ValueError:
        if spec.low is None and spec.high is None:
            raise GroundingError(f"cannot read a value from figure {spec.figure!r}") from None
        low = spec.low if spec.low is not None else 0.0
        high = spec.high if spec.high is not None else math.inf
        value, unit = Interval(low, high, reason="as stated by the extractor"), spec.unit
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
    )


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
