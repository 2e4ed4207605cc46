"""Archive runs on the Batch API: submit every uncached chunk in jobs, poll them, and fill the answer cache.

``submit`` writes one JSONL line per chunk whose answer is not cached, with the exact body the interactive
extractor would send first (``prompt.request_body``), uploads it (``files.create``, purpose ``batch``) and
creates a job (``batches.create`` on ``/v1/chat/completions``): one job for every ``MAX_REQUESTS`` lines or
``MAX_BYTES`` of them, the provider's limits. The request's ``custom_id`` is the chunk's
cache key (``chunk_protocol.chunk_key``), so ``collect`` knows where each answer goes, and a chunk already cached or
already in a job that is still running is never sent again (never billed twice).

``collect`` downloads the output of each finished job and takes each answer exactly as the interactive path
takes its first answer: instructor parses it, the validator grounds it in the chunk, the coverage guard looks
for missed figures. An answer that passes goes into the same on-disk cache (``chunk_protocol.cache_entry``), so a later
``factlint check`` makes no call for that chunk. One that would have been re-asked interactively (ungrounded
quotes, missed figures, a refused request) is left out of the cache: ``check`` asks for it then, as usual.

The state file (default ``.factlint-batch.json``) lists the jobs submitted from here: id, input file, drafts,
request ids, last status, collected or not. It is written atomically once the requests are uploaded, before the
job is created, and again once it is, so re-running a command after an interruption resumes where it stopped: a
job it was stopped while creating is looked up among the server's (by its upload) or created then, never twice.
The API key is never written to it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, TypeVar

from checker import document
from checker.config import Config
from checker.errors import ConfigError, EndpointError, ExtractionError, InputError, OutputError
from checker.extract import chunks as chunks_mod, coverage
from checker.extract.assembly import covered
from checker.extract.backend import not_json, server_message
from checker.extract.chunk_protocol import cache_entry, chunk_key, failed_where, text_key
from checker.extract.grounding import Grounded
from checker.extract.llm import LLMExtractor
from checker.extract.prompt import instructor_mode, messages_for, quiet_instructor, request_body
from checker.extract.retry import is_transient, retry_after
from checker.extract.schema import Answer, ChunkContext, bound_chunk
from checker.models import Document
from checker.output import write_atomic

if TYPE_CHECKING:
    import openai

STATE_FILE = ".factlint-batch.json"
STATE_VERSION = 1
ENDPOINT: Final = "/v1/chat/completions"
# Ended: no more answers will come. An expired or cancelled job has an output file for the requests it ran, as a
# completed one has: ``collect`` takes them. A failed job (its input refused) has none.
ENDED = ("completed", "expired", "cancelled", "failed")
DEAD = ("failed",)  # nothing to collect: its chunks may be submitted again at once
CREATING = "creating"  # recorded before the job is created; its id is known once it is
# One job's limits: OpenAI takes at most 50,000 requests and 200 MB in a batch's input file (Azure: 100,000).
MAX_REQUESTS = 50_000
MAX_BYTES = 190 * 1024 * 1024
T = TypeVar("T")


@dataclasses.dataclass
class Job:
    id: str
    input_file_id: str
    paths: list[str]
    requests: list[str]
    status: str = "validating"
    submitted_at: float = 0.0
    collected: bool = False
    counts: dict[str, int] = dataclasses.field(default_factory=dict)
    reason: str = ""  # why the provider failed the job, as it says
    model: str = ""  # the model and mode the requests were made for: the answers' cache keys depend on them
    mode: str = ""

    @property
    def open(self) -> bool:
        """Still expected to bring answers, or holding answers not collected yet."""
        return not self.collected and self.status not in DEAD


@dataclasses.dataclass(frozen=True)
class Pending:
    """One chunk to ask about: where it is, its messages and its cache key."""

    doc: Document
    chunk: chunks_mod.Chunk
    messages: list[dict[str, Any]]
    key: str


def _parts(todo: Sequence[Pending], config: Config) -> Iterator[list[tuple[Pending, str]]]:
    """The requests in jobs the provider takes: at most ``MAX_REQUESTS`` lines and ``MAX_BYTES`` each."""
    part: list[tuple[Pending, str]] = []
    size = 0
    for item in todo:
        body = request_body(item.messages, config)
        line = json.dumps({"custom_id": item.key, "method": "POST", "url": ENDPOINT, "body": body})
        grows = len(line.encode()) + 1
        if part and (len(part) >= MAX_REQUESTS or size + grows > MAX_BYTES):
            yield part
            part, size = [], 0
        part.append((item, line))
        size += grows
    if part:
        yield part


def _cut_off(line: dict[str, Any]) -> bool:
    """An answer cut off at the token limit (``finish_reason`` ``length``): ``check`` fails its draft at once."""
    response = line.get("response")
    if not isinstance(response, dict) or response.get("status_code") != 200:
        return False
    body = response.get("body")
    choices = body.get("choices") if isinstance(body, dict) else None
    first = choices[0] if isinstance(choices, list) and choices else None
    return isinstance(first, dict) and first.get("finish_reason") == "length"


class State:
    """The jobs submitted from here, in a JSON file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.jobs: list[Job] = []
        if not path.exists():
            return
        if not path.is_file():  # a device never ends (/dev/zero filled memory), a FIFO blocks
            raise InputError(f"{path}: not a factlint batch state file (not a regular file)")
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("version") != STATE_VERSION:
                raise ValueError(f"version {data.get('version')!r}, expected {STATE_VERSION}")
            self.jobs = [Job(**job) for job in data["jobs"]]
        except (OSError, ValueError, TypeError, KeyError, AttributeError) as exc:
            raise InputError(f"{path}: not a factlint batch state file ({exc})") from None

    def save(self) -> None:
        data = {"version": STATE_VERSION, "jobs": [dataclasses.asdict(job) for job in self.jobs]}
        write_atomic(self.path, json.dumps(data, indent=2, sort_keys=True) + "\n")

    def open_requests(self) -> set[str]:
        return {key for job in self.jobs if job.open for key in job.requests}


