"""The CLI in a newsroom's workflow (issue 12): unreadable drafts, where drafts go, stdin names, config paths,
and the habits people bring from ruff and flake8."""

from __future__ import annotations

import io
import json
import os
import shutil
import sys
from pathlib import Path

import pytest

from checker import cli
from checker.report import FORMATS

ROOT = Path(__file__).parents[2]
SEED = ROOT / "examples" / "al-khalis.txt"
ENDPOINT_VARS = ("OPENAI_API_KEY", "OPENAI_BASE_URL", "FACTLINT_BASE_URL", "FACTLINT_EXTRACTOR", "FACTLINT_MODEL")


@pytest.fixture(autouse=True)
def _clean(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for var in (*ENDPOINT_VARS, "NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.chdir(tmp_path)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def drafts(tmp_path: Path) -> Path:
    folder = tmp_path / "drafts"
    folder.mkdir()
    (folder / "bad.txt").write_bytes(b"Forty \xe9l\xe8ves died.\n")  # Latin-1
    shutil.copy(SEED, folder / "good.txt")
    return folder


# --- 1. one unreadable draft never aborts the run -------------------------------------------------------


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_an_unreadable_draft_is_a_per_file_error_in_every_format(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str
) -> None:
    drafts(tmp_path)
    outputs = {name: tmp_path / f"out.{name}" for name in FORMATS}
    argv = ["check", "drafts", "--format", fmt, *(f"--output={n}={p}" for n, p in outputs.items())]
    code, out, err = run(capsys, *argv)
    assert code == cli.ExitCode.USAGE
    assert err == "factlint: error: drafts/bad.txt: not UTF-8 text (invalid byte 0xe9 at offset 6)\n"
    for text in (out, *(p.read_text(encoding="utf-8") for p in outputs.values())):
        assert "FL001" in text and "bad.txt" in text
        assert "FL103" in text and "good.txt" in text  # the good draft is fully reported


def test_the_json_report_marks_the_unreadable_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    drafts(tmp_path)
    _, out, _ = run(capsys, "check", "drafts", "--format", "json")
    bad, good = json.loads(out)["files"]
    assert bad["path"] == "drafts/bad.txt" and [f["code"] for f in bad["findings"]] == ["FL001"]
    assert bad["findings"][0]["location"]["line"] == 1 and bad["findings"][0]["location"]["column"] == 1
    assert good["stats"]["claims"] == 18


def test_sarif_marks_the_run_unsuccessful(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    drafts(tmp_path)
    _, out, _ = run(capsys, "check", "drafts", "--format", "sarif")
    data = json.loads(out)["runs"][0]
    assert data["invocations"][0]["executionSuccessful"] is False
    assert any(r["ruleId"] == "FL001" for r in data["results"])


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_a_per_file_error_not_a_hang(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.md")
    code, out, err = run(capsys, "check", "pipe.md", str(SEED))
    assert code == cli.ExitCode.USAGE and "pipe.md: not a regular file" in err and "FL103" in out


def test_a_missing_file_is_a_per_file_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "check", "missing.txt", str(SEED), "--exit-zero")
    assert code == cli.ExitCode.USAGE  # an input error, not a finding: --exit-zero does not hide it
    assert err == "factlint: error: missing.txt: no such file\n" and "FL103" in out


def test_baseline_refuses_to_accept_a_run_with_an_unreadable_draft(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    drafts(tmp_path)
    code, _, err = run(capsys, "baseline", "drafts")
    assert code == cli.ExitCode.USAGE and "not written" in err
    assert not (tmp_path / ".factlint-baseline.json").exists()


def test_the_check_loop_yields_file_by_file(tmp_path: Path) -> None:
    """Each draft is read only when the one before it has been handed on (a generator, not a list)."""
    from checker import config as config_mod, pipeline

    folder = drafts(tmp_path)
    (folder / "later.txt").write_text("Sources said 12 people were arrested.", encoding="utf-8")
    results = pipeline.check_paths(["drafts"], config_mod.Config(extractor="offline"))
    first = next(results)
    assert first.error and first.document.path == "drafts/bad.txt"
    (folder / "later.txt").write_bytes(b"\xff")  # changed after the first report: the new bytes are read
    good, later = results
    assert (good.document.path, good.error) == ("drafts/good.txt", "")
    assert later.document.path == "drafts/later.txt" and later.error.startswith("not UTF-8")


# --- 2. drafts go to an LLM only when factlint is configured for one ------------------------------------


def test_an_openai_key_alone_checks_offline_and_says_nothing_is_sent(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-not-a-real-key-1234")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")  # nothing listens: a call would fail
    code, out, err = run(capsys, "check", str(SEED))
    assert code == cli.ExitCode.FINDINGS and "offline pattern extractor" in out
    assert err.count("\n") == 1 and "nothing is sent" in err and "OPENAI_API_KEY and OPENAI_BASE_URL" in err
    assert "sk-test" not in err
    assert run(capsys, "check", str(SEED), "-q")[2] == ""


def test_factlint_configured_for_an_endpoint_names_it_once(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.fake_openai import FakeOpenAI, answer

    (tmp_path / "a.txt").write_text("It rained.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("It snowed.\n", encoding="utf-8")
    with FakeOpenAI() as fake:
        fake.responder = lambda request: answer({"claims": [], "not_claims": [], "quotations": []})
        monkeypatch.setenv("FACTLINT_BASE_URL", fake.url)
        code, out, err = run(capsys, "check", "a.txt", "b.txt", "--no-cache", "--model", "m1")
    assert code == cli.ExitCode.OK and len(fake.requests) == 2 and "no findings" in out
    assert err == f"factlint: drafts are sent to m1 at {fake.url} for extraction\n"


def test_openai_base_url_is_the_endpoint_once_the_llm_is_chosen(monkeypatch: pytest.MonkeyPatch) -> None:
    from checker import config as config_mod
    from checker.extract.base import choice

    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    assert config_mod.load().base_url == "" and choice(config_mod.load()) == "offline"
    chosen = config_mod.load(extractor="llm")
    assert chosen.base_url == "http://127.0.0.1:9/v1" and choice(chosen) == "llm"
    monkeypatch.setenv("FACTLINT_EXTRACTOR", "llm")
    assert config_mod.load().base_url == "http://127.0.0.1:9/v1"


def test_a_missing_api_key_is_a_configuration_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "check", str(SEED), "--extractor", "llm")
    assert code == cli.ExitCode.USAGE and out == ""
    assert err == (
        "factlint: error: no API key: set $OPENAI_API_KEY, or set base_url for a local OpenAI-compatible server\n"
    )


# --- 6. --stdin-filename --------------------------------------------------------------------------------


def test_stdin_filename_chooses_the_format_and_the_path_shown(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    draft = b"```\nPolice said 30 prisoners escaped. Officials said 42 prisoners escaped.\n```\n\nIt rained.\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(draft), encoding="utf-8"))
    code, out, _ = run(capsys, "check", "-", "--stdin-filename", "news/draft.md", "--format", "json")
    [file] = json.loads(out)["files"]
    assert code == cli.ExitCode.OK and file["path"] == "news/draft.md" and file["format"] == "markdown"
    assert file["findings"] == []  # the code block is not prose
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(draft), encoding="utf-8"))
    code, out, _ = run(capsys, "check", "-", "--format", "json")
    assert code == cli.ExitCode.FINDINGS and json.loads(out)["files"][0]["format"] == "text"


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_stdin_has_one_name_in_every_format(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    """Stdin is '-' in every report, as in ruff's, and ``--stdin-filename`` names it in every report."""
    for named, shown in (([], "-"), (["--stdin-filename", "news/draft.txt"], "news/draft.txt")):
        stdin = io.TextIOWrapper(io.BytesIO(b"Sources said 12 people were arrested."), encoding="utf-8")
        monkeypatch.setattr(sys, "stdin", stdin)
        code, out, _ = run(capsys, "check", "-", *named, "--format", fmt, "--fail-on", "warning")
        # the working directory (SARIF's originalUriBaseIds), a folder pytest names after this test, aside
        assert code == cli.ExitCode.FINDINGS and "stdin" not in out.replace(Path.cwd().as_uri(), "")
        marks = ("\n", "=", '"', "`", ">", " ")
        assert any(mark + shown + end in "\n" + out for mark in marks for end in (",", '"', "`", "<", " "))


def test_stdin_filename_alone_reads_stdin_and_beside_files_is_a_note(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """As in ruff, ``--stdin-filename`` with no PATH reads stdin; with paths but no '-' a note says it is unused."""
    (tmp_path / "pyproject.toml").write_text('[tool.factlint]\npaths = ["drafts"]\n', encoding="utf-8")
    shutil.copy(SEED, tmp_path / "seed.txt")
    for argv in (["--stdin-filename", "news/a.txt"], ["baseline", "--stdin-filename", "news/a.txt", "-o", "b.json"]):
        stdin = io.TextIOWrapper(io.BytesIO(b"Sources said 12 people were arrested."), encoding="utf-8")
        monkeypatch.setattr(sys, "stdin", stdin)
        command = ["check", "--format", "json", *argv] if argv[0] != "baseline" else argv
        code, out, err = run(capsys, *command)
        assert code == cli.ExitCode.OK and err.count("\n") <= 1 and "error" not in err
        if argv[0] != "baseline":
            assert [f["path"] for f in json.loads(out)["files"]] == ["news/a.txt"]
    assert [f["path"] for f in json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))["findings"]] == [
        "news/a.txt"
    ]
    code, out, err = run(capsys, "check", "seed.txt", "--stdin-filename", "news/a.txt")
    assert code == cli.ExitCode.FINDINGS and out.startswith("seed.txt ")
    assert err == "factlint: --stdin-filename is not used: no PATH is '-' (add '-' to read stdin)\n"


def test_stdin_filename_with_force_exclude_skips_an_excluded_name(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"40 tests added."), encoding="utf-8"))
    code, out, _ = run(capsys, "check", "-", "--stdin-filename", "CHANGELOG.md", "--force-exclude", "-q")
    assert code == cli.ExitCode.OK and out == ""


def test_force_exclude_leaving_nothing_is_not_an_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("40 people were killed.\n", encoding="utf-8")
    code, out, err = run(capsys, "check", "README.md", "--force-exclude")
    assert code == cli.ExitCode.OK and "in 0 files" in out and "no drafts to check" in err
    code, out, err = run(capsys, "check", "README.md", "--fail-on", "warning")  # named: checked as named
    assert code == cli.ExitCode.FINDINGS and "README.md" in out


# --- 7. config paths and baseline are relative to the config file ---------------------------------------


def test_config_paths_and_baseline_resolve_from_the_config_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "a.txt").write_text("Sources said 12 people were arrested.", encoding="utf-8")
    (tmp_path / ".factlint.toml").write_text(
        'paths = ["drafts"]\nbaseline = "accepted.json"\nfail-on = "warning"\nextractor = "offline"\n',
        encoding="utf-8",
    )
    assert run(capsys, "baseline", "-o", "accepted.json")[0] == cli.ExitCode.OK
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    code, out, err = run(capsys, "check", "--format", "json")
    assert code == cli.ExitCode.OK, err
    assert [f["path"] for f in json.loads(out)["files"]] == ["../drafts/a.txt"]
    assert "1 accepted finding in ../accepted.json not shown" in err


def test_config_file_option_takes_a_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "conf").mkdir()
    (tmp_path / "conf" / "factlint.toml").write_text('ignore = ["FL1", "FL2"]\n', encoding="utf-8")
    (tmp_path / "conf" / "pyproject.toml").write_text('[tool.factlint]\nselect = ["FL203"]\n', encoding="utf-8")
    _, out, _ = run(capsys, "check", str(SEED), "--config", "conf/factlint.toml", "--format", "json")
    assert json.loads(out)["files"][0]["findings"] == []
    _, out, _ = run(capsys, "check", str(SEED), "--config", "conf/pyproject.toml", "--format", "json")
    assert {f["code"] for f in json.loads(out)["files"][0]["findings"]} == {"FL203"}
    code, _, err = run(capsys, "check", str(SEED), "--config", "conf/nope.toml")
    assert code == cli.ExitCode.USAGE and "no such file" in err


