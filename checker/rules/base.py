"""Rule metadata. Each rule has a stable code and declares its family; each check declares the rules it emits.

Nothing registers itself on import: ``checker.rules.registry`` lists every check, and the registry of rules is
built from what those checks declare, so a rule that is not listed there does not exist anywhere (and a test
says so), rather than silently never running.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, NamedTuple

from checker.models import Claim, Document, Finding, Quotation, Severity, Span
from checker.rules.quantities import QuantityTable
from checker.taxonomy import Taxonomy

if TYPE_CHECKING:
    from checker.config import Config

DOCS = "README.md#rules"  # the project has no published docs site: the README is the reference
EXTRACTORS = ("offline", "llm")  # the extractors that can feed a rule (``Rule.extractors``)


class Family(NamedTuple):
    """A group of rules: its code prefix, the section title reports show it under, the status a figure gets."""

    prefix: str
    title: str
    status: str  # what the HTML report says of a figure a rule of this family finds (checker.report.html)


CONTRADICTIONS = Family("FL1", "Contradictions", "contradicted")
SOURCES = Family("FL2", "Sources", "unattributed")
REVIEW = Family("FL3", "Not reviewed", "unreviewed")
FAMILIES = (CONTRADICTIONS, SOURCES, REVIEW)  # in the order reports show them


class Rule(NamedTuple):
    """A rule's identity: code (``FL101``), slug name, default severity, one-line summary, longer help.

    ``examples`` are sentences (or sentence pairs) with whether the rule fires on them; tests check every rule
    has both kinds. ``status`` overrides the family's HTML status (a vague source is not a missing one).
    """

    code: str
    name: str
    severity: Severity
    summary: str
    help: str
    examples: tuple[tuple[str, bool], ...] = ()
    family: Family = CONTRADICTIONS
    extractors: tuple[str, ...] = EXTRACTORS
    own_status: str = ""

    @property
    def status(self) -> str:
        return self.own_status or self.family.status

    @property
    def docs(self) -> str:
        return DOCS


class Context(NamedTuple):
    """What every check sees. ``table`` holds the claims grouped by quantity once for all rules."""

    doc: Document
    claims: tuple[Claim, ...]
    quotations: tuple[Quotation, ...]
    unreviewed: tuple[Span, ...]
    taxonomy: Taxonomy
    config: Config
    table: QuantityTable


class Check(NamedTuple):
    """A function over the context and the rules whose findings it may yield (any other code is a bug)."""

    run: Callable[[Context], Iterable[Finding]]
    emits: tuple[Rule, ...]

    @property
    def codes(self) -> frozenset[str]:
        return frozenset(r.code for r in self.emits)


def rule(
    code: str,
    name: str,
    severity: Severity,
    summary: str,
    help: str,
    examples: tuple[tuple[str, bool], ...] = (),
    *,
    family: Family,
    extractors: tuple[str, ...] = EXTRACTORS,
    status: str = "",
) -> Rule:
    if not code.startswith(family.prefix):
        raise ValueError(f"rule {code} is not in its family {family.prefix}")
    return Rule(code, name, severity, summary, help, examples, family, extractors, status)


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
