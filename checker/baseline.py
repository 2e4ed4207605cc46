"""Accepted findings: ``factlint baseline PATH...`` records them, ``check --baseline FILE`` reports only new ones.

The file is JSON, reviewed and committed like code::

    {"version": 1, "findings": [{"fingerprint": "…", "code": "FL101", "path": "drafts/a.md", "message": "…"}]}

A finding matches an entry with the same fingerprint and the same path (relative to the folder of the baseline
file, with forward slashes, so a run from a subfolder matches the same entries). Each entry absorbs one
finding, so a second copy of an accepted problem is new. Fingerprints (``checker.codec.fingerprint``) hash
the rule code, the quantity and the quotes involved, not line numbers: inserting or editing an unrelated
paragraph does not bring accepted findings back, while changing a figure or a sentence a finding quotes
does. ``code`` and ``message`` are there for the reviewer.

Figures the extractor did not review (``FL301``) are never accepted: they are not a known problem of the draft
but a check that did not happen, and a run that leaves them must keep failing (exit 5).
"""

from __future__ import annotations

import json
import os
import re
import stat
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from checker.codec import fingerprint
from checker.errors import InputError
from checker.models import Report
from checker.report.common import display_path

BASELINE_VERSION = 1
DEFAULT_FILE = ".factlint-baseline.json"

Baseline = Counter[tuple[str, str]]  # (path, fingerprint) -> how many findings it accepts


def _unreviewed() -> str:
    from checker.rules.coverage import NOT_REVIEWED  # here, not at import: the CLI loads this module for every run

    return NOT_REVIEWED.code


def entries(reports: Iterable[Report], root: Path) -> list[dict[str, str]]:
    never = _unreviewed()
    out = [
        {
            "fingerprint": fingerprint(finding),
            "code": finding.code,
            "path": key_path(report.document.path, root),
            "message": finding.message,
        }
        for report in reports
        if not report.error
        for finding in report.findings
        if finding.code != never
    ]
    return sorted(out, key=_order)


def key_path(path: str, root: Path) -> str:
    """A draft's path as a baseline records it: relative to ``root`` (the baseline's folder), forward slashes."""
    if path == "-":
        return display_path(path, root)
    return Path(os.path.relpath(Path(path).absolute(), root.absolute())).as_posix()


def dumps(reports: Iterable[Report], root: Path, previous: Path | None = None) -> str:
    """The baseline file for these reports (sorted, so re-running on unchanged drafts changes nothing); the
    reports may arrive one at a time: only their entries are kept. ``previous`` (the file being rewritten): its
    entries for drafts these reports are not about, and that still exist, are kept too."""
    checked: set[str] = set()

    def seen(each: Iterable[Report]) -> Iterable[Report]:
        for report in each:
            checked.add(key_path(report.document.path, root))
            yield report

    found = entries(seen(reports), root)
    if previous is not None:
        found += _others(previous, checked, root)
    data = {"version": BASELINE_VERSION, "findings": sorted(found, key=_order)}
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    # a path that is not UTF-8 (a lone surrogate: caf\xe9.txt) as a JSON escape, which loads gives back exactly
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _order(entry: dict[str, str]) -> tuple[str, ...]:
    return entry["path"], entry.get("code", ""), entry["fingerprint"], entry.get("message", "")


def _others(previous: Path, checked: set[str], root: Path) -> list[dict[str, str]]:
    """The entries of the baseline ``previous`` for drafts not in ``checked`` whose file is still there: a
    baseline of some drafts (``factlint baseline drafts/new.md``) updates theirs and keeps every other draft's
    accepted findings, as eslint's bulk suppressions keep other files' (it dropped them all, unseen). None
    when there is no such file or it is no baseline (it is replaced, as before)."""
    try:
        if not previous.is_file():  # a device (-o /dev/full) is read for ever, a FIFO blocks: no baseline in them
            return []
        text = previous.read_text(encoding="utf-8")
        loads(text, str(previous))  # a baseline, of this version, with well-formed entries
    except (OSError, UnicodeDecodeError, InputError):
        return []
    data: Any = json.loads(text)
    return [
        {key: value for key, value in entry.items() if isinstance(value, str)}
        for entry in data["findings"]
        if entry["path"] not in checked and (root / entry["path"]).exists()
    ]


def loads(text: str, origin: str) -> Baseline:
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{origin}: not a factlint baseline: invalid JSON ({exc.msg} at line {exc.lineno})") from None
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise InputError(f"{origin}: not a factlint baseline: expected an object with a 'findings' list")
    if data.get("version") != BASELINE_VERSION:
        raise InputError(f"{origin}: baseline version {data.get('version')!r} is not {BASELINE_VERSION}")
    accepted: Baseline = Counter()
    for n, entry in enumerate(data["findings"]):
        if not isinstance(entry, dict) or not all(isinstance(entry.get(k), str) for k in ("fingerprint", "path")):
            raise InputError(f"{origin}: finding {n} needs string 'fingerprint' and 'path'")
        accepted[(entry["path"], entry["fingerprint"])] += 1
    return accepted


def load(path: Path) -> Baseline:
    try:
        if not stat.S_ISREG(path.stat().st_mode):  # a device never ends (/dev/zero filled memory), a FIFO blocks
            raise InputError(f"{path}: not a regular file (a baseline is a JSON file 'factlint baseline' writes)")
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{path}: no such baseline file (write one with 'factlint baseline PATH...')") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read baseline: {exc}") from None
    return loads(text, str(path))


def apply(reports: Sequence[Report], accepted: Baseline, root: Path) -> tuple[list[Report], int]:
    """Reports without the accepted findings, and how many were left out."""
    matcher = Matcher(accepted, root)
    return [matcher.filter(report) for report in reports], matcher.hidden


class Matcher:
    """The accepted findings taken out of reports one at a time, in the run's order; ``hidden`` counts them."""

    def __init__(self, accepted: Baseline, root: Path) -> None:
        self.left, self.root = accepted.copy(), root
        self.never = _unreviewed()
        self.hidden = 0

    def filter(self, report: Report) -> Report:
        if report.error:  # an unreadable draft is never accepted
            return report
        path = key_path(report.document.path, self.root)
        kept = []
        for finding in report.findings:
            key = (path, fingerprint(finding))
            if self.left[key] > 0 and finding.code != self.never:
                self.left[key] -= 1
                self.hidden += 1
            else:
                kept.append(finding)
        return Report(report.document, report.extraction, tuple(kept), report.error)