# --- 8. habits from ruff, flake8 and eslint -------------------------------------------------------------


def test_short_version_flag(capsys: pytest.CaptureFixture[str]) -> None:
    from checker import __version__

    assert run(capsys, "-V") == (0, f"factlint {__version__}\n", "")


def test_quiet_prints_findings_only(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "clean.txt").write_text("It rained.\n", encoding="utf-8")
    _, out, _ = run(capsys, "check", "clean.txt", str(SEED), "-q")
    assert "FL103" in out and "clean.txt" not in out and " in 2 files" not in out
    _, out, _ = run(capsys, "check", "clean.txt", str(SEED))
    assert "clean.txt" in out and " in 2 files" in out


def test_statistics_counts_findings_per_code(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "check", str(SEED), "--format", "json")
    expected: dict[str, int] = {}
    for finding in json.loads(out)["files"][0]["findings"]:
        expected[finding["code"]] = expected.get(finding["code"], 0) + 1
    code, out, _ = run(capsys, "check", str(SEED), "--statistics")
    rows = [line.split("\t") for line in out.splitlines()]
    assert code == cli.ExitCode.FINDINGS
    assert {c: int(n) for n, c, _ in rows} == expected
    assert [int(n) for n, _, _ in rows] == sorted((int(n) for n, _, _ in rows), reverse=True)
    _, out, _ = run(capsys, "check", str(SEED), "--statistics", "--format", "JSON")
    assert {row["code"]: row["count"] for row in json.loads(out)} == expected


