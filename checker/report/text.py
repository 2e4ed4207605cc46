"""The editor's terminal report: each finding with its quantity, every figure involved, where, and who says so.

Colour only when writing to a terminal (``options.color``); rich does the layout.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import Console
from rich.text import Text

from checker.codec import summary
from checker.document import source_span
from checker.models import Claim, Document, Finding, Report, Severity
from checker.report.common import listed, more_figures
from checker.rules import FAMILIES, family_of
from checker.rules.base import SOURCES
from checker.wording import clip, plural

if TYPE_CHECKING:
    from checker.report import RenderOptions

STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
EXTRACTORS = {
    "offline": "offline pattern extractor (no model, no key)",
    "oracle": "hand-written claims (oracle)",
    "llm": "LLM",
}


def _claim_line(doc: Document, claim: Claim, width: int) -> Text:
    line, col = doc.position(claim.figure_span.start)
    value = str(claim.value) + (f" {claim.unit}" if claim.unit else "")
    source = claim.source.describe()
    if claim.in_quote and not claim.source.attributed:
        source += ", inside a quotation with no speaker"
    row = Text("      ")
    row.append(f"{line}:{col}".ljust(8), style="dim")
    row.append(f"“{clip(claim.quote, max(30, width - 60))}”")
    row.append(f"  = {value}", style="bold")
    row.append(f"  {source}", style="dim" if claim.source.attributed else "magenta")
    return row


def _head(doc: Document, finding: Finding) -> Text:
    line, col = doc.position(source_span(doc, finding.span).start)
    head = Text("  ")
    head.append(f"{finding.severity.label.upper():<7}", style=STYLES[finding.severity])
    head.append(f" {finding.code} ", style="bold")
    head.append(f"{line}:{col}".ljust(8), style="dim")
    head.append(finding.message)
    return head


def _finding(doc: Document, finding: Finding, width: int) -> list[Text]:
    head = _head(doc, finding)
    if len(finding.claims) == 1 and family_of(finding.code) is SOURCES:
        source = finding.claims[0].source
        if source.inherited:
            head.append("  (source carried over from an earlier sentence)", style="dim")
        return [head]
    out = [head]
    shown, more = listed(finding)
    out.extend(_claim_line(doc, c, width) for c in shown)
    if more:
        out.append(Text(f"      {more_figures(more)}", style="dim"))
    if finding.explanation:
        out.append(Text(f"      why: {finding.explanation}", style="italic dim"))
    return out


def _stats_line(report: Report) -> str:
    ex = report.extraction
    name = EXTRACTORS.get(ex.extractor, ex.extractor)
    if ex.model:
        name += f" ({ex.model})"
    text = f"{plural(len(ex.claims), 'claim')} · extractor: {name}"
    if ex.stats.calls or ex.stats.cache_hits:
        text += (
            f" · {ex.stats.calls} calls, {ex.stats.cache_hits} cache hits, {ex.stats.retries} retries,"
            f" {ex.stats.tokens_in} tokens in / {ex.stats.tokens_out} out"
        )
    if ex.unreviewed:
        text += f" · {len(ex.unreviewed)} figures not reviewed"
    if ex.stats.dropped_claims:
        text += f" · {ex.stats.dropped_claims} ungrounded claims dropped"
    if ex.stats.dropped_quotations:
        text += f" · {ex.stats.dropped_quotations} ungrounded quotations dropped"
    return text


def render(reports: Sequence[Report], options: RenderOptions) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=options.color,
        no_color=not options.color,
        width=options.width,
        highlight=False,
        soft_wrap=True,
    )
    for report in reports:
        doc = report.document
        if options.quiet and not report.findings:
            continue
        if report.error:  # an unreadable draft: ruff's E902, one line where the file's report would be
            console.print(Text(doc.path, style="bold underline"), Text("  could not be read", style="dim"))
            head = _head(doc, report.findings[0])
            console.print(head)
            console.print()
            continue
        console.print(Text(doc.path, style="bold underline"), Text(f"  {_stats_line(report)}", style="dim"))
        console.print()
        if not report.findings:
            console.print(Text("  no findings", style="green"))
        for family in FAMILIES:
            section = [f for f in report.findings if family_of(f.code) is family]
            if section:
                console.print(Text(f" {family.title} ({len(section)})", style="bold"))
            for finding in section:
                for row in _finding(doc, finding, options.width):
                    console.print(row)
        console.print()
    if not options.quiet:
        counts = summary([f for r in reports for f in r.findings])
        parts = [plural(n, label) for label, n in counts.items()]
        console.print(Text(f"{', '.join(parts)} in {plural(len(reports), 'file')}", style="bold"))
    return buffer.getvalue()
