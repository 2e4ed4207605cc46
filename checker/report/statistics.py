"""``check --statistics``: how many findings each rule has, most first (ruff's ``--statistics``)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence

from checker.models import Report


def counted(reports: Sequence[Report]) -> list[tuple[str, str, int]]:
    """(code, rule name, count), most frequent first, then by code."""
    tally = Counter((f.code, f.rule) for r in reports for f in r.findings)
    return sorted(((code, rule, n) for (code, rule), n in tally.items()), key=lambda t: (-t[2], t[0]))


def render(reports: Sequence[Report], as_json: bool = False) -> str:
    rows = counted(reports)
    if as_json:
        data = [{"code": code, "name": rule, "count": n} for code, rule, n in rows]
        return json.dumps(data, indent=2) + "\n"
    width = max((len(str(n)) for _, _, n in rows), default=1)
    return "".join(f"{n:>{width}}\t{code}\t{rule}\n" for code, rule, n in rows)
