"""Baseline matching: by fingerprint and path, one finding per entry."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker import baseline
from checker.codec import fingerprint
from checker.document import from_text
from checker.errors import InputError
from checker.models import Extraction, Finding, Report, Severity, Span

ROOT = Path.cwd()  # relative paths are relative to where factlint runs; here the baseline is there too


def report(path: str, *messages: str) -> Report:
    doc = from_text("Five people died.\n", path)
    findings = tuple(
        Finding("FL201", "unattributed-figure", Severity.WARNING, m, Span(n, n + 1)) for n, m in enumerate(messages)
    )
    return Report(doc, Extraction("offline", ()), findings)


def test_entries_are_relative_sorted_and_carry_code_and_message() -> None:
    reports = [report(str(ROOT / "b" / "x.md"), "second", "first"), report("a.txt", "only")]
    entries = baseline.entries(reports, ROOT)
    assert [e["path"] for e in entries] == ["a.txt", "b/x.md", "b/x.md"]
    assert {e["message"] for e in entries[1:]} == {"first", "second"}
    assert entries == sorted(entries, key=lambda e: (e["path"], e["code"], e["fingerprint"]))
    assert all(e["code"] == "FL201" and len(e["fingerprint"]) == 16 for e in entries)


def test_round_trip_hides_exactly_the_accepted_findings() -> None:
    old = report("a.txt", "one", "two")
    accepted = baseline.loads(baseline.dumps([old], ROOT), "base.json")
    now = report("a.txt", "one", "two", "three")
    [kept], hidden = baseline.apply([now], accepted, ROOT)
    assert hidden == 2
    assert [f.message for f in kept.findings] == ["three"]


def test_each_entry_absorbs_one_finding() -> None:
    accepted = baseline.loads(baseline.dumps([report("a.txt", "same")], ROOT), "base.json")
    [kept], hidden = baseline.apply([report("a.txt", "same", "same")], accepted, ROOT)
    assert hidden == 1 and [f.message for f in kept.findings] == ["same"]


def test_matching_needs_the_same_path() -> None:
    accepted = baseline.loads(baseline.dumps([report("a.txt", "one")], ROOT), "base.json")
    [kept], hidden = baseline.apply([report("b.txt", "one")], accepted, ROOT)
    assert hidden == 0 and len(kept.findings) == 1
    [kept], hidden = baseline.apply([report(str(ROOT / "a.txt"), "one")], accepted, ROOT)
    assert hidden == 1  # an absolute path inside the root is the same file


def test_the_file_format() -> None:
    data = json.loads(baseline.dumps([report("a.txt", "one")], ROOT))
    finding = report("a.txt", "one").findings[0]
    assert data == {
        "version": 1,
        "findings": [{"fingerprint": fingerprint(finding), "code": "FL201", "path": "a.txt", "message": "one"}],
    }


def test_paths_are_relative_to_the_baseline_folder() -> None:
    """A run from a subfolder (``../drafts/a.txt``) matches what a run from the baseline's folder recorded."""
    sub = ROOT / "sub"
    recorded = baseline.loads(baseline.dumps([report("drafts/a.txt", "one")], ROOT), "base.json")
    assert {path for path, _ in recorded} == {"drafts/a.txt"}
    assert baseline.key_path("drafts/a.txt", sub) == "../drafts/a.txt"
    assert baseline.key_path(str(ROOT / "drafts" / "a.txt"), ROOT) == "drafts/a.txt"


def test_unreadable_drafts_are_never_recorded_or_hidden() -> None:
    from checker.errors import DraftError
    from checker.file_errors import unreadable

    bad = unreadable("a.txt", DraftError("a.txt", "not UTF-8 text"))
    assert baseline.entries([bad], ROOT) == []
    accepted = baseline.loads(baseline.dumps([report("a.txt", "one")], ROOT), "base.json")
    [kept], hidden = baseline.apply([bad], accepted, ROOT)
    assert hidden == 0 and kept.findings == bad.findings


def test_load_reports_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such baseline file"):
        baseline.load(tmp_path / "nope.json")
