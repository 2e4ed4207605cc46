"""The command line through ``main(argv)``: reports, exit codes, and bad input handled in one line."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from checker import cli

ROOT = Path(__file__).parents[2]
SEED = str(ROOT / "examples" / "al-khalis.txt")


@pytest.fixture(autouse=True)
def _offline(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "FACTLINT_BASE_URL", "FACTLINT_EXTRACTOR"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.chdir(tmp_path)  # no config file from the repo


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_seed_text_report(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "check", SEED)
    assert code == cli.ExitCode.FINDINGS and err == ""
    assert "offline pattern extractor" in out
    assert "FL103" in out and "“twelve Iraqi policemen were killed”" in out and "six members of the security" in out
    assert "FL203" in out and "Fifty prisoners and twelve Iraqi policemen were killed" in out
    assert "this piece of news" in out
    assert "FL101" in out and "“42 prisoners escaped”" in out


def test_seed_json_report(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", SEED, "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert data["schema_version"] == 1 and data["tool"]["name"] == "factlint"
    [file] = data["files"]
    claims = {c["id"]: c for c in file["claims"]}
    subset = [
        f
        for f in file["findings"]
        if f["code"] == "FL103" and {claims[i]["figure"] for i in f["claims"]} == {"twelve", "six"}
    ]
    assert subset and subset[0]["severity"] == "error"
    assert subset[0]["location"]["line"] == 1 and subset[0]["location"]["column"] == 22
    assert any(claims[i]["quote"] == "twelve Iraqi policemen were killed" for i in subset[0]["claims"])
    vague = [f for f in file["findings"] if f["code"] == "FL202"]
    assert {claims[f["claims"][0]]["source"]["name"] for f in vague} == {"this piece of news"}
    assert file["summary"]["error"] >= 5


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "binary file"),
        (b"Forty \xff people died.", "not UTF-8 text (invalid byte 0xff at offset 6)"),
        (b"\xef\xbb\xbfForty \xff people died.", "not UTF-8 text (invalid byte 0xff at offset 9)"),  # BOM counted
    ],
)
def test_bad_input_is_one_line_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "draft.txt"
    path.write_bytes(content)
    code, out, err = run(capsys, "check", str(path))
    assert code == cli.ExitCode.USAGE and f"FL001 1:1     {message.split(' (')[0]}" in out.replace("looks like a ", "")
    assert err.count("\n") == 1 and message in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["check", "."], "no drafts found"),
        (["check", SEED, "--format", "yaml"], "unknown format 'yaml'"),
        (["check", SEED, "--output", "json"], "expected FORMAT=PATH"),
        (["check", SEED, "--fail-on", "sometimes"], "invalid choice"),
        # not '.' as in ruff: a newsroom's repository holds Markdown that is no draft; the message says what to do
        (["check"], "no 'paths' in the configuration: name the drafts (drafts/, or . for every"),
        (["rules", "FL999"], "no rule 'FL999'"),
    ],
)
def test_usage_errors(capsys: pytest.CaptureFixture[str], argv: list[str], message: str) -> None:
    code, out, err = run(capsys, *argv)
    assert code == cli.ExitCode.USAGE
    assert message in err and err.count("\n") == 1 and out == ""


def test_a_glob_factlint_was_given_unexpanded_says_so(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("Twelve people died.\n", encoding="utf-8")
    code, _, err = run(capsys, "check", "*.md")  # quoted in a script: the shell left it alone
    assert code == cli.ExitCode.USAGE
    assert err == "factlint: error: *.md: no such file (globs are not expanded: name the folder, or unquote it)\n"


@pytest.mark.parametrize("content", ["", "\n\n", "The council met on Tuesday and agreed to meet again."])
def test_empty_or_figure_free_draft_is_clean(capsys: pytest.CaptureFixture[str], tmp_path: Path, content: str) -> None:
    path = tmp_path / "draft.txt"
    path.write_text(content, encoding="utf-8")
    code, out, _ = run(capsys, "check", str(path))
    assert code == cli.ExitCode.OK and "no findings" in out


def test_stdin(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(b"Sources said 12 people were arrested."), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    code, out, _ = run(capsys, "check", "-", "--fail-on", "warning")
    assert code == 1 and "FL202" in out and out.startswith("-")


def test_paths_may_come_between_options_as_in_ruff(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Forty people were injured in the blast.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Police said 50 people were killed. Later, police said 35 were killed.", "utf-8")
    (tmp_path / "-c.txt").write_text("No figures here.", encoding="utf-8")
    code, out, err = run(capsys, "check", "a.txt", "--format", "json", "b.txt", "-q", "-o", "sarif=x.sarif", "-c.txt")
    assert code == 2 and "unrecognized arguments: -c.txt" in err  # a name like an option still needs "--"
    code, out, err = run(capsys, "check", "a.txt", "--format", "json", "b.txt", "-q", "-o", "sarif=x.sarif")
    assert code == cli.ExitCode.FINDINGS and err == "" and (tmp_path / "x.sarif").exists()
    assert [f["path"] for f in json.loads(out)["files"]] == ["a.txt", "b.txt"]
    code, out, _ = run(capsys, "check", "--format", "json", "--", "-c.txt")
    assert code == cli.ExitCode.OK and [f["path"] for f in json.loads(out)["files"]] == ["-c.txt"]
    # after "--", everything is a path (ruff's and eslint's habit), with paths and options before it too
    code, out, err = run(capsys, "check", "a.txt", "--format", "json", "-q", "--", "b.txt", "-c.txt", "--exit-zero")
    assert code == cli.ExitCode.USAGE and err == "factlint: error: --exit-zero: no such file\n"
    assert [f["path"] for f in json.loads(out)["files"]] == ["a.txt", "b.txt", "-c.txt", "--exit-zero"]
    assert run(capsys, "baseline", "a.txt", "-o", "both.json", "-q", "--", "b.txt")[0] == cli.ExitCode.OK
    assert {f["path"] for f in json.loads((tmp_path / "both.json").read_text(encoding="utf-8"))["findings"]} == {
        "a.txt",
        "b.txt",
    }
    assert run(capsys, "baseline", "a.txt", "-o", "base.json", "b.txt", "-q")[0] == cli.ExitCode.OK
    accepted = json.loads((tmp_path / "base.json").read_text(encoding="utf-8"))["findings"]
    assert {f["path"] for f in accepted} == {"a.txt", "b.txt"}


def test_fail_on_levels(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "draft.txt"
    path.write_text("Forty people were injured in the blast.", encoding="utf-8")  # one warning, no errors
    assert run(capsys, "check", str(path))[0] == 0  # default --fail-on error
    assert run(capsys, "check", str(path), "--fail-on", "warning")[0] == 1
    assert run(capsys, "check", SEED, "--fail-on", "never")[0] == 0
    assert run(capsys, "check", SEED, "--exit-zero")[0] == 0


def test_select_and_ignore(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "check", SEED, "--format", "json", "--select", "FL2")
    codes = {f["code"] for f in json.loads(out)["files"][0]["findings"]}
    assert codes and all(c.startswith("FL2") for c in codes)
    _, out, _ = run(capsys, "check", SEED, "--format", "json", "--ignore", "FL1,FL2")
    assert json.loads(out)["files"][0]["findings"] == []


def test_output_file_written_whole_and_not_on_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "out" / "report.json"
    assert run(capsys, "check", SEED, "--output", f"json={target}")[0] == 1
    assert json.loads(target.read_text(encoding="utf-8"))["schema_version"] == 1
    target.unlink()
    assert run(capsys, "check", SEED, "--format", "yaml", "--output", f"json={target}")[0] == 2
    assert not target.exists()


def test_paths_and_baseline_from_config(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "draft.txt").write_text("Sources said 12 people were arrested.", encoding="utf-8")
    (tmp_path / ".factlint.toml").write_text('paths = ["draft.txt"]\nfail-on = "warning"\n', encoding="utf-8")
    code, out, _ = run(capsys, "check")
    assert code == 1 and "FL202" in out
    assert run(capsys, "baseline", "-o", "accepted.json")[0] == 0
    with (tmp_path / ".factlint.toml").open("a", encoding="utf-8") as handle:
        handle.write('baseline = "accepted.json"\n')
    code, out, err = run(capsys, "check")
    assert code == 0 and "no findings" in out and "1 accepted finding" in err


def test_output_files_are_readable_like_any_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    import os

    old = os.umask(0o022)
    try:
        run(capsys, "check", SEED, "--output", f"json={tmp_path / 'r.json'}")
    finally:
        os.umask(old)
    assert (tmp_path / "r.json").stat().st_mode & 0o777 == 0o644


def test_unknown_config_key_names_the_key(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / ".factlint.toml").write_text('extractor = "offline"\ncolour = "red"\n', encoding="utf-8")
    code, _, err = run(capsys, "check", SEED)
    assert code == 2 and "unknown key 'colour'" in err


def test_internal_error_is_one_line(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("kaput")

    monkeypatch.setattr("checker.pipeline.check_document", boom)
    code, _, err = run(capsys, "check", SEED)
    assert code == cli.ExitCode.INTERNAL and "internal error: RuntimeError: kaput" in err and err.count("\n") == 1


def test_rules_command(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules")
    assert code == 0 and all(f"FL{n}" in out for n in (101, 102, 103, 104, 105, 106, 107, 201, 202, 203, 301))
    code, out, _ = run(capsys, "rules", "fl103")
    assert code == 0 and "subset-larger-than-superset" in out and "fires:" in out and "silent:" in out


def test_rules_explains_fl001_which_every_report_may_show(capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("FL001", "unreadable-file"):
        code, out, err = run(capsys, "rules", name)
        assert code == 0 and err == "" and out.startswith("FL001 unreadable-file (error)") and "UTF-8" in out
    assert "FL001" not in run(capsys, "rules")[1]  # not listed among the rules


@pytest.mark.parametrize(
    "config",
    [
        "[tool.factlint\nselect = []\n",  # bad TOML
        "[tool.factlint]\nfail-on-warnings = true\n",  # unknown key
        '[tool.factlint.severity]\nFL101 = "loud"\n',  # bad severity
        '[tool.factlint.severity]\nFL1 = "info"\n',  # a severity for no rule (a prefix)
        '[tool.factlint]\nselect = ["FL9"]\n',  # a selector matching no rule
        b"\xff\xfe[tool.factlint]\n",  # not UTF-8
    ],
)
def test_rules_with_a_broken_config_says_what_check_says(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, config: str | bytes
) -> None:
    """``factlint rules`` (all, or one) reads the config as ``check`` does: the same one line, exit 2."""
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_bytes(config if isinstance(config, bytes) else config.encode())
    (tmp_path / "a.txt").write_text("No figures.\n", encoding="utf-8")
    code, out, err = run(capsys, "check", "a.txt")
    assert code == cli.ExitCode.USAGE and out == "" and err.startswith("factlint: error: ") and err.count("\n") == 1
    for argv in (["rules"], ["rules", "FL101"], ["rules", "--config", str(pyproject)]):
        assert run(capsys, *argv) == (cli.ExitCode.USAGE, "", err), argv


def test_a_bad_directive_says_its_draft_was_not_checked_not_unreadable(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The draft was read; its directive names no rule. ``factlint rules FL001``, which the report points to,
    says so too. A binary draft still could not be read."""
    (tmp_path / "t.md").write_text("<!-- factlint-ignore vague-attribution -->\nSources said 12 were hurt.\n", "utf-8")
    (tmp_path / "b.txt").write_bytes(b"a\x00b")
    code, out, _ = run(capsys, "check", "t.md", "b.txt")
    assert code == cli.ExitCode.USAGE
    assert "t.md   not checked\n" in out and "b.txt   could not be read\n" in out
    code, out, _ = run(capsys, "check", "t.md", "--format", "html")
    assert "not checked: line 1: factlint-ignore: &#x27;vague-attribution&#x27; is not a rule code" in out
    code, out, _ = run(capsys, "rules", "FL001")
    assert code == 0 and "factlint-ignore directive" in out


