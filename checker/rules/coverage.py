"""FL301: a figure in the text that the extractor neither turned into a claim nor set aside (LLM coverage guard)."""

from __future__ import annotations

from collections.abc import Iterator

from checker.models import Finding, Severity
from checker.rules.base import REVIEW, Context, finding, rule

NOT_REVIEWED = rule(
    "FL301",
    "figure-not-reviewed",
    Severity.WARNING,
    "The extractor returned no claim for a figure in the text, even after being asked again.",
    "The LLM extractor checks that every numeral and number word is either a claim or set aside as not a "
    "claim (a date, a year, an ordinal). Figures it skipped are listed here so that a lazy answer, or an "
    "instruction hidden in the article, cannot hide them. Review them by hand.",
    (
        ("(LLM answer omits “42 prisoners escaped” twice)", True),
        ("(LLM answer covers every figure)", False),
        ("(LLM answer lists “2013” as a year, not a claim)", False),
        ("(offline extractor: every figure is scanned)", False),
        ("(LLM answer omits the figure, then covers it after the re-ask)", False),
    ),
    family=REVIEW,
    extractors=("llm",),
)


def unreviewed(ctx: Context) -> Iterator[Finding]:
    for span in ctx.unreviewed:
        figure = ctx.doc.text[span.start : span.end]
        yield finding(
            NOT_REVIEWED, f"figure {figure!r} was not reviewed by the extractor", span, [], severity=Severity.WARNING
        )
