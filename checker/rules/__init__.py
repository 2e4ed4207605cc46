"""The rule engine: deterministic checks over claims. No LLM here.

Rule families, one module each: ``conflicts`` (same quantity, different figures), ``partwhole`` (subsets,
parts and totals), ``timeline`` (counts over marked time), ``attribution`` (missing, vague, unspoken quotes),
``coverage`` (figures the extractor did not review).
"""

from __future__ import annotations

from checker.config import Config
from checker.models import Document, Extraction, Finding, Severity
from checker.rules import attribution, conflicts, coverage, partwhole, timeline  # noqa: F401 - registers rules
from checker.rules.base import CHECKS, RULES, Context, Rule
from checker.rules.quantities import QuantityTable

__all__ = ["RULES", "Rule", "run"]


def selected(code: str, config: Config) -> bool:
    if config.select and not any(code.startswith(prefix) for prefix in config.select):
        return False
    return not any(code.startswith(prefix) for prefix in config.ignore)


def suppressed(finding: Finding, doc: Document) -> bool:
    return any(span.overlaps(finding.span) and (not codes or finding.code in codes) for span, codes in doc.suppressions)


def run(doc: Document, extraction: Extraction, config: Config) -> tuple[Finding, ...]:
    taxonomy = config.taxonomy
    claims = extraction.claims
    ctx = Context(
        doc,
        claims,
        extraction.quotations,
        extraction.unreviewed,
        taxonomy,
        config,
        QuantityTable.build(claims, extraction.quantities, extraction.relations),
    )
    found: list[Finding] = []
    for check in CHECKS:
        for item in check(ctx):
            if not selected(item.code, config) or suppressed(item, doc):
                continue
            if item.code in config.severity:
                item = Finding(
                    item.code,
                    item.rule,
                    Severity.parse(config.severity[item.code]),
                    item.message,
                    item.span,
                    item.claims,
                    item.quantity,
                    item.explanation,
                )
            found.append(item)
    return tuple(sorted(found, key=lambda f: (f.span.start, f.code, f.message)))
