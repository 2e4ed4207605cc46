"""LLM path on the fake server: bytes sent for a 30 kB draft, and 20 drafts × 3 kB checked together.

    PYTHONPATH=. python bench/llm_bench.py [--latency 0.5] [--runs 3]

1. **30 kB draft** (target: bytes sent ≤ 1.3 × (draft + fixed prompt); wall not above today's chunked run).
   The old chunking (``chunk_chars`` 2,500) side by side with the default (one call per draft up to
   ``chunk_chars``, 40,000 since issue 9). Bytes are the request bodies' content-length; the fixed
   prompt is a one-sentence draft's request minus that sentence. Every answer takes ``--latency`` seconds.
2. **20 drafts × 3 kB, concurrency 4** (target: ≤ 4 s at 0.5 s latency): one draft after another (how
   ``factlint check`` ran before ``checker.runner``) against ``runner.reports`` (drafts together, one gate),
   with the default chunking and with the old one.
Cache off; medians of ``--runs``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from pathlib import Path

from bench.fake_model import draft, model
from checker.config import Config
from checker.document import from_text
from checker.extract.llm import LLMExtractor
from checker.pipeline import check_document
from tests.fake_openai import FakeOpenAI

KEY_ENV = "FACTLINT_BENCH_KEY"


def config(url: str, **changes: object) -> Config:
    values: dict[str, object] = {"extractor": "llm", "base_url": url, "api_key_env": KEY_ENV, "model": "bench",
                                 "cache": False, "concurrency": 4, "timeout": 60.0}  # fmt: skip
    values.update(changes)
    return Config(**values)  # type: ignore[arg-type]


def sent(fake: FakeOpenAI, since: int) -> int:
    return sum(int(r.headers.get("content-length", 0)) for r in fake.requests[since:])


def bytes_and_wall(latency: float, runs: int) -> None:
    text = draft(30_000)
    doc = from_text(text, "30k.txt")
    with FakeOpenAI(model(latency)) as fake:
        one = "Police said 12 people were killed."
        check_document(from_text(one, "one.txt"), config(fake.url), LLMExtractor(config(fake.url)))
        fixed = sent(fake, 0) - len(json.dumps(one)) + 2
        floor = len(json.dumps(text)) - 2 + fixed
        print(f"30 kB draft: {len(text):,} chars; fixed prompt {fixed:,} bytes; floor (draft + fixed) {floor:,} bytes")
        print("| chunking | calls | bytes sent | × floor | wall s (median) |")
        print("|---|---:|---:|---:|---:|")
        for label, chunk_chars in (
            ("chunk_chars 2,500 (before issue 9)", 2500),
            ("default: one call per draft", Config().chunk_chars),
        ):
            walls, calls, nbytes = [], 0, 0
            for _ in range(runs):
                cfg = config(fake.url, chunk_chars=chunk_chars)
                before = len(fake.requests)
                start = time.perf_counter()
                check_document(doc, cfg, LLMExtractor(cfg))
                walls.append(time.perf_counter() - start)
                calls, nbytes = len(fake.requests) - before, sent(fake, before)
            wall = statistics.median(walls)
            print(f"| {label} | {calls} | {nbytes:,} | {nbytes / floor:.2f} | {wall:.2f} |")


def many_drafts(latency: float, runs: int) -> None:
    from checker import runner

    paths = []
    folder = os.path.join(os.environ.get("TMPDIR", "/tmp"), f"factlint-bench-{os.getpid()}")
    os.makedirs(folder, exist_ok=True)
    for i in range(20):
        path = os.path.join(folder, f"d{i:02d}.txt")
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(draft(3000, start=i)[:3000].rsplit("\n\n", 1)[0] + "\n")
        paths.append(path)
    with FakeOpenAI(model(latency)) as fake:
        cfg, chunked = config(fake.url), config(fake.url, chunk_chars=2500)
        print(f"\n20 drafts × ~3 kB, {latency:g} s per answer, concurrency 4")
        print("| run | calls | wall s (median) |")
        print("|---|---:|---:|")
        for label, work in (
            (
                "one draft after another",
                lambda x: [check_document(from_text(Path(p).read_text(encoding="utf-8"), p), cfg, x) for p in paths],
            ),
            ("runner.reports (one gate)", lambda x: list(runner.reports(paths, cfg, extractor=x))),
            ("runner.reports, chunk_chars 2,500", lambda x: list(runner.reports(paths, chunked, extractor=x))),
        ):
            walls = []
            for _ in range(runs):
                before = len(fake.requests)
                start = time.perf_counter()
                work(LLMExtractor(chunked if "2,500" in label else cfg))
                walls.append(time.perf_counter() - start)
                calls = len(fake.requests) - before
            print(f"| {label} | {calls} | {statistics.median(walls):.2f} |")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--latency", type=float, default=0.5)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", choices=("bytes", "drafts"), help="run one of the two parts")
    args = parser.parse_args()
    os.environ[KEY_ENV] = "sk-bench"
    if args.only != "drafts":
        bytes_and_wall(args.latency, args.runs)
    if args.only != "bytes":
        many_drafts(args.latency, args.runs)


if __name__ == "__main__":
    main()
