"""The LLM extractor's prompt: the template in ``prompts/`` (installed as ``checker.prompts``), the messages it
renders for a chunk, and the exact request instructor would send (``--show-prompt``), captured without a call.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import json
import logging
import string
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any

from checker.config import Config
from checker.errors import PromptError
from checker.extract import chunks as chunks_mod
from checker.extract.schema import Answer
from checker.models import Document

if TYPE_CHECKING:
    import instructor


def instructor_mode(name: str) -> instructor.Mode:
    """Instructor's mode for a config ``mode`` (instructor is imported here, when a request is prepared)."""
    import instructor

    return instructor.Mode[name.upper()]


PROMPT_FILE = "extract.toml"


@dataclass(frozen=True)
class Prompt:
    version: str
    digest: str
    system: string.Template
    user: string.Template
    coverage: string.Template
    no_context: str

    def render(self, name: str, **values: str) -> str:
        template: string.Template = getattr(self, name)
        try:
            return template.substitute(values)
        except KeyError as exc:
            raise PromptError(f"prompt {PROMPT_FILE} [{name}] uses ${exc.args[0]}, which is not provided") from None
        except ValueError as exc:
            raise PromptError(f"prompt {PROMPT_FILE} [{name}]: {exc}") from None


@functools.cache
def load_prompt(name: str = PROMPT_FILE) -> Prompt:
    """Read and check a prompt template from ``checker.prompts`` (the repository's ``prompts/``)."""
    try:
        text = resources.files("checker.prompts").joinpath(name).read_text(encoding="utf-8")
        table = tomllib.loads(text)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise PromptError(f"cannot read prompt {name}: {exc}") from None
    missing = [k for k in ("version", "system", "user", "coverage", "no_context") if not isinstance(table.get(k), str)]
    if missing:
        raise PromptError(f"prompt {name} is missing {', '.join(missing)}")
    return Prompt(
        version=table["version"],
        digest=hashlib.sha256(text.encode()).hexdigest()[:16],
        system=string.Template(table["system"]),
        user=string.Template(table["user"]),
        coverage=string.Template(table["coverage"]),
        no_context=table["no_context"],
    )


def messages_for(doc: Document, chunk: chunks_mod.Chunk, config: Config, prompt: Prompt) -> list[dict[str, Any]]:
    """The chat messages for one chunk, before instructor adds the response schema."""
    context = chunk.context_text(doc) or prompt.no_context
    return [
        {"role": "system", "content": prompt.render("system")},
        {"role": "user", "content": prompt.render("user", context=context, article=chunk.text(doc))},
    ]


def render_prompt(doc: Document, config: Config) -> str:
    """The exact first request for each chunk of ``doc`` (messages and response schema), without calling.

    Re-asks add the model's answer and the validation errors (instructor's wording) or the missed figures
    (``prompts/extract.toml`` [coverage]) to these messages.
    """
    prompt = load_prompt()
    parts: list[str] = []
    chunks = chunks_mod.split(doc, config.chunk_chars)
    for chunk in chunks:
        request = _prepared_request(messages_for(doc, chunk, config, prompt), config)
        first, last = doc.position(chunk.span.start)[0], doc.position(chunk.span.end - 1)[0]
        parts.append(
            f"# {doc.path} · chunk {chunk.index + 1}/{len(chunks)}: lines {first}-{last} · model {config.model}"
            f" · mode {config.mode} · prompt {prompt.version}"
        )
        for message in request.pop("messages"):
            parts.append(f"--- {message['role']} ---\n{message.get('content') or ''}")
        for name in ("response_format", "tools", "tool_choice"):
            if name in request:
                parts.append(f"--- {name} ---\n{json.dumps(request[name], indent=2, ensure_ascii=False)}")
    return "\n\n".join(parts) + "\n"


def request_body(messages: list[dict[str, Any]], config: Config) -> dict[str, Any]:
    """The JSON body of the first request for these messages, as the interactive extractor sends it."""
    return _prepared_request(messages, config)


class _Captured(Exception):
    def __init__(self, request: dict[str, Any]) -> None:
        super().__init__("captured")
        self.request = request


def _prepared_request(messages: list[dict[str, Any]], config: Config) -> dict[str, Any]:
    """Let instructor prepare the request for ``config.mode`` and capture it instead of sending it."""

    def capture(**kwargs: Any) -> Any:
        raise _Captured(copy.deepcopy(kwargs))

    import instructor

    create = instructor.patch(create=capture, mode=instructor_mode(config.mode))
    quiet_instructor()
    try:
        create(
            response_model=Answer,
            messages=messages,
            model=config.model,
            temperature=config.temperature,
            max_retries=0,
            strict=False,
        )
    except Exception as exc:
        captured = exc if isinstance(exc, _Captured) else exc.__cause__
        if isinstance(captured, _Captured):
            return captured.request
        raise
    raise AssertionError("instructor returned without calling the endpoint")


def quiet_instructor() -> None:
    """Silence instructor's logger.

    Instructor logs every failed attempt at ERROR with the whole completion and the server's error text, which
    may echo the API key; with no handler configured Python prints that to stderr, and log-capturing tools
    (pytest among them) collect it even from a non-propagating logger. So its records are not created at all:
    factlint reports a failure itself, as one scrubbed line, and its own debug log (``factlint.llm``) says what
    is retried and why.
    """
    logging.getLogger("instructor").setLevel(logging.CRITICAL + 1)
