"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` annotation per finding.

Escaping follows the Actions toolkit: ``%``, CR and LF in the message; additionally ``:`` and ``,`` in
properties. GitHub accepts ``col``/``endColumn`` only on a one-line annotation, so a finding spanning lines
gives lines only. ``endColumn`` is the column of the finding's last character.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from checker.document import source_span
from checker.models import Document, Finding, Report, Severity
from checker.report.common import LineWriter, full_message, render_with, severities, workspace_path

if TYPE_CHECKING:
    from checker.report import RenderOptions

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(doc: Document, finding: Finding, path: str) -> str:
    span = source_span(doc, finding.span)
    line, column = doc.position(span.start)
    end_line, end_column = doc.position(max(span.start, span.end - 1))
    one_line = end_line == line
    properties = [("file", path), ("line", str(line))]
    properties += [("col", str(column))] if one_line else []
    properties += [("endLine", str(end_line))]
    properties += [("endColumn", str(end_column))] if one_line else []
    properties += [("title", f"{finding.code} {finding.rule}")]
    props = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    return f"::{COMMANDS[finding.severity]} {props}::{escape_data(full_message(finding))}"


class Writer(LineWriter):
    """One file's annotations as its report arrives; the counts line at the end (not with ``--quiet``)."""

    def handle(self, report: Report) -> None:
        self.take(part(report, self.options))

    def stop(self) -> None:
        if not self.options.quiet:
            self.out.write(f"factlint: {self.tally.counts()}\n")


def part(report: Report, options: RenderOptions, index: int = 0) -> tuple[tuple[Severity, ...], str]:
    """What ``Writer.handle`` writes for ``report`` (and counts of it), made wherever the report is."""
    path = workspace_path(report.document.path, options.root)
    return severities(report), "".join(annotation(report.document, f, path) + "\n" for f in report.findings)


def render(reports: Sequence[Report], options: RenderOptions) -> str:
    return render_with(Writer, reports, options)
