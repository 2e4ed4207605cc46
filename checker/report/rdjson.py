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
from checker.report.common import JSONArray, Out, describe_claim, display_path, full_message, listed, render_with

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


class Writer:
    """The document's head at the start, each file's diagnostics as its report arrives, the rest at the end."""

    def __init__(self, out: Out, options: RenderOptions) -> None:
        self.out, self.options = out, options
        self.diagnostics = JSONArray({"source": {"name": "factlint"}, "diagnostics": JSONArray.HOLE}, out)

    def start(self) -> None:
        self.out.write(self.diagnostics.head())

    def handle(self, report: Report) -> None:
        self.take(part(report, self.options))

    def take(self, made: tuple[str, ...]) -> None:
        for encoded in made:
            self.diagnostics.add_encoded(encoded)

    def stop(self) -> None:
        self.out.write(self.diagnostics.tail() + "\n")


def part(report: Report, options: RenderOptions, index: int = 0) -> tuple[str, ...]:
    """What ``Writer.handle`` writes for ``report``, made wherever the report is: each diagnostic encoded."""
    path = display_path(report.document.path, options.root)
    return tuple(
        json.dumps(diagnostic(report.document, finding, path), indent=2, ensure_ascii=False)
        for finding in report.findings
    )


def render(reports: Sequence[Report], options: RenderOptions) -> str:
    return render_with(Writer, reports, options)
