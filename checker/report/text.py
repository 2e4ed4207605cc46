"""The editor's terminal report: each finding with its quantity, every figure involved, where, and who says so.

Colour only when writing to a terminal (``options.color``). Rows are lists of (text, style) pieces; rich
renders them in colour, and also without colour when a row holds a tab (rich expands tabs by display cells).
Otherwise plain output is joined here, as rich would join it, so a plain run never imports rich (a sixth of
start-up). Rows are written as each file's report arrives (``Writer``); the counts line comes last.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from checker import file_errors
from checker.document import source_span
from checker.models import Claim, Document, Finding, Report, Severity
from checker.report.common import LineWriter, Tally, listed, more_figures, render_with, severities
from checker.rules import FAMILIES, family_of
from checker.rules.base import SOURCES
from checker.wording import SHOWN_CONTROLS, clip, one_line, plural

if TYPE_CHECKING:
    from checker.report import RenderOptions

Row = list[tuple[str, str]]  # (text, style) pieces of one line
STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
EXTRACTORS = {
    "offline": "offline pattern extractor (no model, no key)",
    "llm": "LLM",
}


def _claim_line(doc: Document, claim: Claim, width: int) -> Row:
    line, col = doc.position(claim.figure_span.start)
    value = str(claim.value) + (f" {claim.unit}" if claim.unit else "")
    source = claim.source.describe()
    if claim.in_quote and not claim.source.attributed:
        source += ", inside a quotation with no speaker"
    return [
        ("      ", ""),
        (f"{line}:{col}".ljust(8), "dim"),
        (f"“{clip(claim.quote, max(30, width - 60))}”", ""),
        (f"  = {value}", "bold"),
        (f"  {source}", "dim" if claim.source.attributed else "magenta"),
    ]


def _head(doc: Document, finding: Finding) -> Row:
    line, col = doc.position(source_span(doc, finding.span).start)
    return [
        ("  ", ""),
        (f"{finding.severity.label.upper():<7}", STYLES[finding.severity]),
        (f" {finding.code} ", "bold"),
        (f"{line}:{col}".ljust(8), "dim"),
        (finding.message, ""),
    ]


def _finding(doc: Document, finding: Finding, width: int) -> list[Row]:
    head = _head(doc, finding)
    if len(finding.claims) == 1 and family_of(finding.code) is SOURCES:
        source = finding.claims[0].source
        if source.inherited:
            head.append(("  (source carried over from an earlier sentence)", "dim"))
        return [head]
    out = [head]
    shown, more = listed(finding)
    out.extend(_claim_line(doc, c, width) for c in shown)
    if more:
        out.append([(f"      {more_figures(more)}", "dim")])
    if finding.explanation:
        out.append([(f"      why: {finding.explanation}", "italic dim")])
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


class Writer(LineWriter):
    """Each file's lines as its report arrives; the summary line at the end.

    A row goes through rich when colour is on or it holds a tab; any other row is joined here (the same text).
    """

    def handle(self, report: Report) -> None:
        self.take(part(report, self.options))

    def stop(self) -> None:
        if not self.options.quiet:
            self._write(_summary_row(self.tally.summary(), self.tally.files))

    def _write(self, row: Row) -> None:
        self.out.write(_line(row, self.options))


def part(report: Report, options: RenderOptions, index: int = 0) -> tuple[tuple[Severity, ...], str]:
    """What ``Writer.handle`` writes for ``report`` (and counts of it), made wherever the report is."""
    return severities(report), "".join(_line(row, options) for row in _file_rows(report, options))


def _line(row: Row, options: RenderOptions) -> str:
    if options.color or any("\t" in text for text, _ in row):
        return _printed(row, options)
    return "".join(text.translate(_PLAIN) for text, _ in row) + "\n"


@functools.lru_cache(maxsize=8)
def _printer(options: RenderOptions) -> tuple[Any, io.StringIO]:
    """One rich console a process prints rows with, for these options, and the buffer it prints into."""
    buffer = io.StringIO()
    return _console(buffer, options), buffer


def _printed(row: Row, options: RenderOptions) -> str:
    console, buffer = _printer(options)
    buffer.seek(0)
    buffer.truncate()
    console.print(_text(row))
    return buffer.getvalue()


def render(reports: Sequence[Report], options: RenderOptions) -> str:
    return render_with(Writer, reports, options)


def _rows(reports: Sequence[Report], options: RenderOptions) -> Iterator[Row]:
    """Every line of the report; one row is one ``console.print`` of its pieces."""
    tally = Tally()
    for report in reports:
        tally.add(report)
        yield from _file_rows(report, options)
    if not options.quiet:
        yield _summary_row(tally.summary(), tally.files)


def _file_rows(report: Report, options: RenderOptions) -> Iterator[Row]:
    """One file's lines (none with ``quiet`` for a file without findings)."""
    doc = report.document
    if options.quiet and not report.findings:
        return
    if report.error:  # an unreadable draft: ruff's E902, one line where the file's report would be
        yield [(one_line(doc.path), "bold underline"), (" ", ""), (f"  {file_errors.state(report)}", "dim")]
        yield _head(doc, report.findings[0])
        yield []
        return
    yield [(one_line(doc.path), "bold underline"), (" ", ""), (f"  {_stats_line(report)}", "dim")]
    yield []
    if not report.findings:
        yield [("  no findings", "green")]
    for family in FAMILIES:
        section = [f for f in report.findings if family_of(f.code) is family]
        if section:
            yield [(f" {family.title} ({len(section)})", "bold")]
        for finding in section:
            yield from _finding(doc, finding, options.width)
    yield []


def _summary_row(counts: dict[str, int], files: int) -> Row:
    parts = [plural(n, label) for label, n in counts.items()]
    return [(f"{', '.join(parts)} in {plural(files, 'file')}", "bold")]


# What rich's Text removes from what it prints (rich.control.STRIP_CONTROL_CODES: BEL, BS, VT, FF, CR).
_CONTROL = dict.fromkeys((7, 8, 11, 12, 13))
# What it would pass on to the terminal, shown instead: a draft's ESC "[2J" or "]52;…" (a colour, a cleared
# screen, a window title, the clipboard) and the C1 CSI are text to the editor, never commands to the terminal.
_VISIBLE = {c: shown for c, shown in SHOWN_CONTROLS.items() if c not in (10, *_CONTROL)}  # (lines stay lines)
_PLAIN = _CONTROL | _VISIBLE


def _rich(rows: list[Row], options: RenderOptions) -> str:
    buffer = io.StringIO()
    console = _console(buffer, options)
    for row in rows:
        console.print(_text(row))
    return buffer.getvalue()


def _console(buffer: io.StringIO, options: RenderOptions) -> Any:
    from rich.console import Console

    return Console(
        file=buffer,
        force_terminal=options.color,
        no_color=not options.color,
        width=options.width,
        highlight=False,
        soft_wrap=True,
    )


def _text(row: Row) -> Any:
    from rich.text import Text

    text = Text()
    for piece, style in row:
        text.append(piece.translate(_VISIBLE), style=style or None)
    return text
