"""Machine-readable report: the versioned schema in ``checker.codec`` (documented in README.md).

Each file's entry is encoded as its report arrives, into a spool; the document's head, whose ``summary``
counts every file, is written at the end, then the entries.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from checker.codec import report_to_dict, reports_to_dict
from checker.models import Report, Severity
from checker.report import indented_json
from checker.report.common import JSONArray, Out, Tally, copy_spool, render_with, severities, spool

if TYPE_CHECKING:
    from checker.report import RenderOptions


class Writer:
    def __init__(self, out: Out, options: RenderOptions) -> None:
        self.out = out
        self.tally = Tally()
        self.entries = spool()
        self.files = JSONArray(_frame(self.tally), self.entries)

    def start(self) -> None:
        pass

    def handle(self, report: Report) -> None:
        self.tally.add(report)
        # Indented, by indented_json (json's own indented encoder is Python, a generator step per piece), which
        # walks the lazy lists item by item; its pieces go straight into the spool (json.dumps would hold them all).
        self.files.add_pieces(indented_json.pieces(report_to_dict(report, lazy=True), indented_json.FILE))

    def take(self, made: tuple[tuple[Severity, ...], str]) -> None:
        found, entry = made
        self.tally.count(found)
        self.files.add_encoded(entry)

    def stop(self) -> None:
        self.files.frame(_frame(self.tally))
        self.out.write(self.files.head())
        copy_spool(self.entries, self.out)
        self.out.write(self.files.tail() + "\n")
        self.entries.close()


def part(report: Report, options: RenderOptions, index: int = 0) -> tuple[tuple[Severity, ...], str]:
    """What ``Writer.handle`` writes for ``report`` (and counts of it), made wherever the report is: the file's
    entry as one string (``handle`` streams it instead, so a huge draft's entry is never held whole)."""
    entry = "".join(indented_json.pieces(report_to_dict(report, lazy=True), indented_json.FILE))
    return severities(report), entry


def _frame(tally: Tally) -> dict[str, object]:
    data = reports_to_dict([])
    data["summary"] = tally.summary()
    data["files"] = JSONArray.HOLE
    return data


def render(reports: Sequence[Report], options: RenderOptions) -> str:
    return render_with(Writer, reports, options)
