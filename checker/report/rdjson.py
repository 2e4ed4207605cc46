"""reviewdog's rdjson (a ``DiagnosticResult``): ``reviewdog -f=rdjson`` posts it as review comments.

reviewdog counts columns in UTF-8 bytes (1-based) and range ends are exclusive, so positions are computed
here from the source line rather than taken from character columns. The figures a finding involves go in
``related_locations``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from checker.document import source_span
from checker.models import Document, Finding, Report, Severity, Span
from checker.report.common import describe_claim, display_path, full_message, listed

if TYPE_CHECKING:
    from checker.report import RenderOptions

SEVERITIES = {Severity.ERROR: "ERROR", Severity.WARNING: "WARNING", Severity.INFO: "INFO"}


def position(doc: Document, offset: int) -> dict[str, int]:
    """1-based line and 1-based UTF-8 byte column of a character offset."""
    line, column = doc.position(offset)
    start = doc.line_starts[line - 1]
    return {"line": line, "column": len(doc.source[start : start + column - 1].encode("utf-8")) + 1}


def location(doc: Document, path: str, span: Span) -> dict[str, Any]:
    span = source_span(doc, span)
    return {"path": path, "range": {"start": position(doc, span.start), "end": position(doc, span.end)}}


def diagnostic(doc: Document, finding: Finding, path: str) -> dict[str, Any]:
    return {
        "message": full_message(finding),
        "location": location(doc, path, finding.span),
        "severity": SEVERITIES[finding.severity],
        "code": {"value": finding.code},
        "related_locations": [
            {"message": describe_claim(claim), "location": location(doc, path, claim.figure_span)}
            for claim in listed(finding)[0]
        ],
    }


def render(reports: Sequence[Report], options: RenderOptions) -> str:
    diagnostics = [
        diagnostic(report.document, finding, display_path(report.document.path, options.root))
        for report in reports
        for finding in report.findings
    ]
    result = {"source": {"name": "factlint"}, "diagnostics": diagnostics}
    return json.dumps(result, indent=2, ensure_ascii=False) + "\n"
