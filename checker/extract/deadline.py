"""Bounded waits on the endpoint: a total time per request, a deadline per run, and a stop that acts at once.

httpx's timeouts are per socket operation, so a server that sends one byte a second never trips them, and a
worker thread blocked in a read cannot be told to stop. So each request runs in a daemon thread of its own
while the worker waits for it against the wall clock, waking every ``POLL`` seconds to see whether the run was
stopped (another chunk failed, Ctrl-C, SIGTERM). A request given up on is abandoned, not joined: its thread
ends when the server or the closed client ends the connection, or with the process.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")
POLL = 0.05


class Expired(Exception):
    """The time allowed for the request passed before it was answered."""


class Stopped(Exception):
    """The run was stopped while the request was in flight."""


def call_within(fn: Callable[[], T], until: float, stop: threading.Event) -> T:
    """``fn()``'s result (or exception), unless ``time.monotonic()`` reaches ``until`` or ``stop`` is set first."""
    outcome: list[tuple[bool, object]] = []
    done = threading.Event()

    def run() -> None:
        try:
            outcome.append((True, fn()))
        except BaseException as exc:  # handed to the waiting worker, never lost in this thread
            outcome.append((False, exc))
        finally:
            done.set()

    threading.Thread(target=run, name="factlint-request", daemon=True).start()
    while not done.wait(max(0.0, min(POLL, until - time.monotonic()))):
        if stop.is_set():
            raise Stopped()
        if time.monotonic() >= until:
            raise Expired()
    ok, value = outcome[0]
    if not ok:
        assert isinstance(value, BaseException)
        raise value
    return value  # type: ignore[return-value]


def pause(seconds: float, until: float, stop: threading.Event) -> None:
    """Sleep ``seconds``, but raise Stopped as soon as ``stop`` is set and Expired rather than sleep past ``until``."""
    left = until - time.monotonic()
    if stop.wait(max(0.0, min(seconds, left))):
        raise Stopped()
    if seconds >= left:
        raise Expired()
