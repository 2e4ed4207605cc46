"""Check many drafts at once and yield one Report per draft, in input order.

``reports(paths, config, extractor, jobs=…)`` is the generator the CLI's loop consumes file by file, as it
consumes ``pipeline.check_paths`` (which it falls back to when there is nothing to run at once):

- **offline**: ``jobs`` worker processes (default: the machine's cores). Each worker loads and checks one
  draft at a time, so memory is bounded per file; drafts go to the workers in small batches (``_BATCH_BYTES``),
  those in flight are bounded by their bytes (``_AHEAD_BYTES``), and a finished report waits only for the
  drafts before it. One process, no pool, when ``jobs`` is 1 or there is one draft.
- **llm**: threads (the work is waiting on the endpoint), a few drafts in flight (each read by its thread),
  all sharing one extractor, whose request gate allows ``config.concurrency`` requests at once across every
  draft (``LLMExtractor.gate``).
  Drafts are taken one at a time instead when a progress display is on (a terminal, or ``-v``): it shows one
  draft's chunks and calls.

``remote(report, index)``, when given, is applied to each report in the worker process that made it, and the
parent receives what it returns instead of the report (``checker.pipeline``: the baseline, then each output's
text, so the parent does not unpickle and render every report while the workers want its core). With no
worker process (threads, one process) the reports come as they are.

A draft that cannot be read, or whose figures the LLM could not extract, gives its error report in its place
(``checker.file_errors``), as with ``check_paths``; errors of the run itself (the LLM endpoint failed) raise
when their draft's turn comes, after the reports before it (offline, where only a bug raises, after the batches
before it); drafts not started yet are cancelled, those being checked are finished first.
Worker processes ignore SIGINT: the parent gets it and shuts the pool down.
"""

from __future__ import annotations

import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, NamedTuple, TypeVar, cast

from checker import document, pipeline
from checker.config import Config
from checker.discover import expand_paths
from checker.errors import ConfigError, DraftError
from checker.extract.base import Extractor, get_extractor
from checker.file_errors import unreadable
from checker.models import Document, Report

if TYPE_CHECKING:
    from concurrent.futures import Executor, Future

    from checker.progress import Progress

Item = str | Document | Report  # a path to load, a draft already loaded (stdin), or an unreadable draft's report
T = TypeVar("T")
U = TypeVar("U")


def default_jobs() -> int:
    """The cores this process may run on: its CPU affinity (``os.process_cpu_count`` from Python 3.13, which
    also heeds ``PYTHON_CPU_COUNT``), not every core of the machine."""
    counted = getattr(os, "process_cpu_count", None)
    if counted is not None:
        return max(1, counted() or 1)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def reports(
    paths: Sequence[str],
    config: Config,
    extractor: Extractor | None = None,
    *,
    jobs: int = 0,
    stdin_name: str = "",
    progress: Progress | None = None,
    remote: Callable[[Report, int], T] | None = None,
) -> Iterator[Report | T]:
    """One Report per draft under ``paths``, in order (or what ``remote`` made of it in a worker process).
    ``jobs`` 0 means ``default_jobs()``."""
    if jobs < 0:
        raise ConfigError(f"--jobs {jobs}: expected a number of processes ≥ 1 (0: the cores this process may use)")
    extractor = extractor or get_extractor(config)
    jobs = jobs or default_jobs()
    offline = extractor.name == "offline" and jobs > 1
    llm = extractor.name == "llm" and not (progress is not None and progress.enabled)
    files = expand_paths(paths, config, stdin_name) if offline or llm else []
    if len(files) < 2:
        yield from pipeline.check_paths(files or paths, config, extractor, stdin_name, progress)
        return
    if llm:
        from concurrent.futures import ThreadPoolExecutor

        # each draft read by the thread that checks it (stdin here), so no more than the drafts in flight are held
        pending: list[Item] = [_load(path, stdin_name) if path == "-" else path for path in files]
        workers = max(1, min(config.concurrency, len(pending)))
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="factlint-file") as pool:
            yield from _in_order(pool, lambda item, _: _check(item, config, extractor), pending, workers)
        return
    import multiprocessing  # imported for a pool only: a one-draft check does not pay for it
    from concurrent.futures import ProcessPoolExecutor

    items: list[Item] = [_load(path, stdin_name) if path == "-" else path for path in files]  # stdin read here
    workers = min(jobs, len(items))
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    start = (config, remote)
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker, initargs=start) as pool:
        for done in _in_order(pool, _check_batch_in_worker, _batches(items), workers):
            # what the worker made of each report: the report itself, or what ``remote`` returned
            yield from cast("list[Report | T]", done)


