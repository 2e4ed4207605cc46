"""Where the LLM extractor's requests go: the OpenAI-compatible endpoint, through instructor and tenacity.

A backend answers one chat request with one chat completion: ``OpenAIBackend`` is the openai SDK against any
OpenAI-compatible endpoint; tests plug in an in-process fake (``tests/fake_backend.py``) or the loopback server
(``tests/fake_openai.py``) behind the real SDK. ``Requests`` is one extract call's traffic over it: instructor's
structured answers (parse, validate, re-ask), tenacity's retries of transient errors (429, 5xx, timeouts and
connection errors, with exponential backoff that honours ``retry-after``; the SDK's own retries are off so there
is one retry policy; 401/403/404/400 fail at once), every request bounded by the timeout and the run's deadline
(``deadline.py``), and the SDK's errors turned into factlint's (the API key scrubbed from them). openai,
instructor and tenacity are imported on the first request, never on a run the cache answers.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

import pydantic

from checker.config import Config
from checker.errors import DraftExtractionError, EndpointError, ExtractionError
from checker.extract import deadline
from checker.extract.prompt import instructor_mode
from checker.extract.retry import Backoff, NotAnAnswer, is_refused, is_transient, retry_after
from checker.extract.tally import Count, Tally
from checker.progress import Progress

if TYPE_CHECKING:  # imported on the first cache miss, not before
    import openai
    from tenacity import RetryCallState

log = logging.getLogger("factlint.llm")
M = TypeVar("M", bound=pydantic.BaseModel)

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


class Requests:
    """One extract call's requests: structured answers with re-asks, retries, deadlines and factlint's errors."""

    def __init__(
        self,
        config: Config,
        backend: Backend,
        *,
        gate: threading.BoundedSemaphore,
        progress: Progress,
        backoff: Backoff,
        until: float,
        abort: threading.Event,
        tally: Tally,
        endpoint: str,
        redact: Callable[[str], str],
    ) -> None:
        self.config = config
        self.backend = backend
        self.gate = gate  # shared by every draft checked at once
        self.progress = progress
        self.backoff = backoff
        self.deadline = until  # time.monotonic() by which the run's requests must be done
        self.abort = abort
        self.tally = tally
        self.endpoint = endpoint
        self.redact = redact

    def ask(
        self,
        response_model: type[M],
        messages: list[dict[str, Any]],
        requests: Count,
        *,
        chunk: int,
        where: str,
        attempt: Callable[[int], None],
    ) -> M:
        """One instructor call: up to ``1 + reasks`` answers, each sent with transient-error retries.

        ``attempt`` is told the number of each answer before it is asked for; a failure is raised as factlint's
        error, ``where`` its beginning.
        """
        answers = Count()
        last: list[Any] = []  # the last completion, whatever instructor made of it

        def send(**kwargs: Any) -> Any:
            answers.n += 1
            attempt(answers.n)
            last[:] = [self.send(kwargs, requests, chunk)]
            return last[0]

        try:
            answer = self._structured(send, response_model, messages)
        except Exception as exc:
            failure = _failure(self, exc, where, answers.n, _refusal(last[0]) if last else "")
        else:
            return answer
        # Raised outside the except block so it carries no __context__: the SDK's exception holds the request,
        # whose headers hold the API key, and tools that render exception chains (with locals) would show it.
        raise failure

    def answer_or_none(
        self, response_model: type[M], messages: list[dict[str, Any]], requests: Count, *, invalid: str
    ) -> M | None:
        """instructor's answer, or None (logged with ``invalid``) when none fits the schema after the re-asks."""
        from instructor.core import InstructorRetryException

        try:
            return self._structured(lambda **kwargs: self.send(kwargs, requests), response_model, messages)
        except (InstructorRetryException, pydantic.ValidationError) as exc:
            log.debug("%s: %s", invalid, exc)
            return None

    def _structured(self, send: Callable[..., Any], response_model: type[M], messages: list[dict[str, Any]]) -> M:
        """instructor over ``send``: the answer parsed into ``response_model``, re-asked up to ``reasks`` times."""
        import instructor

        create = instructor.patch(create=send, mode=instructor_mode(self.config.mode))
        answer: M = create(
            response_model=response_model,
            messages=messages,
            model=self.config.model,
            temperature=self.config.temperature,
            max_retries=self.config.reasks,
            strict=False,
        )
        return answer

    def send(self, kwargs: dict[str, Any], requests: Count, chunk: int = 0) -> Any:
        """One answer from the endpoint, retrying transient errors. Counts calls and tokens."""
        import openai
        from tenacity import Retrying, retry_if_exception, stop_after_attempt

        tries = Count()
        progress = self.progress

        def call(request: dict[str, Any]) -> Any:
            with self.gate:  # shared by every draft checked at once
                number = requests.n
                progress.request(chunk, number)
                try:
                    return self.request(request)
                finally:
                    progress.answered(chunk, number)

        def before(state: RetryCallState) -> None:
            if self.abort.is_set():
                raise Aborted()
            if time.monotonic() >= self.deadline:
                raise OutOfTime()
            tries.n += 1
            requests.n += 1
            self.tally.add(calls=1)

        def pause(state: RetryCallState) -> float:
            exc = state.outcome.exception() if state.outcome else None
            seconds = self.backoff.wait(state.attempt_number, retry_after(exc) if exc else None)
            log.debug("transient error (%s); waiting %.2fs", type(exc).__name__, seconds)
            return seconds

        attempts = stop_after_attempt(self.config.max_retries + 1)
        retrying = Retrying(
            retry=retry_if_exception(is_transient),
            stop=lambda state: attempts(state) or _refused_twice(state) or _asks_too_long(state, self.backoff),
            wait=pause,
            before=before,
            sleep=self.sleep,
            reraise=True,
        )

        try:
            response = retrying(call, kwargs)
        except (openai.APIError, deadline.Expired, NotAnAnswer) as exc:
            exc.factlint_tries = tries.n  # type: ignore[union-attr]
            raise
        usage = getattr(response, "usage", None)
        self.tally.add(
            tokens_in=int(getattr(usage, "prompt_tokens", 0) or 0),
            tokens_out=int(getattr(usage, "completion_tokens", 0) or 0),
        )
        return response

    def request(self, kwargs: dict[str, Any]) -> Any:
        """One HTTP request, given up on after ``timeout`` seconds in all or at the run's deadline, whichever is
        first (a server that drips bytes included), and at once when the run is stopped."""
        until = min(time.monotonic() + self.config.timeout, self.deadline)
        try:
            response = deadline.call_within(lambda: self.backend.complete(kwargs), until, self.abort)
        except json.JSONDecodeError as exc:  # the SDK's reading of a body sent as JSON
            raise NotAnAnswer(self.redact(not_json(exc.doc))) from None
        except deadline.Stopped:
            raise Aborted() from None
        except deadline.Expired:
            if time.monotonic() >= self.deadline:
                raise OutOfTime() from None
            raise  # transient, like the SDK's own timeout
        if isinstance(response, str):  # the SDK hands back a body that is not JSON (text/html…) as text
            raise NotAnAnswer(self.redact(not_json(response)))
        if not getattr(response, "choices", None):
            raise NotAnAnswer("an answer with no choices")
        return response

    def sleep(self, seconds: float) -> None:
        """Wait, but wake up early when another chunk has failed, and never past the run's deadline."""
        try:
            deadline.pause(seconds, self.deadline, self.abort)
        except deadline.Stopped:
            raise Aborted() from None
        except deadline.Expired:
            raise OutOfTime() from None


