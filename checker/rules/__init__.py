"""The rule engine: deterministic checks over claims. No LLM here.

Rule families, one module each: ``conflicts`` (same quantity, different figures), ``partwhole`` (subsets,
parts and totals), ``timeline`` (counts over marked time), ``attribution`` (missing, vague, unspoken quotes),
``coverage`` (figures the extractor did not review). ``registry`` lists every check and the rules it emits;
``selected`` decides which of them a run reports (``checker.selection``: ruff's selectors).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from checker.document import all_sentences
from checker.models import Document, Extraction, Finding, Severity
from checker.rules.base import FAMILIES, Context, Family, Rule
from checker.rules.coverage import NOT_REVIEWED
from checker.rules.quantities import QuantityTable
from checker.rules.registry import CHECKS, RULES
from checker.rules.selected import codes_for, severities

if TYPE_CHECKING:
    from checker.config import Config

__all__ = ["FAMILIES", "RULES", "Family", "Rule", "family_of", "run"]


def family_of(code: str) -> Family:
    """The family of a finding's rule; a code no rule has (``FL001``, an unreadable draft) is not reviewed."""
    known = RULES.get(code)
    return known.family if known else FAMILIES[-1]


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
        QuantityTable.build(claims, extraction.quantities, extraction.relations, [s for _, s in all_sentences(doc)]),
    )
    found: list[Finding] = []
    wanted = codes_for(config, doc.path)
    levels = severities(config)
    floor = Severity.parse(config.min_severity)
    for check in CHECKS:
        for item in check.run(ctx):
            if item.code not in check.codes:
                raise AssertionError(f"{check.run.__name__} yielded {item.code}, which it does not declare")
            if item.code not in wanted or suppressed(item, doc):
                continue
            if item.code in levels:
                item = Finding(
                    item.code,
                    item.rule,
                    Severity.parse(levels[item.code]),
                    item.message,
                    item.span,
                    item.claims,
                    item.quantity,
                    item.explanation,
                )
            if item.severity < floor and item.code != NOT_REVIEWED.code:  # an unchecked draft never passes quietly
                continue
            found.append(item)
    return tuple(sorted(found, key=lambda f: (f.span.start, f.code, f.message)))
