"""Check many drafts at once and yield one Report per draft, in input order.

``reports(items, config, jobs)`` is a generator the CLI's loop consumes file by file:

- **offline**: ``jobs`` worker processes (default: the machine's cores). Each worker loads and checks one
  draft at a time, so memory is bounded per file; at most ``2 × jobs`` drafts are in flight, and a finished
  report waits only for the drafts before it. One process, no pool, when ``jobs`` is 1 or there is one draft.
- **llm**: every draft is loaded first (a bad file fails before any request is paid for); then threads (the
  work is waiting on the endpoint), a few drafts in flight, all sharing one extractor, whose request gate
  allows ``config.concurrency`` requests at once across every draft (``LLMExtractor.gate``).

A draft that fails (unreadable, extraction failed) raises its error when its turn comes, after the reports
of the drafts before it; drafts not started yet are cancelled, those being checked are finished first.
Workers ignore SIGINT: the parent gets it and shuts the pool down.
"""

from __future__ import annotations

import os
import signal
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from checker import document, pipeline
from checker.config import Config
from checker.errors import ConfigError
from checker.extract.base import Extractor, get_extractor
from checker.models import Document, Report

if TYPE_CHECKING:
    from concurrent.futures import Executor, Future

Item = str | Document  # a path to load, or a draft already loaded (stdin)


def default_jobs() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def reports(
    items: Sequence[Item], config: Config, jobs: int = 0, extractor: Extractor | None = None
) -> Iterator[Report]:
    """One Report per item, in order. ``jobs`` 0 means ``default_jobs()``."""
    if jobs < 0:
        raise ConfigError(f"--jobs {jobs}: expected a number of processes ≥ 1 (0: all cores)")
    extractor = extractor or get_extractor(config)
    jobs = jobs or default_jobs()
    if extractor.name == "llm" and len(items) > 1:
        from concurrent.futures import ThreadPoolExecutor

        docs = [_load(item) for item in items]  # a bad file fails before any request is paid for
        workers = max(1, min(config.concurrency, len(docs)))
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="factlint-file") as pool:
            yield from _in_order(pool, lambda doc: _check(doc, config=config, extractor=extractor), docs, workers)
        return
    if jobs == 1 or len(items) < 2 or extractor.name != "offline":
        for item in items:
            yield _check(item, config=config, extractor=extractor)
        return
    import multiprocessing  # imported for a pool only: a one-draft check does not pay for it
    from concurrent.futures import ProcessPoolExecutor

    workers = min(jobs, len(items))
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker, initargs=(config,)) as pool:
        yield from _in_order(pool, _check_in_worker, items, workers)


def _in_order(pool: Executor, work: Callable[[Item], Report], items: Sequence[Item], workers: int) -> Iterator[Report]:
    """Submit at most ``2 × workers`` items ahead of the one being yielded; yield results in input order."""
    pending: deque[Future[Report]] = deque()
    queue = iter(items)
    try:
        for item in queue:
            pending.append(pool.submit(work, item))
            if len(pending) >= 2 * workers:
                break
        while pending:
            report = pending.popleft().result()
            for item in queue:
                pending.append(pool.submit(work, item))
                break
            yield report
    finally:
        for future in pending:
            future.cancel()


def _check(item: Item, *, config: Config, extractor: Extractor) -> Report:
    return pipeline.check_document(_load(item), config, extractor)


def _load(item: Item) -> Document:
    return item if isinstance(item, Document) else document.load(item)


# --- worker processes -----------------------------------------------------------------------------------

_WORKER: tuple[Config, Extractor] | None = None


def _start_worker(config: Config) -> None:
    global _WORKER
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER = (config, get_extractor(config))


def _check_in_worker(item: Item) -> Report:
    assert _WORKER is not None, "worker not started"
    config, extractor = _WORKER
    return _check(item, config=config, extractor=extractor)
