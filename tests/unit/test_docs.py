"""The README stays true: its set-up commands, its rule table, its exit codes, and .ci/run's test command."""

from __future__ import annotations

import re
from pathlib import Path

from checker.cli import ExitCode
from checker.rules import RULES

ROOT = Path(__file__).parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_opens_with_the_two_commands() -> None:
    block = re.search(r"```sh\n(.*?)```", README, re.DOTALL)
    assert block and README.index(block.group(0)) < 200
    run, test = block.group(1).strip().splitlines()
    assert "pip install ." in run and "factlint check examples/al-khalis.txt" in run
    assert test.endswith("python -m pytest") and "'.[dev]'" in test
    assert (ROOT / "examples" / "al-khalis.txt").is_file()


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^python -m pytest$", ci, re.MULTILINE)
    assert '"$rc" -eq 5' in ci  # no tests collected is a failure


def test_readme_documents_every_rule_with_its_severity() -> None:
    for rule in RULES.values():
        row = re.search(rf"^\| `{rule.code}` \| {rule.name} \| ([^|]+) \|", README, re.MULTILINE)
        assert row, rule.code
        assert rule.severity.label in row.group(1)


def test_readme_documents_every_exit_code() -> None:
    for code in ExitCode:
        assert re.search(rf"^\| {int(code)} \|", README, re.MULTILINE), code


def test_every_factlint_command_in_the_readme_parses() -> None:
    """Each `factlint …` command in a shell block uses flags that exist (a stale snippet fails here)."""
    import shlex

    from checker.cli import _parser

    commands = []
    for block in re.findall(r"```sh\n(.*?)```", README, re.DOTALL):
        for line in block.splitlines():
            for part in re.split(r"\s*(?:&&|\||>)\s*", line.split(" #")[0]):
                if part.startswith("factlint "):
                    commands.append(shlex.split(part)[1:])
    assert len(commands) >= 15
    for argv in commands:
        try:
            _parser().parse_args(argv)
        except SystemExit as exc:
            assert exc.code == 0 and argv == ["-V"], argv


def test_readme_settings_table_is_generated_from_the_declarations() -> None:
    """Regenerate with FACTLINT_UPDATE_GOLDENS=1 python -m pytest tests/unit/test_docs.py."""
    import os

    from checker.config import settings_table

    block = re.search(r"<!-- settings -->\n(.*?)<!-- /settings -->", README, re.DOTALL)
    assert block
    if os.environ.get("FACTLINT_UPDATE_GOLDENS") and block.group(1) != settings_table():
        (ROOT / "README.md").write_text(README.replace(block.group(1), settings_table()), encoding="utf-8")
    else:
        assert block.group(1) == settings_table()


def test_every_flag_of_a_setting_is_on_the_command_line() -> None:
    from checker.cli import _parser
    from checker.config import SETTINGS

    helps = _parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    offered = {opt for sub in helps.values() for action in sub._actions for opt in action.option_strings}
    assert {s.flag for s in SETTINGS.values() if s.flag} <= offered
