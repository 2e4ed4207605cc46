"""The LLM extractor: instructor over a backend (``backend.py``: the openai SDK, any OpenAI-compatible endpoint).

For each chunk of paragraphs (``chunks.split``), concurrently up to ``config.concurrency``:

1. cache lookup (``cache.py``): an unchanged chunk costs no call;
2. request: tenacity retries 429, 5xx, timeouts and connection errors with exponential backoff that honours
   ``retry-after``; the SDK's own retries are off so there is one retry policy. 401/403/404/400 fail at once;
3. parse and validate (``schema.Answer``): a quote that is not verbatim in the chunk (or a quotation's opening
   words that are not inside quotation marks there) fails validation and instructor re-asks (``config.reasks``
   times); on the last attempt ungrounded claims and quotations are dropped and counted;
4. coverage guard (``coverage.py``): figures in the chunk that are neither claimed nor declared not-a-claim
   get one targeted re-ask; any still missing are reported as unreviewed;
5. the answer is cached, then grounded in the document (offsets computed here, never taken from the model),
   de-duplicated across chunk windows and numbered. Each passage in quotation marks takes the speaker the model
   gave it; one the model did not list falls back to the source of a claim inside it, else to the cue around it.

A chunk that still fails raises ExtractionError (EndpointError for a refused request): never a partial report.
The one exception is a coverage re-ask that returns no valid answer: the first answer stands and the missed
figures are reported as unreviewed. The API key is only passed to the SDK; error messages are scrubbed of it,
and it is never cached or logged.

Statistics: ``calls`` counts HTTP requests; ``retries`` the requests beyond the first for a chunk (transient
errors, validation re-asks and the coverage re-ask); ``dropped_claims`` and ``dropped_quotations`` the claims and
quotations dropped as ungrounded (a cached answer keeps its counts, so a re-run reports the same).
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

import pydantic

from checker.config import Config
from checker.errors import ConfigError, EndpointError, ExtractionError
from checker.extract import assembly, cache as cache_mod, chunks as chunks_mod, coverage, deadline, reconcile
from checker.extract.backend import Backend, OpenAIBackend, openai_client
from checker.extract.caps import capped
from checker.extract.grounding import Grounded
from checker.extract.prompt import Prompt, instructor_mode, load_prompt, messages_for, quiet_instructor
from checker.extract.retry import Backoff, is_refused, is_transient, retry_after
from checker.extract.schema import Answer, ChunkContext, bound_chunk, merge, schema_hash
from checker.extract.tally import Tally
from checker.models import (
    Document,
    Extraction,
)
from checker.progress import Progress

if TYPE_CHECKING:  # openai, instructor and tenacity are imported on the first cache miss, not before
    import openai
    from tenacity import RetryCallState

log = logging.getLogger("factlint.llm")


class _Aborted(Exception):
    """Another chunk failed, or the user stopped the run; stop this one now."""


class _OutOfTime(Exception):
    """The run's deadline (``config.deadline``) passed."""


def _refused_twice(state: RetryCallState) -> bool:
    """Stop retrying a connection that could not be made, after one more try (the endpoint is not there).

    A function, not a ``tenacity.stop.stop_base`` subclass, so that tenacity is imported on a cache miss only.
    """
    exc = state.outcome.exception() if state.outcome else None
    return state.attempt_number >= 2 and exc is not None and is_refused(exc)


class InvalidAnswerError(ExtractionError):
    """The endpoint answered, but never with JSON that fits the schema (after the re-asks)."""


# --- the extractor --------------------------------------------------------------------------------------


@dataclass
class _Counter:
    n: int = 0


