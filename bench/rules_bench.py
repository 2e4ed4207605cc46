"""Benchmark: grouping + rules on 1k / 10k / 100k synthetic claims (issue: must be sub-quadratic).

Run: python bench/rules_bench.py [sizes...]   — prints a Markdown table; results are recorded in bench/RESULTS.md.
Claims are spread like a big newsroom batch: many scopes (stories), a handful of events and populations each,
several sources, some qualifiers, some time markers. Time is wall-clock for ``checker.rules.run`` only.
"""

from __future__ import annotations

import random
import sys
import time
import tracemalloc

from checker import config as config_mod, rules
from checker.models import Claim, Document, Extraction, Interval, Source, SourceKind, Span

POPULATIONS = [
    ("prisoner",),
    ("policeman",),
    ("guard",),
    ("security force member",),
    ("person",),
    ("civilian",),
    ("guard", "prisoner"),
    ("child",),
    ("adult",),
]
EVENTS = ["killed", "injured", "escaped", "freed", "arrested"]
SOURCES = [Source(SourceKind.ORGANISATION, f"agency {i}") for i in range(6)] + [Source(SourceKind.VAGUE, "sources")]
TIMES = ["", "", "", "by Friday", "by Saturday", "rose to"]


def synthetic(n: int, seed: int = 7) -> tuple[Document, Extraction]:
    rng = random.Random(seed)
    stories = max(1, n // 40)  # about 40 claims per story, as in a long wire piece
    claims = []
    for i in range(n):
        low = float(rng.randint(0, 500))
        value = Interval.exact(low) if rng.random() < 0.8 else Interval(low, float("inf"), low_open=True)
        claims.append(
            Claim(
                id=f"c{i}",
                quote=f"claim {i}",
                span=Span(i, i + 1),
                figure=str(int(low)),
                figure_span=Span(i, i + 1),
                value=value,
                population=rng.choice(POPULATIONS),
                event=rng.choice(EVENTS),
                scope=f"story {rng.randrange(stories)}",
                time=rng.choice(TIMES),
                source=rng.choice(SOURCES),
            )
        )
    doc = Document.create("bench.txt", "x" * (n + 1))
    return doc, Extraction("bench", tuple(claims))


def measure(n: int, repeat: int = 3) -> tuple[float, int, float]:
    """Best-of-``repeat`` seconds, findings, and peak traced MiB (measured in a separate, slower run)."""
    doc, extraction = synthetic(n)
    cfg = config_mod.Config(extractor="offline")
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        found = rules.run(doc, extraction, cfg)
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    rules.run(doc, extraction, cfg)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return min(times), len(found), peak


def main(sizes: list[int]) -> None:
    print("| claims | seconds | findings | peak MiB (tracemalloc) | µs per claim |")
    print("|---:|---:|---:|---:|---:|")
    for n in sizes:
        elapsed, count, peak = measure(n)
        print(f"| {n:,} | {elapsed:.3f} | {count:,} | {peak:.1f} | {elapsed / n * 1e6:.1f} |")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1_000, 10_000, 100_000])
