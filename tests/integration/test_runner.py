"""Many drafts at once: worker processes offline, one request gate across drafts for the LLM; reports in order."""

from __future__ import annotations

import io
import os
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from checker import pipeline, report, runner
from checker.cli import main
from checker.config import Config
from checker.errors import ConfigError
from checker.extract.llm import LLMExtractor
from checker.models import Report
from evals.corpus import load_corpus
from tests.fake_openai import FakeOpenAI, Reply, Request, answer

OFFLINE = Config(extractor="offline")


@pytest.fixture(scope="module")
def drafts(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    folder = tmp_path_factory.mktemp("drafts")
    paths = []
    for i, article in enumerate(load_corpus()):
        path = folder / f"{i:02d}-{article.id}.txt"
        path.write_text(article.text, encoding="utf-8")
        paths.append(str(path))
    return paths


def as_json(reports: list[Any]) -> str:
    return report.render("json", reports, report.RenderOptions())


def test_parallel_reports_are_the_sequential_ones_in_input_order(drafts: list[str]) -> None:
    sequential = list(runner.reports(drafts, OFFLINE, jobs=1))
    parallel = list(runner.reports(list(reversed(drafts)), OFFLINE, jobs=2))
    assert [r.document.path for r in parallel] == list(reversed(drafts))
    assert as_json(list(reversed(parallel))) == as_json(sequential)
    assert sum(len(r.findings) for r in sequential) > 0


def test_a_bad_draft_gets_its_error_report_in_its_place(drafts: list[str], tmp_path: Path) -> None:
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"GIF89a\x00\x01")
    paths = [*drafts[:5], str(binary), *drafts[5:]]
    results = list(runner.reports(paths, OFFLINE, jobs=2))
    assert [r.document.path for r in results] == paths
    assert [bool(r.error) for r in results] == [p == str(binary) for p in paths]
    assert "looks like a binary file" in results[5].error and results[5].findings[0].code == "FL001"


@pytest.mark.parametrize(
    ("size", "ahead"),
    [
        (3 << 20, 2 * 2),  # big drafts: two a worker, the least, as the 8 MB in flight are soon reached
        (1 << 10, 16 * 2),  # small ones: up to 16 a worker, so a slow draft leaves no worker idle
    ],
)
def test_drafts_in_flight_are_bounded_by_their_bytes(tmp_path: Path, size: int, ahead: int) -> None:
    paths = []
    for i in range(40):
        path = tmp_path / f"d{i:02d}.txt"
        path.write_bytes(b"x" * size)
        paths.append(str(path))
    submitted: list[str] = []
    done: list[str] = []
    most = 0

    class Recording(ThreadPoolExecutor):
        def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
            nonlocal most
            submitted.append(args[0])
            most = max(most, len(submitted) - len(done))
            return super().submit(fn, *args, **kwargs)

    def work(item: Any, index: int) -> Any:
        return item

    with Recording(max_workers=2) as pool:
        for result in runner._in_order(pool, work, paths, workers=2):
            done.append(result)
    assert done == paths
    assert most == ahead + 1  # those ahead, and the finished one being handed to the consumer


def test_drafts_go_to_the_workers_in_batches_bounded_by_count_and_bytes(tmp_path: Path) -> None:
    sizes = [100] * 40 + [20_000, 20_000, 50_000, 10, 10]
    paths = []
    for i, size in enumerate(sizes):
        path = tmp_path / f"d{i:02d}.txt"
        path.write_bytes(b"x" * size)
        paths.append(str(path))
    batches = list(runner._batches(paths))
    assert [item for batch in batches for _, item in batch.items] == paths
    assert [index for batch in batches for index, _ in batch.items] == list(range(len(paths)))
    assert [len(batch.items) for batch in batches] == [16, 16, 8 + 1, 1, 1, 2]
    assert [batch.size for batch in batches] == [1600, 1600, 800 + 20_000, 20_000, 50_000, 20]