class LLMExtractor:
    """Extract claims with an LLM. ``backoff`` and ``cache`` are injectable (tests keep waits tiny)."""

    name = "llm"

    def __init__(
        self,
        config: Config,
        *,
        backoff: Backoff | None = None,
        cache: cache_mod.Cache | None = None,
        backend: Callable[[Config], Backend] = OpenAIBackend,
    ) -> None:
        if not config.api_key and not config.base_url:  # a configuration error (exit 2), found before any work
            raise ConfigError(
                f"no API key: set ${config.api_key_env}, or set base_url for a local OpenAI-compatible server"
            )
        self.config = config
        self.backend = backend  # one per extract call (its client is closed when the draft is done)
        self.backoff = backoff or Backoff(initial=config.backoff_initial, maximum=config.backoff_max)
        self.cache = cache or cache_mod.Cache.for_config(config.cache, config.cache_dir)
        self.prompt = load_prompt()
        self.progress = Progress()  # the CLI sets one that draws on a terminal (checker.progress)
        self.deadline = 0.0  # time.monotonic() by which the run's requests must be done; set by the first extract
        # One gate for every draft this extractor checks (``runner`` checks several at once): at most
        # ``concurrency`` requests are in flight in all.
        self.gate = threading.BoundedSemaphore(config.concurrency)

    def extract(self, doc: Document) -> Extraction:
        self.deadline = self.deadline or time.monotonic() + self.config.deadline
        chunks = chunks_mod.split(doc, self.config.chunk_chars)
        self.progress.chunks(len(chunks), self.endpoint)
        quiet_instructor()
        run = _Run(self, doc)
        try:
            results = run.all(chunks)
            names = assembly.QuantityNames(results, run.reconcile(results) if len(results) > 1 else None)
        finally:
            run.close()
        claims, unreviewed = assembly.assemble(doc, results, self.config, run.tally, run.counting, names, run.grounded)
        quotations = assembly.quotations(doc, claims, assembly.spoken(doc, results, self.config, run.tally))
        quantities, relations = assembly.quantities(results, names)
        return Extraction(
            self.name,
            claims,
            quotations,
            unreviewed,
            run.tally.stats(),
            model=self.describe(),
            quantities=quantities,
            relations=relations,
        )

    def describe(self) -> str:
        return f"{self.config.model} at {self.endpoint}"

    @property
    def endpoint(self) -> str:
        """The base URL without any user:password part, for messages."""
        if not self.config.base_url:
            return "api.openai.com"
        parts = urlsplit(self.config.base_url)
        host = parts.hostname or ""
        netloc = f"{host}:{parts.port}" if parts.port else host
        return urlunsplit((parts.scheme, netloc, parts.path, "", ""))

    def redact(self, text: str) -> str:
        key = self.config.api_key
        return text.replace(key, "***") if key and len(key) >= 4 else text

    def _client(self) -> openai.OpenAI:
        """The SDK client (the Batch API's jobs, ``batch.py``, go through it too)."""
        return openai_client(self.config)


