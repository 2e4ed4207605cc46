"""What start-up imports: the heavy libraries only when the run needs them (timings are in bench/, not here)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HEAVY = (
    "rich",
    "markdown_it",
    "openai",
    "instructor",
    "tenacity",
    "multiprocessing",
    "checker.config",
    "checker.extract",
)


def imported(argv: list[str]) -> list[str]:
    probe = (
        "import sys; from checker.cli import main; main(sys.argv[1:]);"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules), file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", probe, *argv], capture_output=True, text=True, check=False)
    return eval(done.stderr.strip().splitlines()[-1])


def test_version_imports_nothing_of_the_checker() -> None:
    assert imported(["--version"]) == []


def test_a_plain_offline_check_imports_neither_rich_nor_markdown_it_nor_the_llm_stack(tmp_path: Path) -> None:
    draft = tmp_path / "one.txt"
    draft.write_text("Fifty prisoners were killed, the police said.\n", encoding="utf-8")
    assert imported(["check", str(draft), "--extractor", "offline"]) == ["checker.config", "checker.extract"]


def test_markdown_it_is_imported_for_a_markdown_draft(tmp_path: Path) -> None:
    draft = tmp_path / "one.md"
    draft.write_text("Fifty prisoners were killed, the police said.\n", encoding="utf-8")
    assert "markdown_it" in imported(["check", str(draft), "--extractor", "offline"])
