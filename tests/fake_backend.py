"""An in-process LLM backend for unit tests (simonw/llm's ``MockModel``): answers are queued, requests recorded.

It plugs into ``LLMExtractor(config, backend=...)`` where the openai SDK would (``checker.extract.backend``);
no socket, no SDK client. The loopback server (``tests/fake_openai.py``) still tests the real SDK path.
"""

from __future__ import annotations

import json
from collections import deque
from typing import Any

from checker.config import Config


class FakeBackend:
    """``enqueue(answer, …)``: each request takes the next answer (a dict the model would return, or an
    exception to raise); ``requests`` holds what was sent. Call the instance with a Config to plug it in."""

    def __init__(self) -> None:
        self.queue: deque[Any] = deque()
        self.requests: list[dict[str, Any]] = []
        self.closed = 0

    def enqueue(self, *answers: Any) -> FakeBackend:
        self.queue.extend(answers)
        return self

    def __call__(self, config: Config) -> FakeBackend:
        return self

    def complete(self, request: dict[str, Any]) -> Any:
        from openai.types.chat import ChatCompletion

        self.requests.append(request)
        if not self.queue:
            raise AssertionError("FakeBackend: no answer queued for this request")
        answer = self.queue.popleft()
        if isinstance(answer, BaseException):
            raise answer
        text = json.dumps(answer, ensure_ascii=False)
        return ChatCompletion.model_validate(
            {
                "id": f"fake-{len(self.requests)}",
                "object": "chat.completion",
                "created": 0,
                "model": request.get("model", "fake"),
                "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": text}}],
                "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15},
            }
        )

    def close(self) -> None:
        self.closed += 1
