"""SIGTERM stops a run the way Ctrl-C does: an exception in the main thread, so the same clean-up runs.

Without this, SIGTERM (a CI job cancelled, ``timeout``, ``kill``) ends the process where it stands: a report
half-staged next to its target, LLM workers cut off, and nothing said. With it, temporary files are removed,
LLM workers are told to stop, and the CLI prints one line and exits 143 (128 + SIGTERM).
"""

from __future__ import annotations

import signal
import threading
from types import FrameType
from typing import Any


class Terminated(KeyboardInterrupt):
    """The process received SIGTERM."""


def _raise(signum: int, frame: FrameType | None) -> None:
    raise Terminated()


def raise_on_sigterm() -> Any:
    """Make SIGTERM raise ``Terminated`` in the main thread; returns the previous handler (``None`` off it)."""
    if threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGTERM, _raise)


def restore(previous: Any) -> None:
    if previous is not None and threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, previous)
