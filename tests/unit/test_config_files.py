"""Configuration: ``[tool.factlint]`` in pyproject.toml or ``.factlint.toml``, then environment, then flags."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from checker import config as config_mod
from checker.cli import ExitCode, main
from checker.errors import ConfigError

NO_ENV: dict[str, str] = {}


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_any_file(tmp_path: Path) -> None:
    cfg = config_mod.load(tmp_path, NO_ENV)
    assert cfg == config_mod.Config()
    assert cfg.extractor == "auto" and cfg.fail_on == "error"


def test_pyproject_table_is_read_with_every_kind_of_value(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # globs naming a path are also given as seen from the working directory
    write(
        tmp_path / "pyproject.toml",
        """
[project]
name = "newsroom"

[tool.factlint]
extractor = "offline"
model = "local-model"
base-url = "http://127.0.0.1:8080/v1"
fail-on = "warning"
select = ["FL1", "FL2"]
ignore = ["FL203"]
severity = { FL201 = "info" }
include = ["*.md"]
exclude = ["drafts/old/*"]
no-cache = true

[tool.factlint.taxonomy.populations]
journalist = ["journalist", "journalists", "reporters"]

[tool.factlint.taxonomy.parents]
journalist = "person"
""",
    )
    (tmp_path / "drafts").mkdir()
    cfg = config_mod.load(tmp_path / "drafts", NO_ENV)  # found by walking up
    assert (cfg.extractor, cfg.model, cfg.base_url, cfg.fail_on) == (
        "offline",
        "local-model",
        "http://127.0.0.1:8080/v1",
        "warning",
    )
    assert cfg.select == ("FL1", "FL2") and cfg.ignore == ("FL203",)
    assert cfg.severity == {"FL201": "info"}
    assert cfg.include == ("*.md",) and cfg.exclude == ("drafts/old/*",)
    assert cfg.cache is False
    assert cfg.taxonomy.parents["journalist"] == "person"
    assert "reporters" in cfg.taxonomy.populations["journalist"]


def test_pyproject_without_the_table_is_skipped_for_a_parent_folder(tmp_path: Path) -> None:
    write(tmp_path / ".factlint.toml", 'fail_on = "info"\n')
    write(tmp_path / "project" / "pyproject.toml", '[project]\nname = "x"\n')
    assert config_mod.load(tmp_path / "project", NO_ENV).fail_on == "info"


def test_the_nearest_file_wins_and_dotfile_beats_pyproject(tmp_path: Path) -> None:
    write(tmp_path / ".factlint.toml", 'fail_on = "info"\n')
    write(tmp_path / "desk" / "pyproject.toml", '[tool.factlint]\nfail_on = "warning"\n')
    assert config_mod.load(tmp_path / "desk", NO_ENV).fail_on == "warning"
    write(tmp_path / "desk" / ".factlint.toml", 'fail_on = "never"\n')
    assert config_mod.load(tmp_path / "desk", NO_ENV).fail_on == "never"


def test_a_dotfile_is_read_the_same_found_or_named_with_config(tmp_path: Path) -> None:
    """A ``[tool.factlint]`` table in .factlint.toml was read with ``--config`` but, found by the search, refused
    as "unknown key 'tool' in [tool.factlint]"."""
    for text in ('fail_on = "warning"\n', '[tool.factlint]\nfail_on = "warning"\n'):
        dotfile = write(tmp_path / ".factlint.toml", text)
        assert config_mod.load(tmp_path, NO_ENV).fail_on == "warning"
        assert config_mod.load(file=dotfile, environ=NO_ENV).fail_on == "warning"


def test_environment_beats_file_and_flags_beat_environment(tmp_path: Path) -> None:
    write(tmp_path / ".factlint.toml", 'model = "from-file"\nextractor = "llm"\n')
    env = {"FACTLINT_MODEL": "from-env", "FACTLINT_EXTRACTOR": "offline"}
    cfg = config_mod.load(tmp_path, env)
    assert (cfg.model, cfg.extractor) == ("from-env", "offline")
    assert config_mod.load(tmp_path, env, model="from-flag").model == "from-flag"


def test_a_choice_in_a_file_or_the_environment_is_taken_in_any_case_as_the_flags_take_it(tmp_path: Path) -> None:
    write(tmp_path / ".factlint.toml", 'min-severity = "Warning"\nfail-on = "NEVER"\n')
    cfg = config_mod.load(tmp_path, {"FACTLINT_EXTRACTOR": "OFFLINE"})
    assert (cfg.min_severity, cfg.fail_on, cfg.extractor) == ("warning", "never", "offline")
    # "LLM" asks for the model as "llm" does: OPENAI_BASE_URL is then honoured, not ignored
    cfg = config_mod.load(tmp_path, {"FACTLINT_EXTRACTOR": "LLM", "OPENAI_BASE_URL": "http://127.0.0.1:9/v1"})
    assert (cfg.extractor, cfg.base_url) == ("llm", "http://127.0.0.1:9/v1")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('colour = "red"\n', "unknown key 'colour' in [tool.factlint]"),
        ('api_key = "sk-123"\n', "API keys are not read from config files"),
        ('fail_on = "sometimes"\n', "fail_on: expected one of error, warning, info, never, got 'sometimes'"),
        ('extractor = "magic"\n', "extractor: expected one of auto, llm, offline, got 'magic'"),
        (
            "severity = { FL201 = 'fatal' }\n",
            "severity: expected a table of one of error, warning, info, got {'FL201': 'fatal'}"[:70],
        ),
        ("[taxonomy.species]\ncat = ['cats']\n", "unknown taxonomy table: 'species'"),
        ('[taxonomy.parents]\na = "b"\nb = "a"\n', "cycle"),
        ("fail_on = \n", "cannot read config"),
    ],
)
def test_bad_config_is_a_config_error_naming_the_problem(tmp_path: Path, text: str, message: str) -> None:
    write(tmp_path / ".factlint.toml", text)
    with pytest.raises(ConfigError, match=message.replace("[", r"\[").replace("(", r"\(")):
        config_mod.load(tmp_path, NO_ENV)


def test_cli_reports_a_bad_key_in_one_line_with_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "pyproject.toml", '[tool.factlint]\nfail_onn = "warning"\n')
    write(tmp_path / "a.txt", "Five people died.\n")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "a.txt", "--extractor", "offline"]) == ExitCode.USAGE
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "pyproject.toml: unknown key 'fail_onn' in [tool.factlint]" in err


def test_cli_uses_config_for_fail_on_and_select(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "a.txt", "Some 300 men were convicted of terrorism.\n")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "a.txt", "--extractor", "offline"]) == ExitCode.OK  # FL201 is a warning
    write(tmp_path / ".factlint.toml", 'fail_on = "warning"\n')
    assert main(["check", "a.txt", "--extractor", "offline"]) == ExitCode.FINDINGS
    write(tmp_path / ".factlint.toml", 'fail_on = "warning"\nignore = ["FL2"]\n')
    assert main(["check", "a.txt", "--extractor", "offline"]) == ExitCode.OK
    capsys.readouterr()


def test_exclude_settings_from_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / ".factlint.toml", 'extend-exclude = ["drafts/old/*"]\nforce-exclude = true\n')
    cfg = config_mod.load(tmp_path, NO_ENV)
    assert cfg.force_exclude is True and cfg.extend_exclude == ("drafts/old/*",)
    assert cfg.excluded == (*config_mod.NOT_DRAFTS, "drafts/old/*")


def test_paths_and_baseline_are_relative_to_the_file_that_sets_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "pyproject.toml", '[tool.factlint]\npaths = ["drafts", "/abs/x.md"]\nbaseline = "b.json"\n')
    (tmp_path / "a" / "b").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "a" / "b")
    cfg = config_mod.load(None, NO_ENV)
    assert cfg.paths == ("../../drafts", "/abs/x.md") and cfg.baseline == "../../b.json"


def test_exclude_and_per_file_ignores_globs_apply_from_a_subfolder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The README's ``extend_exclude = ["drafts/archive/*"]``: from a subfolder the drafts are shown as
    ``../drafts/…``, which the glob did not match, so a run found other drafts than from the project's root."""
    write(
        tmp_path / "pyproject.toml",
        '[tool.factlint]\npaths = ["drafts"]\nextend_exclude = ["drafts/archive/*"]\n'
        'per-file-ignores = { "drafts/wire/*" = ["FL2"] }\n',
    )
    write(tmp_path / "drafts" / "a.txt", "Police said 50 people were killed. Later, police said 35 were killed.\n")
    write(tmp_path / "drafts" / "archive" / "old.txt", "No figures.\n")
    write(tmp_path / "drafts" / "wire" / "w.txt", "Forty people were injured in the blast.\n")
    (tmp_path / "sub").mkdir()
    runs = {}
    for folder in (tmp_path, tmp_path / "sub"):
        monkeypatch.chdir(folder)
        assert main(["check", "--format", "json", "--extractor", "offline"]) == ExitCode.FINDINGS
        files = json.loads(capsys.readouterr().out)["files"]
        runs[folder.name] = sorted((Path(f["path"]).name, len(f["findings"])) for f in files)
    assert runs[tmp_path.name] == [("a.txt", 1), ("w.txt", 0)]
    assert runs["sub"] == runs[tmp_path.name]


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("pyproject.toml", "[tool]\nfactlint = 3\n"),
        ("pyproject.toml", '[tool]\nfactlint = ["offline"]\n'),
        (".factlint.toml", "[tool]\nfactlint = 3\n"),
    ],
)
def test_a_tool_factlint_that_is_no_table_is_a_config_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, text: str
) -> None:
    """Found from the working directory or named with --config: one line naming the file (was an internal error,
    exit 4: 'int' object has no attribute 'items')."""
    config = write(tmp_path / name, text)
    write(tmp_path / "a.txt", "No figures.\n")
    for argv in (["check", str(tmp_path / "a.txt"), "--config", str(tmp_path)], ["rules", "--config", str(config)]):
        assert main(argv) == ExitCode.USAGE
        err = capsys.readouterr().err
        assert err.startswith(f"factlint: error: {config}: tool.factlint: expected a table") and err.count("\n") == 1


