"""A Markdown report for a pull-request comment or a CI job summary (GitHub-flavoured Markdown).

Errors and warnings go in a table, infos in a folded table, and the figures behind each finding in a folded
list. Everything taken from a draft is escaped so an article cannot inject markup into the comment. GitHub
refuses comments over 65,536 characters, so a long report drops the figure lists, then rows, and says so
(decided once every file is in: ``Writer``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from checker.document import source_span
from checker.models import Document, Finding, Report, Severity
from checker.report.common import (
    Out,
    Tally,
    by_severity,
    describe_claim,
    display_path,
    listed,
    more_figures,
    render_with,
    severities,
    severity_counts,
    spool,
)
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


def code_span(text: str) -> str:
    """``text`` as one CommonMark code span, whatever backticks it holds (a file named ``a`b.md``): fenced by a
    longer run of backticks than any inside, with a space inside the fence when it starts or ends with one."""
    text = re.sub(r"[\r\n]+", " ", text)  # a heading is one line
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _row(doc: Document, finding: Finding) -> str:
    line, column = doc.position(source_span(doc, finding.span).start)
    severity = f"{ICONS[finding.severity]} {finding.severity.label}"
    rule = f"`{finding.code}` {escape(finding.rule)}"
    return f"| {severity} | {rule} | {line}:{column} | {escape(finding.message)} |"


_TABLE = ["| Severity | Rule | Line:col | Finding |", "| --- | --- | --- | --- |"]


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


@dataclass(frozen=True)
class _Entry:
    """What a file's tables need once its report is gone: its heading and its rows, worst first."""

    heading: str
    rows: tuple[tuple[Severity, str], ...]  # () for a file without findings

    @classmethod
    def of(cls, report: Report, options: RenderOptions) -> _Entry:
        doc = report.document
        rows = tuple((f.severity, _row(doc, f)) for f in by_severity(report.findings))
        return cls(f"#### {code_span(display_path(doc.path, options.root))}", rows)

    def dumps(self) -> str:
        return json.dumps([self.heading, [[int(severity), row] for severity, row in self.rows]], ensure_ascii=False)

    @classmethod
    def loads(cls, line: str) -> _Entry:
        heading, rows = json.loads(line)
        return cls(heading, tuple((Severity(severity), row) for severity, row in rows))


def _tables(entry: _Entry, max_rows: int | None) -> tuple[list[str], int]:
    """A file's heading and tables (at most ``max_rows`` rows), and how many rows were left out."""
    out = [entry.heading, ""]
    if not entry.rows:
        return [*out, "No findings.", ""], 0
    ordered = entry.rows if max_rows is None else entry.rows[:max_rows]
    main = [row for severity, row in ordered if severity > Severity.INFO]
    infos = [row for severity, row in ordered if severity is Severity.INFO]
    if main:
        out += [*_TABLE, *main, ""]
    if infos:
        summary = severity_counts(Severity.INFO for _ in infos)
        out += [f"<details><summary>{summary}</summary>", "", *_TABLE, *infos, "", "</details>", ""]
    return out, len(entry.rows) - len(ordered)


def _file(report: Report, options: RenderOptions, details: bool, max_rows: int | None) -> tuple[list[str], int]:
    out, dropped = _tables(_Entry.of(report, options), max_rows)
    ordered = by_severity(report.findings)
    if max_rows is not None:
        ordered = ordered[:max_rows]
    if details and any(f.claims for f in ordered):
        out += [*_figures(report.document, ordered), ""]
    return out, dropped


class _Text:
    """``"\\n".join(lines).rstrip("\\n") + "\\n"`` written (or only measured) a file's lines at a time."""

    def __init__(self, out: Out | None = None) -> None:
        self.out = out
        self.length = 0  # of what is written so far
        self.started = False
        self.held = ""  # newlines that end what was added: the end strips them, the next lines keep them

    def add(self, lines: list[str]) -> None:
        text = self.held + ("\n" if self.started else "") + "\n".join(lines)
        kept = text.rstrip("\n")
        self.held = text[len(kept) :]
        self.started = True
        self.length += len(kept)
        if self.out is not None:
            self.out.write(kept)

    def end(self) -> int:
        """Write the final newline (none after nothing: ``-q`` on clean drafts); the whole text's length."""
        if not self.started:
            return 0
        if self.out is not None:
            self.out.write("\n")
        return self.length + 1


def _header(tally: Tally) -> list[str]:
    return [f"### factlint: {tally.counts()} in {plural(tally.files, 'file')}", ""]


def _footer(left_out: int) -> list[str]:
    return [f"*{plural(left_out, 'more finding')} not shown here: see the JSON or SARIF report.*", ""]


class Writer:
    """Markdown written at the end, as the size cap can be decided only then, from what was kept on the way.

    The report with figure lists is kept (as text) only while it can still fit under ``LIMIT``; every file's
    heading and table rows go to a spool (one JSON line per file), from which the capped report is written,
    after measuring it for each number of rows tried. One file's report is held at a time.
    """

    def __init__(self, out: Out, options: RenderOptions) -> None:
        self.out, self.options = out, options
        self.tally = Tally()
        self.entries = spool()
        self.full: list[list[str]] | None = []  # every file's lines with figure lists, while they can fit
        self.full_length = 0  # a lower bound of that report's length
        self.most = 0  # the most findings in one file

    def start(self) -> None:
        pass

    def handle(self, report: Report) -> None:
        self.tally.add(report)
        if self.options.quiet and not report.findings:  # findings only: a clean file has no section
            return
        self.most = max(self.most, len(report.findings))
        self.entries.write(_Entry.of(report, self.options).dumps() + "\n")
        if self.full is not None:
            self._keep(_file(report, self.options, details=True, max_rows=None)[0])

    def take(self, made: tuple[tuple[Severity, ...], str, list[str]]) -> None:
        found, entry, lines = made
        self.tally.count(found)
        if self.options.quiet and not found:
            return
        self.most = max(self.most, len(found))
        self.entries.write(entry + "\n")
        if self.full is not None:
            self._keep(lines)

    def _keep(self, lines: list[str]) -> None:
        """A file's lines with figure lists, for the report written whole if it fits under ``LIMIT``."""
        if self.full is not None:
            self.full_length += 1 + len("\n".join(lines).rstrip("\n"))
            if self.full_length <= LIMIT:
                self.full.append(lines)
            else:  # it cannot fit any more: only the capped report can be written
                self.full = None

    def stop(self) -> None:
        if self.full is not None and self._full(_Text()) <= LIMIT:
            self._full(_Text(self.out))
        else:
            rows: int | None = None
            length = self._capped(_Text(), rows)
            candidate = self.most
            while length > LIMIT and candidate > 0:
                candidate //= 2
                rows = candidate
                length = self._capped(_Text(), rows)
            self._capped(_Text(self.out), rows)
        self.entries.close()

    def _full(self, text: _Text) -> int:
        assert self.full is not None
        if not self.options.quiet:  # the title is the summary line, which quiet leaves out
            text.add(_header(self.tally))
        for lines in self.full:
            text.add(lines)
        return text.end()

    def _capped(self, text: _Text, max_rows: int | None) -> int:
        """The report without figure lists, at most ``max_rows`` rows per file; its length."""
        if not self.options.quiet:
            text.add(_header(self.tally))
        left_out = 0
        self.entries.seek(0)
        for line in self.entries:
            lines, dropped = _tables(_Entry.loads(line), max_rows)
            text.add(lines)
            left_out += dropped
        if left_out:
            text.add(_footer(left_out))
        return text.end()


def part(report: Report, options: RenderOptions, index: int = 0) -> tuple[tuple[Severity, ...], str, list[str]]:
    """What ``Writer.handle`` keeps of ``report``, made wherever the report is: its findings' severities, its
    entry (heading and rows) and its lines with figure lists (used only while the whole report can fit)."""
    lines, _ = _file(report, options, details=True, max_rows=None)
    return severities(report), _Entry.of(report, options).dumps(), lines


def render(reports: Sequence[Report], options: RenderOptions) -> str:
    return render_with(Writer, reports, options)
