"""Run statistics of the LLM extractor, added to from every worker thread (the fields of ExtractionStats)."""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass, field

from checker.models import ExtractionStats


@dataclass
class Tally:
    """Run statistics (the fields of ExtractionStats), updated from worker threads."""

    counts: Counter[str] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, **counts: int) -> None:
        with self.lock:
            self.counts.update(counts)

    def stats(self) -> ExtractionStats:
        return ExtractionStats(**self.counts)


@dataclass
class Count:
    """A number counted up by the closures of one chunk's requests."""

    n: int = 0
