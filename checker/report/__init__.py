"""Reporters, one module per output format, chosen by name.

Each reporter module has a ``Writer(out, options)`` (flake8's formatter: ``start()``, ``handle(report)`` for
each file's report as it arrives, ``stop()``) that writes to a text stream and keeps no report once handled, so
a directory's run holds one file's report at a time, whatever the format; and ``render(reports, options) ->
str``, the same writer fed a list. ``write`` streams a run into every output at once through
``checker.output.Staging``: each file is staged next to its target and all are put in place at the end, or none.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from checker.errors import ConfigError
from checker.models import Report
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


@dataclass(frozen=True)
class RenderOptions:
    """How a report is rendered: colour, width, paths relative to ``root``, verbose or quiet."""

    color: bool = False
    width: int = 100
    root: Path = field(default_factory=Path.cwd)
    verbose: bool = False
    quiet: bool = False  # findings only: reporters that print a summary or clean files leave them out


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
        options = stdout if path == "-" else RenderOptions(quiet=stdout.quiet)
        rendered.append((path, render(fmt, reports, options)))
    return rendered


def write(
    targets: Sequence[tuple[str, str]], reports: Iterable[Report], stdout: RenderOptions, statistics: bool = False
) -> None:
    """Each (format, path) target written as ``reports`` arrive, one file's report at a time; put in place
    together once the last is written (stdout too), or none of them if anything fails or the run is stopped.

    ``stdout`` and ``statistics`` as for ``render_all``.
    """
    from checker.output import Staging

    with Staging([path for _, path in targets]) as staging:
        writers: list[Writer] = []
        for (fmt, path), out in zip(targets, staging.streams, strict=True):
            if path == "-" and statistics:
                from checker.report import statistics as stats

                writers.append(stats.Writer(out, as_json=fmt == "json"))
                continue
            writers.append(writer(fmt, out, stdout if path == "-" else RenderOptions(quiet=stdout.quiet)))
        for made in writers:
            made.start()
        for report in reports:
            for made in writers:
                made.handle(report)
        for made in writers:
            made.stop()
        staging.commit()
