"""Nothing half-written, nothing misread (issue 13 #10-#14): outputs, signals, closed and full streams, encodings."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from checker import cli, signals

ROOT = Path(__file__).parents[2]
SEED = ROOT / "examples" / "al-khalis.txt"


@pytest.fixture(autouse=True)
def _offline(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "FACTLINT_BASE_URL", "FACTLINT_EXTRACTOR"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "draft.txt"
    shutil.copy(SEED, path)
    return path


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob(".*") if p.is_file())


def factlint(*args: str, shell_redirect: str = "", cwd: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """The CLI in a child process (for closed fds and signals), offline, from ``cwd``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "FACTLINT_"))}
    env["PYTHONPATH"] = str(ROOT)
    command = " ".join([sys.executable, "-m", "checker", *args]) + " " + shell_redirect
    return subprocess.run(
        ["sh", "-c", command], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


# --- #11 an output over an input ------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["draft.txt", "./draft.txt", "link.txt"])
def test_output_over_a_draft_being_checked_is_refused(
    draft: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    os.link(draft, draft.parent / "link.txt")  # the same file under another name
    before = draft.read_bytes()
    code = cli.main(["check", "draft.txt", "--output", f"json={name}"])
    err = capsys.readouterr().err
    assert code == cli.ExitCode.USAGE and "refusing to write a report over it" in err and err.count("\n") == 1
    assert draft.read_bytes() == before


@pytest.mark.parametrize(
    "command", [["check", "draft.txt", "-o", "json=pyproject.toml"], ["baseline", "draft.txt", "-o", "pyproject.toml"]]
)
def test_output_over_the_config_in_use_is_refused(
    draft: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    """A report or a baseline over the project's settings (a slip of the completion key): it was replaced."""
    config = draft.parent / "pyproject.toml"
    config.write_text('[tool.factlint]\nfail_on = "warning"\n', encoding="utf-8")
    before = config.read_bytes()
    code = cli.main(command)
    err = capsys.readouterr().err
    assert code == cli.ExitCode.USAGE
    assert err == "factlint: error: pyproject.toml: is the configuration in use; refusing to write a report over it\n"
    assert config.read_bytes() == before


def test_output_over_a_draft_found_in_a_directory_is_refused(draft: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = draft.read_bytes()
    assert cli.main(["check", ".", "--output", "sarif=draft.txt"]) == cli.ExitCode.USAGE
    assert draft.read_bytes() == before


def test_baseline_over_a_draft_is_refused(draft: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = draft.read_bytes()
    assert cli.main(["baseline", "draft.txt", "-o", "draft.txt"]) == cli.ExitCode.USAGE
    assert draft.read_bytes() == before


# --- #12 all outputs or none ----------------------------------------------------------------------------


def test_output_over_the_baseline_being_applied_is_refused(draft: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["baseline", "draft.txt", "-q"]) == cli.ExitCode.OK
    before = Path(".factlint-baseline.json").read_text(encoding="utf-8")
    code = cli.main(
        ["check", "draft.txt", "--baseline", ".factlint-baseline.json", "-o", "json=./.factlint-baseline.json"]
    )
    out, err = capsys.readouterr()
    assert code == cli.ExitCode.USAGE and out == "" and "is the baseline being applied; refusing" in err
    assert Path(".factlint-baseline.json").read_text(encoding="utf-8") == before
    Path(".factlint.toml").write_text('baseline = ".factlint-baseline.json"\n', encoding="utf-8")
    assert cli.main(["baseline", "draft.txt", "-q"]) == cli.ExitCode.OK  # rewriting it is what baseline is for


def test_a_failing_second_output_leaves_no_first_output(
    draft: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "old.json").write_text("previous report", encoding="utf-8")
    code = cli.main(
        ["check", "draft.txt", "--format", "json", "--output", "json=old.json", "--output", "sarif=draft.txt/x.sarif"]
    )
    out, err = capsys.readouterr()
    assert code == cli.ExitCode.USAGE and "draft.txt/x.sarif: cannot write" in err and err.count("\n") == 1
    assert (tmp_path / "old.json").read_text(encoding="utf-8") == "previous report"  # not replaced
    assert out == ""  # stdout is written only once every file is staged
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("output", ["sarif=draft.txt/x.sarif", "sarif=draft.txt/sub/x.sarif"])
def test_an_output_under_a_file_names_that_file(
    draft: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], output: str
) -> None:
    """Not mkdir's "File exists" (the folder it could not make is a file) or "Not a directory": which file."""
    code = cli.main(["check", "draft.txt", "-q", "-o", output])
    out, err = capsys.readouterr()
    path = output.removeprefix("sarif=")
    assert code == cli.ExitCode.USAGE and out == ""
    assert err == f"factlint: error: {path}: cannot write: draft.txt is a file, not a folder\n"
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("stop", [KeyboardInterrupt, signals.Terminated])
def test_an_output_interrupted_once_its_temporary_file_is_made_leaves_none(
    draft: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, stop: type
) -> None:
    """Ctrl-C or SIGTERM just after the temporary file beside an output is made, before its name was handed back
    (``mkstemp``; a handler runs between any two bytecodes): it was left beside the target."""
    made = os.open

    def open_then_stop(path: Any, *args: Any, **kwargs: Any) -> int:
        fd = made(path, *args, **kwargs)
        if os.path.basename(str(path)).startswith(".out.json."):
            os.close(fd)
            raise stop()
        return fd

    with monkeypatch.context() as patched:
        patched.setattr(os, "open", open_then_stop)
        code = cli.main(["check", "draft.txt", "-q", "-o", "json=out.json"])
    capsys.readouterr()
    assert code == (cli.ExitCode.TERMINATED if stop is signals.Terminated else cli.ExitCode.INTERRUPTED)
    assert leftovers(tmp_path) == [] and not (tmp_path / "out.json").exists()


@pytest.mark.parametrize(
    "command", [["check", "draft.txt", "-o", "json=reports/"], ["baseline", "draft.txt", "-o", "reports/"]]
)
def test_an_output_that_names_a_folder_not_there_yet_is_refused(
    draft: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    """``reports/`` is a folder the user means, as ``cp`` reads it: it was written as a file named ``reports``."""
    code = cli.main(command)
    out, err = capsys.readouterr()
    assert code == cli.ExitCode.USAGE and out == ""
    assert err == "factlint: error: reports/: cannot write: it names a folder (it ends in '/'), not a file\n"
    assert not (tmp_path / "reports").exists() and leftovers(tmp_path) == []


@pytest.mark.parametrize("output", ["json=reports", "json=reports/", "sarif=reports/."])
def test_an_output_that_is_a_folder_is_refused_before_anything_is_written(
    draft: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], output: str
) -> None:
    """Found when the outputs are opened, not at the rename after stdout's report was written (all or none)."""
    (tmp_path / "reports").mkdir()
    code = cli.main(["check", "draft.txt", "-o", output])
    out, err = capsys.readouterr()
    path = output.split("=", 1)[1]
    assert code == cli.ExitCode.USAGE and out == ""
    assert err == f"factlint: error: {path}: cannot write: it is a folder, not a file\n"
    assert leftovers(tmp_path) == [] and list((tmp_path / "reports").iterdir()) == []


@pytest.mark.parametrize(
    ("output", "example"),
    [("report.sarif", "sarif=report.sarif"), ("review.html", "html=review.html"), ("json", "json=report.json"),
     ("MARKDOWN", "markdown=report.md"), ("out", "json=out"), ("json=", "json=report.json")],
)  # fmt: skip
def test_an_output_without_its_format_says_how_to_write_it(
    draft: Path, capsys: pytest.CaptureFixture[str], output: str, example: str
) -> None:
    """ruff's and eslint's -o take a file alone; here it is FORMAT=PATH: the error writes this one so."""
    assert cli.main(["check", "draft.txt", "-o", output]) == cli.ExitCode.USAGE
    assert capsys.readouterr().err == f"factlint: error: --output {output!r}: expected FORMAT=PATH, such as {example}\n"


def test_all_outputs_are_written_when_all_can_be(
    draft: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = cli.main(["check", "draft.txt", "--format", "json", "-o", "sarif=out/a.sarif", "-o", "html=out/b.html"])
    out = capsys.readouterr().out
    assert code == cli.ExitCode.FINDINGS and json.loads(out)["summary"]["error"] > 0
    assert (tmp_path / "out" / "a.sarif").stat().st_size > 0 and (tmp_path / "out" / "b.html").stat().st_size > 0
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("second", ["sarif=out.json", "sarif=./out.json", "text=-"])
def test_two_outputs_to_one_file_are_refused(
    draft: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], second: str
) -> None:
    first = "json=-" if second.endswith("-") else "json=out.json"
    code = cli.main(["check", "draft.txt", "-o", first, "-o", second])
    out, err = capsys.readouterr()
    assert code == cli.ExitCode.USAGE and "is written already" in err and err.count("\n") == 1
    assert out == "" and not (tmp_path / "out.json").exists()


@pytest.mark.parametrize(
    ("flag", "message"), [("-o", "cannot write: File name too long"), ("--config", "no such file or directory")]
)
def test_an_output_or_config_name_too_long_is_exit_2_in_one_line(
    draft: Path, capsys: pytest.CaptureFixture[str], flag: str, message: str
) -> None:
    code = cli.main(["check", "draft.txt", flag, ("json=" if flag == "-o" else "") + "x" * 300 + ".json"])
    out, err = capsys.readouterr()
    assert code == cli.ExitCode.USAGE and out == "" and err.count("\n") == 1
    assert message in err and "internal error" not in err


def test_an_output_through_a_symbolic_link_writes_its_target_and_keeps_the_link(
    draft: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "real.json").write_text("previous report", encoding="utf-8")
    (tmp_path / "latest.json").symlink_to(Path("reports") / "real.json")
    code = cli.main(["check", "draft.txt", "-q", "-o", "json=latest.json"])
    capsys.readouterr()
    assert code == cli.ExitCode.FINDINGS and (tmp_path / "latest.json").is_symlink()
    assert json.loads((tmp_path / "reports" / "real.json").read_text(encoding="utf-8"))["summary"]["error"] > 0
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(not hasattr(os, "mkfifo") or not Path("/dev/zero").exists(), reason="no FIFOs or /dev/zero")
@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["check", "draft.txt", "--baseline", "/dev/zero"], "/dev/zero: not a regular file (a baseline is a JSON file"),
        (["check", "draft.txt", "--baseline", "pipe"], "pipe: not a regular file (a baseline is a JSON file"),
        (["check", "draft.txt", "--config", "pipe"], "--config pipe: not a regular file"),
        (
            ["batch", "status", "--state", "/dev/zero"],
            "/dev/zero: not a factlint batch state file (not a regular file)",
        ),
        (["batch", "status", "--state", "pipe"], "pipe: not a factlint batch state file (not a regular file)"),
        # the baseline it replaces is read first: /dev/full, as /dev/zero, reads for ever
        (["baseline", "draft.txt", "-o", "/dev/full"], "/dev/full: cannot write: No space left on device"),
    ],
)
def test_a_device_or_fifo_named_as_a_file_factlint_reads_is_one_line_never_read(
    draft: Path, tmp_path: Path, args: list[str], said: str
) -> None:
    """A baseline, config or batch state file that is a device or a FIFO: read, a device filled memory (exit 4 with
    a MemoryError, or killed) and a FIFO blocked for ever; the memory here is capped so that it cannot again."""
    os.mkfifo(tmp_path / "pipe")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "FACTLINT_"))}
    env["PYTHONPATH"] = str(ROOT)
    endpoint = ["--base-url", "http://127.0.0.1:9/v1"] if args[0] == "batch" else []  # no key, no call made
    command = [sys.executable, "-m", "checker", *args, *endpoint]
    script = 'ulimit -v 1500000 2>/dev/null; exec "$@"'
    done = subprocess.run(
        ["sh", "-c", script, "sh", *command], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=30
    )
    assert (done.returncode, done.stderr.count("\n")) == (cli.ExitCode.USAGE, 1), done.stderr
    assert done.stderr.startswith(f"factlint: error: {said}")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_an_output_to_a_fifo_is_written_into_not_replaced(
    draft: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """As ``-o sarif=/dev/stdout`` or ``-o json=/dev/null``: a rename over a device would replace it with a file
    (as root, /dev/null itself)."""
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    code = cli.main(["check", "draft.txt", "-q", "-o", "json=pipe"])
    capsys.readouterr()
    assert fifo.is_fifo(), "the FIFO was replaced by a file"
    reader.join(timeout=10)
    assert code == cli.ExitCode.FINDINGS and json.loads(got[0])["summary"]["error"] > 0
    assert leftovers(tmp_path) == []


# --- #10 SIGTERM while a report is written --------------------------------------------------------------

SIGTERM_DURING_WRITE = """
import os, signal, sys
import checker.output as output
real = os.replace
def replace(src, dst):
    os.kill(os.getpid(), signal.SIGTERM)  # arrives while the report is staged, before it is renamed
    real(src, dst)
output.os.replace = replace
from checker.cli import main
sys.exit(main(["check", "draft.txt", "--output", "json=out.json", "--output", "sarif=out.sarif"]))
"""


def test_sigterm_during_a_report_write_cleans_up_like_sigint(draft: Path, tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", SIGTERM_DURING_WRITE], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == cli.ExitCode.TERMINATED, done.stderr
    assert done.stderr == "factlint: terminated\n"
    assert leftovers(tmp_path) == [] and not (tmp_path / "out.json").exists() and not (tmp_path / "out.sarif").exists()


def test_sigterm_restores_the_previous_handler(draft: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = signal.getsignal(signal.SIGTERM)
    cli.main(["check", "draft.txt"])
    assert signal.getsignal(signal.SIGTERM) == before


# --- #13 closed and full streams ------------------------------------------------------------------------


def test_closed_stdout_is_exit_2_in_one_line(draft: Path, tmp_path: Path) -> None:
    done = factlint("check", "draft.txt", shell_redirect=">&-", cwd=tmp_path)
    assert done.returncode == cli.ExitCode.USAGE, done.stderr
    assert done.stderr == "factlint: error: cannot write the report: stdout is closed\n"


def test_closed_stdin_is_exit_2_in_one_line(tmp_path: Path) -> None:
    done = factlint("check", "-", shell_redirect="<&-", cwd=tmp_path)
    assert done.returncode == cli.ExitCode.USAGE, done.stderr
    assert done.stderr == "factlint: error: -: stdin is closed\n"


@pytest.mark.parametrize(
    "command", [["check", "draft.txt"], ["check", "draft.txt", "-o", "json=out.json"], ["rules"], ["check", "--help"]]
)
def test_a_reader_that_stops_reading_is_quiet_and_exit_141(draft: Path, tmp_path: Path, command: list[str]) -> None:
    """``factlint check … | head``: stdout a pipe whose reader has gone. No message, no traceback, no "Exception
    ignored" at exit; 141 (128 + SIGPIPE), what the shell reports for git and grep in the same pipe; an
    ``--output`` file is still written whole (nothing failed but the reader)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "FACTLINT_"))}
    env["PYTHONPATH"] = str(ROOT)
    read, write = os.pipe()
    os.close(read)  # the reader is gone before the first byte, as after `head -1` has its line
    try:
        done = subprocess.run(
            [sys.executable, "-m", "checker", *command],
            cwd=tmp_path,
            env=env,
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            check=False,
        )
    finally:
        os.close(write)
    assert (done.returncode, done.stderr) == (cli.ExitCode.BROKEN_PIPE, "")
    if "-o" in command:
        assert json.loads((tmp_path / "out.json").read_text())["files"][0]["path"] == "draft.txt"
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
@pytest.mark.parametrize(
    ("command", "what"),
    [
        (["check", "draft.txt"], "the report"),
        (["check", "draft.txt", "--format", "json"], "the report"),
        (["check", "draft.txt", "--format", "html"], "the report"),
        (["rules"], "the rules"),
        (["rules", "FL001"], "the rule"),
        (["check", "draft.txt", "--show-prompt"], "the prompt"),
        (["--help"], "the help"),  # these three exited 0, the help lost (argparse drops the error)
        (["check", "--help"], "the help"),
        (["batch", "submit", "--help"], "the help"),
        (["batch", "status", "--base-url", "http://127.0.0.1:9/v1"], "what batch did"),  # was exit 4, a bug
    ],
)
def test_a_full_disk_on_stdout_is_exit_2_in_one_line(
    draft: Path, tmp_path: Path, command: list[str], what: str
) -> None:
    done = factlint(*command, shell_redirect="> /dev/full", cwd=tmp_path)
    assert done.returncode == cli.ExitCode.USAGE, done.stderr
    assert done.stderr == f"factlint: error: cannot write {what} to stdout: No space left on device\n"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
def test_a_full_disk_on_stdout_writes_no_output_file(draft: Path, tmp_path: Path) -> None:
    done = factlint("check", "draft.txt", "-o", "json=out.json", shell_redirect="> /dev/full", cwd=tmp_path)
    assert done.returncode == cli.ExitCode.USAGE
    assert not (tmp_path / "out.json").exists() and leftovers(tmp_path) == []


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
def test_a_full_disk_on_an_output_device_writes_no_other_output(draft: Path, tmp_path: Path) -> None:
    """A device is written into before stdout and the renames: the one output that cannot be undone goes first,
    so a full one leaves stdout's report and every file unwritten (stdout's report was written, the file not)."""
    done = factlint("check", "draft.txt", "-o", "json=/dev/full", "-o", "sarif=out.sarif", cwd=tmp_path)
    assert done.returncode == cli.ExitCode.USAGE and done.stdout == ""
    assert done.stderr == "factlint: error: /dev/full: cannot write: No space left on device\n"
    assert not (tmp_path / "out.sarif").exists() and leftovers(tmp_path) == []


# --- #14 NUL bytes and byte-order marks -----------------------------------------------------------------


def test_a_path_that_cannot_be_looked_at_is_fl001_and_hides_no_other_draft(
    draft: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A name too long to stat (as a folder on the way that cannot be searched, for a user who is not root):
    an OSError other than "no such file" was an internal error (exit 4) with no report at all."""
    long_name = "x" * 300 + ".txt"
    code = cli.main(["check", long_name, "draft.txt", "--format", "json"])
    out, err = capsys.readouterr()
    files = json.loads(out)["files"]
    assert code == cli.ExitCode.USAGE and [f["path"] for f in files] == [long_name, "draft.txt"]
    assert files[0]["findings"][0]["code"] == "FL001" and "cannot read: File name too long" in err
    assert files[1]["summary"]["error"] > 0 and "internal error" not in err


def test_a_broken_symbolic_link_says_so(draft: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Named or found in a folder: ``ls`` lists it, so "no such file" said nothing; where it points does."""
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "old.md").symlink_to(tmp_path / "gone" / "old.md")
    for argv in (["drafts/old.md"], ["drafts"]):
        code = cli.main(["check", *argv, "draft.txt", "-q"])
        err = capsys.readouterr().err
        link = f"drafts/old.md: a symbolic link to a missing file ({tmp_path / 'gone' / 'old.md'})"
        assert code == cli.ExitCode.USAGE and err == f"factlint: error: {link}\n", argv
    assert cli.main(["check", "missing.md", "-q"]) == cli.ExitCode.USAGE
    assert capsys.readouterr().err == "factlint: error: missing.md: no such file\n"


def test_a_nul_byte_after_the_first_8_kib_is_binary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = SEED.read_bytes()
    data = data * (9000 // len(data) + 1) + b"\x00 and more"
    (tmp_path / "late-nul.txt").write_bytes(data)
    assert cli.main(["check", "late-nul.txt"]) == cli.ExitCode.USAGE
    assert f"looks like a binary file (NUL byte at offset {data.index(0)})" in capsys.readouterr().err


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_with_a_bom_are_read_like_utf8(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], encoding: str
) -> None:
    text = SEED.read_text(encoding="utf-8")
    bom = {"utf-16-le": "\ufeff", "utf-16-be": "\ufeff", "utf-32-le": "\ufeff", "utf-32-be": "\ufeff"}.get(encoding, "")
    (tmp_path / "wide.txt").write_bytes((bom + text).encode(encoding))
    (tmp_path / "narrow.txt").write_text(text, encoding="utf-8")
    assert cli.main(["check", "wide.txt", "--format", "json"]) == cli.ExitCode.FINDINGS
    wide = json.loads(capsys.readouterr().out)["files"][0]
    assert cli.main(["check", "narrow.txt", "--format", "json"]) == cli.ExitCode.FINDINGS
    narrow = json.loads(capsys.readouterr().out)["files"][0]
    assert wide["findings"] == narrow["findings"] and len(wide["findings"]) > 5


def test_utf16_on_stdin_is_sniffed_and_read(tmp_path: Path) -> None:
    data = "<!DOCTYPE html><p>Police said 12 people were killed.</p>".encode("utf-16")
    (tmp_path / "page").write_bytes(data)
    done = factlint("check", "-", "--format", "json", shell_redirect="< page", cwd=tmp_path)
    report = json.loads(done.stdout)["files"][0]
    assert report["format"] == "html" and [c["figure"] for c in report["claims"]] == ["12"]


@pytest.mark.parametrize(("encoding", "order"), [("utf-16-le", "little-endian"), ("utf-16-be", "big-endian")])
def test_utf16_without_a_bom_is_still_refused_saying_what_it_looks_like(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], encoding: str, order: str
) -> None:
    """Not read (guessing an encoding would misread some drafts), but named: "binary" sent an editor looking for
    something other than the encoding their editor saved in."""
    (tmp_path / "nobom.txt").write_bytes("Police said 12 people died.\r\n".encode(encoding))
    assert cli.main(["check", "nobom.txt"]) == cli.ExitCode.USAGE
    assert capsys.readouterr().err == (
        f"factlint: error: nobom.txt: looks like UTF-16 ({order}) with no byte-order mark: save it as UTF-8, or"
        " UTF-16 with one\n"
    )
    (tmp_path / "bin.txt").write_bytes(b"PK\x03\x04\x14\x00\x00\x00\x08\x00")  # a zip: still binary
    assert cli.main(["check", "bin.txt"]) == cli.ExitCode.USAGE
    assert "looks like a binary file (NUL byte at offset 5)" in capsys.readouterr().err


@pytest.mark.parametrize("command", [["check", "draft.txt"], ["check", "draft.txt", "--isolated"], ["rules"]])
def test_a_removed_working_directory_is_one_line_exit_2(
    draft: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    """As git says "Unable to read current working directory": it was an internal error (exit 4) from Path.cwd()."""
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()
    argv = [str(draft) if arg == "draft.txt" else arg for arg in command]
    assert cli.main(argv) == cli.ExitCode.USAGE
    out, err = capsys.readouterr()
    assert (
        out == ""
        and err == "factlint: error: the working directory no longer exists (it was removed): cd into a folder\n"
    )


@pytest.mark.parametrize("redirect", ["2>&-", "2>/dev/full"])
def test_a_closed_or_full_stderr_changes_neither_the_report_nor_the_exit_code(
    draft: Path, tmp_path: Path, redirect: str
) -> None:
    """Its lines are given up on: with fd 2 closed, print(file=sys.stderr) wrote the error into stdout's JSON (Python
    sets sys.stderr to None); a full one made the run exit 1 (the note's OSError, then the internal error's)."""
    if redirect.endswith("/dev/full") and not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    done = factlint("check", "draft.txt", "missing.txt", "--format", "json", shell_redirect=redirect, cwd=tmp_path)
    assert done.returncode == cli.ExitCode.USAGE, done.stderr
    assert [f["path"] for f in json.loads(done.stdout)["files"]] == ["draft.txt", "missing.txt"]
    done = factlint("check", "draft.txt", "-v", shell_redirect=redirect, cwd=tmp_path)  # progress lines too
    assert done.returncode == cli.ExitCode.FINDINGS and done.stdout.startswith("draft.txt ")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
@pytest.mark.parametrize("flag", ["-V", "--version"])
def test_the_version_on_a_full_stdout_is_exit_2_in_one_line(tmp_path: Path, flag: str) -> None:
    """As a report is: it was a traceback (print's OSError, before any handler)."""
    done = factlint(flag, shell_redirect="> /dev/full", cwd=tmp_path)
    assert done.returncode == cli.ExitCode.USAGE
    assert done.stderr == "factlint: error: cannot write the version to stdout: No space left on device\n"


@pytest.mark.skipif(sys.platform in ("darwin", "win32"), reason="file names there are always Unicode")
@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "markdown", "html", "rdjson"])
def test_a_file_name_that_is_not_utf8_is_shown_replaced_not_an_internal_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    """A draft from an old archive or a Samba share named in Latin-1 (``café.txt`` as bytes ``caf\\xe9``): Python
    gives its name a lone surrogate, which no UTF-8 report can hold; it was an internal error (exit 4) in every
    format. Shown with ``?`` in its place, as ``ls -q`` shows it (SARIF's URI percent-encodes its bytes); the
    baseline keeps the name exactly."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "drafts").mkdir()
    with open(os.fsencode(tmp_path / "drafts") + b"/caf\xe9.txt", "wb") as draft:
        draft.write(b"Officials said 12 people were killed.\n")
    assert cli.main(["check", "drafts", "--format", fmt, "-o", f"{fmt}=out.{fmt}"]) == cli.ExitCode.OK
    out = capsys.readouterr().out
    shown = "drafts/caf%E9.txt" if fmt == "sarif" else "drafts/caf?.txt"  # a URI: the name's own bytes
    assert shown in out and (tmp_path / f"out.{fmt}").read_text(encoding="utf-8") == out
    assert cli.main(["baseline", "drafts", "-q"]) == cli.ExitCode.OK
    code = cli.main(["check", "drafts", "--baseline", ".factlint-baseline.json", "--fail-on", "warning", "-q"])
    assert code == cli.ExitCode.OK and capsys.readouterr().out == ""


def test_a_stdout_that_cannot_encode_the_report_shows_what_it_cannot_as_question_marks(
    draft: Path, tmp_path: Path
) -> None:
    """An ASCII stdout (PYTHONIOENCODING=ascii; a legacy code page where a report is redirected on Windows): the
    curly quotes and the middle dot became "cannot write the report to stdout: stdout is closed" (exit 2)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "FACTLINT_"))}
    env |= {"PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "ascii"}
    done = subprocess.run(
        [sys.executable, "-m", "checker", "check", "draft.txt"], cwd=tmp_path, env=env, capture_output=True, check=False
    )
    assert done.returncode == cli.ExitCode.FINDINGS, done.stderr
    assert done.stderr == b"" and done.stdout.startswith(b"draft.txt   18 claims ? extractor: offline")


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        (
            "story.docx",
            b"PK\x03\x04\x14\x00\x06\x00",
            "looks like a binary file (NUL byte at offset 5); a Word document",
        ),
        ("story.PDF", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "not UTF-8 text (invalid byte 0xe2 at offset 10); a PDF"),
    ],
)
def test_a_word_document_or_a_pdf_named_as_a_draft_says_how_to_save_it(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    name: str,
    data: bytes,
    reason: str,
) -> None:
    """An editor names the file they wrote in: the error says what to do, not only that it is binary."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / name).write_bytes(data)
    assert cli.main(["check", name]) == cli.ExitCode.USAGE
    err = capsys.readouterr().err
    assert err == f"factlint: error: {name}: {reason} is not text: save the draft as Markdown, plain text or HTML\n"
