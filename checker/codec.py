"""Plain-dict forms of claims, findings and reports: the stable JSON schema, and ClaimSpecs read from files.

JSON schema version 1 (documented in README.md, "JSON output"). Add fields freely; never rename or remove
one without bumping ``SCHEMA_VERSION``.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from checker import __version__
from checker.document import source_span
from checker.extract.grounding import ClaimSpec
from checker.models import Claim, Document, Finding, Interval, Report, Severity, Source, Span

SCHEMA_VERSION = 1


def _number(value: float) -> float | int | None:
    if math.isinf(value):
        return None
    return int(value) if value == int(value) else value


def interval_to_dict(iv: Interval) -> dict[str, Any]:
    return {
        "low": _number(iv.low),
        "high": _number(iv.high),
        "low_open": iv.low_open,
        "high_open": iv.high_open,
        "reason": iv.reason,
        "text": str(iv),
    }


def span_to_dict(doc: Document, span: Span) -> dict[str, int]:
    span = source_span(doc, span)
    line, column = doc.position(span.start)
    end_line, end_column = doc.position(max(span.start, span.end - 1))
    return {
        "start": span.start,
        "end": span.end,
        "line": line,
        "column": column,
        "end_line": end_line,
        "end_column": end_column + 1,
    }


def source_to_dict(doc: Document, source: Source) -> dict[str, Any]:
    return {
        "kind": source.kind.value,
        "name": source.name,
        "cue": source.cue,
        "inherited": source.inherited,
        "span": span_to_dict(doc, source.span) if source.span else None,
    }


def claim_to_dict(doc: Document, claim: Claim) -> dict[str, Any]:
    return {
        "id": claim.id,
        "quote": claim.quote,
        "span": span_to_dict(doc, claim.span),
        "figure": claim.figure,
        "figure_span": span_to_dict(doc, claim.figure_span),
        "value": interval_to_dict(claim.value),
        "unit": claim.unit,
        "counted": claim.counted,
        "population": list(claim.population),
        "event": claim.event,
        "scope": claim.scope,
        "time": claim.time,
        "in_quote": claim.in_quote,
        "base": interval_to_dict(claim.base) if claim.base else None,
        "source": source_to_dict(doc, claim.source),
    }


def normalised_quote(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def fingerprint(finding: Finding) -> str:
    """Identity of a finding that survives line shifts and unrelated edits: code + quantity + quotes."""
    parts = [finding.code, finding.quantity]
    parts += sorted(normalised_quote(c.quote) for c in finding.claims)
    if not finding.claims:
        parts.append(normalised_quote(finding.message))
    import hashlib  # here: the terminal report never needs a fingerprint, and start-up is short without it

    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16]


def finding_to_dict(doc: Document, finding: Finding) -> dict[str, Any]:
    return {
        "code": finding.code,
        "rule": finding.rule,
        "severity": finding.severity.label,
        "message": finding.message,
        "quantity": finding.quantity,
        "explanation": finding.explanation,
        "location": span_to_dict(doc, finding.span),
        "claims": [c.id for c in finding.claims],
        "fingerprint": fingerprint(finding),
    }


def summary(findings: Sequence[Finding]) -> dict[str, int]:
    counts = Counter(f.severity for f in findings)
    return {s.label: counts.get(s, 0) for s in sorted(Severity, reverse=True)}


class _Lazy(list[Any]):
    """A list whose items are made as an encoder walks it, so a huge report is never one tree of dicts in memory
    (the JSON reporter's indented encoder iterates lists; nothing else should see one of these)."""

    def __init__(self, items: Sequence[Any], make: Callable[[Any], Any]) -> None:
        super().__init__()
        self.items, self.make = items, make

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[Any]:
        return (self.make(item) for item in self.items)


def report_to_dict(report: Report, lazy: bool = False) -> dict[str, Any]:
    """The JSON form of one file's report. ``lazy``: findings and claims are encoded as they are written."""
    doc = report.document
    ex = report.extraction

    def listed(items: Sequence[Any], make: Callable[[Any], Any]) -> list[Any]:
        return _Lazy(items, make) if lazy else [make(item) for item in items]

    return {
        "path": doc.path,
        "format": doc.format,
        "extractor": ex.extractor,
        "model": ex.model,
        "stats": {
            "claims": len(ex.claims),
            "calls": ex.stats.calls,
            "cache_hits": ex.stats.cache_hits,
            "tokens_in": ex.stats.tokens_in,
            "tokens_out": ex.stats.tokens_out,
            "retries": ex.stats.retries,
            "dropped_claims": ex.stats.dropped_claims,
            "dropped_quotations": ex.stats.dropped_quotations,
            "unreviewed_figures": len(ex.unreviewed),
        },
        "summary": summary(report.findings),
        "findings": listed(report.findings, lambda f: finding_to_dict(doc, f)),
        "claims": listed(ex.claims, lambda c: claim_to_dict(doc, c)),
    }


def reports_to_dict(reports: Sequence[Report], lazy: bool = False) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "factlint", "version": __version__},
        "summary": summary([f for r in reports for f in r.findings]),
        "files": [report_to_dict(r, lazy) for r in reports],
    }


def spec_from_dict(data: dict[str, Any]) -> ClaimSpec:
    """A ClaimSpec from a hand-written or recorded claim (see evals/README.md for the format)."""
    source = data.get("source") or {}
    if isinstance(source, str):
        source = {"kind": source}
    population = data.get("population") or ()
    if isinstance(population, str):
        population = (population,)
    return ClaimSpec(
        quote=data["quote"],
        figure=data["figure"],
        counted=data.get("counted", ""),
        population=tuple(population),
        event=data.get("event", ""),
        scope=data.get("scope", ""),
        time=data.get("time", ""),
        source_kind=source.get("kind", "none"),
        source_name=source.get("name", ""),
        source_cue=source.get("cue", ""),
        source_inherited=bool(source.get("inherited", False)),
        low=data.get("low"),
        high=data.get("high"),
        unit=data.get("unit", ""),
        base=data.get("base"),
    )
