"""Where the LLM extractor's requests go: a backend answers one chat request with one chat completion.

The extractor (``llm.py``) owns the protocol around it — cache, instructor's validation and re-asks, retries of
transient errors, deadlines, error messages — and a backend only sends. ``OpenAIBackend`` is the openai SDK
against any OpenAI-compatible endpoint; tests plug in an in-process fake (``tests/fake_backend.py``) or the
loopback server (``tests/fake_openai.py``) behind the real SDK.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any, Protocol

from checker.config import Config

if TYPE_CHECKING:
    import openai

DEFAULT_BASE_URL = "https://api.openai.com/v1"
_NO_KEY = "no-key"  # local servers ignore the key but the SDK insists on one


class Backend(Protocol):
    def complete(self, request: dict[str, Any]) -> Any:
        """One chat completion (the OpenAI response shape, with ``usage``) for ``request`` (model, messages…).

        Raises the SDK's errors (``openai.APIError`` and its kinds) for the extractor to retry or report."""
        ...

    def close(self) -> None: ...


def openai_client(config: Config) -> openai.OpenAI:
    """The SDK client for the configured endpoint: never the SDK's own reading of the environment or retries."""
    import openai

    return openai.OpenAI(
        api_key=config.api_key or _NO_KEY,
        base_url=config.base_url or DEFAULT_BASE_URL,
        timeout=config.timeout,
        max_retries=0,
    )


class OpenAIBackend:
    """The openai SDK, its client made on the first request (a run answered from the cache never imports it)."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self._client: openai.OpenAI | None = None
        self._lock = threading.Lock()

    @property
    def client(self) -> openai.OpenAI:
        with self._lock:
            if self._client is None:
                self._client = openai_client(self.config)
            return self._client

    def complete(self, request: dict[str, Any]) -> Any:
        return self.client.chat.completions.create(**request)

    def close(self) -> None:
        with self._lock:
            if self._client is not None:
                self._client.close()