# Drafts submitted ahead of the one being reported: at least two a worker, so none waits; more, up to 16 a worker,
# while those in flight total under 8 MB, so a slow draft does not leave the other workers idle behind it (2,000
# small drafts, --jobs 2: 0.64-0.70 of --jobs 1's time with two a worker, 0.61-0.62 with 16) and memory stays
# bounded by the bytes in flight, not by the number of drafts.
_AHEAD_MIN, _AHEAD_MAX, _AHEAD_BYTES = 2, 16, 8 << 20


def _in_order(pool: Executor, work: Callable[[U, int], T], items: Iterable[U], workers: int) -> Iterator[T]:
    """Submit ``work(item, index)`` for items ahead of the one being yielded (see ``_AHEAD_BYTES``); yield the
    results in input order."""
    pending: deque[tuple[Future[T], int]] = deque()
    queue = enumerate(items)
    in_flight = 0

    def fill() -> None:
        nonlocal in_flight
        while len(pending) < _AHEAD_MIN * workers or (len(pending) < _AHEAD_MAX * workers and in_flight < _AHEAD_BYTES):
            index, item = next(queue, (0, None))
            if item is None:
                return
            size = _size(item)
            pending.append((pool.submit(work, item, index), size))
            in_flight += size

    try:
        fill()
        while pending:
            future, size = pending.popleft()
            report = future.result()
            in_flight -= size
            fill()  # before handing the report on, so the workers keep busy while it is rendered
            yield report
    finally:
        for future, _ in pending:
            future.cancel()


# Consecutive drafts go to a worker process as one task, up to 16 of them and 32 kB (a bigger draft alone): each
# task costs the parent a future, a wake-up of the pool's threads and a message each way (2,000 drafts, --jobs 2:
# parent CPU 0.9-1.07 s with one draft a task, 0.48 s in these batches), while a batch of small drafts is a
# few tens of milliseconds of a worker's time, too little to leave the other worker idle at the end.
_BATCH_DRAFTS, _BATCH_BYTES = 16, 32 << 10


class _Batch(NamedTuple):
    """Drafts sent to a worker process as one task: each with its index in the run; their bytes (``_size``)."""

    items: tuple[tuple[int, Item], ...]
    size: int


def _batches(items: Sequence[Item]) -> Iterator[_Batch]:
    batch: list[tuple[int, Item]] = []
    size = 0
    for index, item in enumerate(items):
        more = _size(item)
        if batch and (len(batch) == _BATCH_DRAFTS or size + more > _BATCH_BYTES):
            yield _Batch(tuple(batch), size)
            batch, size = [], 0
        batch.append((index, item))
        size += more
    if batch:
        yield _Batch(tuple(batch), size)


def _size(item: object) -> int:
    """About how many bytes a draft in flight holds: its file's size, or its text's length once loaded."""
    if isinstance(item, _Batch):
        return item.size
    if isinstance(item, str):
        try:
            return os.path.getsize(item)
        except OSError:
            return 0
    return len(item.text) if isinstance(item, Document) else 0


def _load(path: str, stdin_name: str = "") -> Document | Report:
    try:
        return document.load(path, stdin_name)
    except DraftError as exc:
        return unreadable((stdin_name or path) if path == "-" else path, exc)


def _check(item: Item, config: Config, extractor: Extractor) -> Report:
    loaded = _load(item) if isinstance(item, str) else item
    if isinstance(loaded, Report):
        return loaded
    return pipeline.check_draft(loaded, config, extractor)


# --- worker processes -----------------------------------------------------------------------------------

_WORKER: tuple[Config, Extractor, Callable[[Report, int], object] | None] | None = None


def _start_worker(config: Config, remote: Callable[[Report, int], object] | None) -> None:
    global _WORKER
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER = (config, get_extractor(config), remote)


def _check_batch_in_worker(batch: _Batch, _: int) -> list[object]:
    return [_check_in_worker(item, index) for index, item in batch.items]


def _check_in_worker(item: Item, index: int) -> object:
    assert _WORKER is not None, "worker not started"
    config, extractor, remote = _WORKER
    report = _check(item, config, extractor)
    return report if remote is None else remote(report, index)
