"""Benchmark: the whole offline pipeline (load -> extract -> rules -> text report) on drafts of growing size.

Run from the repository root: PYTHONPATH=. python bench/pipeline_bench.py (prints a Markdown table;
results are recorded in bench/RESULTS.md).
Drafts are made by concatenating the eval corpus's articles (real wire-copy shapes) until the size is reached.
"""

from __future__ import annotations

import time
import tracemalloc

from checker import config as config_mod, document, report
from checker.pipeline import check_document
from evals.corpus import load_corpus


def draft(size: int) -> str:
    articles = [article.text for article in load_corpus()]
    parts: list[str] = []
    total = 0
    while total < size:
        for text in articles:
            parts.append(text)
            total += len(text) + 2
            if total >= size:
                break
    return "\n\n".join(parts)


def measure(size: int) -> tuple[int, float, int, int, float]:
    text = draft(size)
    cfg = config_mod.Config(extractor="offline")
    start = time.perf_counter()
    doc = document.from_text(text, "bench.txt")
    result = check_document(doc, cfg)
    report.render("text", [result], report.RenderOptions())
    elapsed = time.perf_counter() - start
    tracemalloc.start()
    check_document(document.from_text(text, "bench.txt"), cfg)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return len(text), elapsed, len(result.claims), len(result.findings), peak


def main() -> None:
    print("| draft size | seconds | claims | findings | peak MiB (tracemalloc) |")
    print("|---:|---:|---:|---:|---:|")
    for size in (10_000, 100_000, 1_000_000):
        chars, elapsed, claims, findings, peak = measure(size)
        print(f"| {chars / 1000:,.0f} kB | {elapsed:.2f} | {claims:,} | {findings:,} | {peak:.1f} |")


if __name__ == "__main__":
    main()
