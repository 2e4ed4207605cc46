"""The unspoken-quotation rule's look-ups by bisection (thru5) answer as the scans over every figure and every
quotation they replace."""

from __future__ import annotations

from checker import document
from checker.config import Config
from checker.extract.patterns import PatternExtractor
from checker.models import Quotation, Source, Span
from checker.rules import attribution
from checker.rules.base import Context
from checker.rules.quantities import QuantityTable
from evals.corpus import load_corpus


def _candidates(text: str) -> attribution._Candidates:
    config = Config()
    doc = document.from_text(text, "x.txt")
    found = PatternExtractor(config.taxonomy).extract(doc)
    table = QuantityTable.build(found.claims, found.quantities, found.relations)
    ctx = Context(doc, found.claims, found.quotations, found.unreviewed, config.taxonomy, config, table)
    return attribution._Candidates(ctx, attribution._Sentences(doc))


def test_figures_and_quotations_around_every_sentence_of_the_eval_articles() -> None:
    looked = 0
    for article in load_corpus():
        candidates = _candidates(article.text)
        assert candidates._quote_starts is not None  # the extractor's quotations are in order and apart
        for span in [*candidates.sentences.spans, *candidates.sentences.paragraphs]:
            assert candidates._figured(span) == any(span.start <= f.start < span.end for f in candidates.figures)
            near = [q for q in candidates._overlapping(span) if q.span.overlaps(span)]
            assert near == [q for q in candidates.quotations if q.span.overlaps(span)]
            looked += bool(near)
        for f in candidates.figures:  # spans ending and starting at a figure
            for span in (Span(max(0, f.start - 3), f.start), Span(f.start, f.start + 1), Span(f.end, f.end + 9)):
                assert candidates._figured(span) == any(span.start <= g.start < span.end for g in candidates.figures)
    assert looked > 50


def test_quotations_out_of_order_are_all_read() -> None:
    candidates = _candidates("“One two three four,” she said. “Five six seven eight.”\n")
    quotes = (Quotation(Span(30, 50), Source()), Quotation(Span(0, 20), Source()), Quotation(Span(10, 40), Source()))
    ctx = _context_of(candidates)._replace(quotations=quotes)
    shuffled = attribution._Candidates(ctx, candidates.sentences)
    assert shuffled._quote_starts is None
    assert list(shuffled._overlapping(Span(0, 5))) == list(quotes)


def _context_of(candidates: attribution._Candidates) -> Context:
    config = Config()
    doc = document.from_text(candidates.text, "x.txt")
    found = PatternExtractor(config.taxonomy).extract(doc)
    table = QuantityTable.build(found.claims, found.quantities, found.relations)
    return Context(doc, found.claims, found.quotations, found.unreviewed, config.taxonomy, config, table)
