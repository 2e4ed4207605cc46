"""Reporters, one module per output format, chosen by name.

Each reporter module has ``render(reports, options) -> str``. The CLI writes the whole string at once (to
stdout or atomically to a file), so a failed run never leaves half a report behind.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from checker.errors import ConfigError
from checker.models import Report

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
    color: bool = False
    width: int = 100
    root: Path = field(default_factory=Path.cwd)
    verbose: bool = False
    quiet: bool = False  # findings only: reporters that print a summary or clean files leave them out


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