class Aborted(Exception):
    """Another chunk failed, or the user stopped the run; stop this one now."""


class OutOfTime(Exception):
    """The run's deadline (``config.deadline``) passed."""


def _refused_twice(state: RetryCallState) -> bool:
    """Stop retrying a connection that could not be made, after one more try (the endpoint is not there).

    A function, not a ``tenacity.stop.stop_base`` subclass, so that tenacity is imported on a cache miss only.
    """
    exc = state.outcome.exception() if state.outcome else None
    return state.attempt_number >= 2 and exc is not None and is_refused(exc)


def _asks_too_long(state: RetryCallState, backoff: Backoff) -> bool:
    """Stop when the server's ``retry-after`` is longer than factlint waits: asking sooner cannot help."""
    exc = state.outcome.exception() if state.outcome else None
    seconds = retry_after(exc) if exc is not None else None
    return seconds is not None and seconds > backoff.retry_after_cap


class InvalidAnswerError(DraftExtractionError):
    """The endpoint answered, but never with JSON that fits the schema (after the re-asks)."""


class ChunkTooLongError(EndpointError, DraftExtractionError):
    """The endpoint refused a chunk of this draft as longer than the model's context: the endpoint's refusal,
    and this draft's failure (a shorter draft's chunks fit)."""


def _failure(x: Requests, exc: Exception, where: str, answers: int, refusal: str = "") -> Exception:
    """The one-line error for a chunk that could not be extracted (the API key scrubbed from it); ``refusal``:
    the last answer's, when the model declined to answer."""
    import openai
    from instructor.core import IncompleteOutputException, InstructorRetryException

    cause: BaseException = exc
    while isinstance(cause, InstructorRetryException) and cause.__cause__ is not None:
        cause = cause.__cause__
    if isinstance(cause, Aborted):
        return cause
    endpoint, model, tries = x.endpoint, x.config.model, int(getattr(cause, "factlint_tries", 1))
    if isinstance(cause, OutOfTime):
        return ExtractionError(f"{where}: gave up on {endpoint}: the run's deadline of {x.config.deadline:g}s passed")
    if isinstance(cause, openai.APIStatusError):
        detail = x.redact(server_message(cause))
        status = cause.status_code
        tail = f": {detail}" if detail else ""
        wait = retry_after(cause)
        if is_transient(cause) and wait is not None and wait > x.backoff.retry_after_cap:
            message = (
                f"{where}: {endpoint} answered {status} and asks to wait {wait:g}s (retry-after), longer than"
                f" factlint waits ({x.backoff.retry_after_cap:g}s){tail}"
            )
            return ExtractionError(message, attempts=tries, last_response=detail)
        if is_transient(cause):
            message = f"{where}: {endpoint} answered {status} to all {tries} attempts{tail}"
            return ExtractionError(message, attempts=tries, last_response=detail)
        if isinstance(cause, openai.AuthenticationError):
            message = f"{endpoint} rejected the API key (401); check ${x.config.api_key_env}"
        elif isinstance(cause, openai.PermissionDeniedError):
            message = f"{endpoint} refused access to model {model!r} (403)"
        elif isinstance(cause, openai.NotFoundError):
            message = f"model {model!r} not found at {endpoint} (404; check the model name and base URL)"
        elif cause.code == "insufficient_quota":
            message = f"{endpoint} refused the request: the account's quota is used up ({status})"
        elif cause.code == "context_length_exceeded":  # this draft's chunk: the others may fit
            message = (
                f"{endpoint} refused the request ({status}): the chunk is too long for the model; lower chunk_chars"
            )
            return ChunkTooLongError(f"{where}: {message}{tail}", attempts=tries, last_response=detail)
        else:
            message = f"{endpoint} refused the request ({status})"
            if status == 400 and x.config.mode != "md_json":
                message += f"; if the server does not support mode {x.config.mode}, try mode md_json"
        return EndpointError(f"{where}: {message}{tail}", attempts=tries, last_response=detail)
    if isinstance(cause, NotAnAnswer):
        message = f"{where}: {endpoint} answered 200 with {cause} ({tries} attempts); is base_url the API's URL?"
        return ExtractionError(message, attempts=tries)
    if isinstance(cause, (openai.APITimeoutError, deadline.Expired)):
        return ExtractionError(
            f"{where}: no answer from {endpoint} within {x.config.timeout:g}s ({tries} attempts)", attempts=tries
        )
    if isinstance(cause, openai.APIConnectionError):
        return ExtractionError(f"{where}: cannot connect to {endpoint} ({tries} attempts)", attempts=tries)
    if refusal and not isinstance(cause, openai.APIError):  # instructor reads it as bad JSON or an assertion
        return InvalidAnswerError(
            f"{where}: the model refused ({answers} attempts): {x.redact(_first_line(refusal))}", attempts=answers
        )
    if isinstance(cause, IncompleteOutputException):
        return DraftExtractionError(f"{where}: the answer was cut off at the token limit; lower chunk_chars")
    if isinstance(cause, (pydantic.ValidationError, ValueError)):
        reason = x.redact(_invalid(cause))
        return InvalidAnswerError(
            f"{where}: no valid answer after {answers} attempts: {reason}",
            attempts=answers,
            last_response=x.redact(_last_answer(exc)),
        )
    return ExtractionError(f"{where}: {type(cause).__name__}: {x.redact(_first_line(str(cause)))}")


