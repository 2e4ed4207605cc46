"""``factlint baseline`` then ``check --baseline``: accepted findings stay accepted while the draft is edited."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from checker.cli import ExitCode, main

ROOT = Path(__file__).parents[2]
OFFLINE = ["--extractor", "offline"]
NEW_SENTENCE = "Police said 45 prisoners escaped. "


@pytest.fixture
def draft(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    for var in ("FACTLINT_EXTRACTOR", "OPENAI_API_KEY", "OPENAI_BASE_URL", "FACTLINT_BASE_URL"):
        monkeypatch.delenv(var, raising=False)
    shutil.copy(ROOT / "examples" / "al-khalis.txt", tmp_path / "draft.txt")
    return tmp_path / "draft.txt"


def check(capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, dict[str, object], str]:
    code = main(["check", "draft.txt", "--format", "json", "--baseline", ".factlint-baseline.json", *OFFLINE, *extra])
    out, err = capsys.readouterr()
    return code, json.loads(out), err


def findings(report: dict[str, object]) -> list[dict[str, object]]:
    [file] = report["files"]  # type: ignore[misc]
    return file["findings"]  # type: ignore[no-any-return]


def test_baseline_accepts_then_reports_only_new_findings(draft: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "draft.txt", *OFFLINE]) == ExitCode.FINDINGS
    capsys.readouterr()

    assert main(["baseline", "draft.txt", *OFFLINE]) == ExitCode.OK
    err = capsys.readouterr().err
    accepted = json.loads(Path(".factlint-baseline.json").read_text(encoding="utf-8"))
    assert accepted["version"] == 1
    assert len(accepted["findings"]) >= 10
    assert {e["path"] for e in accepted["findings"]} == {"draft.txt"}
    assert f"accepted {len(accepted['findings'])} findings in 1 file" in err

    # 1. a re-run exits 0 and shows nothing
    code, report, err = check(capsys)
    assert code == ExitCode.OK and findings(report) == []
    assert f"{len(accepted['findings'])} accepted findings in" in err

    # 2. an unrelated paragraph above moves every line but resurrects nothing
    text = draft.read_text(encoding="utf-8")
    draft.write_text("It was a hot day in Baghdad, and the markets were busy.\n\n" + text, encoding="utf-8")
    code, report, _ = check(capsys)
    assert code == ExitCode.OK and findings(report) == []

    # 3. a new conflicting sentence: exit 1, and the one finding shown is about it
    edited = draft.read_text(encoding="utf-8").replace(
        "The authorities imposed", NEW_SENTENCE + "The authorities imposed"
    )
    draft.write_text(edited, encoding="utf-8")
    code, report, _ = check(capsys)
    assert code == ExitCode.FINDINGS
    [new] = findings(report)
    assert new["code"] == "FL101"
    quotes = {c["quote"] for c in report["files"][0]["claims"] if c["id"] in new["claims"]}  # type: ignore[index]
    assert "45 prisoners escaped" in quotes
    assert new["fingerprint"] not in {e["fingerprint"] for e in accepted["findings"]}


def test_baseline_is_stable_and_sorted(draft: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["baseline", "draft.txt", *OFFLINE, "-o", "a.json"]) == ExitCode.OK
    draft.write_text("A quiet opening paragraph.\n\n" + draft.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["baseline", "draft.txt", *OFFLINE, "-o", "b.json"]) == ExitCode.OK
    assert Path("a.json").read_text(encoding="utf-8") == Path("b.json").read_text(encoding="utf-8")


def test_baseline_filters_every_output_and_the_exit_code(draft: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["baseline", "draft.txt", *OFFLINE])
    code = main(
        ["check", "draft.txt", *OFFLINE, "--baseline", ".factlint-baseline.json", "-f", "sarif", "-o", "github=gh.txt"]
    )
    sarif = json.loads(capsys.readouterr().out)
    assert code == ExitCode.OK
    assert sarif["runs"][0]["results"] == []
    assert Path("gh.txt").read_text(encoding="utf-8").splitlines() == ["factlint: no findings"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such baseline file"),
        ("{not json", "not a factlint baseline: invalid JSON"),
        ('{"version": 2, "findings": []}', "baseline version 2 is not 1"),
        ('{"version": 1, "findings": [{"code": "FL101"}]}', "finding 0 needs string 'fingerprint' and 'path'"),
        ("[]", "expected an object with a 'findings' list"),
    ],
)
def test_bad_baseline_is_one_line_exit_2_and_writes_nothing(
    draft: Path, capsys: pytest.CaptureFixture[str], content: str | None, message: str
) -> None:
    if content is not None:
        Path("base.json").write_text(content, encoding="utf-8")
    code = main(["check", "draft.txt", *OFFLINE, "--baseline", "base.json", "-o", "json=out.json"])
    out, err = capsys.readouterr()
    assert code == ExitCode.USAGE
    assert out == "" and not Path("out.json").exists()
    assert err.count("\n") == 1 and message in err and "Traceback" not in err


def test_baseline_command_usage_errors(draft: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["baseline"]) == ExitCode.USAGE
    assert "no PATH given and no 'paths' in the configuration" in capsys.readouterr().err
    assert main(["baseline", "missing.txt", *OFFLINE]) == ExitCode.USAGE
    assert "missing.txt: no such file" in capsys.readouterr().err
    assert not Path(".factlint-baseline.json").exists()


def test_a_baseline_of_stdin_takes_its_name_as_check_does(
    draft: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``check - --stdin-filename drafts/a.txt`` looks findings up under that name: ``baseline`` must write it."""
    import io
    import sys

    def stdin() -> None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(draft.read_bytes()), encoding="utf-8"))

    stdin()
    assert main(["baseline", "-", "--stdin-filename", "drafts/a.txt", *OFFLINE, "-q"]) == ExitCode.OK
    written = json.loads(Path(".factlint-baseline.json").read_text(encoding="utf-8"))["findings"]
    assert written and {f["path"] for f in written} == {"drafts/a.txt"}
    stdin()
    code = main(["check", "-", "--stdin-filename", "drafts/a.txt", "--baseline", ".factlint-baseline.json", *OFFLINE])
    assert code == ExitCode.OK and "no findings" in capsys.readouterr().out


