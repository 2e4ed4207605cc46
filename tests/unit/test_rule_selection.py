"""Rule selection cannot fail silently, and behaves as ruff's (issue 11: rules as data the rest can trust)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker import rules as rules_pkg, selection
from checker.cli import ExitCode, main
from checker.config import Config, load
from checker.errors import ConfigError
from checker.rules import attribution, conflicts, coverage, partwhole, registry, timeline
from checker.rules.base import Rule
from checker.selection import Layer

NO_ENV: dict[str, str] = {}
# FL101 (50 vs 35 prisoners) and FL201 (unsourced casualty counts), offline.
DRAFT = "Fifty prisoners were killed in the riot.\n\nLater, 35 prisoners were killed in the riot.\n"


def _codes(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str]]:
    code = main(["check", "draft.txt", "--format", "json", "--extractor", "offline", *argv])
    out = capsys.readouterr().out
    found = sorted({f["code"] for f in json.loads(out)["files"][0]["findings"]}) if out else []
    return code, found


@pytest.fixture
def draft(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "draft.txt").write_text(DRAFT, encoding="utf-8")
    return tmp_path


def test_the_draft_has_both_families(draft: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, found = _codes(capsys)
    assert "FL101" in found and "FL201" in found


@pytest.mark.parametrize(
    "argv",
    [
        ["--select", "FL9"],
        ["--ignore", "FL2O1"],
        ["--extend-select", "FL9"],
        ["--extend-ignore", "conflicting-figure"],
        ["--select", "FL1,FL9"],
    ],
)
def test_an_unknown_selector_is_exit_2_naming_it(
    draft: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    assert main(["check", "draft.txt", *argv]) == ExitCode.USAGE
    err = capsys.readouterr().err.strip().splitlines()
    bad = argv[1].split(",")[-1]
    assert len(err) == 1 and f"'{bad}'" in err[0] and "Traceback" not in err[0]


@pytest.mark.parametrize("value", ["", ",", " "])
def test_an_empty_select_on_the_command_line_is_exit_2_not_every_rule_off(
    draft: Path, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    """``--select "$RULES"`` with the variable unset would otherwise report nothing and pass."""
    assert main(["check", "draft.txt", "--select", value]) == ExitCode.USAGE
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and "--select: no rule selector given" in err


@pytest.mark.parametrize(
    "line",
    [
        'ignore = ["FL2O1"]',
        'select = ["FL9"]',
        'extend-select = ["FL4"]',
        'per-file-ignores = { "*.txt" = ["FL999"] }',
        'severity = { FL999 = "error" }',
        'severity = { FL2 = "error" }',  # a severity is for one rule, not a prefix
    ],
)
def test_an_unknown_rule_in_the_config_is_exit_2(draft: Path, capsys: pytest.CaptureFixture[str], line: str) -> None:
    (draft / ".factlint.toml").write_text(line + "\n", encoding="utf-8")
    assert main(["check", "draft.txt"]) == ExitCode.USAGE
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "unknown rule" in err[0]


def test_rule_names_are_selectors(draft: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _codes(capsys, "--select", "conflicting-figures")[1] == ["FL101"]
    assert "FL201" not in _codes(capsys, "--ignore", "unattributed-figure")[1]


def test_the_more_specific_selector_wins(draft: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _codes(capsys, "--ignore", "FL1", "--select", "FL101")[1] == ["FL101"]
    assert _codes(capsys, "--select", "FL1", "--ignore", "FL101")[1] == []
    assert _codes(capsys, "--select", "FL101", "--ignore", "FL101")[1] == []  # a tie: ignoring wins


def test_repeated_flags_combine(draft: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _codes(capsys, "--select", "FL101", "--select", "FL201")[1] == ["FL101", "FL201"]


def test_command_line_select_replaces_the_config_and_extend_select_adds(
    draft: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # ruff's documented example: select = ["E", "F"], ignore = ["F401"]; --select F401 gives only F401,
    # --extend-select B gives E, F and B without F401.
    (draft / ".factlint.toml").write_text('select = ["FL1"]\nignore = ["FL101"]\n', encoding="utf-8")
    assert _codes(capsys)[1] == []
    assert _codes(capsys, "--select", "FL101")[1] == ["FL101"]
    assert _codes(capsys, "--extend-select", "FL2")[1] == ["FL201"]
    assert _codes(capsys, "--ignore", "FL2")[1] == []


def test_extend_keys_in_the_config(draft: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (draft / ".factlint.toml").write_text('select = ["FL1"]\nextend-select = ["FL201"]\n', encoding="utf-8")
    assert _codes(capsys)[1] == ["FL101", "FL201"]
    (draft / ".factlint.toml").write_text('extend-ignore = ["FL2"]\n', encoding="utf-8")
    assert _codes(capsys)[1] == ["FL101"]


def test_per_file_ignores(draft: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (draft / ".factlint.toml").write_text('[per-file-ignores]\n"draft.*" = ["FL1"]\n', encoding="utf-8")
    assert _codes(capsys)[1] == ["FL201"]
    assert _codes(capsys, "--select", "FL101")[1] == []  # per-file ignores apply after every layer, as in ruff
    (draft / ".factlint.toml").write_text('[per-file-ignores]\n"other/*" = ["FL1"]\n', encoding="utf-8")
    assert "FL101" in _codes(capsys)[1]
    (draft / ".factlint.toml").write_text('[per-file-ignores]\n"DRAFT.TXT" = ["FL1"]\n', encoding="utf-8")
    assert _codes(capsys)[1] == ["FL201"]  # case ignored on every platform, as include and exclude ignore it


def test_severity_by_code_or_name(draft: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (draft / ".factlint.toml").write_text('[severity]\nunattributed-figure = "error"\n', encoding="utf-8")
    main(["check", "draft.txt", "--format", "json", "--extractor", "offline"])
    levels = {f["code"]: f["severity"] for f in json.loads(capsys.readouterr().out)["files"][0]["findings"]}
    assert levels["FL201"] == "error"


def test_min_severity_from_the_config_and_the_command_line(draft: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _codes(capsys) == (ExitCode.FINDINGS, ["FL101", "FL201"])
    assert _codes(capsys, "--min-severity", "error") == (ExitCode.FINDINGS, ["FL101"])
    (draft / ".factlint.toml").write_text('min-severity = "error"\n', encoding="utf-8")
    assert _codes(capsys)[1] == ["FL101"]
    assert _codes(capsys, "--min-severity", "info")[1] == ["FL101", "FL201"]  # the flag over the file
    (draft / ".factlint.toml").write_text('min-severity = "notice"\n', encoding="utf-8")
    assert main(["check", "draft.txt", "--extractor", "offline"]) == ExitCode.USAGE


def test_a_config_built_directly_is_checked() -> None:
    with pytest.raises(ConfigError, match="FL9"):
        load(None, NO_ENV, select=("FL9",))
    with pytest.raises(ConfigError, match="FL2O1"):
        Config(ignore=("FL2O1",))


def test_layers_resolve_like_ruff() -> None:
    codes = ("FL101", "FL102", "FL201")
    assert selection.enabled(codes, [Layer(("FL1",), ("FL101",))]) == {"FL102"}
    assert selection.enabled(codes, [Layer(("FL1",), ("FL101",)), Layer(("FL101",))]) == {"FL101"}
    assert selection.enabled(codes, [Layer(("FL1",), ("FL101",)), Layer(extend_select=("FL2",))]) == {
        "FL102",
        "FL201",
    }
    assert selection.enabled(codes, [Layer(), Layer(ignore=("FL",))]) == set()
    assert selection.enabled(codes, [Layer(("",))]) == set(codes)  # ALL


def test_every_rule_in_a_rule_module_is_registered() -> None:
    declared = {
        value.code
        for module in (attribution, conflicts, coverage, partwhole, timeline)
        for value in vars(module).values()
        if isinstance(value, Rule)
    }
    assert declared == set(registry.RULES)


def test_a_check_may_yield_only_what_it_declares(monkeypatch: pytest.MonkeyPatch) -> None:
    from checker import document
    from checker.extract.patterns import PatternExtractor

    doc = document.from_text(DRAFT, "d.txt")
    extraction = PatternExtractor(Config().taxonomy).extract(doc)
    lying = registry.CHECKS[1]._replace(emits=(conflicts.SCALE,))  # yields FL101, declares FL105
    monkeypatch.setattr(rules_pkg, "CHECKS", (lying,))
    with pytest.raises(AssertionError, match="FL101"):
        rules_pkg.run(doc, extraction, Config())


def test_reporters_take_the_family_from_the_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    from checker.report import html
    from checker.rules.base import REVIEW

    assert html.status_of_code("FL202") == "vague" and html.status_of_code("FL101") == "contradicted"
    moved = registry.RULES["FL101"]._replace(family=REVIEW)
    monkeypatch.setitem(registry.RULES, "FL101", moved)
    assert rules_pkg.family_of("FL101") is REVIEW and html.status_of_code("FL101") == "unreviewed"
