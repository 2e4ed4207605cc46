"""Fixtures for the LLM tests: the loopback fake server, and a Config pointed at it with a recognisable key."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from checker.config import Config
from tests.fake_openai import FakeOpenAI

KEY = "sk-test-FACTLINT-a1b2c3d4e5f6-RECOGNISABLE"
KEY_ENV = "FACTLINT_TEST_LLM_KEY"


@pytest.fixture
def fake() -> Any:
    with FakeOpenAI() as server:
        yield server


@pytest.fixture
def make_config(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Any:
    monkeypatch.setenv(KEY_ENV, KEY)

    def make(server: FakeOpenAI, **changes: Any) -> Config:
        values: dict[str, Any] = {
            "extractor": "llm",
            "base_url": server.url,
            "api_key_env": KEY_ENV,
            "model": "fake-model",
            "cache_dir": str(tmp_path / "cache"),
            "timeout": 5.0,
            "max_retries": 2,
            "reasks": 2,
            "concurrency": 4,
        }
        values.update(changes)
        return Config(**values)

    return make