def test_a_pyproject_whose_tool_is_no_table_holds_no_factlint_config(tmp_path: Path) -> None:
    """Another tool's problem: the search goes on upward, as for a pyproject.toml without [tool.factlint]."""
    write(tmp_path / ".factlint.toml", 'fail_on = "warning"\n')
    write(tmp_path / "sub" / "pyproject.toml", "tool = 3\n")
    assert config_mod.load(tmp_path / "sub", NO_ENV).fail_on == "warning"


@pytest.mark.parametrize(
    "table",
    ["[tool.factlint.taxonomy.parents]\nmedic = 5\n", '[tool.factlint.taxonomy.parents]\na = "b"\nb = "a"\n'],
)
def test_a_bad_taxonomy_addition_names_the_config_file(tmp_path: Path, table: str) -> None:
    """As every other error in a config file does."""
    config = write(tmp_path / "pyproject.toml", table)
    with pytest.raises(ConfigError, match=f"^{config}: taxonomy parents"):
        config_mod.load(tmp_path, NO_ENV)


def test_top_level_keys_beside_a_tool_factlint_table_are_an_error_not_dropped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A .factlint.toml is top-level keys or a [tool.factlint] table: with both, the top-level ones were dropped
    unseen (here fail_on, so warnings passed CI)."""
    config = write(tmp_path / ".factlint.toml", 'fail_on = "warning"\nmodel = "m"\n[tool.factlint]\nselect = ["FL2"]\n')
    with pytest.raises(ConfigError, match=r"top-level keys \(fail_on, model\) beside a \[tool\.factlint\] table"):
        config_mod.load(tmp_path, NO_ENV)
    write(tmp_path / "a.txt", "No figures.\n")
    assert main(["rules", "--config", str(config)]) == ExitCode.USAGE
    assert capsys.readouterr().err.startswith(f"factlint: error: {config}: top-level keys (fail_on, model) beside")
    write(tmp_path / ".factlint.toml", '[tool.factlint]\nfail_on = "warning"\n')
    assert config_mod.load(tmp_path, NO_ENV).fail_on == "warning"
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n[tool.factlint]\nfail_on = "info"\n')
    assert config_mod.load(tmp_path, NO_ENV, file=tmp_path / "pyproject.toml").fail_on == "info"


def test_one_setting_spelt_two_ways_is_an_error_not_the_last_one_winning(tmp_path: Path) -> None:
    """``fail_on`` and ``fail-on`` in one table: whichever came last won, unseen (as serde refuses a duplicate)."""
    write(tmp_path / "pyproject.toml", '[tool.factlint]\nfail_on = "warning"\nfail-on = "error"\n')
    with pytest.raises(ConfigError, match=r"pyproject\.toml: 'fail_on' and 'fail-on' are one setting; keep one"):
        config_mod.load(tmp_path, NO_ENV)


@pytest.mark.parametrize("second", ["conflicting-figures", "fl101"])
def test_one_rule_given_two_severities_is_an_error(tmp_path: Path, second: str) -> None:
    """``[severity]`` naming one rule by its code and its name (or in two cases): the last one won, unseen."""
    write(tmp_path / "pyproject.toml", f'[tool.factlint.severity]\nFL101 = "info"\n{second} = "error"\n')
    with pytest.raises(ConfigError, match=rf"severity: 'FL101' and '{second}' are one rule \(FL101\); keep one"):
        config_mod.load(tmp_path, NO_ENV)


def test_a_desks_own_config_below_the_working_directory_is_named_as_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """One config serves a run, found from the working directory (flake8's habit, not ruff's nearest-per-file):
    a desk's .factlint.toml beside drafts being checked is passed over, and the run says so, naming how to use it.
    Not with --config or --isolated (the user chose), nor when factlint runs in the desk's folder."""
    write(tmp_path / "pyproject.toml", '[tool.factlint]\nfail_on = "error"\n')
    write(tmp_path / "drafts" / "sport" / ".factlint.toml", 'fail_on = "warning"\n')
    write(tmp_path / "drafts" / "arts" / "pyproject.toml", '[tool.factlint]\nfail_on = "info"\n')
    write(tmp_path / "drafts" / "news" / "pyproject.toml", "[tool.black]\n")  # no factlint table: no config
    write(tmp_path / "drafts" / ".hidden" / ".factlint.toml", "")  # a folder the search does not enter
    for desk in ("sport", "arts", "news"):
        write(tmp_path / "drafts" / desk / "a.txt", "Officials said 12 people were killed.\n")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "drafts"]) == ExitCode.OK  # the root's fail_on: the warning does not fail
    notes = [line for line in capsys.readouterr().err.splitlines() if "is not read" in line]
    assert notes == [
        f"factlint: drafts/{desk}/{name} is not read: one config serves a run (pyproject.toml, found from the"
        f" working directory); run factlint in drafts/{desk}, or pass --config drafts/{desk}/{name}"
        for desk, name in (("arts", "pyproject.toml"), ("sport", ".factlint.toml"))
    ]
    assert main(["check", "drafts/sport/a.txt"]) == ExitCode.OK  # a file named: its folder's config
    assert "drafts/sport/.factlint.toml is not read" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"Officials said 12 people were killed.\n")))
    assert main(["check", "-", "--stdin-filename", "drafts/sport/b.txt"]) == ExitCode.OK  # as an editor pipes it
    assert "drafts/sport/.factlint.toml is not read" in capsys.readouterr().err
    for argv in (["--config", "drafts/sport"], ["--isolated"]):
        assert main(["check", "drafts", *argv]) == (ExitCode.FINDINGS if argv[0] == "--config" else ExitCode.OK)
        assert "is not read" not in capsys.readouterr().err
    monkeypatch.chdir(tmp_path / "drafts" / "sport")
    assert main(["check", "."]) == ExitCode.FINDINGS  # its own config: fail_on = "warning"
    assert "is not read" not in capsys.readouterr().err
