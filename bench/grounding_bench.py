"""Grounding every claim of one draft in the whole draft (what one call per draft asks of it): the text folded
once per draft (``find_quote`` now) against folding the region again for every quote (before issue 14).

    PYTHONPATH=. python bench/grounding_bench.py [--runs 3]

The claims are the offline extractor's for drafts of 10, 30 and 100 kB (eval corpus articles concatenated);
each is grounded in the whole draft as the LLM path grounds an answer: quote, figure, source name, in-quotation.
"""

from __future__ import annotations

import argparse
from unittest import mock

from bench.fake_model import draft, median_time
from checker.config import Config
from checker.document import from_text, quotation_spans
from checker.extract import grounding
from checker.extract.grounding import ClaimSpec
from checker.extract.patterns import PatternExtractor
from checker.models import Document, Span, SpanIndex
from tests.unit.test_find_quote import reference


def old_find_quote(text: str, quote: str, start: int = 0, end: int | None = None) -> Span | None:
    """Before: the region folded again for every quote."""
    return reference(text, quote, start, len(text) if end is None else end)


def old_quotation_index(doc: Document) -> SpanIndex:
    """Before: the draft's quotations found again for every claim."""
    return SpanIndex(quotation_spans(doc))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    config = Config(extractor="offline")
    print("| draft | claims | fold once (s) | fold per quote (s) | ratio |")
    print("|---:|---:|---:|---:|---:|")
    for size in (10_000, 30_000, 100_000):
        doc = from_text(draft(size), "bench.txt")
        claims = PatternExtractor(config.taxonomy, config.tolerance).extract(doc).claims
        specs = [ClaimSpec(quote=c.quote, figure=c.figure, source_kind=c.source.kind.value,
                           source_name=c.source.name) for c in claims]  # fmt: skip
        region = Span(0, len(doc.text))

        def ground_all(doc: Document = doc, specs: list[ClaimSpec] = specs, region: Span = region) -> None:
            for spec in specs:
                grounding.ground(doc, spec, "c", config.taxonomy, config.tolerance, region=region)

        new = median_time(ground_all, args.runs)
        with (
            mock.patch.object(grounding, "find_quote", old_find_quote),
            mock.patch.object(grounding, "quotation_index", old_quotation_index),
        ):
            before = median_time(ground_all, args.runs)
        print(f"| {len(doc.text) / 1000:.0f} kB | {len(specs):,} | {new:.3f} | {before:.2f} | {before / new:.0f}× |")


if __name__ == "__main__":
    main()
