"""Shared by the LLM benchmarks: drafts cut from the eval corpus, and a fake model that answers every chunk well.

The model is the offline extractor run on the chunk's ARTICLE text: its claims (quote and figure, verbatim,
one quantity per counted noun and event), and every other figure listed as not a claim, so answers are
grounded and cover every figure, and a run makes exactly one call per chunk (no re-asks). What is measured is
factlint's side: requests, grounding, the pool. Run the benchmarks from the repository root (``PYTHONPATH=.``
so ``tests.fake_openai`` and ``evals`` import).
"""

from __future__ import annotations

import re
import statistics
import time
from collections.abc import Callable
from typing import Any

from checker.config import Config
from checker.document import from_text
from checker.extract.patterns import PatternExtractor
from checker.models import Span
from checker.normalize import scan
from evals.corpus import load_corpus
from tests.answers import answer_with_quantities
from tests.fake_openai import Reply, Request, answer

_ARTICLE = re.compile(r"ARTICLE:\n<<<\n(.*?)\n>>>", re.DOTALL)


def draft(size: int, start: int = 0) -> str:
    """Corpus articles, one after another from article ``start``, until ``size`` characters."""
    articles = [a.text for a in load_corpus()]
    parts: list[str] = []
    total, i = 0, start
    while total < size:
        text = articles[i % len(articles)]
        parts.append(text)
        total += len(text) + 2
        i += 1
    return "\n\n".join(parts)


def model(delay: float = 0.0) -> Callable[[Request], Reply]:
    config = Config(extractor="offline")
    extractor = PatternExtractor(config.taxonomy, config.tolerance)

    def respond(request: Request) -> Reply:
        users = [str(m.get("content", "")) for m in request.messages if m.get("role") == "user"]
        match = _ARTICLE.search(users[0]) if users else None
        text = match.group(1) if match else ""
        doc = from_text(text, "chunk.txt")
        extraction = extractor.extract(doc)
        message = users[0] if users else ""
        claims: list[dict[str, Any]] = []
        for claim in extraction.claims:
            quote = _unique(text, message, claim.span)
            claims.append({"quote": quote, "figure": claim.figure, "counted": claim.counted, "event": claim.event})
        taken = [c.figure_span for c in extraction.claims]
        others = []
        for figure in scan(doc.text, Span(0, len(doc.text)), config.tolerance):
            if not any(figure.span.overlaps(s) for s in taken):
                others.append({"quote": _unique(text, message, figure.span), "figure": figure.text, "reason": "other"})
        payload = answer_with_quantities({"claims": claims, "not_claims": others, "quotations": []})
        return answer(payload, delay=delay)

    return respond


def _unique(text: str, message: str, span: Span) -> str:
    """The text of ``span`` widened until it occurs once in the whole request (CONTEXT comes before ARTICLE,
    and grounding takes the first match), so the figure it locates is this one."""
    start, end = span.start, span.end
    while True:
        quote = text[start:end].strip()
        if message.count(quote) <= 1 or (start == 0 and end == len(text)):
            return quote
        start, end = max(0, start - 12), min(len(text), end + 12)


def median_time(work: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)
