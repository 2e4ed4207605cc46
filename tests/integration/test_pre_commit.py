"""``pre-commit try-repo`` with this repository's hook on a scratch newsroom repository: only drafts are checked.

Slow (pre-commit builds the hook's virtualenv, ~20 s here) and needs ``pre-commit`` and ``git``; skipped
without them, or when the hook's environment cannot be installed (no package index).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]


def _pre_commit() -> list[str] | None:
    try:
        import pre_commit  # noqa: F401
    except ImportError:
        return None
    return [sys.executable, "-m", "pre_commit"]


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, timeout=60)


def test_try_repo_checks_only_the_drafts(tmp_path: Path) -> None:
    command = _pre_commit()
    if command is None or shutil.which("git") is None:
        pytest.skip("needs pre-commit (pip install pre-commit) and git")
    if not (ROOT / ".git").exists():
        pytest.skip("needs a git checkout of factlint")
    repo = tmp_path / "newsroom"
    (repo / "drafts").mkdir(parents=True)
    (repo / "README.md").write_text("# Newsroom tools\n\n40 tests added in this release.\n", encoding="utf-8")
    (repo / "CHANGELOG.md").write_text("# Changes\n\n- 12 bugs fixed.\n", encoding="utf-8")
    (repo / "requirements.txt").write_text("openai==1.0\n", encoding="utf-8")
    (repo / "drafts" / "jailbreak.md").write_text(
        "Police said 30 prisoners escaped. Officials said 42 prisoners escaped.\n", encoding="utf-8"
    )
    (repo / "drafts" / "weather.txt").write_text("It rained.\n", encoding="utf-8")
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "-c", "user.email=desk@example.org", "-c", "user.name=desk", "commit", "-qm", "drafts")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "FACTLINT_", "PRE_COMMIT"))}
    env["PRE_COMMIT_HOME"] = str(tmp_path / "pre-commit-home")
    env["OPENAI_API_KEY"] = "sk-must-not-be-used"  # the hook runs offline whatever the environment holds
    done = subprocess.run(
        [*command, "try-repo", str(ROOT), "factlint", "--all-files", "--verbose", "--color", "never"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=540,
    )
    output = done.stdout + done.stderr
    if "An unexpected error has occurred" in output and "Installing environment" in output:
        pytest.skip(f"pre-commit could not install the hook's environment: {output.splitlines()[-1]}")
    assert done.returncode == 1, output  # the contradiction fails the commit
    assert "drafts/jailbreak.md" in output and "FL101" in output and "drafts/weather.txt" in output
    assert "README.md" not in output and "CHANGELOG.md" not in output and "requirements.txt" not in output
    assert "offline pattern extractor" in output
