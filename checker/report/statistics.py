"""``check --statistics``: how many findings each rule has, most first (ruff's ``--statistics``)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence

from checker.models import Report
from checker.report.common import Out


def counted(reports: Sequence[Report]) -> list[tuple[str, str, int]]:
    """(code, rule name, count), most frequent first, then by code."""
    return _sorted(Counter((f.code, f.rule) for r in reports for f in r.findings))


def _sorted(tally: Counter[tuple[str, str]]) -> list[tuple[str, str, int]]:
    return sorted(((code, rule, n) for (code, rule), n in tally.items()), key=lambda t: (-t[2], t[0]))


def render(reports: Sequence[Report], as_json: bool = False) -> str:
    return _text(counted(reports), as_json)


def _text(rows: list[tuple[str, str, int]], as_json: bool) -> str:
    if as_json:
        data = [{"code": code, "name": rule, "count": n} for code, rule, n in rows]
        return json.dumps(data, indent=2) + "\n"
    width = max((len(str(n)) for _, _, n in rows), default=1)
    return "".join(f"{n:>{width}}\t{code}\t{rule}\n" for code, rule, n in rows)


class Writer:
    """The counts, tallied as reports arrive, written at the end."""

    def __init__(self, out: Out, as_json: bool = False) -> None:
        self.out, self.as_json = out, as_json
        self.tally: Counter[tuple[str, str]] = Counter()

    def start(self) -> None:
        pass

    def handle(self, report: Report) -> None:
        self.take(part(report))

    def take(self, made: tuple[tuple[str, str], ...]) -> None:
        self.tally.update(made)

    def stop(self) -> None:
        self.out.write(_text(_sorted(self.tally), self.as_json))


def part(report: Report) -> tuple[tuple[str, str], ...]:
    """What ``Writer.handle`` counts of ``report``: each finding's code and rule name."""
    return tuple((f.code, f.rule) for f in report.findings)