class Batches:
    """``submit`` / ``status`` / ``collect`` for one config and state file. Each returns lines to print."""

    def __init__(self, config: Config, state_path: Path) -> None:
        if not config.cache:
            raise ConfigError("factlint batch fills the answer cache: it cannot run with --no-cache")
        self.config = config
        self.x = LLMExtractor(config)
        self.state = State(state_path)
        self._client: openai.OpenAI | None = None
        self.unreadable: list[str] = []  # submit's drafts that could not be read: their errors, one line each
        self.failed: list[str] = []  # collect's drafts an answer fails, as in check: one line each
        self._failed_drafts: set[str] = set()

    # the three commands ---------------------------------------------------------------------------------

    def submit(self, paths: Sequence[str]) -> list[str]:
        docs = []
        for path in paths:  # a draft that cannot be read is said and left out, as check reports it (FL001)
            try:
                docs.append(document.load(path))
            except InputError as exc:
                self.unreadable.append(str(exc))
        self._settle()
        wanted = {p.key: p for p in self._pending(docs)}  # one request for chunks that are the same text
        cached = {key for key in wanted if self.x.cache.get(key) is not None}
        queued = (wanted.keys() - cached) & self.state.open_requests()
        todo = [p for key, p in wanted.items() if key not in cached and key not in queued]
        skipped = f"{len(cached)} cached, {len(queued)} already submitted"
        ended = [job.id for job in self.state.jobs if job.open and job.status in ENDED]
        if ended:  # their answers are not in the cache yet; their other chunks are sent once they are
            skipped += f"; {', '.join(ended)} ended: run 'factlint batch collect'"
        if not todo:
            return [f"nothing to submit: {len(wanted)} chunks in {len(docs)} drafts ({skipped})"]
        out = []
        for part in _parts(todo, self.config):
            out.append(self._submit(part, skipped))
        return out

    def _submit(self, part: list[tuple[Pending, str]], skipped: str) -> str:
        """One job of ``part``'s requests (each with its JSONL line): uploaded, recorded, created."""
        data = "".join(line + "\n" for _, line in part).encode()
        client = self.client
        upload = self._call("upload the requests", lambda: client.files.create(
            file=("factlint-batch.jsonl", data, "application/jsonl"), purpose="batch"
        ))  # fmt: skip
        drafts = sorted({str(Path(item.doc.path).resolve()) for item, _ in part})  # collect may run elsewhere
        # Recorded before the job is created: stopped while it is, the next command finds the job the server made,
        # or makes it from this upload (``_settle``), rather than send these requests, and bill them, twice.
        job = Job("", upload.id, drafts, [item.key for item, _ in part], CREATING, time.time())
        job.model, job.mode = self.config.model, self.config.mode
        self.state.jobs.append(job)
        self.state.save()
        batch = self._create(job)
        where = self.x.describe()
        return f"submitted {batch.id} to {where}: {len(part)} requests from {len(drafts)} drafts ({skipped})"

    def status(self) -> list[str]:
        if not self.state.jobs:
            return [f"no batch jobs in {self.state.path}"]
        self._settle()
        out = []
        for job in self.state.jobs:
            if job.open:
                self._refresh(job)
            out.append(self._describe(job))
        self.state.save()
        return out

    def collect(self) -> list[str]:
        self._settle()
        out = []
        for job in self.state.jobs:
            if not job.open:
                continue
            if job.model and (job.model, job.mode) != (self.config.model, self.config.mode):
                # every answer would be stale, and the job collected: answers paid for, thrown away
                out.append(
                    f"{job.id}: submitted for model {job.model!r} in mode {job.mode}, not {self.config.model!r} in"
                    f" mode {self.config.mode}: collect it with the options submit had (--model, --mode); left as is"
                )
                continue
            batch = self._refresh(job)
            if job.status not in ENDED:
                out.append(self._describe(job))
                continue
            answers = self._download(batch.output_file_id) if batch.output_file_id else []
            errors = self._download(batch.error_file_id) if getattr(batch, "error_file_id", None) else []
            job.counts = self._fill_cache(job, answers, errors)
            job.collected = True
            self.state.save()
            out.append(self._describe(job))
        if self.state.jobs:  # with none, no state file is left where there was none
            self.state.save()
        return out or [f"nothing to collect in {self.state.path}"]

    # helpers --------------------------------------------------------------------------------------------

    def _create(self, job: Job) -> Any:
        """Create the batch job of ``job``'s upload and record its id (``job`` is in the state already)."""
        client = self.client
        try:
            batch = self._call("create the batch", lambda: client.batches.create(
                input_file_id=job.input_file_id, endpoint=ENDPOINT, completion_window="24h",
                metadata={"tool": "factlint"},
            ), resend=False)  # fmt: skip
        except EndpointError:  # refused: no job was made, and its chunks are free to be sent again
            self.state.jobs.remove(job)
            self.state.save()
            raise
        job.id, job.status = batch.id, str(batch.status)
        self.state.save()
        return batch

    def _settle(self) -> None:
        """Jobs a command was stopped while creating: the server's job for the upload, else one made now."""
        creating = {job.input_file_id: job for job in self.state.jobs if job.status == CREATING}
        if not creating:
            return
        client = self.client
        since = min(job.submitted_at for job in creating.values()) - 3600  # the listing is newest first
        try:
            page = self._call("list the batches", lambda: client.batches.list(limit=100))
        except EndpointError:  # a compatible server without a listing: nothing to find, the job is made now
            page = None
        while page is not None:  # one page after another, as far back as the oldest upload
            for batch in page.data:
                job = creating.pop(batch.input_file_id, None)
                if job is not None:
                    job.id, job.status = batch.id, str(batch.status)
                    self.state.save()
            if not creating or not page.data or page.data[-1].created_at < since or not page.has_next_page():
                break
            page = self._call("list the batches", page.get_next_page)
        for job in creating.values():
            self._create(job)

    def _pending(self, docs: Sequence[Document]) -> Iterator[Pending]:
        for doc in docs:
            for chunk in chunks_mod.split(doc, self.config.chunk_chars):
                messages = messages_for(doc, chunk, self.config, self.x.prompt)
                yield Pending(doc, chunk, messages, chunk_key(self.config, self.x.prompt, messages))

    def _refresh(self, job: Job) -> Any:
        client = self.client
        batch = self._call(f"look up {job.id}", lambda: client.batches.retrieve(job.id))
        job.status = str(batch.status)
        errors = batch.errors.data if batch.errors is not None and batch.errors.data else []
        if errors:  # the provider refused the job as a whole (its input, the model): say why
            said = errors[0].message or errors[0].code or ""
            job.reason = self.x.redact(" ".join(said.split())[:300])
        counts = batch.request_counts
        if counts is not None:
            job.counts = {**job.counts, "total": counts.total, "completed": counts.completed, "failed": counts.failed}
        return batch

    def _download(self, file_id: str) -> list[dict[str, Any]]:
        client = self.client
        text = self._call(f"download {file_id}", lambda: client.files.content(file_id)).text
        try:
            return [json.loads(line) for line in text.splitlines() if line.strip()]
        except ValueError:
            raise ExtractionError(f"{self.x.endpoint}: batch output {file_id} is not JSON lines") from None

    def _fill_cache(
        self, job: Job, answers: list[dict[str, Any]], errors: Sequence[dict[str, Any]] = ()
    ) -> dict[str, int]:
        """Cache every answer the interactive path would have kept from its first attempt. One it would have failed
        its draft on at once, asking no more (an answer cut off at the token limit, a chunk too long for the
        model), fails the draft here too: its error in ``failed``, as ``check`` says it."""
        docs = []
        for path in job.paths:
            try:
                docs.append(document.load(path))
            except InputError:
                continue  # gone since: its answers are stale
        here = {p.key: p for p in self._pending(docs)}
        counts = {**job.counts, "cached": 0, "to_ask": 0, "stale": 0, "extraction_failed": 0}
        answered = {str(line.get("custom_id")) for line in answers}
        final = {}  # requests in the error file that check would not ask again: the chunk too long for the model
        for line in errors:
            item = here.get(str(line.get("custom_id")))
            why = self._too_long(line)
            if item is not None and why:
                final[item.key] = (item, why)
        for request in job.requests:  # no answer: in the error file, or not run before the job ended
            if request in final:
                self._fail(*final[request])
                counts["extraction_failed"] += 1
            elif request not in answered:
                counts["to_ask" if request in here else "stale"] += 1
        counting: dict[str, coverage.Counting] = {}  # per draft, as one interactive run has one
        for line in answers:
            item = here.get(str(line.get("custom_id")))
            if item is None:  # the draft, the config or the prompt changed since the job was submitted
                counts["stale"] += 1
                continue
            if _cut_off(line):
                self._fail(item, "the answer was cut off at the token limit; lower chunk_chars")
                counts["extraction_failed"] += 1
                continue
            if item.doc.path not in counting:
                counting[item.doc.path] = coverage.Counting(item.doc, self.config.taxonomy, self.config.tolerance)
            entry = self._accept(item, line, counting[item.doc.path])
            if entry is None:
                counts["to_ask"] += 1
                continue
            try:
                self.x.cache.put(item.key, entry, strict=True)
            except OSError as exc:  # the answers would be lost, and sent and billed again: the job stays to collect
                where = self.x.cache.directory
                raise OutputError(
                    f"{where}: cannot write the answer cache ({exc.strerror or exc}); {job.id} is left to collect again"
                ) from None
            counts["cached"] += 1
        return counts

    def _too_long(self, line: dict[str, Any]) -> str:
        """Why an error line's request failed, when it is the chunk's length (``check``'s 400
        ``context_length_exceeded``, which fails the draft): otherwise ""."""
        response = line.get("response") or {}
        body = response.get("body") if isinstance(response, dict) else None
        error = body.get("error") if isinstance(body, dict) else None
        if not isinstance(error, dict) or error.get("code") != "context_length_exceeded":
            return ""
        said = " ".join(str(error.get("message") or "").split())[:300]
        status = response.get("status_code", 400)
        message = (
            f"{self.x.endpoint} refused the request ({status}): the chunk is too long for the model; lower chunk_chars"
        )
        return self.x.redact(f"{message}: {said}" if said else message)

    def _fail(self, item: Pending, why: str) -> None:
        """``item``'s draft could not be extracted: its error, as ``check`` words it, once a draft (its first
        chunk that failed), as ``check`` gives one ``FL002``."""
        if item.doc.path in self._failed_drafts:
            return
        self._failed_drafts.add(item.doc.path)
        path = item.doc.path
        with contextlib.suppress(ValueError):  # shown from here when it is below here, as it was named
            path = str(Path(path).relative_to(Path.cwd()))
        self.failed.append(f"{failed_where(item.doc, item.chunk, path)}: {why}")

    def _accept(self, item: Pending, line: dict[str, Any], counting: coverage.Counting) -> dict[str, Any] | None:
        """The cache entry for one answer, or None when the interactive path would have asked again."""
        import instructor
        from openai.types.chat import ChatCompletion

        response = line.get("response") or {}
        if line.get("error") or response.get("status_code") != 200:
            return None
        try:
            completion = ChatCompletion.model_validate(response.get("body"))
        except ValueError:
            return None
        config = self.config
        grounded = Grounded(item.doc, config.taxonomy, config.tolerance)
        context = ChunkContext(item.doc, item.chunk.region, config.taxonomy, config.tolerance, grounded=grounded)
        context.lenient = config.reasks < 1  # as on the interactive path's first attempt
        create = instructor.patch(create=lambda **_: completion, mode=instructor_mode(config.mode))
        quiet_instructor()
        try:
            with bound_chunk(context):
                answer: Answer = create(
                    response_model=Answer,
                    messages=item.messages,
                    model=config.model,
                    temperature=config.temperature,
                    max_retries=0,
                    strict=False,
                )
        except Exception:
            return None
        missed = coverage.uncovered(
            item.doc,
            item.chunk.span,
            covered(item.doc, item.chunk, answer, config, counting, grounded),
            config.tolerance,
        )
        if missed:
            return None
        return cache_entry(
            answer, len(context.dropped), len(context.dropped_quotations), text_key(item.doc, item.chunk)
        )

    def _describe(self, job: Job) -> str:
        counts = job.counts
        text = f"{job.id}: {job.status}, {len(job.requests)} requests from {len(job.paths)} drafts"
        if job.status == "failed" and job.reason:
            text += f": {job.reason}"
        elif job.collected:
            failing = counts.get("extraction_failed", 0)
            failed = f", {failing} failing their drafts (as in 'factlint check')" if failing else ""
            text += (
                f"; collected: {counts.get('cached', 0)} answers cached, {counts.get('to_ask', 0)} left for"
                f" 'factlint check' to ask{failed}, {counts.get('stale', 0)} stale"
            )
        elif "completed" in counts:
            text += f" ({counts['completed']} done, {counts.get('failed', 0)} failed)"
        return text

    @property
    def client(self) -> openai.OpenAI:
        if self._client is None:
            self._client = self.x._client()
        return self._client

    def _call(self, what: str, call: Callable[[], T], *, resend: bool = True) -> T:
        """One Batch API request, with ``check``'s retries of transient errors (``max_retries``, the backoff,
        ``retry-after``); an endpoint error becomes one line (the API key scrubbed from it), and so does an answer
        that is not the API's JSON (the SDK hands a web page back as text). ``resend=False``: a request that may
        have been carried out though it failed (a job created, then a 5xx or a lost connection) is sent again
        only after a 429, which says it was not."""
        import openai
        from tenacity import Retrying, retry_if_exception, stop_after_attempt

        def again(exc: BaseException) -> bool:
            if not resend:
                return isinstance(exc, openai.APIStatusError) and exc.status_code == 429
            return is_transient(exc)

        def pause(state: Any) -> float:
            exc = state.outcome.exception() if state.outcome else None
            return self.x.backoff.wait(state.attempt_number, retry_after(exc) if exc else None)

        retrying = Retrying(
            retry=retry_if_exception(again),
            stop=stop_after_attempt(self.config.max_retries + 1),
            wait=pause,
            reraise=True,
        )
        body: str
        try:
            result = retrying(call)
            if not isinstance(result, str):
                return result
            body = str(result)
        except json.JSONDecodeError as exc:
            body = exc.doc
        except openai.APIStatusError as exc:  # refused (EndpointError), or still failing after the retries
            kind = ExtractionError if is_transient(exc) else EndpointError
            failure: ExtractionError = kind(
                f"{self.x.endpoint}: could not {what} ({exc.status_code}): {self.x.redact(server_message(exc))}"
            )
        except openai.APIError as exc:
            failure = ExtractionError(f"{self.x.endpoint}: could not {what}: {self.x.redact(str(exc))}")
        else:
            answered = self.x.redact(not_json(body))
            failure = ExtractionError(
                f"{self.x.endpoint}: could not {what}: it answered 200 with {answered}; is base_url the API's URL?"
            )
        raise failure  # outside the except block: the SDK's exception holds the request and its headers

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
