"""Fixtures for the LLM tests: the loopback fake server, and a Config pointed at it with a recognisable key."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from checker.config import Config
from checker.extract import reconcile
from tests.fake_openai import FakeOpenAI, Reply, Request, answer

KEY = "sk-test-FACTLINT-a1b2c3d4e5f6-RECOGNISABLE"
KEY_ENV = "FACTLINT_TEST_LLM_KEY"


class ModelServer(FakeOpenAI):
    """The fake server, answering the cross-chunk reconciliation call itself (``reconciliation``: by default the
    chunks' quantities are all different), so tests script only the chunk answers they are about."""

    def __init__(self) -> None:
        super().__init__()
        self.reconciliation: dict[str, Any] = {"same": [], "relations": []}

    def _next(self, request: Request) -> Reply:
        if is_reconciliation(request):
            with self._lock:
                self.requests.append(request)
            return answer(self.reconciliation)
        return super()._next(request)

    @property
    def chunk_requests(self) -> list[Request]:
        return [r for r in self.requests if not is_reconciliation(r)]


def is_reconciliation(request: Request) -> bool:
    system = next((str(m.get("content", "")) for m in request.messages if m.get("role") == "system"), "")
    return system.startswith(reconcile.load_prompt().system[:40])


@pytest.fixture
def fake() -> Any:
    with ModelServer() as server:
        yield server


@pytest.fixture
def make_config(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Any:
    monkeypatch.setenv(KEY_ENV, KEY)

    def make(server: FakeOpenAI, **changes: Any) -> Config:
        values: dict[str, Any] = {
            "extractor": "llm",
            "base_url": server.url,
            "api_key_env": KEY_ENV,
            "api_key": KEY,
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