@pytest.mark.parametrize("output", ["json=b.json", "JSON=drafts/b.json"])
def test_baseline_output_in_checks_format_is_refused_not_a_file_named_so(
    draft: Path, capsys: pytest.CaptureFixture[str], output: str
) -> None:
    """``check -o json=b.json`` names a format and a file; ``baseline -o`` only a file: a file named 'json=b.json'
    was written. A name like that can still be given as ./json=b.json."""
    assert main(["baseline", str(draft), "-o", output]) == ExitCode.USAGE
    err = capsys.readouterr().err
    said = "baseline's --output is a file (the baseline is JSON), not FORMAT=PATH"
    assert err == f"factlint: error: --output {output}: {said}\n"
    assert not list(draft.parent.glob("*=*")) and not Path(output).exists()
    assert main(["baseline", str(draft), "-o", "./json=b.json", "-q"]) == ExitCode.OK
    assert Path("json=b.json").is_file()


def test_baseline_writes_the_file_the_config_names(
    draft: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With ``baseline = "…"`` in the config, ``factlint baseline`` writes that file, which a bare ``factlint
    check`` then reads (it wrote .factlint-baseline.json, and check kept failing); ``-o`` still wins."""
    (draft.parent / "news").mkdir()
    (draft.parent / "news" / "pyproject.toml").write_text(
        '[tool.factlint]\npaths = ["../draft.txt"]\nbaseline = "accepted.json"\n', encoding="utf-8"
    )
    monkeypatch.chdir(draft.parent / "news")
    assert main(["baseline", *OFFLINE]) == ExitCode.OK
    assert "wrote accepted.json" in capsys.readouterr().err and not Path(".factlint-baseline.json").exists()
    assert {e["path"] for e in json.loads(Path("accepted.json").read_text(encoding="utf-8"))["findings"]} == {
        "../draft.txt"
    }
    assert main(["check", *OFFLINE]) == ExitCode.OK
    capsys.readouterr()
    assert main(["baseline", *OFFLINE, "-o", "other.json"]) == ExitCode.OK and Path("other.json").is_file()


def test_a_baseline_of_some_drafts_keeps_the_other_drafts_entries(
    draft: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``factlint baseline drafts/new.md`` after ``factlint baseline drafts/``: the other drafts' accepted findings
    stay accepted (they were all dropped, unseen, and the next check failed on them); a draft that is gone
    loses its entries; a draft baselined again is updated."""
    shutil.copy(draft, "other.txt")
    shutil.copy(draft, "gone.txt")
    assert main(["baseline", "draft.txt", "other.txt", "gone.txt", *OFFLINE, "-q"]) == ExitCode.OK
    before = json.loads(Path(".factlint-baseline.json").read_text(encoding="utf-8"))["findings"]
    Path("gone.txt").unlink()
    draft.write_text(
        draft.read_text(encoding="utf-8").replace("The authorities imposed", NEW_SENTENCE + "The authorities imposed"),
        encoding="utf-8",
    )
    assert main(["baseline", "draft.txt", *OFFLINE, "-q"]) == ExitCode.OK
    after = json.loads(Path(".factlint-baseline.json").read_text(encoding="utf-8"))["findings"]
    assert [e for e in after if e["path"] == "other.txt"] == [e for e in before if e["path"] == "other.txt"] != []
    assert not [e for e in after if e["path"] == "gone.txt"]
    ours = [e for e in after if e["path"] == "draft.txt"]
    assert ours and ours != [e for e in before if e["path"] == "draft.txt"]  # its new sentence's finding in it
    assert after == sorted(after, key=lambda e: (e["path"], e["code"], e["fingerprint"], e["message"]))
    capsys.readouterr()
    code = main(["check", "draft.txt", "other.txt", "--baseline", ".factlint-baseline.json", *OFFLINE, "-q"])
    assert code == ExitCode.OK and capsys.readouterr().out == ""
