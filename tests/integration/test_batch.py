"""factlint batch submit / status / collect against the fake server's files + batches endpoints, then check."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from checker import cli
from checker.cli import main
from checker.signals import Terminated
from tests.answers import answer_with_quantities
from tests.fake_openai import FakeOpenAI, Reply, Request, answer, error, raw
from tests.integration.test_llm_extract import KEY, KEY_ENV, SEED, article_of, seed_responder
from tests.integration.test_llm_isolate import CUT_OFF

SECOND = "Police said 12 people were killed and 30 were injured in the blast on Monday.\n"
SECOND_ANSWER = answer_with_quantities({
    "claims": [
        {"quote": "12 people were killed", "figure": "12", "value": 12, "counted": "people", "event": "killed",
         "source": {"kind": "organisation", "name": "Police", "cue": "said"}},
        {"quote": "30 were injured", "figure": "30", "value": 30, "counted": "people", "event": "injured",
         "source": {"kind": "organisation", "name": "Police", "cue": "said"}},
    ],
    "not_claims": [],
    "quotations": [],
})  # fmt: skip


def responder(request: Request) -> Reply:
    text = "\n".join(str(m.get("content", "")) for m in request.messages)
    return answer(SECOND_ANSWER) if "blast on Monday" in text else seed_responder(request)


@pytest.fixture
def setup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv(KEY_ENV, KEY)
    monkeypatch.chdir(tmp_path)
    shutil.copy(SEED, tmp_path / "seed.txt")
    (tmp_path / "blast.txt").write_text(SECOND, encoding="utf-8")
    with FakeOpenAI(responder) as fake:

        def flags(cache: str = "cache") -> list[str]:
            return ["--extractor", "llm", "--base-url", fake.url, "--api-key-env", KEY_ENV, "--model", "fake-model",
                    "--cache-dir", str(tmp_path / cache)]  # fmt: skip

        yield fake, flags, tmp_path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_submit_status_collect_then_check_makes_no_calls(setup: Any, capsys: pytest.CaptureFixture[str]) -> None:
    fake, flags, tmp = setup
    # What the interactive path sends, and reports, with a cache of its own.
    code, interactive, _ = run(capsys, "check", "seed.txt", "blast.txt", "--format", "json", *flags("warm"))
    sent = sorted(json.dumps(r.body, sort_keys=True) for r in fake.requests)
    assert code == 1 and sent
    calls = n = len(fake.requests)  # one per chunk: the fake model answers well, so nothing is re-asked
    seed_chunks = n - 1  # blast.txt is one chunk

    code, said, _ = run(capsys, "batch", "submit", "seed.txt", "blast.txt", *flags())
    submitted = f"submitted batch-fake-1 to fake-model at {fake.url}: {n} requests from 2 drafts"
    assert code == 0 and f"{submitted} (0 cached, 0 already submitted)" in said
    lines = [json.loads(line) for line in fake.uploads["file-fake-1"]["data"].decode().splitlines()]
    assert sorted(json.dumps(line["body"], sort_keys=True) for line in lines) == sent  # byte for byte the same
    assert {line["url"] for line in lines} == {"/v1/chat/completions"} and fake.uploads["file-fake-1"][
        "purpose"
    ] == "batch"
    state = json.loads((tmp / ".factlint-batch.json").read_text(encoding="utf-8"))
    assert [job["id"] for job in state["jobs"]] == ["batch-fake-1"] and KEY not in json.dumps(state)

    code, said, _ = run(capsys, "batch", "submit", "seed.txt", "blast.txt", *flags())  # idempotent
    assert code == 0 and f"nothing to submit: {n} chunks in 2 drafts (0 cached, {n} already submitted)" in said
    assert len(fake.batches) == 1

    code, said, _ = run(capsys, "batch", "collect", *flags())  # first poll: still running
    assert code == 0 and "batch-fake-1: in_progress" in said
    code, said, _ = run(capsys, "batch", "status", *flags())
    assert code == 0 and "batch-fake-1: completed" in said and f"({n} done, 0 failed)" in said
    code, said, _ = run(capsys, "batch", "collect", *flags())
    assert code == 0 and f"collected: {n} answers cached, 0 left for 'factlint check' to ask, 0 stale" in said
    code, said, _ = run(capsys, "batch", "collect", *flags())
    assert "nothing to collect" in said

    code, archived, _ = run(capsys, "check", "seed.txt", "blast.txt", "--format", "json", *flags())
    assert len(fake.requests) == calls  # every answer came from the cache the batch filled
    assert json.loads(archived)["files"][0]["stats"]["cache_hits"] == seed_chunks
    strip = [{k: v for k, v in f.items() if k != "stats"} for f in json.loads(archived)["files"]]
    assert strip == [{k: v for k, v in f.items() if k != "stats"} for f in json.loads(interactive)["files"]]

    code, said, _ = run(capsys, "batch", "submit", "seed.txt", "blast.txt", *flags())
    assert f"nothing to submit: {n} chunks in 2 drafts ({n} cached, 0 already submitted)" in said


def test_a_collect_terminated_while_caching_leaves_no_temporary_file_and_resumes(
    setup: Any, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """SIGTERM (``signals.Terminated``) just after the second answer's file is made: exit 143, no ``.tmp-*`` file
    in the cache (one was left, empty), the job not marked collected, and the next ``collect`` caches every answer."""
    fake, flags, tmp = setup
    fake.batch_polls = 0
    assert run(capsys, "batch", "submit", "seed.txt", "blast.txt", *flags())[0] == 0
    made, opened = os.open, []

    def open_then_stop(path: Any, *args: Any, **kwargs: Any) -> int:
        fd = made(path, *args, **kwargs)
        if str(path).startswith(str(tmp / "cache")):
            opened.append(path)
            if len(opened) == 2:
                os.close(fd)
                raise Terminated()
        return fd

    with monkeypatch.context() as patched:
        patched.setattr(os, "open", open_then_stop)
        code, _, err = run(capsys, "batch", "collect", *flags())
    assert code == 143 and "factlint: terminated" in err and len(opened) == 2
    assert [p.name for p in (tmp / "cache").rglob(".tmp-*")] == []
    code, said, _ = run(capsys, "batch", "collect", *flags())
    assert code == 0 and f"collected: {len(fake.batch_requests)} answers cached, 0 left" in said


@pytest.mark.parametrize(
    ("failure", "reason"),
    [
        (lambda: raw(CUT_OFF), "the answer was cut off at the token limit; lower chunk_chars"),
        (
            lambda: error(400, "maximum context length is 8192 tokens", code="context_length_exceeded"),
            "refused the request (400): the chunk is too long for the model; lower chunk_chars: maximum context length",
        ),
    ],
    ids=["cut off", "too long"],
)
def test_a_draft_whose_batch_answer_fails_it_is_its_error_as_in_check(
    setup: Any, capsys: pytest.CaptureFixture[str], failure: Any, reason: str
) -> None:
    """An answer ``check`` fails its draft on at once, asking no more (cut off at the token limit, a chunk too long
    for the model), is that draft's error in ``collect`` too, worded as ``check`` words it: the other drafts'
    answers cached, exit 3 at the end (it was counted as left for ``check`` to ask, exit 0)."""
    fake, flags, _ = setup
    fake.batch_polls = 0
    fake.responder = lambda request: failure() if "blast on Monday" in article_of(request) else responder(request)
    assert run(capsys, "batch", "submit", "seed.txt", "blast.txt", *flags())[0] == 0
    seed_chunks = len(fake.batch_requests) - 1
    code, said, err = run(capsys, "batch", "collect", *flags())
    assert code == cli.ExitCode.EXTRACTION
    assert (
        f"collected: {seed_chunks} answers cached, 0 left for 'factlint check' to ask, 1 failing their drafts" in said
    )
    assert err.startswith("factlint: error: blast.txt: LLM extraction failed for lines 1-1: ") and reason in err
    assert err.count("\n") == 1 and KEY not in err
    fake.responder = responder  # check asks for that chunk again, as after its own failure, and for no other
    code, _, _ = run(capsys, "check", "seed.txt", "blast.txt", "--format", "json", *flags())
    assert code == cli.ExitCode.FINDINGS and len(fake.requests) == 1


def test_a_draft_whose_batch_answers_all_fail_it_is_one_error(setup: Any, capsys: pytest.CaptureFixture[str]) -> None:
    """Every chunk of a long draft cut off: one line for the draft, as ``check`` gives it one ``FL002``."""
    fake, flags, tmp = setup
    (tmp / "pyproject.toml").write_text("[tool.factlint]\nchunk_chars = 700\n", encoding="utf-8")
    fake.batch_polls = 0
    fake.responder = lambda request: raw(CUT_OFF)
    assert run(capsys, "batch", "submit", "seed.txt", *flags())[0] == 0
    assert len(fake.batch_requests) > 2
    code, said, err = run(capsys, "batch", "collect", *flags())
    assert code == cli.ExitCode.EXTRACTION and f"{len(fake.batch_requests)} failing their drafts" in said
    assert err.count("\n") == 1 and err.startswith("factlint: error: seed.txt: LLM extraction failed for lines 1-")


def test_only_changed_chunks_are_submitted_and_bad_answers_are_left_to_check(
    setup: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    fake, flags, tmp = setup
    assert run(capsys, "batch", "submit", "seed.txt", "blast.txt", *flags())[0] == 0
    fake.batch_polls = 0
    assert "0 left for 'factlint check' to ask" in run(capsys, "batch", "collect", *flags())[1]
    (tmp / "blast.txt").write_text(SECOND.replace("30 were", "31 were"), encoding="utf-8")
    ungrounded = {"claims": [{"quote": "not in the text", "figure": "9"}], "not_claims": [], "quotations": []}
    fake.enqueue(answer(answer_with_quantities(ungrounded)))
    code, said, _ = run(capsys, "batch", "submit", "seed.txt", "blast.txt", *flags())
    assert code == 0 and "1 requests from 1 drafts (" in said
    code, said, _ = run(capsys, "batch", "collect", *flags())
    assert "0 answers cached, 1 left for 'factlint check' to ask" in said
    calls = len(fake.requests)
    fake.enqueue(answer({**SECOND_ANSWER, "claims": [{**SECOND_ANSWER["claims"][0]}]}))  # type: ignore[dict-item]
    fake.enqueue(answer(answer_with_quantities({"claims": [], "quotations": [],
        "not_claims": [{"quote": "31 were injured", "figure": "31", "reason": "other"}]})))  # fmt: skip
    assert run(capsys, "check", "blast.txt", "--format", "json", *flags())[0] in (0, 1)
    assert len(fake.requests) > calls  # the ungrounded answer was not cached: check asked for it


def test_endpoint_errors_are_one_line_and_leave_no_state(setup: Any, capsys: pytest.CaptureFixture[str]) -> None:
    _, _, tmp = setup
    with FakeOpenAI() as other:
        other._upload = lambda *args: (401, error(401, f"invalid key {KEY}").body)  # type: ignore[method-assign]
        argv = ["batch", "submit", "seed.txt", "--extractor", "llm", "--base-url", other.url, "--api-key-env", KEY_ENV,
                "--cache-dir", str(tmp / "cache")]  # fmt: skip
        code, out, err = run(capsys, *argv)
    assert code == 3 and "could not upload the requests (401)" in err and KEY not in err + out
    assert err.count("\n") == 1 and not (tmp / ".factlint-batch.json").exists()


def test_an_endpoint_that_answers_with_a_web_page_is_one_line(setup: Any, capsys: pytest.CaptureFixture[str]) -> None:
    """A base URL that reaches a login page, not the API: exit 3 in one line (was exit 4, "internal error:
    AttributeError: 'str' object has no attribute 'id'")."""
    _, _, tmp = setup
    with FakeOpenAI() as other:
        other._upload = lambda *args: (200, b"<html><body>Please sign in</body></html>")  # type: ignore[method-assign]
        argv = ["batch", "submit", "seed.txt", "--base-url", other.url, "--api-key-env", KEY_ENV,
                "--cache-dir", str(tmp / "cache")]  # fmt: skip
        code, _, err = run(capsys, *argv)
    assert code == 3 and err.count("\n") == 1, err
    assert "could not upload the requests: it answered 200 with a body that is not JSON: <html><body>Please" in err
    assert not (tmp / ".factlint-batch.json").exists()


def test_a_cache_collect_cannot_write_is_one_line_and_the_job_is_collected_again(
    setup: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    """The answers are only ever in the cache: one that cannot be written (a file on its path, a full disk) was
    skipped silently, the job marked collected and its answers lost, and the next ``submit`` sent (billed) them
    again."""
    fake, flags, tmp = setup
    fake.batch_polls = 0
    assert run(capsys, "batch", "submit", "seed.txt", "blast.txt", *flags())[0] == 0
    (tmp / "blocked").write_text("a file, not a folder", encoding="utf-8")
    code, said, err = run(capsys, "batch", "collect", *flags("blocked/cache"))
    assert code == cli.ExitCode.USAGE and said == ""
    assert err.startswith(f"factlint: error: {tmp / 'blocked' / 'cache'}: cannot write the answer cache (")
    assert err.endswith("); batch-fake-1 is left to collect again\n") and err.count("\n") == 1
    code, said, _ = run(capsys, "batch", "collect", *flags())
    assert code == 0 and f"collected: {len(fake.batch_requests)} answers cached, 0 left" in said


def test_status_or_collect_with_no_jobs_leaves_no_state_file(setup: Any, capsys: pytest.CaptureFixture[str]) -> None:
    """``collect`` in a folder where nothing was submitted wrote an empty ``.factlint-batch.json`` there."""
    _, flags, tmp = setup
    assert "no batch jobs in .factlint-batch.json" in run(capsys, "batch", "status", *flags())[1]
    assert "nothing to collect in .factlint-batch.json" in run(capsys, "batch", "collect", *flags())[1]
    assert not (tmp / ".factlint-batch.json").exists()


def test_batch_without_the_cache_is_a_usage_error(setup: Any, capsys: pytest.CaptureFixture[str]) -> None:
    _, flags, tmp = setup
    code, out, err = run(capsys, "batch", "submit", "seed.txt", *flags(), "--no-cache")
    assert code == 2 and "cannot run with --no-cache" in err and not out
    assert not (tmp / ".factlint-batch.json").exists()


def test_a_state_file_that_is_not_ours_is_a_one_line_error(setup: Any, capsys: pytest.CaptureFixture[str]) -> None:
    _, flags, tmp = setup
    (tmp / ".factlint-batch.json").write_text('{"jobs": "nope"}', encoding="utf-8")
    code, _, err = run(capsys, "batch", "status", *flags())
    assert code == 2 and "not a factlint batch state file" in err and err.count("\n") == 1


def test_batch_honours_openai_base_url_as_check_does_with_the_llm_chosen(
    setup: Any, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``batch`` is the LLM chosen: an OPENAI_BASE_URL set for a local server is where the drafts go, never the
    default endpoint (was: api.openai.com, as under ``extractor = "auto"``, with the key of the environment)."""
    fake, _, tmp = setup
    monkeypatch.setattr("checker.extract.backend.DEFAULT_BASE_URL", "http://127.0.0.1:9/v1")  # nothing leaves loopback
    monkeypatch.setenv("OPENAI_BASE_URL", fake.url)
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    code, out, err = run(capsys, "batch", "submit", "blast.txt", "--model", "fake-model", "--cache-dir", str(tmp / "c"))
    assert code == 0, err
    assert len(fake.batches) == 1 and f"to fake-model at {fake.url}" in out and KEY not in out + err
    code, _, err = run(capsys, "batch", "submit", "blast.txt", "--extractor", "offline", "--cache-dir", str(tmp / "c"))
    assert code == 2 and "--extractor offline" in err and len(fake.batches) == 1


@pytest.mark.parametrize("final", ["expired", "cancelled"])
def test_an_ended_batchs_answers_are_collected_and_only_the_rest_sent_again(
    setup: Any, capsys: pytest.CaptureFixture[str], final: str
) -> None:
    """An expired or cancelled batch still has an output file for the requests it ran (OpenAI's Batch API):
    ``collect`` caches those, and the next ``submit`` sends only the rest (it sent every request again: the
    answered ones were billed twice, their answers never used)."""
    fake, flags, _ = setup
    fake.batch_polls, fake.batch_final, fake.batch_answered = 0, final, 1
    assert run(capsys, "batch", "submit", "seed.txt", "blast.txt", *flags())[0] == 0
    sent = len(fake.batch_requests)
    assert sent == 2
    code, said, _ = run(capsys, "batch", "collect", *flags())
    assert code == 0 and f"batch-fake-1: {final}," in said
    assert "collected: 1 answers cached, 1 left for 'factlint check' to ask, 0 stale" in said
    code, said, _ = run(capsys, "batch", "submit", "seed.txt", "blast.txt", *flags())
    assert code == 0 and "1 requests from 1 drafts (1 cached, 0 already submitted)" in said
    assert len(fake.batch_requests) == sent + 1


def test_an_ended_batch_not_yet_collected_holds_its_chunks_back(setup: Any, capsys: pytest.CaptureFixture[str]) -> None:
    fake, flags, _ = setup
    fake.batch_polls, fake.batch_final, fake.batch_answered = 0, "expired", 1
    assert run(capsys, "batch", "submit", "seed.txt", "blast.txt", *flags())[0] == 0
    assert "batch-fake-1: expired" in run(capsys, "batch", "status", *flags())[1]
    code, said, _ = run(capsys, "batch", "submit", "seed.txt", "blast.txt", *flags())
    assert code == 0 and "2 already submitted" in said and "factlint batch collect" in said
    assert len(fake.batches) == 1


def test_requests_in_the_error_file_are_counted_for_check_to_ask(
    setup: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    """A completed batch lists a request that failed in its error file, not its output: collect counts it."""
    fake, flags, _ = setup
    fake.batch_polls = 0
    fake.enqueue(error(500, "overloaded"))
    assert run(capsys, "batch", "submit", "seed.txt", "blast.txt", *flags())[0] == 0
    code, said, _ = run(capsys, "batch", "collect", *flags())
    assert code == 0 and "completed" in said and "1 answers cached, 1 left for 'factlint check' to ask" in said


def test_a_batch_output_in_another_order_fills_the_cache_by_custom_id(
    setup: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    fake, flags, _ = setup
    fake.batch_polls = 0
    assert run(capsys, "batch", "submit", "seed.txt", "blast.txt", *flags())[0] == 0
    fake.batches["batch-fake-1"]["_lines"].reverse()
    assert "2 answers cached, 0 left" in run(capsys, "batch", "collect", *flags())[1]
    calls = len(fake.requests)
    assert run(capsys, "check", "seed.txt", "blast.txt", *flags())[0] == 1
    assert len(fake.requests) == calls


def test_a_failed_batch_says_why_and_its_chunks_are_sent_again(setup: Any, capsys: pytest.CaptureFixture[str]) -> None:
    """A batch the provider refused as a whole shows the provider's reason (it showed only "failed")."""
    fake, flags, _ = setup
    fake.batch_polls, fake.batch_final = 0, "failed"
    fake.batch_failure = f"the model fake-model is not available in the Batch API (key {KEY})"
    assert run(capsys, "batch", "submit", "blast.txt", *flags())[0] == 0
    code, said, _ = run(capsys, "batch", "status", *flags())
    assert code == 0 and "batch-fake-1: failed, 1 requests from 1 drafts: the model fake-model is not available" in said
    assert KEY not in said
    assert "nothing to collect" in run(capsys, "batch", "collect", *flags())[1]
    fake.batch_final = "completed"
    assert (
        "1 requests from 1 drafts (0 cached, 0 already submitted)"
        in run(capsys, "batch", "submit", "blast.txt", *flags())[1]
    )


def test_transient_errors_of_the_batch_api_are_retried(setup: Any, capsys: pytest.CaptureFixture[str]) -> None:
    """A 429 or a 503 while uploading, creating, polling or downloading is waited out as check waits it out (each
    failed the command at once, exit 3)."""
    fake, flags, tmp = setup
    (tmp / ".factlint.toml").write_text("backoff_initial = 0.01\nbackoff_max = 0.02\n", encoding="utf-8")
    fake.batch_polls = 0
    busy = [error(503, "overloaded"), error(429, "slow down", headers={"retry-after": "0.01"})]
    fake.batch_faults.extend([*busy, busy[1]])  # the upload twice, then the creation once
    code, said, err = run(capsys, "batch", "submit", "blast.txt", *flags())
    assert code == 0 and "submitted batch-fake-1" in said, err
    fake.batch_faults.extend(busy * 2)  # the poll twice, the download twice
    code, said, err = run(capsys, "batch", "collect", *flags())
    assert code == 0 and "1 answers cached" in said and not fake.batch_faults, err


def test_a_batch_creation_the_server_may_have_taken_is_not_sent_twice(
    setup: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    """A 500 to the creation may come after the job was made: sending it again could bill every request twice."""
    fake, flags, _ = setup
    real, tries = fake._create_batch, []

    def flaky(body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        tries.append(body)
        return (500, error(500, "oops").body) if len(tries) == 1 else real(body)

    fake._create_batch = flaky  # type: ignore[method-assign]
    code, _, err = run(capsys, "batch", "submit", "blast.txt", *flags())
    assert code == 3 and "could not create the batch (500)" in err and not fake.batches
    # the next command asks the server which jobs it has before making this one (it made none)
    assert run(capsys, "batch", "status", *flags())[0] == 0 and len(fake.batches) == 1 and len(fake.uploads) == 1


def test_a_refused_creation_leaves_nothing_to_settle(setup: Any, capsys: pytest.CaptureFixture[str]) -> None:
    fake, flags, tmp = setup
    fake.batch_faults.extend([Reply(status=200, body={"id": "file-fake-0"}), error(400, "bad model")])
    code, _, err = run(capsys, "batch", "submit", "blast.txt", *flags())
    assert code == 3 and "could not create the batch (400)" in err
    assert json.loads((tmp / ".factlint-batch.json").read_text(encoding="utf-8"))["jobs"] == []
    code, said, _ = run(capsys, "batch", "submit", "blast.txt", *flags())
    assert code == 0 and "submitted batch-fake-1" in said and "0 already submitted" in said


def test_collect_with_another_model_leaves_the_job_for_the_right_options(
    setup: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    """Collecting with another --model or --mode made every answer stale and marked the job collected: answers
    paid for were thrown away, and check asked for them all again."""
    fake, flags, _ = setup
    fake.batch_polls = 0
    assert run(capsys, "batch", "submit", "blast.txt", *flags())[0] == 0
    code, said, _ = run(capsys, "batch", "collect", *flags(), "--model", "other-model")
    assert code == 0 and "submitted for model 'fake-model' in mode json_schema, not 'other-model'" in said
    code, said, _ = run(capsys, "batch", "collect", *flags(), "--mode", "tools")
    assert code == 0 and "not 'fake-model' in mode tools" in said
    assert (
        "1 answers cached, 0 left for 'factlint check' to ask, 0 stale" in run(capsys, "batch", "collect", *flags())[1]
    )


@pytest.mark.parametrize("reached", [True, False])
def test_a_submit_stopped_while_creating_the_job_never_makes_two(
    setup: Any, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, reached: bool
) -> None:
    """Ctrl-C (or a kill) while the job is being created, whether or not the request reached the server: the next
    command finds the job the server made, or makes it from the file already uploaded (a second submit made a
    second job of the same requests: every one billed twice)."""
    import openai.resources.batches

    fake, flags, tmp = setup
    create = openai.resources.batches.Batches.create

    def stopped(self: Any, **kwargs: Any) -> Any:
        if reached:
            create(self, **kwargs)
        raise KeyboardInterrupt

    monkeypatch.setattr(openai.resources.batches.Batches, "create", stopped)
    assert run(capsys, "batch", "submit", "blast.txt", *flags())[0] == 130
    monkeypatch.setattr(openai.resources.batches.Batches, "create", create)
    code, said, err = run(capsys, "batch", "submit", "blast.txt", *flags())
    assert code == 0 and "nothing to submit: 1 chunks in 1 drafts (0 cached, 1 already submitted)" in said, err
    assert len(fake.batches) == 1 and len(fake.uploads) == 1  # one job, from the one upload
    state = json.loads((tmp / ".factlint-batch.json").read_text(encoding="utf-8"))
    assert [job["id"] for job in state["jobs"]] == ["batch-fake-1"]
    fake.batch_polls = 0
    assert "1 answers cached" in run(capsys, "batch", "collect", *flags())[1]


def test_an_unreadable_draft_does_not_hold_back_the_others(setup: Any, capsys: pytest.CaptureFixture[str]) -> None:
    """As check reports it (FL001) and checks the rest: one line on stderr, the others submitted, exit 2 at the end
    (one stray file in years of copy stopped the whole archive's submit)."""
    _, flags, tmp = setup
    (tmp / "old.txt").write_bytes(b"caf\xe9 au lait\n")
    code, said, err = run(capsys, "batch", "submit", "seed.txt", "old.txt", "blast.txt", *flags())
    assert code == 2 and "submitted batch-fake-1" in said and "2 requests from 2 drafts" in said
    assert err.count("\n") == 1 and err.startswith("factlint: error: old.txt: not UTF-8 text")


def test_an_archive_over_the_providers_limits_goes_in_several_jobs(
    setup: Any, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """OpenAI takes at most 50,000 requests and 200 MB in one batch file: a bigger archive was one job the API
    refused. Each job now holds at most ``MAX_REQUESTS`` requests and ``MAX_BYTES`` of them."""
    fake, flags, tmp = setup
    monkeypatch.setattr("checker.extract.batch.MAX_REQUESTS", 2)
    for name in ("c", "d", "e"):
        (tmp / f"{name}.txt").write_text(SECOND.replace("Monday", f"Monday in {name.upper()}town"), encoding="utf-8")
    code, said, err = run(capsys, "batch", "submit", "blast.txt", "c.txt", "d.txt", "e.txt", *flags())
    assert code == 0, err
    assert "submitted batch-fake-1" in said and "submitted batch-fake-2" in said and len(fake.batches) == 2
    sizes = [len(fake.uploads[b["input_file_id"]]["data"].splitlines()) for b in fake.batches.values()]
    assert sizes == [2, 2]
    assert (
        "nothing to submit: 4 chunks in 4 drafts (0 cached, 4 already submitted)"
        in run(capsys, "batch", "submit", "blast.txt", "c.txt", "d.txt", "e.txt", *flags())[1]
    )
    monkeypatch.setattr("checker.extract.batch.MAX_REQUESTS", 50_000)
    monkeypatch.setattr("checker.extract.batch.MAX_BYTES", 1)  # one request a job, however large
    (tmp / "f.txt").write_text(SECOND.replace("Monday", "Monday in Ftown"), encoding="utf-8")
    (tmp / "g.txt").write_text(SECOND.replace("Monday", "Monday in Gtown"), encoding="utf-8")
    code, said, _ = run(capsys, "batch", "submit", "f.txt", "g.txt", *flags())
    assert code == 0 and len(fake.batches) == 4


def test_a_creation_left_unfinished_on_a_server_without_a_listing_is_finished(
    setup: Any, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import openai.resources.batches

    fake, flags, _ = setup
    create = openai.resources.batches.Batches.create

    def stopped(self: Any, **kwargs: Any) -> Any:
        raise KeyboardInterrupt

    monkeypatch.setattr(openai.resources.batches.Batches, "create", stopped)
    assert run(capsys, "batch", "submit", "blast.txt", *flags())[0] == 130
    monkeypatch.setattr(openai.resources.batches.Batches, "create", create)
    fake.batch_faults.append(error(404, "no such route"))  # GET /v1/batches
    code, said, err = run(capsys, "batch", "status", *flags())
    assert code == 0 and "batch-fake-1: " in said, err
    assert len(fake.batches) == 1 and len(fake.uploads) == 1
