"""A Markdown report for a pull-request comment or a CI job summary (GitHub-flavoured Markdown).

Errors and warnings go in a table, infos in a folded table, and the figures behind each finding in a folded
list. Everything taken from a draft is escaped so an article cannot inject markup into the comment. GitHub
refuses comments over 65,536 characters, so a long report drops the figure lists, then rows, and says so.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from checker.document import source_span
from checker.models import Document, Finding, Report, Severity
from checker.report.common import by_severity, counts, describe_claim, display_path, listed, more_figures
from checker.wording import plural

if TYPE_CHECKING:
    from checker.report import RenderOptions

LIMIT = 60_000
ICONS = {Severity.ERROR: ":x:", Severity.WARNING: ":warning:", Severity.INFO: ":information_source:"}
_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
# "@name" would notify a GitHub user and "#12" link an issue: write both as entities.
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "@": "&#64;", "#": "&#35;"}


def escape(text: str) -> str:
    """Text as a literal Markdown table cell: no markup, no HTML, no mentions, no line breaks."""
    text = "".join(_ENTITIES.get(ch, ch) for ch in " ".join(text.split()))
    return _SPECIAL.sub(r"\\\1", text)


def _row(doc: Document, finding: Finding) -> str:
    line, column = doc.position(source_span(doc, finding.span).start)
    severity = f"{ICONS[finding.severity]} {finding.severity.label}"
    rule = f"`{finding.code}` {escape(finding.rule)}"
    return f"| {severity} | {rule} | {line}:{column} | {escape(finding.message)} |"


def _table(doc: Document, findings: Sequence[Finding]) -> list[str]:
    return ["| Severity | Rule | Line:col | Finding |", "| --- | --- | --- | --- |"] + [_row(doc, f) for f in findings]


def _figures(doc: Document, findings: Sequence[Finding]) -> list[str]:
    out = ["<details><summary>The figures behind each finding</summary>", ""]
    for finding in findings:
        if not finding.claims:
            continue
        line, column = doc.position(source_span(doc, finding.span).start)
        out.append(f"**`{finding.code}` {line}:{column}** {escape(finding.explanation or finding.message)}")
        out.append("")
        shown, more = listed(finding)
        for claim in shown:
            claim_line, claim_column = doc.position(claim.figure_span.start)
            out.append(f"- {claim_line}:{claim_column} {escape(describe_claim(claim))}")
        if more:
            out.append(f"- {more_figures(more)}")
        out.append("")
    out.append("</details>")
    return out


def _file(report: Report, options: RenderOptions, details: bool, max_rows: int | None) -> tuple[list[str], int]:
    doc = report.document
    out = [f"#### `{display_path(doc.path, options.root)}`", ""]
    if not report.findings:
        return [*out, "No findings.", ""], 0
    ordered = by_severity(report.findings)
    if max_rows is not None:
        ordered = ordered[:max_rows]
    main = [f for f in ordered if f.severity > Severity.INFO]
    infos = [f for f in ordered if f.severity is Severity.INFO]
    if main:
        out += [*_table(doc, main), ""]
    if infos:
        out += [f"<details><summary>{counts(infos)}</summary>", "", *_table(doc, infos), "", "</details>", ""]
    if details and any(f.claims for f in ordered):
        out += [*_figures(doc, ordered), ""]
    return out, len(report.findings) - len(ordered)


def _render(reports: Sequence[Report], options: RenderOptions, details: bool, max_rows: int | None) -> str:
    findings = [f for r in reports for f in r.findings]
    out = [f"### factlint: {counts(findings)} in {plural(len(reports), 'file')}", ""]
    left_out = 0
    for report in reports:
        lines, dropped = _file(report, options, details, max_rows)
        out += lines
        left_out += dropped
    if left_out:
        out += [f"*{plural(left_out, 'more finding')} not shown here: see the JSON or SARIF report.*", ""]
    return "\n".join(out).rstrip("\n") + "\n"


def render(reports: Sequence[Report], options: RenderOptions) -> str:
    text = _render(reports, options, details=True, max_rows=None)
    if len(text) > LIMIT:
        text = _render(reports, options, details=False, max_rows=None)
    rows = max((len(r.findings) for r in reports), default=0)
    while len(text) > LIMIT and rows > 0:
        rows //= 2
        text = _render(reports, options, details=False, max_rows=rows)
    return text
