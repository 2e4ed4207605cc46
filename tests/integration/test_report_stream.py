"""A directory's reports are written file by file, byte for byte what rendering them all at once gave.

The goldens ``tests/golden/several.*`` and ``tests/golden/markdown-*.md`` were written by the whole-report
renderers (before reporters streamed); regenerate and review as for the seed's goldens:

    FACTLINT_UPDATE_GOLDENS=1 python -m pytest tests/integration/test_report_stream.py && git diff tests/golden
"""

from __future__ import annotations

import gc
import json
from pathlib import Path
from typing import Any

import pytest

from checker import config as config_mod, pipeline, report
from checker.cli import main
from checker.models import Report
from tests.integration.test_report_golden import GOLDEN, ROOT, SUFFIXES, check_golden, portable

CLEAN = "The council met on Tuesday to discuss the new library.\n"
SOURCES = (
    "Police said 40 people were arrested on Friday.\n\n"
    "Reportedly 12 of them were later released. Some 300 protesters marched.\n"
)
INFOS = "The company hired about 1,000 workers last year, its spokesman Ana Ruiz said.\n"


def several(folder: Path) -> Path:
    """Drafts of every kind a directory holds: findings of each level, clean, unreadable, a tab in a name."""
    drafts = folder / "drafts"
    drafts.mkdir()
    (drafts / "a-seed.txt").write_text((ROOT / "examples" / "al-khalis.txt").read_text(encoding="utf-8"))
    (drafts / "b-seed.md").write_text((ROOT / "examples" / "al-khalis.md").read_text(encoding="utf-8"))
    (drafts / "c-clean.txt").write_text(CLEAN, encoding="utf-8")
    (drafts / "d-sources.txt").write_text(SOURCES, encoding="utf-8")
    (drafts / "e-binary.txt").write_bytes(b"caf\x00e")
    (drafts / "f\ttab.txt").write_text(SOURCES, encoding="utf-8")
    (drafts / "g-infos.md").write_text(INFOS, encoding="utf-8")
    return drafts


def seeds(folder: Path, copies: int, long_clean: int = 0) -> Path:
    """``copies`` of the seed article (and ``long_clean`` clean drafts with long names): Markdown's caps."""
    drafts = folder / "drafts"
    drafts.mkdir()
    seed = (ROOT / "examples" / "al-khalis.txt").read_text(encoding="utf-8")
    for n in range(copies):
        (drafts / f"seed-{n:02d}.txt").write_text(seed, encoding="utf-8")
    for n in range(long_clean):
        (drafts / f"clean-{n:03d}-{'x' * 180}.txt").write_text(CLEAN, encoding="utf-8")
    return drafts


def run(argv: list[str], folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(folder)
    for var in ("FACTLINT_EXTRACTOR", "FACTLINT_MODEL", "OPENAI_MODEL", "FACTLINT_BASE_URL", "OPENAI_BASE_URL"):
        monkeypatch.delenv(var, raising=False)
    capsys.readouterr()
    main(["check", "drafts", "--extractor", "offline", "--color", "never", "--jobs", "1", *argv])
    return capsys.readouterr().out


@pytest.mark.parametrize("fmt", sorted(SUFFIXES))
def test_several_drafts_match_the_whole_report_golden(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    several(tmp_path)
    check_golden(f"several.{SUFFIXES[fmt]}", run(["--format", fmt], tmp_path, capsys, monkeypatch))


@pytest.mark.parametrize(
    ("name", "copies", "long_clean"),
    [
        ("markdown-no-figures.md", 9, 0),  # over the limit with the figure lists, under it without
        ("markdown-fewer-rows.md", 24, 0),  # over it without figure lists: rows halved until it fits
        ("markdown-no-rows.md", 2, 300),  # over it even with no rows: every file's heading, and a note
    ],
)
def test_markdown_caps_on_many_drafts_match_the_whole_report_golden(
    name: str,
    copies: int,
    long_clean: int,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seeds(tmp_path, copies, long_clean)
    check_golden(name, run(["--format", "markdown"], tmp_path, capsys, monkeypatch))


def test_every_output_streamed_at_once_is_the_whole_report_rendering(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """All formats in one run, as files and on stdout, with two worker processes: each is what ``render`` makes
    of the list of reports, and what the goldens hold."""
    several(tmp_path)
    outputs = [arg for fmt in sorted(SUFFIXES) for arg in ("--output", f"{fmt}=out/report.{SUFFIXES[fmt]}")]
    out = run(["--format", "sarif", "--jobs", "2", *outputs], tmp_path, capsys, monkeypatch)
    reports = list(pipeline.reports(["drafts"], config_mod.Config(extractor="offline"), jobs=1))
    assert len(reports) == 7 and [r.document.path for r in reports] == sorted(r.document.path for r in reports)
    assert out == report.render("sarif", reports, report.RenderOptions())
    for fmt, suffix in SUFFIXES.items():
        written = (tmp_path / "out" / f"report.{suffix}").read_text(encoding="utf-8")
        assert written == report.render(fmt, reports, report.RenderOptions()), fmt
        assert portable(written) == (GOLDEN / f"several.{suffix}").read_text(encoding="utf-8"), fmt
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(f"report.{s}" for s in SUFFIXES.values())


def live_reports() -> int:
    gc.collect()
    return sum(1 for o in gc.get_objects() if type(o) is Report)


def test_a_directory_run_holds_one_report_at_a_time(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Through discovery, the checks, the baseline, the exit code and every writer at once: while a draft is
    checked, the reports alive do not grow with the drafts already written."""
    drafts = seeds(tmp_path, 12)
    (drafts / "seed-03.txt").write_text(SOURCES, encoding="utf-8")
    base = tmp_path / "base.json"
    assert main(["baseline", str(drafts / "seed-00.txt"), "-o", str(base), "--extractor", "offline", "-q"]) == 0
    alive: list[int] = []
    real = pipeline.check_document

    def checked(*args: Any, **kwargs: Any) -> Report:
        alive.append(live_reports())
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "check_document", checked)
    outputs = [arg for fmt in sorted(SUFFIXES) for arg in ("--output", f"{fmt}=out/report.{SUFFIXES[fmt]}")]
    run(["--format", "json", "--baseline", str(base), *outputs], tmp_path, capsys, monkeypatch)
    assert len(alive) == 12 and json.loads((tmp_path / "out" / "report.json").read_text())["files"]
    before = alive[0]
    assert max(alive) - before <= 2, f"reports alive while each draft was checked: {alive}"


def test_writing_a_baseline_for_a_directory_holds_one_report_at_a_time(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    seeds(tmp_path, 12)
    alive: list[int] = []
    real = pipeline.check_document

    def checked(*args: Any, **kwargs: Any) -> Report:
        alive.append(live_reports())
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "check_document", checked)
    monkeypatch.chdir(tmp_path)
    assert main(["baseline", "drafts", "-o", "base.json", "--extractor", "offline", "--jobs", "1"]) == 0
    assert "accepted 228 findings in 12 files" in capsys.readouterr().err
    assert len(json.loads((tmp_path / "base.json").read_text())["findings"]) == 12 * 19
    assert len(alive) == 12 and max(alive) - alive[0] <= 2, f"reports alive while each draft was checked: {alive}"