class _Run:
    """One ``extract`` call: the client, the statistics, and the flag that stops all chunks when one fails."""

    def __init__(self, extractor: LLMExtractor, doc: Document) -> None:
        self.x = extractor
        self.config = extractor.config
        self.doc = doc
        self.backend = extractor.backend(self.config)
        self.tally = Tally()
        self.abort = threading.Event()
        self.counting = coverage.Counting(doc, self.config.taxonomy, self.config.tolerance)
        self.grounded = Grounded(doc, self.config.taxonomy, self.config.tolerance)

    def close(self) -> None:
        self.backend.close()

    def all(self, chunks: list[chunks_mod.Chunk]) -> list[assembly.ChunkResult]:
        if not chunks:
            return []
        workers = max(1, min(self.config.concurrency, len(chunks)))
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="factlint-llm") as pool:
            futures = [pool.submit(self.chunk, chunk) for chunk in chunks]
            try:
                wait(futures, return_when=FIRST_EXCEPTION)
            except BaseException:  # Ctrl-C or SIGTERM: every worker stops within deadline.POLL seconds
                self.abort.set()
                for future in futures:
                    future.cancel()
                raise
            if any(f.done() and not f.cancelled() and f.exception() for f in futures):
                self.abort.set()
                for future in futures:
                    future.cancel()
                wait(futures)
                errors = [e for f in futures if not f.cancelled() and (e := f.exception()) is not None]
                raise next((e for e in errors if not isinstance(e, _Aborted)), errors[0])
            return [f.result() for f in futures]

    def chunk(self, chunk: chunks_mod.Chunk) -> assembly.ChunkResult:
        doc, config, prompt = self.doc, self.config, self.x.prompt
        messages = messages_for(doc, chunk, config, prompt)
        digest = chunk_key(config, prompt, messages)
        text = text_key(doc, chunk)
        hit = self.x.cache.get(digest)
        if hit is not None:
            try:
                if hit.get("text") != text:  # an entry for another chunk (copied, tampered, colliding) is a miss
                    raise ValueError("cache entry is for another text")
                context = ChunkContext(doc, chunk.region, config.taxonomy, config.tolerance, grounded=self.grounded)
                with bound_chunk(context):  # and so is one whose quotes are not in this chunk
                    cached = Answer.model_validate(capped(hit["answer"]))
                result = assembly.ChunkResult(
                    chunk, cached, int(hit.get("dropped", 0)), int(hit.get("dropped_quotations", 0))
                )
            except (KeyError, TypeError, ValueError):
                log.debug("ignoring a cache entry that does not fit this chunk: %s", digest)
            else:
                self.tally.add(cache_hits=1)
                self.x.progress.chunk_done(chunk.index, cached=True)
                return result
        requests = _Counter()
        try:
            answer, dropped, unquoted = self.ask(chunk, messages, requests)
            missing = coverage.uncovered(
                doc,
                chunk.span,
                assembly.covered(doc, chunk, answer, config, self.counting, self.grounded),
                config.tolerance,
            )
            if missing:
                log.debug("chunk %d: %d figures not covered; asking once more", chunk.index + 1, len(missing))
                figures = coverage.describe(doc, chunk.span, missing)
                followup = [
                    *messages,
                    {"role": "assistant", "content": answer.model_dump_json()},
                    {"role": "user", "content": prompt.render("coverage", figures=figures)},
                ]
                try:
                    second, more, more_unquoted = self.ask(chunk, followup, requests)
                except InvalidAnswerError as exc:  # keep the first answer; the figures are reported unreviewed
                    log.debug("chunk %d: coverage re-ask gave no valid answer: %s", chunk.index + 1, exc)
                else:
                    answer, dropped, unquoted = merge(answer, second), dropped + more, unquoted + more_unquoted
        finally:
            self.tally.add(retries=max(0, requests.n - 1))
        self.x.cache.put(digest, cache_entry(answer, dropped, unquoted, text))
        self.x.progress.chunk_done(chunk.index)
        return assembly.ChunkResult(chunk, answer, dropped, unquoted)

    def reconcile(self, results: list[assembly.ChunkResult]) -> reconcile.Reconciliation | None:
        """One call over the chunks' quantity descriptions (cached like a chunk); None when there is nothing to
        reconcile or the answer never fits the schema (the chunks' quantities then stay apart)."""
        listed = [(r.chunk.index, q) for r in results for q in r.answer.quantities]
        if len({index for index, _ in listed}) < 2:
            return None
        config, prompt = self.config, reconcile.load_prompt()
        messages = reconcile.messages(listed)
        digest = cache_mod.key(
            model=config.model,
            mode=config.mode,
            temperature=config.temperature,
            prompt=prompt.version,
            prompt_hash=prompt.digest,
            schema=json.dumps(reconcile.Reconciliation.model_json_schema(), sort_keys=True),
            messages=messages,
        )
        hit = self.x.cache.get(digest)
        if hit is not None:
            try:
                self.tally.add(cache_hits=1)
                return reconcile.Reconciliation.model_validate(hit["answer"])
            except (KeyError, TypeError, ValueError):
                log.debug("ignoring a reconciliation cache entry that does not parse: %s", digest)
        import instructor
        from instructor.core import InstructorRetryException

        requests = _Counter()
        create = instructor.patch(
            create=lambda **kwargs: self.send(kwargs, requests), mode=instructor_mode(config.mode)
        )
        try:
            answer: reconcile.Reconciliation = create(
                response_model=reconcile.Reconciliation,
                messages=messages,
                model=config.model,
                temperature=config.temperature,
                max_retries=config.reasks,
                strict=False,
            )
        except (InstructorRetryException, pydantic.ValidationError) as exc:
            log.debug("reconciliation gave no valid answer; chunks keep their own quantities: %s", exc)
            return None
        finally:
            self.tally.add(retries=max(0, requests.n - 1))
        self.x.cache.put(digest, {"answer": answer.model_dump(mode="json")})
        return answer

    def ask(
        self, chunk: chunks_mod.Chunk, messages: list[dict[str, Any]], requests: _Counter
    ) -> tuple[Answer, int, int]:
        """One instructor call: up to ``1 + reasks`` answers, each sent with transient-error retries.

        Returns the answer and how many ungrounded claims and quotations the last attempt dropped.
        """
        import instructor

        context = ChunkContext(
            self.doc, chunk.region, self.config.taxonomy, self.config.tolerance, grounded=self.grounded
        )
        answers = _Counter()

        def send(**kwargs: Any) -> Any:
            answers.n += 1
            context.lenient = answers.n > self.config.reasks
            return self.send(kwargs, requests, chunk.index)

        create = instructor.patch(create=send, mode=instructor_mode(self.config.mode))
        try:
            with bound_chunk(context):
                answer: Answer = create(
                    response_model=Answer,
                    messages=messages,
                    model=self.config.model,
                    temperature=self.config.temperature,
                    max_retries=self.config.reasks,
                    strict=False,
                )
        except Exception as exc:
            failure = _failure(self.x, exc, self.doc, chunk, answers.n)
        else:
            answer = Answer.model_validate(capped(answer.model_dump(mode="json")))  # no 20 MB "counted" field
            return answer, len(context.dropped), len(context.dropped_quotations)
        # Raised outside the except block so it carries no __context__: the SDK's exception holds the request,
        # whose headers hold the API key, and tools that render exception chains (with locals) would show it.
        raise failure

    def send(self, kwargs: dict[str, Any], requests: _Counter, chunk: int = 0) -> Any:
        """One answer from the endpoint, retrying transient errors. Counts calls and tokens."""
        import openai
        from tenacity import Retrying, retry_if_exception, stop_after_attempt

        tries = _Counter()
        progress = self.x.progress

        def call(request: dict[str, Any]) -> Any:
            with self.x.gate:  # shared by every draft checked at once
                number = requests.n
                progress.request(chunk, number)
                try:
                    return self.request(request)
                finally:
                    progress.answered(chunk, number)

        def before(state: RetryCallState) -> None:
            if self.abort.is_set():
                raise _Aborted()
            if time.monotonic() >= self.x.deadline:
                raise _OutOfTime()
            tries.n += 1
            requests.n += 1
            self.tally.add(calls=1)

        def pause(state: RetryCallState) -> float:
            exc = state.outcome.exception() if state.outcome else None
            seconds = self.x.backoff.wait(state.attempt_number, retry_after(exc) if exc else None)
            log.debug("transient error (%s); waiting %.2fs", type(exc).__name__, seconds)
            return seconds

        attempts = stop_after_attempt(self.config.max_retries + 1)
        retrying = Retrying(
            retry=retry_if_exception(is_transient),
            stop=lambda state: attempts(state) or _refused_twice(state),
            wait=pause,
            before=before,
            sleep=self.sleep,
            reraise=True,
        )

        try:
            response = retrying(call, kwargs)
        except (openai.APIError, deadline.Expired) as exc:
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
        until = min(time.monotonic() + self.config.timeout, self.x.deadline)
        try:
            return deadline.call_within(lambda: self.backend.complete(kwargs), until, self.abort)
        except deadline.Stopped:
            raise _Aborted() from None
        except deadline.Expired:
            if time.monotonic() >= self.x.deadline:
                raise _OutOfTime() from None
            raise  # transient, like the SDK's own timeout

    def sleep(self, seconds: float) -> None:
        """Wait, but wake up early when another chunk has failed, and never past the run's deadline."""
        try:
            deadline.pause(seconds, self.x.deadline, self.abort)
        except deadline.Stopped:
            raise _Aborted() from None
        except deadline.Expired:
            raise _OutOfTime() from None