def test_stdins_error_under_its_stdin_filename_says_the_reason_once(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The report names the draft ``--stdin-filename`` gives; its reason is the error's own, not the message
    with stdin's ``-: `` left in it (``drafts/a.md: -: stdin is closed``)."""
    monkeypatch.setattr(sys, "stdin", None)  # fd 0 closed: Python sets no stdin
    code, out, err = run(capsys, "check", "-", "--stdin-filename", "drafts/a.md")
    assert code == cli.ExitCode.USAGE and err == "factlint: error: drafts/a.md: stdin is closed\n"
    assert "drafts/a.md   could not be read\n" in out and "FL001 1:1     stdin is closed\n" in out


def test_a_reports_state_is_the_errors_not_its_wording() -> None:
    """Whether a draft was read comes from the error (a directive's line), not from how its reason reads."""
    from checker import file_errors
    from checker.errors import DraftError

    unread = file_errors.unreadable("line 3: a.txt", DraftError("line 3: a.txt", "line 3: cannot read: odd"))
    assert file_errors.state(unread) == "could not be read" and not unread.read
    directive = file_errors.unreadable("a.md", DraftError("a.md", "factlint-ignore: 'x' is not a rule code", 3))
    assert file_errors.state(directive) == "not checked" and directive.error.startswith("line 3: factlint-ignore")
    import pickle

    again = pickle.loads(pickle.dumps(DraftError("a.md", "why", 3)))
    assert (again.path, again.reason, again.line, str(again)) == ("a.md", "why", 3, "a.md:3: why")


def test_stderr_shows_a_file_names_controls_and_keeps_each_message_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A draft's name is text: its ESC "[2J" (a cleared screen) or "]0;…" (a window title) is shown as a symbol,
    not sent to the terminal, and a line break in it does not split the one-line error in two."""
    (tmp_path / "b\x1b[2Jad.txt").write_bytes(b"a\x00b")
    code, _, err = run(capsys, "check", "b\x1b[2Jad.txt", "nl\nname\x1b]0;x\x07.txt", "--format", "json")
    assert code == cli.ExitCode.USAGE and "\x1b" not in err and "\x07" not in err
    assert err.splitlines() == [
        "factlint: error: b\u241b[2Jad.txt: looks like a binary file (NUL byte at offset 1)",
        "factlint: error: nl\u240aname\u241b]0;x\u2407.txt: no such file",
    ]
    code, _, err = run(capsys, "check", "a.txt", "--select", "\x1b[2J\x9b")
    assert code == cli.ExitCode.USAGE and err.count("\n") == 1 and "\x1b" not in err and "\x9b" not in err
    code, _, err = run(capsys, "check", "--bogus\x1b[2J")  # argparse's own error
    assert code == cli.ExitCode.USAGE and "\x1b" not in err and "--bogus\u241b[2J" in err


def test_the_text_report_names_a_draft_with_a_line_break_on_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "nl\nname.txt").write_text("Sources said 12 people were arrested.\n", encoding="utf-8")
    code, out, _ = run(capsys, "check", "nl\nname.txt", "--color", "never")
    assert code == cli.ExitCode.OK and out.startswith("nl\u240aname.txt   1 claim")


def test_real_process_entry_point(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "checker", "check", SEED],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
    )
    assert done.returncode == 1 and "FL103" in done.stdout and done.stderr == ""


def test_rules_shows_what_a_rule_declares(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["rules", "figure-not-reviewed"]) == 0
    out = capsys.readouterr().out
    assert "family: Not reviewed (FL3) · from the llm extractor" in out
    assert cli.main(["rules", "FL101"]) == 0
    assert "family: Contradictions (FL1) · from the offline or llm extractor" in capsys.readouterr().out


def test_a_missing_dependency_is_one_line_not_a_traceback() -> None:
    import subprocess
    import sys

    script = (
        "import sys, runpy; sys.modules['rtoml'] = None; sys.argv = ['factlint', 'check', 'draft.txt'];"
        " runpy.run_module('checker', run_name='__main__')"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert "'rtoml'" in done.stderr and "pip install ." in done.stderr


def test_a_bad_directive_names_its_draft_once(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """The draft's path is said once, by the report and by stderr's line, with the directive's line after it."""
    (tmp_path / "t.txt").write_text("factlint-ignore: FL2O2\nSources said 12 people were arrested.\n", "utf-8")
    code, out, err = run(capsys, "check", str(tmp_path / "t.txt"), "--format", "json")
    [finding] = json.loads(out)["files"][0]["findings"]
    assert code == cli.ExitCode.USAGE and finding["code"] == "FL001"
    assert finding["message"] == "line 1: factlint-ignore: 'FL2O2' is not a rule code (write e.g. FL101 FL202)"
    assert err == f"factlint: error: {tmp_path / 't.txt'}: {finding['message']}\n"


@pytest.mark.parametrize(
    ("argv", "hint"),
    [
        (["rules", "FL101", "FL202"], "(see 'factlint rules --help')"),
        (["check", SEED, "--bogus"], "(see 'factlint check --help')"),
        (["batch", "status", "--bogus"], "(see 'factlint batch status --help')"),
    ],
)
def test_an_unrecognized_argument_points_at_its_subcommands_help(
    capsys: pytest.CaptureFixture[str], argv: list[str], hint: str
) -> None:
    """As the subcommand's own usage errors do (argparse says it from the top level: 'see factlint --help')."""
    code, out, err = run(capsys, *argv)
    assert code == cli.ExitCode.USAGE and out == ""
    assert err.startswith("factlint: error: unrecognized arguments: ") and err.rstrip().endswith(hint)
    assert err.count("\n") == 1
