"""Python's cyclic garbage collector paused while the checker reads a draft and applies the rules to it.

Neither makes reference cycles (``tests/unit/test_collector.py`` collects nothing after them), so there is nothing
for the collector to free; but it walked every object the run keeps, and more often the more it kept: a quarter
of the time of a 10 MB draft, a tenth of a 1 MB one. Paused, not tuned: it runs again as soon as the block ends.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """The collector paused for the block, enabled again after it unless it was not enabled before (another
    thread's block may still be running then: the collector merely runs sooner than it needs to)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
