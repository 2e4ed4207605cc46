"""Rule metadata and the registry. Each rule has a stable code; checks register themselves by decorator."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from checker.config import Config
from checker.models import Claim, Document, Finding, Quotation, Severity, Span
from checker.rules.quantities import QuantityTable
from checker.taxonomy import Taxonomy


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule's identity: code (``FL101``), slug name, default severity, one-line summary, longer help.

    ``examples`` are sentences (or sentence pairs) with whether the rule fires on them; tests check every rule
    has both kinds.
    """

    code: str
    name: str
    severity: Severity
    summary: str
    help: str
    examples: tuple[tuple[str, bool], ...] = ()


@dataclass(frozen=True, slots=True)
class Context:
    """What every check sees. ``table`` holds the claims grouped by quantity once for all rules."""

    doc: Document
    claims: tuple[Claim, ...]
    quotations: tuple[Quotation, ...]
    unreviewed: tuple[Span, ...]
    taxonomy: Taxonomy
    config: Config
    table: QuantityTable


Check = Callable[[Context], Iterable[Finding]]

RULES: dict[str, Rule] = {}
CHECKS: list[Check] = []


def rule(
    code: str,
    name: str,
    severity: Severity,
    summary: str,
    help: str,
    examples: tuple[tuple[str, bool], ...] = (),
) -> Rule:
    if code in RULES:
        raise ValueError(f"rule code {code} registered twice")
    RULES[code] = Rule(code, name, severity, summary, help, examples)
    return RULES[code]


def check(func: Check) -> Check:
    CHECKS.append(func)
    return func


def finding(
    r: Rule,
    message: str,
    span: Span,
    claims: Iterable[Claim] = (),
    quantity: str = "",
    explanation: str = "",
    severity: Severity | None = None,
) -> Finding:
    return Finding(r.code, r.name, severity or r.severity, message, span, tuple(claims), quantity, explanation)
