"""Golden outputs: every format on the seed article, compared as exact strings.

A change in any report is a reviewed change. To accept one, regenerate and read the diff:

    FACTLINT_UPDATE_GOLDENS=1 python -m pytest tests/integration/test_report_golden.py && git diff tests/golden
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from checker.cli import main
from checker.report import FORMATS

ROOT = Path(__file__).parents[2]
GOLDEN = ROOT / "tests" / "golden"
SEED = "examples/al-khalis.txt"
SUFFIXES = {
    "text": "txt",
    "json": "json",
    "markdown": "md",
    "sarif": "sarif",
    "github": "github.txt",
    "rdjson": "rdjson",
    "html": "html",
}
UPDATE = os.environ.get("FACTLINT_UPDATE_GOLDENS") == "1"
CHECKOUT = "file:///checkout/"  # what the goldens hold for SARIF's %SRCROOT%, the run's folder


def portable(text: str) -> str:
    """The report with the working directory's ``file://`` URI (SARIF's ``originalUriBaseIds``) as ``CHECKOUT``."""
    return text.replace(Path.cwd().as_uri() + "/", CHECKOUT)


def run_seed(fmt: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> str:
    """The report as a user at the repo root gets it: relative path, offline extractor, no colour."""
    monkeypatch.chdir(ROOT)
    for var in ("FACTLINT_EXTRACTOR", "FACTLINT_MODEL", "OPENAI_MODEL", "FACTLINT_BASE_URL", "OPENAI_BASE_URL"):
        monkeypatch.delenv(var, raising=False)
    code = main(["check", SEED, "--format", fmt, "--extractor", "offline", "--color", "never"])
    out = capsys.readouterr().out
    assert code == 1, "the seed article has errors"
    return out


def check_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    actual = portable(actual)
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="\n")
    assert path.is_file(), f"no golden {path.name}: run with FACTLINT_UPDATE_GOLDENS=1"
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"{name} differs from its golden: run with FACTLINT_UPDATE_GOLDENS=1 and review the diff"


def test_every_format_has_a_golden() -> None:
    assert set(SUFFIXES) == set(FORMATS)


@pytest.mark.parametrize("fmt", sorted(SUFFIXES))
def test_seed_report_matches_golden(
    fmt: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = run_seed(fmt, capsys, monkeypatch)
    check_golden(f"al-khalis.{SUFFIXES[fmt]}", out)


@pytest.mark.parametrize("fmt", sorted(SUFFIXES))
def test_goldens_hold_no_absolute_path_or_time(fmt: str) -> None:
    text = (GOLDEN / f"al-khalis.{SUFFIXES[fmt]}").read_text(encoding="utf-8").replace(CHECKOUT, "")
    assert str(ROOT) not in text
    assert "file://" not in text
    assert "/tmp/" not in text and "/home/" not in text
    assert not any(word in text for word in ("startTimeUtc", "endTimeUtc", "timestamp"))