@pytest.mark.parametrize(
    ("argv", "env", "coloured"),
    [
        ([], {}, False),  # not a terminal
        ([], {"FORCE_COLOR": "1"}, True),
        ([], {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
        (["--no-color"], {"FORCE_COLOR": "1"}, False),
        (["--color", "always"], {"NO_COLOR": "1"}, True),
        ([], {"NO_COLOR": ""}, False),  # an empty NO_COLOR is unset
    ],
)
def test_colour_flags_and_variables(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
    env: dict[str, str],
    coloured: bool,
) -> None:
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    _, out, _ = run(capsys, "check", str(SEED), *argv)
    assert ("\x1b[" in out) is coloured


def test_format_names_are_case_insensitive(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "check", str(SEED), "--format", "JSON", "--output", f"SARIF={tmp_path / 'r.sarif'}")
    assert code == cli.ExitCode.FINDINGS and json.loads(out)["schema_version"] == 1
    assert json.loads((tmp_path / "r.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"


def test_every_choice_flag_takes_any_case(capsys: pytest.CaptureFixture[str]) -> None:
    """--format JSON is taken, so --fail-on WARNING, --min-severity Warning, --color NEVER and --extractor
    OFFLINE are too (each means what its lower-case spelling means); a wrong word is still refused."""
    lower = run(capsys, "check", str(SEED), "--fail-on", "warning", "--min-severity", "warning", "--color", "never")
    upper = run(capsys, "check", str(SEED), "--fail-on", "WARNING", "--min-severity", "Warning", "--color", "NEVER",
                "--extractor", "OFFLINE")  # fmt: skip
    assert upper == lower and lower[0] == cli.ExitCode.FINDINGS and "INFO" not in lower[1]
    code, _, err = run(capsys, "check", str(SEED), "--fail-on", "WARN")
    assert code == cli.ExitCode.USAGE and "invalid choice: 'warn'" in err


def test_findings_hidden_by_min_severity_do_not_fail_and_the_run_says_so(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """As in Vale and eslint's --quiet, a finding left out of the report does not fail the run: warnings only,
    --min-severity error --fail-on warning exits 0, and a note says the --fail-on level catches nothing more."""
    draft = tmp_path / "w.txt"
    draft.write_text("Sources said 300 people were evacuated on Monday.\n", encoding="utf-8")
    assert run(capsys, "check", str(draft), "--fail-on", "warning")[0] == cli.ExitCode.FINDINGS
    code, out, err = run(capsys, "check", str(draft), "--min-severity", "error", "--fail-on", "warning")
    assert code == cli.ExitCode.OK and "FL202" not in out
    assert "fail_on warning is below min_severity error" in err
    assert run(capsys, "check", str(draft), "--min-severity", "error", "--fail-on", "warning", "-q")[2] == ""
    assert run(capsys, "check", str(draft), "--min-severity", "warning", "--fail-on", "warning")[2] == ""


def _drafts(folder: Path) -> None:
    for name in ("drafts/wire/a.md", "drafts/b.md", "drafts/README.md"):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text("Sources said 300 people were evacuated on Monday.\n", encoding="utf-8")


def _checked(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, list[str]]:
    code, out, err = run(capsys, "check", "drafts", "--format", "json", *argv)
    assert code == cli.ExitCode.OK, err
    return {f["path"]: [x["code"] for x in f["findings"]] for f in json.loads(out)["files"]}


def test_exclude_and_per_file_ignores_flags_map_onto_their_settings(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """As in ruff: --exclude replaces the config's exclude (the default's README* too), --extend-exclude adds to
    the config's extend-exclude, --per-file-ignores GLOB:CODES replaces its per-file-ignores."""
    _drafts(tmp_path)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.factlint]\nextend-exclude = ["b.md"]\n[tool.factlint.per-file-ignores]\n"README.md" = ["FL2"]\n',
        encoding="utf-8",
    )
    assert _checked(capsys) == {"drafts/wire/a.md": ["FL202"]}
    code, _, err = run(capsys, "check", "drafts", "--extend-exclude", "wire/*")  # b.md stays excluded: it adds
    assert code == cli.ExitCode.USAGE and "drafts: no drafts found" in err
    assert _checked(capsys, "--exclude", "wire/*") == {"drafts/README.md": []}
    assert _checked(capsys, "--exclude", "wire/*", "--per-file-ignores", "x:FL1") == {"drafts/README.md": ["FL202"]}
    assert _checked(capsys, "--per-file-ignores", "drafts/wire/*:vague-attribution,FL203") == {"drafts/wire/a.md": []}
    code, _, err = run(capsys, "check", "drafts", "--per-file-ignores", "wire/*")
    assert code == cli.ExitCode.USAGE and "--per-file-ignores 'wire/*': expected GLOB:CODES" in err
    code, _, err = run(capsys, "check", "drafts", "--per-file-ignores", "x:FL9")
    assert code == cli.ExitCode.USAGE and err.startswith("factlint: error: command line: --per-file-ignores 'x'")


def test_isolated_reads_no_config_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """ruff's --isolated: the defaults, the environment and the flags only; with --config it is a usage error."""
    _drafts(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[tool.factlint]\nignore = ["FL2"]\n', encoding="utf-8")
    assert _checked(capsys) == {"drafts/b.md": [], "drafts/wire/a.md": []}
    assert _checked(capsys, "--isolated") == {"drafts/b.md": ["FL202"], "drafts/wire/a.md": ["FL202"]}
    code, _, err = run(capsys, "check", "drafts", "--isolated", "--config", "pyproject.toml")
    assert code == cli.ExitCode.USAGE and "--config and --isolated" in err
    code, _, _ = run(capsys, "baseline", "drafts", "--isolated", "--extend-exclude", "b.md", "-o", "b.json")
    assert code == 0 and [f["path"] for f in json.loads((tmp_path / "b.json").read_text())["findings"]] == [
        "drafts/wire/a.md"
    ]


@pytest.mark.parametrize("jobs", ["1", "2"])  # 2: the workers render each draft's part (markdown.part)
def test_markdown_quiet_has_only_the_drafts_with_findings(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, jobs: str
) -> None:
    _drafts(tmp_path)
    (tmp_path / "drafts" / "clean.md").write_text("Nothing to count here.\n", encoding="utf-8")
    code, out, _ = run(capsys, "check", "drafts", "-f", "markdown", "-q", "-j", jobs, "--fail-on", "never")
    assert code == 0 and "### factlint" not in out and "No findings." not in out and "clean.md" not in out
    assert out.count("#### ") == 2
    assert run(capsys, "check", "drafts/clean.md", "-f", "markdown", "-q", "-j", jobs)[1] == ""


def test_rules_takes_a_prefix_or_a_rule_name(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules", "FL1")
    codes = [line.split()[0] for line in out.splitlines()]
    assert code == 0 and codes == ["FL101", "FL102", "FL103", "FL104", "FL105", "FL106", "FL107"]
    code, out, _ = run(capsys, "rules", "vague-attribution")
    assert code == 0 and out.startswith("FL202 vague-attribution (warning)") and "fires:" in out


def test_rules_shows_the_level_the_config_gives_and_says_it_is_overridden(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """``factlint rules`` shows the level a run from here reports a rule at: ``[severity]`` over the default,
    marked and explained (as ``eslint --print-config`` shows the resolved config); ``--config`` reads another."""
    (tmp_path / "pyproject.toml").write_text(
        '[tool.factlint.severity]\nFL202 = "error"\nquotation-without-speaker = "info"\n', encoding="utf-8"
    )
    code, out, _ = run(capsys, "rules", "FL2")
    lines = out.splitlines()
    levels = {line.split()[0]: line.split()[1] for line in lines[:3]}
    assert code == 0 and levels == {"FL201": "warning", "FL202": "error*", "FL203": "info*"}
    assert lines[3:] == [
        "* FL202 vague-attribution: error, set by the config's [severity] (its default: warning)",
        "* FL203 quotation-without-speaker: info, set by the config's [severity] (its default: warning)",
    ]
    code, out, _ = run(capsys, "rules", "vague-attribution")
    head = "FL202 vague-attribution (error, set by the config's [severity]; default warning)\n"
    assert code == 0 and out.startswith(head)
    code, out, _ = run(capsys, "rules", "FL201")
    assert code == 0 and out.startswith("FL201 unattributed-figure (warning)\n")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "pyproject.toml").write_text("[tool.factlint]\n", encoding="utf-8")
    code, out, _ = run(capsys, "rules", "FL202", "--config", "elsewhere/pyproject.toml")  # no [severity]: defaults
    assert code == 0 and out.startswith("FL202 vague-attribution (warning)\n")
    (tmp_path / "pyproject.toml").write_text('[tool.factlint.severity]\nFL2 = "error"\n', encoding="utf-8")
    code, _, err = run(capsys, "rules")
    assert code == cli.ExitCode.USAGE and "severity: unknown rule 'FL2'" in err


def test_rules_shows_which_rules_the_config_turns_off(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """As ``ruff rule --all`` shows each rule's state, ``factlint rules`` marks the rules the config's select /
    ignore leave out (``off``), and lists per-file-ignores, which depend on the draft; ``--config`` reads another."""
    (tmp_path / "pyproject.toml").write_text(
        '[tool.factlint]\nignore = ["FL2"]\nextend-select = ["FL202"]\n[tool.factlint.per-file-ignores]\n'
        '"wire/*" = ["FL1"]\n',
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "rules")
    lines = out.splitlines()
    levels = {line.split()[0]: line.split()[1] for line in lines if line.startswith("FL")}
    assert code == 0 and levels["FL201"] == levels["FL203"] == "off" and levels["FL202"] == "warning"
    assert levels["FL101"] == "error"  # per-file-ignores turn nothing off everywhere
    config = str(tmp_path / "pyproject.toml")
    assert f"off: FL201 unattributed-figure, FL203 quotation-without-speaker: not selected by {config}" in out
    assert "per-file-ignores: FL1 off for drafts matching 'wire/*'" in lines
    code, out, _ = run(capsys, "rules", "FL203")
    assert out.startswith(f"FL203 quotation-without-speaker (off, not selected by {config}; when selected: warning)")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / ".factlint.toml").write_text('select = ["FL203"]\n', encoding="utf-8")
    code, out, _ = run(capsys, "rules", "--config", "elsewhere")
    levels = {line.split()[0]: line.split()[1] for line in out.splitlines() if line.startswith("FL")}
    assert [c for c, level in levels.items() if level != "off"] == ["FL203"]
    (tmp_path / "sub").mkdir()
    (tmp_path / "pyproject.toml").write_text('[tool.factlint.per-file-ignores]\n"sub/w/*" = ["FL2"]\n', "utf-8")
    os.chdir(tmp_path / "sub")  # the config's glob naming a path comes as seen from here too: on one line
    code, out, _ = run(capsys, "rules")
    os.chdir(tmp_path)
    assert [line for line in out.splitlines() if "per-file" in line] == [
        "per-file-ignores: FL2 off for drafts matching 'sub/w/*' or 'w/*'"
    ]
    code, out, _ = run(capsys, "rules", "--isolated")  # as check --isolated: no config file
    assert code == 0 and " off " not in out and "per-file-ignores" not in out


@pytest.mark.parametrize(
    ("table", "said"),
    [
        ('[tool.factlint]\nselect = ["FL9"]\n', "unknown rule selector 'FL9'"),
        ('[tool.factlint]\nextend-ignore = ["quotation-with-no-speaker"]\n', "unknown rule selector"),
        ('[tool.factlint.per-file-ignores]\n"*.txt" = ["FL77"]\n', "per-file-ignores '*.txt': unknown rule"),
        ('[tool.factlint.severity]\nFL999 = "error"\n', "severity: unknown rule 'FL999'"),
    ],
)
def test_an_unknown_rule_in_a_config_file_names_the_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, table: str, said: str
) -> None:
    """As every other error in a config file does (a project may hold a pyproject.toml and a .factlint.toml), and
    the codes it lists are sorted; a selector on the command line says so instead."""
    config = tmp_path / "sub" / ".factlint.toml"
    config.parent.mkdir()
    config.write_text(table.replace("[tool.factlint]\n", "").replace("tool.factlint.", ""), encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text("[tool.factlint]\n", encoding="utf-8")
    (config.parent / "a.txt").write_text("No figures.\n", encoding="utf-8")
    for argv in (["check", "sub/a.txt", "--config", "sub"], ["rules", "--config", str(config)]):
        code, _, err = run(capsys, *argv)
        assert code == cli.ExitCode.USAGE and err.startswith(f"factlint: error: {config}: ") and said in err
        assert "FL101, FL102, FL103, FL104, FL105, FL106, FL107, FL201, FL202, FL203, FL301)\n" in err
    code, _, err = run(capsys, "check", "sub/a.txt", "--select", "FL9")
    assert code == cli.ExitCode.USAGE and err.startswith("factlint: error: command line: unknown rule selector")


def test_repeated_select_accumulates(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "check", str(SEED), "--format", "json", "--select", "FL101", "--select", "FL202,FL203")
    assert {f["code"] for f in json.loads(out)["files"][0]["findings"]} == {"FL101", "FL202", "FL203"}
    _, out, _ = run(capsys, "check", str(SEED), "--format", "json", "--ignore", "FL1", "--ignore", "FL2")
    assert json.loads(out)["files"][0]["findings"] == []


def test_text_output_never_breaks_a_line_inside_a_word(capsys: pytest.CaptureFixture[str]) -> None:
    """Long findings stay one line each (the terminal may fold them; factlint never cuts a word)."""
    _, out, _ = run(capsys, "check", str(SEED), "--format", "json")
    messages = [f["message"] for f in json.loads(out)["files"][0]["findings"]]
    assert any(len(m) > 80 for m in messages)
    _, text, _ = run(capsys, "check", str(SEED))
    lines = text.splitlines()
    for message in messages:
        assert any(line.endswith(message) or message in line for line in lines), message


# --- 3. progress of an LLM run ----------------------------------------------------------------------------


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _llm_run(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    stderr: io.StringIO | None,
    *flags: str,
) -> tuple[int, str]:
    from tests.fake_openai import FakeOpenAI, answer

    (tmp_path / "a.txt").write_text("It rained.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("It snowed.\n", encoding="utf-8")
    if stderr is not None:
        monkeypatch.setattr(sys, "stderr", stderr)
    monkeypatch.setattr("checker.progress.Progress.__init__.__defaults__", (None, "off", 0.2))
    with FakeOpenAI() as fake:
        fake.responder = lambda request: answer({"claims": [], "not_claims": [], "quotations": []}, delay=0.7)
        code = cli.main(["check", "a.txt", "b.txt", "--no-cache", "--base-url", fake.url, "--model", "m", *flags])
    err = stderr.getvalue() if stderr is not None else capsys.readouterr().err
    return code, err


def test_progress_on_a_terminal_shows_draft_call_and_wait(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    code, err = _llm_run(capsys, monkeypatch, tmp_path, _Terminal())
    assert code == cli.ExitCode.OK
    assert "factlint: [1/2] a.txt: 0/1 chunks, 1 call waiting on" in err
    assert "factlint: [2/2] b.txt: 0/1 chunks, 1 call waiting on" in err
    assert "(1 s)" in err  # redrawn while the endpoint is silent
    assert err.endswith("\r\x1b[2K")  # the status line is erased at the end


def test_progress_is_quiet_off_a_terminal_unless_verbose(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _, err = _llm_run(capsys, monkeypatch, tmp_path, None)
    assert err.count("\n") == 1 and "drafts are sent to" in err  # the endpoint notice only
    _, err = _llm_run(capsys, monkeypatch, tmp_path, None, "-v")
    assert "factlint: [2/2] b.txt: chunk 1/1, call 1: waiting on" in err and "\r" not in err
    assert "factlint: [2/2] b.txt: chunk 1/1, call 1: answered in 0." in err
    _, err = _llm_run(capsys, monkeypatch, tmp_path, _Terminal(), "-q")
    assert err == ""


# --- 10. the README's LLM recipes, against the fake server ----------------------------------------------


def _recipe(comment: str) -> list[str]:
    import re
    import shlex

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(rf"^# {comment}.*?\n(?:export .*\n)?(factlint check .*)$", readme, re.M)
    assert block, comment
    return shlex.split(block.group(1))[1:]


@pytest.mark.parametrize(
    ("comment", "path", "key_var"),
    [("Ollama", "/v1/chat/completions", ""), ("Azure OpenAI", "/openai/v1/chat/completions", "AZURE_OPENAI_API_KEY")],
)
def test_readme_llm_recipes_reach_the_endpoint_they_name(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    comment: str,
    path: str,
    key_var: str,
) -> None:
    from urllib.parse import urlsplit

    from tests.fake_openai import FakeOpenAI, answer

    (tmp_path / "draft.md").write_text("It rained.\n", encoding="utf-8")
    argv = _recipe(comment)
    at = argv.index("--base-url") + 1
    model = argv[argv.index("--model") + 1]
    if key_var:
        monkeypatch.setenv(key_var, "azure-test-key-1234")
    with FakeOpenAI() as fake:
        fake.responder = lambda request: answer({"claims": [], "not_claims": [], "quotations": []})
        argv[at] = fake.url.removesuffix("/v1") + urlsplit(argv[at]).path
        code, out, err = run(capsys, *argv, "--no-cache")
    assert code == cli.ExitCode.OK, err
    [request] = fake.requests
    assert request.path == path and request.body["model"] == model
    if key_var:
        assert request.headers["authorization"] == "Bearer azure-test-key-1234"
    assert f"drafts are sent to {model} at" in err and "no findings" in out


def test_factlint_base_url_beats_openai_base_url(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.fake_openai import FakeOpenAI, answer

    (tmp_path / "a.txt").write_text("It rained.\n", encoding="utf-8")
    with FakeOpenAI() as fake:
        fake.responder = lambda request: answer({"claims": [], "not_claims": [], "quotations": []})
        monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")  # nothing listens: a call would fail
        monkeypatch.setenv("FACTLINT_BASE_URL", fake.url)
        code, _, err = run(capsys, "check", "a.txt", "--extractor", "llm", "--no-cache")
    assert code == cli.ExitCode.OK and len(fake.requests) == 1 and fake.url in err
    monkeypatch.setenv("OPENAI_MODEL", "openai-model")
    monkeypatch.setenv("FACTLINT_MODEL", "factlint-model")
    from checker import config as config_mod

    assert config_mod.load(extractor="llm").model == "factlint-model"


def test_the_environment_is_read_only_through_load(monkeypatch: pytest.MonkeyPatch) -> None:
    from checker import config as config_mod

    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-not-a-real-key-1234")
    monkeypatch.setenv("FACTLINT_BASE_URL", "http://127.0.0.1:9/v1")
    empty = config_mod.load(environ={})
    assert empty.api_key == "" and empty.base_url == "" and not empty.llm_configured
    given = config_mod.load(environ={"OPENAI_API_KEY": "sk-given"})
    assert given.api_key == "sk-given" and "sk-given" not in repr(given)
    assert config_mod.load().api_key == "sk-test-not-a-real-key-1234"


def test_sarif_lists_each_rule_at_the_level_the_config_gives_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """``[severity]`` changes a rule's ``defaultConfiguration.level`` as it changes its results' levels."""
    jsonschema = pytest.importorskip("jsonschema")
    schema_file = ROOT.parent / "shared" / "schemas" / "sarif-2.1.0.json"
    if not schema_file.is_file():
        pytest.skip(f"the official SARIF schema is not at {schema_file}")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.factlint.severity]\nFL202 = "error"\nquotation-without-speaker = "info"\n', encoding="utf-8"
    )
    (tmp_path / "a.txt").write_text("Sources said 12 people were arrested.\n", encoding="utf-8")
    code, out, _ = run(capsys, "check", "a.txt", "--format", "sarif")
    data = json.loads(out)
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    assert list(jsonschema.validators.validator_for(schema)(schema).iter_errors(data)) == []
    run_ = data["runs"][0]
    levels = {rule["id"]: rule["defaultConfiguration"]["level"] for rule in run_["tool"]["driver"]["rules"]}
    assert code == cli.ExitCode.FINDINGS and [r["level"] for r in run_["results"]] == ["error"]
    assert (levels["FL202"], levels["FL203"], levels["FL201"], levels["FL101"]) == ("error", "note", "warning", "error")


def test_an_empty_directory_beside_drafts_hides_no_report(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """It is FL001 in every report and exit 2, like an unreadable draft; the drafts beside it are reported."""
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive" / "notes.docx").write_text("40 people were killed.\n", encoding="utf-8")
    shutil.copy(SEED, tmp_path / "good.txt")
    code, out, err = run(capsys, "check", "good.txt", "archive", "--format", "json", "--output", "sarif=out.sarif")
    files = {file["path"]: file for file in json.loads(out)["files"]}
    assert code == cli.ExitCode.USAGE and list(files) == ["good.txt", "archive"]
    assert files["good.txt"]["findings"] and [f["code"] for f in files["archive"]["findings"]] == ["FL001"]
    assert err == "factlint: error: archive: no drafts found in this directory (none of its files matches include)\n"
    results = json.loads((tmp_path / "out.sarif").read_text(encoding="utf-8"))["runs"][0]["results"]
    assert "FL001" in {r["ruleId"] for r in results} and len(results) > 1
    code, out, err = run(capsys, "check", "archive", "--exit-zero")  # alone: nothing to report, a usage error
    assert code == cli.ExitCode.USAGE and out == "" and "archive: no drafts found (include: *.md" in err


@pytest.mark.parametrize(("encoding", "bom"), [("utf-8-sig", ""), ("utf-16", ""), ("utf-8", "\ufeff")])
def test_json_offsets_index_the_text_after_its_byte_order_mark(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, encoding: str, bom: str
) -> None:
    """As the README says: the BOM is not counted (a BOM draft's first letter is offset 0, column 1), CRLF is."""
    written = bom + "Police said 30 prisoners escaped.\r\nOfficials said 42 prisoners escaped.\r\n"
    (tmp_path / "bom.txt").write_bytes(written.encode(encoding))
    code, out, _ = run(capsys, "check", "bom.txt", "--format", "json")
    [file] = json.loads(out)["files"]
    with open(tmp_path / "bom.txt", encoding="utf-8-sig" if encoding == "utf-8" else encoding, newline="") as f:
        text = f.read()
    lines = text.split("\n")
    spans = [claim["figure_span"] for claim in file["claims"]]
    assert code == cli.ExitCode.FINDINGS and [text[s["start"] : s["end"]] for s in spans] == ["30", "42"]
    assert [lines[s["line"] - 1][s["column"] - 1 : s["end_column"] - 1] for s in spans] == ["30", "42"]
    assert spans[0]["column"] == 13 and spans[1]["start"] == text.index("42")