def test_cli_jobs_gives_the_same_report(drafts: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    outputs = []
    for jobs in ("1", "2"):
        code = main(["check", *drafts, "--extractor", "offline", "--format", "json", "--jobs", jobs])
        outputs.append((code, capsys.readouterr().out))
    assert outputs[0] == outputs[1] and outputs[0][0] == 1


def test_worker_processes_send_what_remote_makes_of_each_report(drafts: list[str]) -> None:
    made = list(runner.reports(drafts[:6], OFFLINE, jobs=2, remote=_findings_of))
    assert made == [(i, r.document.path, len(r.findings)) for i, r in enumerate(runner.reports(drafts[:6], OFFLINE))]
    # no worker process (one draft, or --jobs 1): the reports themselves, nothing to send
    assert all(isinstance(r, Report) for r in runner.reports(drafts[:3], OFFLINE, jobs=1, remote=_findings_of))


def _findings_of(made: Report, index: int) -> tuple[int, str, int]:
    return index, made.document.path, len(made.findings)


def test_a_jobs_run_renders_in_the_workers_and_sends_the_parent_text(drafts: list[str]) -> None:
    """What the CLI's parent gets with --jobs 2: each report already rendered, not the report."""
    plan = report.Plan.of([("json", "-"), ("text", "out.txt")], report.RenderOptions())
    received = list(pipeline.rendered(drafts[:6], OFFLINE, plan.render, jobs=2))
    assert [type(r) for r in received] == [report.Rendered] * 6
    assert all(isinstance(part, tuple) and isinstance(part[1], str) for r in received for part in r.parts)
    assert [type(r) for r in pipeline.rendered(drafts[:6], OFFLINE, plan.render, jobs=1)] == [Report] * 6


def test_jobs_with_a_baseline_give_the_same_outputs_exit_code_and_notes(
    drafts: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The baseline is applied in the worker processes, before rendering, as one process applies it; a draft
    named twice (read from stdin under its name, and as a file: one baseline entry for both) is matched in the
    parent instead. (Two spellings of one path are one draft: ``checker.discover``.)"""
    monkeypatch.chdir(tmp_path)
    assert main(["baseline", *drafts[:6], "-o", "base.json", "--extractor", "offline", "-q"]) == 0
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"GIF89a\x00\x01")
    twice = os.path.relpath(drafts[1], tmp_path)
    for paths in ([*drafts, binary.name], [drafts[1], "-", *drafts[2:5]]):
        runs = []
        for jobs in ("1", "2"):
            stdin = io.TextIOWrapper(io.BytesIO(Path(drafts[1]).read_bytes()), encoding="utf-8")
            monkeypatch.setattr(sys, "stdin", stdin)
            argv = ["check", *paths, "--extractor", "offline", "--format", "json", "--baseline", "base.json"]
            argv += ["--stdin-filename", twice]
            code = main([*argv, "--output", "text=out.txt", "--output", "sarif=out.sarif", "--jobs", jobs])
            out, err = capsys.readouterr()
            runs.append((code, out, err, Path("out.txt").read_text(), Path("out.sarif").read_text()))
        assert runs[0] == runs[1]
        assert "accepted findings in base.json not shown" in runs[0][2]
    assert runs[0][0] == 1 and '"findings": []' in runs[0][1] and '"code": "FL' in runs[0][1]


def test_negative_jobs_is_a_usage_error(drafts: list[str]) -> None:
    with pytest.raises(ConfigError, match="--jobs -1"):
        list(runner.reports(drafts, OFFLINE, jobs=-1))


def test_llm_requests_share_one_gate_across_drafts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Eight two-chunk drafts, concurrency 3: without a shared gate 3 drafts would send 6 requests at once; one
    draft at a time would send at most 2."""
    lock = threading.Lock()
    state = {"now": 0, "most": 0}

    class Counting(FakeOpenAI):
        def _next(self, request: Request) -> Reply:
            with lock:
                state["now"] += 1
                state["most"] = max(state["most"], state["now"])
            return super()._next(request)

        def _render(self, request: Request, reply: Reply) -> tuple[int, dict[str, str], bytes]:
            with lock:
                state["now"] -= 1
            return super()._render(request, reply)

    monkeypatch.setenv("FACTLINT_TEST_RUNNER_KEY", "sk-test")
    paths = []
    for i in range(8):
        path = tmp_path / f"d{i}.txt"
        text = f"Police said {i + 10} people were killed.\n\nThe mayor said {i} were hurt.\n"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    empty = {"claims": [], "not_claims": [], "quotations": []}
    with Counting(lambda request: answer(empty, delay=0.15)) as fake:
        config = Config(
            extractor="llm", base_url=fake.url, api_key_env="FACTLINT_TEST_RUNNER_KEY", model="m", cache=False,
            concurrency=3, timeout=5.0, chunk_chars=40,
        )  # fmt: skip
        results = list(runner.reports(paths, config, extractor=LLMExtractor(config)))
    assert [r.document.path for r in results] == paths
    assert state["most"] == 3  # several drafts at once, and never more than the gate allows