def server_message(exc: openai.APIStatusError) -> str:
    body = exc.body
    if isinstance(body, dict):
        error = body.get("error", body)
        if isinstance(error, dict) and isinstance(error.get("message"), str):
            return _first_line(error["message"])
        if isinstance(error, str):
            return _first_line(error)
    text = getattr(exc.response, "text", "") or ""
    return _first_line(text)


def _invalid(exc: ValueError) -> str:
    """What is wrong with an answer: pydantic's first error, where it is and what ("claims: Input should be a valid
    array"), not the heading of its list ("1 validation error for Answer"); no input value (the draft's text)."""
    if not isinstance(exc, pydantic.ValidationError) or not exc.errors():
        return _first_line(str(exc))
    errors = exc.errors(include_url=False, include_input=False, include_context=False)
    where = ".".join(str(part) for part in errors[0]["loc"])
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return _first_line(f"{where}: {errors[0]['msg']}" if where else errors[0]["msg"]) + more


def not_json(body: str) -> str:
    """What came back instead of the API's JSON, in a few words and the body's first 80 characters."""
    line = _first_line(body, 80)
    return f"a body that is not JSON: {line}" if line else "an empty body"


def _first_line(text: str, limit: int = 300) -> str:
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _refusal(completion: Any) -> str:
    """The text of a model's refusal (OpenAI's ``message.refusal``), or ""."""
    try:
        refusal = completion.choices[0].message.refusal
    except (AttributeError, IndexError, TypeError):
        return ""
    return refusal if isinstance(refusal, str) else ""


def _last_answer(exc: Exception) -> str:
    completion = getattr(exc, "last_completion", None)
    try:
        message = completion.choices[0].message  # type: ignore[union-attr]
        if message.tool_calls:
            return str(message.tool_calls[0].function.arguments)[:2000]
        return str(message.content or "")[:2000]
    except (AttributeError, IndexError, TypeError):
        return ""
