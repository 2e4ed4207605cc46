"""A re-run answered from the cache makes no calls and never imports the SDK stack (openai, instructor, tenacity)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from checker.cli import main
from tests.fake_openai import FakeOpenAI
from tests.integration.test_llm_extract import KEY, KEY_ENV, SEED, seed_responder

STACK = ("openai", "instructor", "tenacity")


def test_warm_rerun_imports_no_llm_stack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(KEY_ENV, KEY)
    with FakeOpenAI(seed_responder) as fake:
        argv = ["check", str(SEED), "--extractor", "llm", "--base-url", fake.url, "--api-key-env", KEY_ENV]
        argv += ["--model", "fake-model", "--cache-dir", str(tmp_path / "cache"), "--format", "json"]
        assert main(argv) == 1  # the seed has contradictions
        cold = len(fake.requests)
        assert cold > 0
        probe = (
            "import sys; from checker.cli import main; code = main(sys.argv[1:]);"
            f"print(code, sorted(m for m in {STACK!r} if m in sys.modules), file=sys.stderr)"
        )
        env = {**os.environ, KEY_ENV: KEY}
        done = subprocess.run(
            [sys.executable, "-c", probe, *argv], capture_output=True, text=True, check=False, env=env, cwd=tmp_path
        )
        assert done.stderr.strip().splitlines()[-1] == "1 []"
        assert '"calls": 0' in done.stdout and len(fake.requests) == cold
