"""Reporters, one module per output format, chosen by name.

Each reporter module has a ``Writer(out, options)`` (flake8's formatter: ``start()``, ``handle(report)`` for
each file's report as it arrives, ``stop()``) that writes to a text stream and keeps no report once handled, so
a directory's run holds one file's report at a time, whatever the format; and ``render(reports, options) ->
str``, the same writer fed a list; and ``part(report, options, index)``, what the writer writes (and counts) for
the run's ``index``-th report, made where the report is (a ``--jobs`` worker process), which ``Writer.take``
writes as ``handle`` would have. ``write`` (``Plan.write``) streams a run into every output at once through
``checker.output.Staging``: each file is staged next to its target and all are put in place at the end, or none.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Final, NamedTuple

from checker.errors import ConfigError
from checker.models import Report, Severity
from checker.report.common import Out, Writer

FORMATS: dict[str, str] = {
    "text": "checker.report.text",
    "json": "checker.report.json",
    "markdown": "checker.report.markdown",
    "sarif": "checker.report.sarif",
    "github": "checker.report.github",
    "rdjson": "checker.report.rdjson",
    "html": "checker.report.html",
}


class RenderOptions:
    """How a report is rendered: colour, width, paths relative to ``root``, verbose or quiet.

    A plain class, not a named tuple (``root`` defaults to the working directory when the options are made) nor a
    dataclass (``dataclasses`` imports ``inspect``: ~5 ms of a one-line check).
    """

    __slots__ = ("color", "quiet", "root", "severity", "verbose", "width")

    def __init__(
        self,
        color: bool = False,
        width: int = 100,
        root: Path | None = None,
        verbose: bool = False,
        quiet: bool = False,
        severity: tuple[tuple[str, str], ...] = (),
    ) -> None:
        self.color: Final = color
        self.width: Final = width
        self.root: Final = Path.cwd() if root is None else root
        self.verbose: Final = verbose
        # findings only: text, markdown and github leave out clean files and the summary; json, sarif, rdjson and
        # html stay whole (scripts, code scanning and the review page expect every draft)
        self.quiet: Final = quiet
        self.severity: Final = severity  # [severity] overrides by code: the rule levels SARIF lists


def writer(name: str, out: Out, options: RenderOptions) -> Writer:
    """The format's streaming writer onto ``out``."""
    if name not in FORMATS:
        raise ConfigError(f"unknown format {name!r} (expected one of {', '.join(sorted(FORMATS))})")
    made: Writer = importlib.import_module(FORMATS[name]).Writer(out, options)
    return made


def render(name: str, reports: Sequence[Report], options: RenderOptions) -> str:
    if name not in FORMATS:
        raise ConfigError(f"unknown format {name!r} (expected one of {', '.join(sorted(FORMATS))})")
    module = importlib.import_module(FORMATS[name])
    text: str = module.render(reports, options)
    return text


def render_all(
    targets: Sequence[tuple[str, str]], reports: Sequence[Report], stdout: RenderOptions, statistics: bool = False
) -> list[tuple[str, str]]:
    """(path, text) for each (format, path) target, every one rendered before any is written.

    ``stdout`` are the options of the ``-`` target (colour, quiet); files get no colour. ``statistics``: the
    ``-`` target is the per-rule counts instead (JSON for the json format).
    """
    rendered = []
    for fmt, path in targets:
        if path == "-" and statistics:
            from checker.report import statistics as stats

            rendered.append((path, stats.render(reports, as_json=fmt == "json")))
            continue
        options = stdout if path == "-" else RenderOptions(quiet=stdout.quiet, severity=stdout.severity)
        rendered.append((path, render(fmt, reports, options)))
    return rendered


def write(
    targets: Sequence[tuple[str, str]], reports: Iterable[Report], stdout: RenderOptions, statistics: bool = False
) -> None:
    """Each (format, path) target written as ``reports`` arrive, one file's report at a time; put in place
    together once the last is written (stdout too), or none of them if anything fails or the run is stopped.

    ``stdout`` and ``statistics`` as for ``render_all``.
    """
    Plan.of(targets, stdout, statistics).write(reports)


class Rendered(NamedTuple):
    """One draft's report made into each output's part (``Plan.render``, in the worker process that checked it),
    with what the run's parent still needs of it: each finding's code and severity (the exit code), its error."""

    parts: tuple[Any, ...]  # one a target, in the plan's order
    findings: tuple[tuple[str, Severity], ...]
    error: str


# A report this big is sent back whole, not rendered where it was checked: its writers stream it (the JSON
# entry of a 10 MB draft is about 100 MB), where a part would hold all of it, twice, and pickled once more.
WHOLE_CHARS = 1 << 20


class Plan(NamedTuple):
    """A run's outputs: each (format, path) target with the options it is rendered with. It is small and
    pickles, so a worker process can render each report for every output (``render``) and the parent only write
    the parts it is sent (``write``), which is the same text as writing the reports."""

    targets: tuple[tuple[str, str], ...]
    options: tuple[RenderOptions, ...]
    statistics: bool = False  # the "-" target is the per-rule counts instead

    @classmethod
    def of(cls, targets: Sequence[tuple[str, str]], stdout: RenderOptions, statistics: bool = False) -> Plan:
        """``stdout`` are the options of the ``-`` target (colour, quiet); files get no colour."""
        to_file = RenderOptions(quiet=stdout.quiet, severity=stdout.severity)
        options = tuple(stdout if path == "-" else to_file for _, path in targets)
        return cls(tuple(targets), options, statistics)

    def render(self, report: Report, index: int) -> Rendered | Report:
        """The ``index``-th report of the run as each target's writer would write it (``Writer.take``), or the
        report itself when it is too big to be held as text (``WHOLE_CHARS``)."""
        if len(report.document.text) > WHOLE_CHARS:
            return report
        parts = []
        for (fmt, path), options in zip(self.targets, self.options, strict=True):
            if path == "-" and self.statistics:
                from checker.report import statistics as stats

                parts.append(stats.part(report))
            else:
                parts.append(_module(fmt).part(report, options, index))
        return Rendered(tuple(parts), tuple((f.code, f.severity) for f in report.findings), report.error)

    def write(self, reports: Iterable[Report | Rendered]) -> None:
        """Each target written as ``reports`` (or what ``render`` made of them) arrive, one file at a time; put in
        place together once the last is written (stdout too), or none of them if anything fails or the run is
        stopped."""
        from checker.output import Staging

        with Staging([path for _, path in self.targets]) as staging:
            writers: list[Writer] = []
            for (fmt, path), options, out in zip(self.targets, self.options, staging.streams, strict=True):
                if path == "-" and self.statistics:
                    from checker.report import statistics as stats

                    writers.append(stats.Writer(out, as_json=fmt == "json"))
                    continue
                writers.append(writer(fmt, out, options))
            for made in writers:
                made.start()
            for report in reports:
                if isinstance(report, Report):
                    for made in writers:
                        made.handle(report)
                else:
                    for made, part in zip(writers, report.parts, strict=True):
                        made.take(part)
            for made in writers:
                made.stop()
            staging.commit()


def _module(name: str) -> Any:
    if name not in FORMATS:
        raise ConfigError(f"unknown format {name!r} (expected one of {', '.join(sorted(FORMATS))})")
    return importlib.import_module(FORMATS[name])
