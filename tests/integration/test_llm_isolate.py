"""One draft the LLM cannot extract is that draft's error (FL002), never the run's: the drafts beside it are checked
and reported in every format, every output is written, and the run exits 3 at the end. Errors of the run itself
(a rejected key) still stop it at once. Against the loopback fake server, the real ``openai`` client and
``instructor``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from checker import cli
from tests.fake_openai import FakeOpenAI, Reply, Request, content, error, raw
from tests.integration.conftest import KEY, KEY_ENV
from tests.integration.test_llm_extract import REFUSAL, SEED, article_of, seed_responder

ROOT = Path(__file__).parents[2]
CUT_OFF = json.dumps({
    "id": "chatcmpl-c", "object": "chat.completion", "created": 1, "model": "m",
    "choices": [{"index": 0, "finish_reason": "length", "message": {"role": "assistant", "content": '{"claims": ['}}],
}).encode()  # fmt: skip
SECOND = "Officials said 7 people were arrested after the march on Tuesday."

# what the second draft gets, every time it asks: never a valid answer, a refusal, a chunk too long for the model
NEVER_RIGHT: dict[str, Any] = {
    "invalid": (lambda: content("Sure! Here are the figures: twelve, and thirty."), "no valid answer after 3 attempts"),
    "refused": (lambda: raw(REFUSAL), "the model refused"),
    "cut off": (lambda: raw(CUT_OFF), "cut off at the token limit"),
    "too long": (
        lambda: error(400, "maximum context length is 8192 tokens", code="context_length_exceeded"),
        "too long for the model",
    ),
}


def three_drafts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fake: FakeOpenAI, second: Any) -> list[str]:
    """drafts/a.txt, b.txt, c.txt (a and c the seed draft, answered well; b's requests answered by ``second()``).
    The CLI's arguments."""
    monkeypatch.setenv(KEY_ENV, KEY)
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "drafts"
    folder.mkdir()
    seed = SEED.read_text(encoding="utf-8")
    for name, text in (("a.txt", seed), ("b.txt", SECOND + "\n"), ("c.txt", seed)):
        (folder / name).write_text(text, encoding="utf-8")

    def respond(request: Request) -> Reply:
        return second() if SECOND in article_of(request) else seed_responder(request)

    fake.responder = respond
    return ["check", "drafts", "--extractor", "llm", "--base-url", fake.url, "--api-key-env", KEY_ENV, "--no-cache"]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# the drafts in threads, or one at a time as with a progress display (-v: ``pipeline.check_paths``)
@pytest.mark.parametrize("how", ["threads", "one at a time"])
@pytest.mark.parametrize("failure", sorted(NEVER_RIGHT))
def test_a_draft_whose_answers_never_come_right_is_its_own_error(
    fake: FakeOpenAI,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    failure: str,
    how: str,
) -> None:
    second, reason = NEVER_RIGHT[failure]
    argv = three_drafts(tmp_path, monkeypatch, fake, second)
    more = ["-v"] if how == "one at a time" else []
    code, out, err = run(capsys, *argv, *more, "--format", "json", "--output", "text=out.txt")
    files = {file["path"]: file for file in json.loads(out)["files"]}
    assert code == cli.ExitCode.EXTRACTION and list(files) == ["drafts/a.txt", "drafts/b.txt", "drafts/c.txt"]
    for name in ("drafts/a.txt", "drafts/c.txt"):  # checked: their figures extracted, their findings reported
        codes = {f["code"] for f in files[name]["findings"]}
        assert files[name]["stats"]["claims"] > 0 and codes and "FL002" not in codes
    (bad,) = files["drafts/b.txt"]["findings"]
    assert bad["code"] == "FL002" and reason in bad["message"] and "\n" not in bad["message"]
    assert KEY not in out + err
    assert err.count("factlint: error: drafts/b.txt: LLM extraction failed for lines ") == 1 and reason in err
    said = [line for line in err.splitlines() if not line.startswith("factlint: [") and "sent to" not in line]
    assert "Traceback" not in err and len(said) == 1, err  # progress (-v) and the run's notice apart: one line
    text = (tmp_path / "out.txt").read_text(encoding="utf-8")
    assert "drafts/a.txt" in text and "drafts/c.txt" in text and "FL002" in text and "not checked" in text


def test_every_format_reports_the_others(
    fake: FakeOpenAI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """SARIF: an FL002 result at 1:1 of the draft, its rule listed, the invocation unsuccessful; valid against the
    official schema. The other formats each name the three drafts and the failed one's code."""
    argv = three_drafts(tmp_path, monkeypatch, fake, NEVER_RIGHT["invalid"][0])
    outputs = [f"--output={kind}=out.{kind}" for kind in ("text", "json", "github", "markdown", "html")]
    code, out, _ = run(capsys, *argv, "--format", "sarif", *outputs)
    assert code == cli.ExitCode.EXTRACTION
    data = json.loads(out)
    run_ = data["runs"][0]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run_["results"]}
    assert uris == {"drafts/a.txt", "drafts/b.txt", "drafts/c.txt"}
    failed = [r for r in run_["results"] if r["ruleId"] == "FL002"]
    assert [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in failed] == ["drafts/b.txt"]
    assert run_["tool"]["driver"]["rules"][failed[0]["ruleIndex"]]["id"] == "FL002"
    assert run_["invocations"][0]["executionSuccessful"] is False
    for kind in ("text", "json", "github", "markdown", "html"):
        written = (tmp_path / f"out.{kind}").read_text(encoding="utf-8")
        assert all(f"{name}.txt" in written for name in "abc") and "FL002" in written, kind
    schema_file = ROOT.parent / "shared" / "schemas" / "sarif-2.1.0.json"
    jsonschema = pytest.importorskip("jsonschema")
    if not schema_file.is_file():
        pytest.skip(f"the official SARIF schema is not at {schema_file}")
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    assert list(jsonschema.validators.validator_for(schema)(schema).iter_errors(data)) == []


def test_a_baseline_is_not_written_without_a_draft_the_llm_could_not_extract(
    fake: FakeOpenAI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = three_drafts(tmp_path, monkeypatch, fake, NEVER_RIGHT["invalid"][0])
    code, _, err = run(capsys, "baseline", *argv[1:])
    assert code == cli.ExitCode.EXTRACTION and not (tmp_path / ".factlint-baseline.json").exists()
    assert "drafts/b.txt" in err and "not written" in err and "Traceback" not in err


def test_a_rejected_key_still_stops_the_run_at_once(
    fake: FakeOpenAI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A 401 for one draft is a 401 for every draft: one line, exit 3, no report, no more requests.
    (Unchanged behaviour, kept: this test passes before the change too.)"""
    argv = three_drafts(tmp_path, monkeypatch, fake, NEVER_RIGHT["invalid"][0])
    fake.responder = lambda request: error(401, "Incorrect API key provided")
    code, out, err = run(capsys, *argv, "--jobs", "1", "--format", "json")
    assert code == cli.ExitCode.EXTRACTION and out == "" and "rejected the API key (401)" in err
    lines = [line for line in err.splitlines() if "drafts are sent to" not in line]
    assert len(lines) == 1 and KEY not in err, err
    assert len(fake.requests) <= 3  # those in flight at once (config.concurrency): none retried, none after


def test_rules_explains_fl002(capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("FL002", "extraction-failed"):
        code, out, err = run(capsys, "rules", name)
        assert code == 0 and err == "" and out.startswith("FL002 extraction-failed (error)") and "not cached" in out
    assert "FL002" not in run(capsys, "rules")[1]  # not listed among the rules


def test_an_unreadable_draft_beside_one_not_extracted_is_exit_2(
    fake: FakeOpenAI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Both are reported; the run exits 2, as the README's table says (a usage or input error comes first)."""
    argv = three_drafts(tmp_path, monkeypatch, fake, NEVER_RIGHT["invalid"][0])
    (tmp_path / "drafts" / "d.txt").write_bytes(b"Forty \xe9l\xe8ves died.\n")  # Latin-1
    code, out, _ = run(capsys, *argv, "--format", "json")
    codes = {file["path"]: [f["code"] for f in file["findings"]] for file in json.loads(out)["files"]}
    assert code == cli.ExitCode.USAGE and codes["drafts/b.txt"] == ["FL002"] and codes["drafts/d.txt"] == ["FL001"]
