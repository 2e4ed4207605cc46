"""The LLM extractor: wires the pieces that extract a draft's claims with an LLM.

A draft is split into chunks of paragraphs (``chunks.split``), answered concurrently up to
``config.concurrency`` (one gate across every draft this extractor checks), each by the chunk protocol
(``chunk_protocol.py``: cache, ask, re-ask, merge, cache) over the OpenAI-compatible backend (``backend.py``:
instructor, tenacity's retries, the deadline, the mapping of the SDK's errors). With several chunks, one
reconciliation call (``reconcile.py``) says which of their quantities are one. The answers are then assembled
into claims, quantities and quotations (``assembly.py``).

A chunk that still fails raises ExtractionError (EndpointError for a refused request): never a partial report;
the other chunks are stopped at once, as they are on Ctrl-C or SIGTERM. The one exception is a coverage re-ask
that returns no valid answer: the first answer stands and the missed figures are reported as unreviewed. The API
key is only passed to the SDK; error messages are scrubbed of it, and it is never cached or logged.

Statistics: ``calls`` counts HTTP requests; ``retries`` the requests beyond the first for a chunk (transient
errors, validation re-asks and the coverage re-ask); ``dropped_claims`` and ``dropped_quotations`` the claims and
quotations dropped as ungrounded (a cached answer keeps its counts, so a re-run reports the same).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

from checker.config import Config
from checker.errors import ConfigError
from checker.extract import assembly, cache as cache_mod, chunks as chunks_mod, coverage
from checker.extract.backend import Aborted, Backend, OpenAIBackend, Requests, openai_client
from checker.extract.chunk_protocol import ChunkProtocol
from checker.extract.grounding import Grounded
from checker.extract.patterns import PatternExtractor
from checker.extract.prompt import load_prompt, quiet_instructor
from checker.extract.retry import Backoff
from checker.extract.tally import Tally
from checker.models import Document, Extraction
from checker.progress import Progress
from checker.settings import redact_url

if TYPE_CHECKING:  # openai is imported on the first cache miss, not before
    import openai

log = logging.getLogger("factlint.llm")


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
        spoken = assembly.spoken(doc, results, self.config, run.tally)
        offline = PatternExtractor(self.config.taxonomy, self.config.tolerance)
        quotations = assembly.quotations(doc, claims, spoken, lambda: offline.quotations(doc))
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
        """The base URL for messages and reports: no user:password part, query or fragment, and no path segment
        shaped like a key or holding the API key (the config refuses both; this holds for any Config)."""
        if not self.config.base_url:
            return "api.openai.com"
        parts = urlsplit(self.config.base_url)
        host = parts.hostname or ""
        netloc = f"{host}:{parts.port}" if parts.port else host
        return self.redact(redact_url(urlunsplit((parts.scheme, netloc, parts.path, "", ""))))

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
        requests = Requests(
            self.config,
            self.backend,
            gate=extractor.gate,
            progress=extractor.progress,
            backoff=extractor.backoff,
            until=extractor.deadline,
            abort=self.abort,
            tally=self.tally,
            endpoint=extractor.endpoint,
            redact=extractor.redact,
        )
        self.protocol = ChunkProtocol(
            doc,
            self.config,
            requests,
            prompt=extractor.prompt,
            cache=extractor.cache,
            progress=extractor.progress,
            tally=self.tally,
            counting=self.counting,
            grounded=self.grounded,
        )
        self.reconcile = self.protocol.reconcile

    def close(self) -> None:
        self.backend.close()

    def all(self, chunks: list[chunks_mod.Chunk]) -> list[assembly.ChunkResult]:
        if not chunks:
            return []
        workers = max(1, min(self.config.concurrency, len(chunks)))
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="factlint-llm") as pool:
            futures = [pool.submit(self.protocol.chunk, chunk) for chunk in chunks]
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
                raise next((e for e in errors if not isinstance(e, Aborted)), errors[0])
            return [f.result() for f in futures]