def chunk_key(config: Config, prompt: Prompt, messages: list[dict[str, Any]]) -> str:
    """The cache key of a chunk's answer (the Batch API path uses it as the request's ``custom_id`` too)."""
    return cache_mod.key(
        model=config.model,
        mode=config.mode,
        temperature=config.temperature,
        prompt=prompt.version,
        prompt_hash=prompt.digest,
        schema=schema_hash(),
        messages=messages,
    )


def text_key(doc: Document, chunk: chunks_mod.Chunk) -> str:
    """The hash of the text a chunk's answer is grounded in, kept in its cache entry and checked on a hit."""
    return cache_mod.key(text=doc.text[chunk.region.start : chunk.region.end])


def cache_entry(answer: Answer, dropped: int, dropped_quotations: int, text: str) -> dict[str, Any]:
    """What the cache keeps for a chunk: the validated answer, what validation dropped, the text's hash."""
    return {
        "answer": answer.model_dump(mode="json"),
        "dropped": dropped,
        "dropped_quotations": dropped_quotations,
        "text": text,
    }


# --- errors ---------------------------------------------------------------------------------------------


def _failure(x: LLMExtractor, exc: Exception, doc: Document, chunk: chunks_mod.Chunk, answers: int) -> Exception:
    """The one-line error for a chunk that could not be extracted (the API key scrubbed from it)."""
    import openai
    from instructor.core import IncompleteOutputException, InstructorRetryException

    cause: BaseException = exc
    while isinstance(cause, InstructorRetryException) and cause.__cause__ is not None:
        cause = cause.__cause__
    if isinstance(cause, _Aborted):
        return cause
    first, last = doc.position(chunk.span.start)[0], doc.position(chunk.span.end - 1)[0]
    where = f"{doc.path}: LLM extraction failed for lines {first}-{last}"
    endpoint, model, tries = x.endpoint, x.config.model, int(getattr(cause, "factlint_tries", 1))
    if isinstance(cause, _OutOfTime):
        return ExtractionError(f"{where}: gave up on {endpoint}: the run's deadline of {x.config.deadline:g}s passed")
    if isinstance(cause, openai.APIStatusError):
        detail = x.redact(_server_message(cause))
        status = cause.status_code
        tail = f": {detail}" if detail else ""
        if is_transient(cause):
            message = f"{where}: {endpoint} answered {status} to all {tries} attempts{tail}"
            return ExtractionError(message, attempts=tries, last_response=detail)
        if isinstance(cause, openai.AuthenticationError):
            message = f"{endpoint} rejected the API key (401); check ${x.config.api_key_env}"
        elif isinstance(cause, openai.PermissionDeniedError):
            message = f"{endpoint} refused access to model {model!r} (403)"
        elif isinstance(cause, openai.NotFoundError):
            message = f"model {model!r} not found at {endpoint} (404; check the model name and base URL)"
        else:
            message = f"{endpoint} refused the request ({status})"
            if status == 400 and x.config.mode != "md_json":
                message += f"; if the server does not support mode {x.config.mode}, try mode md_json"
        return EndpointError(f"{where}: {message}{tail}", attempts=tries, last_response=detail)
    if isinstance(cause, (openai.APITimeoutError, deadline.Expired)):
        return ExtractionError(
            f"{where}: no answer from {endpoint} within {x.config.timeout:g}s ({tries} attempts)", attempts=tries
        )
    if isinstance(cause, openai.APIConnectionError):
        return ExtractionError(f"{where}: cannot connect to {endpoint} ({tries} attempts)", attempts=tries)
    if isinstance(cause, IncompleteOutputException):
        return ExtractionError(f"{where}: the answer was cut off at the token limit; lower chunk_chars")
    if isinstance(cause, (pydantic.ValidationError, ValueError)):
        reason = x.redact(_first_line(str(cause)))
        return InvalidAnswerError(
            f"{where}: no valid answer after {answers} attempts: {reason}",
            attempts=answers,
            last_response=x.redact(_last_answer(exc)),
        )
    return ExtractionError(f"{where}: {type(cause).__name__}: {x.redact(_first_line(str(cause)))}")


def _server_message(exc: openai.APIStatusError) -> str:
    body = exc.body
    if isinstance(body, dict):
        error = body.get("error", body)
        if isinstance(error, dict) and isinstance(error.get("message"), str):
            return _first_line(error["message"])
        if isinstance(error, str):
            return _first_line(error)
    text = getattr(exc.response, "text", "") or ""
    return _first_line(text)


def _first_line(text: str, limit: int = 300) -> str:
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _last_answer(exc: Exception) -> str:
    completion = getattr(exc, "last_completion", None)
    try:
        message = completion.choices[0].message  # type: ignore[union-attr]
        if message.tool_calls:
            return str(message.tool_calls[0].function.arguments)[:2000]
        return str(message.content or "")[:2000]
    except (AttributeError, IndexError, TypeError):
        return ""
